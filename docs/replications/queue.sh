#!/bin/bash
# Plays recipes one after another, resumably: queue.sh BIN OUT "recipe seed" ...
# BIN is the orleans-gan executable (a copy, so that rebuilding the tree does not touch running games), OUT the folder
# that gets one run folder per recipe and seed. A run folder whose summary says "finished" is skipped; one that was
# killed continues from its last checkpoint with `resume --run`; one killed before its first checkpoint starts again.
# Several queues may share OUT and a list (one per core): each run folder is played under a lock (flock on
# OUT/<run>.lock), so a queue skips a run another queue is playing instead of restarting it.
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
  exec 9>"$folder.lock"
  if ! flock -n 9; then
    echo "$(date -u +%FT%TZ) skip $folder (another queue plays it)"; exec 9>&-; continue
  fi
  # Finished while this queue waited for the lock's owner to let go.
  if grep -q "^state: finished" "$folder/summary.txt" 2>/dev/null; then
    echo "$(date -u +%FT%TZ) skip $folder (finished)"; exec 9>&-; continue
  fi
  start=$(date +%s)
  if [ -f "$folder/game-id.txt" ] && ls "$folder"/checkpoints/*/checkpoint.bin >/dev/null 2>&1; then
    echo "$(date -u +%FT%TZ) resume $folder"
    OMP_NUM_THREADS=1 "$bin" resume --run "$folder" > "$folder.log" 2>&1 9>&-
  else
    rm -rf "$folder"
    echo "$(date -u +%FT%TZ) run $folder"
    OMP_NUM_THREADS=1 "$bin" run --spec "docs/recipes/$recipe.yaml" --seed "$seed" --out "$folder" > "$folder.log" 2>&1 9>&-
  fi
  code=$?
  echo "$(date -u +%FT%TZ) exit $code after $(( $(date +%s) - start )) s: $folder"
  exec 9>&-
done
