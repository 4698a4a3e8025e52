//! Ops that move elements without computing on them: broadcasts,
//! transposes, slices, padding, concatenation, reshapes, iota, constants.
//! Each checks its attributes against the operand and result shapes as the
//! specification states.

use super::view::{dims_compatible, Elem, OpView, Tensor};
use super::{distinct_dims, one_operand, one_result, show, tensor_of, Rule};

/// Whether a known size equals `expected` (a dynamic size matches anything).
fn size_is(size: Option<i64>, expected: Option<i64>) -> bool {
    size.is_none() || expected.is_none() || size == expected
}

/// `values` has one entry per dimension of a rank-`rank` tensor.
fn one_per_dim(what: &str, values: &[i64], rank: usize) -> Rule {
    if values.len() != rank {
        return Err(format!("{what} must have {rank} entries (one per dimension), found {}", values.len()));
    }
    Ok(())
}

fn required(v: &OpView, name: &str) -> Result<Vec<i64>, String> {
    v.i64_array(name).ok_or_else(|| format!("requires attribute '{name}' (array<i64: ...>)"))
}

fn same_elem(x: &Tensor, r: &Tensor, v: &OpView) -> Rule {
    if x.elem_raw != r.elem_raw && x.elem != Elem::Other && r.elem != Elem::Other {
        return Err(format!(
            "the result must have the operand's element type, found {} and {}",
            v.operands[0].text(),
            v.results[0].text()
        ));
    }
    Ok(())
}

pub fn broadcast_in_dim(v: &OpView) -> Rule {
    let (x, r) = (one_operand(v)?, one_result(v)?);
    let dims = required(v, "broadcast_dimensions")?;
    one_per_dim("broadcast_dimensions", &dims, x.rank())?;
    distinct_dims("broadcast dimension", &dims, r.rank())?;
    for (i, &d) in dims.iter().enumerate() {
        let (from, to) = (x.dims[i], r.dims[d as usize]);
        if from != Some(1) && !size_is(from, to) {
            return Err(format!(
                "operand dimension {i} (size {}) maps to result dimension {d} (size {}): sizes must match or the operand's must be 1",
                show(&[from]), show(&[to])
            ));
        }
    }
    same_elem(x, r, v)
}

pub fn transpose(v: &OpView) -> Rule {
    let (x, r) = (one_operand(v)?, one_result(v)?);
    let permutation = required(v, "permutation")?;
    one_per_dim("permutation", &permutation, x.rank())?;
    distinct_dims("permutation entry", &permutation, x.rank())?;
    let expected: Vec<Option<i64>> = permutation.iter().map(|&p| x.dims[p as usize]).collect();
    if !dims_compatible(&expected, &r.dims) {
        return Err(format!(
            "the result shape must be {} (the operand's, permuted), found {}",
            show(&expected),
            show(&r.dims)
        ));
    }
    same_elem(x, r, v)
}

pub fn reverse(v: &OpView) -> Rule {
    let (x, r) = (one_operand(v)?, one_result(v)?);
    distinct_dims("reversed dimension", &required(v, "dimensions")?, x.rank())?;
    if !dims_compatible(&x.dims, &r.dims) {
        return Err("the result must have the operand's shape".into());
    }
    same_elem(x, r, v)
}

pub fn slice(v: &OpView) -> Rule {
    let (x, r) = (one_operand(v)?, one_result(v)?);
    let (start, limit, strides) =
        (required(v, "start_indices")?, required(v, "limit_indices")?, required(v, "strides")?);
    for (what, values) in [("start_indices", &start), ("limit_indices", &limit), ("strides", &strides)] {
        one_per_dim(what, values, x.rank())?;
    }
    let mut expected = Vec::new();
    for i in 0..x.rank() {
        let (s, l, k) = (start[i], limit[i], strides[i]);
        if k <= 0 {
            return Err(format!("stride {k} of dimension {i} must be positive"));
        }
        if s < 0 || l < s || x.dims[i].is_some_and(|d| l > d) {
            return Err(format!(
                "dimension {i}: start {s} and limit {l} must satisfy 0 <= start <= limit <= {}",
                show(&[x.dims[i]])
            ));
        }
        expected.push(Some((l - s + k - 1) / k));
    }
    if !dims_compatible(&expected, &r.dims) {
        return Err(format!("the result shape must be {}, found {}", show(&expected), show(&r.dims)));
    }
    same_elem(x, r, v)
}

pub fn pad(v: &OpView) -> Rule {
    let [operand, value] = &v.operands[..] else {
        return Err("expects an operand and a padding value".into());
    };
    let (x, p, r) =
        (tensor_of(operand, "the operand")?, tensor_of(value, "the padding value")?, one_result(v)?);
    if p.rank() != 0 || p.elem_raw != x.elem_raw {
        return Err(format!(
            "the padding value must be a scalar of the operand's element type, found {}",
            value.text()
        ));
    }
    let (low, high, interior) = (
        required(v, "edge_padding_low")?,
        required(v, "edge_padding_high")?,
        required(v, "interior_padding")?,
    );
    for (what, values) in
        [("edge_padding_low", &low), ("edge_padding_high", &high), ("interior_padding", &interior)]
    {
        one_per_dim(what, values, x.rank())?;
    }
    let mut expected = Vec::new();
    for i in 0..x.rank() {
        if interior[i] < 0 {
            return Err(format!("interior padding {} of dimension {i} must not be negative", interior[i]));
        }
        let size = x.dims[i].map(|d| low[i] + high[i] + d + (d - 1).max(0) * interior[i]);
        if size.is_some_and(|s| s < 0) {
            return Err(format!("padding dimension {i} gives a negative size"));
        }
        expected.push(size);
    }
    if !dims_compatible(&expected, &r.dims) {
        return Err(format!("the result shape must be {}, found {}", show(&expected), show(&r.dims)));
    }
    same_elem(x, r, v)
}

pub fn concatenate(v: &OpView) -> Rule {
    let r = one_result(v)?;
    let dimension = v.int("dimension").ok_or("requires attribute 'dimension'")?;
    let inputs: Vec<&Tensor> = v
        .operands
        .iter()
        .enumerate()
        .map(|(i, t)| tensor_of(t, &format!("input #{i}")))
        .collect::<Result<_, _>>()?;
    let first = inputs.first().ok_or("expects at least one input")?;
    if dimension < 0 || dimension as usize >= first.rank() {
        return Err(format!("dimension {dimension} is out of range for rank {}", first.rank()));
    }
    let d = dimension as usize;
    let mut total = Some(0);
    for (i, t) in inputs.iter().enumerate() {
        let same_rest =
            t.rank() == first.rank() && (0..t.rank()).all(|k| k == d || size_is(t.dims[k], first.dims[k]));
        if !same_rest || t.elem_raw != first.elem_raw {
            return Err(format!(
                "input #{i} ({}) must have input #0's element type and shape but in dimension {d} ({})",
                v.operands[i].text(),
                v.operands[0].text()
            ));
        }
        total = total.zip(t.dims[d]).map(|(a, b)| a + b);
    }
    let mut expected = first.dims.clone();
    expected[d] = total;
    if !dims_compatible(&expected, &r.dims) {
        return Err(format!("the result shape must be {}, found {}", show(&expected), show(&r.dims)));
    }
    same_elem(first, r, v)
}

pub fn iota(v: &OpView) -> Rule {
    let r = one_result(v)?;
    let dimension = v.int("iota_dimension").ok_or("requires attribute 'iota_dimension'")?;
    if dimension < 0 || dimension as usize >= r.rank() {
        return Err(format!("iota dimension {dimension} is out of range for a result of rank {}", r.rank()));
    }
    if matches!(r.elem, Elem::Bool) {
        return Err(format!(
            "iota needs integer, floating-point or complex elements, found {}",
            v.results[0].text()
        ));
    }
    Ok(())
}

pub fn reshape(v: &OpView) -> Rule {
    let (x, r) = (one_operand(v)?, one_result(v)?);
    let count = |dims: &[Option<i64>]| dims.iter().try_fold(1i64, |n, d| d.map(|d| n.saturating_mul(d)));
    if let (Some(a), Some(b)) = (count(&x.dims), count(&r.dims)) {
        if a != b {
            return Err(format!("reshape to {} needs {b} elements, the operand has {a}", show(&r.dims)));
        }
    }
    same_elem(x, r, v)
}

pub fn constant(v: &OpView) -> Rule {
    let r = v.results.first().ok_or("expects one result")?;
    let value = v.attr("value").ok_or("requires attribute 'value'")?;
    // SAFETY: a valid attribute of a live context.
    let value_type = unsafe { mlir_sys::mlirAttributeGetType(value) };
    let value_type = super::view::HloType::of(value_type);
    if !value_type.same_as(r) {
        return Err(format!("the value's type {} must be the result type {}", value_type.text(), r.text()));
    }
    Ok(())
}

/// Start indices: one integer scalar per dimension, all of one type.
fn start_indices(v: &OpView, from: usize, rank: usize) -> Rule {
    let starts = &v.operands[from..];
    if starts.len() != rank {
        return Err(format!("expects {rank} start indices (one per dimension), found {}", starts.len()));
    }
    for (i, s) in starts.iter().enumerate() {
        let t = tensor_of(s, "a start index")?;
        if t.rank() != 0 || !t.elem.is_int() || !s.same_as(&starts[0]) {
            return Err(format!(
                "start index #{i} must be an integer scalar of the type of the first ({}), found {}",
                starts[0].text(),
                s.text()
            ));
        }
    }
    Ok(())
}

pub fn dynamic_slice(v: &OpView) -> Rule {
    let x = tensor_of(v.operands.first().ok_or("expects an operand")?, "the operand")?;
    let r = one_result(v)?;
    start_indices(v, 1, x.rank())?;
    let sizes = required(v, "slice_sizes")?;
    one_per_dim("slice_sizes", &sizes, x.rank())?;
    for (i, &s) in sizes.iter().enumerate() {
        if s < 0 || x.dims[i].is_some_and(|d| s > d) {
            return Err(format!("slice size {s} of dimension {i} must lie in [0, {}]", show(&[x.dims[i]])));
        }
    }
    let expected: Vec<Option<i64>> = sizes.iter().map(|&s| Some(s)).collect();
    if !dims_compatible(&expected, &r.dims) {
        return Err(format!("the result shape must be the slice sizes {sizes:?}, found {}", show(&r.dims)));
    }
    same_elem(x, r, v)
}

pub fn dynamic_update_slice(v: &OpView) -> Rule {
    let [operand, update, ..] = &v.operands[..] else {
        return Err("expects an operand and an update".into());
    };
    let (x, u) = (tensor_of(operand, "the operand")?, tensor_of(update, "the update")?);
    start_indices(v, 2, x.rank())?;
    if u.rank() != x.rank() || u.elem_raw != x.elem_raw {
        return Err(format!(
            "the update ({}) must have the operand's rank and element type ({})",
            update.text(),
            operand.text()
        ));
    }
    if let Some(i) = (0..x.rank()).find(|&i| matches!((u.dims[i], x.dims[i]), (Some(a), Some(b)) if a > b)) {
        return Err(format!("the update is larger than the operand in dimension {i}"));
    }
    if !v.results.first().is_some_and(|r| r.compatible(operand)) {
        return Err(format!("the result must have the operand's type ({})", operand.text()));
    }
    Ok(())
}

pub fn get_dimension_size(v: &OpView) -> Rule {
    let x = one_operand(v)?;
    let dimension = v.int("dimension").ok_or("requires attribute 'dimension'")?;
    if dimension < 0 || dimension as usize >= x.rank() {
        return Err(format!("dimension {dimension} is out of range for rank {}", x.rank()));
    }
    Ok(())
}

/// bitcast_convert: the same bits in another element type; widths differ
/// by a trailing dimension.
pub fn bitcast_convert(v: &OpView) -> Rule {
    let (x, r) = (one_operand(v)?, one_result(v)?);
    let width = |e: Elem| match e {
        Elem::Bool => Some(1),
        Elem::Signed(w) | Elem::Unsigned(w) | Elem::Float(w) => Some(w as i64),
        Elem::Complex(w) => Some(2 * w as i64),
        Elem::Other => None,
    };
    let (Some(a), Some(b)) = (width(x.elem), width(r.elem)) else { return Ok(()) };
    let ok = if a == b {
        dims_compatible(&x.dims, &r.dims)
    } else if a > b {
        r.rank() == x.rank() + 1
            && dims_compatible(&r.dims[..x.rank()], &x.dims)
            && size_is(r.dims[x.rank()], Some(a / b))
    } else {
        x.rank() == r.rank() + 1
            && dims_compatible(&x.dims[..r.rank()], &r.dims)
            && size_is(x.dims[r.rank()], Some(b / a))
    };
    if !ok {
        return Err(format!(
            "cannot bitcast {} to {}: equal widths keep the shape; a wider type gains or loses a trailing dimension of the ratio",
            v.operands[0].text(), v.results[0].text()
        ));
    }
    Ok(())
}

pub fn get_tuple_element(v: &OpView) -> Rule {
    let index = v.int("index").ok_or("requires attribute 'index'")?;
    let tuple = v.operands.first().ok_or("expects a tuple operand")?;
    // SAFETY: the ODS constraint has checked the operand is a tuple.
    let count = unsafe { mlir_sys::mlirTupleTypeGetNumTypes(tuple_raw(v)) };
    if index < 0 || index >= count as i64 {
        return Err(format!("index {index} is out of range for {}", tuple.text()));
    }
    // SAFETY: index checked above.
    let element =
        super::view::HloType::of(unsafe { mlir_sys::mlirTupleTypeGetType(tuple_raw(v), index as isize) });
    if !v.results.first().is_some_and(|r| r.same_as(&element)) {
        return Err(format!("the result must have element type #{index} of the tuple ({})", element.text()));
    }
    Ok(())
}

fn tuple_raw(v: &OpView) -> mlir_sys::MlirType {
    // SAFETY: the op has an operand (checked by the caller).
    unsafe { mlir_sys::mlirValueGetType(mlir_sys::mlirOperationGetOperand(v.op, 0)) }
}
