//! Runs StableHLO programs through a PJRT C-API plugin.
//!
//! `jaxr-runtime` takes a StableHLO module as MLIR text (generic or pretty
//! assembly; it never parses it itself, and depends on nothing of MLIR),
//! compiles it with a PJRT plugin (the XLA CPU plugin, the CUDA plugin of
//! `jax-cuda13-pjrt`, or `libtpu`) and runs it on host tensors:
//!
//! ```no_run
//! use jaxr_runtime::{locate_plugin, parse_literal, format_tensor, Client, ClientOptions, Plugin};
//!
//! # fn main() -> Result<(), jaxr_runtime::RuntimeError> {
//! let plugin = Plugin::load_located(&locate_plugin(None)?)?;
//! let client = Client::new(&plugin, &ClientOptions::default())?;
//! let exe = client.compile(r#"
//!   func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {
//!     %0 = stablehlo.add %a, %a : tensor<2xf32>
//!     return %0 : tensor<2xf32>
//!   }"#)?;
//! let out = exe.execute(&[parse_literal("2xf32=1 2.5")?])?;
//! assert_eq!(format_tensor(&out[0]), "tensor<2xf32> = [2, 5]");
//! # Ok(()) }
//! ```
//!
//! # Design
//!
//! * **Own bindings** (the private `ffi` module): the published `pjrt`/`pjrt-sys` crates speak
//!   C API 0.54, whose argument structs are smaller than what current plugins
//!   (0.115 for the CPU plugin of `jax` 0.11.2) accept. This crate declares
//!   `#[repr(C)]` mirrors of only the structs it uses, written from
//!   `xla/pjrt/c/pjrt_c_api.h` and checked against a clang-generated offset
//!   table of API 0.114. Each struct's `struct_size` is set to the header's
//!   `STRUCT_SIZE` (offset of the last field + its size), and compile-time
//!   asserts pin every struct's size, that `STRUCT_SIZE`, and the offset of
//!   every `PJRT_Api` slot used (slot *i* at byte 40 + 8*i*).
//! * **Loading** ([`Plugin::load`]): `dlopen` with
//!   `RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE`, then `GetPjrtApi()` and
//!   `PJRT_Plugin_Initialize`. A plugin is loaded at most once per process
//!   (a registry keyed by canonical path) and **never unloaded**: after
//!   `dlclose` the process crashes at exit. `TF_CPP_MIN_LOG_LEVEL=1` is put
//!   in the environment before the first load unless already set, which
//!   silences the plugin's INFO logging.
//! * **Compiling** ([`Client::compile`]): program format `"mlir"`, the code
//!   being the module text; compile options are the serialized
//!   `xla.CompileOptionsProto` [`COMPILE_OPTIONS`]:
//!   `executable_build_options { num_replicas: 1, num_partitions: 1 }`
//!   (`1a 04 20 01 28 01`) plus overrides that turn off XLA's NaN-dropping
//!   "fast" min/max, as JAX does. Empty options abort the process inside the
//!   CPU plugin, so they are never sent.
//! * **Several devices** ([`Client::compile_partitioned`],
//!   [`Executable::execute_on_devices`]): a [`Partitioning`] (replicas x SPMD
//!   partitions, read from the module's `mhlo.num_replicas` and
//!   `mhlo.num_partitions` by [`Partitioning::of_module`]) adds
//!   `use_spmd_partitioning` and a `device_assignment` of the client's first
//!   devices (by their global ids) to the build options, and
//!   `use_shardy_partitioner` for a module sharded the Shardy way
//!   (`sdy.mesh`, `#sdy.sharding`: JAX's default); XLA's partitioner
//!   splits the program per its shardings, and each device takes and
//!   returns its shards. [`Sharding`] says which: read from a GSPMD string
//!   ([`Sharding::parse`]) or a Shardy mesh and sharding, as text
//!   ([`Sharding::from_shardy`]) or as read by `jaxr_syntax::shardy`
//!   ([`Sharding::from_shardy_parts`]), it cuts global arrays into shards
//!   and gathers them back.
//! * **Executing** ([`Executable::execute`]): on the executable's one
//!   device. Inputs are uploaded with
//!   `PJRT_Client_BufferFromHostBuffer` (awaiting the done-with-host-buffer
//!   event), run with `PJRT_LoadedExecutable_Execute` (one device), and
//!   every output (one buffer per result of `main`; PJRT untuples them) is
//!   read with `PJRT_Buffer_ElementType`/`Dimensions`/`ToHostBuffer`.
//!   Every buffer and event is destroyed, also on error paths. Inputs are
//!   first checked against the `tensor<...>` parameter types of `main` read
//!   from the module text, because the CPU plugin only compares byte sizes
//!   (it runs a `2x3xi32` buffer as a `tensor<2x3xf32>` parameter).
//! * **Errors**: every `PJRT_Error` becomes [`RuntimeError::Pjrt`] with the
//!   plugin's message and status code, and is then destroyed. Bad input
//!   (literals, `.npy` files, inconsistent tensors, bad module text) gives
//!   an error, never a panic.
//! * **Threads**: [`Plugin`], [`Client`] and [`Executable`] are `Send + Sync`.
//!   PJRT objects are destroyed in `Drop`; executables keep their client
//!   alive.
//!
//! # Host data
//!
//! [`HostTensor`] holds little-endian, row-major bytes, one element per
//! byte for every type of 8 bits or fewer, as `ml_dtypes` (NumPy) does:
//! `i1` is 0 or 1; `i2`, `i4`, `ui2`, `ui4`, `f4E2M1FN` and the `f6` types
//! are in the low bits with the high bits zero (`i4` -1 is `0x0f`, not
//! sign-extended; [`HostTensor::validate`] refuses set high bits); the
//! 8-bit floats are their bit pattern. `complex<f32>`/`complex<f64>` are a
//! real `f32`/`f64` followed by an imaginary one (NumPy's `complex64`/
//! `complex128`).
//!
//! That is also what the XLA CPU plugin (0.11.2) takes and gives, measured
//! with `BufferFromHostBuffer`/`ToHostBuffer` and `stablehlo.convert` to
//! and from `i8`/`f32` (`tests/dtypes.rs`): sub-byte types travel one
//! element per byte, not packed (the host buffer of a `tensor<5xi4>` is 5
//! bytes, odd lengths included); uploads read the low bits and ignore the
//! high ones (`0x0f` and `0xff` both convert to `i8` -1, `0xf8` and `0x08`
//! both to -8); downloads give the low bits with the high bits zero
//! (`i8` -1 converts to `i4` byte `0x0f`). So no repacking is needed; a
//! download still clears the high bits, should another plugin sign-extend.
//! The CPU plugin 0.11.2 also cannot compile a `stablehlo.convert` *from*
//! `f6E2M3FN`/`f6E3M2FN` ("Invalid bitcast i6 to i8"), gives +-0 where
//! `f32 -> f6` overflows (`ml_dtypes` saturates), and rounds `f32`
//! subnormals to 2^-126 in `f8E8M0FNU`; moving f6 values works.
//!
//! [`parse_literal`]/[`format_tensor`] read and print
//! `iree-run-module`-style literals and NumPy-like nested lists: complex
//! values as `1+2j`, `-0-3.5j`, `nan+infj` (both parts always printed; `nan`
//! and `inf` as NumPy writes them); the 8/6/4-bit floats are encoded and
//! decoded by the `microfloat` crate (checked bit pattern by bit pattern
//! against `ml_dtypes`); a literal a type cannot hold (overflow, `inf` or
//! `nan` where the type has none) is an error naming its range.
//! `microfloat` 0.1.3 differs from `ml_dtypes` (and XLA) in two places,
//! both handled here: it rounds 464, the overflow tie of `f8E4M3FN`, to NaN
//! instead of 448, and saturates `f8E8M0FNU` at 2^127 instead of giving NaN.
//!
//! [`read_npy`]/[`write_npy`] handle `.npy` files. bf16 has no NumPy builtin
//! type: it is written with descriptor `'<V2'` (a 2-byte void, exactly what
//! `numpy.save` writes for an `ml_dtypes.bfloat16` array) and `'<V2'`,
//! `'|V2'` and `'bfloat16'` are read as bf16. Complex numbers are
//! `'<c8'`/`'<c16'`. The other `ml_dtypes` types are written with their
//! `ml_dtypes` name as descriptor (`'float8_e4m3fn'`, `'int4'`, ...), which
//! `np.load` reads once `ml_dtypes` is imported; `numpy.save` writes the
//! ambiguous `'<V1'` for them (`'<f1'` for `float8_e5m2`), which
//! [`read_npy_as`] reads as a given type (what `jaxr-run` does with the
//! argument's type) and [`read_npy`] refuses.
//!
//! # Plugins
//!
//! [`locate_plugin`] resolves a [`PluginChoice`], else `$JAXR_PJRT_PLUGIN`,
//! else the CPU plugin that `scripts/setup` installs at
//! `$JAXR_CACHE_DIR/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so` (cache
//! directory default `$HOME/.cache/jaxr`). Before `dlopen`, every plugin
//! file must pass [`check_permissions`], and those jaxr finds by itself
//! (`cpu`, `cuda`, `tpu`) must have the SHA-256 of a build in
//! [`PINNED_PLUGINS`]; an explicit path is loaded unpinned
//! (docs/security.md). [`Client::open`] loads and creates a client under a
//! time limit. The CPU client accepts the
//! create option `cpu_device_count` ([`ClientOptions`]); plugin 0.115
//! rejects unknown option names.

#![warn(missing_docs)]

mod client;
mod dtype;
mod error;
mod ffi;
mod literal;
mod minifloat;
mod npy;
mod plugin;
mod sharding;
mod shardy;
mod signature;
mod tensor;
mod trust;

pub use client::{
    compile_options_bytes, compile_options_for, run_with_timeout, Client, ClientOptions, CompiledMemoryStats,
    Executable, Partitioning, COMPILE_OPTIONS, DEFAULT_PLUGIN_TIMEOUT, MAX_CPU_DEVICE_COUNT,
    OPTION_OVERRIDES,
};
pub use dtype::DType;
pub use error::{Result, RuntimeError};
pub use literal::{format_literal, format_tensor, literal_type, parse_literal};
pub use npy::{from_npy_bytes, from_npy_bytes_as, read_npy, read_npy_as, to_npy_bytes, write_npy};
pub use plugin::{
    cache_dir, cpu_plugin_path, locate_plugin, LocatedPlugin, Plugin, PluginChoice, CACHE_DIR_ENV,
    CPU_PLUGIN_FILE, CPU_PLUGIN_WHEEL_VERSION, PLUGIN_ENV, SITE_PACKAGES_ENV,
};
pub use sharding::Sharding;
pub use signature::parse_tensor_type;
pub use tensor::{tensor_type_string, Element, HostTensor};
pub use trust::{check_permissions, sha256_file, PinnedPlugin, PluginKind, PINNED_PLUGINS};
