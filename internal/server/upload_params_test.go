package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestUploadSeveralRefusesOneFileParams: title= and name= name one
// document. With several files they are refused, naming the parameter,
// and nothing is stored (every file got the title, and name= was
// dropped without a word); with one file they still apply.
func TestUploadSeveralRefusesOneFileParams(t *testing.T) {
	ts := newTestServer(t, map[string]string{testToken: "alice"})
	files := map[string]string{"een.txt": "Eerste brief over Mali.", "twee.txt": "Tweede brief over Mali."}
	before := docCount(t, ts)
	for _, p := range []string{"title=X", "name=x.txt"} {
		ctype, body := multipartBody(t, files, "een.txt", "twee.txt")
		code, b := postAs(t, ts, "/api/v1/documents?"+p, ctype, body)
		var e errResp
		json.Unmarshal(b, &e)
		param := p[:strings.IndexByte(p, '=')+1]
		if code != http.StatusBadRequest || !strings.Contains(e.Error.Message, param) {
			t.Errorf("%s with two files: %d %s, want 400 naming %s", p, code, b, param)
		}
	}
	if n := docCount(t, ts); n != before {
		t.Errorf("%d documents stored by refused uploads", n-before)
	}
	ctype, body := multipartBody(t, files, "een.txt")
	code, b := postAs(t, ts, "/api/v1/documents?title=Eigen+titel", ctype, body)
	var d struct{ ID, Title string }
	json.Unmarshal(b, &d)
	if code != http.StatusCreated || d.Title != "Eigen titel" {
		t.Errorf("one file with title=: %d %s", code, b)
	}
}
