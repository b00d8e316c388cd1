package lexicon

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// dictionary is the bilingual word list the synthetic training data is
// made of: English key → Dutch key. No word is the same in both
// languages, so a right answer cannot come from string identity.
var dictionary = map[string]string{
	"treaty": "verdrag", "government": "regering", "territory": "grondgebied", "tax": "belasting",
	"court": "rechter", "law": "wet", "state": "staat", "agreement": "overeenkomst",
	"party": "partij", "article": "artikel", "income": "inkomen", "resident": "inwoner",
	"company": "onderneming", "person": "persoon", "right": "recht", "obligation": "verplichting",
	"authority": "autoriteit", "year": "jaar", "member": "lid", "council": "raad",
	"decision": "besluit", "period": "termijn", "amount": "bedrag", "city": "stad",
}

// Function words occur on each side independently of the other side, so
// they are noise the model must not take for translations.
var (
	functionEN = []string{"the", "of", "and", "a", "to", "in", "shall", "be"}
	functionNL = []string{"de", "het", "van", "en", "een", "te", "in", "zal", "worden"}
)

// syntheticPairs builds n sentence pairs from dictionary: 2–5 content
// words, each side shuffled on its own, 1–3 function words per side, and
// noise: now and then a Dutch translation is missing or a word without a
// counterpart (seen once) is added to one side. It also returns how often
// each word occurs on each side.
func syntheticPairs(n int, seed uint64) ([]Pair, map[string]map[string]int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	en := make([]string, 0, len(dictionary))
	for w := range dictionary {
		en = append(en, w)
	}
	sort.Strings(en)
	freq := map[string]map[string]int{"en": {}, "nl": {}}
	var pairs []Pair
	for i := 0; i < n; i++ {
		var p Pair
		for _, j := range rng.Perm(len(en))[:2+rng.IntN(4)] {
			p.EN = append(p.EN, en[j])
			if rng.Float64() < 0.05 {
				continue // a translation left out
			}
			p.NL = append(p.NL, dictionary[en[j]])
		}
		for k := 1 + rng.IntN(3); k > 0; k-- {
			p.EN = append(p.EN, functionEN[rng.IntN(len(functionEN))])
		}
		for k := 1 + rng.IntN(3); k > 0; k-- {
			p.NL = append(p.NL, functionNL[rng.IntN(len(functionNL))])
		}
		switch r := rng.Float64(); {
		case r < 0.1:
			p.EN = append(p.EN, fmt.Sprintf("noise%d", i))
		case r < 0.2:
			p.NL = append(p.NL, fmt.Sprintf("ruis%d", i))
		}
		rng.Shuffle(len(p.EN), func(a, b int) { p.EN[a], p.EN[b] = p.EN[b], p.EN[a] })
		rng.Shuffle(len(p.NL), func(a, b int) { p.NL[a], p.NL[b] = p.NL[b], p.NL[a] })
		for _, w := range p.EN {
			freq["en"][w]++
		}
		for _, w := range p.NL {
			freq["nl"][w]++
		}
		pairs = append(pairs, p)
	}
	return pairs, freq
}

// unpruned turns pruning off (the zero value would mean the defaults).
var unpruned = Options{MinP: 1e-12, MinCount: 1e-12, MaxAlts: 1 << 20}

func TestTrainRecoversDictionary(t *testing.T) {
	pairs, freq := syntheticPairs(400, 7)
	tests := []struct {
		name string
		opt  Options
	}{
		{name: "defaults", opt: Options{}},
		{name: "plain model 1", opt: Options{Diagonal: -1}},
		{name: "more iterations", opt: Options{Iterations: 10}},
		{name: "unpruned", opt: unpruned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Train(pairs, "test-analysis", tt.opt)
			if l.Segments != len(pairs) || l.Analysis != "test-analysis" {
				t.Errorf("Segments, Analysis = %d, %q; want %d, %q", l.Segments, l.Analysis, len(pairs), "test-analysis")
			}
			for en, nl := range dictionary {
				if got := top(l.Lookup("en", en)); got != nl {
					t.Errorf("en %s → %s %v, want %s", en, got, l.Lookup("en", en), nl)
				}
				if got := top(l.Lookup("nl", nl)); got != en {
					t.Errorf("nl %s → %s %v, want %s", nl, got, l.Lookup("nl", nl), en)
				}
			}
			checkTables(t, l, 1e-9)
			for lang, m := range freq {
				for w, n := range m {
					if got := l.Freq(lang, w); got != n {
						t.Errorf("Freq(%s, %s) = %d, want %d", lang, w, got, n)
					}
				}
			}
			if l.Lookup("en", "unknown") != nil || l.Freq("nl", "onbekend") != 0 {
				t.Errorf("an unknown word has translations or a frequency")
			}
			// Inverse is the table's column: every word whose row has
			// the word, with the row's probability.
			for _, from := range []string{"en", "nl"} {
				to := map[string]string{"en": "nl", "nl": "en"}[from]
				for w := range freq[from] {
					for _, tr := range l.Lookup(from, w) {
						if !slices.ContainsFunc(l.Inverse(to, tr.Word), func(x Translation) bool { return x.Word == w && x.P == tr.P }) {
							t.Errorf("Inverse(%s, %s) lacks %s %.3f", to, tr.Word, w, tr.P)
						}
					}
				}
			}
			for lang, m := range freq {
				sum := 0
				for _, n := range m {
					sum += n
				}
				if got := l.Total(lang); got != sum {
					t.Errorf("Total(%s) = %d, want %d", lang, got, sum)
				}
			}
		})
	}
}

func top(ts []Translation) string {
	if len(ts) == 0 {
		return ""
	}
	return ts[0].Word
}

// checkTables checks what holds for any lexicon: translations best first,
// probabilities in [0, 1] summing to at most 1 (+eps) per word, counts not
// negative.
func checkTables(t *testing.T, l *Lexicon, eps float64) {
	t.Helper()
	for _, lang := range []string{"en", "nl"} {
		for w, ts := range l.tables[lang] {
			var sum float64
			for i, tr := range ts {
				sum += tr.P
				if !(tr.P >= 0 && tr.P <= 1) || tr.Count < 0 {
					t.Errorf("%s %s: translation %+v out of range", lang, w, tr)
				}
				if i > 0 && (ts[i-1].P < tr.P || ts[i-1].P == tr.P && ts[i-1].Word > tr.Word) {
					t.Errorf("%s %s: translations not best first: %v", lang, w, ts)
				}
			}
			if sum > 1+eps {
				t.Errorf("%s %s: probabilities sum to %g > 1", lang, w, sum)
			}
		}
	}
}

func TestTrainPruning(t *testing.T) {
	pairs, _ := syntheticPairs(300, 11)
	full := Train(pairs, "a", unpruned)
	tests := []struct {
		name string
		opt  Options
	}{
		{name: "MinP", opt: Options{MinP: 0.2, MinCount: 1e-12, MaxAlts: 1 << 20}},
		{name: "MaxAlts", opt: Options{MinP: 1e-12, MinCount: 1e-12, MaxAlts: 2}},
		{name: "MinCount", opt: Options{MinP: 1e-12, MinCount: 5, MaxAlts: 1 << 20}},
		{name: "all three", opt: Options{MinP: 0.05, MinCount: 3, MaxAlts: 3}},
		{name: "defaults", opt: Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Train(pairs, "a", tt.opt)
			opt := tt.opt.withDefaults()
			pruned := 0
			for _, lang := range []string{"en", "nl"} {
				for w, all := range full.tables[lang] {
					got := l.Lookup(lang, w)
					if len(got) > opt.MaxAlts {
						t.Errorf("%s %s: %d translations, MaxAlts %d", lang, w, len(got), opt.MaxAlts)
					}
					kept := map[string]Translation{}
					for _, tr := range got {
						kept[tr.Word] = tr
						if tr.P < opt.MinP || float64(tr.Count) < opt.MinCount-0.5 {
							t.Errorf("%s %s: %+v kept (MinP %g, MinCount %g)", lang, w, tr, opt.MinP, opt.MinCount)
						}
					}
					// Pruning only removes: what is kept is what
					// unpruned training gives, and a translation well
					// inside the limits is dropped only for MaxAlts,
					// in favour of better ones.
					for _, tr := range all {
						k, ok := kept[tr.Word]
						if ok && k != tr {
							t.Errorf("%s %s: pruned training gives %+v, unpruned %+v", lang, w, k, tr)
						}
						if !ok {
							pruned++
						}
						if !ok && tr.P >= opt.MinP && float64(tr.Count) >= opt.MinCount+1 &&
							(len(got) < opt.MaxAlts || got[len(got)-1].P < tr.P) {
							t.Errorf("%s %s: %+v pruned, kept %v", lang, w, tr, got)
						}
					}
					if len(kept) != len(got) {
						t.Errorf("%s %s: a translation repeats: %v", lang, w, got)
					}
				}
				for w := range l.tables[lang] {
					if full.tables[lang][w] == nil {
						t.Errorf("%s %s has translations only when pruned", lang, w)
					}
				}
			}
			if pruned == 0 {
				t.Errorf("nothing was pruned: the test data is too clean to test %s", tt.name)
			}
			checkTables(t, l, 1e-9)
			for en, nl := range dictionary {
				if got := top(l.Lookup("en", en)); got != nl {
					t.Errorf("en %s → %s, want %s", en, got, nl)
				}
			}
		})
	}
}

func TestTrainSkipsOneSidedPairs(t *testing.T) {
	pairs := []Pair{
		{NL: []string{"verdrag"}, EN: []string{"treaty"}},
		{NL: []string{"regering"}},
		{EN: []string{"government"}},
		{},
		{NL: []string{"verdrag", "staat"}, EN: []string{"treaty", "state"}},
	}
	l := Train(pairs, "", unpruned)
	if l.Segments != 2 {
		t.Errorf("Segments = %d, want 2", l.Segments)
	}
	if l.Freq("nl", "regering") != 0 || l.Freq("en", "government") != 0 || l.Lookup("en", "government") != nil {
		t.Errorf("a pair with one empty side was trained on")
	}
	if got := top(l.Lookup("en", "treaty")); got != "verdrag" {
		t.Errorf("treaty → %q, want verdrag", got)
	}
	if got := top(l.Lookup("nl", "staat")); got != "state" {
		t.Errorf("staat → %q, want state", got)
	}
	if Train(nil, "", Options{}).Size("en") != 0 {
		t.Errorf("training on nothing gives translations")
	}
}

func TestNilLexicon(t *testing.T) {
	var l *Lexicon
	if l.Lookup("en", "treaty") != nil || l.Freq("en", "treaty") != 0 || l.Size("en") != 0 || l.Total("en") != 0 || l.Inverse("en", "treaty") != nil {
		t.Errorf("a nil lexicon answers")
	}
}

// roundTrip writes l and reads it back.
func roundTrip(t testing.TB, l *Lexicon) *Lexicon {
	t.Helper()
	var buf bytes.Buffer
	if err := l.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatalf("reading what Write wrote: %v", err)
	}
	return got
}

// view is what a lexicon shows through its methods, over the words of
// either lexicon compared.
type view struct {
	Analysis string
	Segments int
	Size     map[string]int
	Lookup   map[string]map[string][]Translation
	Freq     map[string]map[string]int
}

func viewOf(l *Lexicon, words map[string]map[string]bool) view {
	v := view{Analysis: l.Analysis, Segments: l.Segments, Size: map[string]int{},
		Lookup: map[string]map[string][]Translation{}, Freq: map[string]map[string]int{}}
	for _, lang := range []string{"en", "nl"} {
		v.Size[lang] = l.Size(lang)
		v.Lookup[lang], v.Freq[lang] = map[string][]Translation{}, map[string]int{}
		for w := range words[lang] {
			v.Lookup[lang][w] = l.Lookup(lang, w)
			v.Freq[lang][w] = l.Freq(lang, w)
		}
	}
	return v
}

// wordsOf is every word the lexicons know, with or without translations.
func wordsOf(ls ...*Lexicon) map[string]map[string]bool {
	out := map[string]map[string]bool{"en": {}, "nl": {}}
	for _, l := range ls {
		for lang := range out {
			for w, ts := range l.tables[lang] {
				out[lang][w] = true
				for _, tr := range ts {
					out[other(lang)][tr.Word] = true
				}
			}
			for w := range l.freq[lang] {
				out[lang][w] = true
			}
		}
	}
	return out
}

func other(lang string) string {
	if lang == "en" {
		return "nl"
	}
	return "en"
}

// filePrecision is how close a probability read back is to the one
// written: the file keeps four significant digits. Translations whose
// probabilities round alike may change places, so they are compared as
// sets.
var filePrecision = cmp.Options{
	cmpopts.EquateApprox(5e-4, 0),
	cmpopts.SortSlices(func(a, b Translation) bool { return a.Word < b.Word }),
}

func TestWriteRead(t *testing.T) {
	pairs, _ := syntheticPairs(300, 3)
	tests := []struct {
		name string
		l    *Lexicon
	}{
		{name: "trained", l: Train(pairs, "tolk-analysis/7;x", Options{})},
		{name: "unpruned", l: Train(pairs, "a b", unpruned)},
		{name: "strictly pruned", l: Train(pairs, "", Options{MinP: 0.3, MaxAlts: 1, MinCount: 10})},
		{name: "empty", l: Train(nil, "none", Options{})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := roundTrip(t, tt.l)
			words := wordsOf(tt.l, got)
			if diff := cmp.Diff(viewOf(tt.l, words), viewOf(got, words), filePrecision); diff != "" {
				t.Errorf("Read(Write(l)) differs (-want +got):\n%s", diff)
			}
			checkTables(t, got, 4e-3)
			for _, lang := range []string{"en", "nl"} {
				if got.Total(lang) != tt.l.Total(lang) {
					t.Errorf("Total(%s) = %d after the round trip, want %d", lang, got.Total(lang), tt.l.Total(lang))
				}
			}
			// Once written, a lexicon reads back exactly.
			again := roundTrip(t, got)
			if diff := cmp.Diff(viewOf(got, words), viewOf(again, words)); diff != "" {
				t.Errorf("a second round trip differs (-want +got):\n%s", diff)
			}

			var a, b bytes.Buffer
			if err := tt.l.Write(&a); err != nil {
				t.Fatal(err)
			}
			if err := tt.l.Write(&b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("Write gives different bytes for the same lexicon")
			}
		})
	}
}

// TestTrainDeterministic: the same pairs give the same file, so a
// regenerated shipped lexicon changes only when its input does.
func TestTrainDeterministic(t *testing.T) {
	pairs, _ := syntheticPairs(200, 5)
	var a, b bytes.Buffer
	if err := Train(pairs, "x", Options{}).Write(&a); err != nil {
		t.Fatal(err)
	}
	if err := Train(pairs, "x", Options{}).Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("training twice on the same pairs gives different files")
	}
}

// gz compresses s as a lexicon file is compressed.
func gz(s string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Bytes()
}

const header = "tolk-lexicon 1\tan-analysis\t12\n"

func TestRead(t *testing.T) {
	in := header +
		"f\ten\ttreati\t40\n" +
		"t\ten\ttreati\tovereenkomst\t0.25\t10\n" +
		"t\ten\ttreati\tverdrag\t0.7\t28\n" +
		"f\tnl\tverdrag\t30\n" +
		"t\tnl\tverdrag\ttreati\t0.9\t27\n" +
		"f\tnl\tde\t99\n"
	l, err := Read(bytes.NewReader(gz(in)))
	if err != nil {
		t.Fatal(err)
	}
	want := view{
		Analysis: "an-analysis", Segments: 12,
		Size: map[string]int{"en": 1, "nl": 1},
		Lookup: map[string]map[string][]Translation{
			"en": {"treati": {{Word: "verdrag", P: 0.7, Count: 28}, {Word: "overeenkomst", P: 0.25, Count: 10}}, "de": nil},
			"nl": {"verdrag": {{Word: "treati", P: 0.9, Count: 27}}, "de": nil},
		},
		Freq: map[string]map[string]int{"en": {"treati": 40, "de": 0}, "nl": {"verdrag": 30, "de": 99}},
	}
	words := map[string]map[string]bool{"en": {"treati": true, "de": true}, "nl": {"verdrag": true, "de": true}}
	if diff := cmp.Diff(want, viewOf(l, words)); diff != "" {
		t.Errorf("Read (-want +got):\n%s", diff)
	}
}

const headerV2 = "tolk-lexicon 2\tan-analysis\t12\n"

// TestReadModifier: a version 2 file has the modifier counts, a version 1
// file (above) none, and both read.
func TestReadModifier(t *testing.T) {
	l, err := Read(bytes.NewReader(gz(headerV2 +
		"t\ten\tnuclear\tkern\t0.4\t165\t163\n" +
		"t\ten\tnuclear\tnucleair\t0.1\t34\n")))
	if err != nil {
		t.Fatal(err)
	}
	want := []Translation{{Word: "kern", P: 0.4, Count: 165, Modifier: 163}, {Word: "nucleair", P: 0.1, Count: 34}}
	if diff := cmp.Diff(want, l.Lookup("en", "nuclear")); diff != "" {
		t.Errorf("Lookup (-want +got):\n%s", diff)
	}
	if !l.Lookup("en", "nuclear")[0].ModifierOnly() || l.Lookup("en", "nuclear")[1].ModifierOnly() {
		t.Errorf("ModifierOnly of %+v: want kern only", l.Lookup("en", "nuclear"))
	}
	if diff := cmp.Diff(want, roundTrip(t, l).Lookup("en", "nuclear")); diff != "" {
		t.Errorf("after a round trip (-want +got):\n%s", diff)
	}
}

// TestTrainModifier: a Dutch word the training pairs have as a word of
// its own for one English word and only as a compound's modifier for
// another is ModifierOnly for the second only (kern: core as a word,
// nuclear in kernwapens).
func TestTrainModifier(t *testing.T) {
	var pairs []Pair
	for i := range 20 {
		filler := fmt.Sprintf("w%d", i)
		pairs = append(pairs,
			Pair{NL: []string{"kernwapen", "kern", "wapen", filler}, EN: []string{"nuclear", "weapon", filler}, NLModifier: []bool{false, true, false, false}},
			Pair{NL: []string{"kern", "probleem", filler}, EN: []string{"core", "problem", filler}, NLModifier: []bool{false, false, false}},
			Pair{NL: []string{"wapen", filler}, EN: []string{"weapon", filler}, NLModifier: []bool{false, false}},
		)
	}
	l, err := TrainContext(context.Background(), pairs, "x", Options{})
	if err != nil {
		t.Fatal(err)
	}
	find := func(from, w, tr string) Translation {
		for _, x := range l.Lookup(from, w) {
			if x.Word == tr {
				return x
			}
		}
		t.Fatalf("%s %s has no translation %s: %+v", from, w, tr, l.Lookup(from, w))
		return Translation{}
	}
	for _, tc := range []struct {
		from, w, tr string
		want        bool
	}{
		{"en", "nuclear", "kern", true},
		{"en", "core", "kern", false},
		{"en", "weapon", "wapen", false},
		{"nl", "kern", "core", false},
	} {
		if got := find(tc.from, tc.w, tc.tr); got.ModifierOnly() != tc.want {
			t.Errorf("%s → %s: %+v, ModifierOnly %v, want %v", tc.w, tc.tr, got, got.ModifierOnly(), tc.want)
		}
	}
	// Marks not as many as the keys are refused.
	_, err = TrainContext(context.Background(), []Pair{{NL: []string{"a", "b"}, EN: []string{"c"}, NLModifier: []bool{true}}}, "x", Options{})
	if err == nil || !strings.Contains(err.Error(), "modifier marks") {
		t.Errorf("mismatched marks: error %v, want one naming the modifier marks", err)
	}
}

func TestReadErrors(t *testing.T) {
	truncated := gz(header + "f\ten\ttreati\t40\n")
	truncated = truncated[:len(truncated)-6]
	tests := []struct {
		name   string
		data   []byte
		line   int    // the line the error names; 0 for none
		format bool   // the error wraps ErrFormat
		want   string // in the message
	}{
		{name: "other magic", data: gz("tolk-lexicon 3\ta\t1\n"), line: 1, format: true, want: "header"},
		{name: "modifier count not a number", data: gz(headerV2 + "t\ten\tw\tv\t0.5\t3\tm\n"), line: 2, format: true, want: "modifier count"},
		{name: "modifier count above count", data: gz(headerV2 + "t\ten\tw\tv\t0.5\t3\t4\n"), line: 2, format: true, want: "modifier count"},
		{name: "modifier count 0", data: gz(headerV2 + "t\ten\tw\tv\t0.5\t3\t0\n"), line: 2, format: true, want: "modifier count"},
		{name: "header fields", data: gz("tolk-lexicon 1\ta\n"), line: 1, format: true, want: "header"},
		{name: "not a lexicon", data: gz("hello\n"), line: 1, format: true, want: "header"},
		{name: "segment count", data: gz("tolk-lexicon 1\ta\tmany\n"), line: 1, format: true, want: "segment count"},
		{name: "probability above 1", data: gz(header + "f\ten\tw\t1\nt\ten\tw\tv\t1.5\t3\n"), line: 3, format: true, want: "probability"},
		{name: "negative probability", data: gz(header + "t\ten\tw\tv\t-0.1\t3\n"), line: 2, format: true, want: "probability"},
		{name: "probability NaN", data: gz(header + "t\ten\tw\tv\tNaN\t3\n"), line: 2, format: true, want: "probability"},
		{name: "probability not a number", data: gz(header + "t\ten\tw\tv\thigh\t3\n"), line: 2, format: true, want: "probability"},
		{name: "translation count", data: gz(header + "t\ten\tw\tv\t0.5\tmany\n"), line: 2, format: true, want: "count"},
		{name: "negative count", data: gz(header + "t\ten\tw\tv\t0.5\t-1\n"), line: 2, format: true, want: "count"},
		{name: "negative frequency", data: gz(header + "f\ten\tw\t-1\n"), line: 2, format: true, want: "frequency"},
		{name: "negative segment count", data: gz("tolk-lexicon 1\ta\t-1\n"), line: 1, format: true, want: "segment count"},
		{name: "frequency", data: gz(header + "f\ten\tw\t1.5\n"), line: 2, format: true, want: "frequency"},
		{name: "unknown record", data: gz(header + "f\ten\tw\t1\nx\ten\tw\t1\n"), line: 3, format: true, want: "unknown record"},
		{name: "unknown language", data: gz(header + "f\tde\tw\t1\n"), line: 2, format: true, want: "unknown record"},
		{name: "too few fields", data: gz(header + "t\ten\tw\tv\t0.5\n"), line: 2, format: true, want: "unknown record"},
		{name: "empty line", data: gz(header + "\nf\ten\tw\t1\n"), line: 2, format: true, want: "unknown record"},
		{name: "not gzip", data: []byte(header), format: true},
		{name: "no bytes", data: nil, format: true},
		{name: "empty", data: gz(""), format: true, want: "empty"},
		{name: "truncated", data: truncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Read(bytes.NewReader(tt.data))
			if err == nil {
				t.Fatalf("Read gives a lexicon of %d words, want an error", l.Size("en"))
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "lexicon: ") {
				t.Errorf("error %q has no package prefix", msg)
			}
			if tt.format && !errors.Is(err, ErrFormat) {
				t.Errorf("error %q does not wrap ErrFormat", msg)
			}
			if tt.line > 0 && !strings.Contains(msg, fmt.Sprintf("line %d:", tt.line)) {
				t.Errorf("error %q does not name line %d", msg, tt.line)
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q does not say %q", msg, tt.want)
			}
		})
	}
}

func TestDefault(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatalf("the shipped lexicon does not load: %v", err)
	}
	if n := l.Size("en"); n < 3000 {
		t.Errorf("the shipped lexicon translates %d English words, want thousands", n)
	}
	if n := l.Size("nl"); n < 3000 {
		t.Errorf("the shipped lexicon translates %d Dutch words, want thousands", n)
	}
	if l.Segments < 10000 || l.Analysis == "" {
		t.Errorf("Segments, Analysis = %d, %q", l.Segments, l.Analysis)
	}
	checkTables(t, l, 4e-3)
	if again, _ := Default(); again != l {
		t.Errorf("Default reads the file again")
	}
	// A plain word every treaty has, as an English and a Dutch key.
	if got := top(l.Lookup("en", "treaty")); got != "verdrag" {
		t.Errorf("treaty → %q, want verdrag", got)
	}
	// The treaties call themselves conventions and agreements more
	// often than treaties.
	got := l.Lookup("nl", "verdrag")
	if w := top(got); w != "convention" && w != "treaty" && w != "agreement" ||
		!slices.ContainsFunc(got, func(tr Translation) bool { return tr.Word == "treaty" }) {
		t.Errorf("verdrag → %v, want convention, treaty or agreement first, and treaty among them", got)
	}
	if l.Freq("en", "treaty") < 100 {
		t.Errorf("Freq(en, treaty) = %d", l.Freq("en", "treaty"))
	}
}

// TestTrainContextStops: training gives up with the context's error once
// it is done, and otherwise learns what Train learns.
func TestTrainContextStops(t *testing.T) {
	pairs := []Pair{{NL: []string{"verdrag"}, EN: []string{"treaty"}}, {NL: []string{"het", "verdrag"}, EN: []string{"the", "treaty"}}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if l, err := TrainContext(ctx, pairs, "a", Options{}); !errors.Is(err, context.Canceled) || l != nil {
		t.Errorf("cancelled: %v, %v; want context.Canceled and no lexicon", l, err)
	}
	l, err := TrainContext(context.Background(), pairs, "a", Options{})
	if err != nil || l.Lookup("en", "treaty")[0].Word != "verdrag" {
		t.Errorf("TrainContext: %v; treaty → %v", err, l.Lookup("en", "treaty"))
	}
}

// TestForms: the written forms of a word with translations are kept
// commonest first, at most maxForms, and read back; a word without
// translations keeps none.
func TestForms(t *testing.T) {
	l := Train([]Pair{{NL: []string{"vereist"}, EN: []string{"requir"}}, {NL: []string{"vereist"}, EN: []string{"requir"}}}, "a", Options{})
	l.AddForms("en", map[string]map[string]int{
		"requir": {"require": 3, "required": 9, "requires": 2, "requiring": 1, "requirs": 1},
		"unseen": {"unseen": 4},
	})
	want := []string{"required", "require", "requires", "requiring"}
	for name, got := range map[string]*Lexicon{"trained": l, "read": roundTrip(t, l)} {
		if diff := cmp.Diff(want, got.Forms("en", "requir")); diff != "" {
			t.Errorf("%s: Forms(en, requir) (-want +got):\n%s", name, diff)
		}
		if f := got.Forms("en", "unseen"); f != nil {
			t.Errorf("%s: Forms(en, unseen) = %q, want none (no translations)", name, f)
		}
	}
	if f := Train(nil, "a", Options{}).Forms("en", "requir"); f != nil {
		t.Errorf("a lexicon without forms: Forms = %q", f)
	}
}
