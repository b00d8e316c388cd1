package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/tm/align"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

// TextPair is a Dutch text and its English translation, aligned as a
// whole (a treaty article, a TM segment).
type TextPair struct {
	NL, EN string
}

// Training segments: longer ones make EM slow (its cost is the product of
// the two lengths) and their links vague.
const (
	maxTrainKeys = 80 // keys per side of one training segment
)

// mdLinkTarget is the target of a Markdown link, which holds no words of
// the text ([Convention](../../verdrag/...)).
var mdLinkTarget = regexp.MustCompile(`\]\([^)]*\)`)

// TrainingPairs cuts aligned texts into the short segment pairs the
// lexicon learns from: paragraphs (non-empty lines) pair one to one when
// both sides have as many (else the texts are taken whole); each paragraph
// pair is cut into sentences, paired one to one when both sides have as
// many and aligned (tm/align) otherwise; a pair with too many words on
// either side is left out. dutch, when not nil, gives the Dutch keys with
// their compound modifiers marked (index.Index.DutchKeys) instead of keys.
func TrainingPairs(texts []TextPair, keys func(lang, text string) []string, dutch func(text string) ([]string, []bool)) []lexicon.Pair {
	var out []lexicon.Pair
	add := func(nl, en string) {
		var kn []string
		var mod []bool
		if dutch != nil {
			kn, mod = dutch(nl)
		} else {
			kn = keys("nl", nl)
		}
		ke := keys("en", en)
		if len(kn) == 0 || len(ke) == 0 || len(kn) > maxTrainKeys || len(ke) > maxTrainKeys {
			return
		}
		out = append(out, lexicon.Pair{NL: kn, EN: ke, NLModifier: mod})
	}
	for _, t := range texts {
		nls, ens := lines(t.NL), lines(t.EN)
		if len(nls) != len(ens) {
			nls, ens = []string{strings.Join(nls, "\n")}, []string{strings.Join(ens, "\n")}
		}
		for i := range nls {
			ns, es := align.Sentences(nls[i], "nl"), align.Sentences(ens[i], "en")
			if len(ns) == len(es) {
				for j := range ns {
					add(ns[j], es[j])
				}
				continue
			}
			for _, b := range align.Align(ns, es, align.Options{}) {
				if len(b.NL) > 0 && len(b.EN) > 0 {
					add(joinAt(ns, b.NL), joinAt(es, b.EN))
				}
			}
		}
	}
	return out
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(mdLinkTarget.ReplaceAllString(s, "]"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// TrainLexicon learns a translation lexicon from aligned texts, over the
// keys this App's index uses.
func (a *App) TrainLexicon(ctx context.Context, texts []TextPair, opt lexicon.Options) (*lexicon.Lexicon, error) {
	pairs := TrainingPairs(texts, a.idx.Keys, a.idx.DutchKeys)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("app: train: %w", err)
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("app: train: %w: no segment pairs with words on both sides", ErrBadRequest)
	}
	l, err := lexicon.TrainContext(ctx, pairs, a.idx.Analysis(), opt)
	if err != nil {
		return nil, fmt.Errorf("app: train: %w", err)
	}
	l.AddForms("en", englishForms(texts))
	return l, nil
}

// englishForms counts the words of the texts' English sides as written
// (lower case, words of letters only) under their keys: what a key the
// lexicon has is shown as (requir: required).
func englishForms(texts []TextPair) map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, t := range texts {
		for _, w := range strings.FieldsFunc(t.EN, func(r rune) bool { return !unicode.IsLetter(r) }) {
			w = strings.ToLower(w)
			k := index.Key("en", w)
			if out[k] == nil {
				out[k] = map[string]int{}
			}
			out[k][w]++
		}
	}
	return out
}

// Lexicon returns the translation lexicon English search uses (nil when
// there is none).
func (a *App) Lexicon() *lexicon.Lexicon { return a.lexicon() }

// SetLexicon replaces the translation lexicon.
func (a *App) SetLexicon(l *lexicon.Lexicon) { a.setLexicon(l) }

// startLexicon reads the lexicon in the background (loadLexicon) at the
// end of Open: 80-90 ms that a start-up does not wait for, while whatever
// needs the lexicon does (lexicon).
func (a *App) startLexicon() {
	if a.lex.Load() != nil {
		return
	}
	a.lexReady = make(chan struct{})
	a.bg.Go(func() {
		defer close(a.lexReady)
		a.loadLexicon()
	})
}

// lexicon returns the translation lexicon once the one Open started
// reading is in.
func (a *App) lexicon() *lexicon.Lexicon {
	a.waitLexicon()
	return a.lex.Load()
}

// waitLexicon waits until the lexicon Open started reading is in.
func (a *App) waitLexicon() {
	if a.lexReady != nil {
		<-a.lexReady
	}
}

// setLexicon replaces the translation lexicon, after the one Open started
// reading is in, so that it does not replace l.
func (a *App) setLexicon(l *lexicon.Lexicon) {
	a.waitLexicon()
	a.lex.Store(l)
}

// lexiconFile is where a lexicon trained from the user's TM is kept in
// the data directory; it replaces the shipped one.
const lexiconFile = "lexicon.gz"

// loadLexicon installs the lexicon the data directory holds (trained by
// `tolk tm train`), or else the shipped one, unless it was built for
// other keys.
func (a *App) loadLexicon() {
	if a.dir != "" {
		path := filepath.Join(a.dir, lexiconFile)
		if f, err := os.Open(path); err == nil {
			l, err := lexicon.Read(f)
			f.Close()
			switch {
			case err != nil:
				a.log.Warn("the trained lexicon cannot be read; using the shipped one", "file", path, "err", err)
			case l.Analysis != a.idx.Analysis() && a.retrain:
				// An upgrade changed the keys: train it again on what it
				// was trained on, the TM, meanwhile searching with the
				// shipped one.
				a.log.Warn("the trained lexicon was built for another analysis; training it again from the translation memory in the background, using the shipped one until then", "file", path)
				a.bg.Go(a.retrainLexicon)
			case l.Analysis != a.idx.Analysis():
				a.log.Warn("the trained lexicon was built for another analysis; using the shipped one (run tolk tm train again)", "file", path)
			default:
				a.lex.Store(l)
				return
			}
		}
	}
	l, err := lexicon.Default()
	if err != nil {
		a.log.Warn("no translation lexicon: English search uses the glossary only", "err", err)
		return
	}
	if l.Analysis != a.idx.Analysis() {
		a.log.Warn("the shipped translation lexicon was built for another analysis; regenerate it (go generate ./tm/lexicon)",
			"lexicon", l.Analysis, "index", a.idx.Analysis())
	}
	a.lex.Store(l)
}

// retrainLexicon trains the lexicon of the data directory again from the
// TM (TrainTMLexicon) when it was built for another analysis; Close stops
// it.
func (a *App) retrainLexicon() {
	start := time.Now()
	if err := a.TrainTMLexicon(a.bgCtx, io.Discard); err != nil {
		if a.bgCtx.Err() == nil {
			a.log.Warn("the trained lexicon could not be trained again; English search uses the shipped one (run tolk tm train)", "err", err)
		}
		return
	}
	a.log.Info("the trained lexicon was trained again for this analysis", "took", time.Since(start).Round(time.Millisecond))
}

// TrainTMLexicon rebuilds the translation lexicon from every segment of
// the translation memory, installs it for English search and, with a
// data directory, keeps it there (written whole, then renamed, so a crash
// leaves the old one); progress goes to w.
func (a *App) TrainTMLexicon(ctx context.Context, w io.Writer) error {
	segs := a.TMSegments("")
	texts := make([]TextPair, len(segs))
	for i, s := range segs {
		texts[i] = TextPair{NL: s.NL, EN: s.EN}
	}
	start := time.Now()
	fmt.Fprintf(w, "training the lexicon on %d segments of the translation memory…\n", len(segs))
	lex, err := a.TrainLexicon(ctx, texts, lexicon.Options{})
	if err != nil {
		return err
	}
	if a.dir != "" {
		if err := writeLexicon(filepath.Join(a.dir, lexiconFile), lex); err != nil {
			return err
		}
	}
	a.setLexicon(lex)
	fmt.Fprintf(w, "trained on %d segment pairs in %v: %d English and %d Dutch words with translations\n",
		lex.Segments, time.Since(start).Round(time.Millisecond), lex.Size("en"), lex.Size("nl"))
	return nil
}

// writeLexicon writes l to path durably: a temporary file, fsync'd, then
// renamed over the old one.
func writeLexicon(path string, l *lexicon.Lexicon) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".lexicon-*")
	if err != nil {
		return fmt.Errorf("app: write lexicon: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := l.Write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("app: write lexicon: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("app: write lexicon: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("app: write lexicon: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("app: write lexicon: %w", err)
	}
	return nil
}

func joinAt(ss []string, idx []int) string {
	parts := make([]string, len(idx))
	for i, k := range idx {
		parts[i] = ss[k]
	}
	return strings.Join(parts, " ")
}
