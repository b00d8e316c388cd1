package index

import (
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/scorer"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// postingsReader opens terms' postings lists on one snapshot straight
// from its segments, as bleve's term field reader does (deleted passages
// left out) but without building a TermFieldDoc per posting; each
// field's term dictionaries are opened once. It is not safe for
// concurrent use: one search uses one.
type postingsReader struct {
	segs    []*scorch.SegmentSnapshot
	offsets []uint64 // where each segment's passages start in the snapshot's numbering
	dicts   map[string][]segment.TermDictionary
	// spare is an iterator iterate reuses: zap's iterator keeps its
	// decoding buffers, which a new one for every term and segment
	// allocated again. nil while an iterate has it.
	spare segment.PostingsIterator
}

func newPostingsReader(snap *scorch.IndexSnapshot, offsets []uint64) (*postingsReader, error) {
	pr := &postingsReader{segs: snap.Segments(), offsets: offsets, dicts: map[string][]segment.TermDictionary{}}
	if len(pr.offsets) != len(pr.segs) {
		return nil, fmt.Errorf("index: search: %d segment offsets for %d segments", len(pr.offsets), len(pr.segs))
	}
	return pr, nil
}

// termPostings are one term's postings lists, one per segment.
type termPostings struct {
	pr    *postingsReader
	pls   []segment.PostingsList
	count uint64 // live postings, as the term field reader's Count
}

// open returns the postings of term in field.
func (pr *postingsReader) open(field string, term []byte) (*termPostings, error) {
	dicts, ok := pr.dicts[field]
	if !ok {
		dicts = make([]segment.TermDictionary, len(pr.segs))
		for i, seg := range pr.segs {
			d, err := seg.Segment().Dictionary(field)
			if err != nil {
				return nil, fmt.Errorf("index: search: %w", err)
			}
			dicts[i] = d
		}
		pr.dicts[field] = dicts
	}
	tp := &termPostings{pr: pr, pls: make([]segment.PostingsList, len(pr.segs))}
	for i, seg := range pr.segs {
		pl, err := dicts[i].PostingsList(term, seg.Deleted(), nil)
		if err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		tp.pls[i] = pl
		tp.count += pl.Count()
	}
	return tp, nil
}

// each calls f with every posting's passage number in the snapshot, its
// frequency and norm, in index order.
func (tp *termPostings) each(f func(id, freq uint64, norm float64)) error {
	return tp.iterate(true, f)
}

// eachFreq is each without the norms, which cost a square root each.
func (tp *termPostings) eachFreq(f func(id, freq uint64)) error {
	return tp.iterate(false, func(id, freq uint64, _ float64) { f(id, freq) })
}

func (tp *termPostings) iterate(norms bool, f func(id, freq uint64, norm float64)) error {
	it := tp.pr.spare
	tp.pr.spare = nil // an iterate inside f gets its own
	defer func() { tp.pr.spare = it }()
	for i, pl := range tp.pls {
		if pl == nil {
			continue
		}
		off := tp.pr.offsets[i]
		it = pl.Iterator(true, norms, false, it)
		// A zap segment's iterator and postings are read through their
		// concrete types: the interface calls and the norm's interface
		// assertion, per posting, were a tenth of an English query.
		zit, _ := it.(*zap.PostingsIterator)
		for {
			var p segment.Posting
			var err error
			if zit != nil {
				p, err = zit.Next()
			} else {
				p, err = it.Next()
			}
			if err != nil {
				return fmt.Errorf("index: search: %w", err)
			}
			if p == nil {
				break
			}
			if zp, ok := p.(*zap.Posting); ok {
				var norm float64
				if norms {
					if n := zp.NormUint64(); n < uint64(len(normTable)) {
						norm = normTable[n]
					} else {
						norm = zp.Norm()
					}
				}
				f(zp.Number()+off, zp.Frequency(), norm)
				continue
			}
			var norm float64
			if norms {
				norm = normOf(p)
			}
			f(p.Number()+off, p.Frequency(), norm)
		}
	}
	return nil
}

// normTable holds a zap posting's norm for each field length below its
// size, computed as zap's Posting.Norm computes it (1/√length, rounded to
// a float32): the square root and division were a tenth of an English
// query's CPU.
var normTable = func() []float64 {
	t := make([]float64, 4096)
	for n := range t {
		t[n] = float64(float32(1.0 / math.Sqrt(float64(n))))
	}
	return t
}()

// normOf returns p's norm, from normTable when p tells its field length.
func normOf(p segment.Posting) float64 {
	if nu, ok := p.(interface{ NormUint64() uint64 }); ok {
		if n := nu.NormUint64(); n < uint64(len(normTable)) {
			return normTable[n]
		}
	}
	return p.Norm()
}

// sqrtFreq is √freq as bleve's term scorer takes it.
func sqrtFreq(freq uint64) float64 {
	if freq < scorer.MaxSqrtCache {
		return scorer.SqrtCache[int(freq)]
	}
	return math.Sqrt(float64(freq))
}
