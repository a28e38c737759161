"""Summarise bench/run.sh's raw results: write the markdown report and print
the chart's TSV (metric, tool, value, unit) on stdout.

Usage: report.py RAW.tsv META.txt OUT.md [SHELL.out]

RAW.tsv columns: pass (pinned|unpinned|stub), repetition, workload, tool,
protocol, ops/s, client CPU us/op, allocs/op, p50 us, p99 us, server CPU
us/op (the stub's in the stub pass), inserts. META.txt holds "key<TAB>value"
lines (date, machine, versions, sizes). The stub pass gets a table of its
own, with each client's pinned figures on the node beside it.
SHELL.out, when given, is bench/shell.sh's output: its TSV rows become a
table and chart bars; output without TSV is quoted as it is.
"""

import statistics
import sys

TOOLS = ("gocqlsh", "shell", "gocql", "python")
WORKLOADS = ("W1", "W2", "W3")


def num(s):
    try:
        return float(s)
    except ValueError:
        return None


def spread(values, fmt):
    """Median, with min-max when there are several values."""
    vals = [v for v in values if v is not None]
    if not vals:
        return "n/a"
    med = fmt % statistics.median(vals)
    if len(vals) > 1 and min(vals) != max(vals):
        return "%s (%s–%s)" % (med, fmt % min(vals), fmt % max(vals))
    return med


def median(values):
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def busy_warning(meta):
    """A warning line when the load average exceeded the core count: other
    work then shared the cores, so ops/s and latency say little."""
    cores = num(meta.get("nproc", "0")) or 0
    loads = [num(meta.get(k, "").split(" ")[0]) for k in ("load_before", "load_after")]
    if cores and any(l is not None and l > cores for l in loads):
        return ["- **Warning: the machine was busy with other work during this run (load average above "
                "%d cores). Ops/s, latency and server CPU are unreliable; client CPU µs/op is the figure "
                "to read.**" % cores]
    return []


def shell_section(path, chart):
    """bench/shell.sh's output: its TSV rows (metric, tool, value, unit) as a
    table and chart bars, or, when it prints no TSV, its text verbatim."""
    with open(path) as f:
        text = f.read()
    if not text.strip():
        return []
    out = ["", "## Shell (bench/shell.sh)", ""]
    rows = [l.split("\t") for l in text.splitlines() if "\t" in l]
    if not rows:
        return out + ["```", text.rstrip("\n"), "```"]
    width = max(len(r) for r in rows)
    head = ["Metric", "Tool", "Value", "Unit"] if width == 4 else ["col%d" % (i + 1) for i in range(width)]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * width)
    for r in rows:
        out.append("| " + " | ".join(r + [""] * (width - len(r))) + " |")
        if len(r) >= 4 and num(r[2]) is not None:
            chart.append((r[0], r[1], num(r[2]), r[3]))
    return out


def main(raw_path, meta_path, out_path, shell_path=None):
    meta = {}
    with open(meta_path) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            meta[k] = v
    groups = {}
    with open(raw_path) as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 12:
                continue
            key = (c[0], c[2], c[4], c[3])  # pass, workload, protocol, tool
            groups.setdefault(key, []).append(c)

    tool_name = {
        "gocqlsh": "gocqlsh driver",
        "gocql": "gocql " + meta.get("gocql", ""),
        "python": "cassandra-driver " + meta.get("cassandra-driver", "") + " (Python)",
        "shell": "gocqlsh shell, CONCURRENT",
    }
    notes = {
        "W1": "sequential prepared inserts, 1 in flight, n=%s",
        "W2": "prepared inserts, 100 in flight, n=%s",
        "W3": meta.get("chains", "?") + " callback chains, n=%s",
    }
    how = {
        ("W2", "gocqlsh"): "ExecuteConcurrentStream",
        ("W2", "gocql"): "100 goroutines, synchronous Exec over a shared channel",
        ("W2", "python"): "execute_concurrent_with_args",
        ("W2", "shell"): "gocqlsh -e 'CONCURRENT 100 INSERT ... WITH ARGS RANGE 0 TO n' (whole process: start-up included)",
        ("W3", "gocqlsh"): "ExecuteQueryAsync + AddCallback, 10 s request timeout",
        ("W3", "python"): "execute_async + add_callbacks, timeout=None (callback_full_pipeline)",
    }

    order = []
    for p in ("pinned", "unpinned"):
        for w in WORKLOADS:
            for proto in sorted({k[2] for k in groups if k[0] == p and k[1] == w}):
                for t in TOOLS:
                    if (p, w, proto, t) in groups:
                        order.append((p, w, proto, t))

    lines = [
        "# gocqlsh benchmark results",
        "",
        "- Date: %s" % meta.get("date", "?"),
        "- Machine: %s" % meta.get("machine", "?"),
        "- Load average before / after: %s / %s" % (meta.get("load_before", "?"), meta.get("load_after", "?")),
        "- Software: %s" % meta.get("versions", "?"),
    ] + busy_warning(meta)
    chart = []
    if order:
        lines += node_section(groups, order, meta, tool_name, notes, how, chart)
    stub = stub_section(groups, meta, tool_name, notes, how, chart)
    if stub:
        lines += [""] + stub

    if shell_path:
        lines += shell_section(shell_path, chart)

    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    # Chart panels: the node's, then the stub's; CPU first (the fair
    # metric), then throughput.
    chart.sort(key=lambda c: ("bench/stub" in c[0], "CPU" not in c[0]))
    for m, t, v, u in chart:
        print("%s\t%s\t%s\t%s" % (m, t, v, u))


def node_section(groups, order, meta, tool_name, notes, how, chart):
    """The passes against the Cassandra node: method, then one table."""
    lines = [
        "- Method: one Cassandra node on the same machine; pinned passes put the JVM on core 0 and "
        "the client on core 1 (`taskset`); warm-up run first; tools interleaved; %s repetitions, "
        "median (min–max). The unpinned pass is one run per tool, for peak ops/s. No compression, "
        "one connection per client, consistency ONE, keyspace RF 1." % meta.get("reps", "?"),
        "- Client CPU µs/op = getrusage(RUSAGE_SELF) user+sys over the timed section ÷ inserts. "
        "Server CPU µs/op = the JVM's utime+stime over the whole client run ÷ inserts (it includes "
        "anything else the node did meanwhile).",
        "",
        "| Workload | Tool | Proto | Pass | ops/s | Client CPU µs/op | Allocs/op | p50 / p99 µs | Server CPU µs/op | Notes |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key in order:
        p, w, proto, t = key
        rows = groups[key]
        ops = [num(r[5]) for r in rows]
        cpu = [num(r[6]) for r in rows]
        allocs = [num(r[7]) for r in rows]
        p50 = median([num(r[8]) for r in rows])
        p99 = median([num(r[9]) for r in rows])
        srv = [num(r[10]) for r in rows]
        lat = "n/a" if p50 is None else "%.0f / %.0f" % (p50, p99)
        note = notes[w] % "/".join(sorted({r[11] for r in rows}))
        if (w, t) in how:
            note += "; " + how[(w, t)]
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            w, tool_name[t], proto, p, spread(ops, "%.0f"), spread(cpu, "%.1f"),
            spread(allocs, "%.1f"), lat, spread(srv, "%.0f"), note))
        mc, mo = median(cpu), median(ops)
        if p == "pinned" and mc is not None:
            chart.append(("%s %s client CPU per insert, pinned (lower is better)" % (w, proto), tool_name[t], mc, "us/op"))
        if mo is not None:
            chart.append(("%s %s throughput, %s (higher is better)" % (w, proto, p), tool_name[t], round(mo / 1000, 2), "k ops/s"))
    if "W3" not in {k[1] for k in groups if k[3] == "gocql"}:
        lines += ["", "gocql has no callback API, so it has no W3 row; W2 is its idiomatic fan-out."]
    return lines


def stub_section(groups, meta, tool_name, notes, how, chart):
    """The stub pass: each client's ceiling, beside its pinned figures on
    the node (same workload, same protocol)."""
    keys = [("stub", w, proto, t) for w in WORKLOADS
            for proto in sorted({k[2] for k in groups if k[0] == "stub" and k[1] == w})
            for t in TOOLS if ("stub", w, proto, t) in groups]
    if not keys:
        return []
    total = meta.get("stub_total", "").replace("stub: ", "", 1)
    lines = [
        "## Against bench/stub: each client's ceiling",
        "",
        "- What: the same harnesses, statement and arguments against `bench/stub`, a loopback server "
        "speaking protocol v4 that answers every request at once with a pre-encoded reply (no database). "
        "What a client reaches here is its own limit on this machine, the physical limit the node's "
        "figures are compared with.",
        "- Method: the stub on core 0 (its Go runtime sees one core), the client on core 1; warm-up run "
        "first; tools interleaved; %s repetitions, median (min–max); %s. The Python driver runs with "
        "its defaults (schema and token metadata on: the stub answers the schema queries with its "
        "keyspaces and empty tables)." % (meta.get("reps", "?"), meta.get("stub_sizes", "?")),
        "- Stub CPU µs/op = the stub's utime+stime over the whole client run (connection set-up "
        "included) ÷ inserts. Over the whole pass the stub served %s." % (total or "?"),
        "- In W1 every insert is a round trip of its own, so the stub pays one loopback read, one write "
        "and one wake-up per insert, the kernel's floor, as the client does; with requests in flight a "
        "burst costs it one read and one write.",
    ]
    if meta.get("stub_node_cpu"):
        lines.append("- The node kept running, pinned to core 0 beside the stub; it used %s s of CPU "
                     "during the stub pass." % meta["stub_node_cpu"])
    lines += [
        "",
        "| Workload | Tool | Proto | ops/s | Client CPU µs/op | Allocs/op | p50 / p99 µs | Stub CPU µs/op | On the node, pinned: ops/s, client CPU µs/op | Notes |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key in keys:
        _, w, proto, t = key
        rows = groups[key]
        ops = [num(r[5]) for r in rows]
        cpu = [num(r[6]) for r in rows]
        p50 = median([num(r[8]) for r in rows])
        p99 = median([num(r[9]) for r in rows])
        lat = "n/a" if p50 is None else "%.0f / %.0f" % (p50, p99)
        node = groups.get(("pinned", w, proto, t))
        beside = "n/a"
        if node:
            beside = "%.0f, %.1f" % (median([num(r[5]) for r in node]), median([num(r[6]) for r in node]))
        note = notes[w] % "/".join(sorted({r[11] for r in rows}))
        if (w, t) in how:
            note += "; " + how[(w, t)]
        if (w, t) == ("W1", "gocql"):
            note += "; gocql's default write coalescing holds each write up to 200 µs (WriteCoalesceWaitTime)"
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            w, tool_name[t], proto, spread(ops, "%.0f"), spread(cpu, "%.1f"),
            spread([num(r[7]) for r in rows], "%.1f"), lat, spread([num(r[10]) for r in rows], "%.2f"),
            beside, note))
        mc, mo = median(cpu), median(ops)
        if mc is not None:
            chart.append(("%s %s against bench/stub: client CPU per insert (lower is better)" % (w, proto), tool_name[t], mc, "us/op"))
        if mo is not None:
            chart.append(("%s %s against bench/stub: throughput (higher is better)" % (w, proto), tool_name[t], round(mo / 1000, 2), "k ops/s"))
    return lines


if __name__ == "__main__":
    main(*sys.argv[1:])
