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

use crate::diagnostics::{Diag, DiagnosticCollector};

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
pub fn split_input(text: &str) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    let mut lines_before = 0usize;
    let mut start_line = 0usize;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "// -----" {
            chunks.push(format!("{}{}", "\n".repeat(start_line), current));
            current.clear();
            lines_before += 1;
            start_line = lines_before;
            continue;
        }
        current.push_str(line);
        lines_before += 1;
    }
    chunks.push(format!("{}{}", "\n".repeat(start_line), current));
    chunks
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

/// Whether `text` spells StableHLO or CHLO ops in their pretty syntax
/// (`stablehlo.add %a, %b`), which only jaxr's own reader understands; the
/// generic spelling (`"stablehlo.add"(...)`) and attributes and types
/// (`#stablehlo<...>`, `!stablehlo.token`) do not count.
pub fn has_pretty_stablehlo(text: &str) -> bool {
    text.lines().any(|line| {
        let code = line.split("//").next().unwrap_or_default();
        ["stablehlo.", "chlo."].iter().any(|prefix| {
            code.match_indices(prefix).any(|(at, _)| {
                let before = code[..at].chars().next_back();
                !matches!(before, Some('"' | '#' | '!' | '.' | '_') | Some('a'..='z' | 'A'..='Z' | '0'..='9'))
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
    if has_pretty_stablehlo(text) {
        let ast = jaxr_syntax::parse(text, file)
            .map_err(|e| vec![Diag::error_at(e.line as usize, e.column as usize, e.message)])?;
        let generic = jaxr_syntax::to_generic(&ast, file);
        return parse_text(context, collector, &generic, file);
    }
    parse_text(context, collector, text, file)
}

fn parse_text<'c>(
    context: &'c Context,
    collector: &DiagnosticCollector,
    text: &str,
    file: &str,
) -> Result<Module<'c>, Vec<Diag>> {
    if let Some(module) = parse_named(context, text, file) {
        return Ok(module);
    }
    // Several top-level ops without a module: parse them into an implicit one
    // (their locations then name the buffer "-"; diagnostics still name `file`).
    collector.take();
    match Module::parse(context, text) {
        Some(module) => Ok(module),
        None => {
            let mut diags = collector.take();
            if diags.is_empty() {
                diags.push(Diag::error("the input could not be parsed"));
            }
            Err(diags)
        }
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
    match manager.run(module) {
        Ok(()) => Ok(()),
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
const PRETTY_DIALECTS: &[&str] = &["builtin", "func", "stablehlo", "chlo"];

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
        .map_err(|e| format!("cannot print the module: {e}"))?;
    if !pretty_stablehlo {
        return Ok(text);
    }
    let ast = jaxr_syntax::parse(&text, "-").map_err(|e| {
        format!("internal error: cannot re-read MLIR's output at {}:{}: {}", e.line, e.column, e.message)
    })?;
    Ok(if options.debug_info {
        jaxr_syntax::to_pretty(&ast)
    } else {
        jaxr_syntax::to_pretty_without_locations(&ast)
    })
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
}
