// Package decompound splits Dutch compounds into their parts, so that the
// analyzer can index trainingsmissie under missie as well.
//
// The dictionary is the OpenTaal word list (Debian's wdutch), compiled by
// internal/gen into opentaal/words.fst and embedded; its licence is
// opentaal/LICENSE. Each word carries two flags from the OpenTaal Hunspell
// dictionary (Debian's hunspell-nl, same licence, read by internal/hunspell):
// whether Hunspell knows it without compounding, and whether its entry is a
// compound building block. Run go generate to rebuild it from the Debian
// files. Extra
// words (the glossary's terms, the corpus's vocabulary) are added by New. The
// Dutch hyphenation patterns (OpenTaal/LibreOffice, Debian's hyphen-nl) are
// converted by the same generator into hyphen-nl/hyph_nl.txt (licence
// hyphen-nl/LICENSE) and matched by internal/hyphen. The same generator
// counts the words of the Dutch statutory text of the Basiswettenbestand
// (../shared/data/bwb-laws-markdown; no copyright under art. 11 of the
// Auteurswet) into bwbfreq/words.txt.gz: the count of each word of the list,
// no text.
//
// Split looks for the split into dictionary words with the fewest parts,
// joined directly or by a linking sound (-s-, -e-, -en-); among splits with
// as many parts it prefers the usual linking -s- after -ing, -heid, -teit,
// -schap, -dom and balanced part lengths. Parts are at least four bytes
// long, particles (voor, onder, over …) are no modifiers and derivational
// endings that the list has as words (schap, heden, ster …) are no heads, so
// beleid, minister and voorbereiding stay whole. Every split point must be a
// hyphenation point where the modifier ends or where the next part starts
// (om-gangs-taal: omgang+s+taal, not omgang+staal). A word the list itself
// contains may be lexicalised (hoofdstuk, burgemeester). From 9 bytes on, one
// that Hunspell builds by its compound rules is a productive compound and is
// split unless it is nearly as frequent as its parts in the statutory text;
// one whose Hunspell entry carries a compound flag is a building block and
// stays whole; the other entries are split only if their parts are much more
// frequent in the statutory text than the word itself (Koehn and Knight's
// geometric mean of the parts' counts) or one of them is a glossary term.
// docs/COMPOUNDS.md gives the method and its precision and recall on the UD
// Dutch dev gold.
package decompound
