package decompound

import (
	"strings"
	"testing"
)

// TestLongWords: a word longer than maxWord is not split, and a term or
// extra word that long does not enter the dictionary (it could be no
// part of a word Split takes), so a pasted blob among the glossary's
// terms or the corpus costs the trie nothing (issue 10, point 5).
func TestLongWords(t *testing.T) {
	blob := strings.Repeat("missie", 50_000) // 300 KB
	plain := NewWith([]string{"missie"})
	s := NewWith([]string{"missie", blob}, []string{"vrede " + blob})
	if got, want := s.t.Nodes(), plain.t.Nodes(); got > want+len("vrede") {
		t.Errorf("the trie has %d nodes with the 300 KB words, %d without", got, want)
	}
	tests := []struct {
		word string
		want int // parts; 0 for nil
	}{
		{"trainingsmissie", 2},
		{blob, 0},
		{strings.Repeat("a", maxWord-len("missie")) + "missie", 0}, // within the bound, but no dictionary modifier
		{"vredes" + strings.Repeat("missie", 10), 0},               // 66 bytes
	}
	for _, tt := range tests {
		if got := s.Split(tt.word); len(got) != tt.want {
			t.Errorf("Split(%.30q… of %d bytes) = %q, want %d parts", tt.word, len(tt.word), got, tt.want)
		}
	}
}
