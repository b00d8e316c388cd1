#!/bin/bash
# scripts/idlecpu.sh BIN DATADIR [SECONDS] [serve flags...] — the CPU an idle `tolk serve` uses: starts BIN
# serve on DATADIR, waits 3 s after it answers, then prints the CPU time (user + system, from /proc) it
# used over SECONDS (default 20) with no request at all (docs/PERFORMANCE.md, "Memory during a load,
# session 10").
set -u
BIN=$1 DATA=$2 SECS=${3:-20}; shift $(( $# < 3 ? $# : 3 ))
TOLK_TM_SEED=${TOLK_TM_SEED:-none} "$BIN" serve --data "$DATA" --addr 127.0.0.1:28999 "$@" > /dev/null 2>&1 &
PID=$!
until curl -sf http://127.0.0.1:28999/healthz >/dev/null; do kill -0 $PID 2>/dev/null || exit 1; sleep 0.1; done
sleep 3
ticks() { awk '{print $14+$15}' /proc/$PID/stat; }
t0=$(ticks); sleep "$SECS"; t1=$(ticks)
echo "idle for $SECS s: $(( (t1-t0)*10 )) ms of CPU, $(echo "scale=2; ($t1-$t0)*10/($SECS*10)" | bc) % of a core"
kill $PID
wait $PID 2>/dev/null
