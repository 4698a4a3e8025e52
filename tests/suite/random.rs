//! JAX-compatible random numbers: jaxr's random ops against samples JAX
//! 0.10.2 drew (tests/data/jax/random.json, from gen_random.py), bit for
//! bit, and the corpus's random_uniform_key7 written in jaxr.

use jaxr_runtime::HostTensor;
use jaxr_tests::run_on_cpu;
use serde_json::Value;

use crate::corpus::{corpus_cases, read_json};

fn data_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/jax")
}

fn mlir_type(dtype: &str, shape: &[i64]) -> String {
    let elem = match dtype {
        "uint32" | "u32" => "ui32",
        "float32" | "f32" => "f32",
        "float64" | "f64" => "f64",
        "int32" | "i32" => "i32",
        other => panic!("dtype {other}"),
    };
    let dims: String = shape.iter().map(|d| format!("{d}x")).collect();
    format!("tensor<{dims}{elem}>")
}

fn ints(v: &Value) -> Vec<i64> {
    v.as_array().expect("array").iter().map(|x| x.as_i64().expect("integer")).collect()
}

/// Little-endian words of a result, as the JSON's integers or hex float bits.
fn words(t: &HostTensor) -> Vec<u64> {
    let size = t.dtype.byte_size();
    t.data
        .chunks(size)
        .map(|c| {
            let mut b = [0u8; 8];
            b[..size].copy_from_slice(c);
            u64::from_le_bytes(b)
        })
        .collect()
}

fn expected_words(out: &Value) -> Vec<u64> {
    let dtype = out["dtype"].as_str().expect("dtype");
    out["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|v| {
            if dtype.starts_with("float") {
                u64::from_str_radix(v.as_str().expect("hex bits"), 16).expect("hex")
            } else {
                let x = v.as_i64().expect("integer");
                if dtype == "int32" {
                    u64::from(x as i32 as u32)
                } else {
                    x as u64
                }
            }
        })
        .collect()
}

/// The jaxr program of one JAX case.
fn program(case: &Value) -> String {
    let op = case["op"].as_str().expect("op");
    let out = &case["out"];
    let out_ty = mlir_type(out["dtype"].as_str().expect("dtype"), &ints(&out["shape"]));
    let key = |c: &Value| {
        let k = ints(&c["key"]);
        format!("%k = jaxr.constant dense<[{}, {}]> : tensor<2xui32>", k[0], k[1])
    };
    let body = match op {
        "random_seed" => format!(
            "%s = jaxr.constant dense<{}> : tensor<i32>\n  %r = jaxr.random_seed %s : tensor<i32> -> {out_ty}",
            case["seed"]
        ),
        "random_split" | "random_bits" | "random_normal" => {
            format!("{}\n  %r = jaxr.{op} %k : tensor<2xui32> -> {out_ty}", key(case))
        }
        "random_fold_in" => format!(
            "{}\n  %d = jaxr.constant dense<{}> : tensor<ui32>\n  %r = jaxr.random_fold_in %k, %d : (tensor<2xui32>, tensor<ui32>) -> {out_ty}",
            key(case),
            case["data"]
        ),
        "random_uniform" | "random_randint" => {
            let scalar = mlir_type(case["dtype"].as_str().expect("dtype"), &[]);
            let lit = |v: &Value| if scalar.contains('f') { format!("{:?}", v.as_f64().expect("number")) } else { v.to_string() };
            format!(
                "{}\n  %lo = jaxr.constant dense<{}> : {scalar}\n  %hi = jaxr.constant dense<{}> : {scalar}\n  %r = jaxr.{op} %k, %lo, %hi : (tensor<2xui32>, {scalar}, {scalar}) -> {out_ty}",
                key(case),
                lit(&case["minval"]),
                lit(&case["maxval"])
            )
        }
        other => panic!("unknown case {other}"),
    };
    format!("func.func @main() -> {out_ty} {{\n  {body}\n  return %r : {out_ty}\n}}\n")
}

#[test]
fn every_jax_random_sample_matches_bit_for_bit() {
    let cases = read_json(&data_dir().join("random.json"));
    let mut failures = Vec::new();
    let mut ops = std::collections::BTreeSet::new();
    for case in cases["cases"].as_array().expect("cases") {
        let text = program(case);
        ops.insert(case["op"].as_str().unwrap_or("").to_string());
        match run_on_cpu(&text, "main", &[]) {
            Err(e) => failures.push(format!("{text}\n  {e}")),
            Ok(results) => {
                let want = expected_words(&case["out"]);
                if words(&results[0]) != want {
                    failures.push(format!("{text}\n  got {:x?}\n  JAX {:x?}", words(&results[0]), want));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} samples differ from JAX's:\n{}", failures.len(), failures.join("\n"));
    for op in jaxr_dialect::primitive::random_mnemonics().into_iter().filter(|m| *m != "threefry2x32") {
        assert!(ops.contains(op), "no JAX sample checks jaxr.{op}");
    }
}

/// random_uniform_key7 (split, uniform, fold_in, randint) in jaxr.
pub(crate) const KEY7: &str = r#"
func.func @main(%key: tensor<2xui32>) -> (tensor<4x5xf32>, tensor<6xi32>) {
  %keys = jaxr.random_split %key : tensor<2xui32> -> tensor<2x2xui32>
  %a = jaxr.slice %keys, start = [0, 0], limit = [1, 2], strides = [1, 1] : tensor<2x2xui32> -> tensor<1x2xui32>
  %ka = jaxr.reshape %a : tensor<1x2xui32> -> tensor<2xui32>
  %b = jaxr.slice %keys, start = [1, 0], limit = [2, 2], strides = [1, 1] : tensor<2x2xui32> -> tensor<1x2xui32>
  %kb = jaxr.reshape %b : tensor<1x2xui32> -> tensor<2xui32>
  %lo = jaxr.constant dense<-1.0> : tensor<f32>
  %hi = jaxr.constant dense<3.0> : tensor<f32>
  %u = jaxr.random_uniform %ka, %lo, %hi : (tensor<2xui32>, tensor<f32>, tensor<f32>) -> tensor<4x5xf32>
  %three = jaxr.constant dense<3> : tensor<ui32>
  %kf = jaxr.random_fold_in %kb, %three : (tensor<2xui32>, tensor<ui32>) -> tensor<2xui32>
  %zero = jaxr.constant dense<0> : tensor<i32>
  %hundred = jaxr.constant dense<100> : tensor<i32>
  %n = jaxr.random_randint %kf, %zero, %hundred : (tensor<2xui32>, tensor<i32>, tensor<i32>) -> tensor<6xi32>
  return %u, %n : tensor<4x5xf32>, tensor<6xi32>
}
"#;

#[test]
fn random_uniform_key7_in_jaxr_matches_the_corpus_bit_for_bit() {
    let case = corpus_cases().into_iter().find(|c| c.ends_with("random_uniform_key7")).expect("corpus case");
    let inputs = read_json(&case.join("inputs.json"));
    let expected = read_json(&case.join("expected.json"));
    let key = crate::corpus::tensor(&inputs["args"][0]);
    let results = run_on_cpu(KEY7, "main", &[key]).expect("runs");
    for (k, want) in expected["fwd"]["outputs"].as_array().expect("outputs").iter().enumerate() {
        let want = crate::corpus::tensor(want);
        assert_eq!(results[k].shape, want.shape);
        assert_eq!(results[k].data, want.data, "result {k} differs from JAX's bits");
    }
}

#[test]
fn uniform_has_derivatives_in_its_bounds_only() {
    // d/dhi sum(u) = sum((u - lo) / (hi - lo)); d/dlo = n - that.
    let text = r#"
func.func @f(%lo: tensor<f32>, %hi: tensor<f32>) -> tensor<f32> {
  %k = jaxr.constant dense<[0, 9]> : tensor<2xui32>
  %u = jaxr.random_uniform %k, %lo, %hi : (tensor<2xui32>, tensor<f32>, tensor<f32>) -> tensor<8xf32>
  %s = jaxr.reduce_sum %u, axes = [0] : tensor<8xf32> -> tensor<f32>
  return %s : tensor<f32>
}
func.func @u(%lo: tensor<f32>, %hi: tensor<f32>) -> tensor<8xf32> {
  %k = jaxr.constant dense<[0, 9]> : tensor<2xui32>
  %u = jaxr.random_uniform %k, %lo, %hi : (tensor<2xui32>, tensor<f32>, tensor<f32>) -> tensor<8xf32>
  return %u : tensor<8xf32>
}
"#;
    let args = [HostTensor::from_f32(&[], &[-1.0]).unwrap(), HostTensor::from_f32(&[], &[3.0]).unwrap()];
    let u = jaxr_tests::run_on_cpu(text, "u", &args).unwrap()[0].to_f64_vec().unwrap();
    let g =
        jaxr_tests::run_on_cpu_after(text, "f_grad", "jaxr-autodiff{grad-of=f argnums=0,1}", &args).unwrap();
    let d_hi: f64 = u.iter().map(|x| (x + 1.0) / 4.0).sum();
    let (glo, ghi) = (g[0].to_f64_vec().unwrap()[0], g[1].to_f64_vec().unwrap()[0]);
    assert!((ghi - d_hi).abs() < 1e-5, "{ghi} vs {d_hi}");
    assert!((glo - (8.0 - d_hi)).abs() < 1e-5, "{glo} vs {}", 8.0 - d_hi);
}
