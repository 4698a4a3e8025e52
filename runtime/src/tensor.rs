//! [`HostTensor`]: a dense, row-major array in host memory.

use half::{bf16, f16};
use microfloat::{
    f4e2m1fn, f6e2m3fn, f6e3m2fn, f8e3m4, f8e4m3, f8e4m3b11fnuz, f8e4m3fn, f8e4m3fnuz, f8e5m2, f8e5m2fnuz,
    f8e8m0fnu,
};
use num_complex::Complex;

use crate::dtype::DType;
use crate::error::{Result, RuntimeError};

mod sealed {
    pub trait Sealed {}
}

/// A Rust type that is the host representation of one [`DType`].
///
/// Implemented for `bool`, `i8`..`i64`, `u8`..`u64`, [`half::f16`],
/// [`half::bf16`], `f32`, `f64`, the 8/6/4-bit floats of the `microfloat`
/// crate ([`microfloat::f8e4m3fn`], ..., [`microfloat::f4e2m1fn`]) and
/// [`num_complex::Complex<f32>`]/[`num_complex::Complex<f64>`]; sealed.
/// `i2`, `i4`, `ui2` and `ui4` have no Rust type: build them from literals
/// or raw bytes (one element per byte, in the low bits).
pub trait Element: Copy + sealed::Sealed + 'static {
    /// The element type this Rust type stands for.
    const DTYPE: DType;
    /// Appends the little-endian bytes of `self`.
    #[doc(hidden)]
    fn put_le(self, out: &mut Vec<u8>);
    /// Reads a value from exactly `DTYPE.byte_size()` little-endian bytes.
    #[doc(hidden)]
    fn get_le(bytes: &[u8]) -> Self;
    /// The value as `f64` (exact except for 64-bit integers beyond 2^53;
    /// a complex number gives its real part, as NumPy's `astype` does).
    fn to_f64(self) -> f64;
}

macro_rules! impl_element {
    ($t:ty, $dtype:expr, $n:literal, |$v:ident| $to_f64:expr) => {
        impl sealed::Sealed for $t {}
        impl Element for $t {
            const DTYPE: DType = $dtype;
            fn put_le(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn get_le(bytes: &[u8]) -> Self {
                let mut a = [0u8; $n];
                // Callers pass chunks of exactly `$n` bytes (chunks_exact).
                a.copy_from_slice(bytes);
                <$t>::from_le_bytes(a)
            }
            fn to_f64(self) -> f64 {
                let $v = self;
                $to_f64
            }
        }
    };
}

impl_element!(i8, DType::S8, 1, |v| f64::from(v));
impl_element!(i16, DType::S16, 2, |v| f64::from(v));
impl_element!(i32, DType::S32, 4, |v| f64::from(v));
impl_element!(i64, DType::S64, 8, |v| v as f64);
impl_element!(u8, DType::U8, 1, |v| f64::from(v));
impl_element!(u16, DType::U16, 2, |v| f64::from(v));
impl_element!(u32, DType::U32, 4, |v| f64::from(v));
impl_element!(u64, DType::U64, 8, |v| v as f64);
impl_element!(f16, DType::F16, 2, |v| v.to_f64());
impl_element!(bf16, DType::BF16, 2, |v| v.to_f64());
impl_element!(f32, DType::F32, 4, |v| f64::from(v));
impl_element!(f64, DType::F64, 8, |v| v);

macro_rules! impl_micro_element {
    ($($t:ident => $dtype:ident),* $(,)?) => {$(
        impl sealed::Sealed for $t {}
        impl Element for $t {
            const DTYPE: DType = DType::$dtype;
            fn put_le(self, out: &mut Vec<u8>) {
                out.push(self.to_bits());
            }
            fn get_le(bytes: &[u8]) -> Self {
                $t::from_bits(bytes.first().copied().unwrap_or(0))
            }
            fn to_f64(self) -> f64 {
                $t::to_f64(self)
            }
        }
    )*};
}

impl_micro_element!(
    f8e4m3fn => F8E4M3FN,
    f8e5m2 => F8E5M2,
    f8e4m3fnuz => F8E4M3FNUZ,
    f8e5m2fnuz => F8E5M2FNUZ,
    f8e4m3b11fnuz => F8E4M3B11FNUZ,
    f8e4m3 => F8E4M3,
    f8e3m4 => F8E3M4,
    f8e8m0fnu => F8E8M0FNU,
    f6e2m3fn => F6E2M3FN,
    f6e3m2fn => F6E3M2FN,
    f4e2m1fn => F4E2M1FN,
);

macro_rules! impl_complex_element {
    ($part:ty, $dtype:ident, $n:literal) => {
        impl sealed::Sealed for Complex<$part> {}
        impl Element for Complex<$part> {
            const DTYPE: DType = DType::$dtype;
            fn put_le(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.re.to_le_bytes());
                out.extend_from_slice(&self.im.to_le_bytes());
            }
            fn get_le(bytes: &[u8]) -> Self {
                let (re, im) = bytes.split_at($n);
                Complex::new(<$part>::get_le(re), <$part>::get_le(im))
            }
            fn to_f64(self) -> f64 {
                f64::from(self.re)
            }
        }
    };
}

impl_complex_element!(f32, C64, 4);
impl_complex_element!(f64, C128, 8);

/// The value of a one-byte element of a sub-byte integer type (`i2`, `i4`,
/// `ui2`, `ui4`) stored in the low bits of `byte` (`ml_dtypes` layout):
/// signed types are sign-extended from their width.
pub(crate) fn sub_byte_int(dtype: DType, byte: u8) -> i64 {
    let bits = dtype.bit_width() as u32;
    let low = byte & low_bits_mask(dtype);
    if dtype.is_signed_int() {
        // Move the sign bit to bit 7, then shift back arithmetically.
        i64::from(((low << (8 - bits)) as i8) >> (8 - bits))
    } else {
        i64::from(low)
    }
}

/// The bits a sub-byte element may use (`0x0f` for `i4`); `0xff` otherwise.
pub(crate) fn low_bits_mask(dtype: DType) -> u8 {
    if dtype.is_sub_byte() {
        ((1u16 << dtype.bit_width()) - 1) as u8
    } else {
        0xff
    }
}

impl sealed::Sealed for bool {}
impl Element for bool {
    const DTYPE: DType = DType::Pred;
    fn put_le(self, out: &mut Vec<u8>) {
        out.push(u8::from(self));
    }
    fn get_le(bytes: &[u8]) -> Self {
        bytes.first().is_some_and(|b| *b != 0)
    }
    fn to_f64(self) -> f64 {
        if self {
            1.0
        } else {
            0.0
        }
    }
}

/// The number of elements of `shape`, checking that no dimension is negative
/// and that the count (and its byte size for `dtype`) fits in `usize`.
pub(crate) fn checked_element_count(shape: &[i64], dtype: DType) -> Result<usize> {
    let mut count: usize = 1;
    for &d in shape {
        let d = usize::try_from(d)
            .map_err(|_| RuntimeError::Tensor(format!("negative dimension {d} in shape {shape:?}")))?;
        count = count
            .checked_mul(d)
            .ok_or_else(|| RuntimeError::Tensor(format!("shape {shape:?} is too large")))?;
    }
    count
        .checked_mul(dtype.byte_size())
        .ok_or_else(|| RuntimeError::Tensor(format!("shape {shape:?} is too large")))?;
    Ok(count)
}

/// The MLIR spelling of a tensor type: `tensor<2x3xf32>`, `tensor<f32>`.
pub fn tensor_type_string(dtype: DType, shape: &[i64]) -> String {
    let mut s = String::from("tensor<");
    for d in shape {
        s.push_str(&d.to_string());
        s.push('x');
    }
    s.push_str(dtype.mlir_name());
    s.push('>');
    s
}

/// A dense array in host memory.
///
/// `data` holds the elements little-endian, row-major (C order), with no
/// padding; `i1` elements take one byte each, 0 or 1. The fields are public,
/// so a tensor can be inconsistent; every function that reads one checks it
/// first ([`HostTensor::validate`]) and returns an error instead of panicking.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HostTensor {
    /// The element type.
    pub dtype: DType,
    /// The dimensions, outermost first; empty for a scalar.
    pub shape: Vec<i64>,
    /// The raw little-endian element bytes.
    pub data: Vec<u8>,
}

impl HostTensor {
    /// A tensor from raw bytes, checked with [`HostTensor::validate`].
    pub fn new(dtype: DType, shape: Vec<i64>, data: Vec<u8>) -> Result<Self> {
        let t = HostTensor { dtype, shape, data };
        t.validate()?;
        Ok(t)
    }

    /// A tensor of zero bytes: zeros, `false` for `i1`, and 2^-127 for
    /// `f8E8M0FNU`, which has no zero.
    pub fn zeros(dtype: DType, shape: &[i64]) -> Result<Self> {
        let count = checked_element_count(shape, dtype)?;
        Ok(HostTensor { dtype, shape: shape.to_vec(), data: vec![0; count * dtype.byte_size()] })
    }

    /// A tensor of `shape` from typed values in row-major order; the number
    /// of values must equal the number of elements.
    pub fn from_slice<T: Element>(shape: &[i64], values: &[T]) -> Result<Self> {
        let count = checked_element_count(shape, T::DTYPE)?;
        if count != values.len() {
            return Err(RuntimeError::Tensor(format!(
                "shape {shape:?} has {count} elements but {} values were given",
                values.len()
            )));
        }
        let mut data = Vec::with_capacity(count * T::DTYPE.byte_size());
        for v in values {
            v.put_le(&mut data);
        }
        Ok(HostTensor { dtype: T::DTYPE, shape: shape.to_vec(), data })
    }

    /// A rank-0 tensor holding `value`.
    pub fn scalar<T: Element>(value: T) -> Self {
        let mut data = Vec::with_capacity(T::DTYPE.byte_size());
        value.put_le(&mut data);
        HostTensor { dtype: T::DTYPE, shape: Vec::new(), data }
    }

    /// [`HostTensor::from_slice`] for `f32`.
    pub fn from_f32(shape: &[i64], values: &[f32]) -> Result<Self> {
        Self::from_slice(shape, values)
    }

    /// [`HostTensor::from_slice`] for `f64`.
    pub fn from_f64(shape: &[i64], values: &[f64]) -> Result<Self> {
        Self::from_slice(shape, values)
    }

    /// [`HostTensor::from_slice`] for `i32`.
    pub fn from_i32(shape: &[i64], values: &[i32]) -> Result<Self> {
        Self::from_slice(shape, values)
    }

    /// [`HostTensor::from_slice`] for `i64`.
    pub fn from_i64(shape: &[i64], values: &[i64]) -> Result<Self> {
        Self::from_slice(shape, values)
    }

    /// [`HostTensor::from_slice`] for `bool` (`i1`).
    pub fn from_bool(shape: &[i64], values: &[bool]) -> Result<Self> {
        Self::from_slice(shape, values)
    }

    /// Checks that no dimension is negative, that `data` has exactly
    /// `elements * byte_size` bytes, that `i1` bytes are 0 or 1, and that the
    /// one-byte elements of sub-byte types ([`DType::is_sub_byte`]: `i4`,
    /// `f4E2M1FN`, ...) leave their high bits zero.
    pub fn validate(&self) -> Result<()> {
        let count = checked_element_count(&self.shape, self.dtype)?;
        let want = count * self.dtype.byte_size();
        if self.data.len() != want {
            return Err(RuntimeError::Tensor(format!(
                "{} needs {want} data bytes, found {}",
                self.type_string(),
                self.data.len()
            )));
        }
        if self.dtype == DType::Pred {
            if let Some(pos) = self.data.iter().position(|b| *b > 1) {
                return Err(RuntimeError::Tensor(format!(
                    "i1 element {pos} has byte value {} (must be 0 or 1)",
                    self.data[pos]
                )));
            }
        }
        if self.dtype.is_sub_byte() {
            let mask = low_bits_mask(self.dtype);
            if let Some(pos) = self.data.iter().position(|b| b & !mask != 0) {
                return Err(RuntimeError::Tensor(format!(
                    "{} element {pos} has byte value {:#04x} (only the low {} bits may be set)",
                    self.dtype,
                    self.data[pos],
                    self.dtype.bit_width()
                )));
            }
        }
        Ok(())
    }

    /// The number of elements (the product of the dimensions; negative
    /// dimensions count as 0, an overflowing product saturates).
    pub fn element_count(&self) -> usize {
        self.shape.iter().fold(1usize, |acc, &d| acc.saturating_mul(usize::try_from(d).unwrap_or(0)))
    }

    /// The number of dimensions.
    pub fn rank(&self) -> usize {
        self.shape.len()
    }

    /// The MLIR type, e.g. `tensor<2x3xf32>`.
    pub fn type_string(&self) -> String {
        tensor_type_string(self.dtype, &self.shape)
    }

    /// The elements as `T`, which must be the tensor's own element type.
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        if T::DTYPE != self.dtype {
            return Err(RuntimeError::Tensor(format!("cannot read {} elements as {}", self.dtype, T::DTYPE)));
        }
        self.validate()?;
        Ok(self.data.chunks_exact(self.dtype.byte_size()).map(T::get_le).collect())
    }

    /// The elements of any real element type converted to `f64` (`i1` as
    /// 0/1), handy for comparisons; 64-bit integers beyond 2^53 are rounded.
    /// Complex tensors are an error (read them with
    /// `to_vec::<num_complex::Complex<f32>>()` or `Complex<f64>`).
    pub fn to_f64_vec(&self) -> Result<Vec<f64>> {
        self.validate()?;
        if self.dtype.is_complex() {
            return Err(RuntimeError::Tensor(format!(
                "{} elements are not real numbers (read them as num_complex::Complex)",
                self.dtype
            )));
        }
        fn conv<T: Element>(data: &[u8]) -> Vec<f64> {
            data.chunks_exact(T::DTYPE.byte_size()).map(|c| T::get_le(c).to_f64()).collect()
        }
        let d = &self.data;
        Ok(match self.dtype {
            DType::Pred => conv::<bool>(d),
            DType::S8 => conv::<i8>(d),
            DType::S16 => conv::<i16>(d),
            DType::S32 => conv::<i32>(d),
            DType::S64 => conv::<i64>(d),
            DType::U8 => conv::<u8>(d),
            DType::U16 => conv::<u16>(d),
            DType::U32 => conv::<u32>(d),
            DType::U64 => conv::<u64>(d),
            DType::F16 => conv::<f16>(d),
            DType::BF16 => conv::<bf16>(d),
            DType::F32 => conv::<f32>(d),
            DType::F64 => conv::<f64>(d),
            DType::S2 | DType::S4 | DType::U2 | DType::U4 => {
                d.iter().map(|b| sub_byte_int(self.dtype, *b) as f64).collect()
            }
            DType::F8E4M3FN => conv::<f8e4m3fn>(d),
            DType::F8E5M2 => conv::<f8e5m2>(d),
            DType::F8E4M3FNUZ => conv::<f8e4m3fnuz>(d),
            DType::F8E5M2FNUZ => conv::<f8e5m2fnuz>(d),
            DType::F8E4M3B11FNUZ => conv::<f8e4m3b11fnuz>(d),
            DType::F8E4M3 => conv::<f8e4m3>(d),
            DType::F8E3M4 => conv::<f8e3m4>(d),
            DType::F8E8M0FNU => conv::<f8e8m0fnu>(d),
            DType::F6E2M3FN => conv::<f6e2m3fn>(d),
            DType::F6E3M2FN => conv::<f6e3m2fn>(d),
            DType::F4E2M1FN => conv::<f4e2m1fn>(d),
            // Refused above.
            DType::C64 | DType::C128 => Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn construct_and_read_back() {
        let t = HostTensor::from_f32(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]).unwrap();
        assert_eq!(t.dtype, DType::F32);
        assert_eq!(t.data.len(), 24);
        assert_eq!(t.element_count(), 6);
        assert_eq!(t.rank(), 2);
        assert_eq!(t.type_string(), "tensor<2x3xf32>");
        assert_eq!(t.to_vec::<f32>().unwrap(), vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert!(t.to_vec::<f64>().is_err());
        assert_eq!(t.to_f64_vec().unwrap()[5], 6.0);

        let b = HostTensor::from_bool(&[3], &[true, false, true]).unwrap();
        assert_eq!(b.data, vec![1, 0, 1]);
        assert_eq!(b.to_f64_vec().unwrap(), vec![1.0, 0.0, 1.0]);

        let h = HostTensor::from_slice(&[2], &[bf16::from_f32(1.5), bf16::from_f32(-2.0)]).unwrap();
        assert_eq!(h.to_f64_vec().unwrap(), vec![1.5, -2.0]);

        let s = HostTensor::scalar(7u16);
        assert_eq!(s.shape, Vec::<i64>::new());
        assert_eq!(s.to_vec::<u16>().unwrap(), vec![7]);
    }

    #[test]
    fn inconsistent_tensors_are_errors() {
        assert!(HostTensor::from_f32(&[2, 2], &[1.0]).is_err());
        assert!(HostTensor::from_f32(&[-1], &[]).is_err());
        assert!(HostTensor::zeros(DType::F64, &[i64::MAX, i64::MAX]).is_err());
        let bad = HostTensor { dtype: DType::F32, shape: vec![3], data: vec![0; 5] };
        assert!(bad.validate().is_err());
        assert!(bad.to_f64_vec().is_err());
        let bad_pred = HostTensor { dtype: DType::Pred, shape: vec![1], data: vec![2] };
        assert!(bad_pred.validate().is_err());
        let neg = HostTensor { dtype: DType::F32, shape: vec![-3], data: vec![] };
        assert_eq!(neg.element_count(), 0);
        assert!(neg.validate().is_err());
    }

    #[test]
    fn small_float_complex_and_sub_byte_elements() {
        let f8 = HostTensor::from_slice(&[3], &[1.0f32, -0.5, 448.0].map(f8e4m3fn::from_f32)).unwrap();
        assert_eq!(f8.dtype, DType::F8E4M3FN);
        assert_eq!(f8.data, vec![0x38, 0xb0, 0x7e]);
        assert_eq!(f8.to_f64_vec().unwrap(), vec![1.0, -0.5, 448.0]);
        assert_eq!(f8.to_vec::<f8e4m3fn>().unwrap()[2].to_bits(), 0x7e);
        let f4 = HostTensor::from_slice(&[2], &[f4e2m1fn::from_f32(-6.0), f4e2m1fn::from_f32(0.5)]).unwrap();
        assert_eq!(f4.data, vec![0x0f, 0x01]);
        let c = HostTensor::from_slice(&[2], &[Complex::new(1.0f32, -2.0), Complex::new(0.5, 0.25)]).unwrap();
        assert_eq!(c.dtype, DType::C64);
        assert_eq!(&c.data[..8], &[0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
        assert_eq!(c.to_vec::<Complex<f32>>().unwrap()[1], Complex::new(0.5, 0.25));
        assert_eq!(Complex::new(3.0f64, 4.0).to_f64(), 3.0);
        let e = c.to_f64_vec().unwrap_err().to_string();
        assert!(e.contains("complex<f32> elements are not real numbers"), "{e}");
        let c128 = HostTensor::scalar(Complex::new(1.0f64, 2.0));
        assert_eq!((c128.dtype, c128.data.len()), (DType::C128, 16));

        let i4 = HostTensor::new(DType::S4, vec![4], vec![0x08, 0x07, 0x01, 0x0f]).unwrap();
        assert_eq!(i4.to_f64_vec().unwrap(), vec![-8.0, 7.0, 1.0, -1.0]);
        let u2 = HostTensor::new(DType::U2, vec![2], vec![3, 0]).unwrap();
        assert_eq!(u2.to_f64_vec().unwrap(), vec![3.0, 0.0]);
        assert_eq!(sub_byte_int(DType::S2, 2), -2);
        assert_eq!(sub_byte_int(DType::U4, 0xff), 15);
        let e = HostTensor::new(DType::S4, vec![1], vec![0xf8]).unwrap_err().to_string();
        assert!(e.contains("i4 element 0 has byte value 0xf8 (only the low 4 bits may be set)"), "{e}");
        assert!(HostTensor::new(DType::F6E2M3FN, vec![1], vec![0x40]).is_err());
        assert!(HostTensor::new(DType::F6E2M3FN, vec![1], vec![0x3f]).is_ok());
        assert!(HostTensor::new(DType::F8E4M3FN, vec![1], vec![0xff]).is_ok());
        for d in DType::ALL {
            assert_eq!(HostTensor::zeros(d, &[3]).unwrap().data.len(), 3 * d.byte_size());
        }
    }

    #[test]
    fn zeros_and_empty() {
        let z = HostTensor::zeros(DType::S64, &[2, 0]).unwrap();
        assert!(z.data.is_empty());
        assert_eq!(z.to_vec::<i64>().unwrap(), Vec::<i64>::new());
        let z = HostTensor::zeros(DType::U32, &[2]).unwrap();
        assert_eq!(z.to_vec::<u32>().unwrap(), vec![0, 0]);
    }
}
