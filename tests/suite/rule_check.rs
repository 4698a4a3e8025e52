//! A rule set that is checked, not trusted (issue 13): every rewrite rule of
//! the e-graph simplifier (`jaxr_egraph::rules::named_rewrites`, all groups,
//! fast-math ones included) and constant folding (the analysis, group
//! `fold`) evaluated on both sides against the reference
//! (`jaxr_tests::reference`, through `jaxr_tests::eval`).
//!
//! For each rule and each seed of [`seeds`] (small terms over arguments of
//! f32, f64, f16, bf16, i32, ui32, i8, i16, i1; shapes `[]`, `[6]`, `[2,3]`,
//! ...): the seed's e-graph (built once, constant folding on) is copied, the
//! rule alone runs on it for at most [`ITERATIONS`] iterations (search,
//! apply, rebuild: egg's `Runner` loop), and where it changed something every
//! e-class it touched is evaluated under [`SAMPLES`] random assignments of
//! the arguments, drawn from a pool of special values (±0, NaN, ±inf, the
//! smallest denormal, the smallest normal, ±the largest finite value, ±1,
//! values just above a rounding tie of a narrower float type, integer
//! MIN/MAX, 0, -1, ...) and random ones; one assignment in four draws from a
//! handful of values only, so that ties and zeros of both signs meet. Every
//! e-node of the class, its children evaluated by their class's *original
//! term* (the class's first seed node, or for a class the rule created, the
//! first of its nodes that evaluates acyclically), must give the class's
//! value; so must every other original class merged into it, and the class's
//! analysis splat value (which checks constant folding of the new nodes).
//! Constant folding itself is checked the same way with no rule, on every
//! class of the seeds and of [`fold_seeds`] (folds of special constants in
//! every element type folding handles).
//!
//! Exact rules compare bit for bit: NaN equals NaN whatever its payload and
//! sign, -0 is not +0. Fast-math rules compare numerically: float elements
//! agree when `|a - b| <= rtol * s`, rtol 2^-16 ≈ 1.5e-5 for f32 (2^-45 for
//! f64, 2^-8 for f16, 2^-5 for bf16), s the largest magnitude of any value
//! of either side's terms (inputs and intermediates). A fast-math law trades
//! a few roundings of intermediate results, whose errors are relative to
//! those intermediates rather than to the result (`(x+y)-y` against `x`
//! cancels), and `exp` amplifies the rounding of its argument by the
//! argument's size (`exp(a)*exp(b)` against `exp(a+b)`, a+b up to ~2^6
//! before f32 overflows): about 2^8 ulps for f32 and f64 (a few ulps for the
//! half types, used only by division by a constant). Fast-math rules are
//! compared only where every value of both terms is finite and normal or
//! zero (fast-math assumes no NaN or infinity, and may flush denormals), on
//! float inputs of moderate size (0, ±1, ±2, 0.5, 3, 0.1, |x| in [2^-8,
//! 2^8]) so that no product of a few inputs overflows or underflows; integer
//! values still compare exactly, over their whole range.
//!
//! Coverage: every rule must fire on some seed (a new rule without a seed
//! fails [`every_rule_fires_on_some_seed`], naming it), except those of
//! [`UNCOVERED`]. Rules found wrong are listed in [`KNOWN_WRONG`], which the
//! checks expect to keep failing. [`the_checker_catches_wrong_rules`] makes
//! sure a wrong rule fails the check.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use jaxr_dialect::{
    BinaryOp as B, ComparisonDirection as Cmp, DotDims, ElemType, Precision, Primitive as P, ReduceOp as R,
    TensorType, UnaryOp as U,
};
use jaxr_egraph::analysis::JaxrEGraph;
use jaxr_egraph::language::Node;
use jaxr_egraph::rules::{named_rewrites, RuleConfig, GROUPS};
use jaxr_egraph::saturate::analysis_for;
use jaxr_tests::eval::{eval, same_bits, splat as splat_array};
use jaxr_tests::reference::{self, Array, Scalar};
use jaxr_tests::Rng;

/// Random assignments per seed (seeds without arguments are evaluated once).
const SAMPLES: usize = 200;
/// Iterations of a rule on a seed.
const ITERATIONS: usize = 2;
/// A rule stops growing a seed's e-graph past this many e-nodes.
const NODE_LIMIT: usize = 2_000;

/// Rules that no seed can make fire, each with the reason.
const UNCOVERED: &[(&str, &str)] = &[];

/// Exact rules whose two sides differ only in how a sum of products is
/// accumulated, which StableHLO leaves to the implementation (XLA's own
/// simplifier turns dots into a multiply and a reduction): the reference
/// rounds a dot once and a reduction of rounded products otherwise, so
/// these are compared within the fast-math tolerance, as a reordered sum is.
const ACCUMULATION_ORDER: &[&str] = &["dot/reduce-of-product", "dot/vector-dot"];

/// Rules (`fold`: constant folding) the check shows wrong, each with the
/// seed that shows it and a counterexample. Only that seed's failures are
/// excused, and they must still happen (so that a fix is noticed here):
/// remove an entry once its rule is fixed.
const KNOWN_WRONG: &[(&str, &str, &str)] = &[];

// ---------------------------------------------------------------------------
// Seeds: a small builder over the e-graph
// ---------------------------------------------------------------------------

/// A seed under construction: its e-graph, every node added in order with
/// the class `add` returned, and the function's argument types.
#[derive(Clone)]
struct S {
    eg: JaxrEGraph,
    nodes: Vec<(Node, usize)>,
    args: Vec<TensorType>,
}

/// `f32[2,3]`, `i1[]`, `f64`: a tensor type.
fn ty(t: &str) -> TensorType {
    let (e, dims) = t.split_once('[').unwrap_or((t, "]"));
    let elem: ElemType = e.parse().unwrap_or_else(|e| panic!("{e}"));
    let dims = dims.trim_end_matches(']');
    let shape =
        if dims.is_empty() { vec![] } else { dims.split(',').map(|d| d.trim().parse().unwrap()).collect() };
    TensorType::new(shape, elem)
}

impl S {
    fn new(fast_math: bool) -> S {
        let config = RuleConfig { groups: GROUPS.iter().map(|g| g.to_string()).collect(), fast_math };
        S { eg: JaxrEGraph::new(analysis_for(&config)), nodes: Vec::new(), args: Vec::new() }
    }

    fn add(&mut self, n: Node) -> usize {
        let id = self.eg.add(n.clone());
        assert!(self.eg[id].data.ty.is_some(), "seed node {n:?} is ill-typed");
        let id = usize::from(id);
        self.nodes.push((n, id));
        id
    }

    /// A new function argument.
    fn arg(&mut self, t: &str) -> usize {
        let ty = ty(t);
        let index = self.args.len();
        self.args.push(ty.clone());
        self.add(Node::Arg { index, ty })
    }

    /// A splat constant (rounded to the element type).
    fn k(&mut self, t: &str, v: f64) -> usize {
        let ty = ty(t);
        let v = if ty.elem.is_float() { reference::round_to(ty.elem, v) } else { v };
        assert!(splat_array(&ty, v).is_ok(), "{v} is not a value of {ty}");
        self.add(Node::splat(ty, v))
    }

    fn op(&mut self, prim: P, args: &[usize]) -> usize {
        self.add(Node::Op { prim, args: args.iter().map(|&a| a.into()).collect() })
    }

    /// `prim(args)` if it is well-typed (for tables of every op on every type).
    fn try_op(&mut self, prim: P, args: &[usize]) {
        let tys: Option<Vec<TensorType>> = args
            .iter()
            .map(|&a| {
                let id = self.eg.find(a.into());
                self.eg[id].data.ty.clone()
            })
            .collect();
        if jaxr_dialect::shape::infer(&prim, &tys.expect("typed")).is_ok() {
            self.op(prim, args);
        }
    }

    fn u(&mut self, u: U, x: usize) -> usize {
        self.op(P::Unary(u), &[x])
    }

    fn b(&mut self, b: B, x: usize, y: usize) -> usize {
        self.op(P::Binary(b), &[x, y])
    }

    fn cmp(&mut self, d: Cmp, x: usize, y: usize) -> usize {
        self.op(P::Compare(d), &[x, y])
    }

    fn bcast(&mut self, x: usize, shape: &[i64], dims: &[i64]) -> usize {
        self.op(P::BroadcastInDim { shape: shape.to_vec(), dims: dims.to_vec() }, &[x])
    }

    fn slice(&mut self, x: usize, start: &[i64], limit: &[i64], strides: &[i64]) -> usize {
        self.op(P::Slice { start: start.to_vec(), limit: limit.to_vec(), strides: strides.to_vec() }, &[x])
    }

    fn transpose(&mut self, x: usize, p: &[i64]) -> usize {
        self.op(P::Transpose { permutation: p.to_vec() }, &[x])
    }

    fn reshape(&mut self, x: usize, shape: &[i64]) -> usize {
        self.op(P::Reshape { shape: shape.to_vec() }, &[x])
    }

    fn reduce(&mut self, op: R, x: usize, axes: &[i64]) -> usize {
        self.op(P::Reduce { op, axes: axes.to_vec() }, &[x])
    }

    fn convert(&mut self, x: usize, to: &str) -> usize {
        self.op(P::ConvertElementType { to: to.parse().unwrap() }, &[x])
    }

    fn dot(&mut self, l: usize, r: usize, dims: [&[i64]; 4], out: &str) -> usize {
        let [lc, rc, lb, rb] = dims.map(<[i64]>::to_vec);
        let dims = DotDims { lhs_contracting: lc, rhs_contracting: rc, lhs_batch: lb, rhs_batch: rb };
        let prim = P::DotGeneral {
            dims,
            out: out.parse().unwrap(),
            precision: [Precision::Default; 2],
            algorithm: None,
        };
        self.op(prim, &[l, r])
    }
}

type Build = fn(&mut S);

/// The seed terms: between them they make every rule fire (and show each
/// rule's neighbours that must not). Grouped by the rules they aim at.
fn seeds() -> Vec<(&'static str, Build)> {
    vec![
        // ---- neutral ----
        ("x+-0, 0+i", |s| {
            let x = s.arg("f32[6]");
            let nz = s.k("f32[6]", -0.0);
            s.b(B::Add, x, nz);
            s.b(B::Add, nz, x);
            let h = s.arg("f16[6]");
            let nzh = s.k("f16[6]", -0.0);
            s.b(B::Add, h, nzh);
            let i = s.arg("i32[6]");
            let z = s.k("i32[6]", 0.0);
            s.b(B::Add, z, i);
            let u = s.arg("ui32[6]");
            let zu = s.k("ui32[6]", 0.0);
            s.b(B::Add, u, zu);
        }),
        ("x+0.0", |s| {
            let x = s.arg("f32[6]");
            let z = s.k("f32[6]", 0.0);
            s.b(B::Add, x, z);
            let y = s.arg("f64[]");
            let zd = s.k("f64[]", 0.0);
            s.b(B::Add, zd, y);
        }),
        ("x-0", |s| {
            let x = s.arg("f32[6]");
            let z = s.k("f32[6]", 0.0);
            let nz = s.k("f32[6]", -0.0);
            s.b(B::Sub, x, z);
            s.b(B::Sub, x, nz);
            let i = s.arg("i32[6]");
            let zi = s.k("i32[6]", 0.0);
            s.b(B::Sub, i, zi);
        }),
        ("x*1, x/1", |s| {
            for t in ["f32[6]", "f64[]", "f16[6]", "bf16[6]", "i32[6]", "ui8[6]"] {
                let x = s.arg(t);
                let one = s.k(t, 1.0);
                s.b(B::Mul, x, one);
                s.b(B::Mul, one, x);
                s.b(B::Div, x, one);
                s.b(B::Div, one, x);
            }
        }),
        ("x*-1", |s| {
            for t in ["f32[6]", "f64[]", "i32[6]", "i8[6]"] {
                let x = s.arg(t);
                let m = s.k(t, -1.0);
                s.b(B::Mul, x, m);
                s.b(B::Mul, m, x);
            }
        }),
        ("x*0", |s| {
            for t in ["i32[6]", "ui32[6]", "f32[6]"] {
                let x = s.arg(t);
                let z = s.k(t, 0.0);
                s.b(B::Mul, x, z);
                s.b(B::Mul, z, x);
            }
            let x = s.arg("f32[6]");
            let nz = s.k("f32[6]", -0.0);
            s.b(B::Mul, x, nz);
            s.b(B::Mul, nz, x);
        }),
        ("x-x, x/x", |s| {
            for t in ["f32[6]", "i32[6]", "ui8[6]"] {
                let x = s.arg(t);
                s.b(B::Sub, x, x);
                s.b(B::Div, x, x);
            }
        }),
        ("max(x,x), and(x,x)", |s| {
            for t in ["f32[6]", "i32[6]"] {
                let x = s.arg(t);
                s.b(B::Max, x, x);
                s.b(B::Min, x, x);
            }
            for t in ["i32[6]", "i1[6]"] {
                let x = s.arg(t);
                s.b(B::And, x, x);
                s.b(B::Or, x, x);
                s.b(B::Xor, x, x);
            }
        }),
        ("min(x,max(x,y))", |s| {
            for t in ["f32[6]", "i32[6]"] {
                let x = s.arg(t);
                let y = s.arg(t);
                let m = s.b(B::Max, x, y);
                s.b(B::Min, x, m);
                let n = s.b(B::Min, y, x);
                s.b(B::Max, x, n);
                let o = s.b(B::Min, x, y);
                s.b(B::Max, x, o);
                let q = s.b(B::Max, y, x);
                s.b(B::Min, x, q);
            }
        }),
        ("(x+y)-y", |s| {
            for t in ["f32[]", "i32[6]"] {
                let x = s.arg(t);
                let y = s.arg(t);
                let a = s.b(B::Add, x, y);
                s.b(B::Sub, a, y);
                let c = s.b(B::Add, y, x);
                s.b(B::Sub, c, y);
            }
        }),
        ("-0-x", |s| {
            for t in ["f32[6]", "f64[]"] {
                let x = s.arg(t);
                let nz = s.k(t, -0.0);
                s.b(B::Sub, nz, x);
                let z = s.k(t, 0.0);
                s.b(B::Sub, z, x);
            }
        }),
        // ---- signs ----
        ("neg/abs/sign chains", |s| {
            for t in ["f32[6]", "i32[6]", "f16[6]"] {
                let x = s.arg(t);
                let n = s.u(U::Neg, x);
                s.u(U::Neg, n);
                s.u(U::Abs, n);
                let a = s.u(U::Abs, x);
                s.u(U::Abs, a);
                let g = s.u(U::Sign, x);
                s.u(U::Sign, g);
                s.u(U::Square, n);
                s.u(U::Square, a);
            }
        }),
        ("sqrt(square x), integer_pow(x,1)", |s| {
            let x = s.arg("f32[]");
            let q = s.u(U::Square, x);
            s.u(U::Sqrt, q);
            s.op(P::IntegerPow { y: 1 }, &[x]);
            let i = s.arg("i32[6]");
            s.op(P::IntegerPow { y: 1 }, &[i]);
            s.op(P::IntegerPow { y: 2 }, &[i]);
        }),
        // ---- exp-log ----
        ("log(exp x), exp(log x)", |s| {
            for t in ["f32[]", "f64[]"] {
                let x = s.arg(t);
                let e = s.u(U::Exp, x);
                s.u(U::Log, e);
                let l = s.u(U::Log, x);
                s.u(U::Exp, l);
            }
        }),
        ("exp a * exp b", |s| {
            let a = s.arg("f32[]");
            let b = s.arg("f32[]");
            let ea = s.u(U::Exp, a);
            let eb = s.u(U::Exp, b);
            s.b(B::Mul, ea, eb);
        }),
        ("sqrt x * sqrt x", |s| {
            let x = s.arg("f32[]");
            let r = s.u(U::Sqrt, x);
            s.b(B::Mul, r, r);
            s.u(U::Square, r);
        }),
        ("sin^2+cos^2", |s| {
            let x = s.arg("f32[]");
            let si = s.u(U::Sin, x);
            let co = s.u(U::Cos, x);
            let a = s.u(U::Square, si);
            let b = s.u(U::Square, co);
            s.b(B::Add, a, b);
            s.b(B::Add, b, a);
        }),
        ("1/(1+exp(-x))", |s| {
            let x = s.arg("f32[]");
            let n = s.u(U::Neg, x);
            let e = s.u(U::Exp, n);
            let one = s.k("f32[]", 1.0);
            let d = s.b(B::Add, one, e);
            s.b(B::Div, one, d);
            let f = s.b(B::Add, e, one);
            s.b(B::Div, one, f);
        }),
        ("pow(x, k)", |s| {
            for t in ["f32[]", "f64[]", "i32[]"] {
                let x = s.arg(t);
                for k in [1.0, 2.0, 0.5, -1.0, 3.0] {
                    if k == 0.5 && t.starts_with('i') {
                        continue;
                    }
                    let c = s.k(t, k);
                    s.b(B::Pow, x, c);
                }
            }
        }),
        ("rsqrt, 1/sqrt", |s| {
            let x = s.arg("f32[]");
            s.u(U::Rsqrt, x);
            let y = s.arg("f64[]");
            let r = s.u(U::Sqrt, y);
            let one = s.k("f64[]", 1.0);
            s.b(B::Div, one, r);
        }),
        // ---- select ----
        ("select_n constant predicate", |s| {
            let x = s.arg("f32[6]");
            let y = s.arg("f32[6]");
            for p in [0.0, 1.0] {
                let c = s.k("i1[6]", p);
                s.op(P::SelectN, &[c, x, y]);
            }
            let a = s.arg("i32[2,3]");
            let b = s.arg("i32[2,3]");
            let c = s.arg("i32[2,3]");
            let w = s.k("i32[]", 2.0);
            s.op(P::SelectN, &[w, a, b, c]);
        }),
        ("select_n same cases", |s| {
            let p = s.arg("i1[6]");
            let x = s.arg("f32[6]");
            s.op(P::SelectN, &[p, x, x]);
        }),
        ("compare x with x", |s| {
            for t in ["f32[6]", "i32[6]", "ui8[6]"] {
                let x = s.arg(t);
                for d in [Cmp::Eq, Cmp::Ne, Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge] {
                    s.cmp(d, x, x);
                }
            }
        }),
        ("double where", |s| {
            // select_n(p, y, log(select_n(p, 1, x))) and the mirrored case.
            let x = s.arg("f32[6]");
            let y = s.arg("f32[6]");
            let z = s.k("f32[6]", 0.0);
            let one = s.k("f32[6]", 1.0);
            let p = s.cmp(Cmp::Gt, x, z);
            let inner = s.op(P::SelectN, &[p, one, x]);
            let l = s.u(U::Log, inner);
            s.op(P::SelectN, &[p, y, l]);
            let inner0 = s.op(P::SelectN, &[p, x, one]);
            let q = s.b(B::Add, inner0, y);
            s.op(P::SelectN, &[p, q, y]);
        }),
        ("arithmetic where x is NaN", |s| {
            // select_n(x != x, b, x op y) and friends; also one whose
            // predicate is another value's NaN test, which must not change.
            let x = s.arg("f32[6]");
            let y = s.arg("f32[6]");
            let b = s.arg("f32[6]");
            let nan = s.cmp(Cmp::Ne, x, x);
            for op in [B::Add, B::Sub, B::Mul, B::Div] {
                let l = s.b(op, x, y);
                s.op(P::SelectN, &[nan, b, l]);
                let r = s.b(op, y, x);
                s.op(P::SelectN, &[nan, b, r]);
            }
            let n = s.u(U::Neg, x);
            s.op(P::SelectN, &[nan, b, n]);
            let other = s.cmp(Cmp::Ne, y, y);
            let l = s.b(B::Add, x, y);
            s.op(P::SelectN, &[other, b, l]);
        }),
        ("a negated comparison beside an ordered one", |s| {
            // and(x >= 0, not(x > 2)) is and(x >= 0, x <= 2); with x != 0
            // or a test of another value beside it, a NaN x tells them apart.
            let x = s.arg("f32[6]");
            let y = s.arg("f32[6]");
            let zero = s.k("f32[6]", 0.0);
            let two = s.k("f32[6]", 2.0);
            let ge = s.cmp(Cmp::Ge, x, zero);
            let ne = s.cmp(Cmp::Ne, x, zero);
            let other = s.cmp(Cmp::Lt, y, zero);
            for d in [Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge] {
                let c = s.cmp(d, x, two);
                let n = s.u(U::Not, c);
                s.b(B::And, ge, n);
                s.b(B::And, n, ge);
                s.b(B::And, ne, n);
                s.b(B::And, other, n);
            }
        }),
        ("negated comparisons", |s| {
            for t in ["i32[6]", "ui8[6]", "f32[6]"] {
                let x = s.arg(t);
                let y = s.arg(t);
                for d in [Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge, Cmp::Eq, Cmp::Ne] {
                    let c = s.cmp(d, x, y);
                    s.u(U::Not, c);
                }
            }
        }),
        ("sum of side-by-side pads", |s| {
            for pad in [0.0, -0.0] {
                let a = s.arg("f32[2,3]");
                let b = s.arg("f32[2,4]");
                let u = s.k("f32[]", pad);
                let v = s.k("f32[]", 0.0);
                let pa = s.op(P::Pad { low: vec![0, 0], high: vec![0, 4], interior: vec![0, 0] }, &[a, u]);
                let pb = s.op(P::Pad { low: vec![0, 3], high: vec![0, 0], interior: vec![0, 0] }, &[b, v]);
                s.b(B::Add, pa, pb);
            }
        }),
        ("booleans and unsigned values against constants", |s| {
            let p = s.arg("i1[6]");
            let f = s.k("i1[6]", 0.0);
            let t = s.k("i1[6]", 1.0);
            for k in [f, t] {
                s.cmp(Cmp::Ne, p, k);
                s.cmp(Cmp::Eq, p, k);
            }
            let u = s.arg("ui8[6]");
            let z = s.k("ui8[6]", 0.0);
            s.cmp(Cmp::Lt, u, z);
            s.cmp(Cmp::Ge, u, z);
        }),
        ("concatenated elementwise ops", |s| {
            let a = s.arg("i32[2,1]");
            let b = s.arg("i32[2,1]");
            let four = s.k("i32[2,1]", 4.0);
            let fa = s.b(B::Add, a, four);
            let fb = s.b(B::Add, b, four);
            s.op(P::Concatenate { dimension: 1 }, &[fa, fb]);
            let x = s.arg("f32[3]");
            let y = s.arg("f32[2]");
            let nx = s.u(U::Neg, x);
            let ny = s.u(U::Neg, y);
            s.op(P::Concatenate { dimension: 0 }, &[nx, ny]);
        }),
        // ---- shape ----
        ("elementwise of reshapes", |s| {
            let x = s.arg("f32[2,3]");
            let y = s.arg("f32[2,3]");
            let rx = s.reshape(x, &[6]);
            let ry = s.reshape(y, &[6]);
            s.b(B::Sub, rx, ry);
            let k = s.k("f32[6]", 2.5);
            s.b(B::Mul, rx, k);
            let i = s.arg("i32[3,2]");
            let ri = s.reshape(i, &[6]);
            s.u(U::Neg, ri);
            // Towards fewer dimensions: f32[6] values reshaped to [2,3].
            let u = s.arg("f32[6]");
            let v = s.arg("f32[6]");
            let ru = s.reshape(u, &[2, 3]);
            let rv = s.reshape(v, &[2, 3]);
            s.b(B::Sub, ru, rv);
            s.u(U::Neg, ru);
        }),
        ("sums of products as dots", |s| {
            for t in ["f32", "i32"] {
                let a = s.arg(&format!("{t}[4,3]"));
                let b = s.arg(&format!("{t}[4,3]"));
                let m = s.b(B::Mul, a, b);
                s.reduce(R::Sum, m, &[0]);
                s.reduce(R::Sum, m, &[0, 1]);
                let u = s.arg(&format!("{t}[5]"));
                let v = s.arg(&format!("{t}[5]"));
                let uv = s.b(B::Mul, u, v);
                s.reduce(R::Sum, uv, &[0]);
            }
            // A dot with a scalar operand and nothing to contract.
            let k = s.arg("f32[]");
            let x = s.arg("f32[2,3]");
            s.dot(k, x, [&[], &[], &[], &[]], "f32");
            s.dot(x, k, [&[], &[], &[], &[]], "f32");
            s.dot(k, k, [&[], &[], &[], &[]], "f32");
            // A broadcast operand on either side of a dot.
            let v = s.arg("f32[4]");
            let y = s.arg("f32[4,3]");
            let bv = s.bcast(v, &[4, 3], &[0]);
            s.dot(bv, y, [&[0], &[0], &[1], &[1]], "f32");
            s.dot(y, bv, [&[0], &[0], &[1], &[1]], "f32");
            let w = s.arg("f32[3]");
            let bw = s.bcast(w, &[4, 3], &[1]);
            s.dot(y, bw, [&[1], &[1], &[0], &[0]], "f32");
        }),
        ("transposes", |s| {
            let x = s.arg("f32[2,3]");
            s.transpose(x, &[0, 1]);
            let y = s.arg("f32[2,3,2]");
            let t = s.transpose(y, &[1, 0, 2]);
            s.transpose(t, &[2, 0, 1]);
            let u = s.transpose(y, &[2, 0, 1]);
            s.transpose(u, &[1, 2, 0]);
        }),
        ("reshapes", |s| {
            let x = s.arg("f32[2,3]");
            s.reshape(x, &[2, 3]);
            let r = s.reshape(x, &[6]);
            s.reshape(r, &[3, 2]);
        }),
        ("broadcasts", |s| {
            let x = s.arg("f32[2,3]");
            s.bcast(x, &[2, 3], &[0, 1]);
            let v = s.arg("f32[3]");
            let b = s.bcast(v, &[2, 3], &[1]);
            s.bcast(b, &[2, 2, 3], &[1, 2]);
            let w = s.arg("i32[1]");
            let c = s.bcast(w, &[3, 1], &[1]);
            s.bcast(c, &[3, 2], &[0, 1]);
        }),
        ("elementwise of broadcasts", |s| {
            let a = s.arg("f32[3]");
            let b = s.arg("f32[3]");
            let ba = s.bcast(a, &[2, 3], &[1]);
            let bb = s.bcast(b, &[2, 3], &[1]);
            s.b(B::Add, ba, bb);
            let two = s.k("f32[2,3]", 2.0);
            s.b(B::Mul, ba, two);
            s.u(U::Neg, ba);
            s.cmp(Cmp::Lt, ba, bb);
            let p = s.arg("i1[3]");
            let bp = s.bcast(p, &[2, 3], &[1]);
            s.op(P::SelectN, &[bp, ba, bb]);
            s.convert(ba, "i32");
            let c = s.arg("i32[2,1]");
            let bc = s.bcast(c, &[2, 3], &[0, 1]);
            let d = s.arg("i32[2,1]");
            let bd = s.bcast(d, &[2, 3], &[0, 1]);
            s.b(B::Sub, bc, bd);
        }),
        ("rev rev", |s| {
            let x = s.arg("f32[2,3]");
            let r = s.op(P::Rev { dimensions: vec![0, 1] }, &[x]);
            s.op(P::Rev { dimensions: vec![1, 0] }, &[r]);
            let q = s.op(P::Rev { dimensions: vec![1] }, &[x]);
            s.op(P::Rev { dimensions: vec![0] }, &[q]);
        }),
        ("slice whole", |s| {
            let x = s.arg("f32[2,3]");
            s.slice(x, &[0, 0], &[2, 3], &[1, 1]);
            s.slice(x, &[0, 0], &[2, 3], &[1, 2]);
        }),
        ("slice of broadcast", |s| {
            let z = s.arg("f32[3]");
            let b = s.bcast(z, &[4, 3], &[1]);
            s.slice(b, &[1, 0], &[3, 3], &[1, 1]);
            s.slice(b, &[0, 1], &[4, 3], &[1, 1]);
            let w = s.arg("f32[1,3]");
            let c = s.bcast(w, &[4, 3], &[0, 1]);
            s.slice(c, &[1, 0], &[4, 3], &[2, 1]);
        }),
        ("slice of merged rows", |s| {
            let y = s.arg("f32[2,3,2]");
            let r = s.reshape(y, &[6, 2]);
            s.slice(r, &[3, 0], &[6, 2], &[1, 1]);
            s.slice(r, &[0, 0], &[3, 2], &[1, 1]);
            s.slice(r, &[1, 0], &[4, 2], &[1, 1]);
        }),
        ("slice of concatenate", |s| {
            let a = s.arg("f32[2,3]");
            let b = s.arg("f32[2,2]");
            let c = s.op(P::Concatenate { dimension: 1 }, &[a, b]);
            s.slice(c, &[0, 3], &[2, 5], &[1, 1]);
            s.slice(c, &[0, 0], &[2, 2], &[1, 1]);
            s.slice(c, &[0, 0], &[2, 3], &[1, 2]);
            s.slice(c, &[1, 2], &[2, 4], &[1, 1]);
        }),
        ("concatenate of slices", |s| {
            let x = s.arg("f32[2,4]");
            let a = s.slice(x, &[0, 0], &[2, 1], &[1, 1]);
            let b = s.slice(x, &[0, 1], &[2, 4], &[1, 1]);
            s.op(P::Concatenate { dimension: 1 }, &[a, b]);
            let c = s.slice(x, &[0, 2], &[2, 4], &[1, 1]);
            s.op(P::Concatenate { dimension: 1 }, &[a, c]);
        }),
        ("slice of pad", |s| {
            let x = s.arg("f32[3]");
            let v = s.k("f32[]", 0.0);
            let p = s.op(P::Pad { low: vec![2], high: vec![1], interior: vec![0] }, &[x, v]);
            s.slice(p, &[3], &[5], &[1]);
            s.slice(p, &[1], &[4], &[1]);
            let q = s.op(P::Pad { low: vec![-1], high: vec![2], interior: vec![0] }, &[x, v]);
            s.slice(q, &[0], &[2], &[1]);
            let y = s.arg("i32[2,3]");
            let w = s.arg("i32[]");
            let r = s.op(P::Pad { low: vec![1, 0], high: vec![0, 2], interior: vec![0, 0] }, &[y, w]);
            s.slice(r, &[1, 0], &[3, 3], &[1, 2]);
        }),
        ("slice of pad as a pad", |s| {
            // Windows reaching into the edges and the interior padding.
            let x = s.arg("f32[3,4]");
            let v = s.arg("f32[]");
            let p = s.op(P::Pad { low: vec![2, 1], high: vec![1, 3], interior: vec![1, 0] }, &[x, v]);
            s.slice(p, &[1, 0], &[7, 6], &[1, 1]);
            s.slice(p, &[3, 2], &[5, 8], &[1, 1]);
            s.slice(p, &[0, 5], &[8, 8], &[1, 1]);
            let q = s.op(P::Pad { low: vec![-1, 2], high: vec![1, -1], interior: vec![0, 2] }, &[x, v]);
            s.slice(q, &[1, 1], &[3, 9], &[1, 1]);
        }),
        ("pad that only cuts", |s| {
            let x = s.arg("f32[5,4]");
            let v = s.k("f32[]", 1.0);
            s.op(P::Pad { low: vec![-1, 0], high: vec![-2, -1], interior: vec![0, 0] }, &[x, v]);
            s.op(P::Pad { low: vec![-1, 1], high: vec![0, 0], interior: vec![0, 0] }, &[x, v]);
            s.op(P::Pad { low: vec![0, 0], high: vec![-1, 0], interior: vec![0, 1] }, &[x, v]);
        }),
        ("empty operands", |s| {
            let e = s.arg("f32[2,0]");
            let x = s.arg("f32[2,3]");
            let y = s.arg("f32[2,1]");
            s.op(P::Concatenate { dimension: 1 }, &[e, x]);
            s.op(P::Concatenate { dimension: 1 }, &[x, e, y]);
            let v = s.arg("f32[]");
            s.op(P::Pad { low: vec![1, 0], high: vec![0, 2], interior: vec![0, 1] }, &[e, v]);
            let w = s.arg("f32[0,3]");
            s.op(P::Pad { low: vec![1, -1], high: vec![2, 0], interior: vec![1, 1] }, &[w, v]);
        }),
        ("one element out of moves", |s| {
            // JAX's key split: columns concatenated, a row sliced, reshaped,
            // one element sliced and reshaped to a scalar.
            let a = s.arg("ui32[2]");
            let b = s.arg("ui32[2]");
            let ca = s.bcast(a, &[2, 1], &[0]);
            let cb = s.bcast(b, &[2, 1], &[0]);
            let m = s.op(P::Concatenate { dimension: 1 }, &[ca, cb]);
            for row in 0..2 {
                let r = s.slice(m, &[row, 0], &[row + 1, 2], &[1, 1]);
                let v = s.op(P::Reshape { shape: vec![2] }, &[r]);
                for col in 0..2 {
                    let e = s.slice(v, &[col], &[col + 1], &[1]);
                    s.op(P::Reshape { shape: vec![] }, &[e]);
                }
            }
            // Through a transpose, a rev and a strided slice.
            let x = s.arg("f32[2,3]");
            let t = s.transpose(x, &[1, 0]);
            let r = s.op(P::Rev { dimensions: vec![0] }, &[t]);
            let st = s.slice(r, &[0, 0], &[3, 2], &[2, 1]);
            s.slice(st, &[1, 1], &[2, 2], &[1, 1]);
            // Into a pad's padding and its operand.
            let y = s.arg("f32[2]");
            let pv = s.arg("f32[]");
            let p = s.op(P::Pad { low: vec![1], high: vec![1], interior: vec![1] }, &[y, pv]);
            let q = s.op(P::Reshape { shape: vec![5, 1] }, &[p]);
            s.slice(q, &[2, 0], &[3, 1], &[1, 1]);
            s.slice(q, &[3, 0], &[4, 1], &[1, 1]);
        }),
        ("slices of slices, reversals and concatenations", |s| {
            let x = s.arg("f32[7,4]");
            let a = s.slice(x, &[1, 0], &[7, 4], &[2, 1]);
            s.slice(a, &[1, 1], &[3, 4], &[1, 2]);
            s.slice(a, &[0, 0], &[0, 4], &[1, 1]);
            let r = s.op(P::Rev { dimensions: vec![0, 1] }, &[x]);
            s.slice(r, &[1, 0], &[6, 3], &[2, 2]);
            let one = s.arg("f32[1,3]");
            s.op(P::Rev { dimensions: vec![0] }, &[one]);
            s.op(P::Rev { dimensions: vec![0, 1] }, &[one]);
            let y = s.arg("f32[3,4]");
            let z = s.arg("f32[2,4]");
            let c = s.op(P::Concatenate { dimension: 0 }, &[x, y, z]);
            s.slice(c, &[5, 1], &[11, 4], &[2, 1]);
            s.slice(c, &[6, 0], &[12, 4], &[3, 2]);
            s.slice(c, &[0, 0], &[12, 4], &[4, 1]);
        }),
        ("updates of constants, reshapes and sums of pads", |s| {
            let zeros = s.k("f32[12,4]", 0.0);
            let u = s.arg("f32[6,4]");
            let i = s.k("i32[]", 6.0);
            let j = s.k("i32[]", 0.0);
            let far = s.k("i32[]", 9.0);
            let d = s.op(P::DynamicUpdateSlice, &[zeros, u, i, j]);
            s.op(P::DynamicUpdateSlice, &[zeros, u, far, j]);
            let r = s.op(P::Reshape { shape: vec![2, 6, 1, 4] }, &[d]);
            s.reduce(R::Sum, r, &[0, 2]);
            s.reduce(R::Sum, r, &[0, 1]);
            let x = s.arg("f32[4,3]");
            let v = s.k("f32[]", -0.0);
            let p = s.op(P::Pad { low: vec![2, 0], high: vec![4, 0], interior: vec![0, 0] }, &[x, v]);
            s.op(P::Reshape { shape: vec![5, 2, 3] }, &[p]);
            s.op(P::Reshape { shape: vec![10, 3] }, &[p]);
            s.op(P::Reshape { shape: vec![30] }, &[p]);
            let w = s.k("f32[]", 0.0);
            let q = s.op(P::Pad { low: vec![1, 0], high: vec![0, 1], interior: vec![1, 0] }, &[x, w]);
            s.reduce(R::Sum, q, &[0]);
            s.reduce(R::Sum, q, &[0, 1]);
        }),
        ("dynamic_slice constant", |s| {
            let x = s.arg("f32[4,3]");
            let i = s.k("i32[]", 2.0);
            let j = s.k("i32[]", -1.0);
            s.op(P::DynamicSlice { sizes: vec![2, 2] }, &[x, i, j]);
            let big = s.k("i32[]", 7.0);
            s.op(P::DynamicSlice { sizes: vec![3, 3] }, &[x, big, i]);
            let k = s.arg("i32[]");
            s.op(P::DynamicSlice { sizes: vec![1, 2] }, &[x, k, i]);
        }),
        ("reduce over no axes", |s| {
            let x = s.arg("f32[2,3]");
            s.reduce(R::Sum, x, &[]);
            s.reduce(R::Max, x, &[]);
        }),
        ("reduce of broadcast", |s| {
            let x = s.arg("f32[3]");
            let b = s.bcast(x, &[2, 3], &[1]);
            for op in [R::Max, R::Min, R::Sum] {
                s.reduce(op, b, &[0]);
            }
            s.reduce(R::Max, b, &[1]);
            let i = s.arg("i32[3]");
            let c = s.bcast(i, &[3, 2], &[0]);
            s.reduce(R::And, c, &[1]);
            s.reduce(R::Sum, c, &[1]);
            let p = s.arg("i1[2]");
            let d = s.bcast(p, &[2, 2, 3], &[1]);
            s.reduce(R::Or, d, &[0, 2]);
        }),
        ("reduce of transpose", |s| {
            let x = s.arg("f32[2,3,2]");
            let t = s.transpose(x, &[2, 0, 1]);
            s.reduce(R::Max, t, &[0, 1]);
            s.reduce(R::Min, t, &[1]);
            s.reduce(R::Sum, t, &[0, 2]);
            let y = s.arg("f32[2,2]");
            let u = s.transpose(y, &[1, 0]);
            s.reduce(R::Max, u, &[0, 1]);
            let i = s.arg("i32[2,3]");
            let v = s.transpose(i, &[1, 0]);
            s.reduce(R::And, v, &[0]);
            s.reduce(R::Sum, v, &[1]);
        }),
        ("dots and transposes", |s| {
            let a = s.arg("f32[2,3]");
            let b = s.arg("f32[3,4]");
            let d = s.dot(a, b, [&[1], &[0], &[], &[]], "f32");
            s.transpose(d, &[1, 0]);
            let at = s.arg("f32[3,2]");
            let ta = s.transpose(at, &[1, 0]);
            s.dot(ta, b, [&[1], &[0], &[], &[]], "f32");
            let bt = s.arg("f32[4,3]");
            let tb = s.transpose(bt, &[1, 0]);
            s.dot(a, tb, [&[1], &[0], &[], &[]], "f32");
            let a3 = s.arg("f32[2,2,3]");
            let b3 = s.arg("f32[2,3,2]");
            let d3 = s.dot(a3, b3, [&[2], &[1], &[0], &[0]], "f32");
            s.transpose(d3, &[0, 2, 1]);
            let i = s.arg("i32[2,3]");
            let j = s.arg("i32[3,2]");
            let di = s.dot(i, j, [&[1], &[0], &[], &[]], "i32");
            s.transpose(di, &[1, 0]);
        }),
        // ---- convert ----
        ("convert identity", |s| {
            for t in ["f32[6]", "i32[6]", "i1[6]"] {
                let x = s.arg(t);
                s.convert(x, &t[..t.find('[').unwrap()]);
            }
        }),
        ("convert chains", |s| {
            for (t, mid, to) in [
                ("f32[6]", "f64", "i32"),
                ("f32[6]", "f64", "f32"),
                ("f16[6]", "f32", "bf16"),
                ("i8[6]", "i32", "ui8"),
                ("i1[6]", "f32", "i32"),
                ("ui8[6]", "i16", "f32"),
                ("i32[6]", "i64", "i16"),
                ("f64[6]", "f32", "f16"),
            ] {
                let x = s.arg(t);
                let m = s.convert(x, mid);
                s.convert(m, to);
            }
        }),
        ("convert int -> float -> narrower int", |s| {
            for (t, mid, to) in [("i16[6]", "f32", "i8"), ("i8[6]", "f32", "ui8")] {
                let x = s.arg(t);
                let m = s.convert(x, mid);
                s.convert(m, to);
            }
        }),
        // ---- algebra ----
        ("commutative ops", |s| {
            for t in ["f32[6]", "i32[6]"] {
                let x = s.arg(t);
                let y = s.arg(t);
                for b in [B::Add, B::Mul, B::Max, B::Min] {
                    s.b(b, x, y);
                }
            }
        }),
        ("x*a+x*b, x*(a+b)", |s| {
            for t in ["f32[]", "i32[6]"] {
                let x = s.arg(t);
                let a = s.arg(t);
                let b = s.arg(t);
                let xa = s.b(B::Mul, x, a);
                let xb = s.b(B::Mul, x, b);
                s.b(B::Add, xa, xb);
                let ab = s.b(B::Add, a, b);
                s.b(B::Mul, x, ab);
            }
        }),
        ("(x*y)/x", |s| {
            let x = s.arg("f32[]");
            let y = s.arg("f32[]");
            let p = s.b(B::Mul, x, y);
            s.b(B::Div, p, x);
            s.b(B::Div, p, y);
        }),
        ("x/c", |s| {
            for t in ["f32[6]", "f64[]", "f16[6]", "bf16[6]"] {
                let x = s.arg(t);
                for c in [4.0, 0.5, -2.0, 3.0, 0.1, 2f64.powi(-130), 2f64.powi(127), 2f64.powi(-14)] {
                    let k = s.k(t, c);
                    s.b(B::Div, x, k);
                }
            }
        }),
        ("negations through sums, products, quotients", |s| {
            for t in ["f32[6]", "i32[6]"] {
                let x = s.arg(t);
                let y = s.arg(t);
                let nx = s.u(U::Neg, x);
                let ny = s.u(U::Neg, y);
                s.b(B::Sub, x, ny);
                s.b(B::Add, x, ny);
                s.b(B::Add, ny, x);
                s.b(B::Mul, nx, y);
                s.b(B::Mul, y, nx);
                s.b(B::Div, nx, y);
                s.b(B::Div, x, ny);
                let d = s.b(B::Sub, x, y);
                s.u(U::Neg, d);
            }
        }),
        ("bitwise identities", |s| {
            for t in ["i32[6]", "ui32[6]", "i8[6]", "i1[6]"] {
                let x = s.arg(t);
                let z = s.k(t, 0.0);
                for b in [B::And, B::Or, B::Xor] {
                    s.b(b, x, z);
                    s.b(b, z, x);
                }
                s.b(B::Xor, x, x);
                let n = s.u(U::Not, x);
                s.u(U::Not, n);
                s.b(B::And, x, n);
                s.b(B::And, n, x);
                if t.starts_with("i1") {
                    let one = s.k(t, 1.0);
                    for b in [B::And, B::Or] {
                        s.b(b, x, one);
                        s.b(b, one, x);
                    }
                    continue;
                }
                if t.starts_with('i') {
                    let m = s.k(t, -1.0);
                    s.b(B::And, x, m);
                    s.b(B::And, m, x);
                    s.b(B::Sub, z, x);
                }
                for b in [B::ShiftLeft, B::ShiftRightLogical, B::ShiftRightArithmetic] {
                    s.b(b, x, z);
                }
                let one = s.k(t, 1.0);
                s.b(B::Rem, x, one);
            }
        }),
        ("select_n of not", |s| {
            let p = s.arg("i1[6]");
            let a = s.arg("f32[6]");
            let b = s.arg("f32[6]");
            let n = s.u(U::Not, p);
            s.op(P::SelectN, &[n, a, b]);
        }),
        ("reductions over size-one axes and of reductions", |s| {
            for t in ["f32[2,1,3]", "i32[2,1,3]"] {
                let x = s.arg(t);
                for op in [R::Sum, R::Max, R::Min, R::Prod] {
                    s.reduce(op, x, &[1]);
                }
            }
            for t in ["f32[2,3,2]", "i32[2,3,2]"] {
                let x = s.arg(t);
                for op in [R::Sum, R::Max, R::Min] {
                    let r = s.reduce(op, x, &[0]);
                    s.reduce(op, r, &[1]);
                    let q = s.reduce(op, x, &[2]);
                    s.reduce(op, q, &[0]);
                }
            }
            let p = s.arg("i1[2,2]");
            let r = s.reduce(R::Or, p, &[1]);
            s.reduce(R::Or, r, &[0]);
        }),
        ("dot chains, sums of dots", |s| {
            let a = s.arg("f32[2,3]");
            let b = s.arg("f32[3,4]");
            let c = s.arg("f32[4,2]");
            let mm = [&[1i64][..], &[0], &[], &[]];
            let ab = s.dot(a, b, mm, "f32");
            s.dot(ab, c, mm, "f32");
            let bc = s.dot(b, c, mm, "f32");
            s.dot(a, bc, mm, "f32");
            let d = s.arg("f32[3,4]");
            let ad = s.dot(a, d, mm, "f32");
            s.b(B::Add, ab, ad);
            s.reduce(R::Sum, ab, &[0]);
            s.reduce(R::Sum, ab, &[0, 1]);
            let i = s.arg("i32[2,3]");
            let j = s.arg("i32[3,2]");
            let k = s.arg("i32[2,2]");
            let ij = s.dot(i, j, mm, "i32");
            s.dot(ij, k, mm, "i32");
            s.reduce(R::Sum, ij, &[1]);
        }),
        ("(x*a)*b", |s| {
            let x = s.arg("f32[6]");
            let a = s.k("f32[6]", 3.0);
            let b = s.k("f32[6]", 0.25);
            let xa = s.b(B::Mul, x, a);
            s.b(B::Mul, xa, b);
        }),
        ("k*x-x, x+k*x, x+x", |s| {
            for t in ["f32[6]", "i32[6]"] {
                let x = s.arg(t);
                let k = s.k(t, 3.0);
                let kx = s.b(B::Mul, k, x);
                s.b(B::Sub, kx, x);
                let xk = s.b(B::Mul, x, k);
                s.b(B::Add, x, xk);
                s.b(B::Add, x, x);
            }
        }),
    ]
}

/// Seeds of constants only, for constant folding (all its folds on special
/// values, in every element type it folds).
fn fold_seeds() -> Vec<(&'static str, Build)> {
    vec![
        ("fold float binary and compare", |s| {
            for t in ["f32[]", "f64[]", "f16[2]", "bf16[]"] {
                let elem = ty(t).elem;
                let vals = [float_specials(elem), near_ties(elem)].concat();
                let ks: Vec<usize> = vals.iter().map(|v| s.k(t, *v)).collect();
                for &x in &ks {
                    for &y in &ks {
                        for b in [B::Add, B::Sub, B::Mul, B::Div, B::Max, B::Min] {
                            s.try_op(P::Binary(b), &[x, y]);
                        }
                        for d in [Cmp::Eq, Cmp::Lt, Cmp::Ge] {
                            s.try_op(P::Compare(d), &[x, y]);
                        }
                    }
                }
            }
        }),
        ("fold float unary", |s| {
            for t in ["f32[]", "f64[]", "f16[]", "bf16[]"] {
                let elem = ty(t).elem;
                for v in float_specials(elem) {
                    let x = s.k(t, v);
                    for u in [
                        U::Neg,
                        U::Abs,
                        U::Sqrt,
                        U::Square,
                        U::Floor,
                        U::Ceil,
                        U::Sign,
                        U::Exp,
                        U::Log,
                        U::Sin,
                        U::Cos,
                        U::Tanh,
                        U::Log1p,
                        U::Expm1,
                        U::Rsqrt,
                        U::Logistic,
                    ] {
                        s.try_op(P::Unary(u), &[x]);
                    }
                }
            }
        }),
        ("fold integer ops", |s| {
            for t in ["i32[]", "ui32[]", "i8[]", "ui8[]", "i1[]"] {
                let elem = ty(t).elem;
                let ks: Vec<usize> = int_specials(elem).iter().map(|v| s.k(t, *v as f64)).collect();
                for &x in &ks {
                    if !elem.is_bool() {
                        for u in [U::Neg, U::Abs, U::Square, U::Sign] {
                            if u == U::Neg && elem.is_unsigned_int() {
                                continue;
                            }
                            s.try_op(P::Unary(u), &[x]);
                        }
                    } else {
                        s.u(U::Not, x);
                    }
                    for &y in &ks {
                        let ops: &[B] = if elem.is_bool() {
                            &[B::And, B::Or, B::Xor]
                        } else {
                            &[B::Add, B::Sub, B::Mul, B::Div, B::Max, B::Min, B::And, B::Or, B::Xor]
                        };
                        for &b in ops {
                            s.try_op(P::Binary(b), &[x, y]);
                        }
                        s.try_op(P::Compare(Cmp::Lt), &[x, y]);
                        s.try_op(P::Compare(Cmp::Eq), &[x, y]);
                    }
                }
            }
        }),
        ("fold conversions", |s| {
            let conversions: &[(&str, &[&str])] = &[
                ("f64[]", &["f32", "f16", "bf16", "i32", "ui8", "i1"]),
                ("f32[]", &["f64", "f16", "bf16", "i32", "i1"]),
                ("f16[]", &["bf16", "f32"]),
                ("i32[]", &["f32", "f16", "i8", "ui32", "i1", "f64"]),
                ("ui32[]", &["i32", "f32"]),
                ("i1[]", &["f32", "i32"]),
            ];
            for (t, tos) in conversions {
                let elem = ty(t).elem;
                let vals: Vec<f64> = if elem.is_float() {
                    float_specials(elem)
                } else {
                    int_specials(elem).into_iter().map(|v| v as f64).collect()
                };
                for v in vals {
                    let x = s.k(t, v);
                    for to in *tos {
                        s.try_op(P::ConvertElementType { to: to.parse().unwrap() }, &[x]);
                    }
                }
            }
        }),
        ("fold f64 -> f16/bf16 near ties", |s| {
            for t in ["f64[]", "f32[]"] {
                for v in near_ties(ty(t).elem) {
                    let x = s.k(t, v);
                    s.convert(x, "f16");
                    s.convert(x, "bf16");
                }
            }
        }),
        ("fold select, clamp, shapes, reductions", |s| {
            let a = s.k("f32[2,3]", 1.5);
            let b = s.k("f32[2,3]", -0.0);
            for p in [0.0, 1.0] {
                let c = s.k("i1[2,3]", p);
                s.op(P::SelectN, &[c, a, b]);
            }
            let lo = s.k("i32[]", -3.0);
            let hi = s.k("i32[]", 5.0);
            for v in [-7.0, 0.0, 9.0] {
                let x = s.k("i32[]", v);
                s.op(P::Clamp, &[lo, x, hi]);
            }
            let n = s.k("f32[2,3]", f64::NAN);
            for x in [a, b, n] {
                s.bcast(x, &[4, 2, 3], &[1, 2]);
                s.reshape(x, &[3, 2]);
                s.transpose(x, &[1, 0]);
                s.op(P::Rev { dimensions: vec![0] }, &[x]);
                s.slice(x, &[0, 1], &[2, 3], &[1, 1]);
                for op in [R::Max, R::Min, R::Sum] {
                    s.reduce(op, x, &[1]);
                }
            }
            let z = s.k("f32[2,3]", 0.0);
            s.reduce(R::Sum, z, &[0, 1]);
            let i = s.k("i32[4]", 6.0);
            for op in [R::And, R::Or, R::Max, R::Sum] {
                s.reduce(op, i, &[0]);
            }
        }),
    ]
}

// ---------------------------------------------------------------------------
// Values: special and random inputs
// ---------------------------------------------------------------------------

/// (precision in bits, smallest denormal, smallest normal, largest finite).
fn float_params(elem: ElemType) -> (i32, f64, f64, f64) {
    match elem {
        ElemType::F16 => (11, 2f64.powi(-24), 2f64.powi(-14), 65504.0),
        ElemType::BF16 => (8, 2f64.powi(-133), 2f64.powi(-126), (2.0 - 2f64.powi(-7)) * 2f64.powi(127)),
        ElemType::F32 => (24, 2f64.powi(-149), 2f64.powi(-126), f32::MAX as f64),
        _ => (53, f64::from_bits(1), f64::MIN_POSITIVE, f64::MAX),
    }
}

/// Special float values of `elem`, and values one rounding step away from
/// a tie (which catch a conversion that rounds twice).
fn float_specials(elem: ElemType) -> Vec<f64> {
    let (_, denorm, normal, max) = float_params(elem);
    let v = vec![
        0.0,
        -0.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        denorm,
        -denorm,
        normal,
        max,
        -max,
        1.0,
        -1.0,
        0.5,
        3.0,
        1.0 / 3.0,
    ];
    v.into_iter().map(|x| reference::round_to(elem, x)).collect()
}

/// Values of `elem` just above a rounding tie of a narrower float type
/// (half an ulp of f16, bf16, f32 plus a last bit): rounding them twice
/// gives the tie's even neighbour instead of rounding up.
fn near_ties(elem: ElemType) -> Vec<f64> {
    let last = match elem {
        ElemType::F64 => 2f64.powi(-40),
        ElemType::F32 => 2f64.powi(-23),
        _ => return Vec::new(),
    };
    let mut v = vec![1.0 + 2f64.powi(-11) + last, -(1.0 + 2f64.powi(-8) + last)];
    if elem == ElemType::F64 {
        v.push(1.0 + 2f64.powi(-24) + 2f64.powi(-50));
    }
    v
}

/// Special values of an integer type.
fn int_specials(elem: ElemType) -> Vec<i128> {
    let (lo, hi) = reference::int_range(elem);
    let mut v = vec![lo, hi, 0, 1, 2, lo + 1, hi - 1, 7, -1, -7];
    v.retain(|x| (lo..=hi).contains(x));
    v.sort_unstable();
    v.dedup();
    v
}

/// One random element of `elem`. `moderate`: floats finite and of moderate
/// size (fast-math rules); integers always over their whole range.
fn draw(rng: &mut Rng, elem: ElemType, moderate: bool, few: bool, specials: &Specials) -> Scalar {
    if few {
        // A few values only, so that ties (and zeros of both signs) meet.
        let pick = |rng: &mut Rng, n: usize| (rng.uniform() * n as f64) as usize;
        return if elem.is_float() {
            const EXACT: [f64; 7] = [0.0, -0.0, 1.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
            const FAST: [f64; 5] = [0.0, -0.0, 1.0, -1.0, 2.0];
            Scalar::F(if moderate { FAST[pick(rng, 5)] } else { EXACT[pick(rng, 7)] })
        } else {
            let (lo, hi) = reference::int_range(elem);
            let pool = [0, 1, reference::wrap(elem, -1), lo, hi];
            Scalar::I(pool[pick(rng, 5)])
        };
    }
    if elem.is_float() {
        let r = rng.uniform();
        let x = if moderate {
            const POOL: [f64; 9] = [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, 3.0, 0.1];
            if r < 0.3 {
                POOL[(rng.uniform() * POOL.len() as f64) as usize]
            } else if r < 0.6 {
                8.0 * rng.uniform() - 4.0
            } else {
                let sign = if rng.uniform() < 0.5 { -1.0 } else { 1.0 };
                sign * 2f64.powf(16.0 * rng.uniform() - 8.0)
            }
        } else {
            let pool = &specials.floats;
            if r < 0.6 {
                pool[(rng.uniform() * pool.len() as f64) as usize]
            } else if r < 0.8 {
                8.0 * rng.uniform() - 4.0
            } else {
                let sign = if rng.uniform() < 0.5 { -1.0 } else { 1.0 };
                sign * 2f64.powf(80.0 * rng.uniform() - 40.0)
            }
        };
        Scalar::F(reference::round_to(elem, x))
    } else {
        let (lo, hi) = reference::int_range(elem);
        let r = rng.uniform();
        let v = if r < 0.5 {
            let pool = &specials.ints;
            pool[(rng.uniform() * pool.len() as f64) as usize]
        } else if r < 0.75 {
            (rng.uniform() * 17.0) as i128 - 8
        } else {
            let bits =
                ((rng.uniform() * 2f64.powi(52)) as i128) << 12 ^ (rng.uniform() * 2f64.powi(40)) as i128;
            lo + bits.rem_euclid(hi - lo + 1)
        };
        Scalar::I(reference::wrap(elem, v))
    }
}

/// The special values of one element type.
struct Specials {
    floats: Vec<f64>,
    ints: Vec<i128>,
}

fn draw_array(rng: &mut Rng, t: &TensorType, moderate: bool, few: bool) -> Array {
    let specials = if t.elem.is_float() {
        Specials { floats: [float_specials(t.elem), near_ties(t.elem)].concat(), ints: Vec::new() }
    } else {
        Specials { floats: Vec::new(), ints: int_specials(t.elem) }
    };
    let values =
        (0..reference::count(&t.shape)).map(|_| draw(rng, t.elem, moderate, few, &specials)).collect();
    Array::new(t.elem, t.shape.clone(), values)
}

fn show_array(a: &Array) -> String {
    let values: Vec<String> = a
        .values
        .iter()
        .map(|v| match v {
            Scalar::F(x) => format!("{x:?}"),
            Scalar::I(i) => i.to_string(),
        })
        .collect();
    format!("{}{:?} [{}]", a.elem, a.shape, values.join(", "))
}

// ---------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------

/// A class's value under one assignment, with the largest float magnitude
/// of its term (inputs and intermediates) and whether every float value of
/// the term is finite and normal or zero.
#[derive(Clone)]
struct V {
    a: Array,
    scale: f64,
    finite: bool,
}

impl V {
    fn of(a: Array, children: &[&V]) -> V {
        let mut scale = children.iter().map(|c| c.scale).fold(0.0, f64::max);
        let mut finite = children.iter().all(|c| c.finite);
        if a.elem.is_float() {
            let (_, _, normal, _) = float_params(a.elem);
            for v in &a.values {
                let x = v.f();
                if x.is_finite() {
                    scale = scale.max(x.abs());
                }
                finite &= x.is_finite() && (x == 0.0 || x.abs() >= normal);
            }
        }
        V { a, scale, finite }
    }
}

/// The value of `n` (result type `out`), its children's values given by
/// `child`; `None` where the reference does not define it.
fn eval_node<'a>(
    n: &Node,
    out: &TensorType,
    args: &[Array],
    child: impl Fn(usize) -> Option<&'a V>,
) -> Option<V> {
    match n {
        Node::Arg { index, .. } => Some(V::of(args[*index].clone(), &[])),
        Node::Splat { ty, bits } => splat_array(ty, f64::from_bits(*bits)).ok().map(|a| V::of(a, &[])),
        Node::Opaque { .. } => None,
        Node::Op { prim, args: ids } => {
            let vs: Option<Vec<&V>> = ids.iter().map(|&id| child(usize::from(id))).collect();
            let vs = vs?;
            let arrays: Vec<&Array> = vs.iter().map(|v| &v.a).collect();
            let a = eval(prim, &arrays, out)?;
            Some(V::of(a, &vs))
        }
    }
}

/// Whether two values agree: bit for bit (exact rules, and integers), or
/// within the fast-math tolerance; `None` when fast-math does not compare
/// them (a non-finite or denormal value in either term).
fn agree(x: &V, y: &V, fast_math: bool) -> Option<bool> {
    if !fast_math {
        return Some(same_bits(&x.a, &y.a));
    }
    if !(x.finite && y.finite) {
        return None;
    }
    if !x.a.elem.is_float() || same_bits(&x.a, &y.a) {
        return Some(same_bits(&x.a, &y.a));
    }
    if x.a.elem != y.a.elem || x.a.shape != y.a.shape {
        return Some(false);
    }
    let rtol = match x.a.elem {
        ElemType::F64 => 2f64.powi(-45),
        ElemType::F32 => 2f64.powi(-16),
        ElemType::F16 => 2f64.powi(-8),
        _ => 2f64.powi(-5),
    };
    let scale = x.scale.max(y.scale);
    Some(x.a.values.iter().zip(&y.a.values).all(|(a, b)| (a.f() - b.f()).abs() <= rtol * scale))
}

/// The e-graph before the rule: each class's original node (its first seed
/// node, children as pre-rule classes), in seed order.
struct Pre {
    /// (class, original node, type), children before parents.
    reps: Vec<(usize, Node, TensorType)>,
    position: Map<usize>,
    /// Each class's node count and splat bits.
    shape: Map<(usize, Option<u64>)>,
}

fn canonical(eg: &JaxrEGraph, n: &Node) -> Node {
    match n {
        Node::Op { prim, args } => {
            Node::Op { prim: prim.clone(), args: args.iter().map(|a| eg.find(*a)).collect() }
        }
        other => other.clone(),
    }
}

impl Pre {
    fn new(s: &S) -> Pre {
        let mut pre = Pre { reps: Vec::new(), position: Map::default(), shape: Map::default() };
        for (n, id) in &s.nodes {
            let c = s.eg.find((*id).into());
            let key = usize::from(c);
            if pre.position.contains_key(&key) {
                continue;
            }
            pre.position.insert(key, pre.reps.len());
            let class = &s.eg[c];
            pre.reps.push((key, canonical(&s.eg, n), class.data.ty.clone().expect("typed")));
            pre.shape.insert(key, (class.nodes.len(), class.data.splat.map(f64::to_bits)));
        }
        pre
    }

    /// The value of every original term marked in `need`.
    fn values(&self, args: &[Array], need: &[bool]) -> Vec<Option<V>> {
        let mut vals: Vec<Option<V>> = Vec::with_capacity(self.reps.len());
        for ((_, n, t), need) in self.reps.iter().zip(need) {
            let v = if *need {
                eval_node(n, t, args, |c| self.position.get(&c).and_then(|&i| vals.get(i)?.as_ref()))
            } else {
                None
            };
            vals.push(v);
        }
        vals
    }

    fn show(&self, class: usize, depth: usize) -> String {
        match self.position.get(&class) {
            Some(&i) => show_node(&self.reps[i].1, depth, |c, d| self.show(c, d)),
            None => format!("#{class}"),
        }
    }
}

fn show_node(n: &Node, depth: usize, child: impl Fn(usize, usize) -> String) -> String {
    match n {
        Node::Op { prim, args } => {
            let head = match prim {
                P::Unary(_) | P::Binary(_) | P::Compare(_) | P::SelectN | P::Clamp | P::IsFinite => {
                    n.to_string()
                }
                _ => format!("{prim:?}"),
            };
            if depth == 0 {
                return format!("{head}(..)");
            }
            let args: Vec<String> = args.iter().map(|a| child(usize::from(*a), depth - 1)).collect();
            format!("{head}({})", args.join(", "))
        }
        Node::Arg { index, ty } => format!("arg{index}:{ty}"),
        Node::Splat { ty, bits } => format!("{:?}:{ty}", f64::from_bits(*bits)),
        Node::Opaque { index, .. } => format!("opaque{index}"),
    }
}

/// Where a class after the rule takes its value from.
#[derive(Clone, Copy)]
enum Src {
    /// The original term of a pre-rule class (the first of those merged).
    Pre(usize),
    /// A class the rule created: its defining node, by position in `defs`.
    New(usize),
}

/// One class after the rule.
struct Class {
    id: usize,
    /// Positions (in `Pre::reps`) of the pre-rule classes merged into it.
    pres: Vec<usize>,
    nodes: Vec<Node>,
    ty: Option<TensorType>,
    splat: Option<f64>,
    check: bool,
}

struct Post {
    classes: Vec<Class>,
    src: Map<Src>,
    /// The defining nodes of new classes, children before parents.
    defs: Vec<(Node, TensorType)>,
}

impl Post {
    /// The e-graph after the rule; `all`: check every class (folding),
    /// else those the rule changed.
    fn new(eg: &JaxrEGraph, pre: &Pre, all: bool) -> Post {
        let mut classes: Vec<Class> = eg
            .classes()
            .map(|c| Class {
                id: usize::from(c.id),
                pres: Vec::new(),
                nodes: c.nodes.clone(),
                ty: c.data.ty.clone(),
                splat: c.data.splat,
                check: false,
            })
            .collect();
        classes.sort_by_key(|c| c.id);
        let index: Map<usize> = classes.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        for (i, (id, _, _)) in pre.reps.iter().enumerate() {
            let post = usize::from(eg.find((*id).into()));
            classes[index[&post]].pres.push(i);
        }
        let mut src = Map::default();
        for c in &mut classes {
            if let Some(&first) = c.pres.first() {
                src.insert(c.id, Src::Pre(first));
                let (count, bits) = pre.shape[&pre.reps[first].0];
                c.check =
                    all || c.pres.len() > 1 || count != c.nodes.len() || bits != c.splat.map(f64::to_bits);
            } else {
                c.check = true;
            }
        }
        // New classes: a node whose children all have a source, repeatedly.
        let mut defs = Vec::new();
        loop {
            let mut progress = false;
            for c in &classes {
                if src.contains_key(&c.id) {
                    continue;
                }
                let Some(ty) = &c.ty else { continue };
                if let Some(n) = c.nodes.iter().find(|n| {
                    n.prim().is_none() || matches!(n, Node::Op { args, .. } if args.iter().all(|a| src.contains_key(&usize::from(*a))))
                }) {
                    src.insert(c.id, Src::New(defs.len()));
                    defs.push((n.clone(), ty.clone()));
                    progress = true;
                }
            }
            if !progress {
                break;
            }
        }
        Post { classes, src, defs }
    }

    fn values(&self, pre: &[Option<V>], args: &[Array]) -> Vec<Option<V>> {
        let mut vals: Vec<Option<V>> = Vec::with_capacity(self.defs.len());
        for (n, t) in &self.defs {
            let v = eval_node(n, t, args, |c| self.value(c, pre, &vals));
            vals.push(v);
        }
        vals
    }

    fn value<'a>(&self, class: usize, pre: &'a [Option<V>], new: &'a [Option<V>]) -> Option<&'a V> {
        match self.src.get(&class)? {
            Src::Pre(i) => pre[*i].as_ref(),
            Src::New(i) => new.get(*i)?.as_ref(),
        }
    }

    fn show(&self, class: usize, pre: &Pre, depth: usize) -> String {
        match self.src.get(&class) {
            Some(Src::Pre(i)) => pre.show(pre.reps[*i].0, depth),
            Some(Src::New(i)) => show_node(&self.defs[*i].0, depth, |c, d| self.show(c, pre, d)),
            None => format!("#{class}"),
        }
    }
}

fn children(n: &Node) -> Vec<usize> {
    match n {
        Node::Op { args, .. } => args.iter().map(|a| usize::from(*a)).collect(),
        _ => Vec::new(),
    }
}

/// The original terms (positions in `Pre::reps`) that checking `checked`
/// evaluates: theirs, their nodes' children's, and those below.
fn needed(pre: &Pre, post: &Post, checked: &[&Class]) -> Vec<bool> {
    let mut need = vec![false; pre.reps.len()];
    let mut seen = vec![false; post.defs.len()];
    let mut pres: Vec<usize> = Vec::new();
    let mut posts: Vec<usize> = Vec::new();
    for c in checked {
        pres.extend(&c.pres);
        posts.push(c.id);
        posts.extend(c.nodes.iter().flat_map(children));
    }
    loop {
        if let Some(c) = posts.pop() {
            match post.src.get(&c) {
                Some(Src::Pre(i)) => pres.push(*i),
                Some(Src::New(j)) if !seen[*j] => {
                    seen[*j] = true;
                    posts.extend(children(&post.defs[*j].0));
                }
                _ => {}
            }
        } else if let Some(i) = pres.pop() {
            if !need[i] {
                need[i] = true;
                pres.extend(children(&pre.reps[i].1).iter().filter_map(|c| pre.position.get(c)));
            }
        } else {
            return need;
        }
    }
}

/// A seed built, its e-graph rebuilt, with its original terms.
struct Seed {
    name: &'static str,
    s: S,
    pre: Pre,
}

/// `list` built (constant folding on, transcendental folds with `fast_math`).
fn build(list: &[(&'static str, Build)], fast_math: bool) -> Vec<Seed> {
    list.iter()
        .map(|(name, build)| {
            let mut s = S::new(fast_math);
            build(&mut s);
            s.eg.rebuild();
            let pre = Pre::new(&s);
            Seed { name, s, pre }
        })
        .collect()
}

/// What checking one rule found.
#[derive(Default, Debug)]
struct Outcome {
    /// The seeds it changed.
    fired: Vec<&'static str>,
    /// Comparisons made, and skipped (fast-math: non-finite values).
    compared: usize,
    skipped: usize,
    /// (seed, message): one per failing seed (folding: per failing class).
    failures: Vec<(&'static str, String)>,
}

/// Maps from e-class ids, hashed by one multiplication (SipHash dominated
/// the debug-build profile).
type Map<V> = HashMap<usize, V, BuildHasherDefault<IdHasher>>;

#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// What is compared with a class's value.
enum What<'a> {
    /// Another original term merged into the class (position in `Pre::reps`).
    Original(usize),
    /// An e-node of the class.
    Node(&'a Node),
    /// The class's analysis splat value.
    Splat(f64),
}

/// A rule as the checker runs it: one iteration on an e-graph, saying
/// whether it changed anything.
type Apply<'a> = &'a dyn Fn(&mut JaxrEGraph) -> bool;

/// Checks `rule` (`None`: no rewrite, every class checked: constant
/// folding) on `seeds` (built with the same `fast_math`), comparing as exact
/// or fast-math.
fn check(name: &str, fast_math: bool, rule: Option<Apply>, seeds: &[Seed]) -> Outcome {
    let mut out = Outcome::default();
    for (k, Seed { name: seed, s, pre }) in seeds.iter().enumerate() {
        let seed = *seed;
        let mut s = s.clone();
        if let Some(apply) = rule {
            let mut fired = false;
            for _ in 0..ITERATIONS {
                if !apply(&mut s.eg) {
                    break;
                }
                fired = true;
                s.eg.rebuild();
                if s.eg.total_number_of_nodes() > NODE_LIMIT {
                    break;
                }
            }
            if !fired {
                continue;
            }
            out.fired.push(seed);
        }
        let post = Post::new(&s.eg, pre, rule.is_none());
        let checked: Vec<&Class> = post
            .classes
            .iter()
            .filter(|c| c.check && (rule.is_some() || c.splat.is_some() || c.nodes.len() > 1))
            .collect();
        if checked.is_empty() {
            continue;
        }
        let need = needed(pre, &post, &checked);
        // Static: splat values must be values of their type.
        for c in &checked {
            for n in &c.nodes {
                if let Node::Splat { ty, bits } = n {
                    if let Err(e) = splat_array(ty, f64::from_bits(*bits)) {
                        out.failures.push((seed, format!("rule {name}, seed '{seed}': splat node {n}: {e}")));
                    }
                }
            }
        }
        let samples = if s.args.is_empty() {
            1
        } else if rule.is_none() {
            3
        } else {
            SAMPLES
        };
        let mut rng =
            Rng(0x9E37_79B9_7F4A_7C15 ^ (k as u64 + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ hash(name));
        'samples: for sample in 0..samples {
            // One assignment in four from a handful of values (ties).
            let few = sample % 4 == 3;
            let args: Vec<Array> = s.args.iter().map(|t| draw_array(&mut rng, t, fast_math, few)).collect();
            let pre_vals = pre.values(&args, &need);
            let new_vals = post.values(&pre_vals, &args);
            for c in &checked {
                let Some(want) = post.value(c.id, &pre_vals, &new_vals) else { continue };
                let Some(ty) = &c.ty else { continue };
                // Every node, every merged original term, the analysis splat.
                let mut got: Vec<(What, Option<V>)> = Vec::new();
                for &p in c.pres.iter().skip(1) {
                    got.push((What::Original(p), pre_vals[p].clone()));
                }
                for n in &c.nodes {
                    let v = eval_node(n, ty, &args, |x| post.value(x, &pre_vals, &new_vals));
                    got.push((What::Node(n), v));
                }
                if let Some(v) = c.splat {
                    let a = splat_array(ty, v).ok().map(|a| V::of(a, &[]));
                    got.push((What::Splat(v), a));
                }
                for (what, v) in got {
                    let Some(v) = v else { continue };
                    match agree(want, &v, fast_math) {
                        None => out.skipped += 1,
                        Some(true) => out.compared += 1,
                        Some(false) => {
                            let what = match what {
                                What::Original(p) => format!("original term {}", pre.show(pre.reps[p].0, 3)),
                                What::Node(n) => {
                                    format!("node {}", show_node(n, 3, |x, d| post.show(x, pre, d)))
                                }
                                What::Splat(v) => format!("analysis splat {v:?} (folding)"),
                            };
                            let mut msg = format!(
                                "rule {name}{}, seed '{seed}': class of {}\n    = {}\n  but {what}\n    = {}\n  inputs:",
                                if fast_math { " (fast-math)" } else { "" },
                                post.show(c.id, pre, 4),
                                show_array(&want.a),
                                show_array(&v.a),
                            );
                            for (i, a) in args.iter().enumerate() {
                                let _ = write!(msg, " arg{i} = {};", show_array(a));
                            }
                            out.failures.push((seed, msg));
                            // A rule: one counterexample per seed. Folding:
                            // one per class.
                            if rule.is_some() {
                                break 'samples;
                            }
                            break;
                        }
                    }
                }
            }
        }
    }
    out
}

fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// Every rule of `named_rewrites` (all groups, fast-math included) and
/// constant folding (exact and fast-math), checked once per test process.
struct Results {
    rules: Vec<(&'static str, bool, Outcome)>,
    fold: Vec<(&'static str, Outcome)>,
}

fn results() -> &'static Results {
    static RESULTS: OnceLock<Results> = OnceLock::new();
    RESULTS.get_or_init(|| {
        let list = seeds();
        let seeds = [build(&list, false), build(&list, true)];
        let config = RuleConfig { groups: GROUPS.iter().map(|g| g.to_string()).collect(), fast_math: true };
        let rules = named_rewrites(&config)
            .into_iter()
            .map(|(info, rw)| {
                let apply = |eg: &mut JaxrEGraph| {
                    let matches = rw.search(eg);
                    !matches.is_empty() && !rw.apply(eg, &matches).is_empty()
                };
                let tolerant = info.fast_math || ACCUMULATION_ORDER.contains(&info.name);
                let seeds = &seeds[usize::from(tolerant)];
                (info.name, tolerant, check(info.name, tolerant, Some(&apply), seeds))
            })
            .collect();
        let all: Vec<(&'static str, Build)> = list.into_iter().chain(fold_seeds()).collect();
        let fold = vec![
            ("fold", check("fold", false, None, &build(&all, false))),
            ("fold (fast-math)", check("fold", true, None, &build(&all, true))),
        ];
        Results { rules, fold }
    })
}

/// The failures of `name` not excused by [`KNOWN_WRONG`], and a complaint
/// for each entry of `name` there that no longer fails.
fn unexpected(name: &str, out: &Outcome) -> Vec<String> {
    let known = |seed: &str| KNOWN_WRONG.iter().any(|(r, s, _)| *r == name && *s == seed);
    let mut wrong: Vec<String> =
        out.failures.iter().filter(|(seed, _)| !known(seed)).map(|(_, m)| m.clone()).collect();
    for (r, seed, _) in KNOWN_WRONG.iter().filter(|(r, _, _)| *r == name) {
        if !out.failures.iter().any(|(s, _)| s == seed) {
            wrong.push(format!("{r} no longer fails on seed '{seed}': remove it from KNOWN_WRONG"));
        }
    }
    wrong
}

#[test]
fn every_rule_agrees_with_the_reference() {
    let r = results();
    let wrong: Vec<String> = r.rules.iter().flat_map(|(name, _, out)| unexpected(name, out)).collect();
    assert!(wrong.is_empty(), "{} failure(s):\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn constant_folding_agrees_with_the_reference() {
    let r = results();
    let mut all = Outcome::default();
    for (name, out) in &r.fold {
        assert!(out.compared > 500, "{name}: only {} folded values compared", out.compared);
        all.failures.extend(out.failures.iter().cloned());
    }
    let wrong = unexpected("fold", &all);
    assert!(wrong.is_empty(), "{} failure(s):\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn every_rule_fires_on_some_seed() {
    let r = results();
    let mut missing = Vec::new();
    for (name, _, out) in &r.rules {
        if UNCOVERED.iter().any(|(u, _)| u == name) {
            continue;
        }
        if out.fired.is_empty() {
            missing.push(format!(
                "{name}: no seed makes it fire (add one to seeds() in tests/suite/rule_check.rs)"
            ));
        } else if out.compared == 0 && out.failures.is_empty() {
            missing.push(format!("{name}: fired on {:?} but no input was ever compared", out.fired));
        }
    }
    for (u, _) in UNCOVERED {
        if !r.rules.iter().any(|(name, _, _)| name == u) {
            missing.push(format!("{u} is in UNCOVERED but is not a rule"));
        }
    }
    for (k, _, _) in KNOWN_WRONG {
        if *k != "fold" && !r.rules.iter().any(|(name, _, _)| name == k) {
            missing.push(format!("{k} is in KNOWN_WRONG but is not a rule"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

// ---------------------------------------------------------------------------
// The checker itself: wrong rules must fail it
// ---------------------------------------------------------------------------

/// A deliberately wrong rule: `x * 1 = x + 1` (every `mul` whose right
/// operand is the splat 1), as an egg applier would add and union it.
fn mul_one_is_add_one(eg: &mut JaxrEGraph) -> bool {
    let mut todo = Vec::new();
    for c in eg.classes() {
        for n in &c.nodes {
            if let Node::Op { prim: P::Binary(B::Mul), args } = n {
                if eg[args[1]].data.splat == Some(1.0) {
                    todo.push((c.id, args[0], args[1]));
                }
            }
        }
    }
    let mut changed = false;
    for (c, x, one) in todo {
        let s = eg.add(Node::Op { prim: P::Binary(B::Add), args: vec![x, one] });
        changed |= eg.union(c, s);
    }
    changed
}

/// Another: `x * 1 = x * 1.001` (close, but not within the fast-math tolerance).
fn mul_one_is_mul_nearly_one(eg: &mut JaxrEGraph) -> bool {
    let mut todo = Vec::new();
    for c in eg.classes() {
        for n in &c.nodes {
            if let Node::Op { prim: P::Binary(B::Mul), args } = n {
                let ty = eg[args[1]].data.ty.clone().unwrap();
                if eg[args[1]].data.splat == Some(1.0) && ty.elem.is_float() {
                    todo.push((c.id, args[0], ty));
                }
            }
        }
    }
    let mut changed = false;
    for (c, x, ty) in todo {
        let k = eg.add(Node::splat(ty.clone(), reference::round_to(ty.elem, 1.001)));
        let s = eg.add(Node::Op { prim: P::Binary(B::Mul), args: vec![x, k] });
        changed |= eg.union(c, s);
    }
    changed
}

fn only(name: &str, fast_math: bool) -> Vec<Seed> {
    let list: Vec<(&'static str, Build)> = seeds().into_iter().filter(|(n, _)| *n == name).collect();
    build(&list, fast_math)
}

#[test]
fn the_checker_catches_wrong_rules() {
    for fast_math in [false, true] {
        let seeds = only("x*1, x/1", fast_math);
        let out = check("fake/mul-one-is-add-one", fast_math, Some(&mul_one_is_add_one), &seeds);
        assert_eq!(out.fired, ["x*1, x/1"]);
        let (_, msg) = out.failures.first().expect("x*1 = x+1 must fail");
        assert!(
            msg.contains("fake/mul-one-is-add-one")
                && msg.contains("x*1, x/1")
                && msg.contains("inputs: arg0"),
            "{msg}"
        );
    }
    let out = check("fake/mul-nearly-one", true, Some(&mul_one_is_mul_nearly_one), &only("x*1, x/1", true));
    assert!(!out.failures.is_empty(), "x*1 = x*1.001 passes the fast-math tolerance");
    // A fast-math law (x + 0.0 = x, wrong for x = -0.0) checked as exact.
    let config = RuleConfig { groups: GROUPS.iter().map(|g| g.to_string()).collect(), fast_math: true };
    let (_, rw) =
        named_rewrites(&config).into_iter().find(|(i, _)| i.name == "neutral/add-pos-zero").expect("rule");
    let apply = |eg: &mut JaxrEGraph| {
        let m = rw.search(eg);
        !m.is_empty() && !rw.apply(eg, &m).is_empty()
    };
    let out = check("neutral/add-pos-zero", false, Some(&apply), &only("x+0.0", false));
    let (_, msg) = out.failures.first().expect("x + 0.0 = x is not exact");
    assert!(msg.contains("-0.0"), "{msg}");
    // And it passes as fast-math.
    assert!(check("neutral/add-pos-zero", true, Some(&apply), &only("x+0.0", true)).failures.is_empty());
}
