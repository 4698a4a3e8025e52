//! lax.linalg.triangular_solve end to end: `stablehlo.triangular_solve`
//! raised into `jaxr.triangular_solve` (`strict=true`), run on the CPU
//! plugin against forward and back substitution in Rust for every
//! combination of left_side, lower, transpose_a (NO_TRANSPOSE, TRANSPOSE)
//! and unit_diagonal, batched too; its JVPs against central finite
//! differences, its VJPs by <vjp(c), t> = <c, J t>, and its batching
//! against the solve per example.

use jaxr_runtime::HostTensor;
use jaxr_tests::{all_close, op_names_after, run_on_cpu_after};
use num_complex::Complex64 as C;

const RAISE: &str = "convert-stablehlo-to-jaxr{strict=true}";

/// The linear-algebra ops, which the case tables of `ops.rs` and
/// `derivatives.rs` (one function `main` of small generic arrays) do not
/// hold: this file checks each against its reference and its derivatives
/// by finite differences.
pub(crate) const LINALG_OPS: &[&str] = &["triangular_solve"];

/// a is m x m; b is m x K (left side) or K x m, per batch element.
const M: usize = 4;
const K: usize = 3;

#[derive(Clone, Copy, Debug)]
struct Solve {
    left: bool,
    lower: bool,
    transpose: bool,
    unit: bool,
    batch: usize,
    /// transpose_a ADJOINT (with `transpose`): op(a) = aᴴ.
    adjoint: bool,
    /// complex<f64> rather than f64.
    complex: bool,
}

impl Solve {
    fn name(self) -> String {
        format!(
            "solve_{}_{}_{}_{}{}{}",
            if self.left { "left" } else { "right" },
            if self.lower { "lower" } else { "upper" },
            if self.adjoint {
                "a"
            } else if self.transpose {
                "t"
            } else {
                "n"
            },
            if self.unit { "unit" } else { "diag" },
            if self.batch > 0 { format!("_b{}", self.batch) } else { String::new() },
            if self.complex { "_complex" } else { "" },
        )
    }

    fn lead(self) -> Vec<i64> {
        if self.batch > 0 {
            vec![self.batch as i64]
        } else {
            vec![]
        }
    }

    fn a_shape(self) -> Vec<i64> {
        [self.lead(), vec![M as i64, M as i64]].concat()
    }

    fn b_shape(self) -> Vec<i64> {
        let last = if self.left { [M as i64, K as i64] } else { [K as i64, M as i64] };
        [self.lead(), last.to_vec()].concat()
    }

    fn batches(self) -> usize {
        self.batch.max(1)
    }
}

fn all_solves() -> Vec<Solve> {
    let mut out = Vec::new();
    for left in [true, false] {
        for lower in [true, false] {
            for transpose in [false, true] {
                for unit in [false, true] {
                    out.push(Solve {
                        left,
                        lower,
                        transpose,
                        unit,
                        batch: 0,
                        adjoint: false,
                        complex: false,
                    });
                }
            }
        }
    }
    out.push(Solve {
        left: true,
        lower: true,
        transpose: false,
        unit: false,
        batch: 2,
        adjoint: false,
        complex: false,
    });
    out.push(Solve {
        left: false,
        lower: false,
        transpose: true,
        unit: true,
        batch: 3,
        adjoint: false,
        complex: false,
    });
    out
}

fn tensor_type(shape: &[i64], complex: bool) -> String {
    let dims: Vec<String> = shape.iter().map(i64::to_string).collect();
    format!("tensor<{}x{}>", dims.join("x"), if complex { "complex<f64>" } else { "f64" })
}

/// One function per solve, as JAX exports lax.linalg.triangular_solve.
fn program(solves: &[Solve]) -> String {
    let mut text = String::new();
    for s in solves {
        let (a, b) = (tensor_type(&s.a_shape(), s.complex), tensor_type(&s.b_shape(), s.complex));
        text.push_str(&format!(
            "func.func @{name}(%a: {a}, %b: {b}) -> {b} {{\n  %0 = \"stablehlo.triangular_solve\"(%a, %b) \
             {{left_side = {left}, lower = {lower}, unit_diagonal = {unit}, transpose_a = #stablehlo<transpose \
             {t}>}} : ({a}, {b}) -> {b}\n  return %0 : {b}\n}}\n",
            name = s.name(),
            left = s.left,
            lower = s.lower,
            unit = s.unit,
            t = if s.adjoint {
                "ADJOINT"
            } else if s.transpose {
                "TRANSPOSE"
            } else {
                "NO_TRANSPOSE"
            },
        ));
    }
    text
}

/// Deterministic values in [-1, 1].
fn values(n: usize, seed: f64) -> Vec<f64> {
    (0..n).map(|k| ((k as f64 + 1.0) * 0.731 + seed).sin()).collect()
}

/// A full (not triangular) a whose diagonal dominates: what the solve must
/// not read (the other triangle; the diagonal with unit_diagonal) is
/// nonzero.
fn matrix_a(s: Solve, seed: f64) -> Vec<f64> {
    let mut a = values(s.batches() * M * M, seed);
    for (k, v) in a.iter_mut().enumerate() {
        let (i, j) = ((k / M) % M, k % M);
        if i == j {
            *v = 4.0 + v.abs();
        }
    }
    a
}

/// Solves t y = rhs for a triangular m x m t (row-major).
fn substitute(t: &[C], lower: bool, rhs: &[C]) -> Vec<C> {
    let mut y = vec![C::new(0.0, 0.0); M];
    let order: Vec<usize> = if lower { (0..M).collect() } else { (0..M).rev().collect() };
    for i in order {
        // Entries of y not yet computed are zero, as are t's outside its triangle.
        let sum: C = (0..M).filter(|&j| j != i).map(|j| t[i * M + j] * y[j]).sum();
        y[i] = (rhs[i] - sum) / t[i * M + i];
    }
    y
}

/// The reference: op(a) x = b or x op(a) = b, per batch element, reading
/// only a's triangle (and not its diagonal with unit_diagonal).
fn reference_complex(s: Solve, a: &[C], b: &[C]) -> Vec<C> {
    let mut out = Vec::with_capacity(b.len());
    for batch in 0..s.batches() {
        let a = &a[batch * M * M..(batch + 1) * M * M];
        let b = &b[batch * M * K..(batch + 1) * M * K];
        // op(a) with the unread entries replaced by what the solve assumes.
        let mut t = vec![C::new(0.0, 0.0); M * M];
        for i in 0..M {
            for j in 0..M {
                let inside = if s.lower { i >= j } else { j >= i };
                let v = if i == j && s.unit {
                    C::new(1.0, 0.0)
                } else if inside {
                    a[i * M + j]
                } else {
                    C::new(0.0, 0.0)
                };
                let v = if s.adjoint { v.conj() } else { v };
                let (r, c) = if s.transpose { (j, i) } else { (i, j) };
                t[r * M + c] = v;
            }
        }
        let t_lower = s.lower != s.transpose;
        if s.left {
            // Column by column: t x[:, c] = b[:, c].
            let mut x = vec![C::new(0.0, 0.0); M * K];
            for c in 0..K {
                let col: Vec<C> = (0..M).map(|i| b[i * K + c]).collect();
                for (i, v) in substitute(&t, t_lower, &col).into_iter().enumerate() {
                    x[i * K + c] = v;
                }
            }
            out.extend(x);
        } else {
            // Row by row: x[r, :] t = b[r, :], that is tᵀ x[r, :]ᵀ = b[r, :]ᵀ.
            let tt: Vec<C> = (0..M * M).map(|k| t[(k % M) * M + k / M]).collect();
            for r in 0..K {
                out.extend(substitute(&tt, !t_lower, &b[r * M..(r + 1) * M]));
            }
        }
    }
    out
}

/// The reference on real values.
fn reference(s: Solve, a: &[f64], b: &[f64]) -> Vec<f64> {
    reference_complex(s, &complexes(a), &complexes(b)).into_iter().map(|z| z.re).collect()
}

fn complexes(x: &[f64]) -> Vec<C> {
    x.iter().map(|&x| C::new(x, 0.0)).collect()
}

fn host(shape: &[i64], v: &[f64]) -> HostTensor {
    HostTensor::from_f64(shape, v).expect("an f64 tensor")
}

fn f64s(t: &HostTensor) -> Vec<f64> {
    t.to_f64_vec().expect("f64 values")
}

fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(a, b)| a * b).sum()
}

fn axpy(x: &[f64], h: f64, t: &[f64]) -> Vec<f64> {
    x.iter().zip(t).map(|(x, t)| x + h * t).collect()
}

/// The central difference of the reference along (ta, tb).
fn finite_difference(s: Solve, a: &[f64], b: &[f64], ta: &[f64], tb: &[f64]) -> Vec<f64> {
    let h = 1e-5;
    let plus = reference(s, &axpy(a, h, ta), &axpy(b, h, tb));
    let minus = reference(s, &axpy(a, -h, ta), &axpy(b, -h, tb));
    plus.iter().zip(&minus).map(|(p, m)| (p - m) / (2.0 * h)).collect()
}

#[test]
fn triangular_solve_raises_into_jaxr() {
    let names = op_names_after(&program(&all_solves()), RAISE).expect("raising");
    assert!(names.iter().any(|n| n == "jaxr.triangular_solve"), "{names:?}");
    assert!(!names.iter().any(|n| n == "stablehlo.triangular_solve"), "{names:?}");
}

#[test]
fn triangular_solve_matches_substitution_in_every_combination() {
    let solves = all_solves();
    let text = program(&solves);
    for (n, s) in solves.into_iter().enumerate() {
        let a = matrix_a(s, 0.3 + n as f64);
        let b = values(s.batches() * M * K, 1.7 + n as f64);
        let out =
            run_on_cpu_after(&text, &s.name(), RAISE, &[host(&s.a_shape(), &a), host(&s.b_shape(), &b)])
                .unwrap_or_else(|e| panic!("{}: {e}", s.name()));
        all_close(&f64s(&out[0]), &reference(s, &a, &b), 1e-12, 1e-12)
            .unwrap_or_else(|e| panic!("{}: {e}", s.name()));
    }
}

/// The JVP in a and in b apart, against central differences of the
/// reference; the VJP of a cotangent c paired with the same directions.
#[test]
fn triangular_solve_derivatives_match_finite_differences() {
    let solves = all_solves();
    let text = program(&solves);
    for (n, s) in solves.into_iter().enumerate() {
        let name = s.name();
        let (a_shape, b_shape) = (s.a_shape(), s.b_shape());
        let a = matrix_a(s, 0.9 + n as f64);
        let b = values(s.batches() * M * K, 2.3 + n as f64);
        let ta = values(a.len(), 5.1 + n as f64);
        let tb = values(b.len(), 7.7 + n as f64);
        let c = values(b.len(), 3.3 + n as f64);
        let zero_a = vec![0.0; a.len()];
        let zero_b = vec![0.0; b.len()];
        let fd_a = finite_difference(s, &a, &b, &ta, &zero_b);
        let fd_b = finite_difference(s, &a, &b, &zero_a, &tb);
        let primals = [host(&a_shape, &a), host(&b_shape, &b)];
        for (argnum, t, fd) in [(0, host(&a_shape, &ta), &fd_a), (1, host(&b_shape, &tb), &fd_b)] {
            let pipeline = format!("{RAISE}, jaxr-autodiff{{jvp-of={name} argnums={argnum}}}");
            let inputs = [primals[0].clone(), primals[1].clone(), t];
            let out = run_on_cpu_after(&text, &format!("{name}_jvp"), &pipeline, &inputs)
                .unwrap_or_else(|e| panic!("{name} jvp {argnum}: {e}"));
            all_close(&f64s(&out[1]), fd, 1e-6, 1e-7).unwrap_or_else(|e| panic!("{name} jvp {argnum}: {e}"));
        }
        let pipeline = format!("{RAISE}, jaxr-autodiff{{vjp-of={name} argnums=0,1}}");
        let inputs = [primals[0].clone(), primals[1].clone(), host(&b_shape, &c)];
        let out = run_on_cpu_after(&text, &format!("{name}_vjp"), &pipeline, &inputs)
            .unwrap_or_else(|e| panic!("{name} vjp: {e}"));
        for (what, got, t, fd) in [("a", &out[0], &ta, &fd_a), ("b", &out[1], &tb, &fd_b)] {
            let (got, want) = (dot(&f64s(got), t), dot(&c, fd));
            let scale: f64 = c.iter().zip(fd.iter()).map(|(x, y)| (x * y).abs()).sum();
            assert!(
                (got - want).abs() <= 1e-6 * (1.0 + scale),
                "{name}: <vjp(c), t_{what}> = {got}, finite differences give <c, J t_{what}> = {want}"
            );
        }
    }
}

/// vmap with a, b or both batched equals the solve per example.
#[test]
fn triangular_solve_batches_per_example() {
    const B: usize = 3;
    let solves = [
        Solve {
            left: true,
            lower: true,
            transpose: false,
            unit: false,
            batch: 0,
            adjoint: false,
            complex: false,
        },
        Solve {
            left: false,
            lower: false,
            transpose: true,
            unit: true,
            batch: 0,
            adjoint: false,
            complex: false,
        },
        Solve {
            left: true,
            lower: true,
            transpose: false,
            unit: false,
            batch: 2,
            adjoint: false,
            complex: false,
        },
    ];
    let text = program(&solves);
    for (n, s) in solves.into_iter().enumerate() {
        let name = s.name();
        let per_a: Vec<Vec<f64>> = (0..B).map(|e| matrix_a(s, 0.2 + (n * B + e) as f64)).collect();
        let per_b: Vec<Vec<f64>> =
            (0..B).map(|e| values(s.batches() * M * K, 4.4 + (n * B + e) as f64)).collect();
        let stacked =
            |shape: &[i64], per: &[Vec<f64>]| host(&[vec![B as i64], shape.to_vec()].concat(), &per.concat());
        for (a_batched, b_batched) in [(true, true), (true, false), (false, true)] {
            let axes = |batched: bool| if batched { "0" } else { "none" };
            let pipeline = format!(
                "{RAISE}, jaxr-vmap{{of={name} in-axes={},{} size={B}}}",
                axes(a_batched),
                axes(b_batched)
            );
            let a = if a_batched { stacked(&s.a_shape(), &per_a) } else { host(&s.a_shape(), &per_a[0]) };
            let b = if b_batched { stacked(&s.b_shape(), &per_b) } else { host(&s.b_shape(), &per_b[0]) };
            let out = run_on_cpu_after(&text, &format!("{name}_vmap"), &pipeline, &[a, b])
                .unwrap_or_else(|e| panic!("{name} ({pipeline}): {e}"));
            let want: Vec<f64> = (0..B)
                .flat_map(|e| {
                    let a = if a_batched { &per_a[e] } else { &per_a[0] };
                    let b = if b_batched { &per_b[e] } else { &per_b[0] };
                    reference(s, a, b)
                })
                .collect();
            all_close(&f64s(&out[0]), &want, 1e-12, 1e-12)
                .unwrap_or_else(|e| panic!("{name} ({pipeline}): {e}"));
        }
    }
}

// ---------------------------------------------------------------------------
// complex<f64>, with ADJOINT
// ---------------------------------------------------------------------------

fn complex_solves() -> Vec<Solve> {
    let mut out = Vec::new();
    for left in [true, false] {
        for (transpose, adjoint) in [(false, false), (true, false), (true, true)] {
            let (lower, unit) = (left != transpose, left && adjoint);
            out.push(Solve { left, lower, transpose, unit, batch: 0, adjoint, complex: true });
        }
    }
    out.push(Solve {
        left: true,
        lower: false,
        transpose: true,
        unit: false,
        batch: 2,
        adjoint: true,
        complex: true,
    });
    out
}

fn complex_values(n: usize, seed: f64) -> Vec<C> {
    values(n, seed).into_iter().zip(values(n, seed + 0.37)).map(|(re, im)| C::new(re, im)).collect()
}

/// matrix_a's real part, a smaller imaginary part.
fn complex_a(s: Solve, seed: f64) -> Vec<C> {
    let re = matrix_a(s, seed);
    re.iter().zip(values(re.len(), seed + 0.5)).map(|(&re, im)| C::new(re, 0.5 * im)).collect()
}

fn host_c(shape: &[i64], v: &[C]) -> HostTensor {
    HostTensor::from_slice(shape, v).expect("a complex tensor")
}

/// Real and imaginary parts, interleaved (for `all_close`).
fn parts(v: &[C]) -> Vec<f64> {
    v.iter().flat_map(|z| [z.re, z.im]).collect()
}

fn parts_of(t: &HostTensor) -> Vec<f64> {
    parts(&t.to_vec::<C>().expect("complex<f64> values"))
}

fn axpy_c(x: &[C], h: f64, t: &[C]) -> Vec<C> {
    x.iter().zip(t).map(|(x, t)| x + t * h).collect()
}

/// Central differences along a complex direction: the JVP (real-linear in
/// the tangent when a conjugate enters, as with ADJOINT).
fn finite_difference_c(s: Solve, a: &[C], b: &[C], ta: &[C], tb: &[C]) -> Vec<C> {
    let h = 1e-5;
    let plus = reference_complex(s, &axpy_c(a, h, ta), &axpy_c(b, h, tb));
    let minus = reference_complex(s, &axpy_c(a, -h, ta), &axpy_c(b, -h, tb));
    plus.iter().zip(&minus).map(|(p, m)| (p - m) / (2.0 * h)).collect()
}

/// Re(sum(x y)): how JAX pairs a cotangent with a tangent (no conjugate).
fn pairing(x: &[C], y: &[C]) -> f64 {
    x.iter().zip(y).map(|(x, y)| (x * y).re).sum()
}

#[test]
fn complex_triangular_solve_and_its_derivatives_with_adjoint() {
    let solves = complex_solves();
    let text = program(&solves);
    for (n, s) in solves.into_iter().enumerate() {
        let name = s.name();
        let (a_shape, b_shape) = (s.a_shape(), s.b_shape());
        let a = complex_a(s, 0.4 + n as f64);
        let b = complex_values(s.batches() * M * K, 1.9 + n as f64);
        let primals = [host_c(&a_shape, &a), host_c(&b_shape, &b)];
        let out = run_on_cpu_after(&text, &name, RAISE, &primals).unwrap_or_else(|e| panic!("{name}: {e}"));
        all_close(&parts_of(&out[0]), &parts(&reference_complex(s, &a, &b)), 1e-12, 1e-12)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let ta = complex_values(a.len(), 5.3 + n as f64);
        let tb = complex_values(b.len(), 7.1 + n as f64);
        let c = complex_values(b.len(), 3.7 + n as f64);
        let zero_a = vec![C::new(0.0, 0.0); a.len()];
        let zero_b = vec![C::new(0.0, 0.0); b.len()];
        let fd_a = finite_difference_c(s, &a, &b, &ta, &zero_b);
        let fd_b = finite_difference_c(s, &a, &b, &zero_a, &tb);
        for (argnum, t, fd) in [(0, host_c(&a_shape, &ta), &fd_a), (1, host_c(&b_shape, &tb), &fd_b)] {
            let pipeline = format!("{RAISE}, jaxr-autodiff{{jvp-of={name} argnums={argnum}}}");
            let inputs = [primals[0].clone(), primals[1].clone(), t];
            let out = run_on_cpu_after(&text, &format!("{name}_jvp"), &pipeline, &inputs)
                .unwrap_or_else(|e| panic!("{name} jvp {argnum}: {e}"));
            all_close(&parts_of(&out[1]), &parts(fd), 1e-6, 1e-7)
                .unwrap_or_else(|e| panic!("{name} jvp {argnum}: {e}"));
        }
        let pipeline = format!("{RAISE}, jaxr-autodiff{{vjp-of={name} argnums=0,1}}");
        let inputs = [primals[0].clone(), primals[1].clone(), host_c(&b_shape, &c)];
        let out = run_on_cpu_after(&text, &format!("{name}_vjp"), &pipeline, &inputs)
            .unwrap_or_else(|e| panic!("{name} vjp: {e}"));
        for (what, got, t, fd) in [("a", &out[0], &ta, &fd_a), ("b", &out[1], &tb, &fd_b)] {
            let got = pairing(&got.to_vec::<C>().expect("complex<f64> values"), t);
            let want = pairing(&c, fd);
            let scale: f64 = c.iter().zip(fd.iter()).map(|(x, y)| (x * y).norm()).sum();
            assert!(
                (got - want).abs() <= 1e-6 * (1.0 + scale),
                "{name}: Re<vjp(c), t_{what}> = {got}, finite differences give Re<c, J t_{what}> = {want}"
            );
        }
    }
}
