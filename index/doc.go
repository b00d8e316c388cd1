// Package index is tolk's search engine: Dutch and English text analysis,
// the passage index (bleve scorch, on disk or in memory), the query syntax
// users type, and ranked, highlighted search results.
//
// Our types in, our types out: no bleve type appears in the exported API, so
// callers (the server, the CLI, the bilingual layer) depend on this package's
// contract, not on bleve's.
//
// Analysis. The Dutch analyzer (registered with bleve as [AnalyzerDutch])
// runs: Unicode word segmentation → [Fold] (lower case, NFD, combining marks
// removed, apostrophes unified) → Dutch stop words → the optional
// [Decompounder] (compound parts as extra tokens at the compound's position)
// → the override/lemma table → Snowball Dutch (the dutch_porter variant
// bleve ships), skipping tokens flagged as keywords. A second, unstemmed
// field ([AnalyzerExact]) holds the folded words so that exact words and
// phrases rank above stem-only matches.
package index
