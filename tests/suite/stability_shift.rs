//! The stability shift of softmax, log_softmax and logsumexp
//! (transforms/src/shift.rs): written as JAX exports them, their
//! derivatives in both modes match central finite differences in f64, and
//! the derivative no longer runs through the max (no `jaxr.eq` mask, which
//! reduce_max's rule builds). A function that also returns a value the shift
//! moves keeps the max's derivative, and is right too.

use jaxr_tests::{directional, lower_for_pjrt_after, Compiled};

/// JAX's forms: `max(-inf, reduce_max)`, kept as a size-1 axis and
/// broadcast back; logsumexp with `select(is_finite(m), m, 0)` and `abs`.
const SHIFTED: &str = r#"
func.func @log_softmax_loss(%x: tensor<3x4xf64>, %w: tensor<3x4xf64>) -> tensor<f64> {
  %ninf = jaxr.constant dense<0xFFF0000000000000> : tensor<f64>
  %m = jaxr.reduce_max %x, axes = [1] : tensor<3x4xf64> -> tensor<3xf64>
  %n = jaxr.broadcast_in_dim %ninf, dims = [] : tensor<f64> -> tensor<3xf64>
  %c = jaxr.max %n, %m : tensor<3xf64>
  %c1 = jaxr.broadcast_in_dim %c, dims = [0] : tensor<3xf64> -> tensor<3x1xf64>
  %cb = jaxr.broadcast_in_dim %c1, dims = [0, 1] : tensor<3x1xf64> -> tensor<3x4xf64>
  %s = jaxr.sub %x, %cb : tensor<3x4xf64>
  %e = jaxr.exp %s : tensor<3x4xf64>
  %d = jaxr.reduce_sum %e, axes = [1] : tensor<3x4xf64> -> tensor<3xf64>
  %d1 = jaxr.broadcast_in_dim %d, dims = [0] : tensor<3xf64> -> tensor<3x1xf64>
  %l = jaxr.log %d1 : tensor<3x1xf64>
  %lb = jaxr.broadcast_in_dim %l, dims = [0, 1] : tensor<3x1xf64> -> tensor<3x4xf64>
  %y = jaxr.sub %s, %lb : tensor<3x4xf64>
  %p = jaxr.mul %w, %y : tensor<3x4xf64>
  %r = jaxr.reduce_sum %p, axes = [0, 1] : tensor<3x4xf64> -> tensor<f64>
  return %r : tensor<f64>
}
func.func @softmax_loss(%x: tensor<3x4xf64>, %w: tensor<3x4xf64>) -> tensor<f64> {
  %ninf = jaxr.constant dense<0xFFF0000000000000> : tensor<f64>
  %m = jaxr.reduce_max %x, axes = [0] : tensor<3x4xf64> -> tensor<4xf64>
  %n = jaxr.broadcast_in_dim %ninf, dims = [] : tensor<f64> -> tensor<4xf64>
  %c = jaxr.max %m, %n : tensor<4xf64>
  %cb = jaxr.broadcast_in_dim %c, dims = [1] : tensor<4xf64> -> tensor<3x4xf64>
  %s = jaxr.sub %x, %cb : tensor<3x4xf64>
  %e = jaxr.exp %s : tensor<3x4xf64>
  %d = jaxr.reduce_sum %e, axes = [0] : tensor<3x4xf64> -> tensor<4xf64>
  %db = jaxr.broadcast_in_dim %d, dims = [1] : tensor<4xf64> -> tensor<3x4xf64>
  %y = jaxr.div %e, %db : tensor<3x4xf64>
  %p = jaxr.mul %w, %y : tensor<3x4xf64>
  %r = jaxr.reduce_sum %p, axes = [0, 1] : tensor<3x4xf64> -> tensor<f64>
  return %r : tensor<f64>
}
func.func @logsumexp(%x: tensor<3x4xf64>, %w: tensor<3xf64>) -> tensor<f64> {
  %ninf = jaxr.constant dense<0xFFF0000000000000> : tensor<f64>
  %zero = jaxr.constant dense<0.0> : tensor<f64>
  %m = jaxr.reduce_max %x, axes = [1] : tensor<3x4xf64> -> tensor<3xf64>
  %n = jaxr.broadcast_in_dim %ninf, dims = [] : tensor<f64> -> tensor<3xf64>
  %m2 = jaxr.max %n, %m : tensor<3xf64>
  %f = jaxr.is_finite %m2 : tensor<3xf64> -> tensor<3xi1>
  %z = jaxr.broadcast_in_dim %zero, dims = [] : tensor<f64> -> tensor<3xf64>
  %c = jaxr.select_n %f, %z, %m2 : (tensor<3xi1>, tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
  %c1 = jaxr.reshape %c : tensor<3xf64> -> tensor<3x1xf64>
  %cb = jaxr.broadcast_in_dim %c1, dims = [0, 1] : tensor<3x1xf64> -> tensor<3x4xf64>
  %s = jaxr.sub %x, %cb : tensor<3x4xf64>
  %e = jaxr.exp %s : tensor<3x4xf64>
  %d = jaxr.reduce_sum %e, axes = [1] : tensor<3x4xf64> -> tensor<3xf64>
  %a = jaxr.abs %d : tensor<3xf64>
  %l = jaxr.log %a : tensor<3xf64>
  %lse = jaxr.add %l, %c : tensor<3xf64>
  %p = jaxr.mul %w, %lse : tensor<3xf64>
  %r = jaxr.reduce_sum %p, axes = [0] : tensor<3xf64> -> tensor<f64>
  return %r : tensor<f64>
}
func.func @scaled_escapes(%x: tensor<3x4xf64>, %w: tensor<3x4xf64>) -> tensor<f64> {
  %m = jaxr.reduce_max %x, axes = [1] : tensor<3x4xf64> -> tensor<3xf64>
  %cb = jaxr.broadcast_in_dim %m, dims = [0] : tensor<3xf64> -> tensor<3x4xf64>
  %s = jaxr.sub %x, %cb : tensor<3x4xf64>
  %e = jaxr.exp %s : tensor<3x4xf64>
  %d = jaxr.reduce_sum %e, axes = [1] : tensor<3x4xf64> -> tensor<3xf64>
  %db = jaxr.broadcast_in_dim %d, dims = [0] : tensor<3xf64> -> tensor<3x4xf64>
  %y = jaxr.div %e, %db : tensor<3x4xf64>
  %q = jaxr.add %y, %e : tensor<3x4xf64>
  %p = jaxr.mul %w, %q : tensor<3x4xf64>
  %r = jaxr.reduce_sum %p, axes = [0, 1] : tensor<3x4xf64> -> tensor<f64>
  return %r : tensor<f64>
}
"#;

fn inputs(function: &str) -> Vec<(Vec<i64>, Vec<f64>)> {
    // A tie for the max in the second row and the third column: where the
    // max has no derivative, functions that do not depend on it still do
    // (and finite differences see it). The function that does depend on it
    // is checked away from ties.
    let x = if function == "scaled_escapes" {
        vec![0.3, -1.2, 2.5, 0.7, 1.1, 1.3, -0.4, 0.0, -3.0, 4.0, 2.2, -0.6]
    } else {
        vec![0.3, -1.2, 2.5, 0.7, 1.1, 1.1, -0.4, 0.0, -3.0, 4.0, 2.5, -0.6]
    };
    let w = if function == "logsumexp" {
        (vec![3], vec![0.5, -1.5, 2.0])
    } else {
        (vec![3, 4], vec![0.2, -0.9, 1.4, 0.6, -0.3, 0.8, 1.1, -1.7, 0.5, 0.1, -0.2, 1.3])
    };
    vec![(vec![3, 4], x), w]
}

fn assert_close(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= 1e-7 * (1.0 + w.abs()), "{what}: element {i}: {g}, expected {w}");
    }
}

/// The derived function's text after the pass.
fn derived(function: &str, pass: &str) -> String {
    let (text, _) =
        lower_for_pjrt_after(SHIFTED, function, pass).unwrap_or_else(|e| panic!("{function}: {e}"));
    text
}

#[test]
fn shifted_functions_match_finite_differences_in_both_modes() {
    for function in ["log_softmax_loss", "softmax_loss", "logsumexp", "scaled_escapes"] {
        let f = Compiled::new(SHIFTED, function, "canonicalize");
        let grad = Compiled::new(
            SHIFTED,
            &format!("{function}_grad"),
            &format!("jaxr-autodiff{{grad-of={function} argnums=0,1}}"),
        );
        let jvp = Compiled::new(
            SHIFTED,
            &format!("{function}_jvp"),
            &format!("jaxr-autodiff{{jvp-of={function}}}"),
        );
        let at = inputs(function);
        let g = grad.run(&at);
        let direction: Vec<f64> = (0..12).map(|i| ((i * 7) % 5) as f64 * 0.25 - 0.5).collect();
        let fd = directional(&f, &at, 0, &direction, 0);
        let along: f64 = g[0].iter().zip(&direction).map(|(a, b)| a * b).sum();
        assert_close(&[along], &fd, &format!("{function}: <grad, v>"));
        let mut with_tangent = at.clone();
        with_tangent.push((vec![3, 4], direction.clone()));
        let tangent = &jvp.run(&with_tangent)[1];
        assert_close(tangent, &fd, &format!("{function}: jvp"));
        let dw = directional(&f, &at, 1, &vec![1.0; at[1].1.len()], 0);
        let along_w: f64 = g[1].iter().sum();
        assert_close(&[along_w], &dw, &format!("{function}: d/dw"));
    }
}

#[test]
fn the_shift_is_a_constant_to_both_sweeps() {
    for function in ["log_softmax_loss", "softmax_loss", "logsumexp"] {
        for (mode, pass) in [
            ("grad", format!("jaxr-autodiff{{grad-of={function} argnums=0 simplify=false}}")),
            ("jvp", format!("jaxr-autodiff{{jvp-of={function} simplify=false}}")),
        ] {
            let text = derived(&format!("{function}_{mode}"), &pass);
            assert!(
                !text.contains("comparison_direction EQ"),
                "{function}_{mode} differentiates the max:\n{text}"
            );
        }
    }
    // exp(x - max) itself reaches the result: the max keeps its derivative.
    let text =
        derived("scaled_escapes_grad", "jaxr-autodiff{grad-of=scaled_escapes argnums=0 simplify=false}");
    assert!(text.contains("comparison_direction EQ"), "the max's derivative is kept:\n{text}");
}
