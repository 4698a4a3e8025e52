"""What the benchmarks under bench/ share: parsing modules and counting ops
with jaxlib's MLIR bindings, stable error messages, input files for
jaxr-run, writing reports, and the versions and machine a report was made
with. Imported by bench/*/run.py (run with
the benchmark venv's python)."""

from __future__ import annotations

import importlib.metadata
import json
import math
import os
import platform
import subprocess
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent


def clean_error(text: str, work: Path | None = None, limit: int = 1500) -> str:
    """An error message made stable: temporary paths and the home folder
    removed, trimmed."""
    if work is not None:
        text = text.replace(str(work), "<work>")
    text = text.replace(str(REPO), "<repo>").replace(str(Path.home()), "~").strip()
    return text if len(text) <= limit else text[:limit] + " [...]"


def parse_mlir(text: str, read):
    """Parses `text` with jaxlib's MLIR bindings (stablehlo, chlo and sdy
    registered, other dialects allowed) and returns read(module, ir)'s value,
    or {"error": message} when jaxlib cannot parse it."""
    from jaxlib.mlir import ir
    from jaxlib.mlir._mlir_libs import _jax_mlir_ext
    from jaxlib.mlir.dialects import chlo, sdy, stablehlo

    with ir.Context() as context:
        registry = ir.DialectRegistry()
        _jax_mlir_ext.register_dialects(registry)
        context.append_dialect_registry(registry)
        stablehlo.register_dialect(context)
        chlo.register_dialect(context)
        sdy.register_dialect(context)
        context.load_all_available_dialects()
        context.allow_unregistered_dialects = True
        try:
            module = ir.Module.parse(text)
        except Exception as error:  # recorded in the report
            return {"error": f"jaxlib cannot parse the module: {clean_error(str(error))}"}
        return read(module, ir)


def functions_of(module, ir) -> dict:
    """The module's func.func ops by name."""
    found = {}
    for op in module.body.operations:
        op = op.operation
        if op.name == "func.func":
            found[ir.StringAttr(op.attributes["sym_name"]).value] = op
    return found


def op_counts(module, ir, entry: str | None = None) -> dict:
    """count_ops on a parsed module."""
    functions = functions_of(module, ir)
    if entry is not None and entry not in functions:
        return {"error": f"no function @{entry}"}
    counts: dict[str, int] = {}
    seen: set[str] = set()
    todo = [entry] if entry is not None else list(functions)
    while todo:
        name = todo.pop()
        if name in seen or name not in functions:
            continue
        seen.add(name)
        stack = [functions[name]]
        while stack:
            op = stack.pop()
            for region in op.regions:
                for block in region.blocks:
                    ops = [o.operation for o in block.operations]
                    for index, child in enumerate(ops):
                        terminator = index == len(ops) - 1 and child.name.endswith(("return", "yield"))
                        if not terminator and child.name != "func.func":
                            counts[child.name] = counts.get(child.name, 0) + 1
                        if entry is not None and child.name == "func.call":
                            todo.append(ir.FlatSymbolRefAttr(child.attributes["callee"]).value)
                        stack.append(child)
    return {"total": sum(counts.values()), "by_op": dict(sorted(counts.items()))}


def count_ops(text: str, entry: str | None = None) -> dict:
    """Counts the ops inside functions: every op at any depth (region bodies
    included), not `func.func` and not block terminators (`*return`,
    `*yield`); `func.call` counts. With `entry`, only that function and the
    functions it calls (transitively); else every function of the module.

    Returns {"total": N, "by_op": {name: n}} or {"error": message}.
    """
    return parse_mlir(text, lambda module, ir: op_counts(module, ir, entry))


def rerender(prefix: Path, markdown) -> None:
    """Rewrites PREFIX.md from PREFIX.json with `markdown` (--render-only)."""
    prefix.with_suffix(".md").write_text(markdown(json.loads(prefix.with_suffix(".json").read_text())))


def geomean(values: list[float]) -> float | None:
    """The geometric mean of positive ratios (None when there are none)."""
    values = [v for v in values if v]
    return round(math.exp(sum(map(math.log, values)) / len(values)), 4) if values else None


def fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.1f}"


def fmt_bytes(value: int | None) -> str:
    if value is None:
        return "—"
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if value >= size:
            return f"{value / size:.1f} {unit}"
    return f"{value} B"


def write_report(report: dict, text: str, out_prefix: Path | None, log) -> None:
    """Writes PREFIX.json (the report, keys sorted) and PREFIX.md (`text`),
    or prints `text` when there is no prefix."""
    if out_prefix is None:
        print(text)
        return
    out_prefix.parent.mkdir(parents=True, exist_ok=True)
    out_prefix.with_suffix(".json").write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
    out_prefix.with_suffix(".md").write_text(text)
    log(f"wrote {out_prefix.with_suffix('.json')} and {out_prefix.with_suffix('.md')}")


def save_inputs(arrays: list[np.ndarray], directory: Path) -> list[str]:
    """Writes the inputs as .npy files; returns jaxr-run's --input flags."""
    directory.mkdir(parents=True, exist_ok=True)
    flags = []
    for i, array in enumerate(arrays):
        path = directory / f"arg{i}.npy"
        np.save(path, array)
        flags.append(f"--input=@{path}")
    return flags


def first_line(command: list[str]) -> str:
    """The first line a command prints (its version, say), or why not."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        return (done.stdout or done.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired) as error:
        return f"unavailable: {error}"


def versions(jaxr_opt: Path, jaxr_run: Path, packages: tuple[str, ...], plugin_flags: tuple[str, ...] = ()) -> dict:
    """jaxr's commit and tools, the PJRT plugin jaxr-run loads (as its
    --verbose names it), python and the given packages."""
    plugin = "unavailable"
    probe = subprocess.run(
        [str(jaxr_run), "-", "--verbose", "--input=f32=1", *plugin_flags],
        input="func.func @main(%x: tensor<f32>) -> tensor<f32> { return %x : tensor<f32> }",
        capture_output=True,
        text=True,
    )
    for line in probe.stderr.splitlines():
        if "plugin" in line:
            plugin = clean_error(line)
    commit = first_line(["git", "-C", str(REPO), "rev-parse", "HEAD"])
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain"], capture_output=True, text=True).stdout
    return {
        "jaxr_commit": commit + (" (with uncommitted changes)" if dirty.strip() else ""),
        "jaxr_opt": first_line([str(jaxr_opt), "--version"]),
        "jaxr_run": first_line([str(jaxr_run), "--version"]),
        "pjrt_plugin": plugin,
        "python": platform.python_version(),
        **{p.replace("-", "_"): importlib.metadata.version(p) for p in packages},
    }


def machine() -> dict:
    """The machine the times were taken on."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "arch": platform.machine(),
    }
