package app

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
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
func (a *App) SeedTM(ctx context.Context, path string) (bool, error) {
	if a.store != nil {
		done, err := a.store.Seeded(seedTMMark)
		if err != nil {
			return false, fmt.Errorf("app: %w", err)
		}
		if done {
			return false, nil
		}
	}
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
	}
	if a.store != nil {
		if err := a.store.MarkSeeded(seedTMMark); err != nil {
			return false, fmt.Errorf("app: %w", err)
		}
	}
	a.log.Info("default translation memory seeded", "file", path, "segments", n, "took", time.Since(start).Round(time.Millisecond))
	return true, nil
}
