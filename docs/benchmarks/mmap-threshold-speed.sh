#!/bin/bash
# mmap-threshold-speed.sh [BENCHMARKS_DLL]: glibc's default (dynamic) mmap threshold against a fixed 64 KiB one
# (MALLOC_MMAP_THRESHOLD_=65536), each run a process of the benchmarks' `game` mode, interleaved, 3 repetitions at
# batch 1024 and 64 (docs/benchmarks/long-game.md). Run from the repository root after a Release build.
dll=${1:-tests/OrleansGan.Benchmarks/bin/Release/net10.0/OrleansGan.Benchmarks.dll}
for rep in 1 2 3; do
  for batch in 1024 64; do
    for variant in default mmap64k; do
      if [ $variant = mmap64k ]; then export MALLOC_MMAP_THRESHOLD_=65536; else unset MALLOC_MMAP_THRESHOLD_; fi
      line=$(OMP_NUM_THREADS=1 dotnet "$dll" game --batch $batch --rounds 300 --warm-up 300 --protocol simultaneous \
        --silo-port 11200 --gateway-port 30200 2>/dev/null | grep -iE "rounds/s|cpu" | tr '\n' ' ')
      echo "rep $rep batch $batch $variant: $line"
    done
  done
done
