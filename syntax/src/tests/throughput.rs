//! A throughput measurement: parse and print a ~20 MB module built from the
//! corpus. It reports MB/s and asserts nothing about time (timings belong
//! in benchmarks); run with `--nocapture` (and `--release`) to see them.

use std::time::Instant;

use super::{corpus_files, read};
use crate::{ast::Item, parse, to_generic, to_pretty};

/// The function definitions of every forward module, repeated with renamed
/// symbols until the text reaches `target` bytes, inside one module.
fn big_module(target: usize) -> String {
    let bodies: Vec<String> = corpus_files("fwd.stablehlo.mlir")
        .iter()
        .map(|path| {
            let text = read(path);
            let lines: Vec<&str> = text.lines().collect();
            lines.get(1..lines.len().saturating_sub(1)).unwrap_or_default().join("\n")
        })
        .collect();
    let mut out = String::from("module @big attributes {mhlo.num_partitions = 1 : i32} {\n");
    let mut copy = 0;
    while out.len() < target {
        for body in &bodies {
            out.push_str(&body.replace('@', &format!("@c{copy}_")));
            out.push('\n');
            copy += 1;
        }
    }
    out.push_str("}\n");
    out
}

#[test]
fn throughput_of_a_20_mb_module() {
    let text = big_module(20 << 20);
    let mb = text.len() as f64 / 1e6;
    let start = Instant::now();
    let module = parse(&text, "big.mlir").unwrap_or_else(|e| panic!("{e}"));
    let parse_s = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let pretty = to_pretty(&module);
    let pretty_s = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let generic = to_generic(&module, "big.mlir");
    let generic_s = start.elapsed().as_secs_f64();
    let funcs = module.items.iter().filter(|i| matches!(i, Item::Func(_))).count();
    println!(
        "syntax throughput on {mb:.1} MB ({funcs} functions): parse {:.0} MB/s, to_pretty {:.0} MB/s, \
         to_generic {:.0} MB/s ({:.1} MB out)",
        mb / parse_s,
        mb / pretty_s,
        mb / generic_s,
        generic.len() as f64 / 1e6
    );
    assert_eq!(pretty.len(), text.len(), "the pretty output should reproduce the input");
}
