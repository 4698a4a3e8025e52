//! Snapshots (insta) of what users read: modules as the tools print them, the
//! diagnostics for invalid StableHLO, and the stablehlo op table. A change to
//! any of them shows as a diff to review (`cargo insta review`), not as a
//! silent drift.

use jaxr_passes::{parse_module, print_module, render, run_pipeline, DiagnosticCollector, PrintOptions};
use jaxr_tests::register_all_passes;

/// Parses `text` as jaxr-opt does, runs `pipeline` and prints the module, or
/// renders the diagnostics as jaxr-opt prints them.
fn opt(text: &str, pipeline: &str) -> String {
    register_all_passes();
    let context = jaxr_dialect::create_context();
    let collector = DiagnosticCollector::attach(&context);
    let rendered = |diags: Vec<jaxr_passes::Diag>| {
        diags.iter().map(|d| render(d, "input.mlir", text)).collect::<String>()
    };
    let mut module = match parse_module(&context, &collector, text, "input.mlir") {
        Ok(module) => module,
        Err(diags) => return rendered(diags),
    };
    if let Err(diags) = run_pipeline(&context, &collector, &mut module, pipeline, Default::default()) {
        return rendered(diags);
    }
    print_module(&module, PrintOptions::default()).unwrap_or_else(|e| format!("print failed: {e}"))
}

#[test]
fn raised_and_simplified_softmax_entropy() {
    let text = include_str!("../data/corpus/softmax_entropy/fwd.stablehlo.mlir");
    let printed = opt(text, "builtin.module(convert-stablehlo-to-jaxr, inline, symbol-dce, jaxr-optimize)");
    insta::assert_snapshot!(printed);
}

#[test]
fn stablehlo_verifier_diagnostics() {
    // One invalid module per op family, each as a user would write it.
    let cases = [
        "func.func @f(%x: tensor<3xf32>) -> tensor<2x3xf32> {\n  %0 = stablehlo.broadcast_in_dim %x, dims = [2] : (tensor<3xf32>) -> tensor<2x3xf32>\n  return %0 : tensor<2x3xf32>\n}\n",
        "func.func @f(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {\n  %0 = stablehlo.transpose %x, dims = [0, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>\n  return %0 : tensor<3x2xf32>\n}\n",
        "func.func @f(%x: tensor<8xf32>) -> tensor<4xf32> {\n  %0 = stablehlo.slice %x [0:8:0] : (tensor<8xf32>) -> tensor<4xf32>\n  return %0 : tensor<4xf32>\n}\n",
        "func.func @f() -> tensor<4xf32> {\n  %0 = stablehlo.iota dim = 1 : tensor<4xf32>\n  return %0 : tensor<4xf32>\n}\n",
        "func.func @f(%x: tensor<4xf32>) -> tensor<4xi1> {\n  %0 = stablehlo.compare LQ, %x, %x, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>\n  return %0 : tensor<4xi1>\n}\n",
        "func.func @f(%a: tensor<3x4xf32>, %b: tensor<5x5xf32>) -> tensor<3x5xf32> {\n  %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<3x4xf32>, tensor<5x5xf32>) -> tensor<3x5xf32>\n  return %0 : tensor<3x5xf32>\n}\n",
        "func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {\n  %0 = \"foo.bar\"(%x) : (tensor<4xf32>) -> tensor<4xf32>\n  return %0 : tensor<4xf32>\n}\n",
    ];
    let all: Vec<String> = cases.iter().map(|text| opt(text, "builtin.module()")).collect();
    insta::assert_snapshot!(all.join("\n---\n"));
}

#[test]
fn stablehlo_op_table() {
    // Every op of the stablehlo and chlo dialects with the facts upstream
    // passes act on.
    let lines: Vec<String> = jaxr_dialect::op_table::OPS
        .iter()
        .filter(|r| !r.name.starts_with("jaxr."))
        .map(|r| {
            let mut traits = Vec::new();
            for (flag, name) in [
                (r.pure, "pure"),
                (r.elementwise, "elementwise"),
                (r.commutative, "commutative"),
                (r.terminator, "terminator"),
                (r.isolated_from_above, "isolated"),
            ] {
                if flag {
                    traits.push(name);
                }
            }
            let attributes: Vec<String> = r
                .attributes
                .iter()
                .map(|a| format!("{}{}", a.name, if a.optional { "?" } else { "" }))
                .collect();
            format!(
                "{} ({}) [{}] {{{}}}{}",
                r.name,
                r.operands
                    .iter()
                    .map(|o| if o.variadic { format!("{}...", o.name) } else { o.name.to_string() })
                    .collect::<Vec<_>>()
                    .join(", "),
                traits.join(" "),
                attributes.join(", "),
                if r.regions.is_empty() {
                    String::new()
                } else {
                    format!(" regions: {}", r.regions.join(", "))
                }
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}
