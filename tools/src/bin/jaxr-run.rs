//! jaxr-run: compile a module (jaxr and/or generic StableHLO) with a PJRT
//! plugin and run one of its functions on given inputs, iree-run-module style.

use std::process::ExitCode;

use clap::Parser;

use jaxr_passes::entry::{first_foreign_op, make_entry, text_for_pjrt, Signature};
use jaxr_passes::sharding::ValueSharding;
use jaxr_passes::{
    parse_module_with, render, run_pipeline, Diag, DiagnosticCollector, Instrumentation, ParseOptions,
    Source, TO_STABLEHLO,
};
use jaxr_runtime::{
    format_tensor, literal_type, read_npy_as, tensor_type_string, write_npy, Client, ClientOptions, DType,
    HostTensor, Partitioning, PluginChoice, RuntimeError, Sharding,
};
use jaxr_tools::{register_all_passes, LimitArgs};

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
    /// PJRT plugin: cpu, cuda, tpu (pinned builds, checked by SHA-256) or a path to a plugin .so
    /// (loaded as given). See docs/security.md.
    #[arg(long)]
    plugin: Option<PluginChoice>,
    /// Seconds allowed for loading the plugin and creating its client.
    #[arg(long = "plugin-timeout-secs", default_value_t = 120.0, value_parser = positive_seconds)]
    plugin_timeout_secs: f64,
    /// Name the plugin loaded, with its SHA-256 (to stderr).
    #[arg(long)]
    verbose: bool,
    /// Number of CPU devices to create (the CPU plugin's cpu_device_count).
    /// A module with mhlo.num_partitions = N runs split over the first N
    /// devices: global inputs are split per their shardings (GSPMD's
    /// mhlo.sharding or Shardy's sdy.sharding) and the results gathered back.
    #[arg(long)]
    devices: Option<i64>,
    /// With a module split over devices: each device's shards of the
    /// results instead of the gathered results, printed as
    /// 'result[i] device[d]: ...' or written per device (--output=@y.npy
    /// writes y.device0.npy, y.device1.npy, ...).
    #[arg(long = "per-device")]
    per_device: bool,
    /// Print the StableHLO handed to the plugin (to stderr) before compiling.
    #[arg(long = "print-stablehlo")]
    print_stablehlo: bool,
    /// Time N executions of the compiled function (after --warmup runs) and
    /// report min/median/mean/max to stderr; the results printed or written
    /// are the last run's.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    benchmark: Option<u32>,
    /// Untimed executions before the timed ones (with --benchmark).
    #[arg(long, value_name = "N", default_value_t = 1, requires = "benchmark")]
    warmup: u32,
    /// Also write the benchmark's timings as JSON to this file.
    #[arg(long, value_name = "FILE", requires = "benchmark")]
    benchmark_json: Option<String>,
    #[command(flatten)]
    limits: LimitArgs,
    /// Refuse arguments and results larger than this many bytes (checked
    /// before anything is allocated or compiled). Default: half the
    /// machine's physical memory.
    #[arg(long = "max-tensor-bytes")]
    max_tensor_bytes: Option<u64>,
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
    let options = ParseOptions { first_line: 0, limits: cli.limits.limits() };
    let mut module =
        parse_module_with(&context, &collector, &source.text, &source.name, &options).map_err(rendered)?;
    run_pipeline(
        &context,
        &collector,
        &mut module,
        &format!("builtin.module({})", TO_STABLEHLO),
        Instrumentation::default(),
    )
    .map_err(rendered)?;
    if let Some((name, location)) = first_foreign_op(&module) {
        let message =
            format!("unknown op '{name}': neither jaxr nor StableHLO, so no PJRT plugin can run it");
        return Err(render(&Diag::at_printed(&location, message), &source.name, &source.text));
    }
    let unrunnable = jaxr_dialect::call_graph::CallGraph::of(&module).unrunnable_from(&cli.function);
    if !unrunnable.is_empty() {
        return Err(unrunnable
            .into_iter()
            .map(|e| render(&Diag::at_printed(&e.location, e.message), &source.name, &source.text))
            .collect());
    }
    let signature = make_entry(&context, &mut module, &cli.function).map_err(fail)?;
    // Only what @main reaches is compiled (every other function is private now).
    run_pipeline(&context, &collector, &mut module, "builtin.module(symbol-dce)", Instrumentation::default())
        .map_err(rendered)?;
    let max_bytes = cli.max_tensor_bytes.unwrap_or_else(default_max_tensor_bytes);
    let at_signature = |m: String| {
        let d = match (signature.line, signature.column) {
            (Some(line), Some(column)) => Diag::error_at(line, column, m),
            _ => Diag::error(m),
        };
        render(&d, &source.name, &source.text)
    };
    check_sizes(cli, &signature, max_bytes).map_err(at_signature)?;
    // Before any input is read: the module must be one XLA can represent.
    if let Some((location, message)) = unrepresentable_value(&module) {
        return Err(render(&Diag::at_printed(&location, message), &source.name, &source.text));
    }
    let inputs = read_inputs(cli, &signature).map_err(at_signature)?;
    if !cli.outputs.is_empty() && cli.outputs.len() != signature.results.len() {
        return Err(fail(format!(
            "@{} has {} result(s) but {} --output was given",
            cli.function,
            signature.results.len(),
            cli.outputs.len()
        )));
    }
    if jaxr_passes::sharding::is_partitioned(&module) {
        // Unannotated values are passed and read whole on every device.
        jaxr_passes::sharding::replicate_unsharded(&context, &module).map_err(fail)?;
    }
    let text = text_for_pjrt(&module).map_err(fail)?;
    if cli.print_stablehlo {
        eprintln!("{text}");
    }
    let timeout = std::time::Duration::from_secs_f64(cli.plugin_timeout_secs);
    let client = Client::open(cli.plugin.as_ref(), &ClientOptions { cpu_device_count: cli.devices }, timeout)
        .map_err(|e| match e {
            RuntimeError::Timeout { .. } => {
                fail(format!("{e}; allow more time with --plugin-timeout-secs=N"))
            }
            e => fail(e),
        })?;
    if cli.verbose {
        let plugin = client.plugin();
        let build = match plugin.pinned_build() {
            Some(pin) => format!("pinned build {pin}"),
            None => "not a pinned build: loaded as given".to_string(),
        };
        eprintln!("jaxr-run: plugin {} (sha256 {}, {build})", plugin.path().display(), plugin.sha256());
    }
    let partitioning = Partitioning::of_module(&text);
    let partitioned = partitioning.devices() > 1;
    if partitioning.num_replicas > 1 {
        return Err(at_signature(format!(
            "the module has mhlo.num_replicas = {}: replicated programs (pmap before it became \
             shard_map) are not supported; only SPMD partitions (mhlo.num_partitions)",
            partitioning.num_replicas
        )));
    }
    if cli.per_device && !partitioned {
        return Err(fail(
            "--per-device needs a module split over devices (mhlo.num_partitions > 1)".to_string(),
        ));
    }
    let compile_start = std::time::Instant::now();
    // Compiled first: it checks that the client has the devices.
    let executable =
        if partitioned { client.compile_partitioned(&text, partitioning) } else { client.compile(&text) }
            .map_err(fail)?;
    let compile_ms = compile_start.elapsed().as_secs_f64() * 1e3;
    let sharded = if partitioned {
        Some(Sharded::new(&signature, partitioning, &inputs).map_err(at_signature)?)
    } else {
        None
    };
    if cli.verbose && sharded.is_some() {
        eprintln!(
            "jaxr-run: compiled for {} devices: {} SPMD partitions",
            executable.device_count(),
            executable.num_partitions().map_err(fail)?
        );
    }
    // Each run's results: per device (one list on one device).
    let run = || match &sharded {
        None => executable.execute(&inputs).map(|r| vec![r]).map_err(fail),
        Some(s) => executable.execute_on_devices(&s.per_device).map_err(fail),
    };
    let per_device = match cli.benchmark {
        None => run()?,
        Some(runs) => {
            for _ in 0..cli.warmup {
                run()?;
            }
            let mut times = Vec::with_capacity(runs as usize);
            let mut last = Vec::new();
            for _ in 0..runs {
                let start = std::time::Instant::now();
                last = run()?;
                times.push(start.elapsed().as_secs_f64() * 1e3);
            }
            let mut report = Timings::of(&cli.function, cli.warmup, compile_ms, &times);
            report.memory = executable.compiled_memory_stats().map_err(fail)?;
            report.cost = executable.cost_analysis().map_err(fail)?;
            eprintln!("{}", report.line());
            if let Some(line) = report.memory_line() {
                eprintln!("{line}");
            }
            if let Some(path) = &cli.benchmark_json {
                std::fs::write(path, report.json()).map_err(|e| fail(format!("cannot write {path}: {e}")))?;
            }
            last
        }
    };
    if cli.per_device {
        // Each device's shards: printed per device, or one file per device
        // (`y.npy` becomes `y.device3.npy`).
        let count = per_device.iter().map(Vec::len).min().unwrap_or(0);
        for i in 0..count {
            for (d, r) in per_device.iter().map(|results| &results[i]).enumerate() {
                match cli.outputs.get(i) {
                    None => println!("result[{i}] device[{d}]: {}", format_tensor(r)),
                    Some(spec) => {
                        let path = npy_path(spec).map_err(fail)?;
                        let stem = path.strip_suffix(".npy").unwrap_or(path);
                        write_npy(format!("{stem}.device{d}.npy"), r).map_err(fail)?;
                    }
                }
            }
        }
        return Ok(());
    }
    let results = match &sharded {
        None => per_device.into_iter().next().unwrap_or_default(),
        Some(s) => s.gather(per_device).map_err(fail)?,
    };
    if cli.outputs.is_empty() {
        for (i, r) in results.iter().enumerate() {
            println!("result[{i}]: {}", format_tensor(r));
        }
        return Ok(());
    }
    for (spec, r) in cli.outputs.iter().zip(&results) {
        write_npy(npy_path(spec).map_err(fail)?, r).map_err(fail)?;
    }
    Ok(())
}

/// The file an `--output=@FILE.npy` names.
fn npy_path(spec: &str) -> Result<&str, String> {
    spec.strip_prefix('@').ok_or_else(|| format!("--output '{spec}' must be @FILE.npy"))
}

/// A program split over devices by XLA's SPMD partitioner: each device's
/// shards of the global inputs, and how to gather the results.
struct Sharded {
    per_device: Vec<Vec<HostTensor>>,
    results: Vec<(Sharding, Vec<i64>)>,
}

impl Sharded {
    fn new(
        signature: &Signature,
        partitioning: Partitioning,
        inputs: &[HostTensor],
    ) -> Result<Sharded, String> {
        // The message alone, without the error kind's prefix.
        let plain = |e: RuntimeError| match e {
            RuntimeError::Unsupported(m) => m,
            e => e.to_string(),
        };
        // GSPMD and Shardy shardings become the runtime's one layout.
        let sharding = |written: &Option<ValueSharding>, what: String| {
            Sharding::of_value(written.as_ref()).map_err(|e| format!("{what}: {}", plain(e)))
        };
        let mut per_device = vec![Vec::new(); partitioning.num_partitions];
        for (i, (input, written)) in inputs.iter().zip(&signature.input_shardings).enumerate() {
            let s = sharding(written, format!("argument {i}"))?;
            for (p, device) in per_device.iter_mut().enumerate() {
                let shard = s.shard(input, p as i64).map_err(|e| {
                    let text = written.as_ref().map_or("{replicated}".to_string(), ToString::to_string);
                    format!("argument {i} (sharding {text}): {}", plain(e))
                })?;
                device.push(shard);
            }
        }
        let results = signature
            .result_shardings
            .iter()
            .zip(&signature.results)
            .enumerate()
            .map(|(k, (text, ty))| Ok((sharding(text, format!("result {k}"))?, ty.shape.clone())))
            .collect::<Result<_, String>>()?;
        Ok(Sharded { per_device, results })
    }

    /// Each result gathered from the devices' shards.
    fn gather(&self, outputs: Vec<Vec<HostTensor>>) -> Result<Vec<HostTensor>, RuntimeError> {
        let ids: Vec<i64> = (0..self.per_device.len() as i64).collect();
        self.results
            .iter()
            .enumerate()
            .map(|(k, (sharding, shape))| {
                let shards = outputs
                    .iter()
                    .map(|o| o.get(k).cloned())
                    .collect::<Option<Vec<HostTensor>>>()
                    .ok_or_else(|| {
                    RuntimeError::Unsupported(format!("a device returned no result {k}"))
                })?;
                sharding.gather(&shards, &ids, shape)
            })
            .collect()
    }
}

/// What --benchmark measured, in milliseconds. Each run is one
/// `execute`: the inputs copied to the device, the run, the results copied
/// back (as a caller of the compiled function sees it).
struct Timings {
    function: String,
    warmup: u32,
    compile_ms: f64,
    runs_ms: Vec<f64>,
    /// What the compiler reserved for a run, if the plugin says.
    memory: Option<jaxr_runtime::CompiledMemoryStats>,
    /// The compiler's cost analysis, if the plugin gives one.
    cost: Vec<(String, f64)>,
}

impl Timings {
    fn of(function: &str, warmup: u32, compile_ms: f64, runs_ms: &[f64]) -> Timings {
        let mut sorted = runs_ms.to_vec();
        sorted.sort_by(f64::total_cmp);
        Timings {
            function: function.to_string(),
            warmup,
            compile_ms,
            runs_ms: sorted,
            memory: None,
            cost: Vec::new(),
        }
    }

    fn min(&self) -> f64 {
        self.runs_ms.first().copied().unwrap_or(f64::NAN)
    }

    fn max(&self) -> f64 {
        self.runs_ms.last().copied().unwrap_or(f64::NAN)
    }

    /// The middle run, or the mean of the two middle runs.
    fn median(&self) -> f64 {
        let n = self.runs_ms.len();
        if n == 0 {
            return f64::NAN;
        }
        if n % 2 == 1 {
            self.runs_ms[n / 2]
        } else {
            (self.runs_ms[n / 2 - 1] + self.runs_ms[n / 2]) / 2.0
        }
    }

    fn mean(&self) -> f64 {
        self.runs_ms.iter().sum::<f64>() / self.runs_ms.len() as f64
    }

    fn line(&self) -> String {
        format!(
            "benchmark @{}: {} runs after {} warm-up: min {:.3} ms, median {:.3} ms, mean {:.3} ms, max {:.3} ms (compile {:.1} ms)",
            self.function,
            self.runs_ms.len(),
            self.warmup,
            self.min(),
            self.median(),
            self.mean(),
            self.max(),
            self.compile_ms
        )
    }

    fn memory_line(&self) -> Option<String> {
        let m = self.memory?;
        let optional = |v: Option<u64>| v.map_or("not reported".to_string(), |b| format!("{b} B"));
        Some(format!(
            "compiled memory @{}: arguments {} B, outputs {} B (aliased {} B), temporaries {} B, code {} B, peak {}",
            self.function,
            m.argument_bytes,
            m.output_bytes,
            m.alias_bytes,
            m.temp_bytes,
            m.generated_code_bytes,
            optional(m.peak_bytes)
        ))
    }

    fn json(&self) -> String {
        let memory = self.memory.map(|m| {
            serde_json::json!({
                "argument_bytes": m.argument_bytes,
                "output_bytes": m.output_bytes,
                "alias_bytes": m.alias_bytes,
                "temp_bytes": m.temp_bytes,
                "generated_code_bytes": m.generated_code_bytes,
                "peak_bytes": m.peak_bytes,
            })
        });
        let cost: serde_json::Map<String, serde_json::Value> =
            self.cost.iter().map(|(k, v)| (k.clone(), serde_json::json!(v))).collect();
        let report = serde_json::json!({
            "compiled_memory": memory,
            "cost_analysis": cost,
            "function": self.function,
            "runs": self.runs_ms.len(),
            "warmup": self.warmup,
            "compile_ms": self.compile_ms,
            "min_ms": self.min(),
            "median_ms": self.median(),
            "mean_ms": self.mean(),
            "max_ms": self.max(),
            "runs_ms": self.runs_ms,
        });
        format!("{report:#}\n")
    }
}

fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() && s < 1e9 => Ok(s),
        _ => Err(format!("'{text}' is not a positive number of seconds")),
    }
}

fn dtype_of(t: &jaxr_dialect::TensorType) -> Result<DType, String> {
    DType::from_mlir_name(t.elem.name())
        .ok_or_else(|| format!("element type {} cannot be passed to PJRT", t.elem))
}

/// Half the physical memory (from /proc/meminfo), else 4 GiB.
fn default_max_tensor_bytes() -> u64 {
    let total_kib = std::fs::read_to_string("/proc/meminfo").ok().and_then(|text| {
        let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
        line.split_whitespace().nth(1)?.parse::<u64>().ok()
    });
    total_kib.map_or(4 << 30, |kib| kib.saturating_mul(1024) / 2)
}

/// The bytes a tensor of type `t` takes, if it fits in a u64.
fn byte_size(t: &jaxr_dialect::TensorType) -> Result<Option<u64>, String> {
    let per_element = dtype_of(t)?.byte_size() as u64;
    Ok(t.shape.iter().try_fold(per_element, |n, &d| u64::try_from(d).ok().and_then(|d| n.checked_mul(d))))
}

/// The first value (of any op, in any region) whose size in bytes does not
/// fit in an i64: XLA cannot represent its shape and throws a C++ exception
/// through the C API, which would abort the process. Values below that are
/// left to XLA, which may fuse them away (only arguments and results are
/// held to --max-tensor-bytes).
fn unrepresentable_value(module: &melior::ir::Module) -> Option<(String, String)> {
    use melior::ir::operation::{OperationLike, WalkOrder, WalkResult};
    use melior::ir::ValueLike;
    let mut found = None;
    module.as_operation().walk(WalkOrder::PreOrder, |op| {
        for result in op.results() {
            let Ok(t) = jaxr_dialect::tensor_type_of(result.r#type()) else { continue };
            let bytes = byte_size(&t).ok().flatten();
            if bytes.is_none_or(|n| n > i64::MAX as u64) {
                let name = op.name().as_string_ref().as_str().unwrap_or_default().to_string();
                found = Some((
                    op.location().to_string(),
                    format!(
                        "'{name}' makes a value of type {t}, more than 2^63 bytes: XLA cannot represent it"
                    ),
                ));
                return WalkResult::Interrupt;
            }
        }
        WalkResult::Advance
    });
    found
}

/// Refuses arguments and results larger than `max_bytes`, before any input is
/// read or the plugin compiles anything.
fn check_sizes(cli: &Cli, signature: &Signature, max_bytes: u64) -> Result<(), String> {
    let inputs = signature.inputs.iter().map(|t| ("argument", t));
    let results = signature.results.iter().map(|t| ("result", t));
    for (i, (what, t)) in inputs.enumerate().chain(results.enumerate()) {
        let size = byte_size(t)?;
        if size.is_none_or(|n| n > max_bytes) {
            let size = size.map_or("more than 2^64 bytes".to_string(), |n| format!("{n} bytes"));
            return Err(format!(
                "{what} #{i} of @{} is {t}, {size}: more than --max-tensor-bytes={max_bytes}",
                cli.function
            ));
        }
    }
    Ok(())
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
            Some(path) => read_npy_input(i, path, want)?,
            None => {
                // The literal's type is checked before its values are made.
                let (dtype, shape) = literal_type(spec).map_err(|e| format!("input #{i}: {e}"))?;
                check_input_type(cli, i, &tensor_type_string(dtype, &shape), dtype, &shape, want)?;
                jaxr_runtime::parse_literal(spec).map_err(|e| format!("input #{i}: {e}"))?
            }
        };
        check_input_type(cli, i, &tensor.type_string(), tensor.dtype, &tensor.shape, want)?;
        tensors.push(tensor);
    }
    Ok(tensors)
}

fn check_input_type(
    cli: &Cli,
    i: usize,
    type_string: &str,
    dtype: DType,
    shape: &[i64],
    want: &jaxr_dialect::TensorType,
) -> Result<(), String> {
    if dtype != dtype_of(want)? || shape != want.shape.as_slice() {
        return Err(format!("input #{i} is {type_string} but argument #{i} of @{} is {want}", cli.function));
    }
    Ok(())
}

/// Reads a .npy input; a file far larger than the argument it is for is
/// refused before it is read.
fn read_npy_input(i: usize, path: &str, want: &jaxr_dialect::TensorType) -> Result<HostTensor, String> {
    // A header is rarely more than a few hundred bytes.
    const HEADER_ALLOWANCE: u64 = 1 << 20;
    let needed = byte_size(want)?.unwrap_or(u64::MAX);
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > needed.saturating_add(HEADER_ALLOWANCE) {
            return Err(format!(
                "input #{i}: '{path}' has {} bytes, but argument #{i} ({want}) holds only {needed}",
                meta.len()
            ));
        }
    }
    // A '<V1' file (numpy.save of a one-byte ml_dtypes array) is read as the
    // argument's element type.
    read_npy_as(path, dtype_of(want)?).map_err(|e| format!("input #{i}: {e}"))
}
