use super::*;
use crate::term::{parse_pattern, pattern_vars};
use jaxr_dialect::{all_mnemonics, region_mnemonics};

#[test]
fn every_op_of_the_dialect_has_an_entry() {
    let mut missing = Vec::new();
    for op in all_mnemonics().into_iter().chain(region_mnemonics()) {
        if lookup(op).is_none() {
            missing.push(op);
        }
    }
    assert!(missing.is_empty(), "ops with no derivative entry (rules or a reason): {missing:?}");
}

#[test]
fn entries_are_unique_and_name_real_ops() {
    let mut ops: Vec<&str> = all_mnemonics().into_iter().chain(region_mnemonics()).collect();
    ops.sort_unstable();
    let mut seen = std::collections::HashSet::new();
    for r in table() {
        assert!(seen.insert(r.op), "two entries for {}", r.op);
        assert!(ops.binary_search(&r.op).is_ok(), "entry for unknown op {}", r.op);
    }
}

#[test]
fn elementwise_patterns_parse_and_use_only_their_variables() {
    for r in table() {
        let Derivative::Elementwise(per_operand) = &r.derivative else { continue };
        for (i, entry) in per_operand.iter().enumerate() {
            let Some((jvp, vjp)) = entry else { continue };
            for (p, seed) in [(jvp, "?t"), (vjp, "?g")] {
                parse_pattern(p).unwrap_or_else(|e| panic!("{}: {e}", r.op));
                let vars = pattern_vars(p).unwrap();
                assert!(vars.iter().any(|v| v == seed), "{} operand {i}: '{p}' does not use {seed}", r.op);
                for v in vars {
                    let ok = v == seed
                        || v == "?y"
                        || v.strip_prefix("?x")
                            .and_then(|n| n.parse::<usize>().ok())
                            .is_some_and(|n| n < per_operand.len());
                    assert!(ok, "{} operand {i}: '{p}' uses unknown variable {v}", r.op);
                }
            }
            // The JVP and the VJP of an elementwise op are the same linear map.
            assert_eq!(jvp.replace("?t", "?g"), vjp.replace("?t", "?g"), "{} operand {i}", r.op);
        }
    }
}
