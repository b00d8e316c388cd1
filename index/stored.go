package index

import (
	"context"
	"fmt"
)

// storedChunk is how many passages Stored reads per search.
const storedChunk = 500

// Stored returns the stored fields of the passages with the given IDs
// that the index holds, by ID; IDs the index lacks are left out. It lets a
// consistency check compare what the index holds with what it should
// (fields that are indexed but not stored, such as the heading, cannot be
// compared).
func (ix *Index) Stored(ctx context.Context, ids []string) (map[string]Passage, error) {
	out := make(map[string]Passage, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), storedChunk)
		hits, err := ix.load(ctx, ids[:n], nil)
		if err != nil {
			return nil, fmt.Errorf("index: stored: %w", err)
		}
		for id, h := range hits {
			out[id] = h.Passage
		}
		ids = ids[n:]
	}
	return out, nil
}
