#!/bin/bash
# scripts/startup.sh DATADIR ROUNDS BIN... — start-up time, binary against binary, interleaved (docs/PERFORMANCE.md,
# "Start-up, session 8"). Each round starts each BIN with `serve` on DATADIR (127.0.0.1:$PORT, default 28978) and
# prints the time from exec until /healthz answers (polled every 5 ms) and the server's own startup= figure.
# FRESH_SPLITTER=1 removes DATADIR/splitter.snapshot before each start: a first start, which builds the compound
# splitter instead of mapping it.
set -u
data=$1 rounds=$2
shift 2
port=${PORT:-28978}
for _ in $(seq "$rounds"); do
	for bin in "$@"; do
		[ "${FRESH_SPLITTER:-}" = 1 ] && rm -f "$data/splitter.snapshot"
		log=$(mktemp)
		TOLK_TM_SEED=none "$bin" serve --data "$data" --addr "127.0.0.1:$port" > "$log" 2>&1 &
		pid=$!
		t0=$(date +%s%N)
		until curl -sf "127.0.0.1:$port/healthz" > /dev/null; do
			kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
			sleep 0.005
		done
		t1=$(date +%s%N)
		kill $pid
		wait $pid 2>/dev/null
		echo "$(basename "$bin") $(((t1 - t0) / 1000000)) ms $(grep -o 'startup=[^ ]*' "$log") load $(cut -d' ' -f1 /proc/loadavg)"
		rm -f "$log"
	done
done
