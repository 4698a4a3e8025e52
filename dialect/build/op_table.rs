//! Generates the Rust op table from the ODS records: `llvm-tblgen --dump-json`
//! reads the `.td` files as they are, and every op record becomes one
//! `OpRecord` literal (see `src/op_table.rs` for the types).

use std::fmt::Write;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Dumps the records of `td` as JSON.
pub fn dump(prefix: &Path, include: &Path, td: &str) -> Value {
    let output = Command::new(prefix.join("bin/llvm-tblgen"))
        .arg("--dump-json")
        .arg("-I")
        .arg(include)
        .args(["-I", "td", td])
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run llvm-tblgen under {}: {e} (run scripts/setup)", prefix.display())
        });
    assert!(
        output.status.success(),
        "llvm-tblgen --dump-json {td} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("llvm-tblgen writes JSON")
}

fn def_name(v: &Value) -> &str {
    v.get("def").and_then(Value::as_str).unwrap_or_default()
}

fn superclasses<'a>(records: &'a Value, def: &str) -> Vec<&'a str> {
    records[def]["!superclasses"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The `(def, name)` pairs of a dag field (`arguments`, `results`, `regions`).
fn dag_args<'a>(record: &'a Value, field: &str) -> Vec<(&'a str, &'a str)> {
    record[field]["args"]
        .as_array()
        .map(|args| {
            args.iter()
                .filter_map(|a| {
                    let pair = a.as_array()?;
                    Some((def_name(&pair[0]), pair.get(1)?.as_str().unwrap_or_default()))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// A record's line in its `.td` file (`!locs` is `["JaxrOps.td:54"]`), to
/// keep definition order.
fn line_of(record: &Value) -> u64 {
    record["!locs"][0].as_str().and_then(|l| l.rsplit(':').next()).and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// Generates a Rust enum with one variant per record of the ODS class
/// `class` (`Jaxr_UnaryOp`), in definition order: `ALL`, `mnemonic()` and
/// `accepts()` from each record's `opName` and `accepts` field.
pub fn enum_of_class(records: &Value, td: &str, class: &str, name: &str, doc: &str) -> String {
    let mut defs: Vec<&str> = records["!instanceof"][class]
        .as_array()
        .unwrap_or_else(|| panic!("no records of class {class} in {td}"))
        .iter()
        .filter_map(Value::as_str)
        .collect();
    defs.sort_by_key(|d| line_of(&records[*d]));
    let variant = |def: &str| def.trim_start_matches("Jaxr_").trim_end_matches("Op").to_string();
    let mut text = String::new();
    let _ =
        writeln!(text, "/// {doc}\n///\n/// Generated from the `{class}` records of `{td}`, in their order.");
    let _ = writeln!(
        text,
        "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum {name} {{"
    );
    for def in &defs {
        let _ = writeln!(
            text,
            "    /// {}\n    {},",
            records[*def]["summary"].as_str().unwrap_or_default(),
            variant(def)
        );
    }
    let _ = writeln!(text, "}}\n\nimpl {name} {{\n    pub const ALL: [{name}; {}] = [", defs.len());
    for def in &defs {
        let _ = writeln!(text, "        {name}::{},", variant(def));
    }
    let _ = writeln!(text, "    ];\n\n    /// The op's mnemonic in the jaxr dialect.\n    pub fn mnemonic(self) -> &'static str {{\n        match self {{");
    for def in &defs {
        let _ = writeln!(
            text,
            "            {name}::{} => {},",
            variant(def),
            quoted(records[*def]["opName"].as_str().unwrap_or_default())
        );
    }
    let _ = writeln!(text, "        }}\n    }}\n\n    /// Which element types the operands may have.\n    pub fn accepts(self) -> Accepts {{\n        match self {{");
    for def in &defs {
        let accepts =
            records[*def]["accepts"].as_str().unwrap_or_else(|| panic!("{def} has no accepts field"));
        let _ = writeln!(text, "            {name}::{} => Accepts::{accepts},", variant(def));
    }
    let _ = writeln!(text, "        }}\n    }}\n}}");
    text
}

/// Appends an `OpRecord` literal for every op record of a dump to `out`.
pub fn generate(records: &Value, out: &mut Vec<(String, String)>) {
    let ops = records["!instanceof"]["Op"].as_array().expect("an Op class");
    for op in ops {
        let def = op.as_str().expect("record names are strings");
        let record = &records[def];
        let dialect_def = def_name(&record["opDialect"]);
        let dialect = records[dialect_def]["name"].as_str().expect("a dialect has a name");
        let name = format!("{dialect}.{}", record["opName"].as_str().expect("an op has a name"));
        let traits: Vec<&str> =
            record["traits"].as_array().map(|t| t.iter().map(def_name).collect()).unwrap_or_default();
        let has = |t: &str| traits.contains(&t);
        let mut operands = String::new();
        let mut attributes = String::new();
        for (arg, arg_name) in dag_args(record, "arguments") {
            let classes = superclasses(records, arg);
            if classes.contains(&"Attr") {
                let optional = classes.contains(&"OptionalAttr") || classes.contains(&"UnitAttr");
                let _ =
                    write!(attributes, "Attribute {{ name: {}, optional: {optional} }}, ", quoted(arg_name));
            } else {
                let variadic = classes.contains(&"Variadic");
                let _ = write!(operands, "Value {{ name: {}, variadic: {variadic} }}, ", quoted(arg_name));
            }
        }
        let mut results = String::new();
        for (arg, arg_name) in dag_args(record, "results") {
            let variadic = superclasses(records, arg).contains(&"Variadic");
            let _ = write!(results, "Value {{ name: {}, variadic: {variadic} }}, ", quoted(arg_name));
        }
        let regions: Vec<String> = dag_args(record, "regions").iter().map(|(_, n)| quoted(n)).collect();
        let counterpart = record.get("counterpart").and_then(Value::as_str).filter(|s| !s.is_empty());
        let literal = format!(
            "OpRecord {{ name: {}, summary: {}, pure: {}, elementwise: {}, commutative: {}, terminator: {}, \
             isolated_from_above: {}, operands: &[{operands}], attributes: &[{attributes}], results: &[{results}], \
             regions: &[{}], counterpart: {} }}",
            quoted(&name),
            quoted(record["summary"].as_str().unwrap_or_default()),
            has("Pure"),
            has("Elementwise"),
            has("Commutative"),
            has("Terminator"),
            has("IsolatedFromAbove"),
            regions.join(", "),
            counterpart.map_or("None".to_string(), |s| format!("Some({})", quoted(s))),
        );
        out.push((name, literal));
    }
}

/// Writes `OPS`, sorted by name, to `path`.
pub fn write(mut ops: Vec<(String, String)>, path: &Path) {
    ops.sort();
    let mut text =
        String::from("// Generated by dialect/build.rs from the ODS records in dialect/td; do not edit.\n");
    text.push_str("pub static OPS: &[OpRecord] = &[\n");
    for (_, literal) in ops {
        let _ = writeln!(text, "    {literal},");
    }
    text.push_str("];\n");
    std::fs::write(path, text).expect("OUT_DIR is writable");
}
