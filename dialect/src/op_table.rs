//! The op table: every op of the jaxr, stablehlo and chlo dialects with the
//! facts its ODS record states (operands, attributes, results, regions,
//! traits, its StableHLO counterpart). `build.rs` generates it from the `.td`
//! files with `llvm-tblgen --dump-json`, so each fact is written once, in
//! the record, and Rust code asks this table instead of restating it.

/// An operand or result as its record declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Value {
    pub name: &'static str,
    pub variadic: bool,
}

/// An attribute as its record declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribute {
    pub name: &'static str,
    pub optional: bool,
}

/// One op's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpRecord {
    /// `dialect.mnemonic`.
    pub name: &'static str,
    pub summary: &'static str,
    /// No side effects: cse may merge it, dce erase it.
    pub pure: bool,
    /// Every operand and result has one shape; the op applies per element.
    pub elementwise: bool,
    /// The operands may be swapped.
    pub commutative: bool,
    pub terminator: bool,
    /// Its regions see only their own arguments.
    pub isolated_from_above: bool,
    pub operands: &'static [Value],
    pub attributes: &'static [Attribute],
    pub results: &'static [Value],
    pub regions: &'static [&'static str],
    /// For a jaxr op, the StableHLO or CHLO op with the same operands,
    /// results and meaning, when lowering and raising are a rename.
    pub counterpart: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/op_table.rs"));

/// The record of the op named `name` (`jaxr.exp`, `stablehlo.add`).
pub fn record(name: &str) -> Option<&'static OpRecord> {
    OPS.binary_search_by(|r| r.name.cmp(name)).ok().map(|i| &OPS[i])
}

/// The records of one dialect's ops, sorted by name.
pub fn ops_of(dialect: &str) -> impl Iterator<Item = &'static OpRecord> + '_ {
    OPS.iter().filter(move |r| r.name.split_once('.').is_some_and(|(d, _)| d == dialect))
}

/// Whether the op applies per element to operands and results of one shape.
pub fn is_elementwise(name: &str) -> bool {
    record(name).is_some_and(|r| r.elementwise)
}

/// The StableHLO/CHLO op a jaxr op lowers to by renaming (`jaxr.exp` →
/// `stablehlo.exponential`).
pub fn counterpart_of(jaxr_name: &str) -> Option<&'static str> {
    record(jaxr_name).and_then(|r| r.counterpart)
}

/// The jaxr op a StableHLO/CHLO op raises to by renaming (the inverse of
/// [`counterpart_of`]).
pub fn jaxr_op_for(hlo_name: &str) -> Option<&'static str> {
    ops_of("jaxr").find(|r| r.counterpart == Some(hlo_name)).map(|r| r.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_sorted_unique_and_cover_every_dialect() {
        assert!(OPS.windows(2).all(|w| w[0].name < w[1].name), "sorted, no duplicates");
        for dialect in ["jaxr", "stablehlo", "chlo"] {
            assert!(ops_of(dialect).count() > 10, "{dialect} has ops");
        }
        // Every op of the StableHLO specification has a record.
        for op in ["stablehlo.all_reduce", "stablehlo.fft", "stablehlo.composite", "stablehlo.while"] {
            assert!(record(op).is_some(), "{op}");
        }
    }

    #[test]
    fn records_carry_the_ods_facts() {
        let add = record("stablehlo.add").expect("stablehlo.add");
        assert!(add.pure && add.elementwise && add.commutative);
        assert_eq!(add.operands.iter().map(|o| o.name).collect::<Vec<_>>(), ["lhs", "rhs"]);
        let custom_call = record("stablehlo.custom_call").expect("custom_call");
        assert!(!custom_call.pure, "custom_call may have side effects");
        assert!(custom_call.attributes.iter().any(|a| a.name == "call_target_name" && !a.optional));
        assert!(custom_call.attributes.iter().any(|a| a.name == "has_side_effect" && a.optional));
        let reduce = record("stablehlo.reduce").expect("reduce");
        assert!(reduce.isolated_from_above && reduce.regions == ["body"]);
        assert!(record("stablehlo.return").is_some_and(|r| r.terminator));
        // select takes a scalar predicate: not elementwise, in every dialect.
        assert!(!is_elementwise("stablehlo.select") && !is_elementwise("jaxr.select_n"));
    }

    #[test]
    fn counterparts_are_ops_that_exist_and_map_one_to_one() {
        assert_eq!(counterpart_of("jaxr.exp"), Some("stablehlo.exponential"));
        assert_eq!(jaxr_op_for("chlo.erf_inv"), Some("jaxr.erf_inv"));
        let mut seen = std::collections::HashSet::new();
        for r in ops_of("jaxr") {
            if let Some(c) = r.counterpart {
                let target = record(c).unwrap_or_else(|| panic!("{}'s counterpart {c} is not an op", r.name));
                assert!(seen.insert(c), "{c} is the counterpart of two jaxr ops");
                assert_eq!(
                    target.operands.len(),
                    r.operands.len(),
                    "{} and {c} take the same operands",
                    r.name
                );
                assert_eq!(target.elementwise, r.elementwise, "{} and {c} agree on elementwise", r.name);
            }
        }
    }
}
