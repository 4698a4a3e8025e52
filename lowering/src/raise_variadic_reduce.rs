//! Raising a `stablehlo.reduce` of several operands: the argmax/argmin
//! pattern (values and an iota of their indices along the one reduced
//! dimension) becomes `jaxr.argmax`/`jaxr.argmin`, and its value result
//! `reduce_max`/`reduce_min`.
//!
//! The body is recognised by what it means, not by how it is spelled (JAX,
//! PyTorch and XLA's client library each write it differently): it is
//! compiled to a small expression over its four arguments, made only of
//! comparisons of like values (values with values, indices with indices, in
//! their natural comparison type), selects, boolean logic and integer
//! min/max, with no constant but booleans. Such a body's results depend only
//! on the order type of its arguments (which value is larger or NaN, which
//! index is smaller), and selects and min/max return one of their operands,
//! so evaluating it on one representative of every order type decides it.
//!
//! Which order types a body must get right follows from the specification
//! of `reduce`: the body combines the results of a binary tree whose in-order
//! traversal is the elements in index order, with init values interspersed.
//! So the body sees either two partial results whose first holds the smaller
//! index, or the init pair `(identity, 0)` on either side. On those it must
//! pick, as argmax does, the larger value, NaN above every number, and
//! between equal values (or two NaNs) the smaller index. JAX's body (whose
//! NaN test looks at its first argument only) is argmax under this reading.
//!
//! Exactness: the index result is exactly the original's. The value result
//! is the extremum: `reduce_max` agrees with the original up to the sign of
//! a zero between equal zeros and the payload of a NaN.

use std::collections::HashMap;

use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationLike, OperationRef};
use melior::ir::{RegionLike, Value, ValueLike};
use melior::Context;
use mlir_sys::MlirValue;

use jaxr_dialect::primitive::ArgReduceOp;
use jaxr_dialect::{ComparisonDirection, ElemType, Primitive, ReduceOp, TensorType};

use crate::from_stablehlo::{
    attr_text, direction_of, i64_array, i64_attr, is_identity, natural_compare_type, producer,
};
use crate::raise_util::JaxrBuilder;

/// Raises a reduce of several operands when it is argmax or argmin.
pub(crate) fn raise<'c, 'a>(
    context: &'c Context,
    op: OperationRef<'c, 'a>,
    operands: &[Value<'c, 'a>],
    types: &[TensorType],
    results: &[TensorType],
) -> Result<Vec<MlirValue>, String> {
    let n = operands.len() / 2;
    let general =
        || format!("a reduce of {n} operands other than argmax/argmin (values and an iota of indices)");
    if n != 2 || types.len() != 4 || results.len() != 2 {
        return Err(general());
    }
    let axes = i64_array(&op, "dimensions")?;
    let [axis] = axes[..] else {
        return Err(format!("{}: it reduces {} dimensions, not one", general(), axes.len()));
    };
    if axis < 0 || axis as usize >= types[0].rank() {
        return Err(format!("{}: dimension {axis} is out of range", general()));
    }
    // Which operand holds the indices: an iota along the reduced dimension.
    let index_at = [1, 0]
        .into_iter()
        .find(|&i| is_iota_along(operands[i], axis, &types[i]) && types[1 - i].shape == types[i].shape)
        .ok_or_else(|| format!("{}: neither operand is an iota along dimension {axis}", general()))?;
    let value_at = 1 - index_at;
    let (x, index) = (&types[value_at], types[index_at].elem);
    if !(x.elem.is_standard_float() || (x.elem.is_int() && x.elem.bit_width() >= 8)) {
        return Err(format!("{}: values of {}", general(), x.elem));
    }
    if !(index.is_int() && index.bit_width() >= 8) {
        return Err(format!("{}: indices of {index}", general()));
    }
    let size = x.shape[axis as usize];
    let bits = index.bit_width() - u32::from(index.is_signed_int());
    let largest = (1i128 << bits) - 1;
    if size == 0 || (size - 1) as i128 > largest {
        return Err(format!("{}: {size} indices in {index}", general()));
    }
    let (init_value, init_index) = (operands[2 + value_at], operands[2 + index_at]);
    if !is_identity(init_index, ReduceOp::Sum, index) {
        return Err(format!("{}: the indices' init value is not 0", general()));
    }
    let which = if is_identity(init_value, ReduceOp::Max, x.elem) {
        ArgReduceOp::Argmax
    } else if is_identity(init_value, ReduceOp::Min, x.elem) {
        ArgReduceOp::Argmin
    } else {
        return Err(format!("{}: the values' init value is not the lowest or highest value", general()));
    };
    let body = compile_body(&op, value_at, x.elem, index)?;
    if !body.computes(which, value_at, x.elem) {
        let what = match which {
            ArgReduceOp::Argmax => "the first maximum, NaN maximal",
            ArgReduceOp::Argmin => "the first minimum, NaN minimal",
        };
        return Err(format!("{}: the body does not pick {what}, ties to the smaller index", general()));
    }

    // The results' types are the jaxr rules': checked before building.
    let reduced: Vec<i64> = (0..x.rank()).filter(|&d| d as i64 != axis).map(|d| x.shape[d]).collect();
    if results[value_at] != TensorType::new(reduced.clone(), x.elem)
        || results[index_at] != TensorType::new(reduced, index)
    {
        return Err("the reduce declares result types the jaxr rules do not give".into());
    }
    let j = JaxrBuilder::before(context, op)?;
    let arg = j.op(&Primitive::ArgReduce { op: which, axis, index }, &[operands[value_at]])?;
    let mut out = vec![MlirValue { ptr: std::ptr::null_mut() }; 2];
    out[index_at] = arg.to_raw();
    // The value result, when used: the extremum itself.
    let value_result = op.result(value_at).map_err(|e| e.to_string())?;
    // SAFETY: a live op result.
    if !unsafe { mlir_sys::mlirOpOperandIsNull(mlir_sys::mlirValueGetFirstUse(value_result.to_raw())) } {
        let r = match which {
            ArgReduceOp::Argmax => ReduceOp::Max,
            ArgReduceOp::Argmin => ReduceOp::Min,
        };
        out[value_at] = j.reduce(r, operands[value_at], &[axis])?.to_raw();
    }
    Ok(out)
}

/// Whether `v` is an iota (StableHLO's or jaxr's, or a broadcast of a
/// rank-1 one) counting along `axis` of `ty`.
fn is_iota_along(v: Value, axis: i64, ty: &TensorType) -> bool {
    let Some((p, name)) = producer(v) else { return false };
    match name.as_str() {
        "stablehlo.iota" | "jaxr.iota" => {
            let key = if name == "jaxr.iota" { "dimension" } else { "iota_dimension" };
            i64_attr(&p, key).is_ok_and(|d| d == axis)
        }
        "stablehlo.broadcast_in_dim" | "jaxr.broadcast_in_dim" => {
            let Ok(source) = p.operand(0) else { return false };
            let Ok(source_ty) = crate::raise_util::type_of(source) else { return false };
            source_ty.rank() == 1
                && source_ty.shape[0] == ty.shape[axis as usize]
                && i64_array(&p, "broadcast_dimensions").is_ok_and(|d| d == [axis])
                && is_iota_along(source, 0, &source_ty)
        }
        _ => false,
    }
}

/// What an argument or an intermediate value of the body is: one of the
/// reduced values, one of the indices, or a boolean.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Value,
    Index,
    Bool,
}

/// One node of a compiled body.
#[derive(Clone, Copy, Debug)]
enum Node {
    Arg(usize),
    Bool(bool),
    Compare(ComparisonDirection, usize, usize),
    Select(usize, usize, usize),
    And(usize, usize),
    Or(usize, usize),
    Xor(usize, usize),
    Not(usize),
    Max(usize, usize),
    Min(usize, usize),
}

/// A scalar the body computes with.
#[derive(Clone, Copy, Debug)]
enum Scalar {
    F(f64),
    I(i128),
    B(bool),
}

/// A reduce body as nodes in order, and the nodes it returns.
struct Body {
    nodes: Vec<Node>,
    classes: Vec<Class>,
    returns: Vec<usize>,
}

/// Compiles the body of the reduce `op` (arguments: value, index, value,
/// index, in the operands' order), or says why it is not such a body.
fn compile_body(
    op: &OperationRef,
    value_at: usize,
    value: ElemType,
    index: ElemType,
) -> Result<Body, String> {
    let unsupported =
        |why: String| format!("a reduce of 2 operands whose body is not argmax/argmin's: {why}");
    let region = op.region(0).map_err(|e| e.to_string())?;
    let block = region.first_block().ok_or_else(|| unsupported("no body".into()))?;
    if block.argument_count() != 4 {
        return Err(unsupported("not 4 arguments".into()));
    }
    let mut body = Body { nodes: Vec::new(), classes: Vec::new(), returns: Vec::new() };
    let mut ids: HashMap<usize, usize> = HashMap::new();
    for k in 0..4 {
        let arg: Value = block.argument(k).map_err(|e| e.to_string())?.into();
        ids.insert(arg.to_raw().ptr as usize, k);
        body.nodes.push(Node::Arg(k));
        body.classes.push(if k % 2 == value_at { Class::Value } else { Class::Index });
    }
    let elem_of = |c: Class| match c {
        Class::Value => value,
        Class::Index => index,
        Class::Bool => ElemType::I1,
    };
    let mut op_ref = block.first_operation();
    while let Some(o) = op_ref {
        let name = o.name().as_string_ref().as_str().map_err(|e| e.to_string())?.to_string();
        let mut args = Vec::new();
        for v in o.operands() {
            let id = ids.get(&(v.to_raw().ptr as usize)).copied();
            args.push(id.ok_or_else(|| unsupported(format!("'{name}' uses a value from outside the body")))?);
        }
        let class = |i: usize| body.classes[args[i]];
        let same = |want: &[Class]| args.len() == 2 && class(0) == class(1) && want.contains(&class(0));
        let (node, result_class) = match name.as_str() {
            "stablehlo.return" => {
                body.returns = args;
                break;
            }
            "stablehlo.compare" if same(&[Class::Value, Class::Index, Class::Bool]) => {
                let elem = elem_of(class(0));
                let kind = attr_text(&o, "compare_type").unwrap_or_default();
                let stated = kind.trim_end_matches('>').rsplit(' ').next().unwrap_or_default().to_string();
                let natural = natural_compare_type(elem);
                if !kind.is_empty() && stated != natural && stated != "NOTYPE" {
                    return Err(unsupported(format!("a {stated} comparison of {elem}")));
                }
                let text = attr_text(&o, "comparison_direction").unwrap_or_default();
                let dir = direction_of(&text)
                    .ok_or_else(|| unsupported(format!("comparison direction '{text}'")))?;
                (Node::Compare(dir, args[0], args[1]), Class::Bool)
            }
            "stablehlo.select" if args.len() == 3 && class(0) == Class::Bool && class(1) == class(2) => {
                (Node::Select(args[0], args[1], args[2]), class(1))
            }
            "stablehlo.and" if same(&[Class::Bool]) => (Node::And(args[0], args[1]), Class::Bool),
            "stablehlo.or" if same(&[Class::Bool]) => (Node::Or(args[0], args[1]), Class::Bool),
            "stablehlo.xor" if same(&[Class::Bool]) => (Node::Xor(args[0], args[1]), Class::Bool),
            "stablehlo.not" if args.len() == 1 && class(0) == Class::Bool => {
                (Node::Not(args[0]), Class::Bool)
            }
            "stablehlo.maximum" | "stablehlo.minimum"
                if same(&[Class::Value, Class::Index]) && elem_of(class(0)).is_int() =>
            {
                let node = if name == "stablehlo.maximum" {
                    Node::Max(args[0], args[1])
                } else {
                    Node::Min(args[0], args[1])
                };
                (node, class(0))
            }
            "stablehlo.constant" => {
                let text = attr_text(&o, "value").unwrap_or_default();
                match text.as_str() {
                    "dense<true> : tensor<i1>" => (Node::Bool(true), Class::Bool),
                    "dense<false> : tensor<i1>" => (Node::Bool(false), Class::Bool),
                    _ => return Err(unsupported(format!("the constant {text}"))),
                }
            }
            _ => return Err(unsupported(format!("'{name}' on these operands"))),
        };
        let result: Value = o.result(0).map_err(|e| e.to_string())?.into();
        ids.insert(result.to_raw().ptr as usize, body.nodes.len());
        body.nodes.push(node);
        body.classes.push(result_class);
        op_ref = o.next_in_block();
    }
    if body.returns.len() != 2
        || body.classes[body.returns[value_at]] != Class::Value
        || body.classes[body.returns[1 - value_at]] != Class::Index
    {
        return Err(unsupported("it does not return a value and an index".into()));
    }
    Ok(body)
}

impl Body {
    /// Evaluates the body on arguments (value, index) `a` and `b` (placed in
    /// the operands' order); returns its (value, index).
    fn eval(&self, value_at: usize, a: (Scalar, Scalar), b: (Scalar, Scalar)) -> Option<(Scalar, Scalar)> {
        let place = |(v, i): (Scalar, Scalar)| if value_at == 0 { [v, i] } else { [i, v] };
        let [a0, a1] = place(a);
        let [b0, b1] = place(b);
        let args = [a0, a1, b0, b1];
        let mut values: Vec<Scalar> = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let get = |i: usize| values[i];
            let boolean = |i: usize| matches!(values[i], Scalar::B(true));
            let v = match *node {
                Node::Arg(k) => args[k],
                Node::Bool(x) => Scalar::B(x),
                Node::Compare(dir, l, r) => Scalar::B(compare(dir, get(l), get(r))),
                Node::Select(p, t, f) => {
                    if boolean(p) {
                        get(t)
                    } else {
                        get(f)
                    }
                }
                Node::And(l, r) => Scalar::B(boolean(l) && boolean(r)),
                Node::Or(l, r) => Scalar::B(boolean(l) || boolean(r)),
                Node::Xor(l, r) => Scalar::B(boolean(l) != boolean(r)),
                Node::Not(x) => Scalar::B(!boolean(x)),
                Node::Max(l, r) | Node::Min(l, r) => {
                    // Integers only (checked when compiling).
                    let (Scalar::I(x), Scalar::I(y)) = (get(l), get(r)) else { return None };
                    Scalar::I(if matches!(node, Node::Max(..)) { x.max(y) } else { x.min(y) })
                }
            };
            values.push(v);
        }
        let out = |k: usize| values[self.returns[k]];
        Some((out(value_at), out(1 - value_at)))
    }

    /// Whether the body computes argmax (or argmin) on every order type the
    /// specification's schedule can show it.
    fn computes(&self, which: ArgReduceOp, value_at: usize, elem: ElemType) -> bool {
        let (values, init): (Vec<Scalar>, Scalar) = if elem.is_float() {
            let reps = [f64::NAN, f64::NEG_INFINITY, -1.0, -0.0, 0.0, 1.0, f64::INFINITY];
            let init = match which {
                ArgReduceOp::Argmax => f64::NEG_INFINITY,
                ArgReduceOp::Argmin => f64::INFINITY,
            };
            (reps.iter().map(|&x| Scalar::F(x)).collect(), Scalar::F(init))
        } else {
            let bits = elem.bit_width();
            let (lo, hi) = if elem.is_signed_int() {
                (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
            } else {
                (0, (1i128 << bits) - 1)
            };
            let reps = if elem.is_signed_int() { vec![lo, -1, 0, 1, hi] } else { vec![0, 1, 2, hi] };
            let init = match which {
                ArgReduceOp::Argmax => lo,
                ArgReduceOp::Argmin => hi,
            };
            (reps.into_iter().map(Scalar::I).collect(), Scalar::I(init))
        };
        let check = |a: (Scalar, Scalar), b: (Scalar, Scalar)| {
            let winner = expected(which, a, b);
            self.eval(value_at, a, b).is_some_and(|(v, i)| same(v, winner.0) && same(i, winner.1))
        };
        // Two partial results, the first holding the smaller index.
        for &va in &values {
            for &vb in &values {
                for (ia, ib) in [(0, 1), (2, 5)] {
                    if !check((va, Scalar::I(ia)), (vb, Scalar::I(ib))) {
                        return false;
                    }
                }
            }
        }
        // The init pair on either side of any partial result.
        let start = (init, Scalar::I(0));
        for &v in values.iter().chain([&init]) {
            for j in [0, 1, 3] {
                let other = (v, Scalar::I(j));
                if !check(start, other) || !check(other, start) {
                    return false;
                }
            }
        }
        true
    }
}

/// What argmax (argmin) keeps of two (value, index) pairs: the larger
/// (smaller) value, NaN above (below) every number, and of equal values (or
/// two NaNs) the smaller index.
fn expected(which: ArgReduceOp, a: (Scalar, Scalar), b: (Scalar, Scalar)) -> (Scalar, Scalar) {
    let nan = |s: Scalar| matches!(s, Scalar::F(x) if x.is_nan());
    let a_first = || if same(a.1, b.1) || compare(ComparisonDirection::Lt, a.1, b.1) { a } else { b };
    match (nan(a.0), nan(b.0)) {
        (true, true) => a_first(),
        (true, false) => a,
        (false, true) => b,
        _ => {
            let ordering = match (a.0, b.0) {
                (Scalar::F(x), Scalar::F(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
                (Scalar::I(x), Scalar::I(y)) => x.cmp(&y),
                _ => std::cmp::Ordering::Equal,
            };
            let ordering = match which {
                ArgReduceOp::Argmax => ordering,
                ArgReduceOp::Argmin => ordering.reverse(),
            };
            match ordering {
                std::cmp::Ordering::Greater => a,
                std::cmp::Ordering::Less => b,
                std::cmp::Ordering::Equal => a_first(),
            }
        }
    }
}

/// Whether two scalars are equal (floats by `==`, NaN matching NaN).
fn same(a: Scalar, b: Scalar) -> bool {
    match (a, b) {
        (Scalar::F(x), Scalar::F(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Scalar::I(x), Scalar::I(y)) => x == y,
        (Scalar::B(x), Scalar::B(y)) => x == y,
        _ => false,
    }
}

/// A comparison in the natural type of its operands (IEEE for floats).
fn compare(dir: ComparisonDirection, a: Scalar, b: Scalar) -> bool {
    use std::cmp::Ordering;
    let ordering = match (a, b) {
        (Scalar::F(x), Scalar::F(y)) => x.partial_cmp(&y),
        (Scalar::I(x), Scalar::I(y)) => Some(x.cmp(&y)),
        (Scalar::B(x), Scalar::B(y)) => Some(x.cmp(&y)),
        _ => None,
    };
    match (dir, ordering) {
        (ComparisonDirection::Ne, None) => true,
        (_, None) => false,
        (ComparisonDirection::Eq, Some(o)) => o == Ordering::Equal,
        (ComparisonDirection::Ne, Some(o)) => o != Ordering::Equal,
        (ComparisonDirection::Lt, Some(o)) => o == Ordering::Less,
        (ComparisonDirection::Le, Some(o)) => o != Ordering::Greater,
        (ComparisonDirection::Gt, Some(o)) => o == Ordering::Greater,
        (ComparisonDirection::Ge, Some(o)) => o != Ordering::Less,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Node::*;

    /// A body over (value, index, value, index) from its nodes after the
    /// four arguments, returning nodes `value` and `index`.
    fn body(after_args: &[Node], value: usize, index: usize) -> Body {
        let mut nodes: Vec<Node> = (0..4).map(Arg).collect();
        nodes.extend_from_slice(after_args);
        let mut classes = Vec::new();
        for node in &nodes {
            let class = match *node {
                Arg(k) => [Class::Value, Class::Index][k % 2],
                Select(_, t, _) => classes[t],
                Max(l, _) | Min(l, _) => classes[l],
                _ => Class::Bool,
            };
            classes.push(class);
        }
        Body { nodes, classes, returns: vec![value, index] }
    }

    /// JAX's lowering of lax.argmax (GT) / lax.argmin (LT).
    fn jax(dir: ComparisonDirection) -> Body {
        body(
            &[
                Compare(dir, 0, 2),                     // 4
                Compare(ComparisonDirection::Ne, 0, 0), // 5: a is NaN
                Or(4, 5),                               // 6: pick a's value
                Compare(ComparisonDirection::Eq, 0, 2), // 7
                Compare(ComparisonDirection::Lt, 1, 3), // 8
                And(7, 8),                              // 9
                Or(6, 9),                               // 10: pick a's index
                Select(6, 0, 2),                        // 11
                Select(10, 1, 3),                       // 12
            ],
            11,
            12,
        )
    }

    /// PyTorch's (and XLA's older client library's): GE (LE) picks, equal
    /// values take the smaller index by minimum; no NaN test.
    fn torch(dir: ComparisonDirection) -> Body {
        body(
            &[
                Compare(dir, 0, 2),                     // 4
                Select(4, 0, 2),                        // 5
                Compare(ComparisonDirection::Eq, 0, 2), // 6
                Min(1, 3),                              // 7
                Select(4, 1, 3),                        // 8
                Select(6, 7, 8),                        // 9
            ],
            5,
            9,
        )
    }

    /// jaxr's own lowering of argmax (convert-jaxr-to-stablehlo).
    fn jaxr_lowering() -> Body {
        body(
            &[
                Compare(ComparisonDirection::Gt, 0, 2), // 4: strictly better
                Compare(ComparisonDirection::Eq, 0, 2), // 5: tie
                Compare(ComparisonDirection::Ne, 0, 0), // 6: a NaN
                Compare(ComparisonDirection::Ne, 2, 2), // 7: b NaN
                Not(7),                                 // 8
                And(6, 8),                              // 9
                Or(4, 9),                               // 10
                And(6, 7),                              // 11
                Or(5, 11),                              // 12: tie, two NaNs included
                Compare(ComparisonDirection::Lt, 1, 3), // 13
                And(12, 13),                            // 14
                Or(10, 14),                             // 15
                Select(15, 0, 2),                       // 16
                Select(15, 1, 3),                       // 17
            ],
            16,
            17,
        )
    }

    #[test]
    fn jax_and_jaxr_bodies_are_argmax_and_argmin() {
        assert!(jax(ComparisonDirection::Gt).computes(ArgReduceOp::Argmax, 0, ElemType::F32));
        assert!(jax(ComparisonDirection::Lt).computes(ArgReduceOp::Argmin, 0, ElemType::F32));
        assert!(jaxr_lowering().computes(ArgReduceOp::Argmax, 0, ElemType::F64));
        assert!(jax(ComparisonDirection::Gt).computes(ArgReduceOp::Argmax, 0, ElemType::I32));
        // The direction decides which.
        assert!(!jax(ComparisonDirection::Gt).computes(ArgReduceOp::Argmin, 0, ElemType::F32));
        assert!(!jax(ComparisonDirection::Lt).computes(ArgReduceOp::Argmax, 0, ElemType::F32));
    }

    #[test]
    fn bodies_without_nan_handling_are_argmax_of_integers_only() {
        assert!(torch(ComparisonDirection::Ge).computes(ArgReduceOp::Argmax, 0, ElemType::I32));
        assert!(torch(ComparisonDirection::Le).computes(ArgReduceOp::Argmin, 0, ElemType::UI8));
        // On floats a NaN does not win: not lax.argmax.
        assert!(!torch(ComparisonDirection::Ge).computes(ArgReduceOp::Argmax, 0, ElemType::F32));
    }

    #[test]
    fn other_tie_breaks_and_nan_orders_are_refused() {
        // XLA's newer client library orders NaN below every number.
        let nan_loses = body(
            &[
                Compare(ComparisonDirection::Ge, 0, 2), // 4: cmp
                Compare(ComparisonDirection::Eq, 0, 2), // 5: eq
                Compare(ComparisonDirection::Ne, 0, 0), // 6: a NaN
                Compare(ComparisonDirection::Ne, 2, 2), // 7: b NaN
                Not(6),                                 // 8
                Select(7, 8, 4),                        // 9: cmp
                And(6, 7),                              // 10
                Or(5, 10),                              // 11: eq
                Select(9, 0, 2),                        // 12
                Select(9, 1, 3),                        // 13
                Min(1, 3),                              // 14
                Select(11, 14, 13),                     // 15
            ],
            12,
            15,
        );
        assert!(!nan_loses.computes(ArgReduceOp::Argmax, 0, ElemType::F32));
        assert!(nan_loses.computes(ArgReduceOp::Argmax, 0, ElemType::I64));
        // The last maximum: GT without a tie-break.
        let last = body(&[Compare(ComparisonDirection::Gt, 0, 2), Select(4, 0, 2), Select(4, 1, 3)], 5, 6);
        assert!(!last.computes(ArgReduceOp::Argmax, 0, ElemType::I32));
        // Ties to the larger index.
        let larger = body(
            &[
                Compare(ComparisonDirection::Gt, 0, 2), // 4
                Compare(ComparisonDirection::Eq, 0, 2), // 5
                Compare(ComparisonDirection::Gt, 1, 3), // 6
                And(5, 6),                              // 7
                Or(4, 7),                               // 8
                Select(8, 0, 2),                        // 9
                Select(8, 1, 3),                        // 10
            ],
            9,
            10,
        );
        assert!(!larger.computes(ArgReduceOp::Argmax, 0, ElemType::I32));
    }

    #[test]
    fn the_operands_may_come_indices_first() {
        // JAX's body with the index arguments first: (ai, a, bi, b).
        let mut b = jax(ComparisonDirection::Gt);
        let swap = |i: usize| if i < 4 { i ^ 1 } else { i };
        for node in b.nodes.iter_mut().skip(4) {
            *node = match *node {
                Compare(d, l, r) => Compare(d, swap(l), swap(r)),
                Select(p, t, f) => Select(p, swap(t), swap(f)),
                other => other,
            };
        }
        b.classes = b.nodes.iter().map(|_| Class::Bool).collect();
        for (k, class) in b.classes.iter_mut().enumerate() {
            *class = match b.nodes[k] {
                Arg(a) => [Class::Index, Class::Value][a % 2],
                Select(_, 0 | 2, _) => Class::Index,
                Select(_, 1 | 3, _) => Class::Value,
                _ => Class::Bool,
            };
        }
        // Results come in the operands' order too: (index, value).
        b.returns = vec![12, 11];
        assert!(b.computes(ArgReduceOp::Argmax, 1, ElemType::F32));
    }
}
