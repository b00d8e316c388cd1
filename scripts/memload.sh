#!/bin/bash
# scripts/memload.sh BIN DATADIR PORT LABEL [serve flags...] — issue 11 point 3 (docs/PERFORMANCE.md,
# "Memory"): starts BIN serve on DATADIR, prints the start-up (wall from the log, CPU from /proc) and
# VmRSS/VmHWM/RssAnon/RssFile after start-up, runs the benchmark's search load (the 200-query Dutch mix
# of $CORPUS and the English mix, 1, 8 and 32 clients, $DUR each, with cmd/tolkbench load) printing
# q/s, p50, p99, server CPU and minor page faults per query, then the memory at the end of the load,
# 2 s later, and after a forced collection (heap profiles in /tmp/mem/LABEL).
# Env: CORPUS (default /tmp/bwb-small), DUR (5s), TOLKBENCH (a tolkbench binary; default: built here).
# Example: scripts/memload.sh /tmp/tolk /tmp/data-small 28920 new --tm-seed none
set -u
BIN=$1 DATA=$2 PORT=$3 LABEL=$4; shift 4
CORPUS=${CORPUS:-/tmp/bwb-small} DUR=${DUR:-5s}
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=/tmp/mem/$LABEL; mkdir -p $OUT
if [ -z "${TOLKBENCH:-}" ]; then TOLKBENCH=$OUT/tolkbench; (cd "$HERE" && go build -o $TOLKBENCH ./cmd/tolkbench) || exit 1; fi
$BIN serve --data $DATA --addr 127.0.0.1:$PORT --pprof "$@" > $OUT/serve.log 2>&1 &
PID=$!
until curl -sf http://127.0.0.1:$PORT/healthz >/dev/null; do kill -0 $PID 2>/dev/null || { cat $OUT/serve.log; exit 1; }; sleep 0.02; done
echo "$LABEL $(grep -o 'startup=[^ ]*' $OUT/serve.log), start-up CPU $(awk '{print ($14+$15)*10}' /proc/$PID/stat) ms, load $(cut -d' ' -f1 /proc/loadavg)"
sleep 1
st() { grep -E 'VmRSS|VmHWM|RssAnon|RssFile' /proc/$PID/status | tr -s ' ' | tr -d '\t' | paste -sd' '; }
echo "$LABEL after start-up: $(st)"
curl -s "http://127.0.0.1:$PORT/debug/pprof/heap?gc=1" > $OUT/heap-start.pb.gz
ticks() { awk '{print $14+$15, $10}' /proc/$PID/stat; }
for mix in nl en; do for c in 1 8 32; do
  read t0 f0 < <(ticks)
  $TOLKBENCH load -url "http://127.0.0.1:$PORT/api/v1/search?q=" -corpus $CORPUS -mix $mix -clients $c -duration $DUR -headings "${SHARED:-$HERE/../shared/data}/bwb-treaties-nl-en/treaty-article-headings-nl-en.tsv.gz" > $OUT/load-$mix-$c.txt 2>&1
  read t1 f1 < <(ticks)
  qps=$(grep -o '[0-9.]* q/s' $OUT/load-$mix-$c.txt | cut -d' ' -f1); d=${DUR%s}
  echo "$(tr -d '\n' < $OUT/load-$mix-$c.txt) | server CPU/query $(echo "scale=2; ($t1-$t0)*10/($qps*$d)" | bc) ms, minor faults/query $(echo "scale=1; ($f1-$f0)/($qps*$d)" | bc), load $(cut -d' ' -f1 /proc/loadavg)"
done; done
echo "$LABEL at the end of the load: $(st)"
sleep 2
echo "$LABEL 2 s later: $(st)"
curl -s "http://127.0.0.1:$PORT/debug/pprof/heap?gc=1" > $OUT/heap-load.pb.gz
echo "$LABEL after a collection: $(st)"
kill $PID; wait $PID 2>/dev/null
