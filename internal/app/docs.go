package app

import (
	"container/list"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/store"
)

// How documents are held (issue 11 point 3): the App keeps a DocInfo per
// document in memory (a few hundred bytes: what lists, facets and the
// passage IDs need) and reads a whole document from the store when it is
// asked for, through a cache of decoded documents bounded in documents.
// Start-up reads the summaries only, never a document's text, so the
// memory an App holds does not grow with the text of the corpus. In
// memory mode (no store) the documents themselves are kept: there is
// nowhere else to read them from.

// DefaultDocCache is the number of decoded documents an App keeps when
// Config.DocCache is 0. A BWB document decodes to about 2× its text (the
// text and its paragraphs); the median circular is 15 KB of text, the
// largest law a few MB, so 64 documents are a few MB in the common case.
const DefaultDocCache = 64

// DocInfo is the summary of a stored document the App keeps in memory:
// everything a document list shows, without the text.
type DocInfo struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Title string `json:"title"`
	// TitleGiven tells that Title was given by hand (ingest.Options.Title),
	// not by the content: a replacement keeps it (GivenTitle). Unknown,
	// and false, in a summary of version 2 (V).
	TitleGiven bool          `json:"titleGiven,omitempty"`
	Format     ingest.Format `json:"format"`
	Added      time.Time     `json:"added"`
	Replaced   time.Time     `json:"replaced,omitzero"` // zero: never replaced
	Sections   int           `json:"sections"`          // len(Document.Sections)
	Paragraphs int           `json:"paragraphs"`        // len(Document.Paragraphs)
	Bytes      int           `json:"bytes"`             // len(Document.Text)
	// Version names the content (a hash of the stored form); it is part
	// of every passage ID of the document.
	Version string `json:"version"`
	// Meta is the document's metadata (type, date, dossier, …), shared
	// with the Document (ingest.Metadata); nil for a text or Markdown
	// document stored before session 30, which had none.
	Meta *ingest.Metadata `json:"metadata,omitempty"`
	// Signed tells that the document has signature blocks, indexed as
	// passage 0 (passages).
	Signed bool `json:"signed,omitempty"`
	// Pieces is the number of passages of each paragraph indexed as
	// more than one (ingest.Pieces), by paragraph number: the passage
	// IDs a deletion removes.
	Pieces map[int]int `json:"pieces,omitempty"`
	// V is the version of this summary's layout in the store: a summary
	// of another version is built again from its document (loadInfos).
	V int `json:"v,omitempty"`
}

// infoVersion is DocInfo.V as this tolk writes it. 3: TitleGiven added;
// 2: Pieces added; 1: Signed added. A summary of version 2 is read as it
// is (it lacks only TitleGiven, which GivenTitle then reads from the
// document), so that a store of many documents is not read whole at the
// first start.
const infoVersion = 3

// Passages is the number of index passages of the document.
func (d *DocInfo) Passages() int {
	n := d.Paragraphs
	for _, k := range d.Pieces {
		n += k - 1
	}
	if d.Signed {
		n++
	}
	return n
}

// Info returns d's summary: what Documents lists for it.
func (d *Document) Info() *DocInfo { return d.info() }

func (d *Document) info() *DocInfo {
	return &DocInfo{ID: d.ID, Name: d.Name, Title: d.Title, TitleGiven: d.TitleGiven, Format: d.Format, Added: d.Added, Replaced: d.Replaced,
		Sections: len(d.Sections), Paragraphs: len(d.Paragraphs), Bytes: len(d.Text), Version: d.version, Meta: d.Meta,
		Signed: signed(d.Document), Pieces: pieceCounts(d.Document), V: infoVersion}
}

// succeed makes doc, about to replace old (nil: a new document), keep
// old's added time, and take now as its replaced time when its content
// differs (an identical version keeps old's). It returns doc's summary
// and the store record rec with both times and that summary.
func (doc *Document) succeed(old *DocInfo, rec store.DocRecord) (*DocInfo, store.DocRecord, error) {
	if old != nil {
		doc.Added, doc.Replaced = old.Added, old.Replaced
		if old.Version != doc.version {
			doc.Replaced = time.Now().UTC()
		}
	}
	info := doc.info()
	raw, err := json.Marshal(info)
	if err != nil {
		return nil, rec, fmt.Errorf("app: %w", err)
	}
	rec.Added, rec.Replaced, rec.Info = doc.Added, doc.Replaced, raw
	return info, rec, nil
}

// signed reports whether passages gives d a signature passage.
func signed(d *ingest.Document) bool {
	_, _, ok := signatureSpan(d)
	return ok
}

// Documents lists the stored documents sorted by id: their summaries,
// read from memory. Document gives one whole.
func (a *App) Documents() []*DocInfo {
	a.mu.RLock()
	ds := make([]*DocInfo, 0, len(a.infos))
	for _, d := range a.infos {
		ds = append(ds, d)
	}
	a.mu.RUnlock()
	sort.Slice(ds, func(i, j int) bool { return ds[i].ID < ds[j].ID })
	return ds
}

// DocumentCount returns the number of stored documents.
func (a *App) DocumentCount() int {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return len(a.infos)
}

// DocumentInfo returns the summary of one stored document, from memory.
func (a *App) DocumentInfo(id string) (*DocInfo, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	d, ok := a.infos[a.docIDLocked(id)]
	if !ok {
		return nil, notFound("there is no document %q", id)
	}
	return d, nil
}

// DocID returns the id of the stored document id names: id itself, or, for
// an id in other case (BWBR0024096, as the file was named), the document's
// lower-case id, which every id is (ingest.Slug); id when neither is
// stored.
func (a *App) DocID(id string) string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.docIDLocked(id)
}

// docIDLocked is DocID with a.mu held.
func (a *App) docIDLocked(id string) string {
	if _, ok := a.infos[id]; ok {
		return id
	}
	if l := strings.ToLower(id); l != id {
		if _, ok := a.infos[l]; ok {
			return l
		}
	}
	return id
}

// Document returns one stored document whole, text included: from the
// cache of decoded documents, or read from the store. The Document is
// shared with other callers and must not be modified.
func (a *App) Document(id string) (*Document, error) { return a.document(id, true) }

// scanDocument is Document for a caller that visits every document once
// (the concordance, check): a document not in the cache is read but not
// cached, so that one scan does not evict what readers are using.
func (a *App) scanDocument(id string) (*Document, error) { return a.document(id, false) }

func (a *App) document(id string, keep bool) (*Document, error) {
	// A write between reading the summary and reading the store gives
	// the newer version, which is as good an answer; the cache is keyed
	// by version, so it never answers with a replaced one.
	a.mu.RLock()
	id = a.docIDLocked(id)
	info, ok := a.infos[id]
	held := a.mem[id]
	a.mu.RUnlock()
	if !ok {
		return nil, notFound("there is no document %q", id)
	}
	if held != nil {
		return held, nil
	}
	if a.store == nil { // memory mode keeps every document in a.mem
		return nil, notFound("there is no document %q", id)
	}
	if d := a.cache.get(id, info.Version); d != nil {
		return d, nil
	}
	d, err := a.readDocument(id)
	if errors.Is(err, store.ErrNotFound) {
		// Deleted since the summary was read.
		return nil, notFound("there is no document %q", id)
	}
	if err != nil {
		return nil, err
	}
	if keep {
		a.cache.put(d)
	}
	return d, nil
}

// readDocument reads and decodes a document from the store, bypassing
// the cache (for callers that visit every document once, like check).
func (a *App) readDocument(id string) (*Document, error) {
	a.reads.Add(1)
	r, err := a.store.GetDocumentMeta(id) // the source is not needed: Meta holds the parsed document
	if err != nil {
		return nil, fmt.Errorf("app: %w", err)
	}
	return decodeDocument(r)
}

// encodeDocument is the stored form of a parsed document (DocRecord.Meta):
// its JSON, but a paragraph whose text is the document's text between its
// offsets, as every paragraph's is, is stored without it. Each record held
// its text twice before session 19: the store of the 1,423 circulars was
// 123 MiB, now 86 (scripts/ingesttime.sh, docs/PERFORMANCE.md).
func encodeDocument(d *ingest.Document) ([]byte, error) {
	var ps []storedParagraph // nil (null) when the document's are, empty when they are
	if d.Paragraphs != nil {
		ps = make([]storedParagraph, 0, len(d.Paragraphs))
	}
	for _, p := range d.Paragraphs {
		if 0 <= p.Start && p.Start <= p.End && p.End <= len(d.Text) && d.Text[p.Start:p.End] == p.Text {
			p.Text = ""
		}
		ps = append(ps, storedParagraph(p))
	}
	return json.Marshal(storedDocument{d, ps})
}

// storedDocument is a document as encodeDocument stores it: its own
// Paragraphs hide the document's in the JSON.
type storedDocument struct {
	*ingest.Document
	Paragraphs []storedParagraph
}

// storedParagraph is an ingest.Paragraph whose empty text is left out.
type storedParagraph struct {
	N       int
	Section string
	Start   int
	End     int
	Text    string `json:",omitempty"`
	Speaker string `json:",omitempty"`
}

// decodeDocument turns a stored record into a Document, the paragraphs
// stored without their text (encodeDocument) given it again from the
// document's text; records of an older tolk have it and keep it.
func decodeDocument(r store.DocRecord) (*Document, error) {
	var d ingest.Document
	if err := json.Unmarshal(r.Meta, &d); err != nil {
		return nil, fmt.Errorf("app: stored document %s: %w", r.ID, err)
	}
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		if p.Text != "" {
			continue
		}
		if p.Start < 0 || p.Start > p.End || p.End > len(d.Text) {
			return nil, fmt.Errorf("app: stored document %s: paragraph %d: offsets %d–%d outside the text's %d bytes", r.ID, p.N, p.Start, p.End, len(d.Text))
		}
		p.Text = d.Text[p.Start:p.End]
	}
	return &Document{Document: &d, Name: r.Name, Added: r.Added, Replaced: r.Replaced, version: version(r.Meta)}, nil
}

// loadInfos fills a.infos from the store's summaries. A document stored
// by an older tolk has none: it is read once, and its summary written
// (unless repair is off: tolk check changes nothing).
func (a *App) loadInfos(repair bool) error {
	var missing []string
	failed := false
	err := a.store.DocumentInfos(func(id string, raw []byte) error {
		if raw == nil {
			missing = append(missing, id)
			return nil
		}
		var d DocInfo
		if err := json.Unmarshal(raw, &d); err != nil || d.ID != id || d.V != infoVersion && d.V != 2 {
			// Unreadable, or written by another tolk: rebuilt from the
			// document like a missing one.
			missing = append(missing, id)
			return nil
		}
		a.infos[id] = &d
		return nil
	})
	if err != nil {
		return fmt.Errorf("app: %w", err)
	}
	for _, id := range missing {
		d, err := a.readDocument(id)
		if err != nil {
			return err
		}
		info := d.Info()
		a.infos[id] = info
		if !repair {
			continue
		}
		raw, err := json.Marshal(info)
		if err != nil {
			return fmt.Errorf("app: %w", err)
		}
		if err := a.store.PutDocumentInfo(id, raw); err != nil {
			// Not fatal (a full disk): the summary is rebuilt next time.
			a.log.Warn("storing a document summary", "doc", id, "err", err)
			failed = true
		}
	}
	if len(missing) > 0 {
		a.log.Info("document summaries built from the stored documents", "documents", len(missing))
	}
	if repair && !failed && !a.store.DocumentInfosComplete() {
		if err := a.store.MarkDocumentInfosComplete(); err != nil {
			a.log.Warn("marking the document summaries complete", "err", err)
		}
	}
	return nil
}

// docCache is a least-recently-used cache of decoded documents holding at
// most max of them. Its methods are safe for concurrent use.
type docCache struct {
	mu   sync.Mutex
	max  int
	lru  *list.List // of *Document, most recent first
	byID map[string]*list.Element
}

func newDocCache(max int) *docCache {
	return &docCache{max: max, lru: list.New(), byID: map[string]*list.Element{}}
}

// get returns the cached document id if it is version v, else nil.
func (c *docCache) get(id, v string) *Document {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byID[id]
	if !ok {
		return nil
	}
	d := e.Value.(*Document)
	if d.version != v {
		return nil
	}
	c.lru.MoveToFront(e)
	return d
}

// put caches d (replacing another version of it), evicting the least
// recently used documents beyond max.
func (c *docCache) put(d *Document) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byID[d.ID]; ok {
		e.Value = d
		c.lru.MoveToFront(e)
		return
	}
	c.byID[d.ID] = c.lru.PushFront(d)
	for c.lru.Len() > c.max {
		e := c.lru.Back()
		c.lru.Remove(e)
		delete(c.byID, e.Value.(*Document).ID)
	}
}

// remove drops id from the cache.
func (c *docCache) remove(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byID[id]; ok {
		c.lru.Remove(e)
		delete(c.byID, id)
	}
}

// len returns the number of cached documents.
func (c *docCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}
