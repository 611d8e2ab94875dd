#!/usr/bin/env python3
"""Renders docs/replications.md from page.md.in and results.md.in with the figures of docs/replications/runs.

Usage: render.py [COMMIT] (the commit the runs were built from; default runs/bin/COMMIT)."""
import csv, os, re, statistics, subprocess, sys
root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
runs = os.path.join(root, 'docs/replications/runs')
data = {}
for name in sorted(os.listdir(runs)):
    m = re.fullmatch(r'(.+)-s(\d+)', name)
    summary = dict(l.split(': ', 1) for l in open(os.path.join(runs, name, 'summary.txt')).read().splitlines() if ': ' in l)
    if summary['state'] != 'finished':
        continue
    ev = list(csv.DictReader(open(os.path.join(runs, name, 'evaluations.csv'), encoding='utf-8-sig')))[-1]
    data.setdefault(m.group(1), []).append((int(m.group(2)), int(ev['modes_covered']), int(ev['mode_count']), 100 * float(ev['high_quality_fraction']),
                                             float(ev['reverse_kl']) if ev['reverse_kl'] else None, float(summary['rounds/s'])))
def cell(recipe):
    rows = data.get(recipe)
    if not rows:
        return 'not finished yet'
    def s(vals, d):
        vals = [v for v in vals if v is not None]
        if not vals: return '-'
        mean = statistics.fmean(vals)
        return f'{mean:.{d}f}' if len(vals) == 1 else f'{mean:.{d}f} +- {statistics.stdev(vals):.{d}f}'
    return (f"{s([r[1] for r in rows], 1)} / {s([r[3] for r in rows], 1)} / KL {s([r[4] for r in rows], 3)} "
            f"(seeds {', '.join(str(r[0]) for r in rows)}; {statistics.median(r[5] for r in rows):.1f} rounds/s)")
res = open(os.path.join(root, 'docs/replications/results.md.in')).read()
for key in re.findall(r'@([a-z0-9-]+)@', res):
    recipe = key if key.startswith(('veegan', 'numerics', 'pacgan')) else 'unrolled-gan-' + key
    res = res.replace(f'@{key}@', cell(recipe))
doc = open(os.path.join(root, 'docs/replications/page.md.in')).read()
perseed = subprocess.run(['python3', os.path.join(root, 'docs/replications/tables.py'), runs], capture_output=True, text=True).stdout.strip()
commit = sys.argv[1] if len(sys.argv) > 1 else open(os.path.join(root, 'runs/bin/COMMIT')).read().strip()
doc = doc.replace('@RESULTS@', res.strip()).replace('@PER_SEED@', perseed).replace('@COMMIT@', commit)
open(os.path.join(root, 'docs/replications.md'), 'w').write(doc)
