// Package store is tolk's durable state under --data: uploaded documents
// and the editable termbase with each concept's history, in one bbolt file.
//
// Every method is one bbolt transaction, and bbolt fsyncs each commit
// before it returns, so a method that returned nil has its effect on disk
// and survives a crash or kill -9; one that returned an error has changed
// nothing. Concepts are validated before anything is written.
package store
