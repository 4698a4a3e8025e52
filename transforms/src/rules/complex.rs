//! The complex-number primitives: real, imag, conj and complex are linear,
//! so each JVP applies the op to the tangent, and each VJP is JAX's
//! transpose (jax/_src/lax/lax.py), which is not the same map (so these
//! are computed rules, not elementwise patterns). JAX transposes without
//! conjugating: the gradient of a real function f of z = x + iy is
//! df/dx - i df/dy, and every holomorphic op's rule (exp, mul, ...) serves
//! complex values unchanged.

use jaxr_dialect::{BinaryOp, Primitive, UnaryOp};

use super::{sum_terms, DerivRule, Derivative::Computed, Site};
use crate::term::Term;

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

pub(super) const RULES: &[DerivRule] = &[
    DerivRule { op: "real", derivative: Computed { jvp: part_jvp, vjp: part_vjp } },
    DerivRule { op: "imag", derivative: Computed { jvp: part_jvp, vjp: part_vjp } },
    DerivRule { op: "conj", derivative: Computed { jvp: part_jvp, vjp: part_vjp } },
    DerivRule { op: "complex", derivative: Computed { jvp: complex_jvp, vjp: complex_vjp } },
];
