package ingest

import "testing"

// TestAltID: the ids a document may take when its name's id is held by
// another file's document, and which names are one file.
func TestAltID(t *testing.T) {
	for _, tc := range []struct {
		id, name string
		want     []string
	}{
		{"stb", "stb.xml", []string{"stb", "stb-xml", "stb-2", "stb-3"}},
		{"stb", "map/STB.Html", []string{"stb", "stb-html", "stb-2", "stb-3"}},
		{"brief", "brief", []string{"brief", "brief-2", "brief-3", "brief-4"}},
	} {
		for k, want := range tc.want {
			if got := AltID(tc.id, tc.name, k); got != want {
				t.Errorf("AltID(%q, %q, %d) = %q, want %q", tc.id, tc.name, k, got, want)
			}
		}
	}
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"stb.xml", "stb.xml", true},
		{"stb.xml", "STB.XML", true},
		{"2020/stb.xml", `c:\docs\stb.xml`, true},
		{"stb.xml", "stb.html", false},
		{"stb 1.xml", "stb_1.xml", false},
	} {
		if got := SameFile(tc.a, tc.b); got != tc.same {
			t.Errorf("SameFile(%q, %q) = %t", tc.a, tc.b, got)
		}
	}
}
