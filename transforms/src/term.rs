//! Terms: what a derivative rule returns before it becomes MLIR ops. Leaves
//! are existing values or constants; a literal takes the type of its sibling
//! operands (or of its parent), so rules need not spell types.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use egg::{ENodeOrVar, Pattern};
use jaxr_dialect::{Primitive, TensorType};
use jaxr_egraph::language::Node;
use mlir_sys::MlirValue;

/// A term over jaxr primitives.
#[derive(Clone, Debug)]
pub enum Term {
    /// An existing SSA value.
    Val(MlirValue),
    /// A number, typed by its context.
    Lit(f64),
    /// A splat constant of a given type.
    Splat(TensorType, f64),
    /// A primitive applied to terms.
    Op(Primitive, Vec<Term>),
}

impl Term {
    /// `prim(args...)`.
    pub fn op(prim: Primitive, args: impl IntoIterator<Item = Term>) -> Term {
        Term::Op(prim, args.into_iter().collect())
    }
}

impl From<MlirValue> for Term {
    fn from(v: MlirValue) -> Term {
        Term::Val(v)
    }
}

fn parsed(pattern: &'static str) -> Result<Pattern<Node>, String> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Pattern<Node>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().map_err(|_| "pattern cache poisoned".to_string())?;
    if let Some(p) = cache.get(pattern) {
        return Ok(p.clone());
    }
    let p: Pattern<Node> = pattern.parse().map_err(|e| format!("bad rule pattern '{pattern}': {e}"))?;
    cache.insert(pattern, p.clone());
    Ok(p)
}

/// Parses an egg pattern over the e-graph language (see
/// `jaxr_egraph::language`'s `FromOp`).
pub fn parse_pattern(pattern: &'static str) -> Result<Pattern<Node>, String> {
    parsed(pattern)
}

/// The pattern's variables, in order of first appearance (`?x0`, `?g`, ...).
pub fn pattern_vars(pattern: &'static str) -> Result<Vec<String>, String> {
    let p = parsed(pattern)?;
    let mut out: Vec<String> = Vec::new();
    for n in p.ast.as_ref() {
        if let ENodeOrVar::Var(v) = n {
            let v = v.to_string();
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    Ok(out)
}

/// Instantiates `pattern`, binding each variable by `bind` (`"?x0"` -> term).
pub fn instantiate(pattern: &'static str, bind: &dyn Fn(&str) -> Option<Term>) -> Result<Term, String> {
    let p = parsed(pattern)?;
    let mut built: Vec<Term> = Vec::new();
    for n in p.ast.as_ref() {
        let t = match n {
            ENodeOrVar::Var(v) => {
                let name = v.to_string();
                bind(&name).ok_or_else(|| format!("pattern '{pattern}': unbound variable {name}"))?
            }
            ENodeOrVar::ENode(Node::Splat { bits, .. }) => Term::Lit(f64::from_bits(*bits)),
            ENodeOrVar::ENode(Node::Op { prim, args }) => {
                Term::Op(prim.clone(), args.iter().map(|a| built[usize::from(*a)].clone()).collect())
            }
            ENodeOrVar::ENode(other) => return Err(format!("pattern '{pattern}': unexpected node {other}")),
        };
        built.push(t);
    }
    built.pop().ok_or_else(|| format!("empty pattern '{pattern}'"))
}
