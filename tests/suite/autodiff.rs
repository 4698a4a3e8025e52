//! jaxr-autodiff against JAX: every corpus function with a gradient or VJP
//! module is imported (forward module only), differentiated by
//! `jaxr-autodiff{grad-of|vjp-of=main argnums=...}`, lowered, run on the
//! case's inputs (and cotangents) and compared with JAX's numbers.

use crate::corpus::{check_module, corpus_cases, read_json};

const RAISE: &str = "convert-stablehlo-to-jaxr{strict=true}, canonicalize, cse";

/// The pipeline that derives `@main_<kind>` for a corpus case.
pub(crate) fn derive_pipeline(kind: &str, argnums: &[i64]) -> String {
    let nums = argnums.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(",");
    format!("{RAISE}, jaxr-autodiff{{{kind}-of=main argnums={nums}}}")
}

/// The derivative kind and argnums of a corpus case, if it has one.
pub(crate) fn derivative_of(case: &std::path::Path) -> Option<(String, Vec<i64>)> {
    let meta = read_json(&case.join("meta.json"));
    let kind = meta["grad_kind"].as_str()?.to_string();
    let argnums = meta["grad_argnums"].as_array()?.iter().filter_map(|a| a.as_i64()).collect();
    Some((kind, argnums))
}

#[test]
fn every_corpus_derivative_matches_jax() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in corpus_cases() {
        let Some((kind, argnums)) = derivative_of(&case) else { continue };
        checked += 1;
        let name = case.file_name().unwrap_or_default().to_string_lossy().to_string();
        let text = std::fs::read_to_string(case.join("fwd.stablehlo.mlir")).expect("forward module");
        let pipeline = derive_pipeline(&kind, &argnums);
        if let Err(e) = check_module(&case, &kind, &text, &format!("main_{kind}"), &pipeline) {
            failures.push(format!("{name}/{kind}: {e}"));
        }
    }
    assert_eq!(checked, 23, "the corpus has 23 derivative modules");
    assert!(
        failures.is_empty(),
        "{} of {checked} derivatives differ from JAX's:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
