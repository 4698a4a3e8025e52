//! The shape and type rules of every jaxr primitive, written once.
//!
//! [`infer`] computes a primitive's result type from its operand types, or says
//! which rule the operands break. The dialect's verifier, the typed builders
//! and the e-graph's type analysis all call it.

use std::fmt;

use crate::primitive::{
    Accepts, BinaryOp, ComparisonDirection, ConvDims, DotDims, GatherDims, Primitive, RngAlgorithm,
    ScatterDims, UnaryOp, Window,
};
use crate::types::{element_count, ElemType, TensorType};

/// A broken shape or type rule: the op, its operand types and the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeError {
    pub op: String,
    pub operands: Vec<TensorType>,
    pub rule: String,
}

impl ShapeError {
    /// The message without the op name (the MLIR verifier adds that itself).
    pub fn rule_with_operands(&self) -> String {
        let operands: Vec<String> = self.operands.iter().map(ToString::to_string).collect();
        format!("{} (operand types: {})", self.rule, operands.join(", "))
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}': {}", self.op, self.rule_with_operands())
    }
}

impl std::error::Error for ShapeError {}

type Rule<T> = Result<T, String>;

/// The result type of a one-result primitive applied to operands of the
/// given types (`sort` and `top_k` have several: see [`infer_results`]).
pub fn infer(prim: &Primitive, operands: &[TensorType]) -> Result<TensorType, ShapeError> {
    let mut results = infer_results(prim, operands)?;
    match results.len() {
        1 => Ok(results.remove(0)),
        n => Err(ShapeError {
            op: prim.op_name(),
            operands: operands.to_vec(),
            rule: format!("has {n} results; ask for all of them (shape::infer_results)"),
        }),
    }
}

/// The result types of `prim` applied to operands of the given types.
pub fn infer_results(prim: &Primitive, operands: &[TensorType]) -> Result<Vec<TensorType>, ShapeError> {
    infer_results_rule(prim, operands).map_err(|rule| ShapeError {
        op: prim.op_name(),
        operands: operands.to_vec(),
        rule,
    })
}

/// Checks that `declared` are the result types the rules give.
pub fn check(prim: &Primitive, operands: &[TensorType], declared: &[TensorType]) -> Result<(), ShapeError> {
    let inferred = infer_results(prim, operands)?;
    if inferred == declared {
        return Ok(());
    }
    let list = |ts: &[TensorType]| ts.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let rule = match (inferred.as_slice(), declared) {
        ([one], [other]) => format!("result type must be {one}, found {other}"),
        _ => format!("result types must be ({}), found ({})", list(&inferred), list(declared)),
    };
    Err(ShapeError { op: prim.op_name(), operands: operands.to_vec(), rule })
}

fn arity(operands: &[TensorType], n: usize) -> Rule<()> {
    if operands.len() == n {
        Ok(())
    } else {
        Err(format!("expects {n} operand(s), found {}", operands.len()))
    }
}

fn accepts(what: &str, t: &TensorType, a: Accepts) -> Rule<()> {
    if a.admits(t.elem) {
        Ok(())
    } else {
        Err(format!("{what} must have {}, found {}", a.describe(), t.elem))
    }
}

fn same_type(a: &TensorType, b: &TensorType, what: &str) -> Rule<()> {
    if a == b {
        Ok(())
    } else {
        Err(format!("{what} must have the same type, found {a} and {b}"))
    }
}

/// Checks that `dims` are distinct and within `0..rank`.
fn distinct_dims(what: &str, dims: &[i64], rank: usize) -> Rule<()> {
    let mut seen = vec![false; rank];
    for &d in dims {
        if d < 0 || d as usize >= rank {
            return Err(format!("{what} {d} is out of range for rank {rank}"));
        }
        if std::mem::replace(&mut seen[d as usize], true) {
            return Err(format!("{what} {d} appears twice"));
        }
    }
    Ok(())
}

fn length(what: &str, values: &[i64], rank: usize) -> Rule<()> {
    if values.len() == rank {
        Ok(())
    } else {
        Err(format!("{what} has {} entries, expected one per operand dimension ({rank})", values.len()))
    }
}

fn is_scalar_index(t: &TensorType) -> bool {
    t.rank() == 0 && t.elem.is_int()
}

fn infer_results_rule(prim: &Primitive, ops: &[TensorType]) -> Rule<Vec<TensorType>> {
    match prim {
        Primitive::Sort { dimension, num_keys, .. } => sort(ops, *dimension, *num_keys),
        Primitive::TopK { k, axis } => top_k(ops, *k, *axis),
        Primitive::Threefry2x32 => threefry(ops),
        Primitive::OptimizationBarrier => Ok(ops.to_vec()),
        Primitive::RngBitGenerator { algorithm, out } => rng_bit_generator(ops, *algorithm, out),
        _ => infer_rule(prim, ops).map(|t| vec![t]),
    }
}

fn infer_rule(prim: &Primitive, ops: &[TensorType]) -> Rule<TensorType> {
    match prim {
        Primitive::Constant { ty } => {
            arity(ops, 0)?;
            Ok(ty.clone())
        }
        Primitive::Iota { dimension, ty } => {
            arity(ops, 0)?;
            accepts("the result", ty, Accepts::NumericOrComplex)?;
            if *dimension < 0 || *dimension as usize >= ty.rank() {
                return Err(format!("iota dimension {dimension} is out of range for {ty}"));
            }
            Ok(ty.clone())
        }
        Primitive::Unary(u) => {
            arity(ops, 1)?;
            accepts("the operand", &ops[0], u.accepts())?;
            match (u, ops[0].elem.complex_part()) {
                (UnaryOp::Real | UnaryOp::Imag | UnaryOp::Abs, Some(part)) => Ok(ops[0].with_elem(part)),
                _ => Ok(ops[0].clone()),
            }
        }
        Primitive::Round(_) => {
            arity(ops, 1)?;
            accepts("the operand", &ops[0], Accepts::Float)?;
            Ok(ops[0].clone())
        }
        Primitive::IntegerPow { y } => {
            arity(ops, 1)?;
            accepts("the operand", &ops[0], Accepts::Numeric)?;
            if *y < 0 && ops[0].elem.is_int() {
                return Err(format!("a negative exponent ({y}) needs a floating-point operand"));
            }
            Ok(ops[0].clone())
        }
        Primitive::Fft { kind, lengths } => {
            arity(ops, 1)?;
            crate::fft::result_type(&ops[0], *kind, lengths)
        }
        Primitive::TriangularSolve { left_side, .. } => {
            arity(ops, 2)?;
            crate::linalg::result_type(&ops[0], &ops[1], *left_side)
        }
        Primitive::ReducePrecision { exponent_bits, mantissa_bits } => {
            arity(ops, 1)?;
            accepts("the operand", &ops[0], Accepts::Float)?;
            if *exponent_bits < 1 {
                return Err(format!("exponent_bits must be at least 1, found {exponent_bits}"));
            }
            if *mantissa_bits < 0 {
                return Err(format!("mantissa_bits must not be negative, found {mantissa_bits}"));
            }
            Ok(ops[0].clone())
        }
        Primitive::IsFinite => {
            arity(ops, 1)?;
            accepts("the operand", &ops[0], Accepts::Float)?;
            Ok(ops[0].with_elem(ElemType::I1))
        }
        Primitive::Binary(b) => {
            arity(ops, 2)?;
            same_type(&ops[0], &ops[1], "both operands")?;
            accepts("the operands", &ops[0], b.accepts())?;
            match b {
                BinaryOp::Complex => Ok(ops[0].with_elem(if ops[0].elem == ElemType::F32 {
                    ElemType::C64
                } else {
                    ElemType::C128
                })),
                _ => Ok(ops[0].clone()),
            }
        }
        Primitive::Compare(direction) => {
            arity(ops, 2)?;
            same_type(&ops[0], &ops[1], "both operands")?;
            if ops[0].elem.is_complex()
                && !matches!(direction, ComparisonDirection::Eq | ComparisonDirection::Ne)
            {
                return Err(format!("complex values ({}) are only compared for equality", ops[0]));
            }
            Ok(ops[0].with_elem(ElemType::I1))
        }
        Primitive::SelectN => select_n(ops),
        Primitive::Clamp => {
            arity(ops, 3)?;
            let x = &ops[1];
            accepts("the operand", x, Accepts::Numeric)?;
            for (bound, t) in [("min", &ops[0]), ("max", &ops[2])] {
                if t.elem != x.elem || (t.rank() != 0 && t.shape != x.shape) {
                    return Err(format!(
                        "{bound} must be a scalar or have the operand's shape, with its element type ({x}), found {t}"
                    ));
                }
            }
            Ok(x.clone())
        }
        Primitive::ConvertElementType { to } => {
            arity(ops, 1)?;
            Ok(ops[0].with_elem(*to))
        }
        Primitive::BitcastConvertType { to } => bitcast(&ops_one(ops)?, *to),
        Primitive::BroadcastInDim { shape, dims } => {
            let x = ops_one(ops)?;
            length("broadcast_dimensions", dims, x.rank())?;
            if dims.windows(2).any(|w| w[0] >= w[1]) {
                return Err(format!("broadcast_dimensions {dims:?} must be strictly increasing"));
            }
            for (i, &d) in dims.iter().enumerate() {
                if d < 0 || d as usize >= shape.len() {
                    return Err(format!(
                        "broadcast dimension {d} is out of range for a result of rank {}",
                        shape.len()
                    ));
                }
                let (from, to) = (x.shape[i], shape[d as usize]);
                if from != 1 && from != to {
                    return Err(format!(
                        "operand dimension {i} (size {from}) maps to result dimension {d} (size {to}): sizes must match or the operand's must be 1"
                    ));
                }
            }
            nonnegative("result shape", shape)?;
            Ok(TensorType::new(shape.clone(), x.elem))
        }
        Primitive::Reshape { shape } => {
            let x = ops_one(ops)?;
            nonnegative("result shape", shape)?;
            let (Some(count), Some(have)) = (element_count(shape), element_count(&x.shape)) else {
                return Err(format!(
                    "reshape from {:?} to {shape:?}: more elements than an i64 counts",
                    x.shape
                ));
            };
            if count != have {
                return Err(format!("reshape to {shape:?} needs {count} elements, the operand has {have}"));
            }
            Ok(TensorType::new(shape.clone(), x.elem))
        }
        Primitive::Transpose { permutation } => {
            let x = ops_one(ops)?;
            length("permutation", permutation, x.rank())?;
            distinct_dims("permutation entry", permutation, x.rank())?;
            Ok(TensorType::new(permutation.iter().map(|&p| x.shape[p as usize]).collect::<Vec<_>>(), x.elem))
        }
        Primitive::Rev { dimensions } => {
            let x = ops_one(ops)?;
            distinct_dims("reversed dimension", dimensions, x.rank())?;
            Ok(x)
        }
        Primitive::Concatenate { dimension } => concatenate(ops, *dimension),
        Primitive::Pad { low, high, interior } => pad(ops, low, high, interior),
        Primitive::Slice { start, limit, strides } => slice(ops, start, limit, strides),
        Primitive::DynamicSlice { sizes } => {
            let x = ops.first().ok_or("expects an operand and one start index per dimension")?;
            let starts = &ops[1..];
            start_indices(starts, x.rank())?;
            length("slice_sizes", sizes, x.rank())?;
            for (i, (&s, &d)) in sizes.iter().zip(&x.shape).enumerate() {
                if s < 0 || s > d {
                    return Err(format!("slice size {s} of dimension {i} must lie in [0, {d}]"));
                }
            }
            Ok(TensorType::new(sizes.clone(), x.elem))
        }
        Primitive::DynamicUpdateSlice => {
            if ops.len() < 2 {
                return Err("expects an operand, an update and one start index per dimension".into());
            }
            let (x, update) = (&ops[0], &ops[1]);
            start_indices(&ops[2..], x.rank())?;
            if update.elem != x.elem || update.rank() != x.rank() {
                return Err(format!(
                    "the update {update} must have the operand's rank and element type ({x})"
                ));
            }
            if let Some(i) = (0..x.rank()).find(|&i| update.shape[i] > x.shape[i]) {
                return Err(format!(
                    "update dimension {i} (size {}) is larger than the operand's (size {})",
                    update.shape[i], x.shape[i]
                ));
            }
            Ok(x.clone())
        }
        Primitive::Reduce { op, axes } => {
            let x = ops_one(ops)?;
            accepts("the operand", &x, op.accepts())?;
            distinct_dims("reduction axis", axes, x.rank())?;
            let shape: Vec<i64> =
                (0..x.rank()).filter(|i| !axes.contains(&(*i as i64))).map(|i| x.shape[i]).collect();
            Ok(TensorType::new(shape, x.elem))
        }
        Primitive::ArgReduce { axis, index, .. } => {
            let x = ops_one(ops)?;
            if *axis < 0 || *axis as usize >= x.rank() {
                return Err(format!("axis {axis} is out of range for rank {}", x.rank()));
            }
            if x.shape[*axis as usize] == 0 {
                return Err(format!("axis {axis} has size 0: there is no extremum"));
            }
            if !index.is_int() {
                return Err(format!("the index type must be an integer type, found {index}"));
            }
            let shape: Vec<i64> = (0..x.rank()).filter(|&i| i as i64 != *axis).map(|i| x.shape[i]).collect();
            Ok(TensorType::new(shape, *index))
        }
        Primitive::DotGeneral { dims, out, .. } => dot_general(ops, dims, *out),
        Primitive::Gather { dims, slice_sizes, .. } => gather(ops, dims, slice_sizes),
        Primitive::Scatter { kind, dims, .. } => {
            arity(ops, 3)?;
            accepts("the operand", &ops[0], kind.accepts())?;
            scatter(ops, dims)
        }
        Primitive::ConvGeneralDilated { conv, out } => conv_general_dilated(ops, conv, *out),
        Primitive::ReduceWindow { op, window } => {
            let x = ops_one(ops)?;
            if op.window_mnemonic().is_none() {
                return Err(format!("{} has no windowed form", op.mnemonic()));
            }
            accepts("the operand", &x, op.accepts())?;
            Ok(TensorType::new(reduce_window_shape(&x, window)?, x.elem))
        }
        Primitive::Sort { .. }
        | Primitive::TopK { .. }
        | Primitive::Threefry2x32
        | Primitive::OptimizationBarrier
        | Primitive::RngBitGenerator { .. } => Err("has several results (shape::infer_results)".into()),
        Primitive::RandomSeed => {
            let seed = ops_one(ops)?;
            if seed.rank() != 0 || !seed.elem.is_int() {
                return Err(format!("the seed must be an integer scalar, found {seed}"));
            }
            Ok(key_type())
        }
        Primitive::RandomSplit { count } => {
            is_key(ops_one(ops)?)?;
            if *count < 0 {
                return Err(format!("the key count {count} is negative"));
            }
            Ok(TensorType::new([*count, 2], ElemType::UI32))
        }
        Primitive::RandomFoldIn => {
            arity(ops, 2)?;
            is_key(ops[0].clone())?;
            if ops[1].rank() != 0 || !ops[1].elem.is_int() {
                return Err(format!("the data must be an integer scalar, found {}", ops[1]));
            }
            Ok(key_type())
        }
        Primitive::RandomBits { shape } => {
            is_key(ops_one(ops)?)?;
            nonnegative("the shape", shape)?;
            Ok(TensorType::new(shape.clone(), ElemType::UI32))
        }
        Primitive::RandomUniform { ty } => {
            arity(ops, 3)?;
            is_key(ops[0].clone())?;
            random_float(ty)?;
            for (what, t) in [("minval", &ops[1]), ("maxval", &ops[2])] {
                if t.rank() != 0 || t.elem != ty.elem {
                    return Err(format!(
                        "{what} must be a scalar of the result's element type {}, found {t}",
                        ty.elem
                    ));
                }
            }
            Ok(ty.clone())
        }
        Primitive::RandomRandint { ty } => {
            arity(ops, 3)?;
            is_key(ops[0].clone())?;
            nonnegative("the shape", &ty.shape)?;
            if !ty.elem.is_int() {
                return Err(format!("randint samples integers, found {}", ty.elem));
            }
            for (what, t) in [("minval", &ops[1]), ("maxval", &ops[2])] {
                if t.rank() != 0 || t.elem != ty.elem {
                    return Err(format!(
                        "{what} must be a scalar of the result's element type {}, found {t}",
                        ty.elem
                    ));
                }
            }
            Ok(ty.clone())
        }
        Primitive::RandomNormal { ty } => {
            is_key(ops_one(ops)?)?;
            random_float(ty)?;
            Ok(ty.clone())
        }
    }
}

/// A threefry key: tensor<2xui32>.
fn key_type() -> TensorType {
    TensorType::new([2], ElemType::UI32)
}

fn is_key(t: TensorType) -> Rule<()> {
    if t == key_type() {
        Ok(())
    } else {
        Err(format!("the key must be tensor<2xui32> (jax.random.key_data), found {t}"))
    }
}

fn random_float(ty: &TensorType) -> Rule<()> {
    nonnegative("the shape", &ty.shape)?;
    if matches!(ty.elem, ElemType::F32 | ElemType::F64) {
        Ok(())
    } else {
        Err(format!("samples are f32 or f64, found {}", ty.elem))
    }
}

fn threefry(ops: &[TensorType]) -> Rule<Vec<TensorType>> {
    arity(ops, 4)?;
    let x = &ops[2];
    if ops[3] != *x || x.elem != ElemType::UI32 {
        return Err(format!(
            "the counters must be two ui32 tensors of one shape, found {} and {}",
            ops[2], ops[3]
        ));
    }
    for (what, k) in [("k0", &ops[0]), ("k1", &ops[1])] {
        if k.elem != ElemType::UI32 || (k.rank() != 0 && k != x) {
            return Err(format!("{what} must be a ui32 scalar or have the counters' type {x}, found {k}"));
        }
    }
    Ok(vec![x.clone(), x.clone()])
}

/// The state is a vector of integers (two ui64 for THREE_FRY, two or three
/// for PHILOX, as StableHLO requires); the bits are integers or floats.
fn rng_bit_generator(ops: &[TensorType], algorithm: RngAlgorithm, out: &TensorType) -> Rule<Vec<TensorType>> {
    let state = ops_one(ops)?;
    if state.rank() != 1 || !state.elem.is_int() {
        return Err(format!("the state must be a vector of integers, found {state}"));
    }
    let fits = match algorithm {
        RngAlgorithm::ThreeFry => state.elem == ElemType::UI64 && state.shape[0] == 2,
        RngAlgorithm::Philox => state.elem == ElemType::UI64 && matches!(state.shape[0], 2 | 3),
        RngAlgorithm::Default => true,
    };
    if !fits {
        return Err(format!(
            "a {} state must be tensor<2xui64>{}, found {state}",
            algorithm.name(),
            if algorithm == RngAlgorithm::Philox { " or tensor<3xui64>" } else { "" }
        ));
    }
    if !(out.elem.is_int() || out.elem.is_float()) {
        return Err(format!("the bits must be integers or floats, found {out}"));
    }
    Ok(vec![state, out.clone()])
}

fn ops_one(ops: &[TensorType]) -> Rule<TensorType> {
    arity(ops, 1)?;
    Ok(ops[0].clone())
}

fn nonnegative(what: &str, shape: &[i64]) -> Rule<()> {
    match shape.iter().find(|&&d| d < 0) {
        Some(d) => Err(format!("{what} has a negative size {d}")),
        None => Ok(()),
    }
}

fn start_indices(starts: &[TensorType], rank: usize) -> Rule<()> {
    if starts.len() != rank {
        return Err(format!("expects {rank} start indices (one per dimension), found {}", starts.len()));
    }
    if let Some(t) = starts.iter().find(|t| !is_scalar_index(t)) {
        return Err(format!("start indices must be integer scalars, found {t}"));
    }
    if starts.windows(2).any(|w| w[0] != w[1]) {
        return Err("start indices must all have the same type".into());
    }
    Ok(())
}

fn select_n(ops: &[TensorType]) -> Rule<TensorType> {
    let (which, cases) = ops.split_first().ok_or("expects a selector and at least one case")?;
    let first = cases.first().ok_or("expects at least one case")?;
    if let Some(other) = cases.iter().find(|c| *c != first) {
        return Err(format!("all cases must have the same type, found {first} and {other}"));
    }
    if which.rank() != 0 && which.shape != first.shape {
        return Err(format!("the selector {which} must be a scalar or have the cases' shape"));
    }
    match which.elem {
        ElemType::I1 if cases.len() <= 2 => {}
        ElemType::I1 => {
            return Err(format!("an i1 selector chooses from at most 2 cases, found {}", cases.len()))
        }
        ElemType::I32 => {}
        other => return Err(format!("the selector must be i1 or i32, found {other}")),
    }
    Ok(first.clone())
}

fn bitcast(x: &TensorType, to: ElemType) -> Rule<TensorType> {
    let (from_bits, to_bits) = (x.elem.bit_width(), to.bit_width());
    if x.elem.is_bool() || to.is_bool() {
        if x.elem == to {
            return Ok(x.clone());
        }
        return Err("bitcast to or from i1 is not allowed".into());
    }
    if from_bits == to_bits {
        return Ok(x.with_elem(to));
    }
    if from_bits > to_bits {
        // A wide element becomes a trailing dimension of narrow ones.
        let mut shape = x.shape.clone();
        shape.push(i64::from(from_bits / to_bits));
        return Ok(TensorType::new(shape, to));
    }
    let ratio = i64::from(to_bits / from_bits);
    match x.shape.last() {
        Some(&last) if last == ratio => Ok(TensorType::new(x.shape[..x.rank() - 1].to_vec(), to)),
        _ => {
            Err(format!("bitcast from {} to {to} needs a last dimension of size {ratio}, found {x}", x.elem))
        }
    }
}

fn concatenate(ops: &[TensorType], dimension: i64) -> Rule<TensorType> {
    let first = ops.first().ok_or("expects at least one operand")?;
    if dimension < 0 || dimension as usize >= first.rank() {
        return Err(format!("dimension {dimension} is out of range for rank {}", first.rank()));
    }
    let d = dimension as usize;
    let mut shape = first.shape.clone();
    for t in &ops[1..] {
        let compatible = t.elem == first.elem
            && t.rank() == first.rank()
            && (0..t.rank()).all(|i| i == d || t.shape[i] == first.shape[i]);
        if !compatible {
            return Err(format!(
                "operands must agree in element type and in every dimension but {dimension}, found {first} and {t}"
            ));
        }
        shape[d] += t.shape[d];
    }
    Ok(TensorType::new(shape, first.elem))
}

fn pad(ops: &[TensorType], low: &[i64], high: &[i64], interior: &[i64]) -> Rule<TensorType> {
    arity(ops, 2)?;
    let (x, value) = (&ops[0], &ops[1]);
    if value.rank() != 0 || value.elem != x.elem {
        return Err(format!(
            "the padding value must be a scalar of the operand's element type, found {value}"
        ));
    }
    for (what, v) in [("low", low), ("high", high), ("interior", interior)] {
        length(what, v, x.rank())?;
    }
    let mut shape = Vec::with_capacity(x.rank());
    for i in 0..x.rank() {
        if interior[i] < 0 {
            return Err(format!("interior padding {} of dimension {i} is negative", interior[i]));
        }
        let d = x.shape[i];
        let size = low[i] + high[i] + d + (d - 1).max(0) * interior[i];
        if size < 0 {
            return Err(format!("padding makes dimension {i} negative ({size})"));
        }
        shape.push(size);
    }
    Ok(TensorType::new(shape, x.elem))
}

fn slice(ops: &[TensorType], start: &[i64], limit: &[i64], strides: &[i64]) -> Rule<TensorType> {
    let x = ops_one(ops)?;
    for (what, v) in [("start_indices", start), ("limit_indices", limit), ("strides", strides)] {
        length(what, v, x.rank())?;
    }
    let mut shape = Vec::with_capacity(x.rank());
    for i in 0..x.rank() {
        let (s, l, st, d) = (start[i], limit[i], strides[i], x.shape[i]);
        if !(0 <= s && s <= l && l <= d) {
            return Err(format!("dimension {i}: need 0 <= start ({s}) <= limit ({l}) <= size ({d})"));
        }
        if st < 1 {
            return Err(format!("dimension {i}: stride {st} must be positive"));
        }
        shape.push((l - s + st - 1) / st);
    }
    Ok(TensorType::new(shape, x.elem))
}

fn dot_general(ops: &[TensorType], dims: &DotDims, out: ElemType) -> Rule<TensorType> {
    arity(ops, 2)?;
    let (lhs, rhs) = (&ops[0], &ops[1]);
    if lhs.elem != rhs.elem {
        return Err(format!("operands must share an element type, found {} and {}", lhs.elem, rhs.elem));
    }
    accepts("the operands", lhs, Accepts::Numeric)?;
    if out.is_float() != lhs.elem.is_float() || out.is_bool() {
        return Err(format!("the result element type {out} does not suit {} operands", lhs.elem));
    }
    if dims.lhs_contracting.len() != dims.rhs_contracting.len() {
        return Err("lhs and rhs need as many contracting dimensions".into());
    }
    if dims.lhs_batch.len() != dims.rhs_batch.len() {
        return Err("lhs and rhs need as many batch dimensions".into());
    }
    let lhs_used: Vec<i64> = dims.lhs_batch.iter().chain(&dims.lhs_contracting).copied().collect();
    let rhs_used: Vec<i64> = dims.rhs_batch.iter().chain(&dims.rhs_contracting).copied().collect();
    distinct_dims("lhs batch/contracting dimension", &lhs_used, lhs.rank())?;
    distinct_dims("rhs batch/contracting dimension", &rhs_used, rhs.rank())?;
    for (kind, l, r) in [
        ("batch", &dims.lhs_batch, &dims.rhs_batch),
        ("contracting", &dims.lhs_contracting, &dims.rhs_contracting),
    ] {
        for (&a, &b) in l.iter().zip(r.iter()) {
            let (sa, sb) = (lhs.shape[a as usize], rhs.shape[b as usize]);
            if sa != sb {
                return Err(format!(
                    "{kind} dimension sizes differ: lhs dimension {a} has size {sa}, rhs dimension {b} has size {sb}"
                ));
            }
        }
    }
    let mut shape: Vec<i64> = dims.lhs_batch.iter().map(|&d| lhs.shape[d as usize]).collect();
    shape.extend((0..lhs.rank() as i64).filter(|d| !lhs_used.contains(d)).map(|d| lhs.shape[d as usize]));
    shape.extend((0..rhs.rank() as i64).filter(|d| !rhs_used.contains(d)).map(|d| rhs.shape[d as usize]));
    Ok(TensorType::new(shape, out))
}

/// Checks that `dims` are strictly increasing (sorted, no repeats).
fn sorted_unique(what: &str, dims: &[i64]) -> Rule<()> {
    if dims.windows(2).any(|w| w[0] >= w[1]) {
        return Err(format!("{what} {dims:?} must be sorted without repeats"));
    }
    Ok(())
}

/// `shape` without the dimensions listed in `drop`.
fn without(shape: &[i64], drop: &[i64]) -> Vec<i64> {
    (0..shape.len()).filter(|&d| !drop.contains(&(d as i64))).map(|d| shape[d]).collect()
}

/// The batching dimension pairs of gather/scatter: distinct, in range, not
/// the index vector dimension, as many on both sides, of equal sizes.
fn batching_pairs(
    operand: &TensorType,
    operand_dims: &[i64],
    indices: &TensorType,
    index_dims: &[i64],
    index_vector_dim: i64,
    names: (&str, &str),
) -> Rule<()> {
    distinct_dims(&format!("{} entry", names.1), index_dims, indices.rank())?;
    if index_dims.contains(&index_vector_dim) {
        return Err(format!("{} must not contain index_vector_dim {index_vector_dim}", names.1));
    }
    if operand_dims.len() != index_dims.len() {
        return Err(format!(
            "{} {operand_dims:?} and {} {index_dims:?} must have the same length",
            names.0, names.1
        ));
    }
    for (&a, &b) in operand_dims.iter().zip(index_dims) {
        let (sa, sb) = (operand.shape[a as usize], indices.shape[b as usize]);
        if sa != sb {
            return Err(format!(
                "batching dimension sizes differ: operand dimension {a} has size {sa}, index dimension {b} has size {sb}"
            ));
        }
    }
    Ok(())
}

/// The number of index components: the size of `index_vector_dim`, or 1
/// when it equals the rank of the indices.
fn index_vector_len(indices: &TensorType, index_vector_dim: i64) -> Rule<i64> {
    if !indices.elem.is_int() {
        return Err(format!("the indices must have an integer element type, found {}", indices.elem));
    }
    if index_vector_dim < 0 || index_vector_dim as usize > indices.rank() {
        return Err(format!(
            "index_vector_dim {index_vector_dim} must lie in [0, {}] (the rank of the indices)",
            indices.rank()
        ));
    }
    Ok(indices.shape.get(index_vector_dim as usize).copied().unwrap_or(1))
}

/// StableHLO's gather rule (constraints C1-C23 of the spec).
fn gather(ops: &[TensorType], dims: &GatherDims, slice_sizes: &[i64]) -> Rule<TensorType> {
    arity(ops, 2)?;
    let (x, idx) = (&ops[0], &ops[1]);
    let components = index_vector_len(idx, dims.index_vector_dim)?;
    length("slice_sizes", slice_sizes, x.rank())?;
    sorted_unique("offset_dims", &dims.offset_dims)?;
    sorted_unique("collapsed_slice_dims", &dims.collapsed_slice_dims)?;
    sorted_unique("operand_batching_dims", &dims.operand_batching_dims)?;
    let dropped: Vec<i64> =
        dims.collapsed_slice_dims.iter().chain(&dims.operand_batching_dims).copied().collect();
    distinct_dims("collapsed_slice_dims/operand_batching_dims entry", &dropped, x.rank())?;
    if x.rank() != dims.offset_dims.len() + dropped.len() {
        return Err(format!(
            "the operand's rank ({}) must equal the number of offset_dims ({}) plus collapsed_slice_dims and operand_batching_dims ({})",
            x.rank(),
            dims.offset_dims.len(),
            dropped.len()
        ));
    }
    if let Some(&d) = dropped.iter().find(|&&d| slice_sizes[d as usize] > 1) {
        return Err(format!(
            "slice size {} of collapsed or batching dimension {d} must be 0 or 1",
            slice_sizes[d as usize]
        ));
    }
    batching_pairs(
        x,
        &dims.operand_batching_dims,
        idx,
        &dims.start_indices_batching_dims,
        dims.index_vector_dim,
        ("operand_batching_dims", "start_indices_batching_dims"),
    )?;
    if dims.start_index_map.len() as i64 != components {
        return Err(format!(
            "start_index_map {:?} must have one entry per index component ({components})",
            dims.start_index_map
        ));
    }
    let mapped: Vec<i64> = dims.start_index_map.iter().chain(&dims.operand_batching_dims).copied().collect();
    distinct_dims("start_index_map/operand_batching_dims entry", &mapped, x.rank())?;
    for (i, (&s, &d)) in slice_sizes.iter().zip(&x.shape).enumerate() {
        if s < 0 || s > d {
            return Err(format!("slice size {s} of dimension {i} must lie in [0, {d}]"));
        }
    }
    let batch = without(&idx.shape, &[dims.index_vector_dim]);
    let offsets = without(slice_sizes, &dropped);
    let rank = batch.len() + offsets.len();
    if let Some(&d) = dims.offset_dims.iter().find(|&&d| d < 0 || d as usize >= rank) {
        return Err(format!("offset dimension {d} is out of range for a result of rank {rank}"));
    }
    let (mut b, mut o) = (batch.into_iter(), offsets.into_iter());
    let shape: Vec<i64> = (0..rank as i64)
        .map(|d| if dims.offset_dims.contains(&d) { o.next() } else { b.next() }.unwrap_or(0))
        .collect();
    Ok(TensorType::new(shape, x.elem))
}

/// StableHLO's scatter rule for one operand (constraints C1-C24 of the spec).
fn scatter(ops: &[TensorType], dims: &ScatterDims) -> Rule<TensorType> {
    arity(ops, 3)?;
    let (x, idx, upd) = (&ops[0], &ops[1], &ops[2]);
    let components = index_vector_len(idx, dims.index_vector_dim)?;
    if upd.elem != x.elem {
        return Err(format!("the updates {upd} must have the operand's element type ({x})"));
    }
    sorted_unique("update_window_dims", &dims.update_window_dims)?;
    distinct_dims("update window dimension", &dims.update_window_dims, upd.rank())?;
    sorted_unique("inserted_window_dims", &dims.inserted_window_dims)?;
    sorted_unique("input_batching_dims", &dims.input_batching_dims)?;
    let dropped: Vec<i64> =
        dims.inserted_window_dims.iter().chain(&dims.input_batching_dims).copied().collect();
    distinct_dims("inserted_window_dims/input_batching_dims entry", &dropped, x.rank())?;
    if x.rank() != dims.update_window_dims.len() + dropped.len() {
        return Err(format!(
            "the operand's rank ({}) must equal the number of update_window_dims ({}) plus inserted_window_dims and input_batching_dims ({})",
            x.rank(),
            dims.update_window_dims.len(),
            dropped.len()
        ));
    }
    batching_pairs(
        x,
        &dims.input_batching_dims,
        idx,
        &dims.scatter_indices_batching_dims,
        dims.index_vector_dim,
        ("input_batching_dims", "scatter_indices_batching_dims"),
    )?;
    if dims.scatter_dims_to_operand_dims.len() as i64 != components {
        return Err(format!(
            "scatter_dims_to_operand_dims {:?} must have one entry per index component ({components})",
            dims.scatter_dims_to_operand_dims
        ));
    }
    let mapped: Vec<i64> =
        dims.scatter_dims_to_operand_dims.iter().chain(&dims.input_batching_dims).copied().collect();
    distinct_dims("scatter_dims_to_operand_dims/input_batching_dims entry", &mapped, x.rank())?;
    let scatter_sizes = without(&idx.shape, &[dims.index_vector_dim]);
    let update_scatter_sizes = without(&upd.shape, &dims.update_window_dims);
    if scatter_sizes != update_scatter_sizes {
        return Err(format!(
            "the update dimensions outside update_window_dims must have the sizes {scatter_sizes:?} of the indices (without index_vector_dim), found {update_scatter_sizes:?}"
        ));
    }
    let window_operand_dims: Vec<usize> = (0..x.rank()).filter(|d| !dropped.contains(&(*d as i64))).collect();
    for (&u, &d) in dims.update_window_dims.iter().zip(&window_operand_dims) {
        let (su, sd) = (upd.shape[u as usize], x.shape[d]);
        if su > sd {
            return Err(format!(
                "update window dimension {u} (size {su}) is larger than operand dimension {d} (size {sd})"
            ));
        }
    }
    Ok(x.clone())
}

/// The number of windows along one dimension: the input dilated and padded,
/// the window dilated, then strided (StableHLO's convolution and
/// reduce_window rule).
fn num_windows(
    size: i64,
    window: i64,
    stride: i64,
    (low, high): (i64, i64),
    (base_dilation, window_dilation): (i64, i64),
    dim: usize,
) -> Rule<i64> {
    // Saturating: absurd attributes give absurd sizes, never an overflow.
    let dilate = |n: i64, d: i64| if n == 0 { 0 } else { (n - 1).saturating_mul(d).saturating_add(1) };
    let dilated = dilate(size, base_dilation);
    let padded = low.saturating_add(dilated).saturating_add(high);
    if padded < 0 {
        return Err(format!("padding ({low}, {high}) makes dimension {dim} negative ({padded})"));
    }
    let dilated_window = dilate(window, window_dilation);
    Ok(if padded == 0 || dilated_window > padded { 0 } else { (padded - dilated_window) / stride + 1 })
}

fn positive(what: &str, values: &[i64]) -> Rule<()> {
    match values.iter().find(|&&v| v < 1) {
        Some(v) => Err(format!("{what} {values:?} must be positive, found {v}")),
        None => Ok(()),
    }
}

/// The result shape of a windowed reduction over `operand`.
pub fn reduce_window_shape(operand: &TensorType, w: &Window) -> Result<Vec<i64>, String> {
    let r = operand.rank();
    length("window_dimensions", &w.dimensions, r)?;
    length("window_strides", &w.strides, r)?;
    length("base_dilation", &w.base_dilation, r)?;
    length("window_dilation", &w.window_dilation, r)?;
    if w.padding.len() != 2 * r {
        return Err(format!(
            "padding has {} entries, expected a (low, high) pair per operand dimension ({})",
            w.padding.len(),
            2 * r
        ));
    }
    positive("window_dimensions", &w.dimensions)?;
    positive("window_strides", &w.strides)?;
    positive("base_dilation", &w.base_dilation)?;
    positive("window_dilation", &w.window_dilation)?;
    (0..r)
        .map(|d| {
            num_windows(
                operand.shape[d],
                w.dimensions[d],
                w.strides[d],
                (w.padding[2 * d], w.padding[2 * d + 1]),
                (w.base_dilation[d], w.window_dilation[d]),
                d,
            )
        })
        .collect()
}

/// StableHLO's convolution rule with lax's dimension numbers.
fn conv_general_dilated(ops: &[TensorType], c: &ConvDims, out: ElemType) -> Rule<TensorType> {
    arity(ops, 2)?;
    let (lhs, rhs) = (&ops[0], &ops[1]);
    if lhs.elem != rhs.elem {
        return Err(format!("operands must share an element type, found {} and {}", lhs.elem, rhs.elem));
    }
    accepts("the operands", lhs, Accepts::Numeric)?;
    if out.is_float() != lhs.elem.is_float() || out.is_bool() {
        return Err(format!("the result element type {out} does not suit {} operands", lhs.elem));
    }
    let n = lhs.rank();
    if n < 2 || rhs.rank() != n {
        return Err(format!(
            "lhs and rhs must have the same rank, at least 2, found {} and {}",
            n,
            rhs.rank()
        ));
    }
    let s = n - 2;
    for (what, v) in [
        ("window_strides", &c.window_strides),
        ("lhs_dilation", &c.lhs_dilation),
        ("rhs_dilation", &c.rhs_dilation),
    ] {
        if v.len() != s {
            return Err(format!("{what} has {} entries, expected one per spatial dimension ({s})", v.len()));
        }
        positive(what, v)?;
    }
    if c.padding.len() != 2 * s {
        return Err(format!(
            "padding has {} entries, expected a (low, high) pair per spatial dimension ({})",
            c.padding.len(),
            2 * s
        ));
    }
    for (what, spec) in [("lhs_spec", &c.lhs_spec), ("rhs_spec", &c.rhs_spec), ("out_spec", &c.out_spec)] {
        length(what, spec, n)?;
        distinct_dims(&format!("{what} entry"), spec, n)?;
    }
    let (fgc, bgc) = (c.feature_group_count, c.batch_group_count);
    if fgc < 1 || bgc < 1 {
        return Err(format!("feature_group_count ({fgc}) and batch_group_count ({bgc}) must be positive"));
    }
    if fgc > 1 && bgc > 1 {
        return Err(format!("feature_group_count ({fgc}) or batch_group_count ({bgc}) must be 1"));
    }
    let at = |t: &TensorType, d: i64| t.shape[d as usize];
    let (batch, features) = (at(lhs, c.lhs_spec[0]), at(lhs, c.lhs_spec[1]));
    let (out_features, in_features) = (at(rhs, c.rhs_spec[0]), at(rhs, c.rhs_spec[1]));
    if batch % bgc != 0 {
        return Err(format!("the lhs batch size {batch} must be a multiple of batch_group_count {bgc}"));
    }
    if features % fgc != 0 {
        return Err(format!(
            "the lhs feature size {features} must be a multiple of feature_group_count {fgc}"
        ));
    }
    if in_features != features / fgc {
        return Err(format!(
            "the rhs input feature size {in_features} must be the lhs feature size {features} divided by feature_group_count {fgc}"
        ));
    }
    if out_features % bgc != 0 || out_features % fgc != 0 {
        return Err(format!(
            "the rhs output feature size {out_features} must be a multiple of feature_group_count {fgc} and batch_group_count {bgc}"
        ));
    }
    let mut shape = vec![0; n];
    shape[c.out_spec[0] as usize] = batch / bgc;
    shape[c.out_spec[1] as usize] = out_features;
    for i in 0..s {
        shape[c.out_spec[2 + i] as usize] = num_windows(
            at(lhs, c.lhs_spec[2 + i]),
            at(rhs, c.rhs_spec[2 + i]),
            c.window_strides[i],
            (c.padding[2 * i], c.padding[2 * i + 1]),
            (c.lhs_dilation[i], c.rhs_dilation[i]),
            c.lhs_spec[2 + i] as usize,
        )?;
    }
    Ok(TensorType::new(shape, out))
}

/// lax.sort: operands of one shape, sorted along `dimension` by the first
/// `num_keys`; the results have the operands' types.
fn sort(ops: &[TensorType], dimension: i64, num_keys: i64) -> Rule<Vec<TensorType>> {
    let first = ops.first().ok_or("expects at least one operand")?;
    if let Some(t) = ops.iter().find(|t| t.shape != first.shape) {
        return Err(format!("all operands must have the same shape, found {first} and {t}"));
    }
    if dimension < 0 || dimension as usize >= first.rank() {
        return Err(format!("dimension {dimension} is out of range for rank {}", first.rank()));
    }
    if num_keys < 1 || num_keys as usize > ops.len() {
        return Err(format!("num_keys {num_keys} must lie in [1, {}] (the number of operands)", ops.len()));
    }
    Ok(ops.to_vec())
}

/// lax.top_k: the k largest along `axis`, and their i32 indices.
fn top_k(ops: &[TensorType], k: i64, axis: i64) -> Rule<Vec<TensorType>> {
    let x = ops_one(ops)?;
    if axis < 0 || axis as usize >= x.rank() {
        return Err(format!("axis {axis} is out of range for rank {}", x.rank()));
    }
    let size = x.shape[axis as usize];
    if k < 0 || k > size {
        return Err(format!("k = {k} must lie in [0, {size}] (the size of axis {axis})"));
    }
    let mut shape = x.shape.clone();
    shape[axis as usize] = k;
    Ok(vec![TensorType::new(shape.clone(), x.elem), TensorType::new(shape, ElemType::I32)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitive::{BinaryOp, ReduceOp, UnaryOp};

    fn t(s: &str) -> TensorType {
        s.parse().unwrap()
    }

    #[test]
    fn elementwise_ops_keep_their_operand_type() {
        let x = t("tensor<2x3xf32>");
        assert_eq!(infer(&Primitive::Unary(UnaryOp::Exp), std::slice::from_ref(&x)).unwrap(), x);
        assert_eq!(infer(&Primitive::Binary(BinaryOp::Add), &[x.clone(), x.clone()]).unwrap(), x);
    }

    #[test]
    fn float_only_ops_reject_integers_and_say_why() {
        let err = infer(&Primitive::Unary(UnaryOp::Log), &[t("tensor<4xi32>")]).unwrap_err();
        assert_eq!(err.op, "jaxr.log");
        assert!(err.to_string().contains("floating-point"), "{err}");
        assert!(err.to_string().contains("tensor<4xi32>"), "{err}");
    }

    #[test]
    fn reduce_precision_keeps_the_type_and_checks_its_bits() {
        let rp = |e, m| Primitive::ReducePrecision { exponent_bits: e, mantissa_bits: m };
        let x = t("tensor<2x3xbf16>");
        assert_eq!(infer(&rp(5, 10), std::slice::from_ref(&x)).unwrap(), x);
        assert_eq!(infer(&rp(1, 0), &[t("tensor<f64>")]).unwrap(), t("tensor<f64>"));
        let err = infer(&rp(0, 3), std::slice::from_ref(&x)).unwrap_err();
        assert!(err.rule.contains("exponent_bits must be at least 1, found 0"), "{err}");
        let err = infer(&rp(8, -1), std::slice::from_ref(&x)).unwrap_err();
        assert!(err.rule.contains("mantissa_bits must not be negative, found -1"), "{err}");
        assert!(infer(&rp(8, 7), &[t("tensor<4xi32>")]).unwrap_err().rule.contains("floating-point"));
    }

    #[test]
    fn dot_general_matmul_and_batched() {
        let mm = Primitive::DotGeneral {
            dims: DotDims { lhs_contracting: vec![1], rhs_contracting: vec![0], ..Default::default() },
            out: ElemType::F32,
            precision: Default::default(),
            algorithm: None,
        };
        assert_eq!(infer(&mm, &[t("tensor<2x3xf32>"), t("tensor<3x5xf32>")]).unwrap(), t("tensor<2x5xf32>"));
        let err = infer(&mm, &[t("tensor<2x3xf32>"), t("tensor<4x5xf32>")]).unwrap_err();
        assert!(err.rule.contains("lhs dimension 1 has size 3, rhs dimension 0 has size 4"), "{err}");
        let bmm = Primitive::DotGeneral {
            dims: DotDims {
                lhs_contracting: vec![2],
                rhs_contracting: vec![1],
                lhs_batch: vec![0],
                rhs_batch: vec![0],
            },
            out: ElemType::F32,
            precision: Default::default(),
            algorithm: None,
        };
        assert_eq!(
            infer(&bmm, &[t("tensor<7x2x3xf32>"), t("tensor<7x3x5xf32>")]).unwrap(),
            t("tensor<7x2x5xf32>")
        );
    }

    #[test]
    fn broadcast_reshape_transpose() {
        let b = Primitive::BroadcastInDim { shape: vec![4, 3], dims: vec![1] };
        assert_eq!(infer(&b, &[t("tensor<3xf32>")]).unwrap(), t("tensor<4x3xf32>"));
        assert!(infer(&b, &[t("tensor<2xf32>")]).is_err());
        let r = Primitive::Reshape { shape: vec![6] };
        assert_eq!(infer(&r, &[t("tensor<2x3xi8>")]).unwrap(), t("tensor<6xi8>"));
        assert!(infer(&Primitive::Reshape { shape: vec![5] }, &[t("tensor<2x3xi8>")]).is_err());
        let p = Primitive::Transpose { permutation: vec![1, 0] };
        assert_eq!(infer(&p, &[t("tensor<2x3xf32>")]).unwrap(), t("tensor<3x2xf32>"));
        assert!(infer(&Primitive::Transpose { permutation: vec![0, 0] }, &[t("tensor<2x3xf32>")]).is_err());
    }

    #[test]
    fn slicing_padding_concatenation() {
        let s = Primitive::Slice { start: vec![1], limit: vec![8], strides: vec![3] };
        assert_eq!(infer(&s, &[t("tensor<10xf32>")]).unwrap(), t("tensor<3xf32>"));
        let p = Primitive::Pad { low: vec![1, -1], high: vec![0, 2], interior: vec![1, 0] };
        assert_eq!(infer(&p, &[t("tensor<3x4xf32>"), t("tensor<f32>")]).unwrap(), t("tensor<6x5xf32>"));
        let c = Primitive::Concatenate { dimension: 0 };
        assert_eq!(infer(&c, &[t("tensor<2x3xf32>"), t("tensor<4x3xf32>")]).unwrap(), t("tensor<6x3xf32>"));
        assert!(infer(&c, &[t("tensor<2x3xf32>"), t("tensor<4x2xf32>")]).is_err());
    }

    #[test]
    fn reductions_drop_their_axes() {
        let r = Primitive::Reduce { op: ReduceOp::Sum, axes: vec![0, 2] };
        assert_eq!(infer(&r, &[t("tensor<2x3x4xf32>")]).unwrap(), t("tensor<3xf32>"));
        let a =
            Primitive::ArgReduce { op: crate::primitive::ArgReduceOp::Argmax, axis: 1, index: ElemType::I32 };
        assert_eq!(infer(&a, &[t("tensor<2x3xf32>")]).unwrap(), t("tensor<2xi32>"));
    }

    #[test]
    fn bitcast_changes_the_last_dimension_with_the_width() {
        let to_u8 = Primitive::BitcastConvertType { to: ElemType::UI8 };
        assert_eq!(infer(&to_u8, &[t("tensor<3xf32>")]).unwrap(), t("tensor<3x4xui8>"));
        let to_f32 = Primitive::BitcastConvertType { to: ElemType::F32 };
        assert_eq!(infer(&to_f32, &[t("tensor<3x4xui8>")]).unwrap(), t("tensor<3xf32>"));
        assert_eq!(infer(&to_f32, &[t("tensor<3xui32>")]).unwrap(), t("tensor<3xf32>"));
    }

    #[test]
    fn select_n_and_clamp() {
        let x = t("tensor<4xf32>");
        assert_eq!(infer(&Primitive::SelectN, &[t("tensor<4xi1>"), x.clone(), x.clone()]).unwrap(), x);
        assert!(infer(&Primitive::SelectN, &[t("tensor<4xi1>"), x.clone(), x.clone(), x.clone()]).is_err());
        assert_eq!(infer(&Primitive::Clamp, &[t("tensor<f32>"), x.clone(), t("tensor<f32>")]).unwrap(), x);
    }

    #[test]
    fn gather_rows_and_points_as_jax_emits_them() {
        use crate::primitive::GatherDims;
        // x[idx] on a 5x3 operand with 7 row indices.
        let rows = Primitive::Gather {
            dims: GatherDims {
                offset_dims: vec![1],
                collapsed_slice_dims: vec![0],
                start_index_map: vec![0],
                index_vector_dim: 1,
                ..Default::default()
            },
            slice_sizes: vec![1, 3],
            indices_are_sorted: false,
        };
        assert_eq!(
            infer(&rows, &[t("tensor<5x3xf32>"), t("tensor<7x1xi32>")]).unwrap(),
            t("tensor<7x3xf32>")
        );
        // x[i, j]: both dimensions collapsed.
        let points = Primitive::Gather {
            dims: GatherDims {
                collapsed_slice_dims: vec![0, 1],
                start_index_map: vec![0, 1],
                index_vector_dim: 1,
                ..Default::default()
            },
            slice_sizes: vec![1, 1],
            indices_are_sorted: false,
        };
        assert_eq!(
            infer(&points, &[t("tensor<10x4xf32>"), t("tensor<6x2xi32>")]).unwrap(),
            t("tensor<6xf32>")
        );
        let err = infer(&points, &[t("tensor<10x4xf32>"), t("tensor<6x3xi32>")]).unwrap_err();
        assert!(err.rule.contains("one entry per index component (3)"), "{err}");
        let err = infer(&rows, &[t("tensor<5x3xf32>"), t("tensor<7x1xf32>")]).unwrap_err();
        assert!(err.rule.contains("integer element type"), "{err}");
    }

    #[test]
    fn scatter_checks_the_update_shape() {
        use crate::primitive::{ScatterDims, ScatterKind};
        let add = Primitive::Scatter {
            kind: ScatterKind::Add,
            dims: ScatterDims {
                update_window_dims: vec![1],
                inserted_window_dims: vec![0],
                scatter_dims_to_operand_dims: vec![0],
                index_vector_dim: 1,
                ..Default::default()
            },
            indices_are_sorted: false,
            unique_indices: false,
        };
        let ok = [t("tensor<5x3xf32>"), t("tensor<7x1xi32>"), t("tensor<7x3xf32>")];
        assert_eq!(infer(&add, &ok).unwrap(), t("tensor<5x3xf32>"));
        let err =
            infer(&add, &[t("tensor<5x3xf32>"), t("tensor<7x1xi32>"), t("tensor<6x3xf32>")]).unwrap_err();
        assert!(err.rule.contains("sizes [7]"), "{err}");
        let err = infer(&add, &[t("tensor<5x3xi1>"), t("tensor<7x1xi32>"), t("tensor<7x3xi1>")]).unwrap_err();
        assert!(err.rule.contains("(not i1)"), "{err}");
    }

    #[test]
    fn convolution_output_sizes_follow_stride_padding_and_dilation() {
        use crate::primitive::ConvDims;
        // The corpus's conv1d: NWC x WIO -> NWC, stride 2, padding (2, 1), rhs dilation 2.
        let conv = Primitive::ConvGeneralDilated {
            conv: ConvDims {
                window_strides: vec![2],
                padding: vec![2, 1],
                lhs_dilation: vec![1],
                rhs_dilation: vec![2],
                lhs_spec: vec![0, 2, 1],
                rhs_spec: vec![2, 1, 0],
                out_spec: vec![0, 2, 1],
                feature_group_count: 1,
                batch_group_count: 1,
            },
            out: ElemType::F32,
        };
        assert_eq!(
            infer(&conv, &[t("tensor<2x16x3xf32>"), t("tensor<3x3x4xf32>")]).unwrap(),
            t("tensor<2x8x4xf32>")
        );
        let err = infer(&conv, &[t("tensor<2x16x3xf32>"), t("tensor<3x2x4xf32>")]).unwrap_err();
        assert!(err.rule.contains("rhs input feature size 2"), "{err}");
    }

    #[test]
    fn windows_sort_and_top_k() {
        use crate::primitive::{ReduceOp, Window};
        // A cumulative sum along dimension 1 of a 3x8 operand.
        let cumsum = Primitive::ReduceWindow {
            op: ReduceOp::Sum,
            window: Window {
                dimensions: vec![1, 8],
                strides: vec![1, 1],
                padding: vec![0, 0, 7, 0],
                base_dilation: vec![1, 1],
                window_dilation: vec![1, 1],
            },
        };
        assert_eq!(infer(&cumsum, &[t("tensor<3x8xf32>")]).unwrap(), t("tensor<3x8xf32>"));
        let strided = Primitive::ReduceWindow {
            op: ReduceOp::Max,
            window: Window {
                dimensions: vec![2],
                strides: vec![2],
                padding: vec![0, 1],
                base_dilation: vec![1],
                window_dilation: vec![1],
            },
        };
        assert_eq!(infer(&strided, &[t("tensor<5xi32>")]).unwrap(), t("tensor<3xi32>"));
        let sort = Primitive::Sort { dimension: 0, num_keys: 1, is_stable: true, descending: false };
        let types = [t("tensor<5xf32>"), t("tensor<5xi32>")];
        assert_eq!(infer_results(&sort, &types).unwrap(), types);
        assert!(infer(&sort, &types).is_err());
        let top = Primitive::TopK { k: 2, axis: 1 };
        assert_eq!(
            infer_results(&top, &[t("tensor<3x5xbf16>")]).unwrap(),
            [t("tensor<3x2xbf16>"), t("tensor<3x2xi32>")]
        );
        assert!(infer_results(&Primitive::TopK { k: 6, axis: 1 }, &[t("tensor<3x5xf32>")]).is_err());
    }
}
