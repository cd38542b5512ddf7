#!/bin/sh
# Exhaustive binary32 -> bfloat16 check (RNE; pass --all-modes for all five,
# --bf16-ops for the dense bfloat16 add/sub/mul/div sweep).
# Builds the SoftFloat sources with the checker in release mode, then runs it.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${TMPDIR:-/tmp}/rvgem-bf16-exhaustive
swiftc -O -wmo -parse-as-library -lm -module-name ExhaustiveBF16Check -o "$out" \
    "$root"/Sources/SoftFloat/*.swift "$root/scripts/softfloat/ExhaustiveBF16Check.swift"
time "$out" "$@"
