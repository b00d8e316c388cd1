// Package glossary is tolk's termbase: concept-oriented entries (as in
// ISO 30042 / TBX) with Dutch and English terms, their status, type and
// contexts; the curated glossary of the default corpus, embedded; lookup;
// and matching text against terms. Exchange formats live in subpackages.
//
// The package imports neither index nor internal/...: where it needs
// language knowledge (stemming), the caller passes it in.
package glossary
