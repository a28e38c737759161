#!/usr/bin/env bash
# Reference peers for comparison (never runtime dependencies of gocqlsh):
# a venv in testenv/venv with cqlsh and the Python driver from PyPI, and
# pyarrow, which the COPY tests use to check that Parquet files read elsewhere.
set -euo pipefail
cd "$(dirname "$0")"
venv=${GOCQLSH_PEERS_VENV:-$PWD/venv}
want="cqlsh==6.2.2 cassandra-driver==3.30.1 pyarrow==26.0.1"
if [ -x "$venv/bin/cqlsh" ] && [ -f "$venv/.complete" ] && [ "$(cat "$venv/.complete")" = "$want" ]; then
  exit 0
fi
echo "peers: creating $venv with $want" >&2
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check $want
echo "$want" >"$venv/.complete"
"$venv/bin/cqlsh" --version
