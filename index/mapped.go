package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// MappedFiles calls fn with the paths of the segment files the index has
// mapped into memory (bleve reads its on-disk segments through read-only
// shared mappings), holding a snapshot of the index for the duration of
// the call: none of those files is unmapped, or mapped anew at another
// address, before fn returns. It is for giving the mapped pages back
// (internal/resident): the pages a search touches stay in the process's
// resident set until then. An index in memory has no such files; fn is
// then called with none.
func (ix *Index) MappedFiles(fn func(paths []string) error) error {
	adv, err := ix.b.Advanced()
	if err != nil {
		return fmt.Errorf("index: mapped files: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("index: mapped files: %w", err)
	}
	defer r.Close()
	var paths []string
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		for _, s := range snap.Segments() {
			if p, ok := s.Segment().(segment.PersistedSegment); ok {
				paths = append(paths, p.Path())
			}
		}
	}
	return fn(paths)
}
