//! Reading the fields of StableHLO's dimension-number attributes from their
//! text (`#stablehlo.gather<offset_dims = [1], index_vector_dim = 1>`,
//! `#stablehlo.conv<[b, 0, f]x[0, i, o]->[b, 0, f]>`). The dialect's
//! verifier and the raising to jaxr both read them through here.

/// The text after `key = ` where `key` is a whole field name.
pub fn field<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let pattern = format!("{key} = ");
    let mut from = 0;
    while let Some(i) = text[from..].find(&pattern) {
        let at = from + i;
        let boundary = text[..at].chars().last().is_none_or(|c| c == '<' || c == ' ' || c == ',');
        if boundary {
            return Some(&text[at + pattern.len()..]);
        }
        from = at + pattern.len();
    }
    None
}

/// A list field `key = [1, 2]`; empty when absent (the printed form leaves
/// empty lists out).
pub fn field_list(text: &str, key: &str) -> Result<Vec<i64>, String> {
    let Some(rest) = field(text, key) else { return Ok(Vec::new()) };
    let body = rest.strip_prefix('[').ok_or_else(|| format!("bad list for {key} in {text}"))?;
    let end = body.find(']').ok_or_else(|| format!("unterminated list for {key} in {text}"))?;
    let body = body[..end].trim();
    if body.is_empty() {
        return Ok(Vec::new());
    }
    body.split(',').map(|v| v.trim().parse().map_err(|_| format!("bad {key} in {text}"))).collect()
}

/// An integer field `key = 1`; 0 when absent.
pub fn field_int(text: &str, key: &str) -> Result<i64, String> {
    let Some(rest) = field(text, key) else { return Ok(0) };
    let end = rest.find([',', '>']).unwrap_or(rest.len());
    rest[..end].trim().parse().map_err(|_| format!("bad {key} in {text}"))
}

/// One side of convolution dimension numbers (`[b, 0, 1, f]`): the
/// dimension of `first`, then of `second`, then of each spatial number.
pub fn conv_spec(side: &str, first: &str, second: &str) -> Result<Vec<i64>, String> {
    let bad = || format!("bad convolution dimension numbers {side}");
    let inner = side.trim().strip_prefix('[').and_then(|t| t.strip_suffix(']')).ok_or_else(bad)?;
    let names: Vec<&str> = inner.split(',').map(str::trim).collect();
    let mut spec = vec![-1; names.len()];
    for (d, name) in names.iter().enumerate() {
        let slot = if *name == first {
            0
        } else if *name == second {
            1
        } else {
            name.parse::<usize>().ok().and_then(|n| n.checked_add(2)).ok_or_else(bad)?
        };
        let entry = spec.get_mut(slot).ok_or_else(bad)?;
        if *entry != -1 {
            return Err(bad());
        }
        *entry = d as i64;
    }
    Ok(spec)
}

/// The input, kernel and output layouts of `#stablehlo.conv<...>`, each as
/// [`conv_spec`] gives it (`b, f`; `o, i`; `b, f` first).
pub fn conv_layouts(text: &str) -> Result<[Vec<i64>; 3], String> {
    let bad = || format!("bad convolution dimension numbers {text}");
    let body = text.strip_prefix("#stablehlo.conv<").and_then(|t| t.strip_suffix('>')).ok_or_else(bad)?;
    let (inputs, out) = body.split_once("->").ok_or_else(bad)?;
    let (lhs, rhs) = inputs.split_once("]x[").ok_or_else(bad)?;
    Ok([
        conv_spec(&format!("{lhs}]"), "b", "f")?,
        conv_spec(&format!("[{rhs}"), "o", "i")?,
        conv_spec(out, "b", "f")?,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_by_whole_name() {
        let text = "#stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>";
        assert_eq!(field_list(text, "offset_dims"), Ok(vec![1]));
        assert_eq!(field_list(text, "operand_batching_dims"), Ok(vec![]));
        assert_eq!(field_int(text, "index_vector_dim"), Ok(1));
        let dot = "#stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [1]>";
        assert_eq!(field_list(dot, "contracting_dimensions"), Ok(vec![]), "a suffix is not the field");
        assert!(
            field_list("#stablehlo.dot<lhs_batching_dimensions = [x]>", "lhs_batching_dimensions").is_err()
        );
    }

    #[test]
    fn convolution_layouts() {
        let [lhs, rhs, out] =
            conv_layouts("#stablehlo.conv<[b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f]>").unwrap();
        assert_eq!(lhs, [0, 3, 1, 2]);
        assert_eq!(rhs, [3, 2, 0, 1]);
        assert_eq!(out, [0, 3, 1, 2]);
        assert!(conv_layouts("#stablehlo.conv<[b, b, f]x[0, i, o]->[b, 0, f]>").is_err());
    }
}
