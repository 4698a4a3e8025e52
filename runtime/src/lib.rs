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
//! let plugin = Plugin::load(locate_plugin(None)?)?;
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
//! * **Executing** ([`Executable::execute`]): on the executable's first
//!   addressable device. Inputs are uploaded with
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
//! [`HostTensor`] holds little-endian, row-major bytes (`i1` as one byte,
//! 0 or 1). [`parse_literal`]/[`format_tensor`] read and print
//! `iree-run-module`-style literals and NumPy-like nested lists;
//! [`read_npy`]/[`write_npy`] handle `.npy` files. bf16 has no NumPy builtin
//! type: it is written with descriptor `'<V2'` (a 2-byte void, exactly what
//! `numpy.save` writes for an `ml_dtypes.bfloat16` array) and `'<V2'`,
//! `'|V2'` and `'bfloat16'` are read as bf16.
//!
//! # Plugins
//!
//! [`locate_plugin`] resolves a [`PluginChoice`], else `$JAXR_PJRT_PLUGIN`,
//! else the CPU plugin that `scripts/setup` installs at
//! `$JAXR_CACHE_DIR/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so` (cache
//! directory default `$HOME/.cache/jaxr`). The CPU client accepts the
//! create option `cpu_device_count` ([`ClientOptions`]); plugin 0.115
//! rejects unknown option names.

#![warn(missing_docs)]

mod client;
mod dtype;
mod error;
mod ffi;
mod literal;
mod npy;
mod plugin;
mod signature;
mod tensor;

pub use client::{
    compile_options_bytes, Client, ClientOptions, Executable, COMPILE_OPTIONS, MAX_CPU_DEVICE_COUNT,
    OPTION_OVERRIDES,
};
pub use dtype::DType;
pub use error::{Result, RuntimeError};
pub use literal::{format_literal, format_tensor, parse_literal};
pub use npy::{from_npy_bytes, read_npy, to_npy_bytes, write_npy};
pub use plugin::{
    cache_dir, cpu_plugin_path, locate_plugin, Plugin, PluginChoice, CACHE_DIR_ENV, CPU_PLUGIN_FILE,
    CPU_PLUGIN_WHEEL_VERSION, PLUGIN_ENV,
};
pub use tensor::{Element, HostTensor};
