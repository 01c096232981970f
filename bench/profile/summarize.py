#!/usr/bin/env python3
"""Summarizes a bench/profile-marks.sh run into markdown: where the marks' time goes.

Inputs (in the run directory): marks.log (the benchmark's output, with the marks window and the other scenarios'
windows), azurite-requests.log
(Azurite's --debug log), azurite-cpu/*.cpuprofile (V8 CPU profile of Azurite), cpu-samples.txt (cumulative CPU
ticks per process, once a second) and silo-counters.csv (dotnet-counters).
"""
import collections
import csv
import datetime as dt
import glob
import json
import os
import re
import sys

run, target = sys.argv[1], sys.argv[2]
TABLES = ("usermarks", "placerelations", "places", "grainstate", "reminders", "listitems", "newsletterrelations",
          "OrleansSiloInstances")


def parse_time(text):
    text = text.strip().rstrip("Z")
    for fmt in ("%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S"):
        try:
            return dt.datetime.strptime(text[:26], fmt)
        except ValueError:
            continue
    return None


log = open(os.path.join(run, "marks.log")).read()
start = parse_time(re.search(r"Marks window starts (\S+)", log).group(1))
end = parse_time(re.search(r"Marks window ends (\S+)", log).group(1))
window = (end - start).total_seconds()
# S1 reports each round on a line of its own ("S1 round 1: ...; 10,000 acked"), S2 on its summary line.
acked = sum(int(n.replace(",", "")) for n in re.findall(r"^(?:S1 round \d+|S2): .*?; ([\d,]+) acked", log, re.M))
rates = re.findall(r"^(S[12]): (\d+) marks/s", log, re.M)

# Requests per acknowledged mark, by operation and table. Azurite stamps a log line when it writes it, which lags far
# behind under load, so the marks' requests are found by order instead: after the seeding's last place insert, before
# S4's first list request (S3's reads touch no storage; the Tc/Tb baselines come before the seeding).
entries = []
pattern = re.compile(r"^(\S+) \S+ info: TableStorageContextMiddleware: RequestMethod=(\w+) RequestURL=http://[^/]+/[^/]+/([^?( ]+)(\([^)]*\))?")
# A transaction's body, as Azurite logs it: one line holding each of its operations ("\r\nPOST http://.../usermarks07?...").
batch_operation = re.compile(r"\\r\\n(?:POST|PUT|MERGE|DELETE|PATCH) http://[^/]+/[^/]+/([A-Za-z]+?)\d*(?:\(|\?|%| )")
batches = []  # (line number, table, operations)
for number, line in enumerate(open(os.path.join(run, "azurite-requests.log"), errors="replace")):
    if "Raw request string is" in line and (operations := batch_operation.findall(line)):
        batches.append((number, operations[0], len(operations)))
        continue
    match = pattern.match(line)
    if match:
        method, resource, key = match.group(2), match.group(3), match.group(4)
        # A bucket's table ends with its number ("usermarks07"): count all of a kind's buckets together.
        table = "(any)" if resource == "$batch" else next((name for name in TABLES if resource.rstrip("0123456789").endswith(name)), resource)
        if resource == "$batch":
            kind = "entity-group transaction"
        elif key:
            kind = {"GET": "point read", "DELETE": "delete", "PATCH": "merge/upsert", "PUT": "replace/upsert"}.get(method, method)
        else:
            kind = "query (Azurite scans the whole table)" if method == "GET" else f"{method} (insert)"
        entries.append((method, table, kind, number))
first = max((i for i, (method, table, _, _) in enumerate(entries) if method == "POST" and table == "places"), default=-1) + 1
last = next((i for i, (_, table, _, _) in enumerate(entries) if table == "listitems" and i >= first), len(entries))
requests = collections.Counter((kind, table) for _, table, kind, _ in entries[first:last])
# The marks' transactions by table, and how many operations each carried: how well the group commits batch.
(first_line, last_line) = (entries[first][3] if first < len(entries) else 0, entries[last][3] if last < len(entries) else float("inf"))
batch_sizes = collections.defaultdict(list)
for number, table, operations in batches:
    if first_line <= number < last_line:
        batch_sizes[table].append(operations)

lines = [f"# Where marks go: profile of S1 + S2", "",
         f"`bench/profile-marks.sh`, {dt.datetime.utcnow():%Y-%m-%d}: {', '.join(f'{name} {rate} marks/s' for name, rate in rates)}; "
         f"{acked:,} acknowledged marks in a window of {window:.1f} s (the two scenarios and their drains).", "",
         "## Azurite requests per acknowledged mark", "", "| request | table | count | per mark |", "|---|---|---:|---:|"]
total = sum(requests.values())
for (kind, table), count in requests.most_common():
    lines.append(f"| {kind} | {table} | {count:,} | {count / max(acked, 1):.2f} |")
lines += [f"| **all** | | **{total:,}** | **{total / max(acked, 1):.2f}** |", ""]
lines += ["## The marks' transactions by table", "",
          "Operations per entity-group transaction: each carries many units (a user's meta row, a place's relation rows and",
          "counts row, a wake-up row or its delete), so the fewer transactions per mark, the less Azurite spends per request.", "",
          "| table | transactions | per mark | operations | per transaction | of 10 or fewer |", "|---|---:|---:|---:|---:|---:|"]
for table, sizes in sorted(batch_sizes.items(), key=lambda item: -len(item[1])):
    lines.append(f"| {table} | {len(sizes):,} | {len(sizes) / max(acked, 1):.3f} | {sum(sizes):,} | {sum(sizes) / len(sizes):.1f} "
                 f"| {sum(1 for size in sizes if size <= 10) / len(sizes):.0%} |")
lines.append("")

# CPU seconds per process inside a window.
ticks = collections.defaultdict(list)
for line in open(os.path.join(run, "cpu-samples.txt")):
    parts = line.split()
    if len(parts) == 4:
        ticks[(parts[1], parts[2])].append((dt.datetime.utcfromtimestamp(int(parts[0])), int(parts[3])))
names = {"azurite": "Azurite (Node)", "main.js": "Azurite (Node)", "Silo": "silo", "Gateway": "gateway", "Bench": "load generator (driver)"}


def cpu_used(since, until):
    used = collections.Counter()
    for (pid, name), samples in ticks.items():
        inside = [tick for when, tick in samples if since <= when <= until]
        if len(inside) >= 2:
            used[names.get(name, name)] += (inside[-1] - inside[0]) / os.sysconf("SC_CLK_TCK")
    return used


lines += ["## CPU used during the window (2 cores in all)", "", "| process | CPU s | cores busy on average |", "|---|---:|---:|"]
for name, seconds in cpu_used(start, end).most_common():
    lines.append(f"| {name} | {seconds:.1f} | {seconds / window:.2f} |")
lines.append("")

# The other scenarios' windows ("Window S3 max starts ..."): which process the CPU went to. Samples are a second
# apart, so a window shorter than a few seconds says little.
edges = {(name, edge): parse_time(when) for name, edge, when in re.findall(r"^Window (.+?) (starts|ends) (\S+)", log, re.M)}
scenarios = [name for (name, edge) in edges if edge == "starts" and (name, "ends") in edges]
if scenarios:
    lines += ["## CPU by process in the other scenarios' windows (cores busy on average; 2 in all)", "",
              "| window | seconds | " + " | ".join(sorted(set(names.values()))) + " |",
              "|---|---:|" + "---:|" * len(set(names.values()))]
    for name in scenarios:
        since, until = edges[(name, "starts")], edges[(name, "ends")]
        seconds = max((until - since).total_seconds(), 1e-9)
        used = cpu_used(since, until)
        lines.append(f"| {name} | {seconds:.1f} | " + " | ".join(f"{used[process] / seconds:.2f}" for process in sorted(set(names.values()))) + " |")
    lines.append("")

# Azurite's hottest functions (self time, whole run: the baselines' upserts and transactions included).
profiles = glob.glob(os.path.join(run, "azurite-cpu", "*.cpuprofile"))
if profiles:
    profile = json.load(open(profiles[0]))
    nodes = {node["id"]: node for node in profile["nodes"]}
    self_time = collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"]):
        frame = nodes[sample]["callFrame"]
        self_time[f"{frame['functionName'] or '(anonymous)'} ({os.path.basename(frame['url']) or 'native'})"] += delta
    busy = sum(t for name, t in self_time.items() if not name.startswith("(idle)")) or 1
    lines += ["## Azurite's hottest functions (self time, share of its busy time; whole run)", "", "| function | share |", "|---|---:|"]
    for name, micros in [(n, t) for n, t in self_time.most_common(16) if not n.startswith("(idle)")][:12]:
        lines.append(f"| `{name}` | {micros / busy * 100:.1f}% |")
    lines.append("")

# The silo's .NET counters inside the window (means).
counters_path = os.path.join(run, "silo-counters.csv")
if os.path.exists(counters_path):
    values = collections.defaultdict(list)
    with open(counters_path, newline="") as source:
        for row in csv.reader(source):
            if len(row) < 5 or row[0] == "Timestamp":
                continue
            when = parse_time(row[0])
            if when is not None and start <= when <= end:
                try:
                    values[row[2]].append(float(row[4]))
                except ValueError:
                    pass
    lines += ["## The silo's counters during the window (dotnet-counters, mean)", "", "| counter | mean |", "|---|---:|"]
    for name in sorted(values):
        lines.append(f"| {name} | {sum(values[name]) / len(values[name]):,.2f} |")
    lines.append("")

open(target, "w").write("\n".join(lines))
