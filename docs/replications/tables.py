#!/usr/bin/env python3
"""Per-seed figures of the recipe runs in a folder of run folders (what queue.sh leaves), as markdown rows.

Usage: tables.py RUNS_FOLDER [--means]. For each run folder <recipe>-s<seed>: the state, the last evaluation's round,
modes covered, share of high-quality samples and reverse KL (evaluations.csv), the wall time and rounds/s
(summary.txt). With --means: per recipe, over its finished full-length seeds, mean +- std (sample std, n - 1) of the
modes, the high-quality share and the reverse KL, and the median rounds/s.
"""
import csv, os, re, statistics, sys

root = sys.argv[1]
rows = []
for name in sorted(os.listdir(root)):
    folder = os.path.join(root, name)
    match = re.fullmatch(r"(.+)-s(\d+)", name)
    if not match or not os.path.isdir(folder) or not os.path.exists(os.path.join(folder, "summary.txt")):
        continue
    summary = dict(line.split(": ", 1) for line in open(os.path.join(folder, "summary.txt"), encoding="utf-8").read().splitlines() if ": " in line)
    with open(os.path.join(folder, "evaluations.csv"), encoding="utf-8-sig") as f:
        evaluations = list(csv.DictReader(f))
    last = evaluations[-1]
    kl = last["reverse_kl"]
    rows.append((match.group(1), int(match.group(2)), summary["state"], summary["rounds"], last["round"], last["modes_covered"], last["mode_count"],
                 100 * float(last["high_quality_fraction"]), float(kl) if kl else None, summary["wall time"], summary["rounds/s"]))

if "--means" in sys.argv:
    def spread(values, digits=2):
        values = [v for v in values if v is not None]
        if not values:
            return "-"
        mean = statistics.fmean(values)
        return f"{mean:.{digits}f}" if len(values) == 1 else f"{mean:.{digits}f} +- {statistics.stdev(values):.{digits}f}"

    print("| recipe | seeds | modes | high quality (%) | reverse KL | median rounds/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for recipe in sorted({r[0] for r in rows}):
        done = [r for r in rows if r[0] == recipe and r[2] == "finished" and r[3].split("/")[0] == r[3].split("/")[1]]
        if done:
            print(f"| {recipe} | {len(done)} ({', '.join(str(r[1]) for r in done)}) | {spread([float(r[5]) for r in done])} "
                  f"| {spread([r[7] for r in done])} | {spread([r[8] for r in done], 3)} | {statistics.median(float(r[10]) for r in done):.1f} |")
    sys.exit(0)

print("| recipe | seed | state | rounds | modes (last evaluation) | high quality | reverse KL | wall time | rounds/s |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
for r in rows:
    kl = "-" if r[8] is None else f"{r[8]:.3f}"
    print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[5]}/{r[6]} (round {r[4]}) | {r[7]:.1f}% | {kl} | {r[9]} | {float(r[10]):.1f} |")
