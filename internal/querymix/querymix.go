package querymix

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
)

// Doc is a document of a corpus: an identifier and its text.
type Doc struct {
	ID   string
	Text string
}

// DefaultSeed is the seed of the mixes recorded in tests and
// docs/PERFORMANCE.md.
const DefaultSeed = 20261204

// Frequency bands of content words (see the package comment).
const (
	rare = iota
	medium
	common
	bands
)

// Band limits: the share of documents a word occurs in.
const (
	rareShare   = 0.005
	mediumShare = 0.05
)

// stop lists Dutch function words of four letters or more; shorter words
// are never content words.
var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`deze dit die dat voor niet zijn worden wordt werd werden door naar over
		onder tussen omdat maar heeft hebben hadden kunnen moet moeten zullen zouden zich waarin waarop
		welke welk indien hierbij daarvan daarbij daarom andere alle meer geen haar hun zijn wij zij
		ook nog wel toch reeds alleen zoals vanaf sinds tijdens zonder tegen binnen buiten boven
		bedoeld bedoelde betreft eerste tweede derde echter waarbij waarvan hiervan hierin hiervoor
		daarin daarna daarop daartoe daarvoor aldus mede onderscheidenlijk respectievelijk waardoor
		wanneer terwijl zowel ofwel noch dient dienen kan mag mogen wil willen waar hier daar niets
		iets iemand ieder iedere elke enig enige veel weinig zeer zelf zelfs worden geworden
		geweest wezen was waren had ons onze uw jouw mijn hen hem haar hare zulke zulk
		the and that with from this which have been will shall`) {
		stop[w] = true
	}
}

// words splits text into maximal runs of letters, lower-cased.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
}

func content(w string) bool {
	return len([]rune(w)) >= 4 && !stop[w]
}

// Dutch returns n queries drawn from docs by the rule of the package
// comment, with the given seed. docs are taken in the order given; the
// same docs, n and seed give the same queries. It returns fewer than n
// queries only when the corpus has too few distinct ones.
func Dutch(docs []Doc, n int, seed uint64) []string {
	toks := make([][]string, len(docs))
	df := map[string]int{}
	for i, d := range docs {
		toks[i] = words(d.Text)
		seen := map[string]bool{}
		for _, w := range toks[i] {
			if content(w) && !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	// In a small corpus a band holds at least one document count.
	rareMax := max(1, int(rareShare*float64(len(docs))))
	mediumMax := max(rareMax+1, int(mediumShare*float64(len(docs))))
	band := func(w string) int {
		switch {
		case df[w] <= rareMax:
			return rare
		case df[w] <= mediumMax:
			return medium
		}
		return common
	}
	var withWords []int
	for i, t := range toks {
		if len(t) > 0 {
			withWords = append(withWords, i)
		}
	}
	if len(withWords) == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, seed))
	out := make([]string, 0, n)
	seen := map[string]bool{}
	singles := 0
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		t := toks[withWords[rng.IntN(len(withWords))]]
		at := rng.IntN(len(t))
		var q string
		switch k := len(out) % 10; {
		case k < 5:
			q = single(t, at, singles%bands, band)
		case k < 8:
			q = pair(t, at)
		default:
			q = triple(t, at, rng)
		}
		if q == "" || seen[q] {
			continue
		}
		if len(out)%10 < 5 {
			singles++
		}
		seen[q] = true
		out = append(out, q)
	}
	return out
}

// single is the first content word of band b from at on.
func single(t []string, at, b int, band func(string) int) string {
	for _, w := range t[at:] {
		if content(w) && band(w) == b {
			return w
		}
	}
	return ""
}

// pair is the first two adjacent content words from at on.
func pair(t []string, at int) string {
	for i := at; i+1 < len(t); i++ {
		if content(t[i]) && content(t[i+1]) && t[i] != t[i+1] {
			return t[i] + " " + t[i+1]
		}
	}
	return ""
}

// triple is three distinct content words of the 30 words from at, drawn
// at random and kept in text order.
func triple(t []string, at int, rng *rand.Rand) string {
	var cand []int
	seen := map[string]bool{}
	for i := at; i < min(at+30, len(t)); i++ {
		if content(t[i]) && !seen[t[i]] {
			seen[t[i]] = true
			cand = append(cand, i)
		}
	}
	if len(cand) < 3 {
		return ""
	}
	rng.Shuffle(len(cand), func(i, j int) { cand[i], cand[j] = cand[j], cand[i] })
	pick := cand[:3]
	slices.Sort(pick)
	return t[pick[0]] + " " + t[pick[1]] + " " + t[pick[2]]
}

// ReadJSONL reads documents from JSON lines with "id" and "text" fields,
// as the BWB extracts under ../shared/data/bwb-laws-markdown hold them.
func ReadJSONL(r io.Reader) ([]Doc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var docs []Doc
	for line := 1; sc.Scan(); line++ {
		var d struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("querymix: line %d: %w", line, err)
		}
		docs = append(docs, Doc{ID: d.ID, Text: d.Text})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("querymix: %w", err)
	}
	return docs, nil
}
