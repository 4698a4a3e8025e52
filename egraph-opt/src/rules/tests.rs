//! Rule tests on hand-built e-graphs: each group has cases that must and
//! must not rewrite.

use egg::Id;
use jaxr_dialect::{BinaryOp, ComparisonDirection, ElemType, Primitive, ReduceOp, TensorType, UnaryOp};

use crate::analysis::JaxrEGraph;
use crate::language::Node;
use crate::rules::{RuleConfig, GROUPS};
use crate::saturate::{analysis_for, saturate, Limits};

fn f32s(shape: &[i64]) -> TensorType {
    TensorType::new(shape.to_vec(), ElemType::F32)
}

struct G {
    eg: JaxrEGraph,
}

impl G {
    fn new(fast_math: bool) -> G {
        let mut c = RuleConfig::exact();
        c.fast_math = fast_math;
        G { eg: JaxrEGraph::new(analysis_for(&c)) }
    }
    fn arg(&mut self, i: usize, ty: TensorType) -> Id {
        self.eg.add(Node::Arg { index: i, ty })
    }
    fn splat(&mut self, ty: TensorType, v: f64) -> Id {
        self.eg.add(Node::splat(ty, v))
    }
    fn op(&mut self, prim: Primitive, args: &[Id]) -> Id {
        self.eg.add(Node::Op { prim, args: args.to_vec() })
    }
    fn bin(&mut self, b: BinaryOp, x: Id, y: Id) -> Id {
        self.op(Primitive::Binary(b), &[x, y])
    }
    fn un(&mut self, u: UnaryOp, x: Id) -> Id {
        self.op(Primitive::Unary(u), &[x])
    }
    /// Saturates with only `group` on and returns the extracted root node
    /// with the number of op nodes extracted.
    fn run(self, group: &str, fast_math: bool, root: Id) -> (Node, usize) {
        let mut config = RuleConfig { groups: vec![group.to_string()], fast_math };
        if group == "all" {
            config.groups = GROUPS.iter().map(|g| g.to_string()).collect();
        }
        let mut eg = self.eg;
        eg.rebuild();
        let out = saturate(eg, &[root], &config, Limits::default());
        let ex = out.extracted.expect("extracts");
        let nodes = ex.expr.as_ref();
        let ops = nodes.iter().filter(|n| matches!(n, Node::Op { .. })).count();
        (nodes[usize::from(ex.roots[0])].clone(), ops)
    }
}

fn is_arg(n: &Node, i: usize) -> bool {
    matches!(n, Node::Arg { index, .. } if *index == i)
}

#[test]
fn neutral_mul_one_and_add_neg_zero_rewrite() {
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[4]));
    let one = g.splat(f32s(&[4]), 1.0);
    let nz = g.splat(f32s(&[4]), -0.0);
    let m = g.bin(BinaryOp::Mul, one, x);
    let a = g.bin(BinaryOp::Add, m, nz);
    let (root, ops) = g.run("neutral", false, a);
    assert!(is_arg(&root, 0), "{root:?}");
    assert_eq!(ops, 0);
}

#[test]
fn neutral_float_laws_that_are_not_exact_wait_for_fast_math() {
    for fast in [false, true] {
        let mut g = G::new(fast);
        let x = g.arg(0, f32s(&[4]));
        let zero = g.splat(f32s(&[4]), 0.0);
        let m = g.bin(BinaryOp::Mul, x, zero); // x*0 is NaN for x = inf
        let s = g.bin(BinaryOp::Sub, x, x); // inf - inf = NaN
        let p = g.bin(BinaryOp::Add, x, zero); // -0 + 0 = +0
        let all = g.bin(BinaryOp::Add, m, s);
        let all = g.bin(BinaryOp::Add, all, p);
        let (root, ops) = g.run("neutral", fast, all);
        if fast {
            // (0 + 0) + x: only the neutral group runs, so the zeros stay.
            assert!(ops <= 2, "{root:?} {ops}");
        } else {
            assert_eq!(ops, 5, "nothing may change without fast-math: {root:?}");
        }
    }
}

#[test]
fn neutral_integer_mul_zero_is_exact() {
    let ty = TensorType::new([3], ElemType::I32);
    let mut g = G::new(false);
    let x = g.arg(0, ty.clone());
    let zero = g.splat(ty.clone(), 0.0);
    let m = g.bin(BinaryOp::Mul, x, zero);
    let (root, _) = g.run("neutral", false, m);
    assert_eq!(root, Node::splat(ty, 0.0));
}

#[test]
fn fold_computes_in_the_element_type_and_not_transcendentals() {
    let mut g = G::new(false);
    let a = g.splat(f32s(&[]), 1.0);
    let b = g.splat(f32s(&[]), 3.0);
    let d = g.bin(BinaryOp::Div, a, b);
    let (root, _) = g.run("fold", false, d);
    assert_eq!(root, Node::splat(f32s(&[]), (1.0f32 / 3.0) as f64));

    let mut g = G::new(false);
    let a = g.splat(f32s(&[]), 1.0);
    let e = g.un(UnaryOp::Exp, a);
    let (root, _) = g.run("fold", false, e);
    assert!(matches!(root, Node::Op { .. }), "exp must not fold without fast-math: {root:?}");
}

#[test]
fn signs_neg_neg_cancels_but_abs_neg_keeps_abs() {
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2]));
    let n1 = g.un(UnaryOp::Neg, x);
    let n2 = g.un(UnaryOp::Neg, n1);
    let (root, _) = g.run("signs", false, n2);
    assert!(is_arg(&root, 0));

    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2]));
    let n = g.un(UnaryOp::Neg, x);
    let a = g.un(UnaryOp::Abs, n);
    let (root, ops) = g.run("signs", false, a);
    assert_eq!(root.prim(), Some(&Primitive::Unary(UnaryOp::Abs)));
    assert_eq!(ops, 1);

    // sqrt(square x) is not |x| in IEEE (overflow): only with fast-math.
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2]));
    let s = g.un(UnaryOp::Square, x);
    let r = g.un(UnaryOp::Sqrt, s);
    let (_, ops) = g.run("signs", false, r);
    assert_eq!(ops, 2);
}

#[test]
fn exp_log_laws_need_fast_math() {
    for fast in [false, true] {
        let mut g = G::new(fast);
        let x = g.arg(0, f32s(&[2]));
        let e = g.un(UnaryOp::Exp, x);
        let l = g.un(UnaryOp::Log, e);
        let (root, _) = g.run("exp-log", fast, l);
        assert_eq!(is_arg(&root, 0), fast);
    }
}

#[test]
fn pow_and_rsqrt_identities_need_fast_math() {
    for fast in [false, true] {
        // pow(x, 2) becomes square(x) only with fast-math.
        let mut g = G::new(fast);
        let x = g.arg(0, f32s(&[3]));
        let two = g.splat(f32s(&[3]), 2.0);
        let p = g.bin(BinaryOp::Pow, x, two);
        let (root, _) = g.run("exp-log", fast, p);
        let is_square = matches!(&root, Node::Op { prim: Primitive::Unary(UnaryOp::Square), .. });
        assert_eq!(is_square, fast, "{root:?}");
        // pow(x, 1) becomes x only with fast-math.
        let mut g = G::new(fast);
        let x = g.arg(0, f32s(&[3]));
        let one = g.splat(f32s(&[3]), 1.0);
        let p = g.bin(BinaryOp::Pow, x, one);
        let (root, _) = g.run("exp-log", fast, p);
        assert_eq!(is_arg(&root, 0), fast);
        // 1 / sqrt(x) becomes rsqrt(x) only with fast-math (one op is cheaper).
        let mut g = G::new(fast);
        let x = g.arg(0, f32s(&[3]));
        let one = g.splat(f32s(&[3]), 1.0);
        let s = g.un(UnaryOp::Sqrt, x);
        let d = g.bin(BinaryOp::Div, one, s);
        let (root, _) = g.run("exp-log", fast, d);
        let is_rsqrt = matches!(&root, Node::Op { prim: Primitive::Unary(UnaryOp::Rsqrt), .. });
        assert_eq!(is_rsqrt, fast, "{root:?}");
    }
}

#[test]
fn select_with_constant_predicate_or_same_cases() {
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2]));
    let y = g.arg(1, f32s(&[2]));
    let p = g.op(Primitive::Compare(ComparisonDirection::Gt), &[x, x]);
    let s = g.op(Primitive::SelectN, &[p, y, x]);
    let (root, _) = g.run("select", false, s);
    assert!(is_arg(&root, 1), "x > x is false, so case 0: {root:?}");

    // x == x is not known for floats (NaN): no rewrite.
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2]));
    let y = g.arg(1, f32s(&[2]));
    let p = g.op(Primitive::Compare(ComparisonDirection::Eq), &[x, x]);
    let s = g.op(Primitive::SelectN, &[p, y, x]);
    let (root, _) = g.run("select", false, s);
    assert_eq!(root.prim(), Some(&Primitive::SelectN));

    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2]));
    let p = g.arg(1, TensorType::new([2], ElemType::I1));
    let s = g.op(Primitive::SelectN, &[p, x, x]);
    let (root, _) = g.run("select", false, s);
    assert!(is_arg(&root, 0));
}

#[test]
fn shape_transposes_compose_and_cancel() {
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2, 3, 4]));
    let t1 = g.op(Primitive::Transpose { permutation: vec![1, 2, 0] }, &[x]);
    let t2 = g.op(Primitive::Transpose { permutation: vec![2, 0, 1] }, &[t1]);
    let (root, _) = g.run("shape", false, t2);
    assert!(is_arg(&root, 0), "{root:?}");

    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2, 3, 4]));
    let t1 = g.op(Primitive::Transpose { permutation: vec![1, 0, 2] }, &[x]);
    let t2 = g.op(Primitive::Transpose { permutation: vec![0, 2, 1] }, &[t1]);
    let (root, ops) = g.run("shape", false, t2);
    // x[p[q[i]]]: q = [0,2,1], p = [1,0,2] -> [1,2,0]
    assert_eq!(root.prim(), Some(&Primitive::Transpose { permutation: vec![1, 2, 0] }));
    assert_eq!(ops, 1);
}

#[test]
fn shape_reshapes_broadcasts_and_slices() {
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[6, 4]));
    let r1 = g.op(Primitive::Reshape { shape: vec![2, 12] }, &[x]);
    let r2 = g.op(Primitive::Reshape { shape: vec![6, 4] }, &[r1]);
    let (root, _) = g.run("shape", false, r2);
    assert!(is_arg(&root, 0));

    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[4]));
    let b1 = g.op(Primitive::BroadcastInDim { shape: vec![3, 4], dims: vec![1] }, &[x]);
    let b2 = g.op(Primitive::BroadcastInDim { shape: vec![2, 3, 4], dims: vec![1, 2] }, &[b1]);
    let (root, ops) = g.run("shape", false, b2);
    assert_eq!(root.prim(), Some(&Primitive::BroadcastInDim { shape: vec![2, 3, 4], dims: vec![2] }));
    assert_eq!(ops, 1);

    // Slices of a concatenate that straddle two operands stay.
    let mut g = G::new(false);
    let a = g.arg(0, f32s(&[2, 4]));
    let b = g.arg(1, f32s(&[2, 4]));
    let c = g.op(Primitive::Concatenate { dimension: 0 }, &[a, b]);
    let s = g.op(Primitive::Slice { start: vec![1, 0], limit: vec![3, 4], strides: vec![1, 1] }, &[c]);
    let (root, ops) = g.run("shape", false, s);
    assert!(root.prim().is_some_and(|p| matches!(p, Primitive::Slice { .. })));
    assert_eq!(ops, 2);
    // ... and those within one operand read it directly.
    let mut g = G::new(false);
    let a = g.arg(0, f32s(&[2, 4]));
    let b = g.arg(1, f32s(&[2, 4]));
    let c = g.op(Primitive::Concatenate { dimension: 0 }, &[a, b]);
    let s = g.op(Primitive::Slice { start: vec![2, 0], limit: vec![4, 4], strides: vec![1, 1] }, &[c]);
    let (root, _) = g.run("shape", false, s);
    assert!(is_arg(&root, 1), "{root:?}");
}

#[test]
fn convert_chains_collapse_only_when_lossless() {
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2]));
    let up = g.op(Primitive::ConvertElementType { to: ElemType::F64 }, &[x]);
    let down = g.op(Primitive::ConvertElementType { to: ElemType::F32 }, &[up]);
    let (root, _) = g.run("convert", false, down);
    assert!(is_arg(&root, 0));

    let mut g = G::new(false);
    let x = g.arg(0, TensorType::new([2], ElemType::F64));
    let down = g.op(Primitive::ConvertElementType { to: ElemType::F32 }, &[x]);
    let up = g.op(Primitive::ConvertElementType { to: ElemType::F64 }, &[down]);
    let (_, ops) = g.run("convert", false, up);
    assert_eq!(ops, 2, "f64 -> f32 rounds: the chain must stay");
}

#[test]
fn disabled_groups_do_nothing() {
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2]));
    let n1 = g.un(UnaryOp::Neg, x);
    let n2 = g.un(UnaryOp::Neg, n1);
    let (_, ops) = g.run("shape", false, n2);
    assert_eq!(ops, 2);
}

#[test]
fn limits_stop_saturation_and_still_extract() {
    let mut g = G::new(false);
    let mut x = g.arg(0, f32s(&[2]));
    for _ in 0..50 {
        x = g.un(UnaryOp::Neg, x);
    }
    let mut eg = g.eg;
    eg.rebuild();
    let config = RuleConfig::exact();
    let out = saturate(eg, &[x], &config, Limits { iterations: 1, ..Limits::default() });
    assert_eq!(out.stop_reason, "iteration-limit");
    assert!(out.extracted.is_some());
}

#[test]
fn algebra_commutes_exactly_but_distributes_only_with_fast_math() {
    // 1 * x: commutativity lets x * 1 = x fire.
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2]));
    let one = g.splat(f32s(&[2]), 1.0);
    let m = g.bin(BinaryOp::Mul, one, x);
    let (root, _) = g.run("all", false, m);
    assert!(is_arg(&root, 0));

    for fast in [false, true] {
        let mut g = G::new(fast);
        let x = g.arg(0, f32s(&[2]));
        let a = g.arg(1, f32s(&[2]));
        let b = g.arg(2, f32s(&[2]));
        let xa = g.bin(BinaryOp::Mul, x, a);
        let xb = g.bin(BinaryOp::Mul, x, b);
        let s = g.bin(BinaryOp::Add, xa, xb);
        let d = g.bin(BinaryOp::Div, s, x);
        let (root, ops) = g.run("algebra", fast, d);
        if fast {
            assert_eq!(root.prim(), Some(&Primitive::Binary(BinaryOp::Add)));
            assert_eq!(ops, 1);
        } else {
            assert_eq!(ops, 4, "(x*a + x*b)/x must stay without fast-math: {root:?}");
        }
    }
}

#[test]
fn reductions_and_dots_absorb_transposes() {
    use jaxr_dialect::{DotDims, ReduceOp};
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2, 3]));
    let t = g.op(Primitive::Transpose { permutation: vec![1, 0] }, &[x]);
    let r = g.op(Primitive::Reduce { op: ReduceOp::Max, axes: vec![0] }, &[t]);
    let (root, ops) = g.run("shape", false, r);
    assert_eq!(root.prim(), Some(&Primitive::Reduce { op: ReduceOp::Max, axes: vec![1] }));
    assert_eq!(ops, 1);

    // A sum would be reassociated: not without fast-math.
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2, 3]));
    let t = g.op(Primitive::Transpose { permutation: vec![1, 0] }, &[x]);
    let r = g.op(Primitive::Reduce { op: ReduceOp::Sum, axes: vec![0] }, &[t]);
    let (_, ops) = g.run("shape", false, r);
    assert_eq!(ops, 2);

    let mut g = G::new(false);
    let a = g.arg(0, f32s(&[8, 4]));
    let b = g.arg(1, f32s(&[8, 16]));
    let t = g.op(Primitive::Transpose { permutation: vec![1, 0] }, &[a]);
    let dims = DotDims { lhs_contracting: vec![1], rhs_contracting: vec![0], ..Default::default() };
    let d = g.op(
        Primitive::DotGeneral { dims, out: ElemType::F32, precision: Default::default(), algorithm: None },
        &[t, b],
    );
    let (root, ops) = g.run("shape", false, d);
    let want = DotDims { lhs_contracting: vec![0], rhs_contracting: vec![0], ..Default::default() };
    assert_eq!(
        root.prim(),
        Some(&Primitive::DotGeneral {
            dims: want,
            out: ElemType::F32,
            precision: Default::default(),
            algorithm: None
        })
    );
    assert_eq!(ops, 1);
}

#[test]
fn logistic_idiom_needs_fast_math() {
    for fast in [false, true] {
        let mut g = G::new(fast);
        let x = g.arg(0, f32s(&[2]));
        let one = g.splat(f32s(&[2]), 1.0);
        let n = g.un(UnaryOp::Neg, x);
        let e = g.un(UnaryOp::Exp, n);
        let d = g.bin(BinaryOp::Add, one, e);
        let q = g.bin(BinaryOp::Div, one, d);
        let (root, _) = g.run("exp-log", fast, q);
        assert_eq!(root.prim() == Some(&Primitive::Unary(UnaryOp::Logistic)), fast, "{root:?}");
    }
}

#[test]
fn bits_laws_hold_per_type() {
    let i32s = TensorType::new([3], ElemType::I32);
    let mut g = G::new(false);
    let x = g.arg(0, i32s.clone());
    let zero = g.splat(i32s.clone(), 0.0);
    let ones = g.splat(i32s.clone(), -1.0);
    let a = g.bin(BinaryOp::Xor, x, zero); // x
    let b = g.bin(BinaryOp::And, a, ones); // x
    let c = g.bin(BinaryOp::Or, b, zero); // x
    let (root, ops) = g.run("bits", false, c);
    assert!(is_arg(&root, 0), "{root:?}");
    assert_eq!(ops, 0);
    // and(x, 1) is x only for i1.
    for (elem, rewrites) in [(ElemType::I1, true), (ElemType::I32, false)] {
        let ty = TensorType::new([3], elem);
        let mut g = G::new(false);
        let x = g.arg(0, ty.clone());
        let one = g.splat(ty, 1.0);
        let a = g.bin(BinaryOp::And, x, one);
        let (root, _) = g.run("bits", false, a);
        assert_eq!(is_arg(&root, 0), rewrites, "{elem:?}: {root:?}");
    }
}

#[test]
fn negations_move_through_sums_and_products() {
    // a - (-b) * c = a + b * c: no negation left.
    let mut g = G::new(false);
    let a = g.arg(0, f32s(&[2]));
    let b = g.arg(1, f32s(&[2]));
    let c = g.arg(2, f32s(&[2]));
    let nb = g.un(UnaryOp::Neg, b);
    let p = g.bin(BinaryOp::Mul, nb, c);
    let s = g.bin(BinaryOp::Sub, a, p);
    let (root, ops) = g.run("signs", false, s);
    assert_eq!(root.prim(), Some(&Primitive::Binary(BinaryOp::Add)), "{root:?}");
    assert_eq!(ops, 2);
}

#[test]
fn reductions_of_size_one_axes_and_of_reductions() {
    // A reduction over a size-1 axis is a reshape (XLA's semantics for the init value).
    for (op, fast, reshaped) in [(ReduceOp::Max, false, true), (ReduceOp::Sum, false, true)] {
        let mut g = G::new(fast);
        let x = g.arg(0, f32s(&[4, 1]));
        let r = g.op(Primitive::Reduce { op, axes: vec![1] }, &[x]);
        let (root, _) = g.run("reduce", fast, r);
        assert_eq!(
            matches!(root.prim(), Some(Primitive::Reshape { .. })),
            reshaped,
            "{op:?} {fast}: {root:?}"
        );
    }
    // reduce_max(reduce_max(x, [1]), [1]) = reduce_max(x, [1, 2]).
    let mut g = G::new(false);
    let x = g.arg(0, f32s(&[2, 3, 4]));
    let r1 = g.op(Primitive::Reduce { op: ReduceOp::Max, axes: vec![1] }, &[x]);
    let r2 = g.op(Primitive::Reduce { op: ReduceOp::Max, axes: vec![1] }, &[r1]);
    let (root, ops) = g.run("reduce", false, r2);
    assert_eq!(root.prim(), Some(&Primitive::Reduce { op: ReduceOp::Max, axes: vec![1, 2] }));
    assert_eq!(ops, 1);
}

#[test]
fn division_by_a_power_of_two_is_a_multiplication() {
    for (k, fast, rewrites) in
        [(4.0, false, true), (3.0, false, false), (3.0, true, true), (0.0, true, false)]
    {
        let mut g = G::new(fast);
        let x = g.arg(0, f32s(&[2]));
        let c = g.splat(f32s(&[2]), k);
        let d = g.bin(BinaryOp::Div, x, c);
        let (root, _) = g.run("neutral", fast, d);
        assert_eq!(root.prim() == Some(&Primitive::Binary(BinaryOp::Mul)), rewrites, "x / {k}: {root:?}");
    }
}
