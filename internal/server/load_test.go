package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The load test runs the real binary, so it is opt-in: it builds tolk,
// starts it several times and keeps both cores busy for about a minute.
// scripts/loadtest.sh measures the same mix with wrk, a client that costs
// the server less CPU; this test is the one that fails when the server
// answers wrongly under load.
//
//	TOLK_LOAD=1 go test ./internal/server -run TestLoad -v
//	TOLK_LOAD=1 TOLK_LOAD_DURATION=15s go test ./internal/server -run TestLoad -v -timeout 10m

// loadParagraph is posted to /api/v1/annotate: a few sentences in the
// letter's register, with terms the curated glossary knows.
const loadParagraph = "Na de staatsgreep van 18 augustus 2020 in Mali heeft Nederland de " +
	"samenwerking met de Malinese overheid opgeschort. Het kabinet roept op tot een " +
	"spoedige terugkeer naar de constitutionele orde en de vrijlating van politieke " +
	"gevangenen. De Europese Unie overweegt sancties tegen wie de transitie belemmert."

// loadRequest is one request of the mix and a piece of text its answer
// must contain, so that a fast wrong answer does not pass.
type loadRequest struct {
	method, path, body string
	want               string
}

// loadMix is the mix scripts/loadtest.lua sends too: searches in both
// languages weigh most, then glossary lookups, annotation and two pages.
var loadMix = []loadRequest{
	{"GET", "/api/v1/search?q=staatsgrepen", "", `"hits":[{`},
	{"GET", "/api/v1/search?q=sanctions", "", `"hits":[{`},
	{"GET", "/api/v1/search?q=%22constitutionele+orde%22", "", `"hits":[{`},
	{"GET", "/api/v1/search?q=political+prisoners", "", `"hits":[{`},
	{"GET", "/api/v1/search?q=samenwerking", "", `"hits":[{`},
	{"GET", "/api/v1/search?q=Takubaa", "", `"hits":[{`},
	{"GET", "/api/v1/glossary?q=staatsgrepen", "", `"id":"staatsgreep"`},
	{"GET", "/api/v1/glossary?q=rule+of+law&lang=en", "", `"id":"rechtsstaat"`},
	{"GET", "/api/v1/glossary/suggest?prefix=staats", "", `"text":"staatsgreep"`},
	{"POST", "/api/v1/annotate", `{"lang":"nl","text":"` + loadParagraph + `"}`, `"concept":"staatsgreep"`},
	{"GET", "/", "", "<title>"},
	{"GET", "/documents/kamerbrief-mali-2020", "", "Kamerbrief over de staatsgreep in Mali"},
}

func TestLoad(t *testing.T) {
	if os.Getenv("TOLK_LOAD") != "1" {
		t.Skip("load test: set TOLK_LOAD=1 to run it (builds and starts tolk; about a minute)")
	}
	dur := 5 * time.Second
	if s := os.Getenv("TOLK_LOAD_DURATION"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatalf("TOLK_LOAD_DURATION: %v", err)
		}
		dur = d
	}
	bin := filepath.Join(t.TempDir(), "tolk")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/tolk-nl/tolk/cmd/tolk").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	t.Run("memory", func(t *testing.T) {
		p := startTolk(t, bin, "--memory")
		t.Logf("startup %v (until /healthz answers); after start %s", p.startup, p.mem())
		for _, clients := range []int{1, 4, 16} {
			r := runLoad(t, p.base, clients, dur)
			t.Logf("%2d clients: %s", clients, r)
		}
		t.Logf("after load %s", p.mem())
		p.stop(t)
	})

	t.Run("data", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "data")
		p := startTolk(t, bin, "--data", dir)
		t.Logf("first start %v; after start %s", p.startup, p.mem())
		r := runLoad(t, p.base, 4, dur)
		t.Logf(" 4 clients: %s", r)
		t.Logf("after load %s", p.mem())
		p.stop(t)

		p = startTolk(t, bin, "--data", dir)
		t.Logf("restart %v; after start %s", p.startup, p.mem())
		runLoad(t, p.base, 1, time.Second) // the reopened index answers as well
		p.stop(t)
	})
}

// tolkProcess is a running `tolk serve`.
type tolkProcess struct {
	cmd     *exec.Cmd
	base    string
	startup time.Duration
	done    chan struct{} // closed when the log has been read to its end
	mu      sync.Mutex
	bad     []string // log lines reporting a server error
}

var listenRE = regexp.MustCompile(`msg="tolk listening" addr=(http://\S+)`)

// startTolk starts the binary on a port the kernel picks, reads the
// address from its log and waits for /healthz. The process is stopped
// when the test ends if the test has not stopped it.
func startTolk(t *testing.T, bin string, args ...string) *tolkProcess {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &tolkProcess{cmd: cmd, done: make(chan struct{})}
	addr := make(chan string, 1)
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	go func() {
		defer close(p.done)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if m := listenRE.FindStringSubmatch(line); m != nil {
				addr <- m[1]
			}
			if strings.Contains(line, "level=ERROR") || strings.Contains(line, "status=5") {
				p.mu.Lock()
				p.bad = append(p.bad, line)
				p.mu.Unlock()
			}
		}
	}()
	select {
	case p.base = <-addr:
	case <-p.done:
		t.Fatalf("tolk %s exited before listening", strings.Join(args, " "))
	case <-time.After(60 * time.Second):
		t.Fatal("tolk did not listen within 60 s")
	}
	for {
		resp, err := http.Get(p.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(t0) > 60*time.Second {
			t.Fatalf("/healthz: no 200 within 60 s (last error %v)", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.startup = time.Since(t0).Round(time.Millisecond)
	return p
}

// mem reads the resident set now and at its peak from /proc.
func (p *tolkProcess) mem() string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return "memory unknown (no /proc)"
	}
	var parts []string
	for line := range strings.Lines(string(b)) {
		name, v, ok := strings.Cut(line, ":")
		if name != "VmRSS" && name != "VmHWM" || !ok {
			continue
		}
		kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		parts = append(parts, fmt.Sprintf("%s %d MiB", name, kb>>10))
	}
	return strings.Join(parts, ", ")
}

// stop ends the server as an operator would (SIGTERM) and fails the test
// if it did not shut down cleanly or logged a server error meanwhile.
func (p *tolkProcess) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-p.done
	if err := p.cmd.Wait(); err != nil {
		t.Errorf("tolk did not exit cleanly: %v", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, line := range p.bad {
		if i == 10 {
			t.Errorf("… and %d more", len(p.bad)-i)
			break
		}
		t.Errorf("server log: %s", line)
	}
}

// loadResult sums up one run.
type loadResult struct {
	requests, failures int
	elapsed            time.Duration
	latencies          []time.Duration // sorted
	firstFailure       string
}

func (r loadResult) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[min(len(r.latencies)-1, int(p*float64(len(r.latencies))))]
}

func (r loadResult) String() string {
	return fmt.Sprintf("%d requests, %.0f/s, p50 %v, p90 %v, p99 %v, max %v, %d failed",
		r.requests, float64(r.requests)/r.elapsed.Seconds(),
		r.percentile(0.50).Round(10*time.Microsecond), r.percentile(0.90).Round(10*time.Microsecond),
		r.percentile(0.99).Round(10*time.Microsecond), r.percentile(1).Round(10*time.Microsecond), r.failures)
}

// runLoad has clients connections send loadMix in a loop for dur. A
// client starts no request after dur, so none is cut off mid-flight and
// every failure is the server's. Each client starts at a different place
// in the mix.
func runLoad(t *testing.T, base string, clients int, dur time.Duration) loadResult {
	t.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	type part struct {
		lat          []time.Duration
		failures     int
		firstFailure string
	}
	parts := make([]part, clients)
	start := time.Now()
	deadline := start.Add(dur)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			pt := &parts[c]
			for i := c * 5; time.Now().Before(deadline); i++ {
				rq := loadMix[i%len(loadMix)]
				t0 := time.Now()
				err := doLoadRequest(ctx, hc, base, rq)
				pt.lat = append(pt.lat, time.Since(t0))
				if err != nil {
					pt.failures++
					if pt.firstFailure == "" {
						pt.firstFailure = fmt.Sprintf("%s %s: %v", rq.method, rq.path, err)
					}
				}
			}
		})
	}
	wg.Wait()
	r := loadResult{elapsed: time.Since(start)}
	for _, pt := range parts {
		r.latencies = append(r.latencies, pt.lat...)
		r.failures += pt.failures
		if r.firstFailure == "" {
			r.firstFailure = pt.firstFailure
		}
	}
	r.requests = len(r.latencies)
	slices.Sort(r.latencies)
	if r.failures > 0 {
		t.Errorf("%d clients: %d of %d requests failed; first: %s", clients, r.failures, r.requests, r.firstFailure)
	}
	if r.requests == 0 {
		t.Errorf("%d clients: no request completed in %v", clients, dur)
	}
	return r
}

var errWrongAnswer = errors.New("answer lacks the expected text")

func doLoadRequest(ctx context.Context, hc *http.Client, base string, rq loadRequest) error {
	var body io.Reader
	if rq.body != "" {
		body = strings.NewReader(rq.body)
	}
	req, err := http.NewRequestWithContext(ctx, rq.method, base+rq.path, body)
	if err != nil {
		return err
	}
	if rq.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	// The transport asks for gzip and decompresses, as a browser would.
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %.200s", resp.StatusCode, b)
	}
	if !bytes.Contains(b, []byte(rq.want)) {
		return fmt.Errorf("%w %q", errWrongAnswer, rq.want)
	}
	return nil
}
