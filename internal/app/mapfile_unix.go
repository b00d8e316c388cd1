//go:build unix

package app

import (
	"fmt"
	"os"
	"syscall"
)

// mapFile maps the file at path read-only into memory; unmap gives the
// mapping back. A mapped file costs no fresh memory: its pages are the page
// cache's. The file must not be truncated or written in place while it is
// mapped (the splitter's snapshot is only ever replaced by a rename).
func mapFile(path string) (data []byte, unmap func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if st.Size() == 0 {
		return nil, func() {}, nil
	}
	if int64(int(st.Size())) != st.Size() {
		return nil, nil, fmt.Errorf("%s: too large to map", path)
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, &os.PathError{Op: "mmap", Path: path, Err: err}
	}
	return data, func() { syscall.Munmap(data) }, nil
}
