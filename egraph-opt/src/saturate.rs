//! Bounded equality saturation: egg's runner with node, iteration and time
//! limits, then extraction. Whatever stops it, the best program found so
//! far is what extraction sees.

use std::time::Duration;

use egg::{Id, Runner, SimpleScheduler, StopReason};

use crate::analysis::{JaxrAnalysis, JaxrEGraph};
use crate::extract::{extract, Extracted};
use crate::language::Node;
use crate::rules::{rewrites, RuleConfig};

/// The limits of one saturation.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Stop when the e-graph has more e-nodes than this.
    pub nodes: usize,
    /// Stop after this many iterations.
    pub iterations: usize,
    /// Stop after this long. A safety net: when it binds, the result may
    /// depend on the machine's speed (node and iteration limits do not).
    pub time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { nodes: 100_000, iterations: 30, time: Duration::from_millis(2000) }
    }
}

/// What a saturation did.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Iterations run.
    pub iterations: usize,
    /// E-nodes at the end.
    pub enodes: usize,
    /// E-classes at the end.
    pub eclasses: usize,
    /// Why it stopped: `saturated`, `iteration-limit`, `node-limit`, `time-limit`.
    pub stop_reason: String,
    /// The best program (`None` if a root has no finite-cost term).
    pub extracted: Option<Extracted>,
    /// The saturated e-graph (for `dot=`).
    pub egraph: JaxrEGraph,
}

/// The analysis for `config`.
pub fn analysis_for(config: &RuleConfig) -> JaxrAnalysis {
    JaxrAnalysis { fold: config.enabled("fold"), fast_math: config.fast_math }
}

/// Saturates `egraph` with the rules of `config` and extracts `roots`.
pub fn saturate(egraph: JaxrEGraph, roots: &[Id], config: &RuleConfig, limits: Limits) -> Outcome {
    let rules = rewrites(config);
    let runner: Runner<Node, JaxrAnalysis, ()> = Runner::default()
        .with_egraph(egraph)
        .with_node_limit(limits.nodes)
        .with_iter_limit(limits.iterations)
        .with_time_limit(limits.time)
        // Every match is applied each iteration (egg's default backoff
        // scheduler would ban a rule with more than 1000 matches, leaving
        // large programs unsimplified); the limits bound the growth.
        .with_scheduler(SimpleScheduler)
        .run(&rules);
    let stop_reason = match &runner.stop_reason {
        Some(StopReason::Saturated) => "saturated".to_string(),
        Some(StopReason::IterationLimit(_)) => "iteration-limit".to_string(),
        Some(StopReason::NodeLimit(_)) => "node-limit".to_string(),
        Some(StopReason::TimeLimit(_)) => "time-limit".to_string(),
        Some(StopReason::Other(s)) => s.clone(),
        None => "none".to_string(),
    };
    let iterations = runner.iterations.len();
    let egraph = runner.egraph;
    let extracted = extract(&egraph, roots);
    Outcome {
        iterations,
        enodes: egraph.total_number_of_nodes(),
        eclasses: egraph.number_of_classes(),
        stop_reason,
        extracted,
        egraph,
    }
}
