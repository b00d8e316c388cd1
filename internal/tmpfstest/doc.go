// Package tmpfstest gives tests a small file system that fills up: a
// tmpfs of a given size, mounted for the test (Linux, as root). Tests of
// what a full disk does use it; where it cannot be mounted they skip with a
// message, or fail when TOLK_REQUIRE_TMPFS=1 (CI runs as root).
package tmpfstest
