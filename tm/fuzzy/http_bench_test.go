package fuzzy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestFuzzyHTTPSet writes the benchmark's TM side of TOLK_FUZZY_HTTP_N
// segments (makeBenchSet: the real treaty segments, then variants) as a
// TSV file (Dutch<TAB>English) to TOLK_FUZZY_HTTP_SET, for `tolk tm
// import`, so that a running server holds the same set as the in-process
// benchmark. Skipped without TOLK_FUZZY_HTTP_SET.
func TestFuzzyHTTPSet(t *testing.T) {
	out := os.Getenv("TOLK_FUZZY_HTTP_SET")
	if out == "" {
		t.Skip("set TOLK_FUZZY_HTTP_SET=FILE (and TOLK_FUZZY_HTTP_N) to write the benchmark's TM as TSV")
	}
	n, err := strconv.Atoi(os.Getenv("TOLK_FUZZY_HTTP_N"))
	if err != nil {
		t.Fatal("TOLK_FUZZY_HTTP_N: ", err)
	}
	set := makeBenchSet(t, n, 2000)
	var b bytes.Buffer
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for i, e := range set.entries {
		fmt.Fprintf(&b, "%s\t%s\n", clean.Replace(e.Text), clean.Replace(set.en[i]))
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d segments written to %s", len(set.entries), out)
}

// TestFuzzyHTTPBenchmark measures POST /api/v1/tm/match end to end on a
// running server (TOLK_FUZZY_HTTP, e.g. http://127.0.0.1:18480): the
// in-process benchmark's 2,000 queries (makeBenchSet with
// TOLK_FUZZY_HTTP_N, the size of the set the server holds: the held-out
// ones are new text only when the server holds exactly that set), one
// request at a time, each one sentence as the client sends it. It reports
// the wall time per request as the client sees it (JSON encoding, HTTP
// over loopback, the server's sentence split and matching, the JSON
// answer) and, with TOLK_FUZZY_HTTP_PID, the server process's CPU time
// per request (/proc/PID/stat). Warm-up requests first, so that the fuzzy
// index is built before the clock runs.
func TestFuzzyHTTPBenchmark(t *testing.T) {
	base := os.Getenv("TOLK_FUZZY_HTTP")
	if base == "" {
		t.Skip("set TOLK_FUZZY_HTTP=http://HOST:PORT of a running tolk serve to benchmark the fuzzy match over HTTP")
	}
	n, err := strconv.Atoi(os.Getenv("TOLK_FUZZY_HTTP_N"))
	if err != nil {
		n = 100000
	}
	set := makeBenchSet(t, n, 2000)
	client := &http.Client{Timeout: 5 * time.Minute}
	type answer struct {
		Sentences []struct {
			Matches []struct {
				Score int `json:"score"`
			} `json:"matches"`
		} `json:"sentences"`
	}
	post := func(q string) (answer, error) {
		body, _ := json.Marshal(map[string]any{"text": q, "lang": "nl", "min": 70, "limit": 5})
		resp, err := client.Post(base+"/api/v1/tm/match", "application/json", bytes.NewReader(body))
		if err != nil {
			return answer{}, err
		}
		defer resp.Body.Close()
		var a answer
		if resp.StatusCode != http.StatusOK {
			return a, fmt.Errorf("status %s", resp.Status)
		}
		return a, json.NewDecoder(resp.Body).Decode(&a)
	}
	// The first request loads the TM and builds the fuzzy index; under a
	// tight memory limit that outlasts the server's write timeout and the
	// request fails, so the warm-up retries (the loading goes on).
	warm := time.Now()
	for i, q := range set.queries[:20] {
		for {
			_, err := post(q)
			if err == nil {
				break
			}
			if i > 0 || time.Since(warm) > 10*time.Minute {
				t.Fatal(err)
			}
			t.Logf("warm-up request failed after %v (%v); retrying", time.Since(warm).Round(time.Second), err)
			time.Sleep(2 * time.Second)
		}
	}
	t.Logf("warm-up (the server builds its fuzzy index on the first request): %v", time.Since(warm).Round(time.Millisecond))
	pid := os.Getenv("TOLK_FUZZY_HTTP_PID")
	cpu0 := procCPU(t, pid)
	lat := make([]time.Duration, 0, len(set.queries))
	sentences, matched := 0, 0
	start := time.Now()
	for _, q := range set.queries {
		t0 := time.Now()
		a, err := post(q)
		lat = append(lat, time.Since(t0))
		if err != nil {
			t.Fatal(err)
		}
		sentences += len(a.Sentences)
		for _, s := range a.Sentences {
			if len(s.Matches) > 0 {
				matched++
			}
		}
	}
	wall := time.Since(start)
	cpu := procCPU(t, pid) - cpu0
	slices.Sort(lat)
	q := len(lat)
	pct := func(p float64) time.Duration { return lat[min2(q-1, int(p*float64(q)))].Round(10 * time.Microsecond) }
	var load float64
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Sscan(string(b), &load)
	}
	cpuPer := "n/a (set TOLK_FUZZY_HTTP_PID)"
	if pid != "" {
		cpuPer = (cpu / time.Duration(q)).Round(time.Microsecond).String()
	}
	t.Logf("HTTP %s, set of %d: %d requests (%d sentences, %d with a match ≥ 70) in %v: wall p50 %v p90 %v p99 %v max %v; server CPU per request %v; load %.2f",
		base, n, q, sentences, matched, wall.Round(time.Millisecond), pct(0.5), pct(0.9), pct(0.99), lat[q-1].Round(10*time.Microsecond), cpuPer, load)
}

// procCPU returns a process's user+system CPU time from /proc/PID/stat,
// 0 without a pid.
func procCPU(t *testing.T, pid string) time.Duration {
	if pid == "" {
		return 0
	}
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		t.Fatal(err)
	}
	// The fields after the command's closing parenthesis; utime and stime
	// are the 14th and 15th of the line, in clock ticks (100 a second).
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	ut, _ := strconv.Atoi(f[11])
	st, _ := strconv.Atoi(f[12])
	return time.Duration(ut+st) * 10 * time.Millisecond
}
