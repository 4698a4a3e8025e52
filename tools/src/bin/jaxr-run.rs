//! jaxr-run: compile a module (jaxr and/or generic StableHLO) with a PJRT
//! plugin and run one of its functions on given inputs, iree-run-module style.

use std::process::ExitCode;

use clap::Parser;

use jaxr_passes::diagnostics::location_line_column;
use jaxr_passes::entry::{first_foreign_op, make_entry, text_for_pjrt, Signature};
use jaxr_passes::{
    parse_module, render, run_pipeline, Diag, DiagnosticCollector, Instrumentation, Source, TO_STABLEHLO,
};
use jaxr_runtime::{
    format_tensor, read_npy_as, write_npy, Client, ClientOptions, DType, HostTensor, Plugin, PluginChoice,
};
use jaxr_tools::register_all_passes;

#[derive(Parser, Debug)]
#[command(
    name = "jaxr-run",
    version,
    about = "Compile a jaxr or StableHLO module with a PJRT plugin and run a function",
    after_help = "Inputs, in argument order:\n  --input=@x.npy                a .npy file\n  --input='2x3xf32=1 2 3 4 5 6' a literal (row-major values; one value fills the tensor)\n  --input='f32=2.5'             a scalar\n  --input='2xcomplex<f32>=1+2j -3.5j'  complex values, Python style\nElement types: i1, i2, i4, i8..i64, ui2, ui4, ui8..ui64, f16, bf16, f32, f64,\nf8E4M3FN, f8E5M2, f8E4M3FNUZ, f8E5M2FNUZ, f8E4M3B11FNUZ, f8E4M3, f8E3M4, f8E8M0FNU,\nf6E2M3FN, f6E3M2FN, f4E2M1FN, complex<f32>, complex<f64>. A .npy file saved by\nnumpy from an ml_dtypes array ('<V1') takes its type from the argument.\nOutputs: --output=@y.npy per result, in result order; otherwise each result\nprints as 'result[i]: tensor<...> = [...]'.\nPlugin: --plugin, else $JAXR_PJRT_PLUGIN, else the CPU plugin installed by scripts/setup."
)]
struct Cli {
    /// Input module file, or '-' for stdin.
    #[arg(default_value = "-")]
    input_file: String,
    /// The function to run (public or private).
    #[arg(long, default_value = "main")]
    function: String,
    /// One input per argument, in order: @file.npy or a literal such as '2x2xf32=1 2 3 4'.
    #[arg(long = "input")]
    inputs: Vec<String>,
    /// One @file.npy per result, in order.
    #[arg(long = "output")]
    outputs: Vec<String>,
    /// PJRT plugin: cpu, cuda, tpu or a path to a plugin .so.
    #[arg(long)]
    plugin: Option<PluginChoice>,
    /// Number of CPU devices to create (the CPU plugin's cpu_device_count).
    #[arg(long)]
    devices: Option<i64>,
    /// Print the StableHLO handed to the plugin (to stderr) before compiling.
    #[arg(long = "print-stablehlo")]
    print_stablehlo: bool,
}

fn main() -> ExitCode {
    register_all_passes();
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprint!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn fail(message: impl std::fmt::Display) -> String {
    format!("jaxr-run: error: {message}\n")
}

fn run(cli: &Cli) -> Result<(), String> {
    let source = Source::read(&cli.input_file).map_err(fail)?;
    let rendered =
        |diags: Vec<Diag>| diags.iter().map(|d| render(d, &source.name, &source.text)).collect::<String>();
    let context = jaxr_dialect::create_context();
    let collector = DiagnosticCollector::attach(&context);
    let mut module = parse_module(&context, &collector, &source.text, &source.name).map_err(rendered)?;
    run_pipeline(
        &context,
        &collector,
        &mut module,
        &format!("builtin.module({})", TO_STABLEHLO),
        Instrumentation::default(),
    )
    .map_err(rendered)?;
    if let Some((name, location)) = first_foreign_op(&module) {
        let (line, column) = location_line_column(&location);
        let message =
            format!("unknown op '{name}': neither jaxr nor StableHLO, so no PJRT plugin can run it");
        let d = match (line, column) {
            (Some(l), Some(c)) => Diag::error_at(l, c, message),
            _ => Diag::error(message),
        };
        return Err(render(&d, &source.name, &source.text));
    }
    let unrunnable = jaxr_dialect::call_graph::CallGraph::of(&module).unrunnable_from(&cli.function);
    if !unrunnable.is_empty() {
        return Err(unrunnable
            .into_iter()
            .map(|e| {
                let d = match location_line_column(&e.location) {
                    (Some(l), Some(c)) => Diag::error_at(l, c, e.message),
                    _ => Diag::error(e.message),
                };
                render(&d, &source.name, &source.text)
            })
            .collect());
    }
    let signature = make_entry(&context, &mut module, &cli.function).map_err(fail)?;
    // Only what @main reaches is compiled (every other function is private now).
    run_pipeline(&context, &collector, &mut module, "builtin.module(symbol-dce)", Instrumentation::default())
        .map_err(rendered)?;
    let inputs = read_inputs(cli, &signature).map_err(|m| {
        let d = match (signature.line, signature.column) {
            (Some(line), Some(column)) => Diag::error_at(line, column, m),
            _ => Diag::error(m),
        };
        render(&d, &source.name, &source.text)
    })?;
    if !cli.outputs.is_empty() && cli.outputs.len() != signature.results.len() {
        return Err(fail(format!(
            "@{} has {} result(s) but {} --output was given",
            cli.function,
            signature.results.len(),
            cli.outputs.len()
        )));
    }
    let text = text_for_pjrt(&module).map_err(fail)?;
    if cli.print_stablehlo {
        eprintln!("{text}");
    }
    let plugin = Plugin::locate_and_load(cli.plugin.as_ref()).map_err(fail)?;
    let client = Client::new(&plugin, &ClientOptions { cpu_device_count: cli.devices }).map_err(fail)?;
    let executable = client.compile(&text).map_err(fail)?;
    let results = executable.execute(&inputs).map_err(fail)?;
    if cli.outputs.is_empty() {
        for (i, r) in results.iter().enumerate() {
            println!("result[{i}]: {}", format_tensor(r));
        }
        return Ok(());
    }
    for (spec, r) in cli.outputs.iter().zip(&results) {
        let path =
            spec.strip_prefix('@').ok_or_else(|| fail(format!("--output '{spec}' must be @FILE.npy")))?;
        write_npy(path, r).map_err(fail)?;
    }
    Ok(())
}

fn dtype_of(t: &jaxr_dialect::TensorType) -> Result<DType, String> {
    DType::from_mlir_name(t.elem.name())
        .ok_or_else(|| format!("element type {} cannot be passed to PJRT", t.elem))
}

/// Reads every --input and checks it against the signature before running.
fn read_inputs(cli: &Cli, signature: &Signature) -> Result<Vec<HostTensor>, String> {
    if cli.inputs.len() != signature.inputs.len() {
        let types: Vec<String> = signature.inputs.iter().map(ToString::to_string).collect();
        return Err(format!(
            "@{} takes {} argument(s) ({}) but {} --input was given",
            cli.function,
            signature.inputs.len(),
            types.join(", "),
            cli.inputs.len()
        ));
    }
    let mut tensors = Vec::with_capacity(cli.inputs.len());
    for (i, (spec, want)) in cli.inputs.iter().zip(&signature.inputs).enumerate() {
        let tensor = match spec.strip_prefix('@') {
            // A '<V1' file (numpy.save of a one-byte ml_dtypes array) is
            // read as the argument's element type.
            Some(path) => read_npy_as(path, dtype_of(want)?).map_err(|e| format!("input #{i}: {e}"))?,
            None => jaxr_runtime::parse_literal(spec).map_err(|e| format!("input #{i}: {e}"))?,
        };
        if tensor.dtype != dtype_of(want)? || tensor.shape != want.shape {
            return Err(format!(
                "input #{i} is {} but argument #{i} of @{} is {want}",
                tensor.type_string(),
                cli.function
            ));
        }
        tensors.push(tensor);
    }
    Ok(tensors)
}
