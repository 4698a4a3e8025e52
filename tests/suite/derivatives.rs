//! Every derivative rule against central finite differences in f64 on the
//! CPU plugin. The checks are generated from the numerical op cases
//! (`ops.rs`): every case whose floating-point inputs and results are f64 is
//! differentiated with `jaxr-autodiff{jvp-of=main}` and
//! `jaxr-autodiff{vjp-of=main}` at random points, in random directions:
//!
//! - forward: the JVP equals (f(x + h t) - f(x - h t)) / 2h;
//! - reverse: <vjp(c), t> equals <c, (f(x + h t) - f(x - h t)) / 2h>.
//!
//! A new rule is checked as soon as its op has an f64 case, and a test
//! fails for any op of the derivative table without one.

use std::collections::BTreeSet;

use jaxr_dialect::ElemType;
use jaxr_runtime::HostTensor;
use jaxr_tests::reference::{Array, Scalar};
use jaxr_tests::{run_on_cpu_after, Rng};
use jaxr_transforms::rules::{table, Derivative};

use crate::ops::{all_cases, Case};

const H: f64 = 1e-5;
const RTOL: f64 = 1e-6;

fn hosts(arrays: &[Array]) -> Vec<HostTensor> {
    arrays.iter().map(Array::to_host).collect()
}

fn run(text: &str, function: &str, pipeline: &str, inputs: &[Array]) -> Result<Vec<Array>, String> {
    Ok(run_on_cpu_after(text, function, pipeline, &hosts(inputs))?.iter().map(Array::from_host).collect())
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn close(got: f64, want: f64, scale: f64) -> bool {
    (got - want).abs() <= RTOL * (1.0 + scale)
}

/// Whether a case can be checked in f64: every float input and result is
/// f64, and some input and some result are floats.
fn checkable(c: &Case) -> bool {
    let floats = |a: &Array| a.elem.is_float();
    c.inputs.iter().chain(&c.wants).filter(|a| floats(a)).all(|a| a.elem == ElemType::F64)
        && c.inputs.iter().any(floats)
        && c.wants.iter().any(floats)
}

/// The forward and reverse checks of one case; `None` when they pass.
fn check(c: &Case, seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed | 1);
    // The generic reduce_window's init values stay as the case has them:
    // XLA skips padding where the dialect's definition uses the init value,
    // so the two agree only for identities.
    let differentiated = if c.op == "reduce_window" { c.inputs.len() / 2 } else { c.inputs.len() };
    let mut float_inputs: Vec<usize> = (0..differentiated).filter(|&i| c.inputs[i].elem.is_float()).collect();
    // With repeated indices, scatter_mul has a derivative in its operand
    // only (as in JAX, which requires unique_indices for the updates').
    if c.op == "scatter_mul" && c.text.contains("unique_indices = false") {
        float_inputs.retain(|&i| i == 0);
    }
    // Points in (0.2, 0.8): inside every rule's domain (log, sqrt, erf_inv,
    // pow), away from the kinks of abs, sign and max ties.
    let mut x = c.inputs.clone();
    for &i in &float_inputs {
        x[i] = rng.like(&c.inputs[i], 0.2, 0.8);
    }
    let t: Vec<Array> = float_inputs.iter().map(|&i| rng.like(&c.inputs[i], -1.0, 1.0)).collect();
    let shifted = |sign: f64| {
        let mut moved = x.clone();
        for (k, &i) in float_inputs.iter().enumerate() {
            let values =
                x[i].to_f64().iter().zip(t[k].to_f64()).map(|(a, b)| Scalar::F(a + sign * H * b)).collect();
            moved[i] = Array::new(x[i].elem, x[i].shape.clone(), values);
        }
        moved
    };
    let plus = run(&c.text, "main", "", &shifted(1.0))?;
    let minus = run(&c.text, "main", "", &shifted(-1.0))?;
    let fd: Vec<Vec<f64>> = plus
        .iter()
        .zip(&minus)
        .map(|(p, m)| {
            if p.elem.is_float() {
                // An infinite result (a window of padding only) has no
                // derivative to compare: NaN marks it, and it is skipped.
                p.to_f64().iter().zip(m.to_f64()).map(|(a, b)| (a - b) / (2.0 * H)).collect()
            } else {
                vec![0.0; p.len()]
            }
        })
        .collect();
    let argnums = float_inputs.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    // Forward.
    let mut jvp_inputs = x.clone();
    jvp_inputs.extend(t.iter().cloned());
    let jvp =
        run(&c.text, "main_jvp", &format!("jaxr-autodiff{{jvp-of=main argnums={argnums}}}"), &jvp_inputs)
            .map_err(|e| format!("jvp: {e}"))?;
    let n = c.wants.len();
    for k in 0..n {
        if !c.wants[k].elem.is_float() {
            continue;
        }
        for (i, (&got, &want)) in jvp[n + k].to_f64().iter().zip(&fd[k]).enumerate() {
            if want.is_nan() {
                continue;
            }
            if !close(got, want, want.abs()) {
                return Err(format!("jvp of result {k}, element {i}: {got}, finite differences give {want}"));
            }
        }
    }
    // Reverse.
    let cts: Vec<Array> = c
        .wants
        .iter()
        .enumerate()
        .map(|(k, w)| {
            if !w.elem.is_float() {
                return w.clone();
            }
            let random = rng.like(w, -1.0, 1.0);
            let values = random
                .to_f64()
                .iter()
                .zip(&fd[k])
                .map(|(c, d)| Scalar::F(if d.is_nan() { 0.0 } else { *c }))
                .collect();
            Array::new(w.elem, w.shape.clone(), values)
        })
        .collect();
    let fd: Vec<Vec<f64>> =
        fd.iter().map(|v| v.iter().map(|d| if d.is_nan() { 0.0 } else { *d }).collect()).collect();
    let mut vjp_inputs = x.clone();
    vjp_inputs.extend(cts.iter().cloned());
    let vjp = match run(
        &c.text,
        "main_vjp",
        &format!("jaxr-autodiff{{vjp-of=main argnums={argnums}}}"),
        &vjp_inputs,
    ) {
        // A loop whose trip count depends on the data has no reverse mode (as in JAX).
        Err(e) if c.op == "while" && e.contains("Reverse-mode differentiation does not work") => {
            return Ok(())
        }
        other => other.map_err(|e| format!("vjp: {e}"))?,
    };
    let want: f64 =
        (0..n).filter(|&k| c.wants[k].elem.is_float()).map(|k| dot(&cts[k].to_f64(), &fd[k])).sum();
    let got: f64 = vjp.iter().zip(&t).map(|(v, t)| dot(&v.to_f64(), &t.to_f64())).sum();
    let scale = (0..n)
        .filter(|&k| c.wants[k].elem.is_float())
        .map(|k| cts[k].to_f64().iter().zip(&fd[k]).map(|(a, b)| (a * b).abs()).sum::<f64>())
        .sum::<f64>();
    if !close(got, want, scale) {
        return Err(format!("vjp: <vjp(c), t> = {got}, finite differences give <c, J t> = {want}"));
    }
    Ok(())
}

#[test]
fn every_rule_matches_finite_differences_in_f64() {
    let cases: Vec<Case> = all_cases().into_iter().filter(checkable).collect();
    let mut failures = Vec::new();
    let mut checked = BTreeSet::new();
    for (n, c) in cases.iter().enumerate() {
        for seed in [0x9E37_79B9_7F4A_7C15u64, 0xD1B5_4A32_D192_ED03] {
            match check(c, seed ^ n as u64) {
                Ok(()) => {
                    checked.insert(c.op);
                }
                Err(e) => failures.push(format!("{}\n  {e}\n{}", c.name, c.text)),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} checks failed:\n{}",
        failures.len(),
        2 * cases.len(),
        failures.join("\n")
    );
    let unchecked: Vec<&str> = table()
        .into_iter()
        .filter(|r| !matches!(r.derivative, Derivative::Zero(_)) && r.op != "yield")
        // Random ops take integer keys: only uniform has float operands (its bounds).
        .filter(|r| r.op == "random_uniform" || !jaxr_dialect::primitive::random_mnemonics().contains(&r.op))
        .map(|r| r.op)
        .filter(|op| !checked.contains(op))
        // Complex-only ops are checked by finite differences in complex.rs.
        .filter(|op| !crate::complex::COMPLEX_OPS.contains(op))
        // Linear-algebra ops are checked by finite differences in linalg.rs.
        .filter(|op| !crate::linalg::LINALG_OPS.contains(op))
        .collect();
    assert!(unchecked.is_empty(), "ops with derivative rules but no f64 case to check them: {unchecked:?}");
}
