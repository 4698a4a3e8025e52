//! The batching table: one entry per jaxr op, beside the derivative table.
//! Batched values carry their batch dimension first (dimension 0); a rule
//! gets the op's operands (each batched or not) and returns its results.
//! Unbatched operands are broadcast only where an op needs every operand
//! batched; dot_general gains a batch dimension, gather and scatter gain
//! batching dimensions, reductions and windows shift their axes.

use jaxr_dialect::{DotDims, ElemType, GatherDims, Primitive, ScatterDims, TensorType, Window};
use mlir_sys::{MlirOperation, MlirValue};

use super::Batcher;

/// An op being batched.
pub struct BatchSite<'a> {
    /// The op itself (for the per-example fallback).
    pub op: MlirOperation,
    /// The primitive.
    pub prim: &'a Primitive,
    /// The (new) operands and whether each is batched.
    pub operands: &'a [(MlirValue, bool)],
    /// The operands' unbatched types.
    pub operand_types: &'a [TensorType],
    /// The results' unbatched types.
    pub result_types: &'a [TensorType],
}

/// A batching rule: the results and whether each is batched.
pub type BatchFn = fn(&mut Batcher, &BatchSite) -> Result<Vec<(MlirValue, bool)>, String>;

/// How one op is batched.
pub enum Batching {
    /// Elementwise: unbatched operands are broadcast, the op applied as is.
    Elementwise,
    /// A rule function.
    Rule(BatchFn),
    /// Batched by the vmap pass itself (regions, expansions); how.
    Structured(&'static str),
}

/// One entry.
pub struct BatchRule {
    /// The op's mnemonic.
    pub op: &'static str,
    /// How it is batched.
    pub batching: Batching,
}

/// The entry for `mnemonic`.
pub fn lookup(mnemonic: &str) -> Option<&'static BatchRule> {
    RULES.iter().find(|r| r.op == mnemonic)
}

fn shift(v: &[i64]) -> Vec<i64> {
    v.iter().map(|d| d + 1).collect()
}

fn with_batch(b: &Batcher, shape: &[i64]) -> Vec<i64> {
    [vec![b.size], shape.to_vec()].concat()
}

/// Every operand batched (broadcast where not).
fn all_batched(b: &mut Batcher, s: &BatchSite) -> Result<Vec<MlirValue>, String> {
    s.operands.iter().zip(s.operand_types).map(|((v, bat), t)| b.batched(*v, *bat, t)).collect()
}

fn one(b: &mut Batcher, prim: Primitive, args: &[MlirValue]) -> Result<Vec<(MlirValue, bool)>, String> {
    Ok(vec![(b.em.op(&prim, args)?, true)])
}

fn the_operand(b: &mut Batcher, s: &BatchSite, prim: Primitive) -> Result<Vec<(MlirValue, bool)>, String> {
    let x = all_batched(b, s)?;
    one(b, prim, &x)
}

fn broadcast_in_dim(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::BroadcastInDim { shape, dims } = s.prim else { return Err("not a broadcast".into()) };
    let prim =
        Primitive::BroadcastInDim { shape: with_batch(b, shape), dims: [vec![0], shift(dims)].concat() };
    the_operand(b, s, prim)
}

fn reshape(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::Reshape { shape } = s.prim else { return Err("not a reshape".into()) };
    let prim = Primitive::Reshape { shape: with_batch(b, shape) };
    the_operand(b, s, prim)
}

fn transpose(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::Transpose { permutation } = s.prim else { return Err("not a transpose".into()) };
    the_operand(b, s, Primitive::Transpose { permutation: [vec![0], shift(permutation)].concat() })
}

fn rev(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::Rev { dimensions } = s.prim else { return Err("not a rev".into()) };
    the_operand(b, s, Primitive::Rev { dimensions: shift(dimensions) })
}

fn concatenate(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::Concatenate { dimension } = s.prim else { return Err("not a concatenate".into()) };
    the_operand(b, s, Primitive::Concatenate { dimension: dimension + 1 })
}

fn slice(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::Slice { start, limit, strides } = s.prim else { return Err("not a slice".into()) };
    let prim = Primitive::Slice {
        start: [vec![0], start.clone()].concat(),
        limit: with_batch(b, limit),
        strides: [vec![1], strides.clone()].concat(),
    };
    the_operand(b, s, prim)
}

/// pad: with an unbatched padding value, one more unpadded dimension; with a
/// batched one, pad with zeros and select the value where padding landed.
fn pad(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::Pad { low, high, interior } = s.prim else { return Err("not a pad".into()) };
    let prim = Primitive::Pad {
        low: [vec![0], low.clone()].concat(),
        high: [vec![0], high.clone()].concat(),
        interior: [vec![0], interior.clone()].concat(),
    };
    let x = b.batched(s.operands[0].0, s.operands[0].1, &s.operand_types[0])?;
    let (v, v_batched) = s.operands[1];
    if !v_batched {
        return one(b, prim, &[x, v]);
    }
    let elem = s.operand_types[0].elem;
    let zero = b.em.splat(&TensorType::scalar(elem), 0.0)?;
    let padded = b.em.op(&prim, &[x, zero])?;
    let out_shape = with_batch(b, &s.result_types[0].shape);
    let holes = b.em.splat(&TensorType::new(with_batch(b, &s.operand_types[0].shape), ElemType::I1), 0.0)?;
    let yes = b.em.splat(&TensorType::scalar(ElemType::I1), 1.0)?;
    let mask = b.em.op(&prim, &[holes, yes])?;
    let value = b.em.op(&Primitive::BroadcastInDim { shape: out_shape, dims: vec![0] }, &[v])?;
    one(b, Primitive::SelectN, &[mask, padded, value])
}

fn reduce(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let prim = match s.prim {
        Primitive::Reduce { op, axes } => Primitive::Reduce { op: *op, axes: shift(axes) },
        Primitive::ArgReduce { op, axis, index } => {
            Primitive::ArgReduce { op: *op, axis: axis + 1, index: *index }
        }
        Primitive::ReduceWindow { op, window } => {
            Primitive::ReduceWindow { op: *op, window: window_with_batch(window) }
        }
        _ => return Err("not a reduction".into()),
    };
    the_operand(b, s, prim)
}

/// A window of size 1 (stride 1, no padding) over the batch dimension.
pub fn window_with_batch(w: &Window) -> Window {
    Window {
        dimensions: [vec![1], w.dimensions.clone()].concat(),
        strides: [vec![1], w.strides.clone()].concat(),
        padding: [vec![0, 0], w.padding.clone()].concat(),
        base_dilation: [vec![1], w.base_dilation.clone()].concat(),
        window_dilation: [vec![1], w.window_dilation.clone()].concat(),
    }
}

/// The permutation moving dimension `from` of a rank-`rank` tensor to 0.
fn to_front(from: usize, rank: usize) -> Vec<i64> {
    let mut p = vec![from as i64];
    p.extend((0..rank as i64).filter(|d| *d != from as i64));
    p
}

/// dot_general: both batched, the batch becomes a batch dimension; one
/// batched, a free dimension moved to the front.
fn dot_general(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::DotGeneral { dims, out, precision, algorithm } = s.prim else {
        return Err("not a dot_general".into());
    };
    let ((l, lb), (r, rb)) = (s.operands[0], s.operands[1]);
    let d = dims;
    let (lshift, rshift) = (usize::from(lb) as i64, usize::from(rb) as i64);
    let sh = |v: &[i64], k: i64| v.iter().map(|x| x + k).collect::<Vec<_>>();
    let mut new = DotDims {
        lhs_contracting: sh(&d.lhs_contracting, lshift),
        rhs_contracting: sh(&d.rhs_contracting, rshift),
        lhs_batch: sh(&d.lhs_batch, lshift),
        rhs_batch: sh(&d.rhs_batch, rshift),
    };
    if lb && rb {
        new.lhs_batch.insert(0, 0);
        new.rhs_batch.insert(0, 0);
        return one(
            b,
            Primitive::DotGeneral { dims: new, out: *out, precision: *precision, algorithm: *algorithm },
            &[l, r],
        );
    }
    let result = b.em.op(
        &Primitive::DotGeneral { dims: new, out: *out, precision: *precision, algorithm: *algorithm },
        &[l, r],
    )?;
    let nb = d.lhs_batch.len();
    // The batch dimension is the first free dimension of its operand.
    let at = if lb {
        nb
    } else {
        let lhs_rank = s.operand_types[0].rank();
        nb + lhs_rank - d.lhs_batch.len() - d.lhs_contracting.len()
    };
    let rank = s.result_types[0].rank() + 1;
    if at == 0 {
        return Ok(vec![(result, true)]);
    }
    one(b, Primitive::Transpose { permutation: to_front(at, rank) }, &[result])
}

/// gather with batching dimensions: operand and indices both batched.
fn gather(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::Gather { dims: d, slice_sizes, indices_are_sorted } = s.prim else {
        return Err("not a gather".into());
    };
    let x = all_batched(b, s)?;
    let dims = GatherDims {
        offset_dims: shift(&d.offset_dims),
        collapsed_slice_dims: shift(&d.collapsed_slice_dims),
        operand_batching_dims: [vec![0], shift(&d.operand_batching_dims)].concat(),
        start_indices_batching_dims: [vec![0], shift(&d.start_indices_batching_dims)].concat(),
        start_index_map: shift(&d.start_index_map),
        index_vector_dim: d.index_vector_dim + 1,
    };
    let prim = Primitive::Gather {
        dims,
        slice_sizes: [vec![1], slice_sizes.clone()].concat(),
        indices_are_sorted: *indices_are_sorted,
    };
    one(b, prim, &x)
}

/// scatter (every kind) with batching dimensions.
fn scatter(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::Scatter { kind, dims: d, indices_are_sorted, unique_indices } = s.prim else {
        return Err("not a scatter".into());
    };
    let x = all_batched(b, s)?;
    let dims = ScatterDims {
        update_window_dims: shift(&d.update_window_dims),
        inserted_window_dims: shift(&d.inserted_window_dims),
        input_batching_dims: [vec![0], shift(&d.input_batching_dims)].concat(),
        scatter_indices_batching_dims: [vec![0], shift(&d.scatter_indices_batching_dims)].concat(),
        scatter_dims_to_operand_dims: shift(&d.scatter_dims_to_operand_dims),
        index_vector_dim: d.index_vector_dim + 1,
    };
    let prim = Primitive::Scatter {
        kind: *kind,
        dims,
        indices_are_sorted: *indices_are_sorted,
        unique_indices: *unique_indices,
    };
    one(b, prim, &x)
}

/// The start indices as one [B, r] tensor of a common type (batched ones
/// per example, unbatched ones repeated), clamped as dynamic slices clamp
/// them so that the window fits.
fn stacked_indices(
    b: &mut Batcher,
    indices: &[(MlirValue, bool)],
    types: &[TensorType],
    operand: &TensorType,
    window: &[i64],
) -> Result<MlirValue, String> {
    let elem = if types.iter().all(|t| t.elem == types[0].elem) { types[0].elem } else { ElemType::I64 };
    let mut columns = Vec::new();
    for (k, ((v, bat), t)) in indices.iter().zip(types).enumerate() {
        let mut v = *v;
        if t.elem != elem {
            v = b.em.op(&Primitive::ConvertElementType { to: elem }, &[v])?;
        }
        let v = b.batched(v, *bat, &TensorType::scalar(elem))?;
        let scalar = TensorType::scalar(elem);
        let lo = b.em.splat(&scalar, 0.0)?;
        let hi = b.em.splat(&scalar, (operand.shape[k] - window[k]) as f64)?;
        let v = b.em.op(&Primitive::Clamp, &[lo, v, hi])?;
        columns.push(b.em.op(&Primitive::Reshape { shape: vec![b.size, 1] }, &[v])?);
    }
    if columns.len() == 1 {
        return Ok(columns[0]);
    }
    b.em.op(&Primitive::Concatenate { dimension: 1 }, &columns)
}

fn dynamic_slice(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::DynamicSlice { sizes } = s.prim else { return Err("not a dynamic_slice".into()) };
    let x = b.batched(s.operands[0].0, s.operands[0].1, &s.operand_types[0])?;
    let indices = &s.operands[1..];
    if !indices.iter().any(|(_, bat)| *bat) {
        let zero = b.em.splat(&s.operand_types[1].clone(), 0.0)?;
        let mut args = vec![x, zero];
        args.extend(indices.iter().map(|(v, _)| *v));
        return one(b, Primitive::DynamicSlice { sizes: with_batch(b, sizes) }, &args);
    }
    let rank = sizes.len() as i64;
    let idx = stacked_indices(b, indices, &s.operand_types[1..], &s.operand_types[0], sizes)?;
    let dims = GatherDims {
        offset_dims: (1..=rank).collect(),
        collapsed_slice_dims: vec![],
        operand_batching_dims: vec![0],
        start_indices_batching_dims: vec![0],
        start_index_map: (1..=rank).collect(),
        index_vector_dim: 1,
    };
    let prim =
        Primitive::Gather { dims, slice_sizes: [vec![1], sizes.clone()].concat(), indices_are_sorted: false };
    one(b, prim, &[x, idx])
}

fn dynamic_update_slice(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let x = b.batched(s.operands[0].0, s.operands[0].1, &s.operand_types[0])?;
    let u = b.batched(s.operands[1].0, s.operands[1].1, &s.operand_types[1])?;
    let indices = &s.operands[2..];
    if !indices.iter().any(|(_, bat)| *bat) {
        let zero = b.em.splat(&s.operand_types[2].clone(), 0.0)?;
        let mut args = vec![x, u, zero];
        args.extend(indices.iter().map(|(v, _)| *v));
        return one(b, Primitive::DynamicUpdateSlice, &args);
    }
    let window = &s.operand_types[1].shape;
    let rank = window.len() as i64;
    let idx = stacked_indices(b, indices, &s.operand_types[2..], &s.operand_types[0], window)?;
    let dims = ScatterDims {
        update_window_dims: (1..=rank).collect(),
        inserted_window_dims: vec![],
        input_batching_dims: vec![0],
        scatter_indices_batching_dims: vec![0],
        scatter_dims_to_operand_dims: (1..=rank).collect(),
        index_vector_dim: 1,
    };
    let prim = Primitive::Scatter {
        kind: jaxr_dialect::ScatterKind::Replace,
        dims,
        indices_are_sorted: false,
        unique_indices: true,
    };
    one(b, prim, &[x, idx, u])
}

fn sort(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::Sort { dimension, num_keys, is_stable, descending } = s.prim else {
        return Err("not a sort".into());
    };
    let x = all_batched(b, s)?;
    let prim = Primitive::Sort {
        dimension: dimension + 1,
        num_keys: *num_keys,
        is_stable: *is_stable,
        descending: *descending,
    };
    Ok(b.em.op_multi(&prim, &x)?.into_iter().map(|v| (v, true)).collect())
}

fn top_k(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::TopK { k, axis } = s.prim else { return Err("not a top_k".into()) };
    let x = all_batched(b, s)?;
    Ok(b.em
        .op_multi(&Primitive::TopK { k: *k, axis: axis + 1 }, &x)?
        .into_iter()
        .map(|v| (v, true))
        .collect())
}

/// rng_bit_generator with a batched state, as JAX batches it: the first
/// example's state draws the bits of the whole batch (a leading batch
/// dimension on the bits), and only that state advances.
fn rng_bit_generator(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::RngBitGenerator { algorithm, out } = s.prim else {
        return Err("not a rng_bit_generator".into());
    };
    let (state, batched) = s.operands[0];
    if !batched {
        return Ok(b.em.op_multi(s.prim, &[state])?.into_iter().map(|v| (v, false)).collect());
    }
    let state_ty = crate::emit::type_of(state)?;
    let (size, n) = (state_ty.shape[0], state_ty.shape[1]);
    let slice = |start: i64, limit: i64| Primitive::Slice {
        start: vec![start, 0],
        limit: vec![limit, n],
        strides: vec![1, 1],
    };
    let first = b.em.op(&slice(0, 1), &[state])?;
    let first = b.em.op(&Primitive::Reshape { shape: vec![n] }, &[first])?;
    let mut shape = vec![size];
    shape.extend(&out.shape);
    let prim = Primitive::RngBitGenerator { algorithm: *algorithm, out: TensorType::new(shape, out.elem) };
    let drawn = b.em.op_multi(&prim, &[first])?;
    let advanced = b.em.op(&Primitive::Reshape { shape: vec![1, n] }, &[drawn[0]])?;
    let states = if size == 1 {
        advanced
    } else {
        let rest = b.em.op(&slice(1, size), &[state])?;
        b.em.op(&Primitive::Concatenate { dimension: 0 }, &[advanced, rest])?
    };
    Ok(vec![(states, true), (drawn[1], true)])
}

/// optimization_barrier: the same barrier over the operands as they come,
/// each result batched as its operand is.
fn optimization_barrier(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let values: Vec<MlirValue> = s.operands.iter().map(|(v, _)| *v).collect();
    let results = b.em.op_multi(&Primitive::OptimizationBarrier, &values)?;
    Ok(results.into_iter().zip(s.operands.iter().map(|(_, bat)| *bat)).collect())
}

/// threefry2x32: keys and counters all per example.
fn threefry(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let shape = &s.operand_types[2].shape;
    let mut args = Vec::new();
    for ((v, bat), t) in s.operands.iter().zip(s.operand_types) {
        let v = b.batched(*v, *bat, t)?;
        args.push(if t.rank() == 0 && !shape.is_empty() {
            b.em.op(&Primitive::BroadcastInDim { shape: with_batch(b, shape), dims: vec![0] }, &[v])?
        } else {
            v
        });
    }
    Ok(b.em.op_multi(&Primitive::Threefry2x32, &args)?.into_iter().map(|v| (v, true)).collect())
}

fn iota_never(_: &mut Batcher, _: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    Err("an op without operands is never batched".into())
}

const NO_OPERANDS: Batching = Batching::Rule(iota_never);

/// Every op's entry.
pub static RULES: &[BatchRule] = &[
    // Not elementwise in the dialect's sense (a scalar predicate or bound
    // is allowed; bitcasts may change the last dimension), but batched like
    // elementwise ops: every batched operand leads with the batch dimension
    // and unbatched ones are broadcast to the batched shape.
    BatchRule { op: "select_n", batching: Batching::Elementwise },
    BatchRule { op: "clamp", batching: Batching::Elementwise },
    BatchRule { op: "bitcast_convert_type", batching: Batching::Elementwise },
    // fft transforms trailing dimensions only: a leading batch dimension
    // passes through, as in an elementwise op.
    BatchRule { op: "fft", batching: Batching::Elementwise },
    // triangular_solve's batch dimensions lead both operands: with both
    // batched at 0 (an unbatched one broadcast), it is the same op.
    BatchRule { op: "triangular_solve", batching: Batching::Elementwise },
    BatchRule { op: "constant", batching: NO_OPERANDS },
    BatchRule { op: "iota", batching: NO_OPERANDS },
    BatchRule { op: "broadcast_in_dim", batching: Batching::Rule(broadcast_in_dim) },
    BatchRule { op: "reshape", batching: Batching::Rule(reshape) },
    BatchRule { op: "transpose", batching: Batching::Rule(transpose) },
    BatchRule { op: "rev", batching: Batching::Rule(rev) },
    BatchRule { op: "concatenate", batching: Batching::Rule(concatenate) },
    BatchRule { op: "pad", batching: Batching::Rule(pad) },
    BatchRule { op: "slice", batching: Batching::Rule(slice) },
    BatchRule { op: "dynamic_slice", batching: Batching::Rule(dynamic_slice) },
    BatchRule { op: "dynamic_update_slice", batching: Batching::Rule(dynamic_update_slice) },
    BatchRule { op: "reduce_sum", batching: Batching::Rule(reduce) },
    BatchRule { op: "reduce_max", batching: Batching::Rule(reduce) },
    BatchRule { op: "reduce_min", batching: Batching::Rule(reduce) },
    BatchRule { op: "reduce_prod", batching: Batching::Rule(reduce) },
    BatchRule { op: "reduce_and", batching: Batching::Rule(reduce) },
    BatchRule { op: "reduce_or", batching: Batching::Rule(reduce) },
    BatchRule { op: "argmax", batching: Batching::Rule(reduce) },
    BatchRule { op: "argmin", batching: Batching::Rule(reduce) },
    BatchRule { op: "reduce_window_sum", batching: Batching::Rule(reduce) },
    BatchRule { op: "reduce_window_max", batching: Batching::Rule(reduce) },
    BatchRule { op: "reduce_window_min", batching: Batching::Rule(reduce) },
    BatchRule { op: "dot_general", batching: Batching::Rule(dot_general) },
    BatchRule { op: "conv_general_dilated", batching: Batching::Rule(super::conv::conv) },
    BatchRule { op: "gather", batching: Batching::Rule(gather) },
    BatchRule { op: "scatter", batching: Batching::Rule(scatter) },
    BatchRule { op: "scatter_add", batching: Batching::Rule(scatter) },
    BatchRule { op: "scatter_mul", batching: Batching::Rule(scatter) },
    BatchRule { op: "scatter_min", batching: Batching::Rule(scatter) },
    BatchRule { op: "scatter_max", batching: Batching::Rule(scatter) },
    BatchRule { op: "sort", batching: Batching::Rule(sort) },
    BatchRule { op: "top_k", batching: Batching::Rule(top_k) },
    BatchRule { op: "optimization_barrier", batching: Batching::Rule(optimization_barrier) },
    BatchRule { op: "rng_bit_generator", batching: Batching::Rule(rng_bit_generator) },
    BatchRule { op: "threefry2x32", batching: Batching::Rule(threefry) },
    BatchRule { op: "cond", batching: Batching::Structured("an unbatched index: a cond of batched branches; a batched one: both branches, then select_n, as JAX") },
    BatchRule { op: "while", batching: Batching::Structured("carries batched to a fixpoint; a batched predicate runs while any example continues and keeps finished examples' carries (select)") },
    BatchRule {
        op: "reduce_window",
        batching: Batching::Structured(
            "a window of 1 over the batch dimension; batched init values take the per-example fallback",
        ),
    },
    BatchRule { op: "yield", batching: Batching::Structured("the terminator of region bodies") },
    BatchRule { op: "random_seed", batching: Batching::Structured(EXPANDED) },
    BatchRule { op: "random_split", batching: Batching::Structured(EXPANDED) },
    BatchRule { op: "random_fold_in", batching: Batching::Structured(EXPANDED) },
    BatchRule { op: "random_bits", batching: Batching::Structured(EXPANDED) },
    BatchRule { op: "random_uniform", batching: Batching::Structured(EXPANDED) },
    BatchRule { op: "random_normal", batching: Batching::Structured(EXPANDED) },
    BatchRule { op: "random_randint", batching: Batching::Structured(EXPANDED) },
];

const EXPANDED: &str = "expanded into jaxr primitives (jaxr-expand-random) before batching";

/// Whether `mnemonic` is elementwise by its ODS record (the op table), and
/// so batched by [`Batching::Elementwise`] without an entry of its own.
pub fn is_elementwise(mnemonic: &str) -> bool {
    jaxr_dialect::op_table::is_elementwise(&format!("jaxr.{mnemonic}"))
}

/// The entry for `mnemonic`, elementwise ops included.
pub fn batching_of(mnemonic: &str) -> Option<&'static Batching> {
    static ELEMENTWISE: Batching = Batching::Elementwise;
    if is_elementwise(mnemonic) {
        return Some(&ELEMENTWISE);
    }
    lookup(mnemonic).map(|r| &r.batching)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_op_of_the_dialect_has_a_batching_entry() {
        let missing: Vec<&str> = jaxr_dialect::all_mnemonics()
            .into_iter()
            .chain(jaxr_dialect::region_mnemonics())
            .filter(|m| batching_of(m).is_none())
            .collect();
        assert!(missing.is_empty(), "ops with no batching rule or reason: {missing:?}");
    }

    #[test]
    fn entries_name_real_ops_once() {
        let ops: Vec<&str> =
            jaxr_dialect::all_mnemonics().into_iter().chain(jaxr_dialect::region_mnemonics()).collect();
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(ops.contains(&r.op), "entry for unknown op {}", r.op);
            assert!(seen.insert(r.op), "two entries for {}", r.op);
            assert!(!is_elementwise(r.op), "{} is elementwise and has an entry", r.op);
        }
    }
}
