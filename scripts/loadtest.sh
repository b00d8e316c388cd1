#!/usr/bin/env bash
# loadtest.sh: start tolk on 127.0.0.1 and measure start-up time, memory
# (RSS) and throughput/latency under wrk with the request mix of
# scripts/loadtest.lua. Everything is bounded: DURATION seconds per run,
# three runs in memory (1, 4 and 16 connections), one on disk, then the
# servers are stopped.
#
# Usage: scripts/loadtest.sh            (from the repository root)
#        DURATION=5 PORT=18500 scripts/loadtest.sh
# Needs wrk (Debian: apt-get install wrk) and curl. Linux only (/proc).
set -euo pipefail

DURATION=${DURATION:-15}
PORT=${PORT:-18480}
BIN=${BIN:-/tmp/tolk-load}
ADDR=127.0.0.1:$PORT
BASE=http://$ADDR
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/tolk-load.XXXXXX)
PID=

stop() {
	if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
		kill -TERM "$PID"
		wait "$PID" || true
	fi
	PID=
}
trap 'stop; rm -rf "$WORK"' EXIT

for tool in wrk curl; do
	command -v "$tool" >/dev/null || { echo "loadtest: $tool is not installed" >&2; exit 1; }
done

echo "# building $BIN"
(cd "$HERE/.." && go build -o "$BIN" ./cmd/tolk)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start LOG ARGS...: start the server, wait for /healthz (at most 60 s) and
# print the time from exec to the first healthy answer.
start() {
	local log=$1; shift
	local t0; t0=$(now_ms)
	GODEBUG=gctrace=1 "$BIN" serve --addr "$ADDR" "$@" 2>"$log" &
	PID=$!
	for _ in $(seq 1 6000); do
		if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; then
			echo "startup_ms=$(( $(now_ms) - t0 )) (until /healthz answers; the server's own log: $(grep -o 'startup=[^ ]*' "$log"))"
			return 0
		fi
		kill -0 "$PID" 2>/dev/null || { echo "loadtest: server exited" >&2; cat "$log" >&2; exit 1; }
		sleep 0.01
	done
	echo "loadtest: no /healthz within 60 s" >&2
	exit 1
}

# mem WHEN LOG: resident memory now (VmRSS) and at its peak so far (VmHWM),
# and the Go heap after the last garbage collection, from GODEBUG=gctrace=1
# ("live" is the heap marked reachable; "goal" the size at which the next
# collection starts).
mem() {
	local gc
	gc=$(grep '^gc [0-9]' "$2" | tail -1 | sed -E 's/.* ([0-9]+)->([0-9]+)->([0-9]+) MB, ([0-9]+) MB goal.*/live_heap=\3 MiB heap_goal=\4 MiB/')
	awk -v when="$1" '/^Vm(RSS|HWM):/ {sub(":", "", $1); printf "%s %s=%d MiB ", when, $1, $2/1024}' "/proc/$PID/status"
	echo "${gc:-no GC yet} gcs=$(grep -c '^gc [0-9]' "$2" || true)"
}

# load CONNECTIONS [api]: one wrk run; "api" leaves out the two HTML pages.
load() {
	local c=$1 t=2
	((c < 2)) && t=1
	printf 'connections=%-2d %-4s ' "$c" "${2:-all}"
	wrk -t"$t" -c"$c" -d"${DURATION}s" --timeout 5s -s "$HERE/loadtest.lua" "$BASE" -- "${2:-all}" |
		grep '^RESULT' | sed 's/^RESULT //'
}

# statuses LOG: count of each response status the server logged.
statuses() {
	grep -o 'msg=request .* status=[0-9]*' "$1" | grep -o 'status=[0-9]*' | sort | uniq -c | tr '\n' ' '
	echo
}

# problems LOG: the server's warnings, errors and 5xx answers, if any.
problems() {
	local n
	n=$(grep -cE 'level=(WARN|ERROR)|status=5[0-9][0-9]' "$1" || true)
	echo "server warnings/errors/5xx: $n"
	grep -E 'level=(WARN|ERROR)|status=5[0-9][0-9]' "$1" | head -20 | sed 's/^/  /' || true
}

# took LOG: server-side handling time per path (median and p99, ms), from
# the request log (from the handler's start to its last write), so the heavy requests can be told from the light ones.
took() {
	grep 'msg=request' "$1" | awk '
		{ path=""; t="" 
		  for (i = 1; i <= NF; i++) {
			if ($i ~ /^path=/) path = substr($i, 6)
			if ($i ~ /^took=/) t = substr($i, 6)
		  }
		  v = t + 0
		  if (t ~ /µs$/) v /= 1000; else if (t ~ /ns$/) v /= 1e6; else if (t ~ /ms$/) v += 0; else if (t ~ /s$/) v *= 1000
		  print path, v }' |
		sort -k1,1 -k2,2g | awk '
		function flush() { if (n) printf "  %-34s n=%-6d p50=%.2f ms  p99=%.2f ms  max=%.1f ms\n", cur, n, a[int(n*0.5)+1], a[int(n*0.99)+1], a[n] }
		$1 != cur { flush(); cur = $1; n = 0 }
		{ a[++n] = $2 }
		END { flush() }'
}

echo "# machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# --memory"
start "$WORK/mem.log" --memory
mem after-start "$WORK/mem.log"
for c in 1 4 16; do
	load "$c"
done
load 16 api
mem after-load "$WORK/mem.log"
echo "statuses: $(statuses "$WORK/mem.log")"
problems "$WORK/mem.log"
echo "server-side time per path (all four runs):"
took "$WORK/mem.log"
stop

echo "# --data (first start: empty directory)"
start "$WORK/data1.log" --data "$WORK/data"
mem after-start "$WORK/data1.log"
load 16
mem after-load "$WORK/data1.log"
echo "statuses: $(statuses "$WORK/data1.log")"
problems "$WORK/data1.log"
stop
echo "# --data (restart on the same directory)"
start "$WORK/data2.log" --data "$WORK/data"
mem after-start "$WORK/data2.log"
stop
du -sh "$WORK/data" | sed 's/^/data directory size: /'
echo "# load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
