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
use jaxr_dialect::{all_mnemonics, Accepts, BinaryOp, ReduceOp, UnaryOp};
use jaxr_runtime::HostTensor;
use jaxr_tests::reference::{self as r, round_to, tensor_type, Array, DotDims, Scalar};
use jaxr_tests::{all_close, lower_for_pjrt, run_on_cpu};

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

/// One module with one op, its inputs and the reference result.
#[derive(Clone)]
struct Case {
    /// The op's mnemonic.
    op: &'static str,
    /// `op (input types) -> result type`, unique enough to find a case.
    name: String,
    /// The jaxr module.
    text: String,
    inputs: Vec<Array>,
    want: Array,
    check: Check,
}

impl Case {
    /// A case whose body is `%r = <line>`, with the inputs as `%a0, %a1, ...`.
    fn new(op: &'static str, inputs: Vec<Array>, line: String, want: Array, check: Check) -> Case {
        let args: Vec<String> =
            inputs.iter().enumerate().map(|(i, a)| format!("%a{i}: {}", a.type_string())).collect();
        let result = want.type_string();
        let text = format!(
            "func.func @main({}) -> {result} {{\n  %r = {line}\n  return %r : {result}\n}}\n",
            args.join(", ")
        );
        let types: Vec<String> = inputs.iter().map(Array::type_string).collect();
        let name = format!("{op} ({}) -> {result} [{line}]", types.join(", "));
        Case { op, name, text, inputs, want, check }
    }

    /// The element types the case exercises (inputs and result).
    fn types(&self) -> BTreeSet<ElemType> {
        self.inputs.iter().chain([&self.want]).map(|a| a.elem).collect()
    }

    fn run(&self) -> Result<(), String> {
        let inputs: Vec<HostTensor> = self.inputs.iter().map(Array::to_host).collect();
        let outputs = run_on_cpu(&self.text, "main", &inputs)?;
        let [output] = outputs.as_slice() else {
            return Err(format!("{} results, expected 1", outputs.len()));
        };
        let got = Array::from_host(output);
        if got.elem != self.want.elem || got.shape != self.want.shape {
            return Err(format!("result type {}, expected {}", got.type_string(), self.want.type_string()));
        }
        self.compare(&got).map_err(|e| format!("{e}\n  inputs: {}", self.describe_inputs()))
    }

    fn compare(&self, got: &Array) -> Result<(), String> {
        if let Close(rtol, atol) = self.check {
            return all_close(&got.to_f64(), &self.want.to_f64(), rtol, atol);
        }
        for (i, (&g, &w)) in got.values.iter().zip(&self.want.values).enumerate() {
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
const UNARY_FLOAT: [(&str, f64, f64, bool); 15] = [
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
// All cases
// ---------------------------------------------------------------------------

fn all_cases() -> Vec<Case> {
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
    if let Some(r) = ReduceOp::ALL.iter().find(|r| r.mnemonic() == op) {
        return r.accepts();
    }
    match op {
        "round" | "is_finite" => Accepts::Float,
        "integer_pow" | "iota" | "dot_general" => Accepts::Numeric,
        _ => Accepts::Any,
    }
}

#[test]
fn ops_every_mnemonic_has_numerical_cases_in_the_main_types() {
    let cases = all_cases();
    let mnemonics = all_mnemonics();
    let mut problems = Vec::new();
    for c in &cases {
        if !mnemonics.contains(&c.op) {
            problems.push(format!("case for unknown op {}", c.name));
        }
        if !c.text.contains(&format!("jaxr.{} ", c.op)) && !c.text.contains(&format!("jaxr.{}(", c.op)) {
            problems.push(format!("case {} does not use jaxr.{}", c.name, c.op));
        }
    }
    for op in mnemonics {
        let of_op: Vec<&Case> = cases.iter().filter(|c| c.op == op).collect();
        println!("{op}: {} cases", of_op.len());
        if of_op.is_empty() {
            problems.push(format!("jaxr.{op} has no numerical case"));
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
        let ranks: BTreeSet<usize> =
            of_op.iter().flat_map(|c| c.inputs.iter().chain([&c.want]).map(Array::rank)).collect();
        if ranks.len() < 2 {
            problems.push(format!("jaxr.{op} is tested in one rank only"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
