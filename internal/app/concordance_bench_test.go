package app

import (
	"context"
	"slices"
	"syscall"
	"testing"
	"time"
)

// BenchmarkConcordance is the concordance of a concept page
// (/glossary/{id}) on 150 BWB circulars and the Mali letter: for the two
// concepts that occur in the most documents and two that occur in one,
// reading the documents the index names ("narrowed", what Concordance
// does) and reading every document ("all", as before session 32), in the
// same run. cpu-ns/op is the process's CPU time (user and system) per
// concordance, measured once the process is idle (settle), which the
// machine's other load does not inflate as it does ns/op. Needs
// ../shared.
//
//	go test ./internal/app -run XXX -bench Concordance -benchtime 3x -timeout 40m
func BenchmarkConcordance(b *testing.B) {
	a, _ := openBWB(b, 150)
	ctx := context.Background()
	settle(b)
	m := a.matcher()
	occurs := map[string]map[string]bool{}
	for _, info := range a.Documents() {
		d, err := a.scanDocument(info.ID)
		if err != nil {
			b.Fatal(err)
		}
		for _, an := range m.Annotate(d.Text, "nl") {
			if occurs[an.Concept] == nil {
				occurs[an.Concept] = map[string]bool{}
			}
			occurs[an.Concept][d.ID] = true
		}
	}
	var ids []string
	for id := range occurs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	slices.SortStableFunc(ids, func(x, y string) int { return len(occurs[y]) - len(occurs[x]) })
	picked := append(ids[:2:2], ids[len(ids)-2:]...)
	// The first narrowing reads what no passage indexes from every
	// document, and the exact field's dictionary for the joined tokens;
	// later ones reuse both until a document or the index changes.
	settle(b)
	cpu0 := cpuTime()
	if _, err := a.concordanceDocs(ctx, m.Entries(picked[0], "nl")); err != nil {
		b.Fatal(err)
	}
	b.Logf("the first narrowing after the load: %v of CPU", cpuTime()-cpu0)
	for _, id := range picked {
		b.Logf("%s occurs in %d of %d documents", id, len(occurs[id]), len(a.Documents()))
		for _, way := range []struct {
			name   string
			narrow docsFor
		}{{"narrowed", a.concordanceDocs}, {"all", nil}} {
			b.Run(id+"/"+way.name, func(b *testing.B) {
				r := ConcordanceRequest{Concept: id}
				// Once outside the timing: the residues are read on first use.
				if _, _, err := a.concordance(ctx, r, way.narrow); err != nil {
					b.Fatal(err)
				}
				settle(b)
				cpu0 := cpuTime()
				b.ResetTimer()
				for b.Loop() {
					if _, _, err := a.concordance(ctx, r, way.narrow); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// settle waits (up to a minute) until the process is idle, using less
// than 5 ms of CPU in 200 ms: the index merges its segments in the
// background after a load, which cpu-ns/op would otherwise count.
func settle(b *testing.B) {
	b.Helper()
	for range 300 {
		c := cpuTime()
		time.Sleep(200 * time.Millisecond)
		if cpuTime()-c < 5*time.Millisecond {
			return
		}
	}
	b.Log("the process did not settle: cpu-ns/op counts background work")
}
