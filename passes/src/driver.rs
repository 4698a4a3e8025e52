//! What jaxr-opt, jaxr-run and the tests share: reading input, splitting it,
//! parsing it into a module, running a textual pass pipeline and printing the
//! result.

use std::io::Read;

use jaxr_dialect::raw::string_ref;
use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationLike, OperationPrintingFlags};
use melior::ir::Module;
use melior::pass::PassManager;
use melior::Context;
use mlir_sys::MlirOperation;

use crate::chunks::{shift_locations, LineShift};
pub use crate::chunks::{split_chunks, Chunk};
use crate::diagnostics::{Diag, DiagnosticCollector};
use crate::prescan::{prescan, ParseLimits};

/// A named input text.
pub struct Source {
    /// The path as the user gave it (`-` for stdin).
    pub name: String,
    pub text: String,
}

impl Source {
    /// Reads a file, or stdin for `-`.
    pub fn read(path: &str) -> Result<Source, String> {
        let text = if path == "-" {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read stdin: {e}"))?;
            text
        } else {
            std::fs::read_to_string(path).map_err(|e| format!("cannot read '{path}': {e}"))?
        };
        Ok(Source { name: path.to_string(), text })
    }
}

/// Splits at lines `// -----`. Each chunk keeps its place in the file: the
/// lines before it are blanked, so line numbers in diagnostics stay true.
/// (Quadratic in the number of chunks: the tools use [`split_chunks`] and
/// [`ParseOptions::first_line`] instead.)
pub fn split_input(text: &str) -> Vec<String> {
    split_chunks(text).iter().map(|c| format!("{}{}", "\n".repeat(c.first_line), c.text)).collect()
}

/// How to parse a text: where it sits in its file, and the limits of the
/// pre-scan that keeps MLIR's parser from crashing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Lines of the file before the text (a `--split-input-file` chunk).
    pub first_line: usize,
    pub limits: ParseLimits,
}

/// Parses a module whose locations name `file`. A single top-level op other
/// than a module is wrapped in one, as mlir-opt does.
fn parse_named<'c>(context: &'c Context, text: &str, file: &str) -> Option<Module<'c>> {
    let source = string_ref(text);
    let name = string_ref(file);
    // SAFETY: live context; MLIR copies the strings; ownership of the parsed op passes to us.
    let op = unsafe {
        let raw = mlir_sys::mlirOperationCreateParse(context.to_raw(), source, name);
        melior::ir::Operation::from_option_raw(raw)?
    };
    if op.name().as_string_ref().as_str() == Ok("builtin.module") {
        return Module::from_operation(op);
    }
    let module = Module::new(op.location());
    module.body().append_operation(op);
    Some(module)
}

/// Whether `text` spells StableHLO, CHLO or Shardy ops in their pretty
/// syntax (`stablehlo.add %a, %b`, `sdy.mesh @mesh = <...>`), which only
/// jaxr's own reader understands; the generic spelling
/// (`"stablehlo.add"(...)`), attributes and types (`#stablehlo<...>`,
/// `!stablehlo.token`) and attribute names (`{sdy.sharding = ...}`) do not
/// count.
pub fn has_pretty_stablehlo(text: &str) -> bool {
    text.lines().any(|line| {
        let code = line.split("//").next().unwrap_or_default();
        ["stablehlo.", "chlo.", "sdy."].iter().any(|prefix| {
            code.match_indices(prefix).any(|(at, _)| {
                let before = code[..at].chars().next_back();
                let after =
                    code[at..].trim_start_matches(|c: char| c.is_ascii_alphanumeric() || "._".contains(c));
                !matches!(before, Some('"' | '#' | '!' | '.' | '_') | Some('a'..='z' | 'A'..='Z' | '0'..='9'))
                    && !after.trim_start().starts_with('=')
            })
        })
    })
}

/// Parses a module, its locations naming `file`; on failure returns the
/// diagnostics MLIR produced. Pretty StableHLO is read by jaxr's own reader
/// (the jaxr-syntax crate), which hands MLIR the generic form with locations
/// that point into `text`.
pub fn parse_module<'c>(
    context: &'c Context,
    collector: &DiagnosticCollector,
    text: &str,
    file: &str,
) -> Result<Module<'c>, Vec<Diag>> {
    parse_module_with(context, collector, text, file, &ParseOptions::default())
}

/// [`parse_module`] of a text that starts `options.first_line` lines into
/// `file`, after the pre-scan with `options.limits`.
pub fn parse_module_with<'c>(
    context: &'c Context,
    collector: &DiagnosticCollector,
    text: &str,
    file: &str,
    options: &ParseOptions,
) -> Result<Module<'c>, Vec<Diag>> {
    let first_line = options.first_line;
    prescan(text, &options.limits).map_err(|d| vec![shifted(d, first_line)])?;
    // A chunk is parsed under a name of its own: its locations (and only
    // those) move to their lines in the file afterwards.
    let buffer = if first_line == 0 { file.to_string() } else { format!("{file} (split chunk)") };
    let module = if has_pretty_stablehlo(text) {
        let ast = jaxr_syntax::parse(text, &buffer).map_err(|e| {
            let message = shift_positions_in(&e.message, first_line);
            vec![Diag::error_at(e.line as usize + first_line, e.column as usize, message)]
        })?;
        let generic = jaxr_syntax::to_generic(&ast, &buffer);
        parse_text(context, collector, &generic, &buffer, first_line)?
    } else {
        parse_text(context, collector, text, &buffer, first_line)?
    };
    if first_line > 0 {
        shift_locations(&module, &LineShift { from: &buffer, to: file, offset: first_line });
    }
    Ok(module)
}

/// jaxr-syntax's messages name other places as `at LINE:COLUMN` (the `{`
/// an unclosed region opened at): those lines move by `offset` too.
fn shift_positions_in(message: &str, offset: usize) -> String {
    if offset == 0 {
        return message.to_string();
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at ") {
        let (before, after) = rest.split_at(at + " at ".len());
        out.push_str(before);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let line = after[..digits].parse::<usize>().ok().filter(|_| after[digits..].starts_with(':'));
        rest = match line {
            Some(line) => {
                out.push_str(&(line + offset).to_string());
                &after[digits..]
            }
            None => after,
        };
    }
    out.push_str(rest);
    out
}

fn shifted(d: Diag, offset: usize) -> Diag {
    Diag { line: d.line.map(|l| l + offset), ..d }
}

/// The name MLIR gives the buffer of a module parsed without one.
const UNNAMED_BUFFER: &str = "-";

fn parse_text<'c>(
    context: &'c Context,
    collector: &DiagnosticCollector,
    text: &str,
    file: &str,
    first_line: usize,
) -> Result<Module<'c>, Vec<Diag>> {
    collector.shift_lines(&[file], first_line);
    let module = parse_named(context, text, file);
    collector.shift_lines(&[], 0);
    if let Some(module) = module {
        return Ok(module);
    }
    // Several top-level ops without a module: parse them into an implicit one
    // (their locations then name the buffer "-"; diagnostics still name `file`).
    collector.take();
    // Locations the text spells out still name `file`.
    collector.shift_lines(&[file, UNNAMED_BUFFER], first_line);
    let module = parse_unnamed(context, text);
    collector.shift_lines(&[], 0);
    match module {
        Some(module) => {
            if first_line > 0 {
                let shift = LineShift { from: UNNAMED_BUFFER, to: UNNAMED_BUFFER, offset: first_line };
                shift_locations(&module, &shift);
            }
            Ok(module)
        }
        None => {
            let mut diags = collector.take();
            if diags.is_empty() {
                diags.push(Diag::error("the input could not be parsed"));
            }
            Err(diags)
        }
    }
}

/// `Module::parse` without its C string (which panics on a NUL byte).
fn parse_unnamed<'c>(context: &'c Context, text: &str) -> Option<Module<'c>> {
    // SAFETY: live context; MLIR copies the text; the module passes to us.
    unsafe {
        let raw = mlir_sys::mlirModuleCreateParse(context.to_raw(), string_ref(text));
        Module::from_option_raw(raw)
    }
}

/// Checks that `pipeline` parses (pass names and options).
pub fn check_pipeline(context: &Context, pipeline: &str) -> Result<(), Diag> {
    let manager = PassManager::new(context);
    melior::utility::parse_pass_pipeline(manager.as_operation_pass_manager(), pipeline)
        .map_err(|e| Diag::error(format!("invalid pass pipeline '{pipeline}': {e}")))
}

/// Pass-manager instrumentation requested on the command line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Instrumentation {
    pub print_ir_after_all: bool,
    pub timing: bool,
}

/// The passes that turn a module of jaxr (and StableHLO) into the StableHLO a
/// PJRT plugin compiles, as jaxr-run runs them: random ops expanded into jaxr
/// primitives, then every jaxr op lowered.
pub const TO_STABLEHLO: &str = "jaxr-expand-random, convert-jaxr-to-stablehlo";

/// Runs `pipeline` (e.g. `builtin.module(canonicalize)`) on `module`.
pub fn run_pipeline(
    context: &Context,
    collector: &DiagnosticCollector,
    module: &mut Module,
    pipeline: &str,
    instrumentation: Instrumentation,
) -> Result<(), Vec<Diag>> {
    let manager = PassManager::new(context);
    melior::utility::parse_pass_pipeline(manager.as_operation_pass_manager(), pipeline)
        .map_err(|e| vec![Diag::error(format!("invalid pass pipeline '{pipeline}': {e}"))])?;
    if instrumentation.print_ir_after_all {
        // MLIR prints module-scoped IR only from a single-threaded context.
        context.enable_multi_threading(false);
        manager.enable_ir_printing(&melior::pass::PassIrPrintingOptions {
            before_all: false,
            after_all: true,
            module_scope: true,
            on_change: false,
            on_failure: false,
            flags: OperationPrintingFlags::new(),
            tree_printing_path: Default::default(),
        });
    }
    if instrumentation.timing {
        // SAFETY: the manager is alive; timing reports print when it drops.
        unsafe { mlir_sys::mlirPassManagerEnableTiming(manager.to_raw()) };
    }
    let outcome = manager.run(module);
    if outcome.is_err() {
        crate::staged::discard(context.to_raw());
    }
    match outcome {
        Ok(()) => crate::staged::commit(context.to_raw()).map_err(|m| vec![Diag::error(m)]),
        Err(_) => {
            let mut diags = collector.take();
            if diags.is_empty() {
                diags.push(Diag::error("the pass pipeline failed"));
            }
            Err(diags)
        }
    }
}

/// How to print a module.
#[derive(Clone, Copy, Debug, Default)]
pub struct PrintOptions {
    /// Every op in MLIR's generic form.
    pub generic: bool,
    pub debug_info: bool,
}

/// Dialects jaxr's StableHLO printer writes in their pretty syntax.
const PRETTY_DIALECTS: &[&str] = &["builtin", "func", "stablehlo", "chlo", "sdy"];

/// Whether every op of the module belongs to [`PRETTY_DIALECTS`].
fn is_stablehlo_module(module: &Module) -> bool {
    let mut all = true;
    module.as_operation().walk(melior::ir::operation::WalkOrder::PreOrder, |op| {
        let name = op.name().as_string_ref().as_str().unwrap_or_default().to_string();
        if !PRETTY_DIALECTS.contains(&name.split('.').next().unwrap_or_default()) {
            all = false;
            return melior::ir::operation::WalkResult::Interrupt;
        }
        melior::ir::operation::WalkResult::Advance
    });
    all
}

/// Prints a module. A module of StableHLO alone prints as JAX prints it
/// (pretty StableHLO, through jaxr's own printer); one that still holds jaxr
/// ops prints with MLIR's printer (jaxr pretty, StableHLO generic).
pub fn print_module(module: &Module, options: PrintOptions) -> Result<String, String> {
    print_module_located(module, options).map_err(|d| d.message)
}

/// [`print_module`], its error located where there is a place to name.
pub fn print_module_located(module: &Module, options: PrintOptions) -> Result<String, Diag> {
    let mut flags = OperationPrintingFlags::new();
    if options.debug_info {
        flags = flags.enable_debug_info(true, false);
    }
    let pretty_stablehlo = !options.generic && is_stablehlo_module(module);
    if options.generic || pretty_stablehlo {
        flags = flags.print_generic_operation_form();
    }
    let text = module
        .as_operation()
        .to_string_with_flags(flags)
        .map_err(|e| Diag::error(format!("cannot print the module: {e}")))?;
    if !pretty_stablehlo {
        return Ok(text);
    }
    let ast = jaxr_syntax::parse(&text, "-").map_err(|e| {
        if e.message.contains("nested too deeply") {
            return too_deep_to_print(module, &e.message);
        }
        Diag::error(format!(
            "internal error: cannot re-read MLIR's output at {}:{}: {}",
            e.line, e.column, e.message
        ))
    })?;
    Ok(if options.debug_info {
        jaxr_syntax::to_pretty(&ast)
    } else {
        jaxr_syntax::to_pretty_without_locations(&ast)
    })
}

/// jaxr's StableHLO reader (which the pretty printer goes through) reads
/// regions only so deep: the error is located at the most deeply nested op.
fn too_deep_to_print(module: &Module, reason: &str) -> Diag {
    let message = format!(
        "this module nests too deeply to print as pretty StableHLO ({reason}); --emit=generic prints it"
    );
    let location = deepest_op(module.as_operation().to_raw());
    // SAFETY: the op belongs to the live module.
    let printed = unsafe { melior::ir::Location::from_raw(mlir_sys::mlirOperationGetLocation(location)) };
    Diag::at_printed(&printed.to_string(), message)
}

/// The first of the ops nested in the most regions under `root`.
fn deepest_op(root: MlirOperation) -> MlirOperation {
    let (mut deepest, mut deepest_depth) = (root, 0);
    let mut pending = vec![(root, 0usize)];
    while let Some((op, depth)) = pending.pop() {
        if depth > deepest_depth {
            (deepest, deepest_depth) = (op, depth);
        }
        // SAFETY: `op` is a live op under `root`; so are its regions' ops.
        unsafe {
            for r in (0..mlir_sys::mlirOperationGetNumRegions(op)).rev() {
                let mut block = mlir_sys::mlirRegionGetFirstBlock(mlir_sys::mlirOperationGetRegion(op, r));
                let mut children = Vec::new();
                while !block.ptr.is_null() {
                    let mut child = mlir_sys::mlirBlockGetFirstOperation(block);
                    while !child.ptr.is_null() {
                        children.push((child, depth + 1));
                        child = mlir_sys::mlirOperationGetNextInBlock(child);
                    }
                    block = mlir_sys::mlirBlockGetNextInRegion(block);
                }
                pending.extend(children.into_iter().rev());
            }
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_chunks_keep_their_line_numbers() {
        let chunks = split_input("a\nb\n// -----\nc\n// -----\nd\n");
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[1].lines().nth(3), Some("c"));
        assert_eq!(chunks[2].lines().nth(5), Some("d"));
        assert_eq!(split_input("x\n"), vec!["x\n".to_string()]);
    }

    #[test]
    fn positions_in_messages_move_with_the_chunk() {
        let m = "mismatched '}': expected '>' to close the '<' at 4:33";
        assert_eq!(shift_positions_in(m, 10), "mismatched '}': expected '>' to close the '<' at 14:33");
        assert_eq!(shift_positions_in("region opened at 2:1, and at x", 3), "region opened at 5:1, and at x");
        assert_eq!(shift_positions_in(m, 0), m);
    }

    #[test]
    fn pretty_ops_are_told_from_generic_ops_attributes_and_attribute_names() {
        for pretty in [
            "%0 = stablehlo.add %a, %b : tensor<f32>",
            "%0 = chlo.erf_inv %x : tensor<4xf32> -> tensor<4xf32>",
            "sdy.mesh @mesh = <[\"data\"=8]>",
            "%1 = sdy.sharding_constraint %0 <@mesh, [{}]> : tensor<4xf32>",
            "sdy.return %1 : tensor<4xf32>",
        ] {
            assert!(has_pretty_stablehlo(pretty), "{pretty}");
        }
        for not_pretty in [
            "%0 = \"stablehlo.add\"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>",
            "%0 = jaxr.add %a, %b {cmp = #stablehlo<comparison_direction LT>} : tensor<f32>",
            "func.func @f(%x: tensor<4xf32> {sdy.sharding = #sdy.sharding<@mesh, [{}]>}) {",
            "\"sdy.mesh\"() <{mesh = #sdy.mesh<[\"a\"=2]>, sym_name = \"mesh\"}> {stablehlo.mesh = {}} : () -> ()",
            "// stablehlo.add in a comment",
        ] {
            assert!(!has_pretty_stablehlo(not_pretty), "{not_pretty}");
        }
    }
}
