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
go test -race -timeout 20m -count=1 ./... 2>&1 | tee /tmp/gocqlsh-test.log
rc=${PIPESTATUS[0]}
pass=$(grep -c '^ok ' /tmp/gocqlsh-test.log || true)
fail=$(grep -c '^FAIL' /tmp/gocqlsh-test.log || true)
echo "== packages: $pass passed, $fail failed; $(( $(date +%s) - t0 ))s in all"
exit "$rc"
