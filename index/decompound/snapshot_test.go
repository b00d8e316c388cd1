package decompound

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSnapshot reads back a written splitter and checks that it is the
// same dictionary and splits every word of the letter as the built one
// does; a snapshot of other inputs is stale, a damaged one an error.
func TestSnapshot(t *testing.T) {
	terms := curatedTerms(t)
	words := letterWords(t)
	built := NewWith(terms, terms, words)
	var buf bytes.Buffer
	if err := built.WriteSnapshot(&buf); err != nil {
		t.Fatal(err)
	}
	snap := buf.Bytes()
	read, err := LoadSnapshot(snap, terms, terms, words)
	if err != nil {
		t.Fatal(err)
	}
	bf, bc, bl := built.t.Arrays()
	rf, rc, rl := read.t.Arrays()
	if !slices.Equal(bf, rf) || !slices.Equal(bc, rc) || !slices.Equal(bl, rl) || !slices.Equal(built.t.flags, read.t.flags) {
		t.Fatalf("the trie read back differs from the one built (%d / %d nodes)", len(bl), len(rl))
	}
	if !slices.Equal(built.f.nodes, read.f.nodes) || !slices.Equal(built.f.n, read.f.n) || built.f.max != read.f.max || read.terms != built.terms {
		t.Fatal("the counts or the terms flag read back differ")
	}
	// A snapshot at an address that is no multiple of 8 is read from a copy.
	odd := append([]byte{0}, snap...)[1:]
	copied, err := LoadSnapshot(odd, terms, terms, words)
	if err != nil {
		t.Fatalf("a snapshot not 8-byte aligned: %v", err)
	}
	split := 0
	for _, w := range append(words, "veiligheidsdreigingen", "vredesmissie", "trainingsmissie", "hoofdstad") {
		if d := cmp.Diff(built.Split(w), read.Split(w)); d != "" {
			t.Fatalf("Split(%q) (-built +read):\n%s", w, d)
		}
		if d := cmp.Diff(built.Split(w), copied.Split(w)); d != "" {
			t.Fatalf("Split(%q) (-built +read from a copy):\n%s", w, d)
		}
		if built.Split(w) != nil {
			split++
		}
	}
	if split < 50 {
		t.Fatalf("only %d of the letter's words split: the comparison says little", split)
	}
	// The key names the inputs: the same for the splitter read back and a
	// second build, another for other terms.
	other := NewWith(append(slices.Clone(terms), "blauwhelm"), terms, words)
	if k := built.Key(); k != read.Key() || k != NewWith(terms, terms, words).Key() || k == other.Key() || len(k) != 16 {
		t.Fatalf("Key: built %q, read %q, other terms %q; want the first two alike, the third another", k, read.Key(), other.Key())
	}

	tests := []struct {
		name  string
		data  []byte
		terms []string
		stale bool
	}{
		{"other terms", snap, append(slices.Clone(terms), "blauwhelm"), true},
		{"no terms", snap, nil, true},
		{"one byte changed", flip(snap, len(snap)/2), terms, false},
		{"cut short", snap[:len(snap)-100], terms, false},
		{"empty", nil, terms, false},
		{"not a snapshot", bytes.Repeat([]byte("tolkspl0"), 20), terms, false},
		{"a child beyond the nodes, checksum right", badChild(t, snap), terms, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := LoadSnapshot(tt.data, tt.terms, tt.terms, words)
			if err == nil || s != nil {
				t.Fatalf("got a splitter (%v), want an error", err)
			}
			if errors.Is(err, ErrStale) != tt.stale {
				t.Errorf("err = %v; stale %v, want %v", err, errors.Is(err, ErrStale), tt.stale)
			}
		})
	}
}

// flip returns data with byte i changed.
func flip(data []byte, i int) []byte {
	out := slices.Clone(data)
	out[i] ^= 0x40
	return out
}

// badChild returns the snapshot with the root's first child moved beyond
// the nodes and the checksum made right again.
func badChild(t *testing.T, snap []byte) []byte {
	out := slices.Clone(snap)
	n := int(binary.LittleEndian.Uint32(out[len(snapshotMagic)+32+4:]))
	binary.LittleEndian.PutUint32(out[snapshotHeader:], uint32(n)) // the root's first child
	binary.LittleEndian.PutUint32(out[len(out)-4:], crc32.ChecksumIEEE(out[:len(out)-4]))
	return out
}
