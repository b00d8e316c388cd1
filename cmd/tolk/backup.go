package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/tolk-nl/tolk/internal/app"
)

// backupCmd runs `tolk backup DIR`: a snapshot of the data directory
// (opened here: no other tolk may have it open), or with --server of a
// running tolk through POST /api/v1/admin/backup with TOLK_TOKEN.
func backupCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	var d dataFlags
	d.register(fs, getenv)
	server := fs.String("server", "", "back up the tolk serving at this URL (e.g. http://127.0.0.1:8080) instead of --data; the token is TOLK_TOKEN")
	if err := parseArgs(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{"backup needs one directory to write to (absent or empty)"}
	}
	dir := fs.Arg(0)
	start := time.Now()
	var (
		m   *app.BackupManifest
		err error
	)
	if *server != "" {
		m, err = remoteBackup(ctx, *server, getenv("TOLK_TOKEN"), dir)
	} else {
		if d.memory {
			return &usageError{"backup --memory has nothing to back up; use --data or --server"}
		}
		// Opening a directory without tolk's data would create and seed
		// one, and back up that: a mistyped --data must not look like
		// a backup.
		if err := holdsData(d.data); err != nil {
			return fmt.Errorf("%w: nothing to back up", err)
		}
		var a *app.App
		a, err = openApp(ctx, d, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
		if err != nil {
			return fmt.Errorf("%w (to back up a running tolk use --server)", err)
		}
		defer a.Close()
		m, err = a.Backup(ctx, dir)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup in %s: %d documents, %d concepts, %d segments, %s, taken %s in %v\n",
		dir, m.Documents, m.Concepts, m.Segments, sizeOf(m.Files), m.Created.Format(time.RFC3339), time.Since(start).Round(time.Millisecond))
	return nil
}

// remoteBackup asks the tolk at base for a backup and unpacks it into dir.
func remoteBackup(ctx context.Context, base, token, dir string) (*app.BackupManifest, error) {
	resp, err := adminRequest(ctx, http.MethodPost, base, "/api/v1/admin/backup", token)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return app.ReadBackup(ctx, resp.Body, dir)
}

// adminRequest sends an admin request with the token to the tolk at base
// and returns a 200 answer; any other status is an error with the
// answer's message.
func adminRequest(ctx context.Context, method, base, path, token string) (*http.Response, error) {
	if token == "" {
		return nil, &usageError{"--server needs the write token in TOLK_TOKEN"}
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(base, "/")+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusOK {
		return resp, nil
	}
	defer resp.Body.Close()
	var e struct {
		Error struct{ Message string } `json:"error"`
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if json.Unmarshal(body, &e) == nil && e.Error.Message != "" {
		return nil, fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, e.Error.Message)
	}
	return nil, fmt.Errorf("%s %s: %s", method, path, resp.Status)
}

// restoreCmd runs `tolk restore DIR`: it puts the backup in DIR into the
// data directory and rebuilds the index there.
func restoreCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	var d dataFlags
	d.register(fs, getenv)
	force := fs.Bool("force", false, "restore into a data directory that is not empty, replacing tolk's files there (never one a running tolk has open)")
	if err := parseArgs(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{"restore needs the backup's directory"}
	}
	if d.memory {
		return &usageError{"restore --memory would keep nothing; use --data"}
	}
	cfg, err := appConfig(d, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	start := time.Now()
	r, err := app.Restore(ctx, fs.Arg(0), cfg, *force)
	if err != nil {
		return err
	}
	how := "rebuilt from the store"
	if r.IndexCopied {
		how = fmt.Sprintf("restored from its copy, %d documents repaired to match the store", len(r.Repaired))
	}
	fmt.Fprintf(stdout, "restored the backup of %s into %s: %d documents, %d concepts, %d segments; index %s; %v in all\n",
		r.Created.Format(time.RFC3339), d.data, r.Documents, r.Concepts, r.Segments, how, time.Since(start).Round(time.Millisecond))
	return nil
}

func sizeOf(fs []app.BackupFile) string {
	var n int64
	for _, f := range fs {
		n += f.Size
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
