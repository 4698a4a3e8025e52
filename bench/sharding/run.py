#!/usr/bin/env python3
"""Benchmark: the data-parallel MLP on 1 and 8 devices, jaxr's programs against JAX's.

Run with the benchmark venv's python (bench/sharding/run does the set-up, the
release build and this). The program is one data-parallel MLP loss (mlp_loss
below: a 3-layer tanh MLP, mean squared error, f32) whose batch is split over
the single "data" axis of a mesh of N devices, the weights replicated. For
every device count N of --devices (default 1 and 8) and every kind (--kinds):

  loss  jax   JAX's export of mlp_loss over the N-device mesh
              (jax.jit(mlp_loss, in_shardings, out_shardings).trace(...)
              .lower(lowering_platforms=(PLATFORM,)).as_text(): Shardy form,
              JAX's default; mhlo.num_partitions = N), function main;
        jaxr  that module through jaxr-opt's round trip (convert-stablehlo-to-
              jaxr, inline, symbol-dce, jaxr-optimize, convert-jaxr-to-stablehlo),
              function main;
  grad  jax   JAX's export of jax.grad(mlp_loss, argnums=(0..5)) (the six
              weights' gradients, replicated) over the same mesh, function main;
        jaxr  jaxr-opt on JAX's export of the FORWARD mlp_loss with
              jaxr-autodiff{grad-of=main argnums=0,...,5} before jaxr-optimize,
              function main_grad.

Each module runs with `jaxr-run MODULE --function F --devices N --input=@...
--benchmark RUNS --warmup W --benchmark-json FILE --verbose` on the same PJRT
plugin (--plugin, default jaxr-run's: the XLA CPU plugin) with the same global
inputs (.npy files): jaxr-run cuts them into each device's shards per the
module's shardings, and each timed run is one execute (the shards copied to
the N devices, the partitioned program, the results copied back). The rounds
are outermost and alternate the order (JAX first in even rounds, jaxr first
in odd ones) so that a slow phase of the machine is shared by both sides and
by every device count.

Checked per program: that both modules ask for N partitions
(mhlo.num_partitions) and that jaxr-run compiled them for N devices (its
--verbose line "compiled for N devices: N SPMD partitions"; for N = 1 the
program is not partitioned); which shardings the function run has on its
arguments and results; that jaxr's results agree with JAX's module's, both
run by jaxr-run (max |jaxr - jax| <= TOLERANCE * max |jax| per output), and
that both agree with JAX running its own jitted program in this process on N
CPU devices.

Reported per (N, kind): the median (over rounds, of each jaxr-run's median)
and minimum run times of each side, the median of the per-round ratios
jaxr / JAX and the ratio of the minimums (below 1: jaxr is faster), XLA's
compile time, the compiled per-device memory, the op counts; and per kind
and side the scaling: the N-device time / the 1-device time.

Writes PREFIX.json and PREFIX.md (bench/sharding/report for a full run).
Everything in them but the times (and what the times decide) is
deterministic: keys are sorted, programs come in the order of --devices and
--kinds, temporary paths are removed from error messages.
"""

from __future__ import annotations

import argparse
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
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import benchlib  # noqa: E402
from benchlib import (  # noqa: E402
    clean_error, fmt_bytes, fmt_ms, fmt_ratio, functions_of, geomean, machine, op_counts, parse_mlir, save_inputs,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
# The tools: a release build of this checkout, unless $JAXR_BIN_DIR names another folder.
BIN_DIR = Path(os.environ.get("JAXR_BIN_DIR", REPO / "target" / "release")).resolve()
JAXR_OPT = BIN_DIR / "jaxr-opt"
JAXR_RUN = BIN_DIR / "jaxr-run"

NAME = "dp_mlp"
SEED = 2024  # inputs: np.random.default_rng([SEED, crc32(NAME)])
# The MLP: batch BATCH (split over the devices), IN -> HIDDEN -> HIDDEN -> OUT, tanh.
BATCH, IN, HIDDEN, OUT = 2048, 512, 1024, 10
ARGNUMS = (0, 1, 2, 3, 4, 5)  # the weights and biases: what grad differentiates
AXIS = "data"
DEFAULT_DEVICES = (1, 8)
KINDS = ("loss", "grad")
# jaxr agrees with JAX when, for every output, max |jaxr - jax| <= TOLERANCE * max |jax|
# (f32 sums that XLA may order differently, per device and across them); --tolerance changes
# it (a plugin that may multiply f32 matrices in TF32, as on NVIDIA GPUs, needs about 1e-2).
TOLERANCE = 1e-4

PIPELINE = "builtin.module(convert-stablehlo-to-jaxr, inline, symbol-dce, {transforms}jaxr-optimize, convert-jaxr-to-stablehlo)"

OP_COUNT_DEFINITION = (
    "The ops of the function run and of every function it calls (transitively, through func.call), "
    "counted by walking the module parsed with jaxlib's MLIR bindings (func, stablehlo, chlo and sdy "
    "registered; unregistered dialects allowed): every operation nested at any depth in those functions, "
    "not func.func and not the terminator of each block (the last op of a block whose name ends in "
    "'return' or 'yield'); func.call counts (benchlib.count_ops, bench/gradients' definition)."
)

DESCRIPTION = (
    f"mlp_loss(W1, b1, W2, b2, W3, b3, x, y) = mean((tanh(tanh(x @ W1 + b1) @ W2 + b2) @ W3 + b3 - y) ** 2), "
    f"x f32[{BATCH},{IN}], y f32[{BATCH},{OUT}], W1 f32[{IN},{HIDDEN}], W2 f32[{HIDDEN},{HIDDEN}], "
    f"W3 f32[{HIDDEN},{OUT}]; on a mesh of N devices with one axis \"{AXIS}\": x and y split along the batch "
    "(PartitionSpec('data')), the weights, biases, loss and gradients replicated (PartitionSpec()). "
    "grad: the gradient in W1, b1, W2, b2, W3, b3"
)


# ---------------------------------------------------------------------------
# The program


def normal(rng: np.random.Generator, *shape: int, scale: float = 1.0) -> np.ndarray:
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def make_inputs() -> list[tuple[str, np.ndarray]]:
    """The global inputs, in argument order (weights scaled by 1/sqrt(fan-in)
    so that tanh stays away from saturation)."""
    rng = np.random.default_rng([SEED, zlib.crc32(NAME.encode())])
    return [
        ("W1", normal(rng, IN, HIDDEN, scale=1 / math.sqrt(IN))),
        ("b1", normal(rng, HIDDEN, scale=0.1)),
        ("W2", normal(rng, HIDDEN, HIDDEN, scale=1 / math.sqrt(HIDDEN))),
        ("b2", normal(rng, HIDDEN, scale=0.1)),
        ("W3", normal(rng, HIDDEN, OUT, scale=1 / math.sqrt(HIDDEN))),
        ("b3", normal(rng, OUT, scale=0.1)),
        ("x", normal(rng, BATCH, IN)),
        ("y", normal(rng, BATCH, OUT)),
    ]


def mlp_loss(W1, b1, W2, b2, W3, b3, x, y):
    """The forward program: a 3-layer tanh MLP's mean squared error."""
    import jax.numpy as jnp

    h = jnp.tanh(x @ W1 + b1)
    h = jnp.tanh(h @ W2 + b2)
    return jnp.mean((h @ W3 + b3 - y) ** 2)


@dataclass
class Kind:
    """A kind of program: JAX's program, jaxr-opt's passes before
    jaxr-optimize (applied to JAX's forward export) and the function run."""

    name: str
    jax_program: Callable[[], Callable]
    transforms: str
    function: str
    outputs: int


def kinds() -> dict[str, Kind]:
    import jax

    argnums = ",".join(map(str, ARGNUMS))
    return {
        "loss": Kind("loss", lambda: mlp_loss, "", "main", 1),
        "grad": Kind(
            "grad",
            lambda: jax.grad(mlp_loss, argnums=ARGNUMS),
            f"jaxr-autodiff{{grad-of=main argnums={argnums}}}, ",
            "main_grad",
            len(ARGNUMS),
        ),
    }


def shardings(devices: int, outputs: int) -> tuple[tuple, object]:
    """in_shardings and out_shardings over a mesh of JAX's first `devices`
    CPU devices: the batch (x, y) split over "data", the rest replicated."""
    import jax
    from jax.sharding import Mesh, NamedSharding, PartitionSpec

    available = jax.devices("cpu")
    if len(available) < devices:
        raise RuntimeError(f"JAX sees {len(available)} CPU devices, {devices} are needed (XLA_FLAGS is set too late?)")
    mesh = Mesh(np.array(available[:devices]), (AXIS,))
    replicated = NamedSharding(mesh, PartitionSpec())
    batch = NamedSharding(mesh, PartitionSpec(AXIS))
    in_shardings = (replicated,) * len(ARGNUMS) + (batch, batch)
    out_shardings = replicated if outputs == 1 else (replicated,) * outputs
    return in_shardings, out_shardings


def jitted(program: Callable, devices: int, outputs: int):
    import jax

    in_shardings, out_shardings = shardings(devices, outputs)
    return jax.jit(program, in_shardings=in_shardings, out_shardings=out_shardings)


def export(program: Callable, devices: int, outputs: int, arrays: list[np.ndarray], platform: str) -> str:
    """JAX's StableHLO text of the sharded program, lowered for `platform`."""
    return jitted(program, devices, outputs).trace(*arrays).lower(lowering_platforms=(platform,)).as_text()


def jax_reference(program: Callable, devices: int, outputs: int, arrays: list[np.ndarray]) -> list[np.ndarray]:
    """JAX's own results: the sharded program jitted and run by JAX on
    `devices` CPU devices in this process."""
    import jax

    result = jitted(program, devices, outputs)(*arrays)
    return [np.asarray(leaf) for leaf in jax.tree_util.tree_leaves(result)]


# ---------------------------------------------------------------------------
# Modules: parsing, op counts, partitions and shardings


def describe_module(text: str, entry: str) -> dict:
    """The op counts of `entry` and what it calls (OP_COUNT_DEFINITION), the
    module's partitions and the shardings written on `entry`'s arguments
    and results (Shardy's sdy.sharding or GSPMD's mhlo.sharding; None where
    there is none)."""

    def read(module, ir) -> dict:
        functions = functions_of(module, ir)
        if entry not in functions:
            return {"error": f"no function @{entry}"}
        counts = op_counts(module, ir, entry)["by_op"]

        def written(attrs_name: str) -> list[str | None]:
            function = functions[entry]
            if attrs_name not in function.attributes:
                return []
            out = []
            for attrs in ir.ArrayAttr(function.attributes[attrs_name]):
                attrs = ir.DictAttr(attrs)
                value = None
                for key in ("sdy.sharding", "mhlo.sharding"):
                    if key in attrs:
                        value = str(attrs[key])
                        break
                out.append(value)
            return out

        module_attrs = module.operation.attributes
        partitions = None
        if "mhlo.num_partitions" in module_attrs:
            partitions = ir.IntegerAttr(module_attrs["mhlo.num_partitions"]).value
        return {
            "ops": sum(counts.values()),
            "op_counts": dict(sorted(counts.items())),
            "num_partitions": partitions,
            "shardings": {"arguments": written("arg_attrs"), "results": written("res_attrs")},
        }

    return parse_mlir(text, read)


COMPILED_FOR = re.compile(r"compiled for (\d+) devices: (\d+) SPMD partitions")


# ---------------------------------------------------------------------------
# Helpers


def log(message: str) -> None:
    """Progress, to stderr."""
    print(f"[bench/sharding] {message}", file=sys.stderr, flush=True)


def uses_cpu_plugin(plugin: str | None) -> bool:
    """Whether jaxr-run loads the CPU plugin (then it takes --devices)."""
    if plugin is None:
        chosen = os.environ.get("JAXR_PJRT_PLUGIN")
        return chosen is None or chosen == "cpu" or "cpu" in Path(chosen).name
    return plugin == "cpu" or "cpu" in Path(plugin).name


def lowering_platform(plugin: str | None) -> str:
    """The platform JAX lowers for: the plugin's (cpu where unknown)."""
    return plugin if plugin in ("cuda", "tpu") else "cpu"


def benchmark(module: Path, function: str, devices: int, flags: list[str], args, out_dir: Path, outputs: int) -> dict:
    """One `jaxr-run --benchmark` call. Returns its JSON timings, with
    "compiled_for" (its --verbose line's devices and partitions, None for a
    program not partitioned) and "outputs" (the last run's results when
    `outputs` > 0); or {"error": ...}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stats = out_dir / "benchmark.json"
    paths = [out_dir / f"out{i}.npy" for i in range(outputs)]
    command = [
        str(JAXR_RUN), str(module), f"--function={function}", *flags,
        *(f"--output=@{p}" for p in paths),
        f"--benchmark={args.runs}", f"--warmup={args.warmup}", f"--benchmark-json={stats}", "--verbose",
        *([f"--devices={devices}"] if uses_cpu_plugin(args.plugin) else []),
        *([f"--plugin={args.plugin}"] if args.plugin else []),
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"jaxr-run timed out after {args.timeout} s"}
    if done.returncode != 0:
        # Without --verbose's plugin line and the XLA log's lines (the plugin is in the report's versions).
        noise = ("jaxr-run: plugin ", "WARNING: All log messages before absl", "W0000 ", "I0000 ")
        message = "\n".join(line for line in done.stderr.splitlines() if not line.startswith(noise))
        return {"error": f"jaxr-run failed (exit status {done.returncode}): {message}"}
    try:
        result = json.loads(stats.read_text())
    except (OSError, ValueError) as error:
        return {"error": f"jaxr-run wrote no readable benchmark JSON: {error}; stderr: {done.stderr}"}
    found = COMPILED_FOR.search(done.stderr)
    result["compiled_for"] = {"devices": int(found.group(1)), "partitions": int(found.group(2))} if found else None
    if outputs:
        result["outputs"] = [np.load(p) for p in paths]
    return result


def compare(reference: list[np.ndarray], got: list[np.ndarray], tolerance: float) -> dict:
    """How far `got` is from `reference`, output by output.

    agrees: same count, dtypes and shapes, no non-finite mismatch (finite in
    one and not the other, different infinities, NaN against a number) and,
    for every output, max |got - reference| <= tolerance * max |reference|.
    max_err_over_max_abs is the largest of those quotients (None when a
    reference output is all zeros and `got`'s is not); max_abs_err the
    largest |got - reference|; bit_exact whether every byte is the same."""
    if len(got) != len(reference):
        return {"agrees": False, "error": f"{len(got)} outputs where the reference has {len(reference)}"}
    for i, (ref, out) in enumerate(zip(reference, got)):
        if ref.dtype != out.dtype or ref.shape != out.shape:
            return {"agrees": False,
                    "error": f"output {i} is {out.dtype}{list(out.shape)}, the reference's {ref.dtype}{list(ref.shape)}"}  # fmt: skip
    worst = max_abs = 0.0
    nonfinite = 0
    for ref, out in zip(reference, got):
        r = ref.astype(np.float64).ravel()
        o = out.astype(np.float64).ravel()
        both = np.isfinite(r) & np.isfinite(o)
        same = (r == o) | (np.isnan(r) & np.isnan(o))
        nonfinite += int(np.count_nonzero(~both & ~same))
        if not both.any():
            continue
        err = float(np.abs(o[both] - r[both]).max())
        scale = float(np.abs(r[both]).max())
        max_abs = max(max_abs, err)
        worst = max(worst, err / scale if scale else (math.inf if err else 0.0))
    return {
        "agrees": nonfinite == 0 and worst <= tolerance,
        "bit_exact": all(ref.tobytes() == out.tobytes() for ref, out in zip(reference, got)),
        "max_abs_err": float(f"{max_abs:.3g}"),
        "max_err_over_max_abs": None if math.isinf(worst) else float(f"{worst:.3g}"),
        "nonfinite_mismatches": nonfinite,
    }


def ratio(a, b) -> float | None:
    """a / b, rounded (1 when both are equal; None when either is missing or b is 0)."""
    if a is None or b is None or b == 0:
        return None
    return 1.0 if a == b else round(a / b, 4)


# ---------------------------------------------------------------------------
# One program: (devices, kind)


@dataclass
class Program:
    devices: int
    kind: Kind
    directory: Path
    entry: dict
    modules: dict  # variant -> (path, function)
    reference: list[np.ndarray] | None = None


def prepare(devices: int, kind: Kind, arrays: list[np.ndarray], work: Path, args) -> Program:
    """Exports JAX's module and JAX's forward module (jaxr's source), runs
    jaxr-opt, describes both modules and computes JAX's own results."""
    log(f"preparing {devices} device(s)/{kind.name}")
    directory = work / f"{devices}dev-{kind.name}"
    directory.mkdir(parents=True, exist_ok=True)
    pipeline = PIPELINE.format(transforms=kind.transforms)
    entry: dict = {
        "devices": devices,
        "kind": kind.name,
        "function": {"jax": "main", "jaxr": kind.function},
        "pipeline": pipeline,
        "errors": {},
        "ops": {},
        "op_counts": {},
        "partitions": {},
        "shardings": {},
    }
    program = Program(devices, kind, directory, entry, {})
    platform = lowering_platform(args.plugin)
    try:
        (directory / "jax.mlir").write_text(export(kind.jax_program(), devices, kind.outputs, arrays, platform))
        program.modules["jax"] = (directory / "jax.mlir", "main")
    except Exception as error:  # recorded in the report
        entry["errors"]["jax_export"] = clean_error(f"{type(error).__name__}: {error}", work)
    try:
        (directory / "source.mlir").write_text(export(mlp_loss, devices, 1, arrays, platform))
    except Exception as error:
        entry["errors"]["jaxr_source_export"] = clean_error(f"{type(error).__name__}: {error}", work)
    if (directory / "source.mlir").exists():
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [str(JAXR_OPT), str(directory / "source.mlir"), f"--pass-pipeline={pipeline}", "-o",
                 str(directory / "jaxr.mlir")],
                capture_output=True, text=True, timeout=args.timeout,
            )  # fmt: skip
            entry["jaxr_opt_ms"] = round((time.perf_counter() - start) * 1e3, 1)
            if done.returncode != 0:
                entry["errors"]["jaxr_opt"] = clean_error(f"jaxr-opt failed (exit status {done.returncode}): {done.stderr}", work)
            else:
                program.modules["jaxr"] = (directory / "jaxr.mlir", kind.function)
        except subprocess.TimeoutExpired:
            entry["errors"]["jaxr_opt"] = f"jaxr-opt timed out after {args.timeout} s"
    for variant, (path, function) in program.modules.items():
        described = describe_module(path.read_text(), function)
        if "error" in described:
            entry["errors"][f"{variant}_module"] = described["error"]
            continue
        entry["ops"][variant] = described["ops"]
        entry["op_counts"][variant] = described["op_counts"]
        entry["partitions"][variant] = {"module": described["num_partitions"], "compiled": None}
        entry["shardings"][variant] = described["shardings"]
        if described["num_partitions"] != devices:
            entry["errors"][f"{variant}_partitions"] = (
                f"the module has mhlo.num_partitions = {described['num_partitions']}, not {devices}"
            )
    if set(entry["shardings"]) == {"jax", "jaxr"}:
        entry["same_shardings"] = entry["shardings"]["jax"] == entry["shardings"]["jaxr"]
    try:
        program.reference = jax_reference(kind.jax_program(), devices, kind.outputs, arrays)
    except Exception as error:
        entry["errors"]["jax_reference"] = clean_error(f"{type(error).__name__}: {error}", work)
    return program


def summarize(results: list[dict]) -> dict:
    """One side's numbers over the rounds it ran."""
    ok = [r for r in results if "error" not in r]
    if not ok:
        return {}
    memory = ok[0].get("compiled_memory") or {}
    return {
        "median_ms": round(statistics.median(r["median_ms"] for r in ok), 4),
        "min_ms": round(min(r["min_ms"] for r in ok), 4),
        "compile_ms": round(statistics.median(r["compile_ms"] for r in ok), 1),
        "rounds_run": len(ok),
        "memory": {k: memory.get(k) for k in ("argument_bytes", "output_bytes", "temp_bytes", "peak_bytes")},
    }


def finish(program: Program, runs: dict[str, list[dict]], rounds: list[dict], args) -> dict:
    """The program's entry, from its rounds."""
    entry = program.entry
    entry["rounds"] = rounds
    for variant in ("jax", "jaxr"):
        entry[variant] = summarize(runs.get(variant, []))
    outputs = {v: runs[v][0].get("outputs") for v in runs if runs[v]}
    for variant in runs:
        compiled = [r["compiled_for"] for r in runs[variant] if "error" not in r]
        if not compiled or variant not in entry["partitions"]:
            continue
        entry["partitions"][variant]["compiled"] = compiled[0]
        expected = None if program.devices == 1 else {"devices": program.devices, "partitions": program.devices}
        if any(c != expected for c in compiled):
            entry["errors"][f"{variant}_partitions"] = (
                f"jaxr-run compiled for {compiled[0]}, expected "
                + ("an unpartitioned program" if expected is None else f"{program.devices} devices and partitions")
            )
    if outputs.get("jax") is not None and outputs.get("jaxr") is not None:
        entry["agreement"] = compare(outputs["jax"], outputs["jaxr"], args.tolerance)
    else:
        entry["agreement"] = {"agrees": None, "error": "not run"}
    entry["vs_jax_in_process"] = {
        v: compare(program.reference, outputs[v], args.tolerance)
        for v in ("jax", "jaxr")
        if program.reference is not None and outputs.get(v) is not None
    }
    paired = [r["ratio"] for r in rounds if r["ratio"] is not None]
    entry["ratios"] = {
        "run_median_paired": round(statistics.median(paired), 4) if paired else None,
        "run_min": ratio(entry["jaxr"].get("min_ms"), entry["jax"].get("min_ms")),
        "compile": ratio(entry["jaxr"].get("compile_ms"), entry["jax"].get("compile_ms")),
    }
    if not entry["errors"]:
        del entry["errors"]
    return entry


def run_rounds(programs: list[Program], flags: list[str], work: Path, args) -> list[dict]:
    """The timed rounds: every program in every round, alternating the
    order of JAX and jaxr; the first round also writes the outputs."""
    runs = [{v: [] for v in p.modules} for p in programs]
    rounds: list[list[dict]] = [[] for _ in programs]
    for number in range(args.rounds):
        log(f"round {number + 1} of {args.rounds}")
        for index, program in enumerate(programs):
            variants = list(program.modules)
            order = variants if number % 2 == 0 else list(reversed(variants))
            for variant in order:
                path, function = program.modules[variant]
                result = benchmark(path, function, program.devices, flags, args,
                                   program.directory / f"round{number}-{variant}",
                                   program.kind.outputs if number == 0 else 0)  # fmt: skip
                if "error" in result:
                    result["error"] = clean_error(result["error"], work)
                    program.entry["errors"].setdefault(f"{variant}_run", result["error"])
                runs[index][variant].append(result)
            medians = {v: runs[index][v][-1].get("median_ms") for v in variants}
            rounds[index].append({"order": order, "median_ms": medians,
                                  "ratio": ratio(medians.get("jaxr"), medians.get("jax"))})  # fmt: skip
    return [finish(p, runs[i], rounds[i], args) for i, p in enumerate(programs)]


def scaling(entries: list[dict]) -> list[dict]:
    """Per kind, side and device count N > 1: the N-device time / the
    1-device time (medians, and minimums)."""
    by_key = {(e["devices"], e["kind"]): e for e in entries}
    out = []
    for e in entries:
        one = by_key.get((1, e["kind"]))
        if e["devices"] == 1 or one is None:
            continue
        row = {"devices": e["devices"], "kind": e["kind"]}
        for variant in ("jax", "jaxr"):
            row[variant] = {
                "median": ratio(e[variant].get("median_ms"), one[variant].get("median_ms")),
                "min": ratio(e[variant].get("min_ms"), one[variant].get("min_ms")),
            }
        out.append(row)
    return out


def summary(entries: list[dict]) -> dict:
    ran = [e for e in entries if e["ratios"]["run_median_paired"] is not None]
    return {
        "geomean_run_median_paired": geomean([e["ratios"]["run_median_paired"] for e in ran]),
        "geomean_run_min": geomean([e["ratios"]["run_min"] for e in ran if e["ratios"]["run_min"]]),
        "programs": len(ran),
        "disagree": [f"{e['devices']}/{e['kind']}" for e in entries if e["agreement"].get("agrees") is False],
        "failed": [f"{e['devices']}/{e['kind']}" for e in entries if e.get("errors")],
    }


# ---------------------------------------------------------------------------
# Report


def versions(plugin: str | None) -> dict:
    flags = (f"--plugin={plugin}",) if plugin else ()
    return benchlib.versions(JAXR_OPT, JAXR_RUN, ("jax", "jaxlib", "numpy"), flags)


def agree_cell(a: dict | None) -> str:
    if not a or a.get("agrees") is None:
        return "—"
    mark = "✓" if a["agrees"] else "✗"
    if a.get("bit_exact"):
        return f"{mark} (bit-exact)"
    if a.get("max_err_over_max_abs") is not None:
        return f"{mark} {a['max_err_over_max_abs']:.0e}"
    return mark


def partitions_cell(e: dict) -> str:
    cells = []
    for variant in ("jax", "jaxr"):
        p = e["partitions"].get(variant)
        if not p:
            cells.append("—")
        elif p["compiled"] is None:
            cells.append("1, not partitioned" if p["module"] == 1 else f"{p['module']}, not compiled")
        else:
            cells.append(f"{p['compiled']['partitions']} partitions on {p['compiled']['devices']} devices")
    return cells[0] if cells[0] == cells[1] else " / ".join(cells)


def machine_note(report: dict) -> str:
    """What the device counts mean on this plugin and machine."""
    settings = report["settings"]
    cores = report["machine"].get("nproc")
    if settings["cpu_devices_flag"]:
        return (
            f"This machine has {cores} cores: jaxr-run's N CPU devices (`--devices N`, the CPU plugin's "
            f"cpu_device_count) share them, so {'no speed-up is' if cores and cores < max(settings['devices']) else 'a speed-up up to the core count may be'} "
            "expected from more devices; with more devices than cores the N-device runs measure what "
            "partitioning costs (each device's shard of the work, the all-reduce of the loss or of the "
            "gradients, the program launched on N devices and N sets of buffers to copy)."
        )
    return (
        f"Plugin `{settings['plugin']}`: `--devices` is not passed to jaxr-run (the plugin makes one device "
        "per accelerator of the machine), so a device count N needs N accelerators; JAX lowered the modules "
        f"for `{settings['lowering_platform']}`."
    )


def markdown(report: dict) -> str:
    settings = report["settings"]
    devices = settings["devices"]
    lines = [
        f"# bench/sharding: the data-parallel MLP on {' and '.join(map(str, devices))} devices, jaxr vs JAX",
        "",
        f"One data-parallel MLP (batch {BATCH} split over the mesh's \"{AXIS}\" axis, weights replicated, f32; "
        "see below), for each device count N its forward loss and its gradient in the weights: JAX's module "
        "(exported over an N-device mesh, Shardy form) and jaxr's (from JAX's forward module: the round "
        "trip through jaxr for `loss`, `jaxr-autodiff` for `grad`), both run by `jaxr-run --devices N` "
        f"on plugin `{settings['plugin'] or 'default (CPU)'}` with the same global inputs, in "
        f"{settings['rounds']} alternating rounds of `--benchmark {settings['runs']} --warmup {settings['warmup']}`. "
        "A run is one execute: the shards copied to the N devices, the partitioned program, the results "
        "copied back. Ratios are jaxr / JAX: below 1, jaxr is faster. Paired: the median over rounds of "
        "jaxr's median / JAX's median in the same round; min: the ratio of the minimums over all runs. "
        "Partitions: what jaxr-run compiled (its `--verbose` line) for JAX's / jaxr's module. Agrees: "
        f"max |jaxr - jax| / max |jax| per output <= {report['tolerance']:g} (the largest shown), both "
        "modules' results as jaxr-run gathers them; vs JAX: the same check of each against JAX running its "
        "own jitted program on N CPU devices in the benchmark's process (JAX / jaxr).",
        "",
        machine_note(report),
        "",
        "| devices | kind | partitions | JAX median ms | jaxr median ms | JAX min ms | jaxr min ms "
        "| ratio (paired / min) | agrees | vs JAX (JAX / jaxr) |",
        "|---:|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for e in report["programs"]:
        j, o, r = e["jax"], e["jaxr"], e["ratios"]
        vs = e.get("vs_jax_in_process", {})
        lines.append(
            f"| {e['devices']} | {e['kind']} | {partitions_cell(e)} | {fmt_ms(j.get('median_ms'))} "
            f"| {fmt_ms(o.get('median_ms'))} | {fmt_ms(j.get('min_ms'))} | {fmt_ms(o.get('min_ms'))} "
            f"| {fmt_ratio(r['run_median_paired'])} / {fmt_ratio(r['run_min'])} | {agree_cell(e['agreement'])} "
            f"| {agree_cell(vs.get('jax'))} / {agree_cell(vs.get('jaxr'))} |"
        )
    if report["scaling"]:
        lines += [
            "",
            "## Scaling",
            "",
            "The N-device time / the 1-device time, of each side's medians (and minimums): above 1, the "
            "partitioned program is slower.",
            "",
            "| devices | kind | JAX median | jaxr median | JAX min | jaxr min |",
            "|---:|---|---:|---:|---:|---:|",
        ]
        for s in report["scaling"]:
            lines.append(
                f"| {s['devices']} / 1 | {s['kind']} | {fmt_ratio(s['jax']['median'])} | {fmt_ratio(s['jaxr']['median'])} "
                f"| {fmt_ratio(s['jax']['min'])} | {fmt_ratio(s['jaxr']['min'])} |"
            )
    lines += [
        "",
        "## Compile, memory, ops",
        "",
        "Compile: XLA's compile time in jaxr-run (median over rounds). Memory: the compiled program's "
        "statistics, per device (each device holds the replicated weights and its shard of the batch). "
        "Ops: the ops of the function run and of the functions it calls, block terminators and func.func "
        "excluded (report.json's `op_count_definition`). Same shardings: whether the function run has "
        "JAX's shardings on its arguments and results.",
        "",
        "| devices | kind | JAX compile ms | jaxr compile ms | JAX temp | jaxr temp | JAX peak | jaxr peak "
        "| JAX ops | jaxr ops | jaxr-opt ms | same shardings |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for e in report["programs"]:
        j, o = e["jax"], e["jaxr"]
        jm, om = j.get("memory", {}), o.get("memory", {})
        same = e.get("same_shardings")
        lines.append(
            f"| {e['devices']} | {e['kind']} | {fmt_ms(j.get('compile_ms'))} | {fmt_ms(o.get('compile_ms'))} "
            f"| {fmt_bytes(jm.get('temp_bytes'))} | {fmt_bytes(om.get('temp_bytes'))} | {fmt_bytes(jm.get('peak_bytes'))} "
            f"| {fmt_bytes(om.get('peak_bytes'))} | {e['ops'].get('jax', '—')} | {e['ops'].get('jaxr', '—')} "
            f"| {fmt_ms(e.get('jaxr_opt_ms'))} | {'—' if same is None else 'yes' if same else 'no'} |"
        )
    problems = []
    for e in report["programs"]:
        where = f"{e['devices']} device(s)/{e['kind']}"
        for what, message in sorted(e.get("errors", {}).items()):
            problems.append(f"- {where}, {what}: `{' '.join(message.split())[:600]}`")
        checks = [("jaxr vs JAX", e["agreement"])] + [
            (f"{v} vs JAX in-process", c) for v, c in sorted(e.get("vs_jax_in_process", {}).items())
        ]
        for what, a in checks:
            if a.get("agrees") is False:
                detail = a.get("error") or (
                    f"max |err| {a['max_abs_err']:g}, / max |reference| {a['max_err_over_max_abs']}, "
                    f"{a['nonfinite_mismatches']} non-finite mismatches"
                )
                problems.append(f"- {where}: {what} disagree: {detail}")
        if e.get("same_shardings") is False:
            problems.append(f"- {where}: jaxr's @{e['function']['jaxr']} has other shardings than JAX's @main "
                            "(report.json's `shardings`)")  # fmt: skip
    if problems:
        lines += ["", "## Failures and disagreements", ""] + problems
    lines += [
        "",
        "## The program",
        "",
        report["program"],
        "",
        f"Inputs (`np.random.default_rng([{SEED}, crc32('{NAME}')])`, weights scaled by 1/sqrt(fan-in)): "
        + ", ".join(report["inputs"]) + ".",
        "",
        "jaxr-opt pipelines (on JAX's export of the forward loss over the same mesh):",
        "",
    ]
    for kind in settings["kinds"]:  # the order of --kinds (report.json's keys are sorted)
        lines.append(f"- `{kind}`: `{report['pipelines'][kind]}`")
    lines += ["", "## Versions and machine", ""]
    for k, v in sorted({**report["versions"], **{f"machine.{k}": v for k, v in report["machine"].items()}}.items()):
        lines.append(f"- {k}: {v}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Main


def device_counts(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"want numbers separated by commas, got {text!r}") from None
    if not counts or any(n < 1 or BATCH % n for n in counts):
        raise argparse.ArgumentTypeError(f"each count must be 1 or more and divide the batch {BATCH}")
    return sorted(set(counts))


def kind_names(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [n for n in names if n not in KINDS]
    if not names or unknown:
        raise argparse.ArgumentTypeError(f"choose among {', '.join(KINDS)}, got {text!r}")
    return [k for k in KINDS if k in names]


def set_jax_device_count(count: int) -> None:
    """Makes JAX's CPU backend have `count` devices (before jax is imported)."""
    if "jax" in sys.modules:
        raise RuntimeError("jax was imported before XLA_FLAGS was set")
    flags = re.sub(r"--xla_force_host_platform_device_count=\S+", "", os.environ.get("XLA_FLAGS", ""))
    os.environ["XLA_FLAGS"] = f"{flags.strip()} --xla_force_host_platform_device_count={count}".strip()
    # JAX only lowers (and computes the reference) here: keep it on the CPU.
    os.environ["JAX_PLATFORMS"] = "cpu"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=device_counts, default=list(DEFAULT_DEVICES),
                        help="device counts, comma-separated (default 1,8); with a plugin other than the CPU's, "
                        "each needs that many accelerators")  # fmt: skip
    parser.add_argument("--kinds", type=kind_names, default=list(KINDS), help="loss, grad or both (default)")
    parser.add_argument("--rounds", type=int, default=9, help="alternating rounds (default 9)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per jaxr-run call (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs before them (default 3)")
    parser.add_argument("--plugin", help="jaxr-run's --plugin: cpu, cuda, tpu or a path (default: jaxr-run's); "
                        "--devices N is passed to jaxr-run only with the CPU plugin")  # fmt: skip
    parser.add_argument("--tolerance", type=float, default=TOLERANCE,
                        help=f"agree: max |jaxr - jax| <= TOLERANCE * max |jax| per output (default {TOLERANCE:g})")  # fmt: skip
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed per jaxr-run or jaxr-opt call (default 900)")
    parser.add_argument("--out", help="write PREFIX.json and PREFIX.md (default: bench/sharding/report for a run "
                        "with the default --devices and --kinds; other runs print the markdown unless given --out)")  # fmt: skip
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
            sys.exit(f"{tool} is missing: run `cargo build --release -p jaxr-tools` (bench/sharding/run does)")
    set_jax_device_count(max(args.devices))

    full = args.devices == list(DEFAULT_DEVICES) and args.kinds == list(KINDS)
    out_prefix = Path(args.out) if args.out else (HERE / "report" if full else None)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="jaxr-bench-sharding-"))
    work.mkdir(parents=True, exist_ok=True)
    work = work.resolve()

    named = make_inputs()
    arrays = [a for _, a in named]
    table = kinds()
    report: dict = {
        "settings": {"devices": args.devices, "kinds": args.kinds, "rounds": args.rounds, "runs": args.runs,
                     "warmup": args.warmup, "plugin": args.plugin, "seed": SEED,
                     "cpu_devices_flag": uses_cpu_plugin(args.plugin),
                     "lowering_platform": lowering_platform(args.plugin)},
        "tolerance": args.tolerance,
        "program": DESCRIPTION,
        "inputs": [f"{n}: {a.dtype}{list(a.shape)}" for n, a in named],
        "pipelines": {k: PIPELINE.format(transforms=table[k].transforms) for k in args.kinds},
        "functions": {k: {"jax": "main", "jaxr": table[k].function} for k in args.kinds},
        "op_count_definition": OP_COUNT_DEFINITION,
        "versions": versions(args.plugin),
        "machine": machine(),
    }  # fmt: skip
    try:
        flags = save_inputs(arrays, work / "inputs")
        programs = [prepare(n, table[k], arrays, work, args) for n in args.devices for k in args.kinds]
        entries = run_rounds(programs, flags, work, args)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report["programs"] = entries
    report["scaling"] = scaling(entries)
    report["summary"] = summary(entries)

    benchlib.write_report(report, markdown(report), out_prefix, log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
