package glossary

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

// The flag has its own name so that it cannot collide with an -update
// flag another test file of this package may define; -update is honoured
// too when it exists.
var updateCurated = flag.Bool("update-curated", false, "rewrite curated.json in canonical form")

func wantUpdateCurated() bool {
	if *updateCurated {
		return true
	}
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const curatedMinConcepts = 120

func TestCurated(t *testing.T) {
	cs, err := Curated()
	if err != nil {
		t.Fatalf("Curated: %v", err)
	}
	if len(cs) < curatedMinConcepts {
		t.Errorf("Curated has %d concepts, want at least %d", len(cs), curatedMinConcepts)
	}
	ids := map[string]bool{}
	for _, c := range cs {
		if ids[c.ID] {
			t.Errorf("concept %s: id not unique", c.ID)
		}
		ids[c.ID] = true
		if c.Collection != CollectionCurated {
			t.Errorf("concept %s: collection %q, want %q", c.ID, c.Collection, CollectionCurated)
		}
		if len(c.TermsIn("nl")) == 0 || len(c.TermsIn("en")) == 0 {
			t.Errorf("concept %s: needs both a Dutch and an English term", c.ID)
		}
		if strings.TrimSpace(c.Definition["en"]) == "" {
			t.Errorf("concept %s: no English definition", c.ID)
		}
		if c.Subject == "" {
			t.Errorf("concept %s: no subject field", c.ID)
		}
		if !c.Created.IsZero() || !c.Modified.IsZero() {
			t.Errorf("concept %s: created/modified times do not belong in the shipped file", c.ID)
		}
		for i, tm := range c.Terms {
			if tm.Lang == "nl" && tm.POS == "noun" && tm.Article == "" {
				t.Errorf("concept %s: terms[%d] %q: Dutch noun without article", c.ID, i, tm.Text)
			}
			if tm.Reliability == 0 && c.Reliability == 0 {
				t.Errorf("concept %s: terms[%d] %q: no reliability on term or concept", c.ID, i, tm.Text)
			}
		}
	}
	if !slices.IsSortedFunc(cs, func(a, b Concept) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("Curated result is not sorted by id")
	}
}

// TestCuratedCoversLetter checks the units the issue names and every
// acronym the letter uses: each must be a Dutch term of some concept.
func TestCuratedCoversLetter(t *testing.T) {
	cs, err := Curated()
	if err != nil {
		t.Fatalf("Curated: %v", err)
	}
	letter := curatedLetter(t)
	nl := map[string]Term{}
	for _, c := range cs {
		for _, tm := range c.TermsIn("nl") {
			nl[strings.ToLower(tm.Text)] = tm
		}
	}
	for _, w := range []string{"staatsgreep", "couppleger", "rechtsorde", "transitieregering", "overgangsregering", "CNSP"} {
		if _, ok := nl[strings.ToLower(w)]; !ok {
			t.Errorf("no concept has the Dutch term %q", w)
		}
	}
	// Every upper-case token of two or more letters in the letter is an
	// acronym a translator must be able to look up.
	acr := regexp.MustCompile(`\b\p{Lu}{2,}\b`)
	for _, a := range slices.Compact(slices.Sorted(slices.Values(acr.FindAllString(letter, -1)))) {
		found := false
		for text, tm := range nl {
			if (tm.Type == Acronym || tm.Type == Abbreviation) && slices.Contains(curatedWords(text), strings.ToLower(a)) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("the letter's acronym %s is no Dutch acronym term of any concept", a)
		}
	}
}

func TestCuratedAcronyms(t *testing.T) {
	cs, err := Curated()
	if err != nil {
		t.Fatalf("Curated: %v", err)
	}
	allCaps := regexp.MustCompile(`^\p{Lu}[\p{Lu}\d]+$`)
	for _, c := range cs {
		full := false
		for _, tm := range c.Terms {
			full = full || tm.Type == FullForm
		}
		for i, tm := range c.Terms {
			if tm.Type == Acronym && !full {
				t.Errorf("concept %s: terms[%d] acronym %q without a full form in the same concept", c.ID, i, tm.Text)
			}
			if allCaps.MatchString(tm.Text) && tm.Type != Acronym && tm.Type != Abbreviation {
				t.Errorf("concept %s: terms[%d] %q looks like an acronym but has type %q", c.ID, i, tm.Text, tm.Type)
			}
		}
	}
}

// TestCuratedContexts checks that every context sentence of a Dutch term
// is the letter's own text and really uses the term.
func TestCuratedContexts(t *testing.T) {
	cs, err := Curated()
	if err != nil {
		t.Fatalf("Curated: %v", err)
	}
	letter := curatedLetter(t)
	n := 0
	for _, c := range cs {
		for i, tm := range c.Terms {
			if tm.Context == "" {
				continue
			}
			if tm.Lang != "nl" {
				t.Errorf("concept %s: terms[%d] %q: a %s term with a context; the letter is Dutch", c.ID, i, tm.Text, tm.Lang)
				continue
			}
			n++
			ctx := curatedNormalize(tm.Context)
			if !strings.Contains(letter, ctx) {
				t.Errorf("concept %s: terms[%d] %q: context does not occur in the letter: %q", c.ID, i, tm.Text, ctx)
			}
			if !curatedTermIn(tm.Text, tm.POS == "verb", ctx) {
				t.Errorf("concept %s: terms[%d] %q: context does not contain the term or an inflected form: %q", c.ID, i, tm.Text, ctx)
			}
			if tm.Source != CuratedSource {
				t.Errorf("concept %s: terms[%d] %q: source %q, want %q", c.ID, i, tm.Text, tm.Source, CuratedSource)
			}
		}
	}
	if n == 0 {
		t.Error("no Dutch term has a context")
	}
}

// TestCuratedCanonical keeps curated.json in the one form a reviewer's
// diff stays clean in; -update-curated rewrites it so.
func TestCuratedCanonical(t *testing.T) {
	const path = "curated.json"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cs []Concept
	if err := json.Unmarshal(raw, &cs); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if wantUpdateCurated() {
		slices.SortFunc(cs, func(a, b Concept) int { return strings.Compare(a.ID, b.ID) })
	}
	got, err := curatedCanonical(cs)
	if err != nil {
		t.Fatal(err)
	}
	if wantUpdateCurated() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !slices.IsSortedFunc(cs, func(a, b Concept) int { return strings.Compare(a.ID, b.ID) }) {
		t.Errorf("%s is not sorted by id; run go test ./glossary -run TestCuratedCanonical -update-curated", path)
	}
	if !bytes.Equal(raw, got) {
		t.Errorf("%s is not canonical; run go test ./glossary -run TestCuratedCanonical -update-curated\n(-file +canonical):\n%s",
			path, cmp.Diff(strings.Split(string(raw), "\n"), strings.Split(string(got), "\n")))
	}
}

func TestParseCuratedErrors(t *testing.T) {
	const good = `{"id":"x","collection":"curated","definition":{"en":"d"},"terms":[{"lang":"nl","text":"a"},{"lang":"en","text":"b"}]}`
	tests := []struct {
		name string
		in   string
		want []string // substrings the error must contain
	}{
		{"not JSON", `[{`, []string{"glossary: curated.json:"}},
		{"unknown field", `[{"id":"x","colour":"red","terms":[]}]`, []string{`unknown field "colour"`}},
		{"trailing data", `[] []`, []string{"data after"}},
		{"no English term", `[{"id":"x","definition":{"en":"d"},"terms":[{"lang":"nl","text":"a"}]}]`, []string{"concept x", "terms", "no English"}},
		{"no Dutch term", `[{"id":"x","definition":{"en":"d"},"terms":[{"lang":"en","text":"a"}]}]`, []string{"concept x", "no Dutch"}},
		{"no English definition", `[{"id":"x","definition":{"nl":"d"},"terms":[{"lang":"nl","text":"a"},{"lang":"en","text":"b"}]}]`, []string{"concept x", "definition.en"}},
		{"no id", `[{"definition":{"en":"d"},"terms":[{"lang":"nl","text":"a"},{"lang":"en","text":"b"}]}]`, []string{"id", "needs an id"}},
		{"bad status", `[{"id":"y","definition":{"en":"d"},"terms":[{"lang":"nl","text":"a","status":"fine"},{"lang":"en","text":"b"}]}]`, []string{"concept y", "terms[0].status"}},
		{"duplicate id", `[` + good + `,` + good + `]`, []string{"concept x", "id", "duplicate of concept #0"}},
		{"every problem reported", `[{"id":"p","definition":{"en":"d"},"terms":[{"lang":"nl","text":"a"}]},{"id":"q","definition":{"en":"d"},"terms":[{"lang":"en","text":"a"}]}]`,
			[]string{"concept p", "concept q"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseCurated([]byte(tt.in))
			if err == nil {
				t.Fatal("parseCurated succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
	t.Run("field errors match ErrInvalid", func(t *testing.T) {
		_, err := parseCurated([]byte(`[{"id":"x","terms":[{"lang":"nl","text":"a"}]}]`))
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("error %v does not match ErrInvalid", err)
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Concept != "x" {
			t.Errorf("error %v: want a *FieldError naming concept x", err)
		}
	})
	t.Run("collection set", func(t *testing.T) {
		cs, err := parseCurated([]byte(`[` + strings.Replace(good, `"curated"`, `"other"`, 1) + `]`))
		if err != nil {
			t.Fatal(err)
		}
		if cs[0].Collection != CollectionCurated {
			t.Errorf("collection %q, want %q", cs[0].Collection, CollectionCurated)
		}
	})
}

func FuzzParseCurated(f *testing.F) {
	f.Add([]byte(curatedJSON[:min(len(curatedJSON), 2000)]))
	f.Add([]byte(`[{"id":"x","definition":{"en":"d"},"terms":[{"lang":"nl","text":"a"},{"lang":"en","text":"b"}]}]`))
	f.Add([]byte(`[{"id":"x","terms":[{"lang":"xx","text":""}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := parseCurated(data)
		if err != nil {
			return
		}
		for _, c := range cs {
			if err := validateCurated(&c); err != nil {
				t.Fatalf("accepted an invalid concept: %v", err)
			}
			if c.Collection != CollectionCurated {
				t.Fatalf("collection %q", c.Collection)
			}
		}
	})
}

func TestCuratedTermIn(t *testing.T) {
	tests := []struct {
		term string
		verb bool
		ctx  string
		want bool
	}{
		{"staatsgreep", false, "de staatsgreep werd veroordeeld", true},
		{"staatsgreep", false, "twee staatsgrepen", true},
		{"couppleger", false, "De coupplegers, verenigd in", true},
		{"lidstaat", false, "de EU-lidstaten", true},
		{"opschorten", true, "grotendeels op te schorten, omdat", true},
		{"opschorten", true, "hun financiële steun opgeschort", true},
		{"afbouwen", true, "samenwerkingsverbanden afgebouwd", true},
		{"installeren", true, "een overgangsregering is geïnstalleerd", true},
		{"politieke gevangene", false, "de politieke gevangenen", true},
		{"tot nader orde", false, "Mali tot nader orde uitgesloten", true},
		{"ER", false, "na de ER van 19 augustus", true},
		{"eenheid", false, "met Malinese eenheden die", true},
		{"staatsgreep", false, "de militaire coup volgde", false},
		{"politieke gevangene", false, "de politieke partijen", false},
		{"vakbond", false, "maatschappelijke organisaties", false},
		{"opschorten", true, "op de hoogte", false},
		{"AU", false, "de EU-lidstaten", false},
		{"ER", false, "riep al eerder op", false},
		{"tot nader orde", false, "tot nader order uit te stellen", false},
		{"gezondheidszorg", false, "om gezondheidsredenen", false},
		{"Verenigde Naties", false, "verenigd in het Comité National", false},
		{"transitieperiode", false, "een inclusief transitieproces", false},
		{"uitsluiting", false, "de sluiting van de grenzen uit Mali", false},
	}
	for _, tt := range tests {
		if got := curatedTermIn(tt.term, tt.verb, tt.ctx); got != tt.want {
			t.Errorf("curatedTermIn(%q, %v, %q) = %v, want %v", tt.term, tt.verb, tt.ctx, got, tt.want)
		}
	}
}

func TestCuratedNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"veroor-\ndeeld", "veroordeeld"},
		{"De Secretaris-\nGeneraal", "De Secretaris-Generaal"},
		{"de advies- \nen trainingsactiviteiten", "de advies- en trainingsactiviteiten"},
		{" met \n de  repatriëring ", "met de repatriëring"},
		{"gei\u0308nformeerd", "geïnformeerd"},
	}
	for _, tt := range tests {
		if got := curatedNormalize(tt.in); got != tt.want {
			t.Errorf("curatedNormalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func curatedCanonical(cs []Concept) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Escaped '<', '>' and '&' would only make the file harder to read.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cs); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// curatedLetter returns the normalised text of the Mali letter. It reads
// the file rather than importing internal/corpus: package glossary must
// not depend on internal packages, not even in its tests.
func curatedLetter(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the package directory")
		}
		dir = parent
	}
	b, err := os.ReadFile(filepath.Join(dir, "internal", "corpus", "kamerbrief-mali-2020.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return curatedNormalize(string(b))
}

// curatedLineEndHyphen is a hyphen that ends a line. Before a lower-case letter
// it splits one word ("veroor-\ndeeld"); before anything else it is a
// real hyphen ("Secretaris-\nGeneraal"). A hyphen followed by a space,
// as in "advies- en", is a suspended compound and is left alone.
var curatedLineEndHyphen = regexp.MustCompile(`-\r?\n(\p{Ll})?`)

// curatedNormalize joins line-end hyphenation, collapses white space and
// composes to NFC, so that a context sentence compares with the letter
// as the PDF text extraction left it.
func curatedNormalize(s string) string {
	s = norm.NFC.String(s)
	s = curatedLineEndHyphen.ReplaceAllStringFunc(s, func(m string) string {
		_, rest, _ := strings.Cut(m, "\n")
		if rest == "" {
			return "-"
		}
		return rest
	})
	return strings.Join(strings.Fields(s), " ")
}

// curatedTermIn reports whether ctx uses term, allowing for inflection:
// every word of the term must match a word of the context, after folding
// case and diacritics, undoubling vowels (staat/staten) and dropping a
// participle's "ge" (opgeschort) and taking -heden as -heid. A short word (up to four letters) must
// match whole or with an inflectional ending; a longer one may differ in
// its last letter (five or six letters) or last three (seven or more),
// so that a compound's head still has to match (gezondheidszorg is not
// gezondheidsredenen). For a verb a separable particle may stand apart
// (op te schorten). It guards against a context pasted to the wrong term,
// not against every odd inflection.
func curatedTermIn(term string, verb bool, ctx string) bool {
	raw := curatedWords(curatedFold(ctx))
	var cws []string
	for _, w := range raw {
		cws = append(cws, curatedUndouble(w))
		if stem, ok := strings.CutSuffix(w, "heden"); ok { // eenheid, eenheden
			cws = append(cws, curatedUndouble(stem+"heid"))
		}
		for i := strings.Index(w, "ge"); i >= 0; {
			cws = append(cws, curatedUndouble(w[:i]+w[i+2:]))
			j := strings.Index(w[i+1:], "ge")
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	for _, tw := range curatedWords(curatedFold(term)) {
		if curatedWordIn(curatedUndouble(tw), cws) {
			continue
		}
		ok := false
		for _, p := range curatedParticles {
			rest, cut := strings.CutPrefix(tw, p)
			if verb && cut && len([]rune(rest)) >= 3 && slices.Contains(raw, p) && curatedWordIn(curatedUndouble(rest), cws) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// curatedParticles are the separable verb particles that may stand apart
// from the verb in a Dutch sentence.
var curatedParticles = []string{"aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "samen", "tegen", "terug", "toe", "uit", "voor", "voort", "weg"}

// curatedEndings are the inflectional endings a short word may take.
var curatedEndings = []string{"", "s", "e", "en", "n", "t", "d"}

func curatedWordIn(tw string, cws []string) bool {
	n := len([]rune(tw))
	for _, cw := range cws {
		switch {
		case n <= 4:
			if rest, ok := strings.CutPrefix(cw, tw); ok && slices.Contains(curatedEndings, rest) {
				return true
			}
		case n <= 6:
			if curatedCommonPrefix(tw, cw) >= n-1 {
				return true
			}
		default:
			if curatedCommonPrefix(tw, cw) >= n-3 {
				return true
			}
		}
	}
	return false
}

// curatedFold lower-cases s and strips its diacritics (geïnstalleerd,
// installeren).
func curatedFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func curatedCommonPrefix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n
}

var curatedDoubleVowel = strings.NewReplacer("aa", "a", "ee", "e", "oo", "o", "uu", "u")

func curatedUndouble(w string) string { return curatedDoubleVowel.Replace(w) }

func curatedWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
