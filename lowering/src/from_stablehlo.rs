//! convert-stablehlo-to-jaxr: raises every StableHLO op with a jaxr
//! counterpart into the jaxr dialect. Ops without one stay StableHLO,
//! unchanged; `report-unsupported=true` warns at each, `strict=true` makes
//! them errors.
//!
//! Raising never changes what a program computes: an op is raised only when
//! the jaxr op means exactly the same (a float compare with TOTALORDER, a
//! dot_general with a non-default precision, a broadcast_in_dim with
//! unsorted dimensions stay StableHLO). A `stablehlo.reduce` whose body is a
//! single add/multiply/maximum/minimum/and/or becomes `reduce_sum` (...);
//! an init value other than the reduction's identity is combined afterwards.
//! Algebraic idioms (`1/(1+exp(-x))` as logistic) are left to jaxr-simplify.

use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationLike, OperationRef, OperationRefMut, WalkOrder, WalkResult};
use melior::ir::{RegionLike, Value, ValueLike};
use melior::Context;
use mlir_sys::{mlirEmitError, mlirOperationDestroy, mlirValueReplaceAllUsesOfWith, MlirOperation};

use jaxr_dialect::builder;
use jaxr_dialect::{
    tensor_type_of, BinaryOp, ComparisonDirection, DotDims, ElemType, Primitive, ReduceOp, RoundingMethod,
    TensorType, UnaryOp,
};
use jaxr_passes::{OptionKind, OptionSpec, PassDef, PassError, PassOptions};

use crate::emitter::extremes;

/// The pass definition, registered by [`crate::register_passes`].
pub const PASS: PassDef = PassDef {
    name: "convert-stablehlo-to-jaxr",
    summary: "Raise StableHLO ops that have a jaxr counterpart into the jaxr dialect",
    options: &[
        OptionSpec {
            name: "strict",
            kind: OptionKind::Bool,
            default: "false",
            help: "Fail on any StableHLO/CHLO op without a jaxr counterpart",
        },
        OptionSpec {
            name: "report-unsupported",
            kind: OptionKind::Bool,
            default: "false",
            help: "Warn, at its location, about each op left as StableHLO",
        },
    ],
    run: run_pass,
};

fn run_pass(module: &mut OperationRefMut, options: &PassOptions) -> Result<(), PassError> {
    let left = raise_stablehlo_ops(module)?;
    let strict = options.bool("strict");
    if strict || options.bool("report-unsupported") {
        for (op, reason) in &left {
            let severity = if strict { "error" } else { "warning" };
            emit(*op, severity, &format!("'{}' stays StableHLO: {reason}", op_name(*op)));
        }
    }
    if strict && !left.is_empty() {
        return Err(PassError {
            location: None,
            message: format!("strict=true: {} op(s) have no jaxr counterpart", left.len()),
        });
    }
    Ok(())
}

fn op_name(op: MlirOperation) -> String {
    jaxr_dialect::decode::op_name_raw(op)
}

extern "C" {
    /// Defined in dialect/cpp/JaxrDialect.cpp (the C API has only errors).
    fn jaxrEmitWarning(location: mlir_sys::MlirLocation, message: *const std::ffi::c_char);
}

fn emit(op: MlirOperation, severity: &str, message: &str) {
    let text = std::ffi::CString::new(message.replace('\0', " ")).unwrap_or_default();
    // SAFETY: valid op; MLIR copies the message.
    unsafe {
        let location = mlir_sys::mlirOperationGetLocation(op);
        if severity == "error" {
            mlirEmitError(location, text.as_ptr());
        } else {
            jaxrEmitWarning(location, text.as_ptr());
        }
    }
}

/// Ops whose regions are computations applied by the op itself.
const COMPUTATION_OPS: &[&str] = &[
    "stablehlo.reduce",
    "stablehlo.reduce_window",
    "stablehlo.scatter",
    "stablehlo.select_and_scatter",
    "stablehlo.sort",
    "stablehlo.all_reduce",
    "stablehlo.reduce_scatter",
];

/// Raises what it can; returns the StableHLO/CHLO ops left, with the reason.
pub fn raise_stablehlo_ops<'c: 'a, 'a>(
    root: &impl OperationLike<'c, 'a>,
) -> Result<Vec<(MlirOperation, String)>, PassError> {
    let mut candidates = Vec::new();
    root.walk(WalkOrder::PostOrder, |op| {
        let name = op.name().as_string_ref().as_str().unwrap_or_default().to_string();
        // Computation bodies (of reduce, scatter, ...) belong to their op; the
        // bodies of control flow (while, case) are raised like any code.
        let in_computation = op
            .parent_operation()
            .and_then(|p| p.name().as_string_ref().as_str().ok().map(|n| COMPUTATION_OPS.contains(&n)))
            .unwrap_or(false);
        let structural = name == "stablehlo.return";
        if (name.starts_with("stablehlo.") || name.starts_with("chlo.")) && !in_computation && !structural {
            candidates.push(op.to_raw());
        }
        WalkResult::Advance
    });
    let context_ref = root.context();
    // SAFETY: the context outlives the module being rewritten.
    let context: &Context = unsafe { context_ref.to_ref() };
    let mut left = Vec::new();
    for raw in candidates {
        // SAFETY: collected from the live module; each op is erased at most once.
        let op = unsafe { OperationRef::from_raw(raw) };
        match raise_one(context, op) {
            Ok(Some(replacement)) => unsafe {
                mlirValueReplaceAllUsesOfWith(mlir_sys::mlirOperationGetResult(raw, 0), replacement);
                mlirOperationDestroy(raw);
            },
            Ok(None) => {}
            Err(reason) => left.push((raw, reason)),
        }
    }
    Ok(left)
}

/// Reads an op's attribute as text (`array<i64: 1>`, `#stablehlo<...>`).
fn attr_text(op: &OperationRef, name: &str) -> Option<String> {
    op.attribute(name).ok().map(|a| a.to_string())
}

/// Parses `array<i64: 1, 2>` / `array<i64>`.
fn i64_array(op: &OperationRef, name: &str) -> Result<Vec<i64>, String> {
    let text = attr_text(op, name).ok_or_else(|| format!("missing attribute '{name}'"))?;
    let body = text
        .strip_prefix("array<i64")
        .and_then(|t| t.strip_suffix('>'))
        .ok_or_else(|| format!("attribute '{name}' is not an array<i64>: {text}"))?;
    let body = body.trim_start_matches(':').trim();
    if body.is_empty() {
        return Ok(Vec::new());
    }
    body.split(',').map(|v| v.trim().parse().map_err(|_| format!("bad integer in {text}"))).collect()
}

fn i64_attr(op: &OperationRef, name: &str) -> Result<i64, String> {
    let text = attr_text(op, name).ok_or_else(|| format!("missing attribute '{name}'"))?;
    text.split(':')
        .next()
        .unwrap_or_default()
        .trim()
        .parse()
        .map_err(|_| format!("bad integer attribute {text}"))
}

/// `[1, 2]` inside `#stablehlo.dot<...>` after `key = `.
fn bracket_list(text: &str, key: &str) -> Result<Vec<i64>, String> {
    let Some(start) = text.find(&format!("{key} = [")) else { return Ok(Vec::new()) };
    let rest = &text[start + key.len() + 4..];
    let end = rest.find(']').ok_or_else(|| format!("unterminated list for {key}"))?;
    let body = rest[..end].trim();
    if body.is_empty() {
        return Ok(Vec::new());
    }
    body.split(',').map(|v| v.trim().parse().map_err(|_| format!("bad {key} in {text}"))).collect()
}

fn unary_of(name: &str) -> Option<UnaryOp> {
    Some(match name {
        "stablehlo.negate" => UnaryOp::Neg,
        "stablehlo.abs" => UnaryOp::Abs,
        "stablehlo.sign" => UnaryOp::Sign,
        "stablehlo.floor" => UnaryOp::Floor,
        "stablehlo.ceil" => UnaryOp::Ceil,
        "stablehlo.exponential" => UnaryOp::Exp,
        "stablehlo.log" => UnaryOp::Log,
        "stablehlo.log_plus_one" => UnaryOp::Log1p,
        "stablehlo.exponential_minus_one" => UnaryOp::Expm1,
        "stablehlo.sqrt" => UnaryOp::Sqrt,
        "stablehlo.rsqrt" => UnaryOp::Rsqrt,
        "stablehlo.cbrt" => UnaryOp::Cbrt,
        "stablehlo.sine" => UnaryOp::Sin,
        "stablehlo.cosine" => UnaryOp::Cos,
        "stablehlo.tan" => UnaryOp::Tan,
        "stablehlo.tanh" => UnaryOp::Tanh,
        "stablehlo.logistic" => UnaryOp::Logistic,
        "stablehlo.not" => UnaryOp::Not,
        "stablehlo.popcnt" => UnaryOp::PopulationCount,
        "stablehlo.count_leading_zeros" => UnaryOp::Clz,
        "chlo.square" => UnaryOp::Square,
        _ => return None,
    })
}

fn binary_of(name: &str) -> Option<BinaryOp> {
    Some(match name {
        "stablehlo.add" => BinaryOp::Add,
        "stablehlo.subtract" => BinaryOp::Sub,
        "stablehlo.multiply" => BinaryOp::Mul,
        "stablehlo.divide" => BinaryOp::Div,
        "stablehlo.remainder" => BinaryOp::Rem,
        "stablehlo.power" => BinaryOp::Pow,
        "stablehlo.maximum" => BinaryOp::Max,
        "stablehlo.minimum" => BinaryOp::Min,
        "stablehlo.atan2" => BinaryOp::Atan2,
        "stablehlo.and" => BinaryOp::And,
        "stablehlo.or" => BinaryOp::Or,
        "stablehlo.xor" => BinaryOp::Xor,
        "stablehlo.shift_left" => BinaryOp::ShiftLeft,
        "stablehlo.shift_right_logical" => BinaryOp::ShiftRightLogical,
        "stablehlo.shift_right_arithmetic" => BinaryOp::ShiftRightArithmetic,
        _ => return None,
    })
}

fn direction_of(text: &str) -> Option<ComparisonDirection> {
    let word = text.trim_end_matches('>').rsplit(' ').next()?;
    Some(match word {
        "EQ" => ComparisonDirection::Eq,
        "NE" => ComparisonDirection::Ne,
        "LT" => ComparisonDirection::Lt,
        "LE" => ComparisonDirection::Le,
        "GT" => ComparisonDirection::Gt,
        "GE" => ComparisonDirection::Ge,
        _ => return None,
    })
}

/// The primitive an op raises to, or why it cannot.
fn primitive_of(
    op: &OperationRef,
    name: &str,
    operands: &[TensorType],
    result: &TensorType,
) -> Result<Primitive, String> {
    if let Some(u) = unary_of(name) {
        return Ok(Primitive::Unary(u));
    }
    if let Some(b) = binary_of(name) {
        return Ok(Primitive::Binary(b));
    }
    Ok(match name {
        "stablehlo.round_nearest_afz" => Primitive::Round(RoundingMethod::AwayFromZero),
        "stablehlo.round_nearest_even" => Primitive::Round(RoundingMethod::ToNearestEven),
        "stablehlo.is_finite" => Primitive::IsFinite,
        "stablehlo.constant" => Primitive::Constant { ty: result.clone() },
        "stablehlo.iota" => {
            Primitive::Iota { dimension: i64_attr(op, "iota_dimension")?, ty: result.clone() }
        }
        "stablehlo.compare" => {
            let kind = attr_text(op, "compare_type").unwrap_or_default();
            if kind.contains("TOTALORDER") {
                return Err("a TOTALORDER comparison has no jaxr counterpart".into());
            }
            let dir = attr_text(op, "comparison_direction").ok_or("missing comparison_direction")?;
            Primitive::Compare(direction_of(&dir).ok_or_else(|| format!("unknown direction {dir}"))?)
        }
        "stablehlo.select" => Primitive::SelectN,
        "stablehlo.clamp" => Primitive::Clamp,
        "stablehlo.convert" => Primitive::ConvertElementType { to: result.elem },
        "stablehlo.bitcast_convert" => Primitive::BitcastConvertType { to: result.elem },
        "stablehlo.broadcast_in_dim" => {
            let dims = i64_array(op, "broadcast_dimensions")?;
            if dims.windows(2).any(|w| w[0] >= w[1]) {
                return Err("broadcast dimensions that are not increasing have no jaxr counterpart".into());
            }
            Primitive::BroadcastInDim { shape: result.shape.clone(), dims }
        }
        "stablehlo.reshape" => Primitive::Reshape { shape: result.shape.clone() },
        "stablehlo.transpose" => Primitive::Transpose { permutation: i64_array(op, "permutation")? },
        "stablehlo.reverse" => Primitive::Rev { dimensions: i64_array(op, "dimensions")? },
        "stablehlo.concatenate" => Primitive::Concatenate { dimension: i64_attr(op, "dimension")? },
        "stablehlo.pad" => Primitive::Pad {
            low: i64_array(op, "edge_padding_low")?,
            high: i64_array(op, "edge_padding_high")?,
            interior: i64_array(op, "interior_padding")?,
        },
        "stablehlo.slice" => Primitive::Slice {
            start: i64_array(op, "start_indices")?,
            limit: i64_array(op, "limit_indices")?,
            strides: i64_array(op, "strides")?,
        },
        "stablehlo.dynamic_slice" => Primitive::DynamicSlice { sizes: i64_array(op, "slice_sizes")? },
        "stablehlo.dynamic_update_slice" => Primitive::DynamicUpdateSlice,
        "stablehlo.dot_general" => {
            if let Some(p) = attr_text(op, "precision_config") {
                if p.split("precision").skip(1).any(|s| !s.trim_start().starts_with("DEFAULT")) {
                    return Err(format!("precision {p} has no jaxr counterpart"));
                }
            }
            if op.has_attribute("algorithm") {
                return Err("a dot algorithm has no jaxr counterpart".into());
            }
            let text = attr_text(op, "dot_dimension_numbers").ok_or("missing dot_dimension_numbers")?;
            let dims = DotDims {
                lhs_contracting: bracket_list(&text, "lhs_contracting_dimensions")?,
                rhs_contracting: bracket_list(&text, "rhs_contracting_dimensions")?,
                lhs_batch: bracket_list(&text, "lhs_batching_dimensions")?,
                rhs_batch: bracket_list(&text, "rhs_batching_dimensions")?,
            };
            let _ = operands;
            Primitive::DotGeneral { dims, out: result.elem }
        }
        other => return Err(format!("'{other}' has no jaxr counterpart yet")),
    })
}

/// The reduction a single-op reduce body computes, if it is one.
fn body_reduction(op: &OperationRef) -> Option<ReduceOp> {
    let region = op.region(0).ok()?;
    let block = region.first_block()?;
    if block.argument_count() != 2 {
        return None;
    }
    let first = block.first_operation()?;
    let ret = first.next_in_block()?;
    if ret.next_in_block().is_some() || ret.name().as_string_ref().as_str().ok()? != "stablehlo.return" {
        return None;
    }
    let (a, b): (Value, Value) = (block.argument(0).ok()?.into(), block.argument(1).ok()?.into());
    let operands: Vec<Value> = first.operands().collect();
    let args_in_order = operands.len() == 2
        && ((operands[0] == a && operands[1] == b) || (operands[0] == b && operands[1] == a));
    let returns_it = ret.operand_count() == 1 && ret.operand(0).ok()? == first.result(0).ok()?.into();
    if !args_in_order || !returns_it {
        return None;
    }
    Some(match first.name().as_string_ref().as_str().ok()? {
        "stablehlo.add" => ReduceOp::Sum,
        "stablehlo.multiply" => ReduceOp::Prod,
        "stablehlo.maximum" => ReduceOp::Max,
        "stablehlo.minimum" => ReduceOp::Min,
        "stablehlo.and" => ReduceOp::And,
        "stablehlo.or" => ReduceOp::Or,
        _ => return None,
    })
}

/// The combining binary op of a reduction.
fn combiner(r: ReduceOp) -> BinaryOp {
    match r {
        ReduceOp::Sum => BinaryOp::Add,
        ReduceOp::Prod => BinaryOp::Mul,
        ReduceOp::Max => BinaryOp::Max,
        ReduceOp::Min => BinaryOp::Min,
        ReduceOp::And => BinaryOp::And,
        ReduceOp::Or => BinaryOp::Or,
    }
}

/// Whether `value` is a constant splat equal to the identity of `r`.
fn is_identity(value: Value, r: ReduceOp, elem: ElemType) -> bool {
    let Ok(result) = melior::ir::operation::OperationResult::try_from(value) else { return false };
    let producer = result.owner();
    if !matches!(producer.name().as_string_ref().as_str(), Ok("stablehlo.constant" | "jaxr.constant")) {
        return false;
    }
    let Ok(attr) = producer.attribute("value") else { return false };
    let text = attr.to_string();
    let (lowest, highest) = extremes(elem);
    let literal = |x: f64| jaxr_dialect::types::literal(elem, x);
    let candidates: Vec<String> = match r {
        ReduceOp::Sum | ReduceOp::Or => vec![literal(0.0), "0.000000e+00".into(), "0".into(), "false".into()],
        ReduceOp::Prod => vec![literal(1.0), "1.000000e+00".into(), "1".into()],
        ReduceOp::Max => vec![lowest],
        ReduceOp::Min => vec![highest],
        ReduceOp::And => vec!["true".into(), "-1".into(), extremes(elem).1],
    };
    let body = text.strip_prefix("dense<").and_then(|t| t.split('>').next()).unwrap_or_default();
    candidates.iter().any(|c| c.eq_ignore_ascii_case(body))
}

/// Raises one op in place: returns the value replacing its (single) result,
/// `None` when the op was handled otherwise, or why it stays StableHLO.
fn raise_one<'c, 'a>(
    context: &'c Context,
    op: OperationRef<'c, 'a>,
) -> Result<Option<mlir_sys::MlirValue>, String> {
    let name = op.name().as_string_ref().as_str().map_err(|e| e.to_string())?.to_string();
    if op.result_count() != 1 {
        return Err(format!("'{name}' with {} results has no jaxr counterpart", op.result_count()));
    }
    let operands: Vec<Value> = op.operands().collect();
    let types: Vec<TensorType> =
        operands.iter().map(|v| tensor_type_of(v.r#type())).collect::<Result<_, _>>()?;
    let result = tensor_type_of(op.result(0).map_err(|e| e.to_string())?.r#type())?;
    let block = op.block().ok_or("the op is not in a block")?;
    let location = op.location();
    let insert = |built: melior::ir::Operation<'c>| block.insert_operation_before(op, built);
    if name == "stablehlo.reduce" {
        if operands.len() != 2 {
            return Err("a variadic reduce has no jaxr counterpart".into());
        }
        let r = body_reduction(&op).ok_or("a reduce body other than one add/multiply/max/min/and/or")?;
        let axes = i64_array(&op, "dimensions")?;
        let reduce = builder::build(context, location, &Primitive::Reduce { op: r, axes }, &operands[..1])
            .map_err(|e| e.to_string())?;
        let reduced: Value = insert(reduce).result(0).map_err(|e| e.to_string())?.into();
        if is_identity(operands[1], r, result.elem) {
            return Ok(Some(reduced.to_raw()));
        }
        // Fold a non-identity init value in afterwards: op(reduce(x), init).
        let bcast = Primitive::BroadcastInDim { shape: result.shape.clone(), dims: Vec::new() };
        let init = builder::build(context, location, &bcast, &operands[1..2]).map_err(|e| e.to_string())?;
        let init: Value = insert(init).result(0).map_err(|e| e.to_string())?.into();
        let combined = builder::build(context, location, &Primitive::Binary(combiner(r)), &[reduced, init])
            .map_err(|e| e.to_string())?;
        return Ok(Some(insert(combined).result(0).map_err(|e| e.to_string())?.to_raw()));
    }
    if op.region_count() > 0 {
        return Err(format!("'{name}' holds regions and has no jaxr counterpart yet"));
    }
    let prim = primitive_of(&op, &name, &types, &result)?;
    let built = match &prim {
        Primitive::Constant { .. } => {
            let value = op.attribute("value").map_err(|_| "a constant without a value")?;
            builder::constant(context, location, value)?
        }
        // select(pred, on_true, on_false) is select_n(pred, on_false, on_true).
        Primitive::SelectN => {
            builder::build(context, location, &prim, &[operands[0], operands[2], operands[1]])
                .map_err(|e| e.to_string())?
        }
        _ => builder::build(context, location, &prim, &operands).map_err(|e| e.to_string())?,
    };
    let raised = insert(built);
    let value = raised.result(0).map_err(|e| e.to_string())?;
    if value.r#type() != op.result(0).map_err(|e| e.to_string())?.r#type() {
        // The jaxr rules disagree with the op's declared type: keep StableHLO.
        // SAFETY: the raised op has no uses yet.
        unsafe { mlirOperationDestroy(raised.to_raw()) };
        return Err(format!("'{name}' declares a result type the jaxr rules do not give"));
    }
    Ok(Some(value.to_raw()))
}
