//! The complex-number primitives: real, imag, conj and complex are linear,
//! so each JVP applies the op to the tangent, and each VJP is JAX's
//! transpose (jax/_src/lax/lax.py), which is not the same map (so these
//! are computed rules, not elementwise patterns). JAX transposes without
//! conjugating: the gradient of a real function f of z = x + iy is
//! df/dx - i df/dy, and every holomorphic op's rule (exp, mul, ...) serves
//! complex values unchanged. abs is here too: of a complex value it is
//! real-valued, and its rule is JAX's real(t * conj(x) / |x|).

use jaxr_dialect::{BinaryOp, ComparisonDirection, Primitive, UnaryOp};

use super::{sum_terms, DerivRule, Derivative::Computed, Site};
use crate::term::{instantiate, Term};

fn unary(u: UnaryOp, x: Term) -> Term {
    Term::op(Primitive::Unary(u), [x])
}

fn complex(re: Term, im: Term) -> Term {
    Term::op(Primitive::Binary(BinaryOp::Complex), [re, im])
}

/// real, imag, conj: the op of the tangent.
fn part_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let t = ts.first().cloned().flatten().ok_or("no tangent")?;
    Ok(Term::op(s.prim.clone(), [t]))
}

/// The zeros of a complex value's part type, shaped like the result.
fn part_zeros(s: &Site) -> Result<Term, String> {
    let part = s.operand_types[0].elem.complex_part().ok_or("not a complex operand")?;
    Ok(Term::Splat(s.operand_types[0].with_elem(part), 0.0))
}

/// real: complex(g, 0); imag: complex(0, -g); conj: conj(g).
fn part_vjp(s: &Site, _i: usize, g: Term) -> Result<Option<Term>, String> {
    Ok(Some(match s.prim {
        Primitive::Unary(UnaryOp::Real) => complex(g, part_zeros(s)?),
        Primitive::Unary(UnaryOp::Imag) => {
            complex(part_zeros(s)?, Term::op(Primitive::Unary(UnaryOp::Neg), [g]))
        }
        Primitive::Unary(UnaryOp::Conj) => unary(UnaryOp::Conj, g),
        _ => return Err("not real, imag or conj".into()),
    }))
}

/// complex(x, y) = x + iy: complex(tx, ty), a missing tangent as zeros.
fn complex_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let zeros = || Term::Splat(s.operand_types[0].clone(), 0.0);
    let parts = (0..2).filter_map(|i| {
        let t = ts[i].clone()?;
        Some(if i == 0 { complex(t, zeros()) } else { complex(zeros(), t) })
    });
    sum_terms(parts).ok_or_else(|| "no tangent".into())
}

/// JAX's transpose of complex: real(g) for x, -imag(g) for y.
fn complex_vjp(_s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    Ok(Some(match i {
        0 => unary(UnaryOp::Real, g),
        _ => Term::op(Primitive::Unary(UnaryOp::Neg), [unary(UnaryOp::Imag, g)]),
    }))
}

/// JAX's abs rule for a real x: select(x >= 0, t, -t), so the derivative
/// at 0 is 1.
const REAL_ABS_JVP: &str = "(select_n (ge ?x0 0) (neg ?t) ?t)";

/// For a complex x, abs is real-valued: JAX's JVP is
/// real(t * conj(x) / |x|), with |x| = 0 replaced by 1. Returns the
/// complex factor conj(x) / |x|.
fn abs_factor(s: &Site) -> Result<Term, String> {
    let y = Term::Val(s.result);
    let is_zero = Term::op(Primitive::Compare(ComparisonDirection::Eq), [y.clone(), Term::Lit(0.0)]);
    let modulus = Term::op(Primitive::SelectN, [is_zero, y, Term::Lit(1.0)]);
    let zeros = Term::Splat(s.result_type.clone(), 0.0);
    Ok(Term::op(Primitive::Binary(BinaryOp::Div), [unary(UnaryOp::Conj, s.x(0)), complex(modulus, zeros)]))
}

fn abs_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let t = ts.first().cloned().flatten().ok_or("no tangent")?;
    if !s.operand_types[0].elem.is_complex() {
        return instantiate(REAL_ABS_JVP, &|v| match v {
            "?x0" => Some(s.x(0)),
            "?t" => Some(t.clone()),
            _ => None,
        });
    }
    Ok(unary(UnaryOp::Real, Term::op(Primitive::Binary(BinaryOp::Mul), [t, abs_factor(s)?])))
}

/// The transpose of the JVP: for a complex x, real's transpose complex(g, 0)
/// times the factor.
fn abs_vjp(s: &Site, _i: usize, g: Term) -> Result<Option<Term>, String> {
    if !s.operand_types[0].elem.is_complex() {
        return abs_jvp(s, &[Some(g)]).map(Some);
    }
    let zeros = Term::Splat(s.result_type.clone(), 0.0);
    Ok(Some(Term::op(Primitive::Binary(BinaryOp::Mul), [complex(g, zeros), abs_factor(s)?])))
}

pub(super) const RULES: &[DerivRule] = &[
    DerivRule { op: "abs", derivative: Computed { jvp: abs_jvp, vjp: abs_vjp } },
    DerivRule { op: "real", derivative: Computed { jvp: part_jvp, vjp: part_vjp } },
    DerivRule { op: "imag", derivative: Computed { jvp: part_jvp, vjp: part_vjp } },
    DerivRule { op: "conj", derivative: Computed { jvp: part_jvp, vjp: part_vjp } },
    DerivRule { op: "complex", derivative: Computed { jvp: complex_jvp, vjp: complex_vjp } },
];
