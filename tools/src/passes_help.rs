//! The pass list shown by `--help`.

use std::fmt::Write as _;

/// Upstream MLIR passes that jaxr users reach for most (every one of MLIR's
/// generic transformation passes can be named; these are the ones worth a
/// line in the help).
const UPSTREAM: &[(&str, &str)] = &[
    ("canonicalize", "Canonicalize operations (folding, dead-code removal)"),
    ("cse", "Eliminate common sub-expressions"),
    ("inline", "Inline function calls"),
    ("symbol-dce", "Remove unreferenced private symbols (functions)"),
    ("strip-debuginfo", "Replace every location by loc(unknown)"),
];

/// A help section listing jaxr's passes with their options, then upstream ones.
pub fn passes_help() -> String {
    let mut out = String::from("Passes (name them in --pass-pipeline='builtin.module(a, b{opt=v})'):\n");
    for pass in jaxr_passes::registered_passes() {
        let _ = writeln!(out, "  {:<28} {}", pass.name, pass.summary);
        for o in pass.options {
            let default =
                if o.default.is_empty() { String::new() } else { format!(" (default: {})", o.default) };
            let _ = writeln!(out, "      {:<24} {}{}", o.name, o.help, default);
        }
    }
    out.push_str("Upstream MLIR passes (any of MLIR's generic transformations: sccp, loop-invariant-code-motion, ...), for example:\n");
    for (name, summary) in UPSTREAM {
        let _ = writeln!(out, "  {name:<28} {summary}");
    }
    out
}
