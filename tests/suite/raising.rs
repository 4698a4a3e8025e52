//! convert-stablehlo-to-jaxr on the ops without a one-to-one jaxr
//! counterpart: batch norm (decomposed into JAX's primitives), reduces of
//! several operands (argmax/argmin) and dynamic-shape ops whose shapes are
//! constants, and select_and_scatter with a comparison as select and an
//! add as scatter (JAX's select_and_scatter_add, written as a
//! reduce_window, a scatter-add and an add), map with an elementwise body
//! (the body on whole tensors), and rng_bit_generator (whose bits XLA
//! defines; jaxr's op must give XLA's bits and batch as JAX does). Each
//! module is raised strictly (nothing may stay StableHLO),
//! run on the CPU plugin, and compared with the module run as it is (XLA's
//! own expansion of the StableHLO ops), on pseudo-random inputs. The raised
//! batch_norm_training is also differentiated by jaxr-autodiff, against
//! finite differences and against the raised batch_norm_grad.

use jaxr_runtime::HostTensor;
use jaxr_tests::{all_close, run_on_cpu_after};
use jaxr_tests::{directional, Compiled};

const RAISE: &str = "convert-stablehlo-to-jaxr{strict=true}";

/// Deterministic pseudo-random numbers (xorshift64).
struct Rng(u64);

impl Rng {
    /// Uniform in [-1, 1).
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }

    fn values(&mut self, n: usize, lo: f64, hi: f64) -> Vec<f64> {
        (0..n).map(|_| lo + (hi - lo) * (self.uniform() + 1.0) / 2.0).collect()
    }

    /// One of `choices`, uniformly.
    fn pick<T: Copy>(&mut self, choices: &[T]) -> T {
        let i = ((self.uniform() + 1.0) / 2.0 * choices.len() as f64) as usize;
        choices[i.min(choices.len() - 1)]
    }
}

fn count(shape: &[i64]) -> usize {
    shape.iter().product::<i64>() as usize
}

fn f32_tensor(shape: &[i64], values: &[f64]) -> HostTensor {
    let v: Vec<f32> = values.iter().map(|&x| x as f32).collect();
    HostTensor::from_f32(shape, &v).expect("f32 tensor")
}

/// Runs `function` of `text` as it is and after strict raising, and
/// compares every output: integers exactly, floats within `rtol`/`atol`
/// (NaN matching NaN).
fn compare_raised(text: &str, function: &str, inputs: &[HostTensor], rtol: f64, atol: f64) {
    let direct =
        run_on_cpu_after(text, function, "", inputs).unwrap_or_else(|e| panic!("@{function} directly: {e}"));
    let raised =
        run_on_cpu_after(text, function, RAISE, inputs).unwrap_or_else(|e| panic!("@{function} raised: {e}"));
    assert_eq!(direct.len(), raised.len(), "@{function}: number of outputs");
    for (k, (d, r)) in direct.iter().zip(&raised).enumerate() {
        assert_eq!(d.dtype, r.dtype, "@{function}: output {k}'s type");
        assert_eq!(d.shape, r.shape, "@{function}: output {k}'s shape");
        let (dv, rv) = (d.to_f64_vec().expect("numbers"), r.to_f64_vec().expect("numbers"));
        let outcome = if d.dtype.is_float() {
            all_close(&rv, &dv, rtol, atol)
        } else if dv == rv {
            Ok(())
        } else {
            Err(format!("{rv:?}, expected {dv:?}"))
        };
        if let Err(e) = outcome {
            panic!("@{function}: output {k} differs after raising: {e}");
        }
    }
}

// ---------------------------------------------------------------------------
// Batch norm
// ---------------------------------------------------------------------------

/// The three batch norm ops on an operand of `shape` with features along
/// `fi`, in element type `elem`.
fn batch_norm_module(shape: &[i64], fi: usize, elem: &str) -> String {
    let dims: Vec<String> = shape.iter().map(i64::to_string).collect();
    let x = format!("tensor<{}x{elem}>", dims.join("x"));
    let f = format!("tensor<{}x{elem}>", shape[fi]);
    format!(
        r#"
func.func @inference(%x: {x}, %scale: {f}, %offset: {f}, %mean: {f}, %var: {f}) -> {x} {{
  %0 = "stablehlo.batch_norm_inference"(%x, %scale, %offset, %mean, %var) <{{epsilon = 1.0e-03 : f32, feature_index = {fi} : i64}}> : ({x}, {f}, {f}, {f}, {f}) -> {x}
  return %0 : {x}
}}
func.func @training(%x: {x}, %scale: {f}, %offset: {f}) -> ({x}, {f}, {f}) {{
  %0:3 = "stablehlo.batch_norm_training"(%x, %scale, %offset) <{{epsilon = 1.0e-03 : f32, feature_index = {fi} : i64}}> : ({x}, {f}, {f}) -> ({x}, {f}, {f})
  return %0#0, %0#1, %0#2 : {x}, {f}, {f}
}}
func.func @grad(%x: {x}, %scale: {f}, %mean: {f}, %var: {f}, %g: {x}) -> ({x}, {f}, {f}) {{
  %0:3 = "stablehlo.batch_norm_grad"(%x, %scale, %mean, %var, %g) <{{epsilon = 1.0e-03 : f32, feature_index = {fi} : i64}}> : ({x}, {f}, {f}, {f}, {x}) -> ({x}, {f}, {f})
  return %0#0, %0#1, %0#2 : {x}, {f}, {f}
}}
"#
    )
}

#[test]
fn batch_norm_raised_matches_xla() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for (shape, fi) in [(vec![2i64, 3, 4, 5], 1usize), (vec![4, 2, 3, 6], 3), (vec![7, 3], 0)] {
        let text = batch_norm_module(&shape, fi, "f32");
        let n = count(&shape);
        let c = shape[fi] as usize;
        let fshape = [shape[fi]];
        // Features with an offset and a spread, as activations have.
        let x = f32_tensor(&shape, &rng.values(n, -2.0, 3.0));
        let scale = f32_tensor(&fshape, &rng.values(c, 0.5, 1.5));
        let offset = f32_tensor(&fshape, &rng.values(c, -1.0, 1.0));
        let mean = f32_tensor(&fshape, &rng.values(c, -0.5, 1.0));
        let var = f32_tensor(&fshape, &rng.values(c, 0.2, 2.0));
        let g = f32_tensor(&shape, &rng.values(n, -1.0, 1.0));
        let what = format!("shape {shape:?}, feature_index {fi}");
        eprintln!("batch norm, {what}");
        compare_raised(
            &text,
            "inference",
            &[x.clone(), scale.clone(), offset.clone(), mean.clone(), var.clone()],
            1e-5,
            1e-5,
        );
        compare_raised(&text, "training", &[x.clone(), scale.clone(), offset], 1e-4, 1e-5);
        compare_raised(&text, "grad", &[x, scale, mean, var, g], 1e-4, 1e-5);
    }
}

#[test]
fn batch_norm_in_f64_raised_matches_xla() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let (shape, fi) = ([3i64, 4, 5], 2usize);
    let text = batch_norm_module(&shape, fi, "f64");
    let n = count(&shape);
    let fshape = [shape[fi]];
    let t = |shape: &[i64], v: Vec<f64>| HostTensor::from_f64(shape, &v).expect("f64 tensor");
    let x = t(&shape, rng.values(n, -2.0, 3.0));
    let scale = t(&fshape, rng.values(5, 0.5, 1.5));
    let offset = t(&fshape, rng.values(5, -1.0, 1.0));
    let mean = t(&fshape, rng.values(5, -0.5, 1.0));
    let var = t(&fshape, rng.values(5, 0.2, 2.0));
    let g = t(&shape, rng.values(n, -1.0, 1.0));
    compare_raised(
        &text,
        "inference",
        &[x.clone(), scale.clone(), offset.clone(), mean.clone(), var.clone()],
        1e-12,
        1e-12,
    );
    compare_raised(&text, "training", &[x.clone(), scale.clone(), offset], 1e-11, 1e-12);
    compare_raised(&text, "grad", &[x, scale, mean, var, g], 1e-11, 1e-12);
}

// ---------------------------------------------------------------------------
// Gradient of the raised batch_norm_training (helpers as in autodiff.rs)
// ---------------------------------------------------------------------------

fn assert_close(got: &[f64], want: &[f64], tolerance: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tolerance * (1.0 + w.abs()),
            "{what}: element {i}: {g}, expected {w}\n{got:?}\n{want:?}"
        );
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// A loss through all three results of batch_norm_training, and the
/// gradients batch_norm_grad gives for the normalized output alone.
const BATCH_NORM_LOSS: &str = r#"
func.func @loss(%x: tensor<2x3x4xf64>, %scale: tensor<3xf64>, %offset: tensor<3xf64>, %w: tensor<2x3x4xf64>) -> tensor<f64> {
  %0:3 = "stablehlo.batch_norm_training"(%x, %scale, %offset) <{epsilon = 1.0e-03 : f32, feature_index = 1 : i64}> : (tensor<2x3x4xf64>, tensor<3xf64>, tensor<3xf64>) -> (tensor<2x3x4xf64>, tensor<3xf64>, tensor<3xf64>)
  %zero = stablehlo.constant dense<0.0> : tensor<f64>
  %1 = stablehlo.multiply %0#0, %w : tensor<2x3x4xf64>
  %2 = stablehlo.reduce(%1 init: %zero) applies stablehlo.add across dimensions = [0, 1, 2] : (tensor<2x3x4xf64>, tensor<f64>) -> tensor<f64>
  %3 = stablehlo.multiply %0#1, %0#1 : tensor<3xf64>
  %4 = stablehlo.sine %0#2 : tensor<3xf64>
  %5 = stablehlo.add %3, %4 : tensor<3xf64>
  %6 = stablehlo.reduce(%5 init: %zero) applies stablehlo.add across dimensions = [0] : (tensor<3xf64>, tensor<f64>) -> tensor<f64>
  %7 = stablehlo.add %2, %6 : tensor<f64>
  return %7 : tensor<f64>
}
func.func @output_loss(%x: tensor<2x3x4xf64>, %scale: tensor<3xf64>, %offset: tensor<3xf64>, %w: tensor<2x3x4xf64>) -> tensor<f64> {
  %0:3 = "stablehlo.batch_norm_training"(%x, %scale, %offset) <{epsilon = 1.0e-03 : f32, feature_index = 1 : i64}> : (tensor<2x3x4xf64>, tensor<3xf64>, tensor<3xf64>) -> (tensor<2x3x4xf64>, tensor<3xf64>, tensor<3xf64>)
  %zero = stablehlo.constant dense<0.0> : tensor<f64>
  %1 = stablehlo.multiply %0#0, %w : tensor<2x3x4xf64>
  %2 = stablehlo.reduce(%1 init: %zero) applies stablehlo.add across dimensions = [0, 1, 2] : (tensor<2x3x4xf64>, tensor<f64>) -> tensor<f64>
  return %2 : tensor<f64>
}
func.func @output_grads(%x: tensor<2x3x4xf64>, %scale: tensor<3xf64>, %offset: tensor<3xf64>, %w: tensor<2x3x4xf64>) -> (tensor<2x3x4xf64>, tensor<3xf64>, tensor<3xf64>) {
  %0:3 = "stablehlo.batch_norm_training"(%x, %scale, %offset) <{epsilon = 1.0e-03 : f32, feature_index = 1 : i64}> : (tensor<2x3x4xf64>, tensor<3xf64>, tensor<3xf64>) -> (tensor<2x3x4xf64>, tensor<3xf64>, tensor<3xf64>)
  %1:3 = "stablehlo.batch_norm_grad"(%x, %scale, %0#1, %0#2, %w) <{epsilon = 1.0e-03 : f32, feature_index = 1 : i64}> : (tensor<2x3x4xf64>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>, tensor<2x3x4xf64>) -> (tensor<2x3x4xf64>, tensor<3xf64>, tensor<3xf64>)
  return %1#0, %1#1, %1#2 : tensor<2x3x4xf64>, tensor<3xf64>, tensor<3xf64>
}
"#;

fn batch_norm_point(rng: &mut Rng) -> Vec<(Vec<i64>, Vec<f64>)> {
    vec![
        (vec![2, 3, 4], rng.values(24, -2.0, 3.0)),
        (vec![3], rng.values(3, 0.5, 1.5)),
        (vec![3], rng.values(3, -1.0, 1.0)),
        (vec![2, 3, 4], rng.values(24, -1.0, 1.0)),
    ]
}

#[test]
fn grad_of_raised_batch_norm_training_matches_finite_differences() {
    let f = Compiled::new(BATCH_NORM_LOSS, "loss", RAISE);
    let grad = Compiled::new(
        BATCH_NORM_LOSS,
        "loss_grad",
        &format!("{RAISE}, jaxr-autodiff{{grad-of=loss argnums=0,1,2}}"),
    );
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let point = batch_norm_point(&mut rng);
    let g = grad.run(&point);
    assert_eq!(g.len(), 3, "gradients of x, scale, offset");
    for (i, gi) in g.iter().enumerate() {
        // Along coordinate directions for the feature vectors, along random
        // directions for the operand.
        let directions: Vec<Vec<f64>> = if i == 0 {
            (0..4).map(|_| rng.values(24, -1.0, 1.0)).collect()
        } else {
            (0..3).map(|k| (0..3).map(|j| f64::from(u8::from(j == k))).collect()).collect()
        };
        for d in &directions {
            let fd = directional(&f, &point, i, d, 0);
            assert_close(&[dot(gi, d)], &fd, 1e-6, &format!("d loss / d input {i} along {d:?}"));
        }
    }
}

#[test]
fn grad_of_raised_batch_norm_training_is_raised_batch_norm_grad() {
    // batch_norm_grad is the gradient of sum(output * w) through the batch
    // statistics: both sides raised, one by jaxr-autodiff.
    let grad = Compiled::new(
        BATCH_NORM_LOSS,
        "output_loss_grad",
        &format!("{RAISE}, jaxr-autodiff{{grad-of=output_loss argnums=0,1,2}}"),
    );
    let spec = Compiled::new(BATCH_NORM_LOSS, "output_grads", RAISE);
    let mut rng = Rng(0x94D0_49BB_1331_11EB);
    let point = batch_norm_point(&mut rng);
    let (got, want) = (grad.run(&point), spec.run(&point));
    for (k, name) in ["grad_operand", "grad_scale", "grad_offset"].iter().enumerate() {
        assert_close(&got[k], &want[k], 1e-9, name);
    }
}

// ---------------------------------------------------------------------------
// argmax / argmin
// ---------------------------------------------------------------------------

/// JAX's argmax (GT) or argmin (LT) reduce along `axis` of a 6x7 operand of
/// `elem`, returning (value, index).
fn jax_arg_reduce(name: &str, direction: &str, init: &str, axis: usize, elem: &str, index: &str) -> String {
    let out = if axis == 0 { 7 } else { 6 };
    format!(
        r#"
func.func @{name}(%x: tensor<6x7x{elem}>) -> (tensor<{out}x{elem}>, tensor<{out}x{index}>) {{
  %iota = stablehlo.iota dim = {axis} : tensor<6x7x{index}>
  %init = stablehlo.constant dense<{init}> : tensor<{elem}>
  %zero = stablehlo.constant dense<0> : tensor<{index}>
  %r:2 = stablehlo.reduce(%x init: %init), (%iota init: %zero) across dimensions = [{axis}] : (tensor<6x7x{elem}>, tensor<6x7x{index}>, tensor<{elem}>, tensor<{index}>) -> (tensor<{out}x{elem}>, tensor<{out}x{index}>)
   reducer(%a: tensor<{elem}>, %b: tensor<{elem}>) (%ai: tensor<{index}>, %bi: tensor<{index}>)  {{
    %0 = stablehlo.compare  {direction}, %a, %b,  FLOAT : (tensor<{elem}>, tensor<{elem}>) -> tensor<i1>
    %1 = stablehlo.compare  NE, %a, %a,  FLOAT : (tensor<{elem}>, tensor<{elem}>) -> tensor<i1>
    %2 = stablehlo.or %0, %1 : tensor<i1>
    %3 = stablehlo.compare  EQ, %a, %b,  FLOAT : (tensor<{elem}>, tensor<{elem}>) -> tensor<i1>
    %4 = stablehlo.compare  LT, %ai, %bi,  SIGNED : (tensor<{index}>, tensor<{index}>) -> tensor<i1>
    %5 = stablehlo.and %3, %4 : tensor<i1>
    %6 = stablehlo.or %2, %5 : tensor<i1>
    %7 = stablehlo.select %2, %a, %b : tensor<i1>, tensor<{elem}>
    %8 = stablehlo.select %6, %ai, %bi : tensor<i1>, tensor<{index}>
    stablehlo.return %7, %8 : tensor<{elem}>, tensor<{index}>
  }}
  return %r#0, %r#1 : tensor<{out}x{elem}>, tensor<{out}x{index}>
}}
"#
    )
}

/// PyTorch's (and XLA's client library's) integer argmax: GE picks, EQ
/// takes the smaller index by minimum.
const TORCH_ARGMAX_I32: &str = r#"
func.func @torch_argmax(%x: tensor<6x7xi32>) -> (tensor<6xi32>, tensor<6xi64>) {
  %iota = stablehlo.iota dim = 1 : tensor<6x7xi64>
  %init = stablehlo.constant dense<-2147483648> : tensor<i32>
  %zero = stablehlo.constant dense<0> : tensor<i64>
  %r:2 = stablehlo.reduce(%x init: %init), (%iota init: %zero) across dimensions = [1] : (tensor<6x7xi32>, tensor<6x7xi64>, tensor<i32>, tensor<i64>) -> (tensor<6xi32>, tensor<6xi64>)
   reducer(%a: tensor<i32>, %b: tensor<i32>) (%ai: tensor<i64>, %bi: tensor<i64>)  {
    %0 = stablehlo.compare  GE, %a, %b,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %1 = stablehlo.select %0, %a, %b : tensor<i1>, tensor<i32>
    %2 = stablehlo.compare  EQ, %a, %b,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %3 = stablehlo.minimum %ai, %bi : tensor<i64>
    %4 = stablehlo.select %0, %ai, %bi : tensor<i1>, tensor<i64>
    %5 = stablehlo.select %2, %3, %4 : tensor<i1>, tensor<i64>
    stablehlo.return %1, %5 : tensor<i32>, tensor<i64>
  }
  return %r#0, %r#1 : tensor<6xi32>, tensor<6xi64>
}
"#;

#[test]
fn argmax_and_argmin_raised_match_xla_with_nans_and_ties() {
    let cases = [
        ("argmax_rows", "GT", "0xFF800000", 1, "f32", "i32"),
        ("argmax_columns", "GT", "0xFF800000", 0, "f32", "i64"),
        ("argmin_rows", "LT", "0x7F800000", 1, "f32", "i32"),
        ("argmin_columns_f64", "LT", "0x7FF0000000000000", 0, "f64", "i32"),
    ];
    let mut text = String::new();
    for (name, direction, init, axis, elem, index) in cases {
        text += &jax_arg_reduce(name, direction, init, axis, elem, index);
    }
    // Raising leaves no reduce: argmax/argmin and reduce_max/min.
    let ops = jaxr_tests::op_names_after(&text, RAISE).expect("raises strictly");
    assert!(ops.iter().all(|o| !o.starts_with("stablehlo.")), "{ops:?}");
    assert_eq!(ops.iter().filter(|o| *o == "jaxr.argmax" || *o == "jaxr.argmin").count(), 4, "{ops:?}");
    let mut rng = Rng(0xBF58_476D_1CE4_E5B9);
    // Few distinct values, so that ties, several NaNs and infinities meet.
    let choices = [f64::NAN, f64::NEG_INFINITY, -1.0, -0.0, 0.0, 0.5, 1.0, f64::INFINITY];
    let plain = [-1.0, 0.0, 0.5, 1.0];
    for trial in 0..24 {
        // Some trials without NaN (ties decide), some with many.
        let values: Vec<f64> =
            (0..42).map(|_| if trial % 3 == 0 { rng.pick(&plain) } else { rng.pick(&choices) }).collect();
        for (name, _, _, _, elem, _) in cases {
            let x = if elem == "f64" {
                HostTensor::from_f64(&[6, 7], &values).expect("f64 tensor")
            } else {
                f32_tensor(&[6, 7], &values)
            };
            compare_raised(&text, name, &[x], 0.0, 0.0);
        }
    }
}

#[test]
fn integer_argmax_in_pytorchs_form_raised_matches_xla() {
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    for _ in 0..16 {
        let values: Vec<i32> = (0..42).map(|_| rng.pick(&[-3, -1, 0, 2, 2, 5, i32::MIN, i32::MAX])).collect();
        let x = HostTensor::from_i32(&[6, 7], &values).expect("i32 tensor");
        compare_raised(TORCH_ARGMAX_I32, "torch_argmax", &[x], 0.0, 0.0);
    }
    let ops = jaxr_tests::op_names_after(TORCH_ARGMAX_I32, RAISE).expect("raises strictly");
    assert!(
        ops.contains(&"jaxr.argmax".to_string()) && ops.contains(&"jaxr.reduce_max".to_string()),
        "{ops:?}"
    );
}

// ---------------------------------------------------------------------------
// Dynamic-shape ops with constant shapes
// ---------------------------------------------------------------------------

const STATIC_DYNAMIC_SHAPES: &str = r#"
func.func @shapes(%x: tensor<1x6xf32>, %y: tensor<3x1xf32>, %p: tensor<5x4xf32>, %pv: tensor<f32>, %g: tensor<3x4x2xi64>, %i: tensor<2x3x2xi64>) -> (tensor<3x4xi64>, tensor<6xf32>, tensor<3x2x2xf32>, tensor<7x5xf32>, tensor<i32>, tensor<2x3x2x2xi64>) {
  %shape = stablehlo.constant dense<[3, 4]> : tensor<2xi64>
  %0 = stablehlo.dynamic_iota %shape, dim = 1 : (tensor<2xi64>) -> tensor<3x4xi64>
  %four = stablehlo.get_dimension_size %p, dim = 1 : (tensor<5x4xf32>) -> tensor<i32>
  %two = stablehlo.constant dense<2> : tensor<i32>
  %len = stablehlo.add %four, %two : tensor<i32>
  %len1 = stablehlo.reshape %len : (tensor<i32>) -> tensor<1xi32>
  %1 = stablehlo.dynamic_reshape %x, %len1 : (tensor<1x6xf32>, tensor<1xi32>) -> tensor<6xf32>
  %dims = stablehlo.constant dense<[3, 2, 2]> : tensor<3xi64>
  %2 = "stablehlo.dynamic_broadcast_in_dim"(%y, %dims) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<3x2x2xf32>
  %edge = stablehlo.constant dense<[1, -1]> : tensor<2xi64>
  %interior = stablehlo.constant dense<[0, 1]> : tensor<2xi64>
  %3 = stablehlo.dynamic_pad %p, %pv, %edge, %edge, %interior : (tensor<5x4xf32>, tensor<f32>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>) -> tensor<7x5xf32>
  %sizes = stablehlo.constant dense<[1, 2, 2]> : tensor<3xi64>
  %4 = "stablehlo.dynamic_gather"(%g, %i, %sizes) {dimension_numbers = #stablehlo.gather<offset_dims = [2, 3], collapsed_slice_dims = [0], start_index_map = [1, 0], index_vector_dim = 2>, indices_are_sorted = false} : (tensor<3x4x2xi64>, tensor<2x3x2xi64>, tensor<3xi64>) -> tensor<2x3x2x2xi64>
  return %0, %1, %2, %3, %four, %4 : tensor<3x4xi64>, tensor<6xf32>, tensor<3x2x2xf32>, tensor<7x5xf32>, tensor<i32>, tensor<2x3x2x2xi64>
}
"#;

#[test]
fn dynamic_shape_ops_with_constant_shapes_raised_match_xla() {
    let mut rng = Rng(0x8CB9_2BA7_2F3D_8DD7);
    let x = f32_tensor(&[1, 6], &rng.values(6, -1.0, 1.0));
    let y = f32_tensor(&[3, 1], &rng.values(3, -1.0, 1.0));
    let p = f32_tensor(&[5, 4], &rng.values(20, -1.0, 1.0));
    let pv = HostTensor::from_f32(&[], &[-7.0]).expect("scalar");
    let g = HostTensor::from_i64(&[3, 4, 2], &(0..24).collect::<Vec<i64>>()).expect("i64 tensor");
    // Start indices, some out of range (gather clamps them).
    let i = HostTensor::from_i64(&[2, 3, 2], &[0, 0, 1, 0, 2, 1, 0, 1, 1, 1, 0, 9]).expect("i64 tensor");
    compare_raised(STATIC_DYNAMIC_SHAPES, "shapes", &[x, y, p, pv, g, i], 0.0, 0.0);
    assert_eq!(
        jaxr_tests::op_names_after(STATIC_DYNAMIC_SHAPES, RAISE)
            .map(|ops| ops.iter().any(|o| o.starts_with("stablehlo."))),
        Ok(false)
    );
}

#[test]
fn truly_dynamic_shapes_stay_with_the_reason() {
    let text = r#"
func.func @f(%n: tensor<2xi32>) -> tensor<2x3xi32> {
  %0 = stablehlo.dynamic_iota %n, dim = 1 : (tensor<2xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}
"#;
    let e = jaxr_tests::op_names_after(text, RAISE).expect_err("a shape from an argument is dynamic");
    assert!(e.contains("'stablehlo.dynamic_iota' stays StableHLO: dynamic shape"), "{e}");
}

// ---------------------------------------------------------------------------
// select_and_scatter (the gradient of max and min pooling)
// ---------------------------------------------------------------------------

/// A select_and_scatter of an operand of `shape` whose select compares
/// with `direction`, and a loss that weights its result by `w`.
fn select_and_scatter_module(
    shape: &[i64],
    window: &[i64],
    strides: &[i64],
    padding: &[[i64; 2]],
    direction: &str,
    elem: &str,
) -> (String, Vec<i64>) {
    let out: Vec<i64> = (0..shape.len())
        .map(|d| (shape[d] + padding[d][0] + padding[d][1] - window[d]) / strides[d] + 1)
        .collect();
    let t =
        |s: &[i64]| format!("tensor<{}x{elem}>", s.iter().map(i64::to_string).collect::<Vec<_>>().join("x"));
    let list = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let pads: Vec<String> = padding.iter().map(|p| format!("[{}, {}]", p[0], p[1])).collect();
    let dims: Vec<String> = (0..shape.len()).map(|d| d.to_string()).collect();
    let (x, src) = (t(shape), t(&out));
    let text = format!(
        r#"
func.func @scatter(%x: {x}, %g: {src}) -> {x} {{
  %init = stablehlo.constant dense<0.0> : tensor<{elem}>
  %0 = "stablehlo.select_and_scatter"(%x, %g, %init) ({{
  ^bb0(%a: tensor<{elem}>, %b: tensor<{elem}>):
    %p = stablehlo.compare {direction}, %a, %b : (tensor<{elem}>, tensor<{elem}>) -> tensor<i1>
    stablehlo.return %p : tensor<i1>
  }}, {{
  ^bb0(%a: tensor<{elem}>, %b: tensor<{elem}>):
    %s = stablehlo.add %a, %b : tensor<{elem}>
    stablehlo.return %s : tensor<{elem}>
  }}) {{window_dimensions = array<i64: {window}>, window_strides = array<i64: {strides}>, padding = dense<[{pads}]> : tensor<{rank}x2xi64>}} : ({x}, {src}, tensor<{elem}>) -> {x}
  return %0 : {x}
}}
func.func @loss(%x: {x}, %g: {src}, %w: {x}) -> tensor<{elem}> {{
  %0 = func.call @scatter(%x, %g) : ({x}, {src}) -> {x}
  %1 = stablehlo.multiply %0, %w : {x}
  %zero = stablehlo.constant dense<0.0> : tensor<{elem}>
  %2 = stablehlo.reduce(%1 init: %zero) applies stablehlo.add across dimensions = [{dims}] : ({x}, tensor<{elem}>) -> tensor<{elem}>
  return %2 : tensor<{elem}>
}}
"#,
        window = list(window),
        strides = list(strides),
        pads = pads.join(", "),
        rank = shape.len(),
        dims = dims.join(", "),
    );
    (text, out)
}

/// An operand shape, window dimensions, strides and padding.
type Window<'a> = (&'a [i64], &'a [i64], &'a [i64], &'a [[i64; 2]]);

#[test]
fn select_and_scatter_raised_matches_xla_with_ties_and_padding() {
    let mut rng = Rng(0x5EED_0F5C_A77E_2024);
    let cases: [Window; 3] = [
        (&[4, 6], &[2, 2], &[2, 2], &[[0, 0], [0, 0]]),
        (&[5, 5], &[3, 3], &[1, 2], &[[1, 1], [0, 1]]),
        (&[2, 7, 3], &[1, 3, 2], &[1, 2, 1], &[[0, 0], [1, 1], [0, 0]]),
    ];
    for (shape, window, strides, padding) in cases {
        for direction in ["GE", "GT", "LE", "LT"] {
            let (text, out) = select_and_scatter_module(shape, window, strides, padding, direction, "f32");
            // Values on a coarse grid, so that windows hold ties.
            let x: Vec<f64> =
                rng.values(count(shape), -2.0, 2.0).iter().map(|v| (v * 2.0).round() / 2.0).collect();
            let g = rng.values(count(&out), -1.0, 1.0);
            let inputs = [f32_tensor(shape, &x), f32_tensor(&out, &g)];
            compare_raised(&text, "scatter", &inputs, 1e-6, 1e-6);
        }
    }
}

#[test]
fn grad_of_raised_select_and_scatter_matches_finite_differences() {
    let (shape, window, strides, padding) = (&[5, 4][..], &[3, 2][..], &[2, 1][..], &[[1, 1], [0, 0]][..]);
    let (text, out) = select_and_scatter_module(shape, window, strides, padding, "GE", "f64");
    let f = Compiled::new(&text, "loss", RAISE);
    let grad =
        Compiled::new(&text, "loss_grad", &format!("{RAISE}, jaxr-autodiff{{grad-of=loss argnums=1,2}}"));
    let mut rng = Rng(0x0DD5_EED5_1234_5678);
    let point = vec![
        (shape.to_vec(), rng.values(count(shape), -2.0, 2.0)),
        (out.clone(), rng.values(count(&out), -1.0, 1.0)),
        (shape.to_vec(), rng.values(count(shape), -1.0, 1.0)),
    ];
    let g = grad.run(&point);
    for (k, input) in [1usize, 2].into_iter().enumerate() {
        for _ in 0..3 {
            let d = rng.values(point[input].1.len(), -1.0, 1.0);
            let fd = directional(&f, &point, input, &d, 0);
            assert_close(&[dot(&g[k], &d)], &fd, 1e-6, &format!("d loss / d input {input}"));
        }
    }
}

// ---------------------------------------------------------------------------
// map
// ---------------------------------------------------------------------------

const MAPS: &str = r#"
func.func @maps(%a: tensor<2x3xi32>, %b: tensor<2x3xi32>, %x: tensor<4xf32>) -> (tensor<2x3xi32>, tensor<4xf32>) {
  %0 = "stablehlo.map"(%a, %b) ({
  ^bb0(%p: tensor<i32>, %q: tensor<i32>):
    %m = stablehlo.multiply %p, %q : tensor<i32>
    %s = stablehlo.subtract %m, %q : tensor<i32>
    stablehlo.return %s : tensor<i32>
  }) {dimensions = array<i64: 0, 1>} : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  %1 = "stablehlo.map"(%x) ({
  ^bb0(%v: tensor<f32>):
    %c = stablehlo.constant dense<2.0> : tensor<f32>
    %d = stablehlo.multiply %v, %c : tensor<f32>
    %e = stablehlo.sine %d : tensor<f32>
    %g = stablehlo.compare GT, %e, %v : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %r = stablehlo.select %g, %e, %v : tensor<i1>, tensor<f32>
    stablehlo.return %r : tensor<f32>
  }) {dimensions = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<2x3xi32>, tensor<4xf32>
}
"#;

#[test]
fn maps_with_elementwise_bodies_raised_match_xla() {
    let mut rng = Rng(0x3A9E_11D7_0C4B_52F1);
    let ints = |rng: &mut Rng| -> Vec<i32> { rng.values(6, -50.0, 50.0).iter().map(|v| *v as i32).collect() };
    let inputs = [
        HostTensor::from_slice(&[2, 3], &ints(&mut rng)).expect("a"),
        HostTensor::from_slice(&[2, 3], &ints(&mut rng)).expect("b"),
        f32_tensor(&[4], &rng.values(4, -2.0, 2.0)),
    ];
    compare_raised(MAPS, "maps", &inputs, 1e-6, 1e-6);
}

// ---------------------------------------------------------------------------
// rng_bit_generator
// ---------------------------------------------------------------------------

const RNG_BIT_GENERATOR: &str = r#"
func.func @three_fry(%s: tensor<2xui64>) -> (tensor<2xui64>, tensor<2x3xui32>) {
  %state, %bits = stablehlo.rng_bit_generator %s, algorithm = THREE_FRY : (tensor<2xui64>) -> (tensor<2xui64>, tensor<2x3xui32>)
  return %state, %bits : tensor<2xui64>, tensor<2x3xui32>
}
func.func @philox(%s: tensor<3xui64>) -> (tensor<3xui64>, tensor<5xui64>) {
  %state, %bits = stablehlo.rng_bit_generator %s, algorithm = PHILOX : (tensor<3xui64>) -> (tensor<3xui64>, tensor<5xui64>)
  return %state, %bits : tensor<3xui64>, tensor<5xui64>
}
func.func @three_fry_of_batch_shape(%s: tensor<2xui64>) -> (tensor<2xui64>, tensor<4x2x3xui32>) {
  %state, %bits = stablehlo.rng_bit_generator %s, algorithm = THREE_FRY : (tensor<2xui64>) -> (tensor<2xui64>, tensor<4x2x3xui32>)
  return %state, %bits : tensor<2xui64>, tensor<4x2x3xui32>
}
"#;

const BATCH_OF_THREE_FRY: &str = r#"
func.func @batch_of_three_fry(%s: tensor<4x2xui64>) -> (tensor<4x2xui64>, tensor<4x2x3xui32>) {
  %0:2 = jaxr.vmap @three_fry(%s) {in_axes = array<i64: 0>, out_axes = array<i64: 0, 0>} : (tensor<4x2xui64>) -> (tensor<4x2xui64>, tensor<4x2x3xui32>)
  return %0#0, %0#1 : tensor<4x2xui64>, tensor<4x2x3xui32>
}
"#;

fn u64s(shape: &[i64], values: &[u64]) -> HostTensor {
    HostTensor::from_slice(shape, values).expect("ui64 tensor")
}

#[test]
fn rng_bit_generator_raised_gives_xlas_bits_and_batches_as_jax() {
    compare_raised(RNG_BIT_GENERATOR, "three_fry", &[u64s(&[2], &[42, 7])], 0.0, 0.0);
    compare_raised(RNG_BIT_GENERATOR, "philox", &[u64s(&[3], &[1, 2, 3])], 0.0, 0.0);
    // JAX batches a batched state by drawing the whole batch from the first
    // example's state, which alone advances.
    let states: Vec<u64> = vec![42, 7, 5, 6, 9, 10, 11, 12];
    let batched = run_on_cpu_after(
        &format!("{RNG_BIT_GENERATOR}{BATCH_OF_THREE_FRY}"),
        "batch_of_three_fry",
        &format!("{RAISE}, jaxr-vmap"),
        &[u64s(&[4, 2], &states)],
    )
    .unwrap_or_else(|e| panic!("batched: {e}"));
    let first =
        run_on_cpu_after(RNG_BIT_GENERATOR, "three_fry_of_batch_shape", "", &[u64s(&[2], &states[..2])])
            .unwrap_or_else(|e| panic!("first example's state: {e}"));
    assert_eq!(
        batched[1].to_vec::<u32>().expect("bits"),
        first[1].to_vec::<u32>().expect("bits"),
        "the bits"
    );
    let new_states = batched[0].to_vec::<u64>().expect("ui64 states");
    assert_eq!(
        new_states[..2],
        first[0].to_vec::<u64>().expect("ui64 state")[..],
        "the first state advances"
    );
    assert_eq!(new_states[2..], states[2..], "the other states stay");
    assert_ne!(new_states[..2], states[..2], "the first state changes");
}
