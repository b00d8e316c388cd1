#!/usr/bin/env bash
# bench.sh: measure tolk against PostgreSQL 15 and stock bleve on a corpus
# folder of .md/.txt files (issue 11 point 5), and print Markdown tables:
# bulk index (wall, cores, bytes written, final size, peak RSS), start-up,
# serving memory, and q/s, p50, p99 and CPU per query over HTTP for the
# 200-query Dutch mix (internal/querymix, drawn from the corpus) and the
# English mix (treaty headings) at 1, 8 and 32 clients. tolk is served twice
# on the same data: as it starts by default ("tolk", with its result cache,
# which answers the mixes' repeated queries) and with --search-cache 0 ("tolk,
# no cache": queries never seen before); -uncached=false leaves the second
# out (needed for commits older than the cache). Everything runs
# on 127.0.0.1 (PostgreSQL on a Unix socket in the working folder) and
# stops by itself.
#
# Usage (from the repository root):
#   scripts/bench.sh CORPUS_DIR [tolkbench run flags...]
#   scripts/bench.sh --bwb-small DIR      write the 1,423 BWB circulars as DIR/ID.md first
#   scripts/bench.sh --bwb-all DIR PCT    write PCT % of all 6,276 BWB documents as DIR/ID.md first
# Examples:
#   scripts/bench.sh --bwb-small /tmp/bwb-small
#   scripts/bench.sh /tmp/bwb-small -duration 10s > bench.md
#   scripts/bench.sh /tmp/bwb-50 -engines tolk
#   REV=worktree scripts/bench.sh /tmp/bwb-small   (default REV=HEAD: a clean export of it)
# Needs Go, and for the pg engine PostgreSQL 15 (Debian: apt-get install
# postgresql-15; run as root it runs initdb and postgres as user postgres).
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-/tmp/tolkbench-bin}
SHARED=${SHARED:-$HERE/../shared/data}
# REV is the commit measured: it is exported with git archive into a
# clean folder and built there, so that uncommitted changes in the work
# tree are not measured. REV=worktree builds the work tree as it is.
REV=${REV:-HEAD}
mkdir -p "$BIN"
if [[ $REV == worktree ]]; then
	SRC=$HERE
	COMMIT="$(cd "$HERE" && git rev-parse --short=12 HEAD) + the work tree's uncommitted changes"
else
	COMMIT=$(cd "$HERE" && git rev-parse --short=12 "$REV")
	SRC=$BIN/src-$COMMIT
	if [[ ! -d $SRC ]]; then
		mkdir -p "$SRC.tmp" && (cd "$HERE" && git archive "$COMMIT") | tar -x -C "$SRC.tmp" && mv "$SRC.tmp" "$SRC"
	fi
fi
(cd "$SRC" && go build -o "$BIN/tolk" ./cmd/tolk && go build -o "$BIN/tolkbench" ./cmd/tolkbench)

case "${1:-}" in
--bwb-small)
	"$BIN/tolkbench" md -out "$2" "$SHARED/bwb-laws-markdown/bwb-small.jsonl.gz"
	exit 0 ;;
--bwb-all)
	"$BIN/tolkbench" md -out "$2" -percent "$3" \
		"$SHARED/bwb-laws-markdown/bwb-small.jsonl.gz" "$SHARED/bwb-laws-markdown/bwb-large.jsonl.gz"
	exit 0 ;;
""|-h|--help)
	sed -n '2,25p' "$0"; exit 2 ;;
esac

corpus=$1; shift
echo "commit measured: $COMMIT; load average at the start $(cut -d' ' -f1-3 /proc/loadavg)"
echo
exec "$BIN/tolkbench" run -corpus "$corpus" -tolk "$BIN/tolk" \
	-headings "$SHARED/bwb-treaties-nl-en/treaty-article-headings-nl-en.tsv.gz" "$@"
