//! The StableHLO reader never panics, and whatever it accepts prints to text
//! that reads back to the same module (printing is a fixed point).
#![no_main]

use jaxr_syntax::{parse, to_generic, to_pretty};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(module) = parse(text, "fuzz.mlir") else { return };
    let pretty = to_pretty(&module);
    let _ = to_generic(&module, "fuzz.mlir");
    let again = match parse(&pretty, "fuzz.mlir") {
        Ok(m) => m,
        Err(e) => panic!("printed form does not parse: {e}\n{pretty}"),
    };
    assert_eq!(to_pretty(&again), pretty, "printing is not a fixed point");
});
