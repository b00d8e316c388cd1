#!/bin/bash
# scripts/candidates.sh BIN DATADIR [LIMIT] — serve DATADIR with BIN on 127.0.0.1:$PORT (default 28978) and print
# every document's term candidates (GET /api/v1/documents/{id}/candidates?limit=LIMIT, default 200) as
# doc<TAB>kind<TAB>count<TAB>text<TAB>suggested equivalents (en/via, "; "-joined), for comparing two builds on
# one data directory (docs/GLOSSARY.md and docs/TM.md, session 26): run it with each BIN, sort, and diff.
# The suggestions need the TM: give TOLK_TM_SEED (or leave it, for the treaty pairs beside the checkout).
set -u
bin=$1 data=$2 limit=${3:-200}
port=${PORT:-28978}
log=$(mktemp)
"$bin" serve --data "$data" --addr "127.0.0.1:$port" > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.2; done
# A first TM request starts the seed; wait until it is in, so that the suggestions are complete.
while curl -s "http://127.0.0.1:$port/api/v1/tm/concordance?q=verdrag" | grep -q '"seeding"'; do sleep 1; done
python3 -c '
import json, sys, urllib.request
port, limit = sys.argv[1], sys.argv[2]
docs, off = [], 0
while True:  # GET /documents lists 1,000 at a time
    r = json.load(urllib.request.urlopen("http://127.0.0.1:%s/api/v1/documents?offset=%d" % (port, off)))
    docs += r["documents"]
    off += len(r["documents"])
    if not r["documents"] or off >= r["total"]:
        break
for d in docs:
    url = "http://127.0.0.1:%s/api/v1/documents/%s/candidates?limit=%s" % (port, d["id"], limit)
    for c in json.load(urllib.request.urlopen(url)).get("candidates") or []:
        eq = "; ".join("%s/%s" % (e["en"], e["via"]) for e in c.get("equivalents") or [])
        print(d["id"], c["kind"], c["count"], c["text"], eq, sep="\t")
' "$port" "$limit"
