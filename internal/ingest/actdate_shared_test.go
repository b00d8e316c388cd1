package ingest

import (
	"hash/fnv"
	"strings"
	"testing"
)

// TestBWBActDates measures the dating of the 1,423 BWB circulars and
// policy rules (../shared, skipped without it) from their text alone —
// the extract has no date field, and the Markdown is parsed without front
// matter, so nothing but the text dates it: how many get a date from a
// date line (before session 31, the only rule for text and Markdown) and
// how many with the act's own dating formula at the head as well; and,
// with no date of the regulation in the extract to compare with, how
// often the formula's date agrees with the signing date line where a
// text has both, and how many of its dates fall after the extract was
// made (2017-05-10), which none can. The documents are split in two
// halves by a hash of their BWB id: a dev half and a held-out half. The
// floors sit just below the figures in docs/FORMATS.md.
func TestBWBActDates(t *testing.T) {
	type tally struct{ docs, before, after, act, both, agree, late int }
	var halves [2]tally
	for _, d := range readBWB(t, 5000) {
		h := fnv.New32a()
		h.Write([]byte(d.ID))
		s := &halves[h.Sum32()%2]
		doc, err := Parse(d.ID+".md", []byte(d.Text), Options{MaxBytes: 64 << 20})
		if err != nil {
			continue // the one empty text
		}
		s.docs++
		blocks := strings.Split(doc.Text, "\n\n")
		line := lineDate(blocks)
		act := actDate(append([]string{doc.Title}, blocks[:min(len(blocks), 2)]...))
		if line != "" {
			s.before++
		}
		if doc.Meta.Date != "" {
			s.after++
		}
		if act != "" {
			s.act++
			if act > "2017-05-10" {
				s.late++
			}
		}
		if line != "" && act != "" {
			s.both++
			if line == act {
				s.agree++
			}
		}
	}
	for i, name := range []string{"dev", "held-out"} {
		s := halves[i]
		t.Logf("%s: %d documents; dated %d before, %d after (formula %d, of which %d after 2017-05-10); formula and date line both %d, agreeing %d",
			name, s.docs, s.before, s.after, s.act, s.late, s.both, s.agree)
		if s.docs < 600 {
			t.Fatalf("%s: %d documents, want the whole extract (1,422 with text, about half each)", name, s.docs)
		}
		if s.after-s.before < 40 || s.late > 0 || s.agree < s.both*95/100 || s.both < 20 {
			t.Errorf("%s: %d more dated (want ≥ 40), %d dates after the extract (want 0), %d of %d agree with the date line (want ≥ 95 %%, ≥ 20 compared)",
				name, s.after-s.before, s.late, s.agree, s.both)
		}
	}
}
