#!/usr/bin/env bash
# make test: start the local nodes, check formatting and vet, run every test
# with the race detector against them, and stop the nodes whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
node=testenv/node
t0=$(date +%s)

profiles="plain secure cluster twodc"

stop_nodes() {
  echo "== stopping nodes"
  for p in $profiles; do $node --profile "$p" stop || echo "== stopping the $p nodes failed"; done
}
trap stop_nodes EXIT

echo "== go $(go version | awk '{print $3}'), $(nproc) cores"
echo "== starting nodes: $profiles"
# The nodes of one cluster start one after another; the four clusters start
# side by side, each with its output prefixed and kept until it is done.
$node prepare
t_nodes=$(date +%s)
starts=$(mktemp -d)
pids=()
for p in $profiles; do
  ( $node --profile "$p" start 2>&1 | sed -u "s/^/[$p] /" >"$starts/$p"; exit "${PIPESTATUS[0]}" ) &
  pids+=($!)
done
failed=0
i=0
for p in $profiles; do
  if ! wait "${pids[$i]}"; then failed=1; fi
  cat "$starts/$p"
  i=$((i + 1))
done
rm -rf "$starts"
if [ "$failed" -ne 0 ]; then echo "== a cluster failed to start"; exit 1; fi
echo "== nodes ready in $(( $(date +%s) - t_nodes ))s"

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt would change:"; echo "$unformatted"; exit 1; fi
echo "== go vet"
go vet ./...

echo "== go test -race"
eval "$($node env | sed 's/^/export /')"
log=$(mktemp)
# -v output is kept in full in $log; the console shows each top-level test's
# verdict (integration tests name the node they talked to) and each package.
rc=0
go test -race -v -timeout 20m -count=1 ./... >"$log" 2>&1 || rc=$?
grep -E '^(--- (PASS|FAIL|SKIP)|ok |FAIL|panic:|\?  )|^    .*(node|Cassandra 5)' "$log" | grep -v '^    --- ' || true
if [ "$rc" -ne 0 ]; then
  echo "== failures (full log: $log):"
  grep -B2 -A20 -E '^(--- FAIL|panic:)' "$log" | head -300 || true
fi
tests_pass=$(grep -c '^--- PASS' "$log" || true)
tests_fail=$(grep -c '^--- FAIL' "$log" || true)
tests_skip=$(grep -c '^--- SKIP' "$log" || true)
echo "== $(( $(date +%s) - t0 ))s in all"
echo "tests: $tests_pass passed, $tests_fail failed, $tests_skip skipped"
exit "$rc"
