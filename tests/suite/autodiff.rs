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
        let args: Vec<HostTensor> =
            inputs["args"].as_array().expect("args").iter().map(crate::corpus::tensor).collect();
        let jax_cts: Vec<Vec<f64>> = expected[kind.as_str()]["outputs"]
            .as_array()
            .expect("outputs")
            .iter()
            .map(|o| crate::corpus::tensor(o).to_f64_vec().expect("float cotangent"))
            .collect();
        let cts: Vec<Vec<f64>> = if kind == "vjp" {
            inputs["cotangents"]
                .as_array()
                .expect("cotangents")
                .iter()
                .map(|c| crate::corpus::tensor(c).to_f64_vec().expect("floats"))
                .collect()
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
        let outcome =
            jaxr_tests::run_on_cpu_after(&text, "main_jvp", &pipeline, &jvp_args).and_then(|outs| {
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
    assert!(
        failures.is_empty(),
        "{} of {checked} forward-mode checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Higher order, calls, control flow and transformation ops, against central
// finite differences in f64.
// ---------------------------------------------------------------------------

use jaxr_runtime::HostTensor;
use jaxr_tests::{directional, Compiled};

fn assert_close(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= 1e-6 * (1.0 + w.abs()),
            "{what}: element {i}: {g}, expected {w}\n{got:?}\n{want:?}"
        );
    }
}

const POLY: &str = r#"
func.func private @inner(%x: tensor<4xf64>, %w: tensor<4xf64>) -> tensor<4xf64> {
  %0 = jaxr.sin %x : tensor<4xf64>
  %1 = jaxr.mul %0, %w : tensor<4xf64>
  %2 = jaxr.tanh %1 : tensor<4xf64>
  return %2 : tensor<4xf64>
}
func.func @f(%x: tensor<4xf64>, %w: tensor<4xf64>) -> tensor<f64> {
  %0 = func.call @inner(%x, %w) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %1 = func.call @inner(%0, %x) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %2 = jaxr.mul %1, %x : tensor<4xf64>
  %3 = jaxr.reduce_sum %2, axes = [0] : tensor<4xf64> -> tensor<f64>
  return %3 : tensor<f64>
}
func.func @g(%x: tensor<4xf64>, %w: tensor<4xf64>) -> tensor<4xf64> {
  %0 = jaxr.grad @f(%x, %w) {argnums = array<i64: 0>} : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}
func.func @gv(%x: tensor<4xf64>, %w: tensor<4xf64>, %v: tensor<4xf64>) -> tensor<f64> {
  %0 = func.call @g(%x, %w) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %1 = jaxr.dot_general %0, %v, contracting = [0] x [0], batch = [] x [] : (tensor<4xf64>, tensor<4xf64>) -> tensor<f64>
  return %1 : tensor<f64>
}
func.func @hvp(%x: tensor<4xf64>, %w: tensor<4xf64>, %v: tensor<4xf64>) -> tensor<4xf64> {
  %0 = jaxr.grad @gv(%x, %w, %v) {argnums = array<i64: 0>} : (tensor<4xf64>, tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}
func.func @jvp_of_vjp(%x: tensor<4xf64>, %w: tensor<4xf64>, %c: tensor<f64>, %t: tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>) {
  %0:2 = jaxr.jvp @vjp(%x, %w, %c, %t) {argnums = array<i64: 0>} : (tensor<4xf64>, tensor<4xf64>, tensor<f64>, tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>)
  return %0#0, %0#1 : tensor<4xf64>, tensor<4xf64>
}
func.func @vjp(%x: tensor<4xf64>, %w: tensor<4xf64>, %c: tensor<f64>) -> tensor<4xf64> {
  %0 = jaxr.vjp @f(%x, %w, %c) {argnums = array<i64: 0>} : (tensor<4xf64>, tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}
"#;

fn point() -> Vec<(Vec<i64>, Vec<f64>)> {
    vec![(vec![4], vec![0.3, -0.7, 1.1, 0.5]), (vec![4], vec![0.9, 0.2, -0.4, 1.3])]
}

#[test]
fn grad_of_a_function_with_calls_matches_finite_differences() {
    let f = Compiled::new(POLY, "f", "jaxr-autodiff");
    let g = Compiled::new(POLY, "g", "jaxr-autodiff");
    let x = point();
    let grad = &g.run(&x)[0];
    for i in 0..4 {
        let mut e = vec![0.0; 4];
        e[i] = 1.0;
        assert_close(&[grad[i]], &directional(&f, &x, 0, &e, 0), &format!("d f / d x{i}"));
    }
}

#[test]
fn grad_of_grad_gives_hessian_vector_products() {
    let g = Compiled::new(POLY, "g", "jaxr-autodiff");
    let hvp = Compiled::new(POLY, "hvp", "jaxr-autodiff");
    let v = vec![0.5, -1.0, 0.25, 2.0];
    let mut inputs = point();
    inputs.push((vec![4], v.clone()));
    let got = &hvp.run(&inputs)[0];
    // H v = d/de grad(x + e v).
    let want = directional(&g, &point(), 0, &v, 0);
    assert_close(got, &want, "H v");
}

#[test]
fn jvp_of_vjp_matches_finite_differences_of_the_vjp() {
    let vjp = Compiled::new(POLY, "vjp", "jaxr-autodiff");
    let jvp_of_vjp = Compiled::new(POLY, "jvp_of_vjp", "jaxr-autodiff");
    let t = vec![1.0, 0.5, -0.5, 0.25];
    let mut inputs = point();
    inputs.push((vec![], vec![1.5]));
    let primal = vjp.run(&inputs);
    inputs.push((vec![4], t.clone()));
    let out = jvp_of_vjp.run(&inputs);
    assert_close(&out[0], &primal[0], "primal of jvp(vjp)");
    let mut at = point();
    at.push((vec![], vec![1.5]));
    assert_close(&out[1], &directional(&vjp, &at, 0, &t, 0), "tangent of vjp");
}

const CONTROL: &str = r#"
func.func @branchy(%x: tensor<3xf64>, %p: tensor<f64>) -> tensor<f64> {
  %zero = jaxr.constant dense<0.0> : tensor<f64>
  %c = jaxr.compare gt, %p, %zero : tensor<f64> -> tensor<i1>
  %r = jaxr.cond %c : tensor<i1> -> (tensor<3xf64>) {
    %b = jaxr.broadcast_in_dim %p, dims = [] : tensor<f64> -> tensor<3xf64>
    %m = jaxr.mul %x, %b : tensor<3xf64>
    %e = jaxr.exp %m : tensor<3xf64>
    jaxr.yield %e : tensor<3xf64>
  }, {
    %a = jaxr.sin %x : tensor<3xf64>
    %q = jaxr.mul %a, %x : tensor<3xf64>
    jaxr.yield %q : tensor<3xf64>
  }
  %s = jaxr.reduce_sum %r, axes = [0] : tensor<3xf64> -> tensor<f64>
  return %s : tensor<f64>
}
func.func @newton_sqrt(%a: tensor<f64>) -> tensor<f64> {
  %one = jaxr.constant dense<1.0> : tensor<f64>
  %half = jaxr.constant dense<0.5> : tensor<f64>
  %tol = jaxr.constant dense<1.0e-13> : tensor<f64>
  %r = jaxr.while(%one) : tensor<f64> cond {
  ^bb0(%y: tensor<f64>):
    %yy = jaxr.mul %y, %y : tensor<f64>
    %d = jaxr.sub %yy, %a : tensor<f64>
    %ad = jaxr.abs %d : tensor<f64>
    %c = jaxr.compare gt, %ad, %tol : tensor<f64> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%y: tensor<f64>):
    %q = jaxr.div %a, %y : tensor<f64>
    %s = jaxr.add %y, %q : tensor<f64>
    %n = jaxr.mul %s, %half : tensor<f64>
    jaxr.yield %n : tensor<f64>
  }
  return %r : tensor<f64>
}
func.func @loss(%x: tensor<3xf64>) -> (tensor<f64>, tensor<3xf64>) {
  %0 = jaxr.mul %x, %x : tensor<3xf64>
  %1 = jaxr.reduce_sum %0, axes = [0] : tensor<3xf64> -> tensor<f64>
  return %1, %x : tensor<f64>, tensor<3xf64>
}
func.func @loss_value_and_grad(%x: tensor<3xf64>) -> (tensor<f64>, tensor<3xf64>, tensor<3xf64>) {
  %0:3 = jaxr.value_and_grad @loss(%x) {argnums = array<i64: 0>, has_aux} : (tensor<3xf64>) -> (tensor<f64>, tensor<3xf64>, tensor<3xf64>)
  return %0#0, %0#1, %0#2 : tensor<f64>, tensor<3xf64>, tensor<3xf64>
}
"#;

#[test]
fn cond_in_both_modes_matches_finite_differences_on_each_branch() {
    let f = Compiled::new(CONTROL, "branchy", "jaxr-autodiff");
    let grad = Compiled::new(CONTROL, "branchy_grad", "jaxr-autodiff{grad-of=branchy argnums=0,1}");
    let jvp = Compiled::new(CONTROL, "branchy_jvp", "jaxr-autodiff{jvp-of=branchy argnums=0,1}");
    for p in [0.7, -0.4] {
        let inputs = vec![(vec![3], vec![0.2, -0.5, 0.9]), (vec![], vec![p])];
        let g = grad.run(&inputs);
        for i in 0..3 {
            let mut e = vec![0.0; 3];
            e[i] = 1.0;
            assert_close(&[g[0][i]], &directional(&f, &inputs, 0, &e, 0), &format!("p={p}: d/dx{i}"));
        }
        assert_close(&g[1], &directional(&f, &inputs, 1, &[1.0], 0), &format!("p={p}: d/dp"));
        let (tx, tp) = (vec![0.3, 1.0, -2.0], vec![0.5]);
        let mut with_tangents = inputs.clone();
        with_tangents.push((vec![3], tx.clone()));
        with_tangents.push((vec![], tp.clone()));
        let out = jvp.run(&with_tangents);
        let want: f64 = (0..3).map(|i| g[0][i] * tx[i]).sum::<f64>() + g[1][0] * tp[0];
        assert_close(&out[1], &[want], &format!("p={p}: jvp"));
    }
}

#[test]
fn forward_mode_runs_through_a_data_dependent_while() {
    let jvp = Compiled::new(CONTROL, "newton_sqrt_jvp", "jaxr-autodiff{jvp-of=newton_sqrt}");
    for a in [2.0f64, 9.0, 0.3] {
        let out = jvp.run(&[(vec![], vec![a]), (vec![], vec![1.0])]);
        assert_close(&out[0], &[a.sqrt()], "sqrt");
        assert_close(&out[1], &[0.5 / a.sqrt()], "d sqrt / da");
    }
}

#[test]
fn reverse_mode_through_a_data_dependent_while_gets_jaxs_error() {
    let err =
        jaxr_tests::lower_for_pjrt_after(CONTROL, "newton_sqrt_grad", "jaxr-autodiff{grad-of=newton_sqrt}")
            .expect_err("a data-dependent loop has no reverse mode");
    assert!(err.contains("Reverse-mode differentiation does not work for lax.while_loop"), "{err}");
    assert!(err.contains("input:22:8: error:"), "the error points at the loop: {err}");
}

#[test]
fn value_and_grad_with_aux_returns_value_aux_and_gradient() {
    let vg = Compiled::new(CONTROL, "loss_value_and_grad", "jaxr-autodiff");
    let x = vec![0.5, -1.5, 2.0];
    let out = vg.run(&[(vec![3], x.clone())]);
    assert_close(&out[0], &[x.iter().map(|v| v * v).sum()], "value");
    assert_close(&out[1], &x, "aux");
    assert_close(&out[2], &x.iter().map(|v| 2.0 * v).collect::<Vec<_>>(), "gradient");
}

/// A dot as mixed-precision training writes it (bf16 operands, an f32
/// result) with `precision = [HIGHEST, HIGHEST]`, imported from StableHLO
/// (a `stablehlo.dot_general` and TensorFlow's legacy `stablehlo.dot`).
const MIXED_PRECISION_DOTS: &str = r#"
func.func @main(%x: tensor<2x3xbf16>, %y: tensor<3x2xbf16>, %w: tensor<2x2xf32>, %v: tensor<3xf32>) -> tensor<f32> {
  %0 = stablehlo.dot_general %x, %y, contracting_dims = [1] x [0], precision = [HIGHEST, HIGHEST] : (tensor<2x3xbf16>, tensor<3x2xbf16>) -> tensor<2x2xf32>
  %1 = stablehlo.multiply %0, %w : tensor<2x2xf32>
  %2 = stablehlo.convert %x : (tensor<2x3xbf16>) -> tensor<2x3xf32>
  %3 = stablehlo.dot %2, %v, precision = [HIGH, HIGH] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32>
  %c = stablehlo.constant dense<0.000000e+00> : tensor<f32>
  %4 = stablehlo.reduce(%1 init: %c) applies stablehlo.add across dimensions = [0, 1] : (tensor<2x2xf32>, tensor<f32>) -> tensor<f32>
  %5 = stablehlo.reduce(%3 init: %c) applies stablehlo.add across dimensions = [0] : (tensor<2xf32>, tensor<f32>) -> tensor<f32>
  %6 = stablehlo.add %4, %5 : tensor<f32>
  return %6 : tensor<f32>
}
"#;

#[test]
fn mixed_precision_dots_keep_their_precision_and_have_gradients() {
    use half::bf16;
    let pipeline = "convert-stablehlo-to-jaxr{strict=true}, jaxr-autodiff{grad-of=main argnums=0,1}";
    // Small integers and halves: every product and sum is exact in bf16 and
    // f32, so the gradients are compared exactly.
    let x = [1.0, -2.0, 0.5, 3.0, 1.5, -1.0];
    let y = [2.0, 1.0, -0.5, 4.0, 1.0, -3.0];
    let w = [1.0, 2.0, -1.0, 0.5];
    let v = [0.5, -1.0, 2.0];
    let to_bf16 = |a: &[f64]| a.iter().map(|&f| bf16::from_f64(f)).collect::<Vec<_>>();
    let inputs = [
        HostTensor::from_slice(&[2, 3], &to_bf16(&x)).expect("x"),
        HostTensor::from_slice(&[3, 2], &to_bf16(&y)).expect("y"),
        HostTensor::from_f32(&[2, 2], &w.map(|f| f as f32)).expect("w"),
        HostTensor::from_f32(&[3], &v.map(|f| f as f32)).expect("v"),
    ];
    let (lowered, _) = jaxr_tests::lower_for_pjrt_after(MIXED_PRECISION_DOTS, "main_grad", pipeline)
        .unwrap_or_else(|e| panic!("differentiates and lowers:\n{e}"));
    // The forward dots and the cotangents' dots keep the precision.
    assert!(lowered.matches("precision HIGHEST").count() >= 4, "{lowered}");
    assert!(lowered.matches("precision HIGH>").count() >= 2, "{lowered}");
    let grads = jaxr_tests::run_on_cpu_after(MIXED_PRECISION_DOTS, "main_grad", pipeline, &inputs)
        .unwrap_or_else(|e| panic!("runs:\n{e}"));
    let [dx, dy] = &grads[..] else { panic!("two gradients, got {}", grads.len()) };
    assert_eq!((dx.type_string(), dy.type_string()), ("tensor<2x3xbf16>".into(), "tensor<3x2xbf16>".into()));
    // loss = sum((x @ y) * w) + sum(x @ v):
    // d/dx[i,k] = sum_j w[i,j] y[k,j] + v[k]; d/dy[k,j] = sum_i x[i,k] w[i,j].
    let want_dx: Vec<f64> = (0..6)
        .map(|n| {
            let (i, k) = (n / 3, n % 3);
            (0..2).map(|j| w[i * 2 + j] * y[k * 2 + j]).sum::<f64>() + v[k]
        })
        .collect();
    let want_dy: Vec<f64> = (0..6)
        .map(|n| {
            let (k, j) = (n / 2, n % 2);
            (0..2).map(|i| x[i * 3 + k] * w[i * 2 + j]).sum()
        })
        .collect();
    assert_eq!(dx.to_f64_vec().expect("bf16 values"), want_dx);
    assert_eq!(dy.to_f64_vec().expect("bf16 values"), want_dy);
}

/// jnp.cumlogsumexp as JAX writes it: a reduce_window whose body calls a
/// private `@logaddexp` (in f64 here, for finite differences), which
/// takes `a + b` where `a - b` is NaN (both -inf: the padding).
const CUMLOGSUMEXP: &str = r#"
func.func public @main(%x: tensor<4xf64>) -> tensor<4xf64> {
  %cst = stablehlo.constant dense<0xFFF0000000000000> : tensor<f64>
  %0 = "stablehlo.reduce_window"(%x, %cst) <{padding = dense<[[3, 0]]> : tensor<1x2xi64>, window_dimensions = array<i64: 4>}> ({
  ^bb0(%a: tensor<f64>, %b: tensor<f64>):
    %1 = func.call @logaddexp(%a, %b) : (tensor<f64>, tensor<f64>) -> tensor<f64>
    stablehlo.return %1 : tensor<f64>
  }) : (tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}
func.func private @logaddexp(%a: tensor<f64>, %b: tensor<f64>) -> tensor<f64> {
  %0 = stablehlo.maximum %a, %b : tensor<f64>
  %1 = stablehlo.subtract %a, %b : tensor<f64>
  %2 = stablehlo.abs %1 : tensor<f64>
  %3 = stablehlo.negate %2 : tensor<f64>
  %4 = stablehlo.exponential %3 : tensor<f64>
  %5 = stablehlo.log_plus_one %4 : tensor<f64>
  %6 = stablehlo.add %0, %5 : tensor<f64>
  %7 = stablehlo.compare NE, %1, %1, FLOAT : (tensor<f64>, tensor<f64>) -> tensor<i1>
  %8 = stablehlo.add %a, %b : tensor<f64>
  %9 = stablehlo.select %7, %8, %6 : tensor<i1>, tensor<f64>
  return %9 : tensor<f64>
}
"#;

#[test]
fn a_window_body_that_calls_a_function_is_differentiated_in_both_modes() {
    let raise = "convert-stablehlo-to-jaxr{strict=true}";
    let f = Compiled::new(CUMLOGSUMEXP, "main", raise);
    let jvp = Compiled::new(CUMLOGSUMEXP, "main_jvp", &format!("{raise}, jaxr-autodiff{{jvp-of=main}}"));
    let vjp = Compiled::new(CUMLOGSUMEXP, "main_vjp", &format!("{raise}, jaxr-autodiff{{vjp-of=main}}"));
    let x: Vec<f64> = vec![0.3, -1.2, 2.0, 0.7];
    let point = vec![(vec![4], x.clone())];
    // The value: log of the running sum of exp.
    let want: Vec<f64> = (1..=4).map(|n| x[..n].iter().map(|v| v.exp()).sum::<f64>().ln()).collect();
    assert_close(&f.run(&point)[0], &want, "cumlogsumexp");
    let t = vec![0.5, -1.0, 0.25, 2.0];
    let fd = directional(&f, &point, 0, &t, 0);
    let tangent = &jvp.run(&[(vec![4], x.clone()), (vec![4], t.clone())])[1];
    assert_close(tangent, &fd, "jvp");
    let c = vec![1.0, -0.5, 2.0, 0.3];
    let ct = &vjp.run(&[(vec![4], x.clone()), (vec![4], c.clone())])[0];
    let lhs: f64 = ct.iter().zip(&t).map(|(a, b)| a * b).sum();
    let rhs: f64 = c.iter().zip(&fd).map(|(a, b)| a * b).sum();
    assert_close(&[lhs], &[rhs], "<vjp(c), t> = <c, jvp(t)>");
}

const FENCED: &str = r#"
func.func @fenced(%x: tensor<3xf64>, %w: tensor<3xf64>) -> tensor<f64> {
  %a = jaxr.sin %x : tensor<3xf64>
  %f:2 = jaxr.optimization_barrier %a, %w : (tensor<3xf64>, tensor<3xf64>) -> (tensor<3xf64>, tensor<3xf64>)
  %b = jaxr.mul %f#0, %f#1 : tensor<3xf64>
  %c = jaxr.mul %b, %x : tensor<3xf64>
  %s = jaxr.reduce_sum %c, axes = [0] : tensor<3xf64> -> tensor<f64>
  return %s : tensor<f64>
}
"#;

#[test]
fn derivatives_pass_through_an_optimization_barrier_and_keep_one() {
    let f = Compiled::new(FENCED, "fenced", "jaxr-autodiff");
    let inputs = vec![(vec![3], vec![0.2, -0.5, 0.9]), (vec![3], vec![1.5, 0.25, -2.0])];
    let grad = Compiled::new(FENCED, "fenced_grad", "jaxr-autodiff{grad-of=fenced argnums=0,1}");
    let g = grad.run(&inputs);
    for (arg, got) in g.iter().enumerate() {
        for i in 0..3 {
            let mut e = vec![0.0; 3];
            e[i] = 1.0;
            assert_close(&[got[i]], &directional(&f, &inputs, arg, &e, 0), &format!("d/d arg{arg}[{i}]"));
        }
    }
    let jvp = Compiled::new(FENCED, "fenced_jvp", "jaxr-autodiff{jvp-of=fenced argnums=0}");
    let t = vec![0.3, 1.0, -2.0];
    let mut with_tangent = inputs.clone();
    with_tangent.push((vec![3], t.clone()));
    assert_close(&jvp.run(&with_tangent)[1], &directional(&f, &inputs, 0, &t, 0), "jvp");
    // The derived functions keep a barrier for the derivatives too.
    for pipeline in ["jaxr-autodiff{grad-of=fenced argnums=0,1}", "jaxr-autodiff{jvp-of=fenced argnums=0}"] {
        let name = if pipeline.contains("grad") { "fenced_grad" } else { "fenced_jvp" };
        let (text, _) = jaxr_tests::lower_for_pjrt_after(FENCED, name, pipeline).expect("lowers");
        assert!(text.matches("stablehlo.optimization_barrier").count() >= 2, "{pipeline}:\n{text}");
    }
}

/// A dot that names its algorithm (what JAX writes for a
/// `lax.DotAlgorithmPreset`; F32_F32_F32 runs on the CPU plugin).
const DOT_ALGORITHM: &str = r#"
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<f32> {
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0], algorithm = <lhs_precision_type = f32, rhs_precision_type = f32, accumulation_type = f32, lhs_component_count = 1, rhs_component_count = 1, num_primitive_operations = 1, allow_imprecise_accumulation = false> : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = stablehlo.multiply %0, %0 : tensor<2x4xf32>
  %c = stablehlo.constant dense<0.0> : tensor<f32>
  %2 = stablehlo.reduce(%1 init: %c) applies stablehlo.add across dimensions = [0, 1] : (tensor<2x4xf32>, tensor<f32>) -> tensor<f32>
  return %2 : tensor<f32>
}
"#;

#[test]
fn dots_keep_their_algorithm_through_both_modes() {
    let raise = "convert-stablehlo-to-jaxr{strict=true}";
    let a = [1.0f32, -2.0, 0.5, 3.0, 1.5, -1.0];
    let b = [2.0f32, 1.0, -0.5, 4.0, 1.0, -3.0, 0.5, 2.0, -1.0, 1.0, 0.0, 2.5];
    let inputs =
        [HostTensor::from_f32(&[2, 3], &a).expect("a"), HostTensor::from_f32(&[3, 4], &b).expect("b")];
    for (function, pipeline) in [
        ("main_grad", format!("{raise}, jaxr-autodiff{{grad-of=main argnums=0,1}}")),
        ("main_jvp", format!("{raise}, jaxr-autodiff{{jvp-of=main argnums=0,1}}")),
    ] {
        let (lowered, _) = jaxr_tests::lower_for_pjrt_after(DOT_ALGORITHM, function, &pipeline)
            .unwrap_or_else(|e| panic!("{function}: differentiates and lowers:\n{e}"));
        // The primal's dot and one per operand's derivative, each naming it.
        let dots = lowered.matches("stablehlo.dot_general").count();
        let named = lowered.matches("dot_algorithm<lhs_precision_type = f32").count();
        assert!(dots >= 3 && named == dots, "{function}: every dot keeps the algorithm:\n{lowered}");
    }
    // grad of sum((a @ b)^2): da = 2 (a @ b) b^T, db = 2 a^T (a @ b); exact
    // in f32 for these small values.
    let grads = jaxr_tests::run_on_cpu_after(
        DOT_ALGORITHM,
        "main_grad",
        &format!("{raise}, jaxr-autodiff{{grad-of=main argnums=0,1}}"),
        &inputs,
    )
    .unwrap_or_else(|e| panic!("runs:\n{e}"));
    let ab: Vec<f64> = (0..8)
        .map(|n| (0..3).map(|k| f64::from(a[n / 4 * 3 + k]) * f64::from(b[k * 4 + n % 4])).sum())
        .collect();
    let want_da: Vec<f64> =
        (0..6).map(|n| (0..4).map(|j| 2.0 * ab[n / 3 * 4 + j] * f64::from(b[n % 3 * 4 + j])).sum()).collect();
    let want_db: Vec<f64> = (0..12)
        .map(|n| (0..2).map(|i| 2.0 * f64::from(a[i * 3 + n / 4]) * ab[i * 4 + n % 4]).sum())
        .collect();
    assert_eq!(grads[0].to_f64_vec().expect("f32"), want_da);
    assert_eq!(grads[1].to_f64_vec().expect("f32"), want_db);
}

/// A tanh recurrence h <- tanh(h W + x_t) over 5 steps, in f64.
const RNN: &str = r#"
func.func @rnn(%h0: tensor<2x3xf64>, %w: tensor<3x3xf64>, %xs: tensor<5x2x3xf64>) -> tensor<f64> {
  %zero = jaxr.constant dense<0> : tensor<i32>
  %r:2 = jaxr.while(%zero, %h0) : tensor<i32>, tensor<2x3xf64> cond {
  ^bb0(%i: tensor<i32>, %h: tensor<2x3xf64>):
    %n = jaxr.constant dense<5> : tensor<i32>
    %c = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>
    jaxr.yield %c : tensor<i1>
  } body {
  ^bb0(%i: tensor<i32>, %h: tensor<2x3xf64>):
    %one = jaxr.constant dense<1> : tensor<i32>
    %z = jaxr.constant dense<0> : tensor<i32>
    %next = jaxr.add %i, %one : tensor<i32>
    %s = jaxr.dynamic_slice %xs[%i, %z, %z] sizes = [1, 2, 3] : (tensor<5x2x3xf64>, tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<1x2x3xf64>
    %x = jaxr.reshape %s : tensor<1x2x3xf64> -> tensor<2x3xf64>
    %hw = jaxr.dot_general %h, %w, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf64>, tensor<3x3xf64>) -> tensor<2x3xf64>
    %a = jaxr.add %hw, %x : tensor<2x3xf64>
    %t = jaxr.tanh %a : tensor<2x3xf64>
    jaxr.yield %next, %t : tensor<i32>, tensor<2x3xf64>
  }
  %sq = jaxr.mul %r#1, %r#1 : tensor<2x3xf64>
  %l = jaxr.reduce_sum %sq, axes = [0, 1] : tensor<2x3xf64> -> tensor<f64>
  return %l : tensor<f64>
}
"#;

#[test]
fn loop_residuals_stored_or_recomputed_give_the_finite_difference_gradient() {
    let f = Compiled::new(RNN, "rnn", "canonicalize");
    let values =
        |n: usize, scale: f64| -> Vec<f64> { (0..n).map(|i| ((i * 37 % 11) as f64 - 5.0) * scale).collect() };
    let at =
        vec![(vec![2, 3], values(6, 0.1)), (vec![3, 3], values(9, 0.08)), (vec![5, 2, 3], values(30, 0.15))];
    let mut grads = Vec::new();
    for policy in ["store", "recompute"] {
        let grad = Compiled::new(
            RNN,
            "rnn_grad",
            &format!("jaxr-autodiff{{grad-of=rnn argnums=0,1,2 loop-residuals={policy}}}"),
        );
        let g = grad.run(&at);
        for (k, arg) in at.iter().enumerate() {
            let direction: Vec<f64> = (0..arg.1.len()).map(|i| if i % 2 == 0 { 1.0 } else { -0.5 }).collect();
            let along: f64 = g[k].iter().zip(&direction).map(|(a, b)| a * b).sum();
            assert_close(
                &[along],
                &directional(&f, &at, k, &direction, 0),
                &format!("{policy}: argument {k}"),
            );
        }
        grads.push(g);
    }
    assert_eq!(grads[0], grads[1], "both policies compute the same derivative ops on the same values");
}
