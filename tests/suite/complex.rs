//! Complex numbers end to end: StableHLO with complex values raised into
//! jaxr (`strict=true`), run on the CPU plugin against num-complex, and
//! differentiated with JAX's conventions, checked by finite differences:
//!
//! - the JVP of a holomorphic function equals (f(z + h t) - f(z - h t)) / 2h
//!   for a complex direction t;
//! - the gradient of a real function f of z = x + iy is df/dx - i df/dy
//!   (JAX's `grad`, which transposes without conjugating).

use jaxr_runtime::HostTensor;
use jaxr_tests::run_on_cpu_after;
use num_complex::Complex64;

const RAISE: &str = "convert-stablehlo-to-jaxr{strict=true}";

/// The ops on complex values only, which the case tables of `ops.rs` and
/// `derivatives.rs` (real arrays) cannot hold: this file checks each
/// against num-complex and its derivative by finite differences.
pub(crate) const COMPLEX_OPS: &[&str] = &["real", "imag", "conj", "complex", "fft"];

/// A holomorphic function of z and w (elementwise), and a real function of
/// z built with real, imag, conj, complex and abs.
const PROGRAM: &str = r#"
func.func @holomorphic(%z: tensor<3xcomplex<f64>>, %w: tensor<3xcomplex<f64>>) -> tensor<3xcomplex<f64>> {
  %0 = stablehlo.exponential %z : tensor<3xcomplex<f64>>
  %1 = stablehlo.multiply %0, %w : tensor<3xcomplex<f64>>
  %2 = stablehlo.sine %z : tensor<3xcomplex<f64>>
  %3 = stablehlo.divide %1, %2 : tensor<3xcomplex<f64>>
  %4 = stablehlo.sqrt %w : tensor<3xcomplex<f64>>
  %5 = stablehlo.subtract %3, %4 : tensor<3xcomplex<f64>>
  %6 = stablehlo.log %z : tensor<3xcomplex<f64>>
  %7 = stablehlo.add %5, %6 : tensor<3xcomplex<f64>>
  %a = stablehlo.atan2 %z, %w : tensor<3xcomplex<f64>>
  %b = stablehlo.add %7, %a : tensor<3xcomplex<f64>>
  %8 = stablehlo.tanh %b : tensor<3xcomplex<f64>>
  return %8 : tensor<3xcomplex<f64>>
}
func.func @holomorphic_sum(%z: tensor<3xcomplex<f64>>, %w: tensor<3xcomplex<f64>>) -> tensor<complex<f64>> {
  %0 = func.call @holomorphic(%z, %w) : (tensor<3xcomplex<f64>>, tensor<3xcomplex<f64>>) -> tensor<3xcomplex<f64>>
  %c = stablehlo.constant dense<(0.0, 0.0)> : tensor<complex<f64>>
  %1 = stablehlo.reduce(%0 init: %c) applies stablehlo.add across dimensions = [0] : (tensor<3xcomplex<f64>>, tensor<complex<f64>>) -> tensor<complex<f64>>
  return %1 : tensor<complex<f64>>
}
func.func @real_valued(%z: tensor<3xcomplex<f64>>) -> tensor<f64> {
  %0 = chlo.conj %z : tensor<3xcomplex<f64>> -> tensor<3xcomplex<f64>>
  %1 = stablehlo.multiply %z, %z : tensor<3xcomplex<f64>>
  %2 = stablehlo.multiply %1, %0 : tensor<3xcomplex<f64>>
  %3 = stablehlo.real %2 : (tensor<3xcomplex<f64>>) -> tensor<3xf64>
  %4 = stablehlo.imag %z : (tensor<3xcomplex<f64>>) -> tensor<3xf64>
  %5 = stablehlo.exponential %4 : tensor<3xf64>
  %6 = stablehlo.real %z : (tensor<3xcomplex<f64>>) -> tensor<3xf64>
  %7 = stablehlo.complex %5, %6 : tensor<3xcomplex<f64>>
  %8 = stablehlo.multiply %7, %7 : tensor<3xcomplex<f64>>
  %9 = stablehlo.imag %8 : (tensor<3xcomplex<f64>>) -> tensor<3xf64>
  %10 = stablehlo.add %3, %9 : tensor<3xf64>
  %abs = stablehlo.abs %8 : (tensor<3xcomplex<f64>>) -> tensor<3xf64>
  %with_abs = stablehlo.add %10, %abs : tensor<3xf64>
  %c = stablehlo.constant dense<0.0> : tensor<f64>
  %11 = stablehlo.reduce(%with_abs init: %c) applies stablehlo.add across dimensions = [0] : (tensor<3xf64>, tensor<f64>) -> tensor<f64>
  return %11 : tensor<f64>
}
"#;

fn tensor(values: &[Complex64]) -> HostTensor {
    HostTensor::from_slice(&[values.len() as i64], values).expect("a complex tensor")
}

fn complexes(t: &HostTensor) -> Vec<Complex64> {
    t.to_vec::<Complex64>().expect("complex<f64> values")
}

fn run(function: &str, pipeline: &str, inputs: &[HostTensor]) -> Vec<HostTensor> {
    run_on_cpu_after(PROGRAM, function, pipeline, inputs).unwrap_or_else(|e| panic!("{function}: {e}"))
}

fn assert_close(got: Complex64, want: Complex64, tolerance: f64, what: &str) {
    assert!((got - want).norm() <= tolerance * (1.0 + want.norm()), "{what}: {got}, expected {want}");
}

fn z() -> Vec<Complex64> {
    vec![Complex64::new(0.3, 0.8), Complex64::new(-1.1, 0.4), Complex64::new(0.7, -0.6)]
}

fn w() -> Vec<Complex64> {
    vec![Complex64::new(1.2, -0.5), Complex64::new(0.4, 0.9), Complex64::new(-0.8, -0.3)]
}

fn holomorphic(z: Complex64, w: Complex64) -> Complex64 {
    (z.exp() * w / z.sin() - w.sqrt() + z.ln() + atan2(z, w)).tanh()
}

/// atan2(y, x) of complex values, as StableHLO defines it:
/// -i log((x + iy) / sqrt(x^2 + y^2)).
fn atan2(y: Complex64, x: Complex64) -> Complex64 {
    let i = Complex64::new(0.0, 1.0);
    -i * ((x + i * y) / (x * x + y * y).sqrt()).ln()
}

#[test]
fn complex_programs_raise_and_match_num_complex() {
    // Raised, and simplified by the e-graph (exact laws, then fast-math).
    for pipeline in [
        RAISE.to_string(),
        format!("{RAISE}, jaxr-simplify"),
        format!("{RAISE}, jaxr-optimize{{fast-math=true}}"),
    ] {
        let out = run("holomorphic", &pipeline, &[tensor(&z()), tensor(&w())]);
        for (i, got) in complexes(&out[0]).into_iter().enumerate() {
            assert_close(got, holomorphic(z()[i], w()[i]), 1e-12, &format!("{pipeline}: element {i}"));
        }
    }
}

#[test]
fn jvp_of_a_holomorphic_function_matches_complex_finite_differences() {
    let t = vec![Complex64::new(0.5, -1.0), Complex64::new(0.25, 0.75), Complex64::new(-1.0, 0.5)];
    let s = vec![Complex64::new(-0.3, 0.2), Complex64::new(1.0, 0.0), Complex64::new(0.1, 0.6)];
    let pipeline = format!("{RAISE}, jaxr-autodiff{{jvp-of=holomorphic argnums=0,1}}");
    let out = run("holomorphic_jvp", &pipeline, &[tensor(&z()), tensor(&w()), tensor(&t), tensor(&s)]);
    let h = 1e-6;
    for (i, got) in complexes(&out[1]).into_iter().enumerate() {
        let f = |e: f64| holomorphic(z()[i] + t[i] * e, w()[i] + s[i] * e);
        let want = (f(h) - f(-h)) / (2.0 * h);
        assert_close(got, want, 1e-7, &format!("tangent {i}"));
    }
}

#[test]
fn holomorphic_grad_is_the_complex_derivative() {
    let pipeline = format!("{RAISE}, jaxr-autodiff{{grad-of=holomorphic_sum argnums=0,1 holomorphic=true}}");
    let out = run("holomorphic_sum_grad", &pipeline, &[tensor(&z()), tensor(&w())]);
    let h = 1e-6;
    for i in 0..3 {
        let dz = (holomorphic(z()[i] + h, w()[i]) - holomorphic(z()[i] - h, w()[i])) / (2.0 * h);
        let dw = (holomorphic(z()[i], w()[i] + h) - holomorphic(z()[i], w()[i] - h)) / (2.0 * h);
        assert_close(complexes(&out[0])[i], dz, 1e-7, &format!("d/dz {i}"));
        assert_close(complexes(&out[1])[i], dw, 1e-7, &format!("d/dw {i}"));
    }
    // Without holomorphic, a complex result is refused, as JAX refuses it.
    let err = jaxr_tests::lower_for_pjrt_after(
        PROGRAM,
        "holomorphic_sum_grad",
        &format!("{RAISE}, jaxr-autodiff{{grad-of=holomorphic_sum}}"),
    )
    .unwrap_err();
    assert!(err.contains("holomorphic differentiates complex results"), "{err}");
}

#[test]
fn grad_of_a_real_function_of_complex_inputs_is_df_dx_minus_i_df_dy() {
    let value = run("real_valued", RAISE, &[tensor(&z())])[0].to_f64_vec().expect("f64");
    let grad = complexes(
        &run("real_valued_grad", &format!("{RAISE}, jaxr-autodiff{{grad-of=real_valued}}"), &[tensor(&z())])
            [0],
    );
    let f = |z: &[Complex64]| -> f64 {
        z.iter()
            .map(|&z| {
                let v = (z * z * z.conj()).re;
                let c = Complex64::new(z.im.exp(), z.re);
                v + (c * c).im + (c * c).norm()
            })
            .sum()
    };
    assert!((value[0] - f(&z())).abs() <= 1e-12 * (1.0 + value[0].abs()), "{} against {}", value[0], f(&z()));
    let h = 1e-6;
    for i in 0..3 {
        let moved = |d: Complex64| {
            let mut p = z();
            p[i] += d;
            f(&p)
        };
        let dx = (moved(Complex64::new(h, 0.0)) - moved(Complex64::new(-h, 0.0))) / (2.0 * h);
        let dy = (moved(Complex64::new(0.0, h)) - moved(Complex64::new(0.0, -h))) / (2.0 * h);
        assert_close(grad[i], Complex64::new(dx, -dy), 1e-7, &format!("gradient {i}"));
    }
}

// ---------------------------------------------------------------------------
// lax.fft
// ---------------------------------------------------------------------------

/// fft of each kind over the trailing dimensions of a 2x4x6 tensor (2-D
/// transforms of a batch of 2), as JAX prints it.
const FFTS: &str = r#"
func.func @fft(%x: tensor<2x4x6xcomplex<f64>>) -> tensor<2x4x6xcomplex<f64>> {
  %0 = stablehlo.fft %x, type = FFT, length = [4, 6] : (tensor<2x4x6xcomplex<f64>>) -> tensor<2x4x6xcomplex<f64>>
  return %0 : tensor<2x4x6xcomplex<f64>>
}
func.func @ifft(%x: tensor<2x4x6xcomplex<f64>>) -> tensor<2x4x6xcomplex<f64>> {
  %0 = stablehlo.fft %x, type = IFFT, length = [6] : (tensor<2x4x6xcomplex<f64>>) -> tensor<2x4x6xcomplex<f64>>
  return %0 : tensor<2x4x6xcomplex<f64>>
}
func.func @rfft(%x: tensor<2x4x6xf64>) -> tensor<2x4x4xcomplex<f64>> {
  %0 = stablehlo.fft %x, type = RFFT, length = [4, 6] : (tensor<2x4x6xf64>) -> tensor<2x4x4xcomplex<f64>>
  return %0 : tensor<2x4x4xcomplex<f64>>
}
func.func @irfft(%x: tensor<2x4x4xcomplex<f64>>) -> tensor<2x4x6xf64> {
  %0 = stablehlo.fft %x, type = IRFFT, length = [4, 6] : (tensor<2x4x4xcomplex<f64>>) -> tensor<2x4x6xf64>
  return %0 : tensor<2x4x6xf64>
}
func.func @irfft_odd(%x: tensor<3x3xcomplex<f64>>) -> tensor<3x5xf64> {
  %0 = stablehlo.fft %x, type = IRFFT, length = [5] : (tensor<3x3xcomplex<f64>>) -> tensor<3x5xf64>
  return %0 : tensor<3x5xf64>
}
"#;

/// The naive DFT of `x` (shape `shape`, row-major) over its trailing
/// `lengths.len()` dimensions: e^(-2 pi i k n / N) forward, e^(+...) / N
/// inverse.
fn dft(x: &[Complex64], shape: &[usize], k: usize, inverse: bool) -> Vec<Complex64> {
    let lead: usize = shape[..shape.len() - k].iter().product();
    let dims = &shape[shape.len() - k..];
    let size: usize = dims.iter().product();
    let index = |mut flat: usize| -> Vec<usize> {
        let mut idx = vec![0; k];
        for d in (0..k).rev() {
            idx[d] = flat % dims[d];
            flat /= dims[d];
        }
        idx
    };
    let sign = if inverse { 1.0 } else { -1.0 };
    let mut out = vec![Complex64::new(0.0, 0.0); x.len()];
    for b in 0..lead {
        for f in 0..size {
            let fi = index(f);
            let mut acc = Complex64::new(0.0, 0.0);
            for n in 0..size {
                let ni = index(n);
                let phase: f64 = (0..k).map(|d| (fi[d] * ni[d]) as f64 / dims[d] as f64).sum();
                acc +=
                    x[b * size + n] * Complex64::from_polar(1.0, sign * 2.0 * std::f64::consts::PI * phase);
            }
            out[b * size + f] = if inverse { acc / size as f64 } else { acc };
        }
    }
    out
}

/// The full spectrum of a half spectrum (last dimension n/2 + 1 of n) by
/// Hermitian symmetry: X[-k] = conj(X[k]) over the trailing `k` dimensions.
fn full_spectrum(half: &[Complex64], lead: usize, dims: &[usize]) -> Vec<Complex64> {
    let k = dims.len();
    let n = dims[k - 1];
    let m = n / 2 + 1;
    let mut half_dims = dims.to_vec();
    half_dims[k - 1] = m;
    let size: usize = dims.iter().product();
    let half_size: usize = half_dims.iter().product();
    let flat = |idx: &[usize], ds: &[usize]| idx.iter().zip(ds).fold(0, |acc, (i, d)| acc * d + i);
    let mut out = vec![Complex64::new(0.0, 0.0); lead * size];
    for b in 0..lead {
        for f in 0..size {
            let mut idx = vec![0; k];
            let mut rest = f;
            for d in (0..k).rev() {
                idx[d] = rest % dims[d];
                rest /= dims[d];
            }
            out[b * size + f] = if idx[k - 1] < m {
                half[b * half_size + flat(&idx, &half_dims)]
            } else {
                let mirrored: Vec<usize> = idx.iter().zip(dims).map(|(&i, &d)| (d - i) % d).collect();
                half[b * half_size + flat(&mirrored, &half_dims)].conj()
            };
        }
    }
    out
}

fn reals(values: &[f64]) -> Vec<Complex64> {
    values.iter().map(|&v| Complex64::new(v, 0.0)).collect()
}

fn sample(n: usize, seed: f64) -> Vec<Complex64> {
    (0..n).map(|i| Complex64::new((seed * (i as f64 + 1.0)).sin(), (seed * 0.7 * i as f64).cos())).collect()
}

/// The reference of each function of FFTS on `x` (complex, or real parts
/// for rfft): (input shape, output values).
fn fft_reference(function: &str, x: &[Complex64]) -> Vec<Complex64> {
    match function {
        "fft" => dft(x, &[2, 4, 6], 2, false),
        "ifft" => dft(x, &[2, 4, 6], 1, true),
        "rfft" => {
            let full = dft(x, &[2, 4, 6], 2, false);
            full.chunks(6).flat_map(|row| row[..4].to_vec()).collect()
        }
        "irfft" => dft(&full_spectrum(x, 2, &[4, 6]), &[2, 4, 6], 2, true),
        "irfft_odd" => dft(&full_spectrum(x, 3, &[5]), &[3, 5], 1, true),
        other => panic!("no reference for {other}"),
    }
}

/// (input shape, input is complex, output is complex) of each function.
fn fft_signature(function: &str) -> (Vec<i64>, bool, bool) {
    match function {
        "fft" | "ifft" => (vec![2, 4, 6], true, true),
        "rfft" => (vec![2, 4, 6], false, true),
        "irfft" => (vec![2, 4, 4], true, false),
        _ => (vec![3, 3], true, false),
    }
}

fn host(values: &[Complex64], shape: &[i64], complex: bool) -> HostTensor {
    if complex {
        HostTensor::from_slice(shape, values).expect("complex tensor")
    } else {
        HostTensor::from_f64(shape, &values.iter().map(|c| c.re).collect::<Vec<_>>()).expect("f64 tensor")
    }
}

fn values_of(t: &HostTensor, complex: bool) -> Vec<Complex64> {
    if complex {
        complexes(t)
    } else {
        reals(&t.to_f64_vec().expect("f64 values"))
    }
}

/// A half spectrum that is the RFFT of a real signal (so IRFFT inverts it
/// exactly, as the reference assumes of the imaginary parts it ignores).
fn half_spectrum(function: &str) -> Vec<Complex64> {
    let (shape, k) = if function == "irfft" { (vec![2, 4, 6], 2) } else { (vec![3, 5], 1) };
    let n: usize = shape.iter().product();
    let signal = reals(&sample(n, 0.37).iter().map(|c| c.re).collect::<Vec<_>>());
    let full = dft(&signal, &shape, k, false);
    let last = shape[shape.len() - 1];
    full.chunks(last).flat_map(|row| row[..last / 2 + 1].to_vec()).collect()
}

#[test]
fn fft_of_every_kind_matches_the_naive_dft() {
    for function in ["fft", "ifft", "rfft", "irfft", "irfft_odd"] {
        let (shape, complex_in, complex_out) = fft_signature(function);
        let n: usize = shape.iter().product::<i64>() as usize;
        let x = if function.starts_with("irfft") { half_spectrum(function) } else { sample(n, 0.61) };
        let x = if complex_in { x } else { reals(&x.iter().map(|c| c.re).collect::<Vec<_>>()) };
        let out = run_on_cpu_after(FFTS, function, RAISE, &[host(&x, &shape, complex_in)])
            .unwrap_or_else(|e| panic!("{function}: {e}"));
        let want = fft_reference(function, &x);
        for (i, (got, want)) in values_of(&out[0], complex_out).into_iter().zip(want).enumerate() {
            assert_close(
                got,
                if complex_out { want } else { Complex64::new(want.re, 0.0) },
                1e-12,
                &format!("{function} {i}"),
            );
        }
    }
}

/// With JAX's convention, the cotangent pairs with a tangent by the real
/// part of the unconjugated product: Re(sum(vjp(c) t)) = Re(sum(c L(t))).
#[test]
fn fft_vjps_are_jaxs_transposes() {
    for function in ["fft", "ifft", "rfft", "irfft", "irfft_odd"] {
        let (shape, complex_in, complex_out) = fft_signature(function);
        let n: usize = shape.iter().product::<i64>() as usize;
        let x = sample(n, 0.23);
        let x = if complex_in { x } else { reals(&x.iter().map(|c| c.re).collect::<Vec<_>>()) };
        let t = sample(n, 1.3);
        let t = if complex_in { t } else { reals(&t.iter().map(|c| c.re).collect::<Vec<_>>()) };
        let l_t = values_of(
            &run_on_cpu_after(FFTS, function, RAISE, &[host(&t, &shape, complex_in)]).expect("forward")[0],
            complex_out,
        );
        let c = sample(l_t.len(), 0.9);
        let c = if complex_out { c } else { reals(&c.iter().map(|c| c.re).collect::<Vec<_>>()) };
        let mut out_shape = shape.clone();
        let last = out_shape.len() - 1;
        out_shape[last] = match function {
            "rfft" => 4,
            "irfft" => 6,
            "irfft_odd" => 5,
            _ => out_shape[last],
        };
        let pipeline = format!("{RAISE}, jaxr-autodiff{{vjp-of={function}}}");
        let vjp = run_on_cpu_after(
            FFTS,
            &format!("{function}_vjp"),
            &pipeline,
            &[host(&x, &shape, complex_in), host(&c, &out_shape, complex_out)],
        )
        .unwrap_or_else(|e| panic!("{function}: {e}"));
        let ct = values_of(&vjp[0], complex_in);
        let lhs: f64 = ct.iter().zip(&t).map(|(a, b)| (a * b).re).sum();
        let rhs: f64 = c.iter().zip(&l_t).map(|(a, b)| (a * b).re).sum();
        assert!((lhs - rhs).abs() <= 1e-10 * (1.0 + rhs.abs()), "{function}: {lhs} against {rhs}");
    }
}

#[test]
fn vmap_of_fft_transforms_each_example() {
    let pipeline = format!("{RAISE}, jaxr-vmap{{of=rfft size=3}}");
    let x: Vec<Complex64> = reals(&sample(3 * 48, 0.41).iter().map(|c| c.re).collect::<Vec<_>>());
    let out = run_on_cpu_after(FFTS, "rfft_vmap", &pipeline, &[host(&x, &[3, 2, 4, 6], false)])
        .unwrap_or_else(|e| panic!("{e}"));
    let got = complexes(&out[0]);
    for (e, example) in x.chunks(48).enumerate() {
        for (i, want) in fft_reference("rfft", example).into_iter().enumerate() {
            assert_close(got[e * 32 + i], want, 1e-12, &format!("example {e} element {i}"));
        }
    }
}
