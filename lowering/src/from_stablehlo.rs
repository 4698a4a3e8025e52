//! convert-stablehlo-to-jaxr: raises every StableHLO op with a jaxr
//! counterpart into the jaxr dialect. Ops without one stay StableHLO,
//! unchanged; `report-unsupported=true` warns at each, `strict=true` makes
//! them errors.
//!
//! Raising never changes what a program computes: an op is raised only when
//! the jaxr op means exactly the same (a float compare with TOTALORDER or a
//! broadcast_in_dim with unsorted dimensions stay StableHLO). A dot's
//! precision config and algorithm move to `jaxr.dot_general`'s `precision`
//! and `algorithm`; TensorFlow's legacy `stablehlo.dot` becomes a
//! dot_general. Tuples built and taken apart fold away; a composite becomes
//! a call of its decomposition. As the spec defines them, add and multiply of
//! booleans become or and and, the (wrapping) negation of an unsigned
//! integer becomes 0 - x, and real/imag of a real value become the value
//! and zeros. A `stablehlo.reduce` whose body is a
//! single add/multiply/maximum/minimum/and/or becomes `reduce_sum` (...);
//! an init value other than the reduction's identity is combined afterwards.
//! The idiom `x * x` of one value becomes `square` (it lowers back to the
//! same multiply). Idioms whose jaxr form XLA computes differently
//! (`1/(1+exp(-x))` as `logistic`) are left to jaxr-simplify.
//!
//! Ops with regions: `stablehlo.while`, `stablehlo.case` and `stablehlo.if`
//! become `jaxr.while` and `jaxr.cond` (their bodies, raised like any code,
//! move over; `stablehlo.return` becomes `jaxr.yield`). A
//! `stablehlo.reduce_window` whose body is one add/maximum/minimum and whose
//! init value is the identity becomes `reduce_window_sum/max/min`; any other
//! becomes the generic `jaxr.reduce_window`, its body raised. A
//! `stablehlo.scatter` whose body is one add/multiply/minimum/maximum, or
//! returns the update, becomes `scatter_add` (...) or `scatter`. A
//! `stablehlo.sort` becomes `jaxr.sort` when its comparator is lax.sort's
//! (its keys compared lexicographically, ascending or descending, floats in
//! JAX's canonicalized total order); other comparators stay.
//!
//! Ops without a one-to-one counterpart, each family in its own module:
//! batch norm is decomposed into jaxr primitives as JAX writes it
//! (`raise_batch_norm.rs`); a reduce of several operands that is
//! argmax/argmin becomes `jaxr.argmax`/`argmin` (its body recognised by what
//! it computes, `raise_variadic_reduce.rs`); dynamic-shape ops whose
//! shapes are constants become the static ops, truly dynamic ones stay with
//! the reason "dynamic shape" (`raise_dynamic.rs`).

use melior::ir::attribute::ArrayAttribute;
use melior::ir::block::BlockLike;
use melior::ir::operation::{
    OperationBuilder, OperationLike, OperationRef, OperationRefMut, WalkOrder, WalkResult,
};
use melior::ir::{Attribute, Identifier, Region, RegionLike, Type, Value, ValueLike};
use melior::Context;
use mlir_sys::{
    mlirEmitError, mlirOperationDestroy, mlirValueReplaceAllUsesOfWith, MlirOperation, MlirValue,
};

use jaxr_dialect::decode::window_attributes;
use jaxr_dialect::region::{check_cond_like, check_reduce_window_like, check_while_like, last_operation};
use jaxr_dialect::stablehlo::indexing::{gather_dims, scatter_dims};
use jaxr_dialect::{builder, op_table, raw, shape};
use jaxr_dialect::{
    tensor_type_of, BinaryOp, ComparisonDirection, ConvDims, DotAlgorithm, DotDims, ElemType, FftKind,
    Precision, Primitive, ReduceOp, RngAlgorithm, RoundingMethod, ScatterKind, TensorType, TransposeA,
    UnaryOp, Window,
};
use jaxr_passes::{Diag, OptionKind, OptionSpec, PassDef, PassOptions};
use jaxr_syntax::dims::{conv_layouts, field_list};
use jaxr_syntax::enums::enum_value;

use crate::emitter::{extremes, move_regions};
use crate::raise_dynamic::{self, Static};
use crate::{raise_batch_norm, raise_map, raise_select_and_scatter, raise_tuples, raise_variadic_reduce};

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

fn run_pass(module: &mut OperationRefMut, options: &PassOptions) -> Result<(), Diag> {
    let left = raise_stablehlo_ops(module)?;
    let strict = options.bool("strict");
    if strict || options.bool("report-unsupported") {
        for (op, reason) in &left {
            let severity = if strict { "error" } else { "warning" };
            emit(*op, severity, &format!("'{}' stays StableHLO: {reason}", op_name(*op)));
        }
    }
    if strict && !left.is_empty() {
        return Err(Diag::error(format!("strict=true: {} op(s) have no jaxr counterpart", left.len())));
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
    "stablehlo.map",
    "stablehlo.sort",
    "stablehlo.all_reduce",
    "stablehlo.reduce_scatter",
];

/// Raises what it can; returns the StableHLO/CHLO ops left, with the reason.
pub fn raise_stablehlo_ops<'c: 'a, 'a>(
    root: &impl OperationLike<'c, 'a>,
) -> Result<Vec<(MlirOperation, String)>, Diag> {
    raise_tuples::fold_tuples(root);
    let mut candidates = Vec::new();
    root.walk(WalkOrder::PostOrder, |op| {
        let name = op.name().as_string_ref().as_str().unwrap_or_default().to_string();
        // Computation bodies (of reduce, scatter, ...) belong to their op; the
        // bodies of control flow (while, case) are raised like any code.
        let mut in_computation = false;
        let mut parent = op.parent_operation();
        while let Some(p) = parent {
            if p.name().as_string_ref().as_str().is_ok_and(|n| COMPUTATION_OPS.contains(&n)) {
                in_computation = true;
                break;
            }
            parent = p.parent_operation();
        }
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
    // Ops that raise through a decomposition in StableHLO add its ops here.
    let mut worklist: std::collections::VecDeque<MlirOperation> = candidates.into();
    while let Some(raw) = worklist.pop_front() {
        // SAFETY: collected from the live module; each op is erased at most once.
        let op = unsafe { OperationRef::from_raw(raw) };
        let mut emitted = Vec::new();
        let outcome = raise_one(context, op, &mut left, &mut emitted);
        worklist.extend(emitted);
        match outcome {
            // SAFETY: the replacements are live values; `op` is live until erased here, once.
            Ok(replacements) => unsafe {
                for (i, new) in replacements.into_iter().enumerate() {
                    // A null replacement stands for a result without uses.
                    if !new.ptr.is_null() {
                        mlirValueReplaceAllUsesOfWith(mlir_sys::mlirOperationGetResult(raw, i as isize), new);
                    }
                }
                mlirOperationDestroy(raw);
            },
            Err(reason) => left.push((raw, reason)),
        }
    }
    Ok(left)
}

/// Reads an op's attribute as text (`array<i64: 1>`, `#stablehlo<...>`).
pub(crate) fn attr_text(op: &OperationRef, name: &str) -> Option<String> {
    op.attribute(name).ok().map(|a| a.to_string())
}

/// An `array<i64: ...>` attribute.
pub(crate) fn i64_array(op: &OperationRef, name: &str) -> Result<Vec<i64>, String> {
    let attr = raw::attribute(op.to_raw(), name).ok_or_else(|| format!("missing attribute '{name}'"))?;
    raw::i64_array(attr).ok_or_else(|| {
        format!("attribute '{name}' is not an array<i64>: {}", attr_text(op, name).unwrap_or_default())
    })
}

/// An integer attribute.
pub(crate) fn i64_attr(op: &OperationRef, name: &str) -> Result<i64, String> {
    let attr = raw::attribute(op.to_raw(), name).ok_or_else(|| format!("missing attribute '{name}'"))?;
    raw::integer(attr)
        .ok_or_else(|| format!("bad integer attribute {}", attr_text(op, name).unwrap_or_default()))
}

/// The `comparison_type` jaxr compares `elem` with, as JAX chooses it:
/// FLOAT for floats (and complex values, EQ/NE only), SIGNED for signed
/// integers, UNSIGNED for unsigned integers and i1.
pub(crate) fn natural_compare_type(elem: ElemType) -> &'static str {
    if elem.is_float() || elem.is_complex() {
        "FLOAT"
    } else if elem.is_signed_int() {
        "SIGNED"
    } else {
        "UNSIGNED"
    }
}

pub(crate) fn direction_of(text: &str) -> Option<ComparisonDirection> {
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
    results: &[TensorType],
) -> Result<Primitive, String> {
    if name == "chlo.top_k" {
        if attr_text(op, "largest").is_some_and(|t| t != "true") {
            return Err("a top_k of the smallest elements has no jaxr counterpart".into());
        }
        let x = operands.first().ok_or("top_k without an operand")?;
        return Ok(Primitive::TopK { k: i64_attr(op, "k")?, axis: x.rank() as i64 - 1 });
    }
    if name == "stablehlo.convolution" {
        let out = results.first().ok_or("a convolution without a result")?;
        return Ok(Primitive::ConvGeneralDilated { conv: conv_of(op, operands)?, out: out.elem });
    }
    let result = match results {
        [one] => one,
        _ => return Err(format!("'{name}' with {} results has no jaxr counterpart", results.len())),
    };
    // Ops whose jaxr record names them as counterpart raise by renaming.
    let renamed =
        op_table::jaxr_op_for(name).and_then(|j| Primitive::of_attribute_free(j.strip_prefix("jaxr.")?));
    if let Some(prim) = renamed {
        return Ok(prim);
    }
    if name == "chlo.square" {
        // jaxr.square lowers as x * x (XLA's own expansion); raising takes both.
        return Ok(Primitive::Unary(UnaryOp::Square));
    }
    Ok(match name {
        "stablehlo.round_nearest_afz" => Primitive::Round(RoundingMethod::AwayFromZero),
        "stablehlo.round_nearest_even" => Primitive::Round(RoundingMethod::ToNearestEven),
        "stablehlo.constant" => Primitive::Constant { ty: result.clone() },
        "stablehlo.iota" => {
            Primitive::Iota { dimension: i64_attr(op, "iota_dimension")?, ty: result.clone() }
        }
        "stablehlo.compare" => {
            let kind = attr_text(op, "compare_type").unwrap_or_default();
            if kind.contains("TOTALORDER") {
                return Err("a TOTALORDER comparison has no jaxr counterpart".into());
            }
            // Any other stated type than jaxr's would mean something else.
            let elem = operands.first().map(|t| t.elem).ok_or("a compare without operands")?;
            let natural = natural_compare_type(elem);
            let stated = kind.trim_end_matches('>').rsplit(' ').next().unwrap_or_default();
            if !kind.is_empty() && stated != natural && stated != "NOTYPE" {
                return Err(format!("a {stated} comparison of {elem} has no jaxr counterpart"));
            }
            let dir = attr_text(op, "comparison_direction").ok_or("missing comparison_direction")?;
            Primitive::Compare(direction_of(&dir).ok_or_else(|| format!("unknown direction {dir}"))?)
        }
        "stablehlo.fft" => {
            let text = attr_text(op, "fft_type").ok_or("missing fft_type")?;
            let name = enum_value(&text, "stablehlo", "fft_type")?;
            Primitive::Fft {
                kind: FftKind::from_name(name).ok_or_else(|| format!("unknown fft_type {text}"))?,
                lengths: i64_array(op, "fft_length")?,
            }
        }
        "stablehlo.triangular_solve" => {
            let text = attr_text(op, "transpose_a").ok_or("missing transpose_a")?;
            let name = enum_value(&text, "stablehlo", "transpose")?;
            Primitive::TriangularSolve {
                left_side: bool_attr(op, "left_side")?,
                lower: bool_attr(op, "lower")?,
                unit_diagonal: bool_attr(op, "unit_diagonal")?,
                transpose_a: TransposeA::from_name(name)
                    .ok_or_else(|| format!("unknown transpose_a {text}"))?,
            }
        }
        "stablehlo.reduce_precision" => Primitive::ReducePrecision {
            exponent_bits: i64_attr(op, "exponent_bits")?,
            mantissa_bits: i64_attr(op, "mantissa_bits")?,
        },
        "stablehlo.select" => Primitive::SelectN,
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
            let text = attr_text(op, "dot_dimension_numbers").ok_or("missing dot_dimension_numbers")?;
            let dims = DotDims {
                lhs_contracting: field_list(&text, "lhs_contracting_dimensions")?,
                rhs_contracting: field_list(&text, "rhs_contracting_dimensions")?,
                lhs_batch: field_list(&text, "lhs_batching_dimensions")?,
                rhs_batch: field_list(&text, "rhs_batching_dimensions")?,
            };
            Primitive::DotGeneral {
                dims,
                out: result.elem,
                precision: precision_config(op)?,
                algorithm: dot_algorithm(op)?,
            }
        }
        // The legacy dot (TensorFlow still writes it): vector·vector,
        // matrix·vector, vector·matrix or matrix·matrix, contracting the
        // lhs's last dimension with the rhs's first.
        "stablehlo.dot" => {
            let (lhs, rhs) = (&operands[0], &operands[1]);
            if lhs.rank() == 0 || lhs.rank() > 2 || rhs.rank() == 0 || rhs.rank() > 2 {
                return Err(format!("a dot of ranks {} and {} (1 or 2 expected)", lhs.rank(), rhs.rank()));
            }
            let dims = DotDims {
                lhs_contracting: vec![lhs.rank() as i64 - 1],
                rhs_contracting: vec![0],
                ..Default::default()
            };
            Primitive::DotGeneral {
                dims,
                out: result.elem,
                precision: precision_config(op)?,
                algorithm: dot_algorithm(op)?,
            }
        }
        "stablehlo.gather" => {
            let text = attr_text(op, "dimension_numbers").ok_or("missing dimension_numbers")?;
            Primitive::Gather {
                dims: gather_dims(&text)?,
                slice_sizes: i64_array(op, "slice_sizes")?,
                indices_are_sorted: bool_attr(op, "indices_are_sorted")?,
            }
        }
        other => return Err(format!("'{other}' has no jaxr counterpart yet")),
    })
}

/// The `precision_config` of a dot (`[#stablehlo<precision DEFAULT>,
/// #stablehlo<precision HIGHEST>]`); absent means DEFAULT for both.
fn precision_config(op: &OperationRef) -> Result<[Precision; 2], String> {
    let Ok(attr) = op.attribute("precision_config") else { return Ok(Default::default()) };
    let array = ArrayAttribute::try_from(attr).map_err(|_| "precision_config must be an array")?;
    let precisions = (0..array.len())
        .map(|i| {
            let entry = array.element(i).map_err(|e| e.to_string())?.to_string();
            let name = enum_value(&entry, "stablehlo", "precision")?;
            Precision::from_name(name).ok_or_else(|| format!("unknown precision '{name}'"))
        })
        .collect::<Result<Vec<_>, String>>()?;
    match precisions[..] {
        [] => Ok(Default::default()),
        [l, r] => Ok([l, r]),
        _ => Err(format!("precision_config must name 2 precisions, found {}", precisions.len())),
    }
}

/// The `algorithm` of a dot, when it names one.
fn dot_algorithm(op: &OperationRef) -> Result<Option<DotAlgorithm>, String> {
    attr_text(op, "algorithm").map(|text| DotAlgorithm::parse(&text)).transpose()
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

/// Whether `value` is a constant splat equal to the identity of `r` (or a
/// broadcast of one).
pub(crate) fn is_identity(value: Value, r: ReduceOp, elem: ElemType) -> bool {
    let Ok(result) = melior::ir::operation::OperationResult::try_from(value) else { return false };
    let producer = result.owner();
    if matches!(
        producer.name().as_string_ref().as_str(),
        Ok("stablehlo.broadcast_in_dim" | "jaxr.broadcast_in_dim")
    ) {
        return producer.operand(0).is_ok_and(|v| is_identity(v, r, elem));
    }
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

/// Raises one op in place: returns the values replacing its results (in
/// order), or why it stays StableHLO. Ops left inside raised bodies are
/// added to `left`.
fn raise_one<'c, 'a>(
    context: &'c Context,
    op: OperationRef<'c, 'a>,
    left: &mut Vec<(MlirOperation, String)>,
    emitted: &mut Vec<MlirOperation>,
) -> Result<Vec<MlirValue>, String> {
    let name = op.name().as_string_ref().as_str().map_err(|e| e.to_string())?.to_string();
    let operands: Vec<Value> = op.operands().collect();
    let block = op.block().ok_or("the op is not in a block")?;
    let location = op.location();
    let insert = |built: melior::ir::Operation<'c>| block.insert_operation_before(op, built);
    let raised = |built: melior::ir::Operation<'c>| -> Result<Vec<MlirValue>, String> {
        let new = insert(built);
        let values: Vec<MlirValue> = new.results().map(|r| r.to_raw()).collect();
        let same = new.result_count() == op.result_count()
            && new.results().zip(op.results()).all(|(a, b)| a.r#type() == b.r#type());
        if !same {
            // The jaxr rules disagree with the op's declared types: keep StableHLO.
            // SAFETY: the raised op has no uses yet.
            unsafe { mlirOperationDestroy(new.to_raw()) };
            return Err(format!("'{name}' declares result types the jaxr rules do not give"));
        }
        Ok(values)
    };
    let build = |prim: &Primitive, values: &[Value<'c, 'a>]| {
        builder::build(context, location, prim, values).map_err(|e| e.to_string())
    };
    // Dynamic-shape ops whose shapes are constants (their types may be
    // dynamic, so before the static types are read).
    if raise_dynamic::NAMES.contains(&name.as_str()) {
        return match raise_dynamic::static_form(&op, &name)? {
            Static::Op(prim, values) => raised(build(&prim, &values)?),
            Static::Constant(ty, x) => raised(builder::splat(context, location, &ty, x as f64)?),
        };
    }
    let types: Vec<TensorType> =
        operands.iter().map(|v| tensor_type_of(v.r#type())).collect::<Result<_, _>>()?;
    let results: Vec<TensorType> =
        op.results().map(|r| tensor_type_of(r.r#type())).collect::<Result<_, _>>()?;
    match name.as_str() {
        "stablehlo.reduce" => {
            if operands.len() != 2 {
                return raise_variadic_reduce::raise(context, op, &operands, &types, &results);
            }
            let result = results.first().ok_or("a reduce without a result")?;
            let r = match single_op_body(&op) {
                Some(Body::Combine(r)) => r,
                _ => return Err("a reduce body other than one add/multiply/max/min/and/or".into()),
            };
            let axes = i64_array(&op, "dimensions")?;
            let reduced: Value = insert(build(&Primitive::Reduce { op: r, axes }, &operands[..1])?)
                .result(0)
                .map_err(|e| e.to_string())?
                .into();
            if is_identity(operands[1], r, result.elem) {
                return Ok(vec![reduced.to_raw()]);
            }
            // Fold a non-identity init value in afterwards: op(reduce(x), init).
            let bcast = Primitive::BroadcastInDim { shape: result.shape.clone(), dims: Vec::new() };
            let init: Value =
                insert(build(&bcast, &operands[1..2])?).result(0).map_err(|e| e.to_string())?.into();
            return raised(build(&Primitive::Binary(combiner(r)), &[reduced, init])?);
        }
        "stablehlo.while" => {
            check_while_like(op.to_raw(), "stablehlo.return")?;
            return raise_with_regions(context, op, "jaxr.while", &operands, &results, &[], &[0, 1]);
        }
        "stablehlo.case" => {
            check_cond_like(op.to_raw(), "stablehlo.return")?;
            let order: Vec<isize> = (0..op.region_count() as isize).collect();
            return raise_with_regions(context, op, "jaxr.cond", &operands, &results, &[], &order);
        }
        "stablehlo.if" => {
            check_cond_like(op.to_raw(), "stablehlo.return")?;
            // jaxr.cond takes the false branch first, as lax.cond does.
            return raise_with_regions(context, op, "jaxr.cond", &operands, &results, &[], &[1, 0]);
        }
        "stablehlo.reduce_window" => {
            return raise_reduce_window(context, op, &operands, &types, &results, left)
        }
        "stablehlo.scatter" => {
            if operands.len() != 3 {
                return Err("a variadic scatter has no jaxr counterpart".into());
            }
            let kind = match single_op_body(&op) {
                Some(Body::Combine(ReduceOp::Sum)) => ScatterKind::Add,
                Some(Body::Combine(ReduceOp::Prod)) => ScatterKind::Mul,
                Some(Body::Combine(ReduceOp::Min)) => ScatterKind::Min,
                Some(Body::Combine(ReduceOp::Max)) => ScatterKind::Max,
                Some(Body::ReturnsSecond) => ScatterKind::Replace,
                _ => {
                    return Err(
                        "a scatter body other than one add/multiply/minimum/maximum or the update".into()
                    )
                }
            };
            let text =
                attr_text(&op, "scatter_dimension_numbers").ok_or("missing scatter_dimension_numbers")?;
            let dims = scatter_dims(&text)?;
            let prim = Primitive::Scatter {
                kind,
                dims,
                indices_are_sorted: bool_attr(&op, "indices_are_sorted")?,
                unique_indices: bool_attr(&op, "unique_indices")?,
            };
            return raised(build(&prim, &operands)?);
        }
        _ if raise_batch_norm::NAMES.contains(&name.as_str()) => {
            return raise_batch_norm::raise(context, op, &name, &operands, &types, &results);
        }
        // A composite means its decomposition: a call of it, which the
        // sweeps and the inliner follow (the composite's name is dropped).
        "stablehlo.composite" => {
            let callee = op.attribute("decomposition").map_err(|_| "a composite without a decomposition")?;
            let types: Vec<Type> = op.results().map(|r| r.r#type()).collect();
            let call = OperationBuilder::new("func.call", location)
                .add_operands(&operands)
                .add_results(&types)
                .add_attributes(&[(Identifier::new(context, "callee"), callee)])
                .build()
                .map_err(|e| format!("cannot build func.call: {e}"))?;
            return raised(call);
        }
        "stablehlo.map" => {
            let result = results.first().ok_or("a map without a result")?;
            let (result, ops) = raise_map::expand(context, op, &operands, result)?;
            emitted.extend(ops);
            return Ok(vec![result.to_raw()]);
        }
        // Its decomposition, emitted in StableHLO, is raised in turn.
        "stablehlo.select_and_scatter" => {
            let (result, ops) = raise_select_and_scatter::expand(context, op, &operands, &types)?;
            emitted.extend(ops);
            return Ok(vec![result.to_raw()]);
        }
        "stablehlo.rng_bit_generator" => {
            let text = attr_text(&op, "rng_algorithm").ok_or("missing rng_algorithm")?;
            let name = enum_value(&text, "stablehlo", "rng_algorithm")?;
            let algorithm =
                RngAlgorithm::from_name(name).ok_or_else(|| format!("unknown rng_algorithm {text}"))?;
            let out = results.get(1).ok_or("a rng_bit_generator without bits")?.clone();
            return raised(build(&Primitive::RngBitGenerator { algorithm, out }, &operands)?);
        }
        "stablehlo.optimization_barrier" => {
            return raised(build(&Primitive::OptimizationBarrier, &operands)?);
        }
        "stablehlo.sort" => {
            let (descending, num_keys) = sort_order(&op, &types)?;
            let prim = Primitive::Sort {
                dimension: i64_attr(&op, "dimension")?,
                num_keys,
                is_stable: bool_attr(&op, "is_stable")?,
                descending,
            };
            return raised(build(&prim, &operands)?);
        }
        _ => {}
    }
    if op.region_count() > 0 {
        return Err(format!("'{name}' holds regions and has no jaxr counterpart yet"));
    }
    // The real part of a real value is the value; its imaginary part zero.
    if matches!(name.as_str(), "stablehlo.real" | "stablehlo.imag")
        && types.first().is_some_and(|t| t.elem.is_float())
    {
        if name == "stablehlo.real" {
            return Ok(vec![operands[0].to_raw()]);
        }
        return raised(builder::splat(context, location, &types[0], 0.0)?);
    }
    // StableHLO negates an unsigned integer by wrapping: 0 - x, exactly.
    if name == "stablehlo.negate" && types.first().is_some_and(|t| t.elem.is_unsigned_int()) {
        let zero = insert(builder::splat(context, location, &types[0], 0.0)?);
        let zero: Value = zero.result(0).map_err(|e| e.to_string())?.into();
        return raised(build(&Primitive::Binary(BinaryOp::Sub), &[zero, operands[0]])?);
    }
    let mut prim = primitive_of(&op, &name, &types, &results)?;
    // On booleans the spec's add is logical or and its multiply logical and.
    if types.first().is_some_and(|t| t.elem.is_bool()) {
        match prim {
            Primitive::Binary(BinaryOp::Add) => prim = Primitive::Binary(BinaryOp::Or),
            Primitive::Binary(BinaryOp::Mul) => prim = Primitive::Binary(BinaryOp::And),
            _ => {}
        }
    }
    // The idiom x * x of one value is lax.square, which lowers back to it.
    if prim == Primitive::Binary(BinaryOp::Mul) && operands.len() == 2 && operands[0] == operands[1] {
        prim = Primitive::Unary(UnaryOp::Square);
    }
    let built = match &prim {
        Primitive::Constant { .. } => {
            let value = op.attribute("value").map_err(|_| "a constant without a value")?;
            builder::constant(context, location, value)?
        }
        // select(pred, on_true, on_false) is select_n(pred, on_false, on_true).
        Primitive::SelectN if operands.len() == 3 => build(&prim, &[operands[0], operands[2], operands[1]])?,
        // x * x: square of the one value.
        Primitive::Unary(UnaryOp::Square) if name == "stablehlo.multiply" => build(&prim, &operands[..1])?,
        _ => build(&prim, &operands)?,
    };
    raised(built)
}

/// Builds the jaxr op `name` before `op` with the same operands and result
/// types and one region per entry of `take` (region `take[i]` of `op` moves
/// into region i); the blocks' `stablehlo.return`s become `jaxr.yield`s.
fn raise_with_regions<'c, 'a>(
    context: &'c Context,
    op: OperationRef<'c, 'a>,
    name: &str,
    operands: &[Value<'c, 'a>],
    results: &[TensorType],
    attributes: &[(&str, Attribute<'c>)],
    take: &[isize],
) -> Result<Vec<MlirValue>, String> {
    let new = build_with_regions(context, op, name, operands, results, attributes, take)?;
    Ok(new.results().map(|r| r.to_raw()).collect())
}

/// As [`raise_with_regions`], returning the new op.
fn build_with_regions<'c, 'a>(
    context: &'c Context,
    op: OperationRef<'c, 'a>,
    name: &str,
    operands: &[Value<'c, 'a>],
    results: &[TensorType],
    attributes: &[(&str, Attribute<'c>)],
    take: &[isize],
) -> Result<OperationRef<'c, 'a>, String> {
    let block = op.block().ok_or("the op is not in a block")?;
    let types: Vec<Type> = results.iter().map(|t| jaxr_dialect::decode::mlir_type(context, t)).collect();
    let attrs: Vec<(Identifier, Attribute)> =
        attributes.iter().map(|(k, v)| (Identifier::new(context, k), *v)).collect();
    let built = OperationBuilder::new(name, op.location())
        .add_operands(operands)
        .add_results(&types)
        .add_attributes(&attrs)
        .add_regions_vec(take.iter().map(|_| Region::new()).collect())
        .build()
        .map_err(|e| format!("cannot build {name}: {e}"))?;
    let new = block.insert_operation_before(op, built);
    if let Err(e) = move_regions(new.to_raw(), op.to_raw(), take) {
        // SAFETY: the new op has no uses and its regions are still empty.
        unsafe { mlirOperationDestroy(new.to_raw()) };
        return Err(e);
    }
    returns_to_yields(&new)?;
    Ok(new)
}

/// Replaces the `stablehlo.return` ending each block of `op`'s regions by a
/// `jaxr.yield` of the same values.
fn returns_to_yields(op: &OperationRef) -> Result<(), String> {
    for region in op.regions() {
        let mut block = region.first_block();
        while let Some(b) = block {
            // SAFETY: the last op of a live block, checked for null.
            let last = unsafe { OperationRef::from_option_raw(last_operation(b.to_raw())) };
            if let Some(ret) = last.filter(|t| t.name().as_string_ref().as_str() == Ok("stablehlo.return")) {
                let values: Vec<Value> = ret.operands().collect();
                let yielded = OperationBuilder::new("jaxr.yield", ret.location())
                    .add_operands(&values)
                    .build()
                    .map_err(|e| format!("cannot build jaxr.yield: {e}"))?;
                b.insert_operation_before(ret, yielded);
                // SAFETY: a terminator has no results, hence no uses.
                unsafe { mlirOperationDestroy(ret.to_raw()) };
            }
            block = b.next_in_region();
        }
    }
    Ok(())
}

/// The sliding window of a `stablehlo.reduce_window` (defaults filled in).
fn stablehlo_window(op: &OperationRef, rank: usize) -> Result<Window, String> {
    let ones = vec![1; rank];
    let or_ones = |name: &str| -> Result<Vec<i64>, String> {
        if op.has_attribute(name) {
            i64_array(op, name)
        } else {
            Ok(ones.clone())
        }
    };
    Ok(Window {
        dimensions: i64_array(op, "window_dimensions")?,
        strides: or_ones("window_strides")?,
        padding: padding_of(op, rank)?,
        base_dilation: or_ones("base_dilations")?,
        window_dilation: or_ones("window_dilations")?,
    })
}

/// `stablehlo.reduce_window`: one add/maximum/minimum with the identity as
/// init value becomes reduce_window_sum/max/min; anything else the generic
/// jaxr.reduce_window, its body raised.
fn raise_reduce_window<'c, 'a>(
    context: &'c Context,
    op: OperationRef<'c, 'a>,
    operands: &[Value<'c, 'a>],
    types: &[TensorType],
    results: &[TensorType],
    left: &mut Vec<(MlirOperation, String)>,
) -> Result<Vec<MlirValue>, String> {
    let input = types.first().ok_or("a reduce_window without inputs")?;
    let window = stablehlo_window(&op, input.rank())?;
    check_reduce_window_like(op.to_raw(), &window, "stablehlo.return")?;
    if let (2, Some(Body::Combine(r))) = (operands.len(), single_op_body(&op)) {
        if r.window_mnemonic().is_some() && is_identity(operands[1], r, input.elem) {
            let prim = Primitive::ReduceWindow { op: r, window: window.clone() };
            if shape::infer(&prim, &types[..1]).ok().as_ref() == results.first() {
                let built = builder::build(context, op.location(), &prim, &operands[..1])
                    .map_err(|e| e.to_string())?;
                let block = op.block().ok_or("the op is not in a block")?;
                let new = block.insert_operation_before(op, built);
                return Ok(new.results().map(|r| r.to_raw()).collect());
            }
        }
    }
    let attributes = window_attributes(context, &window);
    let new = build_with_regions(context, op, "jaxr.reduce_window", operands, results, &attributes, &[0])?;
    // The body moved out of a computation op: raise it now.
    left.extend(raise_stablehlo_ops(&new).map_err(|e| e.message)?);
    Ok(new.results().map(|r| r.to_raw()).collect())
}

/// What a computation body (of reduce, reduce_window, scatter) does, when it
/// is one op or returns an argument.
pub(crate) enum Body {
    /// One add/multiply/maximum/minimum/and/or of the two arguments.
    Combine(ReduceOp),
    /// Returns its second argument (scatter's replace).
    ReturnsSecond,
}

/// The body of a two-argument computation, if it is one combining op or
/// returns the second argument.
fn single_op_body(op: &OperationRef) -> Option<Body> {
    single_op_body_of(op, 0)
}

/// As [`single_op_body`], for region `index` of `op`.
pub(crate) fn single_op_body_of(op: &OperationRef, index: usize) -> Option<Body> {
    let region = op.region(index).ok()?;
    let block = region.first_block()?;
    if block.argument_count() != 2 {
        return None;
    }
    let (a, b): (Value, Value) = (block.argument(0).ok()?.into(), block.argument(1).ok()?.into());
    let first = block.first_operation()?;
    if first.name().as_string_ref().as_str().ok()? == "stablehlo.return" {
        let only = first.next_in_block().is_none() && first.operand_count() == 1;
        return (only && first.operand(0).ok()? == b).then_some(Body::ReturnsSecond);
    }
    let ret = first.next_in_block()?;
    if ret.next_in_block().is_some() || ret.name().as_string_ref().as_str().ok()? != "stablehlo.return" {
        return None;
    }
    let operands: Vec<Value> = first.operands().collect();
    let args_in_order = operands.len() == 2
        && ((operands[0] == a && operands[1] == b) || (operands[0] == b && operands[1] == a));
    let returns_it = ret.operand_count() == 1 && ret.operand(0).ok()? == first.result(0).ok()?.into();
    if !args_in_order || !returns_it {
        return None;
    }
    Some(Body::Combine(match first.name().as_string_ref().as_str().ok()? {
        "stablehlo.add" => ReduceOp::Sum,
        "stablehlo.multiply" => ReduceOp::Prod,
        "stablehlo.maximum" => ReduceOp::Max,
        "stablehlo.minimum" => ReduceOp::Min,
        "stablehlo.and" => ReduceOp::And,
        "stablehlo.or" => ReduceOp::Or,
        _ => return None,
    }))
}

/// The defining op of `v`, with its name, if `v` is an op result.
pub(crate) fn producer<'c, 'a>(v: Value<'c, 'a>) -> Option<(OperationRef<'c, 'a>, String)> {
    let result = melior::ir::operation::OperationResult::try_from(v).ok()?;
    let owner = result.owner();
    let name = owner.name().as_string_ref().as_str().ok()?.to_string();
    Some((owner, name))
}

/// Whether `v` is `stablehlo.compare` of `(a, b)` with `direction` and `kind`.
fn is_compare(v: Value, direction: &str, kind: &str, a: Value, b: Value) -> bool {
    let Some((p, name)) = producer(v) else { return false };
    let operands: Vec<Value> = p.operands().collect();
    name == "stablehlo.compare"
        && operands.len() == 2
        && operands[0] == a
        && operands[1] == b
        && attr_text(&p, "comparison_direction").is_some_and(|t| t.ends_with(&format!(" {direction}>")))
        && match attr_text(&p, "compare_type") {
            Some(t) => t.ends_with(&format!(" {kind}>")),
            // Absent, the type is the operands' natural one, which callers
            // pass; TOTALORDER is never implied.
            None => kind != "TOTALORDER",
        }
}

/// Whether `v` is a stablehlo.constant splat that `accept` admits.
fn is_splat(v: Value, accept: impl Fn(&str) -> bool) -> bool {
    let Some((p, name)) = producer(v) else { return false };
    let text = attr_text(&p, "value").unwrap_or_default();
    let body = text.strip_prefix("dense<").and_then(|t| t.split('>').next()).unwrap_or_default();
    name == "stablehlo.constant" && !body.starts_with('[') && accept(body)
}

/// Whether a float literal is a NaN with the sign bit clear (`0x7FC00000`).
fn is_positive_nan(literal: &str, elem: ElemType) -> bool {
    let Some(hex) = literal.strip_prefix("0x") else { return false };
    let Ok(bits) = u64::from_str_radix(hex, 16) else { return false };
    let (exponent_and_mantissa, sign) = match elem {
        ElemType::F16 => (0x7FFFu64, 0x8000u64),
        ElemType::BF16 => (0x7FFF, 0x8000),
        ElemType::F32 => (0x7FFF_FFFF, 0x8000_0000),
        _ => (0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000),
    };
    let infinity = match elem {
        ElemType::F16 => 0x7C00u64,
        ElemType::BF16 => 0x7F80,
        ElemType::F32 => 0x7F80_0000,
        _ => 0x7FF0_0000_0000_0000,
    };
    bits & sign == 0 && bits & exponent_and_mantissa > infinity
}

/// The (predicate, on_true, on_false) of a `stablehlo.select` result.
#[allow(clippy::type_complexity)]
fn select_parts<'c: 'a, 'a>(v: Value<'c, 'a>) -> Option<(Value<'c, 'a>, Value<'c, 'a>, Value<'c, 'a>)> {
    let (p, name) = producer(v)?;
    if name != "stablehlo.select" || p.operand_count() != 3 {
        return None;
    }
    Some((p.operand(0).ok()?, p.operand(1).ok()?, p.operand(2).ok()?))
}

/// Whether `key` is JAX's canonical sort key of the float argument `x`:
/// `select(x != x, +NaN, select(x == 0, 0, x))`.
fn is_canonical_float_key(key: Value, x: Value, elem: ElemType) -> bool {
    let Some((is_nan, nan, rest)) = select_parts(key) else { return false };
    let Some((is_zero, zero, same)) = select_parts(rest) else { return false };
    let zero_literal = |t: &str| t.parse::<f64>().is_ok_and(|z| z == 0.0);
    let zero_operand = producer(is_zero).and_then(|(p, _)| p.operand(1).ok());
    is_compare(is_nan, "NE", "FLOAT", x, x)
        && is_splat(nan, |t| is_positive_nan(t, elem))
        && same == x
        && is_splat(zero, zero_literal)
        && zero_operand.is_some_and(|z| is_splat(z, zero_literal) && is_compare(is_zero, "EQ", "FLOAT", x, z))
}

/// Whether `v` compares key `k` of a sort comparator (block arguments `2k`
/// and `2k + 1`) as lax.sort does, in `direction`: floats canonicalized and
/// compared in total order, integers compared directly.
fn is_key_compare(v: Value, direction: &str, args: &[Value], types: &[TensorType], k: usize) -> bool {
    let (Some(ty), Some(&x), Some(&y)) = (types.get(k), args.get(2 * k), args.get(2 * k + 1)) else {
        return false;
    };
    if !ty.elem.is_float() {
        let kind = if ty.elem.is_signed_int() { "SIGNED" } else { "UNSIGNED" };
        return is_compare(v, direction, kind, x, y);
    }
    let Some((compare, name)) = producer(v) else { return false };
    let (Ok(lhs), Ok(rhs)) = (compare.operand(0), compare.operand(1)) else { return false };
    name == "stablehlo.compare"
        && is_compare(v, direction, "TOTALORDER", lhs, rhs)
        && is_canonical_float_key(lhs, x, ty.elem)
        && is_canonical_float_key(rhs, y, ty.elem)
}

/// The two operands of a binary op named `name` producing `v`.
fn binary_parts<'c: 'a, 'a>(v: Value<'c, 'a>, name: &str) -> Option<(Value<'c, 'a>, Value<'c, 'a>)> {
    let (p, n) = producer(v)?;
    (n == name && p.operand_count() == 2).then_some(())?;
    Some((p.operand(0).ok()?, p.operand(1).ok()?))
}

/// How many keys, from key `k` on, the comparator value `p` orders
/// lexicographically as lax.sort does: `before(k)`, or
/// `or(before(k), and(eq(k), <the same for k + 1>))`.
fn lexicographic_keys(
    p: Value,
    direction: &str,
    args: &[Value],
    types: &[TensorType],
    k: usize,
) -> Option<usize> {
    if is_key_compare(p, direction, args, types, k) {
        return Some(1);
    }
    let (a, b) = binary_parts(p, "stablehlo.or")?;
    let (before, tie) = if is_key_compare(a, direction, args, types, k) { (a, b) } else { (b, a) };
    if !is_key_compare(before, direction, args, types, k) {
        return None;
    }
    let (c, d) = binary_parts(tie, "stablehlo.and")?;
    let (eq, later) = if is_key_compare(c, "EQ", args, types, k) { (c, d) } else { (d, c) };
    if !is_key_compare(eq, "EQ", args, types, k) {
        return None;
    }
    lexicographic_keys(later, direction, args, types, k + 1).map(|n| n + 1)
}

/// Whether a `stablehlo.sort` comparator is lax.sort's: its keys (the first
/// operands) compared lexicographically in lax.sort's order. Returns whether
/// it is descending (GT) and the number of keys.
fn sort_order(op: &OperationRef, types: &[TensorType]) -> Result<(bool, i64), String> {
    let unsupported = || "a sort comparator other than lax.sort's".to_string();
    let region = op.region(0).map_err(|e| e.to_string())?;
    let block = region.first_block().ok_or_else(unsupported)?;
    if block.argument_count() != 2 * types.len() {
        return Err(unsupported());
    }
    // SAFETY: the last op of a live block, checked for null.
    let ret =
        unsafe { OperationRef::from_option_raw(last_operation(block.to_raw())) }.ok_or_else(unsupported)?;
    if ret.name().as_string_ref().as_str() != Ok("stablehlo.return") || ret.operand_count() != 1 {
        return Err(unsupported());
    }
    let p = ret.operand(0).map_err(|e| e.to_string())?;
    let args: Vec<Value> = (0..block.argument_count())
        .map(|i| block.argument(i).map(Value::from).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    for direction in ["LT", "GT"] {
        if let Some(keys) = lexicographic_keys(p, direction, &args, types, 0) {
            return Ok((direction == "GT", keys as i64));
        }
    }
    Err(unsupported())
}

/// A boolean attribute; absent means false.
pub(crate) fn bool_attr(op: &OperationRef, name: &str) -> Result<bool, String> {
    match raw::attribute(op.to_raw(), name) {
        None => Ok(false),
        Some(attr) => raw::boolean(attr).ok_or_else(|| {
            format!("attribute '{name}' is not a boolean: {}", attr_text(op, name).unwrap_or_default())
        }),
    }
}

/// A `dense<...> : tensor<...xi64>` padding attribute's values, row-major;
/// zeros when absent.
pub(crate) fn padding_of(op: &OperationRef, rank: usize) -> Result<Vec<i64>, String> {
    match raw::attribute(op.to_raw(), "padding") {
        None => Ok(vec![0; 2 * rank]),
        // At most 2^20 values: a splat of a huge type is not expanded.
        Some(attr) => raw::dense_i64(attr, 1 << 20).ok_or_else(|| {
            format!("bad dense integer attribute {}", attr_text(op, "padding").unwrap_or_default())
        }),
    }
}

/// A `stablehlo.convolution` as conv_general_dilated, defaults filled in.
fn conv_of(op: &OperationRef, operands: &[TensorType]) -> Result<ConvDims, String> {
    if let Some(p) = attr_text(op, "precision_config") {
        if p.split("precision").skip(1).any(|s| !s.trim_start().starts_with("DEFAULT")) {
            return Err(format!("precision {p} has no jaxr counterpart"));
        }
    }
    if attr_text(op, "window_reversal").is_some_and(|t| t.contains("true")) {
        return Err("window reversal has no jaxr counterpart".into());
    }
    let text = attr_text(op, "dimension_numbers").ok_or("missing dimension_numbers")?;
    let [lhs_spec, rhs_spec, out_spec] = conv_layouts(&text)?;
    let spatial = operands.first().map_or(0, |t| t.rank().saturating_sub(2));
    let or_ones = |name: &str| -> Result<Vec<i64>, String> {
        if op.has_attribute(name) {
            i64_array(op, name)
        } else {
            Ok(vec![1; spatial])
        }
    };
    Ok(ConvDims {
        window_strides: or_ones("window_strides")?,
        padding: padding_of(op, spatial)?,
        lhs_dilation: or_ones("lhs_dilation")?,
        rhs_dilation: or_ones("rhs_dilation")?,
        lhs_spec,
        rhs_spec,
        out_spec,
        feature_group_count: if op.has_attribute("feature_group_count") {
            i64_attr(op, "feature_group_count")?
        } else {
            1
        },
        batch_group_count: if op.has_attribute("batch_group_count") {
            i64_attr(op, "batch_group_count")?
        } else {
            1
        },
    })
}
