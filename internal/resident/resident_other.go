//go:build !linux

package resident

// Release does nothing here: it returns ErrUnsupported.
func Release(paths []string) (Stats, error) { return Stats{}, ErrUnsupported }

// ReleaseExecutable does nothing here: it returns ErrUnsupported.
func ReleaseExecutable() (Stats, error) { return Stats{}, ErrUnsupported }

func statFile(path string) (file, error) { return file{}, ErrUnsupported }

// Usage is the process's resident memory.
type Usage struct {
	RSS, Anon, File int64
}

// Current returns ErrUnsupported here.
func Current() (Usage, error) { return Usage{}, ErrUnsupported }
