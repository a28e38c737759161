#!/usr/bin/env bash
# One CONCURRENT run of the gocqlsh shell, as a bench/run.sh client: the same
# prepared insert as bench/insert's W2, fanned out by the shell's CONCURRENT
# command with RANGE arguments. Prints run.sh's TSV line: workload, tool,
# protocol, ops/s, client CPU µs/op (user+sys of the whole process, start-up
# included), then n/a for allocations and latency.
#   bench/concurrent.sh BIN HOST PROTO N C
set -euo pipefail
bin=$1 host=$2 proto=$3 n=$4 c=$5
"$bin" --no-color -e "CREATE KEYSPACE IF NOT EXISTS bench_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};
CREATE TABLE IF NOT EXISTS bench_ks.bench (key text PRIMARY KEY, col0 text, col1 text);" "$host" >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
/usr/bin/time -f '%U %S' -o "$out.time" "$bin" --no-color --protocol-version "$proto" --request-timeout 60 \
  -e "CONCURRENT $c INSERT INTO bench_ks.bench (key, col0, col1) VALUES (?, ?, ?) WITH ARGS RANGE 0 TO $n" "$host" >"$out" 2>&1 || {
  cat "$out" >&2
  exit 1
}
rate=$(sed -n 's/.* (\([0-9.]*\)\/s).*/\1/p' "$out" | head -1)
failed=$(sed -n 's/.* ok, \([0-9]*\) failed.*/\1/p' "$out" | head -1)
if [ -z "$rate" ] || [ "${failed:-1}" != 0 ]; then
  cat "$out" >&2
  exit 1
fi
read -r user sys <"$out.time"
rm -f "$out.time"
cpu=$(awk -v u="$user" -v s="$sys" -v n="$n" 'BEGIN {printf "%.1f", (u + s) * 1e6 / n}')
printf 'W2\tshell\tv%s\t%s\t%s\tn/a\tn/a\tn/a\n' "$proto" "$rate" "$cpu"
