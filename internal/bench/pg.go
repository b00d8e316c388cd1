package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
)

// PG is a PostgreSQL server that the benchmark runs in a directory of
// its own, listening on a Unix socket in that directory only (no TCP),
// with trust authentication.
type PG struct {
	Dir    string // data directory; the socket is here too
	Port   int    // names the socket file
	BinDir string // where initdb and postgres are
	cmd    *exec.Cmd
	cred   *syscall.Credential
}

// PGSocket is the path of the server's socket.
func (p *PG) PGSocket() string { return filepath.Join(p.Dir, ".s.PGSQL."+strconv.Itoa(p.Port)) }

func (p *PG) credential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	// initdb and postgres refuse to run as root: run them as postgres.
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("bench: running as root needs a postgres user: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// Init creates the data directory with initdb (UTF-8, trust).
func (p *PG) Init(ctx context.Context) error {
	cred, err := p.credential()
	if err != nil {
		return err
	}
	p.cred = cred
	if err := os.MkdirAll(p.Dir, 0o700); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if cred != nil {
		if err := os.Chown(p.Dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
	}
	cmd := exec.CommandContext(ctx, filepath.Join(p.BinDir, "initdb"), "-D", p.Dir, "-U", "postgres",
		"--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	cmd.Dir = p.Dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("bench: initdb: %w\n%s", err, out)
	}
	return nil
}

// Start starts the server and waits until it answers a query; it returns
// the time from exec to the first answer.
func (p *PG) Start(ctx context.Context) (time.Duration, error) {
	log, err := os.OpenFile(filepath.Join(filepath.Dir(p.Dir), filepath.Base(p.Dir)+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	defer log.Close()
	p.cmd = exec.Command(filepath.Join(p.BinDir, "postgres"), "-D", p.Dir, "-k", p.Dir, "-p", strconv.Itoa(p.Port),
		"-c", "listen_addresses=", "-c", "max_connections=100")
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: p.cred}
	p.cmd.Stdout, p.cmd.Stderr = log, log
	t0 := time.Now()
	if err := p.cmd.Start(); err != nil {
		return 0, fmt.Errorf("bench: postgres: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- p.cmd.Wait() }()
	for time.Since(t0) < time.Minute {
		if c, err := dialPG(p.PGSocket(), "postgres", "postgres"); err == nil {
			_, qerr := c.query("SELECT 1")
			c.Close()
			if qerr == nil {
				took := time.Since(t0)
				go func() { <-exited }()
				p.cmd.Process.Release()
				return took, nil
			}
		}
		select {
		case err := <-exited:
			return 0, fmt.Errorf("bench: postgres exited: %v (log: %s.log)", err, p.Dir)
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
	return 0, errors.New("bench: postgres did not answer within a minute")
}

// PID is the postmaster's process id (0 when not started).
func (p *PG) PID() int {
	if p.cmd == nil || p.cmd.Process == nil {
		return 0
	}
	b, err := os.ReadFile(filepath.Join(p.Dir, "postmaster.pid"))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.SplitN(string(b), "\n", 2)[0])
	return pid
}

// Stop shuts the server down (fast shutdown) and waits up to a minute.
func (p *PG) Stop() error {
	pid := p.PID()
	if pid == 0 {
		return nil
	}
	if err := syscall.Kill(pid, syscall.SIGINT); err != nil {
		return fmt.Errorf("bench: stopping postgres: %w", err)
	}
	for range 6000 {
		if syscall.Kill(pid, 0) != nil {
			p.cmd = nil
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return errors.New("bench: postgres did not stop within a minute")
}

// Exec runs SQL statements on a new connection.
func (p *PG) Exec(sql string) ([][]string, error) {
	c, err := dialPG(p.PGSocket(), "postgres", "postgres")
	if err != nil {
		return nil, err
	}
	defer c.Close()
	return c.query(sql)
}

// pgSchema holds each passage with its tsvector stored (a generated
// column, computed while copying) under the dutch configuration.
const pgSchema = `DROP TABLE IF EXISTS passages;
CREATE TABLE passages (id text PRIMARY KEY, doc text NOT NULL, body text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('dutch', body)) STORED);`

// Load creates the table, copies the passages of files in with psql's
// \copy (one COPY), builds the GIN index and analyses the table, through
// psql at psqlPath. It returns the number of passages and psql's own
// cost (the server's is measured from outside).
func (p *PG) Load(ctx context.Context, psqlPath string, files []File) (int, RunStats, error) {
	if _, err := p.Exec(pgSchema); err != nil {
		return 0, RunStats{}, err
	}
	pr, pw := io.Pipe()
	cmd := exec.CommandContext(ctx, psqlPath, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", p.Dir, "-p", strconv.Itoa(p.Port),
		"-U", "postgres", "-d", "postgres",
		"-c", `\copy passages (id, doc, body) from stdin`,
		"-c", "CREATE INDEX passages_tsv ON passages USING gin (tsv)",
		"-c", "ANALYZE passages")
	cmd.Stdin = pr
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	n := 0
	go func() {
		w := bufio.NewWriterSize(pw, 1<<20)
		for _, f := range files {
			for _, ps := range Passages(f.ID, f.Text) {
				fmt.Fprintf(w, "%s\t%s\t%s\n", copyText(ps.Doc+"#"+strconv.Itoa(ps.N)), copyText(ps.Doc), copyText(ps.Text))
				n++
			}
		}
		w.WriteString("\\.\n")
		pw.CloseWithError(w.Flush())
	}()
	st, err := Run(cmd)
	pr.Close()
	if err != nil {
		return n, st, fmt.Errorf("%w\n%s", err, out.String())
	}
	return n, st, nil
}

// copyText escapes s for COPY's text format.
func copyText(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`, "\x00", "").Replace(s)
}

// pgSearch is the query of the PostgreSQL contestant: the passages that
// match all words (plainto_tsquery), ranked by ts_rank, their total, and
// ts_headline fragments for the top 10.
const pgSearch = `WITH q AS (SELECT plainto_tsquery('dutch', %[1]s) AS q),
m AS (SELECT p.id, p.body, ts_rank(p.tsv, q.q) AS r, count(*) OVER () AS total
      FROM passages p, q WHERE p.tsv @@ q.q ORDER BY r DESC LIMIT 10)
SELECT m.id, m.r, m.total, ts_headline('dutch', m.body, q.q) FROM m, q ORDER BY m.r DESC`

// PGHandler is a minimal gin server in front of PostgreSQL: GET
// /search?q=… answers as BleveHandler does, from a pool of up to conns
// connections; GET /healthz answers 200.
func PGHandler(socket string, conns int) http.Handler {
	pool := make(chan *pgConn, conns)
	slots := make(chan struct{}, conns)
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.GET("/search", func(c *gin.Context) {
		q := c.Query("q")
		if q == "" || strings.IndexByte(q, 0) >= 0 {
			c.JSON(http.StatusBadRequest, gin.H{"error": "q is required"})
			return
		}
		slots <- struct{}{}
		defer func() { <-slots }()
		var pc *pgConn
		select {
		case pc = <-pool:
		default:
			var err error
			if pc, err = dialPG(socket, "postgres", "postgres"); err != nil {
				c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
				return
			}
		}
		rows, err := pc.query(fmt.Sprintf(pgSearch, pgLiteral(q)))
		var pe *PGError
		if err != nil && !errors.As(err, &pe) {
			pc.Close() // the connection is broken
			c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
			return
		}
		pool <- pc
		if err != nil {
			c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
			return
		}
		out := Answer{Hits: make([]Hit, 0, len(rows))}
		for _, row := range rows {
			score, _ := strconv.ParseFloat(row[1], 64)
			out.Total, _ = strconv.ParseUint(row[2], 10, 64)
			out.Hits = append(out.Hits, Hit{ID: row[0], Score: score, Fragments: []string{row[3]}})
		}
		c.JSON(http.StatusOK, out)
	})
	return r
}
