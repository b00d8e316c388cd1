package main

import (
	"os"
	"path/filepath"
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
