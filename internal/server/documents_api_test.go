package server

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func send(t *testing.T, method, url, token string, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestDocumentConflictAndReplace: adding never overwrites (409 naming the
// id the name gives); PUT and POST ?replace=true replace, token-gated.
// The steps run in order on one server.
func TestDocumentConflictAndReplace(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "tester"})
	letter := func(word string) string {
		return "Geachte voorzitter,\n\nDeze brief gaat over het " + word + ".\n"
	}
	type errBody struct {
		Error struct{ Code, ID string } `json:"error"`
	}
	for _, tc := range []struct {
		name, method, path, token, body string
		want                            int
		wantErr                         errBody // checked when want ≥ 400
		wantWord                        string  // the word GET /documents/dup must hold after the step
	}{
		{"first add", "POST", "/api/v1/documents?name=dup.txt", testToken, letter("alfaquux"), 201, errBody{}, "alfaquux"},
		{"same name", "POST", "/api/v1/documents?name=dup.txt", testToken, letter("bravozorp"), 409, conflict("dup"), "alfaquux"},
		{"other extension", "POST", "/api/v1/documents?name=dup.md", testToken, letter("bravozorp"), 409, conflict("dup"), "alfaquux"},
		{"other case", "POST", "/api/v1/documents?name=DUP.txt", testToken, letter("bravozorp"), 409, conflict("dup"), "alfaquux"},
		{"replace=false", "POST", "/api/v1/documents?name=dup.txt&replace=false", testToken, letter("bravozorp"), 409, conflict("dup"), "alfaquux"},
		{"replace=nonsense", "POST", "/api/v1/documents?name=dup.txt&replace=ja", testToken, letter("bravozorp"), 400, errBody{}, "alfaquux"},
		{"replace without token", "POST", "/api/v1/documents?name=dup.txt&replace=true", "", letter("bravozorp"), 401, errBody{}, "alfaquux"},
		{"replace=true", "POST", "/api/v1/documents?name=dup.md&replace=true", testToken, letter("bravozorp"), 200, errBody{}, "bravozorp"},
		{"PUT without token", "PUT", "/api/v1/documents/dup", "", letter("charliewix"), 401, errBody{}, "bravozorp"},
		{"PUT name of another id", "PUT", "/api/v1/documents/dup?name=other.txt", testToken, letter("charliewix"), 400, errBody{}, "bravozorp"},
		{"PUT", "PUT", "/api/v1/documents/dup", testToken, letter("charliewix"), 200, errBody{}, "charliewix"},
		{"PUT with name", "PUT", "/api/v1/documents/dup?name=DUP.txt", testToken, letter("deltamoog"), 200, errBody{}, "deltamoog"},
		{"PUT creates", "PUT", "/api/v1/documents/nieuw", testToken, letter("echofjord"), 201, errBody{}, "deltamoog"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := send(t, tc.method, ts.URL+tc.path, tc.token, tc.body)
			if code != tc.want {
				t.Fatalf("status %d, want %d: %s", code, tc.want, body)
			}
			if code >= 400 && tc.wantErr.Error.Code != "" {
				var got errBody
				if err := json.Unmarshal(body, &got); err != nil {
					t.Fatalf("%v: %s", err, body)
				}
				if diff := cmp.Diff(tc.wantErr, got); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
			}
			var doc struct{ Paragraphs []struct{ Text string } }
			if c := get(t, ts, "/api/v1/documents/dup", &doc); c != 200 || len(doc.Paragraphs) != 2 ||
				!strings.Contains(doc.Paragraphs[1].Text, tc.wantWord) {
				t.Errorf("GET dup: %d %+v, want the version with %q", c, doc, tc.wantWord)
			}
			for _, w := range []string{"alfaquux", "bravozorp", "charliewix", "deltamoog"} {
				want := 0
				if w == tc.wantWord {
					want = 1
				}
				if got := len(searchFor(t, ts, w).Hits); got != want {
					t.Errorf("search %q: %d hits, want %d", w, got, want)
				}
			}
		})
	}
}

func conflict(id string) (e struct {
	Error struct{ Code, ID string } `json:"error"`
}) {
	e.Error.Code, e.Error.ID = "exists", id
	return e
}
