#!/bin/bash
# scripts/memory.sh BIN DATADIR PORT LABEL [serve flags...] — issue 11 point 3 (docs/PERFORMANCE.md, "Memory"):
# starts BIN serve on DATADIR, prints the start-up time and VmRSS/VmHWM/RssAnon/RssFile after start-up
# (with the largest mappings) and after a load (every reader page and term list, 200 searches, a
# concordance); heap profiles go to /tmp/mem/LABEL/heap-{start,load}.pb.gz. Needs curl, bc, python3.
set -u
BIN=$1 DATA=$2 PORT=$3 LABEL=$4; shift 4
OUT=/tmp/mem/$LABEL; mkdir -p $OUT
t0=$(date +%s.%N)
$BIN serve --data $DATA --addr 127.0.0.1:$PORT --pprof "$@" > $OUT/serve.log 2>&1 &
PID=$!
until curl -sf http://127.0.0.1:$PORT/healthz >/dev/null; do kill -0 $PID 2>/dev/null || { cat $OUT/serve.log; exit 1; }; sleep 0.05; done
t1=$(date +%s.%N)
echo "$LABEL ready after $(echo "$t1 - $t0" | bc) s (log: $(grep -o 'startup=[^ ]*' $OUT/serve.log))"
sleep 2
grep -E 'VmRSS|VmHWM|RssAnon|RssFile' /proc/$PID/status | tr -s ' ' | paste -sd' ' | sed "s/^/$LABEL after start-up: /"
curl -s "http://127.0.0.1:$PORT/debug/pprof/heap?gc=1" > $OUT/heap-start.pb.gz
awk '/^[0-9a-f]+-[0-9a-f]+ /{f=$6} /^Rss:/{r[f]+=$2} END{for(k in r) if(r[k]>4000) print "  rss", r[k], "kB", k}' /proc/$PID/smaps | sort -k2 -nr | head -6
# every document's id, a page of 1,000 at a time
python3 -c '
import json, sys, urllib.request
off = 0
while True:
    r = json.load(urllib.request.urlopen("http://127.0.0.1:%s/api/v1/documents?offset=%d" % (sys.argv[1], off)))
    for d in r["documents"]:
        print(d["id"])
    off += len(r["documents"])
    if not r["documents"] or off >= r["total"]:
        break
' $PORT > $OUT/ids
echo "$(wc -l < $OUT/ids) documents"
# load: every reader page, every document's terms, 200 searches
while read id; do curl -s -o /dev/null http://127.0.0.1:$PORT/documents/$id; curl -s -o /dev/null http://127.0.0.1:$PORT/api/v1/documents/$id/terms; done < $OUT/ids
for w in minister belasting subsidie regeling wet artikel gemeente provincie onderwijs zorg; do for i in $(seq 20); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/search?q=$w&page=$i"; done; done
curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/concordance?term=minister"
grep -E 'VmRSS|VmHWM|RssAnon|RssFile' /proc/$PID/status | tr -s ' ' | paste -sd' ' | sed "s/^/$LABEL after load: /"
curl -s "http://127.0.0.1:$PORT/debug/pprof/heap?gc=1" > $OUT/heap-load.pb.gz
kill $PID; wait $PID 2>/dev/null
