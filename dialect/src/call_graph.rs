//! The module's call graph: which function calls which (`func.call`, and the
//! jaxr transformation ops, which name a callee). Used to order work over
//! functions and to refuse what no compiler can run: a call of a function
//! without a body, and recursion (XLA has no recursive calls; a plugin's
//! compiler would overflow its stack on one).

use std::collections::HashMap;

use melior::ir::operation::{OperationLike, WalkOrder, WalkResult};
use melior::ir::{BlockLike, Module, RegionLike};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

/// One call site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub caller: String,
    pub callee: String,
    /// The call op's location as MLIR prints it.
    pub location: String,
}

/// The functions of a module and the calls between them.
pub struct CallGraph {
    graph: DiGraph<String, Call>,
    nodes: HashMap<String, NodeIndex>,
    /// Functions declared without a body.
    declarations: Vec<String>,
}

/// A call no compiler can run, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallError {
    pub message: String,
    pub location: String,
}

impl CallGraph {
    /// The call graph of the module's top-level functions.
    pub fn of(module: &Module) -> CallGraph {
        let mut graph = DiGraph::new();
        let mut nodes = HashMap::new();
        let mut declarations = Vec::new();
        let mut functions = Vec::new();
        let mut next = module.body().first_operation();
        while let Some(op) = next {
            if op.name().as_string_ref().as_str() == Ok("func.func") {
                if let Some(name) = crate::raw::symbol_name(op.to_raw()) {
                    nodes.insert(name.clone(), graph.add_node(name.clone()));
                    let has_body = op.region(0).ok().and_then(|r| r.first_block()).is_some();
                    if !has_body {
                        declarations.push(name.clone());
                    }
                    functions.push((name, op));
                }
            }
            next = op.next_in_block();
        }
        for (caller, op) in &functions {
            op.walk(WalkOrder::PreOrder, |inner| {
                if let Some(callee) = crate::raw::callee(inner.to_raw()) {
                    if let (Some(&from), Some(&to)) = (nodes.get(caller), nodes.get(&callee)) {
                        let call =
                            Call { caller: caller.clone(), callee, location: inner.location().to_string() };
                        graph.add_edge(from, to, call);
                    }
                }
                WalkResult::Advance
            });
        }
        CallGraph { graph, nodes, declarations }
    }

    /// Every call, in the order the calls appear in the module.
    pub fn calls(&self) -> impl Iterator<Item = &Call> {
        self.graph.edge_indices().map(|e| &self.graph[e])
    }

    /// Functions in an order where every callee comes before its callers
    /// (within a recursive group, in module order).
    pub fn callees_first(&self) -> Vec<&str> {
        // Tarjan's algorithm yields strongly connected components in reverse
        // topological order of the condensation: callees first.
        tarjan_scc(&self.graph)
            .into_iter()
            .flat_map(|mut group| {
                group.sort();
                group.into_iter().map(|n| self.graph[n].as_str()).collect::<Vec<_>>()
            })
            .collect()
    }

    /// The calls reachable from `entry` that no compiler can run: calls of
    /// functions without a body, and calls that close a cycle (recursion).
    pub fn unrunnable_from(&self, entry: &str) -> Vec<CallError> {
        let Some(&start) = self.nodes.get(entry) else { return Vec::new() };
        let reachable: Vec<NodeIndex> = {
            let mut dfs = petgraph::visit::Dfs::new(&self.graph, start);
            std::iter::from_fn(|| dfs.next(&self.graph)).collect()
        };
        let mut errors = Vec::new();
        for e in self.graph.edge_indices() {
            let (from, _) = self.graph.edge_endpoints(e).expect("an edge of the graph");
            if !reachable.contains(&from) {
                continue;
            }
            let call = &self.graph[e];
            if self.declarations.contains(&call.callee) {
                errors.push(CallError {
                    message: format!(
                        "@{} calls @{}, which has no body: nothing can compile it",
                        call.caller, call.callee
                    ),
                    location: call.location.clone(),
                });
            }
        }
        for group in tarjan_scc(&self.graph) {
            let recursive = group.len() > 1 || self.graph.contains_edge(group[0], group[0]);
            if !recursive || !group.iter().any(|n| reachable.contains(n)) {
                continue;
            }
            // Report the first call (in module order) inside the cycle.
            let mut names: Vec<&str> = group.iter().map(|&n| self.graph[n].as_str()).collect();
            names.sort();
            let call = self
                .graph
                .edge_indices()
                .find(|&e| {
                    let (a, b) = self.graph.edge_endpoints(e).expect("an edge of the graph");
                    group.contains(&a) && group.contains(&b)
                })
                .map(|e| &self.graph[e])
                .expect("a recursive group has a call inside it");
            let cycle: Vec<String> = names.iter().map(|n| format!("@{n}")).collect();
            let what = if names.len() == 1 {
                format!("@{} calls itself", call.caller)
            } else {
                format!("{} call each other (@{} calls @{} here)", cycle.join(", "), call.caller, call.callee)
            };
            errors.push(CallError {
                message: format!("recursive call: {what}; XLA cannot compile recursion"),
                location: call.location.clone(),
            });
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::create_context;

    #[test]
    fn declarations_and_recursion_are_found_from_the_entry() {
        let context = create_context();
        let text = String::from(
            r#"
func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %0 = func.call @helper(%x) : (tensor<f32>) -> tensor<f32>
  %1 = func.call @external(%0) : (tensor<f32>) -> tensor<f32>
  return %1 : tensor<f32>
}
func.func private @helper(%x: tensor<f32>) -> tensor<f32> {
  %0 = func.call @ping(%x) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @ping(%x: tensor<f32>) -> tensor<f32> {
  %0 = func.call @pong(%x) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @pong(%x: tensor<f32>) -> tensor<f32> {
  %0 = func.call @ping(%x) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @external(%x: tensor<f32>) -> tensor<f32>
func.func @unrelated(%x: tensor<f32>) -> tensor<f32> {
  %0 = func.call @unrelated(%x) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
"#,
        );
        let module = Module::parse(&context, &text).expect("parses");
        let graph = CallGraph::of(&module);
        assert_eq!(graph.calls().count(), 6);
        let errors = graph.unrunnable_from("main");
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("@main calls @external, which has no body"), "{messages:?}");
        assert!(messages[1].contains("recursive call: @ping, @pong call each other"), "{messages:?}");
        // @unrelated recurses but @main does not reach it.
        assert!(!messages.iter().any(|m| m.contains("unrelated")));
        assert_eq!(graph.unrunnable_from("unrelated").len(), 1);
        let order = graph.callees_first();
        let at = |f: &str| order.iter().position(|n| *n == f).expect("listed");
        assert!(at("helper") < at("main") && at("ping") < at("helper") && at("external") < at("main"));
    }
}
