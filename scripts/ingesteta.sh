#!/usr/bin/env bash
# scripts/ingesteta.sh BIN CORPUS — how right tolk ingest's ETA is (docs/PERFORMANCE.md, "Ingest progress").
# Ingests CORPUS into a fresh data directory with BIN, stamps each progress line of stderr with the
# time since the start (bash's EPOCHREALTIME: no process per line), and prints for every line with an
# ETA the time elapsed, the ETA printed and the time that was really left until the last progress line.
# Run it with an older binary for the "before" column. Needs bash 5 (any awk).
set -euo pipefail
bin=$1 corpus=$2
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
start=$EPOCHREALTIME
TOLK_TM_SEED=none "$bin" ingest --data "$data/d" "$corpus" 2>&1 >/dev/null |
	while IFS= read -r line; do
		case $line in "ingested "*/*) echo "$EPOCHREALTIME $line" ;; esac
	done |
	awk -v t0="$start" '
		{ t[NR] = $1 - t0; line[NR] = $0; eta[NR] = ""; if ($0 ~ /, ETA /) { e = $0; sub(/.*, ETA /, "", e); eta[NR] = e } }
		END { for (i = 1; i <= NR; i++) if (eta[i] != "") printf "%5.1f s elapsed  ETA %-6s  really left %4.1f s\n", t[i], eta[i], t[NR] - t[i] }'
