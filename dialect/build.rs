//! Generates the C++ of the jaxr, stablehlo, chlo and sdy dialects from their ODS
//! (`td/*.td`) with mlir-tblgen and compiles it, with the registration glue in
//! `cpp/`, into a static library; generates the Rust op table (`op_table.rs`
//! in OUT_DIR) from the same records with `llvm-tblgen --dump-json`.

#[path = "build/op_table.rs"]
mod op_table;

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const LLVM_PREFIX_VAR: &str = "MLIR_SYS_220_PREFIX";

fn main() {
    let prefix = PathBuf::from(env::var(LLVM_PREFIX_VAR).unwrap_or_else(|_| "/usr/lib/llvm-22".into()));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let include = prefix.join("include");

    for file in [
        "td/JaxrDialect.td",
        "td/JaxrOps.td",
        "td/StablehloDialect.td",
        "td/StablehloOps.td",
        "td/ChloOps.td",
        "td/SdyOps.td",
        "cpp/JaxrDialect.h",
        "cpp/JaxrDialect.cpp",
        "cpp/HloDialects.h",
        "cpp/HloDialects.cpp",
        "cpp/RustPass.cpp",
        "cpp/Registration.cpp",
        "build/op_table.rs",
    ] {
        println!("cargo:rerun-if-changed={file}");
    }
    println!("cargo:rerun-if-env-changed={LLVM_PREFIX_VAR}");

    // (dialect, its ops' .td, the prefix of the generated files, what to generate)
    let dialects: [(&str, &str, &str, &[&str]); 4] = [
        ("jaxr", "td/JaxrOps.td", "Jaxr", &["Dialect", "Ops", "Enums"]),
        ("stablehlo", "td/StablehloOps.td", "Stablehlo", &["Dialect", "Ops", "Types"]),
        ("chlo", "td/ChloOps.td", "Chlo", &["Dialect", "Ops"]),
        ("sdy", "td/SdyOps.td", "Sdy", &["Dialect", "Ops"]),
    ];
    // Each .td file is dumped once; the op table and the enums read the dump.
    let mut ops = Vec::new();
    let mut jaxr_records = None;
    for (dialect, td, _, _) in dialects {
        let records = op_table::dump(&prefix, &include, td);
        op_table::generate(&records, &mut ops);
        if dialect == "jaxr" {
            jaxr_records = Some(records);
        }
    }
    op_table::write(ops, &out.join("op_table.rs"));
    let jaxr_records = jaxr_records.expect("the jaxr dialect is in the list");
    let unary = op_table::enum_of_class(
        &jaxr_records,
        "td/JaxrOps.td",
        "Jaxr_ElementwiseUnary",
        "UnaryOp",
        "Elementwise unary primitives (the result type is the operand type, but for the parts of a complex value).",
    );
    let binary = op_table::enum_of_class(
        &jaxr_records,
        "td/JaxrOps.td",
        "Jaxr_ElementwiseBinary",
        "BinaryOp",
        "Elementwise binary primitives (operands and result share one type, but for lax.complex).",
    );
    std::fs::write(out.join("elementwise_ops.rs"), format!("{unary}\n{binary}"))
        .expect("OUT_DIR is writable");
    for (dialect, td, prefix_name, kinds) in dialects {
        for kind in kinds {
            let generator = match *kind {
                "Dialect" => "dialect",
                "Ops" => "op",
                "Enums" => "enum",
                _ => "typedef",
            };
            for (suffix, ext) in [("decls", "h.inc"), ("defs", "cpp.inc")] {
                let output = out.join(format!("{prefix_name}{kind}.{ext}"));
                tblgen(&prefix, &include, &format!("-gen-{generator}-{suffix}"), dialect, td, &output);
            }
        }
    }

    let mut build = cc::Build::new();
    build
        .cpp(true)
        .std("c++17")
        .include(&include)
        .include(&out)
        .include("cpp")
        .file("cpp/JaxrDialect.cpp")
        .file("cpp/HloDialects.cpp")
        .file("cpp/RustPass.cpp")
        .file("cpp/Registration.cpp")
        .flag_if_supported("-fno-rtti")
        .flag_if_supported("-Wno-unused-parameter")
        .warnings(false);
    for define in llvm_defines(&prefix) {
        build.flag(&define);
    }
    build.compile("jaxr_dialect_cpp");
}

fn tblgen(prefix: &Path, include: &Path, generator: &str, dialect: &str, td: &str, output: &Path) {
    let status = Command::new(prefix.join("bin/mlir-tblgen"))
        .args([generator, &format!("-dialect={dialect}"), "-I"])
        .arg(include)
        .args(["-I", "td", td, "-o"])
        .arg(output)
        .status()
        .unwrap_or_else(|e| {
            panic!("cannot run mlir-tblgen under {}: {e} (run scripts/setup)", prefix.display())
        });
    assert!(status.success(), "mlir-tblgen {generator} {td} failed");
}

/// The `-D` flags LLVM's headers were configured with.
fn llvm_defines(prefix: &Path) -> Vec<String> {
    let output =
        Command::new(prefix.join("bin/llvm-config")).arg("--cxxflags").output().unwrap_or_else(|e| {
            panic!("cannot run llvm-config under {}: {e} (run scripts/setup)", prefix.display())
        });
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .filter(|flag| flag.starts_with("-D"))
        .map(str::to_owned)
        .collect()
}
