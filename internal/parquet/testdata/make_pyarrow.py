"""Writes the pyarrow-made Parquet files the reader's tests read.

Run from this directory with pyarrow installed (testenv/venv):

    ../../../testenv/venv/bin/python make_pyarrow.py

Each NAME.parquet comes with NAME.json, the rows the reader must return:
temporal columns as their stored integers, binary values as hex, a map
as a list of [key, value] pairs. The unsupported/*.parquet files use a
codec or an encoding the reader reports as an error.
"""
import datetime
import json
import os

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

N = 40


def flat_table():
    def opt(i, v):
        return None if i % 7 == 3 else v
    return pa.table({
        "b": pa.array([opt(i, i % 3 == 0) for i in range(N)], pa.bool_()),
        "i8": pa.array([opt(i, i - 20) for i in range(N)], pa.int8()),
        "i32": pa.array([opt(i, i * 1000003 - 2**30) for i in range(N)], pa.int32()),
        "i64": pa.array([opt(i, i * 2**40 - 2**45) for i in range(N)], pa.int64()),
        "f": pa.array([opt(i, i / 4) for i in range(N)], pa.float32()),
        "d": pa.array([opt(i, i / 3) for i in range(N)], pa.float64()),
        "s": pa.array([opt(i, "s%d" % (i % 5)) for i in range(N)], pa.string()),
        "bin": pa.array([opt(i, bytes([i, 255 - i])) for i in range(N)], pa.binary()),
        "fx": pa.array([opt(i, bytes(range(i, i + 16))) for i in range(N)], pa.binary(16)),
        "date": pa.array([opt(i, datetime.date(2020, 1, 1) + datetime.timedelta(days=i * 40)) for i in range(N)], pa.date32()),
        "ts_ms": pa.array([opt(i, 1577836800000 + i * 1234567) for i in range(N)], pa.timestamp("ms", tz="UTC")),
        "ts_us": pa.array([opt(i, 1577836800000000 + i * 1234567) for i in range(N)], pa.timestamp("us", tz="UTC")),
        "ts_ns": pa.array([opt(i, 1577836800000000000 + i * 1234567) for i in range(N)], pa.timestamp("ns")),
        "tm_ns": pa.array([opt(i, i * 1000000007) for i in range(N)], pa.time64("ns")),
        "tm_ms": pa.array([opt(i, i * 1001) for i in range(N)], pa.time32("ms")),
        "req": pa.array(list(range(N)), pa.int64()).cast(pa.int64()),
    }, schema=None).cast(pa.schema([
        pa.field(n, t, nullable=(n != "req")) for n, t in [
            ("b", pa.bool_()), ("i8", pa.int8()), ("i32", pa.int32()), ("i64", pa.int64()),
            ("f", pa.float32()), ("d", pa.float64()), ("s", pa.string()), ("bin", pa.binary()),
            ("fx", pa.binary(16)), ("date", pa.date32()), ("ts_ms", pa.timestamp("ms", tz="UTC")),
            ("ts_us", pa.timestamp("us", tz="UTC")), ("ts_ns", pa.timestamp("ns")),
            ("tm_ns", pa.time64("ns")), ("tm_ms", pa.time32("ms")), ("req", pa.int64())]]))


def nested_table():
    lists, lls, maps, structs = [], [], [], []
    for i in range(N):
        lists.append(None if i % 5 == 0 else [] if i % 5 == 1 else [i, None, -i][: 1 + i % 3])
        lls.append(None if i % 6 == 0 else [[], None, ["a%d" % i, None]][: i % 4])
        maps.append(None if i % 4 == 0 else [] if i % 4 == 1 else [("k%d" % j, None if j == 1 else i * j) for j in range(i % 4)])
        structs.append(None if i % 3 == 0 else {"a": i, "b": None if i % 2 else "b%d" % i, "c": [True, False, None][: i % 4]})
    return pa.table({
        "id": pa.array(range(N), pa.int32()),
        "l": pa.array(lists, pa.list_(pa.int32())),
        "ll": pa.array(lls, pa.list_(pa.list_(pa.string()))),
        "m": pa.array(maps, pa.map_(pa.string(), pa.int64())),
        "st": pa.array(structs, pa.struct([("a", pa.int32()), ("b", pa.string()), ("c", pa.list_(pa.bool_()))])),
    })


def plain(v):
    """A value as the expected JSON holds it."""
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, tuple):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


def expected(table):
    cols = {}
    for name in table.column_names:
        c = table[name]
        t = c.type
        if pa.types.is_date32(t):
            c = c.cast(pa.int32())
        elif pa.types.is_timestamp(t) or pa.types.is_time64(t):
            c = c.cast(pa.int64())
        elif pa.types.is_time32(t):
            c = c.cast(pa.int32())
        cols[name] = c
    rows = pa.table(cols).to_pylist()
    return [plain(r) for r in rows]


def write(name, table, **kw):
    pq.write_table(table, name + ".parquet", row_group_size=25, **kw)
    with open(name + ".json", "w") as f:
        f.write("[\n")
        rows = expected(table)
        for i, r in enumerate(rows):
            f.write(json.dumps(r, separators=(",", ":")) + (",\n" if i < len(rows) - 1 else "\n"))
        f.write("]\n")


def main():
    flat, nested = flat_table(), nested_table()
    write("flat_dict_snappy_v1", flat, compression="snappy", use_dictionary=True, data_page_version="1.0")
    write("flat_plain_gzip_v2", flat, compression="gzip", use_dictionary=False, data_page_version="2.0")
    write("flat_plain_none_v1", flat, compression="none", use_dictionary=False, data_page_version="1.0")
    write("nested_dict_gzip_v2", nested, compression="gzip", use_dictionary=True, data_page_version="2.0")
    write("nested_plain_snappy_v1", nested, compression="snappy", use_dictionary=False, data_page_version="1.0")
    write("nested_dict_none_v2", nested, compression="none", use_dictionary=True, data_page_version="2.0")
    os.makedirs("unsupported", exist_ok=True)
    small = pa.table({"x": pa.array(range(10), pa.int64())})
    pq.write_table(small, "unsupported/zstd.parquet", compression="zstd")
    pq.write_table(small, "unsupported/delta.parquet", compression="none", use_dictionary=False,
                   column_encoding={"x": "DELTA_BINARY_PACKED"})


if __name__ == "__main__":
    main()
