#!/bin/bash
# Plays recipes one after another, resumably: queue.sh BIN OUT "recipe seed" ...
# BIN is the orleans-gan executable (a copy, so that rebuilding the tree does not touch running games), OUT the folder
# that gets one run folder per recipe and seed. A run folder whose summary says "finished" is skipped; one that was
# killed continues from its last checkpoint with `resume --run`; one killed before its first checkpoint starts again.
set -u
bin=$1; out=$2; shift 2
mkdir -p "$out"
for entry in "$@"; do
  set -- $entry
  recipe=$1; seed=$2
  folder="$out/$(echo "$recipe" | tr / -)-s$seed"
  if grep -q "^state: finished" "$folder/summary.txt" 2>/dev/null; then
    echo "$(date -u +%FT%TZ) skip $folder (finished)"; continue
  fi
  start=$(date +%s)
  if [ -f "$folder/game-id.txt" ] && ls "$folder"/checkpoints/*/checkpoint.bin >/dev/null 2>&1; then
    echo "$(date -u +%FT%TZ) resume $folder"
    OMP_NUM_THREADS=1 "$bin" resume --run "$folder" > "$folder.log" 2>&1
  else
    rm -rf "$folder"
    echo "$(date -u +%FT%TZ) run $folder"
    OMP_NUM_THREADS=1 "$bin" run --spec "docs/recipes/$recipe.yaml" --seed "$seed" --out "$folder" > "$folder.log" 2>&1
  fi
  echo "$(date -u +%FT%TZ) exit $? after $(( $(date +%s) - start )) s: $folder"
done
