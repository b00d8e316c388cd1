#!/bin/bash
# scripts/paging.sh BIN DATADIR LABEL [serve flags...] — server CPU per page request when a user pages
# through result lists (docs/PERFORMANCE.md, "Result cache"). Serves a copy of DATADIR with BIN on
# 127.0.0.1:$PORT (default 28981); for each query (one per line in $QUERIES, default the 40 one-word
# queries below) asks page 1, then offsets 10, 20, … 90, and adds up the server's utime+stime (from
# /proc, in clock ticks) around the pages after the first. Prints the CPU per page request.
set -u
BIN=$1 DATA=$2 LABEL=$3; shift 3
PORT=${PORT:-28981}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -r "$DATA" "$WORK/data"
if [ -n "${QUERIES:-}" ]; then
	mapfile -t QS < "$QUERIES"
else
	QS=(subsidie minister "aanvraag subsidie" belasting beleidsregel gemeente verordening vergunning toezicht
		onderwijs inspectie zorg werkgever uitkering pensioen douane rijksdienst aanbesteding huurtoeslag bezwaar
		boete handhaving milieu water defensie politie rechter beroep termijn kosten begroting verzekering arbeid
		ontheffing registratie vreemdeling asiel landbouw visserij energie)
fi
TOLK_TM_SEED=none "$BIN" serve --data "$WORK/data" --addr "127.0.0.1:$PORT" "$@" > "$WORK/serve.log" 2>&1 &
P=$!
until curl -sf "127.0.0.1:$PORT/healthz" > /dev/null; do
	kill -0 $P 2>/dev/null || { cat "$WORK/serve.log"; exit 1; }
	sleep 0.05
done
cpu() { awk '{print $14+$15}' "/proc/$P/stat"; }
ticks=0 n=0
for q in "${QS[@]}"; do
	e=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
	curl -s -o /dev/null "127.0.0.1:$PORT/api/v1/search?q=$e"
	a=$(cpu)
	for off in 10 20 30 40 50 60 70 80 90; do
		curl -s -o /dev/null "127.0.0.1:$PORT/api/v1/search?q=$e&offset=$off"
		n=$((n + 1))
	done
	b=$(cpu)
	ticks=$((ticks + b - a))
done
kill $P
wait $P 2>/dev/null
awk -v t="$ticks" -v n="$n" -v hz="$(getconf CLK_TCK)" -v l="$LABEL" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
	'BEGIN { printf "%s: %d page requests, server CPU %.3f ms per page request, load %s\n", l, n, t / hz * 1000 / n, load }'
