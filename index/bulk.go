package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/document"
)

// Prepared is a set of passages analysed for the index by Prepare, to be
// indexed by AddPrepared.
type Prepared struct {
	docs []*document.Document
}

// Len returns the number of passages p holds.
func (p *Prepared) Len() int { return len(p.docs) }

// Prepare analyses passages for AddPrepared. It is the costly half of
// indexing (tokenising, stemming, splitting compounds), it touches no
// index state, and many goroutines may call it at once: a bulk load
// analyses the next passages on every core while AddPrepared builds the
// segment of the last ones. (bleve analyses inside Batch, where the
// segment of a batch is built only once all of it is analysed.)
func (ix *Index) Prepare(ps []Passage) *Prepared {
	p := &Prepared{docs: make([]*document.Document, len(ps))}
	var sc freqScratch
	for i, x := range ps {
		d := ix.document(x)
		ix.prepareFields(d, &sc)
		p.docs[i] = d
	}
	return p
}

// analysed is a field whose analysis is done: bleve's call to Analyze
// inside Batch keeps the token frequencies Prepare computed.
type analysed struct{ document.Field }

func (analysed) Analyze() {}

// AddPrepared indexes the passages of every set in one bleve batch
// (one segment), however many there are, replacing passages with the
// same ID. Like Add it returns once they are searchable; Flush waits for
// the disk. A set must not be added twice.
func (ix *Index) AddPrepared(ctx context.Context, sets ...*Prepared) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("index: add: %w", err)
	}
	batch := ix.b.NewBatch()
	n := 0
	for _, s := range sets {
		for _, d := range s.docs {
			if err := batch.IndexAdvanced(d); err != nil {
				return fmt.Errorf("index: add passage %q: %w", d.ID(), err)
			}
			n++
		}
	}
	if n == 0 {
		return nil
	}
	if err := ix.b.Batch(batch); err != nil {
		return fmt.Errorf("index: add: %w", err)
	}
	return nil
}
