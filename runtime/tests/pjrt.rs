//! Integration tests: `.npy` files written by NumPy, and running StableHLO on
//! the real XLA CPU plugin (installed by `scripts/setup`; these tests fail,
//! not skip, when it is missing).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use half::{bf16, f16};
use jaxr_runtime::{
    format_tensor, from_npy_bytes, locate_plugin, parse_literal, read_npy, to_npy_bytes, write_npy, Client,
    ClientOptions, DType, HostTensor, LocatedPlugin, Plugin, PluginKind, RuntimeError, PINNED_PLUGINS,
};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("data").join(name)
}

fn temp_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("jaxr-runtime-test-{}-{name}", std::process::id()))
}

// ------------------------------------------------------------------- .npy

#[test]
fn npy_fixtures_read_and_rewrite_byte_exact() {
    let cases: Vec<(&str, HostTensor)> = vec![
        ("f32_2x3.npy", HostTensor::from_f32(&[2, 3], &[-1.0, -0.5, 0.0, 0.5, 1.0, 1.5]).unwrap()),
        ("f64_scalar.npy", HostTensor::scalar(2.5f64)),
        ("bool_4.npy", HostTensor::from_bool(&[4], &[true, false, false, true]).unwrap()),
        ("i8_3.npy", HostTensor::from_slice(&[3], &[-128i8, 0, 127]).unwrap()),
        ("i16_3.npy", HostTensor::from_slice(&[3], &[i16::MIN, 1, i16::MAX]).unwrap()),
        ("i32_2x2.npy", HostTensor::from_i32(&[2, 2], &[i32::MIN, -1, 0, i32::MAX]).unwrap()),
        ("i64_3.npy", HostTensor::from_i64(&[3], &[i64::MIN, 0, i64::MAX]).unwrap()),
        ("u8_3.npy", HostTensor::from_slice(&[3], &[0u8, 7, 255]).unwrap()),
        ("u16_3.npy", HostTensor::from_slice(&[3], &[0u16, 7, u16::MAX]).unwrap()),
        ("u32_3.npy", HostTensor::from_slice(&[3], &[0u32, 7, u32::MAX]).unwrap()),
        ("u64_3.npy", HostTensor::from_slice(&[3], &[0u64, 7, u64::MAX]).unwrap()),
        (
            "f16_3.npy",
            HostTensor::from_slice(&[3], &[0.1f32, -2.0, f32::INFINITY].map(f16::from_f32)).unwrap(),
        ),
        (
            "bf16_2x2.npy",
            HostTensor::from_slice(&[2, 2], &[1.0f32, -0.5, 3.140625, 0.001].map(bf16::from_f32)).unwrap(),
        ),
        ("f32_0x3.npy", HostTensor::zeros(DType::F32, &[0, 3]).unwrap()),
        ("f32_1000.npy", HostTensor::from_f32(&[1000], &[1.0; 1000]).unwrap()),
    ];
    for (name, expected) in cases {
        let path = data(name);
        let got = read_npy(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got, expected, "{name}");
        let numpy_bytes = std::fs::read(&path).unwrap();
        assert_eq!(to_npy_bytes(&got).unwrap(), numpy_bytes, "{name}: not byte-identical to numpy.save");
    }
}

#[test]
fn npy_other_versions_and_refusals() {
    let v2 = read_npy(data("v2_i32_3.npy")).unwrap();
    assert_eq!(v2.to_vec::<i32>().unwrap(), vec![1, 2, 3]);
    let e = read_npy(data("fortran_f32_2x3.npy")).unwrap_err().to_string();
    assert!(e.contains("fortran_order True") && e.contains("fortran_f32_2x3.npy"), "{e}");
    let e = read_npy(data("bigendian_f32_2.npy")).unwrap_err().to_string();
    assert!(e.contains("big-endian dtype '>f4'"), "{e}");
    let e = read_npy(data("no_such_file.npy")).unwrap_err();
    assert!(matches!(e, RuntimeError::Io { .. }), "{e}");
}

#[test]
fn npy_file_round_trip_every_dtype() {
    for dtype in DType::ALL {
        let values = if dtype == DType::F8E8M0FNU { "1 0.5 1 1 0.5 1" } else { "1 0 1 1 0 1" };
        let t = parse_literal(&format!("2x3x{}={values}", dtype.mlir_name())).unwrap();
        let path = temp_path(&format!("{dtype}.npy"));
        write_npy(&path, &t).unwrap();
        let back = read_npy(&path).unwrap();
        std::fs::remove_file(&path).ok();
        assert_eq!(back, t, "{dtype}");
        assert_eq!(from_npy_bytes(&to_npy_bytes(&t).unwrap()).unwrap(), t);
    }
}

// ------------------------------------------------------------- CPU plugin

fn cpu_plugin() -> Plugin {
    static PLUGIN: OnceLock<Plugin> = OnceLock::new();
    *PLUGIN.get_or_init(|| {
        let located = locate_plugin(None).unwrap_or_else(|e| {
            panic!("{e}\nThe PJRT tests need the XLA CPU plugin: run scripts/setup first.")
        });
        Plugin::load_located(&located).unwrap_or_else(|e| panic!("{e}\n(try re-running scripts/setup)"))
    })
}

fn cpu_client() -> Client {
    Client::new(&cpu_plugin(), &ClientOptions::default()).unwrap()
}

const ADD_MUL_GENERIC: &str = r#"
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>), sym_name = "main", sym_visibility = "public"}> ({
  ^bb0(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>):
    %0 = "stablehlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    %1 = "stablehlo.multiply"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    "func.return"(%0, %1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> ()
  }) : () -> ()
}) : () -> ()
"#;

#[test]
fn plugin_loads_once_and_reports_version() {
    let a = cpu_plugin();
    let b = Plugin::load(a.path()).unwrap();
    assert!(a.same_instance(&b));
    let (major, minor) = a.api_version();
    assert_eq!(major, 0);
    assert!(minor >= 100, "unexpectedly old PJRT API 0.{minor}");
}

#[test]
fn generic_module_with_two_outputs() {
    let client = cpu_client();
    assert_eq!(client.platform_name(), "cpu");
    // The plugin's default CPU client has several devices (4 on a 2-core machine).
    assert!(client.device_count() >= 1);
    let exe = client.compile(ADD_MUL_GENERIC).unwrap();
    assert_eq!(exe.num_outputs(), 2);
    let a = parse_literal("2x3xf32=1 2 3 4 5 6").unwrap();
    let b = parse_literal("2x3xf32=0.5").unwrap();
    let out = exe.execute(&[a.clone(), b.clone()]).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(format_tensor(&out[0]), "tensor<2x3xf32> = [[1.5, 2.5, 3.5], [4.5, 5.5, 6.5]]");
    assert_eq!(format_tensor(&out[1]), "tensor<2x3xf32> = [[0.5, 1, 1.5], [2, 2.5, 3]]");
    // Executing again (and from another thread) works.
    let again = std::thread::scope(|s| s.spawn(|| exe.execute(&[a, b])).join().unwrap()).unwrap();
    assert_eq!(again, out);
}

#[test]
fn pretty_module_with_i1_i64_f64_bf16() {
    let exe = cpu_client()
        .compile(
            r#"
module {
  func.func public @main(%p: tensor<4xi1>, %i: tensor<2xi64>, %d: tensor<2xf64>, %h: tensor<3xbf16>)
      -> (tensor<4xi1>, tensor<2xi64>, tensor<2xf64>, tensor<3xbf16>) {
    %0 = stablehlo.not %p : tensor<4xi1>
    %1 = stablehlo.multiply %i, %i : tensor<2xi64>
    %2 = stablehlo.sqrt %d : tensor<2xf64>
    %3 = stablehlo.add %h, %h : tensor<3xbf16>
    return %0, %1, %2, %3 : tensor<4xi1>, tensor<2xi64>, tensor<2xf64>, tensor<3xbf16>
  }
}"#,
        )
        .unwrap();
    let out = exe
        .execute(&[
            parse_literal("4xi1=1 0 true false").unwrap(),
            parse_literal("2xi64=3000000000 -7").unwrap(),
            parse_literal("2xf64=2 9").unwrap(),
            parse_literal("3xbf16=1.5 -0.25 inf").unwrap(),
        ])
        .unwrap();
    assert_eq!(format_tensor(&out[0]), "tensor<4xi1> = [false, true, false, true]");
    assert_eq!(out[1].to_vec::<i64>().unwrap(), vec![9_000_000_000_000_000_000, 49]);
    assert_eq!(out[2].to_vec::<f64>().unwrap(), vec![2f64.sqrt(), 3.0]);
    assert_eq!(format_tensor(&out[3]), "tensor<3xbf16> = [3, -0.5, inf]");
}

#[test]
fn every_dtype_round_trips_through_the_device() {
    let types: Vec<String> = DType::ALL
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { format!("tensor<2x2x{d}>") } else { format!("tensor<{d}>") })
        .collect();
    let params: Vec<String> = types.iter().enumerate().map(|(i, t)| format!("%a{i}: {t}")).collect();
    let names: Vec<String> = (0..types.len()).map(|i| format!("%a{i}")).collect();
    let module = format!(
        "func.func public @main({}) -> ({}) {{\n  return {} : {}\n}}\n",
        params.join(", "),
        types.join(", "),
        names.join(", "),
        types.join(", ")
    );
    let exe = cpu_client().compile(&module).unwrap();
    assert_eq!(exe.num_outputs(), DType::ALL.len());
    let inputs: Vec<HostTensor> = DType::ALL
        .iter()
        .enumerate()
        .map(|(i, d)| {
            // f8E8M0FNU has no zero.
            let values = if *d == DType::F8E8M0FNU { "1 0.5 1 1" } else { "1 0 1 1" };
            let lit = if i % 2 == 0 { format!("2x2x{d}={values}") } else { format!("{d}=1") };
            parse_literal(&lit).unwrap()
        })
        .collect();
    let out = exe.execute(&inputs).unwrap();
    assert_eq!(out, inputs);
}

#[test]
fn scalar_and_empty_tensors() {
    let client = cpu_client();
    let exe = client
        .compile(
            r#"func.func public @main(%x: tensor<f32>, %e: tensor<0x3xf32>) -> (tensor<f32>, tensor<0x3xf32>) {
  %0 = stablehlo.negate %x : tensor<f32>
  return %0, %e : tensor<f32>, tensor<0x3xf32>
}"#,
        )
        .unwrap();
    // The executable keeps its client alive.
    drop(client);
    let out = exe.execute(&[parse_literal("f32=2.5").unwrap(), parse_literal("0x3xf32=").unwrap()]).unwrap();
    assert_eq!(format_tensor(&out[0]), "tensor<f32> = -2.5");
    assert_eq!(format_tensor(&out[1]), "tensor<0x3xf32> = []");
}

#[test]
fn cpu_device_count_four() {
    let client = Client::new(&cpu_plugin(), &ClientOptions { cpu_device_count: Some(4) }).unwrap();
    assert_eq!(client.device_count(), 4);
    // Still compiles and runs (on device 0).
    let exe = client.compile(ADD_MUL_GENERIC).unwrap();
    let x = parse_literal("2x3xf32=1").unwrap();
    let out = exe.execute(&[x.clone(), x]).unwrap();
    assert_eq!(out[0].to_f64_vec().unwrap(), vec![2.0; 6]);
    // The option really takes effect (the default client also has 4 here).
    let one = Client::new(&cpu_plugin(), &ClientOptions { cpu_device_count: Some(1) }).unwrap();
    assert_eq!(one.device_count(), 1);
    let e = Client::new(&cpu_plugin(), &ClientOptions { cpu_device_count: Some(0) }).unwrap_err();
    assert!(e.to_string().contains("cpu_device_count"), "{e}");
}

#[test]
fn compile_errors_carry_the_plugin_message() {
    let client = cpu_client();
    let e = client.compile("this is not MLIR").unwrap_err();
    match &e {
        RuntimeError::Pjrt { call, message, code, .. } => {
            assert_eq!(*call, "PJRT_Client_Compile");
            assert!(!message.is_empty());
            assert_ne!(*code, 0);
        }
        other => panic!("expected a PJRT error, got {other}"),
    }
    let text = e.to_string();
    assert!(text.contains("PJRT_Client_Compile failed"), "{text}");
    // A verifier error (type mismatch) is also an error, not an abort.
    let e = client
        .compile(
            "func.func public @main(%a: tensor<2xf32>) -> tensor<3xf32> {\n  return %a : tensor<2xf32>\n}",
        )
        .unwrap_err();
    assert!(e.pjrt_code().is_some(), "{e}");
    assert!(client.compile("   ").is_err());
}

#[test]
fn bad_arguments_are_errors() {
    let exe = cpu_client().compile(ADD_MUL_GENERIC).unwrap();
    let x = parse_literal("2x3xf32=1").unwrap();
    let e = exe.execute(std::slice::from_ref(&x)).unwrap_err();
    assert!(e.pjrt_code().is_some(), "wrong arity: {e}");
    // The plugin alone accepts any buffer of the right byte size; these are
    // caught by the check against main's signature.
    for bad in ["3x2xf32=1", "6xf32=1", "2x3xi32=1"] {
        let e = exe.execute(&[x.clone(), parse_literal(bad).unwrap()]).unwrap_err();
        assert!(
            matches!(e, RuntimeError::Tensor(_))
                && e.to_string().contains("main's parameter 1 is tensor<2x3xf32>"),
            "{bad}: {e}"
        );
    }
    let e = exe.execute(&[x.clone(), parse_literal("2x3xf64=1").unwrap()]).unwrap_err();
    assert!(matches!(e, RuntimeError::Tensor(_)), "{e}");
    let malformed = HostTensor { dtype: DType::F32, shape: vec![2, 3], data: vec![0; 5] };
    let e = exe.execute(&[x.clone(), malformed]).unwrap_err();
    assert!(matches!(e, RuntimeError::Tensor(_)), "{e}");
    // The executable still works afterwards.
    assert_eq!(exe.execute(&[x.clone(), x]).unwrap().len(), 2);
}

#[test]
fn the_cpu_plugin_is_the_pinned_build() {
    let plugin = cpu_plugin();
    let pin = PINNED_PLUGINS.iter().find(|p| p.kind == PluginKind::Cpu).unwrap();
    assert_eq!(plugin.sha256(), pin.sha256);
    assert_eq!(plugin.pinned_build(), Some(pin));
}

#[test]
fn a_tampered_copy_of_the_cpu_plugin_is_refused_before_loading() {
    use std::os::unix::fs::PermissionsExt;
    let original = cpu_plugin();
    let dir = temp_path("tampered");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let copy = dir.join("pjrt_c_api_cpu_plugin.so");
    std::fs::copy(original.path(), &copy).unwrap();
    std::fs::OpenOptions::new().append(true).open(&copy).unwrap().write_all(b"\0").unwrap();
    let located = LocatedPlugin { path: copy.clone(), pinned_as: Some(PluginKind::Cpu) };
    let e = Plugin::load_located(&located).unwrap_err();
    let found = jaxr_runtime::sha256_file(&copy).unwrap();
    // The same file with a bad mode is refused for that first.
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o666)).unwrap();
    let mode_error = Plugin::load(&copy).unwrap_err().to_string();
    std::fs::remove_dir_all(&dir).ok();
    let text = e.to_string();
    assert!(matches!(e, RuntimeError::PluginRefused { .. }), "{text}");
    assert!(text.contains(&copy.display().to_string()) && text.contains("SHA-256 mismatch"), "{text}");
    assert!(text.contains(&format!("expected {}", original.sha256())), "{text}");
    assert!(text.contains(&format!("found    {found}")), "{text}");
    assert!(mode_error.contains("writable by group or others (mode 0666)"), "{mode_error}");
}

#[test]
fn corrupt_plugin_is_a_clear_error() {
    let path = temp_path("corrupt_plugin.so");
    std::fs::write(&path, b"this is not an ELF shared object \x00\x01\x02\x03").unwrap();
    let e = Plugin::load(&path).unwrap_err();
    std::fs::remove_file(&path).ok();
    let text = e.to_string();
    assert!(matches!(e, RuntimeError::PluginLoad { .. }), "{text}");
    assert!(text.contains("corrupt_plugin.so") && text.contains("dlopen failed"), "{text}");
}

#[test]
fn shared_library_without_pjrt_is_a_clear_error() {
    // Any real shared library that is not a PJRT plugin: libc.
    let libc = ["/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/lib64/libc.so.6"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    let Some(libc) = libc else { return };
    let text = Plugin::load(&libc).unwrap_err().to_string();
    assert!(text.contains("no GetPjrtApi symbol"), "{text}");
}

#[test]
fn compiled_memory_stats_count_the_arguments_and_results() {
    let client = cpu_client();
    // An argument the result may not reuse (different shape), and a dot
    // whose temporaries the compiler may need.
    let exe = client
        .compile(
            r#"func.func @main(%a: tensor<64x32xf32>, %b: tensor<32x16xf64>) -> (tensor<64x16xf32>, tensor<32x16xf64>) {
  %c = stablehlo.convert %b : (tensor<32x16xf64>) -> tensor<32x16xf32>
  %d = stablehlo.dot_general %a, %c, contracting_dims = [1] x [0] : (tensor<64x32xf32>, tensor<32x16xf32>) -> tensor<64x16xf32>
  %e = stablehlo.multiply %b, %b : tensor<32x16xf64>
  return %d, %e : tensor<64x16xf32>, tensor<32x16xf64>
}"#,
        )
        .expect("compiles");
    let stats = exe.compiled_memory_stats().expect("queried").expect("the CPU plugin reports memory");
    assert_eq!(stats.argument_bytes, 64 * 32 * 4 + 32 * 16 * 8, "{stats:?}");
    // Two results come back as a tuple: its table of pointers counts too.
    let results = 64 * 16 * 4 + 32 * 16 * 8;
    assert!(stats.output_bytes >= results && stats.output_bytes <= results + 64, "{stats:?}");
    assert!(stats.alias_bytes <= stats.output_bytes);
    let peak = stats.peak_bytes.expect("the CPU plugin reports the peak");
    assert!(peak >= stats.argument_bytes + stats.output_bytes - stats.alias_bytes, "{stats:?}");
    // The cost analysis is optional; whatever it gives is a finite number.
    for (name, value) in exe.cost_analysis().expect("queried") {
        assert!(!name.is_empty() && value.is_finite(), "{name} = {value}");
    }
}
