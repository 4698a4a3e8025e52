//! The jaxr primitives as plain Rust values: an op kind together with the
//! attributes that determine its result type.
//!
//! A [`Primitive`] is what the shape rules, the builders and the e-graph work
//! with; [`crate::decode`] reads one off an MLIR operation.

use crate::types::{ElemType, TensorType};

/// Elementwise unary primitives whose result type equals the operand type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnaryOp {
    Neg,
    Abs,
    Sign,
    Floor,
    Ceil,
    Exp,
    Exp2,
    Log,
    Log1p,
    Expm1,
    Sqrt,
    Rsqrt,
    Cbrt,
    Sin,
    Cos,
    Tan,
    Tanh,
    Logistic,
    Not,
    Square,
    PopulationCount,
    Clz,
    Erf,
    Erfc,
    ErfInv,
}

/// Which element types an elementwise primitive accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepts {
    /// f16, bf16, f32, f64.
    Float,
    /// Signed integers and floats.
    SignedOrFloat,
    /// Integers and floats (not i1).
    Numeric,
    /// Integers (not i1).
    Int,
    /// Integers and i1.
    IntOrBool,
    /// Every element type.
    Any,
}

impl Accepts {
    pub fn admits(self, t: ElemType) -> bool {
        match self {
            Accepts::Float => t.is_float(),
            Accepts::SignedOrFloat => t.is_signed_int() || t.is_float(),
            Accepts::Numeric => t.is_numeric(),
            Accepts::Int => t.is_int(),
            Accepts::IntOrBool => t.is_int() || t.is_bool(),
            Accepts::Any => true,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Accepts::Float => "a floating-point element type",
            Accepts::SignedOrFloat => "a signed integer or floating-point element type",
            Accepts::Numeric => "an integer or floating-point element type (not i1)",
            Accepts::Int => "an integer element type (not i1)",
            Accepts::IntOrBool => "an integer or i1 element type",
            Accepts::Any => "any element type",
        }
    }
}

impl UnaryOp {
    pub const ALL: [UnaryOp; 25] = [
        UnaryOp::Neg,
        UnaryOp::Abs,
        UnaryOp::Sign,
        UnaryOp::Floor,
        UnaryOp::Ceil,
        UnaryOp::Exp,
        UnaryOp::Exp2,
        UnaryOp::Log,
        UnaryOp::Log1p,
        UnaryOp::Expm1,
        UnaryOp::Sqrt,
        UnaryOp::Rsqrt,
        UnaryOp::Cbrt,
        UnaryOp::Sin,
        UnaryOp::Cos,
        UnaryOp::Tan,
        UnaryOp::Tanh,
        UnaryOp::Logistic,
        UnaryOp::Not,
        UnaryOp::Square,
        UnaryOp::PopulationCount,
        UnaryOp::Clz,
        UnaryOp::Erf,
        UnaryOp::Erfc,
        UnaryOp::ErfInv,
    ];

    /// The op's mnemonic in the jaxr dialect.
    pub fn mnemonic(self) -> &'static str {
        match self {
            UnaryOp::Neg => "neg",
            UnaryOp::Abs => "abs",
            UnaryOp::Sign => "sign",
            UnaryOp::Floor => "floor",
            UnaryOp::Ceil => "ceil",
            UnaryOp::Exp => "exp",
            UnaryOp::Exp2 => "exp2",
            UnaryOp::Log => "log",
            UnaryOp::Log1p => "log1p",
            UnaryOp::Expm1 => "expm1",
            UnaryOp::Sqrt => "sqrt",
            UnaryOp::Rsqrt => "rsqrt",
            UnaryOp::Cbrt => "cbrt",
            UnaryOp::Sin => "sin",
            UnaryOp::Cos => "cos",
            UnaryOp::Tan => "tan",
            UnaryOp::Tanh => "tanh",
            UnaryOp::Logistic => "logistic",
            UnaryOp::Not => "not",
            UnaryOp::Square => "square",
            UnaryOp::PopulationCount => "population_count",
            UnaryOp::Clz => "clz",
            UnaryOp::Erf => "erf",
            UnaryOp::Erfc => "erfc",
            UnaryOp::ErfInv => "erf_inv",
        }
    }

    /// Which element types the operand may have.
    pub fn accepts(self) -> Accepts {
        match self {
            UnaryOp::Neg | UnaryOp::Abs | UnaryOp::Sign => Accepts::SignedOrFloat,
            UnaryOp::Square => Accepts::Numeric,
            UnaryOp::Not => Accepts::IntOrBool,
            UnaryOp::PopulationCount | UnaryOp::Clz => Accepts::Int,
            _ => Accepts::Float,
        }
    }
}

/// Elementwise binary primitives whose operands and result share one type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
    Max,
    Min,
    Atan2,
    And,
    Or,
    Xor,
    ShiftLeft,
    ShiftRightLogical,
    ShiftRightArithmetic,
}

impl BinaryOp {
    pub const ALL: [BinaryOp; 15] = [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
        BinaryOp::Rem,
        BinaryOp::Pow,
        BinaryOp::Max,
        BinaryOp::Min,
        BinaryOp::Atan2,
        BinaryOp::And,
        BinaryOp::Or,
        BinaryOp::Xor,
        BinaryOp::ShiftLeft,
        BinaryOp::ShiftRightLogical,
        BinaryOp::ShiftRightArithmetic,
    ];

    pub fn mnemonic(self) -> &'static str {
        match self {
            BinaryOp::Add => "add",
            BinaryOp::Sub => "sub",
            BinaryOp::Mul => "mul",
            BinaryOp::Div => "div",
            BinaryOp::Rem => "rem",
            BinaryOp::Pow => "pow",
            BinaryOp::Max => "max",
            BinaryOp::Min => "min",
            BinaryOp::Atan2 => "atan2",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::Xor => "xor",
            BinaryOp::ShiftLeft => "shift_left",
            BinaryOp::ShiftRightLogical => "shift_right_logical",
            BinaryOp::ShiftRightArithmetic => "shift_right_arithmetic",
        }
    }

    pub fn accepts(self) -> Accepts {
        match self {
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Rem => Accepts::Numeric,
            BinaryOp::Pow | BinaryOp::Atan2 => Accepts::Float,
            BinaryOp::Max | BinaryOp::Min => Accepts::Any,
            BinaryOp::And | BinaryOp::Or | BinaryOp::Xor => Accepts::IntOrBool,
            BinaryOp::ShiftLeft | BinaryOp::ShiftRightLogical | BinaryOp::ShiftRightArithmetic => {
                Accepts::Int
            }
        }
    }
}

/// Reductions over a set of axes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReduceOp {
    Sum,
    Max,
    Min,
    Prod,
    And,
    Or,
}

impl ReduceOp {
    pub const ALL: [ReduceOp; 6] =
        [ReduceOp::Sum, ReduceOp::Max, ReduceOp::Min, ReduceOp::Prod, ReduceOp::And, ReduceOp::Or];

    /// The reductions that also exist over sliding windows
    /// (lax.reduce_window_sum/max/min).
    pub const WINDOWED: [ReduceOp; 3] = [ReduceOp::Sum, ReduceOp::Max, ReduceOp::Min];

    /// The mnemonic of the windowed form (`reduce_window_sum`), if it exists.
    pub fn window_mnemonic(self) -> Option<&'static str> {
        match self {
            ReduceOp::Sum => Some("reduce_window_sum"),
            ReduceOp::Max => Some("reduce_window_max"),
            ReduceOp::Min => Some("reduce_window_min"),
            _ => None,
        }
    }

    pub fn mnemonic(self) -> &'static str {
        match self {
            ReduceOp::Sum => "reduce_sum",
            ReduceOp::Max => "reduce_max",
            ReduceOp::Min => "reduce_min",
            ReduceOp::Prod => "reduce_prod",
            ReduceOp::And => "reduce_and",
            ReduceOp::Or => "reduce_or",
        }
    }

    pub fn accepts(self) -> Accepts {
        match self {
            ReduceOp::Sum | ReduceOp::Prod => Accepts::Numeric,
            ReduceOp::Max | ReduceOp::Min => Accepts::Any,
            ReduceOp::And | ReduceOp::Or => Accepts::IntOrBool,
        }
    }
}

/// lax.argmax / lax.argmin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ArgReduceOp {
    Argmax,
    Argmin,
}

impl ArgReduceOp {
    pub fn mnemonic(self) -> &'static str {
        match self {
            ArgReduceOp::Argmax => "argmax",
            ArgReduceOp::Argmin => "argmin",
        }
    }
}

/// Comparison directions, numbered as in the dialect's enum attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ComparisonDirection {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl ComparisonDirection {
    pub const ALL: [ComparisonDirection; 6] = [
        ComparisonDirection::Eq,
        ComparisonDirection::Ne,
        ComparisonDirection::Lt,
        ComparisonDirection::Le,
        ComparisonDirection::Gt,
        ComparisonDirection::Ge,
    ];

    /// The keyword in jaxr's pretty syntax (`lt`).
    pub fn keyword(self) -> &'static str {
        match self {
            ComparisonDirection::Eq => "eq",
            ComparisonDirection::Ne => "ne",
            ComparisonDirection::Lt => "lt",
            ComparisonDirection::Le => "le",
            ComparisonDirection::Gt => "gt",
            ComparisonDirection::Ge => "ge",
        }
    }

    /// The value stored in the op's `direction` attribute.
    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }
}

/// lax.RoundingMethod, numbered as in the dialect's enum attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoundingMethod {
    AwayFromZero,
    ToNearestEven,
}

impl RoundingMethod {
    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Self> {
        [RoundingMethod::AwayFromZero, RoundingMethod::ToNearestEven].into_iter().find(|m| m.code() == code)
    }

    pub fn keyword(self) -> &'static str {
        match self {
            RoundingMethod::AwayFromZero => "away_from_zero",
            RoundingMethod::ToNearestEven => "to_nearest_even",
        }
    }
}

/// The dimension numbers of a dot_general.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DotDims {
    pub lhs_contracting: Vec<i64>,
    pub rhs_contracting: Vec<i64>,
    pub lhs_batch: Vec<i64>,
    pub rhs_batch: Vec<i64>,
}

/// How lax.scatter combines an update with the operand's element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScatterKind {
    /// lax.scatter: the update replaces the element.
    Replace,
    Add,
    Mul,
    Min,
    Max,
}

impl ScatterKind {
    /// Every kind, in the order of the dialect's op list.
    pub const ALL: [ScatterKind; 5] =
        [ScatterKind::Replace, ScatterKind::Add, ScatterKind::Mul, ScatterKind::Min, ScatterKind::Max];

    /// The op's mnemonic in the jaxr dialect (`scatter_add`).
    pub fn mnemonic(self) -> &'static str {
        match self {
            ScatterKind::Replace => "scatter",
            ScatterKind::Add => "scatter_add",
            ScatterKind::Mul => "scatter_mul",
            ScatterKind::Min => "scatter_min",
            ScatterKind::Max => "scatter_max",
        }
    }

    /// Which element types the operand and updates may have.
    pub fn accepts(self) -> Accepts {
        match self {
            ScatterKind::Replace | ScatterKind::Min | ScatterKind::Max => Accepts::Any,
            ScatterKind::Add | ScatterKind::Mul => Accepts::Numeric,
        }
    }
}

/// The dimension numbers of a gather, as StableHLO defines them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GatherDims {
    /// Result dimensions that index into a slice.
    pub offset_dims: Vec<i64>,
    /// Operand dimensions whose slice size is 1 and that the result drops.
    pub collapsed_slice_dims: Vec<i64>,
    /// Operand dimensions paired with `start_indices_batching_dims`.
    pub operand_batching_dims: Vec<i64>,
    pub start_indices_batching_dims: Vec<i64>,
    /// Start index component i applies to operand dimension start_index_map[i].
    pub start_index_map: Vec<i64>,
    /// The dimension of `start_indices` that holds the index vectors
    /// (its rank: each element is a one-component index).
    pub index_vector_dim: i64,
}

/// The dimension numbers of a scatter, as StableHLO defines them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScatterDims {
    /// Dimensions of `updates` that index into a window.
    pub update_window_dims: Vec<i64>,
    /// Operand dimensions a window does not span (size 1).
    pub inserted_window_dims: Vec<i64>,
    /// Operand dimensions paired with `scatter_indices_batching_dims`.
    pub input_batching_dims: Vec<i64>,
    pub scatter_indices_batching_dims: Vec<i64>,
    /// Index component i applies to operand dimension scatter_dims_to_operand_dims[i].
    pub scatter_dims_to_operand_dims: Vec<i64>,
    pub index_vector_dim: i64,
}

/// The window of a convolution: strides, padding, dilations, dimension
/// numbers (lax's ConvDimensionNumbers) and groups.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConvDims {
    pub window_strides: Vec<i64>,
    /// (low, high) per spatial dimension, flattened.
    pub padding: Vec<i64>,
    pub lhs_dilation: Vec<i64>,
    pub rhs_dilation: Vec<i64>,
    /// lhs dimensions: batch, feature, spatial...
    pub lhs_spec: Vec<i64>,
    /// rhs dimensions: output feature, input feature, spatial...
    pub rhs_spec: Vec<i64>,
    /// result dimensions: batch, feature, spatial...
    pub out_spec: Vec<i64>,
    pub feature_group_count: i64,
    pub batch_group_count: i64,
}

/// The sliding window of reduce_window.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Window {
    pub dimensions: Vec<i64>,
    pub strides: Vec<i64>,
    /// (low, high) per dimension, flattened.
    pub padding: Vec<i64>,
    pub base_dilation: Vec<i64>,
    pub window_dilation: Vec<i64>,
}

/// A jaxr primitive with the attributes that define its result type.
///
/// Ops whose result type cannot be derived from their operands carry it
/// (`Reshape::shape`, `ConvertElementType::to`, ...), so that a `Primitive`
/// and its operand types always determine the result type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Primitive {
    Constant {
        ty: TensorType,
    },
    Iota {
        dimension: i64,
        ty: TensorType,
    },
    Unary(UnaryOp),
    Round(RoundingMethod),
    IntegerPow {
        y: i64,
    },
    IsFinite,
    Binary(BinaryOp),
    Compare(ComparisonDirection),
    SelectN,
    Clamp,
    ConvertElementType {
        to: ElemType,
    },
    BitcastConvertType {
        to: ElemType,
    },
    BroadcastInDim {
        shape: Vec<i64>,
        dims: Vec<i64>,
    },
    Reshape {
        shape: Vec<i64>,
    },
    Transpose {
        permutation: Vec<i64>,
    },
    Rev {
        dimensions: Vec<i64>,
    },
    Concatenate {
        dimension: i64,
    },
    Pad {
        low: Vec<i64>,
        high: Vec<i64>,
        interior: Vec<i64>,
    },
    Slice {
        start: Vec<i64>,
        limit: Vec<i64>,
        strides: Vec<i64>,
    },
    DynamicSlice {
        sizes: Vec<i64>,
    },
    DynamicUpdateSlice,
    Reduce {
        op: ReduceOp,
        axes: Vec<i64>,
    },
    ArgReduce {
        op: ArgReduceOp,
        axis: i64,
        index: ElemType,
    },
    DotGeneral {
        dims: DotDims,
        out: ElemType,
    },
    Gather {
        dims: GatherDims,
        slice_sizes: Vec<i64>,
        indices_are_sorted: bool,
    },
    Scatter {
        kind: ScatterKind,
        dims: ScatterDims,
        indices_are_sorted: bool,
        unique_indices: bool,
    },
    ConvGeneralDilated {
        conv: ConvDims,
        out: ElemType,
    },
    ReduceWindow {
        op: ReduceOp,
        window: Window,
    },
    /// Several results: one per operand.
    Sort {
        dimension: i64,
        num_keys: i64,
        is_stable: bool,
        descending: bool,
    },
    /// Two results: the values and their i32 indices.
    TopK {
        k: i64,
        axis: i64,
    },
    /// Two results: the Threefry-2x32 cipher of counters (x0, x1) under a key.
    Threefry2x32,
    /// An integer seed to key data (tensor<2xui32>).
    RandomSeed,
    /// A key to `count` keys (tensor<countx2xui32>).
    RandomSplit {
        count: i64,
    },
    /// A key and an integer scalar to a key.
    RandomFoldIn,
    /// A key to random ui32 words of `shape`.
    RandomBits {
        shape: Vec<i64>,
    },
    /// A key, minval and maxval to uniform samples of `ty`.
    RandomUniform {
        ty: TensorType,
    },
    /// A key to standard normal samples of `ty`.
    RandomNormal {
        ty: TensorType,
    },
    /// A key, minval and maxval to integers of `ty` in [minval, maxval).
    RandomRandint {
        ty: TensorType,
    },
}

/// The jaxr random-number ops (JAX's threefry2x32 PRNG).
pub fn random_mnemonics() -> Vec<&'static str> {
    vec![
        "threefry2x32",
        "random_seed",
        "random_split",
        "random_fold_in",
        "random_bits",
        "random_uniform",
        "random_normal",
        "random_randint",
    ]
}

/// Every op mnemonic of the jaxr dialect that has a [`Primitive`] (the
/// dialect's op list, checked against the ODS in tests).
pub fn all_mnemonics() -> Vec<&'static str> {
    let mut names = vec![
        "constant",
        "iota",
        "round",
        "integer_pow",
        "is_finite",
        "compare",
        "select_n",
        "clamp",
        "convert_element_type",
        "bitcast_convert_type",
        "broadcast_in_dim",
        "reshape",
        "transpose",
        "rev",
        "concatenate",
        "pad",
        "slice",
        "dynamic_slice",
        "dynamic_update_slice",
        "argmax",
        "argmin",
        "dot_general",
        "gather",
        "conv_general_dilated",
        "sort",
        "top_k",
    ];
    names.extend(random_mnemonics());
    names.extend(UnaryOp::ALL.iter().map(|u| u.mnemonic()));
    names.extend(BinaryOp::ALL.iter().map(|b| b.mnemonic()));
    names.extend(ReduceOp::ALL.iter().map(|r| r.mnemonic()));
    names.extend(ReduceOp::WINDOWED.iter().filter_map(|r| r.window_mnemonic()));
    names.extend(ScatterKind::ALL.iter().map(|k| k.mnemonic()));
    names
}

/// The jaxr ops with regions, which have no [`Primitive`]: their regions
/// hold computations rather than attributes, so their result types come
/// from their operands and regions, checked by `crate::region` instead of
/// the shape rules. `yield` is the terminator of those regions. Together
/// with [`all_mnemonics`] this is the dialect's whole op list.
pub fn region_mnemonics() -> Vec<&'static str> {
    vec!["while", "cond", "reduce_window", "yield"]
}

impl Primitive {
    /// The op's mnemonic (without the `jaxr.` prefix).
    pub fn mnemonic(&self) -> &'static str {
        match self {
            Primitive::Constant { .. } => "constant",
            Primitive::Iota { .. } => "iota",
            Primitive::Unary(u) => u.mnemonic(),
            Primitive::Round(_) => "round",
            Primitive::IntegerPow { .. } => "integer_pow",
            Primitive::IsFinite => "is_finite",
            Primitive::Binary(b) => b.mnemonic(),
            Primitive::Compare(_) => "compare",
            Primitive::SelectN => "select_n",
            Primitive::Clamp => "clamp",
            Primitive::ConvertElementType { .. } => "convert_element_type",
            Primitive::BitcastConvertType { .. } => "bitcast_convert_type",
            Primitive::BroadcastInDim { .. } => "broadcast_in_dim",
            Primitive::Reshape { .. } => "reshape",
            Primitive::Transpose { .. } => "transpose",
            Primitive::Rev { .. } => "rev",
            Primitive::Concatenate { .. } => "concatenate",
            Primitive::Pad { .. } => "pad",
            Primitive::Slice { .. } => "slice",
            Primitive::DynamicSlice { .. } => "dynamic_slice",
            Primitive::DynamicUpdateSlice => "dynamic_update_slice",
            Primitive::Reduce { op, .. } => op.mnemonic(),
            Primitive::ArgReduce { op, .. } => op.mnemonic(),
            Primitive::DotGeneral { .. } => "dot_general",
            Primitive::Gather { .. } => "gather",
            Primitive::Scatter { kind, .. } => kind.mnemonic(),
            Primitive::ConvGeneralDilated { .. } => "conv_general_dilated",
            Primitive::ReduceWindow { op, .. } => op.window_mnemonic().unwrap_or("reduce_window"),
            Primitive::Sort { .. } => "sort",
            Primitive::TopK { .. } => "top_k",
            Primitive::Threefry2x32 => "threefry2x32",
            Primitive::RandomSeed => "random_seed",
            Primitive::RandomSplit { .. } => "random_split",
            Primitive::RandomFoldIn => "random_fold_in",
            Primitive::RandomBits { .. } => "random_bits",
            Primitive::RandomUniform { .. } => "random_uniform",
            Primitive::RandomNormal { .. } => "random_normal",
            Primitive::RandomRandint { .. } => "random_randint",
        }
    }

    /// The full op name, `jaxr.<mnemonic>`.
    pub fn op_name(&self) -> String {
        format!("jaxr.{}", self.mnemonic())
    }
}
