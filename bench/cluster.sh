#!/usr/bin/env bash
# Three-node benchmark (`make bench-cluster`; `make bench` runs it too when
# the cluster profile is up): on testenv/node's cluster profile, keyspace
# bench_ks with RF 3, CONSISTENCY ONE:
#
#   W2  100,000 prepared inserts, 100 in flight: gocqlsh's driver token-aware
#       and allow-listed to one node, gocql token-aware, the Python driver
#       (its default TokenAwarePolicy over DCAwareRoundRobinPolicy) — client
#       CPU per insert, ops/s, and the CPU all three nodes spent per insert;
#   kill  idempotent inserts while node 2 is killed with SIGKILL after 5 s:
#       inserts completed per second for gocqlsh's driver and the Python
#       driver, and how many failed.
#
# Writes bench/results-cluster.md and bench/results-cluster.png (BENCH_OUT
# sets the directory). Sizes: BENCH_N_W2, BENCH_N_KILL, BENCH_N_KILL_PY,
# BENCH_REPS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
reps=${BENCH_REPS:-3}
n_w2=${BENCH_N_W2:-100000}
n_kill=${BENCH_N_KILL:-200000}
n_kill_py=${BENCH_N_KILL_PY:-60000}
out=${BENCH_OUT:-bench}
venv=${GOCQLSH_PEERS_VENV:-$root/testenv/venv}
py=$venv/bin/python
hz=$(getconf CLK_TCK)
say() { printf 'bench-cluster: %s\n' "$*" >&2; }

addrs=$(testenv/node env | sed -n 's/^GOCQLSH_TEST_CLUSTER=//p')
[ -n "$addrs" ] || { say "no cluster profile address (testenv/node env)"; exit 1; }
IFS=, read -r -a nodes <<<"$addrs"
for a in "${nodes[@]}"; do
  go run ./testenv/probe -addr "$a" 2>/dev/null || { say "node $a does not answer; start the cluster with 'make cluster-start'"; exit 1; }
done
offset=${GOCQLSH_NODE_IP_OFFSET:-0}
run=$root/testenv/run/cluster$([ "$offset" = 0 ] || echo "-$offset")
pids() { cat "$run"/node*/pid 2>/dev/null; }
ticks() { local t=0 p; for p in $(pids); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
[ -x "$py" ] || bash testenv/peers.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/insert" ./bench/insert
go build -o "$work/gocqlsh" ./cmd/gocqlsh
go build -o "$work/chart" ./bench/chart
(cd bench/gocql && go build -o "$work/gocql" .)
host1=${nodes[0]%:*}

"$work/gocqlsh" --no-color "$host1" -e "CREATE KEYSPACE IF NOT EXISTS bench_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3};
CREATE TABLE IF NOT EXISTS bench_ks.bench (key text PRIMARY KEY, col0 text, col1 text);" >/dev/null

# one LABEL CMD...: runs a W2 client, appends label, ops/s, client CPU µs/op
# and the nodes' CPU µs/op to rows.tsv.
rows=$work/rows.tsv
: >"$rows"
one() {
  local label=$1 line s0 s1; shift
  s0=$(ticks)
  if ! line=$("$@" 2>"$work/err"); then say "$label failed: $(tail -3 "$work/err")"; return 0; fi
  s1=$(ticks)
  local ops cpu server
  ops=$(cut -f4 <<<"$line"); cpu=$(cut -f5 <<<"$line")
  server=$(awk -v a="$s0" -v b="$s1" -v hz="$hz" -v n="$n_w2" 'BEGIN {printf "%.1f", (b - a) / hz * 1e6 / n}')
  printf '%s\t%s\t%s\t%s\n' "$label" "$ops" "$cpu" "$server" >>"$rows"
  say "$label: $ops ops/s, client $cpu µs/op, nodes $server µs/op"
}
say "warm-up"
"$work/insert" -hosts "$host1" -n 20000 -tsv >/dev/null
for ((r = 1; r <= reps; r++)); do
  say "W2 repetition $r of $reps"
  one "gocqlsh driver, token-aware" "$work/insert" -hosts "$host1" -n "$n_w2" -c 100 -proto 4 -tsv
  one "gocqlsh driver, one node (allow-list)" "$work/insert" -hosts "$host1" -n "$n_w2" -c 100 -proto 4 -policy allow -tsv
  one "gocql v2, token-aware" "$work/gocql" -hosts "$host1" -n "$n_w2" -c 100 -proto 4 -tokenaware -tsv
  one "Python cassandra-driver, token-aware" "$py" bench/python/bench.py --hosts "$host1" -n "$n_w2" -c 100 --proto 4 --tsv
done

# kill TOOL N CMD...: a timeline run with node 2 killed after 5 s, then
# restarted; appends the timeline to lines.tsv and the outcome to kill.tsv.
lines=$work/lines.tsv
: >"$lines"
kills=$work/kill.tsv
: >"$kills"
kill_run() {
  local tool=$1 n=$2 rc=0; shift 2
  say "kill run: $tool, $n idempotent inserts, node 2 killed after 5 s"
  ( sleep 5; testenv/node --profile cluster kill 2 >&2 ) &
  local killer=$!
  "$@" >"$work/kill.out" 2>"$work/kill.err" || rc=$?
  wait "$killer" || true
  awk -v t="$tool" '{print t "\t" $1 "\t" $2}' "$work/timeline" >>"$lines"
  local failed
  failed=$(sed -n 's/.*: \([0-9]*\) of [0-9]* inserts failed.*/\1/p; s/.*RuntimeError: \([0-9]*\) inserts failed.*/\1/p' "$work/kill.err" | head -1)
  printf '%s\t%s\t%s\t%s\n' "$tool" "$n" "${failed:-0}" "$rc" >>"$kills"
  say "$tool: exit $rc, ${failed:-0} failed"
  testenv/node --profile cluster start --node 2 >&2
}
kill_run "gocqlsh driver" "$n_kill" "$work/insert" -hosts "$host1" -n "$n_kill" -c 100 -proto 4 -idempotent -timeline "$work/timeline"
kill_run "Python cassandra-driver" "$n_kill_py" "$py" bench/python/bench.py --hosts "$host1" -n "$n_kill_py" -c 100 --proto 4 --idempotent --timeline "$work/timeline"

mkdir -p "$out"
"$work/chart" -lines -mark 5 -o "$out/results-cluster.png" -title "Inserts per second, RF 3, node 2 killed at 5 s (3 local nodes)" <"$lines"
{
  echo "# gocqlsh benchmarks: three local nodes"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) vCPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), three Cassandra nodes and the client on the same machine; keyspace RF 3, CONSISTENCY ONE, protocol v4, \`bench/cluster.sh\`."
  echo
  echo "## W2: 100,000 prepared inserts, 100 in flight (median of $reps)"
  echo
  echo "| client | ops/s | client CPU µs/insert | nodes' CPU µs/insert |"
  echo "|---|---|---|---|"
  awk -F'\t' '{ops[$1]=ops[$1] " " $2; cpu[$1]=cpu[$1] " " $3; srv[$1]=srv[$1] " " $4; if (!($1 in seen)) {seen[$1]=1; order[++n]=$1}}
    function med(s,   a, k, i, j, t) { k = split(s, a, " "); for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }; return a[int((k + 1) / 2)] }
    END { for (i = 1; i <= n; i++) printf "| %s | %s | %s | %s |\n", order[i], med(ops[order[i]]), med(cpu[order[i]]), med(srv[order[i]]) }' "$rows"
  echo
  echo "## A node killed (SIGKILL) after 5 s, idempotent inserts"
  echo
  echo "| client | inserts | failed | exit code |"
  echo "|---|---|---|---|"
  awk -F'\t' '{printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4}' "$kills"
  echo
  echo "![throughput through a node's death](results-cluster.png)"
} >"$out/results-cluster.md"
cat "$out/results-cluster.md"
