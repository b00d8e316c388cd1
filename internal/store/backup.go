package store

import (
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"
)

// Counts says how much a snapshot holds.
type Counts struct {
	Documents int `json:"documents"`
	Concepts  int `json:"concepts"`
	Segments  int `json:"segments"`
}

// Snapshot writes a copy of the whole database file to w, as it is at one
// moment: every transaction committed before Snapshot began is in it, none
// that commits later, and nothing half-written. It runs inside one read
// transaction, so writers carry on; only a writer that must grow the file
// waits until the copy ends. The counts are of the same moment.
func (s *Store) Snapshot(w io.Writer) (Counts, int64, error) {
	var (
		c Counts
		n int64
	)
	err := s.view(func(tx *bolt.Tx) error {
		c.Documents = tx.Bucket(bucketDocuments).Stats().KeyN
		c.Concepts = tx.Bucket(bucketConcepts).Stats().KeyN
		c.Segments = tx.Bucket(bucketSegments).Stats().KeyN
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return Counts{}, n, fmt.Errorf("store: snapshot: %w", err)
	}
	return c, n, nil
}
