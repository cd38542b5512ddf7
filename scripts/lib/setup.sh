# shellcheck shell=bash
# Sourced by scripts/test, scripts/demo and scripts/bench (which run under `set -euo pipefail`).
#
#   RVGEM_ROOT            the checkout (set on sourcing)
#   rvgem_setup           installs missing Debian packages (cross compilers, picolibc, qemu-user,
#                         libelf) and puts Swift on PATH from /opt/swift when `swift` is not found
#   rvgem_build_release   swift build -c release --product rvgem; sets RVGEM to the binary
#   rvgem_note / rvgem_die  messages on stderr, prefixed with the calling script's name
#
# Environment: RVGEM_SKIP_SETUP=1 skips the package check (machines without apt, or offline).

RVGEM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RVGEM_SCRIPT=$(basename "$0")

# Packages the build needs beyond a stock Debian 12 with Swift: the bare-metal cross compiler and
# picolibc (firmware), the Linux cross compiler with its libc (static benchmark builds), qemu-user
# (running those), libelf (the emulator's ELF loader), make and pkg-config; Fashion-MNIST (the FPTT
# workload's data) and python3 (the FPTT scripts' reports and plots).
RVGEM_PACKAGES=(libelf-dev gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf gcc-riscv64-linux-gnu
                libc6-dev-riscv64-cross qemu-user make pkg-config dataset-fashion-mnist python3)

rvgem_note() { printf '%s: %s\n' "$RVGEM_SCRIPT" "$*" >&2; }
rvgem_die() { rvgem_note "$*"; exit 1; }

rvgem_setup() {
  if [ "${RVGEM_SKIP_SETUP:-0}" != 1 ]; then
    local missing=() p
    for p in "${RVGEM_PACKAGES[@]}"; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      local sudo=()
      if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || rvgem_die "missing packages (${missing[*]}) and no sudo to install them"
        sudo=(sudo)
      fi
      rvgem_note "installing ${missing[*]}"
      "${sudo[@]}" apt-get update -qq
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
  fi
  if ! command -v swift >/dev/null; then
    local d
    for d in /opt/swift/usr/bin /opt/swift/bin; do
      if [ -x "$d/swift" ]; then
        export PATH="$d:$PATH"
        break
      fi
    done
  fi
  command -v swift >/dev/null || rvgem_die "no Swift toolchain: install one (swift.org) or unpack it in /opt/swift"
}

rvgem_build_release() {
  (cd "$RVGEM_ROOT" && swift build -c release --product rvgem) || rvgem_die "swift build -c release failed"
  RVGEM="$(cd "$RVGEM_ROOT" && swift build -c release --show-bin-path)/rvgem"
  [ -x "$RVGEM" ] || rvgem_die "no rvgem binary at $RVGEM"
}

# rvgem_time_run OUT [--stderr ERR] COMMAND...: runs COMMAND once with its stdout in OUT (stderr
# passes through, or goes to ERR); sets RVGEM_LAST_STATUS and RVGEM_LAST_SECONDS (wall clock, from
# bash 5's EPOCHREALTIME: nothing is forked inside the timed region).
rvgem_time_run() {
  local out=$1 err= start end
  shift
  if [ "${1:-}" = --stderr ]; then
    err=$2
    shift 2
  fi
  start=${EPOCHREALTIME/,/.}
  set +e
  # Inherited stderr stays as it is (reopening /dev/stderr would truncate a redirected file).
  if [ -n "$err" ]; then "$@" >"$out" 2>"$err"; else "$@" >"$out"; fi
  RVGEM_LAST_STATUS=$?
  set -e
  end=${EPOCHREALTIME/,/.}
  RVGEM_LAST_SECONDS=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
}
