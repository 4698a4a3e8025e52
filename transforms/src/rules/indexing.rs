//! Dynamic slices, gather and the scatters: each one's transpose is the
//! other (gather <-> scatter_add, dynamic_slice <-> dynamic_update_slice).

use jaxr_dialect::{
    BinaryOp, ComparisonDirection, ElemType, GatherDims, Primitive, ScatterDims, ScatterKind, TensorType,
};

use super::shape::linear_jvp;
use super::{or_zeros, sum_terms, zeros, DerivRule, Derivative::Computed, Site};
use crate::term::Term;

fn dynamic_slice_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    if i != 0 {
        return Ok(None);
    }
    let mut args = vec![zeros(&s.operand_types[0]), g];
    args.extend((1..s.operands.len()).map(|k| s.x(k)));
    Ok(Some(Term::Op(Primitive::DynamicUpdateSlice, args)))
}

fn dynamic_update_slice_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let indices = (2..s.operands.len()).map(|k| s.x(k));
    match i {
        0 => {
            let mut args = vec![g, zeros(&s.operand_types[1])];
            args.extend(indices);
            Ok(Some(Term::Op(Primitive::DynamicUpdateSlice, args)))
        }
        1 => {
            let mut args = vec![g];
            args.extend(indices);
            Ok(Some(Term::Op(Primitive::DynamicSlice { sizes: s.operand_types[1].shape.clone() }, args)))
        }
        _ => Ok(None),
    }
}

/// The scatter that puts a gather's slices back where they came from.
fn scatter_dims_of(d: &GatherDims) -> ScatterDims {
    ScatterDims {
        update_window_dims: d.offset_dims.clone(),
        inserted_window_dims: d.collapsed_slice_dims.clone(),
        input_batching_dims: d.operand_batching_dims.clone(),
        scatter_indices_batching_dims: d.start_indices_batching_dims.clone(),
        scatter_dims_to_operand_dims: d.start_index_map.clone(),
        index_vector_dim: d.index_vector_dim,
    }
}

/// The gather that reads, for every update of a scatter, the element it
/// lands on (JAX's transpose of scatter_add).
fn gather_of(d: &ScatterDims, operand: &TensorType, updates: &TensorType) -> Primitive {
    let mut slice_sizes = Vec::with_capacity(operand.rank());
    let mut pos = 0;
    for i in 0..operand.rank() as i64 {
        if d.inserted_window_dims.contains(&i) || d.input_batching_dims.contains(&i) {
            slice_sizes.push(1);
        } else {
            slice_sizes.push(updates.shape[d.update_window_dims[pos] as usize]);
            pos += 1;
        }
    }
    Primitive::Gather {
        dims: GatherDims {
            offset_dims: d.update_window_dims.clone(),
            collapsed_slice_dims: d.inserted_window_dims.clone(),
            operand_batching_dims: d.input_batching_dims.clone(),
            start_indices_batching_dims: d.scatter_indices_batching_dims.clone(),
            start_index_map: d.scatter_dims_to_operand_dims.clone(),
            index_vector_dim: d.index_vector_dim,
        },
        slice_sizes,
        indices_are_sorted: false,
    }
}

/// The largest in-bounds start of each index component, as a tensor of the
/// indices' type (components along `index_vector_dim`).
fn bounds_tensor(idx_ty: &TensorType, ivd: i64, bounds: &[i64]) -> Term {
    let mut component = idx_ty.shape.clone();
    if (ivd as usize) < idx_ty.rank() {
        component[ivd as usize] = 1;
    }
    let mut parts: Vec<Term> = bounds
        .iter()
        .map(|&b| Term::Splat(TensorType::new(component.clone(), idx_ty.elem), b as f64))
        .collect();
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        Term::Op(Primitive::Concatenate { dimension: ivd }, parts)
    }
}

/// Start indices clamped into bounds, as gather clamps them: the scatter
/// (which drops out-of-bounds updates instead) then writes where the gather read.
fn clamped(idx: Term, idx_ty: &TensorType, ivd: i64, bounds: &[i64]) -> Term {
    let zero = Term::Splat(TensorType::scalar(idx_ty.elem), 0.0);
    Term::op(Primitive::Clamp, [zero, idx, bounds_tensor(idx_ty, ivd, bounds)])
}

/// Per update: whether its whole window is in bounds (a scatter applies only
/// those), broadcast to the updates' shape.
fn in_bounds(s: &Site, d: &ScatterDims, bounds: &[i64]) -> Term {
    use ComparisonDirection::{Ge, Le};
    let idx_ty = &s.operand_types[1];
    let updates = &s.operand_types[2];
    let zero = Term::Splat(idx_ty.clone(), 0.0);
    let hi = bounds_tensor(idx_ty, d.index_vector_dim, bounds);
    let ok = Term::op(
        Primitive::Binary(BinaryOp::And),
        [Term::op(Primitive::Compare(Ge), [s.x(1), zero]), Term::op(Primitive::Compare(Le), [s.x(1), hi])],
    );
    let ok = if (d.index_vector_dim as usize) < idx_ty.rank() {
        Term::op(Primitive::Reduce { op: jaxr_dialect::ReduceOp::And, axes: vec![d.index_vector_dim] }, [ok])
    } else {
        ok
    };
    let scatter_dims: Vec<i64> =
        (0..updates.rank() as i64).filter(|k| !d.update_window_dims.contains(k)).collect();
    Term::op(Primitive::BroadcastInDim { shape: updates.shape.clone(), dims: scatter_dims }, [ok])
}

/// The in-bounds limit of each index component of a scatter.
fn scatter_bounds(s: &Site, d: &ScatterDims) -> Vec<i64> {
    let Primitive::Gather { slice_sizes, .. } = gather_of(d, &s.operand_types[0], &s.operand_types[2]) else {
        return vec![];
    };
    d.scatter_dims_to_operand_dims
        .iter()
        .map(|&k| s.operand_types[0].shape[k as usize] - slice_sizes[k as usize])
        .collect()
}

fn masked(mask: Term, t: Term, ty: &TensorType) -> Term {
    select(mask, t, zeros(ty))
}

fn gather_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let Primitive::Gather { dims, slice_sizes, indices_are_sorted } = s.prim else {
        return Err("not a gather".into());
    };
    if i != 0 {
        return Ok(None);
    }
    let scatter = Primitive::Scatter {
        kind: ScatterKind::Add,
        dims: scatter_dims_of(dims),
        indices_are_sorted: *indices_are_sorted,
        unique_indices: false,
    };
    let bounds: Vec<i64> = dims
        .start_index_map
        .iter()
        .map(|&k| s.operand_types[0].shape[k as usize] - slice_sizes[k as usize])
        .collect();
    let idx = clamped(s.x(1), &s.operand_types[1], dims.index_vector_dim, &bounds);
    Ok(Some(Term::op(scatter, [zeros(&s.operand_types[0]), idx, g])))
}

fn scatter_parts<'a>(s: &Site<'a>) -> Result<(&'a ScatterDims, Primitive), String> {
    let Primitive::Scatter { dims, .. } = s.prim else { return Err("not a scatter".into()) };
    Ok((dims, gather_of(dims, &s.operand_types[0], &s.operand_types[2])))
}

fn scatter_with(s: &Site, kind: ScatterKind) -> Result<Primitive, String> {
    let Primitive::Scatter { dims, indices_are_sorted, unique_indices, .. } = s.prim else {
        return Err("not a scatter".into());
    };
    Ok(Primitive::Scatter {
        kind,
        dims: dims.clone(),
        indices_are_sorted: *indices_are_sorted,
        unique_indices: *unique_indices,
    })
}

fn scatter_add_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let (d, gather) = scatter_parts(s)?;
    Ok(match i {
        0 => Some(g),
        2 => Some(masked(
            in_bounds(s, d, &scatter_bounds(s, d)),
            Term::op(gather, [g, s.x(1)]),
            &s.operand_types[2],
        )),
        _ => None,
    })
}

fn select(pred: Term, on_true: Term, on_false: Term) -> Term {
    Term::op(Primitive::SelectN, [pred, on_false, on_true])
}

fn eq(a: Term, b: Term) -> Term {
    Term::op(Primitive::Compare(ComparisonDirection::Eq), [a, b])
}

/// JAX's scatter JVP: which operand elements survive and which update
/// wins where indices repeat, found by scattering update ids (1-based) over
/// zeros and gathering them back.
fn scatter_masks(s: &Site) -> Result<(Term, Term), String> {
    let (_, gather) = scatter_parts(s)?;
    let ut = &s.operand_types[2];
    let n = ut.num_elements();
    let ids = Term::op(Primitive::Iota { dimension: 0, ty: TensorType::new(vec![n], ElemType::I32) }, []);
    let ids = Term::op(Primitive::Reshape { shape: ut.shape.clone() }, [ids]);
    let ids = Term::op(Primitive::Binary(BinaryOp::Add), [ids, Term::Lit(1.0)]);
    let id_operand = TensorType::new(s.operand_types[0].shape.clone(), ElemType::I32);
    let scattered = Term::op(
        scatter_with(s, ScatterKind::Replace)?,
        [Term::Splat(id_operand.clone(), 0.0), s.x(1), ids.clone()],
    );
    let kept = eq(scattered.clone(), Term::Splat(id_operand, 0.0));
    let won = eq(ids, Term::op(gather, [scattered, s.x(1)]));
    Ok((kept, won))
}

fn scatter_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let (kept, won) = scatter_masks(s)?;
    let t_operand = select(kept, or_zeros(&ts[0], &s.operand_types[0]), zeros(&s.operand_types[0]));
    let t_updates = select(won, or_zeros(&ts[2], &s.operand_types[2]), zeros(&s.operand_types[2]));
    Ok(Term::op(scatter_with(s, ScatterKind::Add)?, [t_operand, s.x(1), t_updates]))
}

fn scatter_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let (kept, won) = scatter_masks(s)?;
    let (_, gather) = scatter_parts(s)?;
    Ok(match i {
        0 => Some(select(kept, g, zeros(&s.operand_types[0]))),
        2 => Some(select(won, Term::op(gather, [g, s.x(1)]), zeros(&s.operand_types[2]))),
        _ => None,
    })
}

fn mul(a: Term, b: Term) -> Term {
    Term::op(Primitive::Binary(BinaryOp::Mul), [a, b])
}

fn unique_only(s: &Site) -> Result<(), String> {
    match s.prim {
        Primitive::Scatter { unique_indices: true, .. } => Ok(()),
        _ => Err("the derivative of scatter_mul with respect to its updates needs unique_indices \
                  (as in JAX)"
            .into()),
    }
}

/// scatter_mul: linear in the operand (times the product scattered onto
/// ones); in the updates only with unique indices, as in JAX.
fn scatter_mul_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let mut parts = Vec::new();
    if let Some(t) = &ts[0] {
        parts.push(Term::op(s.prim.clone(), [t.clone(), s.x(1), s.x(2)]));
    }
    if let Some(t) = &ts[2] {
        unique_only(s)?;
        let placed =
            Term::op(scatter_with(s, ScatterKind::Replace)?, [zeros(&s.operand_types[0]), s.x(1), t.clone()]);
        parts.push(mul(s.x(0), placed));
    }
    sum_terms(parts).ok_or_else(|| "scatter_mul: no tangent".into())
}

fn scatter_mul_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let (_, gather) = scatter_parts(s)?;
    match i {
        0 => {
            let ones = Term::Splat(s.operand_types[0].clone(), 1.0);
            Ok(Some(mul(g, Term::op(s.prim.clone(), [ones, s.x(1), s.x(2)]))))
        }
        2 => {
            unique_only(s)?;
            let (d, _) = scatter_parts(s)?;
            let mask = in_bounds(s, d, &scatter_bounds(s, d));
            Ok(Some(masked(mask, Term::op(gather, [mul(g, s.x(0)), s.x(1)]), &s.operand_types[2])))
        }
        _ => Ok(None),
    }
}

/// scatter_min/max: the derivative goes to every contributor (the operand
/// element and each update) equal to the result, split evenly among them.
fn extremal_parts(s: &Site) -> Result<(Term, Term, Term), String> {
    let (_, gather) = scatter_parts(s)?;
    let ot = &s.operand_types[0];
    let y = Term::Val(s.result);
    let to_float = |b: Term| Term::op(Primitive::ConvertElementType { to: ot.elem }, [b]);
    let operand_hit = to_float(eq(s.x(0), y.clone()));
    let (d, _) = scatter_parts(s)?;
    let hit = Term::op(
        Primitive::Binary(BinaryOp::And),
        [eq(s.x(2), Term::op(gather, [y, s.x(1)])), in_bounds(s, d, &scatter_bounds(s, d))],
    );
    let update_hit = to_float(hit);
    let add = scatter_with(s, ScatterKind::Add)?;
    let count = Term::op(
        Primitive::Binary(BinaryOp::Add),
        [operand_hit.clone(), Term::op(add, [zeros(ot), s.x(1), update_hit.clone()])],
    );
    Ok((operand_hit, update_hit, count))
}

fn scatter_extremal_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let (operand_hit, update_hit, count) = extremal_parts(s)?;
    let add = scatter_with(s, ScatterKind::Add)?;
    let ot = &s.operand_types[0];
    let from_operand = mul(or_zeros(&ts[0], ot), operand_hit);
    let from_updates =
        Term::op(add, [zeros(ot), s.x(1), mul(or_zeros(&ts[2], &s.operand_types[2]), update_hit)]);
    Ok(Term::op(
        Primitive::Binary(BinaryOp::Div),
        [Term::op(Primitive::Binary(BinaryOp::Add), [from_operand, from_updates]), count],
    ))
}

fn scatter_extremal_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let (operand_hit, update_hit, count) = extremal_parts(s)?;
    let (_, gather) = scatter_parts(s)?;
    let share = Term::op(Primitive::Binary(BinaryOp::Div), [g, count]);
    Ok(match i {
        0 => Some(mul(share, operand_hit)),
        2 => Some(mul(Term::op(gather, [share, s.x(1)]), update_hit)),
        _ => None,
    })
}

pub(super) const RULES: &[DerivRule] = &[
    DerivRule { op: "dynamic_slice", derivative: Computed { jvp: linear_jvp, vjp: dynamic_slice_vjp } },
    DerivRule {
        op: "dynamic_update_slice",
        derivative: Computed { jvp: linear_jvp, vjp: dynamic_update_slice_vjp },
    },
    DerivRule { op: "gather", derivative: Computed { jvp: linear_jvp, vjp: gather_vjp } },
    DerivRule { op: "scatter_add", derivative: Computed { jvp: linear_jvp, vjp: scatter_add_vjp } },
    DerivRule { op: "scatter", derivative: Computed { jvp: scatter_jvp, vjp: scatter_vjp } },
    DerivRule { op: "scatter_mul", derivative: Computed { jvp: scatter_mul_jvp, vjp: scatter_mul_vjp } },
    DerivRule {
        op: "scatter_min",
        derivative: Computed { jvp: scatter_extremal_jvp, vjp: scatter_extremal_vjp },
    },
    DerivRule {
        op: "scatter_max",
        derivative: Computed { jvp: scatter_extremal_jvp, vjp: scatter_extremal_vjp },
    },
];
