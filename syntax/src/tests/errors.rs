//! Error positions and messages for malformed input, and the guarantee
//! that no input makes the parser panic.

use crate::parse;

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
    let depth = crate::parser::MAX_NESTING as usize - 1;
    let text = nested_whiles(depth);
    let outcome = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let module = parse(&text, "deep.mlir").map_err(|e| e.to_string())?;
            let pretty = crate::to_pretty(&module);
            let generic = crate::to_generic(&module, "deep.mlir");
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
    let shardy = super::read(&super::sharded_dir().join("smap_megatron_mlp.shardy.mlir"));
    for source in [&text, &export, &generic, &shardy] {
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
                let _ = crate::to_pretty(&module);
                let _ = crate::to_generic(&module, "m.mlir");
            }
        }
    }
}

/// A function `@f(%x: tensor<4xf32>)` whose body is `line` (line 2) and a return.
fn one_op(line: &str) -> String {
    format!("func.func @f(%x: tensor<4xf32>) -> tensor<4xi1> {{\n{line}\n  return %0 : tensor<4xi1>\n}}\n")
}

// Unknown enumeration spellings (found by the fuzzer: the reader accepted
// them and printed a pretty form it then rejected) are errors at their
// value, checked against the one table in `enums`, in either syntax.

#[test]
fn unknown_comparison_direction() {
    let pretty =
        one_op("  %0 = stablehlo.compare LQ, %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>");
    expect_error(
        &pretty,
        2,
        26,
        "unknown comparison_direction 'LQ' (expected one of EQ, NE, GE, GT, LE, LT)",
    );
    let generic = one_op(
        "  %0 = \"stablehlo.compare\"(%x, %x) {comparison_direction = #stablehlo<comparison_direction LQ>} \
         : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>",
    );
    expect_error(&generic, 2, 92, "unknown comparison_direction 'LQ'");
    let properties = one_op(
        "  %0 = \"stablehlo.compare\"(%x, %x) <{comparison_direction = #stablehlo<comparison_direction lt>}> \
         : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>",
    );
    expect_error(&properties, 2, 93, "unknown comparison_direction 'lt'");
    let chlo = one_op(
        "  %0 = chlo.broadcast_compare %x, %x {comparison_direction = #chlo<comparison_direction BIGGER>} \
         : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>",
    );
    expect_error(&chlo, 2, 89, "unknown comparison_direction 'BIGGER'");
}

#[test]
fn unknown_comparison_type() {
    let pretty =
        one_op("  %0 = stablehlo.compare LT, %x, %x, FUZZY : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>");
    expect_error(&pretty, 2, 38, "unknown comparison_type 'FUZZY'");
    let generic = one_op(
        "  %0 = \"stablehlo.compare\"(%x, %x) {compare_type = #stablehlo<comparison_type float>, \
         comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>",
    );
    expect_error(&generic, 2, 79, "unknown comparison_type 'float'");
    let no_value = one_op(
        "  %0 = \"stablehlo.compare\"(%x, %x) {compare_type = #stablehlo<comparison_type>, \
         comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>",
    );
    expect_error(&no_value, 2, 52, "expected #stablehlo<comparison_type ...>");
}

#[test]
fn unknown_precision() {
    let text = "func.func @f(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {\n  \
                %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAUeT] \
                : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>\n  return %0 : tensor<3x5xf32>\n}\n";
    expect_error(text, 2, 90, "unknown precision 'DEFAUeT' (expected one of DEFAULT, HIGH, HIGHEST)");
    let generic = "func.func @f(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {\n  \
                   %0 = \"stablehlo.dot_general\"(%a, %b) {dot_dimension_numbers = #stablehlo.dot<\
                   lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>, precision_config = \
                   [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAUeT>]} \
                   : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>\n  return %0 : tensor<3x5xf32>\n}\n";
    expect_error(generic, 2, 221, "unknown precision 'DEFAUeT'");
    let dot = "func.func @f(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<f32> {\n  \
               %0 = stablehlo.dot %a, %b, precision = [HIGH, HIGHER] : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>\n  \
               return %0 : tensor<f32>\n}\n";
    expect_error(dot, 2, 49, "unknown precision 'HIGHER'");
}

#[test]
fn unknown_spellings_of_the_other_enumerations() {
    let fft = "func.func @f(%x: tensor<8xcomplex<f32>>) -> tensor<8xcomplex<f32>> {\n  \
               %0 = \"stablehlo.fft\"(%x) {fft_length = array<i64: 8>, fft_type = #stablehlo<fft_type DFT>} \
               : (tensor<8xcomplex<f32>>) -> tensor<8xcomplex<f32>>\n  return %0 : tensor<8xcomplex<f32>>\n}\n";
    expect_error(fft, 2, 88, "unknown fft_type 'DFT' (expected one of FFT, IFFT, RFFT, IRFFT)");
    let alias = "#d = #stablehlo<rng_distribution GAUSSIAN>\nmodule {\n}\n";
    expect_error(alias, 1, 34, "unknown rng_distribution 'GAUSSIAN'");
    let module_attr = "module attributes {a = [{b = #stablehlo<transpose SIDEWAYS>}]} {\n}\n";
    expect_error(module_attr, 1, 51, "unknown transpose 'SIDEWAYS'");
    let arg_attr = "func.func @f(%x: tensor<4xf32> {a = #stablehlo<rng_algorithm MT>}) {\n  return\n}\n";
    expect_error(arg_attr, 1, 62, "unknown rng_algorithm 'MT'");
}

#[test]
fn enumeration_spellings_in_strings_and_unknown_keywords_are_not_checked() {
    let text = one_op(
        "  %0 = \"stablehlo.compare\"(%x, %x) {comparison_direction = #stablehlo<comparison_direction LT>, \
         note = \"#stablehlo<comparison_direction LQ>\", other = #stablehlo<direction LQ>} \
         : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>",
    );
    let module = parse(&text, "ok.mlir").unwrap_or_else(|e| panic!("{e}"));
    let pretty = crate::to_pretty(&module);
    assert!(pretty.contains("stablehlo.compare LT, %arg0, %arg0"), "{pretty}");
}

/// A mesh and a function `@f(%arg0: tensor<8xf32>)` whose body is `lines`
/// (from line 3) and a return.
fn sdy_function(lines: &str) -> String {
    format!(
        "sdy.mesh @mesh = <[\"data\"=2]>\nfunc.func @f(%arg0: tensor<8xf32>) -> tensor<8xf32> {{\n{lines}\n  \
         return %arg0 : tensor<8xf32>\n}}\n"
    )
}

#[test]
fn manual_computation_without_manual_axes() {
    let text = sdy_function(
        r#"  %0 = sdy.manual_computation(%arg0) in_shardings=[<@mesh, [{"data"}]>] out_shardings=[<@mesh, [{"data"}]>] (%arg1: tensor<4xf32>) {
    sdy.return %arg1 : tensor<4xf32>
  } : (tensor<8xf32>) -> tensor<8xf32>"#,
    );
    expect_error(&text, 3, 109, "expected 'manual_axes', found '('");
}

#[test]
fn manual_computation_shardings_are_a_bracketed_list() {
    let text = sdy_function(
        r#"  %0 = sdy.manual_computation(%arg0) in_shardings=<@mesh, [{"data"}]> out_shardings=[<@mesh, [{"data"}]>] manual_axes={"data"} (%arg1: tensor<4xf32>) {
    sdy.return %arg1 : tensor<4xf32>
  } : (tensor<8xf32>) -> tensor<8xf32>"#,
    );
    expect_error(&text, 3, 51, "expected '[', found '<'");
}

#[test]
fn manual_computation_body_sees_no_outer_value() {
    let pretty = sdy_function(
        r#"  %0 = sdy.manual_computation(%arg0) in_shardings=[<@mesh, [{"data"}]>] out_shardings=[<@mesh, [{"data"}]>] manual_axes={"data"} (%arg1: tensor<4xf32>) {
    sdy.return %arg0 : tensor<8xf32>
  } : (tensor<8xf32>) -> tensor<8xf32>"#,
    );
    expect_error(&pretty, 4, 16, "use of undefined SSA value '%arg0'");
    let generic = sdy_function(
        r#"  %0 = "sdy.manual_computation"(%arg0) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}]>]>}> ({
  ^bb0(%arg1: tensor<4xf32>):
    "sdy.return"(%arg0) : (tensor<8xf32>) -> ()
  }) : (tensor<8xf32>) -> tensor<8xf32>"#,
    );
    expect_error(&generic, 5, 18, "use of undefined SSA value '%arg0'");
}

#[test]
fn manual_computation_body_has_no_block_header() {
    let text = sdy_function(
        r#"  %0 = sdy.manual_computation(%arg0) in_shardings=[<@mesh, [{"data"}]>] out_shardings=[<@mesh, [{"data"}]>] manual_axes={"data"} () {
  ^bb0(%arg1: tensor<4xf32>):
    sdy.return %arg1 : tensor<4xf32>
  } : (tensor<8xf32>) -> tensor<8xf32>"#,
    );
    expect_error(&text, 4, 3, "invalid block name in a region whose entry block arguments are declared");
}

#[test]
fn sharding_constraint_without_a_type() {
    let text = sdy_function(r#"  %0 = sdy.sharding_constraint %arg0 <@mesh, [{"data"}]>"#);
    expect_error(&text, 4, 3, "expected ':', found 'return'");
}

#[test]
fn unterminated_mesh_and_sharding() {
    expect_error("sdy.mesh @mesh = <[\"data\"=2]\n", 1, 18, "unterminated '<'");
    let text = sdy_function(r#"  %0 = sdy.sharding_constraint %arg0 <@mesh, [{"data"}] : tensor<8xf32>"#);
    expect_error(&text, 5, 1, "mismatched '}': expected '>' to close the '<' at 3:38");
}

#[test]
fn mesh_and_sharding_group_keywords() {
    expect_error("sdy.mesh @mesh <[\"data\"=2]>\n", 1, 16, "expected '=', found '<'");
    expect_error("sdy.mesh @mesh = [\"data\"=2]\n", 1, 18, "expected '<', found '['");
    let text = sdy_function("  sdy.sharding_group %arg0 : tensor<8xf32>");
    expect_error(&text, 3, 28, "expected 'group_id', found ':'");
}
