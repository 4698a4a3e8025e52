//! lax.linalg.triangular_solve (jax/_src/lax/linalg.py). With op(a) the
//! matrix the solve uses (a, aᵀ or aᴴ) and x the result:
//!
//! - left side, op(a) x = b: dx = op(a)⁻¹ (db - op(da) x);
//! - right side, x op(a) = b: dx = (db - x op(da)) op(a)⁻¹,
//!
//! where da is masked to the triangle the solve reads (strictly with a unit
//! diagonal), as JAX's `_triangular_solve_jvp_rule_a` masks it. The JVP
//! solves once, with both terms summed.
//!
//! The VJPs are the transposes of those linear maps, without conjugating
//! (JAX's convention). The solve is linear in b, and its transpose is the
//! solve with op(a) transposed (JAX's `_triangular_solve_transpose_rule`:
//! NO_TRANSPOSE and TRANSPOSE swap; ADJOINT becomes a solve with conj(a)).
//! With gb that transpose applied to the cotangent, the cotangent of a is
//! -mask(op'(gb xᵀ)) on the left side and -mask(op'(xᵀ gb)) on the right,
//! op' being op's transpose (op itself: the transpose of conj is conj).

use jaxr_dialect::{
    BinaryOp, ComparisonDirection, DotDims, ElemType, Precision, Primitive, TensorType, TransposeA, UnaryOp,
};

use super::{sum_terms, DerivRule, Derivative::Computed, Site};
use crate::term::Term;

/// The solve's attributes.
struct Solve {
    left_side: bool,
    lower: bool,
    unit_diagonal: bool,
    transpose_a: TransposeA,
}

fn solve_of(s: &Site) -> Result<Solve, String> {
    match *s.prim {
        Primitive::TriangularSolve { left_side, lower, unit_diagonal, transpose_a } => {
            Ok(Solve { left_side, lower, unit_diagonal, transpose_a })
        }
        _ => Err("not a triangular_solve".into()),
    }
}

impl Solve {
    fn apply(&self, transpose_a: TransposeA, a: Term, b: Term) -> Term {
        let prim = Primitive::TriangularSolve {
            left_side: self.left_side,
            lower: self.lower,
            unit_diagonal: self.unit_diagonal,
            transpose_a,
        };
        Term::op(prim, [a, b])
    }
}

fn neg(x: Term) -> Term {
    Term::op(Primitive::Unary(UnaryOp::Neg), [x])
}

/// `x` with its last two dimensions swapped.
fn mat_t(x: Term, rank: usize) -> Term {
    let mut permutation: Vec<i64> = (0..rank as i64).collect();
    permutation.swap(rank - 2, rank - 1);
    Term::op(Primitive::Transpose { permutation }, [x])
}

/// op(x): x, xᵀ or xᴴ over the last two dimensions.
fn op_of(t: TransposeA, x: Term, ty: &TensorType) -> Term {
    match t {
        TransposeA::NoTranspose => x,
        TransposeA::Transpose => mat_t(x, ty.rank()),
        TransposeA::Adjoint if ty.elem.is_complex() => {
            Term::op(Primitive::Unary(UnaryOp::Conj), [mat_t(x, ty.rank())])
        }
        TransposeA::Adjoint => mat_t(x, ty.rank()),
    }
}

/// The batched matrix product p q (batch dimensions leading), at JAX's
/// HIGHEST precision. jaxr's dot_general takes real operands, so a
/// complex product is assembled from four real ones.
fn matmul(p: Term, q: Term, rank: usize, elem: ElemType) -> Term {
    let Some(part) = elem.complex_part() else { return real_matmul(p, q, rank, elem) };
    let unary = |u: UnaryOp, x: &Term| Term::op(Primitive::Unary(u), [x.clone()]);
    let (pr, pi) = (unary(UnaryOp::Real, &p), unary(UnaryOp::Imag, &p));
    let (qr, qi) = (unary(UnaryOp::Real, &q), unary(UnaryOp::Imag, &q));
    let mm = |x: &Term, y: &Term| real_matmul(x.clone(), y.clone(), rank, part);
    let re = Term::op(Primitive::Binary(BinaryOp::Sub), [mm(&pr, &qr), mm(&pi, &qi)]);
    let im = Term::op(Primitive::Binary(BinaryOp::Add), [mm(&pr, &qi), mm(&pi, &qr)]);
    Term::op(Primitive::Binary(BinaryOp::Complex), [re, im])
}

fn real_matmul(p: Term, q: Term, rank: usize, elem: ElemType) -> Term {
    let batch: Vec<i64> = (0..rank as i64 - 2).collect();
    let dims = DotDims {
        lhs_contracting: vec![rank as i64 - 1],
        rhs_contracting: vec![rank as i64 - 2],
        lhs_batch: batch.clone(),
        rhs_batch: batch,
    };
    Term::op(
        Primitive::DotGeneral { dims, out: elem, precision: [Precision::Highest; 2], algorithm: None },
        [p, q],
    )
}

/// `x` (typed like a) where the solve reads a, zeros elsewhere: the lower
/// or upper triangle, without the diagonal for a unit diagonal.
fn triangle(x: Term, ty: &TensorType, lower: bool, unit_diagonal: bool) -> Term {
    let r = ty.rank() as i64;
    let index = TensorType::new(ty.shape.clone(), ElemType::I32);
    let row = Term::Op(Primitive::Iota { dimension: r - 2, ty: index.clone() }, vec![]);
    let col = Term::Op(Primitive::Iota { dimension: r - 1, ty: index }, vec![]);
    let dir = if unit_diagonal { ComparisonDirection::Gt } else { ComparisonDirection::Ge };
    let keep = if lower { [row, col] } else { [col, row] };
    let keep = Term::op(Primitive::Compare(dir), keep);
    Term::op(Primitive::SelectN, [keep, Term::Splat(ty.clone(), 0.0), x])
}

fn jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let solve = solve_of(s)?;
    let a_ty = &s.operand_types[0];
    let (rank, elem) = (a_ty.rank(), a_ty.elem);
    let x = Term::Val(s.result);
    let mut parts = Vec::new();
    if let Some(ta) = ts.first().cloned().flatten() {
        let d = op_of(solve.transpose_a, neg(triangle(ta, a_ty, solve.lower, solve.unit_diagonal)), a_ty);
        parts.push(if solve.left_side { matmul(d, x, rank, elem) } else { matmul(x, d, rank, elem) });
    }
    if let Some(tb) = ts.get(1).cloned().flatten() {
        parts.push(tb);
    }
    let rhs = sum_terms(parts).ok_or("no tangent")?;
    Ok(solve.apply(solve.transpose_a, s.x(0), rhs))
}

fn vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    let solve = solve_of(s)?;
    let a_ty = &s.operand_types[0];
    let (rank, elem) = (a_ty.rank(), a_ty.elem);
    // The transpose of b -> solve(a, b).
    let gb = match solve.transpose_a {
        TransposeA::NoTranspose => solve.apply(TransposeA::Transpose, s.x(0), g),
        TransposeA::Transpose => solve.apply(TransposeA::NoTranspose, s.x(0), g),
        TransposeA::Adjoint if elem.is_complex() => {
            let conj_a = Term::op(Primitive::Unary(UnaryOp::Conj), [s.x(0)]);
            solve.apply(TransposeA::NoTranspose, conj_a, g)
        }
        TransposeA::Adjoint => solve.apply(TransposeA::NoTranspose, s.x(0), g),
    };
    if i == 1 {
        return Ok(Some(gb));
    }
    let x = Term::Val(s.result);
    let p = if solve.left_side {
        matmul(gb, mat_t(x, rank), rank, elem)
    } else {
        matmul(mat_t(x, rank), gb, rank, elem)
    };
    Ok(Some(neg(triangle(op_of(solve.transpose_a, p, a_ty), a_ty, solve.lower, solve.unit_diagonal))))
}

pub(super) const RULES: &[DerivRule] =
    &[DerivRule { op: "triangular_solve", derivative: Computed { jvp, vjp } }];
