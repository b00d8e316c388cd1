package budget

import (
	"errors"
	"fmt"
	"unsafe"

	"github.com/tolk-nl/tolk/glossary"
)

// Max is what the concepts of one import may hold, in bytes as Size
// counts them: about 100,000 concepts of two terms with a definition
// (the FreeDict dictionary, 22,747 entries, takes 17.3 MiB of it).
const Max = 64 << 20

// ErrTooLarge is wrapped by the error Add returns when the budget is
// spent.
var ErrTooLarge = errors.New("import too large")

// Budget counts what an import's concepts hold. The zero value is not
// usable; call New.
type Budget struct {
	max, used int64
	n         int
}

// New returns a budget of max bytes.
func New(max int64) *Budget { return &Budget{max: max} }

// Add charges c's Size, and returns an error wrapping ErrTooLarge once
// the concepts charged so far, c included, hold more than the budget.
func (b *Budget) Add(c *glossary.Concept) error {
	b.used += Size(c)
	b.n++
	if b.used > b.max {
		return fmt.Errorf("%w: %d concepts hold more than %d MiB; split the file", ErrTooLarge, b.n, b.max>>20)
	}
	return nil
}

// Used returns the bytes charged so far.
func (b *Budget) Used() int64 { return b.used }

// Per-item overheads, in bytes: the structs as the compiler lays them
// out, and a map entry's share of its buckets (key, value and about as
// much again).
const (
	conceptSize = int64(unsafe.Sizeof(glossary.Concept{}))
	termSize    = int64(unsafe.Sizeof(glossary.Term{}))
	mapEntry    = 2 * 2 * int64(unsafe.Sizeof(""))
)

// Size estimates the heap bytes c holds: its struct, the capacity of its
// term slice, every string, and its definition map.
func Size(c *glossary.Concept) int64 {
	n := conceptSize + int64(len(c.ID)+len(c.Collection)+len(c.Subject)+len(c.Note)+len(c.Source))
	for l, d := range c.Definition {
		n += mapEntry + int64(len(l)+len(d))
	}
	n += int64(cap(c.Terms)) * termSize
	for i := range c.Terms {
		t := &c.Terms[i]
		n += int64(len(t.Text) + len(t.Plural) + len(t.Note) + len(t.Context) + len(t.Source))
	}
	return n
}
