// Package spreadsheet knows what spreadsheets leave in the cells of a
// file they save: the error values of formulas that failed.
package spreadsheet
