#!/bin/bash
# keep.sh SWEEP_FOLDER KEPT_FOLDER: the part of a sweep folder that says which games are done and what they measured
# (sweep.yaml, plan.json and, of every game with a result, its summary, evaluations, spec and game id), small enough
# to commit. A sweep longer than a session goes on in the next one from it:
#   cp -r KEPT_FOLDER/. SWEEP_FOLDER && orleans-gan sweep --file ... --out SWEEP_FOLDER
# skips the kept games (a game's summary says it finished or diverged) and plays the rest; checkpoints, pictures
# and rounds.csv are left behind, so a kept game's own pictures are not redrawn.
set -eu
from=$1; to=$2
[ -f "$from/plan.json" ] || { echo "keep.sh: '$from' holds no plan.json: it is not a sweep folder" >&2; exit 2; }
mkdir -p "$to/games"
cp "$from/sweep.yaml" "$from/plan.json" "$to/"
kept=0
for game in "$from"/games/*/; do
  name=$(basename "$game")
  grep -qE "^state: (finished|diverged)" "$game/summary.txt" 2>/dev/null || continue
  mkdir -p "$to/games/$name"
  cp "$game/summary.txt" "$game/evaluations.csv" "$game/spec.json" "$game/game-id.txt" "$to/games/$name/"
  kept=$((kept + 1))
done
echo "kept $kept games of $from in $to"
