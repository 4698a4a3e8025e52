//! Programs split over several CPU devices by XLA's SPMD partitioner
//! (`Client::compile_partitioned`, `Executable::execute_on_devices`): the
//! module carries GSPMD shardings (`mhlo.sharding`) or Shardy's
//! (`sdy.mesh`, `sdy.sharding`) as JAX writes them, each device gets and
//! returns its shard, and the executable reports its partitions. Each test
//! also shows that the run really was partitioned: the per-device shapes
//! are the shards', which a program compiled for one device refuses.

use jaxr_runtime::{locate_plugin, Client, ClientOptions, HostTensor, Partitioning, Plugin, Sharding};

fn client(devices: i64) -> Client {
    let located = locate_plugin(None)
        .unwrap_or_else(|e| panic!("{e}\nThe PJRT tests need the XLA CPU plugin: run scripts/setup first."));
    let plugin = Plugin::load_located(&located).unwrap_or_else(|e| panic!("{e}"));
    Client::new(&plugin, &ClientOptions { cpu_device_count: Some(devices) }).unwrap()
}

/// Rows split over 8 devices; the total and the doubled rows (still split).
const ROW_SHARDED: &str = r#"
module @row_sharded attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%x: tensor<8x4xf32> {mhlo.sharding = "{devices=[8,1]<=[8]}"})
      -> (tensor<f32> {mhlo.sharding = "{replicated}"}, tensor<8x4xf32> {mhlo.sharding = "{devices=[8,1]<=[8]}"}) {
    %zero = stablehlo.constant dense<0.0> : tensor<f32>
    %sum = stablehlo.reduce(%x init: %zero) applies stablehlo.add across dimensions = [0, 1] : (tensor<8x4xf32>, tensor<f32>) -> tensor<f32>
    %twice = stablehlo.add %x, %x : tensor<8x4xf32>
    return %sum, %twice : tensor<f32>, tensor<8x4xf32>
  }
}
"#;

fn row(d: usize) -> Vec<f32> {
    (0..4).map(|j| (d * 4 + j) as f32 * 0.5 - 3.0).collect()
}

#[test]
fn each_device_runs_its_shard_and_the_reduction_spans_all_of_them() {
    let client = client(8);
    let partitioning = Partitioning::of_module(ROW_SHARDED);
    assert_eq!(partitioning, Partitioning { num_replicas: 1, num_partitions: 8, shardy: false });
    let exe = client.compile_partitioned(ROW_SHARDED, partitioning).unwrap();
    assert_eq!(exe.num_partitions().unwrap(), 8);
    assert_eq!(exe.num_replicas().unwrap(), 1);
    assert_eq!(exe.device_count(), 8);
    let inputs: Vec<Vec<HostTensor>> =
        (0..8).map(|d| vec![HostTensor::from_f32(&[1, 4], &row(d)).unwrap()]).collect();
    let outputs = exe.execute_on_devices(&inputs).unwrap();
    let total: f32 = (0..8).flat_map(row).sum();
    assert_eq!(outputs.len(), 8);
    for (d, out) in outputs.iter().enumerate() {
        // The replicated total on every device: an all-reduce ran.
        assert_eq!(out[0].shape, Vec::<i64>::new(), "device {d}");
        assert_eq!(out[0].to_f64_vec().unwrap(), vec![f64::from(total)], "device {d}");
        // Its own row, doubled.
        assert_eq!(out[1].shape, vec![1, 4], "device {d}");
        let want: Vec<f64> = row(d).iter().map(|v| f64::from(2.0 * v)).collect();
        assert_eq!(out[1].to_f64_vec().unwrap(), want, "device {d}");
    }
    // Compiled for one device, the same module takes the whole array.
    let single = client.compile(ROW_SHARDED).unwrap();
    assert_eq!(single.num_partitions().unwrap(), 1);
    assert!(single.execute(&[HostTensor::from_f32(&[1, 4], &row(0)).unwrap()]).is_err());
}

/// A 2 x 4 mesh: rows over the first axis, columns over the second.
const TILED: &str = r#"
module @tiled attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%x: tensor<4x8xf32> {mhlo.sharding = "{devices=[2,4]<=[8]}"},
                         %w: tensor<8x2xf32> {mhlo.sharding = "{devices=[4,1,2]<=[8] last_tile_dim_replicate}"})
      -> (tensor<4x2xf32> {mhlo.sharding = "{devices=[2,1,4]<=[8] last_tile_dim_replicate}"}) {
    %y = stablehlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
    return %y : tensor<4x2xf32>
  }
}
"#;

#[test]
fn a_matmul_split_over_a_two_dimensional_mesh() {
    let client = client(8);
    let exe = client.compile_partitioned(TILED, Partitioning::of_module(TILED)).unwrap();
    assert_eq!(exe.num_partitions().unwrap(), 8);
    let x: Vec<f32> = (0..32).map(|i| (i % 7) as f32 - 3.0).collect();
    let w: Vec<f32> = (0..16).map(|i| (i % 5) as f32 * 0.25).collect();
    // Device d = 4 * a + b holds x's rows 2a..2a+2 and columns 2b..2b+2;
    // with last_tile_dim_replicate over pairs of devices, w's rows
    // 2(d/2)..2(d/2)+2.
    let inputs: Vec<Vec<HostTensor>> = (0..8)
        .map(|d| {
            let (a, b) = (d / 4, d % 4);
            let xs: Vec<f32> = (0..2)
                .flat_map(|i| (0..2).map(move |j| (2 * a + i, 2 * b + j)))
                .map(|(i, j)| x[i * 8 + j])
                .collect();
            let k = d / 2;
            let ws: Vec<f32> =
                (0..2).flat_map(|i| (0..2).map(move |j| (2 * k + i, j))).map(|(i, j)| w[i * 2 + j]).collect();
            vec![HostTensor::from_f32(&[2, 2], &xs).unwrap(), HostTensor::from_f32(&[2, 2], &ws).unwrap()]
        })
        .collect();
    let outputs = exe.execute_on_devices(&inputs).unwrap();
    for (d, out) in outputs.iter().enumerate() {
        // Rows 2a..2a+2 of x @ w, replicated over the 4 devices of a row.
        let a = d / 4;
        let want: Vec<f64> = (0..2)
            .flat_map(|i| (0..2).map(move |j| (2 * a + i, j)))
            .map(|(i, j)| (0..8).map(|k| f64::from(x[i * 8 + k]) * f64::from(w[k * 2 + j])).sum())
            .collect();
        assert_eq!(out[0].shape, vec![2, 2], "device {d}");
        let got = out[0].to_f64_vec().unwrap();
        for (g, w) in got.iter().zip(&want) {
            assert!((g - w).abs() < 1e-5, "device {d}: {got:?}, expected {want:?}");
        }
    }
}

/// A 4 x 2 mesh with Shardy's shardings: x split over both axes, w's rows
/// over "model"; the product's rows over "data", the total, and the
/// doubled x with its rows over "model" then "data".
const SHARDY_MESH: &str = r#"<["data"=4, "model"=2]>"#;
const SHARDY: &str = r#"
module @shardy attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  sdy.mesh @mesh = <["data"=4, "model"=2]>
  func.func public @main(%x: tensor<8x4xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {"model"}]>},
                         %w: tensor<4x3xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"model"}, {}]>})
      -> (tensor<8x3xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>},
          tensor<f32> {sdy.sharding = #sdy.sharding<@mesh, []>},
          tensor<8x4xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"model", "data"}, {}]>}) {
    %y = stablehlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<8x4xf32>, tensor<4x3xf32>) -> tensor<8x3xf32>
    %zero = stablehlo.constant dense<0.0> : tensor<f32>
    %sum = stablehlo.reduce(%x init: %zero) applies stablehlo.add across dimensions = [0, 1] : (tensor<8x4xf32>, tensor<f32>) -> tensor<f32>
    %twice = stablehlo.add %x, %x : tensor<8x4xf32>
    return %y, %sum, %twice : tensor<8x3xf32>, tensor<f32>, tensor<8x4xf32>
  }
}
"#;

fn shardy(sharding: &str) -> Sharding {
    Sharding::from_shardy(SHARDY_MESH, sharding).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_shardy_module_runs_split_as_its_mesh_and_shardings_say() {
    let client = client(8);
    let partitioning = Partitioning::of_module(SHARDY);
    assert_eq!(partitioning, Partitioning { num_replicas: 1, num_partitions: 8, shardy: true });
    let exe = client.compile_partitioned(SHARDY, partitioning).unwrap();
    assert_eq!(exe.num_partitions().unwrap(), 8);
    assert_eq!(exe.device_count(), 8);
    let xs: Vec<f32> = (0..32).map(|i| (i % 9) as f32 * 0.5 - 2.0).collect();
    let ws: Vec<f32> = (0..12).map(|i| (i % 4) as f32 - 1.5).collect();
    let x = HostTensor::from_f32(&[8, 4], &xs).unwrap();
    let w = HostTensor::from_f32(&[4, 3], &ws).unwrap();
    let (x_sharding, w_sharding) = (
        shardy(r#"#sdy.sharding<@mesh, [{"data"}, {"model"}]>"#),
        shardy(r#"#sdy.sharding<@mesh, [{"model"}, {}]>"#),
    );
    let inputs: Vec<Vec<HostTensor>> =
        (0..8).map(|d| vec![x_sharding.shard(&x, d).unwrap(), w_sharding.shard(&w, d).unwrap()]).collect();
    // Device d = 2 * data + model holds x's rows 2*data.. and columns
    // 2*model..: its 2 x 2 block.
    assert_eq!(inputs[3][0].to_f64_vec().unwrap(), [10, 11, 14, 15].map(|i| f64::from(xs[i])));
    assert_eq!(inputs[3][1].shape, vec![2, 3]);
    let outputs = exe.execute_on_devices(&inputs).unwrap();
    let total: f32 = xs.iter().sum();
    for (d, out) in outputs.iter().enumerate() {
        let data = d / 2;
        // Rows 2*data.. of x @ w: the model halves of the contraction were summed.
        assert_eq!(out[0].shape, vec![2, 3], "device {d}");
        let want: Vec<f64> = (0..2)
            .flat_map(|i| (0..3).map(move |j| (2 * data + i, j)))
            .map(|(i, j)| (0..4).map(|k| f64::from(xs[i * 4 + k]) * f64::from(ws[k * 3 + j])).sum())
            .collect();
        let got = out[0].to_f64_vec().unwrap();
        for (g, w) in got.iter().zip(&want) {
            assert!((g - w).abs() < 1e-5, "device {d}: {got:?}, expected {want:?}");
        }
        assert_eq!(out[1].to_f64_vec().unwrap(), vec![f64::from(total)], "device {d}");
        // Rows over "model" then "data": device d holds row 4 * model + data.
        let row = 4 * (d % 2) + data;
        assert_eq!(out[2].shape, vec![1, 4], "device {d}");
        assert_eq!(
            out[2].to_f64_vec().unwrap(),
            (0..4).map(|j| f64::from(2.0 * xs[row * 4 + j])).collect::<Vec<_>>(),
            "device {d}"
        );
    }
    // The shards gather back into the global results.
    let ids: Vec<i64> = (0..8).collect();
    let column = |k: usize| outputs.iter().map(|o| o[k].clone()).collect::<Vec<_>>();
    let twice =
        shardy(r#"#sdy.sharding<@mesh, [{"model", "data"}, {}]>"#).gather(&column(2), &ids, &[8, 4]).unwrap();
    assert_eq!(twice.to_f64_vec().unwrap(), xs.iter().map(|v| f64::from(2.0 * v)).collect::<Vec<_>>());
    let sum = shardy("#sdy.sharding<@mesh, []>").gather(&column(1), &ids, &[]).unwrap();
    assert_eq!(sum.to_f64_vec().unwrap(), vec![f64::from(total)]);
    // Compiled for one device, the same module takes the whole arrays.
    let single = client.compile(SHARDY).unwrap();
    assert_eq!(single.num_partitions().unwrap(), 1);
    assert!(single.execute(&inputs[0]).is_err());
}

/// The identity (doubled) from one sharding to another, on a mesh "x"=8 and
/// on a 2 x 4 mesh whose devices are not in order.
fn reshard(input: (&str, &str), output: (&str, &str)) -> String {
    format!(
        r#"
module @reshard attributes {{mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32}} {{
  sdy.mesh @x = <["x"=8]>
  sdy.mesh @ids = <["a"=2, "b"=4], device_ids=[7, 2, 5, 4, 3, 6, 1, 0]>
  func.func public @main(%v: tensor<8x4xf32> {{sdy.sharding = #sdy.sharding<@{}, {}>}})
      -> (tensor<8x4xf32> {{sdy.sharding = #sdy.sharding<@{}, {}>}}) {{
    %twice = stablehlo.add %v, %v : tensor<8x4xf32>
    return %twice : tensor<8x4xf32>
  }}
}}
"#,
        input.0, input.1, output.0, output.1
    )
}

#[test]
fn sub_axes_and_device_ids_lay_arrays_out_as_xla_does() {
    let client = client(8);
    let mesh = |name: &str| match name {
        "x" => r#"<["x"=8]>"#,
        _ => r#"<["a"=2, "b"=4], device_ids=[7, 2, 5, 4, 3, 6, 1, 0]>"#,
    };
    let values: Vec<f32> = (0..32).map(|v| v as f32).collect();
    let global = HostTensor::from_f32(&[8, 4], &values).unwrap();
    let ids: Vec<i64> = (0..8).collect();
    // Each input and output layout differ, so XLA moves the data: a
    // different reading of either would scramble the result.
    for (input, output) in [
        (("x", r#"[{"x":(2)2}, {"x":(1)2}]"#), ("x", "[{}, {}]")),
        (("x", r#"[{"x":(4)2}, {"x":(1)4}]"#), ("x", r#"[{"x"}, {}]"#)),
        (("x", r#"[{"x"}, {}]"#), ("x", r#"[{"x":(2)4}, {"x":(1)2}]"#)),
        (("ids", r#"[{"b"}, {"a"}]"#), ("ids", "[{}, {}]")),
        (("ids", r#"[{"a", "b"}, {}]"#), ("x", r#"[{"x"}, {}]"#)),
        (("x", r#"[{"x"}, {}]"#), ("ids", r#"[{"b":(2)2}, {"a"}]"#)),
    ] {
        let text = reshard(input, output);
        let exe = client.compile_partitioned(&text, Partitioning::of_module(&text)).unwrap();
        let layout = |(name, dims): (&str, &str)| {
            Sharding::from_shardy(mesh(name), &format!("<@{name}, {dims}>")).unwrap_or_else(|e| panic!("{e}"))
        };
        let inputs: Vec<Vec<HostTensor>> =
            ids.iter().map(|&d| vec![layout(input).shard(&global, d).unwrap()]).collect();
        let shards: Vec<HostTensor> =
            exe.execute_on_devices(&inputs).unwrap().into_iter().map(|mut out| out.remove(0)).collect();
        let got = layout(output).gather(&shards, &ids, &[8, 4]).unwrap();
        let want: Vec<f64> = values.iter().map(|v| f64::from(2.0 * v)).collect();
        assert_eq!(got.to_f64_vec().unwrap(), want, "{input:?} -> {output:?}");
    }
}

#[test]
fn a_module_that_needs_more_devices_than_the_client_has_is_refused() {
    let client = client(4);
    let e = client.compile_partitioned(ROW_SHARDED, Partitioning::of_module(ROW_SHARDED)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "unsupported: the module asks for 8 devices (1 replicas x 8 partitions), but the client has 4 \
         (more CPU devices: --devices=N)"
    );
    let exe = client.compile(ROW_SHARDED).unwrap();
    let e = exe.execute_on_devices(&[vec![], vec![]]).unwrap_err();
    assert_eq!(e.to_string(), "unsupported: the program runs on 1 devices, but inputs were given for 2");
}
