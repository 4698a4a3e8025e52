//! The module-wide budget (`ModuleLimits`): every block of every function
//! counts against one budget of e-nodes and time; once it is spent the
//! remaining blocks are left exactly as they are.
//!
//! The functions are products of sums, p_i = (p_{i-1} + y) * p_{i-1}, which
//! fast-math expansion and commutativity keep growing, so every block runs
//! into a node limit; each block ends in neg(neg(.)), which any saturation
//! removes (a simplified block has no `jaxr.neg` left, a skipped one keeps two).

use std::time::Duration;

use jaxr_egraph::rules::RuleConfig;
use jaxr_egraph::saturate::Limits;
use jaxr_egraph::simplify::{
    simplify_function, simplify_module, ModuleLimits, ModuleReport, Settings, MODULE_NODE_LIMIT,
    MODULE_TIME_LIMIT,
};
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::Module;
use melior::Context;

/// Lines computing the product of `k` sums from `start`, then neg(neg(.)).
fn body(tag: &str, k: usize, start: &str, indent: &str) -> (Vec<String>, String) {
    let mut out = Vec::new();
    let mut prev = start.to_string();
    for i in 0..k {
        out.push(format!("{indent}%{tag}s{i} = jaxr.add {prev}, %y : tensor<4xf32>"));
        out.push(format!("{indent}%{tag}p{i} = jaxr.mul %{tag}s{i}, {prev} : tensor<4xf32>"));
        prev = format!("%{tag}p{i}");
    }
    out.push(format!("{indent}%{tag}n0 = jaxr.neg {prev} : tensor<4xf32>"));
    out.push(format!("{indent}%{tag}n1 = jaxr.neg %{tag}n0 : tensor<4xf32>"));
    (out, format!("%{tag}n1"))
}

fn functions(n: usize, k: usize) -> String {
    let mut lines = Vec::new();
    for f in 0..n {
        lines.push(format!("func.func @f{f}(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {{"));
        let (b, r) = body("v", k, "%x", "  ");
        lines.extend(b);
        lines.push(format!("  return {r} : tensor<4xf32>"));
        lines.push("}".to_string());
    }
    lines.join("\n")
}

/// A `jaxr.cond` whose first branch holds the next one, `depth` levels.
fn cond(depth: usize, k: usize, d: usize, indent: &str, lines: &mut Vec<String>) {
    let inner = format!("{indent}  ");
    lines.push(format!("{indent}%c{d} = jaxr.cond %p : tensor<i1> -> (tensor<4xf32>) {{"));
    let (b, mut r) = body(&format!("a{d}"), k, "%x", &inner);
    lines.extend(b);
    if d + 1 < depth {
        cond(depth, k, d + 1, &inner, lines);
        lines.push(format!("{inner}%j{d} = jaxr.add {r}, %c{} : tensor<4xf32>", d + 1));
        r = format!("%j{d}");
    }
    lines.push(format!("{inner}jaxr.yield {r} : tensor<4xf32>"));
    lines.push(format!("{indent}}}, {{"));
    let (b, r) = body(&format!("b{d}"), k, "%x", &inner);
    lines.extend(b);
    lines.push(format!("{inner}jaxr.yield {r} : tensor<4xf32>"));
    lines.push(format!("{indent}}}"));
}

/// One function of `2 * depth + 1` blocks (branch bodies and entry block).
fn nested(depth: usize, k: usize) -> String {
    let mut lines =
        vec!["func.func @nested(%p: tensor<i1>, %x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {"
            .to_string()];
    cond(depth, k, 0, "  ", &mut lines);
    let (b, r) = body("e", k, "%c0", "  ");
    lines.extend(b);
    lines.push(format!("  return {r} : tensor<4xf32>"));
    lines.push("}".to_string());
    lines.join("\n")
}

fn settings(node_limit: usize) -> Settings {
    let mut rules = RuleConfig::exact();
    rules.fast_math = true;
    Settings {
        rules,
        limits: Limits { nodes: node_limit, time: Duration::from_secs(3600), ..Limits::default() },
        stats: false,
        dot: String::new(),
        threads: 0,
    }
}

fn no_time_limit(nodes: usize) -> ModuleLimits {
    ModuleLimits { nodes, time: Duration::from_secs(3600) }
}

/// Simplifies `text` and returns the report with the module printed after.
fn run(text: &str, settings: &Settings, limits: ModuleLimits) -> (ModuleReport, String) {
    let context: Context = jaxr_dialect::create_context();
    let module = Module::parse(&context, text).expect("parses");
    let report =
        simplify_module(&context, module.as_operation().to_raw(), settings, limits).expect("simplifies");
    assert!(module.as_operation().verify(), "verifies after simplification");
    (report, module.as_operation().to_string())
}

fn printed(text: &str) -> String {
    let context: Context = jaxr_dialect::create_context();
    let module = Module::parse(&context, text).expect("parses");
    // Printed into a local: the module must be dropped before its context.
    let text = module.as_operation().to_string();
    text
}

/// The printed function `name` (from its `func.func` line to the next one).
fn function_text<'a>(module: &'a str, name: &str) -> &'a str {
    let start = module.find(&format!("func.func @{name}(")).expect("function");
    let rest = &module[start..];
    let end = rest[1..].find("func.func @").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

fn within(total: usize, budget: usize) -> bool {
    total <= budget + budget / 20
}

#[test]
fn functions_share_one_budget_and_the_rest_are_left_as_they_are() {
    let text = functions(10, 5);
    let (report, after) = run(&text, &settings(2000), no_time_limit(7000));
    let before = printed(&text);
    assert_eq!(report.functions.len(), 10);
    assert_eq!(report.exhausted, Some(MODULE_NODE_LIMIT));
    assert!(within(report.enodes, 7000), "{} e-nodes for a budget of 7000", report.enodes);
    assert_eq!(report.enodes, report.functions.iter().map(|f| f.enodes).sum::<usize>());
    // The first functions had their whole limit and were simplified.
    let first = &report.functions[0];
    assert_eq!((first.stop_reason.as_str(), first.blocks_skipped, first.changed), ("node-limit", 0, true));
    // A limit stopped it: stats say so (and a warning names it).
    assert!(first.limited && first.not_extracted == 0);
    assert_eq!(first.to_json()["limited"], true);
    assert_eq!(first.to_json()["not_extracted"], 0);
    assert!(!function_text(&after, "f0").contains("jaxr.neg"));
    // Then one the budget stopped, and the rest untouched, byte for byte.
    let stopped =
        report.functions.iter().position(|f| f.stop_reason == MODULE_NODE_LIMIT).expect("one stopped");
    assert!(stopped < 9, "the budget ends before the last function");
    for (i, f) in report.functions.iter().enumerate().skip(stopped + 1) {
        assert_eq!((f.blocks, f.blocks_skipped, f.enodes, f.changed), (1, 1, 0, false), "{}", f.function);
        assert_eq!(f.stop_reason, MODULE_NODE_LIMIT);
        let name = format!("f{i}");
        assert_eq!(function_text(&after, &name), function_text(&before, &name));
    }
    assert_eq!(report.functions_simplified(), stopped + 1);
    assert_eq!(report.functions_skipped(), 10 - stopped - 1);
    let json = report.to_json();
    assert_eq!(json["budget_exhausted"], MODULE_NODE_LIMIT);
    assert_eq!(json["functions_skipped"], 10 - stopped - 1);
    assert_eq!(json["module_node_limit"], 7000);
}

#[test]
fn nested_cond_bodies_count_against_the_module_budget() {
    let text = nested(3, 5);
    // Per-block limits alone: seven e-graphs of up to 2000 e-nodes each.
    let (free, _) = run(&text, &settings(2000), no_time_limit(usize::MAX));
    assert_eq!(free.functions[0].blocks, 7);
    assert_eq!(free.exhausted, None);
    assert!(free.enodes > 8000, "{} e-nodes without a module budget", free.enodes);
    // One budget for all seven.
    let (report, after) = run(&text, &settings(2000), no_time_limit(8000));
    let f = &report.functions[0];
    assert!(within(report.enodes, 8000), "{} e-nodes for a budget of 8000", report.enodes);
    assert_eq!(f.enodes, report.enodes);
    assert_eq!(f.blocks, 7);
    assert!(f.blocks_skipped > 0 && f.blocks_skipped < 7, "{f:?}");
    assert_eq!(f.stop_reason, MODULE_NODE_LIMIT, "the entry block comes last and is skipped");
    assert!(f.changed, "the inner blocks were simplified");
    // Two jaxr.neg per skipped block are left.
    assert_eq!(after.matches("jaxr.neg").count(), 2 * f.blocks_skipped);
}

#[test]
fn a_node_budget_is_deterministic() {
    let text = functions(6, 5);
    let (a, out_a) = run(&text, &settings(1500), no_time_limit(5000));
    let (b, out_b) = run(&text, &settings(1500), no_time_limit(5000));
    assert_eq!(out_a, out_b);
    let summary = |r: &ModuleReport| {
        r.functions.iter().map(|f| (f.enodes, f.iterations, f.stop_reason.clone())).collect::<Vec<_>>()
    };
    assert_eq!(summary(&a), summary(&b));
}

#[test]
fn a_spent_time_budget_leaves_the_module_as_it_was() {
    let text = functions(3, 2);
    let limits = ModuleLimits { nodes: usize::MAX, time: Duration::ZERO };
    let (report, after) = run(&text, &settings(2000), limits);
    assert_eq!(after, printed(&text));
    assert_eq!(report.exhausted, Some(MODULE_TIME_LIMIT));
    assert_eq!(report.enodes, 0);
    assert_eq!(report.functions_skipped(), 3);
    assert!(report.functions.iter().all(|f| f.stop_reason == MODULE_TIME_LIMIT && !f.changed));
}

#[test]
fn a_function_alone_has_the_default_budget() {
    let context: Context = jaxr_dialect::create_context();
    let module = Module::parse(&context, &nested(1, 1)).expect("parses");
    let body = module.body().first_operation().expect("a function");
    let report = simplify_function(&context, body.to_raw(), &settings(2000), None)
        .expect("simplifies")
        .expect("something to model");
    assert_eq!((report.blocks, report.blocks_skipped, report.changed), (3, 0, true));
    assert!(!module.as_operation().to_string().contains("jaxr.neg"));
    assert_eq!(ModuleLimits::default(), ModuleLimits { nodes: 500_000, time: Duration::from_secs(10) });
}

#[test]
fn worker_threads_change_nothing_but_the_time() {
    // Enough functions to keep several workers busy, one function with
    // nested blocks (simplified in turn) first, and a budget that binds part
    // way (so a function lifted ahead is saturated again within what the
    // budget left it).
    let text = format!("{}\n{}\n{}", nested(2, 4), functions(5, 5), functions(6, 4).replace("@f", "@g"));
    let summary = |r: &ModuleReport| {
        r.functions
            .iter()
            .map(|f| (f.function.clone(), f.enodes, f.iterations, f.stop_reason.clone(), f.blocks_skipped))
            .collect::<Vec<_>>()
    };
    let with = |threads: usize, nodes: usize| {
        let settings = Settings { threads, ..settings(1500) };
        run(&text, &settings, no_time_limit(nodes))
    };
    for nodes in [usize::MAX, 11_500] {
        let (one, out_one) = with(1, nodes);
        for threads in [2, 3, 8] {
            let (many, out_many) = with(threads, nodes);
            assert_eq!(out_many, out_one, "{threads} threads, budget {nodes}");
            assert_eq!(summary(&many), summary(&one), "{threads} threads, budget {nodes}");
            assert_eq!((many.enodes, many.exhausted), (one.enodes, one.exhausted));
        }
        if nodes != usize::MAX {
            assert_eq!(one.exhausted, Some(MODULE_NODE_LIMIT), "the budget binds");
            assert!(one.functions_simplified() > 1 && one.functions_skipped() > 0, "{:?}", summary(&one));
        }
    }
}
