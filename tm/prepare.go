package tm

import (
	"fmt"
	"time"
)

// Prepare makes segments ready to store, as every import does: each is
// normalised and validated (the error names the first bad one by its
// 1-based position), an empty collection becomes collection (or
// DefaultCollection), an empty id ContentID, an empty creator who and a
// zero creation time now. Segments with the same collection and id are
// one segment: the last one wins, all its fields (texts, note, props,
// creator, dates) and none of the earlier ones', at the position of the
// first; Repeats counts them. The input slice is not modified. It runs in
// linear time.
func Prepare(segs []Segment, collection, who string, now time.Time) ([]Segment, error) {
	if collection == "" {
		collection = DefaultCollection
	}
	now = now.UTC().Truncate(time.Second)
	out := make([]Segment, 0, len(segs))
	at := make(map[string]int, len(segs))
	for i, s := range segs {
		s.Props = append([]Prop(nil), s.Props...)
		s.Normalize()
		if s.Collection == "" {
			s.Collection = collection
		}
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("tm: segment %d: %w", i+1, err)
		}
		s.ID = storedID(s)
		if s.Creator == "" {
			s.Creator = who
		}
		if s.Created.IsZero() {
			s.Created = now
		}
		if j, ok := at[s.Key()]; ok {
			out[j] = s
			continue
		}
		at[s.Key()] = len(out)
		out = append(out, s)
	}
	return out, nil
}

// Repeats returns how many of segs repeat an earlier one: they would be
// stored under the same collection and id as it, once normalised and
// given, as Prepare gives them, collection (or DefaultCollection) for an
// empty collection and ContentID for an empty id. Without ids that means
// the same Dutch and English text, source and collection; with ids the
// same id, whatever the texts. An import stores one segment for each
// such group, the last (Prepare), so Repeats is how many units of a file
// it did not store as segments of their own. It does not validate; it
// runs in linear time.
func Repeats(segs []Segment, collection string) int {
	if collection == "" {
		collection = DefaultCollection
	}
	seen := make(map[string]bool, len(segs))
	n := 0
	for _, s := range segs {
		s.Props = nil // Normalize trims them in place; the key needs none
		s.Normalize()
		if s.Collection == "" {
			s.Collection = collection
		}
		s.ID = storedID(s)
		if seen[s.Key()] {
			n++
		}
		seen[s.Key()] = true
	}
	return n
}

// storedID is the id a normalised segment is stored under: its own, or
// one made from its content.
func storedID(s Segment) string {
	if s.ID != "" {
		return s.ID
	}
	return ContentID(s)
}
