//! Where one element comes from: a single element taken out of a chain of
//! ops that only move elements (reshape, slice, transpose, broadcast,
//! concatenate, rev, pad) is the same element of the chain's source. JAX's
//! PRNG code splits keys this way (concatenate rows, slice a row, reshape,
//! slice an element, reshape to a scalar), and the law cuts the chain to one
//! slice of the source. Exact: no arithmetic happens.

use jaxr_dialect::Primitive;

use super::{shape_of, Target};
use crate::analysis::JaxrEGraph;
use crate::language::Node;

/// How many moves one trace follows at most.
const MAX_MOVES: usize = 16;

/// The row-major position of `index` in `shape`.
fn linear(index: &[i64], shape: &[i64]) -> i64 {
    index.iter().zip(shape).fold(0, |acc, (i, d)| acc * d + i)
}

/// The index at row-major position `at` in `shape`.
fn unravel(mut at: i64, shape: &[i64]) -> Vec<i64> {
    let mut index = vec![0; shape.len()];
    for (i, d) in shape.iter().enumerate().rev() {
        index[i] = at % d.max(&1);
        at /= d.max(&1);
    }
    index
}

/// One step back: the operand class and index that element `index` of
/// `node`'s result (of shape `out`) is, if `node` only moves elements.
fn step(eg: &JaxrEGraph, node: &Node, index: &[i64], out: &[i64]) -> Option<(egg::Id, Vec<i64>)> {
    let Node::Op { prim, args } = node else { return None };
    let first = *args.first()?;
    let input = shape_of(eg, first)?;
    let at = match prim {
        Primitive::Reshape { .. } => unravel(linear(index, out), input),
        Primitive::Slice { start, strides, .. } => {
            index.iter().zip(start.iter().zip(strides)).map(|(i, (s, k))| s + i * k).collect()
        }
        Primitive::Transpose { permutation } => {
            let mut at = vec![0; index.len()];
            for (i, p) in permutation.iter().enumerate() {
                at[usize::try_from(*p).ok()?] = index[i];
            }
            at
        }
        Primitive::BroadcastInDim { dims, .. } => dims
            .iter()
            .zip(input)
            .map(|(d, size)| if *size == 1 { Some(0) } else { index.get(usize::try_from(*d).ok()?).copied() })
            .collect::<Option<_>>()?,
        Primitive::Rev { dimensions } => {
            let mut at = index.to_vec();
            for d in dimensions {
                let d = usize::try_from(*d).ok()?;
                at[d] = out[d] - 1 - at[d];
            }
            at
        }
        Primitive::Concatenate { dimension } => {
            let d = usize::try_from(*dimension).ok()?;
            let mut offset = index[d];
            for a in args {
                let size = shape_of(eg, *a)?.get(d).copied()?;
                if offset < size {
                    let mut at = index.to_vec();
                    at[d] = offset;
                    return Some((*a, at));
                }
                offset -= size;
            }
            return None;
        }
        Primitive::Pad { low, interior, .. } => {
            let mut at = Vec::with_capacity(index.len());
            for ((i, (l, g)), size) in index.iter().zip(low.iter().zip(interior)).zip(input) {
                let shifted = i - l;
                if shifted < 0 || shifted % (g + 1) != 0 || shifted / (g + 1) >= *size {
                    // A padding element: the padding value (a scalar).
                    return Some((*args.get(1)?, Vec::new()));
                }
                at.push(shifted / (g + 1));
            }
            at
        }
        _ => return None,
    };
    (at.len() == input.len()).then_some((first, at))
}

/// The class and index that element `index` of class `id` comes from,
/// following moves back as far as they go, with the number of moves.
fn source(eg: &JaxrEGraph, mut id: egg::Id, mut index: Vec<i64>) -> Option<(egg::Id, Vec<i64>, usize)> {
    let mut moves = 0;
    while moves < MAX_MOVES {
        let out = shape_of(eg, id)?.to_vec();
        let Some((next, at)) = eg[id].nodes.iter().find_map(|n| step(eg, n, &index, &out)) else { break };
        id = next;
        index = at;
        moves += 1;
    }
    Some((id, index, moves))
}

/// A node whose result is one element taken out of moves (a reshape or a
/// slice with one element) as that element sliced out of their source.
pub fn element_of_moves(eg: &JaxrEGraph, n: &Node) -> Option<Target> {
    let Node::Op { prim, args } = n else { return None };
    if args.len() != 1 {
        return None;
    }
    let out: Vec<i64> = match prim {
        Primitive::Reshape { shape } => shape.clone(),
        Primitive::Slice { start, limit, strides } => {
            start.iter().zip(limit).zip(strides).map(|((s, l), k)| (l - s + k - 1) / k).collect()
        }
        _ => return None,
    };
    if out.iter().product::<i64>() != 1 {
        return None;
    }
    let (x, at) = step(eg, n, &vec![0; out.len()], &out)?;
    let (src, at, moves) = source(eg, x, at)?;
    // A chain of one move beside the node itself gains nothing.
    if moves < 1 {
        return None;
    }
    let element = if at.is_empty() {
        Target::Class(src)
    } else {
        let limit = at.iter().map(|i| i + 1).collect();
        let strides = vec![1; at.len()];
        Target::Op(Primitive::Slice { start: at, limit, strides }, vec![Target::Class(src)])
    };
    let src_rank = shape_of(eg, src)?.len();
    if src_rank == out.len() && out.iter().all(|d| *d == 1) {
        return Some(element);
    }
    Some(Target::Op(Primitive::Reshape { shape: out }, vec![element]))
}
