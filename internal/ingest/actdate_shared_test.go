package ingest

import (
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestBWBActDates measures the dating of the 1,423 BWB circulars and
// policy rules (../shared, skipped without it) from their text alone —
// the extract has no date field, and the Markdown is parsed without front
// matter, so nothing but the text dates it: how many get a date from a
// date line (a place and date, or since session 32 a date alone, before a
// signature), how many more from the act's own dating formula at the
// head (since session 32 also the Ministry of Finance's "Besluit
// staatssecretaris van Financiën 7 maart 1995"), and how many more from
// a statement of adoption ("Vastgesteld door … op …", session 32). With
// no date of the regulation in the extract to compare with, it checks
// the dates three ways: how often the formula's date agrees with the
// signing date line where a text has both; how many dates fall after the
// extract was made (2017-05-10), which none can; and how many lie out of
// the order of the BWB ids, which the BWB hands out as it takes texts in
// (a date more than a year after the latest dates of the ids around it —
// the 90th percentile of the ten dated ids either side — is one the text
// cannot have had when it got its id; old texts taken in late are the
// other way round and allowed). The documents are split in two halves by
// a hash of their BWB id: a dev half and a held-out half. The floors sit
// just below the figures in docs/FORMATS.md.
func TestBWBActDates(t *testing.T) {
	type tally struct{ docs, line, act, adopted, dated, both, agree, late, outOfOrder int }
	type dated struct{ id, date string }
	var halves [2]tally
	var dates []dated
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
		switch {
		case line != "":
			s.line++
		case act != "":
			s.act++
		case adoptionDate(blocks) != "":
			s.adopted++
		}
		if doc.Meta.Date != "" {
			s.dated++
			if doc.Meta.Date > "2017-05-10" {
				s.late++
			}
			if strings.HasPrefix(d.ID, "BWBR") {
				dates = append(dates, dated{d.ID, doc.Meta.Date})
			}
		}
		if line != "" && act != "" {
			s.both++
			if line == act {
				s.agree++
			}
		}
	}
	// BWBR ids have the same width, so they sort as numbers.
	slices.SortFunc(dates, func(a, b dated) int { return strings.Compare(a.id, b.id) })
	year := func(date string) int { y, _ := strconv.Atoi(date[:4]); return y }
	for i, d := range dates {
		var around []int
		for j := max(0, i-10); j < min(len(dates), i+11); j++ {
			if j != i {
				around = append(around, year(dates[j].date))
			}
		}
		slices.Sort(around)
		if year(d.date) > around[len(around)*9/10]+1 {
			h := fnv.New32a()
			h.Write([]byte(d.id))
			halves[h.Sum32()%2].outOfOrder++
			t.Logf("%s dated %s, later than the ids around it", d.id, d.date)
		}
	}
	adopted := 0
	for i, name := range []string{"dev", "held-out"} {
		s := halves[i]
		adopted += s.adopted
		t.Logf("%s: %d documents, %d dated: %d by a date line, %d more by the act's formula, %d more by a statement of adoption; "+
			"formula and date line both %d, agreeing %d; %d dates after 2017-05-10, %d out of the BWB ids' order",
			name, s.docs, s.dated, s.line, s.act, s.adopted, s.both, s.agree, s.late, s.outOfOrder)
		if s.docs < 600 {
			t.Fatalf("%s: %d documents, want the whole extract (1,422 with text, about half each)", name, s.docs)
		}
		if s.line+s.act+s.adopted != s.dated {
			t.Errorf("%s: %d + %d + %d dated by the three rules, but %d dated", name, s.line, s.act, s.adopted, s.dated)
		}
		if s.dated < 215 || s.act < 40 || s.late > 0 || s.outOfOrder > 0 || s.agree < s.both*95/100 || s.both < 20 {
			t.Errorf("%s: %d dated (want ≥ 215), %d by the formula (want ≥ 40), %d dates after the extract (want 0), "+
				"%d out of the ids' order (want 0), %d of %d agree with the date line (want ≥ 95 %%, ≥ 20 compared)",
				name, s.dated, s.act, s.late, s.outOfOrder, s.agree, s.both)
		}
	}
	if adopted < 2 {
		t.Errorf("%d dated by a statement of adoption, want ≥ 2", adopted)
	}
}
