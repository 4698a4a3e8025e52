//! Grouped convolutions in both modes of jaxr-autodiff: a depthwise
//! convolution as TensorFlow writes it (NHWC x HWIO, feature_group_count =
//! the input features, imported from StableHLO), a convolution of two
//! feature groups (NCHW x OIHW) and one of two batch groups (the layout of
//! JAX's kernel gradient of a grouped convolution). Each is checked in f64
//! against references independent of the rules:
//!
//! - forward values: the plain-Rust convolution of `jaxr_tests::reference`;
//! - forward mode: the JVP in the input and in the kernel equals central
//!   finite differences of the compiled convolution;
//! - reverse mode: <vjp(c), t> = <c, (f(x + h t) - f(x - h t)) / 2h> for
//!   the input and the kernel, and each cotangent element equals
//!   <c, conv(e_i, w)> (or <c, conv(x, e_i)>), the reference applied to
//!   each basis vector;
//! - mixed precision (bf16 operands, an f32 result): the derivatives have
//!   the operands' types, with values exact on small integers.

use jaxr_dialect::ElemType::{self, BF16, F32, F64};
use jaxr_tests::reference::{self as r, Array};
use jaxr_tests::{Compiled, Rng};

const RAISE: &str = "convert-stablehlo-to-jaxr{strict=true}";
const H: f64 = 1e-5;

/// Integers in [-2, 2], exact in every float type.
fn small_ints(rng: &mut Rng, elem: ElemType, shape: &[i64]) -> Array {
    let values: Vec<f64> = (0..r::count(shape)).map(|_| (rng.uniform() * 5.0).floor() - 2.0).collect();
    Array::floats(elem, shape, &values)
}

/// A convolution under test: a module whose public `@main(%x, %w)` returns
/// it, the pipeline that makes it jaxr, and what the reference needs.
struct Conv {
    name: &'static str,
    text: String,
    raise: &'static str,
    dims: r::ConvDims,
    /// The shapes of main's arguments.
    x_shape: Vec<i64>,
    w_shape: Vec<i64>,
    /// The kernel's shape in the convolution (main may reshape its argument,
    /// as TensorFlow's depthwise kernels are).
    conv_w_shape: Vec<i64>,
}

impl Conv {
    fn pipeline(&self, derive: &str) -> String {
        [self.raise, derive].iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(", ")
    }

    /// The reference convolution of `x` and `w` (main's arguments).
    fn reference(&self, x: &Array, w: &Array, out: ElemType) -> Array {
        let w = Array::new(w.elem, self.conv_w_shape.clone(), w.values.clone());
        r::conv_general_dilated(x, &w, &self.dims, out)
    }
}

fn list<T: ToString>(v: &[T]) -> String {
    format!("[{}]", v.iter().map(T::to_string).collect::<Vec<_>>().join(", "))
}

/// A module of one jaxr.conv_general_dilated.
fn jaxr_conv(
    name: &'static str,
    dims: r::ConvDims,
    x_shape: &[i64],
    w_shape: &[i64],
    operands: ElemType,
    out: ElemType,
) -> Conv {
    let zero = |shape: &[i64]| Array::floats(operands, shape, &vec![0.0; r::count(shape)]);
    let y = r::conv_general_dilated(&zero(x_shape), &zero(w_shape), &dims, out);
    let (xt, wt, yt) =
        (r::tensor_type(operands, x_shape), r::tensor_type(operands, w_shape), y.type_string());
    let padding: Vec<i64> = dims.padding.iter().flat_map(|&(lo, hi)| [lo, hi]).collect();
    let text = format!(
        "func.func @main(%x: {xt}, %w: {wt}) -> {yt} {{\n  %0 = jaxr.conv_general_dilated %x, %w, \
         window_strides = {}, padding = {}, lhs_dilation = {}, rhs_dilation = {}, dimension_numbers = {} x \
         {} -> {}, feature_group_count = {}, batch_group_count = {} : ({xt}, {wt}) -> {yt}\n  return %0 : \
         {yt}\n}}\n",
        list(&dims.window_strides),
        list(&padding),
        list(&dims.lhs_dilation),
        list(&dims.rhs_dilation),
        list(&dims.lhs_spec),
        list(&dims.rhs_spec),
        list(&dims.out_spec),
        dims.feature_group_count,
        dims.batch_group_count,
    );
    Conv {
        name,
        text,
        raise: "",
        dims,
        x_shape: x_shape.to_vec(),
        w_shape: w_shape.to_vec(),
        conv_w_shape: w_shape.to_vec(),
    }
}

/// tf.nn.depthwise_conv2d as TensorFlow lowers it: the HWCM filter
/// (3x3, 3 channels, multiplier 2) reshaped to HWIO with one input feature
/// and 6 output features, and an NHWC convolution of 3 feature groups
/// (stride 2 x 1, padding 1, kernel dilation 1 x 2).
fn depthwise(operands: ElemType, out: ElemType) -> Conv {
    let (o, y) = (operands.name(), out.name());
    let text = format!(
        r#"func.func public @main(%x: tensor<2x5x5x3x{o}>, %f: tensor<3x3x3x2x{o}>) -> tensor<2x3x3x6x{y}> {{
  %w = stablehlo.reshape %f : (tensor<3x3x3x2x{o}>) -> tensor<3x3x1x6x{o}>
  %0 = stablehlo.convolution(%x, %w) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {{stride = [2, 1], pad = [[1, 1], [1, 1]], lhs_dilate = [1, 1], rhs_dilate = [1, 2]}} {{batch_group_count = 1 : i64, feature_group_count = 3 : i64, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]}} : (tensor<2x5x5x3x{o}>, tensor<3x3x1x6x{o}>) -> tensor<2x3x3x6x{y}>
  return %0 : tensor<2x3x3x6x{y}>
}}
"#
    );
    Conv {
        name: "depthwise NHWC x HWIO",
        text,
        raise: RAISE,
        dims: r::ConvDims {
            window_strides: vec![2, 1],
            padding: vec![(1, 1), (1, 1)],
            lhs_dilation: vec![1, 1],
            rhs_dilation: vec![1, 2],
            lhs_spec: vec![0, 3, 1, 2],
            rhs_spec: vec![3, 2, 0, 1],
            out_spec: vec![0, 3, 1, 2],
            feature_group_count: 3,
            batch_group_count: 1,
        },
        x_shape: vec![2, 5, 5, 3],
        w_shape: vec![3, 3, 3, 2],
        conv_w_shape: vec![3, 3, 1, 6],
    }
}

/// Two feature groups, NCHW x OIHW: 4 input features, 6 output features,
/// stride 1 x 2, lhs dilation 2 x 1, uneven padding.
fn two_feature_groups(operands: ElemType, out: ElemType) -> Conv {
    let nchw = vec![0, 1, 2, 3];
    let dims = r::ConvDims {
        window_strides: vec![1, 2],
        padding: vec![(1, 0), (0, 1)],
        lhs_dilation: vec![2, 1],
        rhs_dilation: vec![1, 1],
        lhs_spec: nchw.clone(),
        rhs_spec: nchw.clone(),
        out_spec: nchw,
        feature_group_count: 2,
        batch_group_count: 1,
    };
    jaxr_conv("two feature groups NCHW x OIHW", dims, &[2, 4, 6, 5], &[6, 2, 3, 2], operands, out)
}

/// Two batch groups in the layout of JAX's kernel gradient of a grouped
/// convolution (batch and feature swapped: CNHW x IOHW -> CNHW): a batch of
/// 4 in two groups, 3 features, 4 output features (2 per group), kernel
/// dilation 2 x 1, stride 1 x 2.
fn two_batch_groups(operands: ElemType, out: ElemType) -> Conv {
    let cnhw = vec![1, 0, 2, 3];
    let dims = r::ConvDims {
        window_strides: vec![1, 2],
        padding: vec![(1, 0), (0, 1)],
        lhs_dilation: vec![1, 1],
        rhs_dilation: vec![2, 1],
        lhs_spec: cnhw.clone(),
        rhs_spec: cnhw.clone(),
        out_spec: cnhw,
        feature_group_count: 1,
        batch_group_count: 2,
    };
    jaxr_conv("two batch groups CNHW x IOHW", dims, &[3, 4, 6, 5], &[3, 4, 2, 2], operands, out)
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn assert_close(got: &[f64], want: &[f64], rtol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= rtol * (1.0 + w.abs()), "{what}: element {i}: {g}, expected {w}");
    }
}

/// `x + s t`, elementwise.
fn moved(x: &Array, t: &Array, s: f64) -> Array {
    let values: Vec<f64> = x.to_f64().iter().zip(t.to_f64()).map(|(a, b)| a + s * b).collect();
    Array::floats(x.elem, &x.shape, &values)
}

/// Zeros like `like`.
fn zeros(like: &Array) -> Array {
    Array::floats(like.elem, &like.shape, &vec![0.0; like.len()])
}

/// The unit vector `i` of `like`'s shape.
fn basis(like: &Array, i: usize) -> Array {
    let mut values = vec![0.0; like.len()];
    values[i] = 1.0;
    Array::floats(like.elem, &like.shape, &values)
}

/// The transpose of the linear map `f` (from arrays like `like`) applied to
/// `c`: element i is <c, f(e_i)>.
fn transposed(like: &Array, c: &Array, f: impl Fn(&Array) -> Array) -> Vec<f64> {
    (0..like.len()).map(|i| dot(&c.to_f64(), &f(&basis(like, i)).to_f64())).collect()
}

/// The checks in f64 (see the module's documentation).
fn check_f64(conv: &Conv, seed: u64) {
    let name = conv.name;
    let mut rng = Rng(seed | 1);
    let x = rng.floats(F64, &conv.x_shape, -1.0, 1.0);
    let w = rng.floats(F64, &conv.w_shape, -1.0, 1.0);
    let (tx, tw) = (rng.floats(F64, &conv.x_shape, -1.0, 1.0), rng.floats(F64, &conv.w_shape, -1.0, 1.0));
    let (zx, zw) = (zeros(&tx), zeros(&tw));

    // The import keeps the groups: one jaxr convolution, no StableHLO left.
    let names = jaxr_tests::op_names_after(&conv.text, &conv.pipeline("")).expect("imports");
    assert!(names.iter().any(|n| n == "jaxr.conv_general_dilated"), "{name}: {names:?}");
    assert!(!names.iter().any(|n| n.starts_with("stablehlo.")), "{name}: {names:?}");

    // Forward values.
    let f = Compiled::new(&conv.text, "main", &conv.pipeline(""));
    let y = f.run_arrays(&[&x, &w]).remove(0);
    let want = conv.reference(&x, &w, F64);
    assert_eq!(y.shape, want.shape, "{name}: result shape");
    assert_close(&y.to_f64(), &want.to_f64(), 1e-12, &format!("{name}: values"));

    // Central differences along the input, the kernel, and both.
    let fd = |dx: &Array, dw: &Array| -> Vec<f64> {
        let plus = f.run_arrays(&[&moved(&x, dx, H), &moved(&w, dw, H)]).remove(0);
        let minus = f.run_arrays(&[&moved(&x, dx, -H), &moved(&w, dw, -H)]).remove(0);
        plus.to_f64().iter().zip(minus.to_f64()).map(|(a, b)| (a - b) / (2.0 * H)).collect()
    };
    let (fd_x, fd_w, fd_both) = (fd(&tx, &zw), fd(&zx, &tw), fd(&tx, &tw));

    // Forward mode.
    let jvp = Compiled::new(&conv.text, "main_jvp", &conv.pipeline("jaxr-autodiff{jvp-of=main argnums=0,1}"));
    for (dx, dw, want, what) in
        [(&tx, &zw, &fd_x, "the input"), (&zx, &tw, &fd_w, "the kernel"), (&tx, &tw, &fd_both, "both")]
    {
        let out = jvp.run_arrays(&[&x, &w, dx, dw]);
        assert_close(&out[0].to_f64(), &y.to_f64(), 1e-12, &format!("{name}: primal of the jvp"));
        assert_close(&out[1].to_f64(), want, 1e-6, &format!("{name}: jvp in {what} vs finite differences"));
    }

    // Reverse mode.
    let c = rng.floats(F64, &y.shape, -1.0, 1.0);
    let vjp = Compiled::new(&conv.text, "main_vjp", &conv.pipeline("jaxr-autodiff{vjp-of=main argnums=0,1}"));
    let cts = vjp.run_arrays(&[&x, &w, &c]);
    let [cx, cw] = &cts[..] else { panic!("{name}: two cotangents, got {}", cts.len()) };
    assert_eq!((&cx.shape, &cw.shape), (&x.shape, &w.shape), "{name}: cotangent shapes");
    for (ct, t, fd, what) in [(cx, &tx, &fd_x, "the input"), (cw, &tw, &fd_w, "the kernel")] {
        let got = dot(&ct.to_f64(), &t.to_f64());
        let want = dot(&c.to_f64(), fd);
        let scale: f64 = c.to_f64().iter().zip(fd).map(|(a, b)| (a * b).abs()).sum();
        assert!(
            (got - want).abs() <= 1e-6 * (1.0 + scale),
            "{name}: vjp in {what}: <vjp(c), t> = {got}, finite differences give <c, J t> = {want}"
        );
    }
    let want_cx = transposed(&x, &c, |e| conv.reference(e, &w, F64));
    let want_cw = transposed(&w, &c, |e| conv.reference(&x, e, F64));
    assert_close(&cx.to_f64(), &want_cx, 1e-12, &format!("{name}: input cotangent vs the reference"));
    assert_close(&cw.to_f64(), &want_cw, 1e-12, &format!("{name}: kernel cotangent vs the reference"));
}

#[test]
fn depthwise_convolution_from_tensorflow_in_both_modes() {
    check_f64(&depthwise(F64, F64), 0x9E37_79B9_7F4A_7C15);
}

#[test]
fn convolution_of_two_feature_groups_in_both_modes() {
    check_f64(&two_feature_groups(F64, F64), 0xD1B5_4A32_D192_ED03);
}

#[test]
fn convolution_of_two_batch_groups_in_both_modes() {
    check_f64(&two_batch_groups(F64, F64), 0x2545_F491_4F6C_DD1D);
}

/// bf16 operands and an f32 result, as mixed-precision training writes
/// them: the JVP is f32, the cotangents are bf16 (the rules compute in f32
/// and convert back, as JAX's do). Small integers keep every product and
/// sum exact, so the numbers are compared exactly with the reference in f64.
#[test]
fn mixed_precision_grouped_convolutions_have_derivatives_of_their_types() {
    for (conv, seed) in
        [(depthwise(BF16, F32), 3u64), (two_feature_groups(BF16, F32), 5), (two_batch_groups(BF16, F32), 7)]
    {
        let name = conv.name;
        let mut rng = Rng(seed);
        let x = small_ints(&mut rng, BF16, &conv.x_shape);
        let w = small_ints(&mut rng, BF16, &conv.w_shape);
        let (tx, tw) = (small_ints(&mut rng, BF16, &conv.x_shape), small_ints(&mut rng, BF16, &conv.w_shape));
        let y = conv.reference(&x, &w, F64);
        let c = small_ints(&mut rng, F32, &y.shape);

        let jvp =
            Compiled::new(&conv.text, "main_jvp", &conv.pipeline("jaxr-autodiff{jvp-of=main argnums=0,1}"));
        let out = jvp.run_arrays(&[&x, &w, &tx, &tw]);
        assert_eq!((out[0].elem, out[1].elem), (F32, F32), "{name}: jvp types");
        assert_eq!(out[0].to_f64(), y.to_f64(), "{name}: primal of the jvp");
        let want: Vec<f64> = conv
            .reference(&tx, &w, F64)
            .to_f64()
            .iter()
            .zip(conv.reference(&x, &tw, F64).to_f64())
            .map(|(a, b)| a + b)
            .collect();
        assert_eq!(out[1].to_f64(), want, "{name}: tangent");

        let vjp =
            Compiled::new(&conv.text, "main_vjp", &conv.pipeline("jaxr-autodiff{vjp-of=main argnums=0,1}"));
        let cts = vjp.run_arrays(&[&x, &w, &c]);
        let [cx, cw] = &cts[..] else { panic!("{name}: two cotangents, got {}", cts.len()) };
        assert_eq!((cx.type_string(), cw.type_string()), (x.type_string(), w.type_string()), "{name}: types");
        let as_f64 = |a: &Array| Array::new(F64, a.shape.clone(), a.values.clone());
        let (x64, w64, c64) = (as_f64(&x), as_f64(&w), as_f64(&c));
        let want_cx = transposed(&x64, &c64, |e| conv.reference(e, &w64, F64));
        let want_cw = transposed(&w64, &c64, |e| conv.reference(&x64, e, F64));
        assert_eq!(cx.to_f64(), want_cx, "{name}: input cotangent");
        assert_eq!(cw.to_f64(), want_cw, "{name}: kernel cotangent");
        // The values fit bf16 exactly: the comparison above is not vacuous.
        assert!(want_cx.iter().chain(&want_cw).all(|v| r::round_to(BF16, *v) == *v), "{name}");
    }
}
