//! jaxr-vmap against the unbatched program: for every numerical op case
//! (ops.rs), vmap(f) over a batch of three inputs equals f on each input,
//! with every argument batched and with only the first one batched (the
//! others shared). A test fails for any op of the batching table that no
//! case exercises.

use std::collections::BTreeSet;

use jaxr_autodiff::vmap::rules::{Batching, RULES};
use jaxr_tests::reference::{Array, Scalar};
use jaxr_tests::{all_close, run_on_cpu_after};

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
    let per: Vec<Vec<Array>> = c.inputs.iter().map(examples).collect();
    let axes: Vec<&str> = (0..c.inputs.len()).map(|i| if i < batched { "0" } else { "none" }).collect();
    let pipeline = format!("jaxr-vmap{{of=main in-axes={} size={B}}}", axes.join(","));
    let inputs: Vec<_> = (0..c.inputs.len())
        .map(|i| if i < batched { stack(&per[i]) } else { c.inputs[i].clone() })
        .map(|a| a.to_host())
        .collect();
    let out = run_on_cpu_after(&c.text, "main_vmap", &pipeline, &inputs)?;
    for e in 0..B {
        let args: Vec<_> = (0..c.inputs.len())
            .map(|i| if i < batched { per[i][e].clone() } else { c.inputs[i].clone() })
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
        if ok {
            checked.insert(c.op);
        }
    }
    assert!(failures.is_empty(), "{} checks failed:\n{}", failures.len(), failures.join("\n"));
    let unchecked: Vec<&str> = RULES
        .iter()
        .filter(|r| matches!(r.batching, Batching::Rule(_)) && !matches!(r.op, "constant" | "iota"))
        .map(|r| r.op)
        .filter(|op| !checked.contains(op))
        .collect();
    assert!(unchecked.is_empty(), "batching rules no case checks: {unchecked:?}");
}
