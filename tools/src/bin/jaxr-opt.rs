//! jaxr-opt: the mlir-opt of jaxr. Reads a module (jaxr, generic StableHLO, or
//! both), runs a textual pass pipeline and prints the result.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser};

use jaxr_passes::{
    check_pipeline, parse_module_with, print_module_located, run_pipeline, split_chunks, Chunk, Diag,
    DiagnosticCollector, Instrumentation, ParseOptions, PrintOptions, Severity, Source, SourceLines,
};
use jaxr_tools::verify_diagnostics::{check, parse_expectations};
use jaxr_tools::{passes_help, register_all_passes, write_output, LimitArgs};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Emit {
    Pretty,
    Generic,
}

#[derive(Parser, Debug)]
#[command(name = "jaxr-opt", version, about = "Transform jaxr and StableHLO modules with a pass pipeline")]
struct Cli {
    /// Input file, or '-' for stdin.
    #[arg(default_value = "-")]
    input: String,
    /// Output file, or '-' for stdout. Written only when everything succeeds.
    #[arg(short = 'o', default_value = "-")]
    output: String,
    /// Textual pass pipeline, e.g. 'builtin.module(canonicalize, convert-jaxr-to-stablehlo)'.
    #[arg(long = "pass-pipeline")]
    pass_pipeline: Option<String>,
    /// Treat each '// -----'-separated chunk as its own module.
    #[arg(long = "split-input-file")]
    split_input_file: bool,
    /// Check diagnostics against expected-error/-warning/-note comments.
    #[arg(long = "verify-diagnostics")]
    verify_diagnostics: bool,
    /// Print the IR after every pass (to stderr).
    #[arg(long = "mlir-print-ir-after-all")]
    print_ir_after_all: bool,
    /// Print a report of the time spent in each pass (to stderr).
    #[arg(long = "mlir-timing")]
    timing: bool,
    /// Print every op in the generic form (the same as --emit=generic).
    #[arg(long = "mlir-print-op-generic")]
    generic: bool,
    /// Output syntax: `pretty` prints a module of StableHLO alone as JAX
    /// prints it (jaxr ops in jaxr's syntax); `generic` prints MLIR's generic form.
    #[arg(long, value_enum, default_value_t = Emit::Pretty)]
    emit: Emit,
    /// Print locations.
    #[arg(long = "mlir-print-debuginfo")]
    debug_info: bool,
    /// Accept ops of dialects jaxr does not register (kept as generic ops
    /// that passes treat as unknown); without it they are errors.
    #[arg(long = "allow-unregistered-dialect")]
    allow_unregistered_dialect: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

fn main() -> ExitCode {
    register_all_passes();
    let command = Cli::command().after_help(passes_help::passes_help());
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprint!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs every chunk; returns the rendered diagnostics on failure.
fn run(cli: &Cli) -> Result<(), String> {
    let source = Source::read(&cli.input).map_err(|e| format!("jaxr-opt: error: {e}\n"))?;
    let chunks = if cli.split_input_file {
        split_chunks(&source.text)
    } else {
        vec![Chunk { text: &source.text, first_line: 0 }]
    };
    let lines = SourceLines::new(&source.text);
    let context = jaxr_dialect::create_context();
    jaxr_dialect::allow_unregistered_dialects(&context, cli.allow_unregistered_dialect);
    if cli.verify_diagnostics {
        jaxr_dialect::set_print_op_on_diagnostic(&context, false);
    }
    let collector = DiagnosticCollector::attach(&context);
    if let Some(pipeline) = &cli.pass_pipeline {
        // A bad pipeline is reported once, not once per chunk.
        check_pipeline(&context, pipeline).map_err(|d| lines.render(&d, &source.name))?;
    }
    let mut outputs = Vec::new();
    let mut failures = String::new();
    for chunk in &chunks {
        let (output, diags) = process_chunk(cli, &context, &collector, chunk);
        let diags = if cli.verify_diagnostics {
            match parse_expectations(chunk.text, chunk.first_line) {
                Ok(expected) => check(&expected, &diags),
                Err(d) => vec![d],
            }
        } else {
            diags
        };
        for d in &diags {
            let rendered = lines.render(d, &source.name);
            // Warnings and remarks are reported but do not fail the run.
            if d.severity == Severity::Error || cli.verify_diagnostics {
                failures.push_str(&rendered);
            } else {
                eprint!("{rendered}");
            }
        }
        match output {
            Some(text) => outputs.push(text),
            None if failures.is_empty() && !cli.verify_diagnostics => {
                failures.push_str("jaxr-opt: error: a chunk failed\n")
            }
            None => {}
        }
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    let mut text = outputs.join("// -----\n");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    write_output(&cli.output, &text).map_err(|e| format!("jaxr-opt: error: {e}\n"))
}

/// Parses, transforms and prints one chunk: its printed form (when it
/// succeeded) and the diagnostics it produced.
fn process_chunk(
    cli: &Cli,
    context: &melior::Context,
    collector: &DiagnosticCollector,
    chunk: &Chunk,
) -> (Option<String>, Vec<Diag>) {
    let options = ParseOptions { first_line: chunk.first_line, limits: cli.limits.limits() };
    let mut module = match parse_module_with(context, collector, chunk.text, &cli.input, &options) {
        Ok(m) => m,
        Err(diags) => return (None, diags),
    };
    if let Some(pipeline) = &cli.pass_pipeline {
        let instrumentation =
            Instrumentation { print_ir_after_all: cli.print_ir_after_all, timing: cli.timing };
        if let Err(diags) = run_pipeline(context, collector, &mut module, pipeline, instrumentation) {
            return (None, diags);
        }
    }
    let printed = print_module_located(
        &module,
        PrintOptions { generic: cli.generic || cli.emit == Emit::Generic, debug_info: cli.debug_info },
    );
    let mut diags = collector.take();
    match printed {
        Ok(text) => (Some(text), diags),
        Err(e) => {
            diags.push(e);
            (None, diags)
        }
    }
}
