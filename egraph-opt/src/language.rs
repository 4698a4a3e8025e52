//! The e-graph's language: one node kind per jaxr [`Primitive`] (attributes
//! included, so every primitive — including ones added later — is a node
//! kind without being listed here), function arguments, splat constants and
//! opaque leaves for values the e-graph does not model.

use std::fmt;

use egg::{FromOp, Id, Language};
use jaxr_dialect::{BinaryOp, ComparisonDirection, ElemType, Primitive, TensorType, UnaryOp};

/// One e-node.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    /// A single-result jaxr primitive applied to its operands.
    Op {
        /// The op kind with all its attributes.
        prim: Primitive,
        /// The operand e-classes.
        args: Vec<Id>,
    },
    /// Argument `index` of the function's entry block.
    Arg {
        /// Position in the block's argument list.
        index: usize,
        /// Its type.
        ty: TensorType,
    },
    /// A constant tensor with every element equal to one value.
    Splat {
        /// The tensor type.
        ty: TensorType,
        /// The value's f64 bits, already rounded to the element type (NaNs
        /// are canonicalised to one bit pattern so that they hash-cons).
        bits: u64,
    },
    /// A value the e-graph does not model: a result of a non-jaxr op, of a
    /// multi-result or region op, of a dense constant, of a `func.call`.
    Opaque {
        /// Index into the conversion's table of opaque values.
        index: usize,
        /// Its type.
        ty: TensorType,
    },
}

/// The canonical bits of a splat value.
pub fn splat_bits(x: f64) -> u64 {
    if x.is_nan() {
        f64::NAN.to_bits()
    } else {
        x.to_bits()
    }
}

impl Node {
    /// A splat constant of `ty` holding `x` (assumed rounded to `ty.elem`).
    pub fn splat(ty: TensorType, x: f64) -> Node {
        Node::Splat { ty, bits: splat_bits(x) }
    }

    /// The primitive of an op node.
    pub fn prim(&self) -> Option<&Primitive> {
        match self {
            Node::Op { prim, .. } => Some(prim),
            _ => None,
        }
    }
}

/// What [`Language::discriminant`] compares: the variant and, for ops, the
/// primitive with its attributes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// [`Node::Op`] with this primitive and arity.
    Op(Primitive, usize),
    /// [`Node::Arg`].
    Arg(usize),
    /// [`Node::Splat`].
    Splat(TensorType, u64),
    /// [`Node::Opaque`].
    Opaque(usize),
}

impl Language for Node {
    type Discriminant = NodeKind;

    fn discriminant(&self) -> NodeKind {
        match self {
            Node::Op { prim, args } => NodeKind::Op(prim.clone(), args.len()),
            Node::Arg { index, .. } => NodeKind::Arg(*index),
            Node::Splat { ty, bits } => NodeKind::Splat(ty.clone(), *bits),
            Node::Opaque { index, .. } => NodeKind::Opaque(*index),
        }
    }

    fn matches(&self, other: &Self) -> bool {
        match (self, other) {
            (Node::Op { prim: a, args: x }, Node::Op { prim: b, args: y }) => a == b && x.len() == y.len(),
            _ => self == other,
        }
    }

    fn children(&self) -> &[Id] {
        match self {
            Node::Op { args, .. } => args,
            _ => &[],
        }
    }

    fn children_mut(&mut self) -> &mut [Id] {
        match self {
            Node::Op { args, .. } => args,
            _ => &mut [],
        }
    }
}

/// Pattern syntax: `(cos ?x)`, `(mul ?g (add ?y 1))`. Operators are the
/// mnemonics of the primitives without attributes (unary and binary ops,
/// `select_n`, `clamp`, `is_finite`) and the comparison directions
/// (`eq`, `ne`, `lt`, `le`, `gt`, `ge`); a number is a [`Node::Splat`] whose
/// type is a placeholder (`f64[]`): whoever instantiates the pattern gives it
/// the type of its sibling operands.
impl FromOp for Node {
    type Error = String;

    fn from_op(op: &str, children: Vec<Id>) -> Result<Self, String> {
        if children.is_empty() {
            if let Ok(x) = op.parse::<f64>() {
                return Ok(Node::splat(TensorType::scalar(ElemType::F64), x));
            }
        }
        let prim = if let Some(u) = UnaryOp::ALL.into_iter().find(|u| u.mnemonic() == op) {
            Primitive::Unary(u)
        } else if let Some(b) = BinaryOp::ALL.into_iter().find(|b| b.mnemonic() == op) {
            Primitive::Binary(b)
        } else if let Some(d) = ComparisonDirection::ALL.into_iter().find(|d| d.keyword() == op) {
            Primitive::Compare(d)
        } else {
            match op {
                "select_n" => Primitive::SelectN,
                "clamp" => Primitive::Clamp,
                "is_finite" => Primitive::IsFinite,
                _ => return Err(format!("'{op}' is not an attribute-free jaxr primitive")),
            }
        };
        Ok(Node::Op { prim, args: children })
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Op { prim: Primitive::Compare(d), .. } => write!(f, "{}", d.keyword()),
            Node::Op { prim, .. } => write!(f, "{}", prim.mnemonic()),
            Node::Arg { index, .. } => write!(f, "arg{index}"),
            // A pattern's literal (placeholder type f64[]) prints as its number.
            Node::Splat { ty, bits } if ty.shape.is_empty() && ty.elem == ElemType::F64 => {
                write!(f, "{}", f64::from_bits(*bits))
            }
            Node::Splat { ty, bits } => write!(f, "{}:{}", f64::from_bits(*bits), ty),
            Node::Opaque { index, .. } => write!(f, "opaque{index}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ops_match_on_primitive_and_arity_only() {
        let a = Node::Op { prim: Primitive::Binary(BinaryOp::Add), args: vec![Id::from(0), Id::from(1)] };
        let b = Node::Op { prim: Primitive::Binary(BinaryOp::Add), args: vec![Id::from(2), Id::from(3)] };
        let c = Node::Op { prim: Primitive::Binary(BinaryOp::Mul), args: vec![Id::from(0), Id::from(1)] };
        assert!(a.matches(&b));
        assert!(!a.matches(&c));
        let s = Node::splat(TensorType::scalar(ElemType::F32), f64::NAN);
        assert_eq!(s, Node::splat(TensorType::scalar(ElemType::F32), -f64::NAN));
        assert_ne!(
            Node::splat(TensorType::scalar(ElemType::F32), 0.0),
            Node::splat(TensorType::scalar(ElemType::F32), -0.0)
        );
    }

    #[test]
    fn patterns_parse_over_the_language() {
        let p: egg::Pattern<Node> = "(mul ?g (select_n (ge ?x 0) (neg ?y) 0.5))".parse().unwrap();
        assert_eq!(p.to_string(), "(mul ?g (select_n (ge ?x 0) (neg ?y) 0.5))");
        assert!("(frobnicate ?x)".parse::<egg::Pattern<Node>>().is_err());
    }
}
