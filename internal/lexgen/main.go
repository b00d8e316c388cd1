// Command lexgen builds tolk's shipped translation lexicon from the
// article-aligned treaty pairs of ../shared (the treaties the dev split
// holds out are left out) and the Tatoeba sentence pairs there, over the
// keys the service's index uses:
//
//	go generate ./tm/lexicon
//
// which runs
//
//	go run ./internal/lexgen -pairs ../shared/data/bwb-treaties-nl-en/treaty-articles-nl-en.jsonl.gz \
//		-lines ../shared/data/mt-testsets-nl-en/tatoeba-test-v2021-08-07 -out tm/lexicon/default.lex.gz
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/treaties"
	"github.com/tolk-nl/tolk/tm/lexicon"
)

func main() {
	pairs := flag.String("pairs", "", "treaty article pairs (JSONL, gzip)")
	out := flag.String("out", "", "lexicon file to write")
	dev := flag.Bool("dev", false, "train on the dev treaties too (never for the shipped lexicon)")
	extra := flag.String("lines", "", "also train on line-aligned English and Dutch files: PREFIX.eng and PREFIX.nld (such as ../shared/data/mt-testsets-nl-en/tatoeba-test-v2021-08-07)")
	show := flag.String("show", "", "print the translations of these comma-separated English words from the -out lexicon instead of training")
	flag.Parse()
	var err error
	if *show != "" {
		err = showWords(*out, *show)
	} else {
		err = run(*pairs, *out, *dev, *extra)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "lexgen:", err)
		os.Exit(1)
	}
}

func run(pairsPath, out string, dev bool, lines string) error {
	if pairsPath == "" || out == "" {
		return fmt.Errorf("need -pairs and -out")
	}
	f, err := os.Open(pairsPath)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	ps, err := treaties.Read(zr)
	if err != nil {
		return err
	}
	var texts []app.TextPair
	for _, p := range ps {
		if treaties.Dev(p.Doc) && !dev {
			continue
		}
		texts = append(texts, app.TextPair{NL: p.NL, EN: p.EN})
	}
	treatyPairs := len(texts)
	if lines != "" {
		en, err := readLines(lines + ".eng")
		if err != nil {
			return err
		}
		nl, err := readLines(lines + ".nld")
		if err != nil {
			return err
		}
		if len(en) != len(nl) {
			return fmt.Errorf("%s: %d English and %d Dutch lines", lines, len(en), len(nl))
		}
		for i := range en {
			texts = append(texts, app.TextPair{NL: nl[i], EN: en[i]})
		}
	}
	ctx := context.Background()
	curated, err := glossary.Curated()
	if err != nil {
		return err
	}
	sp, err := app.NewSplitter(curated, corpus.Default())
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, app.Config{Memory: true, Glossary: curated, Splitter: sp})
	if err != nil {
		return err
	}
	defer a.Close()
	start := time.Now()
	lex, err := a.TrainLexicon(ctx, texts, lexicon.Options{})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := lex.Write(&buf); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "lexgen: %d article pairs and %d line pairs → %d segments; %d English and %d Dutch words with translations; %s; %d bytes\n",
		treatyPairs, len(texts)-treatyPairs, lex.Segments, lex.Size("en"), lex.Size("nl"), time.Since(start).Round(time.Millisecond), buf.Len())
	return writeFile(out, &buf)
}

func writeFile(path string, r io.Reader) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// showWords prints the best Dutch translations of English words, for
// checking the lexicon by hand.
func showWords(path, words string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	lex, err := lexicon.Read(f)
	if err != nil {
		return err
	}
	for _, w := range strings.Split(words, ",") {
		k := index.Key("en", strings.TrimSpace(w))
		fmt.Printf("%s (%s, %d×):", w, k, lex.Freq("en", k))
		for i, t := range lex.Lookup("en", k) {
			if i == 5 {
				break
			}
			fmt.Printf(" %s %.2f;", t.Word, t.P)
		}
		fmt.Println()
	}
	return nil
}

// readLines reads a file of lines, one segment each.
func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimRight(string(data), "\n"), "\n"), nil
}
