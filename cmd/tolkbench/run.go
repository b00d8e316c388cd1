package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/tolk-nl/tolk/internal/bench"
)

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: tolkbench md|run|load|perquery|post|bleve-index|bleve-serve|pg-serve [flags]")
	}
	switch args[0] {
	case "md":
		return mdCmd(args[1:], stderr)
	case "run":
		return runCmd(ctx, args[1:], stdout, stderr)
	case "bleve-index":
		return bleveIndexCmd(args[1:], stderr)
	case "bleve-serve":
		return bleveServeCmd(ctx, args[1:])
	case "pg-serve":
		return pgServeCmd(ctx, args[1:])
	case "load":
		return loadCmd(ctx, args[1:], stdout)
	case "perquery":
		return perqueryCmd(ctx, args[1:], stdout)
	case "post":
		return postCmd(ctx, args[1:], stdout)
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// mdCmd writes BWB documents as Markdown files. With -percent P it keeps
// P % of them spread evenly: document i (counted over all files given,
// in order, from 0) is kept when ⌊(i+1)·P/100⌋ > ⌊i·P/100⌋.
func mdCmd(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("md", flag.ContinueOnError)
	out := fs.String("out", "", "folder to write ID.md files into")
	percent := fs.Int("percent", 100, "share of the documents to keep, 1-100, spread evenly")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() == 0 || *percent < 1 || *percent > 100 {
		return errors.New("md needs -out DIR, -percent 1..100 and one or more JSONL files")
	}
	base, total := 0, 0
	for _, src := range fs.Args() {
		b := base
		last := 0
		n, err := bench.WriteJSONL(src, *out, func(i int) bool {
			j := b + i
			last = i + 1
			return (j+1)**percent/100 > j**percent/100
		})
		if err != nil {
			return err
		}
		total += n
		base += last
	}
	fmt.Fprintf(stderr, "wrote %d of %d documents to %s\n", total, base, *out)
	return nil
}

func bleveIndexCmd(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("bleve-index", flag.ContinueOnError)
	corpus := fs.String("corpus", "", "folder of .md/.txt files")
	index := fs.String("index", "", "new index directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	files, err := bench.ReadFolder(*corpus)
	if err != nil {
		return err
	}
	n, err := bench.BuildBleve(*index, files)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "bleve: %d documents, %d passages\n", len(files), n)
	return nil
}

// serve serves h on addr until ctx ends.
func serve(ctx context.Context, addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}

func bleveServeCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bleve-serve", flag.ContinueOnError)
	index := fs.String("index", "", "index directory")
	addr := fs.String("addr", "127.0.0.1:0", "address")
	if err := fs.Parse(args); err != nil {
		return err
	}
	idx, err := bleve.Open(*index)
	if err != nil {
		return err
	}
	defer idx.Close()
	return serve(ctx, *addr, bench.BleveHandler(idx))
}

func pgServeCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("pg-serve", flag.ContinueOnError)
	socket := fs.String("socket", "", "PostgreSQL socket path")
	addr := fs.String("addr", "127.0.0.1:0", "address")
	conns := fs.Int("conns", 32, "most connections to PostgreSQL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !strings.Contains(*socket, ".s.PGSQL.") {
		return errors.New("pg-serve needs -socket …/.s.PGSQL.PORT")
	}
	return serve(ctx, *addr, bench.PGHandler(*socket, *conns))
}
