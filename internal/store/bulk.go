package store

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// PutDocuments stores every document of ds (with its Info, as
// PutDocument does) in one transaction, replacing
// documents with the same ids (within ds, the last of an id wins): all of
// them or, on an error, none. It is PutDocument for bulk loads: one commit
// and one fsync for the lot instead of one per document, and the keys
// written in order, so that bbolt fills its pages instead of splitting
// them. A zero Added is set to now.
func (s *Store) PutDocuments(ds []DocRecord) error {
	if len(ds) == 0 {
		return nil
	}
	type kv struct {
		id               string
		meta, data, info []byte
	}
	now := time.Now().UTC()
	rows := make([]kv, 0, len(ds))
	for _, d := range ds {
		if d.ID == "" || len(d.ID) > 256 || strings.ContainsRune(d.ID, 0) {
			return fmt.Errorf("store: document id %q: must be 1–256 bytes without NUL", d.ID)
		}
		if d.Added.IsZero() {
			d.Added = now
		}
		meta, err := json.Marshal(d)
		if err != nil {
			return fmt.Errorf("store: document %q: %w", d.ID, err)
		}
		rows = append(rows, kv{d.ID, meta, d.Source, d.Info})
	}
	// Stable: of two records with one id the later is put last and wins.
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].id < rows[j].id })
	err := s.update(func(tx *bolt.Tx) error {
		docs, srcs := tx.Bucket(bucketDocuments), tx.Bucket(bucketSources)
		for _, r := range rows {
			if err := docs.Put([]byte(r.id), r.meta); err != nil {
				return fmt.Errorf("document %q: %w", r.id, err)
			}
			if err := srcs.Put([]byte(r.id), r.data); err != nil {
				return fmt.Errorf("document %q: %w", r.id, err)
			}
			if err := putInfo(tx, r.id, r.info); err != nil {
				return fmt.Errorf("document %q: %w", r.id, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: %d documents: %w", len(ds), err)
	}
	return nil
}
