#!/usr/bin/env bash
# check-firmware.sh: runs the built guest tests on any simulator with the conventions of
# firmware/tests/README.md (the same ones the Swift FirmwareTests apply to rvgem), so the firmware can
# be checked against Spike independently of our emulator.
#
#   scripts/lib/check-firmware.sh [--timeout SECONDS] SIMULATOR [OPTIONS...]
#   e.g. scripts/lib/check-firmware.sh /path/to/spike --isa=rv64gc
#        scripts/lib/check-firmware.sh .build/release/rvgem
#   (or: make -C firmware check RUN="/path/to/spike --isa=rv64gc")
#
# Markers among a source's first two lines add options: `harts: N ...` runs it with -pN (the first
# count), `extension: gemmini` with --extension=gemmini; `rvgem-only` skips it on other simulators.
# gemmini/NAME-PRESET.elf (gemmini/NAME.c built per preset of its `gemmini-configs:` line) runs with
# --extension=gemmini --gemmini-config=PRESET on rvgem and uses NAME's markers and NAME.expected; other
# simulators run only the int8 builds (Spike has no float Gemmini), without --gemmini-config.
# Each firmware/build/tests/**/NAME.elf (but the Linux programs of linux/ and linux-special/) runs as `SIMULATOR OPTIONS... NAME.elf`; it passes when its
# exit status is the `expect-exit: N` on the first line of its source (else 0) and, if
# firmware/tests/**/NAME.expected exists, its standard output equals that file. Exits 1 on any failure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
timeout=60
case "${1:-}" in
  --timeout) timeout=$2; shift 2;;
  --timeout=*) timeout=${1#*=}; shift;;
  -h|--help|"") sed -n '2,18p' "$0"; exit 0;;
esac

build=$root/firmware/build/tests
sources=$root/firmware/tests
[ -d "$build" ] || { echo "check-firmware: nothing built under $build (make -C firmware)" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT

pass=0 fail=0 failed=""
while IFS= read -r elf; do
  stem=${elf#"$build/"}
  stem=${stem%.elf}
  want=0
  extra=()
  skip=0
  preset=
  if [[ $stem == gemmini/* ]]; then   # gemmini/NAME-PRESET: find the split whose NAME.c lists PRESET
    rest=${stem#gemmini/}
    for ((n = 1; n < ${#rest}; n++)); do
      [ "${rest:n:1}" = - ] || continue
      name=${rest:0:n}
      if [ -f "$sources/gemmini/$name.c" ] &&
         head -n 2 "$sources/gemmini/$name.c" | grep -q "gemmini-configs:.* ${rest:n+1}\( \|\$\)"; then
        preset=${rest:n+1}
        stem=gemmini/$name
        break
      fi
    done
  fi
  for src in "$sources/$stem.c" "$sources/$stem.S"; do
    if [ -f "$src" ]; then
      marker=$(head -n 1 "$src" | sed -n 's/.*expect-exit:[[:space:]]*\([0-9][0-9]*\).*/\1/p')
      want=${marker:-0}
      header=$(head -n 2 "$src")
      if grep -q 'extension: gemmini' <<<"$header"; then extra+=(--extension=gemmini); fi
      harts=$(sed -n 's/.*harts:[[:space:]]*\([0-9][0-9]*\).*/\1/p' <<<"$header" | head -n 1)
      if [ -n "$harts" ] && [ "$harts" != 1 ]; then extra+=("-p$harts"); fi
      skip=$(grep -c 'rvgem-only' <<<"$header" || true)
      break
    fi
  done
  if [ -n "$preset" ]; then
    if [ "$(basename "$1")" = rvgem ]; then
      kept=()
      for option in "${extra[@]}"; do [ "$option" = --extension=gemmini ] || kept+=("$option"); done
      extra=(--extension=gemmini "--gemmini-config=$preset" "${kept[@]}")
    elif [ "$preset" != int8 ]; then
      skip=1
    fi
  fi
  if [ "${skip:-0}" -gt 0 ] && [ "$(basename "$1")" != rvgem ]; then continue; fi
  set +e
  timeout "$timeout" "$1" "${extra[@]}" "${@:2}" "$elf" 2>/dev/null |
    sed -e '/^Gemmini extension configured with:$/d' -e '/^    dim = [0-9]*$/d' >"$out"  # Spike's libgemmini banner
  status=${PIPESTATUS[0]}
  set -e
  problem=
  [ "$status" -eq "$want" ] || problem="exit status $status, expected $want"
  if [ -f "$sources/$stem.expected" ] && ! cmp -s "$out" "$sources/$stem.expected"; then
    problem="${problem:+$problem; }output differs from $stem.expected"
  fi
  stem=${elf#"$build/"}; stem=${stem%.elf}   # report the build, not the source
  if [ -z "$problem" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    failed+=" $stem"
    echo "FAIL $stem: $problem"
  fi
done < <(find "$build" -name '*.elf' -not -path "$build/linux/*" -not -path "$build/linux-special/*" | sort)
echo "firmware tests on $1: $pass passed, $fail failed${failed:+:$failed}"
[ "$fail" -eq 0 ]
