//! The cost model: estimated FLOPs and bytes moved per op, from its
//! primitive and types. Extraction minimises [`op_cost`] summed over ops.
//!
//! - Elementwise arithmetic: one FLOP per element; division and square
//!   roots 4; transcendental functions (exp, log, sin, tanh, erf, pow, ...)
//!   8 per element.
//! - dot_general: 2·M·N·K (2 × result elements × contracted size).
//! - Reductions: one FLOP per input element.
//! - reshape and broadcast_in_dim are fused by XLA: no FLOPs, no bytes.
//! - transpose, slice, pad, concatenate, rev, gather, ...: no FLOPs, the
//!   result's bytes moved.
//! - Every op also costs 1 (launch/fusion overhead), so fewer ops win ties;
//!   arguments and opaque values cost 0 and splat constants 1.
//!
//! The scalar cost is `1 + flops + bytes / 4`.

use egg::{CostFunction, Id, Language};
use jaxr_dialect::{Primitive, TensorType, UnaryOp};

use crate::analysis::{node_type, JaxrEGraph};
use crate::language::Node;

/// The estimate for one op.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OpCost {
    /// Floating-point (or integer) operations.
    pub flops: f64,
    /// Bytes written that XLA would not fuse away.
    pub bytes: f64,
}

impl OpCost {
    /// The scalar the extractor minimises.
    pub fn scalar(self) -> f64 {
        1.0 + self.flops + self.bytes / 4.0
    }
}

fn bytes(t: &TensorType) -> f64 {
    t.num_elements() as f64 * f64::from(t.elem.bit_width().max(8) / 8)
}

/// FLOPs and bytes of `prim` on `operands` giving `out`.
pub fn op_cost(prim: &Primitive, operands: &[TensorType], out: &TensorType) -> OpCost {
    let n = out.num_elements() as f64;
    let ew = |per: f64| OpCost { flops: per * n, bytes: 0.0 };
    match prim {
        Primitive::Constant { .. } | Primitive::Reshape { .. } | Primitive::BroadcastInDim { .. } => {
            OpCost::default()
        }
        Primitive::Unary(u) => match u {
            UnaryOp::Neg | UnaryOp::Abs | UnaryOp::Sign | UnaryOp::Floor | UnaryOp::Ceil | UnaryOp::Not => {
                ew(1.0)
            }
            UnaryOp::Square | UnaryOp::PopulationCount | UnaryOp::Clz => ew(1.0),
            UnaryOp::Sqrt | UnaryOp::Rsqrt | UnaryOp::Cbrt => ew(4.0),
            _ => ew(8.0),
        },
        Primitive::Binary(b) => match b {
            jaxr_dialect::BinaryOp::Div | jaxr_dialect::BinaryOp::Rem => ew(4.0),
            jaxr_dialect::BinaryOp::Pow | jaxr_dialect::BinaryOp::Atan2 => ew(8.0),
            _ => ew(1.0),
        },
        Primitive::IntegerPow { y } => ew(f64::from(64 - y.unsigned_abs().leading_zeros()).max(1.0)),
        Primitive::Round(_)
        | Primitive::IsFinite
        | Primitive::Compare(_)
        | Primitive::SelectN
        | Primitive::Clamp
        | Primitive::ConvertElementType { .. }
        | Primitive::BitcastConvertType { .. }
        | Primitive::Iota { .. } => ew(1.0),
        Primitive::Reduce { .. } | Primitive::ArgReduce { .. } | Primitive::ReduceWindow { .. } => {
            OpCost { flops: operands.first().map_or(n, |t| t.num_elements() as f64), bytes: bytes(out) }
        }
        Primitive::DotGeneral { dims, .. } => {
            let k: f64 = operands.first().map_or(1.0, |l| {
                let sizes =
                    dims.lhs_contracting.iter().filter_map(|d| l.shape.get(usize::try_from(*d).ok()?));
                sizes.map(|&d| d as f64).product()
            });
            OpCost { flops: 2.0 * n * k, bytes: bytes(out) }
        }
        Primitive::ConvGeneralDilated { .. } => {
            let kernel = operands.get(1).map_or(1, |k| k.num_elements());
            OpCost { flops: 2.0 * n * kernel as f64, bytes: bytes(out) }
        }
        _ => OpCost { flops: 0.0, bytes: bytes(out) },
    }
}

/// The cost of one e-node alone (children not included).
pub fn node_cost(egraph: &JaxrEGraph, node: &Node) -> f64 {
    match node {
        Node::Arg { .. } | Node::Opaque { .. } => 0.0,
        Node::Splat { .. } => 1.0,
        Node::Op { prim, args } => {
            let tys: Option<Vec<TensorType>> = args.iter().map(|a| egraph[*a].data.ty.clone()).collect();
            match (tys, node_type(egraph, node)) {
                (Some(tys), Some(out)) => op_cost(prim, &tys, &out).scalar(),
                // Ill-typed nodes are never chosen.
                _ => f64::INFINITY,
            }
        }
    }
}

/// egg's cost function: a node's cost plus its children's (tree cost:
/// shared subterms count once per use while choosing; the final program
/// is costed as a DAG, see `extract`).
pub struct ShapeCost<'a> {
    /// The e-graph whose class types give shapes.
    pub egraph: &'a JaxrEGraph,
}

impl CostFunction<Node> for ShapeCost<'_> {
    type Cost = f64;

    fn cost<C>(&mut self, enode: &Node, mut costs: C) -> f64
    where
        C: FnMut(Id) -> f64,
    {
        let own = node_cost(self.egraph, enode);
        enode.fold(own, |acc, id| acc + costs(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jaxr_dialect::{DotDims, ElemType};

    #[test]
    fn dot_costs_two_mnk_and_reshape_is_free() {
        let a = TensorType::new([4, 8], ElemType::F32);
        let b = TensorType::new([8, 16], ElemType::F32);
        let out = TensorType::new([4, 16], ElemType::F32);
        let dot = Primitive::DotGeneral {
            dims: DotDims { lhs_contracting: vec![1], rhs_contracting: vec![0], ..Default::default() },
            out: ElemType::F32,
            precision: Default::default(),
            algorithm: None,
        };
        assert_eq!(op_cost(&dot, &[a.clone(), b], &out).flops, 2.0 * 4.0 * 16.0 * 8.0);
        let r = Primitive::Reshape { shape: vec![32] };
        assert_eq!(
            op_cost(&r, std::slice::from_ref(&a), &TensorType::new([32], ElemType::F32)).scalar(),
            1.0
        );
        let exp = op_cost(&Primitive::Unary(UnaryOp::Exp), std::slice::from_ref(&a), &a).flops;
        let add = op_cost(&Primitive::Binary(jaxr_dialect::BinaryOp::Add), &[a.clone(), a.clone()], &a).flops;
        assert!(exp > add);
    }
}
