// Package lexicon is tolk's translation lexicon: for a Dutch or English
// word (as the index analyses it: Dutch keys including compound parts,
// English inflection keys: plural, -ed, -ing removed, derivations kept
// apart), its translations in the other language with
// probabilities, learned from aligned segments by expectation
// maximisation (IBM Model 1 with fast_align's preference for the
// diagonal). English search uses it to turn an English query into a
// weighted Dutch one; it is inspectable through the API.
//
// The lexicon knows nothing of the analysis: training takes segments
// already turned into keys, and lookups take keys. The caller (the app)
// analyses both with the index's analyzers and records the analysis
// version in the lexicon, so a lexicon built for other keys is noticed.
//
// The shipped lexicon (default.lex.gz) is generated from the treaty pairs
// in ../shared, leaving out the treaties of the dev split, and from the
// Tatoeba sentence pairs there (general words the treaties lack; licence
// and attribution in TATOEBA.md):
//
//go:generate go run ../../internal/lexgen -pairs ../../../shared/data/bwb-treaties-nl-en/treaty-articles-nl-en.jsonl.gz -lines ../../../shared/data/mt-testsets-nl-en/tatoeba-test-v2021-08-07 -out default.lex.gz
package lexicon
