// Package align splits Dutch and English text into sentences and aligns
// the sentences of a Dutch document with those of its English version.
//
// Sentences is a rule-based splitter tuned for government and treaty text:
// it knows the common Dutch and English abbreviations, numbers, initials,
// list markers at line starts, blank lines and Markdown headings.
//
// Align is a sentence aligner in the Gale–Church / hunalign family: a
// dynamic program over 1-0, 0-1, 1-1, 1-2, 2-1 and 2-2 beads whose cost
// combines how well the character lengths fit the expected Dutch/English
// length ratio with lexical anchors (identical numbers, identical
// capitalised names and acronyms, and optional dictionary pairs). The
// search is banded around the diagonal so long documents stay fast; the
// band widens when the best path touches its edge. docs/ALIGNMENT.md
// describes the method, its parameters and the benchmark that measures it.
//
// The package imports nothing from the rest of tolk.
package align
