// Package index is tolk's search engine: Dutch and English text analysis,
// the passage index (bleve scorch, on disk or in memory), the query syntax
// users type, and ranked, highlighted search results.
//
// Our types in, our types out: no bleve type appears in the exported API, so
// callers (the server, the CLI, the bilingual layer) depend on this package's
// contract, not on bleve's.
//
// # Analysis
//
// The Dutch analyzer (registered with bleve as [AnalyzerDutch]) runs:
// Unicode word segmentation → [Fold] (lower case, NFD, combining marks
// removed, apostrophes unified) → Dutch stop words → the optional
// [Decompounder] (compound parts as extra tokens at the compound's position)
// → a trailing 's or ' removed (programma's) → the lemma override table
// (overrides_nl.txt, derived from the Snowball vocabulary by the rule in
// overrides_test.go) → Snowball Dutch (the dutch_porter variant bleve
// ships). Tokens flagged KeyWord are not stemmed. A second, unstemmed field
// ([AnalyzerExact]: folded words, stop words kept) holds the same text with
// the same offsets, so exact words and phrases rank above stem-only matches
// and highlighting can use either. [AnalyzerEnglish] folds and applies
// Porter, for English text. [Key] gives the stemmed key of one word, so
// that glossary matching agrees with the index.
//
// # Index
//
// Each [Passage] (a paragraph) is one bleve document. [Index.Add] builds the
// documents itself rather than through bleve's mapping, so each [Index]
// carries its own analyzer instance (and Decompounder) without global
// state; the mapping stored with the index describes the same fields and
// names the registered analyzers. The index records the analysis it was
// built with; [Open] refuses one built with another ([ErrAnalysisChanged]).
//
// # Queries
//
// [ParseQuery] reads words (passages with more of them rank first, and
// higher still when they stand together as typed), "phrases", -exclusions,
// +requirements, a OR b, (groups of alternatives), prefix*, fuzzy~ and
// fuzzy~2, and word^2 boosts. Words the tokenizer splits (Secretaris-Generaal,
// COVID-19) are searched as phrases. Errors are *[QueryError] with a byte
// position. [ParseQueryLenient] reads the same syntax where it is
// well-formed and takes everything else as words, for pasted text; it never
// fails.
//
// # Search
//
// [Index.Search] compiles the query into bleve's query types (each word a
// disjunction over the exact, stemmed, heading and implied fields; a
// phrase of the plain words beside them) but evaluates the compiled tree
// itself, term at a time on the postings lists of its snapshot
// (evaluate.go), with bleve's TF-IDF scores to the last bit; shapes it does
// not take fall back to bleve's searchers. The best 100 are ranked by how
// many of the query's clauses they match, and the page's stored fields and
// locations are read from the same snapshot (direct.go). English queries go
// through [Index.SearchWeighted], a BM25 structured query over the Dutch
// alternatives of each English word (weighted.go).
package index
