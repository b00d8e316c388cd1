#!/bin/bash
# scripts/upload.sh BIN CORPUS [N] — one multipart upload of the first N (default 100) files of CORPUS, by
# name, to POST /api/v1/documents of BIN serve on a new data directory (docs/PERFORMANCE.md, "Uploading
# several files at once"). Prints the HTTP status, the wall time curl saw and the server's CPU time for the
# upload, and how many files the answer says were stored. Needs curl.
set -u
BIN=$1 CORPUS=$2 N=${3:-100}
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
TOLK_TOKEN=upload-bench-token TOLK_TM_SEED=none "$BIN" serve --data "$D/data" --addr 127.0.0.1:28997 > "$D/serve.log" 2>&1 &
PID=$!
until curl -sf http://127.0.0.1:28997/healthz >/dev/null; do
	kill -0 $PID 2>/dev/null || { tail -2 "$D/serve.log"; exit 1; }
	sleep 0.1
done
args=()
for f in $(ls "$CORPUS" | head -"$N"); do args+=(-F "files=@$CORPUS/$f"); done
c0=$(awk '{print $14+$15}' /proc/$PID/stat)
out=$(curl -s -o "$D/answer.json" -w "%{http_code} %{time_total}" -H "Authorization: Bearer upload-bench-token" "${args[@]}" http://127.0.0.1:28997/api/v1/documents)
c1=$(awk '{print $14+$15}' /proc/$PID/stat)
echo "HTTP $out s, server CPU $(( (c1-c0)*10 )) ms, $(grep -o '"stored":[0-9]*' "$D/answer.json")"
kill $PID
wait $PID 2>/dev/null
