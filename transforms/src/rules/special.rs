//! Special functions (jax/_src/lax/special.py) and lax.nextafter and
//! lax.reduce_precision. The formulas are JAX's where JAX has one; where JAX
//! refuses to differentiate, so do we, with the reason.

use jaxr_dialect::{BinaryOp, ComparisonDirection, ElemType, Primitive, UnaryOp};

use super::{DerivRule, Derivative::*, Site};
use crate::term::Term;

pub(super) const RULES: &[DerivRule] = &[
    // JAX: lgamma' = digamma, digamma' = polygamma(1, x).
    DerivRule {
        op: "lgamma",
        derivative: Elementwise(&[Some(("(mul ?t (digamma ?x0))", "(mul ?g (digamma ?x0))"))]),
    },
    DerivRule {
        op: "digamma",
        derivative: Elementwise(&[Some(("(mul ?t (polygamma 1 ?x0))", "(mul ?g (polygamma 1 ?x0))"))]),
    },
    DerivRule { op: "bessel_i1e", derivative: Computed { jvp: bessel_i1e_jvp, vjp: bessel_i1e_vjp } },
    DerivRule { op: "polygamma", derivative: Computed { jvp: polygamma_jvp, vjp: polygamma_vjp } },
    DerivRule { op: "zeta", derivative: Computed { jvp: zeta_jvp, vjp: zeta_vjp } },
    // JAX defines no derivative of nextafter (jax.grad raises); this is
    // TensorFlow's (_NextAfterGrad): 1 in x and 0 in y, the derivative of
    // the value it approximates, x (it differs from x by one ulp).
    DerivRule { op: "nextafter", derivative: Elementwise(&[Some(("?t", "?g")), None]) },
    // JAX: linear, the same rounding applied to the tangent (ad.deflinear).
    DerivRule {
        op: "reduce_precision",
        derivative: Computed { jvp: reduce_precision_jvp, vjp: reduce_precision_vjp },
    },
];

fn un(u: UnaryOp, a: Term) -> Term {
    Term::op(Primitive::Unary(u), [a])
}

fn bin(b: BinaryOp, a: Term, c: Term) -> Term {
    Term::op(Primitive::Binary(b), [a, c])
}

fn mul(a: Term, c: Term) -> Term {
    bin(BinaryOp::Mul, a, c)
}

fn add(a: Term, c: Term) -> Term {
    bin(BinaryOp::Add, a, c)
}

fn lit(x: f64) -> Term {
    Term::Lit(x)
}

fn select(pred: Term, on_false: Term, on_true: Term) -> Term {
    Term::op(Primitive::SelectN, [pred, on_false, on_true])
}

fn cmp(d: ComparisonDirection, a: Term, c: Term) -> Term {
    Term::op(Primitive::Compare(d), [a, c])
}

// ---------------------------------------------------------------------------
// polygamma(n, x), zeta(x, q)
// ---------------------------------------------------------------------------

const POLYGAMMA_N: &str = "jaxr.polygamma is not differentiable with respect to its order n \
                           (JAX: \"polygamma gradient with respect to m is not supported\")";

/// d/dx polygamma(n, x) = polygamma(n + 1, x).
fn polygamma_dx(s: &Site) -> Term {
    bin(BinaryOp::Polygamma, add(s.x(0), lit(1.0)), s.x(1))
}

fn polygamma_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    if ts[0].is_some() {
        return Err(POLYGAMMA_N.into());
    }
    let t = ts[1].clone().ok_or("polygamma: no tangent")?;
    Ok(mul(t, polygamma_dx(s)))
}

fn polygamma_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    match i {
        0 => Err(POLYGAMMA_N.into()),
        _ => Ok(Some(mul(g, polygamma_dx(s)))),
    }
}

const ZETA_X: &str = "jaxr.zeta is not differentiable with respect to its exponent x: JAX defines \
                      no derivative of lax.zeta (jaxr has the one in q, -x zeta(x + 1, q))";

/// d/dq zeta(x, q) = -x zeta(x + 1, q) (as TensorFlow's _ZetaGrad).
fn zeta_dq(s: &Site) -> Term {
    un(UnaryOp::Neg, mul(s.x(0), bin(BinaryOp::Zeta, add(s.x(0), lit(1.0)), s.x(1))))
}

fn zeta_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    if ts[0].is_some() {
        return Err(ZETA_X.into());
    }
    let t = ts[1].clone().ok_or("zeta: no tangent")?;
    Ok(mul(t, zeta_dq(s)))
}

fn zeta_vjp(s: &Site, i: usize, g: Term) -> Result<Option<Term>, String> {
    match i {
        0 => Err(ZETA_X.into()),
        _ => Ok(Some(mul(g, zeta_dq(s)))),
    }
}

// ---------------------------------------------------------------------------
// reduce_precision
// ---------------------------------------------------------------------------

fn reduce_precision_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let t = ts[0].clone().ok_or("reduce_precision: no tangent")?;
    Ok(Term::op(s.prim.clone(), [t]))
}

fn reduce_precision_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    Ok(Some(Term::op(s.prim.clone(), [g])))
}

// ---------------------------------------------------------------------------
// bessel_i1e
// ---------------------------------------------------------------------------

/// The machine epsilon of a float type (jnp.finfo(dtype).eps).
fn eps(elem: ElemType) -> f64 {
    let mantissa = match elem {
        ElemType::F64 => 52,
        ElemType::F32 => 23,
        ElemType::F16 => 10,
        ElemType::BF16 => 7,
        // The small floats spell their mantissa bits: f8E4M3FN has 3.
        other => other
            .name()
            .split_once('M')
            .and_then(|(_, rest)| rest.chars().next())
            .and_then(|c| c.to_digit(10))
            .map_or(2, |d| d as i32),
    };
    2f64.powi(-mantissa)
}

/// Trapezoid points and the threshold of [`i0e`]'s two branches.
const I0E_POINTS: usize = 32;
const I0E_LARGE: f64 = 50.0;
/// Terms of the asymptotic series of [`i0e`].
const I0E_TERMS: i32 = 12;

/// i0e(a) = e^-a I0(a) for a = |x| > 0, in the element type of `a` (JAX
/// differentiates bessel_i1e through bessel_i0e, which has no jaxr op).
///
/// For a <= 50, the trapezoid rule on i0e(a) = (1/pi) int_0^pi
/// e^(a (cos t - 1)) dt with 32 intervals: on a periodic analytic integrand
/// its error is about I_64(a) / I_0(a) < 1e-17, and the terms are positive,
/// so nothing cancels. For a > 50, the asymptotic series
/// (2 pi a)^-1/2 (1 + sum_k prod_{j <= k} (2j - 1)^2 / (8 j a)), 12 terms
/// (the 13th is below 1e-17 there). Both agree with scipy's i0e within
/// 2e-15 in f64.
fn i0e(a: &Term) -> Term {
    let n = I0E_POINTS as f64;
    // The end points (t = 0 and t = pi) weigh 1/2.
    let mut sum = add(lit(0.5), mul(lit(0.5), un(UnaryOp::Exp, mul(a.clone(), lit(-2.0)))));
    for j in 1..I0E_POINTS {
        let c = (j as f64 * std::f64::consts::PI / n).cos() - 1.0;
        sum = add(sum, un(UnaryOp::Exp, mul(a.clone(), lit(c))));
    }
    let trapezoid = mul(sum, lit(1.0 / n));
    let mut coefficients = vec![1.0f64];
    for k in 1..=I0E_TERMS {
        let previous = coefficients[k as usize - 1];
        coefficients.push(previous * f64::from((2 * k - 1) * (2 * k - 1)) / f64::from(8 * k));
    }
    let r = bin(BinaryOp::Div, lit(1.0), a.clone());
    let mut horner = mul(lit(coefficients[I0E_TERMS as usize]), r.clone());
    for k in (1..I0E_TERMS as usize).rev() {
        horner = mul(add(horner, lit(coefficients[k])), r.clone());
    }
    let asymptotic =
        mul(add(horner, lit(1.0)), un(UnaryOp::Rsqrt, mul(a.clone(), lit(2.0 * std::f64::consts::PI))));
    select(cmp(ComparisonDirection::Gt, a.clone(), lit(I0E_LARGE)), trapezoid, asymptotic)
}

/// JAX's _bessel_i1e_jvp: i0e(x) - y (sign(x) + 1/x), with x moved away from
/// zero (0.5 where |x| <= eps). Half-precision types compute i0e in f32, as
/// JAX's bessel_i0e does.
fn bessel_i1e_dx(s: &Site) -> Term {
    let elem = s.result_type.elem;
    let x = s.x(0);
    let not_tiny = cmp(ComparisonDirection::Gt, un(UnaryOp::Abs, x.clone()), lit(eps(elem)));
    let safe_x = select(not_tiny.clone(), lit(eps(elem)), x);
    let a = un(UnaryOp::Abs, safe_x.clone());
    let i0e_of_x = if matches!(elem, ElemType::F32 | ElemType::F64) {
        i0e(&a)
    } else {
        let wide = Term::op(Primitive::ConvertElementType { to: ElemType::F32 }, [a]);
        Term::op(Primitive::ConvertElementType { to: elem }, [i0e(&wide)])
    };
    let y = Term::Val(s.result);
    let slope = add(un(UnaryOp::Sign, safe_x.clone()), bin(BinaryOp::Div, lit(1.0), safe_x));
    let dy_dx = bin(BinaryOp::Sub, i0e_of_x, mul(y, slope));
    select(not_tiny, lit(0.5), dy_dx)
}

fn bessel_i1e_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let t = ts[0].clone().ok_or("bessel_i1e: no tangent")?;
    Ok(mul(t, bessel_i1e_dx(s)))
}

fn bessel_i1e_vjp(s: &Site, _: usize, g: Term) -> Result<Option<Term>, String> {
    Ok(Some(mul(g, bessel_i1e_dx(s))))
}
