//! Calls with differentiation rules (transforms/src/rule_calls.rs), run on
//! the CPU plugin in f64:
//! - `jaxr.checkpoint` under every policy gives the gradient of the plain
//!   function (central finite differences), and the recomputation survives
//!   jaxr-optimize: its ops are counted in the optimized StableHLO;
//! - `jaxr.custom_jvp` and `jaxr.custom_vjp` with correct rules match finite
//!   differences in both modes, and the rules are really used (a rule that
//!   doubles the derivative doubles it, as JAX trusts its rules too);
//! - under jaxr-vmap, per-example gradients through each of them equal the
//!   gradients of each example.

use jaxr_tests::{directional, lower_for_pjrt_after, Compiled};

/// Two tanh layers, checkpointed as one block per layer, under `POLICY`.
const LAYERS: &str = r#"
func.func private @layer(%x: tensor<2x3xf64>, %w: tensor<3x3xf64>) -> tensor<2x3xf64> {
  %0 = jaxr.dot_general %x, %w, contracting = [1] x [0], batch = [] x [] : (tensor<2x3xf64>, tensor<3x3xf64>) -> tensor<2x3xf64>
  %1 = jaxr.tanh %0 : tensor<2x3xf64>
  %2 = jaxr.sin %1 : tensor<2x3xf64>
  %3 = jaxr.mul %2, %x : tensor<2x3xf64>
  return %3 : tensor<2x3xf64>
}
func.func @loss(%x: tensor<2x3xf64>, %w: tensor<3x3xf64>) -> tensor<f64> {
  %0 = jaxr.checkpoint @layer(%x, %w) {policy = "POLICY"} : (tensor<2x3xf64>, tensor<3x3xf64>) -> tensor<2x3xf64>
  %1 = jaxr.checkpoint @layer(%0, %w) {policy = "POLICY"} : (tensor<2x3xf64>, tensor<3x3xf64>) -> tensor<2x3xf64>
  %2 = jaxr.exp %1 : tensor<2x3xf64>
  %3 = jaxr.reduce_sum %2, axes = [0, 1] : tensor<2x3xf64> -> tensor<f64>
  return %3 : tensor<f64>
}
func.func @per_example(%x: tensor<4x2x3xf64>, %w: tensor<3x3xf64>) -> (tensor<4x2x3xf64>, tensor<4x3x3xf64>) {
  %0:2 = jaxr.vmap @loss_grad(%x, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0, 0>} : (tensor<4x2x3xf64>, tensor<3x3xf64>) -> (tensor<4x2x3xf64>, tensor<4x3x3xf64>)
  return %0#0, %0#1 : tensor<4x2x3xf64>, tensor<4x3x3xf64>
}
func.func @loss_grad(%x: tensor<2x3xf64>, %w: tensor<3x3xf64>) -> (tensor<2x3xf64>, tensor<3x3xf64>) {
  %0:2 = jaxr.grad @loss(%x, %w) {argnums = array<i64: 0, 1>} : (tensor<2x3xf64>, tensor<3x3xf64>) -> (tensor<2x3xf64>, tensor<3x3xf64>)
  return %0#0, %0#1 : tensor<2x3xf64>, tensor<3x3xf64>
}
"#;

const POLICIES: [&str; 4] =
    ["nothing_saveable", "dots_saveable", "dots_with_no_batch_dims_saveable", "everything_saveable"];

fn layers(policy: &str) -> String {
    LAYERS.replace("POLICY", policy)
}

fn values(n: usize, seed: usize) -> Vec<f64> {
    (0..n).map(|i| (((i * 7 + seed * 3) % 11) as f64 - 5.0) * 0.13).collect()
}

fn assert_close(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= 1e-7 * (1.0 + w.abs()), "{what}: element {i}: {g}, expected {w}");
    }
}

/// <g, v> against the central difference of `f` along v, for both inputs.
fn check_gradient(f: &Compiled, grads: &[Vec<f64>], at: &[(Vec<i64>, Vec<f64>)], what: &str) {
    for (i, g) in grads.iter().enumerate() {
        let v = values(g.len(), i + 1);
        let fd = directional(f, at, i, &v, 0);
        let along: f64 = g.iter().zip(&v).map(|(a, b)| a * b).sum();
        assert_close(&[along], &fd, &format!("{what}: <grad {i}, v>"));
    }
}

fn layer_inputs() -> Vec<(Vec<i64>, Vec<f64>)> {
    vec![(vec![2, 3], values(6, 0)), (vec![3, 3], values(9, 5))]
}

#[test]
fn checkpoint_gradients_match_finite_differences_under_every_policy() {
    let at = layer_inputs();
    for policy in POLICIES {
        let text = layers(policy);
        let f = Compiled::new(&text, "loss", "jaxr-autodiff");
        let grad = Compiled::new(&text, "loss_grad", "jaxr-autodiff");
        check_gradient(&f, &grad.run(&at), &at, policy);
        let jvp = Compiled::new(&text, "loss_jvp", "jaxr-autodiff{jvp-of=loss argnums=1}");
        let v = values(9, 2);
        let mut with_tangent = at.clone();
        with_tangent.push((vec![3, 3], v.clone()));
        assert_close(&jvp.run(&with_tangent)[1], &directional(&f, &at, 1, &v, 0), &format!("{policy}: jvp"));
    }
}

/// How many times each op runs in the gradient, after the whole optimizer.
fn optimized_grad_counts(policy: &str) -> (usize, usize, usize) {
    let pipeline = "jaxr-autodiff,jaxr-optimize";
    let (text, _) = lower_for_pjrt_after(&layers(policy), "loss_grad", pipeline)
        .unwrap_or_else(|e| panic!("{policy}: {e}"));
    // The entry function alone (the module keeps the primal functions too).
    let main = text
        .split("func.func")
        .find(|f| f.contains("@main(") || f.contains("\"main\""))
        .unwrap_or_else(|| panic!("{policy}: no entry function in\n{text}"));
    let count = |op: &str| main.matches(op).count();
    (count("stablehlo.tanh"), count("stablehlo.dot_general"), count("stablehlo.optimization_barrier"))
}

#[test]
fn the_recomputation_survives_the_optimizer() {
    // The forward pass runs both layers (exp needs the second one's value):
    // 2 dots and 2 tanh. Saving everything, the reverse pass adds 2 dots per
    // layer and nothing else.
    assert_eq!(optimized_grad_counts("everything_saveable"), (2, 6, 0));
    // Nothing saved: each layer's reverse pass recomputes its dot and tanh
    // from fenced inputs, one barrier per layer.
    assert_eq!(optimized_grad_counts("nothing_saveable"), (4, 8, 2));
    // Dots saved: the tanh are recomputed, the dots are not.
    assert_eq!(optimized_grad_counts("dots_saveable"), (4, 6, 2));
}

/// softplus(x) = log(1 + exp(x)) with rules that give `scale` times its
/// derivative sigmoid(x).
fn softplus(scale: f64) -> String {
    r#"
func.func private @softplus(%x: tensor<5xf64>) -> tensor<5xf64> {
  %0 = jaxr.exp %x : tensor<5xf64>
  %1 = jaxr.log1p %0 : tensor<5xf64>
  return %1 : tensor<5xf64>
}
func.func private @sigmoid_scaled(%x: tensor<5xf64>) -> tensor<5xf64> {
  %0 = jaxr.logistic %x : tensor<5xf64>
  %k = jaxr.constant dense<SCALE> : tensor<5xf64>
  %1 = jaxr.mul %0, %k : tensor<5xf64>
  return %1 : tensor<5xf64>
}
func.func private @softplus_jvp(%x: tensor<5xf64>, %t: tensor<5xf64>) -> (tensor<5xf64>, tensor<5xf64>) {
  %0 = func.call @softplus(%x) : (tensor<5xf64>) -> tensor<5xf64>
  %1 = func.call @sigmoid_scaled(%x) : (tensor<5xf64>) -> tensor<5xf64>
  %2 = jaxr.mul %1, %t : tensor<5xf64>
  return %0, %2 : tensor<5xf64>, tensor<5xf64>
}
func.func private @softplus_fwd(%x: tensor<5xf64>) -> (tensor<5xf64>, tensor<5xf64>) {
  %0 = func.call @softplus(%x) : (tensor<5xf64>) -> tensor<5xf64>
  %1 = func.call @sigmoid_scaled(%x) : (tensor<5xf64>) -> tensor<5xf64>
  return %0, %1 : tensor<5xf64>, tensor<5xf64>
}
func.func private @softplus_bwd(%s: tensor<5xf64>, %g: tensor<5xf64>) -> tensor<5xf64> {
  %0 = jaxr.mul %s, %g : tensor<5xf64>
  return %0 : tensor<5xf64>
}
func.func @with_jvp_rule(%x: tensor<5xf64>, %w: tensor<5xf64>) -> tensor<f64> {
  %0 = jaxr.mul %x, %w : tensor<5xf64>
  %1 = jaxr.custom_jvp @softplus(%0) {jvp = @softplus_jvp} : (tensor<5xf64>) -> tensor<5xf64>
  %2 = jaxr.mul %1, %1 : tensor<5xf64>
  %3 = jaxr.reduce_sum %2, axes = [0] : tensor<5xf64> -> tensor<f64>
  return %3 : tensor<f64>
}
func.func @with_vjp_rule(%x: tensor<5xf64>, %w: tensor<5xf64>) -> tensor<f64> {
  %0 = jaxr.mul %x, %w : tensor<5xf64>
  %1 = jaxr.custom_vjp @softplus(%0) {fwd = @softplus_fwd, bwd = @softplus_bwd} : (tensor<5xf64>) -> tensor<5xf64>
  %2 = jaxr.mul %1, %1 : tensor<5xf64>
  %3 = jaxr.reduce_sum %2, axes = [0] : tensor<5xf64> -> tensor<f64>
  return %3 : tensor<f64>
}
func.func @per_example_jvp_rule(%x: tensor<3x5xf64>, %w: tensor<5xf64>) -> (tensor<3x5xf64>, tensor<3x5xf64>) {
  %0:2 = jaxr.vmap @with_jvp_rule_grad(%x, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0, 0>} : (tensor<3x5xf64>, tensor<5xf64>) -> (tensor<3x5xf64>, tensor<3x5xf64>)
  return %0#0, %0#1 : tensor<3x5xf64>, tensor<3x5xf64>
}
func.func @with_jvp_rule_grad(%x: tensor<5xf64>, %w: tensor<5xf64>) -> (tensor<5xf64>, tensor<5xf64>) {
  %0:2 = jaxr.grad @with_jvp_rule(%x, %w) {argnums = array<i64: 0, 1>} : (tensor<5xf64>, tensor<5xf64>) -> (tensor<5xf64>, tensor<5xf64>)
  return %0#0, %0#1 : tensor<5xf64>, tensor<5xf64>
}
func.func @per_example_vjp_rule(%x: tensor<3x5xf64>, %w: tensor<5xf64>) -> (tensor<3x5xf64>, tensor<3x5xf64>) {
  %0:2 = jaxr.vmap @with_vjp_rule_grad(%x, %w) {in_axes = array<i64: 0, -1>, out_axes = array<i64: 0, 0>} : (tensor<3x5xf64>, tensor<5xf64>) -> (tensor<3x5xf64>, tensor<3x5xf64>)
  return %0#0, %0#1 : tensor<3x5xf64>, tensor<3x5xf64>
}
func.func @with_vjp_rule_grad(%x: tensor<5xf64>, %w: tensor<5xf64>) -> (tensor<5xf64>, tensor<5xf64>) {
  %0:2 = jaxr.grad @with_vjp_rule(%x, %w) {argnums = array<i64: 0, 1>} : (tensor<5xf64>, tensor<5xf64>) -> (tensor<5xf64>, tensor<5xf64>)
  return %0#0, %0#1 : tensor<5xf64>, tensor<5xf64>
}
"#
    .replace("SCALE", &format!("{scale:?}"))
}

fn softplus_inputs() -> Vec<(Vec<i64>, Vec<f64>)> {
    vec![(vec![5], values(5, 3)), (vec![5], values(5, 8))]
}

#[test]
fn custom_rules_match_finite_differences_in_both_modes() {
    let text = softplus(1.0);
    let at = softplus_inputs();
    for function in ["with_jvp_rule", "with_vjp_rule"] {
        let f = Compiled::new(&text, function, "jaxr-autodiff");
        let grad = Compiled::new(&text, &format!("{function}_grad"), "jaxr-autodiff");
        check_gradient(&f, &grad.run(&at), &at, function);
    }
    let f = Compiled::new(&text, "with_jvp_rule", "jaxr-autodiff");
    let jvp = Compiled::new(&text, "with_jvp_rule_jvp", "jaxr-autodiff{jvp-of=with_jvp_rule argnums=0}");
    let v = values(5, 4);
    let mut with_tangent = at.clone();
    with_tangent.push((vec![5], v.clone()));
    assert_close(&jvp.run(&with_tangent)[1], &directional(&f, &at, 0, &v, 0), "custom_jvp: jvp");
}

#[test]
fn custom_rules_are_the_derivative_used() {
    // A rule that doubles the derivative of softplus: the loss's gradient
    // (2·softplus·softplus' ·w) doubles, which finite differences of the
    // primal function cannot give.
    let exact = softplus(1.0);
    let doubled = softplus(2.0);
    let at = softplus_inputs();
    for function in ["with_jvp_rule", "with_vjp_rule"] {
        let g1 = Compiled::new(&exact, &format!("{function}_grad"), "jaxr-autodiff").run(&at);
        let g2 = Compiled::new(&doubled, &format!("{function}_grad"), "jaxr-autodiff").run(&at);
        let twice: Vec<f64> = g1[0].iter().map(|g| 2.0 * g).collect();
        assert_close(&g2[0], &twice, function);
    }
}

#[test]
fn per_example_gradients_through_rules_are_each_examples() {
    let batch: Vec<f64> = values(15, 6);
    let w = values(5, 8);
    let text = softplus(1.0);
    for (batched, single) in
        [("per_example_jvp_rule", "with_jvp_rule_grad"), ("per_example_vjp_rule", "with_vjp_rule_grad")]
    {
        let all = Compiled::new(&text, batched, "jaxr-vmap")
            .run(&[(vec![3, 5], batch.clone()), (vec![5], w.clone())]);
        let one = Compiled::new(&text, single, "jaxr-autodiff");
        for e in 0..3 {
            let g = one.run(&[(vec![5], batch[e * 5..e * 5 + 5].to_vec()), (vec![5], w.clone())]);
            assert_close(&all[0][e * 5..e * 5 + 5], &g[0], &format!("{batched}: example {e}"));
        }
    }
    for policy in POLICIES {
        let text = layers(policy);
        let x = values(24, 7);
        let all = Compiled::new(&text, "per_example", "jaxr-vmap")
            .run(&[(vec![4, 2, 3], x.clone()), (vec![3, 3], values(9, 5))]);
        let one = Compiled::new(&text, "loss_grad", "jaxr-autodiff");
        for e in 0..4 {
            let g = one.run(&[(vec![2, 3], x[e * 6..e * 6 + 6].to_vec()), (vec![3, 3], values(9, 5))]);
            assert_close(&all[0][e * 6..e * 6 + 6], &g[0], &format!("{policy}: example {e}, d/dx"));
            assert_close(&all[1][e * 9..e * 9 + 9], &g[1], &format!("{policy}: example {e}, d/dw"));
        }
    }
}
