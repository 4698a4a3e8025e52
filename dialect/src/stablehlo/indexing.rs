//! gather, scatter and convolution. Their semantics coincide with jaxr's
//! gather, scatter and conv_general_dilated, so where jaxr can represent the
//! types (static shapes, jaxr's element types) the same shape rule decides
//! (`crate::shape`); dimension numbers are read by `jaxr_syntax::dims`.

use jaxr_syntax::dims::{conv_layouts, field_int, field_list};

use super::view::{HloType, OpView};
use super::Rule;
use crate::primitive::{ConvDims, GatherDims, Primitive, ScatterDims, ScatterKind};
use crate::shape;
use crate::TensorType;

/// The operands' and results' jaxr types, if every one has one.
fn jaxr_types(v: &OpView) -> Option<(Vec<TensorType>, Vec<TensorType>)> {
    let all = |ts: &[HloType]| ts.iter().map(HloType::jaxr_type).collect::<Option<Vec<_>>>();
    Some((all(&v.operands)?, all(&v.results)?))
}

fn check_with_jaxr_rule(v: &OpView, prim: &Primitive) -> Rule {
    let Some((operands, results)) = jaxr_types(v) else { return Ok(()) };
    shape::check(prim, &operands, &results).map_err(|e| e.rule_with_operands())
}

fn dimension_numbers(v: &OpView, name: &str, prefix: &str) -> Result<String, String> {
    let text = v.attr_text(name).ok_or_else(|| format!("requires attribute '{name}'"))?;
    if !text.starts_with(prefix) {
        return Err(format!("{name} must be a {prefix}...>, found {text}"));
    }
    Ok(text)
}

/// The gather dimension numbers of a `#stablehlo.gather<...>`.
pub fn gather_dims(text: &str) -> Result<GatherDims, String> {
    Ok(GatherDims {
        offset_dims: field_list(text, "offset_dims")?,
        collapsed_slice_dims: field_list(text, "collapsed_slice_dims")?,
        operand_batching_dims: field_list(text, "operand_batching_dims")?,
        start_indices_batching_dims: field_list(text, "start_indices_batching_dims")?,
        start_index_map: field_list(text, "start_index_map")?,
        index_vector_dim: field_int(text, "index_vector_dim")?,
    })
}

/// The scatter dimension numbers of a `#stablehlo.scatter<...>`.
pub fn scatter_dims(text: &str) -> Result<ScatterDims, String> {
    Ok(ScatterDims {
        update_window_dims: field_list(text, "update_window_dims")?,
        inserted_window_dims: field_list(text, "inserted_window_dims")?,
        input_batching_dims: field_list(text, "input_batching_dims")?,
        scatter_indices_batching_dims: field_list(text, "scatter_indices_batching_dims")?,
        scatter_dims_to_operand_dims: field_list(text, "scatter_dims_to_operand_dims")?,
        index_vector_dim: field_int(text, "index_vector_dim")?,
    })
}

pub fn gather(v: &OpView) -> Rule {
    let dims = gather_dims(&dimension_numbers(v, "dimension_numbers", "#stablehlo.gather<")?)?;
    let slice_sizes = v.i64_array("slice_sizes").ok_or("requires attribute 'slice_sizes'")?;
    check_with_jaxr_rule(v, &Primitive::Gather { dims, slice_sizes, indices_are_sorted: false })
}

pub fn scatter(v: &OpView) -> Rule {
    let dims = scatter_dims(&dimension_numbers(v, "scatter_dimension_numbers", "#stablehlo.scatter<")?)?;
    // jaxr's scatter takes one input and one update; its shape rule does not
    // depend on the combiner.
    if v.operands.len() != 3 {
        return Ok(());
    }
    let prim = Primitive::Scatter {
        kind: ScatterKind::Replace,
        dims,
        indices_are_sorted: false,
        unique_indices: false,
    };
    check_with_jaxr_rule(v, &prim)
}

pub fn convolution(v: &OpView) -> Rule {
    super::contraction::precision_config(v)?;
    let [lhs_spec, rhs_spec, out_spec] =
        conv_layouts(&dimension_numbers(v, "dimension_numbers", "#stablehlo.conv<")?)?;
    let spatial = lhs_spec.len().saturating_sub(2);
    let or_ones = |name: &str| v.i64_array(name).unwrap_or_else(|| vec![1; spatial]);
    let Some(out) = v.results.first().and_then(HloType::jaxr_type) else { return Ok(()) };
    let conv = ConvDims {
        window_strides: or_ones("window_strides"),
        padding: match v.dense_len("padding") {
            None => vec![0; 2 * spatial],
            Some(n) if n == 2 * spatial as i64 => v.dense_i64("padding", 2 * spatial).unwrap_or_default(),
            Some(n) => {
                return Err(format!("padding must have {spatial} (low, high) pairs, found {n} values"))
            }
        },
        lhs_dilation: or_ones("lhs_dilation"),
        rhs_dilation: or_ones("rhs_dilation"),
        lhs_spec,
        rhs_spec,
        out_spec,
        feature_group_count: v.int("feature_group_count").unwrap_or(1),
        batch_group_count: v.int("batch_group_count").unwrap_or(1),
    };
    check_with_jaxr_rule(v, &Primitive::ConvGeneralDilated { conv, out: out.elem })
}
