package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/tolk-nl/tolk/glossary/exchange"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/tm"
	"github.com/tolk-nl/tolk/tm/align"
	"github.com/tolk-nl/tolk/tm/pairs"
	"github.com/tolk-nl/tolk/tm/table"
	"github.com/tolk-nl/tolk/tm/tmx"
)

// The translation memory: every segment is held in memory, keyed by
// collection and id, and searched through an in-memory segment index that
// is built from the store at start (a data directory) or filled by
// imports (memory mode). The store is the truth: an import is written to
// it in one fsync'd transaction before memory and index see it.
//
// Writers take turns on wmu, which they hold across the store write and
// the indexing, work that grows with the import; mu is taken only to
// change the map, so searches never wait for an import's analysis. A
// search in between may find a segment in the index before the map holds
// it (the hit is skipped) or, for a replaced segment, show the old text
// for a moment.
type tmState struct {
	wmu  sync.Mutex            // serialises writes: store, then index and map
	mu   sync.RWMutex          // guards segs
	segs map[string]tm.Segment // by tm.Segment.Key
	idx  *index.SegmentIndex

	putHook func() // called before indexing; tests hold a write there

	fz fuzzyState // fuzzy-match indexes, built on first use (tmmatch.go)
}

func newTMState(opt index.Options) (*tmState, error) {
	idx, err := index.NewSegmentIndex(opt)
	if err != nil {
		return nil, fmt.Errorf("app: %w", err)
	}
	return &tmState{segs: map[string]tm.Segment{}, idx: idx}, nil
}

// tmReady loads the translation memory on its first use, not at start:
// its search index is built in memory from the stored segments (seconds
// for the default TM's 50,000), which a server that is only asked to
// search passages should not pay for at every start. After loading it
// starts the default TM's seed (Config.TMSeed) in the background when the
// data directory has not had it. Every method that reads or writes the
// TM calls it first.
func (a *App) tmReady() error {
	a.tmOnce.Do(func() {
		a.tmErr = a.loadTM(a.bgCtx)
		a.tmDone.Store(a.tmErr == nil)
		if a.tmErr != nil || a.tmSeed == "" {
			return
		}
		if a.store != nil {
			if done, err := a.store.Seeded(seedTMMark); err == nil && done {
				return // SeedTM would find it done too
			}
		}
		// Marked before it starts, so that the answer of this first use
		// says that the TM is still being filled.
		a.seeding.begin()
		a.bg.Go(func() {
			if _, err := a.SeedTM(a.bgCtx, a.tmSeed); err != nil && a.bgCtx.Err() == nil {
				a.log.Error("seeding the default translation memory", "err", err)
			}
		})
	})
	return a.tmErr
}

// TMLoadedSegments returns how many TM segments are in memory: 0 until
// the TM's first use loads them (it does not load them).
func (a *App) TMLoadedSegments() int {
	if !a.tmDone.Load() {
		return 0
	}
	a.tmem.mu.RLock()
	defer a.tmem.mu.RUnlock()
	return len(a.tmem.segs)
}

// loadTM reads the stored segments into memory and the index.
func (a *App) loadTM(ctx context.Context) error {
	if a.store == nil {
		return nil // memory mode: the TM is what imports put there
	}
	segs, err := a.store.Segments()
	if err != nil {
		return fmt.Errorf("app: %w", err)
	}
	start := time.Now()
	if err := a.tmem.put(ctx, segs); err != nil {
		return err
	}
	if len(segs) > 0 {
		a.log.Info("translation memory indexed", "segments", len(segs), "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// put indexes segs, then puts them in the map. The caller holds t.wmu
// (or is alone, at start).
func (t *tmState) put(ctx context.Context, segs []tm.Segment) error {
	docs := make([]index.Segment, len(segs))
	for i, s := range segs {
		docs[i] = index.Segment{Key: s.Key(), NL: s.NL, EN: s.EN, Collection: s.Collection}
	}
	if t.putHook != nil {
		t.putHook()
	}
	if err := t.idx.Put(ctx, docs); err != nil {
		return fmt.Errorf("app: %w", err)
	}
	t.mu.Lock()
	for _, s := range segs {
		t.segs[s.Key()] = s
	}
	t.mu.Unlock()
	t.fuzzyPut(segs)
	return nil
}

// TM formats: what ImportTM reads and ExportTM writes.
const (
	TMFormatTMX   = "tmx"
	TMFormatTSV   = "tsv"
	TMFormatCSV   = "csv"
	TMFormatPairs = "pairs"
)

// TMFormatOf tells a TM file's format from its name (memory.tmx,
// memory.tmx.gz), or "" when the name does not say.
func TMFormatOf(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if ext == ".gz" {
		ext = strings.ToLower(path.Ext(strings.TrimSuffix(strings.ToLower(name), ext)))
	}
	switch ext {
	case ".tmx":
		return TMFormatTMX
	case ".tsv", ".tab", ".txt":
		return TMFormatTSV
	case ".csv":
		return TMFormatCSV
	case ".jsonl":
		return TMFormatPairs
	}
	return ""
}

// gunzipTM returns data uncompressed when it is gzip-compressed (a
// memory.tmx.gz), else data itself: it was read as the compressed bytes
// ("invalid character entity"). It inflates to at most
// exchange.MaxGunzipped bytes, the size of an uncompressed import; beyond
// that the error is an *exchange.InflateError.
func gunzipTM(data []byte) ([]byte, error) {
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return data, nil
	}
	out, err := exchange.Gunzip(data, exchange.MaxGunzipped)
	var ie *exchange.InflateError
	if errors.As(err, &ie) {
		return nil, err
	}
	if err != nil {
		return nil, badInput(err)
	}
	return out, nil
}

// TMImport is one import into the translation memory.
type TMImport struct {
	// Format is tmx, tsv, csv or pairs.
	Format string
	// Data is the file. For format pairs it is the treaty JSON Lines
	// ({"doc","article","nl","en"} a line), unless NL and EN are set.
	Data []byte
	// NL and EN are a Dutch text and its English version (format pairs,
	// Data empty): they are split into sentences and aligned.
	NL, EN []byte
	// Name names the uploaded file(s); it is the source document of
	// segments aligned from NL and EN.
	Name string
	// Collection puts every segment into this collection; empty keeps
	// the collection a file gives (TMX from tolk) and uses
	// tm.DefaultCollection for the others.
	Collection string
	// Who is recorded as the creator of segments that name none.
	Who string
	// Replace makes each collection the file's segments go into hold
	// those segments only: the collection's other segments are deleted,
	// in the same transaction (a corrected file imported again leaves no
	// segment of its last version behind).
	Replace bool
}

// TMImported reports an import: the segments stored, and the units
// skipped because they lack a side (or, for aligned texts, the sentences
// left without a counterpart).
type TMImported struct {
	Imported   int    `json:"imported"`
	Skipped    int    `json:"skipped"`
	Collection string `json:"collection,omitempty"`
	// Deleted counts the segments a Replace import deleted.
	Deleted int `json:"deleted,omitempty"`
	// SkippedUnits says where and why (TMX: the first units skipped).
	SkippedUnits []tm.Skip `json:"skipped_units,omitempty"`
	// Repeats counts the units that repeated an earlier one of the file
	// (the same collection and texts, or the same id): each is stored as
	// one segment, the last unit's (tm.Repeats).
	Repeats int `json:"repeats,omitempty"`
	// Warnings says what the reader did with units it did not take as
	// they were (a TMX unit with two English variants of different
	// text: a segment for each), the first tm.MaxSkipNotes of them.
	Warnings []tm.Warning `json:"warnings,omitempty"`
}

// inputError is a problem in what the caller sent: its message is meant
// for users, and it matches ErrBadRequest.
type inputError struct{ err error }

func (e *inputError) Error() string   { return e.err.Error() }
func (e *inputError) Unwrap() []error { return []error{ErrBadRequest, e.err} }

func badInput(err error) error { return &inputError{err} }

// ImportTM reads a file in one of the TM formats and stores its segments,
// all or nothing: a bad unit anywhere is an error (matching ErrBadRequest,
// its message naming the line) and nothing is stored. A segment whose
// collection and id are stored already is replaced; segments without id
// get tm.ContentID, so importing a file again replaces its segments.
func (a *App) ImportTM(ctx context.Context, in TMImport) (TMImported, error) {
	if err := a.tmReady(); err != nil {
		return TMImported{}, err
	}
	if in.Collection != "" && !tm.ValidCollection(in.Collection) {
		return TMImported{}, badInput(fmt.Errorf("collection %q: use 1–64 letters, digits, '-', '_' or '.'", in.Collection))
	}
	var (
		b   tm.Batch
		err error
	)
	if in.Data, err = gunzipTM(in.Data); err != nil {
		return TMImported{}, err
	}
	switch in.Format {
	case TMFormatTMX:
		b, err = tmx.Read(bytes.NewReader(in.Data))
	case TMFormatTSV:
		b, err = table.ReadTSV(transform.NewReader(bytes.NewReader(in.Data), unicode.BOMOverride(transform.Nop)))
	case TMFormatCSV:
		// UTF-16 with a byte-order mark ("Unicode text" from Excel) is
		// read as the UTF-8 it stands for, as TMX's encodings are.
		b, err = table.ReadCSV(transform.NewReader(bytes.NewReader(in.Data), unicode.BOMOverride(transform.Nop)))
	case TMFormatPairs:
		opt := align.Options{Dict: a.glossaryDict()}
		if in.NL != nil || in.EN != nil {
			if len(bytes.TrimSpace(in.NL)) == 0 || len(bytes.TrimSpace(in.EN)) == 0 {
				return TMImported{}, badInput(errors.New("pairs: two texts are aligned: a Dutch one (nl) and its English version (en), neither empty"))
			}
			r := pairs.Align(string(in.NL), string(in.EN), tm.Source{Doc: in.Name}, opt)
			b = tm.Batch{Segments: r.Segments, Skipped: r.Unaligned + len(r.Mismatched), SkippedUnits: r.Mismatched[:min(len(r.Mismatched), tm.MaxSkipNotes)]}
		} else {
			b, err = pairs.ReadJSONL(bytes.NewReader(in.Data), opt)
		}
	default:
		return TMImported{}, badInput(fmt.Errorf("unknown format %q (tmx, tsv, csv or pairs)", in.Format))
	}
	if err != nil {
		return TMImported{}, badInput(err)
	}
	if in.Collection != "" {
		for i := range b.Segments {
			b.Segments[i].Collection = in.Collection
		}
	}
	// Counted here, after collection= (units of two collections may now
	// be one segment's), and for aligned texts too.
	b.Repeats = tm.Repeats(b.Segments, "")
	if in.Replace && len(b.Segments) == 0 {
		// Replacing with nothing would empty the collection: that is a
		// delete, asked for as one.
		return TMImported{}, badInput(errors.New("the file holds no segments to import: replacing with it would delete the collection's segments (delete the collection to do that)"))
	}
	if in.Replace && b.Skipped > 0 && in.Format != TMFormatPairs {
		// A unit the reader skipped (no xml:lang, an empty side) may be
		// the new version of a stored segment: replacing would delete
		// that segment for a fault in the file. Aligned texts are
		// different: a sentence without a counterpart is no broken unit.
		were := "units were"
		if b.Skipped == 1 {
			were = "units was"
		}
		return TMImported{}, badInput(fmt.Errorf("%d of the file's %s skipped (%s): a replace would delete the stored segments they stand for; mend them, or import without replace", b.Skipped, were, skipSummary(b.SkippedUnits)))
	}
	n, deleted, err := a.putSegments(ctx, b.Segments, in.Who, in.Replace)
	if err != nil {
		return TMImported{}, err
	}
	return TMImported{Imported: n, Skipped: b.Skipped, Collection: in.Collection, Deleted: deleted, SkippedUnits: b.SkippedUnits, Repeats: b.Repeats, Warnings: b.Warnings}, nil
}

// skipSummary names the first skipped units: "line 12: no English <tuv>;
// line 30: …", or "reasons not given" for a reader that gives none.
func skipSummary(skips []tm.Skip) string {
	if len(skips) == 0 {
		return "reasons not given"
	}
	var parts []string
	for _, k := range skips[:min(len(skips), 3)] {
		parts = append(parts, fmt.Sprintf("line %d: %s", k.Line, k.Reason))
	}
	if len(skips) > 3 {
		parts = append(parts, "…")
	}
	return strings.Join(parts, "; ")
}

// putSegments stores segments (the store, or memory in memory mode) and
// then indexes them; it returns how many were stored. With replace, the
// segments of the collections they go into that are not among them are
// deleted, in the same store transaction; it returns how many.
func (a *App) putSegments(ctx context.Context, segs []tm.Segment, who string, replace bool) (int, int, error) {
	t := a.tmem
	t.wmu.Lock()
	defer t.wmu.Unlock()
	ready, err := tm.Prepare(segs, "", who, time.Now())
	if errors.Is(err, tm.ErrInvalid) {
		return 0, 0, badInput(err)
	}
	if err != nil {
		return 0, 0, err
	}
	var drop []string
	if replace {
		colls := map[string]bool{}
		keep := make(map[string]bool, len(ready))
		for _, s := range ready {
			colls[s.Collection], keep[s.Key()] = true, true
		}
		t.mu.RLock()
		for k, s := range t.segs {
			if colls[s.Collection] && !keep[k] {
				drop = append(drop, k)
			}
		}
		t.mu.RUnlock()
	}
	if a.store != nil {
		if err := a.store.PutSegmentsDropping(ready, drop); err != nil {
			return 0, 0, err
		}
	}
	if len(drop) > 0 {
		if err := t.forget(ctx, drop); err != nil {
			return 0, 0, err
		}
	}
	if err := t.put(ctx, ready); err != nil {
		// Stored but not indexed: the next start indexes it.
		return 0, 0, err
	}
	return len(ready), len(drop), nil
}

// DeleteTMCollection removes every segment of a collection of the
// translation memory, from the store in one transaction and then from the
// indexes, and returns how many there were; an unknown or empty
// collection is ErrNotFound. The default TM's collection can be deleted
// too (its seed does not come back: the data directory remembers it was
// seeded).
func (a *App) DeleteTMCollection(ctx context.Context, name string) (int, error) {
	if err := a.tmReady(); err != nil {
		return 0, err
	}
	t := a.tmem
	t.wmu.Lock()
	defer t.wmu.Unlock()
	var keys []string
	t.mu.RLock()
	for k, s := range t.segs {
		if s.Collection == name {
			keys = append(keys, k)
		}
	}
	t.mu.RUnlock()
	if len(keys) == 0 {
		return 0, notFound("the translation memory has no collection %q", name)
	}
	if a.store != nil {
		if err := a.store.DeleteSegments(keys); err != nil {
			return 0, err
		}
	}
	if err := t.forget(ctx, keys); err != nil {
		return 0, err
	}
	return len(keys), nil
}

// forget takes the segments with the keys, deleted from the store, out
// of memory and the indexes: out of the map first, so that a search in
// between skips the hits the index still has.
func (t *tmState) forget(ctx context.Context, keys []string) error {
	t.mu.Lock()
	for _, k := range keys {
		delete(t.segs, k)
	}
	t.mu.Unlock()
	t.fuzzyDelete(keys)
	if err := t.idx.Delete(ctx, keys); err != nil {
		return fmt.Errorf("app: %w", err)
	}
	return nil
}

// glossaryDict returns a lexical anchor for the aligner: whether a Dutch
// and an English word are one-word terms of one glossary concept, or a
// confident translation of each other in the lexicon.
func (a *App) glossaryDict() func(nl, en string) bool {
	pairs := map[[2]string]bool{}
	for _, c := range a.terms.All() {
		for _, n := range c.TermsIn("nl") {
			if strings.ContainsRune(n.Text, ' ') {
				continue
			}
			for _, e := range c.TermsIn("en") {
				if !strings.ContainsRune(e.Text, ' ') {
					pairs[[2]string{strings.ToLower(n.Text), strings.ToLower(e.Text)}] = true
				}
			}
		}
	}
	// The lexicon's confident translations are anchors too, compared by
	// index key (one Align call is single-threaded: the caches need no
	// lock).
	lex := a.lexicon()
	nlKey, enKey := map[string]string{}, map[string]string{}
	trans := map[string]map[string]bool{}
	key := func(cache map[string]string, lang, w string) string {
		k, ok := cache[w]
		if !ok {
			k = index.Key(lang, w)
			cache[w] = k
		}
		return k
	}
	return func(nl, en string) bool {
		if pairs[[2]string{nl, en}] {
			return true
		}
		if lex == nil {
			return false
		}
		ek := key(enKey, "en", en)
		ts, ok := trans[ek]
		if !ok {
			ts = map[string]bool{}
			for _, t := range lex.Lookup("en", ek) {
				if t.P >= lexiconAnchorP {
					ts[t.Word] = true
				}
			}
			trans[ek] = ts
		}
		return len(ts) > 0 && ts[key(nlKey, "nl", nl)]
	}
}

// lexiconAnchorP is the probability from which a lexicon translation
// anchors a sentence pair for the aligner.
const lexiconAnchorP = 0.1

// TMSegments returns the segments of a collection (all for ""), by
// collection and id.
func (a *App) TMSegments(collection string) []tm.Segment {
	if err := a.tmReady(); err != nil {
		a.log.Error("loading the translation memory", "err", err)
		return nil
	}
	t := a.tmem
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]tm.Segment, 0, len(t.segs))
	for _, s := range t.segs {
		if collection == "" || s.Collection == collection {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(x, y tm.Segment) int { return strings.Compare(x.Key(), y.Key()) })
	return out
}

// tmCollection checks the collection a TM request is limited to: ""
// (every collection) or one the TM has, else ErrNotFound; a search of a
// misspelt collection answered as an empty memory would. The default
// TM's collection counts while its seed runs.
func (a *App) tmCollection(name string) error {
	if name == "" {
		return nil
	}
	if !tm.ValidCollection(name) {
		return badInput(fmt.Errorf("collection %q: use 1–64 letters, digits, '-', '_' or '.'", name))
	}
	if name == DefaultTMCollection && a.TMSeeding() != nil {
		return nil
	}
	t := a.tmem
	t.mu.RLock()
	defer t.mu.RUnlock()
	for _, s := range t.segs {
		if s.Collection == name {
			return nil
		}
	}
	return notFound("the translation memory has no collection %q", name)
}

// tmLang is a TM request's language code as given (NL, " en"), lower-cased
// and trimmed.
func tmLang(l string) string { return strings.ToLower(strings.TrimSpace(l)) }

// ExportTM writes the segments of a collection (all for "") as tmx or
// tsv and returns how many it wrote. A collection the TM does not have is
// ErrNotFound and nothing is written: an empty file for a misspelt name
// would pass for an empty memory.
func (a *App) ExportTM(ctx context.Context, w io.Writer, format, collection string) (int, error) {
	if err := a.tmReady(); err != nil {
		return 0, err
	}
	if format != TMFormatTMX && format != TMFormatTSV {
		return 0, badInput(fmt.Errorf("cannot export format %q (tmx or tsv)", format))
	}
	segs := a.TMSegments(collection)
	if collection != "" && len(segs) == 0 {
		return 0, notFound("the translation memory has no collection %q", collection)
	}
	var err error
	switch format {
	case TMFormatTMX:
		err = tmx.Write(w, segs, tmx.Header{ToolVersion: toolVersion(), Created: time.Now()})
	case TMFormatTSV:
		err = table.WriteTSV(w, segs)
	}
	if err != nil {
		return 0, fmt.Errorf("app: export: %w", err)
	}
	return len(segs), nil
}

func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "unknown"
}

// TMQuery asks for segments: those matching Q's words on the side Lang
// ("nl", "en", or "" / "auto" for both), or with Q empty all of them, in
// key order; either way only Collection's when set.
type TMQuery struct {
	Q, Lang, Collection string
	Limit, Offset       int // Limit 0 means 20
}

// TMHit is a segment found, with its score (zero when listing).
type TMHit struct {
	tm.Segment
	Score float64 `json:"score,omitempty"`
}

// TMResult is one page of segments and how many there are in all.
type TMResult struct {
	Total    int     `json:"total"`
	Segments []TMHit `json:"segments"`
}

// SearchTM lists or searches the translation memory.
func (a *App) SearchTM(ctx context.Context, q TMQuery) (TMResult, error) {
	if err := a.tmReady(); err != nil {
		return TMResult{}, err
	}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	q.Limit = min(q.Limit, index.MaxLimit)
	q.Offset = max(q.Offset, 0)
	switch q.Lang = tmLang(q.Lang); q.Lang {
	case "", "auto", "nl", "en":
	default:
		return TMResult{}, badInput(fmt.Errorf("lang %q: nl, en or auto", q.Lang))
	}
	if err := a.tmCollection(q.Collection); err != nil {
		return TMResult{}, err
	}
	if strings.TrimSpace(q.Q) == "" {
		all := a.TMSegments(q.Collection)
		res := TMResult{Total: len(all), Segments: []TMHit{}}
		for _, s := range all[min(q.Offset, len(all)):min(q.Offset+q.Limit, len(all))] {
			res.Segments = append(res.Segments, TMHit{Segment: s})
		}
		return res, nil
	}
	lang := q.Lang
	if lang == "auto" {
		lang = ""
	}
	t := a.tmem
	t.mu.RLock()
	defer t.mu.RUnlock()
	r, err := t.idx.Search(ctx, index.SegmentQuery{Q: q.Q, Lang: lang, Collection: q.Collection, Limit: q.Limit, Offset: q.Offset})
	if err != nil {
		return TMResult{}, err
	}
	res := TMResult{Total: r.Total, Segments: make([]TMHit, 0, len(r.Hits))}
	for _, h := range r.Hits {
		if s, ok := t.segs[h.Key]; ok {
			res.Segments = append(res.Segments, TMHit{Segment: s, Score: h.Score})
		}
	}
	return res, nil
}
