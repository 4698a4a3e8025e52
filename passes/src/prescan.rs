//! A cheap scan of module text before MLIR parses it. MLIR's parser crashes
//! (stack overflow, out of memory, a segfault) on some inputs that are easy to
//! spot in the text: a NUL byte, brackets nested thousands deep, a result
//! number such as `%0#2147483647`, `array<index: 1>`. They are refused here,
//! located, with the option that lifts a limit.

use crate::diagnostics::Diag;

/// Limits on what MLIR is asked to parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseLimits {
    /// Deepest nesting of `(`, `[`, `{` and `<` outside strings and comments.
    pub max_nesting_depth: usize,
    /// Largest result number in `%name#N`.
    pub max_result_number: u64,
}

/// The default of `--max-nesting-depth`: every module of tests/data and of
/// the shared corpus nests at most 21 deep.
pub const DEFAULT_MAX_NESTING_DEPTH: usize = 256;
/// The default of `--max-result-number`.
pub const DEFAULT_MAX_RESULT_NUMBER: u64 = 65536;

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits {
            max_nesting_depth: DEFAULT_MAX_NESTING_DEPTH,
            max_result_number: DEFAULT_MAX_RESULT_NUMBER,
        }
    }
}

/// Element types MLIR's `array<...>` attribute accepts without crashing.
const ARRAY_ELEMENT_TYPES: &[&str] = &["i1", "i8", "i16", "i32", "i64", "f32", "f64"];

/// Checks `text` against `limits`; the error names the line and column
/// (1-based, counted in bytes) of the first offending character.
pub fn prescan(text: &str, limits: &ParseLimits) -> Result<(), Diag> {
    Scanner { bytes: text.as_bytes(), at: 0, line: 1, line_start: 0, depth: 0, word_start: 0, limits }.run()
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
    line_start: usize,
    depth: usize,
    /// Where the identifier that ends at `at` starts.
    word_start: usize,
    limits: &'a ParseLimits,
}

impl Scanner<'_> {
    fn run(&mut self) -> Result<(), Diag> {
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                0 => {
                    return Err(self.error_here("the input contains a NUL byte, which MLIR text cannot hold"))
                }
                b'\n' => {
                    self.line += 1;
                    self.line_start = self.at + 1;
                }
                b'"' => self.skip_string()?,
                b'/' if self.bytes.get(self.at + 1) == Some(&b'/') => self.skip_comment()?,
                b'(' | b'[' | b'{' | b'<' => self.open()?,
                // `->` is an arrow, not a closing bracket.
                b'>' if self.at > 0 && self.bytes[self.at - 1] == b'-' => {}
                b')' | b']' | b'}' | b'>' => self.depth = self.depth.saturating_sub(1),
                b'#' => self.check_result_number()?,
                b'a' if self.is_word_start() && self.bytes[self.at..].starts_with(b"array<") => {
                    self.check_array_type()?
                }
                _ => {}
            }
            if !is_identifier_byte(b) {
                self.word_start = self.at + 1;
            }
            self.at += 1;
        }
        Ok(())
    }

    fn error_here(&self, message: impl Into<String>) -> Diag {
        Diag::error_at(self.line, self.at - self.line_start + 1, message)
    }

    fn open(&mut self) -> Result<(), Diag> {
        self.depth += 1;
        if self.depth > self.limits.max_nesting_depth {
            return Err(self.error_here(format!(
                "brackets ( [ {{ < nested deeper than {} levels; --max-nesting-depth=N raises the limit",
                self.limits.max_nesting_depth
            )));
        }
        Ok(())
    }

    /// Skips a string literal (escapes included), leaving `at` on its
    /// closing quote; a NUL inside is still refused.
    fn skip_string(&mut self) -> Result<(), Diag> {
        self.at += 1;
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'"' => return Ok(()),
                b'\\' => self.at += 1,
                0 => {
                    return Err(self.error_here("the input contains a NUL byte, which MLIR text cannot hold"))
                }
                b'\n' => {
                    // MLIR ends an unterminated string at the line's end.
                    self.line += 1;
                    self.line_start = self.at + 1;
                    return Ok(());
                }
                _ => {}
            }
            self.at += 1;
        }
        Ok(())
    }

    /// Skips a `//` comment, leaving `at` before the newline.
    fn skip_comment(&mut self) -> Result<(), Diag> {
        while let Some(&b) = self.bytes.get(self.at + 1) {
            match b {
                b'\n' => return Ok(()),
                0 => {
                    self.at += 1;
                    return Err(self.error_here("the input contains a NUL byte, which MLIR text cannot hold"));
                }
                _ => self.at += 1,
            }
        }
        Ok(())
    }

    fn is_word_start(&self) -> bool {
        self.at == 0 || !is_identifier_byte(self.bytes[self.at - 1])
    }

    /// `%name#N`: N must be at most the limit (MLIR allocates N results).
    fn check_result_number(&mut self) -> Result<(), Diag> {
        let sigil = self.word_start.checked_sub(1);
        let is_result = sigil.is_some_and(|s| self.bytes[s] == b'%' && self.word_start < self.at);
        if !is_result {
            return Ok(());
        }
        let digits = self.bytes[self.at + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        let number = self.bytes[self.at + 1..self.at + 1 + digits]
            .iter()
            .try_fold(0u64, |n, &d| n.checked_mul(10).and_then(|n| n.checked_add(u64::from(d - b'0'))));
        match number {
            Some(n) if n <= self.limits.max_result_number => Ok(()),
            _ if digits == 0 => Ok(()),
            _ => {
                self.at += 1;
                Err(self.error_here(format!(
                    "result number {} is larger than {}; --max-result-number=N raises the limit",
                    String::from_utf8_lossy(&self.bytes[self.at..self.at + digits]),
                    self.limits.max_result_number
                )))
            }
        }
    }

    /// `array<T ...>`: MLIR crashes on element types other than the few
    /// its dense arrays support.
    fn check_array_type(&mut self) -> Result<(), Diag> {
        let start = self.at + "array<".len();
        let spaces = self.bytes[start..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        let type_start = start + spaces;
        let len = self.bytes[type_start..].iter().take_while(|&&b| is_identifier_byte(b)).count();
        let element = String::from_utf8_lossy(&self.bytes[type_start..type_start + len]);
        if ARRAY_ELEMENT_TYPES.contains(&element.as_ref()) {
            return Ok(());
        }
        let column = type_start - self.line_start + 1;
        Err(Diag::error_at(
            self.line,
            column,
            format!(
                "array<{element}...> is not a valid array attribute: its element type must be one of {}",
                ARRAY_ELEMENT_TYPES.join(", ")
            ),
        ))
    }
}

fn is_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.' | b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Result<(), String> {
        prescan(text, &ParseLimits::default()).map_err(|d| {
            format!("{}:{}: {}", d.line.unwrap_or_default(), d.column.unwrap_or_default(), d.message)
        })
    }

    #[test]
    fn a_nul_byte_is_located() {
        let e = scan("func.func @f() {\n  return\u{0}\n}").unwrap_err();
        assert_eq!(e, "2:9: the input contains a NUL byte, which MLIR text cannot hold");
        assert!(scan("// a\u{0} comment").unwrap_err().starts_with("1:5:"));
        assert!(scan("\"str\u{0}\"").unwrap_err().starts_with("1:5:"));
    }

    #[test]
    fn nesting_is_counted_outside_strings_and_comments() {
        let deep = format!("{}{}", "[".repeat(257), "]".repeat(257));
        let e = scan(&format!("x = {deep}")).unwrap_err();
        assert!(e.starts_with("1:261: brackets ( [ { < nested deeper than 256 levels"), "{e}");
        assert!(scan(&format!("\"{deep}\"")).is_ok());
        assert!(scan(&format!("// {deep}")).is_ok());
        let arrows = "(tensor<f32>) -> tensor<f32>\n".repeat(1000);
        assert!(scan(&arrows).is_ok());
        let limits = ParseLimits { max_nesting_depth: 300, ..ParseLimits::default() };
        assert!(prescan(&deep, &limits).is_ok());
    }

    #[test]
    fn huge_result_numbers_are_refused() {
        assert!(scan("return %0#65536 : f32").is_ok());
        let e = scan("return %0#2147483647 : f32").unwrap_err();
        assert_eq!(
            e,
            "1:11: result number 2147483647 is larger than 65536; --max-result-number=N raises the limit"
        );
        assert!(scan("return %x#99999999999999999999999").is_err());
        assert!(scan("#map = affine_map<(d0) -> (d0)>\n%a = \"x\"() {a = #map} : () -> ()").is_ok());
    }

    #[test]
    fn array_attributes_need_a_dense_element_type() {
        assert!(scan("{a = array<i64: 1, 2>, b = array<f32>, c = array< i1: true>}").is_ok());
        let e = scan("{a = array<index: 1>}").unwrap_err();
        assert!(e.starts_with("1:12: array<index...> is not a valid array attribute"), "{e}");
        assert!(scan("{a = dense_array<index: 1>}").is_ok());
    }
}
