//! lax.linalg.triangular_solve: how `a` enters the system, and the shape
//! rule.

use crate::types::TensorType;

/// How the triangular matrix `a` enters the system (StableHLO's
/// `transpose`): op(a) is a, aᵀ or aᴴ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TransposeA {
    /// op(a) = a.
    NoTranspose,
    /// op(a) = aᵀ.
    Transpose,
    /// op(a) = aᴴ, the conjugate transpose (aᵀ for real a).
    Adjoint,
}

impl TransposeA {
    pub const ALL: [TransposeA; 3] = [TransposeA::NoTranspose, TransposeA::Transpose, TransposeA::Adjoint];

    /// StableHLO's spelling: `NO_TRANSPOSE`, `TRANSPOSE`, `ADJOINT`.
    pub fn name(self) -> &'static str {
        match self {
            TransposeA::NoTranspose => "NO_TRANSPOSE",
            TransposeA::Transpose => "TRANSPOSE",
            TransposeA::Adjoint => "ADJOINT",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        TransposeA::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The code jaxr stores: 0 NO_TRANSPOSE, 1 TRANSPOSE, 2 ADJOINT.
    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Self> {
        TransposeA::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// The result type of a triangular solve with `a` and `b`, or the rule
/// they break: `a` is `[..., m, m]`, `b` is `[..., m, n]` (`left_side`:
/// op(a) x = b) or `[..., n, m]` (x op(a) = b), with the same batch
/// dimensions and the same float or complex element type. The result is
/// like `b`.
pub(crate) fn result_type(a: &TensorType, b: &TensorType, left_side: bool) -> Result<TensorType, String> {
    if a.rank() < 2 || b.rank() < 2 {
        return Err(format!("triangular_solve needs operands of rank 2 or more, found {a} and {b}"));
    }
    if a.rank() != b.rank() {
        return Err(format!("triangular_solve needs operands of one rank, found {a} and {b}"));
    }
    if a.elem != b.elem {
        return Err(format!("triangular_solve needs one element type, found {a} and {b}"));
    }
    if !(a.elem.is_float() || a.elem.is_complex()) {
        return Err(format!("triangular_solve needs float or complex operands, found {a}"));
    }
    let r = a.rank();
    let m = a.shape[r - 1];
    if a.shape[r - 2] != m {
        return Err(format!("a must be square in its last two dimensions, found {a}"));
    }
    if a.shape[..r - 2] != b.shape[..r - 2] {
        return Err(format!("a and b must have the same batch dimensions, found {a} and {b}"));
    }
    let (common, side) = if left_side { (b.shape[r - 2], "left") } else { (b.shape[r - 1], "right") };
    if common != m {
        let which = if left_side { "second-to-last" } else { "last" };
        return Err(format!(
            "with a on the {side} side, the {which} dimension of b must be {m} (a's), found {a} and {b}"
        ));
    }
    Ok(b.clone())
}
