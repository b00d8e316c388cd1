package resident

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// rssOf returns the resident kB of the process's mappings that start at
// addr, from /proc/self/smaps.
func rssOf(t *testing.T, addr uintptr) int {
	t.Helper()
	raw, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	prefix := fmt.Sprintf("%x-", addr)
	in := false
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := sc.Text()
		if f := strings.Fields(line); len(f) > 0 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			in = strings.HasPrefix(line, prefix)
			continue
		}
		if in && strings.HasPrefix(line, "Rss:") {
			kb, err := strconv.Atoi(strings.Fields(line)[1])
			if err != nil {
				t.Fatal(err)
			}
			return kb
		}
	}
	t.Fatalf("no mapping at %x", addr)
	return 0
}

func TestRelease(t *testing.T) {
	const size = 4 << 20
	dir := t.TempDir()
	path := filepath.Join(dir, "seg.zap")
	data := bytes.Repeat([]byte("0123456789abcdef"), size/16)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	shared, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(shared)
	// A private writable mapping of the same file, written to: Release
	// must never drop it (its written page exists nowhere else).
	rw, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	private, err := syscall.Mmap(int(rw.Fd()), 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(private)
	copy(private, "written")

	sum := 0
	for i := 0; i < size; i += 4096 {
		sum += int(shared[i]) + int(private[i])
	}
	before := rssOf(t, addrOf(shared))
	if before < size/1024/2 {
		t.Fatalf("after reading every page, %d kB of the 4 MiB mapping is resident", before)
	}
	st, err := Release([]string{path, filepath.Join(dir, "gone.zap")})
	if err != nil {
		t.Fatal(err)
	}
	if st.Mappings != 1 || st.Bytes != size {
		t.Errorf("Release = %+v, want 1 mapping of %d bytes", st, size)
	}
	if after := rssOf(t, addrOf(shared)); after > before/4 {
		t.Errorf("resident after Release: %d kB, before %d kB", after, before)
	}
	if !bytes.Equal(shared, data) {
		t.Error("the shared mapping reads differently after Release")
	}
	if string(private[:7]) != "written" || !bytes.Equal(private[7:], data[7:]) {
		t.Error("the private mapping lost what was written to it")
	}
	if n := rssOf(t, addrOf(private)); n < size/1024/2 {
		t.Errorf("the private mapping was released: %d kB resident", n)
	}
	if sum == 0 {
		t.Fatal("read nothing")
	}
}

func addrOf(b []byte) uintptr { return uintptr(unsafe.Pointer(&b[0])) }

func TestCurrent(t *testing.T) {
	u, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	if u.RSS <= 0 || u.Anon <= 0 || u.File <= 0 || u.Anon+u.File > u.RSS+1<<20 {
		t.Errorf("Current = %+v: want positive parts that add up to at most VmRSS", u)
	}
}
