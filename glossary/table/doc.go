// Package table reads and writes glossary concepts as tables: CSV and
// XLSX (Excel) with a header row and one concept per row.
//
// Columns (the header names them; any order on import):
//
//	id, collection, subject          the concept's id, collection and subject field
//	definition_nl, definition_en, …  the definition per language
//	note, source                     the concept's note and source
//	reliability                      1–4 as IATE
//	created, modified                RFC 3339 times (2024-03-01T09:30:00Z) or dates
//	nl, en, …                        the terms in that language, separated by '|'
//	                                 (the Trados convention) or by line breaks (a
//	                                 cell's Alt+Enter); a header with a region
//	                                 (nl-NL, en-GB) gives the terms that variant
//	nl_status, nl_type, nl_pos,      per-term attributes, one value per term in the
//	nl_article, nl_plural, nl_note,  same order, separated by '|': "preferred|admitted"
//	nl_reliability, nl_context,      (article only for nl)
//	nl_source; en_status, …
//
// Values use the model's picklists: status preferred, admitted,
// deprecated, superseded; type fullForm, acronym, abbreviation,
// shortForm, variant, phrase; pos noun, verb, adjective, adverb,
// properNoun, other; article de, het. Export writes columns for nl and
// en always, and for fr and de when a concept uses them.
//
// A '|' or '\' inside a value is written "\|" or "\\". In CSV a cell
// that starts with '=', '+', '-', '@', a tab or a carriage return gets a
// leading apostrophe, so that a spreadsheet opening the file shows it as
// text instead of running it as a formula (CSV injection); import
// removes exactly that apostrophe again (see Neutralise, Restore), so
// export then import gives back the same values. XLSX cells are text,
// which no spreadsheet evaluates, and are written as they are
// ("-5 graden"); reading an .xlsx removes the apostrophe too, so that
// workbooks older tolk versions wrote with it read as they were meant,
// and a cell that really starts with apostrophes before such a
// character is written with one more. A term like 's-Hertogenbosch is
// never touched. Values are trimmed of surrounding white space on
// import.
//
// Without an id column, rows whose first Dutch term is the same (case
// folded) are one concept, a term list with a row per pair; rows with
// different subjects or definitions are homonyms and stay apart (see
// mergeRows). glossary.Left.Merged counts the rows merged.
//
// A document's term list as tolk exports it (concept, nl, en, en_avoid,
// count, first_context, definition_en) is read too: a header with a
// concept column makes concept the id, L_avoid more terms of L with
// status deprecated, and count and first_context, which describe the
// document, columns read as nothing and named in glossary.Left.Columns.
//
// An unknown column in the header is an error naming it, not silently
// ignored: a misspelt "defintion_nl" would otherwise drop data. A cell
// holding a spreadsheet's error value (#N/A, #VALUE!, #REF!, the Dutch
// #N/B, #WAARDE!, LibreOffice's Err:502; in an .xlsx an error cell), on
// its own or as one of a term cell's '|'-separated values, is a formula
// that failed and an error wrapping ErrCell, as other bad cells are. Every
// error names the line (CSV) or row (XLSX) and the column; an import is
// all or nothing.
//
// Reading costs bounded memory whatever the file, since a small upload
// can decode to millions of concepts: the concepts read are charged to a
// budget (64 MiB as glossary/internal/budget counts them, some 100,000
// concepts), and a file over it is refused with an error wrapping
// ErrTooLarge. CSV records are read one at a time, at most 2 MiB each,
// at most 1,000 terms per cell. An .xlsx is checked before excelize
// decodes it: only the parts a glossary needs are unpacked (sheet,
// shared strings, workbook, relationships, each within a size limit),
// and one streaming pass refuses a cell, shared string or XML token over
// 1 MiB of XML, a cell over 128 KiB of text, a sheet over 64 MiB of text
// (a shared string counted at each cell that uses it), more than
// 1,048,576 rows or 524,288 shared strings, elements nested more than
// 64 deep, and XML that is not well-formed (see xlsxcheck.go).
package table
