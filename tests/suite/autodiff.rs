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

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Forward mode against JAX's reverse mode: for random tangents t of the
/// differentiated arguments, `jaxr-autodiff{jvp-of=main}` gives J t, and
/// <c, J t> must equal <JAX's vjp(c), t> (c = 1 for grad), the cotangents
/// JAX computed. This runs forward mode through every corpus function: its
/// loops (fori_loop, scan), conds and calls.
#[test]
fn every_corpus_jvp_agrees_with_jax_reverse_mode() {
    use jaxr_runtime::HostTensor;
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in corpus_cases() {
        let Some((kind, argnums)) = derivative_of(&case) else { continue };
        checked += 1;
        let name = case.file_name().unwrap_or_default().to_string_lossy().to_string();
        let text = std::fs::read_to_string(case.join("fwd.stablehlo.mlir")).expect("forward module");
        let inputs = read_json(&case.join("inputs.json"));
        let expected = read_json(&case.join("expected.json"));
        let args: Vec<HostTensor> = inputs["args"].as_array().expect("args").iter().map(crate::corpus::tensor).collect();
        let jax_cts: Vec<Vec<f64>> = expected[kind.as_str()]["outputs"]
            .as_array()
            .expect("outputs")
            .iter()
            .map(|o| crate::corpus::tensor(o).to_f64_vec().expect("float cotangent"))
            .collect();
        let cts: Vec<Vec<f64>> = if kind == "vjp" {
            inputs["cotangents"].as_array().expect("cotangents").iter().map(|c| crate::corpus::tensor(c).to_f64_vec().expect("floats")).collect()
        } else {
            vec![vec![1.0]]
        };
        // Deterministic tangents in [-1, 1].
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut tangents = Vec::new();
        let mut jvp_args = args.clone();
        for &a in &argnums {
            let like = &args[a as usize];
            let count: i64 = like.shape.iter().product();
            let values: Vec<f64> = (0..count)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
                })
                .collect();
            let tangent = match like.dtype {
                jaxr_runtime::DType::F64 => HostTensor::from_f64(&like.shape, &values),
                _ => HostTensor::from_f32(&like.shape, &values.iter().map(|v| *v as f32).collect::<Vec<_>>()),
            };
            jvp_args.push(tangent.expect("tangent"));
            // The tangent as the plugin sees it (rounded to the argument's type).
            let values = jvp_args.last().and_then(|t| t.to_f64_vec().ok()).unwrap_or(values);
            tangents.push(values);
        }
        let nums = argnums.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(",");
        let pipeline = format!("{RAISE}, jaxr-autodiff{{jvp-of=main argnums={nums}}}");
        let outcome = jaxr_tests::run_on_cpu_after(&text, "main_jvp", &pipeline, &jvp_args).and_then(|outs| {
            let n = outs.len() / 2;
            let mut got = 0.0;
            let mut scale = 0.0;
            for (k, c) in cts.iter().enumerate() {
                let jt = outs[n + k].to_f64_vec().map_err(|e| e.to_string())?;
                got += dot(c, &jt);
                scale += c.iter().zip(&jt).map(|(a, b)| (a * b).abs()).sum::<f64>();
            }
            let want: f64 = jax_cts.iter().zip(&tangents).map(|(g, t)| dot(g, t)).sum();
            let tolerance = &read_json(&case.join("meta.json"))["tolerance"][kind.as_str()];
            let rtol = tolerance["rtol"].as_f64().unwrap_or(1e-4);
            if (got - want).abs() <= rtol * (1.0 + scale) {
                Ok(())
            } else {
                Err(format!("<c, J t> = {got}, JAX's <vjp(c), t> = {want}"))
            }
        });
        if let Err(e) = outcome {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert_eq!(checked, 23);
    assert!(failures.is_empty(), "{} of {checked} forward-mode checks failed:\n{}", failures.len(), failures.join("\n"));
}
