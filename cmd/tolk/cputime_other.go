//go:build !unix

package main

import "time"

// cpuTime is 0 here: where it cannot be read, the process never counts as
// busy (keepMapped does not run outside Linux anyway).
func cpuTime() time.Duration { return 0 }
