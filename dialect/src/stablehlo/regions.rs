//! Ops with regions: control flow (while, if, case) and computations
//! (reduce, sort, the window and scatter bodies). Each checks what flows
//! into and out of its blocks.

use super::view::{dims_compatible, BlockView, Elem, HloType, OpView};
use super::{tensor_of, Rule};

fn types(ts: &[HloType]) -> String {
    let parts: Vec<String> = ts.iter().map(HloType::text).collect();
    format!("({})", parts.join(", "))
}

fn same_types(a: &[HloType], b: &[HloType]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.compatible(y))
}

fn blocks(v: &OpView) -> Result<Vec<BlockView>, String> {
    v.region_blocks()
        .into_iter()
        .map(|b| b.ok_or_else(|| "every region must have a block".to_string()))
        .collect()
}

fn returned<'b>(block: &'b BlockView, what: &str) -> Result<&'b [HloType], String> {
    block.returned.as_deref().ok_or_else(|| format!("{what} must end with stablehlo.return"))
}

/// A scalar i1 tensor.
fn is_scalar_bool(t: &HloType) -> bool {
    t.tensor.as_ref().is_some_and(|t| t.rank() == 0 && t.elem == Elem::Bool)
}

pub fn while_loop(v: &OpView) -> Rule {
    let bs = blocks(v)?;
    let [cond, body] = &bs[..] else { return Err("expects a cond and a body region".into()) };
    if !same_types(&v.operands, &v.results) {
        return Err(format!(
            "results {} must have the operands' types {}",
            types(&v.results),
            types(&v.operands)
        ));
    }
    for (what, block) in [("cond", cond), ("body", body)] {
        if !same_types(&block.arguments, &v.operands) {
            return Err(format!(
                "the {what} region takes {}, the loop carries {}",
                types(&block.arguments),
                types(&v.operands)
            ));
        }
    }
    let c = returned(cond, "cond")?;
    if c.len() != 1 || !is_scalar_bool(&c[0]) {
        return Err(format!("cond must return one tensor<i1>, found {}", types(c)));
    }
    let b = returned(body, "body")?;
    if !same_types(b, &v.operands) {
        return Err(format!("body must return the carried types {}, found {}", types(&v.operands), types(b)));
    }
    Ok(())
}

/// if and case: every branch takes nothing and returns the result types.
fn branches(v: &OpView) -> Rule {
    for (i, block) in blocks(v)?.iter().enumerate() {
        if !block.arguments.is_empty() {
            return Err(format!("branch #{i} must take no arguments"));
        }
        let r = returned(block, &format!("branch #{i}"))?;
        if !same_types(r, &v.results) {
            return Err(format!(
                "branch #{i} returns {}, the op's results are {}",
                types(r),
                types(&v.results)
            ));
        }
    }
    Ok(())
}

pub fn if_op(v: &OpView) -> Rule {
    if !v.operands.first().is_some_and(is_scalar_bool) {
        return Err("the predicate must be a tensor<i1>".into());
    }
    branches(v)
}

pub fn case(v: &OpView) -> Rule {
    let index = tensor_of(v.operands.first().ok_or("expects an index")?, "the index")?;
    if index.rank() != 0 || index.elem != Elem::Signed(32) {
        return Err(format!("the index must be a tensor<i32>, found {}", v.operands[0].text()));
    }
    if v.region_blocks().is_empty() {
        return Err("expects at least one branch".into());
    }
    branches(v)
}

/// A computation over scalars: takes `2 * n` (or `n` per `takes`) scalar
/// tensors with the given element types, returns `n` scalars.
fn scalar_body(block: &BlockView, what: &str, takes: &[HloType], returns: usize) -> Rule {
    let scalar_of = |t: &HloType| t.tensor.as_ref().map(|t| t.elem_raw);
    let ok =
        block.arguments.len() == takes.len()
            && block.arguments.iter().zip(takes).all(|(a, t)| {
                a.tensor.as_ref().is_some_and(|a| a.rank() == 0) && scalar_of(a) == scalar_of(t)
            });
    if !ok {
        return Err(format!(
            "the {what} must take {} scalar tensors with the element types of {}, found {}",
            takes.len(),
            types(takes),
            types(&block.arguments)
        ));
    }
    let r = returned(block, what)?;
    if r.len() != returns || r.iter().any(|t| t.tensor.as_ref().is_none_or(|t| t.rank() != 0)) {
        return Err(format!("the {what} must return {returns} scalar tensor(s), found {}", types(r)));
    }
    Ok(())
}

pub fn reduce(v: &OpView) -> Rule {
    let n = v.operands.len() / 2;
    let (inputs, inits) = v.operands.split_at(n);
    let dims = v.i64_array("dimensions").ok_or("requires attribute 'dimensions'")?;
    let first = tensor_of(inputs.first().ok_or("expects at least one input")?, "input #0")?;
    for t in inputs {
        if !dims_compatible(&tensor_of(t, "an input")?.dims, &first.dims) {
            return Err(format!("inputs must have one shape, found {} and {}", inputs[0].text(), t.text()));
        }
    }
    for (i, &d) in dims.iter().enumerate() {
        if d < 0 || d as usize >= first.rank() || dims[..i].contains(&d) {
            return Err(format!(
                "reduced dimensions {dims:?} must be distinct dimensions of rank {}",
                first.rank()
            ));
        }
    }
    for (i, init) in inits.iter().enumerate() {
        if tensor_of(init, "an init value")?.rank() != 0 {
            return Err(format!("init value #{i} must be a scalar, found {}", init.text()));
        }
    }
    let kept: Vec<Option<i64>> =
        (0..first.rank()).filter(|d| !dims.contains(&(*d as i64))).map(|d| first.dims[d]).collect();
    if v.results.len() != n {
        return Err(format!("expects {n} results, found {}", v.results.len()));
    }
    for r in &v.results {
        if !dims_compatible(&tensor_of(r, "a result")?.dims, &kept) {
            return Err(format!(
                "each result must have the inputs' shape without the reduced dimensions, found {}",
                r.text()
            ));
        }
    }
    let takes: Vec<HloType> = inits.iter().chain(inits).cloned().collect();
    let bs = blocks(v)?;
    scalar_body(bs.first().ok_or("expects a body")?, "body", &takes, n)
}

pub fn sort(v: &OpView) -> Rule {
    let first = tensor_of(v.operands.first().ok_or("expects at least one input")?, "input #0")?;
    let rank = first.rank() as i64;
    let dimension = v.int("dimension").unwrap_or(-1);
    if dimension < -rank || dimension >= rank.max(1) {
        return Err(format!("dimension {dimension} is out of range for rank {rank}"));
    }
    for t in &v.operands {
        if !dims_compatible(&tensor_of(t, "an input")?.dims, &first.dims) {
            return Err(format!(
                "inputs must have one shape, found {} and {}",
                v.operands[0].text(),
                t.text()
            ));
        }
    }
    if !same_types(&v.operands, &v.results) {
        return Err(format!(
            "results {} must have the inputs' types {}",
            types(&v.results),
            types(&v.operands)
        ));
    }
    let takes: Vec<HloType> = v.operands.iter().flat_map(|t| [t.clone(), t.clone()]).collect();
    let bs = blocks(v)?;
    let comparator = bs.first().ok_or("expects a comparator")?;
    scalar_body(comparator, "comparator", &takes, 1)?;
    if !returned(comparator, "comparator")?.first().is_some_and(is_scalar_bool) {
        return Err("the comparator must return a tensor<i1>".into());
    }
    Ok(())
}

pub fn reduce_window(v: &OpView) -> Rule {
    let n = v.operands.len() / 2;
    let (inputs, inits) = v.operands.split_at(n);
    let first = tensor_of(inputs.first().ok_or("expects at least one input")?, "input #0")?;
    let rank = first.rank();
    let window = v.i64_array("window_dimensions").ok_or("requires attribute 'window_dimensions'")?;
    for (name, values) in [
        ("window_dimensions", Some(window.clone())),
        ("window_strides", v.i64_array("window_strides")),
        ("base_dilations", v.i64_array("base_dilations")),
        ("window_dilations", v.i64_array("window_dilations")),
    ] {
        let Some(values) = values else { continue };
        if values.len() != rank {
            return Err(format!(
                "{name} must have {rank} entries (one per dimension), found {}",
                values.len()
            ));
        }
        if let Some(bad) = values.iter().find(|&&x| x <= 0) {
            return Err(format!("{name} entries must be positive, found {bad}"));
        }
    }
    if let Some(values) = v.dense_len("padding") {
        if values != 2 * rank as i64 {
            return Err(format!("padding must have {rank} (low, high) pairs, found {values} values"));
        }
    }
    let takes: Vec<HloType> = inits.iter().chain(inits).cloned().collect();
    let bs = blocks(v)?;
    scalar_body(bs.first().ok_or("expects a body")?, "body", &takes, n)
}
