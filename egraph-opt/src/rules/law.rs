//! Laws written as egg patterns: `lhs => rhs if guard`.
//!
//! A [`Law`] is searched by egg's own e-matching ([`egg::Pattern`]), so it
//! finds every match in every class, through every node of every operand
//! class. Two things patterns over jaxr need that plain egg rewrites lack:
//!
//! - **Typed literals.** A number in a pattern (`(mul ?x 1)`) is a splat
//!   constant whose type is not written. On the left it matches any class
//!   whose constant value is that number, bit for bit (so `0` and `-0` differ,
//!   and the class may be a folded value rather than a literal node). On the
//!   right it takes the type of its sibling operands (every jaxr binary op has
//!   operands of one type), or the rewritten class's type when it has none;
//!   a number the element type cannot hold exactly makes the law not apply.
//! - **Guards.** A law applies only where its `guard` holds, a predicate over
//!   the match: the types and constant values of the pattern variables.
//!
//! Every node the right side builds is type-checked with the dialect's shape
//! rules before it enters the e-graph, and the result is unioned with the
//! matched class only when the types agree.

use egg::{Applier, ENodeOrVar, Id, Pattern, PatternAst, RecExpr, Rewrite, Subst, Symbol, Var};
use jaxr_dialect::{shape, ElemType, TensorType};

use crate::analysis::{JaxrAnalysis, JaxrEGraph};
use crate::fold::round_to;
use crate::language::Node;

/// One law: `lhs` equals `rhs` wherever `guard` holds.
#[derive(Clone, Copy)]
pub struct Law {
    /// Unique name (`neutral/mul-one`).
    pub name: &'static str,
    /// Holds only with fast-math (not exact in IEEE 754).
    pub fast_math: bool,
    /// The pattern searched (see [`crate::language`] for the syntax).
    pub lhs: &'static str,
    /// The pattern it equals.
    pub rhs: &'static str,
    /// Where the law holds; [`always`] when everywhere.
    pub guard: fn(&Match) -> bool,
}

/// A guard that always holds.
pub fn always(_: &Match) -> bool {
    true
}

/// One match of a law's left side, as its guard sees it.
pub struct Match<'a> {
    egraph: &'a JaxrEGraph,
    class: Id,
    subst: &'a Subst,
}

impl Match<'_> {
    /// The class bound to `var` (`"?x"`); panics on a variable the law's
    /// left side does not bind (a bug in the table, caught by its tests).
    pub fn class(&self, var: &str) -> Id {
        let v: Var = var.parse().unwrap_or_else(|e| panic!("bad variable '{var}': {e}"));
        self.subst[v]
    }

    /// The type of `var`'s class.
    pub fn ty(&self, var: &str) -> Option<&TensorType> {
        self.egraph[self.class(var)].data.ty.as_ref()
    }

    /// The element type of `var`'s class.
    pub fn elem(&self, var: &str) -> Option<ElemType> {
        self.ty(var).map(|t| t.elem)
    }

    /// The constant value of `var`'s class, when it is a known splat.
    pub fn splat(&self, var: &str) -> Option<f64> {
        self.egraph[self.class(var)].data.splat
    }

    /// The type of the matched class.
    pub fn out_ty(&self) -> Option<&TensorType> {
        self.egraph[self.class].data.ty.as_ref()
    }

    /// Whether `var` holds floats or complex numbers (IEEE parts).
    pub fn inexact(&self, var: &str) -> bool {
        self.elem(var).is_some_and(|e| e.is_inexact())
    }

    /// Whether `var` holds real (not complex) values.
    pub fn real(&self, var: &str) -> bool {
        self.elem(var).is_some_and(|e| !e.is_complex())
    }

    /// Whether `var` holds integers (signed or unsigned, not `i1`).
    pub fn int(&self, var: &str) -> bool {
        self.elem(var).is_some_and(|e| e.is_int())
    }
}

impl Law {
    /// The egg rewrite; an error names a pattern that does not parse.
    pub fn rewrite(&self) -> Result<Rewrite<Node, JaxrAnalysis>, String> {
        let parse = |p: &str| -> Result<RecExpr<ENodeOrVar<Node>>, String> {
            p.parse().map_err(|e| format!("law {}: bad pattern '{p}': {e}", self.name))
        };
        let (lhs, literals) = literals_to_vars(&parse(self.lhs)?);
        let applier = LawApplier { rhs: parse(self.rhs)?, literals, guard: self.guard };
        Rewrite::new(self.name, Pattern::new(lhs), applier).map_err(|e| format!("law {}: {e}", self.name))
    }
}

/// Replaces every number of a left side by a fresh variable (`?lit0`, ...)
/// and returns the values those variables must hold.
fn literals_to_vars(ast: &RecExpr<ENodeOrVar<Node>>) -> (RecExpr<ENodeOrVar<Node>>, Vec<(Var, u64)>) {
    let mut literals = Vec::new();
    let mut out = RecExpr::default();
    for node in ast.as_ref() {
        let node = match node {
            ENodeOrVar::ENode(Node::Splat { bits, .. }) => {
                let v: Var = format!("?lit{}", literals.len()).parse().expect("a variable name");
                literals.push((v, *bits));
                ENodeOrVar::Var(v)
            }
            other => other.clone(),
        };
        out.add(node);
    }
    (out, literals)
}

/// The right side of a [`Law`], with its literal conditions and guard.
struct LawApplier {
    rhs: RecExpr<ENodeOrVar<Node>>,
    literals: Vec<(Var, u64)>,
    guard: fn(&Match) -> bool,
}

/// A value of the right side while it is built: a class, or a number
/// waiting for its type.
#[derive(Clone, Copy)]
enum Slot {
    Class(Id),
    Number(f64),
}

/// Whether `x` is a value of `elem` exactly. Small floats and complex
/// numbers are not folded, so only numbers every float format holds are
/// allowed for them.
fn exact_in(elem: ElemType, x: f64) -> bool {
    if elem.is_small_float() || elem.is_complex() {
        return [0.0, 1.0, 2.0, 0.5].contains(&x.abs());
    }
    round_to(elem, x).is_some_and(|r| r.to_bits() == x.to_bits())
}

fn splat_of(egraph: &mut JaxrEGraph, ty: &TensorType, x: f64) -> Option<Id> {
    exact_in(ty.elem, x).then(|| egraph.add(Node::splat(ty.clone(), x)))
}

impl LawApplier {
    /// Builds the right side for one match; `None` when a literal cannot be
    /// typed or a node would be ill-typed.
    fn build(&self, egraph: &mut JaxrEGraph, out_ty: &TensorType, subst: &Subst) -> Option<Id> {
        let mut slots: Vec<Slot> = Vec::with_capacity(self.rhs.as_ref().len());
        for node in self.rhs.as_ref() {
            let slot = match node {
                ENodeOrVar::Var(v) => Slot::Class(egraph.find(*subst.get(*v)?)),
                ENodeOrVar::ENode(Node::Splat { bits, .. }) => Slot::Number(f64::from_bits(*bits)),
                ENodeOrVar::ENode(Node::Op { prim, args }) => {
                    let operands: Vec<Slot> = args.iter().map(|a| slots[usize::from(*a)]).collect();
                    // A number takes the type of a sibling that is a class.
                    let sibling = operands.iter().find_map(|s| match s {
                        Slot::Class(id) => egraph[*id].data.ty.clone(),
                        Slot::Number(_) => None,
                    });
                    let number_ty = sibling.unwrap_or_else(|| out_ty.clone());
                    let mut ids = Vec::with_capacity(operands.len());
                    let mut tys = Vec::with_capacity(operands.len());
                    for s in operands {
                        let id = match s {
                            Slot::Class(id) => id,
                            Slot::Number(x) => splat_of(egraph, &number_ty, x)?,
                        };
                        tys.push(egraph[id].data.ty.clone()?);
                        ids.push(id);
                    }
                    shape::infer(prim, &tys).ok()?;
                    Slot::Class(egraph.add(Node::Op { prim: prim.clone(), args: ids }))
                }
                ENodeOrVar::ENode(_) => return None,
            };
            slots.push(slot);
        }
        match *slots.last()? {
            Slot::Class(id) => Some(id),
            Slot::Number(x) => splat_of(egraph, out_ty, x),
        }
    }
}

impl Applier<Node, JaxrAnalysis> for LawApplier {
    fn apply_one(
        &self,
        egraph: &mut JaxrEGraph,
        eclass: Id,
        subst: &Subst,
        _ast: Option<&PatternAst<Node>>,
        _rule: Symbol,
    ) -> Vec<Id> {
        let literal_ok = |(v, bits): &(Var, u64)| {
            subst.get(*v).and_then(|id| egraph[*id].data.splat).is_some_and(|x| x.to_bits() == *bits)
        };
        if !self.literals.iter().all(literal_ok) {
            return Vec::new();
        }
        if !(self.guard)(&Match { egraph, class: eclass, subst }) {
            return Vec::new();
        }
        let Some(out_ty) = egraph[eclass].data.ty.clone() else { return Vec::new() };
        let Some(id) = self.build(egraph, &out_ty, subst) else { return Vec::new() };
        if egraph[id].data.ty.as_ref() == Some(&out_ty) && egraph.union(eclass, id) {
            vec![eclass]
        } else {
            Vec::new()
        }
    }

    fn vars(&self) -> Vec<Var> {
        let mut vars: Vec<Var> = self
            .rhs
            .as_ref()
            .iter()
            .filter_map(|n| match n {
                ENodeOrVar::Var(v) => Some(*v),
                ENodeOrVar::ENode(_) => None,
            })
            .collect();
        vars.sort();
        vars.dedup();
        vars
    }
}

#[cfg(test)]
mod tests {
    use jaxr_dialect::{Primitive, UnaryOp};

    use super::*;
    use crate::rules::{laws, named_rewrites, RuleConfig, GROUPS};
    use crate::saturate::analysis_for;

    fn all() -> RuleConfig {
        RuleConfig { groups: GROUPS.iter().map(|g| g.to_string()).collect(), fast_math: true }
    }

    #[test]
    fn every_law_parses_and_names_are_unique() {
        let mut names: Vec<&str> = named_rewrites(&all()).iter().map(|(info, _)| info.name).collect();
        let total = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), total, "two rules share a name");
        for group in GROUPS {
            for law in laws(group) {
                assert!(law.name.starts_with(&format!("{group}/")), "{} is not in group {group}", law.name);
                law.rewrite().unwrap();
            }
        }
    }

    fn run(eg: JaxrEGraph, group: &str) -> JaxrEGraph {
        let config = RuleConfig { groups: vec![group.to_string()], fast_math: false };
        let rules = crate::rules::rewrites(&config);
        egg::Runner::default().with_egraph(eg).with_iter_limit(3).run(&rules).egraph
    }

    /// A law matches through any node of an operand class, not only the first.
    #[test]
    fn laws_match_every_node_of_a_class() {
        let ty = TensorType::new(vec![3], ElemType::F32);
        let mut eg = JaxrEGraph::new(analysis_for(&RuleConfig::exact()));
        let a = eg.add(Node::Arg { index: 0, ty: ty.clone() });
        let b = eg.add(Node::Arg { index: 1, ty });
        let un = |eg: &mut JaxrEGraph, u, x| eg.add(Node::Op { prim: Primitive::Unary(u), args: vec![x] });
        // c = {sign(b), neg(a)}: the neg node is not the class's first.
        let sign = un(&mut eg, UnaryOp::Sign, b);
        let neg = un(&mut eg, UnaryOp::Neg, a);
        eg.union(sign, neg);
        eg.rebuild();
        let abs_c = un(&mut eg, UnaryOp::Abs, sign);
        let eg = run(eg, "signs");
        let abs_a = eg.lookup(Node::Op { prim: Primitive::Unary(UnaryOp::Abs), args: vec![a] });
        assert_eq!(abs_a.map(|id| eg.find(id)), Some(eg.find(abs_c)));
    }

    /// Numbers on the left match constants bit for bit, whatever their
    /// type; on the right they take the type of their siblings.
    #[test]
    fn literals_match_by_value_and_take_their_siblings_type() {
        for (elem, zero, rewrites) in [
            (ElemType::F32, -0.0, true),
            (ElemType::F32, 0.0, false),
            (ElemType::F64, -0.0, true),
            (ElemType::I32, 0.0, true),
        ] {
            let ty = TensorType::new(vec![2], elem);
            let mut eg = JaxrEGraph::new(analysis_for(&RuleConfig::exact()));
            let x = eg.add(Node::Arg { index: 0, ty: ty.clone() });
            let z = eg.add(Node::splat(ty, zero));
            let sum =
                eg.add(Node::Op { prim: Primitive::Binary(jaxr_dialect::BinaryOp::Add), args: vec![x, z] });
            let eg = run(eg, "neutral");
            assert_eq!(eg.find(sum) == eg.find(x), rewrites, "{elem:?} x + {zero}");
        }
        // 1 - 1 = 0 of the operands' type (i1 for a comparison).
        let ty = TensorType::new(vec![2], ElemType::I32);
        let mut eg = JaxrEGraph::new(analysis_for(&RuleConfig::exact()));
        let x = eg.add(Node::Arg { index: 0, ty: ty.clone() });
        let lt = eg.add(Node::Op {
            prim: Primitive::Compare(jaxr_dialect::ComparisonDirection::Lt),
            args: vec![x, x],
        });
        let eg = run(eg, "select");
        assert_eq!(eg[lt].data.splat, Some(0.0));
        assert_eq!(eg[lt].data.ty.as_ref().map(|t| t.elem), Some(ElemType::I1));
    }

    #[test]
    fn numbers_an_element_type_cannot_hold_are_refused() {
        assert!(exact_in(ElemType::F32, 0.5));
        assert!(!exact_in(ElemType::I32, 0.5));
        assert!(exact_in(ElemType::I32, -1.0));
        assert!(!exact_in(ElemType::UI8, -1.0));
        assert!(!exact_in(ElemType::F8E5M2, 3.0), "small floats take only 0, 1, 2 and 1/2");
        assert!(exact_in(ElemType::F16, 3.0));
    }
}
