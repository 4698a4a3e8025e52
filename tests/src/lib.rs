//! Shared helpers of jaxr's integration tests: lowering a module to the
//! StableHLO a plugin runs, running it on the PJRT CPU plugin, and comparing
//! numbers within a tolerance.

use std::sync::OnceLock;

pub mod eval;
pub mod reference;

use jaxr_passes::entry::{make_entry, Signature};
use jaxr_passes::{parse_module, render, run_pipeline, DiagnosticCollector, Instrumentation, TO_STABLEHLO};
use jaxr_runtime::{Client, ClientOptions, HostTensor, Plugin};

/// Registers every jaxr pass (and, through the dialect, the upstream ones),
/// as jaxr-tools' `register_all_passes` does: this crate cannot depend on
/// jaxr-tools (the pass crates' benches depend on this one).
pub fn register_all_passes() {
    jaxr_dialect::initialize();
    jaxr_lowering::register_passes();
    jaxr_transforms::register_passes();
}

/// Lowers `text` (jaxr and/or generic StableHLO) as jaxr-run does
/// ([`TO_STABLEHLO`]) and makes `function` the entry: the generic StableHLO
/// text a plugin compiles, and the signature.
pub fn lower_for_pjrt(text: &str, function: &str) -> Result<(String, Signature), String> {
    lower_for_pjrt_after(text, function, "")
}

/// As [`lower_for_pjrt`], running the passes `first` (a comma-separated list,
/// e.g. `convert-stablehlo-to-jaxr, canonicalize`) before the lowering.
pub fn lower_for_pjrt_after(text: &str, function: &str, first: &str) -> Result<(String, Signature), String> {
    register_all_passes();
    let context = jaxr_dialect::create_context();
    let collector = DiagnosticCollector::attach(&context);
    let rendered =
        |diags: Vec<jaxr_passes::Diag>| diags.iter().map(|d| render(d, "input", text)).collect::<String>();
    let mut module = parse_module(&context, &collector, text, "input").map_err(rendered)?;
    run_pipeline(
        &context,
        &collector,
        &mut module,
        &if first.is_empty() {
            format!("builtin.module({TO_STABLEHLO})")
        } else {
            format!("builtin.module({first}, {TO_STABLEHLO})")
        },
        Instrumentation::default(),
    )
    .map_err(rendered)?;
    let signature = make_entry(&context, &mut module, function)?;
    let printed = jaxr_passes::entry::text_for_pjrt(&module)?;
    Ok((printed, signature))
}

/// Runs the passes `pipeline` (a comma-separated list, e.g.
/// `convert-stablehlo-to-jaxr{strict=true}`) on `text` and returns the name
/// of every operation of the result, in program order.
pub fn op_names_after(text: &str, pipeline: &str) -> Result<Vec<String>, String> {
    use melior::ir::operation::{OperationLike, WalkOrder, WalkResult};
    register_all_passes();
    let context = jaxr_dialect::create_context();
    let collector = DiagnosticCollector::attach(&context);
    let rendered =
        |diags: Vec<jaxr_passes::Diag>| diags.iter().map(|d| render(d, "input", text)).collect::<String>();
    let mut module = parse_module(&context, &collector, text, "input").map_err(rendered)?;
    run_pipeline(
        &context,
        &collector,
        &mut module,
        &format!("builtin.module({pipeline})"),
        Instrumentation::default(),
    )
    .map_err(rendered)?;
    let mut names = Vec::new();
    module.as_operation().walk(WalkOrder::PreOrder, |op| {
        names.push(op.name().as_string_ref().as_str().unwrap_or("?").to_string());
        WalkResult::Advance
    });
    Ok(names)
}

/// Inputs for `signature` with every float 0.5 and every other element 0
/// (valid indices): what the benches run programs on.
pub fn filled_inputs(signature: &Signature) -> Option<Vec<HostTensor>> {
    use jaxr_runtime::DType;
    signature
        .inputs
        .iter()
        .map(|t| {
            let dtype = DType::from_mlir_name(t.elem.name())?;
            let n = t.num_elements() as usize;
            let data = match dtype {
                DType::F32 => std::iter::repeat_n(0.5f32.to_le_bytes(), n).flatten().collect(),
                DType::F64 => std::iter::repeat_n(0.5f64.to_le_bytes(), n).flatten().collect(),
                _ => vec![0u8; n * dtype.byte_size()],
            };
            HostTensor::new(dtype, t.shape.clone(), data).ok()
        })
        .collect()
}

/// One CPU client shared by every test of the process.
pub fn cpu_client() -> &'static Client {
    static CLIENT: OnceLock<Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        let plugin = Plugin::locate_and_load(None)
            .unwrap_or_else(|e| panic!("the PJRT CPU plugin is needed (run scripts/setup): {e}"));
        Client::new(&plugin, &ClientOptions::default())
            .unwrap_or_else(|e| panic!("cannot create a CPU client: {e}"))
    })
}

/// Lowers, compiles and runs `function` of `text` on the CPU plugin.
pub fn run_on_cpu(text: &str, function: &str, inputs: &[HostTensor]) -> Result<Vec<HostTensor>, String> {
    run_on_cpu_after(text, function, "", inputs)
}

/// As [`run_on_cpu`], running the passes `first` before the lowering.
pub fn run_on_cpu_after(
    text: &str,
    function: &str,
    first: &str,
    inputs: &[HostTensor],
) -> Result<Vec<HostTensor>, String> {
    let (stablehlo, _) = lower_for_pjrt_after(text, function, first)?;
    let executable = cpu_client().compile(&stablehlo).map_err(|e| e.to_string())?;
    executable.execute(inputs).map_err(|e| e.to_string())
}

/// `|got - want| <= atol + rtol * |want|` elementwise, NaN matching NaN and
/// infinities matching exactly; returns the first mismatch.
pub fn all_close(got: &[f64], want: &[f64], rtol: f64, atol: f64) -> Result<(), String> {
    if got.len() != want.len() {
        return Err(format!("{} values, expected {}", got.len(), want.len()));
    }
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        let ok = if w.is_nan() {
            g.is_nan()
        } else if w.is_infinite() {
            g == w
        } else {
            (g - w).abs() <= atol + rtol * w.abs()
        };
        if !ok {
            return Err(format!("element {i}: got {g}, expected {w} (rtol {rtol}, atol {atol})"));
        }
    }
    Ok(())
}

/// A function lowered and compiled once, run on f64 inputs given as
/// (shape, values): what finite-difference checks evaluate many times.
pub struct Compiled(jaxr_runtime::Executable);

impl Compiled {
    /// `function` of `text` after the passes `pipeline`, compiled on the CPU
    /// plugin (panics with the error: a test helper).
    pub fn new(text: &str, function: &str, pipeline: &str) -> Compiled {
        let (stablehlo, _) = lower_for_pjrt_after(text, function, pipeline)
            .unwrap_or_else(|e| panic!("{function} after '{pipeline}': {e}"));
        Compiled(cpu_client().compile(&stablehlo).unwrap_or_else(|e| panic!("{function}: {e}")))
    }

    /// Runs on arrays of any element type; every result as an array.
    pub fn run_arrays(&self, inputs: &[&reference::Array]) -> Vec<reference::Array> {
        let hosts: Vec<HostTensor> = inputs.iter().map(|a| a.to_host()).collect();
        self.0.execute(&hosts).expect("execution").iter().map(reference::Array::from_host).collect()
    }

    /// Runs on f64 tensors; every result as f64 values.
    pub fn run(&self, inputs: &[(Vec<i64>, Vec<f64>)]) -> Vec<Vec<f64>> {
        let hosts: Vec<HostTensor> =
            inputs.iter().map(|(s, v)| HostTensor::from_f64(s, v).expect("f64 tensor")).collect();
        let outs = self.0.execute(&hosts).expect("execution");
        outs.iter().map(|t| t.to_f64_vec().expect("float result")).collect()
    }
}

/// A small deterministic generator (xorshift64*) for test inputs.
pub struct Rng(pub u64);

impl Rng {
    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An array of `shape` with values uniform in [lo, hi).
    pub fn floats(
        &mut self,
        elem: jaxr_dialect::ElemType,
        shape: &[i64],
        lo: f64,
        hi: f64,
    ) -> reference::Array {
        let values: Vec<f64> =
            (0..reference::count(shape)).map(|_| lo + (hi - lo) * self.uniform()).collect();
        reference::Array::floats(elem, shape, &values)
    }

    /// An array of `like`'s type with values uniform in [lo, hi).
    pub fn like(&mut self, like: &reference::Array, lo: f64, hi: f64) -> reference::Array {
        let values = (0..like.len()).map(|_| reference::Scalar::F(lo + (hi - lo) * self.uniform())).collect();
        reference::Array::new(like.elem, like.shape.clone(), values)
    }
}

/// The step of [`directional`]'s central differences.
pub const FD_STEP: f64 = 1e-5;

/// Central differences of output `k` of `f` along `direction` of input `i`.
pub fn directional(
    f: &Compiled,
    inputs: &[(Vec<i64>, Vec<f64>)],
    i: usize,
    direction: &[f64],
    k: usize,
) -> Vec<f64> {
    let moved = |sign: f64| {
        let mut m = inputs.to_vec();
        m[i].1 = m[i].1.iter().zip(direction).map(|(x, d)| x + sign * FD_STEP * d).collect();
        f.run(&m)[k].clone()
    };
    moved(1.0).iter().zip(moved(-1.0)).map(|(a, b)| (a - b) / (2.0 * FD_STEP)).collect()
}
