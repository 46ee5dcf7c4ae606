#!/bin/sh
# Word-count baseline: the coreutils pipeline, byte-wise (LC_ALL=C).
#   wordcount_coreutils.sh FILE
export LC_ALL=C
tr -cs 'A-Za-z' '\n' < "$1" | tr 'A-Z' 'a-z' | grep . | sort | uniq -c | sort -rn
