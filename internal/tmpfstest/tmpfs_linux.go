package tmpfstest

import (
	"fmt"
	"syscall"
	"testing"
)

// Mount mounts a tmpfs of size bytes on a new directory and returns it;
// the test's cleanup unmounts it. Without the right to mount (not root, no
// CAP_SYS_ADMIN, a container that forbids it) the test is skipped, or
// fails under TOLK_REQUIRE_TMPFS=1.
func Mount(tb testing.TB, size int) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d,mode=0700", size)); err != nil {
		unavailable(tb, err)
	}
	tb.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			tb.Errorf("tmpfstest: unmount %s: %v", dir, err)
		}
	})
	return dir
}

// Resize gives the tmpfs Mount returned a new size: a full disk that
// takes writes again, or a disk that fills.
func Resize(tb testing.TB, dir string, size int) {
	tb.Helper()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT, fmt.Sprintf("size=%d", size)); err != nil {
		tb.Fatalf("tmpfstest: resize %s to %d bytes: %v", dir, size, err)
	}
}

// Free returns the bytes free on the file system holding dir.
func Free(tb testing.TB, dir string) int64 {
	tb.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		tb.Fatal(err)
	}
	return int64(st.Bavail) * st.Bsize
}
