// Package table reads and writes translation-memory segments as
// delimited text: TSV (nl<TAB>en, with an optional header row) and CSV
// (a header row nl,en[,collection,note,…], comma or semicolon). Errors
// name the line and the field.
package table
