//! Extraction: the cheapest term of every root class by the cost model
//! ([`crate::cost::ShapeCost`], an egg [`CostFunction`]), greedy bottom-up,
//! gathered into one [`RecExpr`] so that a class used by several roots is
//! emitted once.
//!
//! The choice is the one egg's `Extractor` makes (the node of least tree
//! cost per class), computed as Knuth's generalisation of Dijkstra's
//! algorithm: classes are settled cheapest first from a heap, and a node
//! is costed once all its children are settled. egg 0.11's `Extractor`
//! relaxes every class in hash order until nothing improves, which settles
//! only a few links of a long chain per pass: quadratic on deep programs
//! (20 s for 10k ops). Ties go to the smaller class id, then the earlier
//! node, so the choice is deterministic. Greedy choice counts a shared subterm once per use when it
//! compares alternatives; the program it yields is then costed as a DAG
//! (each distinct node once), which is what the pass compares with the
//! original program.
//!
//! Counted once per use, the tree cost of a value reused at every level of
//! a chain doubles per level (x = x + tanh(x * w): two uses of x) and
//! passes f64's range after about a thousand levels. Extraction then
//! retries with each class's cost shared among the nodes that use it
//! (divided by their number), which stays finite; the pass still keeps the
//! result only when its DAG cost is lower.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

use egg::{CostFunction, Id, Language, RecExpr};

use crate::analysis::JaxrEGraph;
use crate::cost::{node_cost, ShapeCost};
use crate::language::Node;

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

/// Extracts the best terms of `roots`; `None` if some root has no finite-cost term.
pub fn extract(egraph: &JaxrEGraph, roots: &[Id]) -> Option<Extracted> {
    let tree = GreedyExtractor::new(egraph, false);
    let finite = |e: &GreedyExtractor| roots.iter().all(|r| e.find_best_cost(*r).is_finite());
    let extractor = if finite(&tree) { tree } else { GreedyExtractor::new(egraph, true) };
    let mut expr = RecExpr::default();
    let mut classes = Vec::new();
    let mut memo: HashMap<Id, Id> = HashMap::new();
    let mut cost = 0.0;
    let mut out_roots = Vec::with_capacity(roots.len());
    for root in roots {
        let root = egraph.find(*root);
        if !extractor.find_best_cost(root).is_finite() {
            return None;
        }
        // Iterative post-order walk (deep chains must not overflow the stack).
        let mut stack: Vec<(Id, bool)> = vec![(root, false)];
        while let Some((class, expanded)) = stack.pop() {
            if memo.contains_key(&class) {
                continue;
            }
            let node = extractor.find_best_node(class);
            if expanded {
                let mapped = node.clone().map_children(|c| memo[&egraph.find(c)]);
                cost += node_cost(egraph, node);
                let id = expr.add(mapped);
                classes.push(class);
                memo.insert(class, id);
            } else {
                stack.push((class, true));
                for c in node.children().iter().rev() {
                    let c = egraph.find(*c);
                    if !memo.contains_key(&c) {
                        stack.push((c, false));
                    }
                }
            }
        }
        out_roots.push(memo[&root]);
    }
    Some(Extracted { expr, classes, roots: out_roots, cost })
}

/// A heap entry: cost, class, node index (ordered for a min-heap with
/// deterministic ties).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Entry(f64, Id, usize);

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

/// Best node and tree cost per class.
struct GreedyExtractor<'a> {
    egraph: &'a JaxrEGraph,
    best: HashMap<Id, (f64, &'a Node)>,
}

impl<'a> GreedyExtractor<'a> {
    /// With `shared`, a class's cost is divided among the nodes that use it.
    fn new(egraph: &'a JaxrEGraph, shared: bool) -> Self {
        let mut classes: Vec<Id> = egraph.classes().map(|c| c.id).collect();
        classes.sort_unstable();
        let mut cost_fn = ShapeCost { egraph };
        // For every class, the (class, node) pairs that use it, once per use.
        let mut users: HashMap<Id, Vec<(Id, usize)>> = HashMap::new();
        let mut pending: HashMap<(Id, usize), usize> = HashMap::new();
        let mut heap = BinaryHeap::new();
        let mut best: HashMap<Id, (f64, &'a Node)> = HashMap::new();
        for id in &classes {
            for (i, node) in egraph[*id].nodes.iter().enumerate() {
                let children = node.children();
                if children.is_empty() {
                    let c = cost_fn.cost(node, |_| 0.0);
                    if c.is_finite() {
                        heap.push(Reverse(Entry(c, *id, i)));
                    }
                    continue;
                }
                pending.insert((*id, i), children.len());
                for c in children {
                    users.entry(egraph.find(*c)).or_default().push((*id, i));
                }
            }
        }
        while let Some(Reverse(Entry(cost, id, i))) = heap.pop() {
            if best.contains_key(&id) {
                continue;
            }
            best.insert(id, (cost, &egraph[id].nodes[i]));
            for (user, j) in users.get(&id).map(Vec::as_slice).unwrap_or_default() {
                let Some(left) = pending.get_mut(&(*user, *j)) else { continue };
                *left -= 1;
                if *left == 0 && !best.contains_key(user) {
                    let node = &egraph[*user].nodes[*j];
                    let c = cost_fn.cost(node, |c| {
                        let c = egraph.find(c);
                        let share =
                            if shared { users.get(&c).map_or(1, Vec::len).max(1) as f64 } else { 1.0 };
                        best.get(&c).map_or(f64::INFINITY, |b| b.0 / share)
                    });
                    if c.is_finite() {
                        heap.push(Reverse(Entry(c, *user, *j)));
                    }
                }
            }
        }
        GreedyExtractor { egraph, best }
    }

    fn find_best_cost(&self, id: Id) -> f64 {
        self.best.get(&self.egraph.find(id)).map_or(f64::INFINITY, |b| b.0)
    }

    fn find_best_node(&self, id: Id) -> &'a Node {
        self.best[&self.egraph.find(id)].1
    }
}
