# gocqlsh — build, run against a local Cassandra node, test.
SHELL := /bin/bash
GO ?= go
BIN := bin/gocqlsh
NODE := testenv/node

export GOCQLSH_PEERS_VENV ?= $(CURDIR)/testenv/venv

.PHONY: bench-cluster bench-copy all build dist run test check node-start node-stop node-status secure-start secure-stop cluster-start cluster-stop peers bench fuzz clean

all: build

## build: a static binary (no cgo: Go's own DNS resolver, $HOME for ~), as the release archives.
build:
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/gocqlsh

DIST_PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
VERSION_PKG := github.com/gocqlsh/gocqlsh/internal/version

## dist: static, stripped binaries for six platforms under dist/, each in an archive
## (tar.gz; zip for Windows) with README.md and LICENSE, plus SHA256SUMS. The binaries
## carry the commit (Go's VCS stamp) and the build date; a vX.Y.Z tag on HEAD names the version.
dist:
	@set -euo pipefail; \
	command -v zip >/dev/null || { echo "dist: zip not found (it packs the Windows archives)" >&2; exit 1; }; \
	commit=$$(git rev-parse HEAD 2>/dev/null || true); \
	tag=$$(git describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null || true); \
	ldflags="-s -w -X $(VERSION_PKG).date=$$(date -u +%Y-%m-%dT%H:%M:%SZ)"; \
	buildvcs=false; \
	if [ -n "$$commit" ]; then buildvcs=true; fi; \
	if [ -n "$$tag" ]; then ldflags="$$ldflags -X $(VERSION_PKG).version=$$tag"; fi; \
	rm -rf dist; mkdir -p dist/stage; \
	for p in $(DIST_PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; name=gocqlsh_$${os}_$${arch}; exe=gocqlsh; \
	  if [ "$$os" = windows ]; then exe=gocqlsh.exe; fi; \
	  mkdir -p dist/stage/$$name; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -buildvcs=$$buildvcs \
	    -ldflags "$$ldflags" -o dist/stage/$$name/$$exe ./cmd/gocqlsh; \
	  cp README.md LICENSE dist/stage/$$name/; \
	  if [ "$$os" = windows ]; then (cd dist/stage && zip -qr ../$$name.zip $$name); \
	  else tar -C dist/stage -czf dist/$$name.tar.gz $$name; fi; \
	  echo "dist: $$name: $$(wc -c <dist/stage/$$name/$$exe) bytes"; \
	done; \
	rm -rf dist/stage; \
	cd dist; if command -v sha256sum >/dev/null; then sha256sum gocqlsh_* >SHA256SUMS; \
	else shasum -a 256 gocqlsh_* >SHA256SUMS; fi; \
	echo "dist: $$(ls | tr '\n' ' ')"

## run: start the local node if nothing answers on 127.0.0.1:9042, build, open the shell on it.
run: build
	@if ! $(GO) run ./testenv/probe -addr 127.0.0.1:9042 2>/dev/null; then $(NODE) start; fi
	@$(BIN) 127.0.0.1 9042

## test: everything CI runs (starts and stops the nodes itself).
test: peers
	@bash testenv/test.sh

## check: format and vet only.
check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

node-start:
	$(NODE) start $(N)
node-stop:
	$(NODE) stop
node-status:
	@for p in plain secure cluster twodc; do $(NODE) --profile $$p status; done
secure-start:
	$(NODE) --profile secure start
secure-stop:
	$(NODE) --profile secure stop
## cluster-start / cluster-stop: the 3-node cluster and twodc profiles (127.0.0.51..53, .61..63).
cluster-start:
	$(NODE) prepare
	@$(NODE) --profile cluster start & c=$$!; $(NODE) --profile twodc start & d=$$!; \
	  rc=0; wait $$c || rc=1; wait $$d || rc=1; exit $$rc
cluster-stop:
	$(NODE) --profile cluster stop; $(NODE) --profile twodc stop

## peers: a venv with cqlsh and the Python driver (comparison only, never a runtime dependency).
peers:
	@bash testenv/peers.sh

bench:
	@bash bench/run.sh

## bench-cluster: the three-node benchmark (needs `make cluster-start`).
bench-cluster:
	@bash bench/cluster.sh

## bench-copy: COPY FROM/TO of 200,000 and 1,000,000 rows, gocqlsh vs cqlsh (one node; three when the cluster profile is up).
bench-copy:
	@bash bench/copy.sh

clean:
	rm -rf bin dist testenv/run testenv/.probe
