"""Insert workloads of gocqlsh's driver benchmark, run with the Python driver
(PyPI cassandra-driver), so the drivers face the same statement, rows, node
and measurement.

  --mode sequential  session.execute one after another, one in flight (W1)
  --mode concurrent  execute_concurrent_with_args, --concurrency in flight (W2)
  --mode chains      --concurrency chains, each sending its next insert from
                     the completion callback of its previous one (the
                     callback_full_pipeline pattern, timeout=None) (W3)

Wall time and client CPU (getrusage RUSAGE_SELF: every thread, the reactor
included) cover the timed section only. With --tsv the result is one
tab-separated line: workload, tool, protocol, ops/s, CPU us/op, allocs/op
(n/a), p50 us, p99 us.
"""

import argparse
import resource
import sys
import threading
import time

from cassandra import ConsistencyLevel
from cassandra.cluster import Cluster, EXEC_PROFILE_DEFAULT, ExecutionProfile
from cassandra.concurrent import execute_concurrent_with_args
from cassandra.io.libevreactor import LibevConnection

INSERT_CQL = "INSERT INTO bench_ks.bench (key, col0, col1) VALUES (?, ?, ?)"
DDL = (
    "CREATE KEYSPACE IF NOT EXISTS bench_ks WITH replication = "
    "{'class': 'SimpleStrategy', 'replication_factor': 1}",
    "CREATE TABLE IF NOT EXISTS bench_ks.bench "
    "(key text PRIMARY KEY, col0 text, col1 text)",
)
LABELS = {"sequential": "W1", "concurrent": "W2", "chains": "W3"}


def cpu_seconds():
    """User plus system CPU of the whole process so far."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def run_sequential(session, prepared, params, _concurrency):
    """One blocking execute at a time; latency measured around each call."""
    lat = []
    clock = time.perf_counter
    for p in params:
        t0 = clock()
        session.execute(prepared, p)
        lat.append(clock() - t0)
    return lat


def run_concurrent(session, prepared, params, concurrency, timeline=None):
    """The driver's own sliding window; it exposes no per-request latency.
    With a timeline list, the results are taken as a generator (in order)
    and each second's count of completed inserts is appended to it."""
    results = execute_concurrent_with_args(
        session, prepared, params, concurrency=concurrency,
        raise_on_first_error=False, results_generator=timeline is not None)
    failed = []
    t0 = time.perf_counter()
    for r in results:
        if not r.success:
            failed.append(r.result_or_exc)
        elif timeline is not None:
            sec = int(time.perf_counter() - t0)
            while len(timeline) <= sec:
                timeline.append(0)
            timeline[sec] += 1
    if failed:
        raise RuntimeError("%d inserts failed; first: %r" % (len(failed), failed[0]))
    return []


def run_chains(session, prepared, params, concurrency):
    """Chains that send the next request from the reactor thread's callback."""
    n = len(params)
    lock = threading.Lock()
    done = threading.Event()
    state = {"next": 0, "finished": 0, "errors": 0, "first": None}
    lat = []
    clock = time.perf_counter

    def send():
        with lock:
            i = state["next"]
            state["next"] = i + 1
        if i >= n:
            return
        t0 = clock()
        future = session.execute_async(prepared, params[i], timeout=None)
        future.add_callbacks(on_done, on_error, callback_args=(t0,), errback_args=(t0,))

    def finish():
        with lock:
            state["finished"] += 1
            last = state["finished"] == n
        if last:
            done.set()
        else:
            send()

    def on_done(_rows, t0):
        lat.append(clock() - t0)
        finish()

    def on_error(exc, _t0):
        with lock:
            state["errors"] += 1
            if state["first"] is None:
                state["first"] = exc
        finish()

    for _ in range(min(concurrency, n)):
        send()
    done.wait()
    if state["errors"]:
        raise RuntimeError("%d inserts failed; first: %r" % (state["errors"], state["first"]))
    return lat


RUNNERS = {"sequential": run_sequential, "concurrent": run_concurrent, "chains": run_chains}


def percentile(sorted_lat, p):
    if not sorted_lat:
        return None
    return sorted_lat[min(len(sorted_lat) - 1, len(sorted_lat) * p // 100)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hosts", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=9042,
                    help="native port of the contact points and of the nodes they report")
    ap.add_argument("-n", type=int, default=100000, help="number of inserts")
    ap.add_argument("-c", "--concurrency", type=int, default=100)
    ap.add_argument("--proto", type=int, default=0, help="protocol version (0: negotiate)")
    ap.add_argument("--mode", choices=sorted(RUNNERS), default="concurrent")
    ap.add_argument("--tsv", action="store_true")
    ap.add_argument("--idempotent", action="store_true",
                    help="mark the inserts idempotent (retried on another node when one is lost)")
    ap.add_argument("--timeline", help="write the inserts completed in each second here (TSV)")
    a = ap.parse_args()
    if a.n <= 0 or a.concurrency <= 0:
        ap.error("-n and --concurrency must be positive")

    kwargs = {}
    if a.proto:
        kwargs["protocol_version"] = a.proto
    profile = ExecutionProfile(consistency_level=ConsistencyLevel.ONE)
    cluster = Cluster(
        a.hosts.split(","), port=a.port, compression=False, connection_class=LibevConnection,
        execution_profiles={EXEC_PROFILE_DEFAULT: profile}, **kwargs)
    session = cluster.connect()
    try:
        for ddl in DDL:
            session.execute(ddl)
        prepared = session.prepare(INSERT_CQL)
        prepared.is_idempotent = a.idempotent
        # Parameters are built before timing, as in the Go harnesses.
        params = [("key%d" % i, "value0-%d" % i, "value1-%d" % i) for i in range(a.n)]

        cpu0, t0 = cpu_seconds(), time.perf_counter()
        timeline = [] if a.timeline else None
        failure = None
        if timeline is not None:
            try:
                lat = run_concurrent(session, prepared, params, a.concurrency, timeline)
            except RuntimeError as e:  # reported once the timeline is written
                lat, failure = [], e
        else:
            lat = RUNNERS[a.mode](session, prepared, params, a.concurrency)
        wall, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
        proto = cluster.protocol_version
    finally:
        cluster.shutdown()

    if timeline is not None:
        with open(a.timeline, "w") as f:
            for sec, count in enumerate(timeline):
                f.write("%d\t%d\n" % (sec, count))
        if failure is not None:
            raise failure
    lat.sort()
    p50, p99 = percentile(lat, 50), percentile(lat, 99)
    us = lambda s: "n/a" if s is None else "%d" % (s * 1e6)
    ops, cpu_op = a.n / wall, cpu / a.n * 1e6
    if a.tsv:
        print("\t".join((LABELS[a.mode], "python", "v%d" % proto, "%.0f" % ops,
                         "%.1f" % cpu_op, "n/a", us(p50), us(p99))))
    else:
        print("%s (%s, python): protocol v%d, %d inserts, c=%d" % (
            LABELS[a.mode], a.mode, proto, a.n, a.concurrency))
        print("wall time     %.3fs" % wall)
        print("throughput    %.0f ops/s" % ops)
        print("client CPU    %.1f us/op (user+sys)" % cpu_op)
        print("latency       p50 %s us, p99 %s us" % (us(p50), us(p99)))


if __name__ == "__main__":
    sys.exit(main())
