//! The StableHLO reader never panics, and whatever it accepts prints to text
//! that reads back to the same module: the pretty form is a fixed point of
//! reading and printing, and the generic form (what MLIR is handed) reads
//! back to the same module, locations aside.
#![no_main]

use jaxr_syntax::{parse, to_generic, to_pretty, to_pretty_without_locations};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(module) = parse(text, "fuzz.mlir") else { return };
    let pretty = to_pretty(&module);
    let again = match parse(&pretty, "fuzz.mlir") {
        Ok(m) => m,
        Err(e) => panic!("printed form does not parse: {e}\n{pretty}"),
    };
    assert_eq!(to_pretty(&again), pretty, "printing is not a fixed point");

    let generic = to_generic(&module, "fuzz.mlir");
    let from_generic = match parse(&generic, "fuzz.mlir") {
        Ok(m) => m,
        Err(e) => panic!("generic form does not parse: {e}\n{generic}"),
    };
    assert_eq!(
        to_pretty_without_locations(&from_generic),
        to_pretty_without_locations(&module),
        "the generic form reads back to another module:\n{generic}"
    );
});
