//! `--verify-diagnostics`: the diagnostics a chunk produces must be exactly
//! those its `// expected-error {{...}}` comments announce, as in mlir-opt.
//!
//! Forms: `expected-error {{text}}` (same line), `expected-error @below`,
//! `@above`, `@+N`, `@-N`; severities error, warning, note and remark. The
//! produced message must contain the text.

use jaxr_passes::{Diag, Severity};

/// One announced diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub severity: Severity,
    /// The line the diagnostic must be reported on (1-based).
    pub line: usize,
    /// Where the comment itself is, for messages.
    pub comment_line: usize,
    pub column: usize,
    pub text: String,
}

/// Reads the `expected-*` comments of a text.
pub fn parse_expectations(text: &str) -> Result<Vec<Expected>, Diag> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        let mut rest = line;
        let mut offset = 0;
        while let Some(pos) = rest.find("expected-") {
            let start = offset + pos;
            let after = &rest[pos + "expected-".len()..];
            let (severity, after) = match ["error", "warning", "note", "remark"]
                .iter()
                .find_map(|s| after.strip_prefix(s).map(|a| (*s, a)))
            {
                Some((s, a)) => (
                    match s {
                        "error" => Severity::Error,
                        "warning" => Severity::Warning,
                        "note" => Severity::Note,
                        _ => Severity::Remark,
                    },
                    a,
                ),
                None => {
                    offset = start + "expected-".len();
                    rest = &line[offset..];
                    continue;
                }
            };
            let after = after.trim_start();
            let (target, after) = if let Some(spec) = after.strip_prefix('@') {
                let end = spec.find(|c: char| c.is_whitespace() || c == '{').unwrap_or(spec.len());
                let (word, tail) = spec.split_at(end);
                let target = match word {
                    "below" => line_no + 1,
                    "above" => line_no.saturating_sub(1),
                    w => {
                        let delta: i64 = w.parse().map_err(|_| {
                            Diag::error_at(line_no, start + 1, format!("invalid expected-* target '@{w}'"))
                        })?;
                        (line_no as i64 + delta).max(1) as usize
                    }
                };
                (target, tail.trim_start())
            } else {
                (line_no, after)
            };
            let body =
                after.strip_prefix("{{").and_then(|b| b.find("}}").map(|e| &b[..e])).ok_or_else(|| {
                    Diag::error_at(line_no, start + 1, "expected-* needs its message in {{...}}")
                })?;
            out.push(Expected {
                severity,
                line: target,
                comment_line: line_no,
                column: start + 1,
                text: body.to_string(),
            });
            offset = start + "expected-".len();
            rest = &line[offset..];
        }
    }
    Ok(out)
}

/// Flattens notes into the list, as mlir-opt checks them one by one.
fn flatten(diags: &[Diag]) -> Vec<Diag> {
    let mut out = Vec::new();
    for d in diags {
        out.push(Diag { notes: Vec::new(), ..d.clone() });
        out.extend(flatten(&d.notes));
    }
    out
}

/// Matches produced diagnostics with the expectations; returns the failures
/// (unexpected diagnostics and expectations that were not met).
pub fn check(expected: &[Expected], produced: &[Diag]) -> Vec<Diag> {
    let mut failures = Vec::new();
    let mut met = vec![false; expected.len()];
    for d in flatten(produced) {
        let found = expected.iter().enumerate().position(|(i, e)| {
            !met[i] && e.severity == d.severity && Some(e.line) == d.line && d.message.contains(&e.text)
        });
        match found {
            Some(i) => met[i] = true,
            None => {
                let message = format!("unexpected {}: {}", d.severity.name(), d.message);
                failures.push(Diag { severity: Severity::Error, message, notes: Vec::new(), ..d });
            }
        }
    }
    for (e, ok) in expected.iter().zip(met) {
        if !ok {
            failures.push(Diag::error_at(
                e.comment_line,
                e.column,
                format!("expected {} \"{}\" was not produced", e.severity.name(), e.text),
            ));
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_resolve_their_target_lines() {
        let text =
            "a // expected-error {{x}}\n// expected-warning @below {{y}}\nb\n// expected-note @-2 {{z}}\n";
        let e = parse_expectations(text).unwrap();
        assert_eq!(e.iter().map(|e| e.line).collect::<Vec<_>>(), vec![1, 3, 2]);
        assert_eq!(e[1].severity, Severity::Warning);
        assert!(parse_expectations("// expected-error oops").is_err());
    }

    #[test]
    fn unmet_and_unexpected_diagnostics_both_fail() {
        let e = parse_expectations("// expected-error @below {{boom}}\nx\n").unwrap();
        assert!(check(&e, &[Diag::error_at(2, 1, "a boom here")]).is_empty());
        let failures = check(&e, &[Diag::error_at(1, 1, "other")]);
        assert_eq!(failures.len(), 2);
        assert!(failures[0].message.starts_with("unexpected error: other"));
        assert!(failures[1].message.contains("was not produced"));
    }
}
