//! The element types beyond the basic ones, on the real XLA CPU plugin:
//! complex numbers, `i2`/`i4`/`ui2`/`ui4` and the 8/6/4-bit floats.
//!
//! Values are checked against independent references: hand-computed
//! results, and `ml_dtypes` (the oracle venv that `scripts/setup
//! --with-oracle` creates, run once; those checks are skipped, with a
//! message, when it is missing). The plugin tests fail, not skip, when the
//! plugin is missing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use jaxr_runtime::{
    cache_dir, format_literal, format_tensor, from_npy_bytes, locate_plugin, parse_literal, to_npy_bytes,
    Client, ClientOptions, DType, HostTensor, Plugin,
};
use num_complex::Complex;

fn cpu_client() -> Client {
    static PLUGIN: OnceLock<Plugin> = OnceLock::new();
    let plugin = *PLUGIN.get_or_init(|| {
        let located = locate_plugin(None).unwrap_or_else(|e| {
            panic!("{e}\nThe PJRT tests need the XLA CPU plugin: run scripts/setup first.")
        });
        Plugin::load_located(&located).unwrap_or_else(|e| panic!("{e}\n(try re-running scripts/setup)"))
    });
    Client::new(&plugin, &ClientOptions::default()).unwrap()
}

fn run(module: &str, inputs: &[HostTensor]) -> Vec<HostTensor> {
    let exe = cpu_client().compile(module).unwrap_or_else(|e| panic!("{e}\n{module}"));
    exe.execute(inputs).unwrap_or_else(|e| panic!("{e}\n{module}"))
}

fn small_floats() -> impl Iterator<Item = DType> {
    DType::ALL.into_iter().filter(|d| d.is_small_float())
}

// ---------------------------------------------------------------- oracle

/// What `ml_dtypes` says about one small float type.
#[derive(Default)]
struct Oracle {
    /// The value of every bit pattern (as `float64`).
    decoded: Vec<f64>,
    /// (`f32` probe, its encoding): every finite value, the midpoints
    /// between neighbours, one `f32` ulp either side of those, the overflow
    /// ties, specials and random values.
    probes: Vec<(f32, u8)>,
}

const ORACLE_SCRIPT: &str = r#"
import ml_dtypes, numpy as np
rng = np.random.default_rng(7)
for name in ["float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz", "float8_e5m2fnuz", "float8_e4m3b11fnuz",
             "float8_e4m3", "float8_e3m4", "float8_e8m0fnu", "float6_e2m3fn", "float6_e3m2fn", "float4_e2m1fn"]:
    t = getattr(ml_dtypes, name)
    width = 4 if name.startswith("float4") else 6 if name.startswith("float6") else 8
    bits = np.arange(1 << width, dtype=np.uint8)
    values = bits.view(t).astype(np.float64)
    for b, v in zip(bits, values):
        print("decode", name, int(b), repr(float(v)))
    finite = np.unique(values[np.isfinite(values)])
    mids = (finite[1:] + finite[:-1]) / 2
    top = finite.max()
    step = top - finite[-2] if name != "float8_e8m0fnu" else top
    extra = [top + step / 2, -(top + step / 2), top + step, 2 * top, 1e30, -1e30]
    with np.errstate(over="ignore"):
        p = np.concatenate([finite, mids, extra]).astype(np.float32)
    p = p[np.isfinite(p)]
    p = np.concatenate([p, np.nextafter(p, np.float32(np.inf)), np.nextafter(p, np.float32(-np.inf)),
                        (rng.standard_normal(200) * top / 3).astype(np.float32),
                        np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-40, 2.0**-130, 2.0**-149], np.float32)])
    for x, e in zip(p.view(np.uint32), p.astype(t).view(np.uint8)):
        print("probe", name, int(x), int(e))
"#;

/// `ml_dtypes`' answers per type, or `None` (with a message) without the
/// oracle venv.
fn oracle() -> Option<&'static BTreeMap<DType, Oracle>> {
    static ORACLE: OnceLock<Option<BTreeMap<DType, Oracle>>> = OnceLock::new();
    ORACLE
        .get_or_init(|| {
            let python: PathBuf = cache_dir()?.join("oracle-venv").join("bin").join("python");
            if !python.is_file() {
                eprintln!(
                    "skipping the ml_dtypes checks: no {} (run scripts/setup --with-oracle)",
                    python.display()
                );
                return None;
            }
            let out =
                Command::new(&python).arg("-c").arg(ORACLE_SCRIPT).output().expect("running the oracle");
            assert!(out.status.success(), "oracle failed: {}", String::from_utf8_lossy(&out.stderr));
            let by_name: BTreeMap<&str, DType> =
                small_floats().map(|d| (d.ml_dtypes_name().expect("ml_dtypes name"), d)).collect();
            let mut all: BTreeMap<DType, Oracle> = BTreeMap::new();
            for line in String::from_utf8(out.stdout).expect("UTF-8").lines() {
                let f: Vec<&str> = line.split_whitespace().collect();
                let entry = all.entry(by_name[f[1]]).or_default();
                match f[0] {
                    "decode" => entry.decoded.push(f[3].parse().expect("a float")),
                    _ => entry
                        .probes
                        .push((f32::from_bits(f[2].parse().expect("bits")), f[3].parse().expect("a byte"))),
                }
            }
            assert_eq!(all.len(), 11);
            Some(all)
        })
        .as_ref()
}

fn same_value(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || (a == b && a.is_sign_negative() == b.is_sign_negative())
}

#[test]
fn every_bit_pattern_decodes_as_ml_dtypes_does() {
    let Some(oracle) = oracle() else { return };
    for dtype in small_floats() {
        let want = &oracle[&dtype].decoded;
        assert_eq!(want.len(), 1 << dtype.bit_width(), "{dtype}");
        let bytes: Vec<u8> = (0..want.len()).map(|b| b as u8).collect();
        let got = HostTensor::new(dtype, vec![want.len() as i64], bytes).unwrap().to_f64_vec().unwrap();
        for (b, (g, w)) in got.iter().zip(want).enumerate() {
            assert!(same_value(*g, *w), "{dtype} bits {b:#04x}: {g} vs ml_dtypes {w}");
        }
    }
}

#[test]
fn literals_round_as_ml_dtypes_does_and_refuse_overflow() {
    let Some(oracle) = oracle() else { return };
    for dtype in small_floats() {
        let o = &oracle[&dtype];
        let max = o.decoded.iter().copied().filter(|v| v.is_finite()).fold(0.0, f64::max);
        let mut accepted = 0;
        for &(probe, want) in &o.probes {
            // The f64 text of the f32 value reads back exactly.
            let text = format!("{dtype}={:e}", f64::from(probe));
            let wanted = o.decoded[usize::from(want)];
            match parse_literal(&text) {
                Ok(t) => {
                    accepted += 1;
                    if wanted.is_nan() {
                        assert!(t.to_f64_vec().unwrap()[0].is_nan(), "{text}: ml_dtypes gives NaN");
                    } else {
                        assert_eq!(t.data[0], want, "{text}: ml_dtypes gives {wanted}");
                    }
                }
                Err(e) => {
                    // Refused: ml_dtypes overflows (to inf/NaN, or saturates
                    // to max from beyond it), or cannot hold it (NaN), or
                    // the type has no inf/NaN for such a literal.
                    let e = e.to_string();
                    let overflow = !wanted.is_finite()
                        || (wanted.abs() == max && f64::from(probe).abs() > max && dtype.bit_width() < 8);
                    assert!(
                        overflow || probe.is_nan() || probe.is_infinite(),
                        "{text}: {e} (ml_dtypes: {wanted})"
                    );
                    assert!(
                        e.contains(&format!("for {dtype}")) || e.contains(&format!("{dtype} has no")),
                        "{e}"
                    );
                }
            }
        }
        assert!(accepted * 2 > o.probes.len(), "{dtype}: only {accepted} of {} accepted", o.probes.len());
    }
}

// ------------------------------------------------------------ the plugin

#[test]
fn every_new_type_passes_through_unchanged() {
    // Every bit pattern of every one-byte type, odd lengths included (no
    // packing of sub-byte types on the way).
    for dtype in DType::ALL.into_iter().filter(|d| d.byte_size() == 1 && *d != DType::Pred) {
        let n = 1usize << dtype.bit_width();
        let data: Vec<u8> = (0..n).map(|b| b as u8).collect();
        let t = HostTensor::new(dtype, vec![n as i64], data).unwrap();
        let odd = HostTensor::new(dtype, vec![3], vec![1, 0, 1]).unwrap();
        let ty = |len: usize| format!("tensor<{len}x{dtype}>");
        let module = format!(
            "func.func public @main(%a: {0}, %b: {1}) -> ({0}, {1}) {{\n  return %a, %b : {0}, {1}\n}}",
            ty(n),
            ty(3)
        );
        assert_eq!(run(&module, &[t.clone(), odd.clone()]), vec![t, odd], "{dtype}");
    }
    let c = parse_literal("3xcomplex<f32>=1+2j -0-3.5j nan+infj").unwrap();
    let z = parse_literal("2x2xcomplex<f64>=0.1-0.2j").unwrap();
    let module = "func.func public @main(%a: tensor<3xcomplex<f32>>, %b: tensor<2x2xcomplex<f64>>) \
                  -> (tensor<3xcomplex<f32>>, tensor<2x2xcomplex<f64>>) {\n  return %a, %b : tensor<3xcomplex<f32>>, tensor<2x2xcomplex<f64>>\n}";
    assert_eq!(run(module, &[c.clone(), z.clone()]), vec![c, z]);
}

#[test]
fn complex_arithmetic() {
    let module = r#"
func.func public @main(%a: tensor<3xcomplex<f32>>, %b: tensor<3xcomplex<f32>>, %c: tensor<2xcomplex<f64>>,
                       %re: tensor<2xf64>, %im: tensor<2xf64>)
    -> (tensor<3xcomplex<f32>>, tensor<3xcomplex<f32>>, tensor<2xf64>, tensor<2xf64>, tensor<2xcomplex<f64>>) {
  %0 = stablehlo.add %a, %b : tensor<3xcomplex<f32>>
  %1 = stablehlo.multiply %a, %b : tensor<3xcomplex<f32>>
  %2 = stablehlo.real %c : (tensor<2xcomplex<f64>>) -> tensor<2xf64>
  %3 = stablehlo.imag %c : (tensor<2xcomplex<f64>>) -> tensor<2xf64>
  %4 = stablehlo.complex %re, %im : tensor<2xcomplex<f64>>
  return %0, %1, %2, %3, %4 : tensor<3xcomplex<f32>>, tensor<3xcomplex<f32>>, tensor<2xf64>, tensor<2xf64>, tensor<2xcomplex<f64>>
}"#;
    let out = run(
        module,
        &[
            parse_literal("3xcomplex<f32>=1+2j -3.5j 4").unwrap(),
            parse_literal("3xcomplex<f32>=3-1j 2+2j 0.5j").unwrap(),
            parse_literal("2xcomplex<f64>=0.1+0.2j -inf-1e-300j").unwrap(),
            parse_literal("2xf64=1.5 -0").unwrap(),
            parse_literal("2xf64=-2 nan").unwrap(),
        ],
    );
    assert_eq!(format_tensor(&out[0]), "tensor<3xcomplex<f32>> = [4+1j, 2-1.5j, 4+0.5j]");
    // (1+2j)(3-1j) = 5+5j; (-3.5j)(2+2j) = 7-7j; 4 * 0.5j = 2j.
    assert_eq!(
        out[1].to_vec::<Complex<f32>>().unwrap(),
        vec![Complex::new(5.0, 5.0), Complex::new(7.0, -7.0), Complex::new(0.0, 2.0)]
    );
    assert_eq!(format_tensor(&out[2]), "tensor<2xf64> = [0.1, -inf]");
    assert_eq!(out[3].to_vec::<f64>().unwrap(), vec![0.2, -1e-300]);
    assert_eq!(format_literal(&out[4]), "2xcomplex<f64>=1.5-2j -0+nanj");
    // What comes back is written and read as .npy unchanged.
    for t in &out {
        assert_eq!(&from_npy_bytes(&to_npy_bytes(t).unwrap()).unwrap(), t);
    }
}

#[test]
fn sub_byte_integer_arithmetic() {
    let module = r#"
func.func public @main(%a: tensor<4xi4>, %b: tensor<4xi4>, %u: tensor<4xui2>, %w: tensor<4xi8>)
    -> (tensor<4xi4>, tensor<4xi8>, tensor<4xui2>, tensor<4xi2>) {
  %0 = stablehlo.add %a, %b : tensor<4xi4>
  %1 = stablehlo.convert %a : (tensor<4xi4>) -> tensor<4xi8>
  %2 = stablehlo.multiply %u, %u : tensor<4xui2>
  %3 = stablehlo.convert %w : (tensor<4xi8>) -> tensor<4xi2>
  return %0, %1, %2, %3 : tensor<4xi4>, tensor<4xi8>, tensor<4xui2>, tensor<4xi2>
}"#;
    let out = run(
        module,
        &[
            parse_literal("4xi4=-8 7 1 -1").unwrap(),
            parse_literal("4xi4=1").unwrap(),
            parse_literal("4xui2=0 1 2 3").unwrap(),
            parse_literal("4xi8=-2 -1 0 1").unwrap(),
        ],
    );
    // Two's complement wrap-around: 7 + 1 = -8.
    assert_eq!(format_tensor(&out[0]), "tensor<4xi4> = [-7, -8, 2, 0]");
    assert_eq!(out[0].data, vec![0x09, 0x08, 0x02, 0x00]);
    assert_eq!(out[1].to_vec::<i8>().unwrap(), vec![-8, 7, 1, -1]);
    // Modulo 4: 2 * 2 = 0, 3 * 3 = 1.
    assert_eq!(format_tensor(&out[2]), "tensor<4xui2> = [0, 1, 0, 1]");
    assert_eq!(format_tensor(&out[3]), "tensor<4xi2> = [-2, -1, 0, 1]");
    assert_eq!(out[3].data, vec![2, 3, 0, 1]);
}

#[test]
fn small_float_conversions_on_the_device() {
    // Exactly representable values convert exactly whatever the rounding
    // rules: no oracle needed.
    for dtype in small_floats() {
        let values: &[f32] = match dtype {
            DType::F8E8M0FNU => &[1.0, 0.5, 2f32.powi(-127), 2f32.powi(127)],
            DType::F4E2M1FN => &[1.0, -0.5, 6.0, -0.0],
            _ => &[1.0, -0.5, 1.5, 0.25],
        };
        let n = values.len();
        // XLA CPU 0.11.2 cannot compile a convert *from* the f6 types
        // ("Invalid bitcast i6 to i8"), so those are read on the host.
        let from_f6 = dtype.bit_width() == 6;
        let back = if from_f6 {
            String::new()
        } else {
            format!("  %1 = stablehlo.convert %0 : (tensor<{n}x{dtype}>) -> tensor<{n}xf32>\n")
        };
        let (results, returned) = if from_f6 {
            (format!("tensor<{n}x{dtype}>"), "%0".to_string())
        } else {
            (format!("tensor<{n}x{dtype}>, tensor<{n}xf32>"), "%0, %1".to_string())
        };
        let module = format!(
            "func.func public @main(%a: tensor<{n}xf32>) -> ({results}) {{\n  %0 = stablehlo.convert %a : (tensor<{n}xf32>) -> tensor<{n}x{dtype}>\n{back}  return {returned} : {results}\n}}"
        );
        let out = run(&module, &[HostTensor::from_f32(&[n as i64], values).unwrap()]);
        let want: Vec<f64> = values.iter().map(|v| f64::from(*v)).collect();
        assert_eq!(out[0].to_f64_vec().unwrap(), want, "{dtype}");
        let literal = format_literal(&out[0]);
        assert_eq!(parse_literal(&literal).unwrap(), out[0], "{literal}");
        if !from_f6 {
            assert_eq!(out[1].to_f64_vec().unwrap(), want, "{dtype} back to f32");
        }
    }
}

#[test]
fn small_float_conversions_match_ml_dtypes() {
    let Some(oracle) = oracle() else { return };
    let mut differences = Vec::new();
    for dtype in small_floats() {
        let o = &oracle[&dtype];
        let probes: Vec<f32> = o.probes.iter().map(|p| p.0).collect();
        let n = probes.len();
        let m = o.decoded.len();
        let from_f6 = dtype.bit_width() == 6;
        let mut module = format!(
            "func.func public @main(%a: tensor<{n}xf32>, %b: tensor<{m}x{dtype}>) -> (tensor<{n}x{dtype}>, tensor<{m}xf32>) {{\n  %0 = stablehlo.convert %a : (tensor<{n}xf32>) -> tensor<{n}x{dtype}>\n  %1 = stablehlo.convert %b : (tensor<{m}x{dtype}>) -> tensor<{m}xf32>\n  return %0, %1 : tensor<{n}x{dtype}>, tensor<{m}xf32>\n}}"
        );
        if from_f6 {
            // XLA CPU 0.11.2 cannot compile a convert from f6 (see above).
            module = format!(
                "func.func public @main(%a: tensor<{n}xf32>, %b: tensor<{m}x{dtype}>) -> (tensor<{n}x{dtype}>, tensor<{m}x{dtype}>) {{\n  %0 = stablehlo.convert %a : (tensor<{n}xf32>) -> tensor<{n}x{dtype}>\n  return %0, %b : tensor<{n}x{dtype}>, tensor<{m}x{dtype}>\n}}"
            );
        }
        let all_bits = HostTensor::new(dtype, vec![m as i64], (0..m).map(|b| b as u8).collect()).unwrap();
        let out = run(&module, &[HostTensor::from_f32(&[n as i64], &probes).unwrap(), all_bits]);
        for (i, (&(probe, want), &got)) in o.probes.iter().zip(&out[0].data).enumerate() {
            let (g, w) = (o.decoded[usize::from(got)], o.decoded[usize::from(want)]);
            // Known differences of XLA CPU 0.11.2: f32 -> f6 gives +-0 for
            // what overflows (and for inf/NaN) where ml_dtypes saturates
            // (literals refuse those anyway); f32 subnormals (below
            // 2^-126) become 2^-126 in f8E8M0FNU where ml_dtypes rounds to
            // nearest.
            let refused = parse_literal(&format!("{dtype}={:e}", f64::from(probe))).is_err();
            let f6_overflow = dtype.bit_width() == 6 && refused && g == 0.0;
            let e8m0_subnormal = dtype == DType::F8E8M0FNU && probe.is_subnormal();
            let same = got == want || (g.is_nan() && w.is_nan());
            if !(same || f6_overflow || e8m0_subnormal) {
                differences.push(format!(
                    "{dtype}: f32 {probe:e} (probe {i}) -> XLA {got:#04x} = {g}, ml_dtypes {want:#04x} = {w}"
                ));
            }
        }
        let back = out[1].to_f64_vec().unwrap();
        for (b, (g, w)) in back.iter().zip(&o.decoded).enumerate() {
            assert!(same_value(*g, *w), "{dtype} bits {b:#04x} on the device: {g} vs ml_dtypes {w}");
        }
    }
    assert!(differences.is_empty(), "XLA and ml_dtypes differ:\n{}", differences.join("\n"));
}

// ------------------------------------------------------------------ .npy

const NPY_SCRIPT: &str = r#"
import sys, os, ml_dtypes, numpy as np
d = sys.argv[1]
# What numpy reads from the files jaxr-runtime wrote.
for f in sorted(os.listdir(d)):
    if f.startswith("rs_"):
        a = np.load(os.path.join(d, f))
        print(f, a.dtype.name, a.shape, a.tobytes().hex())
# What numpy.save writes, for jaxr-runtime to read.
np.save(os.path.join(d, "py_f8e4m3fn.npy"), np.array([1, -0.5, 448], dtype=ml_dtypes.float8_e4m3fn))
np.save(os.path.join(d, "py_f8e5m2.npy"), np.array([1, -0.5, np.inf], dtype=ml_dtypes.float8_e5m2))
np.save(os.path.join(d, "py_int4.npy"), np.array([[-8, 7], [1, -1]], dtype=ml_dtypes.int4))
np.save(os.path.join(d, "py_c64.npy"), np.array([1 + 2j, -3.5j], dtype=np.complex64))
np.save(os.path.join(d, "py_c128.npy"), np.array(0.1 - 0.2j, dtype=np.complex128))
"#;

#[test]
fn npy_files_interoperate_with_numpy_and_ml_dtypes() {
    let Some(python) =
        cache_dir().map(|d| d.join("oracle-venv").join("bin").join("python")).filter(|p| p.is_file())
    else {
        eprintln!("skipping: no oracle venv (run scripts/setup --with-oracle)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("jaxr-runtime-npy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut written = BTreeMap::new();
    for dtype in DType::ALL
        .into_iter()
        .filter(|d| (d.ml_dtypes_name().is_some() && d.byte_size() == 1) || d.is_complex())
    {
        let t = if dtype.is_complex() {
            parse_literal(&format!("2x2x{dtype}=1+2j -0-3.5j inf-1e-30j 0.1")).unwrap()
        } else {
            let n = 1usize << dtype.bit_width().min(8);
            HostTensor::new(dtype, vec![n as i64], (0..n).map(|b| b as u8).collect()).unwrap()
        };
        let name = format!("rs_{}.npy", dtype.npy_descr().trim_start_matches('<'));
        jaxr_runtime::write_npy(dir.join(&name), &t).unwrap();
        written.insert(name, t);
    }
    let out = Command::new(&python).arg("-c").arg(NPY_SCRIPT).arg(&dir).output().expect("running python");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut seen = 0;
    for line in stdout.lines() {
        let f: Vec<&str> = line.splitn(3, ' ').collect();
        let t = &written[f[0]];
        let hex: String = t.data.iter().map(|b| format!("{b:02x}")).collect();
        // The dtype numpy sees, and the same bytes.
        let want_name = t.dtype.ml_dtypes_name().map(str::to_string).unwrap_or_else(|| match t.dtype {
            DType::C64 => "complex64".to_string(),
            _ => "complex128".to_string(),
        });
        assert_eq!(f[1], want_name, "{line}");
        assert!(f[2].ends_with(&format!(" {hex}")), "{line} vs {hex}");
        seen += 1;
    }
    assert_eq!(seen, written.len(), "{stdout}");

    // numpy.save's '<V1' needs the type; '<f1' is float8_e5m2.
    let read = |name: &str| jaxr_runtime::read_npy(dir.join(name));
    let e = read("py_f8e4m3fn.npy").unwrap_err().to_string();
    assert!(e.contains("'<V1' is ambiguous"), "{e}");
    let t = jaxr_runtime::read_npy_as(dir.join("py_f8e4m3fn.npy"), DType::F8E4M3FN).unwrap();
    assert_eq!(format_tensor(&t), "tensor<3xf8E4M3FN> = [1, -0.5, 450]");
    let t = read("py_f8e5m2.npy").unwrap();
    assert_eq!(format_tensor(&t), "tensor<3xf8E5M2> = [1, -0.5, inf]");
    let t = jaxr_runtime::read_npy_as(dir.join("py_int4.npy"), DType::S4).unwrap();
    assert_eq!(format_tensor(&t), "tensor<2x2xi4> = [[-8, 7], [1, -1]]");
    let t = read("py_c64.npy").unwrap();
    // Python evaluates -3.5j as -(3.5j): its real part is -0.
    assert_eq!(format_tensor(&t), "tensor<2xcomplex<f32>> = [1+2j, -0-3.5j]");
    assert_eq!(to_npy_bytes(&t).unwrap(), std::fs::read(dir.join("py_c64.npy")).unwrap(), "byte-identical");
    let t = read("py_c128.npy").unwrap();
    assert_eq!(format_tensor(&t), "tensor<complex<f64>> = 0.1-0.2j");
    assert_eq!(to_npy_bytes(&t).unwrap(), std::fs::read(dir.join("py_c128.npy")).unwrap(), "byte-identical");
    std::fs::remove_dir_all(&dir).ok();
}
