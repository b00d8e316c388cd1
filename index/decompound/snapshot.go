package decompound

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"sync"
	"unsafe"

	"github.com/tolk-nl/tolk/index/decompound/internal/bytetrie"
)

// A snapshot is a built splitter's dictionary written out: the trie with
// its flags and the word counts, under a key of everything the build read
// (the embedded word list and counts, the options, the terms and extra
// words). Building the dictionary walks the whole word list and sorts,
// allocates and links 1.3 M trie nodes: 300-450 ms in a fresh process on a
// slow machine, most of a server's start-up. A snapshot is read in place:
// its arrays are the trie's, without a copy, so a snapshot mapped from a
// file costs no fresh memory at all.
//
// Layout, integers little-endian, each array at a multiple of its
// element's size: the magic (8 bytes), the key (32), then four uint32 (1
// when the splitter has terms, the node count N, the count of counted
// words M, 0) and the largest count (int64): 64 bytes. Then N first
// children (int32), M counted nodes (int32, ascending), M counts (int32),
// N child counts (uint16), N labels, N flags, and a CRC-32 (IEEE) of
// everything before it.
const (
	snapshotMagic  = "tolkspl2"
	snapshotHeader = 64
)

// ErrStale is LoadSnapshot's answer for a snapshot written for other
// inputs: another glossary or corpus, or another version of the word lists.
var ErrStale = errors.New("decompound: the snapshot was built from other words")

// embeddedKey hashes the embedded data a build reads, once per process.
var embeddedKey = sync.OnceValue(func() [32]byte {
	h := sha256.New()
	for _, b := range [][]byte{words, frequencies} {
		binary.Write(h, binary.LittleEndian, uint64(len(b)))
		h.Write(b)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
})

// Key names what the splitter was built from: the embedded word lists
// and counts, the options, the terms and the extra words (the key its
// snapshot is stored under, in hex). Two splitters with the same key split
// every word alike; an index records it, since other terms split other
// words and so give other keys.
func (s *Splitter) Key() string {
	return fmt.Sprintf("%x", s.key[:8])
}

// snapshotKey is the key of a build from opt, terms and extra.
func snapshotKey(opt options, terms []string, extra [][]string) [32]byte {
	h := sha256.New()
	emb := embeddedKey()
	h.Write([]byte(snapshotMagic))
	h.Write(emb[:])
	fmt.Fprintf(h, "%+v\n", opt)
	str := func(s string) {
		binary.Write(h, binary.LittleEndian, uint64(len(s)))
		io.WriteString(h, s)
	}
	binary.Write(h, binary.LittleEndian, uint64(len(terms)))
	for _, t := range terms {
		str(t)
	}
	binary.Write(h, binary.LittleEndian, uint64(len(extra)))
	for _, ws := range extra {
		binary.Write(h, binary.LittleEndian, uint64(len(ws)))
		for _, w := range ws {
			str(w)
		}
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// WriteSnapshot writes s's dictionary to w, for LoadSnapshot with the same
// terms and extra words s was built with. The arrays are written as they
// are in memory (on a little-endian machine), without a copy.
func (s *Splitter) WriteSnapshot(w io.Writer) error {
	first, count, label := s.t.Arrays()
	sum := crc32.NewIEEE()
	out := io.MultiWriter(w, sum)
	var head [snapshotHeader]byte
	copy(head[:], snapshotMagic)
	copy(head[len(snapshotMagic):], s.key[:])
	h := head[len(snapshotMagic)+32:]
	if s.terms {
		binary.LittleEndian.PutUint32(h, 1)
	}
	binary.LittleEndian.PutUint32(h[4:], uint32(len(label)))
	binary.LittleEndian.PutUint32(h[8:], uint32(len(s.f.nodes)))
	binary.LittleEndian.PutUint64(h[16:], uint64(s.f.max))
	if _, err := out.Write(head[:]); err != nil {
		return fmt.Errorf("decompound: snapshot: %w", err)
	}
	for _, v := range []any{first, s.f.nodes, s.f.n, count, label, s.t.flags} {
		var err error
		if b, ok := rawBytes(v); ok {
			_, err = out.Write(b)
		} else {
			err = binary.Write(out, binary.LittleEndian, v)
		}
		if err != nil {
			return fmt.Errorf("decompound: snapshot: %w", err)
		}
	}
	if err := binary.Write(w, binary.LittleEndian, sum.Sum32()); err != nil {
		return fmt.Errorf("decompound: snapshot: %w", err)
	}
	return nil
}

// rawBytes returns the memory of a slice of v's type as bytes, when that
// is its little-endian encoding.
func rawBytes(v any) ([]byte, bool) {
	if !littleEndian() {
		return nil, false
	}
	switch v := v.(type) {
	case []byte:
		return v, true
	case []int32:
		return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 4*len(v)), true
	case []uint16:
		return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 2*len(v)), true
	}
	return nil, false
}

// LoadSnapshot returns the splitter NewWith(terms, extra...) builds, read
// from data that WriteSnapshot wrote for the same terms and extra words.
// The splitter's arrays are data's own bytes (unless data is not 8-byte
// aligned or the machine is big-endian: then they are copies), so data must
// not change while the splitter is in use. It answers ErrStale when data
// was written for other inputs, and another error when data is damaged or
// cut short.
func LoadSnapshot(data []byte, terms []string, extra ...[]string) (*Splitter, error) {
	if len(data) < snapshotHeader+4 || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return nil, fmt.Errorf("decompound: snapshot: not a splitter snapshot")
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("decompound: snapshot: checksum mismatch (damaged or cut short)")
	}
	key := snapshotKey(defaults, terms, extra)
	if !bytes.Equal(body[len(snapshotMagic):len(snapshotMagic)+32], key[:]) {
		return nil, ErrStale
	}
	le := binary.LittleEndian
	h := body[len(snapshotMagic)+32:]
	hasTerms, n, m, mx := le.Uint32(h), int64(le.Uint32(h[4:])), int64(le.Uint32(h[8:])), int64(le.Uint64(h[16:]))
	if want := snapshotHeader + 8*n + 8*m; int64(len(body)) != want {
		return nil, fmt.Errorf("decompound: snapshot: %d nodes and %d counted words need %d bytes, not %d", n, m, want, len(body))
	}
	if uintptr(unsafe.Pointer(unsafe.SliceData(body)))%8 != 0 {
		body = slices.Clone(body) // aligned
	}
	at := int64(snapshotHeader)
	take := func(size int64) []byte {
		b := body[at : at+size : at+size]
		at += size
		return b
	}
	first := view[int32](take(4 * n))
	c := &counts{nodes: view[int32](take(4 * m)), n: view[int32](take(4 * m)), max: int(mx)}
	count := view[uint16](take(2 * n))
	label, flags := take(n), take(n)
	for i, node := range c.nodes {
		if node < 0 || int64(node) >= n || i > 0 && node <= c.nodes[i-1] {
			return nil, fmt.Errorf("decompound: snapshot: counted word %d: node %d out of order or range", i, node)
		}
	}
	bt, err := bytetrie.FromArrays(first, count, label)
	if err != nil {
		return nil, fmt.Errorf("decompound: snapshot: %w", err)
	}
	hy, err := hyphenPatterns()
	if err != nil {
		return nil, err
	}
	return &Splitter{t: &trie{Trie: bt, flags: flags}, hy: hy, f: c, opt: defaults, terms: hasTerms == 1, key: key}, nil
}

// littleEndian reports whether the machine stores integers little-endian,
// as snapshots do.
func littleEndian() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}

// view returns b's little-endian integers: b itself on a little-endian
// machine (b aligned for T), a decoded copy otherwise.
func view[T int32 | uint16](b []byte) []T {
	var zero T
	n := len(b) / int(unsafe.Sizeof(zero))
	if n == 0 {
		return nil
	}
	if littleEndian() {
		return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n)
	}
	out := make([]T, n)
	binary.Read(bytes.NewReader(b), binary.LittleEndian, out) // len(b) is n elements: it cannot run short
	return out
}
