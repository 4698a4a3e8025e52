//! Links jaxr-opt and jaxr-run as position-dependent executables: the
//! dynamic loader then has no relocations of the (large, statically linked)
//! MLIR code to apply at every start.
fn main() {
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
