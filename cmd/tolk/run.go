package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/glossary/exchange"
	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/internal/corpus"
	"github.com/tolk-nl/tolk/internal/server"
)

const usage = `usage: tolk <command> [flags] [arguments]

commands:
  serve                 run the web service (default 127.0.0.1:8080, data in ./tolk-data)
  search QUERY          print the passages that match QUERY, best first
  ingest FILE|DIR...    add documents (PDF, Word, OpenDocument, HTML, official XML, Markdown, text)
                        to the data directory; a DIR is walked recursively; an unchanged file is
                        skipped, a file whose id is taken is refused unless --replace
  annotate FILE         print FILE (or - for stdin) with the glossary's terms marked, and a term table
  glossary export       write the glossary (--format tbx|csv|xlsx|omegat|tsv|json) to stdout or --out
  glossary import FILE  import a term list into a collection (--format, --collection)
  glossary delete       delete every concept of a collection (--collection; not curated)
  tm import FILE...      import translation memories (tmx, tsv, csv, pairs) or align --nl/--en texts
  tm export             write the translation memory (--format tmx|tsv) to stdout or --out
  tm delete             delete every segment of a translation-memory collection (--collection)
  tm train              rebuild the translation lexicon from the translation memory
  check                 compare the store with the index and the glossary; --repair repairs
  backup DIR            write a consistent snapshot of the data to DIR (--server: of a running tolk)
  restore DIR           restore the backup in DIR into --data (an empty directory, or --force)
  version               print the version

Run 'tolk <command> -h' for a command's flags.
`

// usageError is an error in how tolk was called; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// run is tolk without the process: arguments, environment and streams
// come in, so tests drive it like a user does.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	defer func() {
		if errors.Is(err, errHelpShown) {
			err = nil // -h printed the command's flags: done
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return &usageError{"no command given"}
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], getenv, stderr)
	case "search":
		return search(ctx, args[1:], getenv, stdout, stderr)
	case "ingest":
		return ingestFiles(ctx, args[1:], getenv, stderr)
	case "annotate":
		return annotate(ctx, args[1:], getenv, stdin, stdout, stderr)
	case "glossary":
		return glossaryCmd(ctx, args[1:], getenv, stdin, stdout, stderr)
	case "tm":
		return tmCmd(ctx, args[1:], getenv, stdout, stderr)
	case "check":
		return checkCmd(ctx, args[1:], getenv, stdout, stderr)
	case "backup":
		return backupCmd(ctx, args[1:], getenv, stdout, stderr)
	case "restore":
		return restoreCmd(ctx, args[1:], getenv, stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "tolk", version())
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return &usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}

// dataFlags are the flags every command that opens the data shares.
type dataFlags struct {
	data   string
	memory bool
}

func (d *dataFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	def := getenv("TOLK_DATA")
	if def == "" {
		def = "tolk-data"
	}
	fs.StringVar(&d.data, "data", def, "data directory: the index and the stored documents and glossary (env TOLK_DATA)")
	fs.BoolVar(&d.memory, "memory", false, "keep everything in memory; nothing is written to disk")
}

// errHelpShown is parseFlags's answer to -h or --help once the flags are
// printed: the command stops there, and run reports success.
var errHelpShown = errors.New("help shown")

func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelpShown
		}
		return &usageError{err.Error()}
	}
	return nil
}

func openApp(ctx context.Context, d dataFlags, log *slog.Logger) (*app.App, error) {
	cfg, err := appConfig(d, log)
	if err != nil {
		return nil, err
	}
	return app.Open(ctx, cfg)
}

// appConfig is the configuration every command opens the data with.
func appConfig(d dataFlags, log *slog.Logger) (app.Config, error) {
	curated, err := glossary.Curated()
	if err != nil {
		return app.Config{}, err
	}
	// On disk the splitter is read from the data directory's snapshot
	// when there is one of the same words, and written there otherwise.
	dir := d.data
	if d.memory {
		dir = ""
	}
	sp, read, err := app.LoadSplitter(dir, curated, corpus.Default())
	if err != nil {
		return app.Config{}, err
	}
	return app.Config{
		DataDir: d.data, Memory: d.memory, Corpus: corpus.Default(), Glossary: curated, Splitter: sp,
		SplitterSnapshot: dir != "" && !read, Logger: log,
	}, nil
}

// tokens reads the write tokens: TOLK_TOKEN (named "default") and
// TOLK_TOKENS, a comma-separated list of name=token pairs, so that each
// editor's changes are recorded under their own name.
func tokens(getenv func(string) string) (map[string]string, error) {
	ts := map[string]string{}
	if t := getenv("TOLK_TOKEN"); t != "" {
		ts[t] = "default"
	}
	for _, pair := range strings.Split(getenv("TOLK_TOKENS"), ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		name, tok, ok := strings.Cut(pair, "=")
		if !ok || name == "" || tok == "" {
			return nil, &usageError{fmt.Sprintf("TOLK_TOKENS: %q is not name=token", pair)}
		}
		if other, dup := ts[tok]; dup && other != name {
			// The history names the editor by the token: one secret
			// for two names would record one's edits as the other's.
			return nil, &usageError{fmt.Sprintf("TOLK_TOKENS: %s and %s have the same token; give each editor their own", other, name)}
		}
		ts[tok] = name
	}
	for t, name := range ts {
		if len(t) < 8 {
			return nil, &usageError{fmt.Sprintf("%s: a write token must have at least 8 characters", tokenSource(name))}
		}
		if strings.TrimFunc(t, unicode.IsSpace) != t || strings.IndexFunc(t, unicode.IsControl) >= 0 {
			// HTTP trims a header's value, so a token ending in a space
			// or a \r (an environment file written on Windows) could
			// never be presented: every write answered 401.
			return nil, &usageError{fmt.Sprintf("%s: the write token has white space or a control character at an end or inside (a trailing space or \\r?); HTTP cannot carry it", tokenSource(name))}
		}
	}
	return ts, nil
}

// tokenSource names where the token of the editor name came from.
func tokenSource(name string) string {
	if name == "default" {
		return "TOLK_TOKEN"
	}
	return "TOLK_TOKENS (" + name + ")"
}

// serveUsage heads serve's -h: what an administrator sets besides the
// flags, and how the server stops.
const serveUsage = `usage: tolk serve [flags]

Serves the web UI and the API until SIGTERM or SIGINT, then waits for the
running requests (--shutdown-timeout) and closes the data cleanly.

Environment:
  TOLK_TOKEN=<secret>          enables writes (documents, glossary, translation memory,
                               backup, repair) for 'Authorization: Bearer <secret>';
                               without a token every write answers 403
  TOLK_TOKENS=alice=<s1>,bob=<s2>
                               one token per editor, whose changes are recorded by name
  TOLK_METRICS_TOKEN=<secret>  /metrics asks for it (open without)
  TOLK_DATA, TOLK_ADDR, TOLK_TM_SEED, TOLK_TRUSTED_PROXIES, TOLK_READ_TIMEOUT, …
                               the flags (env …) below: a flag given wins
  GOMEMLIMIT, GOGC             the Go runtime's memory limit and collector (see --memory-limit)

Flags:
`

func serve(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), serveUsage)
		fs.PrintDefaults()
	}
	var d dataFlags
	d.register(fs, getenv)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on, HOST:PORT (env TOLK_ADDR)")
	dev := fs.String("dev", "", "serve the UI's templates and static files from this folder (e.g. web) instead of the embedded ones; read at start")
	pprof := fs.Bool("pprof", false, "serve Go's profiles under /debug/pprof/, unauthenticated: only on a loopback or trusted address")
	tmSeed := fs.String("tm-seed", "", "treaty pairs (JSON Lines, .gz) to seed the default translation memory from when it is first used; \"none\" for none (env TOLK_TM_SEED; default: ../shared/data/bwb-treaties-nl-en beside the checkout)")
	var mem memoryFlags
	mem.register(fs)
	searchCache := fs.String("search-cache", "32MiB", "size of the cache of recent search answers, such as 32MiB; 0 for none. An answer is kept until the index changes (docs/PERFORMANCE.md, \"Result cache\")")
	var tf timeoutFlags
	tf.register(fs)
	proxies := fs.String("trusted-proxies", "", "comma-separated addresses or networks (CIDR) of reverse proxies in front of tolk, such as 127.0.0.1 or 10.0.0.0/8: the log names the client their X-Forwarded-For or X-Real-IP gives; from others those headers are ignored (env TOLK_TRUSTED_PROXIES)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if err := flagsFromEnv(fs, getenv, serveEnv); err != nil {
		return err
	}
	if err := tf.validate(); err != nil {
		return err
	}
	trusted, err := trustedProxies(*proxies)
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		// tolk serve DIR --addr …: the flag package stops at DIR, so the
		// directory and every flag after it were ignored and a new
		// ./tolk-data was served on the default address.
		return &usageError{fmt.Sprintf("serve takes no arguments, only flags (%q is not one): the data directory is --data DIR", fs.Arg(0))}
	}
	cacheSize, err := parseSize(*searchCache)
	if err != nil {
		return &usageError{"--search-cache: " + err.Error()}
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	toks, err := tokens(getenv)
	if err != nil {
		return err
	}
	ms, err := mem.settings(getenv)
	if err != nil {
		return err
	}
	start := time.Now()
	cfg, err := appConfig(d, log)
	if err != nil {
		return err
	}
	cfg.SearchCache = cacheSize
	cfg.RetrainLexicon = true
	ms.cache = cacheSize
	if cfg.TMSeed = defaultTMPath(*tmSeed, getenv); cfg.TMSeed == "" {
		if seed := *tmSeed; seed == "none" || seed == "" && getenv("TOLK_TM_SEED") == "none" {
			log.Info("no default translation memory: --tm-seed none")
		} else {
			log.Info("no default translation memory: the treaty pairs were not found (set --tm-seed or TOLK_TM_SEED)")
		}
	}
	a, err := app.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		// The last line says whether the data was closed cleanly: the
		// log ended at "shutting down" either way.
		if err := a.Close(); err != nil {
			log.Error("stopped; closing the data failed: the next start checks the index against the store", "err", err)
			return
		}
		log.Info("stopped")
	}()
	// After start-up: checking the index against the store holds every
	// passage ID at once, and under the limit the collector would run
	// for most of it. What start-up left is given back to the system
	// alongside.
	passages, _ := a.Index().Count()
	ms.apply(passages, a.TMLoadedSegments())
	go debug.FreeOSMemory()
	stopMapped := keepMapped(ctx, a, ms, log)
	defer stopMapped()
	stopHeap := releaseHeapAfterLoads(ctx, mappedCheck, debug.FreeOSMemory)
	defer stopHeap()
	stopFollow := followMemory(ctx, a, ms)
	defer stopFollow()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	where := "memory"
	if !d.memory {
		where, _ = filepath.Abs(d.data)
	}
	log.Info("tolk listening", "addr", "http://"+ln.Addr().String(), "data", where,
		"documents", len(a.Documents()), "writes", len(toks) > 0, "startup", time.Since(start).Round(time.Millisecond))
	opts := server.Options{Tokens: toks, Logger: log, Version: version(), Pprof: *pprof, MetricsToken: getenv("TOLK_METRICS_TOKEN"), Timeouts: tf.t, TrustedProxies: trusted}
	if *dev != "" {
		opts.Web = os.DirFS(*dev)
	}
	h, err := server.New(a, opts)
	if err != nil {
		ln.Close()
		return err
	}
	srv := h.HTTPServer()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "wait", tf.shutdown)
	sctx, cancel := context.WithTimeout(context.Background(), tf.shutdown)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			// What was stored is stored (each write commits whole or not
			// at all); the requests still running are cut off.
			return fmt.Errorf("shutdown: requests still running after %v (--shutdown-timeout) were cut off; writes they had not finished are not stored", tf.shutdown)
		}
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func search(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	var d dataFlags
	d.register(fs, getenv)
	limit := fs.Int("limit", 10, "number of passages to print")
	lang := fs.String("lang", "auto", "the query's language: auto, nl or en")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		return &usageError{"search needs a query: tolk search WORDS"}
	}
	a, err := openApp(ctx, d, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.BilingualSearch(ctx, app.SearchRequest{Q: q, Lang: *lang, Limit: *limit})
	if err != nil {
		return err
	}
	if res.Unquoted != "" {
		fmt.Fprintf(stdout, "no passage has the phrase as written; searched without quotes: %s\n", res.Unquoted)
	}
	if res.DidYouMean != "" {
		fmt.Fprintf(stdout, "did you mean: %s\n", res.DidYouMean)
	}
	if len(res.Expanded) > 0 {
		fmt.Fprintf(stdout, "searched for: %s\n", strings.Join(res.Expanded, ", "))
	}
	fmt.Fprintf(stdout, "%d passages match %q\n", res.Total, q)
	for i, h := range res.Hits {
		sec := h.Section
		if sec == "" {
			sec = "-"
		}
		fmt.Fprintf(stdout, "\n%d. %s ¶%d (%s) score %.3f\n%s\n", i+1, h.Doc, h.Paragraph, sec, h.Score, h.Text)
	}
	return nil
}

// defaultSegments is ingest's --segments: one segment build per core, at
// most 4. On 2 cores this took the 1,423 circulars from 1.54 to 1.81
// cores used and left fewer segments for search after the server's
// merges (docs/PERFORMANCE.md, "Bulk indexing, session 8").
func defaultSegments() int {
	return min(runtime.GOMAXPROCS(0), 4)
}

func ingestFiles(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	var d dataFlags
	d.register(fs, getenv)
	replace := fs.Bool("replace", false, "replace a stored document with the same id (without it such a file is refused, the others ingested)")
	batch := fs.Int("batch", app.DefaultBatchPassages, "passages per commit (one index batch and one store transaction)")
	compact := fs.Bool("compact", false, "merge the index's segments into as few as possible at the end (rewrites the index once more)")
	segments := fs.Int("segments", defaultSegments(), "build each commit's passages into this many segments at once, on as many cores")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole ingest (start-up included) to this file")
	memprofile := fs.String("memprofile", "", "write a profile of the allocations of the whole ingest to this file")
	if err := parseArgs(fs, args, stderr); err != nil { // flags also after the files
		return err
	}
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *memprofile != "" {
		runtime.MemProfileRate = 64 << 10 // a sample every 64 KiB: precise enough, cheap enough for a whole load
		defer writeAllocs(*memprofile, stderr)
	}
	if fs.NArg() == 0 {
		return &usageError{"ingest needs one or more files"}
	}
	if *batch < 1 {
		return &usageError{"ingest --batch must be at least 1"}
	}
	if *segments < 1 {
		return &usageError{"ingest --segments must be at least 1"}
	}
	if d.memory {
		return &usageError{"ingest --memory would keep nothing; use --data"}
	}
	a, err := openApp(ctx, d, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer a.Close()
	paths, walked, skipped, err := ingestPlan(fs.Args()) // ingestdir.go
	if err != nil {
		return err
	}
	if note := skippedNote(skipped); note != "" {
		fmt.Fprintln(stderr, note)
	}
	files := make([]app.BulkFile, len(paths))
	for i, p := range paths {
		files[i] = app.BulkFile{Name: filepath.Base(p), Read: func() ([]byte, error) { return os.ReadFile(p) }}
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			files[i].Size = st.Size() // for the progress; a file that cannot be read is reported when it is read
		}
	}
	if getenv("GOMEMLIMIT") == "" {
		// A soft limit makes the collector work harder near it instead
		// of letting the heap double: a bulk load's garbage (parsed
		// documents, token streams) is large and short-lived.
		debug.SetMemoryLimit(ingestMemoryLimit)
	}
	opt := app.BulkOptions{Replace: *replace, SkipUnchanged: true, BatchPassages: *batch, Segments: *segments}
	if len(paths) > 5 {
		opt.Progress = progressPrinter(stderr, time.Second)
	}
	stopRelease := releaseWhileIngesting(ctx, a)
	rep, err := a.AddDocuments(ctx, files, opt)
	stopRelease()
	for _, f := range rep.Failed {
		var ee *app.ExistsError
		if errors.As(f.Err, &ee) {
			fmt.Fprintf(stderr, "%s: document %q (from %s) already exists; --replace replaces it\n", paths[f.File], ee.ID, ee.Name)
		} else {
			fmt.Fprintln(stderr, fileError(paths[f.File], f.Err))
		}
	}
	if err != nil {
		return err
	}
	if *compact {
		if err := a.Index().Compact(ctx); err != nil {
			return err
		}
	}
	if walked || len(rep.Unchanged) > 0 {
		reportFiles(stderr, paths, rep)
	} else if len(paths) <= 5 {
		for i, p := range paths {
			if !refused(rep.Failed, i) {
				fmt.Fprintf(stderr, "ingested %s\n", p)
			}
		}
	}
	if len(rep.Failed) > 0 {
		return fmt.Errorf("%d of %d files were refused", len(rep.Failed), len(paths)) // the count the summary line gives
	}
	return nil
}

// startCPUProfile writes a CPU profile to path until the returned
// function is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpuprofile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeAllocs writes the allocations profile to path, reporting a
// failure on stderr (the ingest itself is done).
func writeAllocs(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "memprofile: %v\n", err)
	}
}

// ingestMemoryLimit is tolk ingest's soft memory limit (GOMEMLIMIT
// overrides it). Peak RSS is this plus the file-backed pages that
// releaseWhileIngesting bounds; see docs/PERFORMANCE.md, "Bulk indexing"
// and "Bulk indexing, session 7".
const ingestMemoryLimit = 200 << 20

func refused(fs []app.BulkFailure, i int) bool {
	for _, f := range fs {
		if f.File == i {
			return true
		}
	}
	return false
}

// progressPrinter returns a BulkOptions.Progress that writes
// "ingested n/N, x docs/s, ETA d" to w (with "k refused" after n/N once a
// file was refused) after the first commit, then at
// most once per every, and at the end. The n files before it are
// committed (stored, or refused and named on stderr at the end).
func progressPrinter(w io.Writer, every time.Duration) func(app.BulkProgress) {
	var last time.Duration
	printed := false
	return func(p app.BulkProgress) {
		if printed && p.Done < p.Total && p.Elapsed-last < every {
			return
		}
		last, printed = p.Elapsed, true
		secs := max(p.Elapsed.Seconds(), 1e-3)
		rate := float64(p.Done) / secs
		// Done counts the refused files too: say how many, or "ingested
		// 8/8" reads as eight stored (they are named at the end).
		line := fmt.Sprintf("ingested %d/%d", p.Done, p.Total)
		// The share of the bytes done foretells the rest better than the
		// share of the files: a folder's files differ in size, and a
		// walk in name order often meets the large ones late.
		left := float64(p.Total-p.Done) / rate
		if p.TotalBytes > 0 {
			line += fmt.Sprintf(" (%.0f%% of %.1f MB)", 100*float64(p.Bytes)/float64(p.TotalBytes), float64(p.TotalBytes)/1e6)
			if p.Bytes > 0 {
				left = float64(p.TotalBytes-p.Bytes) / (float64(p.Bytes) / secs)
			}
		}
		if p.Failed > 0 {
			line += fmt.Sprintf(", %d refused", p.Failed)
		}
		line += fmt.Sprintf(", %.0f docs/s, %d passages", rate, p.Passages)
		if p.Done < p.Total && rate > 0 {
			eta := time.Duration(left * float64(time.Second))
			line += ", ETA " + eta.Round(time.Second).String()
		} else if p.Done == p.Total {
			line += fmt.Sprintf(" in %v", p.Elapsed.Round(100*time.Millisecond))
		}
		fmt.Fprintln(w, line)
	}
}

func glossaryCmd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "export" && args[0] != "import" && args[0] != "delete") {
		return &usageError{"glossary needs a subcommand: export, import or delete"}
	}
	sub := args[0]
	fs := flag.NewFlagSet("glossary "+sub, flag.ContinueOnError)
	var d dataFlags
	d.register(fs, getenv)
	format := fs.String("format", "", "tbx, csv, xlsx, omegat, tsv or json, and for import freedict (default: from the file name, else json); a gzip-compressed file is read uncompressed")
	collection := fs.String("collection", "", "export: only this collection; import: the collection to import into (default import); delete: the collection to delete")
	out := fs.String("out", "", "export: write to this file instead of stdout")
	replace := fs.Bool("replace", false, "import: the collection becomes the file; its concepts the file no longer has are deleted")
	overwrite := fs.Bool("overwrite", false, "import: replace each concept with the file's version whole, also those changed or deleted here after it (without it the file is merged into each concept, and one changed or deleted after the file's version refuses the import)")
	if err := parseArgs(fs, args[1:], stderr); err != nil {
		return err
	}
	a, err := openApp(ctx, d, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer a.Close()
	if sub == "delete" {
		if *collection == "" || fs.NArg() > 0 {
			return &usageError{"glossary delete takes --collection NAME and nothing else"}
		}
		n, err := a.DeleteCollection(*collection, "cli")
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "deleted %s of collection %q\n", nouns(n, "concept"), *collection)
		return nil
	}
	if sub == "export" {
		f := exchange.Format(*format)
		if f == "" {
			f = "json"
			if det, ok := exchange.Detect(*out, nil); ok && *out != "" {
				f = det
			}
		}
		cs, err := a.GlossaryConcepts(*collection, "")
		if err != nil {
			return err
		}
		w := stdout
		if *out != "" {
			fh, err := os.Create(*out)
			if err != nil {
				return err
			}
			defer fh.Close()
			w = fh
		}
		if err := exchange.Export(w, f, cs); err != nil {
			if *out != "" {
				os.Remove(*out) // no half a file
			}
			return err
		}
		fmt.Fprintf(stderr, "exported %s as %s\n", nouns(len(cs), "concept"), f)
		return nil
	}
	if fs.NArg() != 1 {
		return &usageError{"glossary import needs one file"}
	}
	if d.memory {
		return &usageError{"glossary import --memory would keep nothing; use --data"}
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	f := exchange.Format(*format)
	if f == "" {
		det, ok := exchange.Detect(fs.Arg(0), data)
		if !ok {
			return &usageError{"cannot tell the file's format; give --format"}
		}
		f = det
	}
	coll := *collection
	if coll == "" {
		coll = "import"
	}
	if coll == glossary.CollectionCurated {
		return &usageError{"the curated collection is edited concept by concept (the API or the web pages), not imported into; give another --collection"}
	}
	cs, left, err := exchange.Import(strings.NewReader(string(data)), f, coll)
	if err != nil {
		return err
	}
	opt := app.GlossaryImport{Overwrite: *overwrite, KeepVariants: !exchange.HasVariants(f), Places: left.Places}
	if *replace {
		opt.Replace = coll
	}
	res, err := a.ImportGlossary(cs, "cli", opt)
	if err != nil {
		return err
	}
	if *replace {
		fmt.Fprintf(stderr, "imported %s into collection %q and deleted the %d it no longer has\n", nouns(len(cs), "concept"), coll, res.Deleted)
	} else {
		fmt.Fprintf(stderr, "imported %s into collection %q\n", nouns(len(cs), "concept"), coll)
	}
	if !left.Empty() {
		fmt.Fprintf(stderr, "left out: %s\n", left)
	}
	for _, w := range append(left.Warnings, res.Warnings...) {
		fmt.Fprintf(stderr, "warning: %s\n", w.Message)
	}
	return nil
}

func annotate(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("annotate", flag.ContinueOnError)
	var d dataFlags
	d.register(fs, getenv)
	lang := fs.String("lang", "nl", "the text's language: nl, en, or auto")
	if err := parseArgs(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{"annotate needs one file (or - for standard input)"}
	}
	var data []byte
	var err error
	if fs.Arg(0) == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(fs.Arg(0))
	}
	if err != nil {
		return err
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("%s is not valid UTF-8 text", fs.Arg(0))
	}
	a, err := openApp(ctx, d, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer a.Close()
	l := *lang
	if l == "auto" {
		l = ""
	}
	text := string(data)
	anns := a.Annotate(text, l)
	// The text with each term in [brackets] and its number, then the table.
	var b strings.Builder
	last := 0
	for i, an := range anns {
		b.WriteString(text[last:an.Start])
		fmt.Fprintf(&b, "[%s]%d", an.Text, i+1)
		last = an.End
	}
	b.WriteString(text[last:])
	fmt.Fprintln(stdout, strings.TrimRight(b.String(), "\n"))
	fmt.Fprintf(stdout, "\n%d terms (offsets in bytes)\n", len(anns))
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tstart\tend\ttext\tconcept\tvia\tequivalents")
	for i, an := range anns {
		var eq []string
		for _, t := range an.Equivalents {
			eq = append(eq, t.Text)
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\t%s\t%s\n", i+1, an.Start, an.End, an.Text, an.Concept, an.Via, strings.Join(eq, "; "))
	}
	return tw.Flush()
}

// fileError is the line that reports err for the file at path: the path
// once, where the error names it too (open /x.pdf: no such file or
// directory gives /x.pdf: cannot open: no such file or directory).
func fileError(path string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		return fmt.Sprintf("%s: cannot %s: %v", path, pe.Op, pe.Err)
	}
	return fmt.Sprintf("%s: %v", path, err)
}

// nouns counts things for a message: "1 concept", "3 concepts".
func nouns(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
