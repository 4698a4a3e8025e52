//! Round trips over the JAX 0.10.2 corpus: every pretty module parses and
//! prints back byte for byte; every generic module prints as its pretty
//! twin; pretty -> generic -> pretty is a fixed point. The same holds for
//! the sharded programs in Shardy's form (`sdy` ops).

use super::{corpus_files, first_difference, read, shardy_files, short};
use crate::{parse, strip_locations, to_generic, to_pretty, to_pretty_without_locations};

const PRETTY_FILES: [&str; 4] =
    ["fwd.stablehlo.mlir", "grad.stablehlo.mlir", "vjp.stablehlo.mlir", "export.mlir"];

fn pretty_files() -> Vec<std::path::PathBuf> {
    let files: Vec<_> = PRETTY_FILES.iter().flat_map(|name| corpus_files(name)).collect();
    assert!(
        files.len() >= 50,
        "expected the 49 pretty modules and 2 exports of the corpus, found {}",
        files.len()
    );
    files
}

fn check_all(files: &[std::path::PathBuf], check: impl Fn(&str, &std::path::Path) -> Result<(), String>) {
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| check(&read(path), path).err().map(|e| format!("{}: {e}", short(path))))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} files failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn every_pretty_module_parses() {
    check_all(&pretty_files(), |text, path| {
        parse(text, &path.to_string_lossy()).map(|_| ()).map_err(|e| e.to_string())
    });
}

#[test]
fn pretty_prints_back_byte_identical() {
    check_all(&pretty_files(), |text, path| {
        let module = parse(text, "input.mlir").map_err(|e| e.to_string())?;
        let printed = to_pretty(&module);
        let (got, want) = if path.ends_with("export.mlir") {
            (strip_locations(&printed), strip_locations(text))
        } else {
            (printed, text.to_string())
        };
        if got == want {
            Ok(())
        } else {
            Err(first_difference(&got, &want))
        }
    });
}

#[test]
fn exports_print_back_with_their_locations() {
    check_all(&corpus_files("export.mlir"), |text, _| {
        let printed = to_pretty(&parse(text, "export.mlir").map_err(|e| e.to_string())?);
        if printed == text {
            Ok(())
        } else {
            Err(first_difference(&printed, text))
        }
    });
}

#[test]
fn generic_prints_as_its_pretty_twin() {
    let files: Vec<_> = ["fwd.generic.mlir", "grad.generic.mlir", "vjp.generic.mlir"]
        .iter()
        .flat_map(|name| corpus_files(name))
        .collect();
    assert_eq!(files.len(), 49, "expected the 49 generic modules of the corpus");
    check_all(&files, |text, path| {
        let module = parse(text, "input.mlir").map_err(|e| e.to_string())?;
        let got = to_pretty_without_locations(&module);
        let twin = path.with_file_name(
            path.file_name()
                .map(|n| n.to_string_lossy().replace(".generic.", ".stablehlo."))
                .unwrap_or_default(),
        );
        let want = read(&twin);
        if got == want {
            Ok(())
        } else {
            Err(first_difference(&got, &want))
        }
    });
}

#[test]
fn generic_to_generic_to_pretty_gives_the_pretty_twin() {
    let files: Vec<_> = ["fwd.generic.mlir", "grad.generic.mlir", "vjp.generic.mlir"]
        .iter()
        .flat_map(|name| corpus_files(name))
        .collect();
    check_all(&files, |text, path| {
        let module = parse(text, "input.mlir").map_err(|e| e.to_string())?;
        let generic = to_generic(&module, "input.mlir");
        let reparsed = parse(&generic, "generic.mlir").map_err(|e| format!("generic output: {e}"))?;
        let got = to_pretty_without_locations(&reparsed);
        let twin = path.with_file_name(
            path.file_name()
                .map(|n| n.to_string_lossy().replace(".generic.", ".stablehlo."))
                .unwrap_or_default(),
        );
        let want = read(&twin);
        if got == want {
            Ok(())
        } else {
            Err(first_difference(&got, &want))
        }
    });
}

#[test]
fn pretty_to_generic_to_pretty_is_a_fixed_point() {
    check_all(&pretty_files(), |text, _| {
        let module = parse(text, "input.mlir").map_err(|e| e.to_string())?;
        let generic = to_generic(&module, "input.mlir");
        if !text.contains("loc(") && !generic.contains("loc(\"input.mlir\":") {
            return Err("generic output lacks source locations".into());
        }
        let reparsed = parse(&generic, "generic.mlir").map_err(|e| format!("generic output: {e}"))?;
        let got = strip_locations(&to_pretty(&reparsed));
        let want = strip_locations(text);
        if got == want {
            Ok(())
        } else {
            Err(first_difference(&got, &want))
        }
    });
}

#[test]
fn generic_output_has_no_pretty_operations() {
    check_all(&pretty_files(), |text, _| {
        let module = parse(text, "input.mlir").map_err(|e| e.to_string())?;
        all_generic(&to_generic(&module, "input.mlir"))
    });
}

/// Fails at the first line of `generic` that is not generic: every line is
/// an operation spelled `"name"(...)`, a block header, a closing brace or an alias.
fn all_generic(generic: &str) -> Result<(), String> {
    for (i, line) in generic.lines().enumerate() {
        let body = line.trim_start();
        let body = match body.split_once(" = ") {
            Some((lhs, rhs)) if lhs.starts_with('%') => rhs,
            _ => body,
        };
        let ok =
            body.starts_with('"') || body.starts_with('^') || body.starts_with('}') || body.starts_with('#');
        if !ok {
            return Err(format!("line {} is not generic: {line}", i + 1));
        }
    }
    Ok(())
}

fn sharded_files() -> Vec<std::path::PathBuf> {
    let files = shardy_files();
    assert!(files.len() >= 14, "expected the 14 sharded programs in Shardy's form, found {}", files.len());
    files
}

#[test]
fn every_shardy_module_parses_and_prints_back_byte_identical() {
    check_all(&sharded_files(), |text, path| {
        let module = parse(text, &path.to_string_lossy()).map_err(|e| e.to_string())?;
        let printed = to_pretty(&module);
        if printed == text {
            Ok(())
        } else {
            Err(first_difference(&printed, text))
        }
    });
}

#[test]
fn shardy_pretty_to_generic_to_pretty_gives_the_original_bytes() {
    check_all(&sharded_files(), |text, _| {
        let module = parse(text, "input.mlir").map_err(|e| e.to_string())?;
        let generic = to_generic(&module, "input.mlir");
        let reparsed = parse(&generic, "generic.mlir").map_err(|e| format!("generic output: {e}"))?;
        let got = to_pretty_without_locations(&reparsed);
        if got == text {
            Ok(())
        } else {
            Err(first_difference(&got, text))
        }
    });
}

#[test]
fn shardy_generic_output_has_no_pretty_operations() {
    check_all(&sharded_files(), |text, _| {
        let module = parse(text, "input.mlir").map_err(|e| e.to_string())?;
        all_generic(&to_generic(&module, "input.mlir"))
    });
}
