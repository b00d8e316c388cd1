package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestDamagedIndexRebuilt: an index whose files are damaged or gone (its
// segment files deleted) no longer stops tolk from starting: it is set
// aside beside the data (index.damaged-…) and rebuilt from the store,
// which holds every document. Before, serve and check --repair both
// failed with "error parsing mapping JSON".
func TestDamagedIndexRebuilt(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	addTexts(t, a, map[string]string{"uil.md": "De uil zit in de boom."})
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	zaps, _ := filepath.Glob(filepath.Join(dir, "index", "store", "*"))
	if len(zaps) == 0 {
		t.Fatal("no index files to damage")
	}
	for _, f := range zaps {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	a, err = Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatalf("open with a damaged index: %v", err)
	}
	defer a.Close()
	res, err := a.BilingualSearch(ctx, SearchRequest{Q: "uil", Lang: "nl"})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].Doc != "uil" {
		t.Fatalf("after the rebuild: %v %+v", err, res)
	}
	if aside, _ := filepath.Glob(filepath.Join(dir, "index.damaged-*")); len(aside) != 1 {
		t.Errorf("the damaged index was not set aside: %v", aside)
	}
}
