//! The derivative table: one entry per jaxr op, saying how it is
//! differentiated.
//!
//! - [`Derivative::Elementwise`]: per operand, its JVP (in the operand's
//!   tangent `?t`) and its VJP (in the result's cotangent `?g`) as egg
//!   patterns over the e-graph language (`?x0`, `?x1`, ... are the operands,
//!   `?y` the result). The JVP of the op is the sum over operands with a
//!   tangent.
//! - [`Derivative::Computed`]: rules whose terms need attributes computed from
//!   the op's (dimension numbers, permutations, paddings): a JVP function of
//!   all operand tangents and a VJP function per operand.
//! - [`Derivative::Zero`]: the derivative is zero everywhere it exists
//!   (comparisons, integer and bit ops, rounding), with the reason.
//! - [`Derivative::Structured`]: ops with regions or several results, which
//!   the sweeps differentiate themselves (`crate::sweep`, `crate::control`).

use jaxr_dialect::{Primitive, TensorType};
use mlir_sys::MlirValue;

use crate::term::Term;

mod complex;
mod contraction;
mod elementwise;
mod fft;
mod indexing;
mod linalg;
mod reductions;
mod shape;
mod special;

/// An op being differentiated: its primitive, operands and result.
pub struct Site<'a> {
    /// The primitive with its attributes.
    pub prim: &'a Primitive,
    /// The operand values.
    pub operands: &'a [MlirValue],
    /// Their types.
    pub operand_types: &'a [TensorType],
    /// The (single) result.
    pub result: MlirValue,
    /// Its type.
    pub result_type: &'a TensorType,
}

impl Site<'_> {
    /// Operand `i` as a term.
    pub fn x(&self, i: usize) -> Term {
        Term::Val(self.operands[i])
    }
}

/// A JVP computed from all operand tangents (`None`: zero; at least one is
/// `Some`). Returns the result's tangent.
pub type JvpFn = fn(&Site, &[Option<Term>]) -> Result<Term, String>;

/// A VJP: the cotangent contribution to operand `i` from the result's
/// cotangent `g`, or `None` when it is zero.
pub type VjpFn = fn(&Site, usize, Term) -> Result<Option<Term>, String>;

/// How one op is differentiated.
pub enum Derivative {
    /// Per operand: `Some((jvp in ?t, vjp in ?g))`, or `None` for an operand
    /// that carries no derivative.
    Elementwise(&'static [Option<(&'static str, &'static str)>]),
    /// JVP and VJP functions.
    Computed {
        /// Forward mode.
        jvp: JvpFn,
        /// Reverse mode.
        vjp: VjpFn,
    },
    /// Zero derivative; why.
    Zero(&'static str),
    /// Differentiated by the sweeps; how.
    Structured(&'static str),
}

/// One entry of the table.
pub struct DerivRule {
    /// The op's mnemonic.
    pub op: &'static str,
    /// How it is differentiated.
    pub derivative: Derivative,
}

/// Every op's entry.
pub fn table() -> Vec<&'static DerivRule> {
    let mut all: Vec<&'static DerivRule> = Vec::new();
    for part in [
        elementwise::RULES,
        complex::RULES,
        fft::RULES,
        linalg::RULES,
        special::RULES,
        shape::RULES,
        reductions::RULES,
        indexing::RULES,
        contraction::RULES,
        STRUCTURED,
    ] {
        all.extend(part.iter());
    }
    all
}

/// The entry for `mnemonic`.
pub fn lookup(mnemonic: &str) -> Option<&'static DerivRule> {
    table().into_iter().find(|r| r.op == mnemonic)
}

const STRUCTURED: &[DerivRule] = &[
    DerivRule {
        op: "cond",
        derivative: Derivative::Structured(
            "forward: a cond whose branches also compute tangents; reverse: a cond whose branches \
             recompute their values and run the reverse sweep",
        ),
    },
    DerivRule {
        op: "while",
        derivative: Derivative::Structured(
            "forward: tangents carried through the loop; reverse: loops with a static trip count \
             (fori_loop, scan) save each iteration's carry and run the body's reverse sweep backwards",
        ),
    },
    DerivRule {
        op: "sort",
        derivative: Derivative::Structured(
            "sorts an iota with the keys to get the permutation; tangents are gathered along it and \
             cotangents scattered back",
        ),
    },
    DerivRule { op: "rng_bit_generator", derivative: Derivative::Zero("random bits of an integer state") },
    DerivRule {
        op: "optimization_barrier",
        derivative: Derivative::Structured(
            "tangents and cotangents pass through a barrier of their own (crate::barrier)",
        ),
    },
    DerivRule {
        op: "top_k",
        derivative: Derivative::Structured(
            "tangents are gathered at the returned indices, cotangents scatter-added back",
        ),
    },
    DerivRule {
        op: "reduce_window",
        derivative: Derivative::Structured(
            "rewritten into one strided view of the padded inputs per window position, folded by the \
             body's elementwise ops (crate::unroll), which the sweeps then differentiate",
        ),
    },
    DerivRule { op: "random_seed", derivative: Derivative::Structured(RANDOM) },
    DerivRule { op: "random_split", derivative: Derivative::Structured(RANDOM) },
    DerivRule { op: "random_fold_in", derivative: Derivative::Structured(RANDOM) },
    DerivRule { op: "random_bits", derivative: Derivative::Structured(RANDOM) },
    DerivRule { op: "random_uniform", derivative: Derivative::Structured(RANDOM) },
    DerivRule { op: "random_normal", derivative: Derivative::Structured(RANDOM) },
    DerivRule { op: "random_randint", derivative: Derivative::Structured(RANDOM) },
    DerivRule {
        op: "yield",
        derivative: Derivative::Structured("the terminator of while, cond and reduce_window bodies"),
    },
];

const RANDOM: &str = "expanded into jaxr primitives before the sweeps (jaxr-expand-random): the bits \
                      have zero derivatives, and uniform's minval and maxval get theirs through its \
                      arithmetic, as in JAX";

/// Whether `perm` leaves every dimension in place.
pub(crate) fn is_identity(perm: &[i64]) -> bool {
    perm.iter().enumerate().all(|(i, &p)| i as i64 == p)
}

/// The inverse of the permutation `perm`.
pub(crate) fn inverse(perm: &[i64]) -> Vec<i64> {
    let mut inv = vec![0; perm.len()];
    for (i, &p) in perm.iter().enumerate() {
        inv[p as usize] = i as i64;
    }
    inv
}

/// The size of each dimension after dilation (`1 + k(d - 1)`, 0 stays 0).
pub(crate) fn dilate(shape: &[i64], dilation: &[i64]) -> Vec<i64> {
    shape.iter().zip(dilation).map(|(&d, &k)| if d == 0 { 0 } else { 1 + k * (d - 1) }).collect()
}

/// Sums optional terms (`None` is zero).
pub fn sum_terms(ts: impl IntoIterator<Item = Term>) -> Option<Term> {
    ts.into_iter().reduce(|a, b| Term::op(Primitive::Binary(jaxr_dialect::BinaryOp::Add), [a, b]))
}

/// A zero term of `ty`.
pub fn zeros(ty: &TensorType) -> Term {
    Term::Splat(ty.clone(), 0.0)
}

/// A tangent or zeros of `ty`.
pub fn or_zeros(t: &Option<Term>, ty: &TensorType) -> Term {
    t.clone().unwrap_or_else(|| zeros(ty))
}

#[cfg(test)]
mod tests;
