package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"time"

	"github.com/tolk-nl/tolk/internal/bench"
)

// postCmd loads a corpus into a running tolk through its API, as a user
// without shell access would: each file of -corpus is POSTed to
// /api/v1/documents?name=FILE in turn by one client, and the wall time of
// the whole load and the p50, p99 and slowest request are printed (the
// issue 11 table's "bulk load through the API" row); with -pid, the
// server's CPU time over the load and its peak RSS (VmHWM) too.
func postCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("post", flag.ContinueOnError)
	base := fs.String("url", "", "the server, such as http://127.0.0.1:8080")
	token := fs.String("token", "", "a write token of the server (TOLK_TOKEN)")
	corpus := fs.String("corpus", "", "folder of .md/.txt files to post")
	pid := fs.Int("pid", 0, "the server's process ID, to print its CPU time over the load and its peak RSS (0: not printed)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" || *token == "" || *corpus == "" {
		return errors.New("post needs -url, -token and -corpus")
	}
	files, err := bench.ReadFolder(*corpus)
	if err != nil {
		return err
	}
	hc := &http.Client{Timeout: 5 * time.Minute}
	lat := make([]time.Duration, 0, len(files))
	var before bench.Tree
	if *pid > 0 {
		if before, err = bench.Measure(*pid); err != nil {
			return err
		}
	}
	start := time.Now()
	for _, f := range files {
		u := *base + "/api/v1/documents?name=" + url.QueryEscape(filepath.Base(f.Path))
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader([]byte(f.Text)))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+*token)
		req.Header.Set("Content-Type", "text/markdown; charset=utf-8")
		t := time.Now()
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("%s: status %d: %s", f.Path, resp.StatusCode, bytes.TrimSpace(body))
		}
		lat = append(lat, time.Since(t))
	}
	wall := time.Since(start)
	slices.Sort(lat)
	fmt.Fprintf(stdout, "posted %d files in %.1f s: p50 %v, p99 %v, slowest %v\n", len(lat), wall.Seconds(),
		bench.Quantile(lat, 0.50).Round(time.Millisecond), bench.Quantile(lat, 0.99).Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
	if *pid > 0 {
		after, err := bench.Measure(*pid)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "server CPU %.1f s, peak RSS %d MiB\n", (after.CPU - before.CPU).Seconds(), after.HWM>>20)
	}
	return nil
}
