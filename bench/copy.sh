#!/usr/bin/env bash
# COPY benchmark (`make bench-copy`): COPY FROM and COPY TO of a CSV file
# (int, text, double) of 200,000 and 1,000,000 rows, gocqlsh against cqlsh
# on the same file and the same node, in one run, each measured with
# /usr/bin/time: wall time, client CPU (user + system, cqlsh's worker
# processes included) and peak RSS; the median of BENCH_REPS runs (2).
#
# On the local node (testenv/node start). When the cluster profile is up
# (make cluster-start), also on the three nodes with RF 3: gocqlsh (each
# batch to a replica), gocqlsh's COPY through one coordinator
# (bench/copyload -policy single) and cqlsh.
#
# Writes bench/results-copy.md and bench/results-copy.png (BENCH_OUT sets
# the directory). Sizes: BENCH_COPY_SIZES (default "200000 1000000").
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
reps=${BENCH_REPS:-2}
sizes=${BENCH_COPY_SIZES:-"200000 1000000"}
out=${BENCH_OUT:-bench}
venv=${GOCQLSH_PEERS_VENV:-$root/testenv/venv}
say() { printf 'bench-copy: %s\n' "$*" >&2; }

eval "$(testenv/node env | sed 's/^/export /')"
plain=${GOCQLSH_TEST_ADDR:-127.0.0.1:9042}
go run ./testenv/probe -addr "$plain" 2>/dev/null || { say "no node at $plain; start it with 'make node-start'"; exit 1; }
[ -x "$venv/bin/cqlsh" ] || bash testenv/peers.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/gocqlsh" ./cmd/gocqlsh
go build -o "$work/copyload" ./bench/copyload
go build -o "$work/chart" ./bench/chart

for n in $sizes; do
  awk -v n="$n" 'BEGIN { srand(1); for (i = 0; i < n; i++) printf "%d,name-%d-%s,%.6f\n", i, i, substr("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 1, 5 + int(rand() * 25)), rand() * 1000 }' >"$work/in$n.csv"
done

rows=$work/rows.tsv # topology, size, direction, tool, wall s, cpu s, rss MB
: >"$rows"

# measure TOPO SIZE DIR TOOL PREP CMD...: runs PREP (a shell string) then
# CMD reps times, and appends the median figures.
measure() {
  local topo=$1 n=$2 dir=$3 tool=$4 prep=$5; shift 5
  local i t status=""
  : >"$work/m"
  for ((i = 0; i < reps; i++)); do
    # TRUNCATE can time out on a busy cluster; COPY FROM then upserts the
    # same rows, the same work.
    eval "$prep" >/dev/null 2>&1 || say "$topo $n $dir $tool: '$prep' failed"
    local rc=0
    /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >"$work/o" 2>"$work/e" || rc=$?
    if [ "$rc" -ne 0 ]; then
      # cqlsh exits 1 after rows it had to retry, though all were loaded:
      # the figures stand, and the table says so.
      say "$topo $n $dir $tool exited $rc: $(grep -c . "$work/e") error lines, the last: $(tail -1 "$work/e" | cut -c1-160)"
      status=" (exit $rc)"
    fi
    t=$(tail -1 "$work/t")
    awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' <<<"$t" >>"$work/m"
  done
  sort -n -k2 "$work/m" | awk -v k=$(((reps + 1) / 2)) -v p="$topo	$n	$dir	$tool$status" 'NR == k { printf "%s\t%s\t%s\t%s\n", p, $1, $2, $3 }' >>"$rows"
  say "$topo $n $dir $tool: $(tail -1 "$rows" | cut -f5-)"
}

# bench TOPO HOST KEYSPACE-REPLICATION: every size, both directions, each tool.
bench() {
  local topo=$1 host=$2 repl=$3 hosts=$4 n ks=bench_copy
  "$work/gocqlsh" --no-color "$host" -e "CREATE KEYSPACE IF NOT EXISTS $ks WITH replication = $repl;
CREATE TABLE IF NOT EXISTS $ks.t (k int PRIMARY KEY, s text, d double);" >/dev/null
  local trunc="\"$work/gocqlsh\" $host -e 'TRUNCATE $ks.t'"
  for n in $sizes; do
    local from="COPY $ks.t (k, s, d) FROM '$work/in$n.csv'" to="COPY $ks.t (k, s, d) TO '$work/out.csv'"
    measure "$topo" "$n" FROM gocqlsh "$trunc" "$work/gocqlsh" "$host" -e "$from"
    [ "$topo" = "3 nodes" ] && measure "$topo" "$n" FROM "gocqlsh, one coordinator" "$trunc" "$work/copyload" -hosts "$hosts" -policy single "$from"
    measure "$topo" "$n" FROM cqlsh "$trunc" "$venv/bin/cqlsh" "$host" -e "$from"
    measure "$topo" "$n" TO gocqlsh "rm -f $work/out.csv" "$work/gocqlsh" "$host" -e "$to"
    [ "$topo" = "3 nodes" ] && measure "$topo" "$n" TO "gocqlsh, one coordinator" "rm -f $work/out.csv" "$work/copyload" -hosts "$hosts" -policy single "$to"
    measure "$topo" "$n" TO cqlsh "rm -f $work/out.csv" "$venv/bin/cqlsh" "$host" -e "$to"
  done
}

bench "1 node" "${plain%:*}" "{'class': 'SimpleStrategy', 'replication_factor': 1}" "$plain"
cluster=${GOCQLSH_TEST_CLUSTER:-}
if [ -n "$cluster" ] && go run ./testenv/probe -addr "${cluster%%,*}" 2>/dev/null; then
  first=${cluster%%,*}
  bench "3 nodes" "${first%:*}" "{'class': 'SimpleStrategy', 'replication_factor': 3}" "$cluster"
else
  say "cluster profile not up: one node only"
fi

{
  echo "# COPY: gocqlsh vs cqlsh"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; CSV of (int, text, double) rows; median of $reps runs; client CPU is user + system of the client process and its children."
  echo
  echo "| nodes | rows | COPY | tool | wall s | client CPU s | peak RSS MB | CPU vs cqlsh | wall vs cqlsh |"
  echo "|---|---:|---|---|---:|---:|---:|---:|---:|"
  awk -F'\t' '{ key = $1 FS $2 FS $3; if ($4 ~ /^cqlsh/) { cw[key] = $5; cc[key] = $6 } line[NR] = $0 }
    END { for (i = 1; i <= NR; i++) { split(line[i], f, "\t"); key = f[1] FS f[2] FS f[3]
      r1 = (cc[key] > 0 && f[6] > 0) ? sprintf("1/%.1f", cc[key] / f[6]) : "-"; r2 = (f[5] > 0 && cw[key] > 0) ? sprintf("%.1f×", cw[key] / f[5]) : "-"
      if (f[4] ~ /^cqlsh/) { r1 = "1"; r2 = "1" }
      printf "| %s | %\047d | %s | %s | %s | %s | %s | %s | %s |\n", f[1], f[2], f[3], f[4], f[5], f[6], f[7], r1, r2 } }' "$rows"
} >"$out/results-copy.md"
awk -F'\t' '{ printf "client CPU s, COPY %s %s rows, %s\t%s\t%s\ts\n", $3, $2, $1, $4, $6 }' "$rows" | "$work/chart" -o "$out/results-copy.png" -title "COPY client CPU, gocqlsh vs cqlsh (seconds, less is better)"
cat "$out/results-copy.md"
