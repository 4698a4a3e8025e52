//! Conversions between the generic spelling of attribute values and their
//! pieces, as the pretty syntax needs them: `array<i64: 0, 1>` and `[0, 1]`,
//! `#stablehlo<comparison_direction LT>` and `LT`, `#stablehlo.dot<...>` and
//! `contracting_dims = [1] x [0]`, dense padding matrices, Shardy's
//! `#sdy.sharding<...>` and `<...>`, and a few helpers on raw type text.
//! Everything works on text; nothing is evaluated.

use std::fmt::Write as _;

use super::enums;
use super::lexer::{is_bare_identifier, is_ident_char, Lexer};

/// Splits `s` at `sep` outside brackets and strings; `->` is not a bracket.
/// The parts are trimmed. An empty or blank `s` gives no parts.
pub(crate) fn split_top_level(s: &str, sep: u8) -> Vec<&str> {
    let b = s.as_bytes();
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                i += 1;
                while let Some(&c) = b.get(i) {
                    if c == b'\\' {
                        i += 1;
                    } else if c == b'"' {
                        break;
                    }
                    i += 1;
                }
            }
            b'-' if b.get(i + 1) == Some(&b'>') => i += 1,
            b'(' | b'[' | b'{' | b'<' => depth += 1,
            b')' | b']' | b'}' | b'>' => depth -= 1,
            _ if c == sep && depth == 0 => {
                parts.push(s.get(start..i).unwrap_or("").trim());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let last = s.get(start..).unwrap_or("").trim();
    if !(parts.is_empty() && last.is_empty()) {
        parts.push(last);
    }
    parts
}

/// Splits `value : type` at the last `:` outside brackets and strings.
pub(crate) fn split_attr_type(raw: &str) -> Option<(&str, &str)> {
    let b = raw.as_bytes();
    let mut depth = 0i32;
    let mut last = None;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                i += 1;
                while let Some(&c) = b.get(i) {
                    if c == b'\\' {
                        i += 1;
                    } else if c == b'"' {
                        break;
                    }
                    i += 1;
                }
            }
            b'-' if b.get(i + 1) == Some(&b'>') => i += 1,
            b'(' | b'[' | b'{' | b'<' => depth += 1,
            b')' | b']' | b'}' | b'>' => depth -= 1,
            b':' if depth == 0 => last = Some(i),
            _ => {}
        }
        i += 1;
    }
    let at = last?;
    Some((raw.get(..at)?.trim(), raw.get(at + 1..)?.trim()))
}

/// The element type of a tensor type (`tensor<6x4xf32>` gives `f32`);
/// any other type is returned unchanged.
pub(crate) fn element_type(ty: &str) -> &str {
    let Some(inner) = ty.strip_prefix("tensor<").and_then(|t| t.strip_suffix('>')) else { return ty };
    let mut rest = split_top_level(inner, b',').first().copied().unwrap_or("");
    loop {
        let b = rest.as_bytes();
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let dim = if digits > 0 {
            digits
        } else if matches!(b.first(), Some(b'?' | b'*')) {
            1
        } else {
            break;
        };
        if b.get(dim) != Some(&b'x') {
            break;
        }
        rest = rest.get(dim + 1..).unwrap_or("");
    }
    rest.trim()
}

/// The tensor type of the same shape (and encoding) as the tensor type
/// `ty` whose element type is `complex<E>`, with element type `E`
/// (`tensor<2xcomplex<f32>>` gives `tensor<2xf32>`); `None` when `ty` is
/// no tensor of complex numbers.
pub(crate) fn real_type(ty: &str) -> Option<String> {
    if !ty.starts_with("tensor<") {
        return None;
    }
    let elem = element_type(ty);
    let real = elem.strip_prefix("complex<")?.strip_suffix('>')?;
    let start = (elem.as_ptr() as usize).checked_sub(ty.as_ptr() as usize)?;
    Some(format!("{}{}{}", ty.get(..start)?, real.trim(), ty.get(start + elem.len()..)?))
}

/// The exponent and mantissa bits of a `reduce_precision` format such as
/// `e5m10` (StableHLO's `e#m#`, decimal, each fitting an `i32`).
pub(crate) fn exponent_mantissa(word: &str) -> Option<(i32, i32)> {
    let (exponent, mantissa) = word.strip_prefix('e')?.split_once('m')?;
    let bits = |digits: &str| {
        (!digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit())).then(|| digits.parse().ok())?
    };
    Some((bits(exponent)?, bits(mantissa)?))
}

/// The static shape of a tensor type (`tensor<2x3xi64>` gives `[2, 3]`).
pub(crate) fn tensor_shape(ty: &str) -> Option<Vec<i64>> {
    let inner = ty.strip_prefix("tensor<")?.strip_suffix('>')?;
    let inner = split_top_level(inner, b',').first().copied().unwrap_or("");
    let mut dims = Vec::new();
    let mut rest = inner;
    loop {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || rest.as_bytes().get(digits) != Some(&b'x') {
            return Some(dims);
        }
        dims.push(rest.get(..digits)?.parse().ok()?);
        rest = rest.get(digits + 1..)?;
    }
}

/// Whether `ty` is an MLIR integer type (`i1`, `i32`, `si8`, `ui32`).
pub(crate) fn is_integer_type(ty: &str) -> bool {
    let digits = ty.strip_prefix("si").or_else(|| ty.strip_prefix("ui")).or_else(|| ty.strip_prefix('i'));
    digits.is_some_and(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()))
}

/// `[0, 1]`.
pub(crate) fn int_list(values: &[i64]) -> String {
    let mut s = String::from("[");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        let _ = write!(s, "{v}");
    }
    s.push(']');
    s
}

/// `array<i64: 0, 1>` (or `array<i64>` when empty).
pub(crate) fn i64_array(values: &[i64]) -> String {
    typed_array("i64", &values.iter().map(i64::to_string).collect::<Vec<_>>())
}

/// `array<i1: true, false>` (or `array<i1>` when empty).
pub(crate) fn bool_array(values: &[bool]) -> String {
    typed_array("i1", &values.iter().map(bool::to_string).collect::<Vec<_>>())
}

fn typed_array(elem: &str, values: &[String]) -> String {
    if values.is_empty() {
        format!("array<{elem}>")
    } else {
        format!("array<{elem}: {}>", values.join(", "))
    }
}

/// The integers of `array<i64: ...>` or of a rank-1 integer `dense<...>`.
pub(crate) fn parse_i64_array(raw: &str) -> Option<Vec<i64>> {
    if let Some(items) = array_items(raw, "i64") {
        return items.iter().map(|s| s.parse().ok()).collect();
    }
    let (values, shape) = parse_dense(raw)?;
    (shape.len() == 1).then_some(())?;
    values.iter().map(|s| s.parse().ok()).collect()
}

/// The booleans of `array<i1: ...>` or of a rank-1 `dense<...> : tensor<Nxi1>`.
pub(crate) fn parse_bool_array(raw: &str) -> Option<Vec<bool>> {
    let items = match array_items(raw, "i1") {
        Some(items) => items,
        None => {
            let (values, shape) = parse_dense(raw)?;
            (shape.len() == 1).then_some(())?;
            values
        }
    };
    items
        .iter()
        .map(|s| match *s {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        })
        .collect()
}

fn array_items<'a>(raw: &'a str, elem: &str) -> Option<Vec<&'a str>> {
    let body = raw.trim().strip_prefix("array<")?.strip_suffix('>')?.trim();
    let rest = body.strip_prefix(elem)?.trim_start();
    if rest.is_empty() {
        return Some(Vec::new());
    }
    Some(split_top_level(rest.strip_prefix(':')?, b','))
}

/// The most elements a dense attribute is expanded to for pretty printing;
/// larger ones (never a window or padding attribute) stay generic.
const MAX_EXPANDED_ELEMENTS: usize = 1 << 16;

/// The flat elements and shape of `dense<...> : tensor<...>`, with a splat
/// expanded to the whole shape.
pub(crate) fn parse_dense(raw: &str) -> Option<(Vec<&str>, Vec<i64>)> {
    let (value, ty) = split_attr_type(raw)?;
    let body = value.strip_prefix("dense<")?.strip_suffix('>')?;
    let shape = tensor_shape(ty)?;
    let count = shape.iter().try_fold(1usize, |n, &d| n.checked_mul(usize::try_from(d).ok()?))?;
    if count > MAX_EXPANDED_ELEMENTS {
        return None;
    }
    let items: Vec<&str> = body.split(['[', ']', ',']).map(str::trim).filter(|s| !s.is_empty()).collect();
    if items.len() == count {
        Some((items, shape))
    } else if items.len() == 1 && !body.contains('[') {
        Some((vec![items.first().copied()?; count], shape))
    } else {
        None
    }
}

/// A hex `dense<"0x...">` of `i1` elements, as JAX and MLIR 22 lay it out
/// differently: JAX's MLIR (LLVM after llvm/llvm-project#180397) stores one
/// byte per element, 0x00 or 0x01; MLIR 22 packs one bit per element, the
/// first element in the lowest bit (`ceil(n / 8)` bytes). Either reads a
/// single byte as a splat (MLIR 22 only 0x00 and 0xFF for more than eight
/// elements). JAX writes hex for more than 100 elements, as MLIR 22 does.
struct I1Hex<'a> {
    bytes: Vec<u8>,
    count: usize,
    ty: &'a str,
}

impl<'a> I1Hex<'a> {
    /// `raw` when it is `dense<"0x...">` of a static tensor of `i1` (well-formed hex).
    fn read(raw: &'a str) -> Option<Self> {
        let raw = raw.trim();
        if !raw.starts_with("dense<\"0x") || !raw.ends_with("i1>") {
            return None;
        }
        let (value, ty) = split_attr_type(raw)?;
        let hex = value.strip_prefix("dense<")?.strip_suffix('>')?.trim();
        let bytes = decode_hex(hex.strip_prefix("\"0x")?.strip_suffix('"')?)?;
        Some(I1Hex { bytes, count: static_i1_count(ty)?, ty })
    }

    fn packed_len(&self) -> usize {
        self.count.div_ceil(8)
    }

    fn text(&self, bytes: &[u8]) -> String {
        let mut s = String::with_capacity(2 * bytes.len() + self.ty.len() + 14);
        s.push_str("dense<\"0x");
        s.push_str(&encode_hex(bytes));
        let _ = write!(s, "\"> : {}", self.ty);
        s
    }
}

/// The bytes written as the hex digits `hex` (an even number of them).
fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    let hex = hex.as_bytes();
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| char::from(c).to_digit(16).and_then(|d| u8::try_from(d).ok());
    hex.chunks(2).map(|p| Some(digit(*p.first()?)? << 4 | digit(*p.get(1)?)?)).collect()
}

/// `bytes` as upper-case hex digits, as MLIR writes them.
fn encode_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(2 * bytes.len());
    for b in bytes {
        let _ = write!(s, "{b:02X}");
    }
    s
}

/// The element count of `tensor<AxBx...xi1>` (static, without encoding).
fn static_i1_count(ty: &str) -> Option<usize> {
    let mut rest = ty.strip_prefix("tensor<")?.strip_suffix('>')?;
    let mut count = 1usize;
    loop {
        if rest == "i1" {
            return Some(count);
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || rest.as_bytes().get(digits) != Some(&b'x') {
            return None;
        }
        count = count.checked_mul(rest.get(..digits)?.parse().ok()?)?;
        rest = rest.get(digits + 1..)?;
    }
}

/// Why the hex `dense<"0x...">` of `i1` elements `raw` is invalid in both
/// layouts, if it is (`None` for any other attribute).
pub(crate) fn i1_hex_problem(raw: &str) -> Option<String> {
    let hex = I1Hex::read(raw)?;
    let (len, n) = (hex.bytes.len(), hex.count);
    if len == hex.packed_len() {
        return None;
    }
    if len == n {
        let (i, b) = hex.bytes.iter().enumerate().find(|(_, b)| **b > 1)?;
        return Some(format!(
            "i1 element {i} of the hex data is 0x{b:02X}; with one byte per element each must be 0x00 or 0x01"
        ));
    }
    if len == 1 && matches!(hex.bytes.first(), Some(0x00 | 0x01 | 0xFF)) {
        return None;
    }
    Some(format!(
        "elements hex data size is invalid for provided type: '{}' ({len} bytes; {n} i1 elements take {n} \
         bytes, one per element as JAX writes them, or {}, one bit per element, or 1 for a splat)",
        hex.ty,
        hex.packed_len()
    ))
}

/// The hex `dense<"0x...">` of `i1` elements `raw` laid out as MLIR 22
/// reads it (one bit per element, a splat 0x00 or 0xFF), when `raw` is
/// one in JAX's layout (one byte per element); `None` when it needs no change.
pub(crate) fn i1_hex_for_mlir(raw: &str) -> Option<String> {
    let hex = I1Hex::read(raw)?;
    if hex.bytes.len() == hex.packed_len() {
        return None;
    }
    if hex.bytes.len() == hex.count && hex.bytes.iter().all(|b| *b <= 1) {
        let mut packed = vec![0u8; hex.packed_len()];
        for (i, b) in hex.bytes.iter().enumerate() {
            if let Some(byte) = packed.get_mut(i / 8) {
                *byte |= b << (i % 8);
            }
        }
        return Some(hex.text(&packed));
    }
    (hex.bytes == [0x01]).then(|| hex.text(&[0xFF]))
}

/// The hex `dense<"0x...">` of `i1` elements `raw` laid out as JAX writes
/// it (one byte per element), when `raw` is in MLIR 22's layout and the
/// two differ (see [`i1_bytes_for_jax`]); `None` when it needs no change.
pub(crate) fn i1_hex_for_jax(raw: &str) -> Option<String> {
    let hex = I1Hex::read(raw)?;
    i1_bytes_for_jax(&hex.bytes, hex.count).map(|bytes| hex.text(&bytes))
}

/// The hex data `bytes` of `count` `i1` elements in MLIR 22's layout, laid
/// out as JAX's MLIR and the PJRT plugins read it, when the two differ:
/// one bit per element (two or more elements) becomes one byte per element,
/// 0x00 or 0x01; MLIR 22's splat of true, 0xFF, becomes 0x01 (the newer
/// MLIR accepts 0xFF too but keeps the byte as it is, so XLA computes with
/// a boolean of 255: `convert` to i32 gives 255 and `not` gives false).
/// A splat of false, 0x00, is the same in both. `None` when nothing
/// changes, or when `bytes` fit neither reading.
fn i1_bytes_for_jax(bytes: &[u8], count: usize) -> Option<Vec<u8>> {
    if count >= 2 && bytes.len() == count.div_ceil(8) {
        return Some((0..count).map(|i| bytes.get(i / 8).map_or(0, |b| (b >> (i % 8)) & 1)).collect());
    }
    (bytes == [0xFF]).then(|| vec![0x01])
}

/// `text`, MLIR text as MLIR 22 prints it, with the data of every hex
/// `dense<"0x..."> : tensor<...xi1>` (static shape, no encoding) laid out
/// as [`i1_bytes_for_jax`] does; every other byte is kept.
pub(crate) fn i1_hex_text_for_jax(text: &str) -> String {
    const START: &str = "dense<\"0x";
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text;
    while let Some(at) = rest.find(START) {
        let (head, after) = rest.split_at(at + START.len());
        let digits = after.bytes().take_while(u8::is_ascii_hexdigit).count();
        let (hex, tail) = after.split_at(digits);
        out.push_str(head);
        match i1_hex_digits_for_jax(hex, tail) {
            Some(new) => out.push_str(&new),
            None => out.push_str(hex),
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// The hex digits `hex` of a `dense<"0x` whose text continues with `tail`
/// (`"> : tensor<...>` for an attribute), in JAX's layout when it is one of
/// `i1` elements whose layout differs.
fn i1_hex_digits_for_jax(hex: &str, tail: &str) -> Option<String> {
    let ty = tail.strip_prefix("\">")?.trim_start().strip_prefix(':')?.trim_start();
    let ty = ty.get(..=ty.find('>')?)?;
    let bytes = i1_bytes_for_jax(&decode_hex(hex)?, static_i1_count(ty)?)?;
    Some(encode_hex(&bytes))
}

/// The `(low, high)` rows of an `Nx2` integer `dense<...>` padding attribute.
pub(crate) fn parse_padding(raw: &str) -> Option<Vec<(i64, i64)>> {
    let (values, shape) = parse_dense(raw)?;
    if shape.len() != 2 || shape.get(1) != Some(&2) {
        return None;
    }
    let ints: Vec<i64> = values.iter().map(|s| s.parse().ok()).collect::<Option<_>>()?;
    Some(ints.chunks(2).map(|c| (c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0))).collect())
}

/// The `Nx2` `dense<...> : tensor<Nx2xi64>` attribute of padding rows,
/// spelled as MLIR prints it (a splat when all entries are equal).
pub(crate) fn padding_attr(rows: &[(i64, i64)]) -> String {
    let ty = format!("tensor<{}x2xi64>", rows.len());
    let first = rows.first().map(|r| r.0);
    match first {
        None => format!("dense<> : {ty}"),
        Some(v) if rows.iter().all(|&(a, b)| a == v && b == v) => format!("dense<{v}> : {ty}"),
        Some(_) => {
            let body: Vec<String> = rows.iter().map(|(a, b)| format!("[{a}, {b}]")).collect();
            format!("dense<[{}]> : {ty}", body.join(", "))
        }
    }
}

/// `[[2, 1], [0, 0]]`.
pub(crate) fn padding_list(rows: &[(i64, i64)]) -> String {
    let body: Vec<String> = rows.iter().map(|(a, b)| format!("[{a}, {b}]")).collect();
    format!("[{}]", body.join(", "))
}

/// The integer of `N : ty` (such as `0 : i64`).
pub(crate) fn parse_typed_int(raw: &str, ty: &str) -> Option<i64> {
    let (value, t) = split_attr_type(raw)?;
    (t == ty).then_some(())?;
    value.parse().ok()
}

/// The value of the StableHLO enumeration attribute `raw` of `keyword`,
/// such as `LT` of `#stablehlo<comparison_direction LT>`, when it is one of
/// the spellings in `enums`.
pub(crate) fn parse_enum<'a>(raw: &'a str, keyword: &str) -> Option<&'a str> {
    enums::enum_value(raw.trim(), "stablehlo", keyword).ok()
}

/// The first enumeration attribute of StableHLO or CHLO in the attribute
/// text `raw` (`#stablehlo<comparison_direction LQ>`, also inside arrays and
/// dictionaries, not inside string literals) that `enums` rejects: the byte
/// offset in `raw` of its value (of its `#` when it has none) and why.
pub(crate) fn unknown_enum(raw: &str) -> Option<(usize, String)> {
    let b = raw.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                i += 1;
                while let Some(&c) = b.get(i) {
                    if c == b'\\' {
                        i += 1;
                    } else if c == b'"' {
                        break;
                    }
                    i += 1;
                }
            }
            b'#' => {
                if let Some(found) = enum_at(raw, i) {
                    return Some(found);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// [`unknown_enum`] for the attribute that starts at the `#` at `at`.
fn enum_at(raw: &str, at: usize) -> Option<(usize, String)> {
    let rest = raw.get(at + 1..)?;
    let (dialect, body) = ["stablehlo", "chlo"]
        .into_iter()
        .find_map(|d| Some((d, rest.strip_prefix(d)?.strip_prefix('<')?)))?;
    let keyword_len = body.bytes().take_while(|&c| is_ident_char(c)).count();
    let keyword = body.get(..keyword_len)?;
    enums::values(keyword)?;
    let body_at = at + 1 + dialect.len() + 1;
    let end = body.find('>').map_or(raw.len(), |e| body_at + e + 1);
    let message = enums::enum_value(raw.get(at..end)?, dialect, keyword).err()?;
    let after = body.get(keyword_len..)?;
    let value = after.trim_start();
    let has_value = !(value.is_empty() || value.starts_with('>'));
    let offset = if has_value { body_at + keyword_len + (after.len() - value.len()) } else { at };
    Some((offset, message))
}

/// The four dimension lists of a `#stablehlo.dot<...>` attribute.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct DotDims {
    pub(crate) lhs_batching: Vec<i64>,
    pub(crate) rhs_batching: Vec<i64>,
    pub(crate) lhs_contracting: Vec<i64>,
    pub(crate) rhs_contracting: Vec<i64>,
}

impl DotDims {
    /// Parses `#stablehlo.dot<lhs_batching_dimensions = [..], ...>`.
    pub(crate) fn parse(raw: &str) -> Option<DotDims> {
        let body = raw.trim().strip_prefix("#stablehlo.dot<")?.strip_suffix('>')?;
        let mut dims = DotDims::default();
        for field in split_top_level(body, b',') {
            let (name, value) = field.split_once('=')?;
            let list = value.trim().strip_prefix('[')?.strip_suffix(']')?;
            let values: Vec<i64> =
                split_top_level(list, b',').iter().map(|s| s.parse().ok()).collect::<Option<_>>()?;
            match name.trim() {
                "lhs_batching_dimensions" => dims.lhs_batching = values,
                "rhs_batching_dimensions" => dims.rhs_batching = values,
                "lhs_contracting_dimensions" => dims.lhs_contracting = values,
                "rhs_contracting_dimensions" => dims.rhs_contracting = values,
                _ => return None,
            }
        }
        Some(dims)
    }

    /// The attribute, with the empty lists left out as MLIR prints it.
    pub(crate) fn attr(&self) -> String {
        let fields = [
            ("lhs_batching_dimensions", &self.lhs_batching),
            ("rhs_batching_dimensions", &self.rhs_batching),
            ("lhs_contracting_dimensions", &self.lhs_contracting),
            ("rhs_contracting_dimensions", &self.rhs_contracting),
        ];
        let parts: Vec<String> = fields
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(n, v)| format!("{n} = {}", int_list(v)))
            .collect();
        format!("#stablehlo.dot<{}>", parts.join(", "))
    }

    /// The pretty spelling: `batching_dims = [0] x [0], contracting_dims = [1] x [2]`.
    pub(crate) fn pretty(&self) -> String {
        let mut s = String::new();
        if !self.lhs_batching.is_empty() || !self.rhs_batching.is_empty() {
            let _ = write!(
                s,
                "batching_dims = {} x {}, ",
                int_list(&self.lhs_batching),
                int_list(&self.rhs_batching)
            );
        }
        let _ = write!(
            s,
            "contracting_dims = {} x {}",
            int_list(&self.lhs_contracting),
            int_list(&self.rhs_contracting)
        );
        s
    }
}

/// The precision names of `[#stablehlo<precision DEFAULT>, ...]`.
pub(crate) fn parse_precisions(raw: &str) -> Option<Vec<&str>> {
    let body = raw.trim().strip_prefix('[')?.strip_suffix(']')?;
    split_top_level(body, b',').iter().map(|p| parse_enum(p, "precision")).collect()
}

/// `[#stablehlo<precision DEFAULT>, ...]`.
pub(crate) fn precisions_attr(names: &[&str]) -> String {
    let items: Vec<String> = names.iter().map(|n| format!("#stablehlo<precision {n}>")).collect();
    format!("[{}]", items.join(", "))
}

/// The three bracketed lists of a convolution's dimension numbers,
/// normalized to MLIR's spelling `[b, 0, f]x[0, i, o]->[b, 0, f]`.
pub(crate) fn conv_dims(text: &str) -> Option<String> {
    let (input, rest) = text.trim().split_once(']')?;
    let rest = rest.trim_start().strip_prefix('x')?;
    let (kernel, rest) = rest.trim_start().split_once(']')?;
    let rest = rest.trim_start().strip_prefix("->")?;
    let (output, tail) = rest.trim_start().split_once(']')?;
    if !tail.trim().is_empty() {
        return None;
    }
    // Each list names its two non-spatial dimensions once (`b`, `f` for the
    // input and output, `i`, `o` for the kernel) and its spatial dimensions
    // 0, 1, ... once each, as StableHLO's parser requires.
    let group = |g: &str, letters: [&str; 2]| -> Option<String> {
        let items = split_top_level(g.trim().strip_prefix('[')?, b',');
        let spatial: Vec<usize> = items.iter().filter_map(|i| i.parse().ok()).collect();
        let letters_once = letters.iter().all(|l| items.iter().filter(|i| **i == *l).count() == 1);
        let only_known = items.iter().all(|i| letters.contains(i) || i.parse::<usize>().is_ok());
        let spatial_once = (0..spatial.len()).all(|d| spatial.contains(&d));
        (letters_once && only_known && spatial_once).then_some(())?;
        Some(format!("[{}]", items.join(", ")))
    };
    Some(format!(
        "{}x{}->{}",
        group(input, ["b", "f"])?,
        group(kernel, ["i", "o"])?,
        group(output, ["b", "f"])?
    ))
}

/// A Shardy attribute that the pretty forms of `sdy` ops spell without its
/// prefix (their ODS formats print the value of a known attribute type
/// stripped): the pretty text is one bracket group, kept as written, and
/// the generic spelling wraps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SdyAttr {
    /// `<["data"=4], device_ids=[..]>` and `#sdy.mesh<...>`.
    Mesh,
    /// `<@mesh, [{"data"}, {}]>` and `#sdy.sharding<...>`.
    Sharding,
    /// `[<@mesh, [{"data"}]>, ...]` and `#sdy.sharding_per_value<[...]>`.
    ShardingPerValue,
    /// `{"data", "model"}` and `#sdy<manual_axes{"data", "model"}>`.
    ManualAxes,
}

impl SdyAttr {
    /// The generic spelling around the pretty text, and the bracket the
    /// pretty text opens with.
    fn parts(self) -> (&'static str, &'static str, u8) {
        match self {
            SdyAttr::Mesh => ("#sdy.mesh", "", b'<'),
            SdyAttr::Sharding => ("#sdy.sharding", "", b'<'),
            SdyAttr::ShardingPerValue => ("#sdy.sharding_per_value<", ">", b'['),
            SdyAttr::ManualAxes => ("#sdy<manual_axes", ">", b'{'),
        }
    }

    /// The bracket the pretty text opens with.
    pub(crate) fn opening(self) -> u8 {
        self.parts().2
    }

    /// The generic spelling of the pretty text `pretty`.
    pub(crate) fn generic(self, pretty: &str) -> String {
        let (prefix, suffix, _) = self.parts();
        format!("{prefix}{pretty}{suffix}")
    }

    /// The pretty text of the generic spelling `raw`, when `raw` is one:
    /// exactly the prefix, one balanced bracket group and the suffix.
    pub(crate) fn pretty(self, raw: &str) -> Option<&str> {
        let (prefix, suffix, open) = self.parts();
        let body = raw.strip_prefix(prefix)?.strip_suffix(suffix)?;
        if body.as_bytes().first() != Some(&open) {
            return None;
        }
        let mut lexer = Lexer::new(body);
        let group = lexer.scan_group().ok()?;
        (group.len() == body.len()).then_some(body)
    }
}

/// `@name`, quoted when it is not a bare identifier (escapes are kept).
pub(crate) fn symbol_ref(name: &str) -> String {
    if is_bare_identifier(name) {
        format!("@{name}")
    } else {
        format!("@\"{name}\"")
    }
}

/// `text` as an MLIR string literal, escaping as MLIR does.
pub(crate) fn quote(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for &b in text.as_bytes() {
        if b == b'\\' {
            s.push_str("\\\\");
        } else if b == b'"' || !(0x20..0x7f).contains(&b) {
            let _ = write!(s, "\\{b:02X}");
        } else {
            s.push(char::from(b));
        }
    }
    s.push('"');
    s
}
