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
	"sync"
	"sync/atomic"
	"time"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/match"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/index/decompound"
	"github.com/tolk-nl/tolk/internal/ingest"
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
	Logger   *slog.Logger
}

// ErrNotFound is returned for a document or concept that does not exist.
var ErrNotFound = errors.New("not found")

// ErrBadRequest is wrapped by errors in what the caller asked for.
var ErrBadRequest = errors.New("bad request")

// App is tolk's service. Its methods are safe for concurrent use.
type App struct {
	log   *slog.Logger
	store *store.Store // nil in memory mode
	idx   *index.Index
	terms *glossary.Termbase
	match atomic.Pointer[match.Matcher]
	split func(word string) []string // compound splitter; nil splits nothing
	lex   atomic.Pointer[lexicon.Lexicon]
	dir   string // the data directory; "" in memory mode
	tune  englishTuning

	mu      sync.RWMutex
	docs    map[string]*Document
	history map[string][]store.Change // memory mode only
	memSeq  int

	tmem *tmState // the translation memory (tm.go)
}

// Document is a stored document: its parsed form and when it was added.
type Document struct {
	*ingest.Document
	Name  string    `json:"name"`
	Added time.Time `json:"added"`
}

// Open opens (or creates and seeds) tolk's data and returns the service.
// A data directory that already holds an index is reopened, not rebuilt.
func Open(ctx context.Context, cfg Config) (*App, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &App{log: log, docs: map[string]*Document{}, history: map[string][]store.Change{}, tune: defaultTuning()}
	a.terms = glossary.NewTermbase(index.TermKey)
	defer func() {
		if a.idx != nil && a.lex.Load() == nil {
			a.loadLexicon()
		}
	}()
	var opt index.Options
	if cfg.Splitter != nil {
		opt.Decompounder = cfg.Splitter
		a.split = cfg.Splitter.Split
	}
	var err error
	if a.tmem, err = newTMState(opt); err != nil {
		return nil, err
	}
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
		return a, nil
	}
	a.dir = cfg.DataDir
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("app: data directory: %w", err)
	}
	if a.store, err = store.Open(filepath.Join(cfg.DataDir, "tolk.db")); err != nil {
		return nil, fmt.Errorf("app: %w", err)
	}
	ixDir := filepath.Join(cfg.DataDir, "index")
	a.idx, err = index.Open(ixDir, opt)
	if errors.Is(err, index.ErrAnalysisChanged) {
		// The index was built by another version of the analysis. The
		// store holds every document, so the index is rebuilt from it:
		// load() reindexes each document the new index lacks.
		log.Warn("the index was built with another analysis; rebuilding it from the stored documents", "dir", ixDir)
		if err = os.RemoveAll(ixDir); err == nil {
			a.idx, err = index.Open(ixDir, opt)
		}
	}
	if err != nil {
		a.store.Close()
		return nil, fmt.Errorf("app: %w", err)
	}
	if err := a.load(ctx, cfg); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// load reads what the store holds, seeding it on first start, and makes
// sure the index holds every stored document (a crash between storing a
// document and indexing it is repaired here).
func (a *App) load(ctx context.Context, cfg Config) error {
	if err := a.loadTM(ctx); err != nil {
		return err
	}
	if err := a.seedGlossary(cfg.Glossary); err != nil {
		return err
	}
	cs, err := a.store.Concepts()
	if err != nil {
		return fmt.Errorf("app: %w", err)
	}
	a.terms.Put(cs...)
	a.rebuildMatcher()

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
	recs, err := a.store.ListDocuments()
	if err != nil {
		return fmt.Errorf("app: %w", err)
	}
	paragraphs := 0
	for _, r := range recs {
		var d ingest.Document
		if err := json.Unmarshal(r.Meta, &d); err != nil {
			return fmt.Errorf("app: stored document %s: %w", r.ID, err)
		}
		a.docs[d.ID] = &Document{Document: &d, Name: r.Name, Added: r.Added}
		paragraphs += len(d.Paragraphs)
	}
	// One count tells whether the index holds every stored paragraph; only
	// when it does not is each document checked (and reindexed).
	if n, err := a.idx.Count(); err != nil {
		return fmt.Errorf("app: %w", err)
	} else if n == uint64(paragraphs) {
		return nil
	}
	for _, doc := range a.docs {
		n, err := a.idx.DocCount(ctx, doc.ID)
		if err != nil {
			return fmt.Errorf("app: %w", err)
		}
		if n != len(doc.Paragraphs) {
			a.log.Warn("reindexing document", "doc", doc.ID, "indexed", n, "paragraphs", len(doc.Paragraphs))
			if err := a.indexDoc(ctx, doc); err != nil {
				return err
			}
		}
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
		if _, err := a.AddDocument(ctx, name, data, ingest.Options{}); err != nil {
			return fmt.Errorf("app: default corpus %s: %w", name, err)
		}
	}
	return nil
}

// Close releases the index and the store.
func (a *App) Close() error {
	var errs []error
	if a.tmem != nil {
		errs = append(errs, a.tmem.idx.Close())
	}
	if a.idx != nil {
		errs = append(errs, a.idx.Close())
	}
	if a.store != nil {
		errs = append(errs, a.store.Close())
	}
	return errors.Join(errs...)
}

// Index returns the search index, for searches the bilingual layer builds.
func (a *App) Index() *index.Index { return a.idx }

// Terms returns the termbase.
func (a *App) Terms() *glossary.Termbase { return a.terms }

// AddDocument parses data as a letter named name, stores and indexes it.
// A document with the same id is replaced. On any error nothing is stored.
func (a *App) AddDocument(ctx context.Context, name string, data []byte, opt ingest.Options) (*Document, error) {
	d, err := ingest.Parse(name, data, opt)
	if err != nil {
		return nil, err
	}
	doc := &Document{Document: d, Name: name, Added: time.Now().UTC()}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.store != nil {
		meta, err := json.Marshal(d)
		if err != nil {
			return nil, fmt.Errorf("app: %w", err)
		}
		rec := store.DocRecord{ID: d.ID, Name: name, Title: d.Title, Format: string(d.Format), Added: doc.Added, Source: data, Meta: meta}
		if err := a.store.PutDocument(rec); err != nil {
			return nil, fmt.Errorf("app: %w", err)
		}
	}
	if err := a.indexDoc(ctx, doc); err != nil {
		if a.store != nil {
			// The store must not keep what the index refused; load()
			// repairs the index from the store, so the store is the truth.
			if derr := a.store.DeleteDocument(d.ID); derr != nil {
				a.log.Error("removing unindexed document", "doc", d.ID, "err", derr)
			}
		}
		return nil, err
	}
	a.docs[d.ID] = doc
	return doc, nil
}

func (a *App) indexDoc(ctx context.Context, doc *Document) error {
	if err := a.idx.DeleteDoc(ctx, doc.ID); err != nil {
		return fmt.Errorf("app: %w", err)
	}
	ps := make([]index.Passage, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		ps[i] = index.Passage{
			ID: fmt.Sprintf("%s#%d", doc.ID, p.N), Doc: doc.ID, Title: doc.Title,
			Section: p.Section, Paragraph: p.N, Start: p.Start, End: p.End, Text: p.Text,
		}
	}
	if err := a.idx.Add(ctx, ps); err != nil {
		return fmt.Errorf("app: %w", err)
	}
	return nil
}

// DeleteDocument removes a document from the store and the index.
func (a *App) DeleteDocument(ctx context.Context, id string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.docs[id]; !ok {
		return fmt.Errorf("app: document %q: %w", id, ErrNotFound)
	}
	// The index first: should the store then fail, the document is still
	// stored, and the next start indexes it again (load compares counts).
	if err := a.idx.DeleteDoc(ctx, id); err != nil {
		return fmt.Errorf("app: %w", err)
	}
	if a.store != nil {
		if err := a.store.DeleteDocument(id); err != nil {
			return fmt.Errorf("app: %w", err)
		}
	}
	delete(a.docs, id)
	return nil
}

// Documents lists the stored documents sorted by id.
func (a *App) Documents() []*Document {
	a.mu.RLock()
	defer a.mu.RUnlock()
	ds := make([]*Document, 0, len(a.docs))
	for _, d := range a.docs {
		ds = append(ds, d)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].ID < ds[j].ID })
	return ds
}

// Document returns one stored document.
func (a *App) Document(id string) (*Document, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	d, ok := a.docs[id]
	if !ok {
		return nil, fmt.Errorf("app: document %q: %w", id, ErrNotFound)
	}
	return d, nil
}

// NewSplitter builds the compound splitter: the embedded OpenTaal word
// list plus the words of the glossary's Dutch terms and of the corpus, so
// that names and terms the word list lacks are known parts; the one-word
// Dutch terms are also terms of the splitter, so that a term finds the
// compounds it is part of (decompound.NewWith).
func NewSplitter(cs []glossary.Concept, corpus fs.FS) (*decompound.Splitter, error) {
	var terms, texts []string
	for _, c := range cs {
		for _, t := range c.TermsIn("nl") {
			terms = append(terms, t.Text)
		}
	}
	if corpus != nil {
		names, err := fs.Glob(corpus, "*")
		if err != nil {
			return nil, fmt.Errorf("app: %w", err)
		}
		for _, n := range names {
			data, err := fs.ReadFile(corpus, n)
			if err != nil {
				return nil, fmt.Errorf("app: %w", err)
			}
			texts = append(texts, string(data))
		}
	}
	// The terms are extra words too: the words of a multi-word term are
	// parts, though only one-word terms are terms.
	return decompound.NewWith(terms, terms, texts), nil
}
