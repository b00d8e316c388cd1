// Command gen compiles package decompound's embedded artefacts: the OpenTaal
// word list (opentaal/words.fst, with the OpenTaal licence beside it in
// opentaal/LICENSE; with -hunspell-aff and -hunspell-dic each word also
// carries the two flags that package hunspell derives from the OpenTaal
// Hunspell dictionary), the Dutch hyphenation patterns (hyphen-nl/hyph_nl.txt,
// converted to UTF-8, with hyphen-nl/LICENSE) and, with -freq, the word
// frequencies of the Dutch statutory text (bwbfreq/words.txt.gz). It is run
// by go generate in package decompound:
//
//	go run ./internal/gen -in /usr/share/dict/dutch -copyright /usr/share/doc/wdutch/copyright -out opentaal \
//		-hunspell-aff /usr/share/hunspell/nl.aff -hunspell-dic /usr/share/hunspell/nl.dic \
//		-hyph /usr/share/hyphen/hyph_nl_NL.dic -hyph-copyright /usr/share/doc/hyphen-nl/copyright -hyph-out hyphen-nl \
//		-freq bwb-small.jsonl.gz,bwb-large.jsonl.gz -freq-out bwbfreq
//
// The word list may be gzip-compressed. The frequency table keeps only the
// words of the compiled word list (the only words the splitter looks up) of
// 4 to 64 bytes, so it holds counts and no text.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/vellum"

	"github.com/tolk-nl/tolk/index/decompound/internal/freq"
	"github.com/tolk-nl/tolk/index/decompound/internal/hunspell"
	"github.com/tolk-nl/tolk/index/decompound/internal/hyphen"
	"github.com/tolk-nl/tolk/index/decompound/internal/wordlist"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	in := fs.String("in", "/usr/share/dict/dutch", "the word list (Debian wdutch), plain or gzip")
	cr := fs.String("copyright", "/usr/share/doc/wdutch/copyright", "the Debian copyright file of wdutch")
	out := fs.String("out", "opentaal", "output directory for words.fst and LICENSE")
	haff := fs.String("hunspell-aff", "", "the OpenTaal Hunspell affix file (Debian hunspell-nl nl.aff); with -hunspell-dic, its flags are added to the word list")
	hdic := fs.String("hunspell-dic", "", "the OpenTaal Hunspell dictionary (nl.dic, plain or gzip)")
	hyph := fs.String("hyph", "/usr/share/hyphen/hyph_nl_NL.dic", "the Dutch hyphenation patterns (Debian hyphen-nl)")
	hcr := fs.String("hyph-copyright", "/usr/share/doc/hyphen-nl/copyright", "the Debian copyright file of hyphen-nl, or an excerpt holding its dictionaries/nl_NL paragraph")
	hout := fs.String("hyph-out", "hyphen-nl", "output directory for hyph_nl.txt and LICENSE")
	fq := fs.String("freq", "", "comma-separated JSON-lines files of Dutch text (../shared/data/bwb-laws-markdown/bwb-*.jsonl.gz) to count words in; none: no frequency table")
	fout := fs.String("freq-out", "bwbfreq", "output directory for words.txt.gz")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var marks map[string]uint64
	if *haff != "" && *hdic != "" {
		var err error
		if marks, err = hunspellMarks(*haff, *hdic); err != nil {
			return err
		}
	}
	if err := words(*in, *cr, *out, marks); err != nil {
		return err
	}
	if err := patterns(*hyph, *hcr, *hout); err != nil {
		return err
	}
	if *fq == "" {
		return nil
	}
	list, err := os.ReadFile(filepath.Join(*out, "words.fst"))
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return frequencies(strings.Split(*fq, ","), list, *fout)
}

// frequencies counts the words of the JSON-lines files ins and writes the
// counts of the words of the compiled word list list to out/words.txt.gz.
func frequencies(ins []string, list []byte, out string) error {
	fst, err := vellum.Load(list)
	if err != nil {
		return fmt.Errorf("gen: word list: %w", err)
	}
	c := freq.Counts{}
	var st freq.Stats
	for _, in := range ins {
		f, err := os.Open(in)
		if err != nil {
			return fmt.Errorf("gen: %w", err)
		}
		s, err := c.CountJSONL(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("gen: %s: %w", in, err)
		}
		st.Docs += s.Docs
		st.Tokens += s.Tokens
	}
	var buf bytes.Buffer
	n, err := freq.WriteTable(&buf, c, st, ins, func(w string) bool {
		ok, _ := fst.Contains([]byte(w))
		return ok
	})
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, "words.txt.gz"), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	fmt.Printf("gen: words.txt.gz: %d documents, %d tokens, %d distinct words, %d kept, %d bytes\n", st.Docs, st.Tokens, len(c), n, buf.Len())
	return nil
}

// hunspellMarks expands the Hunspell dictionary into the flags that
// wordlist.Compile adds to the word list's keys.
func hunspellMarks(aff, dic string) (map[string]uint64, error) {
	a, err := os.Open(aff)
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	defer a.Close()
	d, err := os.Open(dic)
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	defer d.Close()
	forms, n, err := hunspell.Forms(a, d)
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	fmt.Printf("gen: hunspell: %d entries, %d forms\n", n, len(forms))
	return wordlist.Marks(forms), nil
}

// words compiles the word list in, with the Hunspell marks, into
// out/words.fst and writes the OpenTaal licence, taken from the copyright
// file cr, to out/LICENSE.
func words(in, cr, out string, marks map[string]uint64) error {
	return generate(in, cr, out, "words.fst", wordlist.Licence, func(r io.Reader, w io.Writer) (string, error) {
		st, err := wordlist.Compile(r, w, marks)
		return fmt.Sprintf("%d lines, %d entries, %d keys, %d bytes", st.Lines, st.Entries, st.Keys, st.Bytes), err
	})
}

// patterns converts the hyphenation patterns in into out/hyph_nl.txt and
// writes their licence, taken from the copyright file cr, to out/LICENSE.
func patterns(in, cr, out string) error {
	return generate(in, cr, out, "hyph_nl.txt", hyphen.Licence, func(r io.Reader, w io.Writer) (string, error) {
		st, err := hyphen.Compile(r, w)
		return fmt.Sprintf("%d lines, %d patterns, %d bytes", st.Lines, st.Patterns, st.Bytes), err
	})
}

// generate compiles the source file in into out/name and writes the
// licence the copyright file cr yields to out/LICENSE. Nothing is written
// unless both the licence and the compilation succeed.
func generate(in, cr, out, name string, licence func([]byte) ([]byte, error), compile func(io.Reader, io.Writer) (string, error)) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	defer f.Close()
	copyright, err := os.ReadFile(cr)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	lic, err := licence(copyright)
	if err != nil {
		return fmt.Errorf("gen: %s: %w", cr, err)
	}
	var buf bytes.Buffer
	summary, err := compile(f, &buf)
	if err != nil {
		return fmt.Errorf("gen: %s: %w", in, err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, name), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, "LICENSE"), lic, 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	fmt.Printf("gen: %s: %s\n", name, summary)
	return nil
}
