package treaties

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// TestEersteLidRendering reproduces the figure behind the curated
// concept eerste-lid (paragraph 1) and docs/GLOSSARY.md: in the English
// text of the treaty articles whose Dutch says "eerste lid", how often
// each rendering occurs (the first alternative that matches at a place
// counts). The curated term stands only while "paragraph 1" is the
// commonest.
func TestEersteLidRendering(t *testing.T) {
	pairs, err := Read(sharedtest.Open(t, "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`paragraph 1|paragraph one|first paragraph|subparagraph 1|section 1|paragraph \(1\)|\(1\)`)
	count := map[string]int{}
	for _, p := range pairs {
		if !strings.Contains(p.NL, "eerste lid") {
			continue
		}
		for _, m := range re.FindAllString(p.EN, -1) {
			count[m]++
		}
	}
	t.Logf("renderings in articles whose Dutch says eerste lid: %v", count)
	for r, n := range count {
		if r != "paragraph 1" && n >= count["paragraph 1"] {
			t.Errorf("%q (%d) at least as common as paragraph 1 (%d)", r, n, count["paragraph 1"])
		}
	}
}
