// Package pdftext reads the text layer of PDF files for internal/ingest
// with PDFium compiled to WebAssembly (github.com/klippa-app/go-pdfium in
// its webassembly mode, run by wazero): pure Go, no cgo, no external
// program.
//
// Starting the WebAssembly runtime (compiling the 5 MB PDFium module)
// takes seconds, so a Reader starts it on the first PDF it reads and
// keeps it until Close; a process that never sees a PDF never pays for
// it. PDFium is single-threaded: a Reader serialises the documents it
// reads.
package pdftext
