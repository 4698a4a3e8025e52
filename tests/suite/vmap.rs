//! jaxr-vmap against the unbatched program: for every numerical op case
//! (ops.rs), vmap(f) over a batch of three inputs equals f on each input,
//! with every argument batched and with only the first one batched (the
//! others shared). A test fails for any op of the batching table that no
//! case exercises.

use std::collections::BTreeSet;

use jaxr_tests::reference::{Array, Scalar};
use jaxr_tests::{all_close, run_on_cpu_after};
use jaxr_transforms::vmap::rules::{Batching, RULES};

use crate::ops::{all_cases, Case};

const B: usize = 3;

/// Three examples from one: itself, its elements reversed, and (floats)
/// halved — same types and shapes, different values (integers keep their
/// multiset, so indices stay meaningful).
fn examples(x: &Array) -> Vec<Array> {
    let mut rev = x.values.clone();
    rev.reverse();
    let third = if x.elem.is_float() {
        x.values.iter().map(|v| if let Scalar::F(f) = v { Scalar::F(f * 0.5) } else { *v }).collect()
    } else {
        x.values.clone()
    };
    vec![x.clone(), Array::new(x.elem, x.shape.clone(), rev), Array::new(x.elem, x.shape.clone(), third)]
}

fn stack(xs: &[Array]) -> Array {
    let mut shape = vec![xs.len() as i64];
    shape.extend(&xs[0].shape);
    Array::new(xs[0].elem, shape, xs.iter().flat_map(|x| x.values.clone()).collect())
}

fn row(x: &Array, i: usize) -> Array {
    let n = x.len() / B;
    Array::new(x.elem, x.shape[1..].to_vec(), x.values[i * n..(i + 1) * n].to_vec())
}

fn same(got: &Array, want: &Array) -> Result<(), String> {
    if got.elem != want.elem || got.shape != want.shape {
        return Err(format!("{} vs {}", got.type_string(), want.type_string()));
    }
    if got.elem.is_float() {
        // Batched arithmetic may round 16-bit floats differently (XLA
        // computes some in f32): a few of their ulps.
        let tol = match got.elem {
            jaxr_dialect::ElemType::F16 => 2e-3,
            jaxr_dialect::ElemType::BF16 => 1.6e-2,
            _ => 1e-5,
        };
        return all_close(&got.to_f64(), &want.to_f64(), tol, 1e-6);
    }
    if got.values != want.values {
        return Err("integer results differ".into());
    }
    Ok(())
}

/// vmap(f) with the first `batched` arguments batched equals f (compiled
/// once as `unbatched`) per example.
fn check(c: &Case, unbatched: &jaxr_runtime::Executable, batched: usize) -> Result<(), String> {
    let mask: Vec<bool> = (0..c.inputs.len()).map(|i| i < batched).collect();
    check_batching(c, unbatched, &mask)
}

/// [`check`] with the arguments `mask` says batched.
// `e` picks the e-th example of every argument and of every result.
#[allow(clippy::needless_range_loop)]
fn check_batching(c: &Case, unbatched: &jaxr_runtime::Executable, mask: &[bool]) -> Result<(), String> {
    let batched = |i: usize| mask[i];
    let per: Vec<Vec<Array>> = c.inputs.iter().map(examples).collect();
    let axes: Vec<&str> = (0..c.inputs.len()).map(|i| if batched(i) { "0" } else { "none" }).collect();
    let pipeline = format!("jaxr-vmap{{of=main in-axes={} size={B}}}", axes.join(","));
    let inputs: Vec<_> = (0..c.inputs.len())
        .map(|i| if batched(i) { stack(&per[i]) } else { c.inputs[i].clone() })
        .map(|a| a.to_host())
        .collect();
    let out = run_on_cpu_after(&c.text, "main_vmap", &pipeline, &inputs)?;
    for e in 0..B {
        let args: Vec<_> = (0..c.inputs.len())
            .map(|i| if batched(i) { per[i][e].clone() } else { c.inputs[i].clone() })
            .map(|a| a.to_host())
            .collect();
        let want = unbatched.execute(&args).map_err(|e| e.to_string())?;
        for (k, w) in want.iter().enumerate() {
            let got = row(&Array::from_host(&out[k]), e);
            same(&got, &Array::from_host(w)).map_err(|m| format!("example {e}, result {k}: {m}"))?;
        }
    }
    Ok(())
}

#[test]
fn every_batching_rule_matches_the_unbatched_program() {
    let cases: Vec<Case> = all_cases().into_iter().filter(|c| !c.inputs.is_empty()).collect();
    let mut failures = Vec::new();
    let mut checked = BTreeSet::new();
    for c in &cases {
        let mut ok = true;
        let unbatched = jaxr_tests::lower_for_pjrt(&c.text, "main")
            .and_then(|(text, _)| jaxr_tests::cpu_client().compile(&text).map_err(|e| e.to_string()));
        let unbatched = match unbatched {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{}\n  {e}", c.name));
                continue;
            }
        };
        let variants: &[usize] = if c.inputs.len() > 1 { &[c.inputs.len(), 1] } else { &[1] };
        for &batched in variants {
            if let Err(e) = check(c, &unbatched, batched) {
                failures.push(format!("{} ({batched} batched)\n  {e}", c.name));
                ok = false;
            }
        }
        // A convolution has a rule of its own for a batched kernel alone.
        if c.op == "conv_general_dilated" {
            if let Err(e) = check_batching(c, &unbatched, &[false, true]) {
                failures.push(format!("{} (kernel batched)\n  {e}", c.name));
                ok = false;
            }
        }
        if ok {
            checked.insert(c.op);
        }
    }
    assert!(failures.is_empty(), "{} checks failed:\n{}", failures.len(), failures.join("\n"));
    let unchecked: Vec<&str> = RULES
        .iter()
        .filter(|r| matches!(r.batching, Batching::Rule(_)) && !matches!(r.op, "constant" | "iota"))
        // JAX batches rng_bit_generator by drawing the whole batch from the
        // first example's state, which is not the per-example program;
        // raising.rs checks that rule against JAX's definition.
        .filter(|r| r.op != "rng_bit_generator")
        .map(|r| r.op)
        .filter(|op| !checked.contains(op))
        .collect();
    assert!(unchecked.is_empty(), "batching rules no case checks: {unchecked:?}");
}

// ---------------------------------------------------------------------------
// Against JAX, and compositions.
// ---------------------------------------------------------------------------

use crate::corpus::{check_module, corpus_cases, read_json};
use jaxr_runtime::HostTensor;

fn jax_data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/jax").join(name)
}

/// The per-row function of the corpus case vmap_row_minmax, exported
/// unbatched by JAX, batched by jaxr-vmap: JAX's vmapped outputs.
#[test]
fn vmap_of_an_imported_jax_function_matches_jax_vmap() {
    let case = corpus_cases().into_iter().find(|c| c.ends_with("vmap_row_minmax")).expect("corpus case");
    let text = std::fs::read_to_string(jax_data("row_minmax.stablehlo.mlir")).expect("exported row function");
    let pipeline =
        "convert-stablehlo-to-jaxr{strict=true}, jaxr-vmap{of=main in-axes=0,none out-axes=0 size=6}";
    check_module(&case, "fwd", &text, "main_vmap", pipeline).unwrap();
}

const MODEL: &str = r#"
func.func @loss(%w: tensor<4x3xf32>, %b: tensor<3xf32>, %x: tensor<2x4xf32>, %y: tensor<2x3xf32>) -> tensor<f32> {
  %0 = jaxr.dot_general %x, %w, contracting = [1] x [0], batch = [] x [] : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  %1 = jaxr.broadcast_in_dim %b, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  %2 = jaxr.add %0, %1 : tensor<2x3xf32>
  %3 = jaxr.tanh %2 : tensor<2x3xf32>
  %4 = jaxr.sub %3, %y : tensor<2x3xf32>
  %5 = jaxr.square %4 : tensor<2x3xf32>
  %6 = jaxr.reduce_sum %5, axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
  %n = jaxr.constant dense<6.0> : tensor<f32>
  %7 = jaxr.div %6, %n : tensor<f32>
  return %7 : tensor<f32>
}
func.func @grads(%w: tensor<4x3xf32>, %b: tensor<3xf32>, %x: tensor<2x4xf32>, %y: tensor<2x3xf32>) -> (tensor<4x3xf32>, tensor<3xf32>) {
  %g:2 = jaxr.grad @loss(%w, %b, %x, %y) {argnums = array<i64: 0, 1>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<2x4xf32>, tensor<2x3xf32>) -> (tensor<4x3xf32>, tensor<3xf32>)
  return %g#0, %g#1 : tensor<4x3xf32>, tensor<3xf32>
}
func.func @per_example(%w: tensor<4x3xf32>, %b: tensor<3xf32>, %xs: tensor<5x2x4xf32>, %ys: tensor<5x2x3xf32>) -> (tensor<5x4x3xf32>, tensor<5x3xf32>) {
  %g:2 = jaxr.vmap @grads(%w, %b, %xs, %ys) {in_axes = array<i64: -1, -1, 0, 0>, out_axes = array<i64: 0, 0>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<5x2x4xf32>, tensor<5x2x3xf32>) -> (tensor<5x4x3xf32>, tensor<5x3xf32>)
  return %g#0, %g#1 : tensor<5x4x3xf32>, tensor<5x3xf32>
}
func.func @losses(%w: tensor<4x3xf32>, %b: tensor<3xf32>, %xs: tensor<5x2x4xf32>, %ys: tensor<5x2x3xf32>) -> tensor<5xf32> {
  %l = jaxr.vmap @loss(%w, %b, %xs, %ys) {in_axes = array<i64: -1, -1, 0, 0>, out_axes = array<i64: 0>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<5x2x4xf32>, tensor<5x2x3xf32>) -> tensor<5xf32>
  return %l : tensor<5xf32>
}
func.func @total(%w: tensor<4x3xf32>, %b: tensor<3xf32>, %xs: tensor<5x2x4xf32>, %ys: tensor<5x2x3xf32>) -> tensor<f32> {
  %l = func.call @losses(%w, %b, %xs, %ys) : (tensor<4x3xf32>, tensor<3xf32>, tensor<5x2x4xf32>, tensor<5x2x3xf32>) -> tensor<5xf32>
  %s = jaxr.reduce_sum %l, axes = [0] : tensor<5xf32> -> tensor<f32>
  return %s : tensor<f32>
}
func.func @grad_of_vmap(%w: tensor<4x3xf32>, %b: tensor<3xf32>, %xs: tensor<5x2x4xf32>, %ys: tensor<5x2x3xf32>) -> (tensor<4x3xf32>, tensor<3xf32>) {
  %g:2 = jaxr.grad @total(%w, %b, %xs, %ys) {argnums = array<i64: 0, 1>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<5x2x4xf32>, tensor<5x2x3xf32>) -> (tensor<4x3xf32>, tensor<3xf32>)
  return %g#0, %g#1 : tensor<4x3xf32>, tensor<3xf32>
}
"#;

fn model_inputs(data: &serde_json::Value) -> Vec<HostTensor> {
    ["w", "b", "xs", "ys"]
        .iter()
        .map(|k| {
            let t = &data["inputs"][k];
            let shape: Vec<i64> =
                t["shape"].as_array().unwrap().iter().map(|d| d.as_i64().unwrap()).collect();
            let values: Vec<f32> =
                t["data"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap() as f32).collect();
            HostTensor::from_f32(&shape, &values).unwrap()
        })
        .collect()
}

fn jax_grad(data: &serde_json::Value, k: &str) -> Vec<f64> {
    data["grads"][k]["data"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
}

/// vmap of grad: per-example gradients, as jax.vmap(jax.grad(loss)).
#[test]
fn per_example_gradients_match_jax() {
    let data = read_json(&jax_data("per_example_grads.json"));
    let out = run_on_cpu_after(MODEL, "per_example", "jaxr-vmap", &model_inputs(&data)).unwrap();
    all_close(&out[0].to_f64_vec().unwrap(), &jax_grad(&data, "w"), 1e-5, 1e-6).unwrap();
    all_close(&out[1].to_f64_vec().unwrap(), &jax_grad(&data, "b"), 1e-5, 1e-6).unwrap();
}

/// grad of vmap: the gradient of the summed per-example losses is the sum
/// of JAX's per-example gradients.
#[test]
fn grad_of_vmap_sums_the_per_example_gradients() {
    let data = read_json(&jax_data("per_example_grads.json"));
    let out = run_on_cpu_after(MODEL, "grad_of_vmap", "jaxr-autodiff", &model_inputs(&data)).unwrap();
    for (k, n) in [("w", 12), ("b", 3)] {
        let per = jax_grad(&data, k);
        let want: Vec<f64> = (0..n).map(|i| (0..5).map(|e| per[e * n + i]).sum()).collect();
        let i = usize::from(k == "b");
        all_close(&out[i].to_f64_vec().unwrap(), &want, 1e-5, 1e-6).unwrap();
    }
}

const NESTED: &str = r#"
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %s = jaxr.reduce_sum %x, axes = [0] : tensor<3xf32> -> tensor<f32>
  %b = jaxr.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<3xf32>
  %y = jaxr.sin %x : tensor<3xf32>
  %z = jaxr.mul %y, %b : tensor<3xf32>
  return %z : tensor<3xf32>
}
func.func @rows(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = jaxr.vmap @f(%x) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}
func.func @grid(%x: tensor<4x2x3xf32>) -> tensor<2x4x3xf32> {
  %0 = jaxr.vmap @rows(%x) {in_axes = array<i64: 1>, out_axes = array<i64: 0>} : (tensor<4x2x3xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}
func.func @samples(%keys: tensor<3x2xui32>) -> tensor<3x4xf32> {
  %0 = jaxr.vmap @sample(%keys) {in_axes = array<i64: 0>, out_axes = array<i64: 0>} : (tensor<3x2xui32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}
func.func @sample(%key: tensor<2xui32>) -> tensor<4xf32> {
  %lo = jaxr.constant dense<0.0> : tensor<f32>
  %hi = jaxr.constant dense<1.0> : tensor<f32>
  %u = jaxr.random_uniform %key, %lo, %hi : (tensor<2xui32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return %u : tensor<4xf32>
}
"#;

/// vmap of vmap (with the batch dimension in the middle of the input).
#[test]
fn vmap_of_vmap_matches_f_per_row() {
    let x: Vec<f32> = (0..24).map(|i| (i as f32) * 0.1 - 1.0).collect();
    let out = run_on_cpu_after(NESTED, "grid", "jaxr-vmap", &[HostTensor::from_f32(&[4, 2, 3], &x).unwrap()])
        .unwrap();
    let got = out[0].to_f64_vec().unwrap();
    for j in 0..2 {
        for i in 0..4 {
            let row: Vec<f32> = (0..3).map(|k| x[i * 6 + j * 3 + k]).collect();
            let want =
                run_on_cpu_after(NESTED, "f", "jaxr-vmap", &[HostTensor::from_f32(&[3], &row).unwrap()])
                    .unwrap();
            let at = (j * 4 + i) * 3;
            all_close(&got[at..at + 3], &want[0].to_f64_vec().unwrap(), 1e-6, 1e-7).unwrap();
        }
    }
}

/// Random numbers batch over keys: each row is that key's samples, bit for bit.
#[test]
fn vmap_of_random_sampling_over_keys_matches_each_key() {
    let keys: Vec<u32> = vec![0, 1, 7, 9, 123, 456];
    let key_tensor = HostTensor::from_slice(&[3, 2], &keys).unwrap();
    let out = run_on_cpu_after(NESTED, "samples", "jaxr-vmap", &[key_tensor]).unwrap();
    for e in 0..3 {
        let key = HostTensor::from_slice(&[2], &keys[2 * e..2 * e + 2]).unwrap();
        let want = run_on_cpu_after(NESTED, "sample", "jaxr-vmap", &[key]).unwrap();
        assert_eq!(&out[0].data[e * 16..(e + 1) * 16], &want[0].data[..], "key {e}");
    }
}

/// vmap through an imported scan (a counted while with calls in its body):
/// the corpus's scan_ema batched over its sequences equals each sequence's
/// result.
#[test]
fn vmap_through_an_imported_scan_with_calls() {
    let case = corpus_cases().into_iter().find(|c| c.ends_with("scan_ema")).expect("corpus case");
    let text = std::fs::read_to_string(case.join("fwd.stablehlo.mlir")).unwrap();
    let raise = "convert-stablehlo-to-jaxr{strict=true}";
    let xs: Vec<f32> = (0..80).map(|i| ((i * 37 % 17) as f32) * 0.1 - 0.8).collect();
    let alpha = HostTensor::from_f32(&[], &[0.3]).unwrap();
    let init = HostTensor::from_f32(&[4], &[0.1, -0.2, 0.3, 0.0]).unwrap();
    let batched = run_on_cpu_after(
        &text,
        "main_vmap",
        &format!("{raise}, jaxr-vmap{{of=main in-axes=0,none,none out-axes=0 size=2}}"),
        &[HostTensor::from_f32(&[2, 10, 4], &xs).unwrap(), alpha.clone(), init.clone()],
    )
    .unwrap();
    for e in 0..2 {
        let one = HostTensor::from_f32(&[10, 4], &xs[e * 40..(e + 1) * 40]).unwrap();
        let want = run_on_cpu_after(&text, "main", raise, &[one, alpha.clone(), init.clone()]).unwrap();
        for (k, w) in want.iter().enumerate() {
            let w = w.to_f64_vec().unwrap();
            let got = batched[k].to_f64_vec().unwrap();
            all_close(&got[e * w.len()..(e + 1) * w.len()], &w, 1e-6, 1e-7).unwrap();
        }
    }
}
