//! Extraction: the cheapest program for the root classes by the cost model
//! ([`crate::cost::node_cost`] per op), as one [`RecExpr`] in which every
//! chosen class is emitted once, so a class used by several roots or
//! several ops is computed once.
//!
//! The cost minimised is the *DAG cost* of the program: each distinct class
//! it computes counted once, however many ops use it. Exact DAG extraction
//! is NP-hard (ILP); this one is greedy and near-linear:
//!
//! 1. **Greedy bottom-up** (Knuth's generalisation of Dijkstra's
//!    algorithm): classes are settled cheapest first from a heap; a node is
//!    costed once all its children are settled, as its own cost plus its
//!    children's. Two passes: each use of a child counted (the tree cost
//!    egg's `Extractor` minimises), and each *distinct* child class once
//!    (`f(s, s)` pays for `s` once); the one whose program has the lower DAG
//!    cost is the start (greedy choices are not monotone: neither pass is
//!    always better). Settling order makes the choice acyclic. egg 0.11's `Extractor`
//!    relaxes every class in hash order until nothing improves, which settles
//!    only a few links of a long chain per pass: quadratic on deep programs
//!    (20 s for 10k ops); this is O(E log E).
//!
//!    A value reused at every level of a chain (x = x + tanh(x * w): two
//!    uses of x) doubles these tree-like costs per level and passes f64's
//!    range after about a thousand levels. The greedy pass is then redone
//!    with each class's cost shared among the nodes that use it (divided by
//!    their number), which stays finite.
//! 2. **Reuse rounds** (local improvement toward DAG cost): given the
//!    current choice, the classes it uses are already paid for, so the
//!    greedy pass is redone with those children costing 0 (a node that
//!    reuses a computed value costs only what it adds). The new choice is
//!    kept only if its DAG cost is strictly lower; at most [`REUSE_ROUNDS`]
//!    rounds, stopping at the first that does not improve. Each round is one
//!    greedy pass, so extraction stays O(E log E).
//!
//! Every step is deterministic: classes are visited in id order, heap ties
//! go to the smaller class id, then the earlier node.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use egg::{Id, Language, RecExpr};

use crate::analysis::JaxrEGraph;
use crate::cost::node_cost;
use crate::language::Node;

/// The most reuse rounds after the greedy pass.
pub const REUSE_ROUNDS: usize = 4;

/// An extracted program.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The nodes, children before parents; children are indices into it.
    pub expr: RecExpr<Node>,
    /// The e-class (canonical) each node of `expr` came from.
    pub classes: Vec<Id>,
    /// For each root, the index in `expr` of its term.
    pub roots: Vec<Id>,
    /// The DAG cost: every distinct node counted once.
    pub cost: f64,
}

/// Extracts the cheapest program (by DAG cost, greedily) for `roots`;
/// `None` if some root has no finite-cost term.
pub fn extract(egraph: &JaxrEGraph, roots: &[Id]) -> Option<Extracted> {
    let graph = Graph::new(egraph);
    let roots: Vec<usize> = roots.iter().map(|r| usize::from(egraph.find(*r))).collect();
    // The start: the cheaper DAG of the two greedy passes (each use counted,
    // as egg's `Extractor` does, or each distinct child once); greedy choices
    // are not monotone, so neither is always better.
    let mut start: Option<(Choice, Vec<bool>, f64)> = None;
    for mode in [Mode::PerUse, Mode::Distinct] {
        let choice = graph.greedy(mode);
        if graph.all_chosen(&choice, &roots) {
            let (used, cost) = graph.dag(&choice, &roots);
            if start.as_ref().is_none_or(|s| cost < s.2) {
                start = Some((choice, used, cost));
            }
        }
    }
    if start.is_none() {
        let choice = graph.greedy(Mode::Shared);
        if graph.all_chosen(&choice, &roots) {
            let (used, cost) = graph.dag(&choice, &roots);
            start = Some((choice, used, cost));
        }
    }
    let (mut choice, mut used, mut cost) = start?;
    for _ in 0..REUSE_ROUNDS {
        let next = graph.greedy(Mode::Reuse(&used));
        if !graph.all_chosen(&next, &roots) {
            break;
        }
        let (next_used, next_cost) = graph.dag(&next, &roots);
        if next_cost >= cost {
            break;
        }
        (choice, used, cost) = (next, next_used, next_cost);
    }
    Some(graph.emit(&choice, &roots, cost))
}

/// Greedy extraction alone, each use of a child counted (the tree cost egg's
/// `Extractor` minimises); for tests comparing it with [`extract`].
#[cfg(test)]
fn extract_tree(egraph: &JaxrEGraph, roots: &[Id]) -> Option<Extracted> {
    let graph = Graph::new(egraph);
    let roots: Vec<usize> = roots.iter().map(|r| usize::from(egraph.find(*r))).collect();
    let choice = graph.greedy(Mode::PerUse);
    graph.all_chosen(&choice, &roots).then(|| {
        let (_, cost) = graph.dag(&choice, &roots);
        graph.emit(&choice, &roots, cost)
    })
}

/// A heap entry: cost, class, node index (ordered for a min-heap with
/// deterministic ties).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Entry(f64, usize, usize);

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1)).then(self.2.cmp(&other.2))
    }
}

/// How a node's children are costed in a greedy pass.
#[derive(Clone, Copy)]
enum Mode<'a> {
    /// Each distinct child's cost.
    Distinct,
    /// Each distinct child's cost divided by the number of nodes using it.
    Shared,
    /// Each distinct child's cost, 0 for classes already used.
    Reuse(&'a [bool]),
    /// Each use of a child counted (a tree's cost).
    PerUse,
}

/// One e-node, flattened.
struct Flat<'a> {
    class: usize,
    node: &'a Node,
    own: f64,
    /// Canonical children, distinct, in first-use order.
    children: Vec<usize>,
    /// Canonical children with repeats (for [`Mode::PerUse`]).
    uses: Vec<usize>,
}

/// The e-graph flattened for extraction: class slots are canonical ids.
struct Graph<'a> {
    egraph: &'a JaxrEGraph,
    nodes: Vec<Flat<'a>>,
    /// For every class slot, the nodes that use it (once per node).
    users: Vec<Vec<usize>>,
}

/// The current choice: per class slot, the cost and node it was settled with.
type Choice = Vec<Option<(f64, usize)>>;

impl<'a> Graph<'a> {
    fn new(egraph: &'a JaxrEGraph) -> Self {
        let mut classes: Vec<Id> = egraph.classes().map(|c| c.id).collect();
        classes.sort_unstable();
        let slots = classes.last().map_or(0, |c| usize::from(*c) + 1);
        let mut nodes = Vec::with_capacity(egraph.total_number_of_nodes());
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); slots];
        for id in classes {
            for node in &egraph[id].nodes {
                let mut children: Vec<usize> = Vec::with_capacity(node.children().len());
                for c in node.children() {
                    let c = usize::from(egraph.find(*c));
                    if !children.contains(&c) {
                        children.push(c);
                    }
                }
                for c in &children {
                    users[*c].push(nodes.len());
                }
                nodes.push(Flat {
                    class: usize::from(id),
                    node,
                    own: node_cost(egraph, node),
                    uses: node.children().iter().map(|c| usize::from(egraph.find(*c))).collect(),
                    children,
                });
            }
        }
        Graph { egraph, nodes, users }
    }

    /// One greedy bottom-up pass.
    fn greedy(&self, mode: Mode) -> Choice {
        let mut best: Choice = vec![None; self.users.len()];
        let mut pending: Vec<usize> = self.nodes.iter().map(|n| n.children.len()).collect();
        let mut heap = BinaryHeap::new();
        for (i, n) in self.nodes.iter().enumerate() {
            if n.children.is_empty() && n.own.is_finite() {
                heap.push(Reverse(Entry(n.own, n.class, i)));
            }
        }
        while let Some(Reverse(Entry(cost, class, i))) = heap.pop() {
            if best[class].is_some() {
                continue;
            }
            best[class] = Some((cost, i));
            for &j in &self.users[class] {
                pending[j] -= 1;
                let user = &self.nodes[j];
                if pending[j] > 0 || best[user.class].is_some() || !user.own.is_finite() {
                    continue;
                }
                let child = |c: &usize| best[*c].map_or(f64::INFINITY, |b| b.0);
                let children: f64 = match mode {
                    Mode::Distinct => user.children.iter().map(child).sum(),
                    Mode::Shared => {
                        user.children.iter().map(|c| child(c) / self.users[*c].len().max(1) as f64).sum()
                    }
                    Mode::Reuse(used) => {
                        user.children.iter().map(|c| if used[*c] { 0.0 } else { child(c) }).sum()
                    }
                    Mode::PerUse => user.uses.iter().map(child).sum(),
                };
                let c = user.own + children;
                if c.is_finite() {
                    heap.push(Reverse(Entry(c, user.class, j)));
                }
            }
        }
        best
    }

    fn all_chosen(&self, choice: &Choice, roots: &[usize]) -> bool {
        roots.iter().all(|r| choice[*r].is_some())
    }

    /// The classes the choice uses from `roots`, and its DAG cost.
    fn dag(&self, choice: &Choice, roots: &[usize]) -> (Vec<bool>, f64) {
        let mut used = vec![false; choice.len()];
        let mut cost = 0.0;
        let mut stack: Vec<usize> = roots.to_vec();
        while let Some(class) = stack.pop() {
            if used[class] {
                continue;
            }
            used[class] = true;
            let Some((_, i)) = choice[class] else { continue };
            cost += self.nodes[i].own;
            stack.extend(self.nodes[i].children.iter().filter(|c| !used[**c]));
        }
        (used, cost)
    }

    /// The chosen terms of `roots` as one [`RecExpr`].
    fn emit(&self, choice: &Choice, roots: &[usize], cost: f64) -> Extracted {
        let mut expr = RecExpr::default();
        let mut classes = Vec::new();
        let mut memo: Vec<Option<Id>> = vec![None; choice.len()];
        let mut out_roots = Vec::with_capacity(roots.len());
        for &root in roots {
            // Iterative post-order walk (deep chains must not overflow the stack).
            let mut stack: Vec<(usize, bool)> = vec![(root, false)];
            while let Some((class, expanded)) = stack.pop() {
                if memo[class].is_some() {
                    continue;
                }
                let Some((_, i)) = choice[class] else { continue };
                let flat = &self.nodes[i];
                if expanded {
                    let egraph = self.egraph;
                    let mapped = flat.node.clone().map_children(|c| {
                        memo[usize::from(egraph.find(c))].expect("children are emitted first")
                    });
                    let id = expr.add(mapped);
                    classes.push(Id::from(class));
                    memo[class] = Some(id);
                } else {
                    stack.push((class, true));
                    for c in flat.children.iter().rev() {
                        if memo[*c].is_none() {
                            stack.push((*c, false));
                        }
                    }
                }
            }
            out_roots.push(memo[root].expect("every root is chosen"));
        }
        Extracted { expr, classes, roots: out_roots, cost }
    }
}

#[cfg(test)]
mod tests {
    use jaxr_dialect::{BinaryOp, ElemType, Primitive, TensorType, UnaryOp};

    use super::*;
    use crate::analysis::JaxrAnalysis;

    fn ty() -> TensorType {
        TensorType::new(vec![100], ElemType::F32)
    }

    fn unary(eg: &mut JaxrEGraph, u: UnaryOp, x: Id) -> Id {
        eg.add(Node::Op { prim: Primitive::Unary(u), args: vec![x] })
    }

    fn binary(eg: &mut JaxrEGraph, b: BinaryOp, x: Id, y: Id) -> Id {
        eg.add(Node::Op { prim: Primitive::Binary(b), args: vec![x, y] })
    }

    fn ops(ex: &Extracted) -> Vec<String> {
        ex.expr.as_ref().iter().filter(|n| matches!(n, Node::Op { .. })).map(|n| n.to_string()).collect()
    }

    /// r = add(s, s) with s = exp(x) (costs 100 + 801 once as a DAG, but
    /// 100 + 2 * 801 counted per use) or tanh(exp(y)) (1602, no sharing).
    #[test]
    fn a_child_used_twice_is_paid_once() {
        let mut eg = JaxrEGraph::new(JaxrAnalysis::default());
        let x = eg.add(Node::Arg { index: 0, ty: ty() });
        let y = eg.add(Node::Arg { index: 1, ty: ty() });
        let s = unary(&mut eg, UnaryOp::Exp, x);
        let shared = binary(&mut eg, BinaryOp::Add, s, s);
        let e = unary(&mut eg, UnaryOp::Exp, y);
        let alone = unary(&mut eg, UnaryOp::Tanh, e);
        eg.union(shared, alone);
        eg.rebuild();
        let tree = extract_tree(&eg, &[shared]).expect("extracts");
        let dag = extract(&eg, &[shared]).expect("extracts");
        assert_eq!(ops(&tree), ["exp", "tanh"]);
        assert_eq!(tree.cost, 1602.0);
        assert_eq!(ops(&dag), ["exp", "add"]);
        assert_eq!(dag.cost, 902.0);
    }

    /// Two roots: s = exp(x), and r = neg(s) (902 as a tree, 101 given s)
    /// or tanh(y) (801): tree cost picks tanh(y) (1602 in all), DAG cost
    /// reuses s (902).
    #[test]
    fn a_value_another_root_computes_is_reused() {
        let mut eg = JaxrEGraph::new(JaxrAnalysis::default());
        let x = eg.add(Node::Arg { index: 0, ty: ty() });
        let y = eg.add(Node::Arg { index: 1, ty: ty() });
        let s = unary(&mut eg, UnaryOp::Exp, x);
        let reuse = unary(&mut eg, UnaryOp::Neg, s);
        let fresh = unary(&mut eg, UnaryOp::Tanh, y);
        eg.union(reuse, fresh);
        eg.rebuild();
        let tree = extract_tree(&eg, &[s, reuse]).expect("extracts");
        let dag = extract(&eg, &[s, reuse]).expect("extracts");
        assert_eq!(ops(&tree), ["exp", "tanh"]);
        assert_eq!(tree.cost, 1602.0);
        assert_eq!(ops(&dag), ["exp", "neg"]);
        assert_eq!(dag.cost, 902.0);
        assert_eq!(dag.roots.len(), 2);
    }

    /// x_{i+1} = x_i + tanh(x_i * w), 2000 levels: counted per use the cost
    /// overflows; extraction still succeeds, with every level once.
    #[test]
    fn deep_reuse_does_not_overflow() {
        const LEVELS: usize = 2000;
        let mut eg = JaxrEGraph::new(JaxrAnalysis::default());
        let mut x = eg.add(Node::Arg { index: 0, ty: ty() });
        let w = eg.add(Node::Arg { index: 1, ty: ty() });
        for _ in 0..LEVELS {
            let m = binary(&mut eg, BinaryOp::Mul, x, w);
            let t = unary(&mut eg, UnaryOp::Tanh, m);
            x = binary(&mut eg, BinaryOp::Add, x, t);
        }
        eg.rebuild();
        let ex = extract(&eg, &[x]).expect("extracts");
        assert_eq!(ops(&ex).len(), 3 * LEVELS);
        assert_eq!(ex.cost, LEVELS as f64 * (101.0 + 801.0 + 101.0));
        let again = extract(&eg, &[x]).expect("extracts");
        assert_eq!(ex.expr.as_ref(), again.expr.as_ref());
    }
}
