//! `stablehlo.select_and_scatter` whose select is a comparison and whose
//! scatter adds (JAX's select_and_scatter_add, the gradient of max and min
//! pooling), written as the primitives jaxr has, in StableHLO that raising
//! then takes like any other:
//!
//! 1. a two-operand `reduce_window` over the operand and each element's flat
//!    index picks, per window, the selected element's index (the first of
//!    equal ones for GE/LE, which keep the current selection on ties; the
//!    last for GT/LT); padding carries the worst value and an index past the
//!    end, so it is never selected over a real element;
//! 2. a `scatter` adds each source value at its window's index into zeros
//!    (an index past the end, a window of padding only, is dropped, as
//!    scatter drops out-of-bounds updates);
//! 3. the init value is added to every element.
//!
//! So its derivatives are those of scatter-add and its batching that of its
//! parts. A NaN in a window is selected as the comparison with its
//! neighbours falls, which need not be the element the sequential select
//! would keep.

use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::RegionLike;
use melior::ir::Value;
use melior::Context;
use mlir_sys::MlirOperation;

use jaxr_dialect::{ComparisonDirection, ElemType, ReduceOp, TensorType};

use crate::emitter::{extremes, i64_array, Emitter};
use crate::from_stablehlo::{
    direction_of, i64_array as i64_array_attr, natural_compare_type, single_op_body_of, Body,
};

/// Emits the decomposition before `op`; returns its result and the
/// StableHLO ops emitted at the top level (to be raised in turn).
pub(crate) fn expand<'c, 'a>(
    context: &'c Context,
    op: OperationRef<'c, 'a>,
    operands: &[Value<'c, 'a>],
    types: &[TensorType],
) -> Result<(Value<'c, 'a>, Vec<MlirOperation>), String> {
    let [x_ty, source_ty, init_ty] = types else {
        return Err("a select_and_scatter takes an operand, a source and an init value".into());
    };
    if init_ty.rank() != 0 {
        return Err(format!("the init value must be a scalar, found {init_ty}"));
    }
    if !matches!(single_op_body_of(&op, 1), Some(Body::Combine(ReduceOp::Sum))) {
        return Err("a select_and_scatter whose scatter is not one add".into());
    }
    let direction = select_direction(&op, x_ty.elem)?;
    let rank = x_ty.rank();
    let window = i64_array_attr(&op, "window_dimensions")?;
    let strides = if op.has_attribute("window_strides") {
        i64_array_attr(&op, "window_strides")?
    } else {
        vec![1; rank]
    };
    let padding = crate::from_stablehlo::padding_of(&op, rank)?;
    if window.len() != rank || strides.len() != rank || padding.len() != 2 * rank {
        return Err(format!("window attributes of the wrong length for rank {rank}"));
    }

    let e = Emitter::before(context, op)?;
    let count = x_ty.num_elements();
    let index_elem = ElemType::I64;
    let flat = TensorType::new([count], index_elem);
    let iota = e.emit1("stablehlo.iota", &[], &flat, &[("iota_dimension", "0 : i64".into())])?;
    let indices = e.emit1("stablehlo.reshape", &[iota], &x_ty.with_elem(index_elem), &[])?;
    let prefers_max = matches!(direction, ComparisonDirection::Ge | ComparisonDirection::Gt);
    let (lowest, highest) = extremes(x_ty.elem);
    let worst = if prefers_max { lowest } else { highest };
    let scalar = TensorType::scalar(x_ty.elem);
    let scalar_index = TensorType::scalar(index_elem);
    let worst = e.splat(&scalar, &worst)?;
    let past_end = e.splat(&scalar_index, &count.to_string())?;
    let body = e.region(
        &[scalar.clone(), scalar_index.clone(), scalar.clone(), scalar_index.clone()],
        |b, args| {
            let [a, ai, c, ci] = args else { return Err("four body arguments".into()) };
            let compare = |dir: &str, l, r, elem: ElemType| {
                b.emit1(
                    "stablehlo.compare",
                    &[l, r],
                    &TensorType::scalar(ElemType::I1),
                    &[
                        ("comparison_direction", format!("#stablehlo<comparison_direction {dir}>")),
                        (
                            "compare_type",
                            format!("#stablehlo<comparison_type {}>", natural_compare_type(elem)),
                        ),
                    ],
                )
            };
            // a wins if it is strictly better, or as good and first (GE, LE) or
            // last (GT, LT) in the window.
            let better = compare(if prefers_max { "GT" } else { "LT" }, *a, *c, x_ty.elem)?;
            let tie = compare("EQ", *a, *c, x_ty.elem)?;
            let strict = matches!(direction, ComparisonDirection::Gt | ComparisonDirection::Lt);
            let order = compare(if strict { "GT" } else { "LT" }, *ai, *ci, index_elem)?;
            let tie_wins = b.emit1("stablehlo.and", &[tie, order], &TensorType::scalar(ElemType::I1), &[])?;
            let a_wins =
                b.emit1("stablehlo.or", &[better, tie_wins], &TensorType::scalar(ElemType::I1), &[])?;
            let value = b.emit1("stablehlo.select", &[a_wins, *a, *c], &scalar, &[])?;
            let index = b.emit1("stablehlo.select", &[a_wins, *ai, *ci], &scalar_index, &[])?;
            Ok(vec![value, index])
        },
    )?;
    let pairs: Vec<String> = padding.chunks(2).map(|p| format!("[{}, {}]", p[0], p[1])).collect();
    let window_attributes = [
        ("window_dimensions", i64_array(&window)),
        ("window_strides", i64_array(&strides)),
        ("padding", format!("dense<[{}]> : tensor<{rank}x2xi64>", pairs.join(", "))),
    ];
    let selected = e.emit(
        "stablehlo.reduce_window",
        &[operands[0], indices, worst, past_end],
        &[source_ty.clone(), source_ty.with_elem(index_elem)],
        &window_attributes,
        vec![body],
    )?;
    let selected_index = *selected.get(1).ok_or("reduce_window gave no indices")?;

    let updates_count = source_ty.num_elements();
    let at = e.emit1(
        "stablehlo.reshape",
        &[selected_index],
        &TensorType::new([updates_count, 1], index_elem),
        &[],
    )?;
    let updates =
        e.emit1("stablehlo.reshape", &[operands[1]], &TensorType::new([updates_count], x_ty.elem), &[])?;
    let flat_x = TensorType::new([count], x_ty.elem);
    let zeros = e.splat_f64(&flat_x, 0.0)?;
    let add = e.region(&[scalar.clone(), scalar.clone()], |b, args| {
        Ok(vec![b.emit1("stablehlo.add", &[args[0], args[1]], &scalar, &[])?])
    })?;
    let scattered = e.emit(
        "stablehlo.scatter",
        &[zeros, at, updates],
        std::slice::from_ref(&flat_x),
        &[
            (
                "scatter_dimension_numbers",
                "#stablehlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], \
                 index_vector_dim = 1>"
                    .into(),
            ),
            ("indices_are_sorted", "false".into()),
            ("unique_indices", "false".into()),
        ],
        vec![add],
    )?;
    let scattered = *scattered.first().ok_or("scatter gave no result")?;
    let shaped = e.emit1("stablehlo.reshape", &[scattered], x_ty, &[])?;
    let init = e.emit1(
        "stablehlo.broadcast_in_dim",
        &[operands[2]],
        x_ty,
        &[("broadcast_dimensions", i64_array(&[]))],
    )?;
    let result = e.emit1("stablehlo.add", &[shaped, init], x_ty, &[])?;
    Ok((result, e.emitted()))
}

/// The direction of a select body that is one comparison of its first
/// argument with its second, in the element type's natural comparison.
fn select_direction(op: &OperationRef, elem: ElemType) -> Result<ComparisonDirection, String> {
    let unsupported = || "a select_and_scatter whose select is not one GE/GT/LE/LT comparison".to_string();
    let region = op.region(0).map_err(|e| e.to_string())?;
    let block = region.first_block().ok_or_else(unsupported)?;
    let compare = block.first_operation().ok_or_else(unsupported)?;
    let ret = compare.next_in_block().ok_or_else(unsupported)?;
    if compare.name().as_string_ref().as_str() != Ok("stablehlo.compare")
        || ret.name().as_string_ref().as_str() != Ok("stablehlo.return")
        || ret.next_in_block().is_some()
        || block.argument_count() != 2
    {
        return Err(unsupported());
    }
    let (Ok(a), Ok(b), Ok(lhs), Ok(rhs), Ok(returned), Ok(result)) = (
        block.argument(0),
        block.argument(1),
        compare.operand(0),
        compare.operand(1),
        ret.operand(0),
        compare.result(0),
    ) else {
        return Err(unsupported());
    };
    if lhs != Value::from(a) || rhs != Value::from(b) || returned != Value::from(result) {
        return Err(unsupported());
    }
    if let Ok(kind) = compare.attribute("compare_type") {
        let stated = kind.to_string();
        if !stated.ends_with(&format!(" {}>", natural_compare_type(elem))) {
            return Err(format!("a select comparing {elem} as {stated}"));
        }
    }
    let text = compare.attribute("comparison_direction").map_err(|_| unsupported())?.to_string();
    match direction_of(&text) {
        Some(
            d @ (ComparisonDirection::Ge
            | ComparisonDirection::Gt
            | ComparisonDirection::Le
            | ComparisonDirection::Lt),
        ) => Ok(d),
        _ => Err(unsupported()),
    }
}
