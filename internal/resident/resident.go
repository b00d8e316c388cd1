package resident

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// Stats says what a Release did.
type Stats struct {
	Mappings int   // mappings released
	Bytes    int64 // their size in address space (not all of it was resident)
}

// ErrUnsupported is returned where the operating system offers no way to
// release mapped pages (anything but Linux).
var ErrUnsupported = errors.New("resident: not supported on this system")

// file identifies a mapped file as /proc/self/maps does: device and inode.
type file struct {
	dev, ino uint64
}

// mapping is one line of /proc/self/maps.
type mapping struct {
	start, end uint64
	perms      string
	f          file
	path       string
}

// parseMaps reads /proc/PID/maps lines: "start-end perms offset
// major:minor inode path". Lines it cannot read are skipped: a mapping it
// does not understand is one it does not release.
func parseMaps(r io.Reader) ([]mapping, error) {
	var ms []mapping
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		fields := bytes.Fields(sc.Bytes())
		if len(fields) < 6 {
			continue // anonymous
		}
		rng, perms, dev, ino := fields[0], fields[1], fields[3], fields[4]
		lo, hi, ok := bytes.Cut(rng, []byte("-"))
		if !ok {
			continue
		}
		var m mapping
		var err1, err2, err3 error
		m.start, err1 = strconv.ParseUint(string(lo), 16, 64)
		m.end, err2 = strconv.ParseUint(string(hi), 16, 64)
		m.f.ino, err3 = strconv.ParseUint(string(ino), 10, 64)
		major, minor, ok := bytes.Cut(dev, []byte(":"))
		if err1 != nil || err2 != nil || err3 != nil || !ok || m.end <= m.start {
			continue
		}
		maj, err1 := strconv.ParseUint(string(major), 16, 32)
		mnr, err2 := strconv.ParseUint(string(minor), 16, 32)
		if err1 != nil || err2 != nil {
			continue
		}
		m.f.dev = mkdev(maj, mnr)
		m.perms = string(perms)
		m.path = string(bytes.Join(fields[5:], []byte(" ")))
		ms = append(ms, m)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("resident: reading the process's mappings: %w", err)
	}
	return ms, nil
}

// mkdev encodes a device number as Linux's stat does (glibc's makedev).
func mkdev(major, minor uint64) uint64 {
	return (major&0x00000fff)<<8 | (major&0xfffff000)<<32 | (minor & 0x000000ff) | (minor&0xffffff00)<<12
}

// files names the files whose mappings Release may drop, by device and
// inode and by absolute path: on some file systems (overlayfs) the maps
// show another device and inode than stat does, but the same path.
type files struct {
	ids   map[file]bool
	paths map[string]bool
}

// releasable picks the mappings Release may drop: read-only, shared
// ("r--s"), of one of the files.
func releasable(ms []mapping, fs files) []mapping {
	var out []mapping
	for _, m := range ms {
		if m.perms == "r--s" && (fs.ids[m.f] || fs.paths[m.path]) {
			out = append(out, m)
		}
	}
	return out
}

// readOnlyPrivate picks the read-only private mappings ("r--p", "r-xp")
// of one of the files: an executable's code and read-only data.
func readOnlyPrivate(ms []mapping, fs files) []mapping {
	var out []mapping
	for _, m := range ms {
		if (m.perms == "r--p" || m.perms == "r-xp") && (fs.ids[m.f] || fs.paths[m.path]) {
			out = append(out, m)
		}
	}
	return out
}

// identify stats the paths; a path that no longer exists is left out
// (a segment removed since the caller listed it is not mapped by a holder
// either).
func identify(paths []string) (files, error) {
	fs := files{ids: make(map[file]bool, len(paths)), paths: make(map[string]bool, len(paths))}
	for _, p := range paths {
		f, err := statFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return files{}, fmt.Errorf("resident: %w", err)
		}
		fs.ids[f] = true
		if abs, err := filepath.Abs(p); err == nil {
			if real, err := filepath.EvalSymlinks(abs); err == nil {
				abs = real
			}
			fs.paths[abs] = true
		}
	}
	return fs, nil
}
