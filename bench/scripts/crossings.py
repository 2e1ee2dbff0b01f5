#!/usr/bin/env python3
"""Reads a detection probe's crossings (./alerting bench ... --crossings FILE.csv) and, optionally,
the same run's safepoint log (ALERTING_JAVA_OPTS="... -Xlog:safepoint:file=FILE.log:timemillis"):
prints where the median crossing spends its time (until ingest's 200, until the rule engine produced
the event, until the read_committed probe read it) and, for every crossing slower than the threshold,
how much of it the JVM spent stopped at safepoints (GC pauses and other VM operations).

usage: bench/scripts/crossings.py CROSSINGS.csv [SAFEPOINT.log] [--slow MS]
"""
import re
import statistics
import sys


def quantile(xs, p):
    s = sorted(xs)
    return s[min(len(s) - 1, int(len(s) * p))]


def main(argv):
    slow_ms = 25.0
    if "--slow" in argv:
        i = argv.index("--slow")
        slow_ms = float(argv[i + 1])
        del argv[i:i + 2]
    rows = []
    with open(argv[0]) as f:
        next(f)
        for line in f:
            sched, direction, acked, produced, read = line.strip().split(",")
            rows.append((int(sched), direction, float(acked), float(produced), float(read)))
    acked = [r[2] for r in rows]
    engine = [r[3] - r[2] for r in rows]
    commit = [r[4] - r[3] for r in rows]
    read = [r[4] for r in rows]
    print(f"{len(rows)} crossings; read p50 {quantile(read, .5):.1f} p90 {quantile(read, .9):.1f} "
          f"p99 {quantile(read, .99):.1f} max {max(read):.1f} ms")
    print(f"median parts: until ingest's 200 {statistics.median(acked):.1f} ms, then until the event "
          f"was produced {statistics.median(engine):.1f} ms, then until it was read "
          f"{statistics.median(commit):.1f} ms")
    if len(argv) < 2:
        return
    pauses = []
    pattern = re.compile(r'\[(\d+)ms\].*Safepoint "([^"]+)".*Total: (\d+) ns')
    with open(argv[1]) as f:
        for line in f:
            m = pattern.match(line)
            if m:
                end = int(m.group(1))
                total = int(m.group(3)) / 1e6
                pauses.append((end - total, end, total, m.group(2)))
    stops = sorted(p[2] for p in pauses)
    print(f"{len(pauses)} safepoints, {sum(stops):.0f} ms stopped in all; p50 {quantile(stops, .5):.1f} "
          f"p90 {quantile(stops, .9):.1f} max {stops[-1]:.1f} ms")

    def stopped(start, length):
        end = start + length
        hits = [(p, min(end, p[1]) - max(start, p[0])) for p in pauses if p[1] > start and p[0] < end]
        return sum(h[1] for h in hits), hits

    slow = sorted((r for r in rows if r[4] > slow_ms), key=lambda r: -r[4])
    mostly = 0
    for r in slow:
        total, hits = stopped(r[0], r[4])
        if total >= 0.5 * r[4]:
            mostly += 1
        names = ", ".join(f"{h[0][3]} {h[0][2]:.1f}" for h in hits)
        print(f"  {r[1]:8} read {r[4]:7.1f}  acked {r[2]:7.1f}  produced {r[3]:6.0f}  "
              f"stopped {total:6.1f} ms {names}")
    fast = [r for r in rows if r[4] <= slow_ms]
    print(f"crossings over {slow_ms:g} ms: {len(slow)}, of which at least half stopped at safepoints: "
          f"{mostly}; faster crossings that met a safepoint: "
          f"{sum(1 for r in fast if stopped(r[0], r[4])[0] > 0)} of {len(fast)}")


if __name__ == "__main__":
    main(sys.argv[1:])
