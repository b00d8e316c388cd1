package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/tolk-nl/tolk/internal/app"
)

// tmCmd runs `tolk tm import|export|delete|train`.
func tmCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "export" && args[0] != "delete" && args[0] != "train") {
		return &usageError{"tm needs a subcommand: import, export, delete or train"}
	}
	sub := args[0]
	fs := flag.NewFlagSet("tm "+sub, flag.ContinueOnError)
	var d dataFlags
	d.register(fs, getenv)
	var format, collection, out, nl, en *string
	var replace *bool
	switch sub {
	case "import":
		format = fs.String("format", "", "tmx, tsv, csv or pairs (default: from each file's extension: .tmx, .tsv/.txt, .csv, .jsonl)")
		collection = fs.String("collection", "", "put every segment into this collection (default: the file's, else import)")
		nl = fs.String("nl", "", "a Dutch text to align with --en into segments (instead of FILEs)")
		en = fs.String("en", "", "the English version of --nl")
		replace = fs.Bool("replace", false, "the file replaces the collections its segments go into: their segments it lacks are deleted (one FILE)")
	case "delete":
		collection = fs.String("collection", "", "the collection whose segments to delete")
	case "export":
		format = fs.String("format", "tmx", "tmx or tsv")
		collection = fs.String("collection", "", "only this collection")
		out = fs.String("out", "", "write to this file instead of stdout")
	}
	if err := parseArgs(fs, args[1:], stderr); err != nil { // flags also after the files
		return err
	}
	if sub == "delete" && (*collection == "" || fs.NArg() > 0) {
		return &usageError{"tm delete takes --collection NAME and nothing else"}
	}
	if sub == "import" {
		if d.memory {
			return &usageError{"tm import --memory would keep nothing; use --data"}
		}
		if (*nl == "") != (*en == "") || (*nl != "" && fs.NArg() > 0) {
			return &usageError{"tm import takes FILEs, or --nl and --en together"}
		}
		if *nl == "" && fs.NArg() == 0 {
			return &usageError{"tm import needs one or more files (or --nl and --en)"}
		}
		if *replace && fs.NArg() > 1 {
			return &usageError{"tm import --replace takes one file: each would replace what the one before imported"}
		}
	}
	a, err := openApp(ctx, d, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer a.Close()
	switch sub {
	case "export":
		w := stdout
		if *out != "" {
			fh, err := os.Create(*out)
			if err != nil {
				return err
			}
			defer fh.Close()
			w = fh
		}
		n, err := a.ExportTM(ctx, w, *format, *collection)
		if err != nil {
			if *out != "" {
				os.Remove(*out) // no file for a collection the TM does not have, nor half a file
			}
			return err
		}
		fmt.Fprintf(stderr, "exported %s as %s\n", nouns(n, "segment"), *format)
		return nil
	case "train":
		return a.TrainTMLexicon(ctx, stderr)
	case "delete":
		n, err := a.DeleteTMCollection(ctx, *collection)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "deleted %s of collection %q\n", nouns(n, "segment"), *collection)
		return nil
	}
	if *nl != "" {
		nlData, err := os.ReadFile(*nl)
		if err != nil {
			return err
		}
		enData, err := os.ReadFile(*en)
		if err != nil {
			return err
		}
		res, err := a.ImportTM(ctx, app.TMImport{Format: app.TMFormatPairs, NL: nlData, EN: enData, Name: filepath.Base(*nl), Collection: *collection, Who: "cli", Replace: *replace})
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "aligned %s and %s: %d segments imported, %d sentences without a counterpart or in the wrong language%s\n", *nl, *en, res.Imported, res.Skipped, deletedNote(res.Deleted))
		for _, s := range res.SkippedUnits {
			fmt.Fprintf(stderr, "left out: %s\n", s.Reason)
		}
		return nil
	}
	failed := 0
	for _, name := range fs.Args() {
		f := *format
		if f == "" {
			f = app.TMFormatOf(name)
		}
		if f == "" {
			fmt.Fprintf(stderr, "%s: cannot tell the format from the name; give --format\n", name)
			failed++
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(stderr, fileError(name, err))
			failed++
			continue
		}
		res, err := a.ImportTM(ctx, app.TMImport{Format: f, Data: data, Name: filepath.Base(name), Collection: *collection, Who: "cli", Replace: *replace})
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			failed++
			continue
		}
		fmt.Fprintf(stderr, "%s: %d segments imported, %d skipped%s%s\n", name, res.Imported, res.Skipped, repeatsNote(res.Repeats), deletedNote(res.Deleted))
		for _, s := range res.SkippedUnits {
			fmt.Fprintf(stderr, "%s: line %d: unit skipped: %s\n", name, s.Line, s.Reason)
		}
		for _, w := range res.Warnings {
			fmt.Fprintf(stderr, "%s: line %d: warning: %s\n", name, w.Line, w.Message)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files were refused (nothing of them stored)", failed, fs.NArg())
	}
	return nil
}

// deletedNote tells how many segments a --replace import deleted.
// repeatsNote says how many units repeated an earlier one of the file.
func repeatsNote(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return ", 1 unit repeating an earlier one (stored once, the last)"
	}
	return fmt.Sprintf(", %d units repeating earlier ones (stored once, the last)", n)
}

func deletedNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d deleted (--replace)", n)
}
