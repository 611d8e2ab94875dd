#!/bin/bash
# Timing probe (docs/replications.md): each recipe for a few hundred rounds, evaluation only at the end, one game at a
# time, with the client copied to runs/bin (cp -r client/OrleansGan.Client/bin/Release/net10.0 runs/bin).
cd "$(dirname "$0")/../.."
out=runs/probe
mkdir -p $out
for entry in "unrolled-gan/paper-k0 300" "unrolled-gan/paper-k10 100" "unrolled-gan/notebook-k0 300" "unrolled-gan/notebook-k5 100" "unrolled-gan/notebook-k10 100" \
             "veegan/gan-grid 300" "veegan/unrolled5-grid 100" \
             "pacgan/gan-grid 300" "pacgan/pacgan2-grid 200" "pacgan/pacgan3-grid 200" "pacgan/pacgan4-grid 200" \
             "numerics-of-gans/simultaneous 300" "numerics-of-gans/consensus 200"; do
  set -- $entry
  name=$(echo $1 | tr / -)
  rm -rf $out/$name
  load=$(cut -d' ' -f1 /proc/loadavg)
  OMP_NUM_THREADS=1 runs/bin/orleans-gan run --spec docs/recipes/$1.yaml --rounds $2 --set evaluation.every=$2 --set checkpoint.every=0 --out $out/$name > $out/$name.log 2>&1
  rate=$(sed -n "s/^rounds\/s: //p" $out/$name/summary.txt)
  echo "$1 rounds=$2 rate=$rate load_before=$load"
done
