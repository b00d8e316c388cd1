package app

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/index/decompound"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/pdftext"
	"github.com/tolk-nl/tolk/internal/store"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

// Config says where an App keeps its data and what it starts with.
type Config struct {
	// DataDir holds the store (tolk.db) and the index (index/). Ignored
	// when Memory is set.
	DataDir string
	// Memory keeps everything in memory: nothing is written to disk.
	Memory bool
	// Corpus is the default corpus, seeded on first start; nil seeds none.
	Corpus fs.FS
	// Glossary is the curated glossary, seeded on first start.
	Glossary []glossary.Concept
	// Splitter splits Dutch compounds for the index and the term matcher;
	// nil splits nothing. Build it once (it takes a moment) with
	// NewSplitter.
	Splitter *decompound.Splitter
	// SplitterSnapshot writes Splitter's snapshot into DataDir when Open
	// has opened it, for LoadSplitter at the next start (splitter.go). Set
	// it for a Splitter of NewSplitter that LoadSplitter did not read from
	// there.
	SplitterSnapshot bool
	Logger           *slog.Logger
	// NoRepair leaves the differences between the store and the index
	// that Open finds (reconcile, check.go) for CheckData to report, instead
	// of repairing them: what tolk check opens with.
	NoRepair bool
	// KeepDamagedIndex makes Open fail on an index that does not open,
	// instead of setting it aside and rebuilding it from the store: what
	// a check that repairs nothing and a restore (which drops a copy that
	// does not open) want.
	KeepDamagedIndex bool
	// DocCache is the number of decoded documents kept in memory
	// (docs.go); 0 means DefaultDocCache, a negative number none.
	DocCache int
	// TMSeed is a file of treaty pairs (see SeedTM) imported into the
	// default TM collection when the translation memory is first used
	// and the data directory has not had it yet; empty for none. The
	// import runs in the background.
	TMSeed string
	// SearchCache is the size in bytes of the index's cache of recent
	// search answers (index.Options.ResultCache); 0 keeps none.
	SearchCache int64
	// RetrainLexicon trains a lexicon the data directory holds (tolk tm
	// train's) again from the TM, in the background, when it was built
	// for another analysis (after an upgrade); without it the shipped one
	// is used and a warning says to train again. tolk serve sets it.
	RetrainLexicon bool
}

// ErrNotFound is returned for a document or concept that does not exist.
var ErrNotFound = errors.New("not found")

// ErrBadRequest is wrapped by errors in what the caller asked for.
var ErrBadRequest = errors.New("bad request")

// ErrStale is wrapped by the error of a write made from a copy of a
// concept that has changed since the copy was read (an If-Match or a
// modified time that is not the stored concept's): nothing was written.
var ErrStale = errors.New("changed since it was read")

// ErrConflict is wrapped by the error of a write of a concept whose
// modified time is not the stored concept's: it was edited from an older
// copy. Nothing was written.
var ErrConflict = errors.New("edited from an older version")

// Error is an error in what the caller asked for that carries the
// sentence a user reads: Kind (ErrNotFound, ErrBadRequest, ErrStale or
// ErrConflict) is its category, which decides how it is answered, and
// Message says what is wrong without a package prefix or the category's
// text, so that the HTTP layer passes it on as it is, however the error
// is wrapped, instead of cutting the category's text out of Error().
type Error struct {
	Kind    error
	Message string
}

// Error is the message as fmt.Errorf("app: …: %w", Kind) wrote it.
func (e *Error) Error() string { return "app: " + e.Message + ": " + e.Kind.Error() }

// Unwrap makes errors.Is(err, e.Kind) hold.
func (e *Error) Unwrap() error { return e.Kind }

func notFound(format string, args ...any) error {
	return &Error{Kind: ErrNotFound, Message: fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) error {
	return &Error{Kind: ErrBadRequest, Message: fmt.Sprintf(format, args...)}
}

func stale(format string, args ...any) error {
	return &Error{Kind: ErrStale, Message: fmt.Sprintf(format, args...)}
}

// App is tolk's service. Its methods are safe for concurrent use.
type App struct {
	closeOnce sync.Once
	closeErr  error // Close's result

	log   *slog.Logger
	store *store.Store // nil in memory mode
	idx   *index.Index
	terms *glossary.Termbase
	match atomic.Pointer[match.Matcher]
	split func(word string) []string // compound splitter; nil splits nothing
	// words is the splitter, whose Dutch word list language detection
	// consults (vocabularyVotes); nil without a splitter.
	words *decompound.Splitter
	lex   atomic.Pointer[lexicon.Lexicon]
	// lexReady is closed when the lexicon Open started reading is in;
	// nil when Open read none (lexicon.go).
	lexReady chan struct{}
	dir      string // the data directory; "" in memory mode
	tune     englishTuning

	addHook func(context.Context, []index.Passage) error // replaces idx.Add in tests that inject failures
	// fault, set by tests only, is asked before each step of a document
	// write ("store", "index-delete"); an error it returns fails the step
	// as a full disk would (diskfull_test.go).
	fault func(step string) error

	wmu      sync.Mutex    // serialises document writes
	gl       glossaryState // serialises glossary writes, rebuilds the matcher (glossary.go)
	carried  carriedCache  // the carried headings of documents hits came from (bilingual.go)
	speakers carriedCache  // the speakers of their paragraphs, one each (speakerOf)
	mu       sync.RWMutex
	infos    map[string]*DocInfo  // the summary of every stored document (docs.go)
	mem      map[string]*Document // memory mode only: the documents themselves
	cache    *docCache            // decoded documents read from the store
	reads    atomic.Int64         // documents read from the store, for tests
	// residues holds, by document id, the keys of the words of its text
	// that no passage indexes (concordancedocs.go).
	residues sync.Map
	history  map[string][]store.Change // memory mode only

	tmem   *tmState    // the translation memory (tm.go); loaded on first use (tmReady)
	tmOnce sync.Once   // loads tmem from the store
	tmErr  error       // what loading tmem returned
	tmDone atomic.Bool // tmem is loaded
	tmSeed string      // Config.TMSeed
	// seeding is the progress of the default TM's seed (TMSeeding).
	seeding seedProgress
	// usageTime bounds the TM lookups of one TMUsage call (usageBudget;
	// tests shorten it), and usageWarm says that a background lookup of
	// what a call did not get to is running (tmequiv.go).
	usageTime time.Duration
	usageWarm atomic.Bool

	// bg runs work started in the background (the default TM's seed);
	// Close cancels bgCtx and waits for it.
	bg       sync.WaitGroup
	bgCtx    context.Context
	bgCancel context.CancelFunc

	// verified says that this start checked the index against the store
	// (and repaired it) or found it closed cleanly: Close may then leave
	// the clean-shutdown mark (clean.go).
	verified     bool
	startChecked bool // this start checked the index against the store, for tests
	// rebuilding says that this start replaced an index of another
	// analysis with an empty one: every stored document is missing from
	// it, as planned, and reconcile says so once instead of warning.
	rebuilding bool
	retrain    bool      // Config.RetrainLexicon
	opened     cleanMark // the store's last transaction and the index's print when opened

	pdf *pdftext.Reader // reads uploaded PDFs; its engine starts on the first (formats.go)
}

// Document is a stored document: its parsed form, when it was first
// added and when another version last replaced its content.
type Document struct {
	*ingest.Document
	Name     string    `json:"name"`
	Added    time.Time `json:"added"`
	Replaced time.Time `json:"replaced,omitzero"`

	version string // names the content; part of every passage ID
}

// Open opens (or creates and seeds) tolk's data and returns the service.
// A data directory that already holds an index is reopened, not rebuilt.
func Open(ctx context.Context, cfg Config) (*App, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &App{log: log, infos: map[string]*DocInfo{}, mem: map[string]*Document{}, history: map[string][]store.Change{}, tune: defaultTuning(), retrain: cfg.RetrainLexicon}
	a.tmSeed, a.usageTime = cfg.TMSeed, usageBudget
	a.bgCtx, a.bgCancel = context.WithCancel(context.WithoutCancel(ctx))
	a.pdf = pdftext.New(pdfCache())
	size := cfg.DocCache
	if size == 0 {
		size = DefaultDocCache
	}
	a.cache = newDocCache(size) // a negative size caches nothing
	a.terms = glossary.NewTermbaseForms(index.TermKey, a.termForms)
	var opt index.Options
	if cfg.Splitter != nil {
		opt.Decompounder = cfg.Splitter
		a.split = cachedSplit(cfg.Splitter.Split)
		a.words = cfg.Splitter
	}
	var err error
	if a.tmem, err = newTMState(opt); err != nil {
		return nil, err
	}
	opt.ResultCache = cfg.SearchCache
	if cfg.Memory {
		a.idx, err = index.NewMemory(opt)
		if err != nil {
			return nil, fmt.Errorf("app: %w", err)
		}
		a.terms.Put(cfg.Glossary...)
		a.rebuildMatcher()
		if err := a.seedCorpus(ctx, cfg.Corpus); err != nil {
			a.Close()
			return nil, err
		}
		a.startLexicon()
		return a, nil
	}
	a.dir = cfg.DataDir
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("app: data directory: %w", err)
	}
	if err := storeMissing(cfg.DataDir); err != nil {
		return nil, err
	}
	if a.store, err = store.Open(filepath.Join(cfg.DataDir, "tolk.db")); err != nil {
		return nil, fmt.Errorf("app: %w", err)
	}
	if cfg.SplitterSnapshot && cfg.Splitter != nil {
		// In the background: only the next start's speed depends on it.
		a.bg.Go(func() {
			if err := writeSplitter(cfg.DataDir, cfg.Splitter); err != nil {
				log.Warn("the compound splitter's snapshot was not written; the next start builds it again", "err", err)
			}
		})
	}
	ixDir := filepath.Join(cfg.DataDir, "index")
	// What the store and the index were before this process could write
	// to them, for the clean-shutdown mark (clean.go); an error leaves
	// them empty, which no mark matches.
	a.opened.StoreTx, _ = a.store.TxID()
	a.opened.Index, _ = indexPrint(ixDir)
	a.idx, err = index.Open(ixDir, opt)
	if errors.Is(err, index.ErrAnalysisChanged) {
		// The index was built by another version of the analysis. The
		// store holds every document, so the index is rebuilt from it:
		// load() reindexes each document the new index lacks.
		log.Warn("the index was built with another analysis; rebuilding it from the stored documents", "dir", ixDir)
		if err = os.RemoveAll(ixDir); err == nil {
			a.idx, err = index.Open(ixDir, opt)
			a.rebuilding = true
		}
	}
	if err != nil && !notDamage(err) {
		// bleve reads a meta file it cannot open for want of file
		// handles as missing ("metadata missing"): try the files here.
		if perr := probeIndex(ixDir); perr != nil && notDamage(perr) {
			err = fmt.Errorf("%w (%v)", err, perr)
		}
	}
	if err != nil && notDamage(err) {
		// The files could not be read (no permission, too many open
		// files): they are not damaged, and setting them aside would
		// cost a rebuild and leave a copy behind. Said as it is.
		a.store.Close()
		return nil, fmt.Errorf("app: the index cannot be read (%w): nothing was changed; mend the permissions or the open-file limit (ulimit -n) and start again", err)
	}
	if err != nil && !errors.Is(err, index.ErrAnalysisChanged) && !cfg.KeepDamagedIndex {
		// The index does not open (its files damaged or missing). The
		// store holds every document and this process holds the store's
		// lock, so no other tolk uses the directory: the index is set
		// aside, not deleted, and rebuilt from the store.
		aside := fmt.Sprintf("%s.damaged-%d", ixDir, time.Now().Unix())
		log.Warn("the index does not open; setting it aside and rebuilding it from the stored documents", "dir", ixDir, "aside", aside, "err", err)
		if rerr := os.Rename(ixDir, aside); rerr == nil {
			a.idx, err = index.Open(ixDir, opt)
			a.rebuilding = true
		} else {
			err = fmt.Errorf("%w (and it could not be set aside: %v)", err, rerr)
		}
	}
	if err != nil {
		a.store.Close()
		if !errors.Is(err, index.ErrAnalysisChanged) {
			// Kept as it is (KeepDamagedIndex), or not set aside.
			return nil, fmt.Errorf("app: %w: %w", ErrIndexDamaged, err)
		}
		return nil, fmt.Errorf("app: %w", err)
	}
	if err := a.load(ctx, cfg); err != nil {
		a.Close()
		return nil, err
	}
	a.startLexicon()
	return a, nil
}

// notDamage reports whether err, from opening the index, says that its
// files could not be read rather than that they are damaged: permission
// denied, too many open files. bleve does not always wrap the cause, so
// its text is read as well.
func notDamage(err error) bool {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "permission denied") || strings.Contains(msg, "too many open files")
}

// probeIndex opens the index's meta file and lists its segments, to tell
// an index that cannot be read from a damaged one.
func probeIndex(dir string) error {
	f, err := os.Open(filepath.Join(dir, "index_meta.json"))
	if err != nil {
		return err
	}
	f.Close()
	_, err = os.ReadDir(filepath.Join(dir, "store"))
	return err
}

// ErrIndexDamaged is Open's error for an index that does not open and was
// not set aside and rebuilt (Config.KeepDamagedIndex: tolk check without
// --repair changes nothing).
var ErrIndexDamaged = errors.New("the index does not open")

// ErrStoreMissing is Open's error for a data directory whose store
// (tolk.db) is missing or empty while its index or an interrupted restore
// shows that it held data: opening it would start a new, empty store and
// then remove every passage of the index as a document the store lacks.
var ErrStoreMissing = errors.New("the store is missing")

// storeMissing returns ErrStoreMissing, saying what to do, when dir has
// no store (or an empty file in its place) but has an index with files in
// it or the data a forced restore set aside (backup.go).
func storeMissing(dir string) error {
	st, err := os.Stat(filepath.Join(dir, storeFile))
	if err == nil && st.Size() > 0 || err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil // there, or not readable: store.Open says which
	}
	what := "missing"
	if err == nil {
		what = "an empty file"
	}
	if asides, _ := filepath.Glob(filepath.Join(dir, asidePrefix+"*")); len(asides) > 0 {
		return fmt.Errorf("app: %w: %s is %s and %s holds the data a restore was replacing when it was interrupted: run tolk restore again, or move the files in it back into %s",
			ErrStoreMissing, filepath.Join(dir, storeFile), what, asides[len(asides)-1], dir)
	}
	if es, _ := os.ReadDir(filepath.Join(dir, indexDir)); len(es) > 0 {
		return fmt.Errorf("app: %w: %s is %s but the index beside it holds documents; tolk will not start an empty store over them (it would then remove them from the index): restore tolk.db from a backup (tolk restore BACKUP --data %s --force), or move the index away to start afresh",
			ErrStoreMissing, filepath.Join(dir, storeFile), what, dir)
	}
	return nil
}

// load reads what the store holds, seeding it on first start, and makes
// the index hold exactly the stored version of every stored document
// (reconcile: what a crash in the middle of a write left is repaired here).
func (a *App) load(ctx context.Context, cfg Config) error {
	if err := a.seedGlossary(cfg.Glossary); err != nil {
		return err
	}
	cs, err := a.store.Concepts()
	if err != nil {
		return fmt.Errorf("app: %w", err)
	}
	a.terms.Put(cs...)
	a.rebuildMatcher()

	if err := a.loadInfos(!cfg.NoRepair); err != nil {
		return err
	}
	if mark, ok := a.takeCleanMark(); ok && a.cleanStart(mark) {
		// Closed cleanly, and the counts agree: nothing to repair
		// (clean.go).
		a.verified = true
	} else {
		a.startChecked = true
		if err := a.reconcile(ctx, !cfg.NoRepair); err != nil {
			return err
		}
		a.verified = !cfg.NoRepair
	}
	seeded, err := a.store.Seeded("corpus")
	if err != nil {
		return fmt.Errorf("app: %w", err)
	}
	if !seeded {
		if err := a.seedCorpus(ctx, cfg.Corpus); err != nil {
			return err
		}
		return a.store.MarkSeeded("corpus")
	}
	return nil
}

// seeder is the name the store's history records for what tolk itself
// wrote: the curated glossary it ships.
const seeder = "tolk"

// seedGlossary brings the stored curated glossary up to the one this
// binary ships: all of it on first start; after an upgrade, the new
// concepts and the new versions of those nobody has edited. A concept a
// user edited keeps the user's version, and nothing is deleted.
func (a *App) seedGlossary(shipped []glossary.Concept) error {
	raw, err := json.Marshal(shipped)
	if err != nil {
		return fmt.Errorf("app: %w", err)
	}
	mark := fmt.Sprintf("glossary:%x", sha256.Sum256(raw))
	if done, err := a.store.Seeded(mark); err != nil || done {
		return err
	}
	var put []glossary.Concept
	for _, c := range shipped {
		h, err := a.store.History(c.ID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("app: %w", err)
		}
		edited := false
		for _, ch := range h {
			edited = edited || ch.Who != seeder
		}
		if !edited {
			put = append(put, c)
		}
	}
	// Unchanged concepts are rewritten as they are: the store records no
	// history for an import that changes nothing.
	if err := a.store.ImportConcepts(put, seeder); err != nil {
		return fmt.Errorf("app: seeding the curated glossary: %w", err)
	}
	a.log.Info("curated glossary seeded", "concepts", len(put), "kept as edited", len(shipped)-len(put))
	return a.store.MarkSeeded(mark)
}

func (a *App) seedCorpus(ctx context.Context, corpus fs.FS) error {
	if corpus == nil {
		return nil
	}
	names, err := fs.Glob(corpus, "*")
	if err != nil {
		return fmt.Errorf("app: default corpus: %w", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(corpus, name)
		if err != nil {
			return fmt.Errorf("app: default corpus: %w", err)
		}
		// Replace, not Add: a start that crashed while seeding seeds again.
		if _, _, err := a.ReplaceDocument(ctx, name, data, ingest.Options{}); err != nil {
			return fmt.Errorf("app: default corpus %s: %w", name, err)
		}
	}
	return nil
}

// Close releases the index and the store. Calling it again returns what
// the first call did (the indexes' own Close must not run twice).
func (a *App) Close() error {
	a.closeOnce.Do(func() { a.closeErr = a.close() })
	return a.closeErr
}

func (a *App) close() error {
	var errs []error
	if a.bgCancel != nil {
		a.bgCancel()
		a.bg.Wait()
	}
	if a.pdf != nil {
		errs = append(errs, a.pdf.Close())
	}
	if a.tmem != nil {
		errs = append(errs, a.tmem.idx.Close())
	}
	// The clean-shutdown mark (clean.go) is written when this start
	// checked the index or found it clean, the index still counts the
	// passages the summaries say, and both closed without error.
	var mark cleanMark
	markOK := false
	if a.store != nil && a.idx != nil && a.verified {
		var err, err2 error
		mark, err = a.cleanCounts()
		mark.StoreTx, err2 = a.store.TxID()
		markOK = err == nil && err2 == nil && a.countsAgree(mark)
	}
	if a.idx != nil {
		errs = append(errs, a.idx.Close())
	}
	if a.store != nil {
		errs = append(errs, a.store.Close())
	}
	if markOK && errors.Join(errs...) == nil {
		var err error
		if mark.Index, err = indexPrint(filepath.Join(a.dir, "index")); err == nil {
			err = writeCleanMark(a.dir, mark)
		}
		if err != nil {
			a.log.Warn("the next start will check the index against the store", "err", err)
		}
	}
	return errors.Join(errs...)
}

// Index returns the search index, for searches the bilingual layer builds.
func (a *App) Index() *index.Index { return a.idx }

// Terms returns the termbase.
func (a *App) Terms() *glossary.Termbase { return a.terms }

// ErrExists is wrapped by the error AddDocument returns for a document
// whose id is taken (an *ExistsError).
var ErrExists = errors.New("already exists")

// ExistsError says which stored document has the id a new one would take.
type ExistsError struct {
	ID   string // the id both have
	Name string // the stored document's file name
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("app: document %q (from %q) already exists; replace it explicitly", e.ID, e.Name)
}

// Unwrap makes errors.Is(err, ErrExists) hold.
func (e *ExistsError) Unwrap() error { return ErrExists }

// maxAltIDs bounds the ids docID tries for one document.
const maxAltIDs = 100

// docID returns the id a document that parses as id from file name is
// stored under: id itself unless a document from another file holds it
// (the id comes from the name without its extension, so stb.html and
// stb.xml, two acts, both gave stb, and the second was refused with
// advice to replace the first); then the first alternative
// (ingest.AltID: stb-xml, stb-2, …) that is free or held by a document
// from this file (ingest.SameFile), which a re-upload refuses or
// replaces. held names the file of the document that holds an id. When
// every alternative is taken, id is returned, and the caller refuses it.
func docID(id, name string, held func(id string) (string, bool)) string {
	for k := range maxAltIDs {
		alt := ingest.AltID(id, name, k)
		if h, ok := held(alt); !ok || ingest.SameFile(h, name) {
			return alt
		}
	}
	return id
}

// heldBy returns the file name of the stored document id. The caller
// holds a.mu.
func (a *App) heldBy(id string) (string, bool) {
	if info := a.infos[id]; info != nil {
		return info.Name, true
	}
	return "", false
}

// writeTimeout bounds a document write once it has begun: the write runs
// to its end (or to this timeout) whatever happens to the caller's
// context, so that a client that goes away cannot leave it half done.
const writeTimeout = 5 * time.Minute

// AddDocument parses data as a letter named name, stores and indexes it.
// Its id is the one name gives, or, when a document from another file
// holds that, an alternative (docID); opt.ID names it instead. A document
// from the same file (ingest.SameFile) is not touched: the error is an
// *ExistsError (use ReplaceDocument). On any error nothing is stored.
func (a *App) AddDocument(ctx context.Context, name string, data []byte, opt ingest.Options) (*Document, error) {
	doc, _, err := a.putDocument(ctx, name, data, opt, false)
	return doc, err
}

// ReplaceDocument is AddDocument that replaces the document from the same
// file, or the document opt.ID names; replaced reports whether there was
// one. A document from another file keeps its id (docID). The
// replacement is atomic for readers and across crashes: until the new
// version is stored and indexed, the old one stays stored, GET-able and
// searchable; should the write fail, the old version is all there is.
//
// The title follows the rule of every replacement (replacementOptions):
// opt.Title, when given, is the new title; without it a title given by
// hand to the stored document is kept, and a title its content gave
// follows the new content.
func (a *App) ReplaceDocument(ctx context.Context, name string, data []byte, opt ingest.Options) (doc *Document, replaced bool, err error) {
	doc, old, err := a.putDocument(ctx, name, data, opt, true)
	return doc, old != nil, err
}

// replacementOptions returns opt for parsing a replacement of the
// document that name gives the id of. A title given by hand (title= at
// an upload) is the user's, and a replacement without one of its own
// keeps it; a title the content gave follows the new content. A name
// without letters or digits gives no id (the title does): its document
// is the one the new content's title names, with nothing to keep.
// ReplaceDocument and AddDocuments with Replace both parse through it,
// so that PUT, POST ?replace=true, a multipart upload and tolk ingest
// --replace agree (only PUT kept the title before). A bulk load reads the
// stored title when its worker parses the file, not under the commit's
// lock: a writer that changes the title in between loses to the load, as
// it would to a write just after it.
func (a *App) replacementOptions(name string, opt ingest.Options) (ingest.Options, error) {
	if strings.TrimSpace(opt.Title) != "" {
		return opt, nil
	}
	// The document replaced: the one opt.ID names, else the one from
	// the same file (docID), which need not have the name's id (stb.xml
	// beside stb.html is stb-xml).
	id := opt.ID
	if id == "" {
		base, ok := ingest.NameID(name)
		if !ok {
			return opt, nil
		}
		a.mu.RLock()
		id = docID(base, name, a.heldBy)
		a.mu.RUnlock()
	}
	title, err := a.GivenTitle(id)
	opt.Title = title
	return opt, err
}

// GivenTitle returns the title given by hand to stored document id
// (ingest.Options.Title at its upload), the one a replacement without a
// title keeps; "" when its title came from its content or there is no
// document id. A document stored before session 32 holds no record of
// it: its title counts as the content's (and follows a new content).
func (a *App) GivenTitle(id string) (string, error) {
	a.mu.RLock()
	info := a.infos[a.docIDLocked(id)]
	a.mu.RUnlock()
	if info == nil {
		return "", nil
	}
	given := info.TitleGiven
	if info.V < 3 {
		// A summary written before TitleGiven: the document tells.
		d, err := a.scanDocument(info.ID)
		if errors.Is(err, ErrNotFound) {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		given = d.TitleGiven
	}
	if !given {
		return "", nil
	}
	return info.Title, nil
}

// putDocument writes a document in three steps, each of which leaves a
// state that is correct or that load repairs:
//
//  1. index the new passages under IDs that carry the new version (a hash
//     of the parsed document), next to the old version's passages;
//  2. commit the store record: the commit point of the replacement;
//  3. delete the passages of every other version of the document.
//
// A failure or crash before step 2 leaves the old record and extra
// passages of a version the store does not hold; after it, the new record
// and leftover old passages. Either way load keeps exactly the passages of
// the stored version (reconcile). Between steps 1 and 3 a search may see
// both versions' passages for a moment; never neither.
func (a *App) putDocument(ctx context.Context, name string, data []byte, opt ingest.Options, replace bool) (doc *Document, old *DocInfo, err error) {
	name = ingest.CleanName(name) // stored and listed: no NUL, newline or overlong name
	if replace {
		if opt, err = a.replacementOptions(name, opt); err != nil {
			return nil, nil, err
		}
	}
	d, err := ingest.Parse(name, data, a.ingestOptions(opt))
	if err != nil {
		return nil, nil, err
	}
	// Writers take turns; readers are held only while the map changes.
	a.wmu.Lock()
	defer a.wmu.Unlock()
	a.mu.RLock()
	if opt.ID == "" {
		d.ID = docID(d.ID, name, a.heldBy)
	}
	old = a.infos[d.ID]
	a.mu.RUnlock()
	// The same file again is refused (or replaced); a document from
	// another file is never replaced under the id it was given: only
	// when every alternative is taken does docID leave one.
	if old != nil && (!replace || opt.ID == "" && !ingest.SameFile(old.Name, name)) {
		return nil, nil, &ExistsError{ID: old.ID, Name: old.Name}
	}
	meta, err := encodeDocument(d)
	if err != nil {
		return nil, nil, fmt.Errorf("app: %w", err)
	}
	doc = &Document{Document: d, Name: name, Added: time.Now().UTC(), version: version(meta)}
	info, rec, err := doc.succeed(old, store.DocRecord{ID: d.ID, Name: name, Title: d.Title, Format: string(d.Format), Source: data, Meta: meta})
	if err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("app: %w", err)
	}
	// From here on the write finishes whatever the caller's context does.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), writeTimeout)
	defer cancel()
	ps := passages(doc)
	if err := a.addPassages(wctx, ps); err != nil {
		a.dropPassages(ps, old)
		return nil, nil, fmt.Errorf("app: %w", err)
	}
	if a.store != nil {
		if err := a.step("store", func() error { return a.store.PutDocument(rec) }); err != nil {
			a.dropPassages(ps, old)
			return nil, nil, fmt.Errorf("app: %w", err)
		}
	}
	a.mu.Lock()
	a.infos[d.ID] = info
	if a.store == nil {
		a.mem[d.ID] = doc
	}
	a.mu.Unlock()
	if a.store != nil {
		a.cache.put(doc) // replaces the old version's entry
	}
	if old != nil && old.Version != doc.version {
		if err := a.step("index-delete", func() error { return a.idx.Delete(wctx, passageIDs(old)) }); err != nil {
			// The new version is stored and indexed; the old passages
			// are left over until the next start removes them.
			a.log.Error("removing the replaced version's passages", "doc", d.ID, "err", err)
		}
	}
	return doc, old, nil
}

func (a *App) addPassages(ctx context.Context, ps []index.Passage) error {
	if a.addHook != nil {
		return a.addHook(ctx, ps)
	}
	return a.idx.Add(ctx, ps)
}

// dropPassages removes the passages of a write that failed, except those
// the document's current version shares with it (same content, same IDs).
func (a *App) dropPassages(ps []index.Passage, current *DocInfo) {
	if current != nil && len(ps) > 0 && current.Version == versionOf(ps[0].ID) {
		return
	}
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	defer cancel()
	if err := a.idx.Delete(ctx, ids); err != nil {
		// load removes them at the next start.
		a.log.Error("removing the passages of a failed write", "err", err)
	}
}

// version names the content of a document: the first 12 bytes of the
// SHA-256 of its stored form, in hex.
func version(meta []byte) string {
	sum := sha256.Sum256(meta)
	return fmt.Sprintf("%x", sum[:12])
}

// currentHits returns the hits that are passages of their document's
// stored version. While a document is replaced the index holds both
// versions for a moment (the new one is indexed before it is stored, the
// old one removed after): searches answer with the stored one only, as
// GET and the reader do, and a new document is found once it is stored.
func (a *App) currentHits(hits []index.Hit) []index.Hit {
	a.mu.RLock()
	defer a.mu.RUnlock()
	out := hits[:0:0]
	for _, h := range hits {
		v := versionOf(h.ID)
		if info, ok := a.infos[h.Doc]; v != "" && (!ok || info.Version != v) {
			continue
		}
		out = append(out, h)
	}
	return out
}

// passageID is the index ID of paragraph n of version v of document doc:
// "doc@v#n". Document ids are slugs, without "@" or "#".
func passageID(doc, v string, n int) string { return fmt.Sprintf("%s@%s#%d", doc, v, n) }

// versionOf returns the version part of a passage ID ("" if none).
func versionOf(id string) string {
	at, hash := strings.LastIndexByte(id, '@'), strings.LastIndexByte(id, '#')
	if at < 0 || hash < at {
		return ""
	}
	return id[at+1 : hash]
}

// passages returns the index passages of doc's version: one per
// paragraph, numbered as ingest numbers them (from 1), and passage 0 for
// the signature blocks of a letter, so that a search for a signatory
// (Grapperhaus, Minister van Defensie) finds the letters they signed. A
// Markdown table longer than ingest.MaxPiece, a paragraph of prose longer
// than ingest.MaxProse, is several passages, its pieces (ingest.Pieces): a table of
// 50,000 characters as one passage was found by none of its words, its
// length norm crushing their scores, and its fragment was the table.
// The pieces after a table's first carry its header row in the heading
// field, as a section carries its heading. A speaking turn's speaker
// (ingest.Paragraph.Speaker) goes with each of its pieces: the index
// files it as a heading, not as words of the turn (index.Passage.Speaker).
// The document, and the reader that shows it, keep the paragraph whole.
func passages(doc *Document) []index.Passage {
	ps := make([]index.Passage, 0, len(doc.Paragraphs)+1)
	first := make([]int, len(doc.Paragraphs)) // index in ps of each paragraph's first piece
	for i, p := range doc.Paragraphs {
		first[i] = len(ps)
		for k, pc := range ingest.Pieces(p.Text) {
			ps = append(ps, index.Passage{
				ID: pieceID(doc.ID, doc.version, p.N, k), Doc: doc.ID, Title: doc.Title,
				Section: p.Section, Paragraph: p.N, Start: p.Start + pc.Start, End: p.Start + pc.End,
				Text: p.Text[pc.Start:pc.End], TitleWords: pc.Header, Speaker: p.Speaker,
			})
		}
	}
	if len(ps) > 0 && doc.Title != ingest.DerivedTitle(doc.Document) && !titleInText(doc.Document) {
		ps[0].TitleWords = doc.Title
	}
	for i, hs := range carriedHeadings(doc.Document) {
		p := &ps[first[i]]
		p.TitleWords = strings.Join(append([]string{p.TitleWords}, hs...), "\n")
		p.TitleWords = strings.TrimPrefix(p.TitleWords, "\n")
	}
	if start, end, ok := signatureSpan(doc.Document); ok {
		ps = append(ps, index.Passage{
			ID: passageID(doc.ID, doc.version, 0), Doc: doc.ID, Title: doc.Title,
			Start: start, End: end, Text: doc.Text[start:end],
		})
	}
	return ps
}

// pieceID is the index ID of piece k (from 0) of paragraph n: the
// paragraph's ID for the first, "doc@v#n.2" and on for the others.
func pieceID(doc, v string, n, k int) string {
	if k == 0 {
		return passageID(doc, v, n)
	}
	return fmt.Sprintf("%s@%s#%d.%d", doc, v, n, k+1)
}

// pieceCounts returns the number of passages of each paragraph of d that
// is more than one (ingest.Pieces), by paragraph number; nil if none is.
func pieceCounts(d *ingest.Document) map[int]int {
	var out map[int]int
	for _, p := range d.Paragraphs {
		if len(p.Text) <= ingest.MaxPiece {
			continue // fewer bytes than any limit: one piece
		}
		if n := len(ingest.Pieces(p.Text)); n > 1 {
			if out == nil {
				out = map[int]int{}
			}
			out[p.N] = n
		}
	}
	return out
}

// carriedHeadings returns the headings no paragraph is under (the
// heading of a section whose text is all in its subsections: a title set
// as the first heading, a chapter of articles), each with the first
// paragraph after it, by that paragraph's index: its words are indexed
// in the heading field of that passage, as a document's title is, so
// that they find the section where it starts (Beleidsregels
// verkeersveiligheid en parkeren, whose text is in "1. Parkeren" and on,
// was found by none of its words). The headings are without numbers.
func carriedHeadings(d *ingest.Document) map[int][]string {
	own := make(map[string]bool, len(d.Sections))
	for _, p := range d.Paragraphs {
		own[p.Section] = true
	}
	var out map[int][]string
	for _, s := range d.Sections {
		if own[s.Heading] || strings.TrimSpace(s.Title) == "" {
			continue
		}
		i := sort.Search(len(d.Paragraphs), func(i int) bool { return d.Paragraphs[i].Start >= s.Start })
		if i == len(d.Paragraphs) {
			continue // nothing after it
		}
		if out == nil {
			out = map[int][]string{}
		}
		out[i] = append(out[i], s.Title)
	}
	return out
}

// titleInText reports whether d's title is written in its text (a heading
// taken as the title), ignoring case, accents, punctuation and spacing. A
// title of its own that is not (a Markdown "# Title", a Word Title
// paragraph, a title given on upload; not one tolk derived from the text)
// is indexed with the first passage, so that its words find the document.
func titleInText(d *ingest.Document) bool {
	t, cut := strings.CutSuffix(d.Title, "…")
	ft := foldedWords(t)
	if strings.TrimSpace(ft) == "" {
		return true
	}
	if cut {
		ft = strings.TrimSuffix(ft, " ") // shortened, perhaps within a word
	}
	return strings.Contains(foldedWords(d.Text), ft)
}

// foldedWords is s folded, its words separated by single spaces.
func foldedWords(s string) string {
	ws := strings.FieldsFunc(index.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return " " + strings.Join(ws, " ") + " "
}

// signatureSpan returns where in d.Text its signature blocks are: ingest
// lays them out last, after every heading and paragraph (both in text
// order), and records their signatories. ok is false for a document without signatories.
func signatureSpan(d *ingest.Document) (start, end int, ok bool) {
	if len(d.Signatories) == 0 {
		return 0, 0, false
	}
	if n := len(d.Paragraphs); n > 0 {
		start = d.Paragraphs[n-1].End
	}
	if n := len(d.Sections); n > 0 {
		start = max(start, d.Sections[n-1].Start+len(d.Sections[n-1].Heading))
	}
	for start < len(d.Text) && (d.Text[start] == '\n' || d.Text[start] == ' ') {
		start++
	}
	return start, len(d.Text), start < len(d.Text)
}

// passageIDs returns the IDs passages gives for the document d sums up:
// its paragraphs are numbered 1 to d.Paragraphs (ingest numbers them so),
// a paragraph of several pieces has d.Pieces of them, and its signature
// blocks, if any, are passage 0.
func passageIDs(d *DocInfo) []string {
	ids := make([]string, 0, d.Passages())
	for n := 1; n <= d.Paragraphs; n++ {
		for k := range max(d.Pieces[n], 1) {
			ids = append(ids, pieceID(d.ID, d.Version, n, k))
		}
	}
	if d.Signed {
		ids = append(ids, passageID(d.ID, d.Version, 0))
	}
	return ids
}

// DeleteDocument removes a document from the store and the index. Once
// begun it runs to its end whatever the caller's context does. On an
// error (the store's commit failed: a full disk) nothing is deleted.
func (a *App) DeleteDocument(ctx context.Context, id string) error {
	a.wmu.Lock()
	defer a.wmu.Unlock()
	a.mu.RLock()
	id = a.docIDLocked(id) // BRIEF is brief, as Document finds it
	doc, ok := a.infos[id]
	a.mu.RUnlock()
	if !ok {
		return notFound("there is no document %q", id)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("app: %w", err)
	}
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), writeTimeout)
	defer cancel()
	// The store first: it is the truth, and its commit is the deletion's.
	// A store that fails (a full disk) leaves the document as it was.
	if a.store != nil {
		if err := a.step("store", func() error { return a.store.DeleteDocument(id) }); err != nil {
			return fmt.Errorf("app: %w", err)
		}
	}
	a.mu.Lock()
	delete(a.infos, id)
	delete(a.mem, id)
	a.mu.Unlock()
	a.cache.remove(id)
	if err := a.step("index-delete", func() error { return a.idx.Delete(wctx, passageIDs(doc)) }); err != nil {
		// The deletion is committed, so it is not reported as failed:
		// the passages left over are removed at the next start
		// (reconcile) or by tolk check --repair. The index deletes in
		// memory, so only a closed index gets here.
		a.log.Error("removing the deleted document's passages", "doc", id, "err", err)
	}
	return nil
}

// step runs one step of a document write, failing it first when a test
// injects a fault there.
func (a *App) step(name string, f func() error) error {
	if a.fault != nil {
		if err := a.fault(name); err != nil {
			return err
		}
	}
	return f()
}
