package budget

import (
	"errors"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

func TestBudget(t *testing.T) {
	c := glossary.Concept{
		Note:       "abc",
		Definition: map[string]string{"nl": "12345"},
		Terms:      []glossary.Term{{Lang: "nl", Text: "huis"}, {Lang: "en", Text: "house", Context: "xy"}},
	}
	want := conceptSize + 3 + mapEntry + 2 + 5 + 2*termSize + 4 + 5 + 2
	if got := Size(&c); got != want {
		t.Errorf("Size = %d, want %d", got, want)
	}
	// A one-letter concept costs hundreds of bytes, not one.
	one := glossary.Concept{Terms: []glossary.Term{{Lang: "nl", Text: "a"}}}
	if s := Size(&one); s < 300 {
		t.Errorf("Size of a one-letter concept = %d, want at least 300", s)
	}
	b := New(10 * want)
	for i := range 10 {
		if err := b.Add(&c); err != nil {
			t.Fatalf("Add %d: %v", i+1, err)
		}
	}
	if b.Used() != 10*want {
		t.Errorf("Used = %d, want %d", b.Used(), 10*want)
	}
	err := b.Add(&one)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "11 concepts") {
		t.Errorf("Add over the budget: %v, want ErrTooLarge naming 11 concepts", err)
	}
}
