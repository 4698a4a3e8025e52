//! Shardy shardings (`Sharding::from_shardy`) against JAX's own GSPMD
//! equivalents: every program of tests/data/jax/sharded is there twice,
//! with Shardy's shardings (`<name>.shardy.mlir`) and with GSPMD's
//! (`<name>.stablehlo.mlir`), both from JAX 0.10.2. Each `sdy.sharding` on
//! a parameter or result of `main`, read with its module's `sdy.mesh`,
//! must give the `Sharding` that the `mhlo.sharding` at the same place
//! gives, and the same shard of the array on every device. The modules are
//! read by plain text scanning: this crate parses no MLIR.

use std::path::{Path, PathBuf};

use jaxr_runtime::{HostTensor, Partitioning, Sharding};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/jax/sharded")
}

/// The text from the `<` at `text[start..]` to its matching `>`.
fn angle_brackets(text: &str, start: usize) -> &str {
    let mut depth = 0;
    for (at, c) in text[start..].char_indices() {
        match c {
            '<' => depth += 1,
            '>' => {
                depth -= 1;
                if depth == 0 {
                    return &text[start..=start + at];
                }
            }
            _ => {}
        }
    }
    panic!("unclosed '<' in {}", &text[start..]);
}

/// The line that declares `main`.
fn main_line(text: &str) -> &str {
    text.lines().find(|l| l.contains("func.func public @main(")).expect("a public @main")
}

/// The dimensions of the last `tensor<...>` in `text`.
fn last_shape(text: &str) -> Vec<i64> {
    let at = text.rfind("tensor<").expect("a tensor type before the sharding");
    let ty = angle_brackets(text, at + "tensor".len());
    ty[1..ty.len() - 1].split('x').map_while(|d| d.parse().ok()).collect()
}

/// One sharded value of `main`: where it is, its shape, and its sharding.
struct Sharded {
    what: String,
    shape: Vec<i64>,
    sharding: Sharding,
}

/// `main`'s `sdy.sharding`s, each with its mesh: what follows the `=` of
/// `sdy.mesh @name = <...> {stablehlo.mesh = ...}`.
fn shardy_shardings(text: &str) -> Vec<Sharded> {
    let meshes: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("sdy.mesh @"))
        .map(|decl| decl.split_once(" = ").expect("sdy.mesh @name = <...>"))
        .collect();
    let line = main_line(text);
    line.match_indices("sdy.sharding = ")
        .map(|(at, key)| {
            let start = at + key.len();
            let sharding = &line[start..start + line[start..].find('<').unwrap()];
            let sharding = format!("{sharding}{}", angle_brackets(line, start + sharding.len()));
            let name = sharding.split_once("<@").unwrap().1.split(',').next().unwrap();
            let mesh = meshes.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no mesh @{name}")).1;
            let value = Sharding::from_shardy(mesh, &sharding).unwrap_or_else(|e| panic!("{e}"));
            Sharded {
                what: format!("{sharding} on mesh {mesh}"),
                shape: last_shape(&line[..at]),
                sharding: value,
            }
        })
        .collect()
}

/// `main`'s `mhlo.sharding`s.
fn gspmd_shardings(text: &str) -> Vec<Sharded> {
    let line = main_line(text);
    line.match_indices("mhlo.sharding = \"")
        .map(|(at, key)| {
            let start = at + key.len();
            let sharding = &line[start..start + line[start..].find('"').unwrap()];
            let value = Sharding::parse(sharding).unwrap_or_else(|e| panic!("{e}"));
            Sharded { what: sharding.to_string(), shape: last_shape(&line[..at]), sharding: value }
        })
        .collect()
}

fn iota(shape: &[i64]) -> HostTensor {
    let n: i64 = shape.iter().product();
    HostTensor::from_f32(shape, &(0..n).map(|v| v as f32).collect::<Vec<_>>()).unwrap()
}

#[test]
fn every_shardy_sharding_of_jax_is_its_gspmd_sharding() {
    let mut names: Vec<String> = std::fs::read_dir(data_dir())
        .expect("tests/data/jax/sharded")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|f| f.strip_suffix(".shardy.mlir").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 14, "{names:?}");
    let mut compared = 0;
    for name in &names {
        let read =
            |suffix: &str| std::fs::read_to_string(data_dir().join(format!("{name}.{suffix}"))).unwrap();
        let (shardy_text, gspmd_text) = (read("shardy.mlir"), read("stablehlo.mlir"));
        let partitioning = Partitioning::of_module(&shardy_text);
        assert!(partitioning.shardy, "{name}");
        assert!(!Partitioning::of_module(&gspmd_text).shardy, "{name}");
        let (shardy, gspmd) = (shardy_shardings(&shardy_text), gspmd_shardings(&gspmd_text));
        assert_eq!(shardy.len(), gspmd.len(), "{name}: sharded values of main");
        assert!(!shardy.is_empty(), "{name}");
        for (k, (s, g)) in shardy.iter().zip(&gspmd).enumerate() {
            let at = format!("{name}, value {k} of main: {} vs {}", s.what, g.what);
            assert_eq!(s.shape, g.shape, "{at}");
            assert_eq!(s.sharding, g.sharding, "{at}");
            let global = iota(&s.shape);
            for device in 0..partitioning.devices() as i64 {
                assert_eq!(
                    s.sharding.shard(&global, device).unwrap(),
                    g.sharding.shard(&global, device).unwrap(),
                    "{at}, device {device}"
                );
            }
            compared += 1;
        }
    }
    // 16 programs, 50 sharded parameters and results.
    assert_eq!(compared, 50);
}
