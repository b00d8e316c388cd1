package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tolk-nl/tolk/internal/app"
)

// treatyPairs is where the treaty pairs lie beside a checkout of the
// repository (../shared/data, read its SOURCE.md). They are not part of
// the repository: the default TM is seeded from them when they are there.
var treatyPairs = filepath.Join("shared", "data", "bwb-treaties-nl-en", "treaty-articles-nl-en.jsonl.gz")

// defaultTMPath returns the file to seed the default TM from: flag (or
// TOLK_TM_SEED) when set, "none" for none, else the treaty pairs in
// ../shared beside the working directory or one of its parents.
func defaultTMPath(flag string, getenv func(string) string) string {
	if flag == "" {
		flag = getenv("TOLK_TM_SEED")
	}
	switch flag {
	case "none":
		return ""
	case "":
	default:
		return flag
	}
	if testing.Testing() {
		// Tests that start serve do not want 8 s of alignment behind
		// their back; they pass the flag when they do.
		return ""
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for range 4 {
		p := filepath.Join(dir, "..", treatyPairs)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		dir = filepath.Dir(dir)
	}
	return ""
}

// seedDefaultTM imports the default TM in the background, so that the
// server answers while the treaties are aligned; it logs the outcome. The
// returned function waits for it (ctx cancelled, it stops after the chunk
// it is at): call it before closing the app.
func seedDefaultTM(ctx context.Context, a *app.App, path string, log *slog.Logger) (wait func()) {
	if path == "" {
		log.Info("no default translation memory: the treaty pairs were not found (set --tm-seed or TOLK_TM_SEED)")
		return func() {}
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		if _, err := a.SeedTM(ctx, path); err != nil && ctx.Err() == nil {
			log.Error("seeding the default translation memory", "err", err)
		}
	})
	return wg.Wait
}
