#!/usr/bin/env python3
"""Generate the SoftFloat test vectors from Spike's own SoftFloat.

Reference: the libsoftfloat.so that Spike (riscv-isa-sim) installs, i.e. Berkeley
SoftFloat 3 with the RISC-V specialization plus Spike's bfloat16, min/max and
classify additions, from a Spike you built yourself (toolchain-notes/comparing-with-spike.md).
Only our softfloat_shim.c is compiled here; it is linked against that library
and driven through ctypes. (PyPI's sfpy was the first choice but does not
build on Python 3.11, and its bundled library is the x86 specialization with
different NaN and integer-overflow results and no bfloat16.)

    python3 scripts/softfloat/make-vectors.py SPIKE_PREFIX Tests/SoftFloatTests/Vectors

SPIKE_PREFIX is Spike's install prefix (with include/softfloat/ and lib/libsoftfloat.so).

The committed vectors come from riscv-isa-sim commit 55b4658dbf57 and are
reproducible byte for byte (gcc and numpy are the only other needs).

Writes f32.bin, f64.bin and bf16.bin. Only results and flags are stored: the
random operands come from a seeded SplitMix64 and a recipe that
Tests/SoftFloatTests/OperandGenerator.swift implements identically (each group
stores a hash of its operands so a drift shows up as such). File layout, all
little-endian:

    "RVSFVEC1"
    u32 n, n x u64      float special values (the format's bit patterns)
    u32 m, m x u64      integer special values (64-bit patterns, truncated per op)
    u32 groups, then per group:
        u8 op, u8 rounding mode, u8 operand source, u8 special limit (0 = all)
        u32 count, u64 seed, u64 operand hash
        count x result (little-endian, width per op), count x u8 flags
"""
import ctypes
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np

MASK64 = (1 << 64) - 1

OPS = ["ADD", "SUB", "MUL", "DIV", "SQRT", "MULADD", "EQ", "LT", "LE", "MIN", "MAX",
       "CLASSIFY", "TO_F32", "TO_F64", "TO_BF16", "TO_I32", "TO_U32", "TO_I64", "TO_U64",
       "FROM_I32", "FROM_U32", "FROM_I64", "FROM_U64"]
OP = {name: code for code, name in enumerate(OPS)}
INT_WIDTH = {"TO_I32": 32, "TO_U32": 32, "TO_I64": 64, "TO_U64": 64,
             "FROM_I32": 32, "FROM_U32": 32, "FROM_I64": 64, "FROM_U64": 64}

# Operand sources.
SPECIALS, RANDOM, ALL16, BF16_TAILS = 0, 1, 2, 3


class Format:
    def __init__(self, name, index, fraction_bits, exponent_bits):
        self.name, self.index = name, index
        self.F, self.E = fraction_bits, exponent_bits
        self.width = fraction_bits + exponent_bits + 1
        self.bias = (1 << (exponent_bits - 1)) - 1
        self.max_exp = (1 << exponent_bits) - 1
        self.frac_mask = (1 << fraction_bits) - 1
        self.width_mask = (1 << self.width) - 1

    def pack(self, exponent, fraction):
        return exponent << self.F | fraction

    def exponent(self, bits):
        return (bits >> self.F) & self.max_exp


F32 = Format("f32", 0, 23, 8)
F64 = Format("f64", 1, 52, 11)
BF16 = Format("bf16", 2, 7, 8)


def float_specials(f):
    """± each of these; the first 8 (16 with signs) feed the 3-operand cross."""
    one = f.pack(f.bias, 0)
    magnitudes = [
        0, one, f.pack(f.max_exp, 0), f.pack(f.max_exp, 1 << (f.F - 1)), f.pack(f.max_exp, 1),
        1, f.pack(1, 0), f.pack(f.max_exp - 1, f.frac_mask),
        f.frac_mask, f.pack(1, 1), f.pack(f.max_exp, f.frac_mask),
        f.pack(f.max_exp, (1 << (f.F - 1)) - 1),
        one + 1, f.pack(f.bias - 1, f.frac_mask), f.pack(f.bias, 1 << (f.F - 1)),
        f.pack(f.bias - 1, 0), f.pack(f.bias - 1, 1), f.pack(f.bias - 2, f.frac_mask),
        f.pack(f.bias + 1, 1 << (f.F - 2)), f.pack(f.bias + 1, 3 << (f.F - 2)),
        f.pack(f.bias + f.F, 0), f.pack(f.bias + f.F, 1), f.pack(f.bias + f.F - 1, f.frac_mask),
        f.pack(f.max_exp - 1, 0), f.pack(2, 0), f.pack(f.bias + 1, f.frac_mask),
    ]
    for k in (31, 32, 63, 64):
        magnitudes += [f.pack(f.bias + k, 0), f.pack(f.bias + k - 1, f.frac_mask),
                       f.pack(f.bias + k, 1)]
    table = []
    for m in magnitudes:
        for v in (m, m | 1 << (f.width - 1)):
            if v not in table:
                table.append(v)
    return table


def int_specials():
    values = [0, 1, -1, 2, 3, -2, 7, 0x7F, 0xFF, (1 << 23) + 1, (1 << 24) - 1, (1 << 24) + 1,
              (1 << 24) + 2, (1 << 24) + 3, -((1 << 24) + 1), 0x7FFFFFFF, -0x80000000,
              0x7FFFFFC0, 0x7FFFFF80, 0x7FFFFF7F, 0xFFFFFFFF, 0xFFFFFF80, 0xFFFFFF7F, 0x80000001,
              (1 << 53) - 1, (1 << 53) + 1, (1 << 53) + 2, (1 << 53) + 3, -((1 << 53) + 1),
              0x7FFFFFFFFFFFFFFF, -0x8000000000000000, 0x7FFFFFFFFFFFFC00,
              0x7FFFFFFFFFFFFE00, 0x7FFFFFFFFFFFFDFF, 0xFFFFFFFFFFFFF800, 0xFFFFFFFFFFFFFC00,
              0xFFFFFFFFFFFFFBFF, 0x8000000000000001, 0x0000000100000001, 0x00FFFFFF80000000]
    return [v & MASK64 for v in values]


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)


def random_float(rng, f, anchor):
    """Random bit patterns, exponents near `anchor`, run-structured fractions
    (ties and near-ties), subnormals, infinities and NaNs."""
    r = rng.next()
    choice = r & 15
    if choice < 3:
        return rng.next() & f.width_mask
    fraction = rng.next() & f.frac_mask
    if choice < 5:
        low = (1 << ((r >> 8) % (f.F + 1))) - 1
        style = (r >> 16) & 3
        fraction = [fraction & ~low, fraction | low, low, f.frac_mask ^ low][style] & f.frac_mask
    if choice < 11:
        exponent = anchor + (r >> 24) % 7 - 3
    elif choice < 13:
        exponent = anchor + (r >> 24) % (2 * f.F + 9) - (f.F + 4)
    elif choice == 13:
        exponent = 0
    elif choice == 14:
        exponent = f.max_exp
    else:
        exponent = (r >> 24) % (f.max_exp + 1)
    exponent = min(max(exponent, 0), f.max_exp)
    return (r >> 63) << (f.width - 1) | f.pack(exponent, fraction)


def random_int(rng, width):
    """Random magnitudes of every bit length, both signs, some with tie tails."""
    mask = (1 << width) - 1
    select = rng.next()
    value = (rng.next() & mask) >> (select % width)
    if (select >> 32) & 1:
        value = -value & mask
    if (select >> 40) & 1:
        k = (select >> 48) % width
        value = (value & ~((1 << k) - 1) | (1 << k) >> 1) & mask
    return value


def random_operands(rng, f, op):
    """One vector's (a, b, c); the draw order is part of the recipe."""
    if op in ("FROM_I32", "FROM_U32", "FROM_I64", "FROM_U64"):
        return random_int(rng, INT_WIDTH[op]), 0, 0
    if op in ("TO_I32", "TO_U32", "TO_I64", "TO_U64"):
        return random_float(rng, f, f.bias - 3 + rng.next() % 70), 0, 0
    a = random_float(rng, f, rng.next() % (f.max_exp + 1))
    if op in ("SQRT", "CLASSIFY", "TO_F32", "TO_F64", "TO_BF16"):
        return a, 0, 0
    if op in ("MUL", "DIV", "MULADD"):
        b = random_float(rng, f, rng.next() % (f.max_exp + 1))
    else:
        b = random_float(rng, f, f.exponent(a))
    if op != "MULADD":
        return a, b, 0
    return a, b, random_float(rng, f, f.exponent(a) + f.exponent(b) - f.bias)


def arity(op):
    if op in ("ADD", "SUB", "MUL", "DIV", "EQ", "LT", "LE", "MIN", "MAX"):
        return 2
    return 3 if op == "MULADD" else 1


def operand_hash(a, b, c):
    h = 0xCBF29CE484222325
    for x, y, z in zip(a, b, c):
        for v in (x, y, z):
            h = ((h ^ v) * 0x100000001B3) & MASK64
    return h


def result_width(f, op):
    if op in ("EQ", "LT", "LE"):
        return 1
    if op == "CLASSIFY" or op == "TO_BF16":
        return 2
    if op in ("TO_F32", "TO_I32", "TO_U32"):
        return 4
    if op in ("TO_F64", "TO_I64", "TO_U64"):
        return 8
    return f.width // 8


class Group:
    def __init__(self, op, mode, source, count, seed=0, limit=0):
        self.op, self.mode, self.source = op, mode, source
        self.count, self.seed, self.limit = count, seed, limit


def group_operands(f, group, floats, ints):
    op = group.op
    if group.source == SPECIALS:
        table = ints if op.startswith("FROM_") else floats
        if group.limit:
            table = table[:group.limit]
        n = arity(op)
        vectors = [(x, y, z) for x in table for y in (table if n > 1 else [0])
                   for z in (table if n > 2 else [0])]
    elif group.source == RANDOM:
        rng = SplitMix64(group.seed)
        vectors = [random_operands(rng, f, op) for _ in range(group.count)]
    elif group.source == ALL16:
        vectors = [(i, 0, 0) for i in range(1 << 16)]
    else:  # BF16_TAILS: every bfloat16 prefix with a tie, near-tie or mixed tail
        tails = [0x8000, 0x7FFF, 0x8001]
        vectors = [(i << 16 | (tails[i & 3] if i & 3 < 3 else (i * 0x9E37) & 0xFFFF), 0, 0)
                   for i in range(1 << 16)]
    a, b, c = (list(t) for t in zip(*vectors))
    return a, b, c


def plan(f):
    """The groups of one file: (op, modes, sources)."""
    modes = range(5)
    groups = []
    seed = [f.index << 32]

    def add(op, op_modes, specials_limit, random_count, special=True):
        for mode in op_modes:
            if special:
                groups.append(Group(op, mode, SPECIALS, 0, limit=specials_limit))
            if random_count:
                seed[0] += 1
                groups.append(Group(op, mode, RANDOM, random_count, seed=seed[0]))

    scale = {"f32": 1.0, "f64": 0.8, "bf16": 1.5}[f.name]
    binary, unary, fused, convert = (int(n * scale) for n in (6000, 6000, 12000, 4000))
    for op in ("ADD", "SUB", "MUL", "DIV"):
        add(op, modes, 0, binary)
    add("MULADD", modes, 16, fused)
    for op in ("EQ", "LT", "LE", "MIN", "MAX"):
        add(op, [0], 0, binary)
    if f is BF16:
        for op, op_modes in (("SQRT", modes), ("CLASSIFY", [0]), ("TO_F32", [0]), ("TO_F64", [0])):
            for mode in op_modes:
                groups.append(Group(op, mode, ALL16, 1 << 16))
        for op in ("TO_I32", "TO_U32", "FROM_I32", "FROM_U32"):
            add(op, modes, 0, convert)
        return groups
    add("SQRT", modes, 0, unary)
    add("CLASSIFY", [0], 0, unary)
    if f is F32:
        add("TO_F64", [0], 0, unary)
        for mode in modes:
            groups.append(Group("TO_BF16", mode, SPECIALS, 0))
            groups.append(Group("TO_BF16", mode, BF16_TAILS, 1 << 16))
    else:
        add("TO_F32", modes, 0, unary)
        add("TO_BF16", modes, 0, unary)
    for op in ("TO_I32", "TO_U32", "TO_I64", "TO_U64", "FROM_I32", "FROM_U32", "FROM_I64", "FROM_U64"):
        add(op, modes, 0, convert)
    return groups


def build_reference(spike_prefix, work):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(work, "platform.h"), "w"):
        pass
    library = os.path.join(work, "libsoftfloatshim.so")
    lib_dir = os.path.join(spike_prefix, "lib")
    subprocess.run(["gcc", "-O2", "-fPIC", "-shared", "-I", work,
                    "-I", os.path.join(spike_prefix, "include", "softfloat"), "-o", library,
                    os.path.join(here, "softfloat_shim.c"), "-L", lib_dir, "-lsoftfloat",
                    "-Wl,-rpath," + lib_dir], check=True)
    lib = ctypes.CDLL(library)
    pointer = np.ctypeslib.ndpointer
    lib.sf_run.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long,
                           pointer(np.uint64), pointer(np.uint64), pointer(np.uint64),
                           pointer(np.uint64), pointer(np.uint8)]
    return lib


def write_file(lib, f, path):
    floats, ints = float_specials(f), int_specials()
    groups = plan(f)
    out = bytearray(b"RVSFVEC1")
    out += struct.pack("<I", len(floats)) + b"".join(struct.pack("<Q", v) for v in floats)
    out += struct.pack("<I", len(ints)) + b"".join(struct.pack("<Q", v) for v in ints)
    out += struct.pack("<I", len(groups))
    counts = {}
    for group in groups:
        a, b, c = group_operands(f, group, floats, ints)
        n = len(a)
        results = np.zeros(n, dtype=np.uint64)
        flags = np.zeros(n, dtype=np.uint8)
        arrays = [np.array(x, dtype=np.uint64) for x in (a, b, c)]
        lib.sf_run(f.index, OP[group.op], group.mode, n, *arrays, results, flags)
        width = result_width(f, group.op)
        results &= np.uint64((1 << (8 * width)) - 1)
        out += struct.pack("<BBBBIQQ", OP[group.op], group.mode, group.source, group.limit, n,
                           group.seed, operand_hash(a, b, c))
        out += results.astype("<u8").view(np.uint8).reshape(n, 8)[:, :width].tobytes()
        out += flags.tobytes()
        counts[group.op] = counts.get(group.op, 0) + n
    with open(path, "wb") as file:
        file.write(out)
    print(f"{path}: {sum(counts.values())} vectors, {len(out)} bytes")
    for op, n in counts.items():
        print(f"  {op:9} {n}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    spike_prefix, out_dir = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        lib = build_reference(spike_prefix, work)
        for f in (F32, F64, BF16):
            write_file(lib, f, os.path.join(out_dir, f"{f.name}.bin"))


if __name__ == "__main__":
    main()
