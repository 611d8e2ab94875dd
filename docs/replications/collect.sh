#!/bin/bash
# collect.sh RUNS_FOLDER: copies every finished run's spec, evaluations and summary into docs/replications/runs/,
# and draws its sample strip into docs/images/replications/ (the raw figures behind docs/replications.md).
set -eu
cd "$(dirname "$0")/../.."
for folder in "$1"/*-s*/; do
  name=$(basename "$folder")
  grep -q "^state: finished" "$folder/summary.txt" 2>/dev/null || continue
  mkdir -p "docs/replications/runs/$name"
  cp "$folder/spec.json" "$folder/evaluations.csv" "$folder/summary.txt" "docs/replications/runs/$name/"
  docs/replications/strip.sh "$folder" "docs/images/replications/$name.png"
done
