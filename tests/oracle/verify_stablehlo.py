#!/usr/bin/env python3
"""The StableHLO oracle: parses and verifies modules with the real StableHLO
dialect (jaxlib's MLIR bindings). Usage: verify_stablehlo.py FILE... ('-' = stdin).

Each file may hold several modules separated by lines '// -----'. Prints one
line per failing module and exits 1 if any fails; prints 'N passed, 0 failed'.
"""
import sys

from jaxlib.mlir import ir
from jaxlib.mlir._mlir_libs import _jax_mlir_ext
from jaxlib.mlir.dialects import chlo, stablehlo


def modules(path):
    text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    for index, chunk in enumerate(text.split("\n// -----\n")):
        if chunk.strip():
            yield f"{path}#{index}", chunk


def main(paths):
    passed = failed = 0
    for path in paths:
        for name, chunk in modules(path):
            with ir.Context() as context:
                # func, chlo, stablehlo, ... as JAX registers them.
                registry = ir.DialectRegistry()
                _jax_mlir_ext.register_dialects(registry)
                context.append_dialect_registry(registry)
                stablehlo.register_dialect(context)
                chlo.register_dialect(context)
                context.load_all_available_dialects()
                try:
                    module = ir.Module.parse(chunk)
                    if not module.operation.verify():
                        raise ValueError("verification failed")
                    passed += 1
                except Exception as error:  # the oracle's verdict, reported per module
                    failed += 1
                    print(f"{name}: {error}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["-"]))
