//! Error positions and messages for malformed input, and the guarantee
//! that no input makes the parser panic.

use crate::syntax::parse;

/// Parses `text`, expecting an error at `line`:`column` whose message contains `needle`.
fn expect_error(text: &str, line: u32, column: u32, needle: &str) {
    let err = match parse(text, "bad.mlir") {
        Ok(_) => panic!("expected a parse error for:\n{text}"),
        Err(err) => err,
    };
    assert_eq!((err.line, err.column), (line, column), "wrong position for error '{err}' in:\n{text}");
    assert!(err.message.contains(needle), "message '{}' lacks '{needle}'", err.message);
}

#[test]
fn unknown_token() {
    let text = "module {\n  func.func @f(%arg0: tensor<f32>) -> tensor<f32> {\n    \
                %0 = stablehlo.add %arg0, %arg0 : tensor<f32> $\n    return %0 : tensor<f32>\n  }\n}\n";
    expect_error(text, 3, 51, "expected operation, found '$'");
}

#[test]
fn unterminated_region() {
    let text =
        "module {\n  func.func @f(%arg0: tensor<f32>) -> tensor<f32> {\n    return %arg0 : tensor<f32>\n";
    expect_error(text, 4, 1, "expected '}' to close the region opened at 2:51");
}

#[test]
fn unterminated_module() {
    let text = "module @m {\n  func.func @f() {\n    return\n  }\n";
    expect_error(text, 5, 1, "expected '}' to close the module opened at 1:11");
}

#[test]
fn unterminated_type() {
    let text = "func.func @f(%arg0: tensor<f32>) -> tensor<f32> {\n  \
                %0 = stablehlo.add %arg0, %arg0 : tensor<f32\n  return %0 : tensor<f32>\n}\n";
    expect_error(text, 2, 37, "malformed type");
}

#[test]
fn not_a_type() {
    let text = "func.func @f(%arg0: tensor<f32>) -> tensor<f32> {\n  \
                %0 = stablehlo.negate %arg0 : 42\n  return %0 : tensor<f32>\n}\n";
    expect_error(text, 2, 33, "expected type, found '42'");
}

#[test]
fn unknown_operation() {
    let text = "func.func @f(%arg0: tensor<f32>) -> tensor<f32> {\n  \
                %0 = stablehlo.frobnicate %arg0 : tensor<f32>\n  return %0 : tensor<f32>\n}\n";
    expect_error(text, 2, 8, "unknown operation 'stablehlo.frobnicate'");
}

#[test]
fn result_count_mismatch() {
    let text = "func.func @f(%arg0: tensor<f32>) -> tensor<f32> {\n  \
                %0:2 = stablehlo.abs %arg0 : tensor<f32>\n  return %0#0 : tensor<f32>\n}\n";
    expect_error(text, 2, 3, "operation defines 1 results but was provided 2 to bind");
}

#[test]
fn operand_type_count_mismatch() {
    let text = "func.func @f(%arg0: tensor<f32>) -> tensor<f32> {\n  \
                %0 = stablehlo.add %arg0, %arg0 : (tensor<f32>) -> tensor<f32>\n  return %0 : tensor<f32>\n}\n";
    expect_error(text, 2, 37, "2 operands present, but expected 1");
}

#[test]
fn redefinition() {
    let text =
        "func.func @f(%arg0: tensor<f32>) -> tensor<f32> {\n  %0 = stablehlo.abs %arg0 : tensor<f32>\n  \
                %0 = stablehlo.negate %arg0 : tensor<f32>\n  return %0 : tensor<f32>\n}\n";
    expect_error(text, 3, 3, "redefinition of SSA value '%0'");
    let nested = "func.func @f(%arg0: tensor<i1>) -> tensor<i1> {\n  %0 = \"stablehlo.if\"(%arg0) ({\n    \
                  %arg0 = stablehlo.not %arg0 : tensor<i1>\n    stablehlo.return %arg0 : tensor<i1>\n  }, {\n    \
                  stablehlo.return %arg0 : tensor<i1>\n  }) : (tensor<i1>) -> tensor<i1>\n  return %0 : tensor<i1>\n}\n";
    expect_error(nested, 3, 5, "redefinition of SSA value '%arg0'");
}

#[test]
fn undefined_value_and_bad_result_number() {
    let text = "func.func @f(%arg0: tensor<f32>) -> tensor<f32> {\n  %0 = stablehlo.abs %x : tensor<f32>\n  \
                return %0 : tensor<f32>\n}\n";
    expect_error(text, 2, 22, "use of undefined SSA value '%x'");
    let text =
        "func.func @f(%arg0: tensor<f32>) -> tensor<f32> {\n  %0 = stablehlo.abs %arg0 : tensor<f32>\n  \
                return %0#1 : tensor<f32>\n}\n";
    expect_error(text, 3, 10, "result number 1 is out of range: '%0' binds 1 result(s)");
    let other_function =
        "func.func @f(%arg0: tensor<f32>) -> tensor<f32> {\n  return %arg0 : tensor<f32>\n}\n\
                          func.func @g() -> tensor<f32> {\n  return %arg0 : tensor<f32>\n}\n";
    expect_error(other_function, 5, 10, "use of undefined SSA value '%arg0'");
}

#[test]
fn forward_references_in_graph_regions_resolve() {
    let text = "\"builtin.module\"() ({\n  \"test.graph\"() ({\n    \"test.use\"(%later) : (i32) -> ()\n    \
                %later = \"test.def\"() : () -> i32\n  }) : () -> ()\n}) : () -> ()\n";
    assert!(parse(text, "graph.mlir").is_ok());
}

#[test]
fn unterminated_string() {
    expect_error("module attributes {a = \"abc} {\n}\n", 1, 24, "unterminated string literal");
}

#[test]
fn generic_form_errors() {
    let text = "\"builtin.module\"() ({\n  %0 = \"stablehlo.constant\"() <{value = dense<1> : tensor<i32>}> : () tensor<i32>\n}) : () -> ()\n";
    expect_error(text, 2, 71, "expected '->'");
}

#[test]
fn missing_colon_in_compare() {
    let text = "func.func @f(%a: tensor<f32>) -> tensor<i1> {\n  \
                %0 = stablehlo.compare LT, %a, %a, FLOAT (tensor<f32>, tensor<f32>) -> tensor<i1>\n  \
                return %0 : tensor<i1>\n}\n";
    expect_error(text, 2, 44, "expected ':'");
}

/// `depth` nested pretty `while` loops.
fn nested_whiles(depth: usize) -> String {
    let mut text = String::from("func.func @f(%arg0: tensor<i1>) -> tensor<i1> {\n");
    for i in 0..depth {
        text.push_str(&format!("%w{i} = stablehlo.while(%it{i} = %arg0) : tensor<i1>\ncond {{\nstablehlo.return %arg0 : tensor<i1>\n}} do {{\n"));
    }
    for i in (0..depth).rev() {
        text.push_str(&format!("stablehlo.return %it{i} : tensor<i1>\n}}\n"));
    }
    text.push_str("return %arg0 : tensor<i1>\n}\n");
    text
}

#[test]
fn the_deepest_accepted_nesting_fits_a_default_thread_stack() {
    // The function body plus MAX_NESTING - 1 nested loops: the deepest nesting accepted.
    let depth = crate::syntax::parser::MAX_NESTING as usize - 1;
    let text = nested_whiles(depth);
    let outcome = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let module = parse(&text, "deep.mlir").map_err(|e| e.to_string())?;
            let pretty = crate::syntax::to_pretty(&module);
            let generic = crate::syntax::to_generic(&module, "deep.mlir");
            Ok::<_, String>((pretty.len(), generic.len()))
        })
        .ok()
        .and_then(|handle| handle.join().ok());
    assert!(matches!(outcome, Some(Ok(_))), "{outcome:?}");
    let err = parse(&nested_whiles(depth + 1), "deep.mlir").err().map(|e| e.message).unwrap_or_default();
    assert!(err.contains("regions nested too deeply"), "{err}");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 5000;
    let mut text = String::new();
    for _ in 0..depth {
        text.push_str("\"test.op\"() ({\n");
    }
    for _ in 0..depth {
        text.push_str("}) : () -> ()\n");
    }
    let err = parse(&text, "deep.mlir").err().map(|e| e.message).unwrap_or_default();
    assert!(err.contains("regions nested too deeply"), "{err}");
    let types = format!("func.func @f() -> {}tensor<f32>{} {{\n}}\n", "(".repeat(depth), ")".repeat(depth));
    let err = parse(&types, "deep.mlir").err().map(|e| e.message).unwrap_or_default();
    assert!(err.contains("nested too deeply"), "{err}");
}

/// Deterministic pseudo-random numbers (no external crates).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn never_panics_on_truncated_or_mutated_input() {
    let dir = super::corpus_dir();
    let text = super::read(&dir.join("cond_branches/vjp.stablehlo.mlir"));
    let export = super::read(&dir.join("mha_padded/export.mlir"));
    let generic = super::read(&dir.join("running_products/fwd.generic.mlir"));
    for source in [&text, &export, &generic] {
        let bytes = source.as_bytes();
        for cut in (0..bytes.len()).step_by(13) {
            let prefix = String::from_utf8_lossy(bytes.get(..cut).unwrap_or_default());
            let _ = parse(&prefix, "cut.mlir");
        }
        let mut rng = Lcg(7);
        let alphabet = b"%#@^!\"(){}[]<>,:=-x0123456789abcdefloc \n";
        for _ in 0..400 {
            let mut mutated = bytes.to_vec();
            for _ in 0..1 + rng.next() % 4 {
                let at = usize::try_from(rng.next()).unwrap_or(0) % mutated.len().max(1);
                let with = alphabet[usize::try_from(rng.next()).unwrap_or(0) % alphabet.len()];
                if let Some(b) = mutated.get_mut(at) {
                    *b = with;
                }
            }
            let mutated = String::from_utf8_lossy(&mutated);
            if let Ok(module) = parse(&mutated, "m.mlir") {
                let _ = crate::syntax::to_pretty(&module);
                let _ = crate::syntax::to_generic(&module, "m.mlir");
            }
        }
    }
}
