package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tolk-nl/tolk/internal/bench"
	"github.com/tolk-nl/tolk/internal/querymix"
)

// perqueryCmd measures a running server's CPU time per query, query by
// query: each query of the Dutch mix is sent reps times in a row by one
// client, and the server's CPU time (utime + stime of -pid and its
// children, from /proc) before and after is divided by reps. It prints
// the mean per query by the query's number of words (the mix has one-,
// two- and three-word queries) and, with -each, every query's own figure.
// Run it against two servers in turn (each alone on the machine) to see
// which kind of query one spends its CPU on against the other.
func perqueryCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("perquery", flag.ContinueOnError)
	base := fs.String("url", "", "search URL up to the query text, such as http://127.0.0.1:8080/api/v1/search?q=")
	pid := fs.Int("pid", 0, "the server's process ID")
	corpus := fs.String("corpus", "", "folder of .md/.txt files the Dutch mix is drawn from")
	reps := fs.Int("reps", 60, "requests per query")
	nQueries := fs.Int("queries", 200, "queries in the mix")
	each := fs.Bool("each", false, "print every query's CPU time too")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" || *pid <= 0 || *corpus == "" || *reps < 1 {
		return errors.New("perquery needs -url, -pid, -corpus and -reps ≥ 1")
	}
	files, err := bench.ReadFolder(*corpus)
	if err != nil {
		return err
	}
	queries := querymix.Dutch(bench.Docs(files), *nQueries, querymix.DefaultSeed)
	hc := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 10 * time.Second}
	cpu := func() (time.Duration, error) {
		t, err := bench.Measure(*pid)
		return t.CPU, err
	}
	type class struct {
		n   int
		cpu time.Duration
	}
	byWords := map[int]*class{}
	maxWords := 0
	for _, q := range queries {
		before, err := cpu()
		if err != nil {
			return err
		}
		for range *reps {
			if _, err := bench.Get(ctx, hc, *base+url.QueryEscape(q)); err != nil {
				return err
			}
		}
		after, err := cpu()
		if err != nil {
			return err
		}
		per := (after - before) / time.Duration(*reps)
		w := len(strings.Fields(q))
		c := byWords[w]
		if c == nil {
			c = &class{}
			byWords[w] = c
		}
		c.n++
		c.cpu += per
		maxWords = max(maxWords, w)
		if *each {
			fmt.Fprintf(stdout, "%d\t%.3f ms\t%s\n", w, msf(per), q)
		}
	}
	var all class
	for w := 1; w <= maxWords; w++ {
		if c := byWords[w]; c != nil {
			fmt.Fprintf(stdout, "%d-word queries: %d, server CPU %.3f ms per query\n", w, c.n, msf(c.cpu/time.Duration(c.n)))
			all.n += c.n
			all.cpu += c.cpu
		}
	}
	if all.n > 0 {
		fmt.Fprintf(stdout, "all: %d, server CPU %.3f ms per query (%d requests each)\n", all.n, msf(all.cpu/time.Duration(all.n)), *reps)
	}
	return nil
}

// msf is d in milliseconds.
func msf(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
