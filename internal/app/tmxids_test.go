package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTMXFromToolsKeepEachOther: two memories another tool wrote, both
// numbering their units from 1, are both kept (the second replaced the
// first's units 1 and 2, and each import said "2 imported"); the same
// file imported again is no new segment; tolk's own export, imported
// again, replaces its segments rather than adding them.
func TestTMXFromToolsKeepEachOther(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	file := func(pairs ...string) []byte {
		var b strings.Builder
		b.WriteString(`<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="x" adminlang="en" srclang="nl" datatype="plaintext"/><body>`)
		for i := 0; i < len(pairs); i += 2 {
			fmt.Fprintf(&b, `<tu tuid="%d"><tuv xml:lang="nl"><seg>%s</seg></tuv><tuv xml:lang="en"><seg>%s</seg></tuv></tu>`, i/2+1, pairs[i], pairs[i+1])
		}
		b.WriteString(`</body></tmx>`)
		return []byte(b.String())
	}
	first := file("Het verdrag treedt in werking.", "The treaty enters into force.", "De minister antwoordt.", "The minister answers.")
	second := file("De begroting is rond.", "The budget is settled.", "Mali is een buurland.", "Mali is a neighbouring country.")
	for _, f := range [][]byte{first, second, first} {
		if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTMX, Data: f, Collection: "cat", Who: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	texts := func() []string {
		var out []string
		for _, s := range a.TMSegments("cat") {
			out = append(out, s.NL)
		}
		sort.Strings(out)
		return out
	}
	want := []string{"De begroting is rond.", "De minister antwoordt.", "Het verdrag treedt in werking.", "Mali is een buurland."}
	if diff := cmp.Diff(want, texts()); diff != "" {
		t.Fatalf("segments after two files and the first again (-want +got):\n%s", diff)
	}
	// tolk's export, corrected and imported again, replaces.
	var out strings.Builder
	if _, err := a.ExportTM(ctx, &out, "tmx", "cat"); err != nil {
		t.Fatal(err)
	}
	fixed := strings.Replace(out.String(), "De begroting is rond.", "De begroting is sluitend.", 1)
	if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTMX, Data: []byte(fixed), Who: "test"}); err != nil {
		t.Fatal(err)
	}
	want[0] = "De begroting is sluitend."
	sort.Strings(want)
	if diff := cmp.Diff(want, texts()); diff != "" {
		t.Errorf("after tolk's export corrected and imported again (-want +got):\n%s", diff)
	}
}
