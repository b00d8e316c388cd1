#!/bin/bash
# scripts/ingesttime.sh LABEL BIN CORPUS [ingest flags...] — one bulk `tolk ingest` of CORPUS into a new data
# directory, measured as a user's: wall, CPU (user+sys) and cores from /usr/bin/time, bytes written
# (write_bytes of /proc/PID/io, sampled every 200 ms until the process ends), the final data directory (du), the
# store's file tolk.db (its size) and the index's segment files, peak RSS, with the 1-minute load average
# (docs/PERFORMANCE.md, "Bulk indexing, session 8").
set -u
label=$1 bin=$2 corpus=$3
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
TOLK_TM_SEED=none /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" ingest --data "$work/data" "$@" "$corpus" > /dev/null 2> "$work/err" &
tpid=$!
sleep 0.2
pid=$(pgrep -P $tpid | head -1)
wb=0
while kill -0 "$pid" 2>/dev/null; do
	w=$(awk '/^write_bytes/{print $2}' "/proc/$pid/io" 2>/dev/null)
	[ -n "$w" ] && wb=$w
	sleep 0.2
done
wait $tpid
read -r e u s m < "$work/time"
fin=$(du -sb "$work/data" | cut -f1)
segs=$(ls "$work/data/index/store/"*.zap | wc -l)
store=$(stat -c %s "$work/data/tolk.db")
awk -v l="$label" -v e="$e" -v u="$u" -v s="$s" -v m="$m" -v wb="$wb" -v fin="$fin" -v segs="$segs" -v store="$store" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
	'BEGIN { printf "%s wall %.2f s, CPU %.2f s, %.2f cores, written %d MiB, final %d MiB (%.2fx; store %d MiB), %d segment files, peak RSS %d MiB, load %s\n", l, e, u+s, (u+s)/e, wb/1048576, fin/1048576, wb/fin, store/1048576, segs, m/1024, load }'
