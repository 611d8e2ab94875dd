#!/usr/bin/env python3
"""toolbox_tables.py SWEEP_FOLDER: the README's toolbox tables (loss x stabilizer) from a toolbox sweep's folder.

Reads plan.json and every finished game's evaluations.csv (its last evaluation) and summary.txt (its rounds/s), so it
works on a sweep that is still playing (missing cells print as '...'). Cells are medians over the seeds: on 2-D data
"modes / high-quality %", on MNIST "classes / Frechet distance" with a conditional generator's class accuracy in
brackets. A second table gives rounds/s (median over seeds). Exclusions of the sweep print as n/a.
"""
import csv, json, os, statistics, sys

folder = sys.argv[1]
plan = json.load(open(os.path.join(folder, "plan.json")))


def levels(name):
    seen = []
    for game in plan["games"]:
        value = game["levels"][name]
        if value not in seen:
            seen.append(value)
    return seen


loss_levels, stabilizer_levels = levels("loss"), levels("stabilizer")
cells = {}
for game in plan["games"]:
    key = (game["levels"]["loss"], game["levels"]["stabilizer"])
    cell = cells.setdefault(key, [])
    run = os.path.join(folder, game["folder"])
    summary = os.path.join(run, "summary.txt")
    if not os.path.exists(summary):
        continue
    lines = open(summary, encoding="utf-8").read().splitlines()
    if not lines or lines[0] != "state: finished":
        cell.append(None if not lines else {"state": lines[0]})
        continue
    rate = next(float(l.split(":")[1]) for l in lines if l.startswith("rounds/s:"))
    rows = list(csv.DictReader(open(os.path.join(run, "evaluations.csv"), encoding="utf-8-sig")))
    last = rows[-1]
    cell.append({"state": "finished", "rate": rate, **last})

mnist = any(g["spec"]["data"]["kind"] == "mnist" for g in plan["games"])


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def figure(games):
    done = [g for g in games if g and g["state"] == "finished"]
    if not done:
        return "..." if not any(g and g["state"] != "finished" for g in games) else "diverged"
    seeds = "" if len(done) == len(games) else f" ({len(done)} of {len(games)} seeds)"
    modes = median([float(g["modes_covered"]) for g in done])
    if mnist:
        fd = median([float(g["frechet_distance"]) for g in done if g["frechet_distance"]])
        acc = median([float(g["class_accuracy"]) for g in done if g.get("class_accuracy")])
        text = f"{modes:.0f} / {fd:.0f}" + (f" ({acc * 100:.0f}%)" if acc is not None else "")
    else:
        hq = median([float(g["high_quality_fraction"]) for g in done])
        text = f"{modes:.0f} / {hq * 100:.0f}%"
    return text + seeds


def rate(games):
    done = [g["rate"] for g in games if g and g["state"] == "finished"]
    return f"{statistics.median(done):.1f}" if done else "..."


# The README's column names where the sweep's level names are terser.
HEADINGS = {"r1-10": "R1 10", "n+1-classes": "(n+1) classes"}


def table(cell_text):
    print("| loss | " + " | ".join(HEADINGS.get(s, s.replace("-", " ")) for s in stabilizer_levels) + " |")
    print("|---|" + "---:|" * len(stabilizer_levels))
    for loss in loss_levels:
        row = [cell_text(cells[(loss, s)]) if (loss, s) in cells else "n/a" for s in stabilizer_levels]
        print(f"| {loss} | " + " | ".join(row) + " |")


done = sum(1 for c in cells.values() for g in c if g and g["state"] == "finished")
print(f"<!-- {plan['name']}: {done} of {len(plan['games'])} games finished -->")
table(figure)
print()
table(rate)
