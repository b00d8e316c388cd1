#!/bin/bash
# scripts/hits.sh BIN DATADIR QUERY [HAS_RE [NOT_RE]] — serve DATADIR with BIN on 127.0.0.1:$PORT (default 28979),
# search QUERY (limit 100) and print the total and, with HAS_RE, how many of the first 100 hits have a match of
# HAS_RE in their text (case-insensitive Python regex) and none of NOT_RE (docs/COMPOUNDS.md, sessions 25: the
# indienen and belasting figures). DATADIR is made by `tolk ingest --data DATADIR CORPUS`.
set -u
bin=$1 data=$2 q=$3 has=${4:-} not=${5:-}
port=${PORT:-28979}
log=$(mktemp)
TOLK_TM_SEED=none "$bin" serve --data "$data" --addr "127.0.0.1:$port" > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
until curl -sf "127.0.0.1:$port/healthz" > /dev/null; do
	kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
	sleep 0.05
done
curl -sf -G "127.0.0.1:$port/api/v1/search" --data-urlencode "q=$q" --data-urlencode "limit=100" --data-urlencode "lang=nl" |
	HAS="$has" NOT="$not" Q="$q" python3 -c '
import json, os, re, sys
r = json.load(sys.stdin)
has, nt = os.environ["HAS"], os.environ["NOT"]
line = "%s: total %d" % (os.environ["Q"], r["total"])
if has:
    n = sum(1 for h in r["hits"] if re.search(has, h["text"], re.I) and not (nt and re.search(nt, h["text"], re.I)))
    line += ", first %d hits with /%s/%s: %d" % (len(r["hits"]), has, " not /%s/" % nt if nt else "", n)
print(line)'
