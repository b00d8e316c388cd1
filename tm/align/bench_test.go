package align

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// The alignment benchmark (docs/ALIGNMENT.md): line-aligned test sets cut
// into pseudo-documents of 20–60 sentence pairs, perturbed with a fixed
// seed, aligned, and scored by link precision and recall.
const (
	benchSeed  = 20250901
	minDoc     = 20
	maxDoc     = 60
	deleteRate = 0.05 // a sentence dropped on one side: gold 1-0 or 0-1
	mergeRate  = 0.05 // two adjacent sentences joined on one side: gold 1-2 or 2-1
	splitRate  = 0.05 // a sentence cut at a comma or conjunction: gold 2-1 or 1-2
	minF1      = 0.95 // the acceptance figure on FLORES and NTREX
)

type testSet struct {
	name, nl, en string
	guard        bool // the test fails when F1 falls below minF1
}

var testSets = []testSet{
	{"flores200", "flores200-devtest.nld", "flores200-devtest.eng", true},
	{"ntrex128", "ntrex128-newstest2019-ref.nld", "ntrex128-newstest2019-src.eng", true},
	{"tatoeba", "tatoeba-test-v2021-08-07.nld", "tatoeba-test-v2021-08-07.eng", false},
}

// benchDoc is a perturbed pseudo-document with its gold beads.
type benchDoc struct {
	nl, en []string
	gold   []Bead
}

// makeDocs cuts the line pairs into pseudo-documents and perturbs them.
func makeDocs(nl, en []string, rng *rand.Rand) []benchDoc {
	var docs []benchDoc
	for start := 0; start < len(nl); {
		size := minDoc + rng.IntN(maxDoc-minDoc+1)
		end := min(start+size, len(nl))
		docs = append(docs, perturb(nl[start:end], en[start:end], rng))
		start = end
	}
	return docs
}

func perturb(nl, en []string, rng *rand.Rand) benchDoc {
	var d benchDoc
	add := func(ns, es []string) {
		var b Bead
		for _, s := range ns {
			b.NL = append(b.NL, len(d.nl))
			d.nl = append(d.nl, s)
		}
		for _, s := range es {
			b.EN = append(b.EN, len(d.en))
			d.en = append(d.en, s)
		}
		d.gold = append(d.gold, b)
	}
	for i := 0; i < len(nl); i++ {
		r := rng.Float64()
		dutchSide := rng.IntN(2) == 0
		switch {
		case r < deleteRate:
			if dutchSide {
				add(nil, en[i:i+1])
			} else {
				add(nl[i:i+1], nil)
			}
		case r < deleteRate+mergeRate && i+1 < len(nl):
			if dutchSide {
				add([]string{nl[i] + " " + nl[i+1]}, en[i:i+2])
			} else {
				add(nl[i:i+2], []string{en[i] + " " + en[i+1]})
			}
			i++
		case r < deleteRate+mergeRate+splitRate:
			if dutchSide {
				if a, b, ok := cut(nl[i], nlConjunctions); ok {
					add([]string{a, b}, en[i:i+1])
					continue
				}
			} else if a, b, ok := cut(en[i], enConjunctions); ok {
				add(nl[i:i+1], []string{a, b})
				continue
			}
			add(nl[i:i+1], en[i:i+1])
		default:
			add(nl[i:i+1], en[i:i+1])
		}
	}
	return d
}

var (
	nlConjunctions = []string{" en ", " maar ", " of ", " omdat ", " terwijl ", " want "}
	enConjunctions = []string{" and ", " but ", " or ", " because ", " while ", " which "}
)

// cut splits s at the comma or conjunction nearest its middle that leaves
// at least 15 characters on each side; the comma stays with the first
// part, the conjunction starts the second.
func cut(s string, conjunctions []string) (string, string, bool) {
	best := -1
	for i := 15; i < len(s)-15; i++ {
		ok := s[i] == ',' && s[i+1] == ' '
		if !ok {
			for _, c := range conjunctions {
				if strings.HasPrefix(s[i:], c) {
					ok = true
					break
				}
			}
		}
		if ok && (best < 0 || abs(i-len(s)/2) < abs(best-len(s)/2)) {
			best = i
		}
	}
	if best < 0 {
		return "", "", false
	}
	if s[best] == ',' {
		return s[:best+1], s[best+2:], true
	}
	return s[:best], s[best+1:], true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

type link struct{ nl, en int }

func links(beads []Bead) []link {
	var out []link
	for _, b := range beads {
		for _, i := range b.NL {
			for _, j := range b.EN {
				out = append(out, link{i, j})
			}
		}
	}
	return out
}

// counts holds link counts for precision and recall.
type counts struct{ tp, fp, fn int }

func (c *counts) add(gold, got []Bead) {
	g := make(map[link]bool)
	for _, l := range links(gold) {
		g[l] = true
	}
	hit := 0
	for _, l := range links(got) {
		if g[l] {
			hit++
		} else {
			c.fp++
		}
	}
	c.tp += hit
	c.fn += len(g) - hit
}

func (c counts) prf() (p, r, f float64) {
	p = float64(c.tp) / float64(c.tp+c.fp)
	r = float64(c.tp) / float64(c.tp+c.fn)
	return p, r, 2 * p * r / (p + r)
}

// freeDict loads the FreeDict Dutch–English and English–Dutch
// dictionaries (test data only: GPL, never shipped) as a Dict.
func freeDict(tb testing.TB) func(nl, en string) bool {
	tb.Helper()
	pairs := make(map[[2]string]bool)
	read := func(file string, dutchHead bool) {
		sc := bufio.NewScanner(sharedtest.Open(tb, "data", "freedict-nld-eng-debian", file))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			f := strings.Split(sc.Text(), "\t")
			if len(f) < 3 || strings.Contains(f[0], " ") {
				continue
			}
			head := strings.ToLower(f[0])
			for _, sense := range strings.Split(f[2], "|") {
				for _, tr := range strings.Split(sense, ",") {
					tr = strings.ToLower(strings.TrimSpace(tr))
					tr = strings.TrimPrefix(tr, "to ")
					if tr == "" || strings.Contains(tr, " ") {
						continue
					}
					if dutchHead {
						pairs[[2]string{head, tr}] = true
					} else {
						pairs[[2]string{tr, head}] = true
					}
				}
			}
		}
		if err := sc.Err(); err != nil {
			tb.Fatal(err)
		}
	}
	read("freedict-nld-eng.tsv.gz", true)
	read("freedict-eng-nld.tsv.gz", false)
	// Plural and inflected forms are not in the dictionary: try the word
	// without a Dutch -en/-s/-e or an English -s as well.
	return func(nl, en string) bool {
		for _, n := range [...]string{nl, trim(nl, "en"), trim(nl, "s"), trim(nl, "e")} {
			if n != "" && (pairs[[2]string{n, en}] || pairs[[2]string{n, trim(en, "s")}]) {
				return true
			}
		}
		return false
	}
}

// trim returns w without suffix, or "" when w lacks it or too little is
// left.
func trim(w, suffix string) string {
	if t, ok := strings.CutSuffix(w, suffix); ok && len(t) > 2 {
		return t
	}
	return ""
}

// TestBenchmark builds the alignment benchmark, prints the table
// docs/ALIGNMENT.md quotes, and fails when link F1 on FLORES or NTREX
// falls below minF1. Run with -v to see the table.
func TestBenchmark(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the alignment benchmark in -short mode")
	}
	dict := freeDict(t)
	type row struct {
		set, dict   string
		docs, links int
		c           counts
		elapsed     time.Duration
	}
	var rows []row
	var guarded [2]counts // flores+ntrex without and with Dict
	for _, ts := range testSets {
		nl := sharedtest.Lines(t, "data", "mt-testsets-nl-en", ts.nl)
		en := sharedtest.Lines(t, "data", "mt-testsets-nl-en", ts.en)
		if len(nl) != len(en) {
			t.Fatalf("%s: %d Dutch lines, %d English", ts.name, len(nl), len(en))
		}
		docs := makeDocs(nl, en, rand.New(rand.NewPCG(benchSeed, 1)))
		for v, opt := range []Options{{}, {Dict: dict}} {
			r := row{set: ts.name, dict: "none", docs: len(docs)}
			if opt.Dict != nil {
				r.dict = "FreeDict"
			}
			start := time.Now()
			for _, d := range docs {
				got := Align(d.nl, d.en, opt)
				r.c.add(d.gold, got)
				r.links += len(links(d.gold))
			}
			r.elapsed = time.Since(start)
			rows = append(rows, r)
			p, rec, f := r.c.prf()
			t.Logf("%s dict=%s: P=%.4f R=%.4f F1=%.4f", ts.name, r.dict, p, rec, f)
			if ts.guard {
				guarded[v].tp += r.c.tp
				guarded[v].fp += r.c.fp
				guarded[v].fn += r.c.fn
				if f < minF1 {
					t.Errorf("%s dict=%s: link F1 %.4f < %.2f", ts.name, r.dict, f, minF1)
				}
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n| set | Dict | docs | gold links | precision | recall | F1 | time |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		p, rec, f := r.c.prf()
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %.4f | %.4f | %.4f | %s |\n", r.set, r.dict, r.docs, r.links, p, rec, f, r.elapsed.Round(time.Millisecond))
	}
	for v, name := range []string{"none", "FreeDict"} {
		p, rec, f := guarded[v].prf()
		fmt.Fprintf(&b, "| flores200+ntrex128 | %s | | | %.4f | %.4f | %.4f | |\n", name, p, rec, f)
	}
	t.Log(b.String())
}

// treatyPair is one article pair of the shared treaty data.
type treatyPair struct {
	Doc, Article string
	NL, EN       string
}

func readTreaties(tb testing.TB) []treatyPair {
	tb.Helper()
	sc := bufio.NewScanner(sharedtest.Open(tb, "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz"))
	sc.Buffer(nil, 1<<24)
	var out []treatyPair
	for sc.Scan() {
		var p treatyPair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			tb.Fatal(err)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestTreaties aligns the sentences of every treaty article pair. There is
// no sentence-level gold standard; it reports the bead kinds and the time
// per article, and fails when fewer than minTreaty11 of the sentences end
// up in 1-1 beads.
func TestTreaties(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the treaty alignment in -short mode")
	}
	const minTreaty11 = 0.85
	pairs := readTreaties(t)
	kinds := map[string]int{}
	var sentences, in11, same int
	var splitTime, alignTime time.Duration
	var slowest time.Duration
	for _, p := range pairs {
		t0 := time.Now()
		nl, en := Sentences(p.NL, "nl"), Sentences(p.EN, "en")
		t1 := time.Now()
		beads := Align(nl, en, Options{})
		t2 := time.Now()
		splitTime += t1.Sub(t0)
		alignTime += t2.Sub(t1)
		slowest = max(slowest, t2.Sub(t1))
		if len(nl) == len(en) {
			same++
		}
		sentences += len(nl) + len(en)
		for _, b := range beads {
			kinds[fmt.Sprintf("%d-%d", len(b.NL), len(b.EN))]++
			if len(b.NL) == 1 && len(b.EN) == 1 {
				in11 += 2
			}
		}
	}
	var beads int
	for _, n := range kinds {
		beads += n
	}
	keys := make([]string, 0, len(kinds))
	for k := range kinds {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%d article pairs, %d sentences (%d pairs with equal sentence counts)\n", len(pairs), sentences, same)
	for _, k := range keys {
		fmt.Fprintf(&b, "beads %s: %d (%.1f %%)\n", k, kinds[k], 100*float64(kinds[k])/float64(beads))
	}
	share := float64(in11) / float64(sentences)
	fmt.Fprintf(&b, "sentences in 1-1 beads: %.1f %%\n", 100*share)
	fmt.Fprintf(&b, "time per article: split %.0f µs, align %.0f µs; slowest align %s\n",
		float64(splitTime.Microseconds())/float64(len(pairs)), float64(alignTime.Microseconds())/float64(len(pairs)), slowest.Round(time.Microsecond))
	t.Log(b.String())
	if share < minTreaty11 {
		t.Errorf("only %.1f %% of the treaty sentences are in 1-1 beads, want ≥ %.0f %%", 100*share, 100*minTreaty11)
	}
}

// BenchmarkAlign aligns one long document: the sentences of the first 100
// treaty article pairs, about 1,100 per side. The full-width search is
// the baseline for the banded one.
func BenchmarkAlign(b *testing.B) {
	var nl, en []string
	for _, p := range readTreaties(b)[:100] {
		nl = append(nl, Sentences(p.NL, "nl")...)
		en = append(en, Sentences(p.EN, "en")...)
	}
	for _, bc := range []struct {
		name string
		band int
	}{{"band=20", 0}, {"full", max(len(nl), len(en))}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				Align(nl, en, Options{Band: bc.band})
			}
			b.ReportMetric(float64(len(nl)+len(en))*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
		})
	}
}

// BenchmarkSentences splits the Dutch and English sides of 1,000 treaty
// articles.
func BenchmarkSentences(b *testing.B) {
	pairs := readTreaties(b)[:1000]
	var size int64
	for _, p := range pairs {
		size += int64(len(p.NL) + len(p.EN))
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, p := range pairs {
			Sentences(p.NL, "nl")
			Sentences(p.EN, "en")
		}
	}
}
