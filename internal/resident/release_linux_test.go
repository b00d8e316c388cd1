package resident

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"reflect"
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
	in := false
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := sc.Text()
		if f := strings.Fields(line); len(f) > 0 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			lo, _, _ := strings.Cut(f[0], "-")
			start, err := strconv.ParseUint(lo, 16, 64)
			in = err == nil && uintptr(start) == addr
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

// TestReleaseExecutable: the test binary's code is dropped from the
// resident set (what runs next is mapped again) and runs the same.
func TestReleaseExecutable(t *testing.T) {
	start, ok := mappingAt(t, reflect.ValueOf(sumTo).Pointer(), "r-xp")
	if !ok {
		t.Skip("the code is not in a mapping of the executable here")
	}
	want := sumTo(1000)
	before := rssOf(t, start)
	st, err := ReleaseExecutable()
	if err != nil {
		t.Fatal(err)
	}
	after := rssOf(t, start)
	if st.Mappings == 0 || after >= before {
		t.Errorf("ReleaseExecutable = %+v: the code's mapping had %d kB resident before, %d kB after", st, before, after)
	}
	if got := sumTo(1000); got != want {
		t.Errorf("after the release sumTo(1000) = %d, before %d", got, want)
	}
}

//go:noinline
func sumTo(n int) int {
	s := 0
	for i := 1; i <= n; i++ {
		s += i
	}
	return s
}

// mappingAt returns the start of the executable's mapping holding addr,
// and whether it is one with perms.
func mappingAt(t *testing.T, addr uintptr, perms string) (uintptr, bool) {
	t.Helper()
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ms, err := parseMaps(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if uint64(addr) >= m.start && uint64(addr) < m.end {
			return uintptr(m.start), m.path == exe && m.perms == perms
		}
	}
	return 0, false
}

// TestHasCopiedPage: a private mapping that was only read has no copied
// page; once one page is written it has.
func TestHasCopiedPage(t *testing.T) {
	const size = 1 << 20
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, bytes.Repeat([]byte{7}, size), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(b)
	pm, err := os.Open("/proc/self/pagemap")
	if err != nil {
		t.Fatal(err)
	}
	defer pm.Close()
	m := mapping{start: uint64(addrOf(b)), end: uint64(addrOf(b)) + size}
	sum := 0
	for i := 0; i < size; i += 4096 {
		sum += int(b[i])
	}
	if copied, err := hasCopiedPage(pm, m); err != nil || copied {
		t.Errorf("read only: hasCopiedPage = %v, %v; want false", copied, err)
	}
	b[size-100] = 1
	if copied, err := hasCopiedPage(pm, m); err != nil || !copied {
		t.Errorf("one page written: hasCopiedPage = %v, %v; want true", copied, err)
	}
	if sum != 7*size/4096 {
		t.Fatalf("read %d", sum)
	}
}
