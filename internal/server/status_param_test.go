package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestStatusParamAsWritten: status= of the lookup, the export and the
// glossary page takes a status as a CSV or XLSX import does: the Dutch
// label of the pages (afgeraden) or the status capitalised is the
// status; anything else is refused with the values taken. Before,
// status=afgeraden was a 400 naming four English values.
func TestStatusParamAsWritten(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, path := range []string{
		"/api/v1/glossary?status=%s&limit=100",
		"/api/v1/glossary/export?format=tsv&status=%s",
		"/glossary?status=%s",
	} {
		t.Run(strings.SplitN(path, "?", 2)[0], func(t *testing.T) {
			get := func(v string) (int, string) {
				code, _, body := apiCall(t, ts, "GET", strings.Replace(path, "%s", v, 1), "", "", nil)
				return code, string(body)
			}
			code, want := get("deprecated")
			if code != http.StatusOK {
				t.Fatalf("status=deprecated: %d %s", code, want)
			}
			for _, v := range []string{"afgeraden", "Deprecated", "AFGERADEN"} {
				code, got := get(v)
				if code != http.StatusOK {
					t.Errorf("status=%s: %d %s", v, code, got)
				} else if strings.HasPrefix(path, "/api/") && got != want {
					t.Errorf("status=%s answers otherwise than status=deprecated:\n%s\nwant\n%s", v, got, want)
				} else if !strings.HasPrefix(path, "/api/") && !strings.Contains(got, `<option value="deprecated" selected`) {
					t.Errorf("status=%s: the page's status field does not show deprecated chosen", v)
				}
			}
			code, got := get("afgekeurd")
			if code != http.StatusBadRequest {
				t.Fatalf("status=afgekeurd: %d, want 400", code)
			}
			for _, w := range []string{"afgekeurd", "deprecated", "afgeraden", "verouderd"} {
				if !strings.Contains(got, w) {
					t.Errorf("status=afgekeurd: the error does not name %q: %s", w, got)
				}
			}
		})
	}
}
