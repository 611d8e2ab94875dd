#!/bin/bash
# strip.sh RUN_FOLDER OUT.png: the run's sample pictures (one per evaluation, the same fixed noise) side by side, as
# the papers' figures show samples at successive steps. Needs ImageMagick (apt-get install imagemagick).
set -eu
/usr/bin/convert $(ls "$1"/samples-round-*.png | sort) -resize 240x240 +append "$2"
