package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenCutShort: a store file cut short (a copy or a full disk) is
// refused as damaged, saying what to do; bbolt panicked ("invalid
// freelist page") or faulted on it. A whole file still opens.
func TestOpenCutShort(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tolk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := checkFile(path); err != nil {
		t.Fatalf("a whole file: %v", err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, st.Size()/2); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); !errors.Is(err, ErrDamaged) {
		t.Errorf("a file cut to half: %v, want ErrDamaged", err)
	}
	if err := os.Truncate(path, 40); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); !errors.Is(err, ErrDamaged) {
		t.Errorf("a file of 40 bytes: %v, want ErrDamaged", err)
	}
}

// TestOpenZeroedPages: a file whose pages were zeroed (a crash on a file
// system that lost them) is refused or answers ErrDamaged on the read
// that meets them; bbolt panicked ("Page expected to be: 804, but self
// identifies as 0") and tolk crashed with a stack trace.
func TestOpenZeroedPages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tolk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		d := DocRecord{ID: fmt.Sprintf("brief-%03d", i), Name: "brief.txt", Title: "Brief", Format: "text", Source: bytes.Repeat([]byte("De minister schrijft. "), 100), Meta: json.RawMessage(`{"x":1}`)}
		if err := s.PutDocument(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := 4096
	for i := 4 * page; i < len(data)-page; i++ {
		data[i] = 0 // every page but the metas, the first two after them and the last
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err == nil {
		defer s.Close()
		_, err = s.ListDocuments()
	}
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("a file with zeroed pages: %v, want ErrDamaged", err)
	}
}
