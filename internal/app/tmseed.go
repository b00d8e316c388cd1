package app

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// DefaultTMCollection is the collection of the default translation memory:
// the treaty pairs, sentence-aligned. A user's imports go to their own
// collections (tm.DefaultCollection when they name none).
const DefaultTMCollection = "treaties"

// seedChunk is the number of treaty pairs imported at a time.
const seedChunk = 500

// seedTMMark is what the store records once the default TM is in.
const seedTMMark = "tm:" + DefaultTMCollection

// SeedTM imports the default translation memory from path (treaty JSON
// Lines, gzip'd when the name ends in .gz; format pairs, aligned into
// sentences) into DefaultTMCollection, once per data directory: the store
// remembers it, so a restart or a user who deleted segments does not get
// them back. In memory mode it imports every time. It reports whether it
// imported.
//
// While it runs, TMSeeding tells how far it is, and the TM's answers say
// so (their results miss the pairs not yet in).
func (a *App) SeedTM(ctx context.Context, path string) (bool, error) {
	defer a.seeding.end()
	if a.store != nil {
		done, err := a.store.Seeded(seedTMMark)
		if err != nil {
			return false, fmt.Errorf("app: %w", err)
		}
		if done {
			return false, nil
		}
	}
	a.seeding.begin()
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("app: default TM: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return false, fmt.Errorf("app: default TM %s: %w", path, err)
		}
		r = zr
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return false, fmt.Errorf("app: default TM %s: %w", path, err)
	}
	start := time.Now()
	// In chunks of lines, each its own import: a shutdown waits for one
	// chunk only. An interrupted seed is done again at the next start;
	// the segments' content ids make that replace, not add.
	n := 0
	lines := bytes.SplitAfter(data, []byte("\n"))
	a.seeding.set(0, nonEmptyLines(lines))
	done := 0
	for i := 0; i < len(lines); i += seedChunk {
		if err := ctx.Err(); err != nil {
			return false, fmt.Errorf("app: default TM: %w", err)
		}
		chunk := bytes.Join(lines[i:min(i+seedChunk, len(lines))], nil)
		if len(bytes.TrimSpace(chunk)) == 0 {
			continue
		}
		res, err := a.ImportTM(ctx, TMImport{Format: TMFormatPairs, Data: chunk, Collection: DefaultTMCollection, Who: seeder, Name: path})
		if err != nil {
			return false, fmt.Errorf("app: default TM %s: %w", path, err)
		}
		n += res.Imported
		done += nonEmptyLines(lines[i:min(i+seedChunk, len(lines))])
		a.seeding.set(done, -1)
	}
	if a.store != nil {
		if err := a.store.MarkSeeded(seedTMMark); err != nil {
			return false, fmt.Errorf("app: %w", err)
		}
	}
	a.log.Info("default translation memory seeded", "file", path, "segments", n, "took", time.Since(start).Round(time.Millisecond))
	return true, nil
}

// nonEmptyLines counts the lines with something besides white space: the
// treaty pairs among lines.
func nonEmptyLines(lines [][]byte) int {
	n := 0
	for _, l := range lines {
		if len(bytes.TrimSpace(l)) > 0 {
			n++
		}
	}
	return n
}

// TMSeeding is how far the default TM's seed under way is: while it runs,
// what the TM answers misses the pairs not yet in.
type TMSeeding struct {
	// State is SeedReading while the seed file is read and its pairs
	// counted (Pairs unknown, absent), then SeedImporting.
	State string `json:"state"`
	// Pairs is the number of treaty pairs to import, once known (0 and
	// absent from the JSON while State is SeedReading).
	Pairs int `json:"pairs,omitempty"`
	// PairsDone is the number of them imported so far.
	PairsDone int `json:"pairs_done"`
}

// The states of a seed under way (TMSeeding.State). The first use of the
// TM starts the seed and answers at once, before the file is read: "0 of
// 0 pairs" would say that there is nothing to import.
const (
	SeedReading   = "reading"
	SeedImporting = "importing"
)

// seedProgress is the state behind TMSeeding.
type seedProgress struct {
	mu          sync.Mutex
	running     bool
	known       bool // pairs has been counted
	pairs, done int
}

func (s *seedProgress) begin() {
	s.mu.Lock()
	s.running, s.known, s.pairs, s.done = true, false, 0, 0
	s.mu.Unlock()
}

func (s *seedProgress) end() {
	s.mu.Lock()
	s.running = false
	s.mu.Unlock()
}

// set records done pairs imported and, when pairs ≥ 0, the number to
// import.
func (s *seedProgress) set(done, pairs int) {
	s.mu.Lock()
	s.done = done
	if pairs >= 0 {
		s.pairs, s.known = pairs, true
	}
	s.mu.Unlock()
}

// TMSeeding returns how far the default TM's seed is, or nil when none
// runs.
func (a *App) TMSeeding() *TMSeeding {
	s := &a.seeding
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.running {
		return nil
	}
	if !s.known {
		return &TMSeeding{State: SeedReading, PairsDone: s.done}
	}
	return &TMSeeding{State: SeedImporting, Pairs: s.pairs, PairsDone: s.done}
}
