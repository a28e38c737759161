#!/usr/bin/env bash
# make test: start the local nodes, check formatting and vet, run every test
# with the race detector against them, and stop the nodes whatever happens.
set -uo pipefail
cd "$(dirname "$0")/.."
node=testenv/node
t0=$(date +%s)

stop_nodes() {
  echo "== stopping nodes"
  $node stop
  $node --profile secure stop
}
trap stop_nodes EXIT

echo "== go $(go version | awk '{print $3}'), $(nproc) cores"
echo "== starting nodes"
$node start || exit 1
$node --profile secure start || exit 1

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt would change:"; echo "$unformatted"; exit 1; fi
echo "== go vet"
go vet ./... || exit 1

echo "== go test -race"
eval "$($node env | sed 's/^/export /')"
log=$(mktemp)
# -v output is kept in full in $log; the console shows each top-level test's
# verdict (integration tests name the node they talked to) and each package.
go test -race -v -timeout 20m -count=1 ./... >"$log" 2>&1
rc=$?
grep -E '^(--- (PASS|FAIL|SKIP)|ok |FAIL|panic:|\?  )|^    .*(node|Cassandra 5)' "$log" | grep -v '^    --- ' || true
if [ "$rc" -ne 0 ]; then
  echo "== failures (full log: $log):"
  grep -B2 -A20 -E '^(--- FAIL|panic:)' "$log" | head -300
fi
tests_pass=$(grep -c '^--- PASS' "$log" || true)
tests_fail=$(grep -c '^--- FAIL' "$log" || true)
tests_skip=$(grep -c '^--- SKIP' "$log" || true)
echo "== $(( $(date +%s) - t0 ))s in all"
echo "tests: $tests_pass passed, $tests_fail failed, $tests_skip skipped"
exit "$rc"
