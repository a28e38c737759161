#!/usr/bin/env bash
# Side-by-side insert benchmark (`make bench`): gocqlsh's driver, gocql and
# the Python driver (cassandra-driver) run the same workloads against the
# local Cassandra node and against bench/stub (a loopback server that answers
# at once: each client's own ceiling), then bench/results.md and
# bench/results.png are written and the table is printed.
#
#   W1  sequential prepared inserts, 1 in flight
#   W2  prepared inserts with 100 in flight (each driver's idiomatic fan-out)
#   W3  callback chains: each completion sends the next insert
#
# CPU/op and latency come from pinned passes (JVM on core 0, client on core
# 1); one unpinned pass gives peak ops/s. The stub pass runs W1, W2 and W3 on
# v4 against bench/stub on core 0 (where the JVM, idle, stays), clients on
# core 1. Sizes can be changed with BENCH_REPS, BENCH_N_W1, BENCH_N_W2,
# BENCH_N_W2V5, BENCH_N_W3, BENCH_CHAINS, and for the stub pass
# BENCH_STUB_N_W1, BENCH_STUB_N_W2, BENCH_STUB_N_W3; BENCH_OUT sets the
# directory of the outputs (default bench). BENCH_PASSES picks the passes,
# "node stub" by default; "stub" alone needs no Cassandra node and runs
# neither bench/shell.sh nor the three-node benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

reps=${BENCH_REPS:-3}
n_w1=${BENCH_N_W1:-3000}
n_w2=${BENCH_N_W2:-100000}
n_w2v5=${BENCH_N_W2V5:-30000}
n_w3=${BENCH_N_W3:-30000}
chains=${BENCH_CHAINS:-100}
stub_n_w1=${BENCH_STUB_N_W1:-10000}
stub_n_w2=${BENCH_STUB_N_W2:-200000}
stub_n_w3=${BENCH_STUB_N_W3:-100000}
passes=${BENCH_PASSES:-node stub}
out=${BENCH_OUT:-bench}
venv=${GOCQLSH_PEERS_VENV:-$root/testenv/venv}
py=$venv/bin/python
offset=${GOCQLSH_NODE_IP_OFFSET:-0}
pidfile=$root/testenv/run/plain$([ "$offset" = 0 ] || echo "-$offset")/node1/pid
hz=$(getconf CLK_TCK)

say() { printf 'bench: %s\n' "$*" >&2; }
want() { [[ " $passes " == *" $1 "* ]]; }

node=$(testenv/node env | sed -n 's/^GOCQLSH_TEST_NODE=//p')
host=${node%:*}
jvm=
if want node; then
  if ! go run ./testenv/probe -addr "$node" 2>/dev/null; then
    say "no Cassandra node answers on $node; start one with 'make node-start'"
    exit 1
  fi
  jvm=$(cat "$pidfile" 2>/dev/null || true)
  if [ -z "$jvm" ] || ! kill -0 "$jvm" 2>/dev/null; then
    say "no JVM pid in $pidfile; the node must be the one testenv/node started"
    exit 1
  fi
fi
[ -x "$py" ] || bash testenv/peers.sh
if "$py" -c 'import lz4' 2>/dev/null || "$py" -c 'import snappy' 2>/dev/null; then
  say "note: lz4 or snappy is importable in $venv; the harness still turns compression off"
fi

work=$(mktemp -d)
orig_mask=
[ -z "$jvm" ] || orig_mask=$(taskset -p "$jvm" | awk '{print $NF}')
restore() {
  if [ -n "${pinned:-}" ]; then
    taskset -a -p "$orig_mask" "$jvm" >/dev/null 2>&1 || say "could not restore the JVM's CPU affinity ($orig_mask)"
    pinned=
  fi
}
stub_pid=
stop_stub() {
  if [ -n "$stub_pid" ]; then
    kill "$stub_pid" 2>/dev/null || true
    wait "$stub_pid" 2>/dev/null || true
    stub_pid=
  fi
}
cleanup() { restore; stop_stub; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

say "building the Go harnesses"
go build -o "$work/insert" ./bench/insert
go build -o "$work/gocqlsh" ./cmd/gocqlsh
(cd bench/gocql && go build -o "$work/gocql" .)
go build -o "$work/chart" ./bench/chart
go build -o "$work/stub" ./bench/stub/cmd

# Versions, date, machine.
cass=n/a jdk=n/a
if want node; then
  cass=$("$py" -c "
from cassandra.cluster import Cluster
c = Cluster(['$host'], compression=False); s = c.connect()
print(s.execute('SELECT release_version FROM system.local').one()[0]); c.shutdown()" 2>/dev/null)
  jdk=$("$(readlink "/proc/$jvm/exe")" -version 2>&1 | head -1 | sed 's/.*version "\(.*\)".*/\1/')
fi
pyinfo=$("$py" -c "
import platform, cassandra, cassandra.cluster as cl
print(platform.python_version(), cassandra.__version__, 'Cython build' if cl.__file__.endswith('.so') else 'pure Python')")
read -r pyver cdver cdbuild <<<"$pyinfo"
gocqlver=$(awk '$1 == "require" && $2 ~ /cassandra-gocql-driver/ {print $3}' bench/gocql/go.mod)
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
meta=$work/meta.txt
{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'machine\t%s vCPUs (%s), %s RAM, Linux %s; node and clients share it\n' "$(nproc)" "$model" "$mem" "$(uname -r)"
  printf 'versions\t%s; Python %s; cassandra-driver %s (%s, libev reactor); gocql %s; Cassandra %s; JDK %s\n' \
    "$(go env GOVERSION)" "$pyver" "$cdver" "$cdbuild" "$gocqlver" "$cass" "$jdk"
  printf 'gocql\t%s\n' "$gocqlver"
  printf 'cassandra-driver\t%s\n' "$cdver"
  printf 'reps\t%s\n' "$reps"
  printf 'chains\t%s\n' "$chains"
  printf 'nproc\t%s\n' "$(nproc)"
  printf 'load_before\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$meta"

raw=$work/raw.tsv
: >"$raw"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# The server the clients talk to: the node (no port: the harnesses'
# default), or bench/stub during its pass.
tgt_host=$host tgt_port= srv_pid=$jvm

# srv_cpu: the server's CPU so far in µs. The JVM's comes from /proc in
# clock ticks; the stub, asked with SIGUSR1, reports its own getrusage to
# the microsecond on stderr (a tick is 10 ms, as much as the stub spends on
# tens of thousands of inserts).
srv_cpu() {
  if [ -z "$stub_pid" ] || [ "$srv_pid" != "$stub_pid" ]; then
    awk -v t="$(ticks "$srv_pid")" -v hz="$hz" 'BEGIN {printf "%.0f", t / hz * 1e6}'
    return
  fi
  local lines i
  lines=$(wc -l <"$work/stub.log")
  kill -USR1 "$stub_pid"
  for ((i = 0; i < 300; i++)); do
    [ "$(wc -l <"$work/stub.log")" -gt "$lines" ] && break
    sleep 0.01
  done
  tail -1 "$work/stub.log" | sed -n 's/.*cpu_us=\([0-9]*\).*/\1/p'
}

# one PASS REP TOOL MODE PROTO N C: runs one client and appends its row
# (pass, rep, the client's 8 TSV fields, server CPU µs/op, n) to raw.tsv.
one() {
  local pass=$1 rep=$2 tool=$3 mode=$4 proto=$5 n=$6 c=$7 cmd line s0 s1 gport=() pyport=()
  if [ -n "$tgt_port" ]; then gport=(-port "$tgt_port") pyport=(--port "$tgt_port"); fi
  case $tool in
    gocqlsh) cmd=("$work/insert" -hosts "$tgt_host${tgt_port:+:$tgt_port}" -mode "$mode" -n "$n" -c "$c" -proto "$proto" -tsv) ;;
    gocql) cmd=("$work/gocql" -hosts "$tgt_host" "${gport[@]}" -mode "$mode" -n "$n" -c "$c" -proto "$proto" -tsv) ;;
    python) cmd=("$py" bench/python/bench.py --hosts "$tgt_host" "${pyport[@]}" --mode "$mode" -n "$n" -c "$c" --proto "$proto" --tsv) ;;
    shell) cmd=(bench/concurrent.sh "$work/gocqlsh" "$tgt_host" "$proto" "$n" "$c") ;;
  esac
  if [ "$pass" != unpinned ]; then cmd=(taskset -c 1 "${cmd[@]}"); fi
  s0=$(srv_cpu)
  if ! line=$("${cmd[@]}" 2>"$work/err"); then
    say "$tool $mode v$proto failed: $(tail -3 "$work/err")"
    return 0
  fi
  s1=$(srv_cpu)
  [ "$pass" = warmup ] && return 0
  printf '%s\t%s\t%s\t%s\t%s\n' "$pass" "$rep" "$line" \
    "$(awk -v a="$s0" -v b="$s1" -v n="$n" -v f="$([ "$pass" = stub ] && echo %.2f || echo %.1f)" 'BEGIN {printf f, (b - a) / n}')" "$n" >>"$raw"
  say "$pass#$rep $(cut -f1-7 <<<"$line" | tr '\t' ' ')"
}

# job WORKLOAD-MODE PROTO N C TOOLS...: one run per tool, in the order given.
job() {
  local pass=$1 rep=$2 mode=$3 proto=$4 n=$5 c=$6 t
  shift 6
  for t in "$@"; do one "$pass" "$rep" "$t" "$mode" "$proto" "$n" "$c"; done
}

# rotate K A B C: A B C rotated left K times (interleaving across repetitions).
rotate() {
  local k=$1; shift
  local a=("$@") i
  for ((i = 0; i < ${#a[@]}; i++)); do printf '%s ' "${a[(i + k) % ${#a[@]}]}"; done
}

# stub_pass: W1, W2 and W3 (v4) of every client against bench/stub, the stub
# on core 0 and the clients on core 1; the stub's CPU takes the server
# column. The stub prints its address once listening, and on exit what it
# served and its CPU per request (kept in the report's metadata).
stub_pass() {
  local addr= i j0=
  say "stub pass: bench/stub on core 0, clients on core 1"
  taskset -c 0 "$work/stub" -addr 127.0.0.1:0 >"$work/stub.addr" 2>"$work/stub.log" &
  stub_pid=$!
  for ((i = 0; i < 100; i++)); do
    addr=$(head -1 "$work/stub.addr")
    [ -n "$addr" ] && break
    sleep 0.1
  done
  if [ -z "$addr" ]; then
    say "bench/stub did not start: $(cat "$work/stub.log")"
    stop_stub
    return 0
  fi
  tgt_host=${addr%:*} tgt_port=${addr##*:} srv_pid=$stub_pid
  [ -z "$jvm" ] || j0=$(ticks "$jvm")
  job warmup 0 concurrent 4 20000 100 gocqlsh gocql python
  for ((r = 1; r <= reps; r++)); do
    say "stub repetition $r of $reps"
    job stub "$r" sequential 4 "$stub_n_w1" 1 $(rotate "$r" gocqlsh gocql python)
    job stub "$r" concurrent 4 "$stub_n_w2" 100 $(rotate "$((r + 1))" gocqlsh gocql python)
    job stub "$r" chains 4 "$stub_n_w3" "$chains" $(rotate "$r" gocqlsh python)
  done
  [ -z "$jvm" ] || printf 'stub_node_cpu\t%s\n' "$(awk -v a="$j0" -v b="$(ticks "$jvm")" -v hz="$hz" 'BEGIN {printf "%.1f", (b - a) / hz}')" >>"$meta"
  stop_stub
  printf 'stub_total\t%s\n' "$(tail -1 "$work/stub.log")" >>"$meta"
  printf 'stub_sizes\tW1 n=%s, W2 n=%s, W3 n=%s\n' "$stub_n_w1" "$stub_n_w2" "$stub_n_w3" >>"$meta"
  tgt_host=$host tgt_port= srv_pid=$jvm
}

start=$(date +%s)
if want node; then
  say "pinning the JVM ($jvm) to core 0 (was $orig_mask); clients run on core 1"
  taskset -a -p -c 0 "$jvm" >/dev/null
  pinned=1

  say "warm-up"
  job warmup 0 concurrent 4 20000 100 gocqlsh gocql python

  for ((r = 1; r <= reps; r++)); do
    say "repetition $r of $reps"
    job pinned "$r" sequential 4 "$n_w1" 1 $(rotate "$r" gocqlsh gocql python)
    job pinned "$r" concurrent 4 "$n_w2" 100 $(rotate "$((r + 1))" gocqlsh gocql python shell)
    job pinned "$r" concurrent 5 "$n_w2v5" 100 $(rotate "$((r + 2))" gocqlsh gocql python)
    job pinned "$r" chains 4 "$n_w3" "$chains" $(rotate "$r" gocqlsh python)
  done
fi

# The stub pass runs while the JVM is still pinned to core 0, so the
# clients' core is as quiet as in the pinned passes.
if want stub; then
  stub_pass
fi

if want node; then
  restore
  say "unpinned pass (peak ops/s)"
  job unpinned 1 concurrent 4 "$n_w2" 100 gocqlsh gocql python shell
fi

# bench/shell.sh (shell start-up and rendering against cqlsh) runs when
# present, after the driver passes; its output is shown and goes into the
# report (TSV rows metric, tool, value, unit also into the chart).
shell_out=
if ! want node; then
  :
elif [ -f bench/shell.sh ]; then
  say "bench/shell.sh"
  if bash bench/shell.sh | tee "$work/shell.out" >&2; then
    shell_out=$work/shell.out
  else
    say "bench/shell.sh failed; its output is left out of the report"
  fi
else
  say "bench/shell.sh not present; no shell rows"
fi

printf 'load_after\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$meta"
mkdir -p "$out"
"$py" bench/python/report.py "$raw" "$meta" "$out/results.md" $shell_out >"$work/chart.tsv"
target="one local node"
if want stub; then
  target="bench/stub"
  if want node; then target="one local node, and bench/stub"; fi
fi
"$work/chart" -o "$out/results.png" -title "gocqlsh driver vs gocql vs Python cassandra-driver (inserts, $target)" <"$work/chart.tsv"
cat "$out/results.md"
say "wrote $out/results.md and $out/results.png in $(($(date +%s) - start)) s"

# The three-node benchmark runs when the cluster profile is up.
if ! want node; then
  :
elif addrs=$(testenv/node env | sed -n 's/^GOCQLSH_TEST_CLUSTER=//p') && [ -n "$addrs" ] &&
  go run ./testenv/probe -addr "${addrs%%,*}" 2>/dev/null; then
  bash bench/cluster.sh
else
  say "the cluster profile is not running: no three-node figures ('make cluster-start', then 'make bench-cluster')"
fi
