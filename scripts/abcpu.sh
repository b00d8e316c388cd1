#!/bin/bash
# scripts/abcpu.sh DATADIR CORPUS ROUNDS BIN... — CPU per search query, binary against binary, interleaved.
# A BIN argument may carry serve flags and another data directory: "BIN [flags...][@DATADIR]", such as
# "/tmp/tolk --search-cache 0" or "/tmp/tolk@/tmp/data2" (one binary on two data directories).
# Each round serves DATADIR with each BIN in turn (127.0.0.1:$PORT, default 28976), runs the benchmark's
# search load (cmd/tolkbench load: the 200-query mix drawn from CORPUS, $MIX nl or en, $CLIENTS clients,
# $DUR) and prints q/s, p50, p99 and the server's CPU time per query (utime+stime from /proc) with the
# 1-minute load average. Env: TOLKBENCH (a tolkbench binary; default: built here), MIX (nl), CLIENTS (8),
# DUR (10s), PORT (28976). docs/PERFORMANCE.md, "Fourth round".
set -euo pipefail
cd "$(dirname "$0")/.."
data=$1 corpus=$2 rounds=$3
shift 3
port=${PORT:-28976}
if [ -z "${TOLKBENCH:-}" ]; then
	TOLKBENCH=$(mktemp -d)/tolkbench
	go build -o "$TOLKBENCH" ./cmd/tolkbench
fi
for _ in $(seq "$rounds"); do
	for arg in "$@"; do
		served=$data
		if [[ $arg == *@* ]]; then
			served=${arg##*@}
			arg=${arg%@*}
		fi
		read -ra cmd <<< "$arg"
		bin=${cmd[0]}
		TOLK_TM_SEED=none "${cmd[@]:0:1}" serve --data "$served" --addr "127.0.0.1:$port" "${cmd[@]:1}" >/dev/null 2>&1 &
		spid=$!
		for _ in $(seq 100); do
			curl -s -o /dev/null "http://127.0.0.1:$port/readyz" && break
			sleep 0.2
		done
		t0=$(awk '{print $14+$15}' "/proc/$spid/stat")
		out=$("$TOLKBENCH" load -url "http://127.0.0.1:$port/api/v1/search?q=" -corpus "$corpus" \
			-mix "${MIX:-nl}" -clients "${CLIENTS:-8}" -duration "${DUR:-10s}" 2>&1 | tail -1)
		t1=$(awk '{print $14+$15}' "/proc/$spid/stat")
		kill "$spid"
		wait "$spid" 2>/dev/null || true
		qps=$(echo "$out" | grep -o '[0-9.]* q/s' | awk '{print $1}')
		secs=$(echo "${DUR:-10s}" | tr -d s)
		cpu=$(awk -v t="$((t1 - t0))" -v q="$qps" -v s="$secs" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", t / hz * 1000 / (q * s) }')
		label="$(basename "$bin") ${cmd[*]:1}"
		[ "$served" != "$data" ] && label="$label@$served"
		echo "$label $out | CPU/query $cpu ms | load $(cut -d' ' -f1 /proc/loadavg)"
	done
done
