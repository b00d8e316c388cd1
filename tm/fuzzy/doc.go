// Package fuzzy finds the translation-memory segments that are close to a
// new sentence, as CAT tools do ("fuzzy matches"), and says how close in
// the CAT convention: a percentage where 100 means identical.
//
// # How the percentage is computed
//
// Both texts are cut into tokens: words (runs of letters and digits, with
// inner hyphens and apostrophes), numbers (tokens of digits, with inner
// '.' or ','), and punctuation (every other character that is not white
// space, one token each). White space is not a token, so texts that differ
// only in spacing are identical. The distance D is the cheapest sequence of
// edits (Levenshtein over tokens, not characters) that turns one token
// sequence into the other, with these costs:
//
//	same text                                         0
//	case or diacritics only (Lid → lid, ë → e)        0.1
//	two different punctuation marks                   0.25
//	inserting or deleting a punctuation mark          0.25
//	two different numbers (5 → 6, 2019 → 2020)        0.3
//	same inflection key, other form (staat → staten)  0.5
//	any other substitution of one word for another    1
//	inserting or deleting a word or number            1
//
// The inflection key is the index's: for Dutch the lemma overrides and the
// Snowball stemmer, for English the inflection-only TermKey (plural, -ed,
// -ing), so that a derivation (operation → operational) counts as another
// word. With n and m the numbers of words and numbers (not punctuation) in
// the two texts,
//
//	match = floor(100 × max(0, 1 − D / max(n, m)))
//
// so one word changed in a sentence of 20 words is 95, one inflection
// changed 97, one number changed 98, and any difference at all is below 100.
//
// # Finding the candidates
//
// The index does not scan. Each segment is a list of word keys (numbers
// share the key "#"); an inverted index lists the segments of every key.
// Since every word of the longer text that has no partner with the same key
// costs at least 1, D ≥ max(n, m) − s, where s is the number of keys the two
// texts share (as multisets): a segment can reach the minimum percentage
// only if s ≥ ⌈min × n / 100⌉ = t. By the prefix principle of set-similarity
// joins, such a segment shares at least one of the query's n − t + 1 rarest
// key occurrences, so only the postings of those rare keys are read. Each
// candidate's s is then counted exactly, candidates are ordered by the bound
// s / max(n, m), and the edit distance is computed in that order until the
// bound falls below the worst of the best matches kept: the result is the
// exact top of the ranking, not an approximation. The same idea drives the
// n-gram filter of OpenNMT's FuzzyMatch (a suffix array there, postings of
// single keys here).
package fuzzy
