#!/usr/bin/env python3
"""Benchmark: jaxr's gradients (and forward and batched programs) against JAX's.

Run with the benchmark venv's python (bench/gradients/run does the set-up, the
release build and this). For every case of build_cases() (a JAX function at a
realistic shape, with fixed inputs) and every kind of program (_kinds(): the
forward loss, its gradient, per-example losses and gradients by vmap):

  jax   the program as JAX exports it: jax.jit(PROGRAM, keep_unused=True)
        .lower(*inputs).as_text(), PROGRAM being f, jax.grad(f, argnums),
        jax.vmap(jax.grad(f_example, argnums), in_axes), ...
  jaxr  jaxr-opt applied to JAX's export of the FORWARD function f (for the
        batched kinds: of the per-example function) with the kind's pipeline
        (convert-stablehlo-to-jaxr, inline, symbol-dce, [jaxr-autodiff,]
        [jaxr-vmap,] jaxr-optimize, convert-jaxr-to-stablehlo), then the
        function the pipeline adds (main, main_grad, main_grad_vmap, ...).

Both run on the same PJRT plugin (--plugin, default jaxr-run's: the XLA CPU
plugin) with the same inputs (.npy files), by `jaxr-run --benchmark N
--warmup W --benchmark-json FILE`, in --rounds alternating rounds (JAX first
in even rounds, jaxr first in odd ones). Reported per program: the op counts,
the median and minimum run times, the median of the per-round ratios
jaxr median / JAX median and the ratio of the minimums, XLA's compile time
(median over rounds) and the compiled memory statistics (peak and temporary
bytes), and whether jaxr's results agree with JAX's (TOLERANCE). Ratios below
1 mean jaxr is better.

Writes PREFIX.json and PREFIX.md (bench/gradients/report for a full run).
Everything in them but the times is deterministic: keys are sorted, programs
come in the order of the cases and their kinds, temporary paths are removed
from error messages.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import benchlib  # noqa: E402
from benchlib import clean_error, count_ops, fmt_bytes, fmt_ms, fmt_ratio, geomean, machine, save_inputs  # noqa: E402

# JAX only traces and lowers here (nothing is compiled by JAX): keep it on the CPU.
os.environ.setdefault("JAX_PLATFORMS", "cpu")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
# The tools: a release build of this checkout, unless $JAXR_BIN_DIR names another folder.
BIN_DIR = Path(os.environ.get("JAXR_BIN_DIR", REPO / "target" / "release")).resolve()
JAXR_OPT = BIN_DIR / "jaxr-opt"
JAXR_RUN = BIN_DIR / "jaxr-run"

SEED = 2024  # inputs: np.random.default_rng([SEED, crc32(case name)])
# jaxr agrees with JAX when, for every output, max |jaxr - jax| <= TOLERANCE * max |jax|
# (f32 programs whose sums XLA may order differently, and fuse into FMAs); --tolerance
# changes it (a plugin that may multiply f32 matrices in TF32, as on NVIDIA GPUs, needs about 1e-2).
TOLERANCE = 1e-4

PIPELINE = "builtin.module(convert-stablehlo-to-jaxr, inline, symbol-dce, {transforms}jaxr-optimize, convert-jaxr-to-stablehlo)"

OP_COUNT_DEFINITION = (
    "The ops of the function run and of every function it calls (transitively, through func.call), "
    "counted by walking the module parsed with jaxlib's MLIR bindings (func, stablehlo, chlo registered; "
    "unregistered dialects allowed): every operation nested at any depth (region bodies included) in "
    "those functions. Not counted: func.func itself and the terminator of each block (func.return, "
    "stablehlo.return: the last op of a block whose name ends in 'return' or 'yield'). func.call counts. "
    "The same definition as bench/simplify's count_ops, restricted to what the function run reaches "
    "(jaxr's module keeps @main beside @main_grad; jaxr-run compiles only what it runs)."
)


# ---------------------------------------------------------------------------
# The cases


@dataclass
class Case:
    """One benchmark function.

    inputs(rng) gives the arguments (name, array), in order; loss(*arrays) is
    the scalar forward program; argnums the arguments differentiated (each
    gradient kind returns one gradient per argnum, in order). For the batched
    kinds, example_loss takes one example (in_axes: None for an argument
    shared by every example, 0 for one batched along its first axis).
    """

    name: str
    description: str
    inputs: Callable[[np.random.Generator], list[tuple[str, np.ndarray]]]
    loss: Callable
    argnums: tuple[int, ...]
    kinds: tuple[str, ...] = ("fwd", "grad")
    example_loss: Callable | None = None
    in_axes: tuple | None = None


def normal(rng: np.random.Generator, *shape: int, scale: float = 1.0) -> np.ndarray:
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def weight(rng: np.random.Generator, fan_in: int, *shape: int) -> np.ndarray:
    """A weight scaled by 1/sqrt(fan_in), so that tanh and softmax stay away from saturation."""
    return normal(rng, *shape, scale=1.0 / math.sqrt(fan_in))


def build_cases() -> list[Case]:
    """The table of cases (jax is imported here, after JAX_PLATFORMS is set)."""
    import jax
    import jax.numpy as jnp
    from jax import lax

    # 1. mlp_loss
    B, H = 256, 1024

    def mlp_loss(W1, b1, W2, b2, x, y):
        h = jnp.tanh(x @ W1 + b1)
        return jnp.mean((h @ W2 + b2 - y) ** 2)

    def mlp_inputs(rng):
        return [
            ("W1", weight(rng, H, H, H)),
            ("b1", normal(rng, H, scale=0.1)),
            ("W2", weight(rng, H, H, H)),
            ("b2", normal(rng, H, scale=0.1)),
            ("x", normal(rng, B, H)),
            ("y", normal(rng, B, H)),
        ]

    # 2. softmax_xent
    C = 1024

    def softmax_xent(W, x, labels):
        logp = jax.nn.log_softmax(x @ W, axis=-1)
        return -jnp.mean(jnp.take_along_axis(logp, labels[:, None], axis=1))

    def xent_inputs(rng):
        return [
            ("W", weight(rng, H, H, C)),
            ("x", normal(rng, B, H)),
            ("labels", rng.integers(0, C, size=B).astype(np.int32)),
        ]

    # 3. attention
    S, D = 256, 256

    def attention(Wq, Wk, Wv, x, t):
        q, k, v = x @ Wq, x @ Wk, x @ Wv
        p = jax.nn.softmax(q @ k.T / math.sqrt(D), axis=-1)
        return jnp.mean((p @ v - t) ** 2)

    def attention_inputs(rng):
        return [
            ("Wq", weight(rng, D, D, D)),
            ("Wk", weight(rng, D, D, D)),
            ("Wv", weight(rng, D, D, D)),
            ("x", normal(rng, S, D)),
            ("t", normal(rng, S, D)),
        ]

    # 4. layernorm
    def layer_norm(x, scale, bias, eps=1e-5):
        mean = jnp.mean(x, axis=-1, keepdims=True)
        var = jnp.var(x, axis=-1, keepdims=True)
        return (x - mean) * lax.rsqrt(var + eps) * scale + bias

    def layernorm(x, scale, bias, t):
        return jnp.mean((layer_norm(x, scale, bias) - t) ** 2)

    def layernorm_inputs(rng):
        return [
            ("x", normal(rng, 256, 1024)),
            ("scale", 1.0 + normal(rng, 1024, scale=0.1)),
            ("bias", normal(rng, 1024, scale=0.1)),
            ("t", normal(rng, 256, 1024)),
        ]

    # 5. conv2d
    def conv2d(kernel, x):
        out = lax.conv_general_dilated(x, kernel, (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC"))
        return jnp.sum(jax.nn.relu(out))

    def conv2d_inputs(rng):
        return [("kernel", weight(rng, 3 * 3 * 32, 3, 3, 32, 32)), ("x", normal(rng, 16, 16, 16, 32))]

    # 6. scan_rnn
    T, NB, NH = 128, 16, 256

    def scan_rnn(Wh, Wx, b, xs, h0):
        def step(h, x):
            h = jnp.tanh(h @ Wh + x @ Wx + b)
            return h, h

        _, hs = lax.scan(step, h0, xs)
        return jnp.mean(hs**2)

    def rnn_inputs(rng):
        return [
            ("Wh", weight(rng, NH, NH, NH)),
            ("Wx", weight(rng, NH, NH, NH)),
            ("b", normal(rng, NH, scale=0.1)),
            ("xs", normal(rng, T, NB, NH)),
            ("h0", normal(rng, NB, NH, scale=0.1)),
        ]

    # 7. transformer_block
    L, DM, NHEADS, DFF = 128, 256, 4, 1024

    def transformer_block(g1, be1, Wqkv, Wo, g2, be2, W1, c1, W2, c2, x, y):
        h = layer_norm(x, g1, be1)
        q, k, v = jnp.split(h @ Wqkv, 3, axis=-1)
        heads = lambda a: a.reshape(L, NHEADS, DM // NHEADS).transpose(1, 0, 2)
        q, k, v = heads(q), heads(k), heads(v)
        s = jnp.einsum("hqd,hkd->hqk", q, k) / math.sqrt(DM // NHEADS)
        causal = jnp.tril(jnp.ones((L, L), dtype=bool))
        p = jax.nn.softmax(jnp.where(causal, s, -1e9), axis=-1)
        a = jnp.einsum("hqk,hkd->hqd", p, v).transpose(1, 0, 2).reshape(L, DM)
        x = x + a @ Wo
        h = layer_norm(x, g2, be2)
        x = x + jax.nn.gelu(h @ W1 + c1) @ W2 + c2
        return jnp.mean((x - y) ** 2)

    def transformer_inputs(rng):
        return [
            ("ln1_scale", 1.0 + normal(rng, DM, scale=0.1)),
            ("ln1_bias", normal(rng, DM, scale=0.1)),
            ("Wqkv", weight(rng, DM, DM, 3 * DM)),
            ("Wo", weight(rng, DM, DM, DM)),
            ("ln2_scale", 1.0 + normal(rng, DM, scale=0.1)),
            ("ln2_bias", normal(rng, DM, scale=0.1)),
            ("W1", weight(rng, DM, DM, DFF)),
            ("b1", normal(rng, DFF, scale=0.1)),
            ("W2", weight(rng, DFF, DFF, DM)),
            ("b2", normal(rng, DM, scale=0.1)),
            ("x", normal(rng, L, DM)),
            ("y", normal(rng, L, DM)),
        ]

    # 8. per_example_mlp
    PB, PIN, PH, POUT = 128, 128, 256, 10
    per_example_axes = (None, None, None, None, 0, 0)

    def example_mlp_loss(W1, b1, W2, b2, x, y):
        h = jnp.tanh(x @ W1 + b1)
        return jnp.sum((h @ W2 + b2 - y) ** 2)

    def batch_mlp_loss(W1, b1, W2, b2, x, y):
        return jnp.mean(jax.vmap(example_mlp_loss, in_axes=per_example_axes)(W1, b1, W2, b2, x, y))

    def per_example_inputs(rng):
        return [
            ("W1", weight(rng, PIN, PIN, PH)),
            ("b1", normal(rng, PH, scale=0.1)),
            ("W2", weight(rng, PH, PH, POUT)),
            ("b2", normal(rng, POUT, scale=0.1)),
            ("x", normal(rng, PB, PIN)),
            ("y", normal(rng, PB, POUT)),
        ]

    # 9. per_example_conv: per-example gradients of a small conv net (the
    # kernel's gradient convolves two batched operands).
    CB, CS, CIN, COUT = 32, 8, 4, 8
    conv_axes = (None, None, 0)

    def example_conv_loss(k1, k2, x):
        y = lax.conv_general_dilated(x[None], k1, (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC"))
        y = jnp.tanh(y)
        z = lax.conv_general_dilated(y, k2, (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC"))
        return jnp.sum(z * z)

    def batch_conv_loss(k1, k2, x):
        return jnp.mean(jax.vmap(example_conv_loss, in_axes=conv_axes)(k1, k2, x))

    def per_example_conv_inputs(rng):
        return [
            ("k1", weight(rng, 9 * CIN, 3, 3, CIN, COUT)),
            ("k2", weight(rng, 9 * COUT, 3, 3, COUT, COUT)),
            ("x", normal(rng, CB, CS, CS, CIN)),
        ]

    return [
        Case("mlp_loss", f"2-layer tanh MLP, x f32[{B},{H}], W1, W2 f32[{H},{H}], mean squared error; "
             "grad wrt W1, b1, W2, b2", mlp_inputs, mlp_loss, (0, 1, 2, 3)),
        Case("softmax_xent", f"cross-entropy of log_softmax(x @ W), x f32[{B},{H}], W f32[{H},{C}], int32 labels "
             "(take_along_axis); grad wrt W", xent_inputs, softmax_xent, (0,)),
        Case("attention", f"single-head attention softmax(q k^T / sqrt({D})) v, q, k, v = x @ Wq, Wk, Wv, x f32[{S},{D}], "
             "mean squared error; grad wrt Wq, Wk, Wv", attention_inputs, attention, (0, 1, 2)),
        Case("layernorm", "layer norm over the last axis of f32[256,1024] with scale and bias, mean squared error; "
             "grad wrt x, scale, bias", layernorm_inputs, layernorm, (0, 1, 2)),
        Case("conv2d", "NHWC conv f32[16,16,16,32] * HWIO f32[3,3,32,32], SAME, relu, sum; grad wrt the kernel",
             conv2d_inputs, conv2d, (0,)),
        Case("scan_rnn", f"lax.scan tanh RNN, {T} steps, batch {NB}, hidden {NH}, mean of squared states; "
             "grad wrt Wh, Wx, b", rnn_inputs, scan_rnn, (0, 1, 2)),
        Case("transformer_block", f"pre-LN transformer block, seq {L}, d_model {DM}, {NHEADS} heads, causal, "
             f"GELU MLP {DFF}, mean squared error; grad wrt the 10 parameters", transformer_inputs,
             transformer_block, tuple(range(10))),
        Case("per_example_mlp", f"tanh MLP {PIN}->{PH}->{POUT}, squared error, batch {PB}: fwd and grad of the batch "
             "mean; vmap_fwd/vmap_grad: per-example losses/gradients wrt W1, b1, W2, b2 (jaxr: from the "
             "one-example module)", per_example_inputs, batch_mlp_loss, (0, 1, 2, 3),
             kinds=("fwd", "grad", "vmap_fwd", "vmap_grad"), example_loss=example_mlp_loss,
             in_axes=per_example_axes),
        Case("per_example_conv", f"two 3x3 SAME convolutions NHWC {CS}x{CS}, {CIN}->{COUT}->{COUT} channels, tanh, "
             f"squared sum, batch {CB}: grad of the batch mean; vmap_grad: per-example gradients wrt both kernels "
             "(jaxr: from the one-example module)", per_example_conv_inputs, batch_conv_loss, (0, 1),
             kinds=("grad", "vmap_grad"), example_loss=example_conv_loss, in_axes=conv_axes),
    ]


# ---------------------------------------------------------------------------
# The kinds of program


def axes_option(in_axes: tuple) -> str:
    return ",".join("none" if a is None else str(a) for a in in_axes)


def batch_size(case: Case, arrays: list[np.ndarray]) -> int:
    return next(a.shape[axis] for a, axis in zip(arrays, case.in_axes) if axis is not None)


def example_arrays(case: Case, arrays: list[np.ndarray]) -> list[np.ndarray]:
    """One example's arguments (for the shapes of the per-example export)."""
    return [a if axis is None else np.take(a, 0, axis=axis) for a, axis in zip(arrays, case.in_axes)]


@dataclass
class Kind:
    """A kind of program: JAX's program, what jaxr starts from, jaxr's passes
    and the function they add."""

    name: str
    jax_program: Callable  # (case) -> the function JAX jits
    batched: bool  # jaxr starts from the per-example export
    transforms: Callable  # (case, arrays) -> jaxr-opt passes before jaxr-optimize
    function: str = field(default="main")


def argnums_option(case: Case) -> str:
    return ",".join(map(str, case.argnums))


def _kinds() -> dict[str, Kind]:
    import jax

    return {
        k.name: k
        for k in (
            Kind("fwd", lambda c: c.loss, False, lambda c, a: "", "main"),
            Kind(
                "grad",
                lambda c: jax.grad(c.loss, argnums=c.argnums),
                False,
                lambda c, a: f"jaxr-autodiff{{grad-of=main argnums={argnums_option(c)}}}, ",
                "main_grad",
            ),
            Kind(
                "vmap_fwd",
                lambda c: jax.vmap(c.example_loss, in_axes=c.in_axes),
                True,
                lambda c, a: f"jaxr-vmap{{of=main in-axes={axes_option(c.in_axes)} out-axes=0 size={batch_size(c, a)}}}, ",
                "main_vmap",
            ),
            Kind(
                "vmap_grad",
                lambda c: jax.vmap(jax.grad(c.example_loss, argnums=c.argnums), in_axes=c.in_axes),
                True,
                lambda c, a: f"jaxr-autodiff{{grad-of=main argnums={argnums_option(c)}}}, "
                f"jaxr-vmap{{of=main_grad in-axes={axes_option(c.in_axes)} out-axes=0 size={batch_size(c, a)}}}, ",
                "main_grad_vmap",
            ),
        )
    }


# ---------------------------------------------------------------------------
# Helpers


def log(message: str) -> None:
    """Progress, to stderr."""
    print(f"[bench/gradients] {message}", file=sys.stderr, flush=True)


def export(program: Callable, arrays: list[np.ndarray]) -> str:
    """JAX's StableHLO text of jax.jit(program) at these arguments."""
    import jax

    return jax.jit(program, keep_unused=True).lower(*arrays).as_text()


def benchmark(module: Path, function: str, input_flags: list[str], args, out_dir: Path, outputs: int) -> dict:
    """One `jaxr-run --benchmark` call. Returns its JSON timings (with
    "outputs": the last run's results when `outputs` > 0), or {"error": ...}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stats = out_dir / "benchmark.json"
    paths = [out_dir / f"out{i}.npy" for i in range(outputs)]
    command = [
        str(JAXR_RUN), str(module), f"--function={function}", *input_flags,
        *(f"--output=@{p}" for p in paths),
        f"--benchmark={args.runs}", f"--warmup={args.warmup}", f"--benchmark-json={stats}",
        *([f"--plugin={args.plugin}"] if args.plugin else []),
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"jaxr-run timed out after {args.timeout} s"}
    if done.returncode != 0:
        return {"error": f"jaxr-run failed (exit status {done.returncode}): {done.stderr}"}
    result = json.loads(stats.read_text())
    if outputs:
        result["outputs"] = [np.load(p) for p in paths]
    return result


def compare(reference: list[np.ndarray], got: list[np.ndarray], tolerance: float = TOLERANCE) -> dict:
    """How far jaxr's outputs are from JAX's.

    max_abs_err: max |jaxr - jax|; max_rel_err: max |jaxr - jax| / |jax| over
    elements with jax != 0 (elements near 0 blow it up); max_err_over_max_abs:
    the largest, over the outputs, of max |jaxr - jax| / max |jax| (what
    `agrees` compares with `tolerance`; None when a JAX output is all zeros and
    jaxr's is not); nonfinite_mismatches: elements finite in one and not the
    other, or different infinities, or a NaN against a number."""
    if len(got) != len(reference):
        return {"agrees": False, "error": f"{len(got)} outputs, JAX's program has {len(reference)}"}
    for ref, out in zip(reference, got):
        if ref.dtype != out.dtype or ref.shape != out.shape:
            return {"agrees": False, "error": f"output {out.dtype}{list(out.shape)}, JAX gives {ref.dtype}{list(ref.shape)}"}
    max_abs = max_rel = worst = 0.0
    nonfinite = 0
    for ref, out in zip(reference, got):
        r, o = ref.astype(np.float64).ravel(), out.astype(np.float64).ravel()
        finite = np.isfinite(r) & np.isfinite(o)
        nonfinite += int(np.sum(~finite & ~((r == o) | (np.isnan(r) & np.isnan(o)))))
        if not finite.any():
            continue
        diff = np.abs(o[finite] - r[finite])
        scale = float(np.abs(r[finite]).max())
        max_abs = max(max_abs, float(diff.max()))
        worst = max(worst, float(diff.max()) / scale if scale else float(diff.max() > 0) * math.inf)
        nonzero = r[finite] != 0
        if nonzero.any():
            max_rel = max(max_rel, float((diff[nonzero] / np.abs(r[finite][nonzero])).max()))
    return {
        "agrees": nonfinite == 0 and worst <= tolerance,
        "bit_exact": all(ref.tobytes() == out.tobytes() for ref, out in zip(reference, got)),
        "max_abs_err": float(f"{max_abs:.3g}"),
        "max_rel_err": float(f"{max_rel:.3g}"),
        # None: JAX's output is all zeros and jaxr's is not.
        "max_err_over_max_abs": None if math.isinf(worst) else float(f"{worst:.3g}"),
        "nonfinite_mismatches": nonfinite,
    }


def ratio(a, b) -> float | None:
    """a / b, rounded (1 when both are 0; None when either is missing, or b is 0 and a is not)."""
    if a is None or b is None or (b == 0 and a != 0):
        return None
    return 1.0 if a == b else round(a / b, 4)


# ---------------------------------------------------------------------------
# One program


def prepare(case: Case, kind: Kind, arrays: list[np.ndarray], work: Path) -> dict:
    """Exports JAX's program and jaxr's source, runs jaxr-opt. Returns the
    paths, op counts and errors."""
    directory = work / case.name / kind.name
    directory.mkdir(parents=True, exist_ok=True)
    prepared = {"dir": directory, "errors": {}}
    try:
        jax_text = export(kind.jax_program(case), arrays)
        (directory / "jax.mlir").write_text(jax_text)
        prepared["jax"] = directory / "jax.mlir"
    except Exception as error:  # recorded in the report
        prepared["errors"]["jax_export"] = clean_error(f"{type(error).__name__}: {error}", work)
    try:
        source_args = example_arrays(case, arrays) if kind.batched else arrays
        (directory / "source.mlir").write_text(export(case.example_loss if kind.batched else case.loss, source_args))
    except Exception as error:
        prepared["errors"]["jaxr_source_export"] = clean_error(f"{type(error).__name__}: {error}", work)
        return prepared
    pipeline = PIPELINE.format(transforms=kind.transforms(case, arrays))
    prepared["pipeline"] = pipeline
    out = directory / "jaxr.mlir"
    start = time.perf_counter()
    done = subprocess.run(
        [str(JAXR_OPT), str(directory / "source.mlir"), f"--pass-pipeline={pipeline}", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    prepared["jaxr_opt_ms"] = round((time.perf_counter() - start) * 1e3, 1)
    if done.returncode != 0:
        prepared["errors"]["jaxr_opt"] = clean_error(f"jaxr-opt failed (exit status {done.returncode}): {done.stderr}", work)
    else:
        prepared["jaxr"] = out
    return prepared


def summarize(results: list[dict]) -> dict:
    """One variant's numbers over the rounds it ran."""
    ok = [r for r in results if "error" not in r]
    if not ok:
        return {}
    memory = ok[0].get("compiled_memory") or {}
    summary = {
        "median_ms": round(statistics.median(r["median_ms"] for r in ok), 4),
        "min_ms": round(min(r["min_ms"] for r in ok), 4),
        "compile_ms": round(statistics.median(r["compile_ms"] for r in ok), 1),
        "memory": {k: memory.get(k) for k in ("argument_bytes", "output_bytes", "alias_bytes", "temp_bytes",
                                                "generated_code_bytes", "peak_bytes")},
    }  # fmt: skip
    cost = ok[0].get("cost_analysis")
    if cost:
        summary["cost_analysis"] = cost
    return summary


def bench_program(case: Case, kind: Kind, arrays: list[np.ndarray], work: Path, args) -> dict:
    """Everything the report says about one (case, kind)."""
    log(f"{case.name}/{kind.name}")
    prepared = prepare(case, kind, arrays, work)
    directory = prepared["dir"]
    entry = {
        "case": case.name,
        "kind": kind.name,
        "function": {"jax": "main", "jaxr": kind.function},
        "jaxr_source": "JAX's export of the per-example function" if kind.batched else "JAX's export of the forward function",
        "pipeline": prepared.get("pipeline"),
        "errors": dict(prepared["errors"]),
        "ops": {},
        "op_counts": {},
    }
    modules = {v: (prepared[v], "main" if v == "jax" else kind.function) for v in ("jax", "jaxr") if v in prepared}
    for variant, (path, function) in modules.items():
        counted = count_ops(path.read_text(), function)
        entry["ops"][variant] = counted.get("total")
        entry["op_counts"][variant] = counted.get("by_op")
        if "error" in counted:
            entry["errors"][f"{variant}_count"] = counted["error"]

    import jax

    # The number of results (to compare them), when JAX's program exported.
    outputs = len(jax.tree_util.tree_leaves(jax.eval_shape(kind.jax_program(case), *arrays))) if "jax" in modules else 0
    flags = save_inputs(arrays, directory / "inputs")
    runs: dict[str, list[dict]] = {v: [] for v in modules}
    rounds = []
    for number in range(args.rounds):
        order = list(modules) if number % 2 == 0 else list(reversed(modules))
        for variant in order:
            path, function = modules[variant]
            result = benchmark(path, function, flags, args, directory / f"round{number}-{variant}", outputs if number == 0 else 0)
            if "error" in result:
                result["error"] = clean_error(result["error"], work)
                entry["errors"].setdefault(f"{variant}_run", result["error"])
            runs[variant].append(result)
        medians = {v: runs[v][-1].get("median_ms") for v in modules}
        rounds.append({
            "order": order,
            "median_ms": medians,
            "ratio": ratio(medians.get("jaxr"), medians.get("jax")),
        })  # fmt: skip
    entry["rounds"] = rounds
    for variant in ("jax", "jaxr"):
        entry[variant] = summarize(runs.get(variant, []))
    jax_outputs = runs.get("jax", [{}])[0].get("outputs") if runs.get("jax") else None
    jaxr_outputs = runs.get("jaxr", [{}])[0].get("outputs") if runs.get("jaxr") else None
    if jax_outputs is not None and jaxr_outputs is not None:
        entry["agreement"] = compare(jax_outputs, jaxr_outputs, args.tolerance)
    else:
        entry["agreement"] = {"agrees": None, "error": "not run"}
    jax_sum, jaxr_sum = entry["jax"], entry["jaxr"]
    paired = [r["ratio"] for r in rounds if r["ratio"] is not None]
    entry["ratios"] = {
        "run_median_paired": round(statistics.median(paired), 4) if paired else None,
        "run_min": ratio(jaxr_sum.get("min_ms"), jax_sum.get("min_ms")),
        "compile": ratio(jaxr_sum.get("compile_ms"), jax_sum.get("compile_ms")),
        "peak_bytes": ratio(jaxr_sum.get("memory", {}).get("peak_bytes"), jax_sum.get("memory", {}).get("peak_bytes")),
        "temp_bytes": ratio(jaxr_sum.get("memory", {}).get("temp_bytes"), jax_sum.get("memory", {}).get("temp_bytes")),
        "ops": ratio(entry["ops"].get("jaxr"), entry["ops"].get("jax")),
    }
    entry["jaxr_opt_ms"] = prepared.get("jaxr_opt_ms")
    entry["xla_program"] = same_xla_program(modules)
    if not entry["errors"]:
        del entry["errors"]
    return entry


def xla_instructions(path: Path) -> collections.Counter:
    """The instructions (opcode, shape with layout) of the module's `main`
    as jaxlib's XLA CPU compiler optimizes it."""
    import jax
    from jax._src.lib import xla_client

    device = jax.devices("cpu")[0]
    exe = device.client.compile_and_load(path.read_text(), [device], xla_client.CompileOptions())
    counts: collections.Counter = collections.Counter()
    for module in exe.hlo_modules():
        for line in module.to_string().splitlines():
            m = re.match(r"\s*(?:ROOT )?%\S+ = (\S+) ([\w-]+)\(", line)
            if m:
                counts[(m.group(2), m.group(1))] += 1
    return counts


def same_xla_program(modules: dict) -> dict | None:
    """Whether JAX's and jaxr's modules become the same optimized program
    (both entries `main`): the instructions that only one side has."""
    if set(modules) != {"jax", "jaxr"} or any(function != "main" for _, function in modules.values()):
        return None
    try:
        jax_side, jaxr_side = (xla_instructions(modules[v][0]) for v in ("jax", "jaxr"))
    except Exception as e:  # noqa: BLE001 - any compile failure is reported, not fatal
        return {"error": clean_error(str(e))}
    only_jax, only_jaxr = jax_side - jaxr_side, jaxr_side - jax_side
    return {
        "same": not only_jax and not only_jaxr,
        "instructions": {"jax": sum(jax_side.values()), "jaxr": sum(jaxr_side.values())},
        "only_jax": sum(only_jax.values()),
        "only_jaxr": sum(only_jaxr.values()),
    }


def failed_entry(case: str, kind: str, error: str, work: Path) -> dict:
    """The entry of a program whose measurement raised an exception."""
    log(f"{case}/{kind} failed: {error}")
    return {
        "case": case,
        "kind": kind,
        "errors": {"benchmark": clean_error(error, work)},
        "ops": {},
        "op_counts": {},
        "jax": {},
        "jaxr": {},
        "rounds": [],
        "agreement": {"agrees": None, "error": "not run"},
        "ratios": {k: None for k in ("run_median_paired", "run_min", "compile", "peak_bytes", "temp_bytes", "ops")},
    }


# ---------------------------------------------------------------------------
# Report


def versions(plugin: str | None) -> dict:
    """Versions of every tool the numbers depend on."""
    flags = (f"--plugin={plugin}",) if plugin else ()
    return benchlib.versions(JAXR_OPT, JAXR_RUN, ("jax", "jaxlib", "numpy"), flags)


def fmt_count(value: int | None) -> str:
    return "—" if value is None else str(value)


def temp_cell(entry: dict) -> str:
    """The temporary bytes' ratio, or 'JAX 0 B, jaxr N' when JAX's program needs none."""
    value = entry["ratios"]["temp_bytes"]
    jax_temp = entry["jax"].get("memory", {}).get("temp_bytes")
    jaxr_temp = entry["jaxr"].get("memory", {}).get("temp_bytes")
    if value is None and jax_temp == 0 and jaxr_temp:
        return f"0 B → {fmt_bytes(jaxr_temp)}"
    return fmt_ratio(value)


def agree_cell(entry: dict) -> str:
    a = entry["agreement"]
    if a.get("agrees") is None:
        return "fail"
    mark = "✓" if a["agrees"] else "✗"
    if a.get("bit_exact"):
        return f"{mark} (bit-exact)"
    if a.get("max_err_over_max_abs") is not None:
        return f"{mark} {a['max_err_over_max_abs']:.0e}"
    return mark


def xla_cell(entry: dict) -> str:
    x = entry.get("xla_program")
    if not x:
        return "—"
    if "error" in x:
        return "not compiled"
    if x["same"]:
        return f"same ({x['instructions']['jax']} instructions)"
    return f"{x['only_jax']} vs {x['only_jaxr']} of {x['instructions']['jax']} / {x['instructions']['jaxr']} differ"


def markdown(report: dict) -> str:
    settings = report["settings"]
    lines = [
        "# bench/gradients: jaxr's programs vs JAX's",
        "",
        f"Each program: JAX's module and jaxr's (from JAX's forward module), same inputs, plugin "
        f"`{settings['plugin'] or 'default (CPU)'}`, {settings['rounds']} alternating rounds of "
        f"`jaxr-run --benchmark {settings['runs']} --warmup {settings['warmup']}`. Ratios are jaxr / JAX: "
        "below 1, jaxr is better. Run time: median over rounds of jaxr median / JAX median, then the "
        "ratio of the minimums over all runs. Compile: XLA's compile time (median over rounds). "
        "Peak memory: the compiled program's peak bytes. Agrees: max |jaxr - jax| / max |jax| over "
        f"each output <= {report['tolerance']:g} (the largest shown). XLA program (forward programs): "
        "whether jaxlib's XLA CPU compiler optimizes both modules into the same instructions (opcode, "
        "shape and layout), else how many of each side's have no counterpart: where they are the same, "
        "XLA runs one program and any run-time ratio is the machine's noise.",
        "",
        "| case | kind | JAX ops | jaxr ops | run time ratio (median paired / min) | compile ratio | peak memory ratio "
        "| temp memory ratio | agrees | XLA program |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for e in report["programs"]:
        r = e["ratios"]
        time_cell = f"{fmt_ratio(r['run_median_paired'])} / {fmt_ratio(r['run_min'])}"
        lines.append(
            f"| {e['case']} | {e['kind']} | {fmt_count(e['ops'].get('jax'))} | {fmt_count(e['ops'].get('jaxr'))} "
            f"| {time_cell} | {fmt_ratio(r['compile'])} | {fmt_ratio(r['peak_bytes'])} | {temp_cell(e)} | {agree_cell(e)} "
            f"| {xla_cell(e)} |"
        )
    summary = report["summary"]
    lines += ["", "Geometric means of the ratios (programs where both ran):", ""]
    if not summary["geomean"]:
        lines.append("(no program ran on both sides)")
    else:
        lines += [
            "| kinds | programs | run time (median paired) | run time (min) | compile | peak memory |",
            "|---|---:|---:|---:|---:|---:|",
        ]
    for group, s in summary["geomean"].items():
        lines.append(
            f"| {group} | {s['programs']} | {fmt_ratio(s['run_median_paired'])} | {fmt_ratio(s['run_min'])} "
            f"| {fmt_ratio(s['compile'])} | {fmt_ratio(s['peak_bytes'])} |"
        )
    lines += [
        "",
        "## Times and memory",
        "",
        "| case | kind | JAX median ms | jaxr median ms | JAX min ms | jaxr min ms | JAX compile ms | jaxr compile ms "
        "| JAX peak | jaxr peak | JAX temp | jaxr temp | jaxr-opt ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for e in report["programs"]:
        j, o = e["jax"], e["jaxr"]
        jm, om = j.get("memory", {}), o.get("memory", {})
        lines.append(
            f"| {e['case']} | {e['kind']} | {fmt_ms(j.get('median_ms'))} | {fmt_ms(o.get('median_ms'))} "
            f"| {fmt_ms(j.get('min_ms'))} | {fmt_ms(o.get('min_ms'))} | {fmt_ms(j.get('compile_ms'))} "
            f"| {fmt_ms(o.get('compile_ms'))} | {fmt_bytes(jm.get('peak_bytes'))} | {fmt_bytes(om.get('peak_bytes'))} "
            f"| {fmt_bytes(jm.get('temp_bytes'))} | {fmt_bytes(om.get('temp_bytes'))} | {fmt_ms(e.get('jaxr_opt_ms'))} |"
        )
    problems = [e for e in report["programs"] if e.get("errors") or e["agreement"].get("agrees") is False]
    if problems:
        lines += ["", "## Failures and disagreements", ""]
        for e in problems:
            for what, message in sorted(e.get("errors", {}).items()):
                lines.append(f"- {e['case']}/{e['kind']}, {what}: `{' '.join(message.split())[:600]}`")
            a = e["agreement"]
            if a.get("agrees") is False:
                detail = a.get("error") or (
                    f"max |jaxr - jax| {a['max_abs_err']:g}, / max |jax| {a['max_err_over_max_abs']}, "
                    f"max relative {a['max_rel_err']:g}, {a['nonfinite_mismatches']} non-finite mismatches"
                )
                lines.append(f"- {e['case']}/{e['kind']}: results disagree: {detail}")
    lines += ["", "## Cases", ""]
    for name, description in report["cases"].items():
        lines.append(f"- `{name}`: {description}")
    lines += ["", "## Versions and machine", ""]
    for k, v in sorted({**report["versions"], **{f"machine.{k}": v for k, v in report["machine"].items()}}.items()):
        lines.append(f"- {k}: {v}")
    return "\n".join(lines) + "\n"


def summary(programs: list[dict]) -> dict:
    groups = {"all": lambda k: True, "fwd": lambda k: k == "fwd", "grad": lambda k: k == "grad",
              "vmap": lambda k: k.startswith("vmap")}  # fmt: skip
    out = {}
    for group, keep in groups.items():
        chosen = [e for e in programs if keep(e["kind"]) and e["ratios"]["run_median_paired"] is not None]
        if not chosen:
            continue
        out[group] = {
            "programs": len(chosen),
            **{k: geomean([e["ratios"][k] for e in chosen if e["ratios"][k] is not None])
               for k in ("run_median_paired", "run_min", "compile", "peak_bytes")},
        }  # fmt: skip
    disagree = [f"{e['case']}/{e['kind']}" for e in programs if e["agreement"].get("agrees") is False]
    failed = [f"{e['case']}/{e['kind']}" for e in programs if e.get("errors")]
    return {"geomean": out, "disagree": disagree, "failed": failed}


def selected(cases: list[Case], only: str | None) -> list[tuple[Case, str]]:
    chosen = []
    for case in cases:
        for kind in case.kinds:
            if only is None or only in (case.name, f"{case.name}/{kind}"):
                chosen.append((case, kind))
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="one case (NAME) or program (NAME/KIND) only")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per jaxr-run call (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs before them (default 3)")
    parser.add_argument("--plugin", help="jaxr-run's --plugin: cpu, cuda, tpu or a path (default: jaxr-run's)")
    parser.add_argument(
        "--tolerance",
        type=float,
        default=TOLERANCE,
        help=f"agree: max |jaxr - jax| <= TOLERANCE * max |jax| per output (default {TOLERANCE:g})",
    )
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed per jaxr-run call (default 900)")
    parser.add_argument(
        "--out",
        help="write PREFIX.json and PREFIX.md (default: bench/gradients/report for a full run; "
        "a partial run (--only) writes no files unless given --out, and prints the markdown)",
    )
    parser.add_argument("--keep", help="keep the modules, inputs, outputs and timings in this folder")
    parser.add_argument("--render-only", action="store_true", help="rewrite PREFIX.md from PREFIX.json, running nothing")
    args = parser.parse_args()
    if args.rounds < 1 or args.runs < 1 or args.warmup < 0:
        parser.error("--rounds and --runs must be 1 or more, --warmup 0 or more")
    if args.render_only:
        benchlib.rerender(Path(args.out) if args.out else HERE / "report", markdown)
        return 0
    for tool in (JAXR_OPT, JAXR_RUN):
        if not tool.exists():
            sys.exit(f"{tool} is missing: run `cargo build --release -p jaxr-tools` (bench/gradients/run does)")

    cases = build_cases()
    kinds = _kinds()
    programs = selected(cases, args.only)
    if not programs:
        sys.exit(f"no program matches --only {args.only!r}")
    out_prefix = Path(args.out) if args.out else (None if args.only else HERE / "report")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="jaxr-bench-gradients-"))
    work.mkdir(parents=True, exist_ok=True)
    work = work.resolve()

    report: dict = {
        "settings": {"rounds": args.rounds, "runs": args.runs, "warmup": args.warmup, "plugin": args.plugin,
                     "seed": SEED, "only": args.only},
        "tolerance": args.tolerance,
        "op_count_definition": OP_COUNT_DEFINITION,
        "pipeline_template": PIPELINE,
        "cases": {c.name: c.description for c in cases if any(p[0] is c for p in programs)},
        "versions": versions(args.plugin),
        "machine": machine(),
    }  # fmt: skip
    entries = []
    try:
        arrays_of: dict[str, list[np.ndarray]] = {}
        for case, kind in programs:
            if case.name not in arrays_of:
                rng = np.random.default_rng([SEED, zlib.crc32(case.name.encode())])
                named = case.inputs(rng)
                arrays_of[case.name] = [a for _, a in named]
                report.setdefault("inputs", {})[case.name] = [f"{n}: {a.dtype}{list(a.shape)}" for n, a in named]
            try:
                entries.append(bench_program(case, kinds[kind], arrays_of[case.name], work, args))
            except Exception as error:  # a bug of this script, or a tool's unexpected output: recorded
                entries.append(failed_entry(case.name, kind, f"{type(error).__name__}: {error}", work))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report["programs"] = entries
    report["summary"] = summary(entries)

    benchlib.write_report(report, markdown(report), out_prefix, log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
