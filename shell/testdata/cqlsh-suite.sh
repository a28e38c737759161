#!/usr/bin/env bash
# Runs Cassandra's own cqlsh tests that drive the shell through a
# pseudo-terminal (pylib/cqlshlib/test/test_cqlsh_output.py and
# test_unicode.py) against gocqlsh or against cqlsh, for comparison. The
# tests are read from a local git copy of apache/cassandra (or a mirror);
# nothing of them is kept in this repository. Optional: without a copy it
# says so and exits 0. Not part of `make test`.
#
#   CQLSH_SUITE_REPO=<git dir> shell/testdata/cqlsh-suite.sh [gocqlsh|cqlsh] [pytest args...]
#
# CQLSH_SUITE_REF   branch or commit to read (default cassandra-5.0, then origin/cassandra-5.0)
# CQL_TEST_HOST/PORT the node (default 127.0.0.1 9042), as the tests read them
# CQLSH_SUITE_VENV  a venv with pytest, cassandra-driver and wcwidth (default: created
#                   once under ${XDG_CACHE_HOME:-~/.cache}/gocqlsh)
# CQLSH_BIN         the cqlsh to test with target cqlsh (default testenv/venv/bin/cqlsh)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${1:-gocqlsh}
shift || true

repo=${CQLSH_SUITE_REPO:-}
if [ -z "$repo" ] || ! git --git-dir="$repo" rev-parse --git-dir >/dev/null 2>&1; then
  echo "cqlsh-suite: skipped: set CQLSH_SUITE_REPO to a git directory of apache/cassandra" >&2
  exit 0
fi
ref=""
for r in "${CQLSH_SUITE_REF:-cassandra-5.0}" "origin/${CQLSH_SUITE_REF:-cassandra-5.0}"; do
  if git --git-dir="$repo" rev-parse --verify -q "$r^{commit}" >/dev/null; then ref=$r; break; fi
done
if [ -z "$ref" ]; then
  echo "cqlsh-suite: no ref ${CQLSH_SUITE_REF:-cassandra-5.0} in $repo" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git --git-dir="$repo" archive --prefix=pylib/ "$ref:pylib" | tar -x -C "$work"
mkdir -p "$work/bin" "$work/home"
case $target in
  gocqlsh)
    (cd "$root" && go build -o "$work/gocqlsh" ./cmd/gocqlsh)
    exe=$work/gocqlsh ;;
  cqlsh)
    exe=${CQLSH_BIN:-$root/testenv/venv/bin/cqlsh}
    [ -x "$exe" ] || { echo "cqlsh-suite: no cqlsh at $exe (make peers)" >&2; exit 1; } ;;
  *)
    echo "usage: $0 [gocqlsh|cqlsh] [pytest args...]" >&2; exit 2 ;;
esac
# The tests always run <cassandra>/bin/cqlsh, often with an empty
# environment: the wrapper names the shell by its full path.
printf '#!/bin/sh\nexec %q "$@"\n' "$exe" >"$work/bin/cqlsh"
chmod +x "$work/bin/cqlsh"

venv=${CQLSH_SUITE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gocqlsh/cqlsh-suite-venv}
if ! "$venv/bin/python" -c 'import pytest, cassandra, wcwidth' 2>/dev/null; then
  echo "cqlsh-suite: creating $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check cassandra-driver==3.30.1 wcwidth pytest
fi

echo "cqlsh-suite: $target against ${CQL_TEST_HOST:-127.0.0.1}:${CQL_TEST_PORT:-9042}, tests from $ref ($(git --git-dir="$repo" rev-parse --short "$ref"))" >&2
cd "$work/pylib"
HOME=$work/home "$venv/bin/python" -m pytest -p no:cacheprovider -q -rf \
  cqlshlib/test/test_cqlsh_output.py cqlshlib/test/test_unicode.py "$@"
