//! NumPy `.npy` files.
//!
//! Writes format version 1.0 exactly as `numpy.save` does (same header text,
//! same spare space, 64-byte alignment), so files compare byte for byte.
//! Reads versions 1.0, 2.0 and 3.0. Only little-endian (or byte-order-free)
//! descriptors in C order are supported; Fortran order, big-endian and
//! structured dtypes are errors.
//!
//! Complex numbers are `'<c8'` (`complex<f32>`) and `'<c16'` (`complex<f64>`).
//!
//! bf16 has no NumPy builtin type: it is written with descriptor `'<V2'` (a
//! 2-byte void, which is what `numpy.save` writes for an `ml_dtypes.bfloat16`
//! array; read it back in Python with `np.load(f).view(ml_dtypes.bfloat16)`).
//! On read, `'<V2'`, `'|V2'` and the `ml_dtypes` name `'bfloat16'` all mean bf16.
//!
//! The other `ml_dtypes` types (`i2 i4 ui2 ui4`, the 8/6/4-bit floats) are
//! written with their `ml_dtypes` name as descriptor (`'float8_e4m3fn'`,
//! `'int4'`, ...), which `np.load` reads as that type once `ml_dtypes` is
//! imported (checked with NumPy 2.4 and `ml_dtypes` 0.7), and are read back
//! by name. Their data is one element per byte, a sub-byte element in the
//! low bits (`ml_dtypes` layout); on read, high bits are cleared, as
//! `ml_dtypes` ignores them. `numpy.save` itself writes `'<V1'` for every
//! one-byte `ml_dtypes` type except `float8_e5m2` (`'<f1'`, read as
//! `f8E5M2`): a `'<V1'`/`'|V1'` file says nothing of its type, so
//! [`read_npy`] refuses it and [`read_npy_as`] reads it as a given one-byte
//! type (`jaxr-run` passes the type of the argument it is for).

use std::path::Path;

use crate::dtype::DType;
use crate::error::{Result, RuntimeError};
use crate::tensor::{checked_element_count, low_bits_mask, HostTensor};

const MAGIC: &[u8; 6] = b"\x93NUMPY";
const ARRAY_ALIGN: usize = 64;
/// numpy leaves room for the first axis to grow to this many digits.
const GROWTH_AXIS_MAX_DIGITS: usize = 21;

fn npy_err(msg: impl Into<String>) -> RuntimeError {
    RuntimeError::Npy(msg.into())
}

/// Reads a `.npy` file. A one-byte void descriptor (`'<V1'`, what
/// `numpy.save` writes for most one-byte `ml_dtypes` types) is an error; see
/// [`read_npy_as`].
pub fn read_npy(path: impl AsRef<Path>) -> Result<HostTensor> {
    read_npy_impl(path.as_ref(), None)
}

/// Reads a `.npy` file like [`read_npy`], except that a one-byte void
/// descriptor (`'<V1'`, `'|V1'`) is taken to hold elements of `void_as`,
/// which must be a one-byte type (else the file is an error). Any other
/// descriptor is read as itself, whatever `void_as` is: the caller still
/// checks the result's type.
pub fn read_npy_as(path: impl AsRef<Path>, void_as: DType) -> Result<HostTensor> {
    read_npy_impl(path.as_ref(), Some(void_as))
}

fn read_npy_impl(path: &Path, void_as: Option<DType>) -> Result<HostTensor> {
    let bytes =
        std::fs::read(path).map_err(|source| RuntimeError::Io { path: path.to_path_buf(), source })?;
    decode(&bytes, void_as).map_err(|e| match e {
        RuntimeError::Npy(msg) => RuntimeError::Npy(format!("{}: {msg}", path.display())),
        other => other,
    })
}

/// Writes `tensor` as a `.npy` (version 1.0) file.
pub fn write_npy(path: impl AsRef<Path>, tensor: &HostTensor) -> Result<()> {
    let path = path.as_ref();
    let bytes = to_npy_bytes(tensor)?;
    std::fs::write(path, bytes).map_err(|source| RuntimeError::Io { path: path.to_path_buf(), source })
}

/// Serializes `tensor` in `.npy` format version 1.0, byte-identical to
/// `numpy.save` of the same array.
pub fn to_npy_bytes(tensor: &HostTensor) -> Result<Vec<u8>> {
    tensor.validate()?;
    let shape = match tensor.shape.as_slice() {
        [] => "()".to_string(),
        [d] => format!("({d},)"),
        dims => format!("({})", dims.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    };
    let mut header =
        format!("{{'descr': '{}', 'fortran_order': False, 'shape': {shape}, }}", tensor.dtype.npy_descr());
    if let Some(first) = tensor.shape.first() {
        let digits = first.to_string().len();
        header.push_str(&" ".repeat(GROWTH_AXIS_MAX_DIGITS.saturating_sub(digits)));
    }
    // magic (6) + version (2) + u16 length (2) + header + '\n', padded to 64.
    let unpadded = MAGIC.len() + 2 + 2 + header.len() + 1;
    let pad = (ARRAY_ALIGN - unpadded % ARRAY_ALIGN) % ARRAY_ALIGN;
    header.push_str(&" ".repeat(pad));
    header.push('\n');
    let header_len = u16::try_from(header.len())
        .map_err(|_| npy_err(format!("header of {} bytes is too long for version 1.0", header.len())))?;

    let mut out = Vec::with_capacity(10 + header.len() + tensor.data.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[1, 0]);
    out.extend_from_slice(&header_len.to_le_bytes());
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(&tensor.data);
    Ok(out)
}

/// Parses a `.npy` buffer (format version 1.0, 2.0 or 3.0).
pub fn from_npy_bytes(bytes: &[u8]) -> Result<HostTensor> {
    decode(bytes, None)
}

/// [`from_npy_bytes`] with a one-byte void descriptor read as `void_as`
/// (see [`read_npy_as`]).
pub fn from_npy_bytes_as(bytes: &[u8], void_as: DType) -> Result<HostTensor> {
    decode(bytes, Some(void_as))
}

fn decode(bytes: &[u8], void_as: Option<DType>) -> Result<HostTensor> {
    if bytes.len() < 8 || &bytes[..6] != MAGIC {
        return Err(npy_err("not a .npy file (missing \\x93NUMPY magic)"));
    }
    let (major, minor) = (bytes[6], bytes[7]);
    let (header_len, header_start) = match major {
        1 => {
            let b = bytes.get(8..10).ok_or_else(|| npy_err("truncated header length"))?;
            (usize::from(u16::from_le_bytes([b[0], b[1]])), 10usize)
        }
        2 | 3 => {
            let b = bytes.get(8..12).ok_or_else(|| npy_err("truncated header length"))?;
            let len = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let len = usize::try_from(len).map_err(|_| npy_err("header too long"))?;
            (len, 12)
        }
        _ => {
            return Err(npy_err(format!(
                "unsupported .npy format version {major}.{minor} (supported: 1.0, 2.0, 3.0)"
            )))
        }
    };
    let header_end = header_start
        .checked_add(header_len)
        .filter(|end| *end <= bytes.len())
        .ok_or_else(|| npy_err("truncated header"))?;
    let header_bytes = &bytes[header_start..header_end];
    let header = if major == 3 {
        std::str::from_utf8(header_bytes).map_err(|_| npy_err("header is not UTF-8"))?
    } else {
        // Version 1/2 headers are latin-1; every valid header is ASCII.
        std::str::from_utf8(header_bytes).map_err(|_| npy_err("header is not ASCII"))?
    };
    let (dtype, shape) = parse_header(header, void_as)?;
    let count = checked_element_count(&shape, dtype)?;
    let want = count * dtype.byte_size();
    let data = &bytes[header_end..];
    if data.len() != want {
        return Err(npy_err(format!(
            "array data has {} bytes, shape {shape:?} of {dtype} needs {want}",
            data.len()
        )));
    }
    let mut data = data.to_vec();
    if dtype == DType::Pred {
        for b in &mut data {
            *b = u8::from(*b != 0);
        }
    }
    if dtype.is_sub_byte() {
        let mask = low_bits_mask(dtype);
        for b in &mut data {
            *b &= mask;
        }
    }
    HostTensor::new(dtype, shape, data)
}

/// A Python literal as found in a `.npy` header.
#[derive(Debug, Clone, PartialEq)]
enum PyValue {
    Str(String),
    Bool(bool),
    Int(i64),
    Tuple(Vec<PyValue>),
    List(Vec<PyValue>),
    Dict(Vec<(PyValue, PyValue)>),
    None,
}

struct PyParser<'a> {
    s: &'a [u8],
    pos: usize,
    /// Open brackets around `pos`.
    depth: usize,
}

/// How deep brackets may nest in a header. numpy's own headers nest two
/// deep (a dict holding the shape tuple); the limit keeps a hostile header
/// from overflowing the stack.
const MAX_HEADER_NESTING: usize = 16;

impl PyParser<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.s.get(self.pos).copied()
    }

    fn expect(&mut self, c: u8) -> Result<()> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(npy_err(format!("malformed header: expected {:?} at offset {}", c as char, self.pos)))
        }
    }

    /// Parses items up to `close`, allowing a trailing comma.
    fn items(&mut self, close: u8) -> Result<Vec<PyValue>> {
        let mut items = Vec::new();
        loop {
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(items);
            }
            items.push(self.value()?);
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(c) if c == close => {}
                _ => return Err(npy_err("malformed header: expected ',' or closing bracket")),
            }
        }
    }

    /// The entries of a dict up to its `}`; a key given twice is an error
    /// (Python keeps the last, readers that stop at the first would not).
    fn dict_entries(&mut self) -> Result<Vec<(PyValue, PyValue)>> {
        let mut entries: Vec<(PyValue, PyValue)> = Vec::new();
        loop {
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Ok(entries);
            }
            let key = self.value()?;
            if entries.iter().any(|(k, _)| *k == key) {
                let name = match &key {
                    PyValue::Str(s) => format!("'{s}'"),
                    other => format!("{other:?}"),
                };
                return Err(npy_err(format!("malformed header: duplicate key {name}")));
            }
            self.expect(b':')?;
            let value = self.value()?;
            entries.push((key, value));
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {}
                _ => return Err(npy_err("malformed header: expected ',' or '}'")),
            }
        }
    }

    fn value(&mut self) -> Result<PyValue> {
        match self.peek() {
            Some(q @ (b'\'' | b'"')) => {
                self.pos += 1;
                let start = self.pos;
                while self.pos < self.s.len() && self.s[self.pos] != q {
                    self.pos += 1;
                }
                if self.pos >= self.s.len() {
                    return Err(npy_err("malformed header: unterminated string"));
                }
                let text = String::from_utf8_lossy(&self.s[start..self.pos]).into_owned();
                self.pos += 1;
                Ok(PyValue::Str(text))
            }
            Some(open @ (b'(' | b'[' | b'{')) => {
                self.pos += 1;
                self.depth += 1;
                if self.depth > MAX_HEADER_NESTING {
                    return Err(npy_err(format!(
                        "malformed header: brackets nested deeper than {MAX_HEADER_NESTING} levels"
                    )));
                }
                let value = match open {
                    b'(' => self.items(b')').map(PyValue::Tuple),
                    b'[' => self.items(b']').map(PyValue::List),
                    _ => self.dict_entries().map(PyValue::Dict),
                };
                self.depth -= 1;
                value
            }
            Some(c) if c.is_ascii_digit() || c == b'-' || c == b'+' => {
                let start = self.pos;
                self.pos += 1;
                while self.pos < self.s.len()
                    && (self.s[self.pos].is_ascii_digit() || self.s[self.pos] == b'L')
                {
                    self.pos += 1;
                }
                let text = String::from_utf8_lossy(&self.s[start..self.pos]);
                let text = text.trim_end_matches('L');
                text.parse()
                    .map(PyValue::Int)
                    .map_err(|_| npy_err(format!("malformed header: bad integer {text:?}")))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let start = self.pos;
                while self.pos < self.s.len() && self.s[self.pos].is_ascii_alphanumeric() {
                    self.pos += 1;
                }
                match &self.s[start..self.pos] {
                    b"True" => Ok(PyValue::Bool(true)),
                    b"False" => Ok(PyValue::Bool(false)),
                    b"None" => Ok(PyValue::None),
                    other => Err(npy_err(format!(
                        "malformed header: unexpected word {:?}",
                        String::from_utf8_lossy(other)
                    ))),
                }
            }
            _ => Err(npy_err(format!("malformed header: unexpected character at offset {}", self.pos))),
        }
    }
}

/// The one-byte `ml_dtypes` names, quoted, for error messages.
fn one_byte_ml_dtypes() -> String {
    DType::ALL
        .into_iter()
        .filter(|d| d.byte_size() == 1)
        .filter_map(|d| d.ml_dtypes_name())
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_header(header: &str, void_as: Option<DType>) -> Result<(DType, Vec<i64>)> {
    let mut p = PyParser { s: header.as_bytes(), pos: 0, depth: 0 };
    let dict = match p.value()? {
        PyValue::Dict(entries) => entries,
        _ => return Err(npy_err("malformed header: not a dict")),
    };
    if p.peek().is_some() {
        return Err(npy_err("malformed header: trailing text after the dict"));
    }
    let get = |name: &str| {
        dict.iter()
            .find(|(k, _)| *k == PyValue::Str(name.to_string()))
            .map(|(_, v)| v)
            .ok_or_else(|| npy_err(format!("header lacks the '{name}' key")))
    };
    let descr = match get("descr")? {
        PyValue::Str(s) => s.clone(),
        PyValue::List(_) => return Err(npy_err("structured dtypes (a list descr) are not supported")),
        other => return Err(npy_err(format!("bad 'descr' value {other:?}"))),
    };
    match get("fortran_order")? {
        PyValue::Bool(false) => {}
        PyValue::Bool(true) => {
            return Err(npy_err(
                "fortran_order True is not supported (save a C-ordered array, e.g. np.ascontiguousarray)",
            ))
        }
        other => return Err(npy_err(format!("bad 'fortran_order' value {other:?}"))),
    }
    let shape = match get("shape")? {
        PyValue::Tuple(items) => items
            .iter()
            .map(|v| match v {
                PyValue::Int(d) if *d >= 0 => Ok(*d),
                other => Err(npy_err(format!("bad dimension {other:?} in 'shape'"))),
            })
            .collect::<Result<Vec<i64>>>()?,
        other => return Err(npy_err(format!("bad 'shape' value {other:?}"))),
    };
    if matches!(descr.as_str(), "<V1" | "|V1" | "=V1") {
        let dtype = match void_as {
            Some(d) if d.byte_size() == 1 => d,
            Some(d) => {
                return Err(npy_err(format!(
                    "dtype '{descr}' (one-byte void) cannot hold {d} elements ({} bytes each)",
                    d.byte_size()
                )))
            }
            None => {
                return Err(npy_err(format!(
                    "dtype '{descr}' is ambiguous: numpy.save writes it for every one-byte ml_dtypes type; \
                     name the type in the header's 'descr' instead ({})",
                    one_byte_ml_dtypes()
                )))
            }
        };
        return Ok((dtype, shape));
    }
    let dtype = DType::from_npy_descr(&descr).ok_or_else(|| {
        if descr.starts_with('>') {
            npy_err(format!(
                "big-endian dtype '{descr}' is not supported (convert with arr.astype(arr.dtype.newbyteorder('<')))"
            ))
        } else {
            let known: Vec<String> = DType::ALL.iter().map(|d| format!("'{}'", d.npy_descr())).collect();
            npy_err(format!(
                "unsupported dtype '{descr}' (supported: {}; also '|V2' for bf16, '<f1' for f8E5M2)",
                known.join(" ")
            ))
        }
    })?;
    Ok((dtype, shape))
}

#[cfg(test)]
mod tests {
    use super::*;
    use half::{bf16, f16};
    use num_complex::Complex;

    fn sample(dtype: DType) -> HostTensor {
        let shape = [2i64, 3];
        match dtype {
            DType::Pred => HostTensor::from_slice(&shape, &[true, false, true, true, false, false]),
            DType::S8 => HostTensor::from_slice(&shape, &[-128i8, -1, 0, 1, 2, 127]),
            DType::S16 => HostTensor::from_slice(&shape, &[i16::MIN, -1, 0, 1, 2, i16::MAX]),
            DType::S32 => HostTensor::from_slice(&shape, &[i32::MIN, -1, 0, 1, 2, i32::MAX]),
            DType::S64 => HostTensor::from_slice(&shape, &[i64::MIN, -1, 0, 1, 2, i64::MAX]),
            DType::U8 => HostTensor::from_slice(&shape, &[0u8, 1, 2, 3, 4, 255]),
            DType::U16 => HostTensor::from_slice(&shape, &[0u16, 1, 2, 3, 4, u16::MAX]),
            DType::U32 => HostTensor::from_slice(&shape, &[0u32, 1, 2, 3, 4, u32::MAX]),
            DType::U64 => HostTensor::from_slice(&shape, &[0u64, 1, 2, 3, 4, u64::MAX]),
            DType::F16 => HostTensor::from_slice(
                &shape,
                &[-1.5f32, 0.0, 0.1, 65504.0, f32::INFINITY, 1e-7].map(f16::from_f32),
            ),
            DType::BF16 => HostTensor::from_slice(
                &shape,
                &[-1.5f32, 0.0, 0.1, 3e38, f32::NEG_INFINITY, 1e-30].map(bf16::from_f32),
            ),
            DType::F32 => HostTensor::from_slice(&shape, &[-1.5f32, 0.0, 0.1, 3e38, f32::NAN, 1e-45]),
            DType::F64 => HostTensor::from_slice(&shape, &[-1.5f64, 0.0, 0.1, 1e308, f64::NAN, 5e-324]),
            DType::C64 => HostTensor::from_slice(
                &shape,
                &[
                    (1.0f32, 2.0),
                    (-0.0, -3.5),
                    (f32::NAN, 1.0),
                    (f32::INFINITY, 0.0),
                    (1e-45, 3e38),
                    (0.0, 0.0),
                ]
                .map(|(re, im)| Complex::new(re, im)),
            ),
            DType::C128 => HostTensor::from_slice(
                &shape,
                &[
                    (1.0f64, 2.0),
                    (-0.0, -3.5),
                    (f64::NAN, 1.0),
                    (f64::INFINITY, 0.0),
                    (5e-324, 1e308),
                    (0.0, 0.0),
                ]
                .map(|(re, im)| Complex::new(re, im)),
            ),
            // One element per byte, every bit pattern the type allows.
            small => {
                let mask = low_bits_mask(small);
                HostTensor::new(
                    small,
                    shape.to_vec(),
                    [0u8, 1, 0x7f, 0x80, 0xfe, 0xff].map(|b| b & mask).to_vec(),
                )
            }
        }
        .unwrap()
    }

    #[test]
    fn round_trip_every_dtype() {
        for dtype in DType::ALL {
            for t in [
                sample(dtype),
                HostTensor::zeros(dtype, &[]).unwrap(),
                HostTensor::zeros(dtype, &[0, 4]).unwrap(),
                HostTensor::zeros(dtype, &[5]).unwrap(),
            ] {
                let bytes = to_npy_bytes(&t).unwrap();
                assert_eq!(&bytes[..8], b"\x93NUMPY\x01\x00");
                let header_len = usize::from(u16::from_le_bytes([bytes[8], bytes[9]]));
                assert_eq!((10 + header_len) % 64, 0, "{dtype}: header not 64-aligned");
                let back = from_npy_bytes(&bytes).unwrap();
                assert_eq!(back, t, "{dtype}");
            }
        }
    }

    fn v1(header: &str, data: &[u8]) -> Vec<u8> {
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        out.extend_from_slice(&u16::try_from(header.len()).unwrap().to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(data);
        out
    }

    #[test]
    fn reads_variants() {
        let t = from_npy_bytes(&v1("{'descr':'|V2','fortran_order':False,'shape':(1,)}\n", &[0x80, 0x3f]))
            .unwrap();
        assert_eq!(t.dtype, DType::BF16);
        assert_eq!(t.to_f64_vec().unwrap(), vec![1.0]);
        let t = from_npy_bytes(&v1(
            "{\"descr\": \"bfloat16\", \"shape\": (), \"fortran_order\": False}",
            &[0, 0x40],
        ))
        .unwrap();
        assert_eq!(t.to_f64_vec().unwrap(), vec![2.0]);
        let t = from_npy_bytes(&v1("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", &[0, 7]))
            .unwrap();
        assert_eq!(t.data, vec![0, 1]);

        // Version 2.0 has a 4-byte header length.
        let header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }\n";
        let mut v2 = b"\x93NUMPY\x02\x00".to_vec();
        v2.extend_from_slice(&u32::try_from(header.len()).unwrap().to_le_bytes());
        v2.extend_from_slice(header.as_bytes());
        v2.extend_from_slice(&[1, 0, 0, 0, 2, 0, 0, 0]);
        assert_eq!(from_npy_bytes(&v2).unwrap().to_vec::<i32>().unwrap(), vec![1, 2]);
    }

    #[test]
    fn ml_dtypes_names_and_voids() {
        // Written by ml_dtypes name, read back by name.
        let t = HostTensor::new(DType::F8E4M3FN, vec![2], vec![0x38, 0x7e]).unwrap();
        let bytes = to_npy_bytes(&t).unwrap();
        let header = String::from_utf8_lossy(&bytes[10..]).into_owned();
        assert!(header.starts_with("{'descr': 'float8_e4m3fn', 'fortran_order': False, 'shape': (2,), }"));
        assert_eq!(from_npy_bytes(&bytes).unwrap(), t);
        // Complex numbers as NumPy writes them.
        let c = HostTensor::scalar(Complex::new(1.0f64, -2.0));
        let bytes = to_npy_bytes(&c).unwrap();
        assert!(String::from_utf8_lossy(&bytes[10..]).starts_with("{'descr': '<c16', "));
        assert_eq!(
            from_npy_bytes(&bytes).unwrap().to_vec::<Complex<f64>>().unwrap(),
            vec![Complex::new(1.0, -2.0)]
        );
        // '<f1' is what numpy.save writes for float8_e5m2.
        let t = from_npy_bytes(&v1("{'descr': '<f1', 'fortran_order': False, 'shape': (1,), }", &[0x3c]))
            .unwrap();
        assert_eq!((t.dtype, t.to_f64_vec().unwrap()), (DType::F8E5M2, vec![1.0]));
        // High bits of sub-byte elements are ignored, as ml_dtypes does.
        let t = from_npy_bytes(&v1(
            "{'descr': 'int4', 'fortran_order': False, 'shape': (3,), }",
            &[0xff, 0x0f, 0xf1],
        ))
        .unwrap();
        assert_eq!(t.data, vec![0x0f, 0x0f, 0x01]);
        assert_eq!(t.to_f64_vec().unwrap(), vec![-1.0, -1.0, 1.0]);
        // '<V1' (what numpy.save writes for the other one-byte ml_dtypes
        // types) needs to be told its type.
        let void = v1("{'descr': '<V1', 'fortran_order': False, 'shape': (2,), }", &[0x38, 0xf8]);
        let e = from_npy_bytes(&void).unwrap_err().to_string();
        assert!(
            e.contains("'<V1' is ambiguous") && e.contains("'float8_e4m3fn'") && e.contains("'int4'"),
            "{e}"
        );
        let t = from_npy_bytes_as(&void, DType::F8E4M3FN).unwrap();
        assert_eq!(t.to_f64_vec().unwrap(), vec![1.0, -256.0]);
        let t = from_npy_bytes_as(&void, DType::U4).unwrap();
        assert_eq!(t.data, vec![0x08, 0x08]);
        let t = from_npy_bytes_as(&void, DType::Pred).unwrap();
        assert_eq!(t.data, vec![1, 1]);
        let e = from_npy_bytes_as(&void, DType::F16).unwrap_err().to_string();
        assert!(e.contains("'<V1' (one-byte void) cannot hold f16 elements (2 bytes each)"), "{e}");
        // A typed descriptor is read as itself whatever the hint.
        let f32s = to_npy_bytes(&HostTensor::from_f32(&[1], &[1.0]).unwrap()).unwrap();
        assert_eq!(from_npy_bytes_as(&f32s, DType::S4).unwrap().dtype, DType::F32);
    }

    #[test]
    fn rejects_bad_files() {
        let err = |bytes: &[u8]| from_npy_bytes(bytes).unwrap_err().to_string();
        assert!(err(b"hello").contains("not a .npy file"));
        assert!(err(b"\x93NUMPY\x04\x00\x00\x00").contains("unsupported .npy format version 4.0"));
        assert!(err(b"\x93NUMPY\x01\x00\xff\x00{").contains("truncated header"));
        let e = err(&v1("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", &[0; 4]));
        assert!(e.contains("big-endian dtype '>f4'"), "{e}");
        let e = err(&v1("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", &[0; 4]));
        assert!(e.contains("fortran_order True"), "{e}");
        let e = err(&v1("{'descr': '<c32', 'fortran_order': False, 'shape': (1,), }", &[0; 32]));
        assert!(e.contains("unsupported dtype '<c32'") && e.contains("'float8_e4m3fn'"), "{e}");
        let e = err(&v1("{'descr': '>c8', 'fortran_order': False, 'shape': (1,), }", &[0; 8]));
        assert!(e.contains("big-endian dtype '>c8'"), "{e}");
        let e = err(&v1("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", &[0; 4]));
        assert!(e.contains("structured"), "{e}");
        let e = err(&v1("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", &[0; 4]));
        assert!(e.contains("needs 8"), "{e}");
        let e = err(&v1("{'descr': '<f4', 'fortran_order': False}", &[]));
        assert!(e.contains("lacks the 'shape' key"), "{e}");
        let e = err(&v1("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", &[]));
        assert!(e.contains("bad dimension"), "{e}");
        let e = err(&v1(
            "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999, 99999999999, 9999999999), }",
            &[],
        ));
        assert!(e.contains("too large"), "{e}");
        let e = err(&v1("{'descr': '<f4'", &[]));
        assert!(e.contains("malformed header"), "{e}");
        assert!(err(&v1("[1, 2]", &[])).contains("not a dict"));
    }

    #[test]
    fn hostile_headers_are_errors_not_crashes() {
        let err = |bytes: &[u8]| from_npy_bytes(bytes).unwrap_err().to_string();
        let deep = format!("{{'descr': '<f4', 'shape': {}{}}}", "(".repeat(20_000), ")".repeat(20_000));
        let e = err(&v1(&deep, &[]));
        assert!(e.contains("brackets nested deeper than 16 levels"), "{e}");
        let e = err(&v1("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'shape': (2,)}", &[0; 8]));
        assert!(e.contains("malformed header: duplicate key 'shape'"), "{e}");
        let e = err(&v1("{'descr': '<i4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", &[0; 4]));
        assert!(e.contains("duplicate key"), "{e}");
        let nested_ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': [[[[1]]]]}";
        assert!(from_npy_bytes(&v1(nested_ok, &[0; 4])).is_ok());
    }

    #[test]
    fn mutated_files_never_panic() {
        let base = to_npy_bytes(&sample(DType::F32)).unwrap();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let mut bytes = base.clone();
            let n = (next() % 4 + 1) as usize;
            for _ in 0..n {
                let pos = (next() as usize) % bytes.len();
                bytes[pos] = next() as u8;
            }
            let cut = (next() as usize) % (bytes.len() + 1);
            let _ = from_npy_bytes(&bytes);
            let _ = from_npy_bytes(&bytes[..cut]);
        }
    }

    #[test]
    fn writing_checks_the_tensor() {
        let bad = HostTensor { dtype: DType::F32, shape: vec![2], data: vec![0; 3] };
        assert!(to_npy_bytes(&bad).is_err());
    }
}
