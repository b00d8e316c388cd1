//go:build !race

package decompound

// raceEnabled: see race_test.go.
const raceEnabled = false
