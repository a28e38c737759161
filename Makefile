# gocqlsh — build, run against a local Cassandra node, test.
SHELL := /bin/bash
GO ?= go
BIN := bin/gocqlsh
NODE := testenv/node

export GOCQLSH_PEERS_VENV ?= $(CURDIR)/testenv/venv

.PHONY: all build run test check node-start node-stop node-status secure-start secure-stop cluster-start cluster-stop peers bench fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/gocqlsh

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

clean:
	rm -rf bin testenv/run testenv/.probe
