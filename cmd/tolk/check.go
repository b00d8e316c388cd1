package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/tolk-nl/tolk/internal/app"
)

// differencesError is what check returns when it found differences that
// are left (not asked to repair, or not repairable): exit status 1.
type differencesError struct {
	n      int
	repair bool
}

func (e *differencesError) Error() string {
	if e.repair {
		return fmt.Sprintf("%d differences remain after the repair", e.n)
	}
	return fmt.Sprintf("%d differences between the store and what is derived from it; tolk check --repair repairs them", e.n)
}

// checkCmd runs `tolk check [--repair] [--quick] [--json]`: it opens the
// data directory without the start-up repair, compares the store with the
// index (and the glossary and translation memory with what is built from
// them), prints what differs and, with --repair, repairs it and checks
// again.
func checkCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var d dataFlags
	d.register(fs, getenv)
	repair := fs.Bool("repair", false, "repair the differences from the store, then check again")
	quick := fs.Bool("quick", false, "compare passage IDs only (what start-up does), not each passage's indexed text")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	server := fs.String("server", "", "check the tolk serving at this URL (e.g. http://127.0.0.1:8080) instead of --data; the token is TOLK_TOKEN")
	if err := parseArgs(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{"check takes no arguments; the data directory is --data"}
	}
	var (
		r   *app.CheckReport
		err error
	)
	if *server != "" {
		r, err = remoteCheck(ctx, *server, getenv("TOLK_TOKEN"), !*quick, *repair)
		d.data = *server
	} else {
		r, err = localCheck(ctx, d, !*quick, *repair, stderr)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	} else if err := printReport(stdout, d.data, r); err != nil {
		return err
	}
	if r.Clean() {
		return nil
	}
	n := len(r.Findings)
	if r.Repaired {
		n = len(r.Remaining)
	}
	return &differencesError{n: n, repair: r.Repaired}
}

// holdsData refuses a data directory without tolk's store: opening one
// would create and seed it, which a command that reads the data (check,
// backup) must not do for a mistyped --data.
func holdsData(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "tolk.db")); err != nil {
		return fmt.Errorf("%s holds no tolk data: %w", dir, err)
	}
	return nil
}

// localCheck opens the data directory without the start-up repair and
// checks it.
func localCheck(ctx context.Context, d dataFlags, content, repair bool, stderr io.Writer) (*app.CheckReport, error) {
	if d.memory {
		return nil, &usageError{"check --memory has nothing to check; use --data"}
	}
	if err := holdsData(d.data); err != nil {
		return nil, err
	}
	cfg, err := appConfig(d, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError})))
	if err != nil {
		return nil, err
	}
	// Without --repair the check changes nothing, a damaged index
	// included; with it, Open sets such an index aside and rebuilds it.
	cfg.NoRepair, cfg.KeepDamagedIndex = true, !repair
	a, err := app.Open(ctx, cfg)
	if errors.Is(err, app.ErrIndexDamaged) && !repair {
		return nil, fmt.Errorf("%w (tolk check --repair sets it aside and rebuilds it from the stored documents; to check a running tolk use --server)", err)
	}
	if err != nil {
		return nil, fmt.Errorf("%w (to check a running tolk use --server)", err)
	}
	defer a.Close()
	return a.CheckData(ctx, app.CheckOptions{Content: content, Repair: repair})
}

// remoteCheck asks the tolk at base to check (GET /api/v1/admin/check) or
// to repair (POST /api/v1/admin/repair) its data.
func remoteCheck(ctx context.Context, base, token string, content, repair bool) (*app.CheckReport, error) {
	method, path := http.MethodGet, "/api/v1/admin/check"
	if repair {
		method, path = http.MethodPost, "/api/v1/admin/repair"
	}
	if !content {
		path += "?quick=true"
	}
	resp, err := adminRequest(ctx, method, base, path, token)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var r app.CheckReport
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return nil, fmt.Errorf("reading the report: %w", err)
	}
	return &r, nil
}

func printReport(w io.Writer, dir string, r *app.CheckReport) error {
	fmt.Fprintf(w, "checked %s: %d documents, %d passages, %d concepts, %d segments\n", dir, r.Documents, r.Passages, r.Concepts, r.Segments)
	list := func(title string, fs []app.Finding) error {
		if len(fs) == 0 {
			fmt.Fprintf(w, "%s: none\n", title)
			return nil
		}
		fmt.Fprintf(w, "%s: %d\n", title, len(fs))
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		for _, f := range fs {
			p := ""
			if f.Passages > 0 {
				p = fmt.Sprintf("%d passages", f.Passages)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", f.Problem, f.ID, p, f.Detail)
		}
		return tw.Flush()
	}
	if err := list("differences", r.Findings); err != nil {
		return err
	}
	if r.Repaired {
		return list("repaired; differences left", r.Remaining)
	}
	return nil
}

// parseArgs parses flags that may come before, between or after the
// arguments (tolk restore DIR --data D); fs.Args() holds the arguments
// afterwards.
func parseArgs(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	var pos []string
	for {
		if err := parseFlags(fs, args, stderr); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...) // after "--" everything is an argument
			break
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
	// "--" ends the flags: what follows it is fs.Args().
	if err := fs.Parse(append([]string{"--"}, pos...)); err != nil {
		return &usageError{err.Error()}
	}
	return nil
}
