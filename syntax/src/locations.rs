//! Removing location information from MLIR text: trailing `loc(...)`
//! specifiers and `#loc` alias definitions.

use super::lexer::is_bare_identifier;

/// `text` without its `loc(...)` specifiers and `#locN = loc(...)` lines.
pub(crate) fn strip(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !is_location_alias(line) {
            strip_line(line, &mut out);
        }
    }
    out
}

/// Whether `line` defines a location alias: `#name = loc(...)`.
fn is_location_alias(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix('#') else { return false };
    let Some((name, value)) = rest.split_once('=') else { return false };
    let name = name.trim();
    (name.is_empty()
        || is_bare_identifier(name)
        || name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_'))
        && value.trim_start().starts_with("loc(")
}

/// Appends `line` to `out` without its ` loc(...)` specifiers (outside strings).
fn strip_line(line: &str, out: &mut String) {
    let b = line.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while let Some(&c) = b.get(i) {
        if c == b'"' {
            i = skip_string(b, i);
            continue;
        }
        let starts_loc = line.get(i..).is_some_and(|s| s.starts_with("loc("))
            && (i == 0
                || !b.get(i - 1).is_some_and(|&p| p.is_ascii_alphanumeric() || p == b'_' || p == b'.'));
        if starts_loc {
            if let Some(end) = matching_paren(b, i + 3) {
                out.push_str(line.get(copied..i).unwrap_or("").trim_end_matches([' ', '\t']));
                i = end + 1;
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(line.get(copied..).unwrap_or(""));
}

/// The offset just past the string literal starting at `i`.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// The offset of the `)` matching the `(` at `open`.
fn matching_paren(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                i = skip_string(b, i);
                continue;
            }
            b'(' => depth += 1,
            b')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}
