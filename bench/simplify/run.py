#!/usr/bin/env python3
"""Benchmark: jaxr-optimize against Enzyme-JAX's optimizer (issue 13, item 8).

Run with the benchmark venv's python (bench/simplify/run does the set-up, the
release build and this). Two parts:

1. The corpus. Every module ../shared/corpus/*/{fwd,grad,vjp}.stablehlo.mlir,
   as JAX exported it, is optimized four ways:
     enzyme       enzyme_ad.jax.full_optimization_pass_pipeline()
     enzyme_fast  the same with no_nan=True, all_finite=True
     jaxr         convert-stablehlo-to-jaxr, inline, symbol-dce, jaxr-optimize,
                  convert-jaxr-to-stablehlo
     jaxr_fast    the same with jaxr-optimize{fast-math=true}
   For each, the script records the op count (see count_ops), the optimizer's
   wall time (median of 3 runs), and whether the optimized module, run on the
   XLA CPU PJRT plugin by jaxr-run with the corpus inputs, gives outputs
   bit-identical to JAX's module run the same way (else the largest absolute
   and relative error, or why it did not run).
   Then the same on --stress-sets (default 3) stress input sets derived from
   the corpus inputs with fixed seeds (STRESS_DEFINITION): integer and bool
   arguments kept, floating ones replaced by values of wide magnitudes
   ("wide"), sprinkled with -0.0, +-inf, nan, subnormals and +-max
   ("special"), scaled to the top of the dtype's range ("large"), so that a
   rewrite that is not exact in IEEE 754 (x + 0 -> x, (x+x)/2 -> x, ...) shows;
   there any NaN equals any NaN. The report counts the modules bit-exact on
   the corpus and every stress set.

2. Slack: small programs where XLA leaves work on the table (a matrix chain
   whose cheap order is not the written one, a low-rank product, a shared
   operand, the sum of a product). JAX's module, each optimizer's fast-math
   module and a hand-rewritten program are timed on the CPU plugin, in
   alternating rounds of `jaxr-run --benchmark`.

Writes report.json and report.md (bench/simplify/ by default). Everything in
them but the times is deterministic: keys are sorted, modules are sorted by
name and kind, temporary paths are removed from error messages.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import benchlib  # noqa: E402
from benchlib import clean_error, count_ops, machine, save_inputs  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = Path(os.environ.get("JAXR_CORPUS", REPO.parent / "shared" / "corpus")).resolve()
# The tools: a release build of this checkout, unless $JAXR_BIN_DIR names another folder.
BIN_DIR = Path(os.environ.get("JAXR_BIN_DIR", REPO / "target" / "release")).resolve()
JAXR_OPT = BIN_DIR / "jaxr-opt"
JAXR_RUN = BIN_DIR / "jaxr-run"

KINDS = ("fwd", "grad", "vjp")
VARIANTS = ("enzyme", "enzyme_fast", "jaxr", "jaxr_fast")
# A control: jaxr's round trip (raise, inline, symbol-dce, lower) without
# jaxr-optimize, to tell what the optimizer changes from what the round trip does.
CONTROL = "jaxr_noopt"
TIMING_REPEATS = 3

JAXR_PIPELINE = "builtin.module(convert-stablehlo-to-jaxr, inline, symbol-dce, {optimize}convert-jaxr-to-stablehlo)"
JAXR_OPTIMIZE = {"jaxr": "jaxr-optimize", "jaxr_fast": "jaxr-optimize{fast-math=true}"}
# The pass options added to collect jaxr-simplify's statistics (stop reasons)
# in the timed runs; they print one JSON line per function to stderr.
JAXR_STATS = {"jaxr": "jaxr-optimize{stats=true}", "jaxr_fast": "jaxr-optimize{fast-math=true stats=true}"}


def jaxr_pipeline(variant: str, stats: bool = False) -> str:
    """The jaxr-opt pipeline of a jaxr variant (or of the control)."""
    passes = JAXR_STATS if stats else JAXR_OPTIMIZE
    return JAXR_PIPELINE.format(optimize=f"{passes[variant]}, " if variant in passes else "")
# What Enzyme-JAX's own JaX pipeline appends after the optimization passes.
ENZYME_SUFFIX = ",tensor-empty-raise,drop-unsupported-attributes"
ENZYME_OPTIONS = {"enzyme": {}, "enzyme_fast": {"no_nan": True, "all_finite": True}}

OP_COUNT_DEFINITION = (
    "Every operation nested (at any depth, region bodies included) in a func.func of the module, "
    "in every function of the module, counted by walking the parsed module with jaxlib's MLIR "
    "bindings (func, stablehlo, chlo registered; unregistered dialects allowed). Not counted: "
    "func.func itself, and the terminator of each block (func.return, stablehlo.return: the last "
    "op of a block when its name ends in 'return' or 'yield'). func.call counts as an op."
)


# ---------------------------------------------------------------------------
# Small helpers


def log(message: str) -> None:
    """Progress, to stderr."""
    print(f"[bench/simplify] {message}", file=sys.stderr, flush=True)


def median_ms(seconds: list[float]) -> float:
    """The median of wall times in seconds, in milliseconds (3 decimals)."""
    return round(statistics.median(seconds) * 1e3, 3)


def timed(command: list[str], **kwargs) -> tuple[subprocess.CompletedProcess, float]:
    """Runs a command, returns it and its wall time in seconds."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    return done, time.perf_counter() - start


# ---------------------------------------------------------------------------
# Counting ops


def meta_op_total(meta: dict, kind: str) -> int | None:
    """The op count the corpus's meta.json gives for JAX's module (its
    generic form's census), with the ops count_ops leaves out removed: a
    cross-check of count_ops."""
    census = meta.get("op_counts", {}).get(kind)
    if not census:
        return None
    left_out = ("builtin.module", "func.func", "func.return", "stablehlo.return")
    return sum(n for name, n in census.items() if name not in left_out)


# ---------------------------------------------------------------------------
# The optimizers


def enzyme_worker(source: Path, out_dir: Path) -> None:
    """(Runs in a child process, so that a crash of Enzyme-JAX is recorded,
    not fatal.) Optimizes `source` with both Enzyme-JAX tiers, TIMING_REPEATS
    times each; writes out_dir/{variant}.mlir and out_dir/enzyme.json."""
    from enzyme_ad.jax import enzyme_call, full_optimization_pass_pipeline

    text = source.read_text()
    # The first call in a process registers dialects and passes: not timed.
    enzyme_call.run_pass_pipeline([], "module {}", "canonicalize")
    result = {}
    for variant, options in ENZYME_OPTIONS.items():
        pipeline = full_optimization_pass_pipeline(**options) + ENZYME_SUFFIX
        times, out = [], ""
        for _ in range(TIMING_REPEATS):
            start = time.perf_counter()
            _, out = enzyme_call.run_pass_pipeline([], text, pipeline)
            times.append(time.perf_counter() - start)
        # Enzyme-JAX makes @main private (it expects to be called from JAX):
        # make it public again so that it can be run.
        out = re.sub(r"func\.func private @main\(", "func.func @main(", out, count=1)
        (out_dir / f"{variant}.mlir").write_text(out)
        result[variant] = {"seconds": times}
    (out_dir / "enzyme.json").write_text(json.dumps(result))


def run_enzyme(source: Path, out_dir: Path) -> dict:
    """Both Enzyme-JAX tiers on one module, in a child process.

    Returns {variant: {"path": Path, "time_ms": t} or {"error": message}}.
    """
    done = subprocess.run(
        [sys.executable, __file__, "--enzyme-worker", str(source), str(out_dir)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode != 0:
        reason = f"Enzyme-JAX failed (exit status {done.returncode}): {done.stderr[-1500:]}"
        return {v: {"error": clean_error(reason, out_dir)} for v in ENZYME_OPTIONS}
    times = json.loads((out_dir / "enzyme.json").read_text())
    return {
        v: {"path": out_dir / f"{v}.mlir", "time_ms": median_ms(times[v]["seconds"])} for v in ENZYME_OPTIONS
    }


def simplify_stats(stderr: str) -> dict:
    """What jaxr-simplify's stats=true lines say: the stop reasons of its
    e-graphs (sorted, distinct), its e-nodes and its time. A stop reason
    'time-limit' or 'module-time-limit' means the result depends on the
    machine's speed (time_limited)."""
    reasons, module = set(), {}
    for line in stderr.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict):
            continue
        if record.get("module"):
            module = record
        elif "stop_reason" in record:
            reasons.add(str(record["stop_reason"]))
    return {
        "stop_reasons": sorted(reasons),
        "time_limited": any("time" in r for r in reasons),
        "enodes": module.get("enodes"),
        "simplify_ms": module.get("time_ms"),
    }


def run_jaxr(source: Path, out_dir: Path, variant: str) -> dict:
    """jaxr-opt with the jaxr pipeline of `variant`, TIMING_REPEATS times
    (with stats=true, whose statistics of the last run are kept).

    Returns {"path": Path, "time_ms": t, "stats": ...} or {"error": message}.
    """
    out = out_dir / f"{variant}.mlir"
    pipeline = jaxr_pipeline(variant, stats=True)
    times, stderr = [], ""
    for _ in range(TIMING_REPEATS):
        done, seconds = timed([str(JAXR_OPT), str(source), f"--pass-pipeline={pipeline}", "-o", str(out)])
        if done.returncode != 0:
            reason = f"jaxr-opt failed (exit status {done.returncode}): {done.stderr}"
            return {"error": clean_error(reason, out_dir)}
        times.append(seconds)
        stderr = done.stderr
    result = {"path": out, "time_ms": median_ms(times)}
    if variant in JAXR_STATS:
        result["stats"] = simplify_stats(stderr)
    return result


# ---------------------------------------------------------------------------
# Running modules on the CPU plugin


def corpus_arrays(case: Path, kind: str) -> list[np.ndarray]:
    """The corpus inputs of a module kind: the arguments, then (vjp) the cotangents."""
    inputs = json.loads((case / "inputs.json").read_text())
    specs = list(inputs["args"])
    if kind == "vjp":
        specs += inputs["cotangents"]
    return [np.asarray(s["data"], dtype=s["dtype"]).reshape(s["shape"]) for s in specs]


def run_module(module: Path, input_flags: list[str], n_outputs: int, out_dir: Path, extra=()) -> list | str:
    """Runs @main of `module` with jaxr-run; returns its outputs, or an error message."""
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = [out_dir / f"out{i}.npy" for i in range(n_outputs)]
    command = [str(JAXR_RUN), str(module), *input_flags, *(f"--output=@{p}" for p in outputs), *extra]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return "jaxr-run timed out after 600 s"
    if done.returncode != 0:
        return clean_error(f"jaxr-run failed (exit status {done.returncode}): {done.stderr}", out_dir.parent)
    return [np.load(p) for p in outputs]


def compare(reference: list[np.ndarray], got: list | str) -> dict:
    """Whether `got` is bit-identical to `reference`; else the largest errors.

    max_abs_err is max |got - ref| and max_rel_err max |got - ref| / |ref| over
    the elements where both are finite (and ref != 0 for the relative error);
    max_abs_err_over_max_abs is max_abs_err / max |ref| (a relative error that
    elements near zero do not blow up);
    nonfinite_mismatches counts elements where one is finite and the other
    not, or both NaN/inf but different.
    """
    if isinstance(got, str):
        return {"bit_exact": None, "error": got}
    if len(got) != len(reference):
        return {"bit_exact": False, "error": f"{len(got)} outputs, JAX's module has {len(reference)}"}
    for ref, out in zip(reference, got):
        if ref.dtype != out.dtype or ref.shape != out.shape:
            return {"bit_exact": False, "error": f"output {out.dtype}{list(out.shape)}, JAX gives {ref.dtype}{list(ref.shape)}"}
    if all(ref.tobytes() == out.tobytes() for ref, out in zip(reference, got)):
        return {"bit_exact": True}
    max_abs = max_rel = max_ref = 0.0
    nonfinite = 0
    for ref, out in zip(reference, got):
        if not (np.issubdtype(ref.dtype, np.number) or ref.dtype == np.bool_):
            continue
        r, o = ref.astype(np.float64).ravel(), out.astype(np.float64).ravel()
        finite = np.isfinite(r) & np.isfinite(o)
        nonfinite += int(np.sum(~finite & ~((r == o) | (np.isnan(r) & np.isnan(o)))))
        if finite.any():
            diff = np.abs(o[finite] - r[finite])
            max_abs = max(max_abs, float(diff.max()))
            max_ref = max(max_ref, float(np.abs(r[finite]).max()))
            nonzero = r[finite] != 0
            if nonzero.any():
                max_rel = max(max_rel, float((diff[nonzero] / np.abs(r[finite][nonzero])).max()))
    return {
        "bit_exact": False,
        "max_abs_err": float(f"{max_abs:.6g}"),
        "max_rel_err": float(f"{max_rel:.6g}"),
        "max_abs_err_over_max_abs": float(f"{(max_abs / max_ref if max_ref else 0.0):.6g}"),
        "nonfinite_mismatches": nonfinite,
    }


FMA_PROBE = """func.func @main(%a: tensor<4096xf32>, %b: tensor<4096xf32>) -> tensor<4096xf32> {
  %aa = stablehlo.multiply %a, %a : tensor<4096xf32>
  %bb = stablehlo.multiply %b, %b : tensor<4096xf32>
  %s = stablehlo.add OPERANDS : tensor<4096xf32>
  return %s : tensor<4096xf32>
}
"""


def fma_probe(work: Path) -> dict:
    """Whether the plugin's results depend on the operand order of an add:
    a*a + b*b and b*b + a*a, equal in IEEE 754, differ on XLA CPU when it
    contracts a multiply and an add into a fused multiply-add. Then an exact
    rewrite (commuting an add) can change the bits a module computes."""
    directory = work / "fma-probe"
    rng = np.random.default_rng(0)
    flags = save_inputs([rng.standard_normal(4096, dtype=np.float32) for _ in range(2)], directory / "inputs")
    results = []
    for order in ("%aa, %bb", "%bb, %aa"):
        module = directory / f"probe{len(results)}.mlir"
        module.write_text(FMA_PROBE.replace("OPERANDS", order))
        results.append(run_module(module, flags, 1, directory / f"out{len(results)}"))
    if any(isinstance(r, str) for r in results):
        return {"error": next(r for r in results if isinstance(r, str))}
    differ = int(np.sum(results[0][0].view(np.uint32) != results[1][0].view(np.uint32)))
    return {
        "program": "a*a + b*b vs b*b + a*a, f32[4096], standard normal inputs (seed 0)",
        "elements_differing": differ,
        "elements": 4096,
    }


FTZ_PROBE = """func.func @main(%x: tensor<2xf32>, %y: tensor<2xf32>) -> tensor<2xf32> {
  %p = stablehlo.multiply %x, %y : tensor<2xf32>
  return %p : tensor<2xf32>
}
"""


def ftz_probe(work: Path) -> dict:
    """Whether the plugin flushes subnormals to zero: x * y with x the
    smallest f32 subnormal (and its negative) and y = 1 given at run time.
    Then removing an op (x * 1 -> x) changes the bits on a subnormal, which
    the stress set 'special' holds."""
    directory = work / "ftz-probe"
    tiny = np.finfo(np.float32).smallest_subnormal
    flags = save_inputs([np.array([tiny, -tiny], np.float32), np.ones(2, np.float32)], directory / "inputs")
    module = directory / "probe.mlir"
    module.write_text(FTZ_PROBE)
    got = run_module(module, flags, 1, directory / "out")
    if isinstance(got, str):
        return {"error": got}
    return {
        "program": "x * y, x = ±(smallest f32 subnormal), y = 1 at run time",
        "outputs": [str(v) for v in got[0]],
        "flushes_subnormals": bool(np.all(got[0] == 0)),
    }


# ---------------------------------------------------------------------------
# Stress inputs


STRESS_KINDS = ("wide", "special", "large")
STRESS_SEED = 13  # with the set's number and the argument's position: np.random.default_rng([13, set, arg])
STRESS_SPECIAL_FRACTION = 0.1
STRESS_DEFINITION = (
    "Input sets derived from the corpus inputs of each module (same dtypes and shapes; for vjp the "
    "cotangents too). Integer and bool arrays are kept as they are (they are often indices). Floating "
    "arrays are replaced (a complex array's real and imaginary parts each the same way): "
    "wide: random sign, magnitude 2**u with u uniform in [-s, s], s = max(8, maxexp*5//16) "
    "(f16 8, bf16/f32 40, f64 320), so that products of a few overflow or underflow; "
    "special: the corpus values with max(1, round(10%)) of the elements of every array of 2 or more "
    "elements (positions drawn at random) replaced by -0.0, +0.0, +inf, -inf, nan, the smallest "
    "subnormal, the largest finite value and its negative, in turn from a random start "
    "(1-element arrays are kept); "
    "large: the corpus values times 2**(maxexp - e), e the exponent of the array's largest finite "
    "magnitude (frexp), so that it lies in the top binade [2**(maxexp-1), 2**maxexp): x+x and x*x "
    "overflow for it, x+x+x+x for every element above a quarter of it (an exact scaling; an array of "
    "zeros is kept). Sets beyond the first three repeat the kinds with other seeds (large: scaled "
    "2**(-2r) lower in the r-th repeat). "
    "Equal: every output has the same dtype, shape and bits, except that any NaN equals any NaN "
    "(IEEE 754 does not specify a NaN's sign and payload); -0.0 and +0.0 differ. Where the plugin "
    "flushes subnormals to zero (ftz_probe), removing an op on the smallest subnormal (x * 1 -> x) "
    "changes the bits too, so 'JAX 0.0, got 1e-45' need not be a law that is wrong in IEEE 754. A set on which "
    "JAX's module does not run is skipped for that module; an optimized module that does not run on "
    "a set where JAX's ran is not exact."
)


def float_info(dtype: np.dtype) -> np.finfo | None:
    """The floating-point parameters of a float or complex dtype (of its
    parts), or None for integers, bools and anything else."""
    try:
        return np.finfo(dtype)
    except (TypeError, ValueError):
        return None


def stress_set_names(count: int) -> list[str]:
    """wide, special, large, then wide2, special2, large2, ..."""
    names = []
    for i in range(count):
        repeat = i // len(STRESS_KINDS)
        names.append(STRESS_KINDS[i % len(STRESS_KINDS)] + (str(repeat + 1) if repeat else ""))
    return names


def stress_floats(values: np.ndarray, info: np.finfo, kind: str, repeat: int, rng: np.random.Generator) -> np.ndarray:
    """One stress kind applied to float values (as float64, the dtype's
    values); returns float64 values to cast back to the dtype."""
    if kind == "wide":
        span = max(8, info.maxexp * 5 // 16)
        sign = np.where(rng.random(values.shape) < 0.5, -1.0, 1.0)
        return sign * np.exp2(rng.uniform(-span, span, values.shape))
    if kind == "special":
        out = values.copy()
        flat = out.reshape(-1)
        if flat.size < 2:
            return out
        specials = np.array(
            [-0.0, 0.0, np.inf, -np.inf, np.nan, float(info.smallest_subnormal), float(info.max), -float(info.max)]
        )
        k = max(1, round(flat.size * STRESS_SPECIAL_FRACTION))
        positions = rng.choice(flat.size, size=k, replace=False)
        start = int(rng.integers(len(specials)))
        flat[positions] = specials[(start + np.arange(k)) % len(specials)]
        return out
    if kind == "large":
        finite = np.abs(values[np.isfinite(values)])
        if finite.size == 0 or finite.max() == 0:
            return values.copy()
        _, exponent = np.frexp(finite.max())
        return np.ldexp(values, int(info.maxexp) - int(exponent) - 2 * repeat)
    raise ValueError(f"unknown stress kind {kind!r}")


def stress_array(array: np.ndarray, kind: str, repeat: int, rng: np.random.Generator) -> np.ndarray:
    """One input array under one stress kind: integer and bool arrays kept,
    float arrays (complex: each part) replaced."""
    info = float_info(array.dtype)
    if info is None:
        return array.copy()
    with np.errstate(over="ignore"):
        if not np.iscomplexobj(array):
            return stress_floats(array.astype(np.float64), info, kind, repeat, rng).astype(array.dtype)
        out = np.empty_like(array)
        for part in ("real", "imag"):
            values = getattr(array, part).astype(np.float64)
            setattr(out, part, stress_floats(values, info, kind, repeat, rng).astype(array.real.dtype))
        return out


def stress_inputs(arrays: list[np.ndarray], count: int) -> list[tuple[str, list[np.ndarray]]]:
    """The `count` stress input sets of a module, as (name, arrays)."""
    sets = []
    for number, name in enumerate(stress_set_names(count)):
        kind, repeat = STRESS_KINDS[number % len(STRESS_KINDS)], number // len(STRESS_KINDS)
        stressed = [
            stress_array(array, kind, repeat, np.random.default_rng([STRESS_SEED, number, position]))
            for position, array in enumerate(arrays)
        ]
        sets.append((name, stressed))
    return sets


def differing_elements(ref: np.ndarray, out: np.ndarray) -> np.ndarray:
    """A flat mask of the elements whose bits differ, any NaN equal to any
    NaN (for complex, an element differs when either part does)."""
    info = float_info(ref.dtype)
    if info is None:
        return ref.reshape(-1) != out.reshape(-1)
    parts = 2 if np.iscomplexobj(ref) else 1
    part_dtype = ref.real.dtype if parts == 2 else ref.dtype
    unsigned = np.dtype(f"u{part_dtype.itemsize}")
    r = np.ascontiguousarray(ref).reshape(-1).view(part_dtype)
    o = np.ascontiguousarray(out).reshape(-1).view(part_dtype)
    differ = (r.view(unsigned) != o.view(unsigned)) & ~(np.isnan(r) & np.isnan(o))
    return differ.reshape(-1, parts).any(axis=1)


def stress_mismatch(reference: list[np.ndarray], got: list | str) -> str | None:
    """None when `got` equals JAX's outputs as the stress sets count it
    (bits, any NaN equal to any NaN); else a short description: the first
    differing element, and the size of the errors as compare gives it
    (over all outputs, finite elements)."""
    if isinstance(got, str):
        return "did not run: " + " ".join(got.split())[:300]
    if len(got) != len(reference):
        return f"{len(got)} outputs, JAX's module has {len(reference)}"
    for i, (ref, out) in enumerate(zip(reference, got)):
        if ref.dtype != out.dtype or ref.shape != out.shape:
            return f"output {i}: {out.dtype}{list(out.shape)}, JAX gives {ref.dtype}{list(ref.shape)}"
        differ = differing_elements(ref, out)
        if differ.any():
            first = int(np.argmax(differ))
            index = [int(j) for j in np.unravel_index(first, ref.shape)] if ref.shape else []
            text = (
                f"output {i}: {int(differ.sum())} of {differ.size} elements differ, "
                f"first at {index}: JAX {ref.reshape(-1)[first]!s}, got {out.reshape(-1)[first]!s}"
            )
            with np.errstate(all="ignore"):
                errors = compare(reference, got)
            if errors.get("max_abs_err_over_max_abs"):
                text += f"; max |out - jax| / max |jax| {errors['max_abs_err_over_max_abs']:.1e}"
            if errors.get("nonfinite_mismatches"):
                text += f"; {errors['nonfinite_mismatches']} non-finite mismatches"
            return text
    return None


def stress_module(
    source: Path, arrays: list[np.ndarray], paths: dict[str, Path], n_outputs: int, out_dir: Path, count: int
) -> tuple[dict, dict]:
    """Runs JAX's module and every optimized module (paths: variant -> its
    module) on the module's stress input sets and compares them.

    Returns ({variant: {"sets", "bit_exact_sets", "mismatches", "first_mismatch"}},
    {"sets": names, "jax_errors": {set: error}}). An optimized module whose text
    is the same as another variant's runs once per set."""
    results = {v: {"sets": 0, "bit_exact_sets": 0, "mismatches": {}} for v in paths}
    jax_errors = {}
    names = []
    for name, stressed in stress_inputs(arrays, count):
        names.append(name)
        set_dir = out_dir / f"stress-{name}"
        flags = save_inputs(stressed, set_dir / "inputs")
        reference = run_module(source, flags, n_outputs, set_dir / "out-jax")
        if isinstance(reference, str):
            jax_errors[name] = clean_error(reference, out_dir)
            continue
        outputs_by_text: dict[str, list | str] = {}
        for variant, path in paths.items():
            text = path.read_text()
            if text not in outputs_by_text:
                outputs_by_text[text] = run_module(path, flags, n_outputs, set_dir / f"out-{variant}")
            got = outputs_by_text[text]
            mismatch = stress_mismatch(reference, clean_error(got, out_dir) if isinstance(got, str) else got)
            results[variant]["sets"] += 1
            if mismatch is None:
                results[variant]["bit_exact_sets"] += 1
            else:
                results[variant]["mismatches"][name] = mismatch
    for result in results.values():
        first = next((n for n in names if n in result["mismatches"]), None)
        result["first_mismatch"] = f"{first}: {result['mismatches'][first]}" if first else None
    return results, {"sets": names, "jax_errors": jax_errors}


def stress_exact(module: dict, variant: str) -> bool | None:
    """Whether a variant is bit-exact on the corpus inputs and every stress
    set JAX's module ran on (None when the module has no stress results)."""
    if "stress_inputs" not in module:
        return None
    stress = module["stress"].get(variant)
    return module["run"][variant].get("bit_exact") is True and stress is not None and stress["bit_exact_sets"] == stress["sets"]


# ---------------------------------------------------------------------------
# Part 1: the corpus


def corpus_modules(only: str | None) -> list[tuple[Path, str]]:
    """(case folder, kind) of every corpus module, sorted; `only` selects a
    case (NAME) or one module (NAME/KIND)."""
    modules = []
    for case in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        for kind in KINDS:
            if (case / f"{kind}.stablehlo.mlir").exists():
                if only is None or only in (case.name, f"{case.name}/{kind}"):
                    modules.append((case, kind))
    return modules


def bench_module(case: Path, kind: str, work: Path, stress_sets: int = 3) -> dict:
    """Everything the report says about one corpus module (with its
    `stress_sets` stress input sets; 0: none)."""
    name = f"{case.name}/{kind}"
    log(f"{name}")
    source = case / f"{kind}.stablehlo.mlir"
    out_dir = work / case.name / kind
    out_dir.mkdir(parents=True, exist_ok=True)
    meta = json.loads((case / "meta.json").read_text())
    expected = json.loads((case / "expected.json").read_text())
    n_outputs = len(expected[kind]["outputs"])
    arrays = corpus_arrays(case, kind)
    input_flags = save_inputs(arrays, out_dir / "inputs")

    entry = {
        "name": case.name,
        "kind": kind,
        "ops": {},
        "op_counts": {},
        "time_ms": {},
        "run": {},
        "errors": {},
        "jaxr_simplify": {},
    }
    jax_count = count_ops(source.read_text())
    entry["ops"]["jax"] = jax_count.get("total")
    entry["op_counts"]["jax"] = jax_count.get("by_op")
    check = meta_op_total(meta, kind)
    if check is not None and check != jax_count.get("total"):
        entry["errors"]["jax_count"] = f"count_ops gives {jax_count.get('total')}, meta.json's census {check}"

    reference = run_module(source, input_flags, n_outputs, out_dir / "out-jax")
    if isinstance(reference, str):
        entry["errors"]["jax_run"] = reference

    optimized = run_enzyme(source, out_dir)
    for variant in (*JAXR_OPTIMIZE, CONTROL):
        optimized[variant] = run_jaxr(source, out_dir, variant)
        if "stats" in optimized[variant]:
            entry["jaxr_simplify"][variant] = optimized[variant]["stats"]

    for variant in (*VARIANTS, CONTROL):
        result = optimized[variant]
        if "error" in result:
            entry["ops"][variant] = None
            entry["op_counts"][variant] = None
            entry["time_ms"][variant] = None
            entry["run"][variant] = {"bit_exact": None, "error": "not optimized"}
            entry["errors"][variant] = result["error"]
            continue
        entry["time_ms"][variant] = result["time_ms"]
        counted = count_ops(result["path"].read_text())
        entry["ops"][variant] = counted.get("total")
        entry["op_counts"][variant] = counted.get("by_op")
        if "error" in counted:
            entry["errors"][f"{variant}_count"] = counted["error"]
        if isinstance(reference, str):
            entry["run"][variant] = {"bit_exact": None, "error": "JAX's module did not run"}
        else:
            got = run_module(result["path"], input_flags, n_outputs, out_dir / f"out-{variant}")
            entry["run"][variant] = compare(reference, got)

    if stress_sets:
        # Every variant that ran on the corpus inputs (so JAX's module ran too).
        ran = {v: optimized[v]["path"] for v in (*VARIANTS, CONTROL) if entry["run"][v].get("bit_exact") is not None}
        if isinstance(reference, str):
            entry["stress"] = {}
            entry["stress_inputs"] = {"sets": stress_set_names(stress_sets), "skipped": "JAX's module did not run"}
        else:
            entry["stress"], entry["stress_inputs"] = stress_module(source, arrays, ran, n_outputs, out_dir, stress_sets)
    return entry


def tally(modules: list[dict]) -> dict:
    """Totals and comparisons over the corpus modules."""
    totals = {}
    for column in ("jax", *VARIANTS, CONTROL):
        values = [m["ops"][column] for m in modules]
        totals[column] = {
            "ops": sum(v for v in values if v is not None),
            "modules_counted": sum(v is not None for v in values),
        }
    for variant in (*VARIANTS, CONTROL):
        runs = [m["run"][variant] for m in modules]
        totals[variant].update(
            bit_exact=sum(r.get("bit_exact") is True for r in runs),
            not_bit_exact=sum(r.get("bit_exact") is False for r in runs),
            failed=sum(r.get("bit_exact") is None for r in runs),
            time_ms=round(sum(m["time_ms"][variant] or 0.0 for m in modules), 3),
        )
    versus = {
        tier: compare_ops(modules, ours, theirs)
        for tier, (ours, theirs) in {"exact": ("jaxr", "enzyme"), "fast_math": ("jaxr_fast", "enzyme_fast")}.items()
    }
    limited = sorted(
        f"{m['name']}/{m['kind']} ({v})"
        for m in modules
        for v, stats in m["jaxr_simplify"].items()
        if stats["time_limited"]
    )
    result = {"totals": totals, "jaxr_vs_enzyme": versus, "jaxr_time_limited": limited}
    if any("stress_inputs" in m for m in modules):
        for variant in (*VARIANTS, CONTROL):
            totals[variant]["bit_exact_with_stress"] = sum(stress_exact(m, variant) is True for m in modules)
        result["stress"] = stress_tally(modules)
    return result


def compare_ops(modules: list[dict], ours: str, theirs: str) -> dict:
    """How many of `modules` the jaxr variant `ours` leaves with fewer, equal
    or more ops than the Enzyme-JAX variant `theirs` (and which)."""
    groups: dict[str, list[str]] = {"fewer": [], "equal": [], "more": [], "incomparable": []}
    for m in modules:
        a, b = m["ops"][ours], m["ops"][theirs]
        key = "incomparable" if a is None or b is None else "fewer" if a < b else "equal" if a == b else "more"
        groups[key].append(f"{m['name']}/{m['kind']}")
    return {
        "jaxr": ours,
        "enzyme": theirs,
        "modules": len(modules),
        "jaxr_fewer_ops": len(groups["fewer"]),
        "equal_ops": len(groups["equal"]),
        "jaxr_more_ops": len(groups["more"]),
        "incomparable": len(groups["incomparable"]),
        "modules_jaxr_fewer": groups["fewer"],
        "modules_jaxr_more": groups["more"],
        "modules_incomparable": groups["incomparable"],
    }


def stress_tally(modules: list[dict]) -> dict:
    """What the stress input sets say over the corpus modules.

    exact_tier_enzyme_stress_exact: jaxr vs enzyme over the modules where
    enzyme's result is bit-exact on the corpus inputs and every stress set; fast_math:
    jaxr_fast vs enzyme_fast over every module, with how many modules each
    keeps bit-exact; corpus_exact_not_stress_exact: per variant, the modules
    bit-exact on the corpus inputs but not on every stress set;
    jaxr_not_stress_exact: every module where the exact tier jaxr differs
    from JAX's module on a stress set (a law that is not exact in IEEE 754,
    or the plugin's contraction into fused multiply-adds), with the first
    mismatch; jax_errors: the sets JAX's own module did not run on (skipped).
    """
    enzyme_exact = [m for m in modules if stress_exact(m, "enzyme")]
    fast = compare_ops(modules, "jaxr_fast", "enzyme_fast")
    fast.update(
        jaxr_bit_exact_with_stress=sum(stress_exact(m, "jaxr_fast") is True for m in modules),
        enzyme_bit_exact_with_stress=sum(stress_exact(m, "enzyme_fast") is True for m in modules),
    )
    not_stress_exact = {
        v: sorted(
            f"{m['name']}/{m['kind']}: {m['stress'][v]['first_mismatch']}"
            for m in modules
            if m["run"][v].get("bit_exact") is True and v in m.get("stress", {}) and not stress_exact(m, v)
        )
        for v in (*VARIANTS, CONTROL)
    }
    jaxr_bad = sorted(
        f"{m['name']}/{m['kind']} (corpus inputs: {'bit-exact' if m['run']['jaxr'].get('bit_exact') else 'not bit-exact'}): "
        f"{m['stress']['jaxr']['first_mismatch']}"
        for m in modules
        if "jaxr" in m.get("stress", {}) and m["stress"]["jaxr"]["bit_exact_sets"] < m["stress"]["jaxr"]["sets"]
    )
    jax_errors = sorted(
        f"{m['name']}/{m['kind']}: {name}: {' '.join(error.split())[:300]}"
        for m in modules
        for name, error in m.get("stress_inputs", {}).get("jax_errors", {}).items()
    )
    return {
        "exact_tier_enzyme_stress_exact": compare_ops(enzyme_exact, "jaxr", "enzyme"),
        "fast_math": fast,
        "corpus_exact_not_stress_exact": not_stress_exact,
        "jaxr_not_stress_exact": jaxr_bad,
        "jax_errors": jax_errors,
    }


# ---------------------------------------------------------------------------
# Part 2: slack (programs where XLA leaves work on the table)

N = 1024
SLACK_PROGRAMS = {
    # name: (description, argument shapes, JAX function source, hand-rewritten source)
    "matrix_chain": (
        "(A@B)@v, A, B 1024x1024, v 1024; target A@(B@v)",
        [(N, N), (N, N), (N,)],
        "lambda a, b, v: (a @ b) @ v",
        "lambda a, b, v: a @ (b @ v)",
    ),
    "low_rank": (
        "(u@w.T)@x, u, w 1024x16, x 1024x1024; target u@(w.T@x)",
        [(N, 16), (N, 16), (N, N)],
        "lambda u, w, x: (u @ w.T) @ x",
        "lambda u, w, x: u @ (w.T @ x)",
    ),
    "shared_operand": (
        "A@x + A@y, all 1024x1024; target A@(x+y)",
        [(N, N), (N, N), (N, N)],
        "lambda a, x, y: a @ x + a @ y",
        "lambda a, x, y: a @ (x + y)",
    ),
    "sum_of_dot": (
        "sum(A@B), A, B 1024x1024; target sum(A, 0)@sum(B, 1)",
        [(N, N), (N, N)],
        "lambda a, b: jnp.sum(a @ b)",
        "lambda a, b: jnp.sum(a, axis=0) @ jnp.sum(b, axis=1)",
    ),
}
SLACK_VARIANTS = ("jax", "enzyme_fast", "jaxr_fast", "target")


def export_jax(source: str, shapes: list[tuple]) -> str:
    """The StableHLO JAX exports for `source` (a lambda) on f32 arguments."""
    import jax
    import jax.numpy as jnp

    function = eval(source, {"jnp": jnp})  # the benchmark's own fixed sources
    args = [jax.ShapeDtypeStruct(shape, jnp.float32) for shape in shapes]
    return jax.jit(function).lower(*args).as_text()


def bench_slack(work: Path, rounds: int, runs: int, warmup: int) -> list[dict]:
    """Times JAX's module, the fast-math optimizers' modules and the target."""
    table = []
    for name, (description, shapes, source, target) in SLACK_PROGRAMS.items():
        log(f"slack {name}")
        out_dir = work / "slack" / name
        out_dir.mkdir(parents=True, exist_ok=True)
        rng = np.random.default_rng(0)
        arrays = [rng.standard_normal(shape, dtype=np.float32) for shape in shapes]
        input_flags = save_inputs(arrays, out_dir / "inputs")
        paths = {"jax": out_dir / "jax.mlir", "target": out_dir / "target.mlir"}
        paths["jax"].write_text(export_jax(source, shapes))
        paths["target"].write_text(export_jax(target, shapes))
        row = {"name": name, "program": description, "ops": {}, "errors": {}, "time_ms": {}, "run": {}}
        enzyme = run_enzyme(paths["jax"], out_dir)["enzyme_fast"]
        jaxr = run_jaxr(paths["jax"], out_dir, "jaxr_fast")
        if "stats" in jaxr:
            row["jaxr_simplify"] = jaxr["stats"]
        for variant, result in (("enzyme_fast", enzyme), ("jaxr_fast", jaxr)):
            if "error" in result:
                row["errors"][variant] = result["error"]
            else:
                paths[variant] = result["path"]
        for variant, path in paths.items():
            counted = count_ops(path.read_text())
            row["ops"][variant] = counted.get("total")
            row.setdefault("dot_general", {})[variant] = (counted.get("by_op") or {}).get("stablehlo.dot_general", 0)
        samples: dict[str, list[float]] = {v: [] for v in paths}
        outputs: dict[str, list | str] = {}
        for _ in range(rounds):  # alternate the variants, round after round
            for variant in SLACK_VARIANTS:
                if variant not in paths or isinstance(outputs.get(variant), str):
                    continue
                timing = out_dir / f"timing-{variant}.json"
                got = run_module(
                    paths[variant],
                    input_flags,
                    1,
                    out_dir / f"out-{variant}",
                    extra=(f"--benchmark={runs}", f"--warmup={warmup}", f"--benchmark-json={timing}"),
                )
                outputs[variant] = got
                if not isinstance(got, str):
                    samples[variant] += json.loads(timing.read_text())["runs_ms"]
        for variant in paths:
            if isinstance(outputs.get(variant), str):
                row["errors"][f"{variant}_run"] = outputs[variant]
                row["time_ms"][variant] = None
            else:
                row["time_ms"][variant] = round(statistics.median(samples[variant]), 3)
                row.setdefault("min_ms", {})[variant] = round(min(samples[variant]), 3)
        base = row["time_ms"].get("jax")
        row["speedup"] = {
            v: (round(base / t, 2) if base and t else None) for v, t in row["time_ms"].items() if v != "jax"
        }
        # Minimum times too: on a shared machine the CPU plugin sometimes runs
        # a whole batch several times slower (a bimodal slow mode), which
        # moves medians but rarely the minimum.
        base_min = row.get("min_ms", {}).get("jax")
        row["speedup_min"] = {
            v: (round(base_min / t, 2) if base_min and t else None)
            for v, t in row.get("min_ms", {}).items()
            if v != "jax"
        }
        reference = outputs.get("jax")
        if isinstance(reference, list):
            row["run"] = {v: compare(reference, outputs[v]) for v in paths if v != "jax" and v in outputs}
        table.append(row)
    return table


# ---------------------------------------------------------------------------
# Versions, machine, report


def versions() -> dict:
    """Versions of every tool the numbers depend on."""
    return benchlib.versions(JAXR_OPT, JAXR_RUN, ("enzyme-ad", "jax", "jaxlib", "numpy"))


def process_startup_ms() -> float:
    """jaxr-opt's start-up and exit (--version), median of 5: part of every
    jaxr time, none of Enzyme-JAX's (which runs in-process)."""
    return median_ms([timed([str(JAXR_OPT), "--version"])[1] for _ in range(5)])


def fmt(value, digits: int = 1) -> str:
    """A table cell."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def exact_cell(run: dict) -> str:
    """A bit-exactness cell: ✓, ✗ (max_abs_err_over_max_abs) or 'fail'."""
    if run.get("bit_exact") is True:
        return "✓"
    if run.get("bit_exact") is False:
        if "max_abs_err_over_max_abs" in run:
            return f"✗ {run['max_abs_err_over_max_abs']:.0e}"
        return "✗"
    return "fail"


def stress_cell(module: dict, variant: str) -> str:
    """A bit-exactness cell with † when the variant is bit-exact on the
    corpus inputs but not on every stress set."""
    mark = "†" if module["run"][variant].get("bit_exact") is True and stress_exact(module, variant) is False else ""
    return exact_cell(module["run"][variant]) + mark


def table_text(text: str) -> str:
    """Text for a markdown table cell or list item: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def stress_markdown(corpus: dict) -> list[str]:
    """The report's section on the stress input sets."""
    stress, settings = corpus["stress"], corpus["stress_settings"]
    n = len(settings["sets"])
    lines = ["## Stress inputs", ""]
    bad = stress["jaxr_not_stress_exact"]
    if bad:
        lines += [
            f"**⚠ jaxr (exact tier) differs from JAX's module on stress inputs in {len(bad)} module(s)**: "
            "a rewrite that is not exact in IEEE 754 (a bug in jaxr-optimize), unless the plugin's fused "
            "multiply-adds explain it (see the note at the end; compare `jaxr_noopt`).",
            "",
        ]
        lines += [f"- **{table_text(b)}**" for b in bad]
    else:
        lines.append(
            f"jaxr (exact tier) gives JAX's bits (any NaN equal to any NaN) on all {n} stress input sets "
            "of every module it ran on."
        )
    lines += ["", f"Sets: {', '.join(settings['sets'])} (seed {settings['seed']}). {settings['definition']}", ""]
    lines += [
        "| comparison | modules | jaxr fewer ops | equal | jaxr more ops | incomparable |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    exact, fast = stress["exact_tier_enzyme_stress_exact"], stress["fast_math"]
    rows = (
        (
            f"exact ({exact['jaxr']} vs {exact['enzyme']}), over the modules where {exact['enzyme']} "
            "is bit-exact on the corpus and stress inputs",
            exact,
        ),
        (
            f"fast_math ({fast['jaxr']} vs {fast['enzyme']}), all modules; bit-exact on the corpus and stress inputs: "
            f"{fast['jaxr']} {fast['jaxr_bit_exact_with_stress']}, {fast['enzyme']} {fast['enzyme_bit_exact_with_stress']}",
            fast,
        ),
    )
    for label, v in rows:
        lines.append(f"| {label} | {v['modules']} | {v['jaxr_fewer_ops']} | {v['equal_ops']} | {v['jaxr_more_ops']} | {v['incomparable']} |")
    if exact["modules_jaxr_more"]:
        lines += ["", f"exact tier, {exact['enzyme']} bit-exact, jaxr more ops: " + ", ".join(exact["modules_jaxr_more"])]
    flagged = [
        (f"{m['name']}/{m['kind']}", v, m["stress"][v])
        for m in corpus["modules"]
        for v in (*VARIANTS, CONTROL)
        if m["run"][v].get("bit_exact") is True and stress_exact(m, v) is False
    ]
    if flagged:
        lines += [
            "",
            "Bit-exact on the corpus inputs, not on the stress inputs († in the per-module table):",
            "",
            "| module | variant | stress sets bit-exact | first mismatch |",
            "|---|---|---:|---|",
        ]
        for label, v, r in flagged:
            lines.append(f"| {label} | {v} | {r['bit_exact_sets']}/{r['sets']} | {table_text(r['first_mismatch'] or '')} |")
    if stress["jax_errors"]:
        lines += ["", "JAX's module did not run on these stress sets (skipped for the module):", ""]
        lines += [f"- {table_text(e)}" for e in stress["jax_errors"]]
    return lines + [""]


def ops_cell(module: dict, column: str) -> str:
    """An op-count cell; ⏱ marks a jaxr result that a time limit stopped."""
    mark = "⏱" if module["jaxr_simplify"].get(column, {}).get("time_limited") else ""
    return fmt(module["ops"][column]) + mark


def markdown(report: dict) -> str:
    """report.md: the report as tables."""
    lines = ["# jaxr-optimize vs Enzyme-JAX: op counts, bit-exactness, optimizer time", ""]
    lines += [
        "Generated by `bench/simplify/run` (see README.md). Times vary from run to run; everything else is deterministic.",
        "",
        f"**Ops**: {report['op_count_definition']}",
        "",
        "Pipelines:",
        "",
    ]
    for k, v in sorted(report["pipelines"].items()):
        lines.append(f"- `{k}`: `{v}`")
    lines += ["", "(jaxr-optimize runs with `stats=true` added, which only prints its statistics: `jaxr_simplify` in report.json.)", ""]
    if "corpus" in report:
        corpus = report["corpus"]
        totals = corpus["totals"]
        lines += ["## Corpus totals", "", f"{len(corpus['modules'])} modules.", ""]
        lines += [
            "| | jax | enzyme | enzyme_fast | jaxr | jaxr_fast | jaxr_noopt (control) |",
            "|---|---:|---:|---:|---:|---:|---:|",
            "| ops (sum) | " + " | ".join(fmt(totals[c]["ops"]) for c in ("jax", *VARIANTS, CONTROL)) + " |",
            "| modules counted | " + " | ".join(fmt(totals[c]["modules_counted"]) for c in ("jax", *VARIANTS, CONTROL)) + " |",
        ]
        rows = [("bit_exact", "bit-exact vs JAX")]
        if "stress_settings" in corpus:
            n = len(corpus["stress_settings"]["sets"])
            rows.append(("bit_exact_with_stress", f"bit-exact vs JAX on the corpus and {n} stress input sets"))
        rows += [("not_bit_exact", "not bit-exact"), ("failed", "failed (optimizer or run)")]
        for key, label in rows:
            lines.append(f"| {label} | — | " + " | ".join(fmt(totals[v][key]) for v in (*VARIANTS, CONTROL)) + " |")
        lines.append("| optimizer time, ms (sum of medians) | — | " + " | ".join(fmt(totals[v]["time_ms"]) for v in (*VARIANTS, CONTROL)) + " |")
        lines += [
            "",
            f"jaxr times include jaxr-opt's process start-up, {fmt(report['jaxr_opt_startup_ms'], 1)} ms per module; Enzyme-JAX's are in-process calls. "
            "`jaxr_noopt` is the control: jaxr's round trip (raise, inline, symbol-dce, lower) without jaxr-optimize.",
            "",
        ]
        if corpus["jaxr_time_limited"]:
            lines += [
                "jaxr-simplify stopped on a time limit (so the result depends on the machine's speed; ⏱ below): "
                + ", ".join(corpus["jaxr_time_limited"]),
                "",
            ]
        lines += ["| tier | jaxr fewer ops | equal | jaxr more ops | incomparable |", "|---|---:|---:|---:|---:|"]
        for tier, v in sorted(corpus["jaxr_vs_enzyme"].items()):
            lines.append(f"| {tier} ({v['jaxr']} vs {v['enzyme']}) | {v['jaxr_fewer_ops']} | {v['equal_ops']} | {v['jaxr_more_ops']} | {v['incomparable']} |")
        lines.append("")
        if "stress_settings" in corpus:
            lines += stress_markdown(corpus)
        lines += ["## Per module", ""]
        lines += [
            "Ops per column; bit-exact: ✓ identical bits to JAX's module on the CPU plugin (corpus inputs), ✗ not (max |out − jax| / max |jax|), fail: did not optimize or run; "
            "† bit-exact on the corpus inputs but not on every stress input set. Times: optimizer wall time in ms, median of 3.",
            "",
            "| module | jax | enzyme | enzyme_fast | jaxr | jaxr_fast | exact: enzyme | enzyme_fast | jaxr | jaxr_fast | ms: enzyme | enzyme_fast | jaxr | jaxr_fast |",
            "|---|---:|---:|---:|---:|---:|:-:|:-:|:-:|:-:|---:|---:|---:|---:|",
        ]
        for m in corpus["modules"]:
            lines.append(
                f"| {m['name']}/{m['kind']} | "
                + " | ".join(ops_cell(m, c) for c in ("jax", *VARIANTS))
                + " | "
                + " | ".join(stress_cell(m, v) for v in VARIANTS)
                + " | "
                + " | ".join(fmt(m["time_ms"][v]) for v in VARIANTS)
                + " |"
            )
        more = [(t, v) for t, v in sorted(corpus["jaxr_vs_enzyme"].items()) if v["modules_jaxr_more"]]
        if more:
            lines += ["", "## Modules where jaxr has more ops than Enzyme-JAX", ""]
            by_name = {f"{m['name']}/{m['kind']}": m for m in corpus["modules"]}
            for tier, v in more:
                for label in v["modules_jaxr_more"]:
                    m = by_name[label]
                    lines.append(f"- {tier}: {label}: {v['jaxr']} {m['ops'][v['jaxr']]}, {v['enzyme']} {m['ops'][v['enzyme']]}")
        errors = [(f"{m['name']}/{m['kind']}", k, e) for m in corpus["modules"] for k, e in sorted(m["errors"].items())]
        runs = [
            (f"{m['name']}/{m['kind']}", v, r["error"])
            for m in corpus["modules"]
            for v, r in sorted(m["run"].items())
            if r.get("error") and r["error"] not in ("not optimized",)
        ]
        if errors or runs:
            lines += ["", "## Failures", ""]
            for label, what, text in errors + runs:
                text = text.replace("\n", " ").replace("|", "\\|")
                lines.append(f"- {label} ({what}): {text}")
    if "slack" in report:
        lines += ["", "## Slack: programs where XLA leaves work on the table", ""]
        s = report["slack_settings"]
        lines += [
            f"CPU plugin, f32. Median of {s['rounds']} alternating rounds × {s['runs']} runs (after {s['warmup']} warm-up runs per round) of `jaxr-run --benchmark`; speedup = JAX's time / the variant's; dots: stablehlo.dot_general ops in the module; error vs jax: max |out - jax's| / max |jax's| (0: bit-exact). The second table gives the minimum of the same runs: on a shared machine the plugin sometimes runs a whole batch several times slower, which moves medians but rarely minima.",
            "",
            "| program | ms: jax | enzyme_fast | jaxr_fast | target | speedup: enzyme_fast | jaxr_fast | target | dots: jax | enzyme_fast | jaxr_fast | target | error vs jax: enzyme_fast | jaxr_fast | target |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in report["slack"]:
            t, sp, d = row["time_ms"], row["speedup"], row.get("dot_general", {})
            cells = [fmt(t.get(v), 2) for v in SLACK_VARIANTS]
            cells += [fmt(sp.get(v), 2) + ("×" if sp.get(v) else "") for v in SLACK_VARIANTS[1:]]
            cells += [fmt(d.get(v)) for v in SLACK_VARIANTS]
            rel = []
            for v in SLACK_VARIANTS[1:]:
                r = row["run"].get(v)
                rel.append("—" if r is None else ("0 (bit-exact)" if r.get("bit_exact") else f"{r['max_abs_err_over_max_abs']:.1e}" if "max_abs_err_over_max_abs" in r else "fail"))
            lines.append(f"| {row['name']}: {row['program']} | " + " | ".join(cells + rel) + " |")
        lines += [
            "",
            "| program | min ms: jax | enzyme_fast | jaxr_fast | target | speedup (min): enzyme_fast | jaxr_fast | target | jaxr_fast / target |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in report["slack"]:
            m, sp = row.get("min_ms", {}), row.get("speedup_min", {})
            cells = [fmt(m.get(v), 2) for v in SLACK_VARIANTS]
            cells += [fmt(sp.get(v), 2) + ("×" if sp.get(v) else "") for v in SLACK_VARIANTS[1:]]
            j, t = m.get("jaxr_fast"), m.get("target")
            cells.append(f"{j / t:.2f}" if j and t else "—")
            lines.append(f"| {row['name']} | " + " | ".join(cells) + " |")
        slack_errors = [(row["name"], k, e) for row in report["slack"] for k, e in sorted(row["errors"].items())]
        if slack_errors:
            lines += [""]
            for name, what, text in slack_errors:
                lines.append(f"- {name} ({what}): " + text.replace("\n", " "))
    probe = report.get("fma_probe", {})
    if "elements_differing" in probe:
        lines += [
            "",
            "## Note: bit-exactness on XLA CPU",
            "",
            f"On this plugin {probe['program']} differ in {probe['elements_differing']} of {probe['elements']} elements"
            + (
                ": XLA CPU contracts multiplies and adds into fused multiply-adds, so a rewrite that is exact in "
                "IEEE 754 (commuting an add, sharing a common subexpression) can still change the bits. "
                "'Not bit-exact' above is not by itself a wrong law."
                if probe["elements_differing"]
                else "."
            ),
        ]
    ftz = report.get("ftz_probe", {})
    if "flushes_subnormals" in ftz:
        lines += [
            "",
            f"{ftz['program']} gives {', '.join(ftz['outputs'])}: "
            + (
                "the plugin flushes subnormals to zero, so removing an op on a subnormal (x * 1 -> x) changes "
                "the bits too (the stress set 'special' holds the smallest subnormal)."
                if ftz["flushes_subnormals"]
                else "the plugin keeps subnormals."
            ),
        ]
    lines += ["", "## Versions and machine", ""]
    for k, v in sorted({**report["versions"], **{f"machine.{k}": v for k, v in report["machine"].items()}}.items()):
        lines.append(f"- {k}: {v}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="run the corpus part on one case (NAME) or module (NAME/KIND) only")
    parser.add_argument("--skip-slack", action="store_true", help="skip the slack part")
    parser.add_argument("--skip-corpus", action="store_true", help="skip the corpus part")
    parser.add_argument(
        "--out",
        help="write PREFIX.json and PREFIX.md (default: bench/simplify/report for a full run; "
        "a partial run writes no files unless given --out, and prints the markdown)",
    )
    parser.add_argument("--keep", help="keep the optimized modules and outputs in this folder")
    parser.add_argument(
        "--stress-sets",
        type=int,
        default=3,
        metavar="N",
        help="run every corpus module on N stress input sets too (wide, special, large, wide2, ...; default 3, 0: none)",
    )
    parser.add_argument("--slack-rounds", type=int, default=3)
    parser.add_argument("--slack-runs", type=int, default=10)
    parser.add_argument("--slack-warmup", type=int, default=2)
    parser.add_argument(
        "--render-only", action="store_true", help="rewrite PREFIX.md from an existing PREFIX.json, running nothing"
    )
    parser.add_argument("--enzyme-worker", nargs=2, metavar=("SOURCE", "OUT_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.enzyme_worker:
        enzyme_worker(Path(args.enzyme_worker[0]), Path(args.enzyme_worker[1]))
        return 0
    if args.stress_sets < 0:
        parser.error("--stress-sets must be 0 or more")
    if args.render_only:
        benchlib.rerender(Path(args.out) if args.out else HERE / "report", markdown)
        return 0
    for tool in (JAXR_OPT, JAXR_RUN):
        if not tool.exists():
            sys.exit(f"{tool} is missing: run `cargo build --release -p jaxr-tools` (bench/simplify/run does)")

    partial = bool(args.only or args.skip_slack or args.skip_corpus)
    out_prefix = Path(args.out) if args.out else (None if partial else HERE / "report")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="jaxr-bench-simplify-"))
    work.mkdir(parents=True, exist_ok=True)
    work = work.resolve()

    report: dict = {
        "op_count_definition": OP_COUNT_DEFINITION,
        "pipelines": {
            "enzyme": "enzyme_ad.jax.full_optimization_pass_pipeline()" + ENZYME_SUFFIX,
            "enzyme_fast": "enzyme_ad.jax.full_optimization_pass_pipeline(no_nan=True, all_finite=True)" + ENZYME_SUFFIX,
            **{v: jaxr_pipeline(v) for v in (*JAXR_OPTIMIZE, CONTROL)},
        },
        "versions": versions(),
        "machine": machine(),
        "jaxr_opt_startup_ms": process_startup_ms(),
    }
    try:
        report["fma_probe"] = fma_probe(work)
        report["ftz_probe"] = ftz_probe(work)
        if not args.skip_corpus:
            modules = [bench_module(case, kind, work, args.stress_sets) for case, kind in corpus_modules(args.only)]
            if not modules:
                sys.exit(f"no corpus module matches --only {args.only!r}")
            report["corpus"] = {"corpus_dir": "../shared/corpus", "modules": modules, **tally(modules)}
            if args.stress_sets > 0:
                report["corpus"]["stress_settings"] = {
                    "sets": stress_set_names(args.stress_sets),
                    "seed": STRESS_SEED,
                    "definition": STRESS_DEFINITION,
                }
        if not args.skip_slack:
            report["slack_settings"] = {"rounds": args.slack_rounds, "runs": args.slack_runs, "warmup": args.slack_warmup}
            report["slack"] = bench_slack(work, args.slack_rounds, args.slack_runs, args.slack_warmup)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    text = markdown(report)
    if out_prefix is None:
        print(text)
    else:
        out_prefix.with_suffix(".json").write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
        out_prefix.with_suffix(".md").write_text(text)
        log(f"wrote {out_prefix.with_suffix('.json')} and {out_prefix.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
