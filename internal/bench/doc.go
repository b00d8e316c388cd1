// Package bench measures tolk against PostgreSQL full-text search and
// stock bleve on one corpus folder, on one machine, in one run (issue 11
// point 5): bulk indexing (wall time, cores used, bytes written, final
// size, peak memory), then the same query mixes over HTTP at a fixed
// number of clients for a fixed time (queries per second, p50, p99, CPU
// per query), serving memory and start-up time.
//
// The pieces are small on purpose so that each can be checked alone: a
// corpus reader and the passage split that the bleve and PostgreSQL
// contestants share (corpus.go), a closed-loop HTTP load client
// (load.go), process accounting from /proc and wait4 (proc.go), the stock
// bleve contestant (bleve.go), a minimal PostgreSQL wire client and the
// HTTP front for PostgreSQL (pgwire.go, pg.go). cmd/tolkbench wires them
// together; docs/PERFORMANCE.md and docs/SCALE.md record what it printed.
//
// Everything runs on this machine only: servers listen on 127.0.0.1 (and
// PostgreSQL on a Unix socket), and every load run is bounded in time.
package bench
