//! The e-class analysis: every class's [`TensorType`] (from
//! `jaxr_dialect::shape::infer`, the rules the dialect itself uses) and its
//! splat value where known, which constant folding adds to the class.

use egg::{Analysis, DidMerge, EGraph, Id};
use jaxr_dialect::{shape, TensorType};

use crate::fold;
use crate::language::Node;

/// The e-graph type of this crate.
pub type JaxrEGraph = EGraph<Node, JaxrAnalysis>;

/// What the analysis knows of an e-class.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassData {
    /// The class's type; `None` only for ill-typed nodes, which are never
    /// extracted (see `rules::add_target`).
    pub ty: Option<TensorType>,
    /// The value of every element, when the class is a known splat.
    pub splat: Option<f64>,
}

/// The analysis, with the switches that decide what folds.
#[derive(Clone, Debug, Default)]
pub struct JaxrAnalysis {
    /// Constant folding (rule group `fold`).
    pub fold: bool,
    /// Fold transcendental functions too.
    pub fast_math: bool,
}

/// The type a node would have, given the e-graph's classes.
pub fn node_type(egraph: &JaxrEGraph, node: &Node) -> Option<TensorType> {
    match node {
        Node::Arg { ty, .. } | Node::Opaque { ty, .. } | Node::Splat { ty, .. } => Some(ty.clone()),
        Node::Op { prim, args } => {
            let tys: Option<Vec<TensorType>> = args.iter().map(|a| egraph[*a].data.ty.clone()).collect();
            shape::infer(prim, &tys?).ok()
        }
    }
}

impl Analysis<Node> for JaxrAnalysis {
    type Data = ClassData;

    fn make(egraph: &mut JaxrEGraph, enode: &Node, _id: Id) -> ClassData {
        let ty = node_type(egraph, enode);
        let splat = match (enode, &ty) {
            (Node::Splat { bits, .. }, _) => Some(f64::from_bits(*bits)),
            // Every empty tensor of a type is the same value: the empty
            // constant (its element, never read, is taken to be 0).
            (Node::Op { .. }, Some(out)) if egraph.analysis.fold && out.num_elements() == 0 => Some(0.0),
            // Operands that are empty tensors hold no value to fold.
            (Node::Op { prim, args }, Some(out))
                if egraph.analysis.fold
                    && args
                        .iter()
                        .all(|a| egraph[*a].data.ty.as_ref().is_some_and(|t| t.num_elements() > 0)) =>
            {
                let vals: Option<Vec<_>> = args
                    .iter()
                    .map(|a| {
                        let d = &egraph[*a].data;
                        Some((d.ty.as_ref()?.elem, d.splat?))
                    })
                    .collect();
                vals.and_then(|v| fold::eval(prim, &v, out, egraph.analysis.fast_math))
            }
            _ => None,
        };
        ClassData { ty, splat }
    }

    fn merge(&mut self, a: &mut ClassData, b: ClassData) -> DidMerge {
        let mut changed_a = false;
        let mut changed_b = false;
        match (&a.ty, b.ty) {
            (None, Some(t)) => {
                a.ty = Some(t);
                changed_a = true;
            }
            (Some(_), None) => changed_b = true,
            _ => {}
        }
        match (a.splat, b.splat) {
            (None, Some(v)) => {
                a.splat = Some(v);
                changed_a = true;
            }
            (Some(_), None) => changed_b = true,
            _ => {}
        }
        DidMerge(changed_a, changed_b)
    }

    fn modify(egraph: &mut JaxrEGraph, id: Id) {
        let data = &egraph[id].data;
        if let (Some(v), Some(ty)) = (data.splat, data.ty.clone()) {
            let node = Node::splat(ty, v);
            if !egraph[id].nodes.contains(&node) {
                let c = egraph.add(node);
                egraph.union(id, c);
            }
        }
    }
}
