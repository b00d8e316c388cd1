// Package app wires tolk's parts into one service: the document store,
// the search index, the ingest of letters and the termbase. The HTTP
// server and the command line both drive an *App; neither knows how the
// parts are kept in step.
package app
