//! lax.fft: the kinds of transform and their shape rule.

use crate::types::{ElemType, TensorType};

/// Which transform lax.fft computes (StableHLO's `fft_type`) over the
/// trailing `fft_length.len()` dimensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FftKind {
    /// Complex to complex, forward.
    Fft,
    /// Complex to complex, inverse (scaled by 1/n).
    Ifft,
    /// Real to complex: the last dimension keeps n/2 + 1 frequencies.
    Rfft,
    /// Complex (n/2 + 1 frequencies) to real, inverse.
    Irfft,
}

impl FftKind {
    pub const ALL: [FftKind; 4] = [FftKind::Fft, FftKind::Ifft, FftKind::Rfft, FftKind::Irfft];

    /// StableHLO's spelling: `FFT`, `IFFT`, `RFFT`, `IRFFT`.
    pub fn name(self) -> &'static str {
        match self {
            FftKind::Fft => "FFT",
            FftKind::Ifft => "IFFT",
            FftKind::Rfft => "RFFT",
            FftKind::Irfft => "IRFFT",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        FftKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The code jaxr stores (lax.FftType's value).
    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Self> {
        FftKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The result type of an fft of `x`, or the rule it breaks.
pub(crate) fn result_type(x: &TensorType, kind: FftKind, lengths: &[i64]) -> Result<TensorType, String> {
    let k = lengths.len();
    if !(1..=3).contains(&k) || k > x.rank() {
        return Err(format!("fft_length must name 1 to 3 trailing dimensions of {x}, found {lengths:?}"));
    }
    if lengths.iter().any(|&n| n < 1) {
        return Err(format!("fft_length must be positive, found {lengths:?}"));
    }
    let lead = x.rank() - k;
    let trailing = &x.shape[lead..];
    let mut shape = x.shape.clone();
    let last = *lengths.last().unwrap_or(&1);
    let elem = match kind {
        FftKind::Fft | FftKind::Ifft => {
            if !x.elem.is_complex() {
                return Err(format!("{} needs a complex operand, found {x}", kind.name()));
            }
            if trailing != lengths {
                return Err(format!("the trailing dimensions of {x} must be fft_length {lengths:?}"));
            }
            x.elem
        }
        FftKind::Rfft => {
            let complex = match x.elem {
                ElemType::F32 => ElemType::C64,
                ElemType::F64 => ElemType::C128,
                _ => return Err(format!("RFFT needs an f32 or f64 operand, found {x}")),
            };
            if trailing != lengths {
                return Err(format!("the trailing dimensions of {x} must be fft_length {lengths:?}"));
            }
            shape[x.rank() - 1] = last / 2 + 1;
            complex
        }
        FftKind::Irfft => {
            let part =
                x.elem.complex_part().ok_or_else(|| format!("IRFFT needs a complex operand, found {x}"))?;
            let mut want = lengths.to_vec();
            want[k - 1] = last / 2 + 1;
            if trailing != want {
                return Err(format!(
                    "the trailing dimensions of {x} must be {want:?} (fft_length {lengths:?}, the last halved plus one)"
                ));
            }
            shape[x.rank() - 1] = last;
            part
        }
    };
    Ok(TensorType::new(shape, elem))
}
