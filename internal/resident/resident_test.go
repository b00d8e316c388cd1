package resident

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseMaps(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []mapping
	}{
		{
			name: "file, shared and private",
			in: "7f0000000000-7f0000100000 r--s 00000000 fd:01 1234 /data/index/store/000000000031.zap\n" +
				"00400000-0144c000 r-xp 00000000 08:11 99 /usr/bin/tolk\n",
			want: []mapping{
				{start: 0x7f0000000000, end: 0x7f0000100000, perms: "r--s", f: file{dev: mkdev(0xfd, 1), ino: 1234}, path: "/data/index/store/000000000031.zap"},
				{start: 0x400000, end: 0x144c000, perms: "r-xp", f: file{dev: mkdev(8, 0x11), ino: 99}, path: "/usr/bin/tolk"},
			},
		},
		{
			name: "anonymous mappings are left out",
			in: "c000000000-c004000000 rw-p 00000000 00:00 0 \n" +
				"7ffd1000-7ffd2000 rw-p 00000000 00:00 0 [stack]\n",
			want: []mapping{{start: 0x7ffd1000, end: 0x7ffd2000, perms: "rw-p", path: "[stack]"}},
		},
		{
			name: "a path with spaces, a deleted file",
			in:   "1000-2000 r--s 00000000 fd:01 7 /tmp/a b/tolk.db (deleted)\n",
			want: []mapping{{start: 0x1000, end: 0x2000, perms: "r--s", f: file{dev: mkdev(0xfd, 1), ino: 7}, path: "/tmp/a b/tolk.db (deleted)"}},
		},
		{
			name: "malformed lines are skipped",
			in: "zzzz-2000 r--s 00000000 fd:01 7 /x\n" +
				"2000-1000 r--s 00000000 fd:01 7 /backwards\n" +
				"1000-2000 r--s 00000000 fd01 7 /nodev\n" +
				"1000 r--s 00000000 fd:01 7 /norange\n" +
				"\n",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseMaps(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(mapping{}, file{})); diff != "" {
				t.Errorf("parseMaps (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReleasable(t *testing.T) {
	db := file{dev: 1, ino: 2}
	ms := []mapping{
		{start: 0x1000, end: 0x2000, perms: "r--s", f: db, path: "/d/tolk.db"},
		{start: 0x3000, end: 0x4000, perms: "rw-s", f: db, path: "/d/tolk.db"},   // writable: never
		{start: 0x5000, end: 0x6000, perms: "r--p", f: db, path: "/d/tolk.db"},   // private: never
		{start: 0x7000, end: 0x8000, perms: "r--s", f: file{1, 3}, path: "/d/x"}, // another file
		{start: 0x9000, end: 0xa000, perms: "r--s", f: file{9, 9}, path: "/d/seg.zap"},
	}
	fs := files{ids: map[file]bool{db: true}, paths: map[string]bool{"/d/seg.zap": true}}
	var got []uint64
	for _, m := range releasable(ms, fs) {
		got = append(got, m.start)
	}
	if diff := cmp.Diff([]uint64{0x1000, 0x9000}, got); diff != "" {
		t.Errorf("releasable starts (-want +got):\n%s", diff)
	}
}

func TestReadOnlyPrivate(t *testing.T) {
	exe := file{dev: 1, ino: 2}
	ms := []mapping{
		{start: 0x1000, end: 0x2000, perms: "r-xp", f: exe, path: "/usr/bin/tolk"},
		{start: 0x2000, end: 0x3000, perms: "r--p", f: exe, path: "/usr/bin/tolk"},
		{start: 0x3000, end: 0x4000, perms: "rw-p", f: exe, path: "/usr/bin/tolk"}, // data, written: never
		{start: 0x5000, end: 0x6000, perms: "r--s", f: exe, path: "/usr/bin/tolk"}, // shared: Release's
		{start: 0x7000, end: 0x8000, perms: "r-xp", f: file{1, 3}, path: "/usr/lib/libc.so.6"},
		{start: 0x9000, end: 0xa000, perms: "r--p", f: file{9, 9}, path: "/overlay/tolk"},
	}
	tests := []struct {
		name string
		fs   files
		want []uint64
	}{
		{"by device and inode", files{ids: map[file]bool{exe: true}}, []uint64{0x1000, 0x2000}},
		{"by path", files{paths: map[string]bool{"/overlay/tolk": true}}, []uint64{0x9000}},
		{"neither", files{ids: map[file]bool{{5, 5}: true}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []uint64
			for _, m := range readOnlyPrivate(ms, tt.fs) {
				got = append(got, m.start)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("readOnlyPrivate starts (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzParseMaps(f *testing.F) {
	f.Add("7f0000000000-7f0000100000 r--s 00000000 fd:01 1234 /data/index/store/000000000031.zap\n")
	f.Add("c000000000-c004000000 rw-p 00000000 00:00 0 \n1000-2000 r--s 0 fd:01 7 /a b (deleted)\n")
	f.Fuzz(func(t *testing.T, in string) {
		ms, err := parseMaps(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, m := range ms {
			if m.end <= m.start {
				t.Fatalf("mapping %x-%x: empty or backwards", m.start, m.end)
			}
			if len(strings.Fields(m.perms)) != 1 || m.path == "" {
				t.Fatalf("mapping %+v: perms or path missing", m)
			}
		}
	})
}
