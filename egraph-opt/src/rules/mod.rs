//! Rewrite rules as data, grouped by theme, each group switchable by a pass
//! option. A group has two tables:
//!
//! - [`Law`]s: egg patterns (`(mul ?x 1) => ?x`) with a guard over types and
//!   constants, searched by egg's e-matching, so every match is found.
//! - [`Rule`]s: for laws whose right side computes attributes (a composed
//!   permutation, new dimension numbers) or a constant: a function from an
//!   e-node to the term it equals. It looks into operand classes with
//!   [`ops`], which yields every node, and returns every match it finds
//!   ([`each`], [`Target::Alternatives`]).
//!
//! Every law's exactness argument is the comment above it.

use egg::{Applier, Id, PatternAst, Rewrite, SearchMatches, Searcher, Subst, Symbol, Var};
use jaxr_dialect::{shape, Primitive, TensorType};

use crate::analysis::{JaxrAnalysis, JaxrEGraph};
use crate::language::Node;
pub use law::{always, Law, Match};

pub mod algebra;
pub mod bits;
pub mod convert;
pub mod dots;
pub mod element_trace;
pub mod exp_log;
pub mod law;
pub mod neutral;
pub mod pads;
pub mod reduce;
pub mod select;
pub mod shape_ops;
pub mod signs;
pub mod slices;

/// The rule groups, in a fixed order. `fold` is the analysis's constant
/// folding rather than a table.
pub const GROUPS: &[&str] = &[
    "neutral", "fold", "signs", "bits", "exp-log", "select", "shape", "reduce", "convert", "algebra", "dot",
];

/// The term a rule says a node equals.
#[derive(Clone, Debug)]
pub enum Target {
    /// An existing e-class.
    Class(Id),
    /// A splat constant (value already rounded to the element type).
    Splat(TensorType, f64),
    /// A primitive applied to terms.
    Op(Primitive, Vec<Target>),
    /// Several terms, each equal to the node (one per match found).
    Alternatives(Vec<Target>),
}

/// At most this many alternatives from one node ([`each`]): a rule that
/// pairs the nodes of two operand classes is quadratic in their sizes, and
/// classes grow large under fast-math; the node limit is checked only
/// between matches, so one match must stay small.
pub const MAX_ALTERNATIVES: usize = 16;

/// Every `Some` of `f` over `items` (the first [`MAX_ALTERNATIVES`]), as one
/// target: `None` when there is none, the target itself when there is one.
pub fn each<I>(items: impl IntoIterator<Item = I>, f: impl FnMut(I) -> Option<Target>) -> Option<Target> {
    let mut found: Vec<Target> = items.into_iter().filter_map(f).take(MAX_ALTERNATIVES).collect();
    match found.len() {
        0 => None,
        1 => found.pop(),
        _ => Some(Target::Alternatives(found)),
    }
}

/// One rewrite rule.
#[derive(Clone, Copy)]
pub struct Rule {
    /// Unique name (`neutral/mul-one`).
    pub name: &'static str,
    /// Applies only with fast-math (the law is not exact in IEEE 754).
    pub fast_math: bool,
    /// The rewrite: an e-node (in the class being searched) to the term it equals.
    pub apply: fn(&JaxrEGraph, &Node) -> Option<Target>,
}

/// Which rules to run.
#[derive(Clone, Debug)]
pub struct RuleConfig {
    /// Enabled group names.
    pub groups: Vec<String>,
    /// Allow laws that are not exact in IEEE 754.
    pub fast_math: bool,
}

impl RuleConfig {
    /// Every group, exact laws only.
    pub fn exact() -> Self {
        RuleConfig { groups: GROUPS.iter().map(|g| g.to_string()).collect(), fast_math: false }
    }

    /// Whether `group` is on.
    pub fn enabled(&self, group: &str) -> bool {
        self.groups.iter().any(|g| g == group)
    }
}

/// The law table of one group.
pub fn laws(group: &str) -> &'static [Law] {
    match group {
        "neutral" => neutral::LAWS,
        "signs" => signs::LAWS,
        "bits" => bits::LAWS,
        "exp-log" => exp_log::LAWS,
        "select" => select::LAWS,
        "algebra" => algebra::LAWS,
        _ => &[],
    }
}

/// The rule table of one group.
pub fn table(group: &str) -> &'static [Rule] {
    match group {
        "neutral" => neutral::RULES,
        "signs" => signs::RULES,
        "bits" => bits::RULES,
        "reduce" => reduce::RULES,
        "exp-log" => exp_log::RULES,
        "select" => select::RULES,
        "shape" => shape_ops::RULES,
        "convert" => convert::RULES,
        "algebra" => algebra::RULES,
        "dot" => dots::RULES,
        _ => &[],
    }
}

/// What a rule is, apart from its rewrite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// Unique name (`neutral/mul-one`).
    pub name: &'static str,
    /// Its group (one of [`GROUPS`]).
    pub group: &'static str,
    /// Whether the law holds only with fast-math.
    pub fast_math: bool,
}

/// Every rule of `config`'s groups (fast-math ones only with fast-math), in
/// table order, each with its egg rewrite.
pub fn named_rewrites(config: &RuleConfig) -> Vec<(RuleInfo, Rewrite<Node, JaxrAnalysis>)> {
    let mut out = Vec::new();
    for group in GROUPS {
        if !config.enabled(group) {
            continue;
        }
        for law in laws(group) {
            if law.fast_math && !config.fast_math {
                continue;
            }
            match law.rewrite() {
                Ok(rw) => out.push((RuleInfo { name: law.name, group, fast_math: law.fast_math }, rw)),
                // The tables' tests parse every law, so this is a bug caught there.
                Err(e) => panic!("{e}"),
            }
        }
        for rule in table(group) {
            if rule.fast_math && !config.fast_math {
                continue;
            }
            let f = FnRule(rule.apply);
            if let Ok(rw) = Rewrite::new(rule.name, f, f) {
                out.push((RuleInfo { name: rule.name, group, fast_math: rule.fast_math }, rw));
            }
        }
    }
    out
}

/// The egg rewrites for `config`, in table order.
pub fn rewrites(config: &RuleConfig) -> Vec<Rewrite<Node, JaxrAnalysis>> {
    named_rewrites(config).into_iter().map(|(_, rw)| rw).collect()
}

/// A [`Rule`]'s function as an egg searcher and applier: the searcher
/// reports a class when one of its nodes matches, the applier adds every
/// node's target and unions it with the class.
#[derive(Clone, Copy)]
struct FnRule(fn(&JaxrEGraph, &Node) -> Option<Target>);

impl Searcher<Node, JaxrAnalysis> for FnRule {
    fn search_eclass_with_limit(
        &self,
        egraph: &JaxrEGraph,
        eclass: Id,
        limit: usize,
    ) -> Option<SearchMatches<'_, Node>> {
        if limit == 0 {
            return None;
        }
        let class = &egraph[eclass];
        class.nodes.iter().any(|n| (self.0)(egraph, n).is_some()).then(|| SearchMatches {
            eclass,
            substs: vec![Subst::default()],
            ast: None,
        })
    }

    fn vars(&self) -> Vec<Var> {
        Vec::new()
    }
}

impl Applier<Node, JaxrAnalysis> for FnRule {
    fn apply_one(
        &self,
        egraph: &mut JaxrEGraph,
        eclass: Id,
        _subst: &Subst,
        _ast: Option<&PatternAst<Node>>,
        _rule: Symbol,
    ) -> Vec<Id> {
        let nodes = egraph[eclass].nodes.clone();
        let mut targets: Vec<Target> = Vec::new();
        for t in nodes.iter().filter_map(|n| (self.0)(egraph, n)) {
            match t {
                Target::Alternatives(ts) => targets.extend(ts),
                t => targets.push(t),
            }
        }
        let mut changed = Vec::new();
        for t in targets {
            if let Some(id) = add_target(egraph, &t) {
                let want = egraph[eclass].data.ty.clone();
                if want.is_some() && egraph[id].data.ty == want && egraph.union(eclass, id) {
                    changed.push(eclass);
                }
            }
        }
        changed
    }
}

/// Adds `t` to the e-graph; `None` when a node would be ill-typed.
pub fn add_target(egraph: &mut JaxrEGraph, t: &Target) -> Option<Id> {
    match t {
        Target::Class(id) => Some(egraph.find(*id)),
        Target::Splat(ty, v) => Some(egraph.add(Node::splat(ty.clone(), *v))),
        Target::Op(prim, args) => {
            let mut ids = Vec::with_capacity(args.len());
            let mut tys = Vec::with_capacity(args.len());
            for a in args {
                let id = add_target(egraph, a)?;
                tys.push(egraph[id].data.ty.clone()?);
                ids.push(id);
            }
            shape::infer(prim, &tys).ok()?;
            Some(egraph.add(Node::Op { prim: prim.clone(), args: ids }))
        }
        // Only a rule's whole answer may list alternatives.
        Target::Alternatives(_) => None,
    }
}

// ---- helpers shared by the rule tables ----

/// The type of a class.
pub fn ty(eg: &JaxrEGraph, id: Id) -> Option<&TensorType> {
    eg[id].data.ty.as_ref()
}

/// Elementwise as the op's ODS record says (every operand and result of one
/// shape), so a broadcast, a reshape or a select commutes with it.
pub fn elementwise(prim: &Primitive) -> bool {
    // The op table's fact, looked up by mnemonic in a map built once: the
    // shape rules ask this of every node they search, and formatting the
    // full name for a binary search each time was a visible share of
    // jaxr-optimize on large modules.
    static ELEMENTWISE: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    ELEMENTWISE
        .get_or_init(|| {
            jaxr_dialect::op_table::ops_of("jaxr")
                .filter(|r| r.elementwise)
                .filter_map(|r| r.name.strip_prefix("jaxr."))
                .collect()
        })
        .contains(prim.mnemonic())
}

/// The shape of a class.
pub fn shape_of(eg: &JaxrEGraph, id: Id) -> Option<&[i64]> {
    ty(eg, id).map(|t| t.shape.as_slice())
}

/// The splat value of a class.
pub fn splat(eg: &JaxrEGraph, id: Id) -> Option<f64> {
    eg[id].data.splat
}

/// Whether a class is a splat of exactly `x` (bitwise: -0.0 is not 0.0).
pub fn is_splat(eg: &JaxrEGraph, id: Id, x: f64) -> bool {
    splat(eg, id).is_some_and(|v| v.to_bits() == x.to_bits())
}

/// Every op node of a class whose primitive passes `pred`, with its args.
pub fn ops<'a>(
    eg: &'a JaxrEGraph,
    id: Id,
    pred: impl Fn(&Primitive) -> bool + 'a,
) -> impl Iterator<Item = (&'a Primitive, &'a [Id])> + 'a {
    eg[id].nodes.iter().filter_map(move |n| match n {
        Node::Op { prim, args } if pred(prim) => Some((prim, args.as_slice())),
        _ => None,
    })
}

/// The operand classes of `node` when it is `prim`.
pub fn args_of<'a>(node: &'a Node, prim: &Primitive) -> Option<&'a [Id]> {
    match node {
        Node::Op { prim: p, args } if p == prim => Some(args),
        _ => None,
    }
}

/// Whether two class ids name the same class.
pub fn same(eg: &JaxrEGraph, a: Id, b: Id) -> bool {
    eg.find(a) == eg.find(b)
}

#[cfg(test)]
mod tests;
