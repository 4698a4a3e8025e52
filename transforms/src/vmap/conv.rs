//! Batching conv_general_dilated, as JAX does: the batch dimension B folds
//! into one of the convolution's own dimensions and unfolds from the
//! result, so that a batch of convolutions stays one convolution (and the
//! module's size and XLA's compile time do not grow with B).
//!
//! - Input batched: B folds into the input's batch dimension (with batch
//!   groups, into each group) and comes out of the result's batch dimension.
//! - Kernel batched: B folds into the kernel's output features and comes out
//!   of the result's features.
//! - Both batched (per-example gradients of a conv net): each example is its
//!   own group. B folds into the input's features (or, with batch groups,
//!   its batch dimension) and the kernel's output features, the group count
//!   is multiplied by B, and B comes out of the result's features.
//!
//! B always goes in as the major part of the merged dimension, so that the
//! groups an example already had stay contiguous inside its own block.

use jaxr_dialect::{ConvDims, ElemType, Primitive, TensorType};
use mlir_sys::MlirValue;

use super::rules::BatchSite;
use super::Batcher;

/// The rule.
pub fn conv(b: &mut Batcher, s: &BatchSite) -> Result<Vec<(MlirValue, bool)>, String> {
    let Primitive::ConvGeneralDilated { conv: c, out } = s.prim else {
        return Err("not a convolution".into());
    };
    let ((x, xb), (w, wb)) = (s.operands[0], s.operands[1]);
    let (xt, wt, yt) = (&s.operand_types[0], &s.operand_types[1], &s.result_types[0]);
    let mut dims = c.clone();
    let (lhs_batch, lhs_feature, rhs_out) =
        (c.lhs_spec[0] as usize, c.lhs_spec[1] as usize, c.rhs_spec[0] as usize);
    let (out_batch, out_feature) = (c.out_spec[0] as usize, c.out_spec[1] as usize);
    match (xb, wb) {
        (true, false) if c.batch_group_count == 1 => {
            let x = fold(b, x, xt, lhs_batch)?;
            let y = convolve(b, x, w, &dims, *out)?;
            unfold(b, y, yt, out_batch)
        }
        (false, true) if c.batch_group_count == 1 && c.feature_group_count == 1 => {
            let w = fold(b, w, wt, rhs_out)?;
            let y = convolve(b, x, w, &dims, *out)?;
            unfold(b, y, yt, out_feature)
        }
        (true, true) => {
            let x = if c.batch_group_count > 1 {
                dims.batch_group_count *= b.size;
                fold(b, x, xt, lhs_batch)?
            } else {
                dims.feature_group_count *= b.size;
                fold(b, x, xt, lhs_feature)?
            };
            let w = fold(b, w, wt, rhs_out)?;
            let y = convolve(b, x, w, &dims, *out)?;
            unfold(b, y, yt, out_feature)
        }
        // Batch groups over a batched input alone, or groups over a batched
        // kernel alone: the op once per example.
        _ => super::per_example(b, s.op),
    }
}

fn convolve(
    b: &mut Batcher,
    x: MlirValue,
    w: MlirValue,
    dims: &ConvDims,
    out: ElemType,
) -> Result<MlirValue, String> {
    b.em.op(&Primitive::ConvGeneralDilated { conv: dims.clone(), out }, &[x, w])
}

/// `v` (batch in front of the unbatched type `t`) with the batch merged into
/// dimension `d` of `t`, as its major part: [B, .., n_d, ..] -> [.., B*n_d, ..].
fn fold(b: &mut Batcher, v: MlirValue, t: &TensorType, d: usize) -> Result<MlirValue, String> {
    let rank = t.rank() as i64;
    let d = d as i64;
    // [B, t0, .., t_{d-1}, t_d, ..] -> [t0, .., t_{d-1}, B, t_d, ..]
    let mut perm: Vec<i64> = (1..=d).collect();
    perm.push(0);
    perm.extend((d + 1)..=rank);
    let moved = if d == 0 { v } else { b.em.op(&Primitive::Transpose { permutation: perm }, &[v])? };
    let mut shape = t.shape.clone();
    shape[d as usize] *= b.size;
    b.em.op(&Primitive::Reshape { shape }, &[moved])
}

/// The inverse: dimension `d` of `v` (of the unbatched type `t`, with `d`
/// B times larger) split into [B, n_d], and B moved to the front.
fn unfold(b: &mut Batcher, v: MlirValue, t: &TensorType, d: usize) -> Result<Vec<(MlirValue, bool)>, String> {
    let mut split = t.shape.clone();
    split.insert(d, b.size);
    let y = b.em.op(&Primitive::Reshape { shape: split }, &[v])?;
    if d == 0 {
        return Ok(vec![(y, true)]);
    }
    let mut perm = vec![d as i64];
    perm.extend((0..=t.rank() as i64).filter(|k| *k != d as i64));
    Ok(vec![(b.em.op(&Primitive::Transpose { permutation: perm }, &[y])?, true)])
}
