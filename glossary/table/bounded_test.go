package table

import (
	"bytes"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// peakHeap runs fn while sampling the heap every millisecond, and
// returns how far the live-and-garbage heap rose above where it started,
// and how much fn allocated in all.
func peakHeap(fn func()) (peak, total uint64) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	var (
		max  uint64
		wg   sync.WaitGroup
		done = make(chan struct{})
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > max {
				max = v
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if max < base {
		max = base
	}
	return max - base, after.TotalAlloc - before.TotalAlloc
}

// TestHostileMeasure reads one hostile workbook named by
// TOLK_HOSTILE (for measuring RSS with /usr/bin/time -v).
func TestHostileMeasure(t *testing.T) {
	kind := os.Getenv("TOLK_HOSTILE")
	if kind == "" {
		t.Skip("set TOLK_HOSTILE to a hostile workbook kind")
	}
	data := hostile(t, kind, 200<<20)
	t.Logf("%s: %d bytes zipped", kind, len(data))
	var err error
	start := time.Now()
	peak, total := peakHeap(func() { _, err = ReadXLSX(bytes.NewReader(data)) })
	t.Logf("%s: %v in %v; heap peak +%d MiB, allocated %d MiB", kind, err, time.Since(start), peak>>20, total>>20)
}
