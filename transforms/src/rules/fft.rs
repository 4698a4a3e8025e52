//! lax.fft is linear: the JVP is the fft of the tangent; the VJPs are JAX's
//! transposes (jax/_src/lax/fft.py). FFT and IFFT are symmetric maps, so
//! each is its own transpose (JAX transposes without conjugating). RFFT's
//! transpose is that of its naive form (FFT of the real input, keeping
//! n/2 + 1 frequencies): the cotangent padded back to n frequencies, FFT,
//! real part. IRFFT's is conj(RFFT(g) * mask / N), the mask counting each
//! kept frequency once or twice (its conjugate partner), as JAX writes it.

use jaxr_dialect::{BinaryOp, FftKind, Primitive, TensorType, UnaryOp};

use super::{DerivRule, Derivative::Computed, Site};
use crate::term::Term;

fn fft(kind: FftKind, lengths: &[i64], x: Term) -> Term {
    Term::op(Primitive::Fft { kind, lengths: lengths.to_vec() }, [x])
}

fn fft_jvp(s: &Site, ts: &[Option<Term>]) -> Result<Term, String> {
    let t = ts.first().cloned().flatten().ok_or("no tangent")?;
    Ok(Term::op(s.prim.clone(), [t]))
}

fn fft_vjp(s: &Site, _i: usize, g: Term) -> Result<Option<Term>, String> {
    let Primitive::Fft { kind, lengths } = s.prim else { return Err("not an fft".into()) };
    let n = *lengths.last().ok_or("an fft without lengths")?;
    let rank = s.result_type.rank();
    Ok(Some(match kind {
        FftKind::Fft | FftKind::Ifft => fft(*kind, lengths, g),
        FftKind::Rfft => {
            // g has n/2 + 1 frequencies in its last dimension; pad to n.
            let mut high = vec![0; rank];
            high[rank - 1] = n - (n / 2 + 1);
            let zero = Term::Splat(TensorType::scalar(s.result_type.elem), 0.0);
            let padded =
                Term::op(Primitive::Pad { low: vec![0; rank], high, interior: vec![0; rank] }, [g, zero]);
            Term::op(Primitive::Unary(UnaryOp::Real), [fft(FftKind::Fft, lengths, padded)])
        }
        FftKind::Irfft => {
            let x = fft(FftKind::Rfft, lengths, g);
            let complex_ty = &s.operand_types[0];
            let m = complex_ty.shape[rank - 1];
            let odd = n % 2;
            let scale = 1.0 / lengths.iter().map(|&l| l as f64).product::<f64>();
            // [1, 2, ..., 2, (1 for even n)] / N along the last dimension.
            let piece = |len: i64, v: f64| {
                let mut shape = complex_ty.shape.clone();
                shape[rank - 1] = len;
                Term::Splat(TensorType::new(shape, complex_ty.elem), v * scale)
            };
            let pieces: Vec<Term> = [(1, 1.0), (m - 2 + odd, 2.0), (1 - odd, 1.0)]
                .into_iter()
                .filter(|&(len, _)| len > 0)
                .map(|(len, v)| piece(len, v))
                .collect();
            let mask = if pieces.len() == 1 {
                pieces.into_iter().next().ok_or("no mask")?
            } else {
                Term::Op(Primitive::Concatenate { dimension: rank as i64 - 1 }, pieces)
            };
            let scaled = Term::op(Primitive::Binary(BinaryOp::Mul), [x, mask]);
            Term::op(Primitive::Unary(UnaryOp::Conj), [scaled])
        }
    }))
}

pub(super) const RULES: &[DerivRule] =
    &[DerivRule { op: "fft", derivative: Computed { jvp: fft_jvp, vjp: fft_vjp } }];
