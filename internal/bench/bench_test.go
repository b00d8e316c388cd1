package bench

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"
)

func TestPassages(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []Passage
	}{
		{"empty", "\n\n  \n", nil},
		{"two", "# Kop\r\n\r\nEerste alinea\nloopt door.\n\n\n\nTweede.", []Passage{
			{"d", 1, "# Kop"}, {"d", 2, "Eerste alinea\nloopt door."}, {"d", 3, "Tweede."}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Passages("d", tc.text)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestQuoting(t *testing.T) {
	for _, tc := range []struct{ name, in, lit, copy string }{
		{"plain", "abc", "'abc'", "abc"},
		{"quote", "o'neill", "'o''neill'", "o'neill"},
		{"backslash", `a\'b`, `'a\''b'`, `a\\'b`},
		{"controls", "a\tb\nc\rd", "'a\tb\nc\rd'", `a\tb\nc\rd`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pgLiteral(tc.in); got != tc.lit {
				t.Errorf("pgLiteral(%q) = %q, want %q", tc.in, got, tc.lit)
			}
			if got := copyText(tc.in); got != tc.copy {
				t.Errorf("copyText(%q) = %q, want %q", tc.in, got, tc.copy)
			}
		})
	}
}

func TestQuantile(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i))
	}
	for _, tc := range []struct {
		name string
		in   []time.Duration
		q    float64
		want time.Duration
	}{
		{"none", nil, 0.5, 0},
		{"one", []time.Duration{7}, 0.99, 7},
		{"p50", lat, 0.5, 50},
		{"p99", lat, 0.99, 99},
		{"p100", lat, 1, 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Quantile(tc.in, tc.q); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestLoad counts the requests the server saw against what Load reports,
// and checks that errors are counted as errors.
func TestLoad(t *testing.T) {
	var served, failed atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("q") == "bad" {
			failed.Add(1)
			http.Error(w, "no", http.StatusInternalServerError)
			return
		}
		served.Add(1)
		w.Write([]byte("ok"))
	}))
	defer ts.Close()
	res := Load(context.Background(), ts.URL+"/?q=", []string{"een", "bad", "twee"}, 4, 300*time.Millisecond)
	if res.Requests == 0 || res.Errors == 0 {
		t.Fatalf("requests %d, errors %d: want both > 0", res.Requests, res.Errors)
	}
	// A request cut off by the end of the run is counted by neither side's
	// tally consistently: allow one per client.
	if d := served.Load() - int64(res.Requests); d < 0 || d > 4 {
		t.Errorf("server answered %d, Load counted %d", served.Load(), res.Requests)
	}
	if d := failed.Load() - int64(res.Errors); d < 0 || d > 4 {
		t.Errorf("server failed %d, Load counted %d errors", failed.Load(), res.Errors)
	}
	if res.Bytes != 2*int64(res.Requests) || res.P50 <= 0 || res.P99 < res.P50 || res.QPS() <= 0 {
		t.Errorf("bytes %d, p50 %v, p99 %v, q/s %v", res.Bytes, res.P50, res.P99, res.QPS())
	}
	if !strings.HasPrefix(res.FirstErr, "status 500 for ") {
		t.Errorf("first error %q", res.FirstErr)
	}
}

func writeCorpus(t *testing.T) string {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.md":    "# Subsidie\n\nDe minister verleent subsidies aan gemeenten.\n\nGemeenten vragen de subsidie aan.",
		"b.txt":   "Een vergunning voor een evenement.\n\nDe gemeente beslist over de vergunning.",
		"c.json":  "niet gelezen",
		"d.md.gz": "niet gelezen",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBleve(t *testing.T) {
	files, err := ReadFolder(writeCorpus(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{files[0].ID, files[1].ID}; len(files) != 2 || got[0] != "a" || got[1] != "b" {
		t.Fatalf("files %v", files)
	}
	path := filepath.Join(t.TempDir(), "idx")
	n, err := BuildBleve(path, files)
	if err != nil || n != 5 {
		t.Fatalf("BuildBleve: %d passages, %v; want 5", n, err)
	}
	idx, err := bleve.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ts := httptest.NewServer(BleveHandler(idx))
	defer ts.Close()
	for _, tc := range []struct {
		name, q string
		want    []string
	}{
		{"word", "subsidie", []string{"a#1", "a#3"}}, // "subsidies" stems to another stem
		{"and", "gemeente vergunning", []string{"b#2"}},
		{"or", "gemeente vergunning&op=or", []string{"a#2", "a#3", "b#1", "b#2"}},
		{"none", "paard", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Get(ts.URL + "/search?q=" + strings.ReplaceAll(tc.q, " ", "+"))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var a Answer
			if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range a.Hits {
				got = append(got, h.ID)
				if len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0], "<mark>") {
					t.Errorf("%s: fragments %q lack a highlight", h.ID, h.Fragments)
				}
			}
			if int(a.Total) != len(tc.want) {
				t.Errorf("total %d, want %d", a.Total, len(tc.want))
			}
			if diff := cmp.Diff(tc.want, sorted(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func sorted(s []string) []string {
	if s == nil {
		return nil
	}
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestPG runs the PostgreSQL contestant end to end: initdb, start, load
// through psql, search through the handler, stop. It skips where
// PostgreSQL 15 or psql is not installed.
func TestPG(t *testing.T) {
	bin := "/usr/lib/postgresql/15/bin"
	psql, err := exec.LookPath("psql")
	if _, serr := os.Stat(filepath.Join(bin, "postgres")); serr != nil || err != nil {
		t.Skip("skipping: PostgreSQL 15 (postgres, initdb) or psql is not installed")
	}
	files, err := ReadFolder(writeCorpus(t))
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "benchpg.")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	pg := &PG{Dir: filepath.Join(dir, "pg"), Port: 5433, BinDir: bin}
	ctx := context.Background()
	if err := pg.Init(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := pg.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer pg.Stop()
	smp := StartSampler(pg.PID(), 10*time.Millisecond)
	before, err := Measure(pg.PID())
	if err != nil {
		t.Fatal(err)
	}
	n, _, err := pg.Load(ctx, psql, files)
	if err != nil || n != 5 {
		t.Fatalf("Load: %d passages, %v; want 5", n, err)
	}
	if cpu, _ := smp.Stop(before); cpu < 0 {
		t.Errorf("negative CPU %v", cpu)
	}
	ts := httptest.NewServer(PGHandler(pg.PGSocket(), 2))
	defer ts.Close()
	for _, tc := range []struct {
		name, q string
		want    []string
	}{
		{"word", "subsidie", []string{"a#1", "a#3"}}, // "subsidies" stems to another stem
		{"and", "gemeente vergunning", []string{"b#2"}},
		{"quote", "o'neill", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Get(ts.URL + "/search?q=" + strings.ReplaceAll(tc.q, " ", "+"))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var a Answer
			if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != 200 {
				t.Fatalf("status %d, %v", resp.StatusCode, err)
			}
			var got []string
			for _, h := range a.Hits {
				got = append(got, h.ID)
				if len(h.Fragments) != 1 || !strings.Contains(h.Fragments[0], "<b>") {
					t.Errorf("%s: fragments %q lack a headline", h.ID, h.Fragments)
				}
			}
			if int(a.Total) != len(tc.want) {
				t.Errorf("total %d, want %d", a.Total, len(tc.want))
			}
			if diff := cmp.Diff(tc.want, sorted(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
