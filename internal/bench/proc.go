package bench

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// RunStats is what a finished command cost, from wait4's resource usage:
// its own and its waited-for children's.
type RunStats struct {
	Wall    time.Duration
	CPU     time.Duration // user + system
	MaxRSS  int64         // peak resident set of the largest process, bytes
	Written int64         // bytes sent to the block layer (ru_oublock × 512)
}

// Cores is the CPU time divided by the wall time.
func (s RunStats) Cores() float64 {
	if s.Wall <= 0 {
		return 0
	}
	return s.CPU.Seconds() / s.Wall.Seconds()
}

// Run runs cmd to its end and measures it. On Linux ru_oublock is the
// task's write_bytes (as /proc/PID/io shows it) in 512-byte units, so
// Written counts what the command made the kernel write to disk, not
// what it wrote into the page cache and deleted before writeback.
func Run(cmd *exec.Cmd) (RunStats, error) {
	t0 := time.Now()
	err := cmd.Run()
	st := RunStats{Wall: time.Since(t0)}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			st.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			st.MaxRSS = ru.Maxrss * 1024
			st.Written = ru.Oublock * 512
		}
	}
	if err != nil {
		return st, fmt.Errorf("bench: %s: %w", filepath.Base(cmd.Path), err)
	}
	return st, nil
}

// Tree is a process and its live children, for servers that fork
// (PostgreSQL): their summed CPU time, resident memory and bytes written.
type Tree struct {
	CPU     time.Duration // utime+stime+cutime+cstime of the root, utime+stime of live children
	RSS     int64         // summed VmRSS (shared pages counted in each process)
	HWM     int64         // summed VmHWM: each process's peak resident set
	PSS     int64         // summed proportional set size (shared pages shared out)
	Written int64         // write_bytes of the root (which includes its reaped children) and live children

	// CPUOwn and WrittenOwn leave out what reaped children did: the
	// baseline for a Sampler.
	CPUOwn     time.Duration
	WrittenOwn int64
}

// clockTick is USER_HZ, 100 on every Linux this runs on.
const clockTick = 100

// Measure reads /proc for pid and its direct children.
func Measure(pid int) (Tree, error) {
	var t Tree
	pids := append([]int{pid}, children(pid)...)
	for i, p := range pids {
		f, err := statFields(p)
		if err != nil {
			if i == 0 {
				return t, err
			}
			continue // a child that ended meanwhile
		}
		ticks := f[13] + f[14] // utime, stime
		t.CPUOwn += time.Duration(ticks) * time.Second / clockTick
		if i == 0 {
			ticks += f[15] + f[16] // cutime, cstime: reaped children
		}
		t.CPU += time.Duration(ticks) * time.Second / clockTick
		t.RSS += statusKB(p, "/status", "VmRSS:") * 1024
		t.HWM += statusKB(p, "/status", "VmHWM:") * 1024
		t.PSS += statusKB(p, "/smaps_rollup", "Pss:") * 1024
		w := ioField(p, "write_bytes:")
		t.Written += w
		t.WrittenOwn += w
	}
	return t, nil
}

// statFields returns the numeric fields of /proc/PID/stat after the
// command name, indexed as proc(5) numbers them minus one (utime is 13).
func statFields(pid int) ([]int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, fmt.Errorf("bench: /proc/%d/stat: no command name", pid)
	}
	rest := strings.Fields(string(b[i+1:]))
	out := make([]int64, 2+len(rest)) // fields 0 (pid) and 1 (comm) left zero
	for j, s := range rest {
		out[2+j], _ = strconv.ParseInt(s, 10, 64) // field 2 (state) is a letter: 0
	}
	return out, nil
}

func children(pid int) []int {
	ents, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range ents {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if f, err := statFields(p); err == nil && len(f) > 3 && f[3] == int64(pid) {
			out = append(out, p)
		}
	}
	return out
}

func statusKB(pid int, file, key string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d%s", pid, file))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, key); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

func ioField(pid int, key string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/io", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, key); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
			return n
		}
	}
	return 0
}

// DirSize is the disk usage of the files under dir (allocated blocks, as du).
func DirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if fi, err := d.Info(); err == nil {
			if st, ok := fi.Sys().(*syscall.Stat_t); ok {
				n += st.Blocks * 512
			}
		}
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("bench: %w", err)
	}
	return n, nil
}

// LoadAvg is the 1-minute load average from /proc/loadavg.
func LoadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}

// Sampler follows a process tree (a root and its direct children) while
// it works, for servers whose worker processes come and go (a PostgreSQL
// backend ends with its connection): it reads every process's CPU time
// and write_bytes every interval and keeps the last value seen of each,
// so a child that ended still counts, less at most one interval's work.
type Sampler struct {
	root int
	cpu  map[int]time.Duration
	wr   map[int]int64
	stop chan struct{}
	done chan struct{}
}

// StartSampler starts sampling the tree of root every interval.
func StartSampler(root int, interval time.Duration) *Sampler {
	s := &Sampler{root: root, cpu: map[int]time.Duration{}, wr: map[int]int64{}, stop: make(chan struct{}), done: make(chan struct{})}
	s.sample()
	go func() {
		defer close(s.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				s.sample()
				return
			case <-t.C:
				s.sample()
			}
		}
	}()
	return s
}

func (s *Sampler) sample() {
	for _, p := range append([]int{s.root}, children(s.root)...) {
		f, err := statFields(p)
		if err != nil {
			continue
		}
		s.cpu[p] = time.Duration(f[13]+f[14]) * time.Second / clockTick
		s.wr[p] = ioField(p, "write_bytes:")
	}
}

// Stop ends sampling and returns the CPU time and bytes written by the
// tree's processes since StartSampler (a process seen at the start
// counts from there).
func (s *Sampler) Stop(before Tree) (time.Duration, int64) {
	close(s.stop)
	<-s.done
	var cpu time.Duration
	var wr int64
	for p, c := range s.cpu {
		cpu += c
		wr += s.wr[p]
	}
	return cpu - before.CPUOwn, wr - before.WrittenOwn
}
