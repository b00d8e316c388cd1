package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Ping checks that the store is open for writing and answers a read: it
// reads the schema version in a read transaction. It writes nothing, so it
// neither waits for a long write (bbolt has one writer at a time) nor costs
// an fsync; it cannot tell that the disk is full.
func (s *Store) Ping() error {
	if s.db.IsReadOnly() {
		return errors.New("store: opened read-only")
	}
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta).Get([]byte("schema")) == nil {
			return errors.New("no schema version")
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}
