//! Pass options as they appear in braces in a textual pipeline:
//! `jaxr-pass{strict=true argnums=0,2 name="a b"}`.

use std::collections::BTreeMap;

/// What values an option takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    Bool,
    Int,
    Str,
    /// Comma-separated integers.
    IntList,
}

impl OptionKind {
    fn describe(self) -> &'static str {
        match self {
            OptionKind::Bool => "true or false",
            OptionKind::Int => "an integer",
            OptionKind::Str => "a string",
            OptionKind::IntList => "comma-separated integers",
        }
    }
}

/// One declared option of a pass.
#[derive(Clone, Copy, Debug)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    /// The default in the option's own syntax ("" for none).
    pub default: &'static str,
    pub help: &'static str,
}

/// Parsed option values, validated against a pass's [`OptionSpec`]s.
#[derive(Clone, Debug, Default)]
pub struct PassOptions {
    values: BTreeMap<String, String>,
    specs: Vec<OptionSpec>,
}

/// Splits `a=1 b="x y" c=1,2` into key/value pairs.
fn split_pairs(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(pairs);
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            key.push(c);
            chars.next();
        }
        if chars.peek() != Some(&'=') {
            // A bare flag means true, as in MLIR's own option syntax.
            pairs.push((key, "true".into()));
            continue;
        }
        chars.next();
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some(c) => value.push(c),
                    None => return Err(format!("option '{key}': unterminated string")),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        pairs.push((key, value));
    }
}

fn check_value(spec: &OptionSpec, value: &str) -> Result<(), String> {
    let ok = match spec.kind {
        OptionKind::Bool => matches!(value, "true" | "false" | "1" | "0"),
        OptionKind::Int => value.parse::<i64>().is_ok(),
        OptionKind::Str => true,
        OptionKind::IntList => value.is_empty() || value.split(',').all(|v| v.trim().parse::<i64>().is_ok()),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("option '{}' expects {}, found '{value}'", spec.name, spec.kind.describe()))
    }
}

impl PassOptions {
    /// Parses and validates `text` for a pass named `pass` with `specs`.
    pub fn parse(pass: &str, specs: &[OptionSpec], text: &str) -> Result<Self, String> {
        let mut values = BTreeMap::new();
        for (key, value) in split_pairs(text)? {
            let spec = specs.iter().find(|s| s.name == key).ok_or_else(|| {
                let known: Vec<&str> = specs.iter().map(|s| s.name).collect();
                if known.is_empty() {
                    format!("pass '{pass}' takes no options, found '{key}'")
                } else {
                    format!("unknown option '{key}' for pass '{pass}' (known: {})", known.join(", "))
                }
            })?;
            check_value(spec, &value)?;
            if values.contains_key(&key) {
                return Err(format!("option '{key}' of pass '{pass}' is given more than once"));
            }
            values.insert(key, value);
        }
        Ok(PassOptions { values, specs: specs.to_vec() })
    }

    fn raw(&self, name: &str) -> &str {
        match self.values.get(name) {
            Some(v) => v,
            None => self.specs.iter().find(|s| s.name == name).map_or("", |s| s.default),
        }
    }

    /// Whether `name` was given explicitly.
    pub fn is_set(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    pub fn bool(&self, name: &str) -> bool {
        matches!(self.raw(name), "true" | "1")
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        self.raw(name).parse().ok()
    }

    pub fn string(&self, name: &str) -> &str {
        self.raw(name)
    }

    pub fn int_list(&self, name: &str) -> Vec<i64> {
        self.raw(name).split(',').filter_map(|v| v.trim().parse().ok()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[OptionSpec] = &[
        OptionSpec { name: "strict", kind: OptionKind::Bool, default: "false", help: "" },
        OptionSpec { name: "argnums", kind: OptionKind::IntList, default: "0", help: "" },
        OptionSpec { name: "of", kind: OptionKind::Str, default: "", help: "" },
    ];

    #[test]
    fn options_parse_with_defaults_lists_and_quotes() {
        let o = PassOptions::parse("p", SPECS, r#"strict=true argnums=0,2 of="main fn""#).unwrap();
        assert!(o.bool("strict"));
        assert_eq!(o.int_list("argnums"), vec![0, 2]);
        assert_eq!(o.string("of"), "main fn");
        let d = PassOptions::parse("p", SPECS, "").unwrap();
        assert!(!d.bool("strict"));
        assert_eq!(d.int_list("argnums"), vec![0]);
    }

    #[test]
    fn bad_options_name_the_pass_and_what_is_known() {
        let e = PassOptions::parse("p", SPECS, "strictt=1").unwrap_err();
        assert!(
            e.contains("unknown option 'strictt' for pass 'p'") && e.contains("strict, argnums, of"),
            "{e}"
        );
        let e = PassOptions::parse("p", SPECS, "strict=maybe").unwrap_err();
        assert!(e.contains("true or false"), "{e}");
        let e = PassOptions::parse("p", SPECS, "strict=true argnums=1 strict=false").unwrap_err();
        assert_eq!(e, "option 'strict' of pass 'p' is given more than once");
    }
}
