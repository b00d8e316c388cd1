package store

import (
	"errors"
	"fmt"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// ErrNoSpace is wrapped by the error of a write that failed because the
// disk is full or the quota used up. Such a write stored nothing: bbolt
// rolls a transaction back unless its commit completed.
var ErrNoSpace = errors.New("no space left on the disk")

// NoSpace reports whether err comes from a full disk or an exhausted
// quota: whether it wraps ErrNoSpace, ENOSPC or EDQUOT.
func NoSpace(err error) bool {
	return errors.Is(err, ErrNoSpace) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// markNoSpace makes err wrap ErrNoSpace when it comes from a full disk.
func markNoSpace(err error) error {
	if err != nil && !errors.Is(err, ErrNoSpace) && NoSpace(err) {
		return fmt.Errorf("%w: %w", ErrNoSpace, err)
	}
	return err
}

// update runs fn in a write transaction and commits it. A full disk is
// reported as ErrNoSpace. In tests, s.fault may fail the transaction after
// fn, where its commit would write.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	return markNoSpace(s.updateDB(func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		if s.fault != nil {
			return s.fault()
		}
		return nil
	}))
}

// checkSchema returns nil when tx's file is set up for this tolk: every
// bucket there, with this tolk's schema version.
func checkSchema(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketDocuments, bucketSources, bucketConcepts, bucketHistory, bucketMeta, bucketSegments} {
		if tx.Bucket(b) == nil {
			return fmt.Errorf("no bucket %s", b)
		}
	}
	if v := tx.Bucket(bucketMeta).Get([]byte("schema")); string(v) != schemaVersion {
		return fmt.Errorf("schema version %q, this tolk reads %s", v, schemaVersion)
	}
	return nil
}
