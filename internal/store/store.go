package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/tolk-nl/tolk/glossary"
)

// Errors the store's methods wrap.
var (
	ErrNotFound = errors.New("not found")
	ErrExists   = errors.New("already exists")
)

// schemaVersion is the layout of the buckets below; Open refuses a file
// with another, rather than misreading it.
const schemaVersion = "1"

// Bucket names. Document sources live apart from their metadata so that
// listing documents does not read every source.
var (
	bucketDocuments = []byte("documents") // id → DocRecord JSON without Source
	bucketSources   = []byte("sources")   // id → source bytes
	bucketConcepts  = []byte("concepts")  // id → glossary.Concept JSON
	bucketHistory   = []byte("history")   // id NUL seq (8 bytes, big-endian) → Change JSON
	bucketMeta      = []byte("meta")      // "schema", "seeded/KIND"
	bucketSegments  = []byte("segments")  // collection NUL id → tm.Segment JSON (tm.go)
	// bucketInfo holds a small summary of each document (DocRecord.Info),
	// so that start-up lists documents without reading their text. Stores
	// written before it lack the bucket; it is created by the first
	// document write, and readers treat a missing bucket as empty.
	bucketInfo = []byte("docinfo") // id → DocRecord.Info
)

// Store is an open database file. It is safe for concurrent use: bbolt
// serialises writers and lets readers run alongside.
type Store struct {
	db *bolt.DB
	// fault, set by tests only, is asked before each write transaction
	// commits; an error from it fails the write as a full disk would
	// (write.go).
	fault func() error
}

// Open opens the store in the file at path, creating it and its
// directory if needed. Only one process may have a file open; another
// Open of it fails after a second instead of waiting forever.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := checkFile(path); err != nil {
		return nil, err
	}
	// NoSync stays false: every commit is fsync'd, which is what makes an
	// edit durable once the API has answered.
	db, err := openBolt(path)
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("store: open %s: %w (is another tolk using it?)", path, err)
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// A store that is set up already is opened without a write, so that
	// it opens on a full disk (and without an fsync).
	if err := (&Store{db: db}).view(checkSchema); errors.Is(err, ErrDamaged) {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	} else if err == nil {
		return &Store{db: db}, nil
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketDocuments, bucketSources, bucketConcepts, bucketHistory, bucketMeta, bucketSegments, bucketInfo} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		switch v := meta.Get([]byte("schema")); {
		case v == nil:
			return meta.Put([]byte("schema"), []byte(schemaVersion))
		case string(v) != schemaVersion:
			return fmt.Errorf("schema version %s, this tolk reads %s", v, schemaVersion)
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, markNoSpace(err))
	}
	return &Store{db: db}, nil
}

// Close closes the file.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// DocRecord is a stored document: its source as uploaded and the metadata
// needed to ingest it again at start-up. Meta is opaque to the store.
type DocRecord struct {
	ID     string    `json:"id"`
	Name   string    `json:"name"`
	Title  string    `json:"title"`
	Format string    `json:"format"`
	Added  time.Time `json:"added"`
	// Replaced is when another version last replaced the document's
	// content (zero: never); Added stays the first time it was added.
	Replaced time.Time       `json:"replaced,omitzero"`
	Source   []byte          `json:"-"`
	Meta     json.RawMessage `json:"meta,omitempty"`
	// Info is a small summary of the document, opaque to the store and
	// kept apart from Meta (DocumentInfos lists it without reading any
	// Meta). PutDocument stores it with the document in one transaction;
	// an empty Info removes a summary stored before, so that none is ever
	// stale. GetDocument and ListDocuments leave it empty.
	Info json.RawMessage `json:"-"`
}

// PutDocument stores d, replacing a document with the same id. A zero
// Added is set to now.
func (s *Store) PutDocument(d DocRecord) error {
	if d.ID == "" || len(d.ID) > 256 || strings.ContainsRune(d.ID, 0) {
		return fmt.Errorf("store: document id %q: must be 1–256 bytes without NUL", d.ID)
	}
	if d.Added.IsZero() {
		d.Added = time.Now().UTC()
	}
	meta, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("store: document %q: %w", d.ID, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketDocuments).Put([]byte(d.ID), meta); err != nil {
			return err
		}
		if err := putInfo(tx, d.ID, d.Info); err != nil {
			return err
		}
		return tx.Bucket(bucketSources).Put([]byte(d.ID), d.Source)
	})
	if err != nil {
		return fmt.Errorf("store: document %q: %w", d.ID, err)
	}
	return nil
}

// GetDocument returns the document with the id, source included.
func (s *Store) GetDocument(id string) (DocRecord, error) {
	var d DocRecord
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketDocuments).Get([]byte(id))
		if v == nil {
			return ErrNotFound
		}
		if err := json.Unmarshal(v, &d); err != nil {
			return err
		}
		// bbolt's values live only as long as the transaction.
		d.Source = bytes.Clone(tx.Bucket(bucketSources).Get([]byte(id)))
		return nil
	})
	if err != nil {
		return DocRecord{}, fmt.Errorf("store: document %q: %w", id, err)
	}
	return d, nil
}

// GetDocumentMeta is GetDocument without the source: the record alone is
// read, so that the source's pages of the mapped file are not touched
// (they would count in the process's resident memory) nor copied.
func (s *Store) GetDocumentMeta(id string) (DocRecord, error) {
	var d DocRecord
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketDocuments).Get([]byte(id))
		if v == nil {
			return ErrNotFound
		}
		// Unmarshal copies what it keeps (Meta included) out of the
		// mapped value, which lives only as long as the transaction.
		return json.Unmarshal(v, &d)
	})
	if err != nil {
		return DocRecord{}, fmt.Errorf("store: document %q: %w", id, err)
	}
	return d, nil
}

// ListDocuments returns every document without its source, by id.
func (s *Store) ListDocuments() ([]DocRecord, error) {
	var ds []DocRecord
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDocuments).ForEach(func(k, v []byte) error {
			var d DocRecord
			if err := json.Unmarshal(v, &d); err != nil {
				return fmt.Errorf("document %q: %w", k, err)
			}
			ds = append(ds, d)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return ds, nil
}

// putInfo stores info as the summary of document id, or removes the
// summary when info is empty.
func putInfo(tx *bolt.Tx, id string, info []byte) error {
	if len(info) == 0 {
		// A document without a summary: DocumentInfos must walk the
		// documents again to find it.
		if err := tx.Bucket(bucketMeta).Delete(infoComplete); err != nil {
			return err
		}
		if b := tx.Bucket(bucketInfo); b != nil {
			return b.Delete([]byte(id))
		}
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketInfo)
	if err != nil {
		return err
	}
	return b.Put([]byte(id), info)
}

// DocumentInfos lists every stored document by id, with its summary
// (DocRecord.Info) or nil where none is stored (a document written by an
// older tolk). It reads the keys of the documents and the summaries, not
// the documents' Meta or Source: a document's value is never copied or
// decoded. The slices passed to fn are valid only during the call.
func (s *Store) DocumentInfos(fn func(id string, info []byte) error) error {
	err := s.view(func(tx *bolt.Tx) error {
		infos := tx.Bucket(bucketInfo)
		if infos != nil && tx.Bucket(bucketMeta).Get(infoComplete) != nil {
			// Every document has a summary: the summaries alone are
			// read. Walking the documents' keys touches a page of each
			// document, and the kernel maps the pages around it (64 KB
			// for each document on a store in the page cache).
			return infos.ForEach(func(k, v []byte) error { return fn(string(k), v) })
		}
		c := tx.Bucket(bucketDocuments).Cursor()
		// The cursor's values are slices of the mapped file; they are
		// not read here, so the pages of a document's text are not
		// touched (beyond the one that holds its key).
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			var info []byte
			if infos != nil {
				info = infos.Get(k)
			}
			if err := fn(string(k), info); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// infoComplete, in the meta bucket, says that every stored document has
// a summary; any write of a document without one removes it.
var infoComplete = []byte("docinfo-complete")

// MarkDocumentInfosComplete records that every stored document has a
// summary (the caller has just checked, with DocumentInfos), so that
// DocumentInfos reads the summaries alone from now on.
func (s *Store) MarkDocumentInfosComplete() error {
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(infoComplete, []byte("1"))
	})
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// DocumentInfosComplete reports whether MarkDocumentInfosComplete holds:
// no document has been written without a summary since.
func (s *Store) DocumentInfosComplete() bool {
	var ok bool
	_ = s.view(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketMeta).Get(infoComplete) != nil
		return nil
	})
	return ok
}

// PutDocumentInfo stores info as the summary of the stored document id
// (whose record has none: one written by an older tolk). It fails with
// ErrNotFound when no such document is stored.
func (s *Store) PutDocumentInfo(id string, info []byte) error {
	err := s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketDocuments).Get([]byte(id)) == nil {
			return ErrNotFound
		}
		return putInfo(tx, id, info)
	})
	if err != nil {
		return fmt.Errorf("store: document %q info: %w", id, err)
	}
	return nil
}

// DeleteDocument removes the document with the id.
func (s *Store) DeleteDocument(id string) error {
	err := s.update(func(tx *bolt.Tx) error {
		docs := tx.Bucket(bucketDocuments)
		if docs.Get([]byte(id)) == nil {
			return ErrNotFound
		}
		if err := docs.Delete([]byte(id)); err != nil {
			return err
		}
		if b := tx.Bucket(bucketInfo); b != nil {
			if err := b.Delete([]byte(id)); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketSources).Delete([]byte(id))
	})
	if err != nil {
		return fmt.Errorf("store: document %q: %w", id, err)
	}
	return nil
}

// The actions a Change records.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionImport = "import"
)

// Change is one entry of a concept's history.
type Change struct {
	When   time.Time     `json:"when"`
	Who    string        `json:"who"`    // the token name of the editor
	Action string        `json:"action"` // one of the Action constants
	Fields []FieldChange `json:"fields,omitempty"`
}

// FieldChange is one changed field. Field names follow the JSON shape of
// a concept; terms are named by language and text, as in
// "terms[nl:staatsgreep].status", because their position may change.
// A term added or removed appears as "terms[nl:staatsgreep]" with the text
// as New or Old, followed by its non-empty attributes.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
}

// CreateConcept stores a new concept and returns it as stored. An empty
// id is assigned from the first Dutch term (its slug, made unique);
// Created and Modified are set to now, CreatedBy and ModifiedBy to who.
// A concept with the id already
// stored gives ErrExists; an invalid one an error wrapping
// glossary.ErrInvalid.
func (s *Store) CreateConcept(c glossary.Concept, who string) (glossary.Concept, error) {
	if err := c.Validate(); err != nil {
		return glossary.Concept{}, fmt.Errorf("store: %w", err)
	}
	now := time.Now().UTC()
	c.Created, c.Modified = now, now
	c.CreatedBy, c.ModifiedBy = who, who
	err := s.update(func(tx *bolt.Tx) error {
		concepts := tx.Bucket(bucketConcepts)
		if c.ID == "" {
			c.ID = uniqueID(concepts, slug(c), nil)
		} else if concepts.Get([]byte(c.ID)) != nil {
			return fmt.Errorf("a concept with the id %q exists already: %w", c.ID, ErrExists)
		}
		return putConcept(tx, c, Change{When: now, Who: who, Action: ActionCreate, Fields: Diff(glossary.Concept{}, c)})
	})
	if err != nil {
		return glossary.Concept{}, fmt.Errorf("store: %w", err)
	}
	return c, nil
}

// UpdateConcept replaces the stored concept with c's id and returns it as
// stored, keeping its Created time and CreatedBy and setting Modified to
// now and ModifiedBy to who. Its
// history records the fields that changed; an update that changes nothing
// writes nothing and returns the stored concept.
func (s *Store) UpdateConcept(c glossary.Concept, who string) (glossary.Concept, error) {
	if c.ID == "" {
		return glossary.Concept{}, fmt.Errorf("store: update: the concept has no id: %w", ErrNotFound)
	}
	if err := c.Validate(); err != nil {
		return glossary.Concept{}, fmt.Errorf("store: %w", err)
	}
	now := time.Now().UTC()
	err := s.update(func(tx *bolt.Tx) error {
		old, err := getConcept(tx, c.ID)
		if err != nil {
			return err
		}
		c.Created, c.Modified = old.Created, now
		c.CreatedBy, c.ModifiedBy = old.CreatedBy, who
		fields := Diff(old, c)
		if len(fields) == 0 {
			c = old
			return nil
		}
		return putConcept(tx, c, Change{When: now, Who: who, Action: ActionUpdate, Fields: fields})
	})
	if err != nil {
		return glossary.Concept{}, fmt.Errorf("store: %w", err)
	}
	return c, nil
}

// DeleteConcept removes the concept with the id. Its history stays, ending
// with the deletion and what the concept held, so nothing is lost.
func (s *Store) DeleteConcept(id, who string) error {
	err := s.update(func(tx *bolt.Tx) error {
		old, err := getConcept(tx, id)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketConcepts).Delete([]byte(id)); err != nil {
			return err
		}
		return appendHistory(tx, id, Change{When: time.Now().UTC(), Who: who, Action: ActionDelete, Fields: Diff(old, glossary.Concept{})})
	})
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// DeleteConcepts removes the concepts with the ids in one transaction:
// all, or on any error (an id not stored) none. Each concept's history
// records the delete.
func (s *Store) DeleteConcepts(ids []string, who string) error {
	err := s.update(func(tx *bolt.Tx) error {
		now := time.Now().UTC()
		for _, id := range ids {
			old, err := getConcept(tx, id)
			if err != nil {
				return err
			}
			if err := tx.Bucket(bucketConcepts).Delete([]byte(id)); err != nil {
				return err
			}
			if err := appendHistory(tx, id, Change{When: now, Who: who, Action: ActionDelete, Fields: Diff(old, glossary.Concept{})}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// ImportConcepts stores the concepts in one transaction: either all are
// stored or, on any error, none. A concept whose id is stored already
// replaces it (its history records the difference); an empty id is
// assigned as by CreateConcept. Created and Modified given by the caller
// (an import file) are kept for a new concept; zero ones are set to now,
// and a stored concept the import changes is modified now. CreatedBy and
// ModifiedBy go with the times: the file's when its time is kept, who
// when the time is now (a stored concept keeps its CreatedBy unless the
// file names one). Concepts
// identical to the stored ones are skipped. Every concept is validated
// before anything is written; the error names the first invalid one by
// position. A stored concept modified after the caller's version of it
// is replaced all the same (ImportConceptsDropping can refuse that).
func (s *Store) ImportConcepts(cs []glossary.Concept, who string) error {
	return s.ImportConceptsDropping(cs, nil, who, true)
}

// ImportConceptsDropping is ImportConcepts that also deletes the concepts
// with the ids drop, in the same transaction (a collection replaced by a
// new file: what the file no longer has goes, each delete in its
// concept's history). Without overwrite, a stored concept modified after
// the file's version of it (NewerThan), or a concept deleted after it
// (its history ends with the delete), refuses the import with a
// *NewerError naming every such concept, as an edit from an older version
// is refused. Nothing is written when anything fails.
func (s *Store) ImportConceptsDropping(cs []glossary.Concept, drop []string, who string, overwrite bool) error {
	seen := make(map[string]int, len(cs))
	for i := range cs {
		if err := cs[i].Validate(); err != nil {
			return fmt.Errorf("store: import: concept %d: %w", i+1, err)
		}
		if id := cs[i].ID; id != "" {
			if j, dup := seen[id]; dup {
				return fmt.Errorf("store: import: concept %d: id %q repeats concept %d: %w", i+1, id, j+1, ErrExists)
			}
			seen[id] = i
		}
	}
	now := time.Now().UTC()
	next := map[string]int{}
	var newer []NewerConcept
	err := s.update(func(tx *bolt.Tx) error {
		concepts := tx.Bucket(bucketConcepts)
		for _, id := range drop {
			old, err := getConcept(tx, id)
			if err != nil {
				return err
			}
			if err := concepts.Delete([]byte(id)); err != nil {
				return err
			}
			if err := appendHistory(tx, id, Change{When: now, Who: who, Action: ActionDelete, Fields: Diff(old, glossary.Concept{})}); err != nil {
				return err
			}
		}
		for i, c := range cs {
			var old glossary.Concept
			exists := false
			if c.ID == "" {
				c.ID = uniqueID(concepts, slug(c), next)
			} else if o, err := getConcept(tx, c.ID); err == nil {
				old, exists = o, true
			} else if !errors.Is(err, ErrNotFound) {
				return err
			} else if !overwrite {
				// Deleted here after the file's version of it: importing
				// the file would bring it back, undoing the delete.
				if del, ok, err := lastDelete(tx, c.ID); err != nil {
					return err
				} else if ok && NewerThan(del.When, c.Modified) {
					newer = append(newer, NewerConcept{ID: c.ID, Stored: del.When, File: c.Modified, Deleted: true})
					continue
				}
			}
			// diff ignores the times, so re-importing an unchanged
			// file touches nothing.
			fields := Diff(old, c)
			if exists && len(fields) == 0 {
				continue
			}
			if exists {
				// The file's version is older than the stored one (an
				// export edited here since): importing it would undo
				// that edit, unless asked to.
				if !overwrite && NewerThan(old.Modified, c.Modified) {
					newer = append(newer, NewerConcept{ID: c.ID, Stored: old.Modified, File: c.Modified})
					continue
				}
				c.Modified, c.ModifiedBy = now, who // changed here, now
			}
			switch {
			case !c.Created.IsZero():
				if exists {
					c.CreatedBy = cmp.Or(c.CreatedBy, old.CreatedBy)
				}
			case exists:
				c.Created, c.CreatedBy = old.Created, cmp.Or(c.CreatedBy, old.CreatedBy)
			default:
				c.Created, c.CreatedBy = now, cmp.Or(c.CreatedBy, who)
			}
			if c.Modified.IsZero() {
				c.Modified, c.ModifiedBy = now, cmp.Or(c.ModifiedBy, who)
			}
			if err := putConcept(tx, c, Change{When: now, Who: who, Action: ActionImport, Fields: fields}); err != nil {
				return fmt.Errorf("import: concept %d: %w", i+1, err)
			}
		}
		if len(newer) > 0 {
			return &NewerError{Concepts: newer} // nothing is written
		}
		return nil
	})
	var ne *NewerError
	if errors.As(err, &ne) {
		return err
	}
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// NewerError refuses an import that would undo edits: the concepts the
// store holds in a version modified after the file's version of them.
type NewerError struct {
	Concepts []NewerConcept
}

// NewerConcept is a concept stored in a newer version than the file's,
// or deleted after the file's version of it.
type NewerConcept struct {
	ID           string
	Stored, File time.Time // modified (or deleted) here, and modified in the file
	Deleted      bool      // deleted here at Stored
}

func (e *NewerError) Error() string {
	var b strings.Builder
	if len(e.Concepts) == 1 {
		b.WriteString("1 concept was changed here after the file's version of it, which would undo that change:")
	} else {
		fmt.Fprintf(&b, "%d concepts were changed here after the file's version of them, which would undo those changes:", len(e.Concepts))
	}
	for i, c := range e.Concepts {
		if i == 5 {
			fmt.Fprintf(&b, " and %d more", len(e.Concepts)-i)
			break
		}
		did := "modified"
		if c.Deleted {
			did = "deleted"
		}
		fmt.Fprintf(&b, " %s (%s %s here, modified %s in the file)", c.ID, did, c.Stored.UTC().Format(time.RFC3339), c.File.UTC().Format(time.RFC3339))
		if i < len(e.Concepts)-1 && i < 4 {
			b.WriteString(";")
		}
	}
	return b.String()
}

// Concepts returns every stored concept, by id.
func (s *Store) Concepts() ([]glossary.Concept, error) {
	var cs []glossary.Concept
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketConcepts).ForEach(func(k, v []byte) error {
			var c glossary.Concept
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("concept %q: %w", k, err)
			}
			cs = append(cs, c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return cs, nil
}

// Concept returns the stored concept with the id.
func (s *Store) Concept(id string) (glossary.Concept, error) {
	var c glossary.Concept
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		c, err = getConcept(tx, id)
		return err
	})
	if err != nil {
		return glossary.Concept{}, fmt.Errorf("store: %w", err)
	}
	return c, nil
}

// History returns the changes of the concept with the id, oldest first,
// also after the concept was deleted. An id that never had a concept
// gives ErrNotFound.
func (s *Store) History(id string) ([]Change, error) {
	var hs []Change
	err := s.view(func(tx *bolt.Tx) error {
		prefix := append([]byte(id), 0)
		cur := tx.Bucket(bucketHistory).Cursor()
		for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
			var ch Change
			if err := json.Unmarshal(v, &ch); err != nil {
				return fmt.Errorf("history %q: %w", k, err)
			}
			hs = append(hs, ch)
		}
		if hs == nil && tx.Bucket(bucketConcepts).Get([]byte(id)) == nil {
			return fmt.Errorf("there is no concept %q: %w", id, ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if hs == nil {
		hs = []Change{}
	}
	return hs, nil
}

// Deletes returns, of the ids, those whose concept was deleted and not
// stored again since: the last change of each, its delete. An import
// checks them, so that a file taken before the delete does not silently
// bring the concept back.
func (s *Store) Deletes(ids []string) (map[string]Change, error) {
	out := map[string]Change{}
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			if tx.Bucket(bucketConcepts).Get([]byte(id)) != nil {
				continue
			}
			ch, ok, err := lastDelete(tx, id)
			if err != nil {
				return err
			}
			if ok {
				out[id] = ch
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return out, nil
}

// lastDelete returns the last change of concept id when it is a delete.
// The history's keys are id NUL seq: the last of them is the entry
// before the first key past the prefix (id followed by byte 1).
func lastDelete(tx *bolt.Tx, id string) (Change, bool, error) {
	prefix := append([]byte(id), 0)
	cur := tx.Bucket(bucketHistory).Cursor()
	k, v := cur.Seek(append([]byte(id), 1))
	if k == nil {
		k, v = cur.Last()
	} else {
		k, v = cur.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return Change{}, false, nil
	}
	var ch Change
	if err := json.Unmarshal(v, &ch); err != nil {
		return Change{}, false, fmt.Errorf("history %q: %w", k, err)
	}
	return ch, ch.Action == ActionDelete, nil
}

// Seeded reports whether MarkSeeded(kind) was called, so that the default
// corpus and glossary are stored on first start only and a user's
// deletions stay deleted.
func (s *Store) Seeded(kind string) (bool, error) {
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketMeta).Get([]byte("seeded/"+kind)) != nil
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return ok, nil
}

// MarkSeeded records that kind has been seeded.
func (s *Store) MarkSeeded(kind string) error {
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte("seeded/"+kind), []byte(time.Now().UTC().Format(time.RFC3339)))
	})
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

func getConcept(tx *bolt.Tx, id string) (glossary.Concept, error) {
	v := tx.Bucket(bucketConcepts).Get([]byte(id))
	if v == nil {
		return glossary.Concept{}, fmt.Errorf("there is no concept %q: %w", id, ErrNotFound)
	}
	var c glossary.Concept
	if err := json.Unmarshal(v, &c); err != nil {
		return glossary.Concept{}, fmt.Errorf("concept %q: %w", id, err)
	}
	return c, nil
}

func putConcept(tx *bolt.Tx, c glossary.Concept, ch Change) error {
	v, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("concept %q: %w", c.ID, err)
	}
	if err := tx.Bucket(bucketConcepts).Put([]byte(c.ID), v); err != nil {
		return fmt.Errorf("concept %q: %w", c.ID, err)
	}
	return appendHistory(tx, c.ID, ch)
}

// appendHistory adds ch under id NUL seq. The sequence is the bucket's,
// shared by all concepts: it only has to grow, so that a prefix scan
// returns one concept's changes in order. Ids cannot contain NUL, so no
// id's prefix reaches into another's.
func appendHistory(tx *bolt.Tx, id string, ch Change) error {
	b := tx.Bucket(bucketHistory)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	k := binary.BigEndian.AppendUint64(append([]byte(id), 0), seq)
	v, err := json.Marshal(ch)
	if err != nil {
		return fmt.Errorf("history of %q: %w", id, err)
	}
	return b.Put(k, v)
}

// slug derives an id from the concept's first Dutch term (first term when
// it has none): folded, lower-case, runs of other characters as one '-'.
func slug(c glossary.Concept) string {
	text := ""
	if nl := c.TermsIn("nl"); len(nl) > 0 {
		text = nl[0].Text
	} else if len(c.Terms) > 0 {
		text = c.Terms[0].Text
	}
	var b strings.Builder
	dash := false
	for _, r := range glossary.Fold(text) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 64 {
				break
			}
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "concept"
	}
	return b.String()
}

// uniqueID returns base, or base-2, base-3, … whichever is not stored yet.
// next, when not nil, remembers per base the suffix to try first, so that
// one import of many concepts with the same base probes each suffix once
// instead of all the taken ones again (16,000 identical rows took 27 s).
func uniqueID(concepts *bolt.Bucket, base string, next map[string]int) string {
	return freeID(func(id string) bool { return concepts.Get([]byte(id)) != nil }, base, next)
}

// ConceptID returns the id the store gives a new concept without one (its
// head term made a slug, with -2, -3, … when taken), for a caller that
// keeps concepts elsewhere (tolk --memory).
// next is as for uniqueID (nil: none).
func ConceptID(c glossary.Concept, taken func(string) bool, next map[string]int) string {
	return freeID(taken, slug(c), next)
}

// freeID is uniqueID over any test of whether an id is taken.
func freeID(taken func(string) bool, base string, next map[string]int) string {
	id, n := base, 2
	if k := next[base]; k > 0 {
		id, n = base+"-"+strconv.Itoa(k), k+1
	}
	for ; taken(id) || glossary.ReservedID(id); n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	if next != nil {
		next[base] = n
	}
	return id
}

// NewerThan reports whether a stored modified time is later than a file's
// (zero: the file does not say), compared at the file's precision: a file
// that keeps whole seconds (CSV, XLSX) was not taken before an edit in the
// same second.
func NewerThan(stored, file time.Time) bool {
	if file.IsZero() {
		return false
	}
	if file.Nanosecond() == 0 {
		stored = stored.Truncate(time.Second)
	}
	return stored.After(file)
}
