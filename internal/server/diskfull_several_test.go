package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/tolk-nl/tolk/internal/tmpfstest"
)

// TestUploadSeveralDiskFull uploads two files at a time (a bulk load)
// into a data directory on a small tmpfs until the disk is full: each
// refused file says disk_full with 507 (it said 500 "internal error": the
// bulk load stops when the index cannot reach the disk, and that error
// was not known as a full disk), and an upload of which the full disk
// refused every file answers 507 disk_full (it answered 422 none_stored,
// the client's fault, and no 5xx for the alerts).
func TestUploadSeveralDiskFull(t *testing.T) {
	dir := tmpfstest.Mount(t, 3<<20)
	a, ts := serveDataDir(t, dir)
	t.Cleanup(func() { ts.Close(); a.Close() })
	letter := func(n int) string {
		var b strings.Builder
		b.WriteString("Geachte voorzitter,\n\n")
		for i := range 60 {
			fmt.Fprintf(&b, "Alinea %d van brief %d gaat over de begroting van het jaar %d.\n\n", i, n, 2000+i)
		}
		return b.String()
	}
	noneStored := 0
	for i := 0; noneStored < 3 && i < 400; i++ {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		for j := range 2 {
			fw, _ := mw.CreateFormFile("files", fmt.Sprintf("brief-%d-%d.txt", i, j))
			fw.Write([]byte(letter(2*i + j)))
		}
		mw.Close()
		req, _ := http.NewRequest("POST", ts.URL+"/api/v1/documents", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var res struct {
			Stored  int
			Error   struct{ Code string }
			Results []struct {
				Name   string
				Status int
				Error  struct{ Code string }
			}
		}
		err = json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("upload %d: %d, %v", i, resp.StatusCode, err)
		}
		for _, r := range res.Results {
			if r.Status >= 300 && (r.Status != http.StatusInsufficientStorage || r.Error.Code != "disk_full") {
				t.Errorf("upload %d, %s: %d %s, want 507 disk_full", i, r.Name, r.Status, r.Error.Code)
			}
		}
		if res.Stored == 0 {
			noneStored++
			if resp.StatusCode != http.StatusInsufficientStorage || res.Error.Code != "disk_full" {
				t.Errorf("upload %d, no file stored: %d %s, want 507 disk_full", i, resp.StatusCode, res.Error.Code)
			}
		}
	}
	if noneStored == 0 {
		t.Fatal("the disk never filled")
	}
}
