// Command gen compiles the OpenTaal word list into package decompound's
// embedded artefact (opentaal/words.fst) and copies the OpenTaal licence beside
// it (opentaal/LICENSE). It is run by go generate in package decompound:
//
//	go run ./internal/gen -in /usr/share/dict/dutch -copyright /usr/share/doc/wdutch/copyright -out opentaal
//
// The input may be gzip-compressed.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

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
	if err := fs.Parse(args); err != nil {
		return err
	}
	f, err := os.Open(*in)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	defer f.Close()
	copyright, err := os.ReadFile(*cr)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	licence, err := wordlist.Licence(copyright)
	if err != nil {
		return fmt.Errorf("gen: %s: %w", *cr, err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	fst, err := os.Create(filepath.Join(*out, "words.fst"))
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	st, err := wordlist.Compile(f, fst)
	if cerr := fst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("gen: %s: %w", *in, err)
	}
	if err := os.WriteFile(filepath.Join(*out, "LICENSE"), licence, 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	fmt.Printf("gen: %d lines, %d entries, %d keys, %d bytes\n", st.Lines, st.Entries, st.Keys, st.Bytes)
	return nil
}
