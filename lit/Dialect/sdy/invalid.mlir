// The sdy ops (Shardy's meshes and shardings) reject shardings that do not
// fit their mesh or their value, with a message at the op. One case per
// chunk, in the generic form.
//
// RUN: jaxr-opt %s --split-input-file --verify-diagnostics

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4, "model"=2]>, sym_name = "mesh"}> : () -> ()
func.func @unknown_mesh(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{unknown mesh @other: the module declares no 'sdy.mesh @other'}}
  %0 = "sdy.sharding_constraint"(%x) <{sharding = #sdy.sharding<@other, [{"data"}, {}]>}> : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4, "model"=2]>, sym_name = "mesh"}> : () -> ()
func.func @unknown_axis(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{names axis "batch", which its mesh <["data"=4, "model"=2]> does not have (axes: data, model)}}
  %0 = "sdy.sharding_constraint"(%x) <{sharding = #sdy.sharding<@mesh, [{"batch"}, {}]>}> : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4, "model"=2]>, sym_name = "mesh"}> : () -> ()
func.func @rank_mismatch(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{has 1 dimension entries for the operand of rank 2 (tensor<8x4xf32>)}}
  %0 = "sdy.sharding_constraint"(%x) <{sharding = #sdy.sharding<@mesh, [{"data"}]>}> : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4, "model"=2]>, sym_name = "mesh"}> : () -> ()
func.func @axis_twice(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{uses axis "data" twice}}
  %0 = "sdy.sharding_constraint"(%x) <{sharding = #sdy.sharding<@mesh, [{"data"}, {"data"}]>}> : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
func.func @type_changes(%x: tensor<8x4xf32>) -> tensor<8x4xf64> {
  // expected-error @+1 {{the result type tensor<8x4xf64> must be the operand type tensor<8x4xf32>}}
  %0 = "sdy.sharding_constraint"(%x) <{sharding = #sdy.sharding<@mesh, [{"data"}, {}]>}> : (tensor<8x4xf32>) -> tensor<8x4xf64>
  return %0 : tensor<8x4xf64>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
func.func @malformed_sharding(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expected a quoted axis name}}
  %0 = "sdy.sharding_constraint"(%x) <{sharding = #sdy.sharding<@mesh, [{data}, {}]>}> : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

// expected-error @+1 {{mesh axis "data" is declared twice}}
"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4, "data"=2]>, sym_name = "mesh"}> : () -> ()

// -----

// expected-error @+1 {{the mesh lists 3 device ids for 4 devices}}
"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4], device_ids=[0, 1, 2]>, sym_name = "mesh"}> : () -> ()

// -----

func.func @mesh_in_a_function() {
  // expected-error @+1 {{'sdy.mesh' op symbol's parent must have the SymbolTable trait}}
  "sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
  return
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
func.func @body_of_the_global_shape(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{the body's argument 0 has type tensor<8x4xf32>, but operand 0 of type tensor<8x4xf32> split over the manual axes by #sdy.sharding<@mesh, [{"data"}, {}]> gives each device dimensions [2, 4]}}
  %0 = "sdy.manual_computation"(%x) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>}> ({
  ^bb0(%local: tensor<8x4xf32>):
    "sdy.return"(%local) : (tensor<8x4xf32>) -> ()
  }) : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
func.func @uneven_manual_split(%x: tensor<6x4xf32>) -> tensor<6x4xf32> {
  // expected-error @+1 {{operand 0's dimension 0 of size 6 is not divisible by the 4 devices of its manual axes}}
  %0 = "sdy.manual_computation"(%x) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{}, {}]>]>}> ({
  ^bb0(%local: tensor<2x4xf32>):
    "sdy.return"(%local) : (tensor<2x4xf32>) -> ()
  }) : (tensor<6x4xf32>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
func.func @unknown_manual_axis(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{manual axis "model" is not an axis of the mesh <["data"=4]>}}
  %0 = "sdy.manual_computation"(%x) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>, manual_axes = #sdy<manual_axes{"model"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>}> ({
  ^bb0(%local: tensor<2x4xf32>):
    "sdy.return"(%local) : (tensor<2x4xf32>) -> ()
  }) : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
func.func @shardings_per_operand(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{2 shardings for 1 operands}}
  %0 = "sdy.manual_computation"(%x) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, [{}, {}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>}> ({
  ^bb0(%local: tensor<2x4xf32>):
    "sdy.return"(%local) : (tensor<2x4xf32>) -> ()
  }) : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

func.func @return_outside(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %0 = "stablehlo.optimization_barrier"(%x) : (tensor<8x4xf32>) -> tensor<8x4xf32>
  // expected-error @+1 {{sdy.return ends the body of an sdy.manual_computation, not of func.func}}
  "sdy.return"(%0) : (tensor<8x4xf32>) -> ()
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
// expected-error @+1 {{'func.func' op argument 0: unknown mesh @other: the module declares no 'sdy.mesh @other'}}
func.func @argument_on_an_unknown_mesh(%x: tensor<8x4xf32> {sdy.sharding = #sdy.sharding<@other, [{"data"}, {}]>}) -> tensor<8x4xf32> {
  return %x : tensor<8x4xf32>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
// expected-error @+1 {{'func.func' op result 0: the sharding #sdy.sharding<@mesh, [{"data"}]> has 1 dimension entries for result 0 of rank 2 (tensor<8x4xf32>)}}
func.func @result_of_another_rank(%x: tensor<8x4xf32>) -> (tensor<8x4xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}]>}) {
  return %x : tensor<8x4xf32>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
// expected-error @+1 {{'func.func' op argument 1: the sharding #sdy.sharding<@mesh, [{"model"}]> names axis "model", which its mesh <["data"=4]> does not have (axes: data)}}
func.func @argument_on_an_unknown_axis(%x: tensor<8xf32>, %y: tensor<8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"model"}]>}) -> tensor<8xf32> {
  return %x : tensor<8xf32>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4, "model"=2]>, sym_name = "mesh"}> : () -> ()
func.func @manual_axis_after_a_free_one(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{operand 0's sharding #sdy.sharding<@mesh, [{"model", "data"}, {}]> names a manual axis after a free one in dimension 0: manual axes come first}}
  %0 = "sdy.manual_computation"(%x) <{in_shardings = #sdy.sharding_per_value<[<@mesh, [{"model", "data"}, {}]>]>, manual_axes = #sdy<manual_axes{"data"}>, out_shardings = #sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>]>}> ({
  ^bb0(%local: tensor<2x4xf32>):
    "sdy.return"(%local) : (tensor<2x4xf32>) -> ()
  }) : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

"sdy.mesh"() <{mesh = #sdy.mesh<["data"=4]>, sym_name = "mesh"}> : () -> ()
func.func @sub_axis_that_is_the_axis(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{takes sub-axis (1)4 of axis "data" of size 4}}
  %0 = "sdy.sharding_constraint"(%x) <{sharding = #sdy.sharding<@mesh, [{"data":(1)4}, {}]>}> : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

// expected-error @+1 {{spans more than 2147483647 devices}}
"sdy.mesh"() <{mesh = #sdy.mesh<["a"=4294967296, "b"=4294967296, "c"=4294967296]>, sym_name = "mesh"}> : () -> ()
