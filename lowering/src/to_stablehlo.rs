//! convert-jaxr-to-stablehlo: every jaxr op becomes the StableHLO ops that
//! compute it, emitted in generic form at the jaxr op's location.

use melior::ir::operation::{OperationLike, OperationRef, OperationRefMut};
use melior::ir::{Value, ValueLike};
use melior::Context;
use mlir_sys::{mlirOperationDestroy, mlirValueReplaceAllUsesOfWith};

use jaxr_dialect::decode::{tensor_type_of_raw, window_of_raw};
use jaxr_dialect::op_table;
use jaxr_dialect::{
    decode, region_mnemonics, rule_call_mnemonics, tensor_type_of, ArgReduceOp, ComparisonDirection,
    ConvDims, DecodedOp, DotDims, ElemType, GatherDims, Primitive, ReduceOp, RoundingMethod, ScatterDims,
    ScatterKind, TensorType, UnaryOp, Window,
};
use jaxr_passes::{Diag, PassDef, PassOptions};

use crate::emitter::{extremes, i64_array, Emitter};

/// The pass definition, registered by [`crate::register_passes`].
pub const PASS: PassDef = PassDef {
    name: "convert-jaxr-to-stablehlo",
    summary: "Lower every jaxr op to StableHLO (generic form), ready for a PJRT plugin",
    options: &[],
    run: run_pass,
};

fn run_pass(module: &mut OperationRefMut, _options: &PassOptions) -> Result<(), Diag> {
    lower_jaxr_ops(module)
}

/// Replaces every jaxr op nested in `root` by StableHLO.
///
/// Function transformations and random ops are refused, at the first such op
/// and before anything changes: other passes expand them into jaxr
/// primitives (`jaxr-autodiff`, `jaxr-vmap`, `jaxr-expand-random`).
pub fn lower_jaxr_ops<'c: 'a, 'a>(root: &impl OperationLike<'c, 'a>) -> Result<(), Diag> {
    let mut jaxr_ops = Vec::new();
    let mut refused = None;
    root.walk(melior::ir::operation::WalkOrder::PreOrder, |op| {
        let name = op.name().as_string_ref().as_str().unwrap_or_default().to_string();
        if let Some(mnemonic) = name.strip_prefix("jaxr.") {
            if refused.is_none() {
                refused = refusal(&name, mnemonic).map(|m| Diag::at(op.location(), m));
            }
            jaxr_ops.push(op.to_raw());
        }
        melior::ir::operation::WalkResult::Advance
    });
    if let Some(error) = refused {
        return Err(error);
    }
    let context_ref = root.context();
    // SAFETY: the context outlives the module being rewritten.
    let context: &Context = unsafe { context_ref.to_ref() };
    // Pre-order: an op with regions is lowered before the ops in its regions,
    // which move (still jaxr) into the StableHLO op and are lowered there.
    for raw in jaxr_ops {
        // SAFETY: the op was collected from the live module and not yet erased.
        let op = unsafe { OperationRef::from_raw(raw) };
        let location = op.location();
        let name = op.name().as_string_ref().as_str().unwrap_or_default().to_string();
        let emitter = Emitter::before(context, op).map_err(|m| Diag::at(location, m))?;
        let operands: Vec<Value> = op.operands().collect();
        let mnemonic = name.strip_prefix("jaxr.").unwrap_or_default();
        let results = match mnemonic {
            m if region_mnemonics().contains(&m) => lower_region_op(&emitter, m, &operands, raw),
            // Its value is the callee's; the rule only matters to jaxr-autodiff.
            m if rule_call_mnemonics().contains(&m) => lower_rule_call(&emitter, &operands, raw),
            _ => {
                let decoded = decode(&op).map_err(|m| Diag::at(location, m))?;
                lower_op(&emitter, &decoded, &operands, raw)
            }
        }
        .map_err(|m| Diag::at(location, format!("cannot lower '{name}': {m}")))?;
        if results.len() != op.result_count() {
            return Err(Diag::at(location, format!("internal error: '{name}' lowered to the wrong arity")));
        }
        // SAFETY: the values are live; the jaxr op is erased after its uses moved.
        unsafe {
            for (i, new) in results.iter().enumerate() {
                let old = mlir_sys::mlirOperationGetResult(raw, i as isize);
                mlirValueReplaceAllUsesOfWith(old, new.to_raw());
            }
            mlirOperationDestroy(raw);
        }
    }
    // The constants each lowered op brought along, one per value per block.
    crate::shared_constants::merge_constants(root.to_raw());
    Ok(())
}

/// Why the jaxr op `name` (`jaxr.<mnemonic>`) is not this pass's to lower,
/// naming the pass that expands it.
fn refusal(name: &str, mnemonic: &str) -> Option<String> {
    if jaxr_dialect::transform_mnemonics().contains(&mnemonic) {
        Some(format!(
            "'{name}' is a function transformation: expand it with jaxr-autodiff or jaxr-vmap before lowering"
        ))
    } else if jaxr_dialect::primitive::random_mnemonics().contains(&mnemonic) {
        Some(format!(
            "cannot lower '{name}': random ops are expanded by jaxr-expand-random first; \
             run it before convert-jaxr-to-stablehlo"
        ))
    } else {
        None
    }
}

/// The types of an op's results.
fn result_types(raw: mlir_sys::MlirOperation) -> Result<Vec<TensorType>, String> {
    // SAFETY: indices below the result count of a live op.
    let n = unsafe { mlir_sys::mlirOperationGetNumResults(raw) };
    (0..n)
        .map(|i| {
            // SAFETY: `i` is below the result count of the live op `raw`.
            tensor_type_of_raw(unsafe {
                mlir_sys::mlirValueGetType(mlir_sys::mlirOperationGetResult(raw, i))
            })
        })
        .collect()
}

/// Lowers `jaxr.while`, `jaxr.cond`, `jaxr.reduce_window` (their regions
/// move into the StableHLO op) and `jaxr.yield` (`stablehlo.return`).
/// A call with a differentiation rule as the plain call it computes.
fn lower_rule_call<'c, 'a>(
    e: &Emitter<'c, 'a>,
    x: &[Value<'c, 'a>],
    raw: mlir_sys::MlirOperation,
) -> Result<Vec<Value<'c, 'a>>, String> {
    let (callee, _) = jaxr_dialect::call_rules::rule_call_of(raw)?;
    e.emit("func.call", x, &result_types(raw)?, &[("callee", format!("@{callee}"))], Vec::new())
}

fn lower_region_op<'c, 'a>(
    e: &Emitter<'c, 'a>,
    mnemonic: &str,
    x: &[Value<'c, 'a>],
    raw: mlir_sys::MlirOperation,
) -> Result<Vec<Value<'c, 'a>>, String> {
    let results = result_types(raw)?;
    match mnemonic {
        "yield" => e.emit("stablehlo.return", x, &[], &[], Vec::new()),
        "while" => e.emit_moving_regions("stablehlo.while", x, &results, &[], raw, &[0, 1]),
        "cond" => {
            let index = x.first().ok_or("expects an index")?;
            if tensor_type_of(index.r#type())?.elem == ElemType::I1 {
                // stablehlo.if takes the true branch first; jaxr.cond's branch 1 is "true".
                e.emit_moving_regions("stablehlo.if", x, &results, &[], raw, &[1, 0])
            } else {
                // SAFETY: a live op.
                let n = unsafe { mlir_sys::mlirOperationGetNumRegions(raw) };
                e.emit_moving_regions("stablehlo.case", x, &results, &[], raw, &(0..n).collect::<Vec<_>>())
            }
        }
        "reduce_window" => {
            let window = window_of_raw(raw)?;
            let input = tensor_type_of(x.first().ok_or("expects an input")?.r#type())?;
            e.emit_moving_regions(
                "stablehlo.reduce_window",
                x,
                &results,
                &window_attributes(&window, input.rank()),
                raw,
                &[0],
            )
        }
        other => Err(format!("'jaxr.{other}' is not an op with regions")),
    }
}

/// `#stablehlo<comparison_type ...>` for an element type, as JAX chooses it.
fn compare_type(elem: ElemType) -> String {
    format!("#stablehlo<comparison_type {}>", crate::from_stablehlo::natural_compare_type(elem))
}

fn direction_name(d: ComparisonDirection) -> &'static str {
    match d {
        ComparisonDirection::Eq => "EQ",
        ComparisonDirection::Ne => "NE",
        ComparisonDirection::Lt => "LT",
        ComparisonDirection::Le => "LE",
        ComparisonDirection::Gt => "GT",
        ComparisonDirection::Ge => "GE",
    }
}

fn compare<'c, 'a>(
    e: &Emitter<'c, 'a>,
    d: ComparisonDirection,
    lhs: Value<'c, 'a>,
    rhs: Value<'c, 'a>,
    operand: &TensorType,
) -> Result<Value<'c, 'a>, String> {
    e.emit1(
        "stablehlo.compare",
        &[lhs, rhs],
        &operand.with_elem(ElemType::I1),
        &[
            ("comparison_direction", format!("#stablehlo<comparison_direction {}>", direction_name(d))),
            ("compare_type", compare_type(operand.elem)),
        ],
    )
}

fn lower_op<'c, 'a>(
    e: &Emitter<'c, 'a>,
    op: &DecodedOp,
    x: &[Value<'c, 'a>],
    raw: mlir_sys::MlirOperation,
) -> Result<Vec<Value<'c, 'a>>, String> {
    match &op.primitive {
        Primitive::Sort { dimension, num_keys, is_stable, descending } => {
            sort(e, x, &op.operands, *dimension, *num_keys, *is_stable, *descending)
        }
        Primitive::TopK { axis, .. } => top_k(e, x[0], &op.operands[0], *axis, &op.results),
        Primitive::OptimizationBarrier => {
            e.emit("stablehlo.optimization_barrier", x, &op.results, &[], Vec::new())
        }
        Primitive::RngBitGenerator { algorithm, .. } => e.emit(
            "stablehlo.rng_bit_generator",
            x,
            &op.results,
            &[("rng_algorithm", format!("#stablehlo<rng_algorithm {}>", algorithm.name()))],
            Vec::new(),
        ),
        _ => lower_one(e, op, x, raw).map(|v| vec![v]),
    }
}

/// Lowers a one-result primitive.
fn lower_one<'c, 'a>(
    e: &Emitter<'c, 'a>,
    op: &DecodedOp,
    x: &[Value<'c, 'a>],
    raw: mlir_sys::MlirOperation,
) -> Result<Value<'c, 'a>, String> {
    let out = op.results.first().ok_or("the op has no result")?;
    let t = |i: usize| &op.operands[i];
    // Ops whose record names a StableHLO counterpart lower by renaming.
    if let Some(name) = op_table::counterpart_of(&format!("jaxr.{}", op.primitive.mnemonic())) {
        return e.emit1(name, x, out, &[]);
    }
    match &op.primitive {
        Primitive::Constant { .. } => {
            // SAFETY: jaxr.constant always carries its `value` (checked by ODS).
            let value = unsafe {
                OperationRef::from_raw(raw).attribute("value").map_err(|_| "missing value attribute")?
            };
            let value_text = value.to_string();
            e.emit1("stablehlo.constant", &[], out, &[("value", value_text)])
        }
        Primitive::Iota { dimension, .. } => {
            e.emit1("stablehlo.iota", &[], out, &[("iota_dimension", format!("{dimension} : i64"))])
        }
        Primitive::Unary(UnaryOp::Square) => e.emit1("stablehlo.multiply", &[x[0], x[0]], out, &[]),
        Primitive::Unary(UnaryOp::Exp2) => {
            // exp2(x) = exp(x * ln 2), as JAX lowers it.
            let ln2 = e.splat_f64(out, std::f64::consts::LN_2)?;
            let scaled = e.emit1("stablehlo.multiply", &[x[0], ln2], out, &[])?;
            e.emit1("stablehlo.exponential", &[scaled], out, &[])
        }
        // The others lower by renaming (above) when their record says so.
        Primitive::Unary(_) | Primitive::Binary(_) | Primitive::IsFinite | Primitive::Clamp => {
            Err(format!("jaxr.{} names no StableHLO counterpart in its ODS record", op.primitive.mnemonic()))
        }
        Primitive::Round(m) => {
            let name = match m {
                RoundingMethod::AwayFromZero => "stablehlo.round_nearest_afz",
                RoundingMethod::ToNearestEven => "stablehlo.round_nearest_even",
            };
            e.emit1(name, x, out, &[])
        }
        Primitive::IntegerPow { y } => integer_pow(e, x[0], *y, out),
        Primitive::ReducePrecision { exponent_bits, mantissa_bits } => e.emit1(
            "stablehlo.reduce_precision",
            x,
            out,
            &[
                ("exponent_bits", format!("{exponent_bits} : i32")),
                ("mantissa_bits", format!("{mantissa_bits} : i32")),
            ],
        ),
        Primitive::Fft { kind, lengths } => e.emit1(
            "stablehlo.fft",
            x,
            out,
            &[
                ("fft_type", format!("#stablehlo<fft_type {}>", kind.name())),
                ("fft_length", i64_array(lengths)),
            ],
        ),
        Primitive::TriangularSolve { left_side, lower, unit_diagonal, transpose_a } => e.emit1(
            "stablehlo.triangular_solve",
            x,
            out,
            &[
                ("left_side", left_side.to_string()),
                ("lower", lower.to_string()),
                ("unit_diagonal", unit_diagonal.to_string()),
                ("transpose_a", format!("#stablehlo<transpose {}>", transpose_a.name())),
            ],
        ),
        Primitive::Compare(d) => compare(e, *d, x[0], x[1], t(0)),
        Primitive::SelectN => select_n(e, x[0], t(0), &x[1..], out),
        Primitive::ConvertElementType { .. } => e.emit1("stablehlo.convert", x, out, &[]),
        Primitive::BitcastConvertType { .. } => e.emit1("stablehlo.bitcast_convert", x, out, &[]),
        Primitive::BroadcastInDim { dims, .. } => {
            e.emit1("stablehlo.broadcast_in_dim", x, out, &[("broadcast_dimensions", i64_array(dims))])
        }
        Primitive::Reshape { .. } => e.emit1("stablehlo.reshape", x, out, &[]),
        Primitive::Transpose { permutation } => {
            e.emit1("stablehlo.transpose", x, out, &[("permutation", i64_array(permutation))])
        }
        Primitive::Rev { dimensions } => {
            e.emit1("stablehlo.reverse", x, out, &[("dimensions", i64_array(dimensions))])
        }
        Primitive::Concatenate { dimension } => {
            e.emit1("stablehlo.concatenate", x, out, &[("dimension", format!("{dimension} : i64"))])
        }
        Primitive::Pad { low, high, interior } => e.emit1(
            "stablehlo.pad",
            x,
            out,
            &[
                ("edge_padding_low", i64_array(low)),
                ("edge_padding_high", i64_array(high)),
                ("interior_padding", i64_array(interior)),
            ],
        ),
        Primitive::Slice { start, limit, strides } => e.emit1(
            "stablehlo.slice",
            x,
            out,
            &[
                ("start_indices", i64_array(start)),
                ("limit_indices", i64_array(limit)),
                ("strides", i64_array(strides)),
            ],
        ),
        Primitive::DynamicSlice { sizes } => {
            e.emit1("stablehlo.dynamic_slice", x, out, &[("slice_sizes", i64_array(sizes))])
        }
        Primitive::DynamicUpdateSlice => e.emit1("stablehlo.dynamic_update_slice", x, out, &[]),
        Primitive::Reduce { op: r, axes } => reduce(e, *r, x[0], t(0), axes, out),
        Primitive::ArgReduce { op: a, axis, index } => arg_reduce(e, *a, x[0], t(0), *axis, *index, out),
        Primitive::DotGeneral { dims, precision, algorithm, .. } => {
            let mut attributes = vec![
                ("dot_dimension_numbers", dot_dimension_numbers(dims)),
                (
                    "precision_config",
                    format!(
                        "[#stablehlo<precision {}>, #stablehlo<precision {}>]",
                        precision[0].name(),
                        precision[1].name()
                    ),
                ),
            ];
            if let Some(algorithm) = algorithm {
                attributes.push(("algorithm", algorithm.to_string()));
            }
            e.emit1("stablehlo.dot_general", x, out, &attributes)
        }
        Primitive::Gather { dims, slice_sizes, indices_are_sorted } => e.emit1(
            "stablehlo.gather",
            x,
            out,
            &[
                ("dimension_numbers", gather_dimension_numbers(dims)),
                ("indices_are_sorted", indices_are_sorted.to_string()),
                ("slice_sizes", i64_array(slice_sizes)),
            ],
        ),
        Primitive::Scatter { kind, dims, indices_are_sorted, unique_indices } => {
            let scalar = TensorType::scalar(out.elem);
            let combiner = match kind {
                ScatterKind::Replace => None,
                ScatterKind::Add => Some("stablehlo.add"),
                ScatterKind::Mul => Some("stablehlo.multiply"),
                ScatterKind::Min => Some("stablehlo.minimum"),
                ScatterKind::Max => Some("stablehlo.maximum"),
            };
            let body = e.region(&[scalar.clone(), scalar.clone()], |b, args| match combiner {
                Some(name) => Ok(vec![b.emit1(name, &[args[0], args[1]], &scalar, &[])?]),
                None => Ok(vec![args[1]]),
            })?;
            let mut results = e.emit(
                "stablehlo.scatter",
                x,
                std::slice::from_ref(out),
                &[
                    ("indices_are_sorted", indices_are_sorted.to_string()),
                    ("scatter_dimension_numbers", scatter_dimension_numbers(dims)),
                    ("unique_indices", unique_indices.to_string()),
                ],
                vec![body],
            )?;
            results.pop().ok_or_else(|| "scatter produced no result".into())
        }
        Primitive::ConvGeneralDilated { conv, .. } => {
            e.emit1("stablehlo.convolution", x, out, &convolution_attributes(conv))
        }
        Primitive::ReduceWindow { op: r, window } => {
            let scalar = TensorType::scalar(t(0).elem);
            let (combiner, init) = reducer(*r, t(0).elem);
            let init = e.splat(&scalar, &init)?;
            let body = e.region(&[scalar.clone(), scalar.clone()], |b, args| {
                Ok(vec![b.emit1(combiner, &[args[0], args[1]], &scalar, &[])?])
            })?;
            let mut results = e.emit(
                "stablehlo.reduce_window",
                &[x[0], init],
                std::slice::from_ref(out),
                &window_attributes(window, t(0).rank()),
                vec![body],
            )?;
            results.pop().ok_or_else(|| "reduce_window produced no result".into())
        }
        Primitive::Sort { .. }
        | Primitive::TopK { .. }
        | Primitive::OptimizationBarrier
        | Primitive::RngBitGenerator { .. } => Err("has several results".into()),
        Primitive::Threefry2x32
        | Primitive::RandomSeed
        | Primitive::RandomSplit { .. }
        | Primitive::RandomFoldIn
        | Primitive::RandomBits { .. }
        | Primitive::RandomUniform { .. }
        | Primitive::RandomNormal { .. }
        | Primitive::RandomRandint { .. } => {
            Err("random ops are expanded by jaxr-expand-random first".into())
        }
    }
}

/// `[1, 2]` as StableHLO writes integer lists inside its attributes.
fn bracketed(v: &[i64]) -> String {
    format!("[{}]", v.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
}

/// `key = [..]` fields of a StableHLO attribute, leaving out empty lists as
/// StableHLO prints them.
fn fields(lists: &[(&str, &[i64])], last: (&str, i64)) -> String {
    let mut out: Vec<String> =
        lists.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k} = {}", bracketed(v))).collect();
    out.push(format!("{} = {}", last.0, last.1));
    out.join(", ")
}

/// `#stablehlo.gather<...>`.
fn gather_dimension_numbers(d: &GatherDims) -> String {
    let body = fields(
        &[
            ("offset_dims", &d.offset_dims),
            ("collapsed_slice_dims", &d.collapsed_slice_dims),
            ("operand_batching_dims", &d.operand_batching_dims),
            ("start_indices_batching_dims", &d.start_indices_batching_dims),
            ("start_index_map", &d.start_index_map),
        ],
        ("index_vector_dim", d.index_vector_dim),
    );
    format!("#stablehlo.gather<{body}>")
}

/// `#stablehlo.scatter<...>`.
fn scatter_dimension_numbers(d: &ScatterDims) -> String {
    let body = fields(
        &[
            ("update_window_dims", &d.update_window_dims),
            ("inserted_window_dims", &d.inserted_window_dims),
            ("input_batching_dims", &d.input_batching_dims),
            ("scatter_indices_batching_dims", &d.scatter_indices_batching_dims),
            ("scatter_dims_to_operand_dims", &d.scatter_dims_to_operand_dims),
        ],
        ("index_vector_dim", d.index_vector_dim),
    );
    format!("#stablehlo.scatter<{body}>")
}

/// `dense<[[lo, hi], ...]> : tensor<Nx2xi64>` from flattened pairs.
fn padding_attr(flat: &[i64]) -> String {
    let pairs: Vec<String> = flat.chunks(2).map(bracketed).collect();
    format!("dense<[{}]> : tensor<{}x2xi64>", pairs.join(", "), pairs.len())
}

/// The window attributes of `stablehlo.reduce_window` (none for rank 0).
fn window_attributes(w: &Window, rank: usize) -> Vec<(&'static str, String)> {
    if rank == 0 {
        return Vec::new();
    }
    vec![
        ("base_dilations", i64_array(&w.base_dilation)),
        ("padding", padding_attr(&w.padding)),
        ("window_dilations", i64_array(&w.window_dilation)),
        ("window_dimensions", i64_array(&w.dimensions)),
        ("window_strides", i64_array(&w.strides)),
    ]
}

/// One side of `#stablehlo.conv<[b, 0, f]x[0, i, o]->[b, 0, f]>`: the
/// letters of the first two spec entries, spatial dimensions by number.
fn conv_side(spec: &[i64], first: &str, second: &str) -> String {
    let mut names = vec![String::new(); spec.len()];
    for (k, &d) in spec.iter().enumerate() {
        if let Some(slot) = names.get_mut(d as usize) {
            *slot = match k {
                0 => first.to_string(),
                1 => second.to_string(),
                _ => (k - 2).to_string(),
            };
        }
    }
    format!("[{}]", names.join(", "))
}

/// The attributes of `stablehlo.convolution`, as JAX writes them.
fn convolution_attributes(c: &ConvDims) -> Vec<(&'static str, String)> {
    let dims = format!(
        "#stablehlo.conv<{}x{}->{}>",
        conv_side(&c.lhs_spec, "b", "f"),
        conv_side(&c.rhs_spec, "o", "i"),
        conv_side(&c.out_spec, "b", "f")
    );
    let mut attrs = vec![
        ("batch_group_count", format!("{} : i64", c.batch_group_count)),
        ("dimension_numbers", dims),
        ("feature_group_count", format!("{} : i64", c.feature_group_count)),
        ("precision_config", "[#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]".to_string()),
    ];
    if !c.window_strides.is_empty() {
        attrs.extend([
            ("lhs_dilation", i64_array(&c.lhs_dilation)),
            ("padding", padding_attr(&c.padding)),
            ("rhs_dilation", i64_array(&c.rhs_dilation)),
            ("window_strides", i64_array(&c.window_strides)),
        ]);
    }
    attrs
}

/// A key of a sort comparator as JAX compares it: floats with -0.0 made 0.0
/// and every NaN made +NaN, then compared in total order.
fn sort_key<'c, 'b>(
    b: &crate::emitter::BodyBuilder<'c, 'b>,
    x: Value<'c, 'b>,
    ty: &TensorType,
) -> Result<Value<'c, 'b>, String> {
    if !ty.elem.is_float() {
        return Ok(x);
    }
    let flag = ty.with_elem(ElemType::I1);
    let zero = b.emit1(
        "stablehlo.constant",
        &[],
        ty,
        &[("value", format!("dense<{}> : {ty}", crate::emitter::literal(ty.elem, 0.0)))],
    )?;
    let nan = b.emit1(
        "stablehlo.constant",
        &[],
        ty,
        &[("value", format!("dense<{}> : {ty}", crate::emitter::literal(ty.elem, f64::NAN)))],
    )?;
    let cmp = |d: &str, l, r| {
        b.emit1(
            "stablehlo.compare",
            &[l, r],
            &flag,
            &[
                ("comparison_direction", format!("#stablehlo<comparison_direction {d}>")),
                ("compare_type", "#stablehlo<comparison_type FLOAT>".to_string()),
            ],
        )
    };
    let is_zero = cmp("EQ", x, zero)?;
    let unsigned_zero = b.emit1("stablehlo.select", &[is_zero, zero, x], ty, &[])?;
    let is_nan = cmp("NE", x, x)?;
    b.emit1("stablehlo.select", &[is_nan, nan, unsigned_zero], ty, &[])
}

/// lax.sort as JAX lowers it: a stablehlo.sort whose comparator orders the
/// first `num_keys` operands lexicographically (LT, or GT when descending).
#[allow(clippy::too_many_arguments)]
fn sort<'c, 'a>(
    e: &Emitter<'c, 'a>,
    x: &[Value<'c, 'a>],
    types: &[TensorType],
    dimension: i64,
    num_keys: i64,
    is_stable: bool,
    descending: bool,
) -> Result<Vec<Value<'c, 'a>>, String> {
    let scalars: Vec<TensorType> = types.iter().map(|t| TensorType::scalar(t.elem)).collect();
    let args: Vec<TensorType> = scalars.iter().flat_map(|s| [s.clone(), s.clone()]).collect();
    let flag = TensorType::scalar(ElemType::I1);
    let body = e.region(&args, |b, a| {
        let compare = |d: &str, l, r, ty: &TensorType| {
            let kind = if ty.elem.is_float() {
                "#stablehlo<comparison_type TOTALORDER>".to_string()
            } else {
                compare_type(ty.elem)
            };
            b.emit1(
                "stablehlo.compare",
                &[l, r],
                &flag,
                &[
                    ("comparison_direction", format!("#stablehlo<comparison_direction {d}>")),
                    ("compare_type", kind),
                ],
            )
        };
        let order = if descending { "GT" } else { "LT" };
        let mut p: Option<Value> = None;
        for k in (0..num_keys as usize).rev() {
            let ty = scalars.get(k).ok_or("num_keys exceeds the operands")?;
            let xk = sort_key(b, a[2 * k], ty)?;
            let yk = sort_key(b, a[2 * k + 1], ty)?;
            let before = compare(order, xk, yk, ty)?;
            p = Some(match p {
                None => before,
                Some(later) => {
                    let tie = compare("EQ", xk, yk, ty)?;
                    let tie_later = b.emit1("stablehlo.and", &[tie, later], &flag, &[])?;
                    b.emit1("stablehlo.or", &[before, tie_later], &flag, &[])?
                }
            });
        }
        Ok(vec![p.ok_or("sort needs at least one key")?])
    })?;
    e.emit(
        "stablehlo.sort",
        x,
        types,
        &[("dimension", format!("{dimension} : i64")), ("is_stable", is_stable.to_string())],
        vec![body],
    )
}

/// lax.top_k as JAX lowers it: chlo.top_k along the last dimension, the
/// axis moved there and back by transposes.
fn top_k<'c, 'a>(
    e: &Emitter<'c, 'a>,
    x: Value<'c, 'a>,
    x_ty: &TensorType,
    axis: i64,
    results: &[TensorType],
) -> Result<Vec<Value<'c, 'a>>, String> {
    let [values, indices] = results else { return Err("expects two results".into()) };
    let k = values.shape.get(axis as usize).copied().ok_or("axis out of range")?;
    let last = x_ty.rank() as i64 - 1;
    if axis == last {
        return e.emit("chlo.top_k", &[x], results, &[("k", format!("{k} : i64"))], Vec::new());
    }
    let mut perm: Vec<i64> = (0..=last).collect();
    perm.swap(axis as usize, last as usize);
    let permute = |t: &TensorType| {
        TensorType::new(perm.iter().map(|&p| t.shape[p as usize]).collect::<Vec<_>>(), t.elem)
    };
    let moved = e.emit1("stablehlo.transpose", &[x], &permute(x_ty), &[("permutation", i64_array(&perm))])?;
    let top = e.emit(
        "chlo.top_k",
        &[moved],
        &[permute(values), permute(indices)],
        &[("k", format!("{k} : i64"))],
        Vec::new(),
    )?;
    top.iter()
        .zip([values, indices])
        .map(|(&v, t)| e.emit1("stablehlo.transpose", &[v], t, &[("permutation", i64_array(&perm))]))
        .collect()
}

/// `#stablehlo.dot<...>`, leaving out empty batching dimensions as StableHLO does.
fn dot_dimension_numbers(d: &DotDims) -> String {
    let list = |v: &[i64]| format!("[{}]", v.iter().map(i64::to_string).collect::<Vec<_>>().join(", "));
    let mut fields = Vec::new();
    if !d.lhs_batch.is_empty() {
        fields.push(format!("lhs_batching_dimensions = {}", list(&d.lhs_batch)));
        fields.push(format!("rhs_batching_dimensions = {}", list(&d.rhs_batch)));
    }
    fields.push(format!("lhs_contracting_dimensions = {}", list(&d.lhs_contracting)));
    fields.push(format!("rhs_contracting_dimensions = {}", list(&d.rhs_contracting)));
    format!("#stablehlo.dot<{}>", fields.join(", "))
}

/// x^y by repeated squaring (as lax.integer_pow lowers); negative y inverts.
fn integer_pow<'c, 'a>(
    e: &Emitter<'c, 'a>,
    x: Value<'c, 'a>,
    y: i64,
    ty: &TensorType,
) -> Result<Value<'c, 'a>, String> {
    let mut n = y.unsigned_abs();
    let mut acc: Option<Value> = None;
    let mut base = x;
    while n > 0 {
        if n & 1 == 1 {
            acc = Some(match acc {
                None => base,
                Some(a) => e.emit1("stablehlo.multiply", &[a, base], ty, &[])?,
            });
        }
        n >>= 1;
        if n > 0 {
            base = e.emit1("stablehlo.multiply", &[base, base], ty, &[])?;
        }
    }
    let positive = match acc {
        Some(v) => v,
        None => return e.splat_f64(ty, 1.0),
    };
    if y < 0 {
        let one = e.splat_f64(ty, 1.0)?;
        e.emit1("stablehlo.divide", &[one, positive], ty, &[])
    } else {
        Ok(positive)
    }
}

/// select_n by bisection: `which < offset + mid` picks the lower half.
fn select_n<'c, 'a>(
    e: &Emitter<'c, 'a>,
    which: Value<'c, 'a>,
    which_ty: &TensorType,
    cases: &[Value<'c, 'a>],
    out: &TensorType,
) -> Result<Value<'c, 'a>, String> {
    if let ([first, second], ElemType::I1) = (cases, which_ty.elem) {
        return e.emit1("stablehlo.select", &[which, *second, *first], out, &[]);
    }
    select_range(e, which, which_ty, cases, 0, out)
}

fn select_range<'c, 'a>(
    e: &Emitter<'c, 'a>,
    which: Value<'c, 'a>,
    which_ty: &TensorType,
    cases: &[Value<'c, 'a>],
    offset: usize,
    out: &TensorType,
) -> Result<Value<'c, 'a>, String> {
    match cases {
        [] => Err("select_n needs at least one case".into()),
        [only] => Ok(*only),
        _ => {
            let mid = cases.len() / 2;
            let low = select_range(e, which, which_ty, &cases[..mid], offset, out)?;
            let high = select_range(e, which, which_ty, &cases[mid..], offset + mid, out)?;
            let bound = e.splat_f64(which_ty, (offset + mid) as f64)?;
            let in_low = compare(e, ComparisonDirection::Lt, which, bound, which_ty)?;
            e.emit1("stablehlo.select", &[in_low, low, high], out, &[])
        }
    }
}

/// The combiner name and the initial value of a reduction.
fn reducer(r: ReduceOp, elem: ElemType) -> (&'static str, String) {
    let (lowest, highest) = extremes(elem);
    match r {
        ReduceOp::Sum => ("stablehlo.add", crate::emitter::literal(elem, 0.0)),
        ReduceOp::Prod => ("stablehlo.multiply", crate::emitter::literal(elem, 1.0)),
        ReduceOp::Max => ("stablehlo.maximum", lowest),
        ReduceOp::Min => ("stablehlo.minimum", highest),
        // All bits set is the identity of `and` for integers; `true` for i1.
        ReduceOp::And => ("stablehlo.and", if elem.is_bool() { "true".into() } else { all_ones(elem) }),
        ReduceOp::Or => ("stablehlo.or", crate::emitter::literal(elem, 0.0)),
    }
}

fn all_ones(elem: ElemType) -> String {
    if elem.is_unsigned_int() {
        extremes(elem).1
    } else {
        "-1".into()
    }
}

fn reduce<'c, 'a>(
    e: &Emitter<'c, 'a>,
    r: ReduceOp,
    x: Value<'c, 'a>,
    x_ty: &TensorType,
    axes: &[i64],
    out: &TensorType,
) -> Result<Value<'c, 'a>, String> {
    let scalar = TensorType::scalar(x_ty.elem);
    let (combiner, init) = reducer(r, x_ty.elem);
    let init = e.splat(&scalar, &init)?;
    let body = e.region(&[scalar.clone(), scalar.clone()], |b, args| {
        Ok(vec![b.emit1(combiner, &[args[0], args[1]], &scalar, &[])?])
    })?;
    let mut results = e.emit(
        "stablehlo.reduce",
        &[x, init],
        std::slice::from_ref(out),
        &[("dimensions", i64_array(axes))],
        vec![body],
    )?;
    results.pop().ok_or_else(|| "reduce produced no result".into())
}

/// argmax/argmin as a two-operand reduce over (values, indices): the better
/// value wins, NaN beats every number, and ties go to the smaller index.
fn arg_reduce<'c, 'a>(
    e: &Emitter<'c, 'a>,
    a: ArgReduceOp,
    x: Value<'c, 'a>,
    x_ty: &TensorType,
    axis: i64,
    index: ElemType,
    out: &TensorType,
) -> Result<Value<'c, 'a>, String> {
    let value = TensorType::scalar(x_ty.elem);
    let idx = TensorType::scalar(index);
    let (lowest, highest) = extremes(x_ty.elem);
    let (init, better) = match a {
        ArgReduceOp::Argmax => (lowest, ComparisonDirection::Gt),
        ArgReduceOp::Argmin => (highest, ComparisonDirection::Lt),
    };
    let init_value = e.splat(&value, &init)?;
    let init_index = e.splat(&idx, "0")?;
    let iota = e.emit1(
        "stablehlo.iota",
        &[],
        &x_ty.with_elem(index),
        &[("iota_dimension", format!("{axis} : i64"))],
    )?;
    let is_float = x_ty.elem.is_float();
    let flag = TensorType::scalar(ElemType::I1);
    let body = e.region(&[value.clone(), idx.clone(), value.clone(), idx.clone()], |b, args| {
        let (xv, xi, yv, yi) = (args[0], args[1], args[2], args[3]);
        let cmp = |d: ComparisonDirection, l, r, ty: &TensorType| {
            b.emit1(
                "stablehlo.compare",
                &[l, r],
                &flag,
                &[
                    (
                        "comparison_direction",
                        format!("#stablehlo<comparison_direction {}>", direction_name(d)),
                    ),
                    ("compare_type", compare_type(ty.elem)),
                ],
            )
        };
        let or = |l, r| b.emit1("stablehlo.or", &[l, r], &flag, &[]);
        let and = |l, r| b.emit1("stablehlo.and", &[l, r], &flag, &[]);
        let strictly_better = cmp(better, xv, yv, &value)?;
        let mut tie = cmp(ComparisonDirection::Eq, xv, yv, &value)?;
        let mut pick_x = strictly_better;
        if is_float {
            let x_nan = cmp(ComparisonDirection::Ne, xv, xv, &value)?;
            let y_nan = cmp(ComparisonDirection::Ne, yv, yv, &value)?;
            let y_num = b.emit1("stablehlo.not", &[y_nan], &flag, &[])?;
            pick_x = or(pick_x, and(x_nan, y_num)?)?;
            tie = or(tie, and(x_nan, y_nan)?)?;
        }
        let x_first = cmp(ComparisonDirection::Lt, xi, yi, &idx)?;
        pick_x = or(pick_x, and(tie, x_first)?)?;
        let v = b.emit1("stablehlo.select", &[pick_x, xv, yv], &value, &[])?;
        let i = b.emit1("stablehlo.select", &[pick_x, xi, yi], &idx, &[])?;
        Ok(vec![v, i])
    })?;
    let results = e.emit(
        "stablehlo.reduce",
        &[x, iota, init_value, init_index],
        &[out.with_elem(x_ty.elem), out.clone()],
        &[("dimensions", i64_array(&[axis]))],
        vec![body],
    )?;
    results.get(1).copied().ok_or_else(|| "reduce produced no index result".into())
}
