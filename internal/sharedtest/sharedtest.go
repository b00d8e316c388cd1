// Package sharedtest finds the shared test data (../shared beside the
// repository) for tests and benchmarks that need real corpora.
package sharedtest

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Dir returns the shared data directory, or skips the test with a message
// when it is absent. With TOLK_REQUIRE_SHARED=1 (set by CI) a missing
// directory fails the test instead.
func Dir(tb testing.TB) string {
	tb.Helper()
	if d, ok := find(); ok {
		return d
	}
	if os.Getenv("TOLK_REQUIRE_SHARED") == "1" {
		tb.Fatal("../shared (beside the repository) is missing and TOLK_REQUIRE_SHARED=1")
	}
	tb.Skip("skipping: ../shared (real corpora beside the repository) is absent")
	return ""
}

// Path returns a path under the shared directory, skipping as Dir does
// when the directory or that path is absent.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{Dir(tb)}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("TOLK_REQUIRE_SHARED") == "1" {
			tb.Fatalf("shared data %s is missing and TOLK_REQUIRE_SHARED=1", p)
		}
		tb.Skipf("skipping: shared data %s is absent", p)
	}
	return p
}

// Open opens a file under the shared directory (skipping or failing as
// Path does when it is absent), closes it when the test ends (tb.Cleanup),
// and returns its contents decompressed when the name ends in .gz.
func Open(tb testing.TB, elem ...string) io.Reader {
	tb.Helper()
	p := Path(tb, elem...)
	f, err := os.Open(p)
	if err != nil {
		tb.Fatal(err)
	}
	// A read-only file: Close has nothing to report.
	tb.Cleanup(func() { f.Close() })
	if !strings.HasSuffix(p, ".gz") {
		return f
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("%s: %v", p, err)
	}
	return zr
}

// Lines reads a text file under the shared directory (as Open does) as
// its lines, each trimmed of surrounding space.
func Lines(tb testing.TB, elem ...string) []string {
	tb.Helper()
	sc := bufio.NewScanner(Open(tb, elem...))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var out []string
	for sc.Scan() {
		out = append(out, strings.TrimSpace(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// TBXValidator returns a function that runs validate-tbx.sh on TBX files
// and returns its combined output and error, or skips the test when the
// schemas or Debian tools are missing (TOLK_REQUIRE_TOOLS=1: fails
// instead). The script, in ../shared/data/tbx-basic-schemas, checks the
// files against the TBX-Basic RELAX NG schema and DCA Schematron.
func TBXValidator(tb testing.TB) func(files ...string) (string, error) {
	tb.Helper()
	require := os.Getenv("TOLK_REQUIRE_TOOLS") == "1"
	missing := func(what string) {
		tb.Helper()
		msg := what + " missing: install libxml2-utils libsaxonhe-java default-jre-headless python3-lxml to check TBX against the TBX-Basic schemas"
		if require {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	if require {
		// Path would skip without TOLK_REQUIRE_SHARED; in CI the schemas
		// must be there whichever of the two variables is set.
		d, ok := find()
		if !ok {
			tb.Fatal("TOLK_REQUIRE_TOOLS=1 but the schemas are absent: ../shared (beside the repository) is missing")
		}
		if _, err := os.Stat(filepath.Join(d, "data", "tbx-basic-schemas")); err != nil {
			tb.Fatalf("TOLK_REQUIRE_TOOLS=1 but the schemas are absent: %v", err)
		}
	}
	dir := Path(tb, "data", "tbx-basic-schemas")
	script := filepath.Join(dir, "validate-tbx.sh")
	if _, err := os.Stat(script); err != nil {
		missing(script)
	}
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
		out, err := exec.Command("sh", append([]string{script, dir}, files...)...).CombinedOutput()
		return string(out), err
	}
}

func find() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(filepath.Dir(dir), "shared")
			if fi, err := os.Stat(d); err == nil && fi.IsDir() {
				return d, true
			}
			return "", false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
