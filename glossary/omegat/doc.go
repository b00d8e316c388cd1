// Package omegat reads and writes the tab-separated glossary formats
// translators' tools take: the OmegaT glossary (.utf8), the header-less
// two-column TSV of the DeepL and Google glossary APIs, and, for import
// only, the FreeDict TSV (headword, pronunciation, translations).
//
// These formats carry term pairs, not concepts: export writes Dutch
// sources and English targets (nl→en), import makes one concept per
// line. Tabs, line breaks and control characters cannot occur inside an
// entry; export replaces them with a space. On import a first line that
// names the columns ("Dutch<TAB>English", "nl<TAB>en",
// "source<TAB>target<TAB>comment") is a header, not a term pair: it is
// skipped, and the languages it names in its order are the columns'.
// Lines starting with '#' are comments in both, the header the first
// line after them; a term starting with '#' is written after a space.
// A spreadsheet's error value in an entry (#N/A, #VALUE!, the Dutch
// #N/B: a failed formula of the sheet the file was saved from) is an
// error naming the line and column, as an empty entry is.
package omegat
