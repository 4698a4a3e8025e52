//! Operations of the jaxr dialect inside StableHLO text, kept as written.
//!
//! MLIR itself parses jaxr's pretty syntax (the dialect is registered), so
//! the StableHLO reader only has to find where a jaxr operation ends and
//! hand its text through unchanged. A statement ends at a line break outside
//! any bracket when the next line starts a new statement (a result binding
//! `%x =`, an operation name, `return`, a block label, `}`), or before the
//! `}` that closes the enclosing region.

use super::ast::{Operation, Pos};
use super::parser::{PResult, Parser};

impl Parser<'_> {
    /// A jaxr operation from its name at `name_at` to the end of its statement.
    pub(crate) fn raw_operation(&mut self, name: String, name_at: usize, pos: Pos) -> PResult<Operation> {
        let src = self.lx.src;
        let end = statement_end(src, name_at).map_err(|(at, message)| self.error_at(at, message))?;
        let text = src.get(name_at..end).unwrap_or_default().trim_end().to_string();
        self.lx.pos = end;
        Ok(Operation { name, raw: Some(text), pos: Some(pos), ..Operation::default() })
    }
}

/// Whether a line (without its indentation) starts a new statement.
fn starts_statement(line: &str) -> bool {
    let bytes = line.as_bytes();
    match bytes.first() {
        None => false,
        Some(b'}' | b'^' | b'"' | b'#') => true,
        Some(b'%') => {
            // `%name =` or `%name:N =` binds results; `%name,` continues a list.
            let name_end = 1 + line[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || "_$.-#".contains(c)))
                .unwrap_or(line.len() - 1);
            let rest = line[name_end..].trim_start();
            let rest = match rest.strip_prefix(':') {
                Some(r) => r.trim_start().trim_start_matches(|c: char| c.is_ascii_digit()).trim_start(),
                None => rest,
            };
            rest.starts_with('=') && !rest.starts_with("==")
        }
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
            let word_end = line
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(line.len());
            let word = &line[..word_end];
            word == "return" || word == "module" || (word.contains('.') && !word.ends_with('.'))
        }
        _ => false,
    }
}

/// The byte offset where the statement starting at `start` ends.
fn statement_end(src: &str, start: usize) -> Result<usize, (usize, String)> {
    let bytes = src.as_bytes();
    let mut depth: usize = 0;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i >= bytes.len() {
                    return Err((start, "unterminated string in a jaxr operation".into()));
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'(' | b'[' | b'{' | b'<' => depth += 1,
            b'>' if i > 0 && bytes[i - 1] == b'-' => {}
            b')' | b']' | b'}' | b'>' => {
                if depth == 0 {
                    // Closes something opened before this statement.
                    return Ok(i);
                }
                depth -= 1;
            }
            b'\n' if depth == 0 => {
                let next =
                    src[i + 1..].lines().map(str::trim_start).find(|l| !l.is_empty() && !l.starts_with("//"));
                if next.is_none_or(starts_statement) {
                    return Ok(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    if depth == 0 {
        Ok(bytes.len())
    } else {
        Err((start, "unbalanced brackets in a jaxr operation".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_end_where_the_next_begins() {
        let src = "jaxr.dot_general %a, %b, contracting = [1] x [0], batch = [] x []\n      : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>\n  %c = jaxr.exp %x : tensor<4xf32>\n";
        let end = statement_end(src, 0).unwrap();
        assert!(src[..end].ends_with("-> tensor<2x4xf32>"));
        assert_eq!(statement_end("jaxr.neg %x : tensor<f32>\n}", 0).unwrap(), 25);
        assert_eq!(statement_end("jaxr.neg %x : tensor<f32>}", 0).unwrap(), 25);
        assert!(statement_end("jaxr.neg (%x : tensor<f32>", 0).is_err());
        assert!(starts_statement("%0:2 = stablehlo.while"));
        assert!(!starts_statement("%a, %b : tensor<f32>"));
        assert!(starts_statement("return %x : tensor<f32>"));
        assert!(!starts_statement("batch = [] x []"));
    }
}
