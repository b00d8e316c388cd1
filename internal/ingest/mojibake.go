package ingest

import (
	"strings"
	"unicode/utf8"
)

// cp1252 maps the characters Windows-1252 puts at bytes 0x80–0x9F back to
// their bytes: UTF-8 read as Windows-1252 turns continuation bytes into
// them ("â€™" for a right quote).
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
	'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
	'–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// byteOf returns the byte that r stands for when UTF-8 was decoded as
// Latin-1 or Windows-1252.
func byteOf(r rune) (byte, bool) {
	if r < 0x100 {
		return byte(r), true
	}
	b, ok := cp1252[r]
	return b, ok
}

// repairMojibake undoes double encoding: UTF-8 bytes that were decoded as
// Latin-1 or Windows-1252 and encoded as UTF-8 again ("KrÃ¶ger" for
// "Kröger", "â\u0080\u0094" for an em dash). It replaces only sequences
// that form exactly one valid multi-byte UTF-8 character when read back
// as bytes — a lead character (Â–ô) followed by the right number of
// continuation characters — so correct text, even with accents ("café",
// "Ã la carte" is not one), is left alone. It returns the repaired text
// and the number of characters repaired.
func repairMojibake(s string) (string, int) {
	if !strings.ContainsAny(s, "ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔâãäåæçèéêëìíîïðñòóô") {
		return s, 0
	}
	var b strings.Builder
	n := 0
	last := 0 // s[last:i] is not yet written
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		lead, ok := byteOf(r)
		need := 0
		switch {
		case ok && lead >= 0xC2 && lead <= 0xDF:
			need = 1
		case ok && lead >= 0xE0 && lead <= 0xEF:
			need = 2
		case ok && lead >= 0xF0 && lead <= 0xF4:
			need = 3
		}
		if need == 0 {
			i += size
			continue
		}
		buf := []byte{lead}
		j := i + size
		for k := 0; k < need && j < len(s); k++ {
			c, csize := utf8.DecodeRuneInString(s[j:])
			cb, ok := byteOf(c)
			if !ok || cb < 0x80 || cb > 0xBF {
				break
			}
			buf = append(buf, cb)
			j += csize
		}
		fixed, fsize := utf8.DecodeRune(buf)
		if len(buf) != need+1 || fixed == utf8.RuneError || fsize != len(buf) {
			i += size
			continue
		}
		if n == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		b.WriteRune(fixed)
		n++
		i, last = j, j
	}
	if n == 0 {
		return s, 0
	}
	b.WriteString(s[last:])
	return b.String(), n
}
