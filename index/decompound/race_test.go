//go:build race

package decompound

// raceEnabled: the race detector slows the splitter some twentyfold, and
// the long single-goroutine measurements (TestGold's curves, recounting
// the statutory text in TestGenerate) have no data race to find.
const raceEnabled = true
