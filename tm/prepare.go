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
// one segment: the last one wins, at the position of the first. The input
// slice is not modified. It runs in linear time.
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
		if s.ID == "" {
			s.ID = ContentID(s)
		}
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
