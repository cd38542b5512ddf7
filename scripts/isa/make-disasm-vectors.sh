#!/bin/sh
# Writes Tests/RISCVISATests/Vectors/spike-disasm.txt: instruction words and the text Spike's own
# disassembler prints for them, one `<hex>\t<text>` line each (4 hex digits for a compressed
# instruction, 8 otherwise), for RISCVISATests to compare our disassembler and decoder against.
#
# The words: every distinct instruction of the riscv-tests .dump files; every halfword that is a
# compressed instruction; each instruction of Spike's riscv/encoding.h with random operand fields
# (many fills for the ones Spike accepts in our ISA, biased towards x0/ra/sp and the immediates
# pseudo-instructions look for); every CSR number in `csrr`; every fence set; random words.
#
# spike-dasm runs with --strict and our ISA, so it prints `unknown` for anything outside it. (A
# Spike run's -l log is not strict: it names instructions of any extension it knows, with the same
# text for the ones in our ISA.)
#
# Usage: scripts/isa/make-disasm-vectors.sh [spike-install-dir] [riscv-isa-sim-source] [riscv-tests-isa-dir]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
spike_install=${1:-/work/reference/spike-install}
spike_source=${2:-/work/reference/src/riscv-isa-sim}
dumps=${3:-/work/reference/rvt/isa}
isa=rv64imafdc_zicsr_zifencei_zfbfmin
out="$root/Tests/RISCVISATests/Vectors/spike-disasm.txt"
mkdir -p "$(dirname "$out")"

SPIKE_DASM="$spike_install/bin/spike-dasm" ISA="$isa" ENCODING_H="$spike_source/riscv/encoding.h" \
DUMPS="$dumps" OUT="$out" python3 - <<'EOF'
import glob, os, random, re, subprocess

rng = random.Random(20240601)  # fixed, so reruns produce the same file

def spike(words):
    """Spike's strict disassembly of each word, in order."""
    text = "".join("DASM(0x%x)\n" % w for w in words)
    result = subprocess.run([os.environ["SPIKE_DASM"], "--isa=" + os.environ["ISA"], "--strict"],
                            input=text, capture_output=True, text=True, check=True)
    lines = result.stdout.split("\n")[:len(words)]
    assert len(lines) == len(words)
    return lines

words = set()

# riscv-tests: "  80000000:\t0500006f          \tj\t..." (4 hex digits when compressed).
for path in glob.glob(os.path.join(os.environ["DUMPS"], "*.dump")):
    for line in open(path, errors="replace"):
        m = re.match(r"\s+[0-9a-f]+:\t([0-9a-f]{4}|[0-9a-f]{8})\s", line)
        if m:
            words.add(int(m.group(1), 16))

# Every compressed halfword (the low two bits are not 11).
words.update(w for w in range(1 << 16) if w & 3 != 3)

# Operand fields to bias: rd, rs1, rs2 (also a compressed immediate's low bits) and imm[11:0].
FIELDS = [(0x1f << 7, [0, 1, 2]), (0x1f << 15, [0, 1, 2]), (0x1f << 20, [0, 1, 3]),
          (0xfff << 20, [0, 1, 0xfff, 0xc00]), (0x107c, [0])]

def fill(match, mask, width):
    free = ~mask & ((1 << width) - 1)
    w = match | (rng.getrandbits(width) & free)
    for field, values in FIELDS:
        if field & free == field and rng.random() < 0.4:
            v = rng.choice(values)
            w = (w & ~field) | (v << ((field & -field).bit_length() - 1)) & field
    return w

encodings = []
for m in re.finditer(r"^#define MATCH_(\w+) (0x[0-9a-f]+)\n#define MASK_\1 (0x[0-9a-f]+)",
                     open(os.environ["ENCODING_H"]).read(), re.M):
    match, mask = int(m.group(2), 16), int(m.group(3), 16)
    encodings.append((match, mask, 16 if match & 3 != 3 else 32))

samples = {e: [e[0]] + [fill(*e) for _ in range(3)] for e in encodings}
named = spike([w for ws in samples.values() for w in ws])
i = 0
for e, ws in samples.items():
    words.update(ws)
    accepted = any(t != "unknown" for t in named[i:i + len(ws)])
    i += len(ws)
    if accepted and e[2] == 32:
        words.update(fill(*e) for _ in range(60))

# Every CSR number, read with csrr; every fence predecessor/successor set, plain and fence.tso-style.
words.update(0x2073 | (10 << 7) | (csr << 20) for csr in range(4096))
words.update(0xf | (sets << 20) | (fm << 28) for sets in range(256) for fm in (0, 8))
# Random 32-bit words.
words.update(rng.getrandbits(32) | 3 for _ in range(3000))

ordered = sorted(words)
texts = spike(ordered)
with open(os.environ["OUT"], "w") as out:
    for w, text in zip(ordered, texts):
        out.write("%s\t%s\n" % ("%04x" % w if w & 3 != 3 else "%08x" % w, text))
print("wrote %s: %d words, %d named by Spike" % (os.environ["OUT"], len(ordered),
      sum(1 for t in texts if t != "unknown")))
EOF
