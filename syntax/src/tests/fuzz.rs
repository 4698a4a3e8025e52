//! Inputs the fuzzer (fuzz/, `parse_stablehlo`) once found failing, kept so
//! they stay fixed: reading never panics and whatever is accepted prints to
//! text that reads back to the same printed form.

use std::path::Path;

use crate::{parse, to_generic, to_pretty};

#[test]
fn fuzz_regressions_read_and_print_to_a_fixed_point() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tests/fuzz_regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("regression folder") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        count += 1;
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        let Ok(module) = parse(text, "fuzz.mlir") else { continue };
        let pretty = to_pretty(&module);
        let _ = to_generic(&module, "fuzz.mlir");
        let again = parse(&pretty, "fuzz.mlir").unwrap_or_else(|e| {
            let line = pretty.lines().nth(e.line as usize - 1).unwrap_or_default();
            panic!("{}: printed form does not parse: {e}\n{line}", path.display())
        });
        assert_eq!(to_pretty(&again), pretty, "{}: printing is not a fixed point", path.display());
    }
    assert!(count > 0);
}
