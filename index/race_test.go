//go:build race

package index

// raceEnabled: the race detector's instrumentation allocates (and
// sync.Pool drops its items at random under it), so allocation counts
// measured with testing.AllocsPerRun mean nothing in a -race build.
const raceEnabled = true
