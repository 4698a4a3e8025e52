//! The jaxr MLIR dialect: JAX's primitives (jax.lax) as ODS-defined ops over
//! static-shaped ranked tensors.
//!
//! - [`create_context`] gives an MLIR context with jaxr and the upstream
//!   dialects registered and unregistered dialects (StableHLO) allowed.
//! - [`Primitive`] is an op kind with the attributes that fix its result type;
//!   [`shape::infer`] holds every primitive's shape and type rule, once.
//! - [`decode`] reads a primitive off an MLIR operation; [`builder::build`]
//!   creates one, typed by the rules. The ODS `verify()` of every op calls the
//!   same rules, so a shape error always names the op, its operand types and
//!   the rule broken.
//! - The ops with regions (`while`, `cond`, the generic `reduce_window`, and
//!   their terminator `yield`; [`region_mnemonics`]) have no [`Primitive`]:
//!   [`region`] checks that their carried, yielded and result types agree.
//! - The calls with a differentiation rule (`checkpoint`, `custom_jvp`,
//!   `custom_vjp`; [`call_rules`]) are checked against the functions they
//!   name, like the transformation ops ([`transform`]).
//! - The sdy ops (Shardy's meshes, sharding constraints and manual
//!   computations) keep their attributes as text; [`sdy`] checks them
//!   against the module's meshes and the values' types.
//! - [`raw`] holds the small helpers for code on MLIR's C API: string refs
//!   to and from Rust strings, an operation's attribute by name.
//!
//! ```
//! use jaxr_dialect::{shape, ElemType, Primitive, TensorType, UnaryOp};
//! let x = TensorType::new([2, 3], ElemType::F32);
//! assert_eq!(shape::infer(&Primitive::Unary(UnaryOp::Exp), std::slice::from_ref(&x)).unwrap(), x);
//! ```

pub mod builder;
pub mod call_graph;
pub mod call_rules;
mod context;
pub mod decode;
pub mod dot_algorithm;
pub mod fft;
pub mod linalg;
pub mod op_table;
pub mod primitive;
pub mod raw;
pub mod region;
pub mod sdy;
pub mod shape;
pub mod stablehlo;
pub mod transform;
pub mod types;
mod verify;

pub use call_rules::{rule_call_mnemonics, CallRule, Policy};
pub use context::{
    allow_unregistered_dialects, create_context, hlo_dialect_handles, initialize, jaxr_dialect_handle,
    set_print_op_on_diagnostic,
};
pub use decode::{decode, decode_raw, tensor_type_of, DecodedOp};
pub use dot_algorithm::{AlgorithmType, DotAlgorithm};
pub use fft::FftKind;
pub use linalg::TransposeA;
pub use primitive::{
    all_mnemonics, region_mnemonics, Accepts, ArgReduceOp, BinaryOp, ComparisonDirection, ConvDims, DotDims,
    GatherDims, Precision, Primitive, ReduceOp, RngAlgorithm, RoundingMethod, ScatterDims, ScatterKind,
    UnaryOp, Window,
};
pub use shape::ShapeError;
pub use transform::{transform_mnemonics, Transform};
pub use types::{ElemType, TensorType};
pub use verify::verify_raw;
