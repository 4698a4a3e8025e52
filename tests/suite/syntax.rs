//! StableHLO text through the tools' reader and printer, with MLIR in the
//! middle: JAX's pretty modules print back byte for byte, generic modules
//! print as their pretty twins, and jaxr and pretty StableHLO mix in one input.

use std::path::{Path, PathBuf};

use jaxr_passes::{parse_module, print_module, run_pipeline, DiagnosticCollector, PrintOptions};
use jaxr_runtime::HostTensor;
use jaxr_tests::register_all_passes;
use jaxr_tests::run_on_cpu;

fn corpus_files(suffix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .flat_map(|case| ["fwd", "grad", "vjp"].map(|k| case.join(format!("{k}.{suffix}"))))
        .filter(|p| p.exists())
        .collect();
    files.sort();
    files
}

/// Reads `text` as jaxr-opt does, runs `pipeline` (if any) and prints it.
fn round_trip(text: &str, pipeline: Option<&str>, options: PrintOptions) -> Result<String, String> {
    register_all_passes();
    let context = jaxr_dialect::create_context();
    let collector = DiagnosticCollector::attach(&context);
    let show = |d: Vec<jaxr_passes::Diag>| format!("{d:?}");
    let mut module = parse_module(&context, &collector, text, "input.mlir").map_err(show)?;
    if let Some(p) = pipeline {
        run_pipeline(&context, &collector, &mut module, p, Default::default()).map_err(show)?;
    }
    print_module(&module, options)
}

#[test]
fn pretty_corpus_modules_print_back_byte_for_byte() {
    let files = corpus_files("stablehlo.mlir");
    assert_eq!(files.len(), 49);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let printed =
            round_trip(&text, None, PrintOptions::default()).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        assert!(printed == text, "{} does not print back byte for byte", file.display());
    }
}

#[test]
fn generic_corpus_modules_print_as_their_pretty_twins() {
    for file in corpus_files("generic.mlir") {
        let text = std::fs::read_to_string(&file).expect("readable");
        let twin = std::fs::read_to_string(file.with_extension("").with_extension("stablehlo.mlir"))
            .expect("pretty twin");
        let printed =
            round_trip(&text, None, PrintOptions::default()).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        assert!(printed == twin, "{} does not print as its pretty twin", file.display());
        // And the generic form JAX wrote reads back to the same pretty text.
        let generic =
            round_trip(&text, None, PrintOptions { generic: true, debug_info: false }).expect("generic");
        assert_eq!(round_trip(&generic, None, PrintOptions::default()).expect("reparse"), twin);
    }
}

#[test]
fn exported_modules_match_once_locations_are_stripped() {
    for case in ["gelu_mlp_huber", "mha_padded"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/corpus/{case}/export.mlir"));
        let text = std::fs::read_to_string(&path).expect("export.mlir");
        let printed = round_trip(&text, Some("builtin.module(strip-debuginfo)"), PrintOptions::default())
            .unwrap_or_else(|e| panic!("{case}: {e}"));
        let stripped = jaxr_syntax::strip_locations(&text);
        assert!(printed == stripped, "{case}/export.mlir differs once locations are stripped");
        // Printed with locations, they survive the trip through MLIR.
        let with_locations =
            round_trip(&text, None, PrintOptions { generic: false, debug_info: true }).expect("locs");
        assert!(with_locations.contains("loc(\"jit(gelu_mlp_huber)") || case != "gelu_mlp_huber");
    }
}

#[test]
fn pretty_syntax_errors_point_at_the_line_and_column() {
    let text = "func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {\n  %0 = stablehlo.add %x, %x : tensor<2xf32>\n  %1 = stablehlo.frobnicate %0 : tensor<2xf32>\n  return %1 : tensor<2xf32>\n}\n";
    let context = jaxr_dialect::create_context();
    let collector = DiagnosticCollector::attach(&context);
    let diags = parse_module(&context, &collector, text, "bad.mlir").expect_err("must fail");
    assert_eq!((diags[0].line, diags[0].column), (Some(3), Some(8)), "{diags:?}");
    assert!(diags[0].message.contains("stablehlo.frobnicate"), "{diags:?}");
}

#[test]
fn jaxr_and_pretty_stablehlo_mix_in_one_input() {
    let text = r#"
func.func @main(%x: tensor<2x3xf32>, %w: tensor<3x2xf32>) -> tensor<2x2xf32> {
  %0 = stablehlo.multiply %x, %x : tensor<2x3xf32>
  %d = jaxr.dot_general %0, %w, contracting = [1] x [0], batch = [] x []
      : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %1 = "stablehlo.negate"(%d) : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %2 = jaxr.exp %1 : tensor<2x2xf32>
  return %2 : tensor<2x2xf32>
}
"#;
    let x = HostTensor::from_f32(&[2, 3], &[1.0, 2.0, 0.0, 0.5, 1.0, 1.5]).expect("x");
    let w = HostTensor::from_f32(&[3, 2], &[0.1, 0.0, 0.0, 0.1, 0.1, 0.1]).expect("w");
    let out = run_on_cpu(text, "main", &[x, w]).expect("runs");
    let got = out[0].to_f64_vec().expect("f32");
    // x*x = [[1,4,0],[0.25,1,2.25]]; @ w = [[0.1,0.4],[0.25,0.325]].
    let want: Vec<f64> = [0.1f64, 0.4, 0.25, 0.325].iter().map(|v| (-v).exp()).collect();
    jaxr_tests::all_close(&got, &want, 1e-5, 1e-6).expect("numbers");
}
