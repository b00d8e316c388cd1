package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

type reportInput struct {
	corpus          string
	files, chars    int
	idx             []*indexRow
	serving         []*engine
	rows            []loadRow
	counts          []int
	duration        time.Duration
	mixes, nQueries int
	tolkBin         string
}

func ms(d time.Duration) string {
	switch {
	case d >= 100*time.Millisecond:
		return fmt.Sprintf("%.0f ms", d.Seconds()*1000)
	case d >= 10*time.Millisecond:
		return fmt.Sprintf("%.1f ms", d.Seconds()*1000)
	}
	return fmt.Sprintf("%.2f ms", d.Seconds()*1000)
}

func report(w io.Writer, in reportInput) {
	host, _ := os.Hostname()
	fmt.Fprintf(w, "Corpus %s: %d files, %d characters. %s UTC on %s", in.corpus, in.files, in.chars,
		time.Now().UTC().Format("2006-01-02 15:04"), host)
	if in.tolkBin != "" {
		if out, err := exec.Command(in.tolkBin, "version").Output(); err == nil {
			fmt.Fprintf(w, "; %s", strings.TrimSpace(string(out)))
		}
	}
	fmt.Fprintf(w, ". Load runs of %v each; the 1-minute load average after each figure in brackets.\n\n", in.duration)

	fmt.Fprintln(w, "| bulk index | wall | cores used | written to disk | final size | peak RSS | what | load |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|---|--:|")
	for _, r := range in.idx {
		rss := "–"
		if r.stats.MaxRSS > 0 {
			rss = mib(r.stats.MaxRSS)
		}
		fmt.Fprintf(w, "| %s | %.1f s | %.2f | %s | %s (%s) | %s | %s | %.2f |\n", r.name, r.stats.Wall.Seconds(), r.stats.Cores(),
			mib(r.stats.Written), mib(r.size), r.sizeNote, rss, r.items, r.load)
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "| serving | start-up | memory after the load runs | how |")
	fmt.Fprintln(w, "|---|--:|--:|---|")
	for _, e := range in.serving {
		n, how := e.rss()
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", e.name, ms(e.startup), mib(n), how)
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "| mix | clients | engine | q/s | p50 | p99 | server CPU / query | client CPU / query | errors | load |")
	fmt.Fprintln(w, "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|")
	for _, r := range in.rows {
		errs := fmt.Sprint(r.res.Errors)
		if r.res.FirstErr != "" {
			errs += " (" + strings.ReplaceAll(trim(r.res.FirstErr, 60), "|", "/") + ")"
		}
		fmt.Fprintf(w, "| %s | %d | %s | %.0f | %s | %s | %s | %s | %s | %.2f |\n", r.mix, r.clients, r.engine, r.res.QPS(),
			ms(r.res.P50), ms(r.res.P99), ms(r.cpuPerQ), ms(r.clientCPUQ), errs, r.load)
	}
}

func trim(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
