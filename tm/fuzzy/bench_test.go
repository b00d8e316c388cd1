package fuzzy

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func BenchmarkPut(b *testing.B) {
	segs := treatySegments(b)
	es := make([]Entry, len(segs))
	for i, s := range segs {
		es[i] = Entry{ID: fmt.Sprint(i), Text: s.NL}
	}
	b.ResetTimer()
	for b.Loop() {
		x := New(KeyFor("nl"))
		x.Put(es...)
	}
	b.ReportMetric(float64(len(es)*b.N)/b.Elapsed().Seconds(), "segments/s")
}

// benchSet is a TM side of size n made from the real treaty segments, and
// queries against it: the real Dutch sides (up to n of them, shuffled)
// and, beyond the real ones, variants of them: a real segment with 1–3 of
// its words replaced by words drawn from the whole corpus by their
// frequency, and each number by another. Variants keep the real lengths,
// the real vocabulary and its frequencies, and add near-duplicates (the
// hard case for a filter). Queries: half are real segments held out of
// the set (new text), half are indexed real segments with one word
// replaced (a close match exists).
type benchSet struct {
	entries []Entry
	en      []string // the English side of each entry (a variant keeps its source's)
	queries []string
}

func makeBenchSet(tb testing.TB, n, queries int) benchSet {
	real := treatySegments(tb)
	rng := rand.New(rand.NewPCG(1, 2))
	var texts []string
	seen := map[string]bool{}
	enOf := map[string]string{}
	for _, s := range real {
		if !seen[s.NL] {
			seen[s.NL] = true
			texts = append(texts, s.NL)
			enOf[s.NL] = s.EN
		}
	}
	rng.Shuffle(len(texts), func(i, j int) { texts[i], texts[j] = texts[j], texts[i] })
	held, texts := texts[:queries/2], texts[queries/2:]
	var corpus []string // every word token, so that a draw follows frequency
	for _, t := range texts {
		for _, tok := range Tokenize(t, nil) {
			if tok.Kind == Word {
				corpus = append(corpus, tok.Text)
			}
		}
	}
	vary := func(t string, edits int) string {
		ts := Tokenize(t, nil)
		var b strings.Builder
		var wordIdx []int
		for i, tok := range ts {
			if tok.Kind == Word {
				wordIdx = append(wordIdx, i)
			}
		}
		replace := map[int]bool{}
		for range min(edits, len(wordIdx)) {
			replace[wordIdx[rng.IntN(len(wordIdx))]] = true
		}
		last := 0
		for i, tok := range ts {
			b.WriteString(t[last:tok.Start])
			switch {
			case replace[i]:
				b.WriteString(corpus[rng.IntN(len(corpus))])
			case tok.Kind == Number && edits > 0:
				b.WriteString(strconv.Itoa(rng.IntN(1000)))
			default:
				b.WriteString(tok.Text)
			}
			last = tok.End
		}
		b.WriteString(t[last:])
		return b.String()
	}
	var set benchSet
	for i := range n {
		t := texts[i%len(texts)]
		set.en = append(set.en, enOf[t])
		if i >= len(texts) {
			t = vary(t, 1+rng.IntN(3))
		}
		set.entries = append(set.entries, Entry{ID: strconv.Itoa(i), Text: t})
	}
	// Queries of the lengths a translator works with: 5–60 words.
	fit := func(t string) bool {
		w := words(Tokenize(t, nil))
		return w >= 5 && w <= 60
	}
	for _, t := range held {
		if fit(t) {
			set.queries = append(set.queries, t)
		}
	}
	for len(set.queries) < queries {
		t := set.entries[rng.IntN(min(n, len(texts)))].Text
		if fit(t) {
			set.queries = append(set.queries, vary(t, 1))
		}
	}
	return set
}

// TestFuzzyBenchmark measures Match on one core at the sizes in
// TOLK_FUZZY_BENCH (e.g. 10000,100000,1000000); without it the test is
// skipped. docs/PERFORMANCE.md has the figures and the command.
func TestFuzzyBenchmark(t *testing.T) {
	sizes := os.Getenv("TOLK_FUZZY_BENCH")
	if sizes == "" {
		t.Skip("set TOLK_FUZZY_BENCH=10000,100000,1000000 to run the fuzzy-match benchmark")
	}
	min := 70
	if v, err := strconv.Atoi(os.Getenv("TOLK_FUZZY_MIN")); err == nil {
		min = v
	}
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			t.Fatal(err)
		}
		set := makeBenchSet(t, n, 2000)
		runtime.GC()
		var ms0 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		start, cpu0 := time.Now(), processCPU()
		x := New(KeyFor("nl"))
		if v, err := strconv.Atoi(os.Getenv("TOLK_FUZZY_READDIV")); err == nil {
			x.readDiv = v
		}
		for i := 0; i < len(set.entries); i += 10000 {
			x.Put(set.entries[i:min2(i+10000, len(set.entries))]...)
		}
		build, buildCPU := time.Since(start), processCPU()-cpu0
		runtime.GC()
		var ms1 runtime.MemStats
		runtime.ReadMemStats(&ms1)
		set.entries = nil

		old := runtime.GOMAXPROCS(1)
		runtime.LockOSThread()
		lat := make([]time.Duration, 0, len(set.queries))
		cpus := make([]time.Duration, 0, len(set.queries))
		var st Stats
		found := 0
		cpuStart := threadCPU()
		for _, q := range set.queries {
			t0, c0 := time.Now(), threadCPU()
			ms, s, err := x.Match(context.Background(), Query{Text: q, Min: min, Limit: 5})
			lat = append(lat, time.Since(t0))
			cpus = append(cpus, threadCPU()-c0)
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) > 0 {
				found++
			}
			st.Postings += s.Postings
			st.Candidates += s.Candidates
			st.Verified += s.Verified
		}
		cpu := threadCPU() - cpuStart
		runtime.UnlockOSThread()
		runtime.GOMAXPROCS(old)
		slices.Sort(lat)
		slices.Sort(cpus)
		q := len(lat)
		pct := func(p float64) time.Duration { return lat[min2(q-1, int(p*float64(q)))] }
		cpct := func(p float64) time.Duration { return cpus[min2(q-1, int(p*float64(q)))] }
		var load [3]float64
		if b, err := os.ReadFile("/proc/loadavg"); err == nil {
			fmt.Sscan(string(b), &load[0])
		}
		t.Logf("%9d segments: build %v (CPU %v), heap +%d MiB; readDF 1/%d; %d queries (min %d): wall p50 %v p90 %v p99 %v max %v; CPU p50 %v p90 %v p99 %v max %v mean %v; matched %d; per query: postings %d, candidates %d, verified %.1f; load %.2f",
			x.Len(), build.Round(time.Millisecond), buildCPU.Round(time.Millisecond), (int64(ms1.HeapAlloc)-int64(ms0.HeapAlloc))>>20,
			x.readDiv, q, min, pct(0.5).Round(time.Microsecond), pct(0.9).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), lat[q-1].Round(time.Microsecond),
			cpct(0.5).Round(time.Microsecond), cpct(0.9).Round(time.Microsecond), cpct(0.99).Round(time.Microsecond), cpus[q-1].Round(time.Microsecond),
			(cpu / time.Duration(q)).Round(time.Microsecond), found, st.Postings/q, st.Candidates/q, float64(st.Verified)/float64(q), load[0])
		runtime.KeepAlive(x)
	}
}

func min2(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// processCPU returns the CPU time of the process (user + system).
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// threadCPU returns the CPU time of the calling thread, in nanoseconds
// (CLOCK_THREAD_CPUTIME_ID: getrusage's thread figure moves in ticks).
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}
