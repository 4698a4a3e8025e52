//! Per-op numerical tests: every op of the jaxr dialect runs on the PJRT CPU
//! plugin for representative shapes and element types and is compared with
//! the plain-Rust reference (`jaxr_tests::reference`); and every module these
//! cases lower to is checked by the StableHLO oracle (jaxlib's MLIR).
//!
//! A case is one module `func.func @main(%a0, %a1, ...)` holding one jaxr op,
//! its inputs (deterministic pseudo-random values from a seeded generator, in
//! the domain where the op is defined, plus special values where they
//! matter), the reference's result and how to compare it:
//! - `Exact` for integers, booleans and exactly-rounded float ops (NaN
//!   matches NaN, -0.0 matches 0.0);
//! - `Bits` where the sign of zero is part of the answer (neg, abs, sign,
//!   floor, data movement, ...);
//! - `Close(rtol, atol)` for transcendental ops and sums, within a few ulps
//!   of the element type.

use std::collections::BTreeSet;
use std::path::PathBuf;

use jaxr_dialect::ElemType::{self, BF16, F16, F32, F64, I1, I16, I32, I64, I8, UI16, UI32, UI64, UI8};
use jaxr_dialect::{all_mnemonics, region_mnemonics, Accepts, BinaryOp, ReduceOp, ScatterKind, UnaryOp};
use jaxr_runtime::HostTensor;
use jaxr_tests::reference::{self as r, round_to, tensor_type, Array, DotDims, Scalar};
use jaxr_tests::{all_close, lower_for_pjrt, run_on_cpu, run_on_cpu_after};

const NAN: f64 = f64::NAN;
const INF: f64 = f64::INFINITY;

/// Shapes the elementwise cases rotate through: scalar, vector, 2-D, 3-D.
const SHAPES: [&[i64]; 4] = [&[], &[5], &[2, 3], &[2, 3, 4]];

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

/// A small seeded generator (splitmix64): the same inputs on every run.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [lo, hi).
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next() >> 11) as f64 / (1u64 << 53) as f64)
    }

    /// Uniform in [lo, hi] (inclusive; any span up to 2^64).
    fn int(&mut self, lo: i128, hi: i128) -> i128 {
        let span = (hi - lo + 1) as u128;
        lo + (u128::from(self.next()) % span) as i128
    }
}

/// Floats uniform in [lo, hi), rounded to `elem`.
fn floats(g: &mut Rng, elem: ElemType, shape: &[i64], lo: f64, hi: f64) -> Array {
    let values: Vec<f64> = (0..r::count(shape)).map(|_| g.uniform(lo, hi)).collect();
    Array::floats(elem, shape, &values)
}

/// Integers uniform in [lo, hi] (clipped to the type's range).
fn ints(g: &mut Rng, elem: ElemType, shape: &[i64], lo: i128, hi: i128) -> Array {
    let (min, max) = r::int_range(elem);
    let values: Vec<i128> = (0..r::count(shape)).map(|_| g.int(lo.max(min), hi.min(max))).collect();
    Array::ints(elem, shape, &values)
}

/// Integers over the whole range of `elem` (so that arithmetic wraps).
fn full(g: &mut Rng, elem: ElemType, shape: &[i64]) -> Array {
    let (min, max) = r::int_range(elem);
    ints(g, elem, shape, min, max)
}

/// Values for any element type: floats in [lo, hi), integers in [lo, hi]
/// (clipped to the type), booleans at random.
fn values(g: &mut Rng, elem: ElemType, shape: &[i64], lo: f64, hi: f64) -> Array {
    if elem.is_float() {
        floats(g, elem, shape, lo, hi)
    } else {
        ints(g, elem, shape, lo as i128, hi as i128)
    }
}

/// `a` with its first elements replaced by `specials` (rounded/wrapped).
fn with(mut a: Array, specials: &[f64]) -> Array {
    for (slot, &s) in a.values.iter_mut().zip(specials) {
        *slot = if a.elem.is_float() {
            Scalar::F(round_to(a.elem, s))
        } else {
            Scalar::I(r::wrap(a.elem, s as i128))
        };
    }
    a
}

/// `a` with its first elements replaced by the integers `specials`.
fn with_ints(mut a: Array, specials: &[i128]) -> Array {
    for (slot, &s) in a.values.iter_mut().zip(specials) {
        *slot = Scalar::I(r::wrap(a.elem, s));
    }
    a
}

/// Special float values for unary ops.
const SPECIALS: [f64; 8] = [NAN, INF, -INF, 0.0, -0.0, 1.0, -1.0, 0.5];
/// Pairs of special float values for binary ops (lhs, rhs).
const SPECIAL_LHS: [f64; 10] = [NAN, 1.0, NAN, INF, INF, -INF, 0.0, -0.0, 0.0, -2.5];
const SPECIAL_RHS: [f64; 10] = [1.0, NAN, NAN, -INF, INF, 3.0, -0.0, 0.0, 0.0, -INF];

// ---------------------------------------------------------------------------
// Cases and checks
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum Check {
    /// Equal values; NaN matches NaN, -0.0 matches 0.0.
    Exact,
    /// Equal values and equal signs of zero; NaN matches NaN.
    Bits,
    /// `|got - want| <= atol + rtol * |want|`.
    Close(f64, f64),
}
use Check::{Bits, Close, Exact};

/// The machine epsilon of a float type (2^(1 - precision)).
fn eps(elem: ElemType) -> f64 {
    match elem {
        F16 => 2f64.powi(-10),
        BF16 => 2f64.powi(-7),
        F32 => 2f64.powi(-23),
        _ => 2f64.powi(-52),
    }
}

/// The tolerance of transcendental functions: a few ulps of the type.
fn ulps(elem: ElemType) -> Check {
    match elem {
        F32 => Close(1e-5, 1e-6),
        F64 => Close(1e-12, 1e-14),
        F16 => Close(2e-3, 1e-4),
        BF16 => Close(1.6e-2, 1e-3),
        _ => Exact,
    }
}

/// One module with one op, its inputs and the reference results.
#[derive(Clone)]
pub(crate) struct Case {
    /// The op's mnemonic.
    pub(crate) op: &'static str,
    /// `op (input types) -> result types`, unique enough to find a case.
    pub(crate) name: String,
    /// The jaxr module.
    pub(crate) text: String,
    pub(crate) inputs: Vec<Array>,
    /// One array per result of the op.
    pub(crate) wants: Vec<Array>,
    check: Check,
}

impl Case {
    /// A case whose body is `%r = <line>`, with the inputs as `%a0, %a1, ...`.
    fn new(op: &'static str, inputs: Vec<Array>, line: String, want: Array, check: Check) -> Case {
        Case::multi(op, inputs, line, vec![want], check)
    }

    /// A case whose op has one result per entry of `wants` (`%r:N = <line>`).
    fn multi(op: &'static str, inputs: Vec<Array>, line: String, wants: Vec<Array>, check: Check) -> Case {
        let args: Vec<String> =
            inputs.iter().enumerate().map(|(i, a)| format!("%a{i}: {}", a.type_string())).collect();
        let results: Vec<String> = wants.iter().map(Array::type_string).collect();
        let (signature, define, returned) = match results.as_slice() {
            [one] => (one.clone(), "%r".to_string(), "%r".to_string()),
            many => (
                format!("({})", many.join(", ")),
                format!("%r:{}", many.len()),
                (0..many.len()).map(|i| format!("%r#{i}")).collect::<Vec<_>>().join(", "),
            ),
        };
        let text = format!(
            "func.func @main({}) -> {signature} {{\n  {define} = {line}\n  return {returned} : {}\n}}\n",
            args.join(", "),
            results.join(", ")
        );
        let types: Vec<String> = inputs.iter().map(Array::type_string).collect();
        let name = format!("{op} ({}) -> {signature} [{line}]", types.join(", "));
        Case { op, name, text, inputs, wants, check }
    }

    /// The element types the case exercises (inputs and results).
    fn types(&self) -> BTreeSet<ElemType> {
        self.inputs.iter().chain(&self.wants).map(|a| a.elem).collect()
    }

    fn run(&self) -> Result<(), String> {
        self.run_after("")
    }

    /// Runs the case after the passes `first` (then the lowering).
    fn run_after(&self, first: &str) -> Result<(), String> {
        let inputs: Vec<HostTensor> = self.inputs.iter().map(Array::to_host).collect();
        let outputs = if first.is_empty() {
            run_on_cpu(&self.text, "main", &inputs)?
        } else {
            run_on_cpu_after(&self.text, "main", first, &inputs)?
        };
        if outputs.len() != self.wants.len() {
            return Err(format!("{} results, expected {}", outputs.len(), self.wants.len()));
        }
        for (i, (output, want)) in outputs.iter().zip(&self.wants).enumerate() {
            let got = Array::from_host(output);
            if got.elem != want.elem || got.shape != want.shape {
                return Err(format!(
                    "result {i}: type {}, expected {}",
                    got.type_string(),
                    want.type_string()
                ));
            }
            self.compare(&got, want)
                .map_err(|e| format!("result {i}: {e}\n  inputs: {}", self.describe_inputs()))?;
        }
        Ok(())
    }

    fn compare(&self, got: &Array, want: &Array) -> Result<(), String> {
        if let (Close(rtol, atol), true) = (self.check, want.elem.is_float()) {
            return all_close(&got.to_f64(), &want.to_f64(), rtol, atol);
        }
        for (i, (&g, &w)) in got.values.iter().zip(&want.values).enumerate() {
            let ok = match (g, w) {
                (Scalar::F(g), Scalar::F(w)) => {
                    (g.is_nan() && w.is_nan())
                        || (g == w
                            && (matches!(self.check, Exact) || g.is_sign_negative() == w.is_sign_negative()))
                }
                (g, w) => g == w,
            };
            if !ok {
                return Err(format!("element {i}: got {}, expected {}", show(g), show(w)));
            }
        }
        Ok(())
    }

    fn describe_inputs(&self) -> String {
        let shown: Vec<String> = self
            .inputs
            .iter()
            .map(|a| {
                let vals: Vec<String> = a.values.iter().take(24).map(|&v| show(v)).collect();
                format!(
                    "{} [{}{}]",
                    a.type_string(),
                    vals.join(", "),
                    if a.len() > 24 { ", ..." } else { "" }
                )
            })
            .collect();
        shown.join("; ")
    }
}

fn show(v: Scalar) -> String {
    match v {
        Scalar::F(x) if x == 0.0 && x.is_sign_negative() => "-0.0".into(),
        Scalar::F(x) => format!("{x:?}"),
        Scalar::I(i) => i.to_string(),
    }
}

/// Runs every case and fails with the list of those that do not match.
fn run_all(cases: &[Case]) {
    assert!(!cases.is_empty());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| c.run().err().map(|e| format!("{}\n  {e}\n  module:\n{}", c.name, c.text)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn list(v: &[i64]) -> String {
    format!("[{}]", v.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
}

fn ulist(v: &[usize]) -> String {
    format!("[{}]", v.iter().map(usize::to_string).collect::<Vec<_>>().join(", "))
}

// ---------------------------------------------------------------------------
// Case builders, one per op family
// ---------------------------------------------------------------------------

fn unary(op: &'static str, x: Array, check: Check) -> Case {
    let ty = x.type_string();
    let want = r::unary(op, &x);
    Case::new(op, vec![x], format!("jaxr.{op} %a0 : {ty}"), want, check)
}

fn binary(op: &'static str, a: Array, b: Array, check: Check) -> Case {
    let ty = a.type_string();
    let want = r::binary(op, &a, &b);
    Case::new(op, vec![a, b], format!("jaxr.{op} %a0, %a1 : {ty}"), want, check)
}

fn compare(direction: &'static str, a: Array, b: Array) -> Case {
    let want = r::compare(direction, &a, &b);
    let line = format!("jaxr.compare {direction}, %a0, %a1 : {} -> {}", a.type_string(), want.type_string());
    Case::new("compare", vec![a, b], line, want, Exact)
}

/// `(t0, t1, ...) -> t` of an op whose syntax spells all operand types.
fn functional(inputs: &[&Array], result: &Array) -> String {
    let types: Vec<String> = inputs.iter().map(|a| a.type_string()).collect();
    format!("({}) -> {}", types.join(", "), result.type_string())
}

fn operands(range: std::ops::Range<usize>) -> String {
    range.map(|i| format!("%a{i}")).collect::<Vec<_>>().join(", ")
}

// ---------------------------------------------------------------------------
// Nullary: constant, iota
// ---------------------------------------------------------------------------

/// The literal of one element in a dense attribute (floats as exact bits).
fn literal(elem: ElemType, v: Scalar) -> String {
    match (elem, v) {
        (I1, Scalar::I(i)) => (i != 0).to_string(),
        (_, Scalar::I(i)) => i.to_string(),
        (F16, Scalar::F(x)) => format!("0x{:04X}", half::f16::from_f64(x).to_bits()),
        (BF16, Scalar::F(x)) => format!("0x{:04X}", half::bf16::from_f64(x).to_bits()),
        (F32, Scalar::F(x)) => format!("0x{:08X}", (x as f32).to_bits()),
        (_, Scalar::F(x)) => format!("0x{:016X}", x.to_bits()),
    }
}

fn constant(value: Array, splat: bool) -> Case {
    let ty = value.type_string();
    let body = if splat {
        literal(value.elem, value.values[0])
    } else {
        let items: Vec<String> = value.values.iter().map(|&v| literal(value.elem, v)).collect();
        if value.rank() == 0 {
            items[0].clone()
        } else {
            format!("[{}]", items.join(", "))
        }
    };
    Case::new("constant", vec![], format!("jaxr.constant dense<{body}> : {ty}"), value, Bits)
}

fn nullary_cases() -> Vec<Case> {
    let mut g = Rng::new(1);
    let mut cases = vec![
        constant(with(floats(&mut g, F32, &[6], -5.0, 5.0), &[NAN, -0.0, INF]), false),
        constant(floats(&mut g, F64, &[4], -1e300, 1e300), false),
        constant(full(&mut g, I32, &[5]), false),
        constant(Array::ints(UI32, &[], &[4_294_967_295]), false),
        constant(Array::floats(BF16, &[2, 2], &[0.5; 4]), true),
        constant(floats(&mut g, F16, &[3], -100.0, 100.0), false),
        constant(Array::bools(&[3], &[true, false, true]), false),
        constant(full(&mut g, I64, &[2]), false),
        constant(Array::ints(I8, &[3], &[-128, 0, 127]), false),
    ];
    // A 2-D dense constant needs nested brackets.
    let m = floats(&mut g, F32, &[2, 3], -2.0, 2.0);
    let rows: Vec<String> = (0..2)
        .map(|i| {
            let row: Vec<String> = (0..3).map(|j| literal(F32, m.at(&[i, j]))).collect();
            format!("[{}]", row.join(", "))
        })
        .collect();
    let line = format!("jaxr.constant dense<[{}]> : {}", rows.join(", "), m.type_string());
    cases.push(Case::new("constant", vec![], line, m, Bits));
    for (elem, shape, dim) in [
        (I32, &[4][..], 0),
        (F64, &[2, 3], 1),
        (UI8, &[5], 0),
        (F32, &[2, 3, 4], 2),
        (F32, &[3, 2], 0),
        (I64, &[3, 4], 1),
        (BF16, &[6], 0),
        (F16, &[2, 4], 1),
    ] {
        let want = r::iota(elem, shape, dim);
        let line = format!("jaxr.iota dim = {dim} : {}", want.type_string());
        cases.push(Case::new("iota", vec![], line, want, Bits));
    }
    cases
}

// ---------------------------------------------------------------------------
// Elementwise unary
// ---------------------------------------------------------------------------

/// Float-only unary ops: (op, domain low, domain high, exactly rounded).
const UNARY_FLOAT: [(&str, f64, f64, bool); 16] = [
    ("floor", -10.0, 10.0, true),
    ("ceil", -10.0, 10.0, true),
    ("exp", -10.0, 10.0, false),
    ("exp2", -10.0, 10.0, false),
    ("log", 0.01, 100.0, false),
    ("log1p", -0.9, 10.0, false),
    ("expm1", -5.0, 5.0, false),
    ("sqrt", 0.0, 100.0, true),
    ("rsqrt", 0.01, 100.0, false),
    ("cbrt", -10.0, 10.0, false),
    ("sin", -6.0, 6.0, false),
    ("cos", -6.0, 6.0, false),
    ("tan", -1.4, 1.4, false),
    ("atan", -20.0, 20.0, false),
    ("tanh", -5.0, 5.0, false),
    ("logistic", -10.0, 10.0, false),
];

fn unary_float_cases() -> Vec<Case> {
    let mut g = Rng::new(2);
    let mut cases = Vec::new();
    for (k, &(op, lo, hi, exact)) in UNARY_FLOAT.iter().enumerate() {
        for (j, elem) in [F32, F64, F16, BF16].into_iter().enumerate() {
            // exp2 lowers as exp(x * ln 2) with ln 2 rounded to the element
            // type, as JAX lowers it; in half precision that error grows with
            // |x|, so the domain stays small there.
            let (lo, hi) = if op == "exp2" && matches!(elem, F16 | BF16) { (-2.0, 2.0) } else { (lo, hi) };
            let x = floats(&mut g, elem, SHAPES[(k + j) % 4], lo, hi);
            cases.push(unary(op, x, if exact { Bits } else { ulps(elem) }));
        }
        // NaN, ±inf, ±0 and a few ordinary values.
        let x = with(floats(&mut g, F32, &[10], lo, hi), &SPECIALS);
        cases.push(unary(op, x, if exact { Bits } else { ulps(F32) }));
    }
    cases
}

fn round_cases() -> Vec<Case> {
    let mut g = Rng::new(3);
    let mut cases = Vec::new();
    for (method, even) in [("away_from_zero", false), ("to_nearest_even", true)] {
        for (j, elem) in [F32, F64, F16, BF16].into_iter().enumerate() {
            // Half-integers (the ties) and arbitrary values.
            let shape = SHAPES[(j + 1) % 4];
            let mut x = floats(&mut g, elem, shape, -20.0, 20.0);
            for (i, v) in x.values.iter_mut().enumerate() {
                if i % 2 == 0 {
                    *v = Scalar::F(round_to(elem, g.int(-40, 40) as f64 / 2.0));
                }
            }
            let x = if elem == F32 { with(x, &[NAN, -0.5, 0.5, -INF, 2.5, -2.5, 3.5]) } else { x };
            let want = r::round(&x, even);
            let ty = x.type_string();
            cases.push(Case::new("round", vec![x], format!("jaxr.round {method}, %a0 : {ty}"), want, Bits));
        }
    }
    cases
}

fn is_finite_cases() -> Vec<Case> {
    let mut g = Rng::new(4);
    [(F32, &[10][..]), (F64, &[2, 5]), (F16, &[8]), (BF16, &[2, 2, 2]), (F32, &[])]
        .into_iter()
        .map(|(elem, shape)| {
            let x = with(floats(&mut g, elem, shape, -1e4, 1e4), &SPECIALS);
            let want = r::is_finite(&x);
            let line = format!("jaxr.is_finite %a0 : {} -> {}", x.type_string(), want.type_string());
            Case::new("is_finite", vec![x], line, want, Exact)
        })
        .collect()
}

fn integer_pow_cases() -> Vec<Case> {
    let mut g = Rng::new(5);
    let table: [(ElemType, &[i64], i64, f64, f64); 12] = [
        (F32, &[5], 2, -10.0, 10.0),
        (F32, &[2, 3], 3, -5.0, 5.0),
        (F32, &[4], -2, 0.5, 4.0),
        (F32, &[], 0, -3.0, 3.0),
        (F32, &[3], 1, -3.0, 3.0),
        (F32, &[2, 2, 2], 5, -2.0, 2.0),
        (F64, &[6], 7, -2.0, 2.0),
        (I32, &[8], 3, -2e9, 2e9),
        (UI8, &[5], 0, 0.0, 255.0),
        (I64, &[2, 3], 2, -1e15, 1e15),
        (BF16, &[4], 3, -4.0, 4.0),
        (F16, &[3], -1, 0.5, 8.0),
    ];
    table
        .into_iter()
        .map(|(elem, shape, y, lo, hi)| {
            let x = values(&mut g, elem, shape, lo, hi);
            let want = r::integer_pow(&x, y);
            let ty = x.type_string();
            // Repeated squaring rounds after each multiply.
            let check = if elem.is_float() { ulps(elem) } else { Exact };
            Case::new("integer_pow", vec![x], format!("jaxr.integer_pow %a0, {y} : {ty}"), want, check)
        })
        .collect()
}

fn unary_signed_cases() -> Vec<Case> {
    let mut g = Rng::new(6);
    let mut cases = Vec::new();
    for op in ["neg", "abs", "sign"] {
        cases.push(unary(op, with(floats(&mut g, F32, &[10], -5.0, 5.0), &SPECIALS), Bits));
        cases.push(unary(op, floats(&mut g, F64, &[2, 3], -5.0, 5.0), Bits));
        cases.push(unary(op, with_ints(full(&mut g, I32, &[6]), &[i32::MIN.into(), 0, -1, 1]), Exact));
        cases.push(unary(op, full(&mut g, I8, &[2, 2, 2]), Exact));
        cases.push(unary(op, ints(&mut g, I64, &[], -1000, 1000), Exact));
        cases.push(unary(op, with(floats(&mut g, BF16, &[4], -5.0, 5.0), &[-0.0, NAN]), Bits));
        cases.push(unary(op, with(floats(&mut g, F16, &[3], -5.0, 5.0), &[-INF]), Bits));
    }
    cases.push(unary("square", with(floats(&mut g, F32, &[10], -100.0, 100.0), &SPECIALS), Exact));
    cases.push(unary("square", floats(&mut g, F64, &[2, 3], -1e10, 1e10), Exact));
    cases.push(unary("square", full(&mut g, I32, &[7]), Exact));
    cases.push(unary("square", full(&mut g, UI8, &[2, 4]), Exact));
    cases.push(unary("square", floats(&mut g, F16, &[], -100.0, 100.0), Exact));
    cases.push(unary("square", floats(&mut g, BF16, &[2, 3, 4], -10.0, 10.0), Exact));
    cases
}

fn unary_bits_cases() -> Vec<Case> {
    let mut g = Rng::new(7);
    let mut cases = vec![
        unary("not", Array::bools(&[4], &[true, false, false, true]), Exact),
        unary("not", full(&mut g, I32, &[2, 3]), Exact),
        unary("not", full(&mut g, UI32, &[5]), Exact),
        unary("not", full(&mut g, I8, &[]), Exact),
        unary("not", full(&mut g, UI64, &[3]), Exact),
    ];
    for op in ["population_count", "clz"] {
        cases.push(unary(op, with_ints(full(&mut g, I32, &[8]), &[0, -1, 1, i32::MIN.into()]), Exact));
        cases.push(unary(op, with_ints(full(&mut g, UI8, &[2, 3]), &[0, 255, 1, 128]), Exact));
        cases.push(unary(op, with_ints(full(&mut g, I64, &[5]), &[0, -1, 1]), Exact));
        cases.push(unary(op, full(&mut g, UI32, &[2, 2, 2]), Exact));
        cases.push(unary(op, full(&mut g, I16, &[]), Exact));
    }
    cases
}

// ---------------------------------------------------------------------------
// Elementwise binary
// ---------------------------------------------------------------------------

/// lhs and rhs of one type: random, with the special pairs first for f32.
fn pair(g: &mut Rng, elem: ElemType, shape: &[i64], lo: f64, hi: f64, specials: bool) -> (Array, Array) {
    let (a, b) = (values(g, elem, shape, lo, hi), values(g, elem, shape, lo, hi));
    if specials {
        (with(a, &SPECIAL_LHS), with(b, &SPECIAL_RHS))
    } else {
        (a, b)
    }
}

/// A nonzero integer divisor array (and not -1 where the lhs is the minimum).
fn divisors(g: &mut Rng, elem: ElemType, shape: &[i64], lo: i128, hi: i128) -> Array {
    let mut b = ints(g, elem, shape, lo, hi);
    for v in &mut b.values {
        if matches!(v, Scalar::I(0) | Scalar::I(-1)) {
            *v = Scalar::I(7);
        }
    }
    b
}

fn binary_arith_cases() -> Vec<Case> {
    let mut g = Rng::new(8);
    let mut cases = Vec::new();
    for op in ["add", "sub", "mul"] {
        let (a, b) = pair(&mut g, F32, &[12], -100.0, 100.0, true);
        cases.push(binary(op, a, b, Exact));
        let (a, b) = pair(&mut g, F64, &[2, 3], -1e6, 1e6, false);
        cases.push(binary(op, a, b, Exact));
        cases.push(binary(op, full(&mut g, I32, &[7]), full(&mut g, I32, &[7]), Exact));
        cases.push(binary(op, full(&mut g, UI8, &[2, 3]), full(&mut g, UI8, &[2, 3]), Exact));
        cases.push(binary(op, full(&mut g, I64, &[]), full(&mut g, I64, &[]), Exact));
        let (a, b) = pair(&mut g, F16, &[2, 2, 2], -100.0, 100.0, false);
        cases.push(binary(op, a, b, Exact));
        let (a, b) = pair(&mut g, BF16, &[5], -100.0, 100.0, false);
        cases.push(binary(op, a, b, Exact));
    }
    // div: floats (including x/0), integers truncating toward zero.
    let (a, b) = pair(&mut g, F32, &[12], -100.0, 100.0, true);
    cases.push(binary("div", a, b, Exact));
    let (a, b) = pair(&mut g, F64, &[2, 3], -1e6, 1e6, false);
    cases.push(binary("div", a, b, Exact));
    let a = with_ints(full(&mut g, I32, &[8]), &[-7, 7, -7, 7, i32::MIN.into()]);
    let b = with_ints(divisors(&mut g, I32, &[8], -100, 100), &[2, 2, -2, -2, 1]);
    cases.push(binary("div", a, b, Exact));
    cases.push(binary("div", full(&mut g, UI32, &[2, 3]), divisors(&mut g, UI32, &[2, 3], 1, 1000), Exact));
    cases.push(binary("div", full(&mut g, I8, &[]), divisors(&mut g, I8, &[], -20, 20), Exact));
    let (a, b) = pair(&mut g, BF16, &[2, 2, 2], -10.0, 10.0, false);
    cases.push(binary("div", a, b, Exact));
    let (a, b) = pair(&mut g, F16, &[4], 1.0, 100.0, false);
    cases.push(binary("div", a, b, Exact));
    // rem: the sign of the dividend.
    let (a, b) = pair(&mut g, F32, &[10], -20.0, 20.0, false);
    cases.push(binary(
        "rem",
        with(a, &[-7.5, 7.5, -7.5, INF, 3.0]),
        with(b, &[2.0, -2.0, -2.0, 1.0, INF]),
        Exact,
    ));
    let (a, b) = pair(&mut g, F64, &[2, 3], -1e3, 1e3, false);
    cases.push(binary("rem", a, b, Exact));
    let a = with_ints(full(&mut g, I32, &[8]), &[-7, 7, -7, 7]);
    let b = with_ints(divisors(&mut g, I32, &[8], -100, 100), &[3, 3, -3, -3]);
    cases.push(binary("rem", a, b, Exact));
    cases.push(binary("rem", full(&mut g, UI8, &[2, 2]), divisors(&mut g, UI8, &[2, 2], 1, 30), Exact));
    let (a, b) = pair(&mut g, F16, &[], 1.0, 50.0, false);
    cases.push(binary("rem", a, b, Exact));
    cases.push(binary(
        "rem",
        full(&mut g, I64, &[3]),
        divisors(&mut g, I64, &[3], -1_000_000, 1_000_000),
        Exact,
    ));
    // pow: positive bases; negative bases with integer exponents in f64.
    let (a, b) = (floats(&mut g, F32, &[6], 0.1, 5.0), floats(&mut g, F32, &[6], -3.0, 3.0));
    cases.push(binary("pow", with(a, &[0.0, 1.0, 2.0]), with(b, &[2.0, 7.5, 0.0]), ulps(F32)));
    let a = floats(&mut g, F64, &[2, 3], -3.0, 3.0);
    let b = Array::floats(F64, &[2, 3], &[2.0, 3.0, -1.0, 0.0, 4.0, -3.0]);
    cases.push(binary("pow", a, b, ulps(F64)));
    cases.push(binary(
        "pow",
        floats(&mut g, F16, &[4], 0.5, 3.0),
        floats(&mut g, F16, &[4], -2.0, 2.0),
        ulps(F16),
    ));
    cases.push(binary(
        "pow",
        floats(&mut g, BF16, &[], 0.5, 3.0),
        floats(&mut g, BF16, &[], -2.0, 2.0),
        ulps(BF16),
    ));
    cases.push(binary(
        "pow",
        floats(&mut g, F32, &[2, 2, 2], 0.5, 2.0),
        floats(&mut g, F32, &[2, 2, 2], -4.0, 4.0),
        ulps(F32),
    ));
    // Integer pow wraps; a negative exponent gives 0 but for bases 1 and -1.
    cases.push(binary(
        "pow",
        Array::ints(I32, &[9], &[-1, -1, -3, 1, -3, 0, 2, 3, 7]),
        Array::ints(I32, &[9], &[1, 0, -3, -3, 3, 2, 31, 40, 0]),
        Exact,
    ));
    cases.push(binary("pow", full(&mut g, UI8, &[2, 3]), ints(&mut g, UI8, &[2, 3], 0, 9), Exact));
    cases.push(binary("pow", ints(&mut g, I64, &[], -5, 5), ints(&mut g, I64, &[], 0, 30), Exact));
    // max/min with infinities and signed zeros (NaN: see nan_max_min_cases).
    for op in ["max", "min"] {
        let (a, b) = pair(&mut g, F32, &[12], -10.0, 10.0, false);
        let (a, b) = (with(a, &SPECIAL_LHS[3..]), with(b, &SPECIAL_RHS[3..]));
        cases.push(binary(op, a, b, Exact));
        let (a, b) = pair(&mut g, F64, &[2, 3], -10.0, 10.0, false);
        cases.push(binary(op, a, b, Exact));
        cases.push(binary(op, full(&mut g, I32, &[6]), full(&mut g, I32, &[6]), Exact));
        cases.push(binary(
            op,
            Array::bools(&[4], &[false, false, true, true]),
            Array::bools(&[4], &[false, true, false, true]),
            Exact,
        ));
        cases.push(binary(op, full(&mut g, UI32, &[2, 2]), full(&mut g, UI32, &[2, 2]), Exact));
        let (a, b) = pair(&mut g, BF16, &[], -10.0, 10.0, false);
        cases.push(binary(op, a, b, Exact));
        cases.push(binary(op, full(&mut g, I8, &[2, 3, 4]), full(&mut g, I8, &[2, 3, 4]), Exact));
    }
    // atan2(y, x) in all four quadrants.
    let (a, b) = pair(&mut g, F32, &[10], -10.0, 10.0, false);
    let a = with(a, &[0.0, -0.0, 1.0, -1.0, INF, 1.0, 0.0]);
    let b = with(b, &[1.0, 1.0, 0.0, 0.0, 1.0, -INF, -1.0]);
    cases.push(binary("atan2", a, b, ulps(F32)));
    let (a, b) = pair(&mut g, F64, &[2, 3], -10.0, 10.0, false);
    cases.push(binary("atan2", a, b, ulps(F64)));
    let (a, b) = pair(&mut g, F16, &[4], -10.0, 10.0, false);
    cases.push(binary("atan2", a, b, ulps(F16)));
    let (a, b) = pair(&mut g, BF16, &[2, 2, 2], -10.0, 10.0, false);
    cases.push(binary("atan2", a, b, ulps(BF16)));
    cases
}

fn binary_bitwise_cases() -> Vec<Case> {
    let mut g = Rng::new(9);
    let mut cases = Vec::new();
    let (p, q) =
        (Array::bools(&[4], &[false, false, true, true]), Array::bools(&[4], &[false, true, false, true]));
    for op in ["and", "or", "xor"] {
        cases.push(binary(op, p.clone(), q.clone(), Exact));
        cases.push(binary(op, full(&mut g, I32, &[2, 3]), full(&mut g, I32, &[2, 3]), Exact));
        cases.push(binary(op, full(&mut g, UI8, &[5]), full(&mut g, UI8, &[5]), Exact));
        cases.push(binary(op, full(&mut g, I64, &[]), full(&mut g, I64, &[]), Exact));
        cases.push(binary(op, full(&mut g, UI32, &[2, 2, 2]), full(&mut g, UI32, &[2, 2, 2]), Exact));
    }
    // Shift amounts from negative (read as huge unsigned) to past the width.
    for op in ["shift_left", "shift_right_logical", "shift_right_arithmetic"] {
        for (elem, shape) in [(I32, &[12][..]), (UI32, &[3, 4]), (I8, &[2, 3, 2]), (UI8, &[12]), (I64, &[6])]
        {
            let width = i128::from(elem.bit_width());
            let amounts =
                with_ints(ints(&mut g, elem, shape, -2, width + 2), &[0, 1, width - 1, width, width + 1, -1]);
            let x = with_ints(full(&mut g, elem, shape), &[-1, -1, -1, -1, -1, -1]);
            cases.push(binary(op, x, amounts, Exact));
        }
        cases.push(binary(op, ints(&mut g, I32, &[], -1000, 1000), ints(&mut g, I32, &[], 0, 31), Exact));
    }
    cases
}

fn compare_cases() -> Vec<Case> {
    let mut g = Rng::new(10);
    let mut cases = Vec::new();
    for direction in ["eq", "ne", "lt", "le", "gt", "ge"] {
        // Small ranges so that ties occur.
        let (a, b) = pair(&mut g, F32, &[12], -3.0, 3.0, true);
        cases.push(compare(direction, a, b));
        let (a, b) = (ints(&mut g, I32, &[2, 3], -3, 3), ints(&mut g, I32, &[2, 3], -3, 3));
        cases.push(compare(direction, a, b));
        // Unsigned: values above 2^31 compare as large numbers.
        let a = with_ints(full(&mut g, UI32, &[6]), &[0, 4_294_967_295, 2_147_483_648]);
        let b = with_ints(full(&mut g, UI32, &[6]), &[4_294_967_295, 0, 1]);
        cases.push(compare(direction, a, b));
        let (a, b) = pair(&mut g, F64, &[], -1.0, 1.0, false);
        cases.push(compare(direction, a, b));
        cases.push(compare(
            direction,
            Array::bools(&[4], &[false, false, true, true]),
            Array::bools(&[4], &[false, true, false, true]),
        ));
        let (a, b) = pair(&mut g, F16, &[2, 2, 2], -2.0, 2.0, false);
        cases.push(compare(direction, a, b));
        let (a, b) = (full(&mut g, I64, &[3]), full(&mut g, I64, &[3]));
        cases.push(compare(direction, with_ints(a, &[5]), with_ints(b, &[5])));
        let (a, b) = pair(&mut g, BF16, &[2, 2], -2.0, 2.0, false);
        cases.push(compare(direction, a, b));
    }
    cases
}

// ---------------------------------------------------------------------------
// Selection and conversion
// ---------------------------------------------------------------------------

fn select_n(which: Array, cases: Vec<Array>) -> Case {
    let want = r::select_n(&which, &cases.iter().collect::<Vec<_>>());
    let mut inputs = vec![which];
    inputs.extend(cases);
    let line = format!(
        "jaxr.select_n {} : {}",
        operands(0..inputs.len()),
        functional(&inputs.iter().collect::<Vec<_>>(), &want)
    );
    Case::new("select_n", inputs, line, want, Bits)
}

fn clamp(lo: Array, x: Array, hi: Array) -> Case {
    let want = r::clamp(&lo, &x, &hi);
    let line = format!("jaxr.clamp %a0, %a1, %a2 : {}", functional(&[&lo, &x, &hi], &want));
    Case::new("clamp", vec![lo, x, hi], line, want, Exact)
}

fn bools(g: &mut Rng, shape: &[i64]) -> Array {
    ints(g, I1, shape, 0, 1)
}

fn select_clamp_cases() -> Vec<Case> {
    let mut g = Rng::new(11);
    let mut cases = vec![
        select_n(
            bools(&mut g, &[6]),
            vec![floats(&mut g, F32, &[6], -5.0, 5.0), floats(&mut g, F32, &[6], -5.0, 5.0)],
        ),
        // A scalar selector picks whole cases.
        select_n(Array::bools(&[], &[true]), vec![full(&mut g, I32, &[2, 3]), full(&mut g, I32, &[2, 3])]),
        select_n(Array::bools(&[], &[false]), vec![full(&mut g, I32, &[2, 3]), full(&mut g, I32, &[2, 3])]),
        select_n(
            ints(&mut g, I32, &[2, 4], 0, 2),
            (0..3).map(|_| floats(&mut g, F64, &[2, 4], -5.0, 5.0)).collect(),
        ),
        select_n(ints(&mut g, I32, &[12], 0, 4), (0..5).map(|_| full(&mut g, I32, &[12])).collect()),
        select_n(
            ints(&mut g, I32, &[2, 2, 3], 0, 1),
            (0..2).map(|_| floats(&mut g, BF16, &[2, 2, 3], -5.0, 5.0)).collect(),
        ),
        select_n(ints(&mut g, I32, &[], 2, 2), (0..4).map(|_| full(&mut g, UI8, &[3])).collect()),
        select_n(bools(&mut g, &[4]), vec![floats(&mut g, F32, &[4], -5.0, 5.0)]),
        select_n(ints(&mut g, I32, &[4], 0, 0), vec![full(&mut g, I64, &[4])]),
        select_n(bools(&mut g, &[3]), vec![bools(&mut g, &[3]), bools(&mut g, &[3])]),
        select_n(
            bools(&mut g, &[5]),
            vec![
                with(floats(&mut g, F16, &[5], -1.0, 1.0), &[-0.0, NAN]),
                floats(&mut g, F16, &[5], -1.0, 1.0),
            ],
        ),
    ];
    let s = |g: &mut Rng, elem, lo, hi| values(g, elem, &[], lo, hi);
    cases.push(clamp(
        s(&mut g, F32, -3.0, -1.0),
        floats(&mut g, F32, &[8], -5.0, 5.0),
        s(&mut g, F32, 1.0, 3.0),
    ));
    cases.push(clamp(
        floats(&mut g, F32, &[2, 3], -3.0, -1.0),
        floats(&mut g, F32, &[2, 3], -5.0, 5.0),
        floats(&mut g, F32, &[2, 3], 1.0, 3.0),
    ));
    cases.push(clamp(
        ints(&mut g, I32, &[6], -50, -10),
        full(&mut g, I32, &[6]),
        ints(&mut g, I32, &[6], 10, 50),
    ));
    cases.push(clamp(
        s(&mut g, UI8, 20.0, 40.0),
        full(&mut g, UI8, &[2, 2, 2]),
        s(&mut g, UI8, 100.0, 200.0),
    ));
    cases.push(clamp(
        s(&mut g, F64, -0.5, 0.0),
        floats(&mut g, F64, &[], -1.0, 1.0),
        s(&mut g, F64, 0.0, 0.5),
    ));
    cases.push(clamp(
        s(&mut g, BF16, -3.0, -1.0),
        floats(&mut g, BF16, &[5], -5.0, 5.0),
        floats(&mut g, BF16, &[5], 1.0, 3.0),
    ));
    cases.push(clamp(
        ints(&mut g, I64, &[4], -9, 0),
        ints(&mut g, I64, &[4], -20, 20),
        s(&mut g, I64, 0.0, 9.0),
    ));
    cases.push(clamp(
        s(&mut g, F32, -1.0, -1.0),
        with(floats(&mut g, F32, &[4], -5.0, 5.0), &[INF, -INF]),
        s(&mut g, F32, 1.0, 1.0),
    ));
    cases
}

fn convert(x: Array, to: ElemType) -> Case {
    let want = r::convert(&x, to);
    let line = format!("jaxr.convert_element_type %a0 : {} -> {}", x.type_string(), want.type_string());
    let check = if to.is_float() && x.elem.is_float() { Bits } else { Exact };
    Case::new("convert_element_type", vec![x], line, want, check)
}

fn bitcast(x: Array, to: ElemType) -> Case {
    let want = r::bitcast_convert(&x, to);
    let line = format!("jaxr.bitcast_convert_type %a0 : {} -> {}", x.type_string(), want.type_string());
    Case::new("bitcast_convert_type", vec![x], line, want, Bits)
}

fn conversion_cases() -> Vec<Case> {
    let mut g = Rng::new(12);
    let fractions = [-0.5, 0.5, -1.5, 1.5, -0.0, -2.75, 2.75, -0.99];
    vec![
        // Float to integer truncates toward zero.
        convert(with(floats(&mut g, F32, &[2, 5], -1e6, 1e6), &fractions), I32),
        convert(with(floats(&mut g, F64, &[8], -1e12, 1e12), &fractions), I64),
        convert(floats(&mut g, F32, &[6], 0.0, 255.9), UI8),
        convert(floats(&mut g, BF16, &[2, 2], -100.0, 100.0), I16),
        // Float to float rounds to nearest even.
        convert(with(floats(&mut g, F32, &[2, 3], -1e5, 1e5), &[NAN, INF, -0.0, 1e-6, 70000.0]), F16),
        convert(
            with(floats(&mut g, F32, &[7], -1e5, 1e5), &[NAN, -INF, -0.0, 1.0 + 1.0 / 256.0, 3e38]),
            BF16,
        ),
        convert(
            with(floats(&mut g, F64, &[2, 2, 2], -1e10, 1e10), &[1.0 + 2f64.powi(-24), 1e300, -1e-300]),
            F32,
        ),
        convert(floats(&mut g, F16, &[5], -1000.0, 1000.0), F32),
        convert(floats(&mut g, BF16, &[], -1e30, 1e30), F64),
        convert(floats(&mut g, F32, &[4], -1e3, 1e3), F64),
        // The identity conversion (lax allows it; the derivative check runs in f64).
        convert(floats(&mut g, F64, &[3, 2], -10.0, 10.0), F64),
        // Integer to float; large values round.
        convert(with_ints(full(&mut g, I32, &[6]), &[16_777_217, -16_777_219, i32::MAX.into()]), F32),
        convert(full(&mut g, UI8, &[2, 3]), F64),
        convert(full(&mut g, I64, &[4]), F64),
        convert(ints(&mut g, I32, &[3], -70000, 70000), F16),
        convert(full(&mut g, UI32, &[3]), BF16),
        // Integer to integer wraps or extends.
        convert(full(&mut g, I64, &[2, 3]), UI32),
        convert(full(&mut g, I32, &[6]), I8),
        convert(full(&mut g, UI32, &[5]), I32),
        convert(full(&mut g, I32, &[5]), I64),
        convert(full(&mut g, I8, &[4]), UI16),
        // To and from i1.
        convert(with(floats(&mut g, F32, &[6], -2.0, 2.0), &[0.0, -0.0, NAN, 1e-30]), I1),
        convert(with_ints(ints(&mut g, I32, &[5], -2, 2), &[0, 256]), I1),
        convert(bools(&mut g, &[4]), F16),
        convert(bools(&mut g, &[2, 2]), I32),
        convert(bools(&mut g, &[3]), F64),
        // Same width.
        bitcast(with(floats(&mut g, F32, &[6], -10.0, 10.0), &[NAN, INF, -0.0, 1.0]), I32),
        bitcast(full(&mut g, I32, &[2, 3]), F32),
        bitcast(full(&mut g, UI32, &[4]), F32),
        bitcast(floats(&mut g, F64, &[3], -1e9, 1e9), I64),
        bitcast(full(&mut g, I64, &[]), F64),
        bitcast(floats(&mut g, F16, &[2, 2], -10.0, 10.0), I16),
        bitcast(floats(&mut g, BF16, &[5], -10.0, 10.0), UI16),
        bitcast(full(&mut g, UI16, &[3]), F16),
        // Narrowing adds a trailing dimension, widening consumes it.
        bitcast(with(floats(&mut g, F32, &[3], -10.0, 10.0), &[1.0]), UI8),
        bitcast(floats(&mut g, F64, &[2], -10.0, 10.0), UI32),
        bitcast(full(&mut g, UI8, &[3, 4]), I32),
        bitcast(full(&mut g, I8, &[2, 2]), BF16),
        bitcast(full(&mut g, UI32, &[2, 2]), F64),
    ]
}

// ---------------------------------------------------------------------------
// Shape manipulation
// ---------------------------------------------------------------------------

fn broadcast(x: Array, shape: &[i64], dims: &[i64]) -> Case {
    let want = r::broadcast_in_dim(&x, shape, dims);
    let line = format!(
        "jaxr.broadcast_in_dim %a0, dims = {} : {} -> {}",
        list(dims),
        x.type_string(),
        want.type_string()
    );
    Case::new("broadcast_in_dim", vec![x], line, want, Bits)
}

fn reshape(x: Array, shape: &[i64]) -> Case {
    let want = r::reshape(&x, shape);
    let line = format!("jaxr.reshape %a0 : {} -> {}", x.type_string(), want.type_string());
    Case::new("reshape", vec![x], line, want, Bits)
}

fn transpose(x: Array, perm: &[i64]) -> Case {
    let want = r::transpose(&x, perm);
    let line =
        format!("jaxr.transpose %a0, perm = {} : {} -> {}", list(perm), x.type_string(), want.type_string());
    Case::new("transpose", vec![x], line, want, Bits)
}

fn rev(x: Array, dims: &[i64]) -> Case {
    let want = r::rev(&x, dims);
    let line = format!("jaxr.rev %a0, dims = {} : {}", list(dims), x.type_string());
    Case::new("rev", vec![x], line, want, Bits)
}

fn concatenate(xs: Vec<Array>, dim: usize) -> Case {
    let refs: Vec<&Array> = xs.iter().collect();
    let want = r::concatenate(&refs, dim);
    let line =
        format!("jaxr.concatenate({}) dim = {dim} : {}", operands(0..xs.len()), functional(&refs, &want));
    Case::new("concatenate", xs, line, want, Bits)
}

fn shape_cases() -> Vec<Case> {
    let mut g = Rng::new(13);
    let f = |g: &mut Rng, elem, shape: &[i64]| values(g, elem, shape, -100.0, 100.0);
    vec![
        broadcast(with(f(&mut g, F32, &[]), &[-0.0]), &[2, 3], &[]),
        broadcast(f(&mut g, I32, &[3]), &[4, 3], &[1]),
        broadcast(f(&mut g, BF16, &[1, 3]), &[5, 2, 3], &[0, 2]),
        broadcast(f(&mut g, F64, &[2]), &[2, 3], &[0]),
        broadcast(bools(&mut g, &[3]), &[3, 2], &[0]),
        broadcast(f(&mut g, F32, &[2, 1, 4]), &[2, 3, 4], &[0, 1, 2]),
        broadcast(f(&mut g, UI8, &[]), &[], &[]),
        reshape(with(f(&mut g, F32, &[2, 3]), &[NAN, -0.0]), &[6]),
        reshape(f(&mut g, I32, &[2, 3, 4]), &[4, 6]),
        reshape(f(&mut g, F64, &[]), &[1, 1]),
        reshape(bools(&mut g, &[6]), &[3, 2]),
        reshape(f(&mut g, F16, &[4, 3]), &[2, 2, 3]),
        reshape(f(&mut g, UI32, &[1, 5]), &[5]),
        reshape(f(&mut g, F32, &[0, 4]), &[2, 0]),
        transpose(f(&mut g, F32, &[2, 3]), &[1, 0]),
        transpose(f(&mut g, F64, &[2, 3, 4]), &[2, 0, 1]),
        transpose(bools(&mut g, &[2, 5]), &[1, 0]),
        transpose(f(&mut g, I32, &[2, 3, 4]), &[1, 0, 2]),
        transpose(f(&mut g, BF16, &[3, 2, 2]), &[2, 1, 0]),
        transpose(f(&mut g, F32, &[4]), &[0]),
        rev(f(&mut g, F16, &[2, 3]), &[0, 1]),
        rev(f(&mut g, UI8, &[4]), &[0]),
        rev(f(&mut g, I32, &[4]), &[]),
        rev(f(&mut g, F32, &[2, 3, 4]), &[1]),
        rev(f(&mut g, F64, &[3, 2]), &[0]),
        rev(f(&mut g, I64, &[2, 2, 3]), &[0, 2]),
        concatenate(vec![f(&mut g, F32, &[2, 3]), f(&mut g, F32, &[4, 3])], 0),
        concatenate(vec![f(&mut g, I32, &[2, 1]), f(&mut g, I32, &[2, 3]), f(&mut g, I32, &[2, 2])], 1),
        concatenate(vec![f(&mut g, I64, &[5])], 0),
        concatenate(vec![f(&mut g, F64, &[2, 2, 1]), f(&mut g, F64, &[2, 2, 3])], 2),
        concatenate(vec![bools(&mut g, &[2]), bools(&mut g, &[3])], 0),
        concatenate(vec![f(&mut g, BF16, &[1, 2]), f(&mut g, BF16, &[2, 2])], 0),
        concatenate(vec![f(&mut g, F32, &[3]), f(&mut g, F32, &[0]), f(&mut g, F32, &[2])], 0),
    ]
}

fn pad(x: Array, value: Array, low: &[i64], high: &[i64], interior: &[i64]) -> Case {
    let want = r::pad(&x, &value, low, high, interior);
    let line = format!(
        "jaxr.pad %a0, %a1, low = {}, high = {}, interior = {} : {}",
        list(low),
        list(high),
        list(interior),
        functional(&[&x, &value], &want)
    );
    Case::new("pad", vec![x, value], line, want, Bits)
}

fn slice(x: Array, start: &[i64], limit: &[i64], strides: &[i64]) -> Case {
    let want = r::slice(&x, start, limit, strides);
    let line = format!(
        "jaxr.slice %a0, start = {}, limit = {}, strides = {} : {} -> {}",
        list(start),
        list(limit),
        list(strides),
        x.type_string(),
        want.type_string()
    );
    Case::new("slice", vec![x], line, want, Bits)
}

/// dynamic_slice with the start indices as scalar arguments of `index` type.
fn dynamic_slice(x: Array, index: ElemType, starts: &[i128], sizes: &[i64]) -> Case {
    let want = r::dynamic_slice(&x, starts, sizes);
    let mut inputs = vec![x];
    inputs.extend(starts.iter().map(|&s| Array::ints(index, &[], &[s])));
    let line = format!(
        "jaxr.dynamic_slice %a0[{}] sizes = {} : {}",
        operands(1..inputs.len()),
        list(sizes),
        functional(&inputs.iter().collect::<Vec<_>>(), &want)
    );
    Case::new("dynamic_slice", inputs, line, want, Bits)
}

fn dynamic_update_slice(x: Array, update: Array, index: ElemType, starts: &[i128]) -> Case {
    let want = r::dynamic_update_slice(&x, &update, starts);
    let mut inputs = vec![x, update];
    inputs.extend(starts.iter().map(|&s| Array::ints(index, &[], &[s])));
    let line = format!(
        "jaxr.dynamic_update_slice %a0, %a1[{}] : {}",
        operands(2..inputs.len()),
        functional(&inputs.iter().collect::<Vec<_>>(), &want)
    );
    Case::new("dynamic_update_slice", inputs, line, want, Bits)
}

fn pad_slice_cases() -> Vec<Case> {
    let mut g = Rng::new(14);
    let f = |g: &mut Rng, elem, shape: &[i64]| values(g, elem, shape, -100.0, 100.0);
    // The padding value, a scalar.
    let s = |elem: ElemType, v: f64| {
        Array::scalar(elem, if elem.is_float() { Scalar::F(v) } else { Scalar::I(v as i128) })
    };
    vec![
        pad(f(&mut g, F32, &[4]), s(F32, -1.0), &[2], &[1], &[0]),
        pad(f(&mut g, F32, &[3, 4]), s(F32, NAN), &[1, -1], &[0, 2], &[1, 0]),
        pad(f(&mut g, I32, &[5]), s(I32, 9.0), &[-2], &[-1], &[2]),
        pad(f(&mut g, F64, &[2, 2, 3]), s(F64, 0.5), &[0, 1, -1], &[1, 0, -1], &[0, 1, 1]),
        pad(f(&mut g, BF16, &[3]), s(BF16, 7.0), &[-3], &[2], &[1]),
        pad(bools(&mut g, &[2, 2]), Array::bools(&[], &[true]), &[1, 0], &[0, 1], &[1, 1]),
        pad(f(&mut g, UI8, &[4]), s(UI8, 255.0), &[0], &[0], &[3]),
        pad(f(&mut g, F16, &[]), s(F16, 2.0), &[], &[], &[]),
        pad(f(&mut g, I64, &[4]), s(I64, -5.0), &[-4], &[2], &[0]),
        slice(f(&mut g, F32, &[10]), &[1], &[8], &[3]),
        slice(f(&mut g, UI32, &[4, 6]), &[0, 2], &[4, 6], &[2, 1]),
        slice(f(&mut g, F32, &[10]), &[5], &[5], &[1]),
        slice(f(&mut g, F64, &[3, 4, 5]), &[1, 0, 1], &[3, 4, 5], &[1, 3, 2]),
        slice(f(&mut g, I32, &[2, 3]), &[0, 0], &[2, 3], &[1, 1]),
        slice(f(&mut g, BF16, &[7]), &[6], &[7], &[5]),
        slice(bools(&mut g, &[6]), &[1], &[6], &[2]),
        slice(f(&mut g, I8, &[]), &[], &[], &[]),
        dynamic_slice(f(&mut g, F32, &[4, 6]), I32, &[1, 2], &[2, 3]),
        // Starts out of range are clamped into [0, dim - size].
        dynamic_slice(f(&mut g, F32, &[4, 6]), I32, &[-3, 5], &[2, 3]),
        dynamic_slice(f(&mut g, I32, &[8]), I64, &[100], &[3]),
        dynamic_slice(f(&mut g, F64, &[2, 3, 4]), I32, &[1, -1, 2], &[1, 2, 2]),
        dynamic_slice(f(&mut g, BF16, &[8]), I64, &[3], &[4]),
        dynamic_slice(f(&mut g, UI8, &[5, 5]), UI32, &[4, 4_000_000_000], &[2, 5]),
        dynamic_slice(f(&mut g, F16, &[3]), I32, &[i32::MIN.into()], &[3]),
        dynamic_update_slice(f(&mut g, F32, &[4, 6]), f(&mut g, F32, &[2, 3]), I32, &[1, 2]),
        dynamic_update_slice(f(&mut g, F32, &[4, 6]), f(&mut g, F32, &[2, 3]), I32, &[7, -2]),
        dynamic_update_slice(f(&mut g, I8, &[8]), f(&mut g, I8, &[8]), UI32, &[3]),
        dynamic_update_slice(f(&mut g, I32, &[8]), f(&mut g, I32, &[3]), I64, &[6]),
        dynamic_update_slice(f(&mut g, F64, &[2, 3, 4]), f(&mut g, F64, &[2, 1, 2]), I32, &[0, 2, 1]),
        dynamic_update_slice(bools(&mut g, &[5]), bools(&mut g, &[2]), I32, &[-1]),
        dynamic_update_slice(f(&mut g, BF16, &[3, 3]), f(&mut g, BF16, &[1, 3]), I64, &[2, 1]),
    ]
}

// ---------------------------------------------------------------------------
// Reductions
// ---------------------------------------------------------------------------

fn reduce(op: &'static str, x: Array, axes: &[usize]) -> Case {
    let kind = op.trim_start_matches("reduce_");
    let want = r::reduce(kind, &x, axes);
    let line =
        format!("jaxr.{op} %a0, axes = {} : {} -> {}", ulist(axes), x.type_string(), want.type_string());
    // Float sums and products: the order of accumulation may differ.
    let check = match (x.elem.is_float(), kind) {
        (true, "sum") => {
            let n = x.len().max(1) as f64;
            let total: f64 = x.values.iter().map(|v| v.f().abs()).filter(|v| v.is_finite()).sum();
            Close(eps(x.elem), n * eps(x.elem) * total)
        }
        (true, "prod") => Close(2.0 * x.len() as f64 * eps(x.elem), 0.0),
        _ => Exact,
    };
    Case::new(op, vec![x], line, want, check)
}

fn arg_reduce(op: &'static str, x: Array, axis: usize, index: ElemType) -> Case {
    let want = r::arg_reduce(op == "argmax", &x, axis, index);
    let line = format!("jaxr.{op} %a0, axis = {axis} : {} -> {}", x.type_string(), want.type_string());
    Case::new(op, vec![x], line, want, Exact)
}

fn reduction_cases() -> Vec<Case> {
    let mut g = Rng::new(15);
    let mut cases = Vec::new();
    for op in ["reduce_sum", "reduce_max", "reduce_min", "reduce_prod"] {
        let (lo, hi) = if op == "reduce_prod" { (0.5, 2.0) } else { (-10.0, 10.0) };
        cases.push(reduce(op, floats(&mut g, F32, &[2, 3, 4], lo, hi), &[0, 2]));
        cases.push(reduce(op, floats(&mut g, F32, &[5], lo, hi), &[0]));
        cases.push(reduce(op, floats(&mut g, F32, &[2, 3], lo, hi), &[]));
        cases.push(reduce(op, floats(&mut g, F64, &[3, 4], lo, hi), &[1]));
        cases.push(reduce(op, full(&mut g, I32, &[4, 3]), &[0]));
        cases.push(reduce(op, ints(&mut g, I32, &[2, 3, 2], -5, 5), &[0, 1, 2]));
        cases.push(reduce(op, full(&mut g, UI8, &[7]), &[0]));
        cases.push(reduce(op, floats(&mut g, F16, &[2, 4], lo, hi), &[1]));
        cases.push(reduce(op, floats(&mut g, BF16, &[3, 2], lo, hi), &[0]));
        cases.push(reduce(op, full(&mut g, I64, &[2, 3]), &[1, 0]));
        // An empty reduced dimension gives the identity.
        cases.push(reduce(op, floats(&mut g, F32, &[0, 3], lo, hi), &[0]));
    }
    for op in ["reduce_max", "reduce_min"] {
        // Infinities and signed zeros take part (NaN: see nan_max_min_cases).
        let x = with(floats(&mut g, F32, &[3, 4], -10.0, 10.0), &[-INF, 1.0, 2.0, 3.0, -INF, INF, -0.0, 0.0]);
        cases.push(reduce(op, x, &[1]));
        cases.push(reduce(op, bools(&mut g, &[3, 2]), &[0, 1]));
        cases.push(reduce(op, bools(&mut g, &[3, 4]), &[1]));
    }
    for op in ["reduce_and", "reduce_or"] {
        cases.push(reduce(op, bools(&mut g, &[3, 2]), &[0]));
        cases.push(reduce(op, bools(&mut g, &[4, 3]), &[1]));
        cases.push(reduce(op, Array::bools(&[2, 3], &[true, true, true, false, false, false]), &[1]));
        cases.push(reduce(op, full(&mut g, I32, &[2, 3]), &[0, 1]));
        cases.push(reduce(op, full(&mut g, UI8, &[7]), &[0]));
        cases.push(reduce(op, full(&mut g, I64, &[3, 2]), &[1]));
        cases.push(reduce(op, full(&mut g, UI32, &[2, 2, 2]), &[0, 2]));
        cases.push(reduce(op, bools(&mut g, &[0, 2]), &[0]));
    }
    for op in ["argmax", "argmin"] {
        // Ties go to the first index, NaN counts as the extremum, -0 == 0.
        let x = Array::floats(F32, &[3, 4], &[1.0, 3.0, 3.0, 2.0, 0.0, NAN, 5.0, NAN, -0.0, 0.0, -INF, INF]);
        cases.push(arg_reduce(op, x, 1, I32));
        cases.push(arg_reduce(op, floats(&mut g, F32, &[2, 3, 4], -10.0, 10.0), 2, I32));
        cases.push(arg_reduce(op, floats(&mut g, F32, &[4, 3], -10.0, 10.0), 0, I64));
        cases.push(arg_reduce(op, floats(&mut g, F64, &[6], -2.0, 2.0), 0, I32));
        cases.push(arg_reduce(op, ints(&mut g, I32, &[3, 5], -3, 3), 1, I32));
        cases.push(arg_reduce(op, ints(&mut g, I8, &[4], -2, 2), 0, I64));
        cases.push(arg_reduce(op, full(&mut g, UI8, &[2, 6]), 1, UI32));
        cases.push(arg_reduce(op, floats(&mut g, F16, &[3, 5], -1.0, 1.0), 1, UI32));
        cases.push(arg_reduce(op, floats(&mut g, BF16, &[2, 3, 2], -1.0, 1.0), 1, I32));
        cases.push(arg_reduce(op, bools(&mut g, &[3, 4]), 1, I32));
        cases.push(arg_reduce(op, Array::floats(F64, &[3, 2], &[NAN, 1.0, 2.0, NAN, NAN, 0.0]), 0, I32));
    }
    cases
}

/// max, min, reduce_max, reduce_min and clamp with NaN operands: lax.max and
/// friends propagate NaN wherever it appears (StableHLO's maximum/minimum,
/// and JAX on CPU).
fn nan_max_min_cases() -> Vec<Case> {
    let mut g = Rng::new(17);
    let mut cases = Vec::new();
    for op in ["max", "min"] {
        let (a, b) = pair(&mut g, F32, &[12], -10.0, 10.0, true);
        cases.push(binary(op, a, b, Exact));
        let (a, b) = pair(&mut g, F64, &[2, 2], -10.0, 10.0, false);
        cases.push(binary(op, with(a, &[2.0, NAN]), with(b, &[NAN, 2.0]), Exact));
        let (a, b) = pair(&mut g, BF16, &[3], -10.0, 10.0, false);
        cases.push(binary(op, a, with(b, &[NAN]), Exact));
    }
    for op in ["reduce_max", "reduce_min"] {
        let x = with(floats(&mut g, F32, &[3, 4], -10.0, 10.0), &[NAN, 1.0, 2.0, 3.0, 1.0, NAN, 2.0, 3.0]);
        cases.push(reduce(op, x, &[1]));
        cases.push(reduce(op, with(floats(&mut g, F64, &[4], -10.0, 10.0), &[0.0, 0.0, NAN]), &[0]));
    }
    let (lo, hi) = (Array::floats(F32, &[], &[-1.0]), Array::floats(F32, &[], &[1.0]));
    cases.push(clamp(lo, with(floats(&mut g, F32, &[4], -5.0, 5.0), &[NAN, 0.5]), hi));
    cases
}

// ---------------------------------------------------------------------------
// Contraction
// ---------------------------------------------------------------------------

fn dot(lhs: Array, rhs: Array, dims: DotDims, out: ElemType) -> Case {
    let want = r::dot_general(&lhs, &rhs, &dims, out);
    let line = format!(
        "jaxr.dot_general %a0, %a1, contracting = {} x {}, batch = {} x {} : {}",
        ulist(&dims.lhs_contracting),
        ulist(&dims.rhs_contracting),
        ulist(&dims.lhs_batch),
        ulist(&dims.rhs_batch),
        functional(&[&lhs, &rhs], &want)
    );
    let check = if out.is_float() {
        let k: usize = dims.lhs_contracting.iter().map(|&d| lhs.shape[d] as usize).product();
        let max = |a: &Array| a.values.iter().map(|v| v.f().abs()).fold(0.0, f64::max);
        Close(2.0 * eps(out), (k * k) as f64 * eps(out) * max(&lhs) * max(&rhs))
    } else {
        Exact
    };
    Case::new("dot_general", vec![lhs, rhs], line, want, check)
}

fn dims(lc: &[usize], rc: &[usize], lb: &[usize], rb: &[usize]) -> DotDims {
    DotDims {
        lhs_contracting: lc.to_vec(),
        rhs_contracting: rc.to_vec(),
        lhs_batch: lb.to_vec(),
        rhs_batch: rb.to_vec(),
    }
}

fn dot_cases() -> Vec<Case> {
    let mut g = Rng::new(16);
    let f = |g: &mut Rng, elem, shape: &[i64]| values(g, elem, shape, -4.0, 4.0);
    vec![
        // Matrix product, matrix-vector, inner and outer products.
        dot(f(&mut g, F32, &[2, 3]), f(&mut g, F32, &[3, 4]), dims(&[1], &[0], &[], &[]), F32),
        dot(f(&mut g, F32, &[4, 5]), f(&mut g, F32, &[5]), dims(&[1], &[0], &[], &[]), F32),
        dot(f(&mut g, F32, &[6]), f(&mut g, F32, &[6]), dims(&[0], &[0], &[], &[]), F32),
        dot(f(&mut g, F32, &[3]), f(&mut g, F32, &[2]), dims(&[], &[], &[], &[]), F32),
        // Contracting a leading dimension; two contracting dimensions.
        dot(f(&mut g, F32, &[3, 2]), f(&mut g, F32, &[4, 3]), dims(&[0], &[1], &[], &[]), F32),
        dot(f(&mut g, F64, &[2, 3, 4]), f(&mut g, F64, &[4, 3, 5]), dims(&[1, 2], &[1, 0], &[], &[]), F64),
        // Batched, with batch dimensions that are not leading.
        dot(f(&mut g, F32, &[2, 2, 3]), f(&mut g, F32, &[2, 3, 4]), dims(&[2], &[1], &[0], &[0]), F32),
        dot(f(&mut g, F64, &[3, 2, 4]), f(&mut g, F64, &[4, 5, 2]), dims(&[2], &[0], &[1], &[2]), F64),
        // Integers wrap; narrow integers accumulate into a wider result.
        dot(full(&mut g, I32, &[3, 4]), full(&mut g, I32, &[4, 2]), dims(&[1], &[0], &[], &[]), I32),
        dot(full(&mut g, I8, &[4]), full(&mut g, I8, &[4]), dims(&[0], &[0], &[], &[]), I32),
        dot(full(&mut g, I8, &[4]), full(&mut g, I8, &[3]), dims(&[], &[], &[], &[]), I32),
        dot(
            ints(&mut g, I64, &[2, 3, 2], -1000, 1000),
            ints(&mut g, I64, &[2, 2], -1000, 1000),
            dims(&[2], &[0], &[], &[]),
            I64,
        ),
        dot(full(&mut g, UI8, &[2, 5]), full(&mut g, UI8, &[5, 2]), dims(&[1], &[0], &[], &[]), UI32),
        // Half precision, accumulated into f32 or kept.
        dot(f(&mut g, BF16, &[7, 2, 3]), f(&mut g, BF16, &[7, 3, 5]), dims(&[2], &[1], &[0], &[0]), F32),
        dot(f(&mut g, F16, &[2, 3]), f(&mut g, F16, &[3, 2]), dims(&[1], &[0], &[], &[]), F16),
        dot(f(&mut g, BF16, &[4]), f(&mut g, BF16, &[4]), dims(&[0], &[0], &[], &[]), BF16),
    ]
}

// ---------------------------------------------------------------------------
// Special functions: erf, erfc, erf_inv
// ---------------------------------------------------------------------------

/// The tolerance of XLA's erf/erfc/erf_inv approximations.
fn special_tolerance(op: &str, elem: ElemType) -> Check {
    match (op, elem) {
        ("erf_inv", F32) => Close(2e-5, 1e-6),
        (_, F32) => Close(2e-6, 1e-7),
        (_, F64) => Close(1e-13, 1e-15),
        (_, F16) => Close(2e-3, 1e-4),
        _ => Close(1.6e-2, 1e-3),
    }
}

fn special_cases() -> Vec<Case> {
    let mut g = Rng::new(18);
    let mut cases = Vec::new();
    for (op, lo, hi) in [("erf", -4.0, 4.0), ("erfc", -3.0, 9.0), ("erf_inv", -0.999, 0.999)] {
        for (j, elem) in [F32, F64, F16, BF16].into_iter().enumerate() {
            let x = floats(&mut g, elem, SHAPES[j % 4], lo, hi);
            cases.push(unary(op, x, special_tolerance(op, elem)));
        }
        let specials: &[f64] = match op {
            "erf_inv" => &[NAN, 1.0, -1.0, 0.0, -0.0, 1.5, -2.0, 0.5, 0.9999, -1e-6],
            _ => &[NAN, INF, -INF, 0.0, -0.0, 1.0, -1.0, 0.5, 1e-6, 3.0],
        };
        let x = with(floats(&mut g, F32, &[12], lo, hi), specials);
        cases.push(unary(op, x, special_tolerance(op, F32)));
    }
    cases
}

// ---------------------------------------------------------------------------
// Special functions: lgamma, digamma, polygamma, zeta, bessel_i1e; nextafter
// and reduce_precision
// ---------------------------------------------------------------------------

/// The tolerance of XLA's lgamma, digamma, polygamma, zeta and bessel_i1e
/// (Lanczos' approximation, Euler-Maclaurin, Cephes' Chebyshev series;
/// f16 and bf16 computed in f32 and rounded), measured on the CPU plugin
/// against the f64 reference with some margin. The absolute part covers the
/// zeros of lgamma (1, 2) and digamma (1.4616...).
fn gamma_tolerance(elem: ElemType) -> Check {
    match elem {
        F32 => Close(2e-5, 2e-6),
        F64 => Close(1e-12, 1e-13),
        F16 => Close(2e-3, 1e-3),
        _ => Close(1.6e-2, 1e-2),
    }
}

/// A binary op whose lhs is the splat constant `lhs`: the f64 cases of
/// polygamma and zeta, whose order n and exponent x have no derivative (so
/// that the finite-difference check of derivatives.rs differentiates the
/// other operand only).
fn binary_constant_lhs(op: &'static str, lhs: f64, rhs: Array, check: Check) -> Case {
    let ty = rhs.type_string();
    let constant = Array::floats(rhs.elem, &rhs.shape, &vec![lhs; rhs.len()]);
    let want = r::binary(op, &constant, &rhs);
    let mut case = Case::new(op, vec![rhs], format!("jaxr.{op} %c, %a0 : {ty}"), want, check);
    case.text =
        case.text.replacen("  %r = ", &format!("  %c = jaxr.constant dense<{lhs:?}> : {ty}\n  %r = "), 1);
    case.name = format!("{} with %c = {lhs:?}", case.name);
    case
}

/// Natural numbers 0..=max as floats (polygamma's order).
fn orders(g: &mut Rng, elem: ElemType, shape: &[i64], max: i128) -> Array {
    let values: Vec<f64> = (0..r::count(shape)).map(|_| g.int(0, max) as f64).collect();
    Array::floats(elem, shape, &values)
}

fn gamma_cases() -> Vec<Case> {
    let mut g = Rng::new(31);
    let mut cases = Vec::new();
    for (op, lo, hi) in [("lgamma", 0.5, 20.0), ("digamma", 0.5, 20.0), ("bessel_i1e", -20.0, 20.0)] {
        for (j, elem) in [F32, F64, F16, BF16].into_iter().enumerate() {
            let x = floats(&mut g, elem, SHAPES[(j + 1) % 4], lo, hi);
            cases.push(unary(op, x, gamma_tolerance(elem)));
        }
        // Poles, infinities, signed zeros, negative arguments (reflection).
        let specials: &[f64] = match op {
            "lgamma" => &[NAN, INF, -INF, 0.0, -0.0, 1.0, 2.0, -2.5, -0.5, 1e-3],
            "digamma" => &[NAN, INF, -INF, 0.0, -0.0, -1.0, -2.5, 1.0, 1.461_632_144_968_362_2, 1e-3],
            _ => &[NAN, INF, -INF, 0.0, -0.0, 1e-3, -1e-3, 100.0, -250.0, 0.5],
        };
        let x = with(floats(&mut g, F32, &[12], lo, hi), specials);
        cases.push(unary(op, x, gamma_tolerance(F32)));
    }
    // polygamma(n, x): n = 0 (digamma) to 4; NaN unless n is natural.
    for (elem, shape) in [(F32, &[2, 3][..]), (F16, &[4]), (BF16, &[])] {
        let n = orders(&mut g, elem, shape, 4);
        cases.push(binary("polygamma", n, floats(&mut g, elem, shape, 0.5, 10.0), gamma_tolerance(elem)));
    }
    let n = with(orders(&mut g, F32, &[10], 3), &[1.5, -1.0, NAN, 1.0, 0.0, 1.0, 2.0, 1.0]);
    let x = with(floats(&mut g, F32, &[10], 0.5, 10.0), &[2.0, 2.0, 2.0, NAN, 3.0, 0.0, -1.5, 1e-2]);
    cases.push(binary("polygamma", n, x, gamma_tolerance(F32)));
    cases.push(binary_constant_lhs(
        "polygamma",
        1.0,
        floats(&mut g, F64, &[2, 3], 0.5, 10.0),
        gamma_tolerance(F64),
    ));
    cases.push(binary_constant_lhs(
        "polygamma",
        3.0,
        floats(&mut g, F64, &[4], 0.5, 10.0),
        gamma_tolerance(F64),
    ));
    // zeta(x, q) for x > 1, q > 0; the domain's edges: x = 1 (inf), x < 1
    // (NaN), q <= 0 (integer x only; poles at integer q).
    for (elem, shape) in [(F32, &[2, 3][..]), (F16, &[4]), (BF16, &[2, 2, 2])] {
        let x = floats(&mut g, elem, shape, 1.5, 8.0);
        cases.push(binary("zeta", x, floats(&mut g, elem, shape, 0.5, 5.0), gamma_tolerance(elem)));
    }
    let x = with(floats(&mut g, F32, &[10], 1.5, 8.0), &[1.0, 0.5, NAN, 2.0, 3.0, 2.0, 3.0, 2.5, 2.0]);
    let q = with(floats(&mut g, F32, &[10], 0.5, 5.0), &[1.0, 1.0, 1.0, NAN, -1.0, -1.0, -1.5, -1.5, 1e-2]);
    cases.push(binary("zeta", x, q, gamma_tolerance(F32)));
    cases.push(binary_constant_lhs("zeta", 2.5, floats(&mut g, F64, &[5], 0.5, 5.0), gamma_tolerance(F64)));
    cases.push(binary_constant_lhs(
        "zeta",
        4.0,
        floats(&mut g, F64, &[2, 3], 0.5, 5.0),
        gamma_tolerance(F64),
    ));
    cases
}

fn nextafter_cases() -> Vec<Case> {
    let mut g = Rng::new(32);
    // NaN; ±0 toward either side (the smallest subnormal); x == y (y, with
    // its sign of zero); from ±inf; across zero; toward a smaller magnitude.
    let lhs = [NAN, 1.0, 0.0, -0.0, 0.0, INF, -INF, 1.0, -1.0, 3.0, 2.0];
    let rhs = [1.0, NAN, 1.0, -1.0, -0.0, 0.0, 0.0, 1.0, 1.0, -3.0, 1.0];
    let mut cases = Vec::new();
    for (elem, shape) in [(F32, &[12][..]), (F64, &[12]), (F16, &[2, 6]), (BF16, &[12])] {
        let a = with(floats(&mut g, elem, shape, -10.0, 10.0), &lhs);
        let b = with(floats(&mut g, elem, shape, -10.0, 10.0), &rhs);
        cases.push(binary("nextafter", a, b, Bits));
    }
    let (a, b) = pair(&mut g, F64, &[2, 3], -1e3, 1e3, false);
    cases.push(binary("nextafter", a, b, Bits));
    let (a, b) = pair(&mut g, F32, &[], -1.0, 1.0, false);
    cases.push(binary("nextafter", a, b, Bits));
    cases
}

fn reduce_precision(x: Array, exponent_bits: u32, mantissa_bits: u32) -> Case {
    let ty = x.type_string();
    let want = r::reduce_precision(&x, exponent_bits, mantissa_bits);
    let line = format!(
        "jaxr.reduce_precision %a0, exponent_bits = {exponent_bits}, mantissa_bits = {mantissa_bits} : {ty}"
    );
    Case::new("reduce_precision", vec![x], line, want, Bits)
}

fn reduce_precision_cases() -> Vec<Case> {
    let mut g = Rng::new(33);
    // f16's format in f32: overflow past 65504, values below 2^-14 to zero,
    // ties to even (1 + 2^-11 down, 1 + 3 2^-11 up), NaN and infinities.
    let as_f16 = [
        NAN,
        INF,
        -INF,
        0.0,
        -0.0,
        65504.0,
        65520.0,
        -1e-5,
        1.0 + 2f64.powi(-11),
        1.0 + 3.0 * 2f64.powi(-11),
        -70000.0,
        6.2e-5,
    ];
    let mut cases = vec![
        reduce_precision(with(floats(&mut g, F32, &[16], -1e5, 1e5), &as_f16), 5, 10),
        reduce_precision(floats(&mut g, F32, &[2, 3], -1e3, 1e3), 8, 7),
        // Without mantissa bits: powers of two (ties to even exponents).
        // NaN is left out: the specification (and XLA's constant folding)
        // makes it +inf, XLA's CPU code keeps it NaN.
        reduce_precision(with(floats(&mut g, F32, &[8], -100.0, 100.0), &[INF, -INF, 1.5, -0.75, 3.0]), 4, 0),
        reduce_precision(floats(&mut g, F32, &[], -10.0, 10.0), 3, 2),
        // f64: no-op at its own format; rounded to 42 bits of mantissa (and
        // f32's exponent range) — fine enough for the finite-difference check
        // of its derivative.
        reduce_precision(floats(&mut g, F64, &[4], -1e3, 1e3), 11, 52),
        reduce_precision(with(floats(&mut g, F64, &[2, 3], -1e3, 1e3), &[1e39, -1e-39]), 8, 42),
        reduce_precision(floats(&mut g, F16, &[2, 2, 2], -100.0, 100.0), 4, 3),
        reduce_precision(floats(&mut g, BF16, &[5], -1e3, 1e3), 5, 2),
    ];
    cases.push(reduce_precision(with(floats(&mut g, F16, &[6], -10.0, 10.0), &[NAN, INF, 1e4]), 3, 4));
    cases
}

// ---------------------------------------------------------------------------
// Gather and scatter
// ---------------------------------------------------------------------------

fn gather_dims(
    offset: &[usize],
    collapsed: &[usize],
    batching: (&[usize], &[usize]),
    start_index_map: &[usize],
    index_vector_dim: usize,
) -> r::GatherDims {
    r::GatherDims {
        offset_dims: offset.to_vec(),
        collapsed_slice_dims: collapsed.to_vec(),
        operand_batching_dims: batching.0.to_vec(),
        start_indices_batching_dims: batching.1.to_vec(),
        start_index_map: start_index_map.to_vec(),
        index_vector_dim,
    }
}

fn gather(x: Array, indices: Array, d: r::GatherDims, slice_sizes: &[i64]) -> Case {
    let want = r::gather(&x, &indices, &d, slice_sizes);
    let line = format!(
        "jaxr.gather %a0[%a1] offset_dims = {}, collapsed_slice_dims = {}, operand_batching_dims = {}, \
         start_indices_batching_dims = {}, start_index_map = {}, index_vector_dim = {}, slice_sizes = {}, \
         indices_are_sorted = false : {}",
        ulist(&d.offset_dims),
        ulist(&d.collapsed_slice_dims),
        ulist(&d.operand_batching_dims),
        ulist(&d.start_indices_batching_dims),
        ulist(&d.start_index_map),
        d.index_vector_dim,
        list(slice_sizes),
        functional(&[&x, &indices], &want)
    );
    Case::new("gather", vec![x, indices], line, want, Bits)
}

fn gather_cases() -> Vec<Case> {
    let mut g = Rng::new(19);
    let f = |g: &mut Rng, elem, shape: &[i64]| values(g, elem, shape, -100.0, 100.0);
    vec![
        // x[idx]: rows, with a repeated index and starts clamped into range.
        gather(
            f(&mut g, F32, &[5, 3]),
            Array::ints(I32, &[7, 1], &[0, 4, 2, 2, -3, 9, 1]),
            gather_dims(&[1], &[0], (&[], &[]), &[0], 1),
            &[1, 3],
        ),
        // x[i, j]: single elements.
        gather(
            f(&mut g, F64, &[10, 4]),
            Array::ints(I32, &[6, 2], &[0, 0, 9, 3, 5, 1, 5, 1, 2, 7, -1, 2]),
            gather_dims(&[], &[0, 1], (&[], &[]), &[0, 1], 1),
            &[1, 1],
        ),
        // index_vector_dim = rank: each index is one component.
        gather(
            f(&mut g, I32, &[6]),
            Array::ints(I64, &[4], &[5, 0, 3, 3]),
            gather_dims(&[], &[0], (&[], &[]), &[0], 1),
            &[1],
        ),
        // Windows larger than one element, starts clamped.
        gather(
            f(&mut g, BF16, &[4, 6]),
            Array::ints(UI32, &[3, 2], &[0, 0, 3, 5, 1, 2]),
            gather_dims(&[1, 2], &[], (&[], &[]), &[0, 1], 1),
            &[2, 3],
        ),
        // An offset dimension ahead of the batch dimension.
        gather(
            f(&mut g, F32, &[3, 4]),
            Array::ints(I32, &[2, 1], &[2, 0]),
            gather_dims(&[0], &[0], (&[], &[]), &[0], 1),
            &[1, 4],
        ),
        // Batching dimensions: row b of the operand with the indices of batch b.
        gather(
            f(&mut g, F32, &[2, 5]),
            Array::ints(I32, &[2, 3, 1], &[0, 4, 2, 1, 1, 3]),
            gather_dims(&[], &[1], (&[0], &[0]), &[1], 2),
            &[1, 1],
        ),
        gather(
            bools(&mut g, &[5]),
            Array::ints(I32, &[3, 1], &[4, 0, 2]),
            gather_dims(&[], &[0], (&[], &[]), &[0], 1),
            &[1],
        ),
        gather(
            f(&mut g, F16, &[4, 2, 3]),
            Array::ints(I64, &[2, 1], &[3, 1]),
            gather_dims(&[1, 2], &[0], (&[], &[]), &[0], 1),
            &[1, 2, 3],
        ),
    ]
}

fn scatter_dims(
    update_window: &[usize],
    inserted: &[usize],
    batching: (&[usize], &[usize]),
    to_operand: &[usize],
    index_vector_dim: usize,
) -> r::ScatterDims {
    r::ScatterDims {
        update_window_dims: update_window.to_vec(),
        inserted_window_dims: inserted.to_vec(),
        input_batching_dims: batching.0.to_vec(),
        scatter_indices_batching_dims: batching.1.to_vec(),
        scatter_dims_to_operand_dims: to_operand.to_vec(),
        index_vector_dim,
    }
}

fn scatter(kind: &'static str, x: Array, indices: Array, updates: Array, d: r::ScatterDims) -> Case {
    let op = match kind {
        "replace" => "scatter",
        "add" => "scatter_add",
        "mul" => "scatter_mul",
        "min" => "scatter_min",
        _ => "scatter_max",
    };
    let want = r::scatter(&x, &indices, &updates, &d, r::scatter_combiner(kind, x.elem));
    let line = format!(
        "jaxr.{op} %a0[%a1], %a2 update_window_dims = {}, inserted_window_dims = {}, input_batching_dims = {}, \
         scatter_indices_batching_dims = {}, scatter_dims_to_operand_dims = {}, index_vector_dim = {}, \
         indices_are_sorted = false, unique_indices = false : {}",
        ulist(&d.update_window_dims),
        ulist(&d.inserted_window_dims),
        ulist(&d.input_batching_dims),
        ulist(&d.scatter_indices_batching_dims),
        ulist(&d.scatter_dims_to_operand_dims),
        d.index_vector_dim,
        functional(&[&x, &indices, &updates], &want)
    );
    // Repeated indices combine in an order of XLA's choosing.
    let check = if x.elem.is_float() && matches!(kind, "add" | "mul") { ulps(x.elem) } else { Bits };
    Case::new(op, vec![x, indices, updates], line, want, check)
}

fn scatter_cases() -> Vec<Case> {
    let mut g = Rng::new(20);
    let f = |g: &mut Rng, elem, shape: &[i64]| values(g, elem, shape, -10.0, 10.0);
    let rows = || scatter_dims(&[1], &[0], (&[], &[]), &[0], 1);
    let points = || scatter_dims(&[], &[0, 1], (&[], &[]), &[0, 1], 1);
    let elements = || scatter_dims(&[], &[0], (&[], &[]), &[0], 1);
    let mut cases = vec![
        // x.at[idx].add(rows) with repeated indices; 7 and -1 are out of range.
        scatter(
            "add",
            f(&mut g, F32, &[5, 3]),
            Array::ints(I32, &[7, 1], &[0, 4, 2, 2, 7, -1, 2]),
            f(&mut g, F32, &[7, 3]),
            rows(),
        ),
        scatter(
            "add",
            f(&mut g, F64, &[10, 4]),
            Array::ints(I32, &[6, 2], &[0, 0, 9, 3, 5, 1, 5, 1, 2, 7, 10, 2]),
            f(&mut g, F64, &[6]),
            points(),
        ),
        scatter(
            "add",
            full(&mut g, I32, &[6]),
            Array::ints(I64, &[4, 1], &[5, 0, 5, 3]),
            full(&mut g, I32, &[4]),
            elements(),
        ),
        scatter(
            "add",
            f(&mut g, BF16, &[4]),
            Array::ints(I32, &[3], &[1, 1, 3]),
            f(&mut g, BF16, &[3]),
            scatter_dims(&[], &[0], (&[], &[]), &[0], 1),
        ),
        // Windows of two rows at a time.
        scatter(
            "add",
            f(&mut g, F32, &[5, 2]),
            Array::ints(I32, &[2, 1], &[0, 3]),
            f(&mut g, F32, &[2, 2, 2]),
            scatter_dims(&[1, 2], &[], (&[], &[]), &[0], 1),
        ),
        // Batching dimensions: batch b scatters into row b.
        scatter(
            "add",
            f(&mut g, F32, &[2, 4]),
            Array::ints(I32, &[2, 3, 1], &[0, 3, 3, 1, 1, 2]),
            f(&mut g, F32, &[2, 3]),
            scatter_dims(&[], &[1], (&[0], &[0]), &[1], 2),
        ),
        // Replace with distinct indices.
        scatter(
            "replace",
            full(&mut g, I32, &[6]),
            Array::ints(I32, &[3, 1], &[4, 0, 2]),
            full(&mut g, I32, &[3]),
            elements(),
        ),
        scatter(
            "replace",
            f(&mut g, F32, &[4, 3]),
            Array::ints(I32, &[2, 1], &[3, 1]),
            f(&mut g, F32, &[2, 3]),
            rows(),
        ),
        scatter(
            "replace",
            f(&mut g, F64, &[3, 3]),
            Array::ints(I32, &[2, 2], &[0, 2, 2, 0]),
            f(&mut g, F64, &[2]),
            points(),
        ),
        scatter(
            "replace",
            bools(&mut g, &[5]),
            Array::ints(I32, &[2, 1], &[1, 4]),
            bools(&mut g, &[2]),
            elements(),
        ),
    ];
    for kind in ["mul", "min", "max"] {
        cases.push(scatter(
            kind,
            f(&mut g, F32, &[4, 3]),
            Array::ints(I32, &[5, 1], &[0, 3, 0, 2, 6]),
            f(&mut g, F32, &[5, 3]),
            rows(),
        ));
        cases.push(scatter(
            kind,
            f(&mut g, F64, &[3, 3]),
            Array::ints(I32, &[3, 2], &[0, 0, 2, 1, 0, 0]),
            f(&mut g, F64, &[3]),
            points(),
        ));
        cases.push(scatter(
            kind,
            ints(&mut g, I32, &[5], -50, 50),
            Array::ints(I32, &[4, 1], &[1, 1, 4, 0]),
            ints(&mut g, I32, &[4], -50, 50),
            elements(),
        ));
        cases.push(scatter(
            kind,
            full(&mut g, UI8, &[4]),
            Array::ints(I32, &[3, 1], &[2, 2, 0]),
            full(&mut g, UI8, &[3]),
            elements(),
        ));
        cases.push(scatter(
            kind,
            full(&mut g, I64, &[3, 2]),
            Array::ints(I32, &[2, 1], &[1, 1]),
            full(&mut g, I64, &[2, 2]),
            rows(),
        ));
    }
    // NaN propagates through min and max.
    for kind in ["min", "max"] {
        let x = with(f(&mut g, F32, &[4]), &[NAN]);
        let u = with(f(&mut g, F32, &[3]), &[1.0, NAN]);
        cases.push(scatter(kind, x, Array::ints(I32, &[3, 1], &[0, 1, 3]), u, elements()));
    }
    cases
}

// ---------------------------------------------------------------------------
// Convolution
// ---------------------------------------------------------------------------

#[allow(clippy::too_many_arguments)]
fn conv(
    lhs: Array,
    rhs: Array,
    strides: &[i64],
    padding: &[(i64, i64)],
    dilations: (&[i64], &[i64]),
    specs: (&[usize], &[usize], &[usize]),
    groups: (i64, i64),
    out: ElemType,
) -> Case {
    let d = r::ConvDims {
        window_strides: strides.to_vec(),
        padding: padding.to_vec(),
        lhs_dilation: dilations.0.to_vec(),
        rhs_dilation: dilations.1.to_vec(),
        lhs_spec: specs.0.to_vec(),
        rhs_spec: specs.1.to_vec(),
        out_spec: specs.2.to_vec(),
        feature_group_count: groups.0,
        batch_group_count: groups.1,
    };
    let want = r::conv_general_dilated(&lhs, &rhs, &d, out);
    let flat: Vec<i64> = padding.iter().flat_map(|&(lo, hi)| [lo, hi]).collect();
    let line = format!(
        "jaxr.conv_general_dilated %a0, %a1, window_strides = {}, padding = {}, lhs_dilation = {}, \
         rhs_dilation = {}, dimension_numbers = {} x {} -> {}, feature_group_count = {}, batch_group_count = {} : {}",
        list(strides),
        list(&flat),
        list(dilations.0),
        list(dilations.1),
        ulist(specs.0),
        ulist(specs.1),
        ulist(specs.2),
        groups.0,
        groups.1,
        functional(&[&lhs, &rhs], &want)
    );
    let check = if out.is_float() {
        let terms: usize = rhs.len() / rhs.shape[specs.1[0]] as usize;
        let max = |a: &Array| a.values.iter().map(|v| v.f().abs()).fold(0.0, f64::max);
        Close(2.0 * eps(out), (terms * terms) as f64 * eps(out) * max(&lhs) * max(&rhs))
    } else {
        Exact
    };
    Case::new("conv_general_dilated", vec![lhs, rhs], line, want, check)
}

fn conv_cases() -> Vec<Case> {
    let mut g = Rng::new(21);
    let f = |g: &mut Rng, elem, shape: &[i64]| values(g, elem, shape, -2.0, 2.0);
    let (ncw, oiw) = (&[0usize, 1, 2][..], &[0usize, 1, 2][..]);
    vec![
        // The corpus's conv1d: NWC x WIO -> NWC, stride 2, padding (2, 1), rhs dilation 2.
        conv(
            f(&mut g, F32, &[2, 16, 3]),
            f(&mut g, F32, &[3, 3, 4]),
            &[2],
            &[(2, 1)],
            (&[1], &[2]),
            (&[0, 2, 1], &[2, 1, 0], &[0, 2, 1]),
            (1, 1),
            F32,
        ),
        // Its gradient with respect to the input: lhs dilation 2, padding (2, 3).
        conv(
            f(&mut g, F32, &[2, 8, 4]),
            f(&mut g, F32, &[3, 3, 4]),
            &[1],
            &[(2, 3)],
            (&[2], &[2]),
            (&[0, 2, 1], &[0, 2, 1], &[0, 2, 1]),
            (1, 1),
            F32,
        ),
        // 2-D NCHW x OIHW, same padding.
        conv(
            f(&mut g, F64, &[1, 2, 5, 5]),
            f(&mut g, F64, &[3, 2, 3, 3]),
            &[1, 1],
            &[(1, 1), (1, 1)],
            (&[1, 1], &[1, 1]),
            (&[0, 1, 2, 3], &[0, 1, 2, 3], &[0, 1, 2, 3]),
            (1, 1),
            F64,
        ),
        // 2-D NHWC x HWIO with strides 2 and 1 and negative padding.
        conv(
            f(&mut g, F32, &[2, 6, 5, 2]),
            f(&mut g, F32, &[2, 2, 2, 3]),
            &[2, 1],
            &[(0, 1), (-1, 0)],
            (&[1, 1], &[1, 1]),
            (&[0, 3, 1, 2], &[3, 2, 0, 1], &[0, 3, 1, 2]),
            (1, 1),
            F32,
        ),
        // Feature groups (depthwise-like) and batch groups.
        conv(
            f(&mut g, F32, &[1, 4, 5]),
            f(&mut g, F32, &[6, 2, 3]),
            &[1],
            &[(0, 0)],
            (&[1], &[1]),
            (ncw, oiw, ncw),
            (2, 1),
            F32,
        ),
        conv(
            f(&mut g, F32, &[4, 2, 5]),
            f(&mut g, F32, &[4, 2, 2]),
            &[1],
            &[(1, 0)],
            (&[1], &[1]),
            (ncw, oiw, ncw),
            (1, 2),
            F32,
        ),
        // Integers wrap; half precision; no spatial dimensions.
        conv(
            ints(&mut g, I32, &[1, 2, 6], -20, 20),
            ints(&mut g, I32, &[2, 2, 3], -20, 20),
            &[2],
            &[(1, 1)],
            (&[1], &[1]),
            (ncw, oiw, ncw),
            (1, 1),
            I32,
        ),
        conv(
            f(&mut g, BF16, &[1, 2, 4]),
            f(&mut g, BF16, &[2, 2, 2]),
            &[1],
            &[(0, 0)],
            (&[1], &[1]),
            (ncw, oiw, ncw),
            (1, 1),
            BF16,
        ),
        conv(
            f(&mut g, F16, &[3, 4]),
            f(&mut g, F16, &[5, 4]),
            &[],
            &[],
            (&[], &[]),
            (&[0, 1], &[0, 1], &[1, 0]),
            (1, 1),
            F16,
        ),
    ]
}

// ---------------------------------------------------------------------------
// Windowed reductions
// ---------------------------------------------------------------------------

fn window(
    dims: &[i64],
    strides: &[i64],
    padding: &[(i64, i64)],
    base: &[i64],
    dilation: &[i64],
) -> r::Window {
    r::Window {
        dimensions: dims.to_vec(),
        strides: strides.to_vec(),
        padding: padding.to_vec(),
        base_dilation: base.to_vec(),
        window_dilation: dilation.to_vec(),
    }
}

/// `window = [..], strides = [..], padding = [..], base_dilation = [..], window_dilation = [..]`.
fn window_syntax(w: &r::Window) -> String {
    let flat: Vec<i64> = w.padding.iter().flat_map(|&(lo, hi)| [lo, hi]).collect();
    format!(
        "window = {}, strides = {}, padding = {}, base_dilation = {}, window_dilation = {}",
        list(&w.dimensions),
        list(&w.strides),
        list(&flat),
        list(&w.base_dilation),
        list(&w.window_dilation)
    )
}

fn reduce_window(kind: &'static str, x: Array, w: r::Window) -> Case {
    let op = match kind {
        "sum" => "reduce_window_sum",
        "max" => "reduce_window_max",
        _ => "reduce_window_min",
    };
    let (init, combine) = r::window_reducer(kind, x.elem);
    let want = r::reduce_window(&x, init, &w, combine);
    let line =
        format!("jaxr.{op} %a0, {} : {} -> {}", window_syntax(&w), x.type_string(), want.type_string());
    let check = if x.elem.is_float() && kind == "sum" {
        let total: f64 = x.values.iter().map(|v| v.f().abs()).filter(|v| v.is_finite()).sum();
        Close(eps(x.elem), x.len() as f64 * eps(x.elem) * total)
    } else {
        Exact
    };
    Case::new(op, vec![x], line, want, check)
}

fn reduce_window_cases() -> Vec<Case> {
    let mut g = Rng::new(22);
    let f = |g: &mut Rng, elem, shape: &[i64]| values(g, elem, shape, -10.0, 10.0);
    let mut cases = Vec::new();
    for kind in ["sum", "max", "min"] {
        // A cumulative reduction along dimension 1 (as jnp.cumsum lowers).
        cases.push(reduce_window(
            kind,
            f(&mut g, F32, &[3, 8]),
            window(&[1, 8], &[1, 1], &[(0, 0), (7, 0)], &[1, 1], &[1, 1]),
        ));
        // Strided, padded at the end.
        cases.push(reduce_window(kind, full(&mut g, I32, &[5]), window(&[2], &[2], &[(0, 1)], &[1], &[1])));
        // Base and window dilation.
        cases.push(reduce_window(
            kind,
            f(&mut g, F64, &[2, 6]),
            window(&[1, 3], &[1, 2], &[(0, 0), (1, 1)], &[1, 2], &[1, 2]),
        ));
        cases.push(reduce_window(
            kind,
            f(&mut g, F16, &[4, 4]),
            window(&[2, 2], &[2, 2], &[(0, 0), (0, 0)], &[1, 1], &[1, 1]),
        ));
        cases.push(reduce_window(
            kind,
            f(&mut g, BF16, &[2, 3, 4]),
            window(&[1, 2, 2], &[1, 1, 2], &[(0, 0), (1, 0), (0, 1)], &[1, 1, 1], &[1, 1, 1]),
        ));
        cases.push(reduce_window(kind, full(&mut g, UI8, &[6]), window(&[3], &[1], &[(1, 1)], &[1], &[1])));
        cases.push(reduce_window(
            kind,
            full(&mut g, I64, &[2, 2]),
            window(&[2, 1], &[1, 1], &[(0, 0), (0, 0)], &[1, 1], &[1, 1]),
        ));
    }
    for kind in ["max", "min"] {
        let x = with(f(&mut g, F32, &[6]), &[1.0, NAN, 2.0]);
        cases.push(reduce_window(kind, x, window(&[2], &[1], &[(0, 0)], &[1], &[1])));
    }
    cases
}

/// The generic jaxr.reduce_window with a body of jaxr ops.
fn reduce_window_generic(
    inputs: Vec<Array>,
    inits: Vec<Array>,
    w: r::Window,
    body: &str,
    wants: Vec<Array>,
    check: Check,
) -> Case {
    let n = inputs.len();
    let scalars: Vec<String> = inits.iter().map(Array::type_string).collect();
    let args: Vec<String> = (0..2 * n).map(|i| format!("%b{i}: {}", scalars[i % n])).collect();
    let all: Vec<Array> = inputs.into_iter().chain(inits).collect();
    let line = format!(
        "jaxr.reduce_window({}) init({}) {} : {} {{\n  ^bb0({}):\n{body}\n  }}",
        operands(0..n),
        operands(n..2 * n),
        window_syntax(&w),
        {
            let types: Vec<String> = all.iter().map(Array::type_string).collect();
            let results: Vec<String> = wants.iter().map(Array::type_string).collect();
            let results =
                if results.len() == 1 { results[0].clone() } else { format!("({})", results.join(", ")) };
            format!("({}) -> {results}", types.join(", "))
        },
        args.join(", ")
    );
    Case::multi("reduce_window", all, line, wants, check)
}

fn reduce_window_generic_cases() -> Vec<Case> {
    let mut g = Rng::new(23);
    let mut cases = Vec::new();
    // jnp.cumprod: a multiply body.
    let x = floats(&mut g, F32, &[3, 8], 0.5, 1.5);
    let w = window(&[1, 8], &[1, 1], &[(0, 0), (7, 0)], &[1, 1], &[1, 1]);
    let want = r::reduce_window(&x, Scalar::F(1.0), &w, |a, b| Scalar::F(a.f() * b.f()));
    cases.push(reduce_window_generic(
        vec![x],
        vec![Array::floats(F32, &[], &[1.0])],
        w,
        "    %p = jaxr.mul %b0, %b1 : tensor<f32>\n    jaxr.yield %p : tensor<f32>",
        vec![want],
        ulps(F32),
    ));
    // jnp.cumulative logsumexp along dimension 0 (the corpus's body).
    let x = floats(&mut g, F64, &[3, 4], -3.0, 3.0);
    let w = window(&[3, 1], &[1, 1], &[(2, 0), (0, 0)], &[1, 1], &[1, 1]);
    let logaddexp = |a: Scalar, b: Scalar| {
        let (a, b) = (a.f(), b.f());
        let m = a.max(b);
        Scalar::F(if m == f64::NEG_INFINITY { m } else { m + ((a - m).exp() + (b - m).exp()).ln() })
    };
    let want = r::reduce_window(&x, Scalar::F(f64::NEG_INFINITY), &w, logaddexp);
    cases.push(reduce_window_generic(
        vec![x],
        vec![Array::floats(F64, &[], &[f64::NEG_INFINITY])],
        w,
        "    %m = jaxr.max %b0, %b1 : tensor<f64>\n\
         \x20   %d = jaxr.sub %b0, %b1 : tensor<f64>\n\
         \x20   %nan = jaxr.compare ne, %d, %d : tensor<f64> -> tensor<i1>\n\
         \x20   %s = jaxr.add %b0, %b1 : tensor<f64>\n\
         \x20   %a = jaxr.abs %d : tensor<f64>\n\
         \x20   %n = jaxr.neg %a : tensor<f64>\n\
         \x20   %e = jaxr.exp %n : tensor<f64>\n\
         \x20   %l = jaxr.log1p %e : tensor<f64>\n\
         \x20   %t = jaxr.add %m, %l : tensor<f64>\n\
         \x20   %r = jaxr.select_n %nan, %t, %s : (tensor<i1>, tensor<f64>, tensor<f64>) -> tensor<f64>\n\
         \x20   jaxr.yield %r : tensor<f64>",
        vec![want],
        ulps(F64),
    ));
    // An init value that is not the identity starts every window. (Where a
    // window overlaps padding, StableHLO's spec fills it with the init value
    // and XLA skips it: only identities make that well defined.)
    let x = ints(&mut g, I32, &[7], -20, 20);
    let w = window(&[3], &[2], &[(0, 0)], &[1], &[1]);
    let want = r::reduce_window(&x, Scalar::I(10), &w, |a, b| Scalar::I(a.i() + b.i()));
    cases.push(reduce_window_generic(
        vec![x],
        vec![Array::ints(I32, &[], &[10])],
        w,
        "    %p = jaxr.add %b0, %b1 : tensor<i32>\n    jaxr.yield %p : tensor<i32>",
        vec![want],
        Exact,
    ));
    // Two inputs: the windowed maximum and where it is (argmax over windows).
    let x = Array::floats(F32, &[7], &[1.0, 3.0, 3.0, -1.0, 5.0, 0.0, 2.0]);
    let idx = r::iota(I32, &[7], 0);
    let w = window(&[3], &[2], &[(0, 0)], &[1], &[1]);
    let values = r::reduce_window(&x, Scalar::F(f64::NEG_INFINITY), &w, |a, b| Scalar::F(a.f().max(b.f())));
    let first_max = |start: usize| {
        let win = &x.values[start..start + 3];
        let best = win.iter().map(|v| v.f()).fold(f64::NEG_INFINITY, f64::max);
        (start + win.iter().position(|v| v.f() == best).unwrap_or(0)) as i128
    };
    let positions = Array::ints(I32, &[3], &[first_max(0), first_max(2), first_max(4)]);
    cases.push(reduce_window_generic(
        vec![x, idx],
        vec![Array::floats(F32, &[], &[f64::NEG_INFINITY]), Array::ints(I32, &[], &[0])],
        w,
        "    %gt = jaxr.compare gt, %b2, %b0 : tensor<f32> -> tensor<i1>\n\
         \x20   %eq = jaxr.compare eq, %b2, %b0 : tensor<f32> -> tensor<i1>\n\
         \x20   %lt = jaxr.compare lt, %b3, %b1 : tensor<i32> -> tensor<i1>\n\
         \x20   %tie = jaxr.and %eq, %lt : tensor<i1>\n\
         \x20   %take = jaxr.or %gt, %tie : tensor<i1>\n\
         \x20   %v = jaxr.select_n %take, %b0, %b2 : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>\n\
         \x20   %i = jaxr.select_n %take, %b1, %b3 : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>\n\
         \x20   jaxr.yield %v, %i : tensor<f32>, tensor<i32>",
        vec![values, positions],
        Exact,
    ));
    // A logical and over boolean windows.
    let x = bools(&mut g, &[2, 5]);
    let w = window(&[1, 2], &[1, 1], &[(0, 0), (0, 0)], &[1, 1], &[1, 1]);
    let want = r::reduce_window(&x, Scalar::I(1), &w, |a, b| Scalar::I(a.i() & b.i()));
    cases.push(reduce_window_generic(
        vec![x],
        vec![Array::bools(&[], &[true])],
        w,
        "    %p = jaxr.and %b0, %b1 : tensor<i1>\n    jaxr.yield %p : tensor<i1>",
        vec![want],
        Exact,
    ));
    cases
}

// ---------------------------------------------------------------------------
// Sorting
// ---------------------------------------------------------------------------

fn sort(inputs: Vec<Array>, dim: usize, num_keys: usize, stable: bool, descending: bool) -> Case {
    let refs: Vec<&Array> = inputs.iter().collect();
    let wants = r::sort(&refs, dim, num_keys, descending);
    let types: Vec<String> = inputs.iter().map(Array::type_string).collect();
    let line = format!(
        "jaxr.sort {} dim = {dim}, num_keys = {num_keys}, is_stable = {stable}, descending = {descending} : {}",
        operands(0..inputs.len()),
        types.join(", ")
    );
    Case::multi("sort", inputs, line, wants, Exact)
}

fn sort_cases() -> Vec<Case> {
    let mut g = Rng::new(24);
    let specials = [NAN, -0.0, 0.0, INF, -INF, 1.0, -1.0, 1.0, -NAN, 0.5];
    let mut cases = Vec::new();
    for descending in [false, true] {
        cases.push(sort(
            vec![with(floats(&mut g, F32, &[14], -3.0, 3.0), &specials)],
            0,
            1,
            true,
            descending,
        ));
        cases.push(sort(vec![floats(&mut g, F64, &[3, 4], -3.0, 3.0)], 1, 1, false, descending));
        cases.push(sort(vec![floats(&mut g, F64, &[3, 4], -3.0, 3.0)], 0, 1, true, descending));
        cases.push(sort(vec![full(&mut g, I32, &[9])], 0, 1, false, descending));
        cases.push(sort(vec![full(&mut g, UI8, &[2, 5])], 1, 1, true, descending));
        cases.push(sort(vec![bools(&mut g, &[6])], 0, 1, true, descending));
        cases.push(sort(vec![floats(&mut g, BF16, &[2, 2, 3], -3.0, 3.0)], 2, 1, true, descending));
        // argsort: keys with ties carry their positions along (stable).
        cases.push(sort(vec![ints(&mut g, I64, &[8], -2, 2), r::iota(I32, &[8], 0)], 0, 1, true, descending));
        // Two keys, then a value.
        cases.push(sort(
            vec![
                ints(&mut g, I32, &[2, 6], 0, 2).clone(),
                floats(&mut g, F32, &[2, 6], -2.0, 2.0),
                floats(&mut g, F64, &[2, 6], 0.0, 1.0),
            ],
            1,
            2,
            true,
            descending,
        ));
    }
    cases
}

fn top_k(x: Array, k: usize, axis: usize) -> Case {
    let (values, indices) = r::top_k(&x, k, axis);
    let line = format!(
        "jaxr.top_k %a0, k = {k}, axis = {axis} : {} -> {}, {}",
        x.type_string(),
        values.type_string(),
        indices.type_string()
    );
    Case::multi("top_k", vec![x], line, vec![values, indices], Bits)
}

/// optimization_barrier returns its operands unchanged, bit for bit.
fn optimization_barrier(inputs: Vec<Array>) -> Case {
    let types: Vec<String> = inputs.iter().map(Array::type_string).collect();
    let args: Vec<String> = (0..inputs.len()).map(|i| format!("%a{i}")).collect();
    let results = if types.len() == 1 { types[0].clone() } else { format!("({})", types.join(", ")) };
    let line = format!("jaxr.optimization_barrier {} : ({}) -> {results}", args.join(", "), types.join(", "));
    Case::multi("optimization_barrier", inputs.clone(), line, inputs, Bits)
}

fn optimization_barrier_cases() -> Vec<Case> {
    let mut g = Rng::new(27);
    vec![
        optimization_barrier(vec![
            Array::floats(F32, &[4], &[NAN, -0.0, INF, 1.5]),
            ints(&mut g, I32, &[2, 2], -100, 100),
        ]),
        optimization_barrier(vec![floats(&mut g, F64, &[], -3.0, 3.0)]),
        optimization_barrier(vec![floats(&mut g, BF16, &[2, 3], -3.0, 3.0), bools(&mut g, &[4])]),
    ]
}

fn key_array(k: [u32; 2]) -> Array {
    Array::ints(UI32, &[2], &[k[0].into(), k[1].into()])
}

fn u32s(shape: &[i64], v: &[u32]) -> Array {
    Array::ints(UI32, shape, &v.iter().map(|x| i128::from(*x)).collect::<Vec<_>>())
}

/// The random ops against the reference threefry (reference.rs).
fn random_cases() -> Vec<Case> {
    let mut g = Rng::new(26);
    let mut cases = Vec::new();
    // threefry2x32 with scalar keys, per-element keys, and scalar counters.
    for (kshape, xshape) in [(vec![], vec![5]), (vec![2, 3], vec![2, 3]), (vec![], vec![])] {
        let k0 = full(&mut g, UI32, &kshape);
        let k1 = full(&mut g, UI32, &kshape);
        let x0 = full(&mut g, UI32, &xshape);
        let x1 = full(&mut g, UI32, &xshape);
        let n = x0.len();
        let at = |a: &Array, i: usize| a.values[if a.len() == 1 { 0 } else { i }].i() as u32;
        let out: Vec<(u32, u32)> =
            (0..n).map(|i| r::threefry2x32(at(&k0, i), at(&k1, i), at(&x0, i), at(&x1, i))).collect();
        let y0 = u32s(&xshape, &out.iter().map(|o| o.0).collect::<Vec<_>>());
        let y1 = u32s(&xshape, &out.iter().map(|o| o.1).collect::<Vec<_>>());
        let line = format!(
            "jaxr.threefry2x32 %a0, %a1, %a2, %a3 : {}",
            functional(&[&k0, &k1, &x0, &x1], &y0).replace(
                &format!("-> {}", y0.type_string()),
                &format!("-> ({}, {})", y0.type_string(), y1.type_string()),
            )
        );
        cases.push(Case::multi("threefry2x32", vec![k0, k1, x0, x1], line, vec![y0, y1], Bits));
    }
    // Seeds: 32-bit (high word 0) and 64-bit.
    for (elem, seed) in [(I32, 7i128), (I32, -1), (I64, (1i128 << 40) + 5), (UI32, 4_000_000_000)] {
        let s = Array::ints(elem, &[], &[seed]);
        let hi = if elem.bit_width() == 64 { ((seed as i64) >> 32) as u32 } else { 0 };
        let want = key_array([hi, seed as i64 as u32]);
        let line = format!("jaxr.random_seed %a0 : {} -> {}", s.type_string(), want.type_string());
        cases.push(Case::new("random_seed", vec![s], line, want, Bits));
    }
    let key = [0x1234_5678u32, 0x9abc_def0];
    let keys = r::random_split(key, 3);
    let want = u32s(&[3, 2], &keys.iter().flatten().copied().collect::<Vec<_>>());
    cases.push(Case::new(
        "random_split",
        vec![key_array(key)],
        format!("jaxr.random_split %a0 : tensor<2xui32> -> {}", want.type_string()),
        want,
        Bits,
    ));
    let want = key_array(r::random_fold_in(key, 99));
    cases.push(Case::new(
        "random_fold_in",
        vec![key_array(key), Array::ints(UI32, &[], &[99])],
        "jaxr.random_fold_in %a0, %a1 : (tensor<2xui32>, tensor<ui32>) -> tensor<2xui32>".into(),
        want,
        Bits,
    ));
    let want = u32s(&[2, 3], &r::random_bits(key, 6));
    cases.push(Case::new(
        "random_bits",
        vec![key_array(key)],
        format!("jaxr.random_bits %a0 : tensor<2xui32> -> {}", want.type_string()),
        want,
        Bits,
    ));
    let want = Array::floats(
        F32,
        &[4],
        &r::random_uniform_f32(key, 4, -2.0, 5.0).into_iter().map(f64::from).collect::<Vec<_>>(),
    );
    cases.push(Case::new(
        "random_uniform",
        vec![key_array(key), Array::floats(F32, &[], &[-2.0]), Array::floats(F32, &[], &[5.0])],
        "jaxr.random_uniform %a0, %a1, %a2 : (tensor<2xui32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>"
            .into(),
        want,
        // XLA contracts f * (hi - lo) + lo into a fused multiply-add (so does
        // JAX, whose bits tests/suite/random.rs matches); the reference rounds twice.
        Close(2.0 * f64::from(f32::EPSILON), 0.0),
    ));
    let want = Array::floats(F64, &[2, 2], &r::random_uniform_f64(key, 4, 0.0, 1.0));
    cases.push(Case::new(
        "random_uniform",
        vec![key_array(key), Array::floats(F64, &[], &[0.0]), Array::floats(F64, &[], &[1.0])],
        "jaxr.random_uniform %a0, %a1, %a2 : (tensor<2xui32>, tensor<f64>, tensor<f64>) -> tensor<2x2xf64>"
            .into(),
        want,
        Close(2.0 * f64::EPSILON, 0.0),
    ));
    for (elem, shape) in [(F32, vec![6]), (F64, vec![3, 1])] {
        let n = shape.iter().product::<i64>() as usize;
        let want = Array::floats(elem, &shape, &r::random_normal(key, n, elem));
        let line = format!("jaxr.random_normal %a0 : tensor<2xui32> -> {}", want.type_string());
        // The reference's erf_inv is not XLA's to the last bit.
        cases.push(Case::new("random_normal", vec![key_array(key)], line, want, Close(1e-6, 1e-6)));
    }
    let want = Array::ints(
        I32,
        &[5],
        &r::random_randint_i32(key, 5, -10, 10).into_iter().map(i128::from).collect::<Vec<_>>(),
    );
    cases.push(Case::new(
        "random_randint",
        vec![key_array(key), Array::ints(I32, &[], &[-10]), Array::ints(I32, &[], &[10])],
        "jaxr.random_randint %a0, %a1, %a2 : (tensor<2xui32>, tensor<i32>, tensor<i32>) -> tensor<5xi32>"
            .into(),
        want,
        Bits,
    ));
    cases
}

fn top_k_cases() -> Vec<Case> {
    let mut g = Rng::new(25);
    vec![
        // NaN is largest, -NaN smallest; ties keep index order.
        top_k(Array::floats(F32, &[5], &[INF, NAN, -NAN, -INF, 3.0]), 5, 0),
        top_k(
            with(floats(&mut g, F32, &[2, 6], -3.0, 3.0), &[1.0, 1.0, NAN, 2.0, 1.0, -0.0, 0.0, 0.0]),
            3,
            1,
        ),
        top_k(floats(&mut g, F64, &[7], -3.0, 3.0), 4, 0),
        // Along a leading axis (transposed to the end and back).
        top_k(ints(&mut g, I32, &[4, 3], -2, 2), 2, 0),
        top_k(floats(&mut g, BF16, &[2, 3, 4], -3.0, 3.0), 1, 1),
        top_k(bools(&mut g, &[5, 3]), 2, 1),
        top_k(full(&mut g, UI32, &[6]), 6, 0),
    ]
}

// ---------------------------------------------------------------------------
// Control flow: while and cond
// ---------------------------------------------------------------------------

fn while_cases() -> Vec<Case> {
    let mut g = Rng::new(26);
    let mut cases = Vec::new();
    // fori_loop: x <- 2x + 1 for i in [start, 5).
    for (start, x) in
        [(0i128, floats(&mut g, F32, &[4], -2.0, 2.0)), (7, floats(&mut g, F32, &[4], -2.0, 2.0))]
    {
        let mut want = x.clone();
        let mut i = start;
        while i < 5 {
            let two = Array::floats(F32, &[4], &[2.0; 4]);
            let one = Array::floats(F32, &[4], &[1.0; 4]);
            want = r::binary("add", &r::binary("mul", &want, &two), &one);
            i += 1;
        }
        let line = "jaxr.while (%a0, %a1) : tensor<i32>, tensor<4xf32>\n    cond {\n\
            \x20   ^bb0(%i: tensor<i32>, %x: tensor<4xf32>):\n\
            \x20     %n = jaxr.constant dense<5> : tensor<i32>\n\
            \x20     %p = jaxr.compare lt, %i, %n : tensor<i32> -> tensor<i1>\n\
            \x20     jaxr.yield %p : tensor<i1>\n    } body {\n\
            \x20   ^bb0(%i: tensor<i32>, %x: tensor<4xf32>):\n\
            \x20     %one = jaxr.constant dense<1> : tensor<i32>\n\
            \x20     %j = jaxr.add %i, %one : tensor<i32>\n\
            \x20     %c2 = jaxr.constant dense<2.0> : tensor<4xf32>\n\
            \x20     %c1 = jaxr.constant dense<1.0> : tensor<4xf32>\n\
            \x20     %m = jaxr.mul %x, %c2 : tensor<4xf32>\n\
            \x20     %y = jaxr.add %m, %c1 : tensor<4xf32>\n\
            \x20     jaxr.yield %j, %y : tensor<i32>, tensor<4xf32>\n    }";
        let i_final = Array::ints(I32, &[], &[start.max(5)]);
        cases.push(Case::multi(
            "while",
            vec![Array::ints(I32, &[], &[start]), x],
            line.into(),
            vec![i_final, want],
            Bits,
        ));
    }
    // A data-dependent trip count: Collatz steps of an i64, counted in i32.
    for n in [27i128, 1, 6] {
        let (mut x, mut steps) = (n, 0i128);
        while x > 1 {
            x = if x % 2 == 0 { x / 2 } else { 3 * x + 1 };
            steps += 1;
        }
        let line = "jaxr.while (%a0, %a1) : tensor<i64>, tensor<i32>\n    cond {\n\
            \x20   ^bb0(%x: tensor<i64>, %s: tensor<i32>):\n\
            \x20     %one = jaxr.constant dense<1> : tensor<i64>\n\
            \x20     %p = jaxr.compare gt, %x, %one : tensor<i64> -> tensor<i1>\n\
            \x20     jaxr.yield %p : tensor<i1>\n    } body {\n\
            \x20   ^bb0(%x: tensor<i64>, %s: tensor<i32>):\n\
            \x20     %one = jaxr.constant dense<1> : tensor<i64>\n\
            \x20     %two = jaxr.constant dense<2> : tensor<i64>\n\
            \x20     %three = jaxr.constant dense<3> : tensor<i64>\n\
            \x20     %r = jaxr.rem %x, %two : tensor<i64>\n\
            \x20     %odd = jaxr.compare eq, %r, %one : tensor<i64> -> tensor<i1>\n\
            \x20     %h = jaxr.div %x, %two : tensor<i64>\n\
            \x20     %t = jaxr.mul %x, %three : tensor<i64>\n\
            \x20     %u = jaxr.add %t, %one : tensor<i64>\n\
            \x20     %next = jaxr.select_n %odd, %h, %u : (tensor<i1>, tensor<i64>, tensor<i64>) -> tensor<i64>\n\
            \x20     %c = jaxr.constant dense<1> : tensor<i32>\n\
            \x20     %s2 = jaxr.add %s, %c : tensor<i32>\n\
            \x20     jaxr.yield %next, %s2 : tensor<i64>, tensor<i32>\n    }";
        let wants = vec![Array::ints(I64, &[], &[x]), Array::ints(I32, &[], &[steps])];
        cases.push(Case::multi(
            "while",
            vec![Array::ints(I64, &[], &[n]), Array::ints(I32, &[], &[0])],
            line.into(),
            wants,
            Exact,
        ));
    }
    // Newton's iteration for sqrt(2) in f64 until the step is tiny.
    let line = "jaxr.while (%a0) : tensor<2xf64>\n    cond {\n\
        \x20   ^bb0(%x: tensor<2xf64>):\n\
        \x20     %sq = jaxr.mul %x, %x : tensor<2xf64>\n\
        \x20     %two = jaxr.constant dense<2.0> : tensor<2xf64>\n\
        \x20     %d = jaxr.sub %sq, %two : tensor<2xf64>\n\
        \x20     %a = jaxr.abs %d : tensor<2xf64>\n\
        \x20     %m = jaxr.reduce_max %a, axes = [0] : tensor<2xf64> -> tensor<f64>\n\
        \x20     %tol = jaxr.constant dense<1.0e-12> : tensor<f64>\n\
        \x20     %p = jaxr.compare gt, %m, %tol : tensor<f64> -> tensor<i1>\n\
        \x20     jaxr.yield %p : tensor<i1>\n    } body {\n\
        \x20   ^bb0(%x: tensor<2xf64>):\n\
        \x20     %two = jaxr.constant dense<2.0> : tensor<2xf64>\n\
        \x20     %q = jaxr.div %two, %x : tensor<2xf64>\n\
        \x20     %s = jaxr.add %x, %q : tensor<2xf64>\n\
        \x20     %half = jaxr.constant dense<0.5> : tensor<2xf64>\n\
        \x20     %y = jaxr.mul %s, %half : tensor<2xf64>\n\
        \x20     jaxr.yield %y : tensor<2xf64>\n    }";
    let want = Array::floats(F64, &[2], &[std::f64::consts::SQRT_2; 2]);
    cases.push(Case::multi(
        "while",
        vec![Array::floats(F64, &[2], &[1.0, 3.0])],
        line.into(),
        vec![want],
        Close(1e-12, 0.0),
    ));
    cases
}

fn cond_cases() -> Vec<Case> {
    let mut g = Rng::new(27);
    let mut cases = Vec::new();
    // lax.switch over three branches; out-of-range indices pick the last.
    for index in [0i128, 1, 2, 7, -1] {
        let x = floats(&mut g, F32, &[2, 3], -2.0, 2.0);
        let y = floats(&mut g, F32, &[2, 3], -2.0, 2.0);
        let want = match index {
            0 => r::binary("add", &x, &y),
            1 => r::binary("mul", &x, &y),
            _ => r::unary("neg", &x),
        };
        let line = "jaxr.cond %a0 : tensor<i32> -> (tensor<2x3xf32>) {\n\
            \x20     %s = jaxr.add %a1, %a2 : tensor<2x3xf32>\n\
            \x20     jaxr.yield %s : tensor<2x3xf32>\n    }, {\n\
            \x20     %p = jaxr.mul %a1, %a2 : tensor<2x3xf32>\n\
            \x20     jaxr.yield %p : tensor<2x3xf32>\n    }, {\n\
            \x20     %n = jaxr.neg %a1 : tensor<2x3xf32>\n\
            \x20     jaxr.yield %n : tensor<2x3xf32>\n    }";
        cases.push(Case::new("cond", vec![Array::ints(I32, &[], &[index]), x, y], line.into(), want, Bits));
    }
    // lax.cond on a predicate: branch 1 when true; two results.
    for pred in [true, false] {
        let a = full(&mut g, I32, &[4]);
        let b = floats(&mut g, F64, &[], -2.0, 2.0);
        let wants =
            if pred { vec![r::unary("not", &a), r::unary("exp", &b)] } else { vec![a.clone(), b.clone()] };
        let line = "jaxr.cond %a0 : tensor<i1> -> (tensor<4xi32>, tensor<f64>) {\n\
            \x20     jaxr.yield %a1, %a2 : tensor<4xi32>, tensor<f64>\n    }, {\n\
            \x20     %n = jaxr.not %a1 : tensor<4xi32>\n\
            \x20     %e = jaxr.exp %a2 : tensor<f64>\n\
            \x20     jaxr.yield %n, %e : tensor<4xi32>, tensor<f64>\n    }";
        let check = if pred { ulps(F64) } else { Bits };
        cases.push(Case::multi("cond", vec![Array::bools(&[], &[pred]), a, b], line.into(), wants, check));
    }
    // One branch: always taken.
    let x = floats(&mut g, BF16, &[3], -2.0, 2.0);
    let line = "jaxr.cond %a0 : tensor<i32> -> (tensor<3xbf16>) {\n\
        \x20     %a = jaxr.abs %a1 : tensor<3xbf16>\n\
        \x20     jaxr.yield %a : tensor<3xbf16>\n    }";
    cases.push(Case::new(
        "cond",
        vec![Array::ints(I32, &[], &[3]), x.clone()],
        line.into(),
        r::unary("abs", &x),
        Bits,
    ));
    cases
}

// ---------------------------------------------------------------------------
// All cases
// ---------------------------------------------------------------------------

pub(crate) fn all_cases() -> Vec<Case> {
    [
        nullary_cases(),
        unary_float_cases(),
        round_cases(),
        is_finite_cases(),
        integer_pow_cases(),
        unary_signed_cases(),
        unary_bits_cases(),
        binary_arith_cases(),
        binary_bitwise_cases(),
        compare_cases(),
        select_clamp_cases(),
        conversion_cases(),
        shape_cases(),
        pad_slice_cases(),
        reduction_cases(),
        nan_max_min_cases(),
        dot_cases(),
        special_cases(),
        gamma_cases(),
        nextafter_cases(),
        reduce_precision_cases(),
        gather_cases(),
        scatter_cases(),
        conv_cases(),
        reduce_window_cases(),
        reduce_window_generic_cases(),
        sort_cases(),
        top_k_cases(),
        optimization_barrier_cases(),
        random_cases(),
        while_cases(),
        cond_cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[test]
fn ops_constant_and_iota() {
    run_all(&nullary_cases());
}

#[test]
fn ops_unary_float() {
    run_all(&unary_float_cases());
}

#[test]
fn ops_round_is_finite_integer_pow() {
    run_all(&[round_cases(), is_finite_cases(), integer_pow_cases()].concat());
}

#[test]
fn ops_unary_signed_and_square() {
    run_all(&unary_signed_cases());
}

#[test]
fn ops_unary_bitwise() {
    run_all(&unary_bits_cases());
}

#[test]
fn ops_binary_arithmetic() {
    run_all(&binary_arith_cases());
}

#[test]
fn ops_binary_bitwise_and_shifts() {
    run_all(&binary_bitwise_cases());
}

#[test]
fn ops_compare() {
    run_all(&compare_cases());
}

#[test]
fn ops_select_n_and_clamp() {
    run_all(&select_clamp_cases());
}

#[test]
fn ops_conversions() {
    run_all(&conversion_cases());
}

#[test]
fn ops_shape_manipulation() {
    run_all(&shape_cases());
}

#[test]
fn ops_pad_and_slices() {
    run_all(&pad_slice_cases());
}

#[test]
fn ops_reductions() {
    run_all(&reduction_cases());
}

#[test]
// XLA's fast min/max would drop these NaNs; the runtime turns it off as JAX does.
fn ops_max_min_propagate_nan() {
    run_all(&nan_max_min_cases());
}

#[test]
fn ops_dot_general() {
    run_all(&dot_cases());
}

#[test]
fn ops_erf_erfc_erf_inv() {
    run_all(&special_cases());
}

#[test]
fn ops_lgamma_digamma_polygamma_zeta_bessel_i1e() {
    run_all(&gamma_cases());
}

#[test]
fn ops_nextafter_and_reduce_precision() {
    run_all(&[nextafter_cases(), reduce_precision_cases()].concat());
}

/// What JAX does not differentiate is refused, with the reason: polygamma in
/// its order n, zeta in its exponent x (derivatives.rs checks the rules in
/// the other operands, on the f64 cases above whose n and x are constants).
#[test]
fn ops_polygamma_and_zeta_refuse_the_derivatives_jax_refuses() {
    let x = Array::floats(F64, &[3], &[1.0, 2.0, 3.0]);
    for (op, reason) in
        [("polygamma", "with respect to its order n"), ("zeta", "with respect to its exponent x")]
    {
        let text = format!(
            "func.func @main(%a0: tensor<3xf64>, %a1: tensor<3xf64>) -> tensor<3xf64> {{\n  \
             %r = jaxr.{op} %a0, %a1 : tensor<3xf64>\n  return %r : tensor<3xf64>\n}}\n"
        );
        for mode in ["jvp", "vjp"] {
            let pipeline = format!("jaxr-autodiff{{{mode}-of=main argnums=0}}");
            let inputs = vec![x.to_host(), x.to_host(), x.to_host()];
            match run_on_cpu_after(&text, &format!("main_{mode}"), &pipeline, &inputs) {
                Ok(_) => panic!("{op}: the {mode} in its first operand was not refused"),
                Err(e) => assert!(e.contains(reason), "{op} ({mode}): {e}"),
            }
        }
    }
}

#[test]
fn ops_gather() {
    run_all(&gather_cases());
}

#[test]
fn ops_scatter() {
    run_all(&scatter_cases());
}

#[test]
fn ops_conv_general_dilated() {
    run_all(&conv_cases());
}

#[test]
fn ops_reduce_window() {
    run_all(&[reduce_window_cases(), reduce_window_generic_cases()].concat());
}

#[test]
fn ops_sort_top_k_and_optimization_barrier() {
    run_all(&[sort_cases(), top_k_cases(), optimization_barrier_cases()].concat());
}

#[test]
fn ops_while_and_cond() {
    run_all(&[while_cases(), cond_cases()].concat());
}

/// Every case lowered to StableHLO, raised back into jaxr (strictly: nothing
/// may stay StableHLO) and lowered again computes the same numbers. argmax
/// and argmin lower to a two-operand reduce, which has no jaxr counterpart.
#[test]
fn ops_every_case_raises_back_from_its_stablehlo() {
    let failures: Vec<String> = all_cases()
        .iter()
        .filter_map(|c| {
            let strict = if matches!(c.op, "argmax" | "argmin") { "" } else { "{strict=true}" };
            let passes =
                format!("jaxr-expand-random, convert-jaxr-to-stablehlo, convert-stablehlo-to-jaxr{strict}");
            c.run_after(&passes).err().map(|e| format!("{}\n  {e}", c.name))
        })
        .collect();
    assert!(failures.is_empty(), "{} cases failed:\n{}", failures.len(), failures.join("\n"));
}

// ---------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------

/// Which element types an op's operand may have, per the dialect's rules.
fn accepts(op: &str) -> Accepts {
    if let Some(u) = UnaryOp::ALL.iter().find(|u| u.mnemonic() == op) {
        return u.accepts();
    }
    if let Some(b) = BinaryOp::ALL.iter().find(|b| b.mnemonic() == op) {
        return b.accepts();
    }
    if let Some(r) = ReduceOp::ALL.iter().find(|r| r.mnemonic() == op || r.window_mnemonic() == Some(op)) {
        return r.accepts();
    }
    if let Some(k) = ScatterKind::ALL.iter().find(|k| k.mnemonic() == op) {
        return k.accepts();
    }
    match op {
        "round" | "is_finite" | "reduce_precision" => Accepts::Float,
        "integer_pow" | "iota" | "dot_general" | "conv_general_dilated" => Accepts::Numeric,
        _ => Accepts::Any,
    }
}

#[test]
fn ops_every_mnemonic_has_numerical_cases_in_the_main_types() {
    let cases = all_cases();
    // Every op but the terminator jaxr.yield, which every while, cond and
    // generic reduce_window case runs.
    let mut mnemonics = all_mnemonics();
    mnemonics.extend(region_mnemonics().into_iter().filter(|&m| m != "yield"));
    let mut problems = Vec::new();
    for c in &cases {
        if !mnemonics.contains(&c.op) {
            problems.push(format!("case for unknown op {}", c.name));
        }
        if !c.text.contains(&format!("jaxr.{} ", c.op)) && !c.text.contains(&format!("jaxr.{}(", c.op)) {
            problems.push(format!("case {} does not use jaxr.{}", c.name, c.op));
        }
    }
    // Complex-only ops are checked against num-complex in complex.rs.
    mnemonics.retain(|op| !crate::complex::COMPLEX_OPS.contains(op));
    // Linear-algebra ops are checked against their references in linalg.rs.
    mnemonics.retain(|op| !crate::linalg::LINALG_OPS.contains(op));
    // XLA defines rng_bit_generator's bits: raising.rs checks jaxr's op
    // against XLA's own, and its batching against JAX's rule.
    mnemonics.retain(|op| *op != "rng_bit_generator");
    for op in mnemonics {
        let of_op: Vec<&Case> = cases.iter().filter(|c| c.op == op).collect();
        println!("{op}: {} cases", of_op.len());
        if of_op.is_empty() {
            problems.push(format!("jaxr.{op} has no numerical case"));
            continue;
        }
        let ranks: BTreeSet<usize> =
            of_op.iter().flat_map(|c| c.inputs.iter().chain(&c.wants).map(Array::rank)).collect();
        if ranks.len() < 2 {
            problems.push(format!("jaxr.{op} is tested in one rank only"));
        }
        // Random ops have fixed types: ui32 keys, and their cases cover
        // every sample type they produce.
        if jaxr_dialect::primitive::random_mnemonics().contains(&op) {
            continue;
        }
        let types: BTreeSet<ElemType> = of_op.iter().flat_map(|c| c.types()).collect();
        let admits = accepts(op);
        for t in [F32, F64, I32] {
            if admits.admits(t) && !types.contains(&t) {
                problems.push(format!("jaxr.{op} has no {t} case"));
            }
        }
        let extra = [F16, BF16, I1, UI8, UI32, I64];
        if extra.iter().any(|&t| admits.admits(t)) && !extra.iter().any(|t| types.contains(t)) {
            problems.push(format!("jaxr.{op} has no case in f16, bf16, i1, ui8, ui32 or i64"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn ops_random() {
    run_all(&random_cases());
}

#[test]
fn ops_reference_rounds_correctly() {
    // Ties go to even; just above a tie rounds up; overflow gives infinity.
    assert_eq!(round_to(F16, 1.0 + 2f64.powi(-11)), 1.0);
    assert_eq!(round_to(F16, 1.0 + 2f64.powi(-11) + 2f64.powi(-40)), 1.0 + 2f64.powi(-10));
    assert_eq!(round_to(F16, 65520.0), INF);
    assert_eq!(round_to(F16, 65519.0), 65504.0);
    assert_eq!(round_to(BF16, 1.0 + 2f64.powi(-8) + 2f64.powi(-40)), 1.0 + 2f64.powi(-7));
    // Subnormals of f16: the smallest is 2^-24.
    assert_eq!(round_to(F16, 2f64.powi(-25)), 0.0);
    assert_eq!(round_to(F16, 3.0 * 2f64.powi(-25)), 2f64.powi(-23));
    assert_eq!(r::wrap(I8, 128), -128);
    assert_eq!(r::wrap(UI8, -1), 255);
    let x = Array::ints(I32, &[4], &[-7, 7, -7, i32::MIN.into()]);
    let y = Array::ints(I32, &[4], &[2, -2, -2, -1]);
    assert_eq!(r::binary("div", &x, &y).to_f64(), [-3.0, -3.0, 3.0, f64::from(i32::MIN)]);
    assert_eq!(r::binary("rem", &x, &y).to_f64(), [-1.0, 1.0, -1.0, 0.0]);
    let amount = Array::ints(I8, &[3], &[8, 1, -1]);
    let v = Array::ints(I8, &[3], &[-128, -128, -128]);
    assert_eq!(r::binary("shift_right_arithmetic", &v, &amount).to_f64(), [-1.0, -64.0, -1.0]);
    assert_eq!(r::binary("shift_right_logical", &v, &amount).to_f64(), [0.0, 64.0, 0.0]);
    assert_eq!(tensor_type(F32, &[]), "tensor<f32>");
}

// ---------------------------------------------------------------------------
// The StableHLO oracle
// ---------------------------------------------------------------------------

/// The oracle venv's python: `$JAXR_CACHE_DIR` or `~/.cache/jaxr`, then
/// `oracle-venv/bin/python`.
fn oracle_python() -> PathBuf {
    let cache = std::env::var_os("JAXR_CACHE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cache/jaxr"));
    let python = cache.join("oracle-venv/bin/python");
    assert!(
        python.exists(),
        "the StableHLO oracle is missing ({} does not exist): run `scripts/setup --with-oracle`",
        python.display()
    );
    python
}

#[test]
fn ops_every_lowered_case_is_valid_stablehlo_for_the_oracle() {
    let python = oracle_python();
    let cases = all_cases();
    let mut modules = Vec::new();
    let mut failures = Vec::new();
    for c in &cases {
        match lower_for_pjrt(&c.text, "main") {
            Ok((text, _)) => modules.push((c, text)),
            Err(e) => failures.push(format!("{}: does not lower: {e}", c.name)),
        }
    }
    let joined: Vec<&str> = modules.iter().map(|(_, t)| t.as_str()).collect();
    let path = std::env::temp_dir().join(format!("jaxr-ops-oracle-{}.mlir", std::process::id()));
    std::fs::write(&path, joined.join("\n// -----\n")).expect("write the oracle input");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("oracle/verify_stablehlo.py");
    let output =
        std::process::Command::new(&python).arg(&script).arg(&path).output().expect("run the oracle");
    let _ = std::fs::remove_file(&path);
    let stdout = String::from_utf8_lossy(&output.stdout);
    // Failing modules are reported as `FILE#index: error`; name the case.
    for line in stdout.lines().filter(|l| l.contains('#')) {
        let index: Option<usize> =
            line.split('#').nth(1).and_then(|s| s.split(':').next()).and_then(|s| s.parse().ok());
        let name = index.and_then(|i| modules.get(i)).map_or("?", |(c, _)| c.name.as_str());
        failures.push(format!("{name}: {line}"));
    }
    let summary = format!("{} passed, 0 failed", modules.len());
    if !output.status.success() || !stdout.contains(&summary) {
        failures.push(format!(
            "the oracle did not pass all {} modules (status {}):\n{stdout}\n{}",
            modules.len(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
