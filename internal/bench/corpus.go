package bench

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/querymix"
)

// File is one document of a corpus folder.
type File struct {
	Path string // path of the file
	ID   string // file name without extension
	Text string
}

// ReadFolder reads the .md and .txt files directly in dir, sorted by
// file name: the order the query mix is drawn in. A file's Text is what
// follows its front matter (WriteJSONL's type and identifier), the text
// the other contestants index and the mix draws from.
func ReadFolder(dir string) ([]File, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	var out []File
	for _, e := range ents {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".md" && ext != ".txt") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		_, text, err := ingest.ReadFrontMatter(string(b))
		if err != nil {
			return nil, fmt.Errorf("bench: %s: %w", p, err)
		}
		out = append(out, File{Path: p, ID: strings.TrimSuffix(e.Name(), ext), Text: text})
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(filepath.Base(a.Path), filepath.Base(b.Path)) })
	if len(out) == 0 {
		return nil, fmt.Errorf("bench: no .md or .txt files in %s", dir)
	}
	return out, nil
}

// Docs turns files into the documents the query mix is drawn from.
func Docs(files []File) []querymix.Doc {
	out := make([]querymix.Doc, len(files))
	for i, f := range files {
		out[i] = querymix.Doc{ID: f.ID, Text: f.Text}
	}
	return out
}

// Passage is the unit the stock bleve and PostgreSQL contestants index:
// a paragraph of a document.
type Passage struct {
	Doc  string
	N    int // 1-based paragraph number within Doc
	Text string
}

// Passages splits a document at blank lines into trimmed, non-empty
// paragraphs. tolk makes its own passages (sections and paragraphs);
// this split is close to it and the same for both other contestants.
func Passages(doc, text string) []Passage {
	var out []Passage
	text = strings.ReplaceAll(text, "\r\n", "\n")
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, Passage{Doc: doc, N: len(out) + 1, Text: p})
		}
	}
	return out
}

// WriteJSONL writes the documents of a BWB JSON-lines extract (gzipped
// when the name ends in .gz) as ID.md files into dir, each file the
// "text" field unchanged after front matter that gives the document's type
// (its "category", the BWB soort, as ingest.BWBType maps it: circulaire,
// beleidsregel, …) and its BWB id as identifier, which tolk's ingest
// reads (ingest.ReadFrontMatter). The extract has no date field: ingest
// dates a document by its signing line. keep selects documents by their
// 0-based line number; nil keeps all. It returns how many files it wrote.
func WriteJSONL(src, dir string, keep func(i int) bool) (int, error) {
	f, err := os.Open(src)
	if err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(src, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return 0, fmt.Errorf("bench: %s: %w", src, err)
		}
		r = zr
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for i := 0; sc.Scan(); i++ {
		if keep != nil && !keep(i) {
			continue
		}
		var d struct{ ID, Category, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return n, fmt.Errorf("bench: %s line %d: %w", src, i+1, err)
		}
		if d.ID == "" || strings.ContainsAny(d.ID, `/\`) || strings.HasPrefix(d.ID, ".") {
			return n, fmt.Errorf("bench: %s line %d: unusable id %q", src, i+1, d.ID)
		}
		front := "---\n"
		if t := ingest.BWBType(d.Category); t != "" {
			front += "type: " + t + "\n"
		}
		front += "identifier: " + d.ID + "\n---\n"
		if err := os.WriteFile(filepath.Join(dir, d.ID+".md"), []byte(front+d.Text), 0o644); err != nil {
			return n, fmt.Errorf("bench: %w", err)
		}
		n++
	}
	if err := sc.Err(); err != nil {
		return n, fmt.Errorf("bench: %s: %w", src, err)
	}
	return n, nil
}
