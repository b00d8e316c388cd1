package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tolk-nl/tolk/internal/bench"
	"github.com/tolk-nl/tolk/internal/querymix"
)

// loadCmd sends one mix to a server that is already running (one started
// by hand with --pprof, say, to profile it under load) and prints a line
// per client count. The URL is the search endpoint up to the query, for
// example http://127.0.0.1:8080/api/v1/search?q=.
func loadCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	base := fs.String("url", "", "search URL up to the query text, such as http://127.0.0.1:8080/api/v1/search?q=")
	corpus := fs.String("corpus", "", "folder of .md/.txt files the Dutch mix is drawn from")
	mix := fs.String("mix", "nl", "nl (the Dutch mix of -corpus) or en (the English headings)")
	headings := fs.String("headings", "", "English heading list (default: beside the repository)")
	clients := fs.String("clients", "8", "client counts, comma-separated")
	duration := fs.Duration("duration", 10*time.Second, "length of each run")
	nQueries := fs.Int("queries", 200, "queries in the mix")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" {
		return errors.New("load needs -url")
	}
	var queries []string
	switch *mix {
	case "nl":
		if *corpus == "" {
			return errors.New("the Dutch mix needs -corpus")
		}
		files, err := bench.ReadFolder(*corpus)
		if err != nil {
			return err
		}
		queries = querymix.Dutch(bench.Docs(files), *nQueries, querymix.DefaultSeed)
	case "en":
		if *headings == "" {
			*headings = defaultHeadings()
		}
		var err error
		if queries, err = readEnglish(*headings, *nQueries); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown mix %q (nl or en)", *mix)
	}
	for _, c := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			return fmt.Errorf("bad client count %q", c)
		}
		r := bench.Load(ctx, *base, queries, n, *duration)
		fmt.Fprintf(stdout, "%s %d clients: %.0f q/s, p50 %v, p99 %v, %d errors %s\n",
			*mix, n, r.QPS(), r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Errors, r.FirstErr)
	}
	return nil
}
