//! Reading jaxr operations off MLIR: op name and attributes to a
//! [`Primitive`], MLIR types to [`TensorType`]s, and back.

use melior::ir::{Attribute, Type, TypeLike};
use melior::Context;
use mlir_sys::{
    mlirComplexTypeGetElementType, mlirIdentifierStr, mlirIntegerTypeGetWidth, mlirIntegerTypeIsSigned,
    mlirIntegerTypeIsUnsigned, mlirOperationGetName, mlirOperationGetNumOperands, mlirOperationGetNumResults,
    mlirOperationGetOperand, mlirOperationGetResult, mlirShapedTypeGetDimSize, mlirShapedTypeGetElementType,
    mlirShapedTypeGetRank, mlirShapedTypeHasStaticShape, mlirTypeIsABF16, mlirTypeIsAComplex, mlirTypeIsAF16,
    mlirTypeIsAF32, mlirTypeIsAF64, mlirTypeIsAFloat, mlirTypeIsAInteger, mlirTypeIsARankedTensor,
    mlirValueGetType, MlirAttribute, MlirOperation, MlirType,
};

use crate::primitive::{
    ArgReduceOp, BinaryOp, ComparisonDirection, ConvDims, DotDims, GatherDims, Precision, Primitive,
    ReduceOp, RngAlgorithm, RoundingMethod, ScatterDims, ScatterKind, UnaryOp, Window,
};
use crate::raw;
use crate::types::{ElemType, TensorType};
use crate::DotAlgorithm;

/// The element type of an MLIR scalar type, if jaxr supports it.
pub fn elem_type_of_raw(t: MlirType) -> Option<ElemType> {
    // SAFETY: type queries on a valid type handle.
    unsafe {
        if mlirTypeIsAF32(t) {
            return Some(ElemType::F32);
        }
        if mlirTypeIsAF64(t) {
            return Some(ElemType::F64);
        }
        if mlirTypeIsAF16(t) {
            return Some(ElemType::F16);
        }
        if mlirTypeIsABF16(t) {
            return Some(ElemType::BF16);
        }
        if mlirTypeIsAComplex(t) {
            return match elem_type_of_raw(mlirComplexTypeGetElementType(t))? {
                ElemType::F32 => Some(ElemType::C64),
                ElemType::F64 => Some(ElemType::C128),
                _ => None,
            };
        }
        if mlirTypeIsAFloat(t) {
            // The small floats, by name (MLIR's C API has no query for each).
            return type_text(t).parse().ok().filter(|e: &ElemType| e.is_small_float());
        }
        if !mlirTypeIsAInteger(t) || mlirIntegerTypeIsSigned(t) {
            return None;
        }
        let unsigned = mlirIntegerTypeIsUnsigned(t);
        Some(match (mlirIntegerTypeGetWidth(t), unsigned) {
            (1, false) => ElemType::I1,
            (2, false) => ElemType::I2,
            (4, false) => ElemType::I4,
            (2, true) => ElemType::UI2,
            (4, true) => ElemType::UI4,
            (8, false) => ElemType::I8,
            (16, false) => ElemType::I16,
            (32, false) => ElemType::I32,
            (64, false) => ElemType::I64,
            (8, true) => ElemType::UI8,
            (16, true) => ElemType::UI16,
            (32, true) => ElemType::UI32,
            (64, true) => ElemType::UI64,
            _ => return None,
        })
    }
}

/// Converts an MLIR type to a static tensor type, or says why it is not one.
pub fn tensor_type_of_raw(t: MlirType) -> Result<TensorType, String> {
    let describe = || type_text(t);
    // SAFETY: type queries on a valid type handle.
    unsafe {
        if !mlirTypeIsARankedTensor(t) {
            return Err(format!("expected a ranked tensor type, found {}", describe()));
        }
        if !mlirShapedTypeHasStaticShape(t) {
            return Err(format!("expected a static shape, found {}", describe()));
        }
        let elem = elem_type_of_raw(mlirShapedTypeGetElementType(t))
            .ok_or_else(|| format!("unsupported element type in {}", describe()))?;
        let rank = mlirShapedTypeGetRank(t);
        let shape = (0..rank).map(|i| mlirShapedTypeGetDimSize(t, i as isize)).collect();
        Ok(TensorType { shape, elem })
    }
}

fn type_text(t: MlirType) -> String {
    // SAFETY: `t` is a valid type owned by a live context.
    unsafe { Type::from_raw(t) }.to_string()
}

/// Converts a melior type to a static tensor type.
pub fn tensor_type_of(t: Type) -> Result<TensorType, String> {
    tensor_type_of_raw(t.to_raw())
}

/// Builds the MLIR type for a tensor type.
pub fn mlir_type<'c>(context: &'c Context, ty: &TensorType) -> Type<'c> {
    // The printed form is always valid syntax for a static tensor type.
    Type::parse(context, &ty.to_string()).expect("a TensorType always prints as a valid MLIR type")
}

/// Builds the MLIR type for a scalar element type.
pub fn mlir_elem_type(context: &Context, elem: ElemType) -> Type<'_> {
    Type::parse(context, elem.name()).expect("element type names are valid MLIR types")
}

/// A jaxr operation decoded into plain values.
#[derive(Clone, Debug)]
pub struct DecodedOp {
    pub primitive: Primitive,
    pub operands: Vec<TensorType>,
    pub results: Vec<TensorType>,
}

struct RawOp(MlirOperation);

impl RawOp {
    fn attr(&self, name: &str) -> Result<MlirAttribute, String> {
        raw::attribute(self.0, name).ok_or_else(|| format!("requires attribute '{name}'"))
    }

    fn int(&self, name: &str) -> Result<i64, String> {
        raw::integer(self.attr(name)?).ok_or_else(|| format!("attribute '{name}' must be an integer"))
    }

    fn bool(&self, name: &str) -> Result<bool, String> {
        raw::boolean(self.attr(name)?).ok_or_else(|| format!("attribute '{name}' must be a boolean"))
    }

    fn window(&self) -> Result<Window, String> {
        Ok(Window {
            dimensions: self.ints("window_dimensions")?,
            strides: self.ints("window_strides")?,
            padding: self.ints("padding")?,
            base_dilation: self.ints("base_dilation")?,
            window_dilation: self.ints("window_dilation")?,
        })
    }

    /// The optional `precision` of a dot: `array<i64: lhs, rhs>` of
    /// lax.Precision codes; absent means DEFAULT for both.
    fn precision(&self) -> Result<[Precision; 2], String> {
        if raw::attribute(self.0, "precision").is_none() {
            return Ok(Default::default());
        }
        match self.ints("precision")?[..] {
            [l, r] => match (Precision::from_code(l), Precision::from_code(r)) {
                (Some(l), Some(r)) => Ok([l, r]),
                _ => Err(format!(
                    "precision codes must be 0 (DEFAULT), 1 (HIGH) or 2 (HIGHEST), found {l} and {r}"
                )),
            },
            ref other => Err(format!("precision must hold 2 codes (lhs, rhs), found {}", other.len())),
        }
    }

    /// The optional `algorithm` of a dot (`#stablehlo.dot_algorithm<...>`).
    fn algorithm(&self) -> Result<Option<DotAlgorithm>, String> {
        let Some(attr) = raw::attribute(self.0, "algorithm") else { return Ok(None) };
        // SAFETY: a live attribute of a live op.
        let text = unsafe { melior::ir::Attribute::from_raw(attr) }.to_string();
        DotAlgorithm::parse(&text).map(Some)
    }

    fn ints(&self, name: &str) -> Result<Vec<i64>, String> {
        raw::i64_array(self.attr(name)?)
            .ok_or_else(|| format!("attribute '{name}' must be an array<i64: ...>"))
    }
}

/// The full name of an operation (`jaxr.add`, `func.return`, ...).
pub fn op_name_raw(op: MlirOperation) -> String {
    // SAFETY: valid op handle.
    raw::to_string(unsafe { mlirIdentifierStr(mlirOperationGetName(op)) })
}

fn value_types(
    op: MlirOperation,
    count: unsafe extern "C" fn(MlirOperation) -> isize,
    get: unsafe extern "C" fn(MlirOperation, isize) -> mlir_sys::MlirValue,
    what: &str,
) -> Result<Vec<TensorType>, String> {
    // SAFETY: indices are in range; valid op handle.
    let n = unsafe { count(op) };
    (0..n)
        .map(|i| {
            // SAFETY: `get(op, i)` is a value of the live op `op`, `i` below its count.
            tensor_type_of_raw(unsafe { mlirValueGetType(get(op, i)) })
                .map_err(|e| format!("{what} #{i}: {e}"))
        })
        .collect()
}

/// Decodes a `jaxr.*` operation. Errors name what is missing or malformed.
pub fn decode_raw(op: MlirOperation) -> Result<DecodedOp, String> {
    let name = op_name_raw(op);
    let mnemonic = name.strip_prefix("jaxr.").ok_or_else(|| format!("'{name}' is not a jaxr op"))?;
    let operands = value_types(op, mlirOperationGetNumOperands, mlirOperationGetOperand, "operand")?;
    let results = value_types(op, mlirOperationGetNumResults, mlirOperationGetResult, "result")?;
    let raw = RawOp(op);
    let result = |i: usize| -> Result<TensorType, String> {
        results.get(i).cloned().ok_or_else(|| format!("expects a result #{i}"))
    };
    let primitive = if let Some(u) = UnaryOp::ALL.iter().find(|u| u.mnemonic() == mnemonic) {
        Primitive::Unary(*u)
    } else if let Some(b) = BinaryOp::ALL.iter().find(|b| b.mnemonic() == mnemonic) {
        Primitive::Binary(*b)
    } else if let Some(r) = ReduceOp::ALL.iter().find(|r| r.mnemonic() == mnemonic) {
        Primitive::Reduce { op: *r, axes: raw.ints("axes")? }
    } else if let Some(r) = ReduceOp::WINDOWED.iter().find(|r| r.window_mnemonic() == Some(mnemonic)) {
        Primitive::ReduceWindow { op: *r, window: raw.window()? }
    } else if let Some(kind) = ScatterKind::ALL.iter().find(|k| k.mnemonic() == mnemonic) {
        Primitive::Scatter {
            kind: *kind,
            dims: ScatterDims {
                update_window_dims: raw.ints("update_window_dims")?,
                inserted_window_dims: raw.ints("inserted_window_dims")?,
                input_batching_dims: raw.ints("input_batching_dims")?,
                scatter_indices_batching_dims: raw.ints("scatter_indices_batching_dims")?,
                scatter_dims_to_operand_dims: raw.ints("scatter_dims_to_operand_dims")?,
                index_vector_dim: raw.int("index_vector_dim")?,
            },
            indices_are_sorted: raw.bool("indices_are_sorted")?,
            unique_indices: raw.bool("unique_indices")?,
        }
    } else {
        match mnemonic {
            "constant" => Primitive::Constant { ty: result(0)? },
            "iota" => Primitive::Iota { dimension: raw.int("dimension")?, ty: result(0)? },
            "round" => Primitive::Round(
                RoundingMethod::from_code(raw.int("rounding_method")?).ok_or("unknown rounding method")?,
            ),
            "integer_pow" => Primitive::IntegerPow { y: raw.int("y")? },
            "fft" => Primitive::Fft {
                kind: crate::fft::FftKind::from_code(raw.int("fft_type")?)
                    .ok_or("fft_type must be 0 (FFT), 1 (IFFT), 2 (RFFT) or 3 (IRFFT)")?,
                lengths: raw.ints("fft_length")?,
            },
            "triangular_solve" => Primitive::TriangularSolve {
                left_side: raw.bool("left_side")?,
                lower: raw.bool("lower")?,
                unit_diagonal: raw.bool("unit_diagonal")?,
                transpose_a: crate::linalg::TransposeA::from_code(raw.int("transpose_a")?)
                    .ok_or("transpose_a must be 0 (NO_TRANSPOSE), 1 (TRANSPOSE) or 2 (ADJOINT)")?,
            },
            "reduce_precision" => Primitive::ReducePrecision {
                exponent_bits: raw.int("exponent_bits")?,
                mantissa_bits: raw.int("mantissa_bits")?,
            },
            "is_finite" => Primitive::IsFinite,
            "compare" => Primitive::Compare(
                ComparisonDirection::from_code(raw.int("direction")?)
                    .ok_or("unknown comparison direction")?,
            ),
            "select_n" => Primitive::SelectN,
            "clamp" => Primitive::Clamp,
            "convert_element_type" => Primitive::ConvertElementType { to: result(0)?.elem },
            "bitcast_convert_type" => Primitive::BitcastConvertType { to: result(0)?.elem },
            "broadcast_in_dim" => {
                Primitive::BroadcastInDim { shape: result(0)?.shape, dims: raw.ints("broadcast_dimensions")? }
            }
            "reshape" => Primitive::Reshape { shape: result(0)?.shape },
            "threefry2x32" => Primitive::Threefry2x32,
            "random_seed" => Primitive::RandomSeed,
            "random_split" => {
                Primitive::RandomSplit { count: result(0)?.shape.first().copied().unwrap_or(0) }
            }
            "random_fold_in" => Primitive::RandomFoldIn,
            "random_bits" => Primitive::RandomBits { shape: result(0)?.shape },
            "random_uniform" => Primitive::RandomUniform { ty: result(0)? },
            "random_normal" => Primitive::RandomNormal { ty: result(0)? },
            "random_randint" => Primitive::RandomRandint { ty: result(0)? },
            "transpose" => Primitive::Transpose { permutation: raw.ints("permutation")? },
            "rev" => Primitive::Rev { dimensions: raw.ints("dimensions")? },
            "concatenate" => Primitive::Concatenate { dimension: raw.int("dimension")? },
            "pad" => Primitive::Pad {
                low: raw.ints("low")?,
                high: raw.ints("high")?,
                interior: raw.ints("interior")?,
            },
            "slice" => Primitive::Slice {
                start: raw.ints("start_indices")?,
                limit: raw.ints("limit_indices")?,
                strides: raw.ints("strides")?,
            },
            "dynamic_slice" => Primitive::DynamicSlice { sizes: raw.ints("slice_sizes")? },
            "dynamic_update_slice" => Primitive::DynamicUpdateSlice,
            "argmax" | "argmin" => Primitive::ArgReduce {
                op: if mnemonic == "argmax" { ArgReduceOp::Argmax } else { ArgReduceOp::Argmin },
                axis: raw.int("axis")?,
                index: result(0)?.elem,
            },
            "dot_general" => Primitive::DotGeneral {
                dims: DotDims {
                    lhs_contracting: raw.ints("lhs_contracting_dimensions")?,
                    rhs_contracting: raw.ints("rhs_contracting_dimensions")?,
                    lhs_batch: raw.ints("lhs_batch_dimensions")?,
                    rhs_batch: raw.ints("rhs_batch_dimensions")?,
                },
                out: result(0)?.elem,
                precision: raw.precision()?,
                algorithm: raw.algorithm()?,
            },
            "gather" => Primitive::Gather {
                dims: GatherDims {
                    offset_dims: raw.ints("offset_dims")?,
                    collapsed_slice_dims: raw.ints("collapsed_slice_dims")?,
                    operand_batching_dims: raw.ints("operand_batching_dims")?,
                    start_indices_batching_dims: raw.ints("start_indices_batching_dims")?,
                    start_index_map: raw.ints("start_index_map")?,
                    index_vector_dim: raw.int("index_vector_dim")?,
                },
                slice_sizes: raw.ints("slice_sizes")?,
                indices_are_sorted: raw.bool("indices_are_sorted")?,
            },
            "conv_general_dilated" => Primitive::ConvGeneralDilated {
                conv: ConvDims {
                    window_strides: raw.ints("window_strides")?,
                    padding: raw.ints("padding")?,
                    lhs_dilation: raw.ints("lhs_dilation")?,
                    rhs_dilation: raw.ints("rhs_dilation")?,
                    lhs_spec: raw.ints("lhs_spec")?,
                    rhs_spec: raw.ints("rhs_spec")?,
                    out_spec: raw.ints("out_spec")?,
                    feature_group_count: raw.int("feature_group_count")?,
                    batch_group_count: raw.int("batch_group_count")?,
                },
                out: result(0)?.elem,
            },
            "sort" => Primitive::Sort {
                dimension: raw.int("dimension")?,
                num_keys: raw.int("num_keys")?,
                is_stable: raw.bool("is_stable")?,
                descending: raw.bool("descending")?,
            },
            "top_k" => Primitive::TopK { k: raw.int("k")?, axis: raw.int("axis")? },
            "optimization_barrier" => Primitive::OptimizationBarrier,
            "rng_bit_generator" => Primitive::RngBitGenerator {
                algorithm: RngAlgorithm::from_code(raw.int("algorithm")?)
                    .ok_or("unknown random algorithm")?,
                out: result(1)?,
            },
            other => return Err(format!("'jaxr.{other}' has no shape rule")),
        }
    };
    Ok(DecodedOp { primitive, operands, results })
}

/// Decodes a jaxr operation given as a melior operation.
pub fn decode<'c: 'a, 'a>(
    op: &impl melior::ir::operation::OperationLike<'c, 'a>,
) -> Result<DecodedOp, String> {
    decode_raw(op.to_raw())
}

/// The attributes that encode `prim` on an MLIR operation, in a fixed order.
pub fn attributes_of<'c>(context: &'c Context, prim: &Primitive) -> Vec<(&'static str, Attribute<'c>)> {
    let ints = |v: &[i64]| {
        let body: Vec<String> = v.iter().map(i64::to_string).collect();
        let text =
            if v.is_empty() { "array<i64>".to_string() } else { format!("array<i64: {}>", body.join(", ")) };
        Attribute::parse(context, &text).expect("array attributes always parse")
    };
    let int = |x: i64, ty: &str| {
        Attribute::parse(context, &format!("{x} : {ty}")).expect("integer attributes always parse")
    };
    let boolean = |b: bool| Attribute::parse(context, &b.to_string()).expect("booleans always parse");
    match prim {
        Primitive::Iota { dimension, .. } => vec![("dimension", int(*dimension, "i64"))],
        Primitive::Round(m) => vec![("rounding_method", int(m.code(), "i32"))],
        Primitive::RngBitGenerator { algorithm, .. } => vec![("algorithm", int(algorithm.code(), "i32"))],
        Primitive::IntegerPow { y } => vec![("y", int(*y, "i64"))],
        Primitive::Fft { kind, lengths } => {
            vec![("fft_type", int(kind.code(), "i32")), ("fft_length", ints(lengths))]
        }
        Primitive::TriangularSolve { left_side, lower, unit_diagonal, transpose_a } => vec![
            ("left_side", boolean(*left_side)),
            ("lower", boolean(*lower)),
            ("unit_diagonal", boolean(*unit_diagonal)),
            ("transpose_a", int(transpose_a.code(), "i32")),
        ],
        Primitive::ReducePrecision { exponent_bits, mantissa_bits } => {
            vec![("exponent_bits", int(*exponent_bits, "i32")), ("mantissa_bits", int(*mantissa_bits, "i32"))]
        }
        Primitive::Compare(d) => vec![("direction", int(d.code(), "i32"))],
        Primitive::BroadcastInDim { dims, .. } => vec![("broadcast_dimensions", ints(dims))],
        Primitive::Transpose { permutation } => vec![("permutation", ints(permutation))],
        Primitive::Rev { dimensions } => vec![("dimensions", ints(dimensions))],
        Primitive::Concatenate { dimension } => vec![("dimension", int(*dimension, "i64"))],
        Primitive::Pad { low, high, interior } => {
            vec![("low", ints(low)), ("high", ints(high)), ("interior", ints(interior))]
        }
        Primitive::Slice { start, limit, strides } => {
            vec![("start_indices", ints(start)), ("limit_indices", ints(limit)), ("strides", ints(strides))]
        }
        Primitive::DynamicSlice { sizes } => vec![("slice_sizes", ints(sizes))],
        Primitive::Reduce { axes, .. } => vec![("axes", ints(axes))],
        Primitive::ArgReduce { axis, .. } => vec![("axis", int(*axis, "i64"))],
        Primitive::DotGeneral { dims, precision, algorithm, .. } => {
            let mut attrs = vec![
                ("lhs_contracting_dimensions", ints(&dims.lhs_contracting)),
                ("rhs_contracting_dimensions", ints(&dims.rhs_contracting)),
                ("lhs_batch_dimensions", ints(&dims.lhs_batch)),
                ("rhs_batch_dimensions", ints(&dims.rhs_batch)),
            ];
            if *precision != <[Precision; 2]>::default() {
                attrs.push(("precision", ints(&[precision[0].code(), precision[1].code()])));
            }
            if let Some(algorithm) = algorithm {
                let text = algorithm.to_string();
                attrs.push((
                    "algorithm",
                    Attribute::parse(context, &text).expect("dot algorithms always parse"),
                ));
            }
            attrs
        }
        Primitive::Gather { dims, slice_sizes, indices_are_sorted } => vec![
            ("offset_dims", ints(&dims.offset_dims)),
            ("collapsed_slice_dims", ints(&dims.collapsed_slice_dims)),
            ("operand_batching_dims", ints(&dims.operand_batching_dims)),
            ("start_indices_batching_dims", ints(&dims.start_indices_batching_dims)),
            ("start_index_map", ints(&dims.start_index_map)),
            ("index_vector_dim", int(dims.index_vector_dim, "i64")),
            ("slice_sizes", ints(slice_sizes)),
            ("indices_are_sorted", boolean(*indices_are_sorted)),
        ],
        Primitive::Scatter { dims, indices_are_sorted, unique_indices, .. } => vec![
            ("update_window_dims", ints(&dims.update_window_dims)),
            ("inserted_window_dims", ints(&dims.inserted_window_dims)),
            ("input_batching_dims", ints(&dims.input_batching_dims)),
            ("scatter_indices_batching_dims", ints(&dims.scatter_indices_batching_dims)),
            ("scatter_dims_to_operand_dims", ints(&dims.scatter_dims_to_operand_dims)),
            ("index_vector_dim", int(dims.index_vector_dim, "i64")),
            ("indices_are_sorted", boolean(*indices_are_sorted)),
            ("unique_indices", boolean(*unique_indices)),
        ],
        Primitive::ConvGeneralDilated { conv, .. } => vec![
            ("window_strides", ints(&conv.window_strides)),
            ("padding", ints(&conv.padding)),
            ("lhs_dilation", ints(&conv.lhs_dilation)),
            ("rhs_dilation", ints(&conv.rhs_dilation)),
            ("lhs_spec", ints(&conv.lhs_spec)),
            ("rhs_spec", ints(&conv.rhs_spec)),
            ("out_spec", ints(&conv.out_spec)),
            ("feature_group_count", int(conv.feature_group_count, "i64")),
            ("batch_group_count", int(conv.batch_group_count, "i64")),
        ],
        Primitive::ReduceWindow { window, .. } => window_attributes(context, window),
        Primitive::Sort { dimension, num_keys, is_stable, descending } => vec![
            ("dimension", int(*dimension, "i64")),
            ("num_keys", int(*num_keys, "i64")),
            ("is_stable", boolean(*is_stable)),
            ("descending", boolean(*descending)),
        ],
        Primitive::TopK { k, axis } => vec![("k", int(*k, "i64")), ("axis", int(*axis, "i64"))],
        _ => Vec::new(),
    }
}

/// The attributes of a sliding window (reduce_window_* and the generic
/// jaxr.reduce_window), in a fixed order.
pub fn window_attributes<'c>(context: &'c Context, w: &Window) -> Vec<(&'static str, Attribute<'c>)> {
    let ints = |v: &[i64]| {
        let body: Vec<String> = v.iter().map(i64::to_string).collect();
        let text =
            if v.is_empty() { "array<i64>".to_string() } else { format!("array<i64: {}>", body.join(", ")) };
        Attribute::parse(context, &text).expect("array attributes always parse")
    };
    vec![
        ("window_dimensions", ints(&w.dimensions)),
        ("window_strides", ints(&w.strides)),
        ("padding", ints(&w.padding)),
        ("base_dilation", ints(&w.base_dilation)),
        ("window_dilation", ints(&w.window_dilation)),
    ]
}

/// Reads the sliding window of a `jaxr.reduce_window*` op.
pub fn window_of_raw(op: MlirOperation) -> Result<Window, String> {
    RawOp(op).window()
}
