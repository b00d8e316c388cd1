package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"
)

// LoadResult is what one load run measured.
type LoadResult struct {
	Requests int           // answered 200 within the run
	Errors   int           // other answers and transport errors
	Elapsed  time.Duration // from the first request to the last answer
	P50, P99 time.Duration // latencies of the 200 answers
	Bytes    int64         // body bytes read from 200 answers
	FirstErr string        // the first error seen, for the report
}

// QPS is the answered requests per second.
func (r LoadResult) QPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Load sends GET base+url.QueryEscape(q) for the queries from clients
// concurrent clients, each waiting for an answer before its next
// request (a closed loop), for the given duration. Client i starts at
// query i*len(queries)/clients and cycles through the list. Every request
// has a 10 s timeout; the run stops by itself.
func Load(ctx context.Context, base string, queries []string, clients int, d time.Duration) LoadResult {
	if clients < 1 || len(queries) == 0 {
		return LoadResult{}
	}
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	type part struct {
		lat   []time.Duration
		errs  int
		bytes int64
		first string
	}
	parts := make([]part, clients)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &parts[c]
			for i := c * len(queries) / clients; ctx.Err() == nil; i++ {
				u := base + url.QueryEscape(queries[i%len(queries)])
				t0 := time.Now()
				n, err := Get(ctx, hc, u)
				if ctx.Err() != nil {
					return // the run ended during this request: not counted
				}
				if err != nil {
					p.errs++
					if p.first == "" {
						p.first = err.Error()
					}
					continue
				}
				p.lat = append(p.lat, time.Since(t0))
				p.bytes += n
			}
		}()
	}
	wg.Wait()
	res := LoadResult{Elapsed: min(time.Since(start), d)}
	var lat []time.Duration
	for _, p := range parts {
		lat = append(lat, p.lat...)
		res.Errors += p.errs
		res.Bytes += p.bytes
		if res.FirstErr == "" {
			res.FirstErr = p.first
		}
	}
	res.Requests = len(lat)
	slices.Sort(lat)
	res.P50, res.P99 = Quantile(lat, 0.50), Quantile(lat, 0.99)
	return res
}

// Get sends one GET of u and reads the whole answer; an answer other than
// 200 OK is an error naming its status. It returns the body's length.
func Get(ctx context.Context, hc *http.Client, u string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return n, err
	}
	if resp.StatusCode != http.StatusOK {
		return n, fmt.Errorf("status %d for %s", resp.StatusCode, u)
	}
	return n, nil
}

// Quantile is the q-quantile of sorted latencies (nearest rank).
func Quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}
