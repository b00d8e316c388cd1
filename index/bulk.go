package index

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
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
		sizeFields(d)
		p.docs[i] = d
	}
	return p
}

// sizeFields gives d's prepared text fields their Size. scorch's Batch
// asks every document's Size (for its memory statistics only) on the one
// goroutine that then builds the segment, the part of a bulk load that
// bounds it; TokenFrequencies.Size walks every location of every term
// (0.9 s of 20 on the 1,423 circulars). Prepare's goroutines compute it
// instead, from the terms alone (sizeOfFreqs), to the same value.
func sizeFields(d *document.Document) {
	for _, f := range d.Fields {
		if pt, ok := f.(*preparedText); ok && pt.size == 0 {
			pt.size = pt.TextField.Size() + sizeOfFreqs(pt.freqs)
		}
	}
}

// The terms of bindex.TokenFrequencies.Size, measured on bleve's own
// types so that sizeOfFreqs follows them: a map, an entry of it with
// its TokenFreq, and a location without array positions.
var freqSizes = sync.OnceValue(func() (z struct{ table, entry, loc int }) {
	z.table = bindex.TokenFrequencies{}.Size()
	z.entry = bindex.TokenFrequencies{"": &bindex.TokenFreq{}}.Size() - z.table
	z.loc = (&bindex.TokenFreq{Locations: []*bindex.TokenLocation{{}}}).Size() - (&bindex.TokenFreq{}).Size()
	return z
})

// sizeOfFreqs is tfs.Size() for frequencies whose locations have no
// array positions (those Prepare builds), without visiting each location.
func sizeOfFreqs(tfs bindex.TokenFrequencies) int {
	z := freqSizes()
	n := z.table
	for k, tf := range tfs {
		n += z.entry + len(k) + len(tf.Term) + len(tf.Locations)*z.loc
	}
	return n
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
	return ix.AddPreparedIn(ctx, 1, sets...)
}

// AddPreparedIn is AddPrepared with the sets split, each whole, into up
// to n batches of about as many passages, whose segments are built at
// once on n goroutines: building a segment is the part of a bulk load
// that bleve does on one goroutine. Searches may see one batch before
// another; it returns once all are searchable, or with the first error
// (the other batches may be in: a caller that gives up on the passages
// deletes them, as after a failed AddPrepared). Sets that share a
// passage ID go into one batch, so the last one still wins.
func (ix *Index) AddPreparedIn(ctx context.Context, n int, sets ...*Prepared) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("index: add: %w", err)
	}
	total := 0
	for _, s := range sets {
		total += len(s.docs)
	}
	if total == 0 {
		return nil
	}
	groups := splitSets(sets, n, total)
	errs := make([]error, len(groups))
	var wg sync.WaitGroup
	for i, g := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = ix.addBatch(g)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// splitSets divides sets, in order, into at most n groups of about
// total/n passages, or one group when two sets share a passage ID.
func splitSets(sets []*Prepared, n, total int) [][]*Prepared {
	if n <= 1 || len(sets) < 2 {
		return [][]*Prepared{sets}
	}
	seen := make(map[string]struct{}, total)
	for _, s := range sets {
		for _, d := range s.docs {
			if _, dup := seen[d.ID()]; dup {
				return [][]*Prepared{sets}
			}
			seen[d.ID()] = struct{}{}
		}
	}
	var groups [][]*Prepared
	start, size := 0, 0
	for i, s := range sets {
		size += len(s.docs)
		if size*n >= total*(len(groups)+1) || i == len(sets)-1 {
			groups = append(groups, sets[start:i+1])
			start = i + 1
		}
	}
	return groups
}

// addBatch indexes the passages of sets in one bleve batch.
func (ix *Index) addBatch(sets []*Prepared) error {
	batch := ix.b.NewBatch()
	for _, s := range sets {
		for _, d := range s.docs {
			if err := batch.IndexAdvanced(d); err != nil {
				return fmt.Errorf("index: add passage %q: %w", d.ID(), err)
			}
		}
	}
	if batch.Size() == 0 {
		return nil
	}
	if err := ix.b.Batch(batch); err != nil {
		return fmt.Errorf("index: add: %w", err)
	}
	return nil
}
