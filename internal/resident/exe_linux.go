package resident

import (
	"encoding/binary"
	"fmt"
	"os"
	"syscall"
)

// ReleaseExecutable drops from the process's resident set the pages of
// its own executable's read-only mappings (its code and read-only data):
// a Go binary's embedded files (word lists, templates, the glossary) are
// read once at start-up and then stay counted in VmRSS although they are
// never touched again. The pages stay in the page cache, and the code a
// request runs is mapped again on its next use with a minor fault.
//
// The executable is never unmapped, so there is no holder to ask for. Its
// read-only mappings are private, and a private page can differ from the
// file only once it has been copied on write — which a read-only mapping
// allows only to a debugger or a uprobe setting a breakpoint. A mapping
// holding such a copy (an anonymous page, per /proc/self/pagemap) is
// left alone, so a breakpoint is never lost.
func ReleaseExecutable() (Stats, error) {
	var exe syscall.Stat_t
	if err := syscall.Stat("/proc/self/exe", &exe); err != nil {
		return Stats{}, fmt.Errorf("resident: the executable: %w", &os.PathError{Op: "stat", Path: "/proc/self/exe", Err: err})
	}
	path, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return Stats{}, fmt.Errorf("resident: the executable: %w", err)
	}
	ms, err := selfMaps()
	if err != nil {
		return Stats{}, err
	}
	fs := files{ids: map[file]bool{{dev: uint64(exe.Dev), ino: exe.Ino}: true}, paths: map[string]bool{path: true}}
	pm, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return Stats{}, fmt.Errorf("resident: %w", err)
	}
	defer pm.Close()
	var st Stats
	for _, m := range readOnlyPrivate(ms, fs) {
		copied, err := hasCopiedPage(pm, m)
		if err != nil {
			return st, err
		}
		if copied {
			continue
		}
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(m.start), uintptr(m.end-m.start), syscall.MADV_DONTNEED); errno != 0 {
			return st, fmt.Errorf("resident: madvise %s: %w", m.path, errno)
		}
		st.Mappings++
		st.Bytes += int64(m.end - m.start)
	}
	return st, nil
}

// Bits of a /proc/PID/pagemap entry (Documentation/admin-guide/mm/pagemap.rst).
const (
	pagePresent = 1 << 63
	pageFile    = 1 << 61 // file page or shared anonymous
)

// hasCopiedPage reports whether any present page of the private mapping m
// is anonymous: a copy made on write, which releasing would discard.
func hasCopiedPage(pm *os.File, m mapping) (bool, error) {
	const chunk = 4096 // entries read at a time
	ps := uint64(os.Getpagesize())
	buf := make([]byte, chunk*8)
	for page := m.start / ps; page < m.end/ps; page += chunk {
		n := min(chunk, m.end/ps-page)
		b := buf[:n*8]
		if _, err := pm.ReadAt(b, int64(page*8)); err != nil {
			return false, fmt.Errorf("resident: /proc/self/pagemap: %w", err)
		}
		for i := 0; i < len(b); i += 8 {
			if e := binary.NativeEndian.Uint64(b[i:]); e&pagePresent != 0 && e&pageFile == 0 {
				return true, nil
			}
		}
	}
	return false, nil
}
