#!/bin/bash
# scripts/rssload.sh BIN DATADIR PORT LABEL [serve flags...] — serving memory DURING a search load
# (docs/PERFORMANCE.md, "Serving memory under load, session 7"). Starts BIN serve on DATADIR, samples
# VmRSS, RssAnon and RssFile from /proc/PID/status every 100 ms, and runs the benchmark's search load
# (cmd/tolkbench load: the 200-query Dutch mix drawn from $CORPUS, then the English mix) at each of
# $CLIENTS client counts for $DUR each. For each run it prints q/s, p50, p99, the server's CPU time and minor page
# faults per query, the highest VmRSS sampled during the run with its anonymous and file-backed
# parts, and the lowest and highest VmRSS after the run's first second; then the memory 2 s after the
# load, with the peak of the whole serving run (VmHWM, start-up included). Samples are kept in /tmp/rssload/LABEL/samples.txt.
# Env: CORPUS (default /tmp/bwb-small), DUR (10s), CLIENTS (client counts, "8"; "1 8 32" runs each mix
#      at 1, 8 and 32 clients in turn, as scripts/bench.sh does), MIXES ("nl en"),
#      TOLKBENCH (a tolkbench binary; default: built here), SHARED (../shared/data).
# Example: scripts/rssload.sh /tmp/tolk /tmp/data-small 28974 strict --tm-seed none --mapped-under-load 25ms
set -u
BIN=$1 DATA=$2 PORT=$3 LABEL=$4; shift 4
CORPUS=${CORPUS:-/tmp/bwb-small} DUR=${DUR:-10s}
HERE=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$HERE/../shared/data}
OUT=/tmp/rssload/$LABEL; mkdir -p "$OUT"
if [ -z "${TOLKBENCH:-}" ]; then TOLKBENCH=$OUT/tolkbench; (cd "$HERE" && go build -o "$TOLKBENCH" ./cmd/tolkbench) || exit 1; fi
"$BIN" serve --data "$DATA" --addr 127.0.0.1:$PORT "$@" > "$OUT/serve.log" 2>&1 &
PID=$!
t0=$(date +%s.%N)
until curl -sf http://127.0.0.1:$PORT/healthz >/dev/null; do kill -0 $PID 2>/dev/null || { cat "$OUT/serve.log"; exit 1; }; sleep 0.01; done
t1=$(date +%s.%N)
echo "$LABEL start-up $(echo "($t1-$t0)*1000/1" | bc) ms wall, $(awk '{print ($14+$15)*10}' /proc/$PID/stat) ms CPU, load $(cut -d' ' -f1 /proc/loadavg)"
sleep 1
st() { awk '/VmRSS|RssAnon|RssFile|VmHWM/{printf "%s %d MiB ", $1, $2/1024}' /proc/$PID/status; }
echo "$LABEL at rest: $(st)"
# time VmRSS RssAnon RssFile (MiB), every 100 ms while the server runs
( while kill -0 $PID 2>/dev/null; do
	awk -v t="$(date +%s.%N)" '/VmRSS|RssAnon|RssFile/{a[$1]=$2} END{if (a["VmRSS:"]) printf "%s %d %d %d\n", t, a["VmRSS:"]/1024, a["RssAnon:"]/1024, a["RssFile:"]/1024}' /proc/$PID/status 2>/dev/null
	sleep 0.1
done ) > "$OUT/samples.txt" &
SAMPLER=$!
ticks() { awk '{print $14+$15, $10}' /proc/$PID/stat; }
for mix in ${MIXES:-nl en}; do for clients in ${CLIENTS:-8}; do
	s0=$(wc -l < "$OUT/samples.txt")
	read c0 f0 < <(ticks)
	"$TOLKBENCH" load -url "http://127.0.0.1:$PORT/api/v1/search?q=" -corpus "$CORPUS" -mix $mix -clients $clients -duration $DUR \
		-headings "$SHARED/bwb-treaties-nl-en/treaty-article-headings-nl-en.tsv.gz" > "$OUT/load-$mix-$clients.txt" 2>&1
	read c1 f1 < <(ticks)
	s1=$(wc -l < "$OUT/samples.txt")
	qps=$(grep -o '[0-9.]* q/s' "$OUT/load-$mix-$clients.txt" | cut -d' ' -f1); d=${DUR%s}
	peak=$(sed -n "$((s0+1)),${s1}p" "$OUT/samples.txt" | awk '$2>m{m=$2;a=$3;f=$4} $3>ma{ma=$3} $4>mf{mf=$4} END{printf "peak VmRSS %d MiB (anon %d, file %d; highest anon %d, file %d)", m, a, f, ma, mf}')
	# After the run's first second (for a server with its result cache: once the mix's queries are in it).
	later=$(sed -n "$((s0+1)),${s1}p" "$OUT/samples.txt" | awk 'NR==1{t0=$1} $1-t0>=1{if(n==0||$2<lo)lo=$2; if($2>hi)hi=$2; n++} END{if(n) printf "after its first second %d–%d MiB", lo, hi}')
	echo "$LABEL $(head -1 "$OUT/load-$mix-$clients.txt" | cut -c1-120) | CPU/query $(echo "scale=3; ($c1-$c0)*10/($qps*$d)" | bc) ms, faults/query $(echo "scale=1; ($f1-$f0)/($qps*$d)" | bc) | $peak, $later | load $(cut -d' ' -f1 /proc/loadavg)"
done; done
sleep 2
echo "$LABEL 2 s after the load: $(st)"
kill $PID; wait $PID 2>/dev/null
kill $SAMPLER 2>/dev/null; wait $SAMPLER 2>/dev/null
