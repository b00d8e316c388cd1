package main

import (
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tolk-nl/tolk/internal/bench"
	"github.com/tolk-nl/tolk/internal/querymix"
)

// engine is one contestant while serving.
type engine struct {
	name    string
	url     string    // search URL up to the escaped query
	cmd     *exec.Cmd // the HTTP server process
	pid     func() int
	rss     func() (int64, string) // serving memory and how it was taken
	cpu     func() time.Duration   // CPU time of the serving processes so far
	startup time.Duration
	index   *indexRow
}

type indexRow struct {
	name     string
	stats    bench.RunStats
	size     int64
	sizeNote string
	items    string
	load     float64
}

type loadRow struct {
	mix, engine string
	clients     int
	res         bench.LoadResult
	cpuPerQ     time.Duration // server CPU per answered query
	clientCPUQ  time.Duration // load client CPU per answered query
	load        float64
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	corpus := fs.String("corpus", "", "folder of .md/.txt files (required)")
	tolkBin := fs.String("tolk", "", "tolk binary (required for the tolk engine)")
	engines := fs.String("engines", "tolk,pg,bleve", "contestants, in the order each round runs them: tolk, pg, bleve")
	clients := fs.String("clients", "1,8,32", "client counts")
	duration := fs.Duration("duration", 10*time.Second, "length of each load run")
	warm := fs.Duration("warm", 2*time.Second, "unrecorded warm-up per engine and mix, at 8 clients")
	work := fs.String("work", "", "working folder (default a new one under /tmp, removed at the end)")
	keep := fs.Bool("keep", false, "keep the working folder")
	headings := fs.String("headings", "", "English heading list for the English mix (default ../shared/data/bwb-treaties-nl-en/treaty-article-headings-nl-en.tsv.gz beside the repository)")
	pgBin := fs.String("pgbin", "/usr/lib/postgresql/15/bin", "folder with initdb and postgres")
	psql := fs.String("psql", "psql", "psql client")
	nQueries := fs.Int("queries", 200, "queries per mix")
	uncached := fs.Bool("uncached", true, "also serve a copy of tolk's data with --search-cache 0 (\"tolk, no cache\"): the mixes repeat their queries, which tolk's result cache answers; false for a tolk older than the cache")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *corpus == "" {
		return errors.New("run needs -corpus DIR")
	}
	var counts []int
	for _, s := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 256 {
			return fmt.Errorf("bad client count %q", s)
		}
		counts = append(counts, n)
	}
	want := map[string]bool{}
	var order []string
	for _, e := range strings.Split(*engines, ",") {
		e = strings.TrimSpace(e)
		if e != "tolk" && e != "pg" && e != "bleve" {
			return fmt.Errorf("unknown engine %q", e)
		}
		want[e] = true
		order = append(order, e)
	}
	if want["tolk"] && *tolkBin == "" {
		return errors.New("the tolk engine needs -tolk BIN")
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}

	files, err := bench.ReadFolder(*corpus)
	if err != nil {
		return err
	}
	chars := 0
	for _, f := range files {
		chars += len([]rune(f.Text))
	}
	mixes := []struct {
		name    string
		queries []string
	}{{"nl", querymix.Dutch(bench.Docs(files), *nQueries, querymix.DefaultSeed)}}
	if *headings == "" {
		*headings = defaultHeadings()
	}
	if en, err := readEnglish(*headings, *nQueries); err != nil {
		fmt.Fprintf(stderr, "no English mix: %v\n", err)
	} else {
		mixes = append(mixes, struct {
			name    string
			queries []string
		}{"en", en})
	}

	dir := *work
	if dir == "" {
		if dir, err = os.MkdirTemp("", "tolkbench."); err != nil {
			return err
		}
		if !*keep {
			defer os.RemoveAll(dir)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.Chmod(dir, 0o755); err != nil { // postgres must reach its data dir below
		return err
	}
	logf := func(format string, a ...any) {
		fmt.Fprintf(stderr, "%s "+format+"\n", append([]any{time.Now().UTC().Format("15:04:05")}, a...)...)
	}
	logf("corpus %s: %d files, %d characters; work in %s", *corpus, len(files), chars, dir)

	var idxRows []*indexRow
	var serving []*engine
	var cleanup []func()
	defer func() {
		for i := len(cleanup) - 1; i >= 0; i-- {
			cleanup[i]()
		}
	}()

	// Indexing, one contestant after the other, nothing else running.
	var pg *bench.PG
	for _, e := range order {
		row := &indexRow{name: e}
		var err error
		switch e {
		case "tolk":
			data := filepath.Join(dir, "tolk")
			args := []string{"ingest", "--data", data}
			for _, f := range files {
				args = append(args, f.Path)
			}
			cmd := exec.CommandContext(ctx, *tolkBin, args...)
			cmd.Stderr, err = os.Create(filepath.Join(dir, "tolk-ingest.log"))
			if err != nil {
				return err
			}
			logf("tolk ingest of %d files", len(files))
			row.items = fmt.Sprintf("%d documents", len(files))
			if row.stats, err = bench.Run(cmd); err != nil {
				// tolk ingest goes on past a file it refuses (an empty
				// one) and says so at the end: count those, stop on
				// anything else.
				logText, _ := os.ReadFile(filepath.Join(dir, "tolk-ingest.log"))
				m := regexp.MustCompile(`(\d+) of (\d+) files were refused`).FindSubmatch(logText)
				if m == nil {
					return fmt.Errorf("%w (log: %s)", err, filepath.Join(dir, "tolk-ingest.log"))
				}
				row.items += fmt.Sprintf(", %s refused (see tolk-ingest.log)", m[1])
			}
			row.size, err = bench.DirSize(data)
			row.sizeNote = "du of the data dir"
		case "bleve":
			cmd := exec.CommandContext(ctx, self, "bleve-index", "-corpus", *corpus, "-index", filepath.Join(dir, "bleve"))
			var out strings.Builder
			cmd.Stderr = &out
			logf("stock bleve index")
			if row.stats, err = bench.Run(cmd); err != nil {
				return fmt.Errorf("%w: %s", err, out.String())
			}
			row.size, err = bench.DirSize(filepath.Join(dir, "bleve"))
			row.sizeNote = "du of the index"
			row.items = strings.TrimSpace(strings.TrimPrefix(out.String(), "bleve: "))
		case "pg":
			pg = &bench.PG{Dir: filepath.Join(dir, "pg"), Port: freePort(), BinDir: *pgBin}
			if err := pg.Init(ctx); err != nil {
				return err
			}
			if _, err := pg.Start(ctx); err != nil {
				return err
			}
			cleanup = append(cleanup, func() { pg.Stop() })
			before, err := bench.Measure(pg.PID())
			if err != nil {
				return err
			}
			logf("postgres load")
			t0 := time.Now()
			smp := bench.StartSampler(pg.PID(), 20*time.Millisecond)
			n, st, err := pg.Load(ctx, *psql, files)
			cpu, written := smp.Stop(before)
			if err != nil {
				return err
			}
			row.stats = bench.RunStats{Wall: time.Since(t0), CPU: cpu + st.CPU, Written: written + st.Written}
			r, err := pg.Exec("SELECT pg_total_relation_size('passages')")
			if err == nil && len(r) == 1 {
				row.size, _ = strconv.ParseInt(r[0][0], 10, 64)
			}
			row.sizeNote = "pg_total_relation_size (table, TOAST, indexes)"
			row.items = fmt.Sprintf("%d passages", n)
		}
		if err != nil {
			return err
		}
		row.load = bench.LoadAvg()
		logf("%s indexed: %v wall, %.2f cores, %s written, %s final", e, row.stats.Wall.Round(time.Millisecond), row.stats.Cores(), mib(row.stats.Written), mib(row.size))
		idxRows = append(idxRows, row)
	}

	// Serving: every contestant up at once (idle ones cost no CPU), each
	// started on its loaded data and timed until it answers.
	for i, e := range order {
		row := idxRows[i]
		switch e {
		case "tolk":
			// The copy for the uncached server is taken before either
			// server starts: a running tolk merges segments and rewrites
			// its files.
			copyDir := filepath.Join(dir, "tolk-uncached")
			if *uncached {
				if out, err := exec.Command("cp", "-a", filepath.Join(dir, "tolk"), copyDir).CombinedOutput(); err != nil {
					return fmt.Errorf("copy tolk's data: %v: %s", err, out)
				}
			}
			addr := fmt.Sprintf("127.0.0.1:%d", freePort())
			cmd := exec.Command(*tolkBin, "serve", "--data", filepath.Join(dir, "tolk"), "--addr", addr)
			eng, err := startServer("tolk", cmd, "http://"+addr+"/healthz", filepath.Join(dir, "tolk-serve.log"))
			if err != nil {
				return err
			}
			cleanup = append(cleanup, eng.stop)
			eng.url = "http://" + addr + "/api/v1/search?q="
			eng.index = row
			serving = append(serving, eng.engine)
			if !*uncached {
				break
			}
			// The same data, copied (two servers cannot share a data
			// directory), served without the result cache.
			addr = fmt.Sprintf("127.0.0.1:%d", freePort())
			cmd = exec.Command(*tolkBin, "serve", "--data", copyDir, "--addr", addr, "--search-cache", "0")
			if eng, err = startServer("tolk, no cache", cmd, "http://"+addr+"/healthz", filepath.Join(dir, "tolk-uncached-serve.log")); err != nil {
				return err
			}
			cleanup = append(cleanup, eng.stop)
			eng.url = "http://" + addr + "/api/v1/search?q="
			eng.index = row
			serving = append(serving, eng.engine)
		case "bleve":
			addr := fmt.Sprintf("127.0.0.1:%d", freePort())
			cmd := exec.Command(self, "bleve-serve", "-index", filepath.Join(dir, "bleve"), "-addr", addr)
			eng, err := startServer("bleve", cmd, "http://"+addr+"/healthz", filepath.Join(dir, "bleve-serve.log"))
			if err != nil {
				return err
			}
			cleanup = append(cleanup, eng.stop)
			for _, op := range []string{"and", "or"} {
				e := *eng.engine
				e.name = "bleve " + strings.ToUpper(op)
				e.url = "http://" + addr + "/search?op=" + op + "&q="
				e.index = row
				serving = append(serving, &e)
			}
		case "pg":
			if err := pg.Stop(); err != nil {
				return err
			}
			took, err := pg.Start(ctx)
			if err != nil {
				return err
			}
			addr := fmt.Sprintf("127.0.0.1:%d", freePort())
			cmd := exec.Command(self, "pg-serve", "-socket", pg.PGSocket(), "-addr", addr, "-conns", strconv.Itoa(maxOf(counts)))
			eng, err := startServer("pg", cmd, "http://"+addr+"/healthz", filepath.Join(dir, "pg-serve.log"))
			if err != nil {
				return err
			}
			cleanup = append(cleanup, eng.stop)
			front := eng.pid
			eng.startup = took
			eng.pid = func() int { return pg.PID() }
			eng.rss = func() (int64, string) {
				t, _ := bench.Measure(pg.PID())
				f, _ := bench.Measure(front())
				return t.PSS + f.RSS, "PSS of all postgres processes + RSS of the HTTP front"
			}
			eng.cpu = func() time.Duration {
				t, _ := bench.Measure(pg.PID())
				f, _ := bench.Measure(front())
				return t.CPU + f.CPU
			}
			eng.url = "http://" + addr + "/search?q="
			eng.index = row
			eng.name = "Postgres"
			serving = append(serving, eng.engine)
		}
	}
	for _, e := range serving {
		logf("%s started in %v", e.name, e.startup.Round(time.Millisecond))
	}

	// Warm-up, then the measured runs: for each mix and client count, the
	// contestants one after the other (interleaved).
	for _, m := range mixes {
		for _, e := range serving {
			bench.Load(ctx, e.url, m.queries, 8, *warm)
		}
	}
	var rows []loadRow
	for _, m := range mixes {
		for _, c := range counts {
			for _, e := range serving {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				b := e.cpu()
				cb := selfCPU()
				res := bench.Load(ctx, e.url, m.queries, c, *duration)
				a := e.cpu()
				ca := selfCPU()
				r := loadRow{mix: m.name, engine: e.name, clients: c, res: res, load: bench.LoadAvg()}
				if res.Requests > 0 {
					r.cpuPerQ = (a - b) / time.Duration(res.Requests)
					r.clientCPUQ = (ca - cb) / time.Duration(res.Requests)
				}
				logf("%s %s %d clients: %.0f q/s, p50 %v, p99 %v, %d errors %s (load %.2f)", m.name, e.name, c, res.QPS(),
					res.P50.Round(10*time.Microsecond), res.P99.Round(10*time.Microsecond), res.Errors, res.FirstErr, r.load)
				rows = append(rows, r)
			}
		}
	}

	report(stdout, reportInput{corpus: *corpus, files: len(files), chars: chars, idx: idxRows, serving: serving,
		rows: rows, counts: counts, duration: *duration, mixes: len(mixes), nQueries: *nQueries, tolkBin: *tolkBin})
	return nil
}

func maxOf(xs []int) int {
	m := 1
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

type started struct {
	*engine
	stop func()
}

// startServer starts cmd, waits until health answers 200 (at most a
// minute) and returns the time from exec to that answer.
func startServer(name string, cmd *exec.Cmd, health, logPath string) (started, error) {
	log, err := os.Create(logPath)
	if err != nil {
		return started{}, err
	}
	cmd.Stdout, cmd.Stderr = log, log
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		log.Close()
		return started{}, err
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); log.Close(); close(done) }()
	stop := func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}
	hc := &http.Client{Timeout: time.Second}
	for time.Since(t0) < time.Minute {
		if resp, err := hc.Get(health); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				pid := cmd.Process.Pid
				e := &engine{name: name, cmd: cmd, startup: time.Since(t0), pid: func() int { return pid }}
				e.rss = func() (int64, string) {
					t, _ := bench.Measure(pid)
					return t.RSS, fmt.Sprintf("VmRSS (peak VmHWM %s)", mib(t.HWM))
				}
				e.cpu = func() time.Duration {
					t, _ := bench.Measure(pid)
					return t.CPU
				}
				return started{engine: e, stop: stop}, nil
			}
		}
		select {
		case <-done:
			return started{}, fmt.Errorf("%s exited before answering (log: %s)", name, logPath)
		case <-time.After(10 * time.Millisecond):
		}
	}
	stop()
	return started{}, fmt.Errorf("%s did not answer within a minute (log: %s)", name, logPath)
}

func freePort() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func defaultHeadings() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "..", "shared", "data", "bwb-treaties-nl-en", "treaty-article-headings-nl-en.tsv.gz")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if filepath.Dir(d) == d {
			return "/work/shared/data/bwb-treaties-nl-en/treaty-article-headings-nl-en.tsv.gz"
		}
	}
}

func readEnglish(path string, n int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		r = zr
	}
	return querymix.English(r, n, querymix.DefaultSeed)
}

func mib(n int64) string { return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20)) }
