//! What the syntax layer knows about individual operations: which pretty
//! format each one is printed in, which of its attributes are inherent
//! (properties), and the MLIR naming conventions (`OpAsmOpInterface`) that
//! decide its printed SSA names.

use super::ast::Operation;

/// The pretty (custom assembly) format of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// `op %a, %b attrs : T` or `: (A, B) -> R` (`custom<SameOperandsAndResultType>`).
    SameType,
    /// `op %a, %b attrs : (A, B) -> R`.
    Functional,
    /// `chlo.op %a attrs : T -> R`.
    ChloUnary,
    /// `chlo.op %a, %b attrs : A, B -> R` (`next_after`, `polygamma`, `zeta`).
    ChloBinary,
    /// `chlo.top_k(%x, k = N) attrs : T -> (V, I)`.
    TopK,
    /// `rng %a, %b, %shape, distribution = UNIFORM attrs : (..) -> R` and
    /// `rng_bit_generator %state, algorithm = THREE_FRY attrs : (S) -> (S, R)`:
    /// the operands, then one enumeration (see [`rng_enum`]).
    Rng,
    /// `select %p, %t, %f : P, T` or a functional type.
    Select,
    /// `broadcast_in_dim %x, dims = [..] : (T) -> R`.
    BroadcastInDim,
    /// `transpose %x, dims = [..] : (T) -> R`.
    Transpose,
    /// `reverse %x, dims = [..] : T`.
    Reverse,
    /// `iota dim = N : T`.
    Iota,
    /// `concatenate %a, %b, dim = N : (A, B) -> R`.
    Concatenate,
    /// `slice %x [0:2, 1:4:2] : (T) -> R`.
    Slice,
    /// `pad %x, %v, low = [..], high = [..], interior = [..] : (T, V) -> R`.
    Pad,
    /// `dynamic_slice %x, %i, %j, sizes = [..] : (...) -> R`.
    DynamicSlice,
    /// `compare LT, %a, %b, FLOAT : (A, B) -> R`.
    Compare,
    /// `dot_general %a, %b, batching_dims = .. x .., contracting_dims = .. x .., precision = [..]`.
    DotGeneral,
    /// `dot %a, %b, precision = [..] : (A, B) -> R`.
    Dot,
    /// `convolution(%a, %b) dim_numbers = .., window = {..} {attrs} : (A, B) -> R`.
    Convolution,
    /// `constant dense<...> : T` (stablehlo and chlo).
    Constant,
    /// `reduce(%x init: %i) applies op across dimensions = [..]` or the `reducer` form.
    Reduce,
    /// `while(%iterArg = %x) : T cond {..} do {..}`.
    While,
    /// `stablehlo.return %a : T`.
    StablehloReturn,
    /// `call @f(%a) : (A) -> R`.
    FuncCall,
    /// `return attrs %a : T` (`attr-dict ($operands^ : type($operands))?`),
    /// also Shardy's `sdy.return`, of the same assembly format.
    FuncReturn,
    /// `custom_call @target(%a) {attrs} : (A) -> R`.
    CustomCall,
    /// `optimization_barrier %a, %b : A, B`.
    OptimizationBarrier,
    /// `get_tuple_element %t[N] : (T) -> R`.
    GetTupleElement,
    /// `tuple %a, %b : tuple<A, B>`.
    Tuple,
    /// `after_all %a, %b attrs : !stablehlo.token` (every operand a token).
    AfterAll,
    /// `replica_id attrs : R`: no operands, only the result type.
    ResultType,
    /// `complex %a, %b attrs : R` (the operands of R's real type) or a functional type.
    Complex,
    /// `composite "name" %a, %b attrs : (A, B) -> R`.
    Composite,
    /// `dynamic_iota %shape, dim = N attrs : (S) -> R`, also `get_dimension_size`.
    OperandDim,
    /// `fft %x, type = FFT, length = [..] attrs : (T) -> R`.
    Fft,
    /// `reduce_precision %x, format = e5m10 attrs : T`.
    ReducePrecision,
    /// `sdy.mesh @mesh = <["data"=4]> attrs` (`$sym_name = $mesh attr-dict`):
    /// the mesh without its `#sdy.mesh` prefix.
    SdyMesh,
    /// `sdy.sharding_constraint %x <@mesh, [{"data"}]> attrs : T` (`$input
    /// $sharding attr-dict : type($result)`), also `sdy.reshard`: the
    /// sharding without its `#sdy.sharding` prefix; operand and result share T.
    SdySharding,
    /// `sdy.manual_computation(%a) in_shardings=[..] out_shardings=[..]
    /// manual_axes={..} (%arg1: A1) { body } attrs : (A) -> R`: the shardings
    /// per value as their bare lists, the manual axes as their bare set, the
    /// single block's arguments before its region, which has no block header
    /// (`custom<SingleBlockRegionNoBlockId>`).
    SdyManualComputation,
    /// `sdy.sharding_group %x group_id=N attrs : T` (no results).
    SdyShardingGroup,
}

/// The pretty format of the operation called `name`, if it has one that
/// this module reads and writes. Others are always written generically.
pub(crate) fn format_of(name: &str) -> Option<Format> {
    if let Some(op) = name.strip_prefix("stablehlo.") {
        return stablehlo_format(op);
    }
    if let Some(op) = name.strip_prefix("chlo.") {
        return chlo_format(op);
    }
    if let Some(op) = name.strip_prefix("sdy.") {
        return sdy_format(op);
    }
    match name {
        "func.call" => Some(Format::FuncCall),
        "func.return" => Some(Format::FuncReturn),
        _ => None,
    }
}

/// The binary StableHLO ops of the same-type form (`op %a, %b : T`).
const BINARY_SAME_TYPE: &[&str] = &[
    "add",
    "atan2",
    "and",
    "divide",
    "maximum",
    "minimum",
    "multiply",
    "or",
    "power",
    "remainder",
    "shift_left",
    "shift_right_arithmetic",
    "shift_right_logical",
    "subtract",
    "xor",
];

fn stablehlo_format(op: &str) -> Option<Format> {
    Some(match op {
        "abs"
        | "cbrt"
        | "ceil"
        | "convert"
        | "count_leading_zeros"
        | "cosine"
        | "exponential"
        | "exponential_minus_one"
        | "floor"
        | "imag"
        | "log"
        | "log_plus_one"
        | "logistic"
        | "negate"
        | "not"
        | "popcnt"
        | "real"
        | "round_nearest_afz"
        | "round_nearest_even"
        | "rsqrt"
        | "sign"
        | "sine"
        | "sqrt"
        | "tan"
        | "tanh"
        | "clamp" => Format::SameType,
        binary if BINARY_SAME_TYPE.contains(&binary) => Format::SameType,
        "reshape"
        | "bitcast_convert"
        | "is_finite"
        | "dynamic_update_slice"
        | "dynamic_reshape"
        | "dynamic_pad" => Format::Functional,
        "select" => Format::Select,
        "broadcast_in_dim" => Format::BroadcastInDim,
        "transpose" => Format::Transpose,
        "reverse" => Format::Reverse,
        "iota" => Format::Iota,
        "concatenate" => Format::Concatenate,
        "slice" => Format::Slice,
        "pad" => Format::Pad,
        "dynamic_slice" => Format::DynamicSlice,
        "compare" => Format::Compare,
        "dot_general" => Format::DotGeneral,
        "dot" => Format::Dot,
        "convolution" => Format::Convolution,
        "constant" => Format::Constant,
        "reduce" => Format::Reduce,
        "while" => Format::While,
        "return" => Format::StablehloReturn,
        "custom_call" => Format::CustomCall,
        "optimization_barrier" => Format::OptimizationBarrier,
        "get_tuple_element" => Format::GetTupleElement,
        "tuple" => Format::Tuple,
        "after_all" => Format::AfterAll,
        "replica_id" | "partition_id" | "create_token" => Format::ResultType,
        "complex" => Format::Complex,
        "composite" => Format::Composite,
        "dynamic_iota" | "get_dimension_size" => Format::OperandDim,
        "fft" => Format::Fft,
        "reduce_precision" => Format::ReducePrecision,
        "rng" | "rng_bit_generator" => Format::Rng,
        _ => return None,
    })
}

fn chlo_format(op: &str) -> Option<Format> {
    Some(match op {
        "acos" | "acosh" | "asin" | "asinh" | "atan" | "atanh" | "bessel_i1e" | "conj" | "cosh"
        | "digamma" | "erf" | "erf_inv" | "erfc" | "is_inf" | "is_neg_inf" | "is_pos_inf" | "lgamma"
        | "sinh" | "square" | "tan" => Format::ChloUnary,
        "next_after" | "polygamma" | "zeta" => Format::ChloBinary,
        "top_k" => Format::TopK,
        "constant" => Format::Constant,
        _ if op.starts_with("broadcast_") => Format::Functional,
        _ => return None,
    })
}

/// The ops of Shardy (the `sdy` dialect) that JAX writes.
fn sdy_format(op: &str) -> Option<Format> {
    Some(match op {
        "mesh" => Format::SdyMesh,
        "sharding_constraint" | "reshard" => Format::SdySharding,
        "manual_computation" => Format::SdyManualComputation,
        "sharding_group" => Format::SdyShardingGroup,
        "return" => Format::FuncReturn,
        _ => return None,
    })
}

/// The inherent attributes (stored as properties) of a known operation;
/// any other attribute in its pretty attribute dictionary is discardable.
pub(crate) fn inherent_attrs(name: &str) -> &'static [&'static str] {
    match name {
        "stablehlo.constant" | "chlo.constant" | "chlo.constant_like" => &["value"],
        "stablehlo.broadcast_in_dim" => &["broadcast_dimensions"],
        "stablehlo.transpose" => &["permutation"],
        "stablehlo.reverse" | "stablehlo.reduce" => &["dimensions"],
        "stablehlo.iota" | "stablehlo.dynamic_iota" => &["iota_dimension"],
        "stablehlo.concatenate" | "stablehlo.get_dimension_size" => &["dimension"],
        "stablehlo.fft" => &["fft_type", "fft_length"],
        "stablehlo.composite" => &["name", "composite_attributes", "decomposition", "version"],
        "stablehlo.slice" => &["start_indices", "limit_indices", "strides"],
        "stablehlo.pad" => &["edge_padding_low", "edge_padding_high", "interior_padding"],
        "stablehlo.dynamic_slice" => &["slice_sizes"],
        "stablehlo.compare" => &["comparison_direction", "compare_type"],
        "stablehlo.dot_general" => &["dot_dimension_numbers", "precision_config", "algorithm"],
        "stablehlo.dot" => &["precision_config"],
        "stablehlo.convolution" => &[
            "window_strides",
            "padding",
            "lhs_dilation",
            "rhs_dilation",
            "window_reversal",
            "dimension_numbers",
            "feature_group_count",
            "batch_group_count",
            "precision_config",
        ],
        "stablehlo.custom_call" => &[
            "call_target_name",
            "has_side_effect",
            "backend_config",
            "api_version",
            "called_computations",
            "operand_layouts",
            "result_layouts",
            "output_operand_aliases",
        ],
        "stablehlo.get_tuple_element" => &["index"],
        "stablehlo.gather" => &["dimension_numbers", "slice_sizes", "indices_are_sorted"],
        "stablehlo.scatter" => &["scatter_dimension_numbers", "indices_are_sorted", "unique_indices"],
        "stablehlo.sort" => &["dimension", "is_stable"],
        "stablehlo.reduce_window" => {
            &["window_dimensions", "window_strides", "base_dilations", "window_dilations", "padding"]
        }
        "stablehlo.select_and_scatter" => &["window_dimensions", "window_strides", "padding"],
        "stablehlo.reduce_precision" => &["exponent_bits", "mantissa_bits"],
        "stablehlo.rng" => &["rng_distribution"],
        "stablehlo.rng_bit_generator" => &["rng_algorithm"],
        "chlo.top_k" => &["k", "largest"],
        "stablehlo.cbrt"
        | "stablehlo.cosine"
        | "stablehlo.exponential"
        | "stablehlo.exponential_minus_one"
        | "stablehlo.log"
        | "stablehlo.log_plus_one"
        | "stablehlo.logistic"
        | "stablehlo.rsqrt"
        | "stablehlo.sine"
        | "stablehlo.sqrt"
        | "stablehlo.tan"
        | "stablehlo.tanh" => &["result_accuracy"],
        "func.call" => &["callee", "arg_attrs", "res_attrs", "no_inline"],
        "func.func" => {
            &["sym_name", "function_type", "sym_visibility", "arg_attrs", "res_attrs", "no_inline"]
        }
        "builtin.module" => &["sym_name", "sym_visibility"],
        "sdy.mesh" => &["sym_name", "mesh"],
        "sdy.sharding_constraint" | "sdy.reshard" => &["sharding"],
        "sdy.manual_computation" => &["in_shardings", "out_shardings", "manual_axes"],
        "sdy.sharding_group" => &["group_id"],
        _ if name.starts_with("chlo.broadcast_") => {
            &["broadcast_dimensions", "comparison_direction", "compare_type"]
        }
        _ => &[],
    }
}

/// How many operands an op of the `SameType` form takes (`clamp` three, the
/// binary ops two, the unary ops one).
pub(crate) fn same_type_arity(name: &str) -> usize {
    match name.strip_prefix("stablehlo.").unwrap_or(name) {
        "clamp" => 3,
        binary if BINARY_SAME_TYPE.contains(&binary) => 2,
        _ => 1,
    }
}

/// The type of every operand of `after_all`.
pub(crate) const TOKEN_TYPE: &str = "!stablehlo.token";

/// The attribute an op of the `OperandDim` form spells `dim = N`.
pub(crate) fn dim_attr(name: &str) -> &'static str {
    match name {
        "stablehlo.dynamic_iota" => "iota_dimension",
        _ => "dimension",
    }
}

/// The enumeration an op of the `Rng` form spells after its operands: its
/// keyword and its property, whose name is also the enumeration's in `enums`.
pub(crate) fn rng_enum(name: &str) -> (&'static str, &'static str) {
    match name {
        "stablehlo.rng" => ("distribution", "rng_distribution"),
        _ => ("algorithm", "rng_algorithm"),
    }
}

/// Whether `name` is one of the commutative binary StableHLO operations a
/// compact `reduce` may apply.
pub(crate) fn is_commutative_binary(name: &str) -> bool {
    matches!(
        name,
        "stablehlo.add"
            | "stablehlo.multiply"
            | "stablehlo.maximum"
            | "stablehlo.minimum"
            | "stablehlo.and"
            | "stablehlo.or"
            | "stablehlo.xor"
    )
}

/// The default dialect inside the regions of `name` (`OpAsmOpInterface::getDefaultDialect`).
pub(crate) fn default_dialect(name: &str) -> &'static str {
    match name {
        "func.func" => "func",
        "builtin.module" => "builtin",
        _ => "",
    }
}

/// Whether the regions of `name` cannot see values defined outside them.
/// (This decides name scopes only: MLIR's printer numbers the values of a
/// `sdy.manual_computation` body on from the enclosing region's, see `naming`.)
pub(crate) fn is_isolated_from_above(name: &str) -> bool {
    matches!(name, "func.func" | "builtin.module" | "sdy.manual_computation")
}

/// The name MLIR gives the entry block arguments of `name`'s regions, if
/// the operation names them (`getAsmBlockArgumentNames`).
pub(crate) fn block_arg_name(name: &str) -> Option<&'static str> {
    (name == "stablehlo.while").then_some("iterArg")
}

/// The names MLIR gives the results of `op`, one per result, when its ODS
/// definition names two or more fixed results (`mlir-tblgen` then generates
/// `getAsmResultNames` from them): `%values, %indices = chlo.top_k(...)`.
pub(crate) fn result_names(op: &Operation) -> Option<&'static [&'static str]> {
    let names: &'static [&'static str] = match op.name.as_str() {
        "chlo.top_k" => &["values", "indices"],
        "stablehlo.rng_bit_generator" => &["output_state", "output"],
        "stablehlo.batch_norm_grad" => &["grad_operand", "grad_scale", "grad_offset"],
        "stablehlo.batch_norm_training" => &["output", "batch_mean", "batch_var"],
        _ => return None,
    };
    (op.result_types.len() == names.len()).then_some(names)
}

/// The name MLIR gives the result of `op`, if the operation names it
/// (`getAsmResultNames`): StableHLO constants are `%c` (integer element
/// type) or `%cst`.
pub(crate) fn result_name(op: &Operation) -> Option<&'static str> {
    if op.name != "stablehlo.constant" || op.result_types.len() != 1 {
        return None;
    }
    let ty = op.result_types.first().map_or("", String::as_str);
    Some(if super::attr_text::is_integer_type(super::attr_text::element_type(ty)) { "c" } else { "cst" })
}
