// Command gen compiles package decompound's embedded artefacts: the OpenTaal
// word list (opentaal/words.fst, with the OpenTaal licence beside it in
// opentaal/LICENSE) and the Dutch hyphenation patterns (hyphen-nl/hyph_nl.txt,
// converted to UTF-8, with hyphen-nl/LICENSE). It is run by go generate in
// package decompound:
//
//	go run ./internal/gen -in /usr/share/dict/dutch -copyright /usr/share/doc/wdutch/copyright -out opentaal \
//		-hyph /usr/share/hyphen/hyph_nl_NL.dic -hyph-copyright /usr/share/doc/hyphen-nl/copyright -hyph-out hyphen-nl
//
// The word list may be gzip-compressed.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

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
	hyph := fs.String("hyph", "/usr/share/hyphen/hyph_nl_NL.dic", "the Dutch hyphenation patterns (Debian hyphen-nl)")
	hcr := fs.String("hyph-copyright", "/usr/share/doc/hyphen-nl/copyright", "the Debian copyright file of hyphen-nl, or an excerpt holding its dictionaries/nl_NL paragraph")
	hout := fs.String("hyph-out", "hyphen-nl", "output directory for hyph_nl.txt and LICENSE")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := words(*in, *cr, *out); err != nil {
		return err
	}
	return patterns(*hyph, *hcr, *hout)
}

// words compiles the word list in into out/words.fst and writes the OpenTaal
// licence, taken from the copyright file cr, to out/LICENSE.
func words(in, cr, out string) error {
	return generate(in, cr, out, "words.fst", wordlist.Licence, func(r io.Reader, w io.Writer) (string, error) {
		st, err := wordlist.Compile(r, w)
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
