package lexicon

import (
	"bytes"
	_ "embed"
	"sync"
)

// defaultData is the shipped lexicon, generated from the treaty pairs and
// the Tatoeba sentence pairs (see doc.go for the command).
//
//go:embed default.lex.gz
var defaultData []byte

var defaultOnce = sync.OnceValues(func() (*Lexicon, error) { return Read(bytes.NewReader(defaultData)) })

// Default returns the shipped lexicon, read on first use.
func Default() (*Lexicon, error) { return defaultOnce() }
