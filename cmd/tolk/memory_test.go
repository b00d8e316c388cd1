package main

import (
	"errors"
	"flag"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/index"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"4096", 4096, true},
		{"96MiB", 96 << 20, true},
		{"96 MiB", 96 << 20, true},
		{"1GiB", 1 << 30, true},
		{"512KiB", 512 << 10, true},
		{"64MB", 64 << 20, true},
		{"100B", 100, true},
		{"", 0, false},
		{"-1MiB", 0, false},
		{"1.5GiB", 0, false},
		{"lots", 0, false},
		{"9999999999GiB", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSize(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("parseSize(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestMemorySettings(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tests := []struct {
		name          string
		limit, mapped string
		underLoad     time.Duration
		getenv        func(string) string
		want          memorySettings
		usage         bool
	}{
		{name: "defaults", mapped: "64MiB", getenv: env(), want: memorySettings{limit: serveMemoryLimit, mapped: 64 << 20, auto: true, gcPercent: serveGCPercent}},
		{name: "GOMEMLIMIT is left to the runtime", mapped: "64MiB", getenv: env("GOMEMLIMIT", "200MiB"), want: memorySettings{limit: -1, mapped: 64 << 20, gcPercent: serveGCPercent}},
		{name: "the flag wins over GOMEMLIMIT", limit: "128MiB", mapped: "0", getenv: env("GOMEMLIMIT", "200MiB"), want: memorySettings{limit: 128 << 20, gcPercent: serveGCPercent}},
		{name: "0 is no limit", limit: "0", mapped: "1GiB", getenv: env(), want: memorySettings{limit: math.MaxInt64, mapped: 1 << 30, gcPercent: serveGCPercent}},
		{name: "a bad limit", limit: "much", mapped: "64MiB", getenv: env(), usage: true},
		{name: "a bad mapped limit", mapped: "-5", getenv: env(), usage: true},
		{name: "under load", mapped: "48MiB", underLoad: 25 * time.Millisecond, getenv: env(), want: memorySettings{limit: serveMemoryLimit, mapped: 48 << 20, auto: true, underLoad: 25 * time.Millisecond, gcPercent: serveGCPercent}},
		{name: "GOGC is left to the runtime", mapped: "64MiB", getenv: env("GOGC", "100"), want: memorySettings{limit: serveMemoryLimit, mapped: 64 << 20, auto: true}},
		{name: "a negative period", mapped: "64MiB", underLoad: -time.Second, getenv: env(), usage: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := memoryFlags{limit: tt.limit, mapped: tt.mapped, underLoad: tt.underLoad}
			got, err := m.settings(tt.getenv)
			var ue *usageError
			if tt.usage {
				if !errors.As(err, &ue) {
					t.Fatalf("settings: %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(memorySettings{})); diff != "" {
				t.Errorf("settings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMemoryFlagDefaults checks what tolk serve runs with when no memory
// flag is given: mapped pages checked every 25 ms and given back under
// load too, and GOGC 50 unless the environment sets GOGC.
func TestMemoryFlagDefaults(t *testing.T) {
	var m memoryFlags
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	m.register(fs)
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	s, err := m.settings(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if s.underLoad != 0 || s.checkPeriod() != mappedCheck || s.mapped != 48<<20 || s.gcPercent != 50 {
		t.Errorf("defaults: under load %v, check every %v, mapped limit %d, GOGC %d; want 0, %v, 48 MiB, 50", s.underLoad, s.checkPeriod(), s.mapped, s.gcPercent, mappedCheck)
	}
	if s.release(49<<20, true) || !s.release(49<<20, false) || !s.release(busyFactor*48<<20+1, true) {
		t.Errorf("by default the mapped pages over the limit should be given back when idle, and under load only above %d times the limit", busyFactor)
	}
	if err := fs.Parse([]string{"--mapped-under-load", "25ms"}); err != nil {
		t.Fatal(err)
	}
	s, _ = m.settings(func(string) string { return "" })
	if s.checkPeriod() != 25*time.Millisecond || !s.release(49<<20, true) {
		t.Errorf("--mapped-under-load 25ms: check every %v, want 25ms, and under load a release over the limit", s.checkPeriod())
	}
}

func TestAutoLimit(t *testing.T) {
	tests := []struct {
		name     string
		passages uint64
		segments int
		want     int64
	}{
		{"empty", 0, 0, serveMemoryLimit},
		{"the circulars", 71_000, 0, serveMemoryLimit + 71_000*perPassage},
		{"the circulars and the treaty TM", 71_000, 50_287, serveMemoryLimit + 71_000*perPassage + 50_287*perSegment},
		{"a negative count counts nothing", 0, -5, serveMemoryLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := autoLimit(tt.passages, tt.segments); got != tt.want {
				t.Errorf("autoLimit(%d, %d) = %d, want %d", tt.passages, tt.segments, got, tt.want)
			}
		})
	}
	// The treaty TM's measured live heap (1,128 bytes a segment) must
	// leave the collector room under the default limit.
	if perSegment < 2*1128 {
		t.Errorf("perSegment %d leaves no room over the 1,128 live bytes a TM segment holds", perSegment)
	}
}

func TestRelease(t *testing.T) {
	const mib = 1 << 20
	def := memorySettings{mapped: 64 * mib}
	strict := memorySettings{mapped: 48 * mib, underLoad: 25 * time.Millisecond}
	tests := []struct {
		name string
		s    memorySettings
		file int64
		busy bool
		want bool
	}{
		{"idle, under the limit", def, 60 * mib, false, false},
		{"idle, over the limit", def, 65 * mib, false, true},
		{"busy, over the limit", def, 200 * mib, true, false},
		{"busy, over four times the limit", def, 257 * mib, true, true},
		{"under load: busy, over the limit", strict, 49 * mib, true, true},
		{"under load: busy, under the limit", strict, 47 * mib, true, false},
		{"no limit", memorySettings{underLoad: time.Millisecond}, 1 << 40, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.release(tt.file, tt.busy); got != tt.want {
				t.Errorf("release(%d MiB, busy %v) = %v, want %v", tt.file/mib, tt.busy, got, tt.want)
			}
		})
	}
	if got := strict.checkPeriod(); got != 25*time.Millisecond {
		t.Errorf("checkPeriod with --mapped-under-load 25ms = %v", got)
	}
	if got := def.checkPeriod(); got != mappedCheck {
		t.Errorf("checkPeriod without --mapped-under-load = %v, want %v", got, mappedCheck)
	}
}

func TestMostlyCached(t *testing.T) {
	at := func(hits, misses uint64) index.CacheStats { return index.CacheStats{Hits: hits, Misses: misses} }
	tests := []struct {
		name          string
		before, after index.CacheStats
		want          bool
	}{
		{"no searches", at(100, 10), at(100, 10), false},
		{"no cache", at(0, 0), at(0, 0), false},
		{"all hits", at(100, 10), at(200, 10), true},
		{"one miss in ten", at(100, 10), at(109, 11), true},
		{"two misses in ten", at(100, 10), at(108, 12), false},
		{"all misses", at(100, 10), at(100, 60), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mostlyCached(tt.before, tt.after); got != tt.want {
				t.Errorf("mostlyCached(%+v, %+v) = %v, want %v", tt.before, tt.after, got, tt.want)
			}
		})
	}
}

func TestLoadEnds(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name string
		cpu  []time.Duration // the CPU time at each check, from 0
		want []bool          // ended at each check
	}{
		{"idle throughout", []time.Duration{1 * ms, 2 * ms, 3 * ms}, []bool{false, false, false}},
		{"a load, then idle", []time.Duration{100 * ms, 200 * ms, 201 * ms, 202 * ms}, []bool{false, false, true, false}},
		{"two loads", []time.Duration{100 * ms, 101 * ms, 200 * ms, 201 * ms}, []bool{false, true, false, true}},
		{"still busy", []time.Duration{100 * ms, 200 * ms, 300 * ms}, []bool{false, false, false}},
		{"at the threshold is idle", []time.Duration{100 * ms, 110 * ms}, []bool{false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := loadEnds{idle: 10 * ms}
			var got []bool
			for _, c := range tt.cpu {
				got = append(got, l.ended(c))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ended (-want +got):\n%s", diff)
			}
		})
	}
}
