package app

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index/decompound"
)

// splitterFile is the compound splitter's snapshot in the data directory:
// a cache of what NewSplitter builds from the embedded word list, the
// glossary and the corpus (decompound.Splitter.WriteSnapshot). Building
// it is most of a start-up (300-450 ms in a fresh process on a slow
// machine); reading it, a few milliseconds: it is mapped, not copied
// (mapfile_unix.go). Backups leave it out: the
// first start on a restored directory writes it again.
const splitterFile = "splitter.snapshot"

// NewSplitter builds the compound splitter: the embedded OpenTaal word
// list plus the words of the glossary's Dutch terms and of the corpus, so
// that names and terms the word list lacks are known parts; the one-word
// Dutch terms are also terms of the splitter, so that a term finds the
// compounds it is part of (decompound.NewWith).
func NewSplitter(cs []glossary.Concept, corpus fs.FS) (*decompound.Splitter, error) {
	terms, texts, err := splitterWords(cs, corpus)
	if err != nil {
		return nil, err
	}
	// The terms are extra words too: the words of a multi-word term are
	// parts, though only one-word terms are terms.
	return decompound.NewWith(terms, terms, texts), nil
}

// LoadSplitter returns what NewSplitter(cs, corpus) builds, read from the
// snapshot in dataDir when it holds one of the same words; read reports
// that it did. Without one (a new directory, another glossary or corpus,
// another version of tolk, a damaged file) it builds the splitter; the
// snapshot is then written by Open with Config.SplitterSnapshot. It
// writes nothing itself: a command may open a directory that must stay
// as it is (tolk restore's target). dataDir "" reads nothing.
func LoadSplitter(dataDir string, cs []glossary.Concept, corpus fs.FS) (sp *decompound.Splitter, read bool, err error) {
	terms, texts, err := splitterWords(cs, corpus)
	if err != nil {
		return nil, false, err
	}
	if dataDir != "" {
		if data, unmap, err := mapFile(filepath.Join(dataDir, splitterFile)); err == nil {
			sp, err := decompound.LoadSnapshot(data, terms, terms, texts)
			if err == nil {
				// The splitter's arrays are the mapping's pages: it is
				// given back only when the splitter is gone.
				runtime.AddCleanup(sp, func(unmap func()) { unmap() }, unmap)
				return sp, true, nil
			}
			unmap()
		}
	}
	return decompound.NewWith(terms, terms, texts), false, nil
}

// splitterWords returns the Dutch terms of cs and the texts of corpus.
func splitterWords(cs []glossary.Concept, corpus fs.FS) (terms, texts []string, err error) {
	for _, c := range cs {
		for _, t := range c.TermsIn("nl") {
			terms = append(terms, t.Text)
		}
	}
	if corpus != nil {
		names, err := fs.Glob(corpus, "*")
		if err != nil {
			return nil, nil, fmt.Errorf("app: %w", err)
		}
		for _, n := range names {
			data, err := fs.ReadFile(corpus, n)
			if err != nil {
				return nil, nil, fmt.Errorf("app: %w", err)
			}
			texts = append(texts, string(data))
		}
	}
	return terms, texts, nil
}

// writeSplitter writes sp's snapshot into dir, through a temporary file
// renamed into place, so that a reader finds the old file or the whole
// new one. It is not synced: a file cut short by a crash fails its
// checksum and is built again.
func writeSplitter(dir string, sp *decompound.Splitter) error {
	path := filepath.Join(dir, splitterFile)
	tmp, err := os.CreateTemp(dir, splitterFile+".*")
	if err != nil {
		return fmt.Errorf("app: splitter snapshot: %w", err)
	}
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = sp.WriteSnapshot(bw); err == nil {
		err = bw.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return errors.Join(fmt.Errorf("app: splitter snapshot: %w", err), os.Remove(tmp.Name()))
	}
	return nil
}
