//! Contractions (dot_general, dot, convolution) and the ops whose
//! attributes are the dialect's own values: dimension numbers and enums.

use jaxr_syntax::dims::field_list;

use super::enums::enum_value;
use super::view::{dims_compatible, OpView};
use super::{distinct_dims, show, tensor_of, Rule};

/// Every entry of `precision_config` is a known precision; at most one per operand.
pub fn precision_config(v: &OpView) -> Rule {
    let Some(entries) = v.array_texts("precision_config") else { return Ok(()) };
    if entries.len() > 2 {
        return Err(format!("precision_config has {} entries, at most 2 (one per operand)", entries.len()));
    }
    for e in &entries {
        enum_value(e, "stablehlo", "precision")?;
    }
    Ok(())
}

pub fn dot_general(v: &OpView) -> Rule {
    precision_config(v)?;
    let [lhs, rhs] = &v.operands[..] else { return Err("expects two operands".into()) };
    let (a, b) = (tensor_of(lhs, "lhs")?, tensor_of(rhs, "rhs")?);
    let text = v.attr_text("dot_dimension_numbers").ok_or("requires attribute 'dot_dimension_numbers'")?;
    if !text.starts_with("#stablehlo.dot<") {
        return Err(format!("dot_dimension_numbers must be a #stablehlo.dot<...>, found {text}"));
    }
    let lb = field_list(&text, "lhs_batching_dimensions")?;
    let rb = field_list(&text, "rhs_batching_dimensions")?;
    let lc = field_list(&text, "lhs_contracting_dimensions")?;
    let rc = field_list(&text, "rhs_contracting_dimensions")?;
    if lb.len() != rb.len() || lc.len() != rc.len() {
        return Err(format!(
            "lhs and rhs must have as many batching and as many contracting dimensions: {text}"
        ));
    }
    let lhs_dims: Vec<i64> = lb.iter().chain(&lc).copied().collect();
    let rhs_dims: Vec<i64> = rb.iter().chain(&rc).copied().collect();
    distinct_dims("lhs batching/contracting dimension", &lhs_dims, a.rank())?;
    distinct_dims("rhs batching/contracting dimension", &rhs_dims, b.rank())?;
    for (kind, l, r) in [("batching", &lb, &rb), ("contracting", &lc, &rc)] {
        for (&x, &y) in l.iter().zip(r.iter()) {
            let (sx, sy) = (a.dims[x as usize], b.dims[y as usize]);
            if sx.is_some() && sy.is_some() && sx != sy {
                return Err(format!(
                    "{kind} dimensions lhs {x} and rhs {y} differ in size ({} and {})",
                    sx.unwrap_or_default(),
                    sy.unwrap_or_default()
                ));
            }
        }
    }
    let free = |rank: usize, used: &[i64]| (0..rank as i64).filter(|d| !used.contains(d)).collect::<Vec<_>>();
    let mut expected: Vec<Option<i64>> = lb.iter().map(|&d| a.dims[d as usize]).collect();
    expected.extend(free(a.rank(), &lhs_dims).iter().map(|&d| a.dims[d as usize]));
    expected.extend(free(b.rank(), &rhs_dims).iter().map(|&d| b.dims[d as usize]));
    let r = tensor_of(v.results.first().ok_or("expects one result")?, "the result")?;
    if !dims_compatible(&expected, &r.dims) {
        return Err(format!(
            "the result must have the batch, lhs free and rhs free dimensions {}, found {}",
            show(&expected),
            v.results[0].text()
        ));
    }
    Ok(())
}

/// Ops whose only dialect values are enumerations (checked by spelling).
pub fn enum_attrs(v: &OpView, attrs: &[(&str, &str)]) -> Rule {
    for (attr, keyword) in attrs {
        if let Some(text) = v.attr_text(attr) {
            enum_value(&text, "stablehlo", keyword)?;
        }
    }
    Ok(())
}

pub fn top_k(v: &OpView) -> Rule {
    let x = tensor_of(v.operands.first().ok_or("expects an operand")?, "the operand")?;
    let k = v.int("k").ok_or("requires attribute 'k'")?;
    let last = x.dims.last().ok_or("the operand must have rank at least 1")?;
    if k < 0 || last.is_some_and(|d| k > d) {
        return Err(format!("k = {k} must lie in [0, {}] (the last dimension)", last.unwrap_or_default()));
    }
    let mut expected = x.dims.clone();
    *expected.last_mut().expect("rank >= 1") = Some(k);
    for (i, r) in v.results.iter().enumerate() {
        if !dims_compatible(&tensor_of(r, "a result")?.dims, &expected) {
            return Err(format!(
                "result #{i} must have the operand's shape with k = {k} last, found {}",
                r.text()
            ));
        }
    }
    Ok(())
}
