package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/tolk-nl/tolk/tm"
)

// ImportSegments stores translation-memory segments in one transaction:
// all of them or, on any error, none. They are prepared as tm.Prepare
// does (collection the default collection, who the creator of segments
// without one); a segment whose collection and id are stored already
// replaces it. It returns the segments as stored.
func (s *Store) ImportSegments(segs []tm.Segment, collection, who string) ([]tm.Segment, error) {
	ready, err := tm.Prepare(segs, collection, who, time.Now())
	if err != nil {
		return nil, fmt.Errorf("store: import: %w", err)
	}
	if err := s.PutSegmentsDropping(ready, nil); err != nil {
		return nil, err
	}
	return ready, nil
}

// PutSegmentsDropping stores prepared segments (tm.Prepare) and deletes
// the segments with the keys drop, in one transaction: all of it or, on
// any error, nothing.
func (s *Store) PutSegmentsDropping(ready []tm.Segment, drop []string) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSegments)
		for _, k := range drop {
			if err := b.Delete([]byte(k)); err != nil {
				return fmt.Errorf("segment %q: %w", k, err)
			}
		}
		for _, seg := range ready {
			v, err := json.Marshal(seg)
			if err != nil {
				return fmt.Errorf("segment %q: %w", seg.ID, err)
			}
			if err := b.Put([]byte(seg.Key()), v); err != nil {
				return fmt.Errorf("segment %q: %w", seg.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: import: %w", err)
	}
	return nil
}

// DeleteSegments removes the segments with the keys (tm.Segment.Key) in
// one transaction: all of them or, on any error, none.
func (s *Store) DeleteSegments(keys []string) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSegments)
		for _, k := range keys {
			if err := b.Delete([]byte(k)); err != nil {
				return fmt.Errorf("segment %q: %w", k, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: delete segments: %w", err)
	}
	return nil
}

// Segments returns every stored segment, by collection and id.
func (s *Store) Segments() ([]tm.Segment, error) {
	var out []tm.Segment
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSegments).ForEach(func(k, v []byte) error {
			var seg tm.Segment
			if err := json.Unmarshal(v, &seg); err != nil {
				return fmt.Errorf("segment %q: %w", k, err)
			}
			out = append(out, seg)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return out, nil
}

// SegmentCount returns the number of stored segments without decoding
// them.
func (s *Store) SegmentCount() (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketSegments).Stats().KeyN
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: %w", err)
	}
	return n, nil
}
