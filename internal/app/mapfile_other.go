//go:build !unix

package app

import "os"

// mapFile reads the file at path (a system without mmap).
func mapFile(path string) (data []byte, unmap func(), err error) {
	data, err = os.ReadFile(path)
	return data, func() {}, err
}
