package store

import "fmt"

// MappedFile calls fn with the path of the store's file, which bbolt reads
// through a read-only shared mapping, holding a read transaction for the
// duration of the call: bbolt does not remap the file (as a growing write
// would) before fn returns. It is for giving the mapped pages back
// (internal/resident): every document read leaves its pages in the
// process's resident set until then. A write that must grow the file
// waits for fn.
func (s *Store) MappedFile(fn func(path string) error) error {
	tx, err := s.db.Begin(false)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	return fn(s.db.Path())
}

// TxID returns the id of the last committed transaction: every write
// changes it, so that a caller can tell whether the file was written
// between two looks at it (the clean-shutdown mark of internal/app).
func (s *Store) TxID() (int, error) {
	tx, err := s.db.Begin(false)
	if err != nil {
		return 0, fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	return tx.ID(), nil
}
