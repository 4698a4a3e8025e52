//! `--verify-diagnostics`: the diagnostics a chunk produces must be exactly
//! those its `// expected-error {{...}}` comments announce, as in mlir-opt.
//!
//! Forms: `expected-error {{text}}` (same line), `expected-error @below`,
//! `@above`, `@+N`, `@-N`; severities error, warning, note and remark. The
//! produced message must contain the text.

use std::collections::HashMap;

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

/// Reads the `expected-*` comments of a text that starts `first_line` lines
/// into its file (a `--split-input-file` chunk); lines are the file's.
pub fn parse_expectations(text: &str, first_line: usize) -> Result<Vec<Expected>, Diag> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = first_line + index + 1;
        let mut offset = 0;
        while let Some(pos) = line[offset..].find("expected-") {
            let start = offset + pos;
            offset = start + "expected-".len();
            let Some((severity, after)) = severity_prefix(&line[offset..]) else { continue };
            let (target, after) = target_line(after.trim_start(), line_no, start)?;
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
        }
    }
    Ok(out)
}

/// `error`, `warning`, `note` or `remark` at the start of `text`.
fn severity_prefix(text: &str) -> Option<(Severity, &str)> {
    [
        ("error", Severity::Error),
        ("warning", Severity::Warning),
        ("note", Severity::Note),
        ("remark", Severity::Remark),
    ]
    .into_iter()
    .find_map(|(word, severity)| text.strip_prefix(word).map(|rest| (severity, rest)))
}

/// The line an expectation on `line_no` aims at (`@below`, `@above`, `@+N`,
/// `@-N`, or its own line), and the text after the target.
fn target_line(text: &str, line_no: usize, start: usize) -> Result<(usize, &str), Diag> {
    let Some(spec) = text.strip_prefix('@') else { return Ok((line_no, text)) };
    let end = spec.find(|c: char| c.is_whitespace() || c == '{').unwrap_or(spec.len());
    let (word, tail) = spec.split_at(end);
    let target = match word {
        "below" => line_no + 1,
        "above" => line_no.saturating_sub(1),
        w => {
            let delta: i64 = w.parse().map_err(|_| {
                Diag::error_at(line_no, start + 1, format!("invalid expected-* target '@{w}'"))
            })?;
            (line_no as i64).saturating_add(delta).max(1) as usize
        }
    };
    Ok((target, tail.trim_start()))
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
/// (unexpected diagnostics and expectations that were not met). Expectations
/// are looked up by line, so the work is linear in their number.
pub fn check(expected: &[Expected], produced: &[Diag]) -> Vec<Diag> {
    let mut unmet_by_line: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, e) in expected.iter().enumerate() {
        unmet_by_line.entry(e.line).or_default().push(i);
    }
    let mut failures = Vec::new();
    let mut met = vec![false; expected.len()];
    for d in flatten(produced) {
        let candidates = d.line.and_then(|line| unmet_by_line.get_mut(&line));
        let found = candidates.and_then(|list| {
            let at = list.iter().position(|&i| {
                let e = &expected[i];
                e.severity == d.severity && d.message.contains(&e.text)
            })?;
            Some(list.remove(at))
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
        let e = parse_expectations(text, 0).unwrap();
        assert_eq!(e.iter().map(|e| e.line).collect::<Vec<_>>(), vec![1, 3, 2]);
        assert_eq!(e[1].severity, Severity::Warning);
        assert!(parse_expectations("// expected-error oops", 0).is_err());
        let shifted = parse_expectations(text, 10).unwrap();
        assert_eq!(shifted.iter().map(|e| e.line).collect::<Vec<_>>(), vec![11, 13, 12]);
        assert_eq!(shifted[0].comment_line, 11);
    }

    #[test]
    fn unmet_and_unexpected_diagnostics_both_fail() {
        let e = parse_expectations("// expected-error @below {{boom}}\nx\n", 0).unwrap();
        assert!(check(&e, &[Diag::error_at(2, 1, "a boom here")]).is_empty());
        let failures = check(&e, &[Diag::error_at(1, 1, "other")]);
        assert_eq!(failures.len(), 2);
        assert!(failures[0].message.starts_with("unexpected error: other"));
        assert!(failures[1].message.contains("was not produced"));
    }

    #[test]
    fn each_expectation_is_met_once() {
        let e = parse_expectations("x // expected-error {{a}} expected-error {{b}}\n", 0).unwrap();
        let twice = [Diag::error_at(1, 1, "a b"), Diag::error_at(1, 1, "a b")];
        assert!(check(&e, &twice).is_empty());
        let thrice = [Diag::error_at(1, 1, "a"), Diag::error_at(1, 1, "a")];
        let failures = check(&e, &thrice);
        assert_eq!(failures.len(), 2, "{failures:?}");
    }
}
