#!/bin/bash
# scripts/annotatetime.sh ROUNDS CORPUS BIN... — what annotating costs a user over HTTP, binary against binary,
# interleaved (docs/GLOSSARY.md, "A verb term apart in a main clause"). Each round starts each BIN with `serve` on a
# new data directory (the shipped letter and glossary; 127.0.0.1:$PORT, default 28979), POSTs every .md and .txt
# file of CORPUS to /api/v1/annotate?lang=nl from one curl process (one connection), and prints the wall time of
# those requests, the server's CPU time over them (utime+stime of /proc/PID/stat) and the annotations returned.
set -u
rounds=$1 corpus=$2
shift 2
port=${PORT:-28979}
tick=$(getconf CLK_TCK)
cfg=$(mktemp)
sep=
for f in "$corpus"/*.md "$corpus"/*.txt; do
	[[ -e $f ]] || continue
	printf '%surl = "http://127.0.0.1:%s/api/v1/annotate?lang=nl"\ndata-binary = "@%s"\nheader = "Content-Type: text/plain"\n' "$sep" "$port" "$f"
	sep=$'next\n'
done > "$cfg"
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
for _ in $(seq "$rounds"); do
	for bin in "$@"; do
		data=$(mktemp -d) log=$(mktemp) out=$(mktemp)
		TOLK_TM_SEED=none "$bin" serve --data "$data" --addr "127.0.0.1:$port" > "$log" 2>&1 &
		pid=$!
		until curl -sf "127.0.0.1:$port/healthz" > /dev/null; do
			kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
			sleep 0.05
		done
		c0=$(cpu $pid) t0=$(date +%s%N)
		curl -s -K "$cfg" > "$out"
		t1=$(date +%s%N) c1=$(cpu $pid)
		n=$(grep -o '"concept":' "$out" | wc -l)
		kill $pid
		wait $pid 2>/dev/null
		echo "$(basename "$bin") wall $(((t1 - t0) / 1000000)) ms, server CPU $(((c1 - c0) * 1000 / tick)) ms, $n annotations, load $(cut -d' ' -f1 /proc/loadavg)"
		rm -rf "$data" "$log" "$out"
	done
done
rm -f "$cfg"
