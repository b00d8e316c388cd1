package index

import (
	"context"
	"fmt"
)

// PassageIDs returns the ID of every indexed passage, in no particular
// order: a caller that encodes a document's version in its passage IDs can
// tell from them, without a search per document, which documents the index
// holds and in which version.
func (ix *Index) PassageIDs(ctx context.Context) ([]string, error) {
	rd, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	it, err := rd.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("index: passage ids: %w", err)
	}
	defer it.Close()
	var ids []string
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("index: passage ids: %w", err)
			}
		}
		id, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("index: passage ids: %w", err)
		}
		if id == nil {
			return ids, nil
		}
		ext, err := rd.ExternalID(id)
		if err != nil {
			return nil, fmt.Errorf("index: passage ids: %w", err)
		}
		ids = append(ids, ext)
	}
}

// Delete removes the passages with the given IDs in one batch, so that a
// search sees all of them or none; IDs the index lacks are ignored. Like
// Add it returns once searches no longer see them, before the disk does.
func (ix *Index) Delete(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("index: delete: %w", err)
	}
	batch := ix.b.NewBatch()
	for _, id := range ids {
		batch.Delete(id)
	}
	if err := ix.b.Batch(batch); err != nil {
		return fmt.Errorf("index: delete: %w", err)
	}
	return nil
}
