//! Reads the parameter types of `main` from module text, to check inputs.
//!
//! The XLA CPU plugin only compares byte sizes of arguments: a `3x2xf32` or
//! a `2x3xi32` buffer is silently accepted for a `tensor<2x3xf32>`
//! parameter. So [`crate::Executable::execute`] checks inputs against the
//! types read here. This is a light, best-effort scan of the text (no MLIR
//! parser): any parameter whose type is not a ranked `tensor<...>` of a
//! known element type is simply not checked, and if `main` is not found,
//! nothing is.

use crate::dtype::{split_shaped, DType};
use crate::tensor::HostTensor;

/// A parameter type of `main`: `tensor<2x?xf32>` as element type + dims
/// (`None` for a dynamic dimension).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParamType {
    pub text: String,
    pub dtype: DType,
    pub dims: Vec<Option<i64>>,
}

impl ParamType {
    /// True if `t` has this element type, rank and every static dimension.
    pub fn accepts(&self, t: &HostTensor) -> bool {
        t.dtype == self.dtype
            && t.shape.len() == self.dims.len()
            && self.dims.iter().zip(&t.shape).all(|(want, got)| want.is_none_or(|w| w == *got))
    }
}

/// The index just past the bracket matching the opener at `open` (one of
/// `( [ { <`), skipping quoted strings; `None` if unbalanced.
fn matching_close(s: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < s.len() {
        match s[i] {
            b'"' => {
                i += 1;
                while i < s.len() && s[i] != b'"' {
                    if s[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' | b'<' => depth += 1,
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            // `->` is an arrow, not a closing angle bracket.
            b'>' if i == 0 || s[i - 1] != b'-' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Splits `s` at commas outside brackets and strings.
fn split_top_level(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' | b'(' | b'[' | b'{' | b'<' => {
                if b[i] == b'"' {
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        if b[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 1;
                } else {
                    match matching_close(b, i) {
                        Some(end) => i = end,
                        None => return vec![s],
                    }
                }
                continue;
            }
            b',' => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&s[start..]);
    parts
}

/// Parses the first type in `s` if it is a ranked tensor of a known type.
fn parse_tensor_type_prefix(s: &str) -> Option<ParamType> {
    let s = s.trim_start();
    if !s.starts_with("tensor<") {
        return None;
    }
    let end = matching_close(s.as_bytes(), "tensor".len())?;
    let text = &s[..end];
    let inner = &text["tensor<".len()..end - 1];
    // Drop an encoding: `tensor<4xf32, #enc>`.
    let inner = split_top_level(inner).first().copied()?.trim();
    let (pieces, elem) = split_shaped(inner);
    let dtype = DType::from_mlir_name(elem.trim())?;
    let mut dims = Vec::with_capacity(pieces.len());
    for p in pieces {
        let p = p.trim();
        if p == "?" {
            dims.push(None);
        } else {
            dims.push(Some(p.parse::<i64>().ok().filter(|d| *d >= 0)?));
        }
    }
    Some(ParamType { text: text.to_string(), dtype, dims })
}

/// Reads a static tensor type such as `tensor<2x3xf32>` or
/// `tensor<4xcomplex<f32>>` (an encoding is ignored): its element type and
/// dimensions. `None` for anything else: other types, dynamic dimensions,
/// element types outside [`DType::ALL`].
pub fn parse_tensor_type(text: &str) -> Option<(DType, Vec<i64>)> {
    let t = parse_tensor_type_prefix(text)?;
    if !text.trim()[t.text.len()..].trim().is_empty() {
        return None;
    }
    let dims = t.dims.into_iter().collect::<Option<Vec<i64>>>()?;
    Some((t.dtype, dims))
}

/// Pretty form: `func.func public @main(%a: tensor<2xf32> {attrs} loc(..), ...)`.
fn pretty_main(module: &str) -> Option<Vec<Option<ParamType>>> {
    let mut from = 0;
    while let Some(rel) = module[from..].find("@main(") {
        let at = from + rel;
        from = at + 1;
        let before = module[..at].trim_end();
        let head = before.trim_end_matches("public").trim_end_matches("private").trim_end();
        if !head.ends_with("func.func") {
            continue;
        }
        let open = at + "@main".len();
        let close = matching_close(module.as_bytes(), open)?;
        let list = &module[open + 1..close - 1];
        if list.trim().is_empty() {
            return Some(Vec::new());
        }
        return Some(
            split_top_level(list)
                .into_iter()
                .map(|arg| arg.split_once(':').and_then(|(_, ty)| parse_tensor_type_prefix(ty)))
                .collect(),
        );
    }
    None
}

/// Generic form: `"func.func"() <{function_type = (A, B) -> ..., sym_name = "main", ...}>`.
fn generic_main(module: &str) -> Option<Vec<Option<ParamType>>> {
    let sym = module.find("sym_name = \"main\"")?;
    let ft = module[..sym].rfind("function_type = ")?;
    if module[ft..sym].contains("sym_name = ") {
        return None;
    }
    let open = ft + "function_type = ".len();
    if module.as_bytes().get(open) != Some(&b'(') {
        return None;
    }
    let close = matching_close(module.as_bytes(), open)?;
    let list = &module[open + 1..close - 1];
    if list.trim().is_empty() {
        return Some(Vec::new());
    }
    Some(split_top_level(list).into_iter().map(parse_tensor_type_prefix).collect())
}

/// The parameter types of the module's `main` function, one entry per
/// parameter (`None` for a parameter that is not checked), or `None` if
/// `main` was not found.
pub(crate) fn main_param_types(module: &str) -> Option<Vec<Option<ParamType>>> {
    pretty_main(module).or_else(|| generic_main(module))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: Option<Vec<Option<ParamType>>>) -> Option<Vec<String>> {
        v.map(|ps| ps.into_iter().map(|p| p.map(|p| p.text).unwrap_or_else(|| "-".to_string())).collect())
    }

    #[test]
    fn pretty_signatures() {
        let m = r#"module @jit_f attributes {mhlo.num_partitions = 1 : i32} {
  func.func public @main(%arg0: tensor<2x3xf32> {jax.arg_info = "x, y", mhlo.sharding = "{replicated}"} loc("x"), %arg1: tensor<?x4xbf16>, %t: !stablehlo.token, %u: tensor<*xf32>, %e: tensor<4xf32, #foo<{a = 1}>>) -> (tensor<2x3xf32> {jax.result_info = ""}) {
    return %arg0 : tensor<2x3xf32>
  }
  func.func private @main_helper(%x: tensor<i1>) -> tensor<i1> { return %x : tensor<i1> }
}"#;
        assert_eq!(
            texts(main_param_types(m)),
            Some(vec![
                "tensor<2x3xf32>".to_string(),
                "tensor<?x4xbf16>".to_string(),
                "-".to_string(),
                "-".to_string(),
                "tensor<4xf32, #foo<{a = 1}>>".to_string(),
            ])
        );
        let ps = main_param_types(m).unwrap();
        let p1 = ps[1].as_ref().unwrap();
        assert_eq!(p1.dims, vec![None, Some(4)]);
        assert!(p1.accepts(&HostTensor::zeros(DType::BF16, &[7, 4]).unwrap()));
        assert!(!p1.accepts(&HostTensor::zeros(DType::BF16, &[7, 5]).unwrap()));
        assert!(!p1.accepts(&HostTensor::zeros(DType::F16, &[7, 4]).unwrap()));
        assert_eq!(main_param_types("func.func @main() -> tensor<f32> {}"), Some(vec![]));
    }

    #[test]
    fn generic_signatures() {
        let m = r#""builtin.module"() ({
  "func.func"() <{function_type = (tensor<f32>) -> tensor<f32>, sym_name = "other"}> ({}) : () -> ()
  "func.func"() <{arg_attrs = [{a = "x"}], function_type = (tensor<2x3xf32>, tensor<ui8>, tuple<tensor<f32>>) -> (tensor<2x3xf32>, tensor<2x3xf32>), sym_name = "main", sym_visibility = "public"}> ({}) : () -> ()
}) : () -> ()"#;
        assert_eq!(
            texts(main_param_types(m)),
            Some(vec!["tensor<2x3xf32>".to_string(), "tensor<ui8>".to_string(), "-".to_string()])
        );
    }

    #[test]
    fn truncated_text_never_panics() {
        let m = r#"func.func public @main(%a: tensor<2x?xf32> {x = "a,b>(", y = [1, 2]} loc("p"), %b: tensor<i1>) -> (tensor<f32>) {}
"func.func"() <{function_type = (tensor<2xbf16>, tensor<ui8>) -> tensor<f32>, sym_name = "main"}> ({}) : () -> ()"#;
        for end in 0..=m.len() {
            if let Some(prefix) = m.get(..end) {
                let _ = main_param_types(prefix);
            }
            if let Some(suffix) = m.get(end..) {
                let _ = main_param_types(suffix);
            }
        }
    }

    #[test]
    fn every_element_type() {
        let m = "func.func @main(%a: tensor<2xcomplex<f32>>, %b: tensor<complex<f64>>, %c: tensor<3x?xf8E4M3FN>, \
                 %d: tensor<4xi4>, %e: tensor<ui2>, %f: tensor<2xf4E2M1FN>, %g: tensor<2xcomplex<i32>>) -> () {}";
        let ps = main_param_types(m).unwrap();
        let got: Vec<Option<(DType, Vec<Option<i64>>)>> =
            ps.into_iter().map(|p| p.map(|p| (p.dtype, p.dims))).collect();
        assert_eq!(
            got,
            vec![
                Some((DType::C64, vec![Some(2)])),
                Some((DType::C128, vec![])),
                Some((DType::F8E4M3FN, vec![Some(3), None])),
                Some((DType::S4, vec![Some(4)])),
                Some((DType::U2, vec![])),
                Some((DType::F4E2M1FN, vec![Some(2)])),
                None,
            ]
        );
        let generic = r#""func.func"() <{function_type = (tensor<2xcomplex<f64>>, tensor<f6E3M2FN>) -> (), sym_name = "main"}> ({}) : () -> ()"#;
        let ps = main_param_types(generic).unwrap();
        assert_eq!(ps[0].as_ref().map(|p| p.dtype), Some(DType::C128));
        assert_eq!(ps[1].as_ref().map(|p| p.dtype), Some(DType::F6E3M2FN));
        for d in DType::ALL {
            assert_eq!(parse_tensor_type(&format!("tensor<2x3x{d}>")), Some((d, vec![2, 3])));
            assert_eq!(parse_tensor_type(&format!(" tensor<{d}> ")), Some((d, vec![])));
        }
        assert_eq!(parse_tensor_type("tensor<4xf32, #enc>"), Some((DType::F32, vec![4])));
        assert_eq!(parse_tensor_type("tensor<?xf32>"), None);
        assert_eq!(parse_tensor_type("tensor<2xf32> extra"), None);
        assert_eq!(parse_tensor_type("tensor<2xcomplex<i8>>"), None);
        assert_eq!(parse_tensor_type("tuple<tensor<f32>>"), None);
        assert_eq!(parse_tensor_type("tensor<2xf32"), None);
    }

    #[test]
    fn unknown_text_checks_nothing() {
        assert_eq!(main_param_types("this is not MLIR"), None);
        assert_eq!(main_param_types("func.func @main(%a: tensor<2xf32>"), None);
        assert_eq!(main_param_types("x = @main(%a: tensor<2xf32>)"), None);
        assert_eq!(main_param_types("sym_name = \"main\""), None);
    }
}
