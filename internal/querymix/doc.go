// Package querymix draws benchmark and golden-test queries from a corpus
// by a fixed, documented rule, so that every measurement of search speed
// and every check that results stay the same uses the same queries.
//
// The Dutch mix (Dutch) is drawn from the corpus's own text with a seeded
// generator: words are maximal runs of letters, lower-cased; a content
// word has at least four letters and is not in a short list of Dutch
// function words. Each content word falls in one of three frequency
// bands by the share of documents that contain it: rare (at most 0.5 %
// of the documents, and at least one), medium (at most 5 %, and at least
// one more than rare) and common (more). Of every ten
// queries five are one word (bands in turn: rare, medium, common), three
// are two content words that stand next to each other in a document, and
// two are three content words from the same stretch of 30 words of one
// document. Each query starts at a random word of a random document and
// takes the first words from there that fit; a query already drawn is
// drawn again. Every query therefore matches something in the corpus it
// was drawn from.
package querymix
