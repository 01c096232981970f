#!/usr/bin/env python3
"""Appends a chart to bench/results/marks.md: for each scenario with a target, how much of the target it reached.

Reads marks.csv from the results directory (the table the benchmark wrote). A bar of 40 characters is the target met
exactly (100%); "at most" targets (a p99 ratio, S4's growth, RSS) count as target / measured, so for every row a longer
bar is better. Bars stop at 200%.
"""
import csv
import os
import re
import sys

results = sys.argv[1]
WIDTH = 40
rows = []
with open(os.path.join(results, "marks.csv"), newline="") as source:
    for row in csv.DictReader(source):
        ratio = re.search(r"=\s*([\d.]+)", row["ratio"] or "")
        target = re.match(r"(<=|>=)\s*([\d.]+)", row["target"] or "")
        if not ratio or not target:
            continue
        measured, goal = float(ratio.group(1)), float(target.group(2))
        reached = (goal / measured if measured > 0 else float("inf")) if target.group(1) == "<=" else measured / goal
        name = row["ratio"].split("=")[0].strip()
        rows.append((f"{name} {target.group(1)} {goal:g}", measured, reached, row["result"]))

if rows:
    label = max(len(name) for name, *_ in rows)
    lines = ["## How close each target is", "",
             "Share of each target reached (a full bar, up to the `|`, is the target met; longer is better):", "", "```text"]
    for name, measured, reached, verdict in rows:
        filled = min(reached, 2.0) * WIDTH
        bar = "#" * int(round(filled))
        bar = (bar[:WIDTH].ljust(WIDTH) + "|" + bar[WIDTH:]) if len(bar) >= WIDTH else bar.ljust(WIDTH) + "|"
        lines.append(f"{name.ljust(label)}  measured {measured:>7.2f}  {bar.ljust(2 * WIDTH + 1)} {reached * 100:5.0f}%  {verdict}")
    lines.append("```")
    path = os.path.join(results, "marks.md")
    table = open(path).read().split("## How close each target is")[0].rstrip("\n")
    with open(path, "w") as target_file:
        target_file.write(table + "\n\n" + "\n".join(lines) + "\n")
