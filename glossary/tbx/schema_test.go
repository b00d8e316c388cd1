package tbx

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// validator returns the command that checks TBX files against the
// TBX-Basic RELAX NG and DCA Schematron in ../shared, or skips the test
// when the schemas or the Debian tools it needs are missing. With
// TOLK_REQUIRE_TOOLS=1 (CI) a missing piece fails the test instead.
func validator(t *testing.T) func(files ...string) (string, error) {
	t.Helper()
	missing := func(what string) {
		t.Helper()
		msg := what + " missing: install libxml2-utils libsaxonhe-java default-jre-headless python3-lxml to check TBX against the TBX-Basic schemas"
		if os.Getenv("TOLK_REQUIRE_TOOLS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if os.Getenv("TOLK_REQUIRE_TOOLS") == "1" {
		// shared() skips; in CI the schemas must be there.
		if _, err := os.Stat(filepath.Join(sharedDir(t), "data", "tbx-basic-schemas")); err != nil {
			t.Fatalf("TOLK_REQUIRE_TOOLS=1 but the schemas are absent: %v", err)
		}
	}
	dir := filepath.Join(shared(t), "data", "tbx-basic-schemas")
	for _, tool := range []string{"java", "xmllint", "sh"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(tool)
		}
	}
	for _, f := range []string{"/usr/share/java/Saxon-HE.jar", "/usr/lib/python3/dist-packages/lxml/isoschematron/resources/xsl/iso-schematron-xslt1/iso_svrl_for_xslt1.xsl"} {
		if _, err := os.Stat(f); err != nil {
			missing(f)
		}
	}
	return func(files ...string) (string, error) {
		cmd := exec.Command("sh", append([]string{filepath.Join(dir, "validate-tbx.sh"), dir}, files...)...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
}

// sharedDir is shared without the skip, for the CI check.
func sharedDir(t *testing.T) string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

// TestSchemaValid runs the official validators on every kind of TBX
// Write produces, and on a broken copy to prove the check can fail.
func TestSchemaValid(t *testing.T) {
	validate := validator(t)
	tmp := t.TempDir()
	write := func(name string, cs []glossary.Concept) string {
		var buf bytes.Buffer
		if err := Write(&buf, cs); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Every status, type and part of speech once.
	var every []glossary.Concept
	for i, s := range glossary.Statuses {
		for j, ty := range glossary.TermTypes {
			for k, pos := range glossary.PartsOfSpeech {
				every = append(every, glossary.Concept{
					ID:    "c" + string(rune('a'+i)) + string(rune('a'+j)) + string(rune('a'+k)),
					Terms: []glossary.Term{{Lang: "nl", Text: "term", Status: s, Type: ty, POS: pos}},
				})
			}
		}
	}
	files := []string{write("rich.tbx", sample()), write("empty.tbx", nil), write("every.tbx", every)}
	out, err := validate(files...)
	if err != nil {
		t.Fatalf("validate-tbx.sh: %v\n%s", err, out)
	}
	for _, f := range files {
		if !strings.Contains(out, f+" validates") || !strings.Contains(out, f+" passes Schematron") {
			t.Errorf("%s: not reported valid:\n%s", filepath.Base(f), out)
		}
	}

	rich, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(tmp, "broken.tbx")
	os.WriteFile(broken, bytes.Replace(rich, []byte("preferredTerm-admn-sts"), []byte("bogus"), 1), 0o644)
	if out, err := validate(broken); err == nil {
		t.Errorf("validate-tbx.sh accepted a file with a bogus administrativeStatus:\n%s", out)
	}
}
