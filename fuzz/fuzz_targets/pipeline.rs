//! jaxr-opt on mutated modules never panics or crashes: a module is parsed
//! as jaxr-opt parses it (the pre-scan, pretty StableHLO through
//! jaxr-syntax, MLIR's parser), run through a pipeline of raising,
//! transformations, simplification and lowering, and printed. Errors are
//! fine; a panic anywhere (also one a pass catches: libFuzzer's panic hook
//! aborts first) or a crash is a finding.
//!
//! Which transformation is requested (`grad-of`, `jvp-of`, `vjp-of`,
//! `vmap of=`, of the module's first function, or none) depends on a hash of
//! the input, so that every input always runs the same pipeline.
#![no_main]

use std::cell::RefCell;

use jaxr_passes::{
    parse_module_with, print_module_located, run_pipeline, DiagnosticCollector, Instrumentation,
    ParseOptions, PrintOptions,
};
use libfuzzer_sys::fuzz_target;
use melior::Context;

/// Inputs run in one context before it is replaced (a context keeps every
/// type and attribute it has seen; creating one costs milliseconds).
const RUNS_PER_CONTEXT: usize = 256;

/// Longer inputs are skipped: the pipeline's cost grows with the module, and
/// the corpus modules that seed the fuzzer are mostly smaller.
const MAX_INPUT_BYTES: usize = 64 * 1024;

/// jaxr-simplify with limits small enough for thousands of runs.
const SIMPLIFY: &str = "jaxr-simplify{iter-limit=3 node-limit=2000 time-limit=200}";

thread_local! {
    static CONTEXT: RefCell<Option<(Context, usize)>> = const { RefCell::new(None) };
}

fn new_context() -> Context {
    jaxr_dialect::initialize();
    jaxr_lowering::register_passes();
    jaxr_transforms::register_passes();
    let context = jaxr_dialect::create_context();
    // One thread: the machine is shared, and libFuzzer runs one input at a time.
    context.enable_multi_threading(false);
    context
}

/// The name of the first `func.func` in the text, if it is a plain identifier.
fn first_function(text: &str) -> Option<&str> {
    let at = text.find("func.func")?;
    let rest = &text[at..];
    let name = &rest[rest.find('@')? + 1..];
    let end = name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(name.len());
    let name = &name[..end];
    (!name.is_empty() && name.len() <= 64).then_some(name)
}

fn pipeline_for(text: &str) -> String {
    let hash =
        text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let request = match (first_function(text), hash % 6) {
        (Some(f), 1) => format!("jaxr-autodiff{{grad-of={f} simplify=false}}, "),
        (Some(f), 2) => format!("jaxr-autodiff{{jvp-of={f} simplify=false}}, "),
        (Some(f), 3) => format!("jaxr-autodiff{{vjp-of={f} simplify=false}}, "),
        (Some(f), 4) => format!("jaxr-vmap{{of={f} size=3 simplify=false}}, "),
        _ => String::new(),
    };
    let upstream = if hash % 5 == 0 { "inline, canonicalize, cse, symbol-dce, " } else { "" };
    format!(
        "builtin.module(convert-stablehlo-to-jaxr, {request}jaxr-autodiff{{simplify=false}}, \
         jaxr-vmap{{simplify=false}}, {upstream}{SIMPLIFY}, jaxr-expand-random, convert-jaxr-to-stablehlo)"
    )
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT_BYTES {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    CONTEXT.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|(_, runs)| *runs >= RUNS_PER_CONTEXT) {
            *slot = None;
            *slot = Some((new_context(), 0));
        }
        let (context, runs) = slot.as_mut().expect("a context");
        *runs += 1;
        run_one(context, text);
    });
});

/// `JAXR_FUZZ_DEBUG=1` prints how far each input got (replaying a corpus).
fn debug(stage: &str, detail: &str) {
    if std::env::var_os("JAXR_FUZZ_DEBUG").is_some() {
        eprintln!("[pipeline] {stage}: {}", detail.lines().next().unwrap_or_default());
    }
}

fn run_one(context: &Context, text: &str) {
    let collector = DiagnosticCollector::attach(context);
    let mut module = match parse_module_with(context, &collector, text, "fuzz.mlir", &ParseOptions::default())
    {
        Ok(module) => module,
        Err(diags) => {
            return debug("parse error", &diags.first().map(|d| d.message.clone()).unwrap_or_default())
        }
    };
    let pipeline = pipeline_for(text);
    if let Err(diags) = run_pipeline(context, &collector, &mut module, &pipeline, Instrumentation::default())
    {
        return debug("pipeline error", &diags.first().map(|d| d.message.clone()).unwrap_or_default());
    }
    let printed = print_module_located(&module, PrintOptions::default());
    let _ = print_module_located(&module, PrintOptions { generic: true, debug_info: true });
    collector.take();
    debug("ok", &pipeline);
    if let Err(e) = printed {
        debug("print error", &e.message);
    }
}
