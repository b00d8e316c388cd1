// Command tolkbench measures tolk against PostgreSQL full-text search and
// stock bleve on a corpus folder (issue 11 point 5). It is a development
// tool, not part of the tolk binary; scripts/bench.sh builds and runs it.
//
//	tolkbench md -out DIR [-percent P] FILE.jsonl.gz...   write BWB documents as DIR/ID.md
//	tolkbench run -corpus DIR -tolk BIN [flags]             index, load, print Markdown
//	tolkbench load -url URL -corpus DIR [-mix nl|en] [flags]  load a running server
//	tolkbench perquery -url URL -pid PID -corpus DIR [-reps N]  server CPU per query, by words
//	tolkbench post -url URL -token T -corpus DIR             POST each file to /api/v1/documents
//	tolkbench bleve-index -corpus DIR -index DIR             (run's helper process)
//	tolkbench bleve-serve -index DIR -addr HOST:PORT         (run's helper process)
//	tolkbench pg-serve -socket PATH -addr HOST:PORT          (run's helper process)
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tolkbench:", err)
		os.Exit(1)
	}
}
