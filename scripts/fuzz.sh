#!/usr/bin/env bash
# fuzz.sh: run every fuzz target in the module for a fixed budget each and
# print a table of executions per second. go test -fuzz takes one target
# per package per run, so the targets run one after another.
#
# Usage: scripts/fuzz.sh                       (from anywhere in the repo)
#        FUZZTIME=60s scripts/fuzz.sh          (longer; Nx means N executions)
#        scripts/fuzz.sh 'ingest|FuzzImport'   (only targets whose
#                                               "package Target" matches)
# FUZZTIME          budget per target (default 5s)
# FUZZMINIMIZETIME  time spent minimising each new input (default 1s; go
#                   test's own default is 60s, which in a short run goes to
#                   minimising one input instead of fuzzing: the minimiser
#                   has a pass quadratic in the input's length)
# A failure leaves its input in the package's testdata/fuzz/<Target>/,
# where plain go test runs it from then on; commit it with the fix.
# Exit status 1 if any target failed.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZTIME=${FUZZTIME:-5s}
FUZZMINIMIZETIME=${FUZZMINIMIZETIME:-1s}
filter=${1:-}
module=$(go list -m)

# seconds converts a go duration of whole units ("3s", "1m0s", "1h2m3s").
seconds() {
	awk -v d="$1" 'BEGIN {
		s = 0
		while (match(d, /^[0-9.]+(h|m|s)/)) {
			u = substr(d, RLENGTH, 1); n = substr(d, 1, RLENGTH - 1) + 0
			s += (u == "h") ? n * 3600 : (u == "m") ? n * 60 : n
			d = substr(d, RLENGTH + 1)
		}
		print s
	}'
}

targets=$(grep -rn --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' . |
	sed -E 's#^\./(.*)/[^/]*_test\.go:[0-9]+:func (Fuzz[A-Za-z0-9_]*).*#\1 \2#' | sort -u)
if [[ -n $filter ]]; then
	targets=$(grep -E -- "$filter" <<<"$targets" || true)
fi
if [[ -z $targets ]]; then
	echo "fuzz.sh: no fuzz target matches '$filter'" >&2
	exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=0
start=$SECONDS
printf '%-34s %-24s %10s %8s %8s  %s\n' package target execs seconds execs/s result
while read -r dir target; do
	pkg=$module/$dir
	set +e
	go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" \
		-fuzzminimizetime "$FUZZMINIMIZETIME" "./$dir" >"$log" 2>&1
	rc=$?
	set -e
	last=$(grep -E '^fuzz: elapsed: .*execs: [0-9]+' "$log" | tail -1 || true)
	execs=$(sed -E 's/.*execs: ([0-9]+).*/\1/' <<<"$last")
	elapsed=$(sed -E 's/^fuzz: elapsed: ([0-9hms.]+),.*/\1/' <<<"$last")
	secs=$(seconds "${elapsed:-0s}")
	rate=-
	if [[ -n $execs && $secs != 0 ]]; then
		rate=$(awk -v e="$execs" -v s="$secs" 'BEGIN { printf "%d", e / s }')
	fi
	result=ok
	if [[ $rc -ne 0 ]]; then
		result=FAIL
		# Go 1.26's coordinator can report its own -fuzztime deadline as
		# a failure (go.dev/issue/75804, fixed in Go 1.27): a bare
		# "context deadline exceeded" with no failing input written.
		if grep -q '^    context deadline exceeded$' "$log" && ! grep -q 'Failing input written' "$log"; then
			result="ok (go#75804)"
		else
			failed=1
		fi
	fi
	printf '%-34s %-24s %10s %8s %8s  %s\n' "$dir" "$target" "${execs:--}" "${secs:--}" "$rate" "$result"
	if [[ $result == FAIL ]]; then
		sed 's/^/    /' "$log"
	fi
done <<<"$targets"
echo "fuzz.sh: $(wc -l <<<"$targets") targets, FUZZTIME=$FUZZTIME each, $((SECONDS - start)) s in all"
exit $failed
