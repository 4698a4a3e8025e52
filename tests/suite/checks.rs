//! Interpreter chunks (`../shared/stablehlo-interpret`) rewritten to return
//! the values their `check.*` ops check, so a harness can run them and
//! compare, and passes cannot delete the computation as dead code.

use std::collections::BTreeSet;
use std::ops::Range;

/// Dialects jaxr's context registers; ops of any other need unregistered
/// dialects allowed.
pub const REGISTERED_DIALECTS: &[&str] = &["builtin", "func", "stablehlo", "chlo", "sdy", "jaxr"];

/// An interpreter chunk rewritten by [`returning_checked_values`].
#[derive(Clone, Debug, PartialEq)]
pub struct Rewritten {
    /// The chunk with every `check.*` statement blanked (its lines left
    /// empty, so every other line keeps its number) and every function that
    /// held checks returning the checked values after its own results.
    pub text: String,
    /// The functions that held checks, in program order.
    pub functions: Vec<CheckedFunction>,
}

/// A function whose checks became results.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedFunction {
    /// The symbol, without `@`.
    pub name: String,
    /// How many results the function had before the rewrite (the checked
    /// values come after them).
    pub original_results: usize,
    pub checks: Vec<Check>,
}

/// One `check.*` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// 1-based line of the statement's first line in the chunk (chunks of
    /// `split_input` keep the line numbers of the file).
    pub line: usize,
    /// The op without the dialect: `expect_eq_const`, `expect_almost_eq_const`,
    /// `expect_eq`, `expect_almost_eq`, `expect_close`, `expect_serialized_eq`.
    pub op: String,
    /// The checked values as written (`%2`, `%results#0`): one, or two for
    /// `expect_eq`, `expect_almost_eq` and `expect_close`.
    pub operands: Vec<String>,
    /// Their types, one per operand.
    pub types: Vec<String>,
    /// The expected value of the `*_const` forms (`dense<[1, 2]>`), with its
    /// whitespace collapsed.
    pub expected: Option<String>,
    /// Everything else, as written: `tolerance = 0.1`,
    /// `max_ulp_difference = 3`, `probe_id = "p"`, entries of a trailing
    /// attribute dictionary (`tolerance = 0.1 : f64`).
    pub attributes: Vec<String>,
    /// The values the rewritten function returns for this check: the
    /// operands, then (with expected constants, see
    /// [`returning_checked_values_and_expected`]) the expected constant.
    pub returned: Vec<String>,
    /// Their types.
    pub returned_types: Vec<String>,
    /// The results of the rewritten function that return `returned`.
    pub results: Range<usize>,
}

/// The `check` ops of the interpreter suite and whether each compares with a
/// constant written in the op.
const CHECK_OPS: &[(&str, bool)] = &[
    ("expect_eq_const", true),
    ("expect_almost_eq_const", true),
    ("expect_eq", false),
    ("expect_almost_eq", false),
    ("expect_close", false),
    ("expect_serialized_eq", false),
];

/// Rewrites an interpreter chunk (functions that compute with StableHLO and
/// check values with `check.*` ops) so that each function holding checks
/// returns the checked values instead:
///
/// - every `check.*` statement (which may span lines) is replaced by empty
///   lines, so every other line keeps its number;
/// - the function's terminator (`func.return` or `return`) gets the checked
///   values and their types after any operands it already had;
/// - its signature gets their types after its own results
///   (`func.func @f() {` becomes `func.func @f() -> (tensor<2xi64>, ...) {`).
///
/// [`Rewritten::functions`] says which result holds which check's values,
/// the expected constants and the tolerances, for a harness that runs the
/// chunk and compares. A check must sit in a function whose signature fits
/// on one line that ends with the body's `{`, with a one-line terminator
/// after the checks; anything else is an error, as is an unknown `check` op.
pub fn returning_checked_values(chunk: &str) -> Result<Rewritten, String> {
    rewrite(chunk, false)
}

/// Like [`returning_checked_values`], and each `*_const` check's expected
/// value also becomes a result: a `stablehlo.constant` of it is defined on
/// the check's first line (`%jaxr_expected_<line>`) and returned after the
/// checked value, so the device computes both and a harness compares
/// buffers without parsing MLIR's dense literals.
pub fn returning_checked_values_and_expected(chunk: &str) -> Result<Rewritten, String> {
    rewrite(chunk, true)
}

fn rewrite(chunk: &str, expected_constants: bool) -> Result<Rewritten, String> {
    let mut lines: Vec<String> = chunk.split('\n').map(str::to_string).collect();
    // (line of `func.func`, its checks).
    let mut found: Vec<(usize, Vec<Check>)> = Vec::new();
    // Lines of every `func.func`.
    let mut starts = Vec::new();
    let mut function: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let code = strip_comment(&lines[i]).trim_start();
        if code.starts_with("func.func") {
            function = Some(i);
            starts.push(i);
        }
        if code.starts_with("check.") {
            let first = i;
            let mut statement = code.trim_end().to_string();
            while !is_complete(&statement) {
                i += 1;
                let Some(next) = lines.get(i) else {
                    return Err(format!("line {}: unterminated check statement", first + 1));
                };
                statement.push(' ');
                statement.push_str(strip_comment(next).trim());
            }
            let Some(function) = function else {
                return Err(format!("line {}: a check outside any function", first + 1));
            };
            let mut check = parse_check(&statement, first + 1)?;
            for line in &mut lines[first..=i] {
                line.clear();
            }
            if let (true, Some(expected)) = (expected_constants, &check.expected) {
                let name = format!("%jaxr_expected_{}", first + 1);
                let ty = check.types[0].clone();
                lines[first] = format!("  {name} = stablehlo.constant {expected} : {ty}");
                check.returned.push(name);
                check.returned_types.push(ty);
            }
            match found.last_mut() {
                Some((at, checks)) if *at == function => checks.push(check),
                _ => found.push((function, vec![check])),
            }
        }
        i += 1;
    }

    let mut functions = Vec::new();
    for (at, mut checks) in found {
        let last_check = checks.last().expect("at least one check").line - 1;
        let end = starts.iter().copied().find(|&s| s > at).unwrap_or(lines.len());
        let terminator = (last_check + 1..end)
            .find(|&l| {
                let code = strip_comment(&lines[l]).trim();
                ["func.return", "return"].iter().any(|k| {
                    code.strip_prefix(k).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
                })
            })
            .ok_or_else(|| format!("line {}: no `func.return` after the checks", last_check + 1))?;
        let (name, original_results) =
            add_results(&mut lines[at], &checks).map_err(|e| format!("line {}: {e}", at + 1))?;
        add_return_operands(&mut lines[terminator], &checks, original_results)
            .map_err(|e| format!("line {}: {e}", terminator + 1))?;
        let mut next = original_results;
        for check in &mut checks {
            check.results = next..next + check.returned.len();
            next = check.results.end;
        }
        functions.push(CheckedFunction { name, original_results, checks });
    }
    Ok(Rewritten { text: lines.join("\n"), functions })
}

/// Whether a statement (lines joined, comments removed) is whole: its
/// brackets closed and a type after its `:`, not ending with a comma.
fn is_complete(statement: &str) -> bool {
    let statement = statement.trim_end();
    depth_after(statement, 0) == 0
        && !statement.ends_with(',')
        && find_top(statement, ':').is_some_and(|colon| !statement[colon + 1..].trim().is_empty())
}

/// Parses one `check.*` statement (its lines joined, comments removed).
fn parse_check(statement: &str, line: usize) -> Result<Check, String> {
    let fail = |why: &str| format!("line {line}: {why}: `{statement}`");
    let rest = statement.trim().strip_prefix("check.").ok_or_else(|| fail("not a check"))?;
    let (op, rest) = rest.split_once(char::is_whitespace).ok_or_else(|| fail("a check without operands"))?;
    let &(_, with_constant) =
        CHECK_OPS.iter().find(|(name, _)| *name == op).ok_or_else(|| fail("an unknown check op"))?;
    let colon = find_top(rest, ':').ok_or_else(|| fail("no `: type`"))?;
    let (head, mut tail) = (&rest[..colon], rest[colon + 1..].trim());
    let mut attributes = Vec::new();
    let mut trailing = Vec::new();
    if tail.ends_with('}') {
        let open = find_top(tail, '{').ok_or_else(|| fail("an unbalanced attribute dictionary"))?;
        trailing = split_top(&tail[open + 1..tail.len() - 1]);
        tail = tail[..open].trim();
    }
    let mut operands = Vec::new();
    let mut expected = None;
    for item in split_top(head) {
        if item.starts_with('%') {
            operands.push(item);
        } else if find_top(&item, '=').is_some() {
            attributes.push(item);
        } else if expected.replace(item.split_whitespace().collect::<Vec<_>>().join(" ")).is_some() {
            return Err(fail("two expected constants"));
        }
    }
    attributes.extend(trailing);
    let mut types = split_top(tail);
    if types.len() == 1 && operands.len() > 1 {
        types = vec![types[0].clone(); operands.len()];
    }
    if operands.is_empty() || types.len() != operands.len() {
        return Err(fail("operands and types do not match"));
    }
    if expected.is_some() != with_constant {
        return Err(fail(if with_constant { "no expected constant" } else { "an unexpected constant" }));
    }
    Ok(Check {
        line,
        op: op.to_string(),
        returned: operands.clone(),
        returned_types: types.clone(),
        operands,
        types,
        expected,
        attributes,
        results: 0..0,
    })
}

/// Adds the checked types to the results of the one-line signature `line`
/// (`func.func [visibility] @name(args) [-> results] [attributes {...}] {`);
/// returns the function's name and how many results it had.
fn add_results(line: &mut String, checks: &[Check]) -> Result<(String, usize), String> {
    let code = strip_comment(line).trim_end();
    let at = code.find('@').ok_or("a function without a name")?;
    let open = at + code[at..].find('(').ok_or("a signature without arguments")?;
    let name = code[at + 1..open].trim().to_string();
    let close = open + matching_close(&code[open..]).ok_or("arguments that do not close on this line")?;
    let tail = code[close + 1..].trim();
    let tail = tail.strip_suffix('{').ok_or("a signature that does not end with the body's `{`")?.trim();
    let (results, attributes) = match find_word_top(tail, "attributes") {
        Some(k) => (tail[..k].trim(), Some(tail[k..].trim())),
        None => (tail, None),
    };
    let mut types = match results.strip_prefix("->").map(str::trim) {
        None if results.is_empty() => Vec::new(),
        None => return Err(format!("unexpected text in the signature: `{results}`")),
        Some(list) if list.starts_with('(') && matching_close(list) == Some(list.len() - 1) => {
            split_top(&list[1..list.len() - 1])
        }
        Some(single) => vec![single.to_string()],
    };
    let original = types.len();
    types.extend(checks.iter().flat_map(|c| c.returned_types.iter().cloned()));
    let results = if types.len() == 1 && original == 0 {
        format!(" -> {}", types[0])
    } else {
        format!(" -> ({})", types.join(", "))
    };
    let attributes = attributes.map(|a| format!(" {a}")).unwrap_or_default();
    *line = format!("{}{results}{attributes} {{", &code[..=close]);
    Ok((name, original))
}

/// Adds the checked values to the one-line terminator `line`
/// (`func.return [%a, ... : type, ...]`), which must return `results` values.
fn add_return_operands(line: &mut String, checks: &[Check], results: usize) -> Result<(), String> {
    let code = strip_comment(line).trim_end();
    let indent = &code[..code.len() - code.trim_start().len()];
    let (keyword, rest) = code.trim_start().split_once(' ').unwrap_or((code.trim_start(), ""));
    let (mut operands, mut types) = match find_top(rest, ':') {
        Some(colon) => (split_top(&rest[..colon]), split_top(&rest[colon + 1..])),
        None if rest.trim().is_empty() => (Vec::new(), Vec::new()),
        None => return Err(format!("a terminator without types: `{code}`")),
    };
    if operands.len() != results || types.len() != results {
        return Err(format!("the terminator does not return the function's {results} results: `{code}`"));
    }
    for check in checks {
        operands.extend(check.returned.iter().cloned());
        types.extend(check.returned_types.iter().cloned());
    }
    *line = format!("{indent}{keyword} {} : {}", operands.join(", "), types.join(", "));
    Ok(())
}

/// `line` up to a `//` comment outside a string.
fn strip_comment(line: &str) -> &str {
    let mut in_string = false;
    let mut previous = '\0';
    for (i, c) in line.char_indices() {
        match c {
            '"' if previous != '\\' => in_string = !in_string,
            '/' if !in_string && previous == '/' => return &line[..i - 1],
            _ => {}
        }
        previous = if previous == '\\' && c == '\\' { '\0' } else { c };
    }
    line
}

/// Walks `text` outside strings, calling `visit(byte offset, char, depth
/// before the char)` with the bracket depth (`<>`, `()`, `[]`, `{}`; the
/// `>` of `->` does not close) starting at `depth`; stops when `visit`
/// returns true. Returns the depth after the walk.
fn walk_top(text: &str, mut depth: i64, mut visit: impl FnMut(usize, char, i64) -> bool) -> i64 {
    let mut in_string = false;
    let mut previous = '\0';
    for (i, c) in text.char_indices() {
        if in_string {
            if c == '"' && previous != '\\' {
                in_string = false;
            }
            previous = if previous == '\\' && c == '\\' { '\0' } else { c };
            continue;
        }
        if visit(i, c, depth) {
            return depth;
        }
        match c {
            '"' => in_string = true,
            '<' | '(' | '[' | '{' => depth += 1,
            '>' if previous == '-' => {}
            '>' | ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        previous = c;
    }
    depth
}

/// The bracket depth after `code`, starting at `depth`.
fn depth_after(code: &str, depth: i64) -> i64 {
    walk_top(code, depth, |_, _, _| false)
}

/// The first `wanted` outside brackets and strings.
fn find_top(text: &str, wanted: char) -> Option<usize> {
    let mut found = None;
    walk_top(text, 0, |i, c, depth| {
        let hit = depth == 0 && c == wanted;
        if hit {
            found = Some(i);
        }
        hit
    });
    found
}

/// The first whole word `word` outside brackets and strings.
fn find_word_top(text: &str, word: &str) -> Option<usize> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut found = None;
    walk_top(text, 0, |i, _, depth| {
        let hit = depth == 0
            && text[i..].starts_with(word)
            && !text[..i].ends_with(is_word)
            && !text[i + word.len()..].starts_with(is_word);
        if hit {
            found = Some(i);
        }
        hit
    });
    found
}

/// The offset of the bracket closing the one `text` starts with.
fn matching_close(text: &str) -> Option<usize> {
    let mut found = None;
    walk_top(text, 0, |i, c, depth| {
        let hit = i > 0 && depth == 1 && matches!(c, ')' | ']' | '}' | '>') && !text[..i].ends_with('-');
        if hit {
            found = Some(i);
        }
        hit
    });
    found
}

/// `text` split at commas outside brackets and strings, each part trimmed.
fn split_top(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut start = 0;
    walk_top(text, 0, |i, c, depth| {
        if depth == 0 && c == ',' {
            parts.push(text[start..i].trim().to_string());
            start = i + 1;
        }
        false
    });
    let last = text[start..].trim();
    if !last.is_empty() || !parts.is_empty() {
        parts.push(last.to_string());
    }
    parts
}

/// The dialects of the ops `text` spells (`stablehlo.add %a`,
/// `%r = "interpreter.run_parallel"(...)`) that jaxr does not register.
pub fn foreign_dialects(text: &str) -> BTreeSet<String> {
    let mut dialects = BTreeSet::new();
    for line in text.lines() {
        let code = strip_comment(line).trim();
        let op = match code.strip_prefix('%') {
            Some(_) => code.split_once(" = ").map_or("", |(_, op)| op),
            None => code,
        };
        let token = op.split(|c: char| c.is_whitespace() || c == '(').next().unwrap_or_default();
        let token = token.trim_matches('"');
        if let Some((dialect, _)) = token.split_once('.') {
            let identifier = dialect.starts_with(|c: char| c.is_ascii_lowercase())
                && dialect.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if identifier && !REGISTERED_DIALECTS.contains(&dialect) {
                dialects.insert(dialect.to_string());
            }
        }
    }
    dialects
}

#[test]
fn checks_become_results() {
    let chunk = r#"// a comment
func.func @helper(%x: tensor<2xi64>) -> tensor<2xi64> {
  func.return %x : tensor<2xi64>
}

func.func @two() {
  %a = stablehlo.constant dense<[1, 2]> : tensor<2xi64>
  %b:2 = "other.op"() : () -> (tensor<2xf32>, tensor<2xf32>)
  check.expect_eq_const %a, dense<[1,
                                   2]> : tensor<2xi64> // trailing comment
  check.expect_almost_eq %b#0, %b#1, tolerance = 0.1 : tensor<2xf32>
  check.expect_almost_eq_const %b#0,
      dense<1.0> : tensor<2xf32> {tolerance = 1.0e-01 : f64}
  func.return
}

// // -----

func.func public @one() -> (tensor<i1>) attributes {a = "x: {"} {
  %c = stablehlo.constant dense<true> : tensor<i1>
  check.expect_close %c, %c, max_ulp_difference = 3 : tensor<i1>, tensor<i1>
  check.expect_serialized_eq %c, probe_id = "a/b", iter = 0 : tensor<i1>
  return %c : tensor<i1>
}
"#;
    let rewritten = returning_checked_values(chunk).expect("rewrites");
    let lines: Vec<&str> = rewritten.text.split('\n').collect();
    assert_eq!(lines.len(), chunk.split('\n').count(), "line numbers are kept");
    assert_eq!(
        lines[5],
        "func.func @two() -> (tensor<2xi64>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {"
    );
    assert_eq!(lines[8..13], [""; 5]);
    assert_eq!(
        lines[13],
        "  func.return %a, %b#0, %b#1, %b#0 : tensor<2xi64>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>"
    );
    assert_eq!(
        lines[18],
        concat!(
            "func.func public @one() -> (tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>)",
            r#" attributes {a = "x: {"} {"#
        )
    );
    assert_eq!(lines[20..22], ["", ""]);
    assert_eq!(lines[22], "  return %c, %c, %c, %c : tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>");
    assert!(!rewritten.text.contains("check."));
    assert!(rewritten
        .text
        .starts_with("// a comment\nfunc.func @helper(%x: tensor<2xi64>) -> tensor<2xi64> {\n"));

    let [two, one] = &rewritten.functions[..] else { panic!("two functions: {:?}", rewritten.functions) };
    assert_eq!((two.name.as_str(), two.original_results, two.checks.len()), ("two", 0, 3));
    assert_eq!((one.name.as_str(), one.original_results, one.checks.len()), ("one", 1, 2));
    let eq_const = &two.checks[0];
    assert_eq!((eq_const.line, eq_const.op.as_str()), (9, "expect_eq_const"));
    assert_eq!(
        (eq_const.operands.clone(), eq_const.types.clone()),
        (vec!["%a".into()], vec!["tensor<2xi64>".into()])
    );
    assert_eq!(eq_const.expected.as_deref(), Some("dense<[1, 2]>"));
    assert_eq!(eq_const.results, 0..1);
    let almost = &two.checks[1];
    assert_eq!(almost.operands, ["%b#0", "%b#1"]);
    assert_eq!(almost.types, ["tensor<2xf32>", "tensor<2xf32>"]);
    assert_eq!((almost.expected.clone(), almost.attributes.clone()), (None, vec!["tolerance = 0.1".into()]));
    assert_eq!(almost.results, 1..3);
    assert_eq!((two.checks[2].line, two.checks[2].expected.as_deref()), (12, Some("dense<1.0>")));
    assert_eq!(two.checks[2].attributes, ["tolerance = 1.0e-01 : f64"]);
    assert_eq!(two.checks[2].results, 3..4);
    assert_eq!(one.checks[0].attributes, ["max_ulp_difference = 3"]);
    assert_eq!(one.checks[0].results, 1..3);
    assert_eq!((one.checks[1].op.as_str(), one.checks[1].line), ("expect_serialized_eq", 22));
    assert_eq!(one.checks[1].attributes, [r#"probe_id = "a/b""#, "iter = 0"]);
    assert_eq!(one.checks[1].results, 3..4);

    // A chunk without checks is unchanged; malformed checks are errors.
    let plain = "func.func @f() {\n  func.return\n}\n";
    assert_eq!(returning_checked_values(plain), Ok(Rewritten { text: plain.into(), functions: vec![] }));
    for bad in [
        "func.func @f() {\n  check.expect_nothing %a : tensor<i1>\n  func.return\n}",
        "func.func @f() {\n  check.expect_eq_const %a : tensor<i1>\n  func.return\n}",
        "func.func @f() {\n  check.expect_eq %a, dense<1> : tensor<i1>\n  func.return\n}",
        "func.func @f() {\n  check.expect_eq_const %a, dense<[1,\n",
        "func.func @f() {\n  check.expect_eq_const %a, dense<1> : tensor<i1>\n}",
        "check.expect_eq_const %a, dense<1> : tensor<i1>",
    ] {
        assert!(returning_checked_values(bad).is_err(), "{bad}");
    }
    assert_eq!(foreign_dialects(&rewritten.text), BTreeSet::from(["other".to_string()]));
}
