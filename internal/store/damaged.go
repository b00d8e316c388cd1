package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrDamaged is Open's error for a store file that is cut short or whose
// header is damaged: bbolt would panic or fault on it ("invalid freelist
// page", SIGSEGV) instead of saying so.
var ErrDamaged = errors.New("the store file is damaged")

// The layout bbolt writes (v1.3–v1.5): two meta pages at the start of the
// file, each a page header (id 8, flags 2, count 2, overflow 4 bytes) and
// a meta: magic 4, version 4, page size 4, flags 4, root bucket 16,
// freelist page 8, high-water page 8, txid 8, checksum 8 (FNV-64a of the
// meta before it). The database then lies in pages below the high-water
// mark.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSize       = 64
)

// checkFile refuses a store file that bbolt cannot open safely: one whose
// valid meta pages say the database reaches beyond the end of the file (a
// file cut short by a full disk or a copy). A file that does not exist, is
// empty or is too short for a header is left to bbolt, which creates or
// refuses it.
func checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // bbolt creates it, or says why not
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return nil
	}
	head := make([]byte, pageHeaderSize+metaSize)
	if _, err := io.ReadFull(f, head); err != nil {
		return fmt.Errorf("store: %s: %w: %d bytes, too short for its header; restore it from a backup (tolk restore)", path, ErrDamaged, st.Size())
	}
	pageSize := int64(binary.LittleEndian.Uint32(head[pageHeaderSize+8:]))
	if pageSize < 512 || pageSize > 1<<20 {
		return nil // not what this check reads: bbolt says what it is
	}
	var best *[2]uint64 // txid, high-water page of the newest valid meta
	for i := int64(0); i < 2; i++ {
		buf := make([]byte, pageHeaderSize+metaSize)
		if _, err := f.ReadAt(buf, i*pageSize); err != nil {
			continue
		}
		m := buf[pageHeaderSize:]
		if binary.LittleEndian.Uint32(m[0:]) != boltMagic || binary.LittleEndian.Uint32(m[4:]) != boltVersion {
			continue
		}
		h := fnv.New64a()
		h.Write(m[:56])
		if h.Sum64() != binary.LittleEndian.Uint64(m[56:]) {
			continue
		}
		txid, hw := binary.LittleEndian.Uint64(m[48:]), binary.LittleEndian.Uint64(m[40:])
		if best == nil || txid > best[0] {
			best = &[2]uint64{txid, hw}
		}
	}
	if best == nil {
		return nil // no valid meta: bbolt refuses the file itself
	}
	if need := int64(best[1]) * pageSize; need > st.Size() {
		return fmt.Errorf("store: %s: %w: the database reaches %d bytes but the file has %d (cut short?); restore it from a backup (tolk restore)", path, ErrDamaged, need, st.Size())
	}
	return nil
}

// view runs fn in a read transaction, guarded: bbolt panics on a page
// that is not what it should be (a file with zeroed or foreign pages), and
// a mapped page that cannot be read faults.
func (s *Store) view(fn func(*bolt.Tx) error) error {
	return guarded(func() error { return s.db.View(fn) })
}

// updateDB is view for a write transaction.
func (s *Store) updateDB(fn func(*bolt.Tx) error) error {
	return guarded(func() error { return s.db.Update(fn) })
}

// openBolt opens the bbolt file at path, guarded (a damaged file's
// freelist page panics bbolt's Open).
func openBolt(path string) (db *bolt.DB, err error) {
	err = guarded(func() error {
		var oerr error
		db, oerr = bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
		return oerr
	})
	return db, err
}

// guarded runs f with faults on mapped memory made panics, and makes a
// panic ErrDamaged, so that tolk says the store is damaged instead of
// crashing with a stack trace.
func guarded(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w (%v): restore it from a backup (tolk restore)", ErrDamaged, v)
		}
	}()
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	return f()
}
