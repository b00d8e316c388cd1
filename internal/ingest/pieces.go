package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Passage sizes in characters. A paragraph of lines (a Markdown table,
// one paragraph of rows) of at most MaxPiece is one passage, a longer one
// is cut into pieces of about PieceTarget and none longer than MaxPiece. A
// paragraph of prose is cut only beyond MaxProse (one that runs for
// pages), into pieces of about MaxProse/2: of the BWB circulars' prose
// only one paragraph is longer (54,295 characters; the next 13,084), and
// cutting the speaking turns of the debates (up to
// 8,366) at 2,000 or 6,000 moved more probes down than up. Measured on the
// 1,423 BWB circulars: the median paragraph is 183 characters and 99 % are
// at most 2,900; the median table row 50 and 99 % of rows at most 523,
// while tables ran to 168,728 characters (docs/PERFORMANCE.md, "Passages").
const (
	MaxPiece    = 2000
	PieceTarget = 1000
	MaxProse    = 15000
)

// Piece is a part of a paragraph that is indexed and found as a passage
// of its own: Text[Start:End] of the paragraph's text, so that the
// document itself, and the reader that shows it, stay as they are.
type Piece struct {
	Start, End int // byte offsets in the paragraph's text
	// Header is a table's header row (its first line) on the pieces of
	// the table after the first, which do not hold it: the column names
	// of the rows a piece holds. "" elsewhere.
	Header string
}

// Pieces cuts a paragraph's text into the pieces it is indexed as: the
// whole text when it is at most MaxPiece characters (MaxProse for a text
// of one line); else the lines of a text of several lines (the rows of a
// table), gathered into pieces of at most PieceTarget characters, or the
// sentences of prose, into pieces of at most MaxProse/2 (a single line or
// sentence up to the limit is a piece of its own). A line or sentence
// over the limit is cut after a semicolon or colon, and failing that
// between words. The separators at a cut (newlines, a space) are in
// no piece; every other byte is in exactly one, in order.
func Pieces(text string) []Piece {
	limit, target := MaxPiece, PieceTarget
	lines := strings.Contains(text, "\n")
	if !lines {
		limit, target = MaxProse, MaxProse/2
	}
	if len(text) <= limit || utf8.RuneCountInString(text) <= limit {
		return []Piece{{Start: 0, End: len(text)}}
	}
	var units []span
	header := ""
	if lines {
		for start := 0; start <= len(text); {
			end := len(text)
			if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
				end = start + i
			}
			if end > start {
				units = append(units, span{start, end})
			}
			start = end + 1
		}
		if len(units) > 1 && strings.Contains(text[units[0].start:units[0].end], " | ") {
			header = text[units[0].start:units[0].end]
		}
	} else {
		units = []span{{0, len(text)}}
	}
	var fine []span
	for _, u := range units {
		fine = append(fine, cutLong(text, u, limit, 0)...)
	}
	var out []Piece
	cur, n := span{-1, -1}, 0
	for _, u := range fine {
		if u.end == u.start {
			continue // between two spaces
		}
		l := utf8.RuneCountInString(text[u.start:u.end])
		if cur.start >= 0 && n+1+l > target {
			out = append(out, Piece{Start: cur.start, End: cur.end})
			cur.start = -1
		}
		if cur.start < 0 {
			cur, n = u, l
		} else {
			cur.end, n = u.end, n+1+l
		}
	}
	if cur.start >= 0 {
		// A short rest goes with the piece before it, when they fit.
		if k := len(out) - 1; k >= 0 && n < target/4 &&
			utf8.RuneCountInString(text[out[k].Start:cur.end]) <= limit {
			out[k].End = cur.end
		} else {
			out = append(out, Piece{Start: cur.start, End: cur.end})
		}
	}
	if len(out) == 0 { // only spaces and newlines
		for _, u := range cutLong(text, span{0, len(text)}, limit, 3) {
			out = append(out, Piece{Start: u.start, End: u.end})
		}
	}
	if header != "" {
		for i := 1; i < len(out); i++ {
			out[i].Header = header
		}
	}
	return out
}

type span struct{ start, end int }

// cutLong returns u as one span when it is at most limit characters,
// else cut at the spaces that level allows: 0 after a sentence (a full
// stop, question or exclamation mark before a capital or a digit), 1
// after a semicolon or colon, 2 any space, 3 (a word of limit
// characters) at limit characters.
func cutLong(text string, u span, limit, level int) []span {
	s := text[u.start:u.end]
	if utf8.RuneCountInString(s) <= limit {
		return []span{u}
	}
	if level == 3 {
		var out []span
		for start, n, i := 0, 0, 0; i <= len(s); {
			if i == len(s) || n == limit {
				out = append(out, span{u.start + start, u.start + i})
				start, n = i, 0
				if i == len(s) {
					break
				}
			}
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
			n++
		}
		return out
	}
	var parts []span
	start := 0
	for i := 1; i < len(s)-1; i++ {
		if s[i] != ' ' || !cutAfter(s, i, level) {
			continue
		}
		parts = append(parts, span{u.start + start, u.start + i})
		start = i + 1
	}
	parts = append(parts, span{u.start + start, u.end})
	var out []span
	for _, p := range parts {
		out = append(out, cutLong(text, p, limit, level+1)...)
	}
	return out
}

// cutAfter reports whether the space at s[i] ends a part at level.
func cutAfter(s string, i, level int) bool {
	prev := s[i-1]
	switch level {
	case 0:
		if prev != '.' && prev != '?' && prev != '!' {
			return false
		}
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		return unicode.IsUpper(next) || unicode.IsDigit(next)
	case 1:
		return prev == ';' || prev == ':'
	}
	return true
}
