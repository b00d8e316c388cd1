package server

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/glossary/table"
)

// rawGet returns the status and body of GET path.
func rawGet(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestCSVSemicolon: the glossary's and a document's term-list CSV can be
// separated by semicolons (sep=semicolon or ;), which Excel in a Dutch
// locale opens in columns: the same rows and cells, a byte-order mark, and
// read back by the glossary's import. The default stays comma-separated;
// another separator, or sep= with another format, is refused.
func TestCSVSemicolon(t *testing.T) {
	ts := newTestServer(t, nil)
	rows := func(b []byte, sep rune) [][]string {
		t.Helper()
		if !bytes.HasPrefix(b, []byte("\uFEFF")) {
			t.Errorf("no byte-order mark: %.40q", b)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
		r.Comma = sep
		r.FieldsPerRecord = -1
		out, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, path := range []string{"/api/v1/glossary/export?format=csv", "/api/v1/documents/kamerbrief-mali-2020/terms?format=csv"} {
		code, comma := rawGet(t, ts.URL+path)
		if code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		want := rows(comma, ',')
		if len(want) < 2 || len(want[0]) < 3 {
			t.Fatalf("%s: %d rows, header %q", path, len(want), want[0])
		}
		for _, sep := range []string{"semicolon", ";"} {
			code, semi := rawGet(t, ts.URL+path+"&sep="+strings.ReplaceAll(sep, ";", "%3B"))
			if code != 200 {
				t.Fatalf("%s sep=%s: %d %s", path, sep, code, semi)
			}
			first, _, _ := strings.Cut(string(semi), "\n")
			if strings.Count(first, ";") != len(want[0])-1 {
				t.Errorf("%s sep=%s: header line %q is not separated by semicolons", path, sep, first)
			}
			if diff := cmp.Diff(want, rows(semi, ';')); diff != "" {
				t.Errorf("%s sep=%s: rows differ (-comma +semicolon):\n%s", path, sep, diff)
			}
		}
		if code, _ := rawGet(t, ts.URL+path+"&sep=comma"); code != 200 {
			t.Errorf("%s sep=comma: %d", path, code)
		}
		if code, b := rawGet(t, ts.URL+path+"&sep=tab"); code != 400 || !strings.Contains(string(b), "comma or semicolon") {
			t.Errorf("%s sep=tab: %d %s, want 400", path, code, b)
		}
	}
	// The glossary's import reads the semicolon file back.
	_, comma := rawGet(t, ts.URL+"/api/v1/glossary/export?format=csv")
	_, semi := rawGet(t, ts.URL+"/api/v1/glossary/export?format=csv&sep=semicolon")
	a, _, err := table.ReadCSV(bytes.NewReader(comma))
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := table.ReadCSV(bytes.NewReader(semi))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("read back (-comma +semicolon):\n%.3000s", diff)
	}
	if code, b := rawGet(t, ts.URL+"/api/v1/glossary/export?format=tbx&sep=semicolon"); code != 400 || !strings.Contains(string(b), "format=csv only") {
		t.Errorf("sep with TBX: %d %s, want 400", code, b)
	}
	// A term list as JSON (the default format) has no separator either.
	for _, path := range []string{"/api/v1/documents/kamerbrief-mali-2020/terms?sep=semicolon", "/api/v1/documents/kamerbrief-mali-2020/terms?format=json&sep=semicolon"} {
		if code, b := rawGet(t, ts.URL+path); code != 400 || !strings.Contains(string(b), "format=csv only") {
			t.Errorf("%s: %d %.200s, want 400", path, code, b)
		}
	}
	// The glossary page and a document's page offer it.
	for _, tc := range []struct{ path, href string }{
		{"/glossary", `/api/v1/glossary/export?format=csv&amp;sep=semicolon`},
		{"/documents/kamerbrief-mali-2020", `/api/v1/documents/kamerbrief-mali-2020/terms?format=csv&amp;sep=semicolon`},
	} {
		_, page := fetch(t, ts, "GET", tc.path, nil, nil)
		if !strings.Contains(page, tc.href) || !strings.Contains(page, "CSV voor Excel (puntkomma)") {
			t.Errorf("%s: no link %s labelled CSV voor Excel (puntkomma)", tc.path, tc.href)
		}
	}
}
