//! The StableHLO specification's constraints on stablehlo and chlo ops, run
//! by each op's ODS `verify()` (after its regions have verified). ODS has
//! already checked the operand, result and region counts and the kinds of
//! the builtin attributes; these rules check what ODS cannot: shapes,
//! element types, attribute values against shapes, enumeration spellings,
//! and what flows through regions.

mod contraction;
mod elementwise;
pub mod indexing;
pub use jaxr_syntax::enums;
mod layout;
mod regions;
mod view;

use mlir_sys::MlirOperation;

pub(crate) use view::OpView;
pub use view::{Elem, HloType, Tensor};

/// The outcome of one rule.
type Rule = Result<(), String>;

/// Checks one stablehlo or chlo op.
pub fn verify(op: MlirOperation, name: &str) -> Result<(), String> {
    let v = OpView::new(op);
    if let Some(rule) = elementwise::check(&v, name) {
        rule?;
    }
    match name {
        "stablehlo.compare" => elementwise::compare(&v, "stablehlo"),
        "chlo.broadcast_compare" => elementwise::comparison(&v, "chlo").map(drop),
        "stablehlo.select" => elementwise::select(&v),
        "stablehlo.clamp" => elementwise::clamp(&v),
        "stablehlo.reduce_precision" => elementwise::reduce_precision(&v),
        "stablehlo.constant" | "chlo.constant" => layout::constant(&v),
        "stablehlo.iota" => layout::iota(&v),
        "stablehlo.broadcast_in_dim" => layout::broadcast_in_dim(&v),
        "stablehlo.transpose" => layout::transpose(&v),
        "stablehlo.reverse" => layout::reverse(&v),
        "stablehlo.slice" => layout::slice(&v),
        "stablehlo.pad" => layout::pad(&v),
        "stablehlo.concatenate" => layout::concatenate(&v),
        "stablehlo.reshape" => layout::reshape(&v),
        "stablehlo.dynamic_slice" => layout::dynamic_slice(&v),
        "stablehlo.dynamic_update_slice" => layout::dynamic_update_slice(&v),
        "stablehlo.get_dimension_size" => layout::get_dimension_size(&v),
        "stablehlo.bitcast_convert" => layout::bitcast_convert(&v),
        "stablehlo.get_tuple_element" => layout::get_tuple_element(&v),
        "stablehlo.dot_general" => contraction::dot_general(&v),
        "stablehlo.dot" | "stablehlo.dynamic_conv" => contraction::precision_config(&v),
        "stablehlo.convolution" => indexing::convolution(&v),
        "stablehlo.gather" => indexing::gather(&v),
        "stablehlo.scatter" => indexing::scatter(&v),
        "stablehlo.fft" => contraction::enum_attrs(&v, &[("fft_type", "fft_type")]),
        "stablehlo.rng" => contraction::enum_attrs(&v, &[("rng_distribution", "rng_distribution")]),
        "stablehlo.rng_bit_generator" => contraction::enum_attrs(&v, &[("rng_algorithm", "rng_algorithm")]),
        "stablehlo.triangular_solve" => contraction::enum_attrs(&v, &[("transpose_a", "transpose")]),
        "chlo.top_k" => contraction::top_k(&v),
        "stablehlo.while" => regions::while_loop(&v),
        "stablehlo.if" => regions::if_op(&v),
        "stablehlo.case" => regions::case(&v),
        "stablehlo.reduce" => regions::reduce(&v),
        "stablehlo.sort" => regions::sort(&v),
        "stablehlo.reduce_window" => regions::reduce_window(&v),
        _ => Ok(()),
    }
}

/// The tensor type of a value, or an error naming it.
fn tensor_of<'t>(t: &'t HloType, what: &str) -> Result<&'t Tensor, String> {
    t.tensor.as_ref().ok_or_else(|| format!("{what} must be a ranked tensor, found {}", t.text()))
}

fn one_operand(v: &OpView) -> Result<&Tensor, String> {
    tensor_of(v.operands.first().ok_or("expects an operand")?, "the operand")
}

fn one_result(v: &OpView) -> Result<&Tensor, String> {
    tensor_of(v.results.first().ok_or("expects a result")?, "the result")
}

/// Dimensions as `[2, ?, 3]` (`?` where dynamic).
fn show(dims: &[Option<i64>]) -> String {
    let parts: Vec<String> = dims.iter().map(|d| d.map_or("?".to_string(), |s| s.to_string())).collect();
    format!("[{}]", parts.join(", "))
}

/// Each entry is a dimension of a rank-`rank` tensor, none twice.
fn distinct_dims(what: &str, dims: &[i64], rank: usize) -> Rule {
    for (i, &d) in dims.iter().enumerate() {
        if d < 0 || d as usize >= rank {
            return Err(format!("{what} {d} is out of range for rank {rank}"));
        }
        if dims[..i].contains(&d) {
            return Err(format!("{what} {d} appears twice in {dims:?}"));
        }
    }
    Ok(())
}
