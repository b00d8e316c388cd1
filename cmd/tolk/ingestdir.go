package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tolk-nl/tolk/internal/app"
)

// documentExts are the extensions tolk ingest takes from a directory it
// walks (a file named on the command line is taken whatever its name; the
// content decides the format either way).
var documentExts = map[string]bool{
	".txt": true, ".md": true, ".markdown": true, ".pdf": true, ".docx": true, ".odt": true,
	".html": true, ".htm": true, ".xhtml": true, ".xml": true,
}

// ingestPlan turns the command line's paths into the files to add: a
// directory is walked recursively (hidden files and folders skipped, only
// documentExts taken, in lexical order), and a file whose content is the
// stored document of its id, unchanged (app.Unchanged), is left out and
// listed in skipped. walked reports whether a directory was given.
func ingestPlan(a *app.App, args []string) (paths, skipped []string, walked bool, err error) {
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil || !st.IsDir() {
			paths = append(paths, arg) // a missing file is reported when it is read
			continue
		}
		walked = true
		var found []string
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && documentExts[strings.ToLower(filepath.Ext(p))] {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, nil, walked, fmt.Errorf("ingest: %w", err)
		}
		sort.Strings(found)
		paths = append(paths, found...)
	}
	keep := paths[:0]
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err == nil && a.Unchanged(filepath.Base(p), data) {
			skipped = append(skipped, p)
			continue
		}
		keep = append(keep, p)
	}
	return keep, skipped, walked, nil
}

// reportFiles writes a line per file — added (or replaced), unchanged,
// refused — and a summary.
func reportFiles(w io.Writer, paths, skipped []string, rep app.BulkReport) {
	failed := map[int]bool{}
	for _, f := range rep.Failed {
		failed[f.File] = true // the reason was written as the failure came
	}
	for i, p := range paths {
		if !failed[i] {
			fmt.Fprintf(w, "ingested %s\n", p)
		}
	}
	for _, p := range skipped {
		fmt.Fprintf(w, "unchanged %s (skipped)\n", p)
	}
	fmt.Fprintf(w, "%d files: %d added, %d replaced, %d unchanged, %d refused\n",
		len(paths)+len(skipped), rep.Added, rep.Replaced, len(skipped), len(rep.Failed))
}
