#!/usr/bin/env bash
# Shell benchmarks: gocqlsh against cqlsh 6.2.2 on the local node.
#
#   1. cold start: -e "SELECT release_version FROM system.local" (hyperfine, >= 10 runs)
#   2. rendering 100,000 rows non-tty to /dev/null (wall time, both shells)
#   3. peak RSS of gocqlsh rendering 1,000,000 rows (/usr/bin/time -v)
#
# The tables are filled once by bench/shellload (keyspace bench_shell).
# Environment: BENCH_ADDR (default: testenv/node env, else 127.0.0.1:9042),
# BENCH_RUNS (hyperfine runs, default 20), BENCH_SKIP_LOAD=1 to reuse tables.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
addr=${BENCH_ADDR:-$(testenv/node env 2>/dev/null | sed -n 's/^GOCQLSH_TEST_NODE=//p')}
addr=${addr:-127.0.0.1:9042}
host=${addr%:*}
port=${addr##*:}
runs=${BENCH_RUNS:-20}
venv=${GOCQLSH_PEERS_VENV:-$root/testenv/venv}
cqlsh=$venv/bin/cqlsh
go build -o bin/gocqlsh ./cmd/gocqlsh
gocqlsh=$root/bin/gocqlsh
[ -x "$cqlsh" ] || make peers

if [ "${BENCH_SKIP_LOAD:-}" != 1 ]; then
  go run ./bench/shellload -addr "$addr" -table rows100k -n 100000
  go run ./bench/shellload -addr "$addr" -table rows1m -n 1000000
fi

# mean wall seconds of a command over n runs (without hyperfine)
mean() {
  local n=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  for _ in $(seq "$n"); do "$@" >/dev/null 2>&1 </dev/null || true; done
  t1=$(date +%s.%N)
  echo "scale=4; ($t1 - $t0) / $n" | bc
}

echo "== 1. cold start (-e SELECT release_version FROM system.local)"
q="SELECT release_version FROM system.local"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 2 --runs "$runs" --export-json /tmp/gocqlsh-bench-start.json \
    "$gocqlsh --no-color -e '$q' $host $port" "$cqlsh --no-color -e '$q' $host $port"
else
  g=$(mean "$runs" "$gocqlsh" --no-color -e "$q" "$host" "$port")
  c=$(mean "$runs" "$cqlsh" --no-color -e "$q" "$host" "$port")
  echo "gocqlsh ${g}s  cqlsh ${c}s  ratio $(echo "scale=1; $c / $g" | bc)x"
fi

echo "== 2. rendering 100,000 rows to /dev/null"
q="SELECT * FROM bench_shell.rows100k"
for i in 1 2 3; do
  g=$( { /usr/bin/time -f %e "$gocqlsh" --no-color --request-timeout 120 -e "$q" "$host" "$port" >/dev/null; } 2>&1 | tail -1)
  c=$( { /usr/bin/time -f %e "$cqlsh" --no-color --request-timeout 120 -e "$q" "$host" "$port" >/dev/null; } 2>&1 | tail -1)
  echo "run $i: gocqlsh ${g}s  cqlsh ${c}s  ratio $(echo "scale=1; $c / $g" | bc)x"
done
rows=$("$gocqlsh" --no-color -e "$q" "$host" "$port" | tail -1)
echo "gocqlsh printed $rows"

echo "== 3. peak RSS rendering 1,000,000 rows (gocqlsh)"
for q in "SELECT * FROM bench_shell.rows100k" "SELECT * FROM bench_shell.rows1m"; do
  rss=$( { /usr/bin/time -v "$gocqlsh" --no-color --request-timeout 300 -e "$q" "$host" "$port" >/dev/null; } 2>&1 |
    sed -n 's/.*Maximum resident set size (kbytes): //p')
  echo "$q: max RSS ${rss} kB ($(( rss / 1024 )) MiB)"
done
