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
// documentExts taken, in lexical order; a symbolic link to such a file is
// followed, one to a folder is not, against loops). walked reports
// whether a directory was given; skipped says, per kind, how many files
// of the directories were left out (other extensions, linked folders), so
// that they are not passed over in silence. Files whose content is stored
// already are left out by the load itself (app.BulkOptions.SkipUnchanged),
// which parses every file anyway.
func ingestPlan(args []string) (paths []string, walked bool, skipped map[string]int, err error) {
	skipped = map[string]int{}
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
			if d.IsDir() {
				return nil
			}
			ext := strings.ToLower(filepath.Ext(p))
			regular := d.Type().IsRegular()
			if d.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(p)
				switch {
				case err != nil:
					skipped["broken links"]++
					return nil
				case st.IsDir():
					skipped["links to folders (not followed)"]++
					return nil
				}
				regular = st.Mode().IsRegular()
			}
			switch {
			case !regular:
				skipped["not regular files"]++
			case !documentExts[ext]:
				if ext == "" {
					ext = "without an extension"
				}
				skipped[ext]++
			default:
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, walked, nil, fmt.Errorf("ingest: %w", err)
		}
		sort.Strings(found)
		paths = append(paths, found...)
	}
	return paths, walked, skipped, nil
}

// skippedNote says what ingestPlan left out of the directories: "skipped
// 2 files: 1 .doc, 1 .rtf (tolk reads .txt, .md, …)", or "".
func skippedNote(skipped map[string]int) string {
	if len(skipped) == 0 {
		return ""
	}
	kinds := make([]string, 0, len(skipped))
	n := 0
	for k, c := range skipped {
		kinds = append(kinds, fmt.Sprintf("%d %s", c, k))
		n += c
	}
	sort.Strings(kinds)
	exts := make([]string, 0, len(documentExts))
	for e := range documentExts {
		exts = append(exts, e)
	}
	sort.Strings(exts)
	return fmt.Sprintf("skipped %d files of the folders: %s (tolk reads %s; a .doc or .rtf can be saved as .docx or PDF)", n, strings.Join(kinds, ", "), strings.Join(exts, " "))
}

// reportFiles writes a line per file — added (or replaced), unchanged,
// refused — and a summary.
func reportFiles(w io.Writer, paths []string, rep app.BulkReport) {
	left := map[int]bool{}
	for _, f := range rep.Failed {
		left[f.File] = true // the reason was written as the failure came
	}
	for _, i := range rep.Unchanged {
		left[i] = true
	}
	for i, p := range paths {
		if !left[i] {
			fmt.Fprintf(w, "ingested %s\n", p)
		}
	}
	for _, i := range rep.Unchanged {
		fmt.Fprintf(w, "unchanged %s (skipped)\n", paths[i])
	}
	fmt.Fprintf(w, "%d files: %d added, %d replaced, %d unchanged, %d refused\n",
		len(paths), rep.Added, rep.Replaced, len(rep.Unchanged), len(rep.Failed))
}
