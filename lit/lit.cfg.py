# -*- Python -*-
# lit configuration of jaxr's FileCheck test suite.
#
# Run with:   lit-22 -v lit            (from the repository root)
# The tools under test (jaxr-opt, jaxr-run) are taken from $JAXR_BIN_DIR when
# it is set, else from <repo>/target/debug (build them with
# `cargo build -p jaxr-tools --bins`). jaxr-run tests need scripts/setup's plugin.

import os
import shutil

import lit.formats

config.name = "jaxr"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
# Inputs/ folders hold files that tests read, not tests.
config.excludes = ["lit.cfg.py", "Output", "Inputs"]

config.test_source_root = os.path.dirname(os.path.abspath(__file__))
# Output/ folders are created next to the tests (ignored by lit/.gitignore).
config.test_exec_root = config.test_source_root

repo_root = os.path.dirname(config.test_source_root)
bin_dir = os.environ.get("JAXR_BIN_DIR") or os.path.join(repo_root, "target", "debug")
jaxr_opt = os.path.join(os.path.abspath(bin_dir), "jaxr-opt")
if not os.access(jaxr_opt, os.X_OK):
    lit_config.fatal(
        f"jaxr-opt not found at {jaxr_opt}: build it with "
        "`cargo build -p jaxr-tools --bin jaxr-opt` or set JAXR_BIN_DIR"
    )

jaxr_run = os.path.join(os.path.abspath(bin_dir), "jaxr-run")

llvm_bin = "/usr/lib/llvm-22/bin"


def find_tool(name, *candidates):
    """The first candidate that exists (an absolute path or a name on PATH)."""
    for c in candidates:
        if os.path.isabs(c):
            if os.access(c, os.X_OK):
                return c
        else:
            found = shutil.which(c)
            if found:
                return found
    lit_config.fatal(f"cannot find {name} (tried: {', '.join(candidates)})")


filecheck = find_tool("FileCheck", "FileCheck-22", os.path.join(llvm_bin, "FileCheck"), "FileCheck")
not_tool = find_tool("not", os.path.join(llvm_bin, "not"), "not")
count_tool = find_tool("count", os.path.join(llvm_bin, "count"), "count")


def tool_pattern(name):
    # A bare word on a RUN line: not part of a path, an option or a longer name
    # (so `lit/jaxr-opt/x.mlir`, `--no-jaxr-opt` or `FileCheck-22` stay intact).
    return r"(?<![-\w./])" + name.replace("-", r"\-") + r"(?![-\w./])"


config.substitutions.append((tool_pattern("jaxr-opt"), jaxr_opt))
config.substitutions.append((tool_pattern("jaxr-run"), jaxr_run))
config.substitutions.append((tool_pattern("FileCheck"), filecheck))
config.substitutions.append((tool_pattern("not"), not_tool))
config.substitutions.append((tool_pattern("count"), count_tool))

# The CPU plugin scripts/setup installs (the trust tests copy and tamper with it).
cache_dir = os.environ.get("JAXR_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "jaxr")
config.substitutions.append(
    ("%cpu_plugin", os.path.join(cache_dir, "pjrt-cpu-0.11.2", "pjrt_c_api_cpu_plugin.so"))
)

# Keep the environment small and predictable for the tools under test.
config.environment["FILECHECK_OPTS"] = os.environ.get("FILECHECK_OPTS", "")
# jaxr-run finds the PJRT CPU plugin in the set-up cache.
for var in ("PATH", "HOME", "TMPDIR", "RUST_BACKTRACE", "JAXR_CACHE_DIR", "JAXR_PJRT_PLUGIN"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
