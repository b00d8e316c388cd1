package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/resident"
)

// tolk serve's memory settings (docs/PERFORMANCE.md, "Memory"). The
// process's resident memory has two parts that grow differently under
// load: the Go heap, which the collector lets grow to twice what is live
// between collections, and the pages of the index's segments and the
// store's file that bleve and bbolt read through mappings, which stay
// counted in the process's RSS once touched. The first is bounded by a
// soft memory limit, the second by giving the mapped pages back (they stay
// in the page cache) once the file-backed part passes a size.
const (
	// serveMemoryLimit is the soft limit of the Go runtime's memory when
	// neither --memory-limit nor GOMEMLIMIT says otherwise, plus
	// perPassage bytes for each indexed passage: a serving App holds
	// ≈ 30 MB live after start-up whatever the corpus, but a search's
	// scratch memory grows with the passages it scores, times the
	// searches at once (on all 6,276 BWB documents, 503k passages, 96 MiB
	// alone kept the collector running for most of a 32-client load).
	serveMemoryLimit = 96 << 20
	perPassage       = 128
	// perSegment bytes are added for each translation-memory segment in
	// memory (its map entry and in-memory index, loaded on the TM's
	// first use): the treaty TM's 50,287 segments hold 1,128 bytes each
	// live (TOLK_TM_HEAP=1 go test ./internal/app -run
	// TestTMHeapPerSegment -v), and as
	// much again, rounded up, is the collector's room. Without it the
	// default limit sat just above the live heap once the TM was loaded,
	// the collector took a quarter of the CPU and fuzzy matches' p99 went
	// from 4 to 38 ms (docs/TM.md).
	perSegment = 2560
	// memoryFollow is how often the default limit is brought up to date
	// with the passages and TM segments.
	memoryFollow = 2 * time.Second
	// serveMappedLimit is the file-backed resident memory (the binary's
	// pages included, ≈ 30 MiB) above which the mapped pages are given
	// back.
	serveMappedLimit = 48 << 20
	// mappedCheck is how often the file-backed resident memory is read.
	mappedCheck = 250 * time.Millisecond
	// serveUnderLoad is --mapped-under-load's default: 0, the mapped
	// pages are given back under a load of searches the result cache does
	// not answer only above busyFactor times --mapped-limit. Session 10 made
	// it 25ms (given back whenever over the limit, under load too); on a
	// kernel that maps file pages in large folios (6.18) every such search
	// then maps again what it reads, 2.2-2.4 times the CPU of a search,
	// and the peak still passed 150 MiB (docs/PERFORMANCE.md, "Memory
	// during a load, session 11").
	serveUnderLoad = 0
	// serveGCPercent is the collector's GOGC while serving when the
	// environment sets none: the heap grows by half what is live between
	// collections instead of doubling (20-25 MiB less at the peak of an
	// uncached load on the circulars, 7 % more CPU a search;
	// docs/PERFORMANCE.md, "Memory during a load, session 10" and
	// "session 11").
	serveGCPercent = 50
)

// memoryFlags are tolk serve's memory flags.
type memoryFlags struct {
	limit, mapped string
	underLoad     time.Duration
}

func (m *memoryFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&m.limit, "memory-limit", "", "soft limit of the Go runtime's memory (heap, stacks), such as 96MiB or 1GiB; 0 for none (default: GOMEMLIMIT when set, else 96MiB plus 128 bytes per indexed passage, 2,560 per translation-memory segment in memory and the --search-cache size, kept up to date while serving)")
	fs.StringVar(&m.mapped, "mapped-limit", fmt.Sprintf("%dMiB", serveMappedLimit>>20), "when the process's file-backed resident memory (RssFile: the binary and the pages of the index and store read through mappings) passes this, the mapped pages of the index and store are given back (they stay in the page cache); 0 never")
	fs.DurationVar(&m.underLoad, "mapped-under-load", serveUnderLoad, "check RssFile this often, such as 25ms, and give the mapped pages back whenever it is over --mapped-limit, under load too: a bound on RSS during a load, paid for with CPU on searches the result cache does not answer (each maps again what it reads: twice the CPU on some kernels); 0 (the default): check every 250ms and, under a load the result cache does not answer, give them back only above 4 times --mapped-limit")
}

// memorySettings are the memory flags read: limit is the soft limit to
// set (or -1: leave the runtime's, from GOMEMLIMIT), mapped the RssFile
// bound (0: none).
type memorySettings struct {
	limit, mapped int64
	auto          bool          // limit is the default, to grow with the index
	cache         int64         // the search cache's size, added to the default limit
	underLoad     time.Duration // check period that also releases under load (0: mappedCheck, released under load only above busyFactor)
	gcPercent     int           // the collector's GOGC to set; 0: leave the runtime's (GOGC in the environment)
}

func (m *memoryFlags) settings(getenv func(string) string) (memorySettings, error) {
	var s memorySettings
	switch {
	case m.limit != "":
		n, err := parseSize(m.limit)
		if err != nil {
			return s, &usageError{"--memory-limit: " + err.Error()}
		}
		s.limit = n
		if n == 0 {
			s.limit = math.MaxInt64 // no limit
		}
	case getenv("GOMEMLIMIT") != "":
		s.limit = -1 // the runtime read it at start
	default:
		s.limit, s.auto = serveMemoryLimit, true
	}
	n, err := parseSize(m.mapped)
	if err != nil {
		return s, &usageError{"--mapped-limit: " + err.Error()}
	}
	s.mapped = n
	if m.underLoad < 0 {
		return s, &usageError{"--mapped-under-load: a period such as 25ms, or 0"}
	}
	s.underLoad = m.underLoad
	if getenv("GOGC") == "" {
		s.gcPercent = serveGCPercent
	}
	return s, nil
}

// apply sets the soft memory limit and the collector's GOGC; the default
// limit grows with the passages in the index and the translation-memory
// segments in memory.
func (s memorySettings) apply(passages uint64, segments int) {
	if s.gcPercent > 0 {
		debug.SetGCPercent(s.gcPercent)
	}
	switch {
	case s.limit == serveMemoryLimit && s.auto:
		debug.SetMemoryLimit(s.autoLimit(passages, segments))
	case s.limit >= 0:
		debug.SetMemoryLimit(s.limit)
	}
}

// autoLimit is the default soft memory limit for an index of passages and
// a TM of segments in memory.
func autoLimit(passages uint64, segments int) int64 {
	return serveMemoryLimit + int64(min(passages, 1<<32))*perPassage + int64(min(max(segments, 0), 1<<32))*perSegment
}

// autoLimit is the default soft memory limit with room for the search
// cache.
func (s memorySettings) autoLimit(passages uint64, segments int) int64 {
	return autoLimit(passages, segments) + s.cache
}

// followMemory keeps the default limit up to date, every memoryFollow, as
// documents are added and the TM is loaded or grows; the returned
// function stops it. Nothing is started for a limit the user set.
func followMemory(ctx context.Context, a *app.App, s memorySettings) (stop func()) {
	if !s.auto {
		return func() {}
	}
	last := int64(-1)
	return every(ctx, memoryFollow, func() {
		passages, err := a.Index().Count()
		if err != nil {
			return
		}
		if l := s.autoLimit(passages, a.TMLoadedSegments()); l != last {
			debug.SetMemoryLimit(l)
			last = l
		}
	})
}

// every calls f every period on a goroutine of its own until ctx ends or
// the returned function is called, which waits for it to stop.
func every(ctx context.Context, period time.Duration, f func()) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(period)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			f()
		}
	}()
	return func() { cancel(); <-done }
}

// keepMapped starts giving back the App's mapped pages, checking every
// s.checkPeriod() (reading the resident memory then when busy, at most
// every mappedCheck when idle) whether s.release says so: when the process's
// file-backed resident memory is over s.mapped and the process is idle, or
// whenever it is over busyFactor times s.mapped. Under a steady load a
// search touches the same pages again soon after they are given back (a
// minor fault each, without reading the disk), so by default they are given
// back while busy only when far over the bound (unless the searches were
// answered from the result cache: mostlyCached); with --mapped-under-load
// (s.underLoad) they are checked that often and given back whenever over
// it, which bounds RSS during a load at the cost of mapping the pages again
// (docs/PERFORMANCE.md, "Serving memory under load, session 7"). The
// executable's pages are given back with them (under load at most every
// exeEvery), and once at the first idle check after start-up. The
// returned function stops it and waits until it has stopped (before the
// App is closed). Nothing is started when there is no bound or the system
// cannot tell or release (not Linux).
func keepMapped(ctx context.Context, a *app.App, s memorySettings, log *slog.Logger) (stop func()) {
	if s.mapped <= 0 {
		return func() {}
	}
	if _, err := resident.Current(); err != nil {
		log.Info("mapped pages are not given back on this system", "err", err)
		return func() {}
	}
	load := loadEnds{last: cpuTime()}
	checked := time.Now()
	started := false
	var exeAt time.Time // the executable's pages last given back
	lastCache := a.Index().CacheStats()
	check := func(busy bool) {
		cs := a.Index().CacheStats()
		cached := mostlyCached(lastCache, cs)
		lastCache = cs
		if !started && !busy {
			// What start-up read of the executable (the embedded word
			// lists, lexicon and templates) is not read again.
			started = true
			releaseExecutable(log)
			exeAt = time.Now()
		}
		u, err := resident.Current()
		if err != nil || !s.release(u.File, busy && !cached) {
			return
		}
		if !busy || time.Since(exeAt) >= exeEvery {
			releaseExecutable(log)
			exeAt = time.Now()
		}
		st, err := a.ReleaseMapped()
		if err != nil {
			if !errors.Is(err, resident.ErrUnsupported) {
				log.Warn("giving back mapped pages", "err", err)
			}
			return
		}
		after, _ := resident.Current()
		log.Debug("mapped pages given back", "mappings", st.Mappings, "busy", busy, "file-backed before", u.File, "after", after.File)
		load.last = cpuTime() // the release's own work is not load
	}
	period := s.checkPeriod()
	var read time.Time // the resident memory last read
	return every(ctx, period, func() {
		// Busy: more than 5 % of a core since the last check.
		now := time.Now()
		load.idle = now.Sub(checked) / 20
		checked = now
		busy, _ := load.observe(cpuTime())
		// An idle process maps nothing new: its resident memory is read
		// every mappedCheck, not at every check (scripts/idlecpu.sh).
		if !busy && now.Sub(read) < mappedCheck {
			return
		}
		read = now
		check(busy)
	})
}

// mostlyCached reports whether, between two readings of the result
// cache's counters, searches were made and at most one in cachedShare of
// them read the index: a load answered from the cache touches no index
// page, so giving the pages back then costs what the few misses map
// again, and a busy process is treated as idle. Without a cache (no
// counts) it reports false.
func mostlyCached(before, after index.CacheStats) bool {
	hits, misses := after.Hits-before.Hits, after.Misses-before.Misses
	return hits+misses > 0 && misses*cachedShare <= hits+misses
}

// cachedShare: at most one search in cachedShare may read the index for
// a load to count as answered from the cache.
const cachedShare = 10

// checkPeriod is how often keepMapped checks whether the process is busy
// and, if it is, reads the file-backed resident memory.
func (s memorySettings) checkPeriod() time.Duration {
	if s.underLoad > 0 {
		return s.underLoad
	}
	return mappedCheck
}

// release reports whether the mapped pages are to be given back when the
// file-backed resident memory is file bytes and the process was busy
// since the last check or not.
func (s memorySettings) release(file int64, busy bool) bool {
	switch {
	case s.mapped <= 0 || file <= s.mapped:
		return false
	case !busy || s.underLoad > 0:
		return true
	default:
		return file > busyFactor*s.mapped
	}
}

// releaseExecutable gives back the pages of the executable's code and
// read-only data (internal/resident.ReleaseExecutable): what a request
// runs is mapped again at its next use, what only start-up read is not.
func releaseExecutable(log *slog.Logger) {
	if _, err := resident.ReleaseExecutable(); err != nil && !errors.Is(err, resident.ErrUnsupported) {
		log.Warn("giving back the executable's pages", "err", err)
	}
}

// exeEvery is how often, at most, the executable's pages are given back
// under load: the code a search runs is mapped again at once, and with
// --mapped-under-load 25ms giving them back at every release cost 2.5 %
// of the process's CPU (perf) besides those faults.
const exeEvery = time.Second

// busyFactor times --mapped-limit is the file-backed resident memory at
// which mapped pages are given back even under load, unless
// --mapped-under-load asks for the limit itself. The process counts as
// under load when it used more than 5 % of a core since the last check.
const busyFactor = 4

// parseSize reads a size in bytes: a whole number with an optional unit
// B, KiB, MiB, GiB (or KB, MB, GB, taken as the same powers of 1024).
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is not a size such as 96MiB", s)
	}
	return n * mult, nil
}

// releaseHeapAfterLoads gives the heap's free pages back to the system
// (release, debug.FreeOSMemory in tolk serve) once each load has ended:
// checked every period, a load is a spell of checks in which the process
// used more than 5 % of a core, and its end the first check after it
// that did not. Under a load the heap grows towards the memory limit
// between collections; when the load stops the runtime keeps those pages
// and gives them back only slowly (Go's background scavenger), so a
// server left idle after a burst of searches held 25–30 MiB of free heap
// (docs/PERFORMANCE.md, "Serving memory after a load, session 9"). A
// release costs one full collection; it happens at most once per
// heapEvery. The returned function stops it and waits until it has
// stopped.
func releaseHeapAfterLoads(ctx context.Context, period time.Duration, release func()) (stop func()) {
	l := loadEnds{idle: period / 20, last: cpuTime()}
	var at time.Time // the last release
	return every(ctx, period, func() {
		if !l.ended(cpuTime()) || time.Since(at) < heapEvery {
			return
		}
		release()
		at = time.Now()
		l.last = cpuTime() // the release's own work is not load
	})
}

// heapEvery is how often, at most, releaseHeapAfterLoads gives the heap
// back: a load that stops and starts again every other check pays for
// one collection per heapEvery, not one per pause.
const heapEvery = 10 * time.Second

// loadEnds tells, from the process's CPU time read at regular checks,
// whether the process is busy (more than idle of CPU time since the last
// check: 5 % of a core for period/20) and when a load ended.
type loadEnds struct {
	idle time.Duration // the most CPU time between two checks of an idle process
	last time.Duration // the CPU time at the last check
	busy bool          // the last check found the process busy
}

// observe records the check at CPU time now: whether the process was
// busy since the last check, and whether this is the first idle check
// after a busy one (a load ended).
func (l *loadEnds) observe(now time.Duration) (busy, ended bool) {
	busy = now-l.last > l.idle
	l.last = now
	ended = l.busy && !busy
	l.busy = busy
	return busy, ended
}

// ended is observe's second answer.
func (l *loadEnds) ended(now time.Duration) bool {
	_, ended := l.observe(now)
	return ended
}
