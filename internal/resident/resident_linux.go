package resident

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// Release drops from the process's resident set the pages of its
// read-only shared mappings of the files at paths (see the package
// comment). The caller must hold every one of those files mapped until
// Release returns. Other mappings, and files not mapped, are left alone.
func Release(paths []string) (Stats, error) {
	fs, err := identify(paths)
	if err != nil || len(fs.ids) == 0 {
		return Stats{}, err
	}
	ms, err := selfMaps()
	if err != nil {
		return Stats{}, err
	}
	var st Stats
	for _, m := range releasable(ms, fs) {
		// The addresses come from the kernel, not from Go memory: the
		// call takes them as numbers.
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(m.start), uintptr(m.end-m.start), syscall.MADV_DONTNEED); errno != 0 {
			return st, fmt.Errorf("resident: madvise %s: %w", m.path, errno)
		}
		st.Mappings++
		st.Bytes += int64(m.end - m.start)
	}
	return st, nil
}

// statFile returns the device and inode of the file at path.
func statFile(path string) (file, error) {
	var s syscall.Stat_t
	if err := syscall.Stat(path, &s); err != nil {
		return file{}, &os.PathError{Op: "stat", Path: path, Err: err}
	}
	return file{dev: uint64(s.Dev), ino: s.Ino}, nil
}

// Usage is the process's resident memory, from /proc/self/status.
type Usage struct {
	RSS, Anon, File int64 // VmRSS, RssAnon, RssFile in bytes
}

// Current reads the process's resident memory.
func Current() (Usage, error) {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return Usage{}, fmt.Errorf("resident: %w", err)
	}
	var u Usage
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		k, v, ok := bytes.Cut(sc.Bytes(), []byte(":"))
		if !ok {
			continue
		}
		var dst *int64
		switch string(k) {
		case "VmRSS":
			dst = &u.RSS
		case "RssAnon":
			dst = &u.Anon
		case "RssFile":
			dst = &u.File
		default:
			continue
		}
		kb, err := strconv.ParseInt(string(bytes.TrimSuffix(bytes.TrimSpace(v), []byte(" kB"))), 10, 64)
		if err != nil {
			return Usage{}, fmt.Errorf("resident: /proc/self/status %s: %w", k, err)
		}
		*dst = kb << 10
	}
	return u, nil
}

// selfMaps reads the process's mappings from /proc/self/maps.
func selfMaps() ([]mapping, error) {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return nil, fmt.Errorf("resident: %w", err)
	}
	defer f.Close()
	return parseMaps(f)
}
