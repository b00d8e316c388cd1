package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/app"
)

// TestProgressPrinter: the progress line of tolk ingest, with the files'
// sizes known (the ETA from the bytes done) and without (from the files
// done), at most one line per interval and always the last.
func TestProgressPrinter(t *testing.T) {
	sec := time.Second
	tests := []struct {
		name string
		ps   []app.BulkProgress
		want []string
	}{
		{
			// 366 of 1,423 files after 1.5 s, but only 16 % of the bytes:
			// the files foretell 4 s more, the bytes 8 s.
			name: "sizes known",
			ps: []app.BulkProgress{
				{Done: 366, Total: 1423, Passages: 13384, Elapsed: 1500 * time.Millisecond, Bytes: 5_500_000, TotalBytes: 34_388_577},
				{Done: 1423, Total: 1423, Passages: 73897, Elapsed: 11200 * time.Millisecond, Bytes: 34_388_577, TotalBytes: 34_388_577},
			},
			want: []string{
				"ingested 366/1423 (16% of 34.4 MB), 244 docs/s, 13384 passages, ETA 8s",
				"ingested 1423/1423 (100% of 34.4 MB), 127 docs/s, 73897 passages in 11.2s",
			},
		},
		{
			name: "sizes not known",
			ps: []app.BulkProgress{
				{Done: 366, Total: 1423, Passages: 13384, Elapsed: 1500 * time.Millisecond},
				{Done: 400, Total: 1423, Passages: 14000, Elapsed: 1600 * time.Millisecond}, // within the interval: not printed
				{Done: 1423, Total: 1423, Passages: 73897, Elapsed: 11200 * time.Millisecond},
			},
			want: []string{
				"ingested 366/1423, 244 docs/s, 13384 passages, ETA 4s",
				"ingested 1423/1423, 127 docs/s, 73897 passages in 11.2s",
			},
		},
		{
			// Done counts refused files: the line says how many.
			name: "files refused",
			ps: []app.BulkProgress{
				{Done: 8, Total: 8, Failed: 5, Passages: 120, Elapsed: 200 * time.Millisecond, Bytes: 100_000, TotalBytes: 100_000},
			},
			want: []string{
				"ingested 8/8 (100% of 0.1 MB), 5 refused, 40 docs/s, 120 passages in 200ms",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			pr := progressPrinter(&buf, sec)
			for _, p := range tt.ps {
				pr(p)
			}
			got := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("progress lines (-want +got):\n%s", diff)
			}
		})
	}
}
