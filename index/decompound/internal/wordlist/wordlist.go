// Package wordlist compiles the OpenTaal Dutch word list, as Debian's wdutch
// package ships it (/usr/share/dict/dutch), into the finite state transducer
// that package decompound embeds, and extracts the OpenTaal licence from the
// package's copyright file.
//
// The output depends only on the input bytes, so regenerating from the same
// file reproduces the committed artefact byte for byte.
package wordlist

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/vellum"
	"golang.org/x/text/unicode/norm"

	"github.com/tolk-nl/tolk/index/decompound/internal/hunspell"
)

// Flags stored as the FST value of every key.
const (
	// Common marks a key that the list spells in lower case: an ordinary
	// word that may be a part of a compound.
	Common uint64 = 1 << iota
	// Capitalised marks a key that the list spells with a capital (a name,
	// an acronym): such a word is not split and is no compound part.
	Capitalised
	// HunListed marks a key that the OpenTaal Hunspell dictionary knows
	// without compounding: an entry or an entry with affixes.
	HunListed
	// HunPart marks a key whose Hunspell entry carries a compound flag: a
	// building block of compounds rather than a compound itself.
	HunPart
)

// Stats describes one compilation.
type Stats struct {
	Lines   int // lines read
	Entries int // lines kept (letters only)
	Keys    int // distinct keys written (lower-cased, plus diacritic-free variants)
	Bytes   int // size of the FST
}

// ErrEmpty is returned when the input holds no usable entry.
var ErrEmpty = errors.New("wordlist: no entries")

// Compile reads the word list (plain or gzip-compressed, one entry a line)
// from r and writes the FST to w. marks, if not nil, gives further flags
// (HunListed, HunPart) by lower-cased word; they are added to the keys of
// the list only, never as keys of their own. Entries with anything but letters (spaces,
// hyphens, digits, apostrophes, dots) are dropped: the analyzer's tokenizer
// never hands such a string to the splitter. Keys are lower-cased; a key with
// diacritics is stored a second time without them, so a token folded by the
// analyzer (keïta → keita) is found as well.
func Compile(r io.Reader, w io.Writer, marks map[string]uint64) (Stats, error) {
	var st Stats
	br := bufio.NewReader(r)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return st, fmt.Errorf("wordlist: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	flags := make(map[string]uint64, 1<<19)
	sc := bufio.NewScanner(br)
	for sc.Scan() {
		st.Lines++
		line := strings.TrimSpace(sc.Text())
		if !utf8.ValidString(line) {
			return st, fmt.Errorf("wordlist: line %d: invalid UTF-8", st.Lines)
		}
		if line == "" || !lettersOnly(line) {
			continue
		}
		st.Entries++
		f := Common
		if r, _ := utf8.DecodeRuneInString(line); unicode.IsUpper(r) {
			f = Capitalised
		}
		key := strings.ToLower(line)
		f |= marks[key]
		flags[key] |= f
		if plain := StripMarks(key); plain != key {
			flags[plain] |= f
		}
	}
	if err := sc.Err(); err != nil {
		return st, fmt.Errorf("wordlist: line %d: %w", st.Lines+1, err)
	}
	if len(flags) == 0 {
		return st, ErrEmpty
	}
	keys := make([]string, 0, len(flags))
	for k := range flags {
		keys = append(keys, k)
	}
	slices.Sort(keys) // vellum needs byte order; Go strings compare bytewise
	var buf bytes.Buffer
	b, err := vellum.New(&buf, nil)
	if err != nil {
		return st, fmt.Errorf("wordlist: %w", err)
	}
	for _, k := range keys {
		if err := b.Insert([]byte(k), flags[k]); err != nil {
			return st, fmt.Errorf("wordlist: key %q: %w", k, err)
		}
	}
	if err := b.Close(); err != nil {
		return st, fmt.Errorf("wordlist: %w", err)
	}
	st.Keys = len(keys)
	st.Bytes = buf.Len()
	if _, err := w.Write(buf.Bytes()); err != nil {
		return st, fmt.Errorf("wordlist: %w", err)
	}
	return st, nil
}

func lettersOnly(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}

// StripMarks removes combining marks after canonical decomposition
// (ë → e, é → e); letters without a decomposition (ß, ø) stay.
func StripMarks(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// ErrNoLicence is returned when the copyright file has no OpenTaal licence part.
var ErrNoLicence = errors.New("wordlist: no OpenTaal licence in the copyright file")

// licenceHeader says what the artefact is and how it differs from the
// original, as CC BY 3.0 section 4(b) asks of an adaptation.
const licenceHeader = `The file words.fst in this directory is derived from the OpenTaal Dutch word
list (https://github.com/OpenTaal/opentaal-wordlist) as shipped by Debian's
wdutch package (/usr/share/dict/dutch). It was changed: entries holding
anything but letters were dropped, the rest were lower-cased, entries with
diacritics were added a second time without them, and the result was encoded
as a finite state transducer (github.com/blevesearch/vellum) mapping each
word to flags. Two of the flags come from the OpenTaal Dutch Hunspell
dictionary (https://github.com/OpenTaal/opentaal-hunspell) as shipped by
Debian's hunspell-nl package (/usr/share/hunspell/nl.dic and nl.aff, built
from the same Debian source package, dutch, with the same copyright file):
whether the dictionary knows the word as an entry or an entry with affixes,
and whether that entry carries a compound flag; no other part of the
Hunspell files is kept. OpenTaal asks that README_nl_NL.txt be kept with
copies of the word list; the Debian packages do not ship that file.

The copyright and licence text below are copied unchanged from the Debian
package's /usr/share/doc/wdutch/copyright, from its "Copyright:" line on
(hunspell-nl's /usr/share/doc/hunspell-nl/copyright is the same file).
OpenTaal offers the word list and the Hunspell dictionary under either
licence; tolk uses them under the revised BSD licence, and both texts are
kept as the copyright file asks.

--------------------------------------------------------------------------------

`

// Licence returns the licence file to ship beside the artefact: a header
// stating the changes, then the copyright file from its "Copyright:" line
// (the OpenTaal part: copyright holders and both licence texts).
func Licence(copyright []byte) ([]byte, error) {
	i := bytes.Index(copyright, []byte("\nCopyright:"))
	if i < 0 || !bytes.Contains(copyright[i:], []byte("OpenTaal")) {
		return nil, ErrNoLicence
	}
	out := append([]byte(licenceHeader), copyright[i+1:]...)
	return out, nil
}

// Marks turns the Hunspell flags of package hunspell (by lower-cased form)
// into the flags Compile adds to the list's keys.
func Marks(forms map[string]uint8) map[string]uint64 {
	m := make(map[string]uint64, len(forms))
	for w, f := range forms {
		var v uint64
		if f&hunspell.Listed != 0 {
			v |= HunListed
		}
		if f&hunspell.Part != 0 {
			v |= HunPart
		}
		if v != 0 {
			m[w] = v
		}
	}
	return m
}
