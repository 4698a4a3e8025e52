//! [`Client`] (a PJRT client on a loaded plugin) and [`Executable`] (a
//! compiled StableHLO module).

use std::ffi::{c_char, c_void};
use std::fmt;
use std::ptr::{null, null_mut};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use crate::dtype::{pjrt_type_name, DType};
use crate::error::{Result, RuntimeError};
use crate::ffi;
use crate::plugin::{Event, Plugin, PluginChoice};
use crate::signature::{main_param_types, ParamType};
use crate::tensor::{checked_element_count, low_bits_mask, HostTensor};

/// The serialized `xla.CompileOptionsProto` passed to every compile:
/// `executable_build_options { num_replicas: 1 num_partitions: 1 }` and two
/// `env_option_overrides` that turn XLA's "fast" min/max off on CPU and GPU,
/// as JAX does: with them on, `max(1, NaN)` is 1 instead of NaN.
///
/// Layout: field 3 (`executable_build_options`, 4 bytes: field 4
/// `num_replicas` = 1, field 5 `num_partitions` = 1), then per override one
/// field 7 map entry `{ 1: key, 2: OptionOverrideProto { 2: bool_field } }`.
/// The CPU plugin aborts the process on empty options, so they are never
/// empty. [`compile_options_bytes`] builds them; a test decodes them back.
pub static COMPILE_OPTIONS: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(compile_options_bytes);

/// Debug options overridden in every compile, with their values.
pub const OPTION_OVERRIDES: [(&str, bool); 2] =
    [("xla_cpu_enable_fast_min_max", false), ("xla_gpu_enable_fast_min_max", false)];

/// Protobuf's base-128 varint.
fn varint(mut v: u64, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A field's tag: its number and wire type, itself a varint (two bytes
/// from field 16 on).
fn tag(field: u32, wire_type: u64, out: &mut Vec<u8>) {
    varint((u64::from(field) << 3) | wire_type, out);
}

fn length_delimited(field: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    tag(field, 2, &mut out);
    varint(payload.len() as u64, &mut out);
    out.extend_from_slice(payload);
    out
}

fn int_field(field: u32, value: u64, out: &mut Vec<u8>) {
    tag(field, 0, out);
    varint(value, out);
}

/// How a program is spread over devices: `num_replicas` copies of it, each
/// split by XLA's SPMD partitioner into `num_partitions` parts, one device
/// per (replica, partition). JAX's `jit` writes them as the module's
/// `mhlo.num_replicas` and `mhlo.num_partitions`. Its shardings are GSPMD's
/// (`mhlo.sharding`) or, with `shardy`, Shardy's (`sdy.mesh`,
/// `#sdy.sharding`), which XLA partitions only when told to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partitioning {
    /// Copies of the program (data parallelism outside SPMD).
    pub num_replicas: usize,
    /// Parts of each copy (SPMD partitions).
    pub num_partitions: usize,
    /// Whether the module's shardings are Shardy's: XLA then partitions it
    /// with the Shardy partitioner (`use_shardy_partitioner`), without which
    /// it fails on the `xla.sdy.*` custom calls the module becomes.
    pub shardy: bool,
}

impl Default for Partitioning {
    fn default() -> Self {
        Partitioning { num_replicas: 1, num_partitions: 1, shardy: false }
    }
}

impl Partitioning {
    /// The number of devices a run takes (saturating: no client has that many).
    pub fn devices(&self) -> usize {
        self.num_replicas.saturating_mul(self.num_partitions)
    }

    /// What the module text asks for (`mhlo.num_replicas`,
    /// `mhlo.num_partitions` on the module; 1 where absent), and whether it
    /// is sharded the Shardy way (it declares an `sdy.mesh`, or uses
    /// `#sdy.sharding`).
    pub fn of_module(text: &str) -> Partitioning {
        let read = |name: &str| {
            let at = text.find(&format!("{name} = "))?;
            let digits: String =
                text[at + name.len() + 3..].chars().take_while(|c| c.is_ascii_digit()).collect();
            digits.parse::<u32>().ok().filter(|n| *n > 0).map(|n| n as usize)
        };
        Partitioning {
            num_replicas: read("mhlo.num_replicas").unwrap_or(1),
            num_partitions: read("mhlo.num_partitions").unwrap_or(1),
            shardy: text.contains("sdy.mesh") || text.contains("#sdy.sharding"),
        }
    }
}

/// The `executable_build_options` of a compile over devices `device_ids`
/// (global ids, one per (replica, partition), partition-major as
/// `DeviceAssignmentProto` lists them): fields 4 `num_replicas`, 5
/// `num_partitions`, 6 `use_spmd_partitioning` (with several partitions),
/// 9 `device_assignment` (replica count, computation count, then per
/// partition its devices, one per replica; with several devices) and 19
/// `use_shardy_partitioner` (for a Shardy module), in field order as
/// protobuf writes them.
fn build_options(partitioning: Partitioning, device_ids: &[i64]) -> Vec<u8> {
    let mut out = Vec::new();
    int_field(4, partitioning.num_replicas as u64, &mut out);
    int_field(5, partitioning.num_partitions as u64, &mut out);
    if partitioning.devices() > 1 {
        if partitioning.num_partitions > 1 {
            int_field(6, 1, &mut out);
        }
        let mut assignment = Vec::new();
        int_field(1, partitioning.num_replicas as u64, &mut assignment);
        int_field(2, partitioning.num_partitions as u64, &mut assignment);
        for p in 0..partitioning.num_partitions {
            let mut ids = Vec::new();
            for r in 0..partitioning.num_replicas {
                // Two's complement of a negative id, as protobuf writes int64.
                varint(device_ids[r * partitioning.num_partitions + p] as u64, &mut ids);
            }
            assignment.extend(length_delimited(3, &length_delimited(1, &ids)));
        }
        out.extend(length_delimited(9, &assignment));
    }
    if partitioning.shardy {
        int_field(19, 1, &mut out);
    }
    out
}

/// Serialized `xla.CompileOptionsProto` for `partitioning` over
/// `device_ids`, with the [`OPTION_OVERRIDES`].
pub fn compile_options_for(partitioning: Partitioning, device_ids: &[i64]) -> Vec<u8> {
    let mut out = length_delimited(3, &build_options(partitioning, device_ids));
    for (name, value) in OPTION_OVERRIDES {
        let option = [0x10, u8::from(value)];
        let mut entry = length_delimited(1, name.as_bytes());
        entry.extend(length_delimited(2, &option));
        out.extend(length_delimited(7, &entry));
    }
    out
}

/// Encodes [`COMPILE_OPTIONS`].
pub fn compile_options_bytes() -> Vec<u8> {
    compile_options_for(Partitioning::default(), &[])
}

/// The largest `cpu_device_count` accepted: the CPU plugin aborts the whole
/// process (a failed CHECK) when it cannot create its threads, as happens
/// with 100000 devices.
pub const MAX_CPU_DEVICE_COUNT: i64 = 1024;

/// Options for [`Client::new`]; the default creates the plugin's default client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientOptions {
    /// For the CPU plugin: the number of CPU devices (the `cpu_device_count`
    /// create option), 1 to [`MAX_CPU_DEVICE_COUNT`]; `None` keeps the
    /// plugin's default (4 devices for the 0.11.2 CPU plugin, whatever the
    /// core count). Other plugins may reject the option.
    pub cpu_device_count: Option<i64>,
}

struct ClientInner {
    plugin: Plugin,
    raw: *mut ffi::PJRT_Client,
    platform_name: String,
    platform_version: String,
    device_count: usize,
}

// SAFETY: a PJRT client is thread-safe (the C API is meant to be called from
// any thread); `raw` is only destroyed in `Drop`, after every `Executable`
// (which holds an `Arc` of this) is gone.
unsafe impl Send for ClientInner {}
// SAFETY: as above; no field is mutated after creation.
unsafe impl Sync for ClientInner {}

impl Drop for ClientInner {
    fn drop(&mut self) {
        let mut args = ffi::PJRT_Client_Destroy_Args::new();
        args.client = self.raw;
        // SAFETY: `raw` is a live client owned by us, destroyed once. An error
        // cannot be reported from drop; `call` frees it.
        let _ = unsafe {
            self.plugin.call("PJRT_Client_Destroy", self.plugin.api().PJRT_Client_Destroy, &mut args)
        };
    }
}

/// A PJRT client: the devices of one plugin in this process.
///
/// Cloning is cheap and shares the client, which is destroyed when the last
/// clone and the last [`Executable`] compiled by it are dropped.
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientInner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("plugin", &self.inner.plugin.path())
            .field("platform_name", &self.inner.platform_name)
            .field("device_count", &self.inner.device_count)
            .finish()
    }
}

fn string_from(ptr: *const c_char, len: usize) -> String {
    if ptr.is_null() {
        return String::new();
    }
    // SAFETY: the plugin returned `len` bytes at `ptr`, owned by the client.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    String::from_utf8_lossy(bytes).into_owned()
}

/// The default limit of [`Client::open`]: plugin loading and client creation.
pub const DEFAULT_PLUGIN_TIMEOUT: Duration = Duration::from_secs(120);

/// Runs `work` on a new thread and waits at most `timeout` for it; after
/// that, [`RuntimeError::Timeout`] naming `what`. The thread cannot be
/// stopped: it runs on (and whatever it holds stays held) until it returns
/// or the process exits.
pub fn run_with_timeout<T: Send + 'static>(
    what: &str,
    timeout: Duration,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("jaxr-plugin-init".to_string())
        .spawn(move || {
            // The receiver is gone after a timeout; nothing to tell then.
            let _ = sender.send(work());
        })
        .map_err(|e| RuntimeError::Unsupported(format!("cannot start a thread for {what}: {e}")))?;
    match receiver.recv_timeout(timeout) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Err(RuntimeError::Timeout { what: what.to_string(), seconds: timeout.as_secs_f64() })
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(RuntimeError::Unsupported(format!("{what} panicked")))
        }
    }
}

impl Client {
    /// Locates, checks and loads the plugin ([`Plugin::locate_and_load`])
    /// and creates a client on it ([`Client::new`]), on a helper thread,
    /// waiting at most `timeout` ([`DEFAULT_PLUGIN_TIMEOUT`] is a sensible
    /// value): a plugin whose initialisation hangs (a GPU or TPU runtime
    /// waiting for a device) gives [`RuntimeError::Timeout`] instead.
    pub fn open(choice: Option<&PluginChoice>, options: &ClientOptions, timeout: Duration) -> Result<Client> {
        let choice = choice.cloned();
        let options = options.clone();
        let what = match &choice {
            Some(c) => format!("loading the PJRT plugin '{c}' and creating its client"),
            None => "loading the PJRT plugin and creating its client".to_string(),
        };
        run_with_timeout(&what, timeout, move || {
            let plugin = Plugin::locate_and_load(choice.as_ref())?;
            Client::new(&plugin, &options)
        })
    }

    /// Creates a client (`PJRT_Client_Create`) with `options`.
    pub fn new(plugin: &Plugin, options: &ClientOptions) -> Result<Client> {
        let api = plugin.api();
        const CPU_DEVICE_COUNT: &str = "cpu_device_count";
        let mut named = Vec::new();
        if let Some(n) = options.cpu_device_count {
            if !(1..=MAX_CPU_DEVICE_COUNT).contains(&n) {
                return Err(RuntimeError::Unsupported(format!(
                    "cpu_device_count must be between 1 and {MAX_CPU_DEVICE_COUNT}, got {n}"
                )));
            }
            let mut v = ffi::PJRT_NamedValue::new();
            v.name = CPU_DEVICE_COUNT.as_ptr().cast::<c_char>();
            v.name_size = CPU_DEVICE_COUNT.len();
            v.type_ = ffi::PJRT_NAMED_VALUE_INT64;
            v.value = ffi::PJRT_NamedValue_Value { int64_value: n };
            v.value_size = 1;
            named.push(v);
        }
        let mut args = ffi::PJRT_Client_Create_Args::new();
        args.create_options = if named.is_empty() { null() } else { named.as_ptr() };
        args.num_options = named.len();
        // SAFETY: `named` (and the static name strings) outlive the call.
        unsafe { plugin.call("PJRT_Client_Create", api.PJRT_Client_Create, &mut args)? };
        if args.client.is_null() {
            return Err(RuntimeError::Unsupported("PJRT_Client_Create returned no client".to_string()));
        }
        // Owned from here on, so that early returns destroy it.
        let mut inner = ClientInner {
            plugin: *plugin,
            raw: args.client,
            platform_name: String::new(),
            platform_version: String::new(),
            device_count: 0,
        };

        let mut name = ffi::PJRT_Client_PlatformName_Args::new();
        name.client = inner.raw;
        // SAFETY: live client.
        unsafe { plugin.call("PJRT_Client_PlatformName", api.PJRT_Client_PlatformName, &mut name)? };
        inner.platform_name = string_from(name.platform_name, name.platform_name_size);

        if api.PJRT_Client_PlatformVersion.is_some() {
            let mut version = ffi::PJRT_Client_PlatformVersion_Args::new();
            version.client = inner.raw;
            // SAFETY: live client.
            unsafe {
                plugin.call("PJRT_Client_PlatformVersion", api.PJRT_Client_PlatformVersion, &mut version)?
            };
            inner.platform_version = string_from(version.platform_version, version.platform_version_size);
        }

        let mut devices = ffi::PJRT_Client_AddressableDevices_Args::new();
        devices.client = inner.raw;
        // SAFETY: live client.
        unsafe {
            plugin.call("PJRT_Client_AddressableDevices", api.PJRT_Client_AddressableDevices, &mut devices)?
        };
        inner.device_count = devices.num_addressable_devices;

        Ok(Client { inner: Arc::new(inner) })
    }

    /// The plugin this client runs on.
    pub fn plugin(&self) -> &Plugin {
        &self.inner.plugin
    }

    /// The platform name, e.g. `cpu`, `cuda`, `tpu`.
    pub fn platform_name(&self) -> &str {
        &self.inner.platform_name
    }

    /// The plugin's free-form platform version string (may be empty).
    pub fn platform_version(&self) -> &str {
        &self.inner.platform_version
    }

    /// The number of devices this process can address.
    pub fn device_count(&self) -> usize {
        self.inner.device_count
    }

    /// Compiles a StableHLO module given as MLIR text (generic or pretty
    /// assembly; `PJRT_Client_Compile` with program format `mlir` and
    /// [`COMPILE_OPTIONS`]). Parse and verification errors come back as
    /// [`RuntimeError::Pjrt`] with the plugin's message.
    pub fn compile(&self, module_text: &str) -> Result<Executable> {
        self.compile_with(module_text, &COMPILE_OPTIONS)
    }

    /// Compiles a module for `partitioning.devices()` devices (the first
    /// addressable ones, in order): XLA's SPMD partitioner splits the
    /// program per the shardings it carries. Run it with
    /// [`Executable::execute_on_devices`].
    pub fn compile_partitioned(&self, module_text: &str, partitioning: Partitioning) -> Result<Executable> {
        if partitioning.devices() == 0 {
            return Err(RuntimeError::Unsupported(
                "a program needs at least one replica and partition".into(),
            ));
        }
        let devices = self.addressable_devices()?;
        if partitioning.devices() > devices.len() {
            return Err(RuntimeError::Unsupported(format!(
                "the module asks for {} devices ({} replicas x {} partitions), but the client has {}{}",
                partitioning.devices(),
                partitioning.num_replicas,
                partitioning.num_partitions,
                devices.len(),
                if self.inner.platform_name == "cpu" { " (more CPU devices: --devices=N)" } else { "" }
            )));
        }
        let ids = devices[..partitioning.devices()]
            .iter()
            .map(|d| self.device_id(*d))
            .collect::<Result<Vec<_>>>()?;
        self.compile_with(module_text, &compile_options_for(partitioning, &ids))
    }

    /// The client's addressable devices, in the plugin's order.
    fn addressable_devices(&self) -> Result<Vec<*mut ffi::PJRT_Device>> {
        let plugin = &self.inner.plugin;
        let mut args = ffi::PJRT_Client_AddressableDevices_Args::new();
        args.client = self.inner.raw;
        // SAFETY: live client.
        unsafe {
            plugin.call(
                "PJRT_Client_AddressableDevices",
                plugin.api().PJRT_Client_AddressableDevices,
                &mut args,
            )?
        };
        if args.addressable_devices.is_null() {
            return Ok(Vec::new());
        }
        // SAFETY: the plugin returned `num_addressable_devices` device
        // pointers owned by the client.
        Ok(unsafe { std::slice::from_raw_parts(args.addressable_devices, args.num_addressable_devices) }
            .to_vec())
    }

    /// A device's global id.
    fn device_id(&self, device: *mut ffi::PJRT_Device) -> Result<i64> {
        let plugin = &self.inner.plugin;
        let api = plugin.api();
        let mut description = ffi::PJRT_Device_GetDescription_Args::new();
        description.device = device;
        // SAFETY: a live device of this client.
        unsafe {
            plugin.call("PJRT_Device_GetDescription", api.PJRT_Device_GetDescription, &mut description)?
        };
        let mut id = ffi::PJRT_DeviceDescription_Id_Args::new();
        id.device_description = description.device_description;
        // SAFETY: the description is owned by the live device.
        unsafe { plugin.call("PJRT_DeviceDescription_Id", api.PJRT_DeviceDescription_Id, &mut id)? };
        Ok(i64::from(id.id))
    }

    fn compile_with(&self, module_text: &str, options: &[u8]) -> Result<Executable> {
        if module_text.trim().is_empty() {
            return Err(RuntimeError::Unsupported("cannot compile an empty module text".to_string()));
        }
        let plugin = &self.inner.plugin;
        let api = plugin.api();
        let mut code = module_text.as_bytes().to_vec();
        const FORMAT: &str = "mlir";
        let mut program = ffi::PJRT_Program::new();
        program.code = code.as_mut_ptr().cast::<c_char>();
        program.code_size = code.len();
        program.format = FORMAT.as_ptr().cast::<c_char>();
        program.format_size = FORMAT.len();
        let mut args = ffi::PJRT_Client_Compile_Args::new();
        args.client = self.inner.raw;
        args.program = &program;
        args.compile_options = options.as_ptr().cast::<c_char>();
        args.compile_options_size = options.len();
        // SAFETY: `program`, `code` and the options outlive the call.
        unsafe { plugin.call("PJRT_Client_Compile", api.PJRT_Client_Compile, &mut args)? };
        if args.executable.is_null() {
            return Err(RuntimeError::Unsupported("PJRT_Client_Compile returned no executable".to_string()));
        }
        let mut exe = Executable {
            client: Arc::clone(&self.inner),
            raw: args.executable,
            num_outputs: 0,
            devices: Vec::new(),
            params: main_param_types(module_text),
        };
        exe.num_outputs = exe.query_num_outputs()?;
        exe.devices = exe.query_devices()?;
        Ok(exe)
    }
}

/// What the compiler reserved for one run of an executable, in bytes (XLA's
/// `CompiledMemoryStats`, from `PJRT_Executable_GetCompiledMemoryStats`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompiledMemoryStats {
    /// The generated code.
    pub generated_code_bytes: u64,
    /// The arguments.
    pub argument_bytes: u64,
    /// The results.
    pub output_bytes: u64,
    /// Results that reuse an argument's buffer.
    pub alias_bytes: u64,
    /// Temporaries.
    pub temp_bytes: u64,
    /// The peak of live buffers, when the plugin reports it.
    pub peak_bytes: Option<u64>,
}

/// A numeric named value as (name, number); strings and lists are skipped.
fn named_number(v: &ffi::PJRT_NamedValue) -> Option<(String, f64)> {
    if v.name.is_null() {
        return None;
    }
    // SAFETY: the plugin gives `name_size` bytes of name.
    let name = unsafe { std::slice::from_raw_parts(v.name.cast::<u8>(), v.name_size) };
    let name = String::from_utf8_lossy(name).into_owned();
    // SAFETY: the union member read is the one `type_` names.
    let number = unsafe {
        match v.type_ {
            ffi::PJRT_NAMED_VALUE_INT64 => v.value.int64_value as f64,
            ffi::PJRT_NAMED_VALUE_FLOAT => f64::from(v.value.float_value),
            ffi::PJRT_NAMED_VALUE_BOOL => f64::from(u8::from(v.value.bool_value)),
            _ => return None,
        }
    };
    Some((name, number))
}

/// A compiled module, loaded on its client's devices.
///
/// Runs on the executable's addressable devices: one for a default compile,
/// one per (replica, partition) for [`Client::compile_partitioned`].
/// Executing from several threads at once is allowed.
pub struct Executable {
    client: Arc<ClientInner>,
    raw: *mut ffi::PJRT_LoadedExecutable,
    num_outputs: usize,
    /// The devices it runs on, one per (replica, partition).
    devices: Vec<*mut ffi::PJRT_Device>,
    /// `main`'s parameter types as read from the text, for input checks.
    params: Option<Vec<Option<ParamType>>>,
}

// SAFETY: PJRT loaded executables may be executed concurrently from any
// thread; `raw` is destroyed only in `Drop`, and the client outlives it.
unsafe impl Send for Executable {}
// SAFETY: as above; no field is mutated after `Client::compile` returns.
unsafe impl Sync for Executable {}

impl fmt::Debug for Executable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Executable")
            .field("platform", &self.client.platform_name)
            .field("num_outputs", &self.num_outputs)
            .finish()
    }
}

impl Drop for Executable {
    fn drop(&mut self) {
        let plugin = &self.client.plugin;
        let mut args = ffi::PJRT_LoadedExecutable_Destroy_Args::new();
        args.executable = self.raw;
        // SAFETY: live executable owned by us, destroyed once; errors are freed.
        let _ = unsafe {
            plugin.call(
                "PJRT_LoadedExecutable_Destroy",
                plugin.api().PJRT_LoadedExecutable_Destroy,
                &mut args,
            )
        };
    }
}

/// An owned `PJRT_Buffer`, destroyed on drop.
struct Buffer {
    plugin: Plugin,
    raw: *mut ffi::PJRT_Buffer,
}

impl Drop for Buffer {
    fn drop(&mut self) {
        let mut args = ffi::PJRT_Buffer_Destroy_Args::new();
        args.buffer = self.raw;
        // SAFETY: live buffer owned by us, destroyed once; errors are freed.
        let _ = unsafe {
            self.plugin.call("PJRT_Buffer_Destroy", self.plugin.api().PJRT_Buffer_Destroy, &mut args)
        };
    }
}

impl Executable {
    /// The number of results of the module's `main` function.
    pub fn num_outputs(&self) -> usize {
        self.num_outputs
    }

    /// Runs `f` on the `PJRT_Executable` behind the loaded executable (got
    /// and destroyed around the call).
    fn with_executable<T>(&self, f: impl FnOnce(*mut ffi::PJRT_Executable) -> Result<T>) -> Result<T> {
        let plugin = &self.client.plugin;
        let api = plugin.api();
        let mut get = ffi::PJRT_LoadedExecutable_GetExecutable_Args::new();
        get.loaded_executable = self.raw;
        // SAFETY: live loaded executable.
        unsafe {
            plugin.call(
                "PJRT_LoadedExecutable_GetExecutable",
                api.PJRT_LoadedExecutable_GetExecutable,
                &mut get,
            )?
        };
        let result = f(get.executable);
        let mut destroy = ffi::PJRT_Executable_Destroy_Args::new();
        destroy.executable = get.executable;
        // SAFETY: destroys the executable returned by GetExecutable, once.
        unsafe { plugin.call("PJRT_Executable_Destroy", api.PJRT_Executable_Destroy, &mut destroy)? };
        result
    }

    fn query_num_outputs(&self) -> Result<usize> {
        let plugin = &self.client.plugin;
        self.with_executable(|executable| {
            let mut num = ffi::PJRT_Executable_NumOutputs_Args::new();
            num.executable = executable;
            // SAFETY: a live executable.
            unsafe {
                plugin.call(
                    "PJRT_Executable_NumOutputs",
                    plugin.api().PJRT_Executable_NumOutputs,
                    &mut num,
                )?
            };
            Ok(num.num_outputs)
        })
    }

    /// What the compiler reserved for a run (XLA's buffer assignment),
    /// `None` when the plugin does not report it.
    pub fn compiled_memory_stats(&self) -> Result<Option<CompiledMemoryStats>> {
        let plugin = &self.client.plugin;
        let Some(f) = plugin.slot_past_prefix::<ffi::PJRT_Executable_GetCompiledMemoryStats_Args>(
            ffi::PJRT_EXECUTABLE_GET_COMPILED_MEMORY_STATS_OFFSET,
        ) else {
            return Ok(None);
        };
        self.with_executable(|executable| {
            let mut args = ffi::PJRT_Executable_GetCompiledMemoryStats_Args::new();
            args.executable = executable;
            // A plugin built with an older header does not know this field.
            args.peak_memory_in_bytes = -1;
            // SAFETY: a live executable and an argument struct of the size given.
            match unsafe { plugin.call("PJRT_Executable_GetCompiledMemoryStats", Some(f), &mut args) } {
                Ok(()) => {}
                Err(RuntimeError::Pjrt { code: 12, .. }) => return Ok(None), // UNIMPLEMENTED
                Err(e) => return Err(e),
            }
            let known = |v: i64| (v >= 0).then_some(v as u64);
            Ok(Some(CompiledMemoryStats {
                generated_code_bytes: args.generated_code_size_in_bytes.max(0) as u64,
                argument_bytes: args.argument_size_in_bytes.max(0) as u64,
                output_bytes: args.output_size_in_bytes.max(0) as u64,
                alias_bytes: args.alias_size_in_bytes.max(0) as u64,
                temp_bytes: args.temp_size_in_bytes.max(0) as u64,
                peak_bytes: known(args.peak_memory_in_bytes),
            }))
        })
    }

    /// The compiler's cost analysis (flops, bytes accessed, ...) as name and
    /// number, in the plugin's order; empty when the plugin gives none.
    pub fn cost_analysis(&self) -> Result<Vec<(String, f64)>> {
        let plugin = &self.client.plugin;
        let Some(f) = plugin.api().PJRT_Executable_GetCostAnalysis else { return Ok(Vec::new()) };
        self.with_executable(|executable| {
            let mut args = ffi::PJRT_Executable_GetCostAnalysis_Args::new();
            args.executable = executable;
            // SAFETY: a live executable; the properties it returns live as
            // long as it does, and are copied out before it is destroyed.
            match unsafe { plugin.call("PJRT_Executable_GetCostAnalysis", Some(f), &mut args) } {
                Ok(()) => {}
                Err(RuntimeError::Pjrt { code: 12, .. }) => return Ok(Vec::new()),
                Err(e) => return Err(e),
            }
            if args.properties.is_null() {
                return Ok(Vec::new());
            }
            // SAFETY: the plugin returns `num_properties` named values.
            let properties = unsafe { std::slice::from_raw_parts(args.properties, args.num_properties) };
            Ok(properties.iter().filter_map(named_number).collect())
        })
    }

    fn query_devices(&self) -> Result<Vec<*mut ffi::PJRT_Device>> {
        let plugin = &self.client.plugin;
        let mut args = ffi::PJRT_LoadedExecutable_AddressableDevices_Args::new();
        args.executable = self.raw;
        // SAFETY: live loaded executable.
        unsafe {
            plugin.call(
                "PJRT_LoadedExecutable_AddressableDevices",
                plugin.api().PJRT_LoadedExecutable_AddressableDevices,
                &mut args,
            )?
        };
        if args.num_addressable_devices == 0 || args.addressable_devices.is_null() {
            return Err(RuntimeError::Unsupported("the executable has no addressable device".to_string()));
        }
        // SAFETY: the plugin returned an array of `num_addressable_devices`
        // (>= 1) device pointers owned by the client.
        Ok(unsafe { std::slice::from_raw_parts(args.addressable_devices, args.num_addressable_devices) }
            .to_vec())
    }

    /// The number of devices a run takes.
    pub fn device_count(&self) -> usize {
        self.devices.len()
    }

    /// The number of SPMD partitions XLA compiled (`PJRT_Executable_NumPartitions`).
    pub fn num_partitions(&self) -> Result<usize> {
        let plugin = &self.client.plugin;
        self.with_executable(|executable| {
            let mut args = ffi::PJRT_Executable_NumPartitions_Args::new();
            args.executable = executable;
            // SAFETY: a live executable.
            unsafe {
                plugin.call(
                    "PJRT_Executable_NumPartitions",
                    plugin.api().PJRT_Executable_NumPartitions,
                    &mut args,
                )?
            };
            Ok(args.num_partitions)
        })
    }

    /// The number of replicas XLA compiled (`PJRT_Executable_NumReplicas`).
    pub fn num_replicas(&self) -> Result<usize> {
        let plugin = &self.client.plugin;
        self.with_executable(|executable| {
            let mut args = ffi::PJRT_Executable_NumReplicas_Args::new();
            args.executable = executable;
            // SAFETY: a live executable.
            unsafe {
                plugin.call(
                    "PJRT_Executable_NumReplicas",
                    plugin.api().PJRT_Executable_NumReplicas,
                    &mut args,
                )?
            };
            Ok(args.num_replicas)
        })
    }

    fn upload(&self, tensor: &HostTensor, device: *mut ffi::PJRT_Device) -> Result<Buffer> {
        let plugin = self.client.plugin;
        let api = plugin.api();
        let mut args = ffi::PJRT_Client_BufferFromHostBuffer_Args::new();
        args.client = self.client.raw;
        args.data = tensor.data.as_ptr().cast::<c_void>();
        args.type_ = tensor.dtype.pjrt_code();
        args.dims = tensor.shape.as_ptr();
        args.num_dims = tensor.shape.len();
        args.host_buffer_semantics = ffi::PJRT_HOST_BUFFER_IMMUTABLE_UNTIL_TRANSFER_COMPLETES;
        args.device = device;
        // SAFETY: `tensor` was validated (data length matches shape and
        // dtype) and stays borrowed until the done-with-host-buffer event
        // below has completed.
        unsafe {
            plugin.call(
                "PJRT_Client_BufferFromHostBuffer",
                api.PJRT_Client_BufferFromHostBuffer,
                &mut args,
            )?
        };
        let done = Event::new(plugin, args.done_with_host_buffer);
        if args.buffer.is_null() {
            return Err(RuntimeError::Unsupported(
                "PJRT_Client_BufferFromHostBuffer returned no buffer".to_string(),
            ));
        }
        let buffer = Buffer { plugin, raw: args.buffer };
        done.wait("PJRT_Client_BufferFromHostBuffer (done_with_host_buffer)")?;
        Ok(buffer)
    }

    fn download(&self, buffer: &Buffer) -> Result<HostTensor> {
        let plugin = self.client.plugin;
        let api = plugin.api();

        let mut ty = ffi::PJRT_Buffer_ElementType_Args::new();
        ty.buffer = buffer.raw;
        // SAFETY: live buffer.
        unsafe { plugin.call("PJRT_Buffer_ElementType", api.PJRT_Buffer_ElementType, &mut ty)? };
        let dtype = DType::from_pjrt_code(ty.type_).ok_or_else(|| {
            RuntimeError::Unsupported(format!(
                "output element type {} (PJRT_Buffer_Type {})",
                pjrt_type_name(ty.type_),
                ty.type_
            ))
        })?;

        let mut dims = ffi::PJRT_Buffer_Dimensions_Args::new();
        dims.buffer = buffer.raw;
        // SAFETY: live buffer.
        unsafe { plugin.call("PJRT_Buffer_Dimensions", api.PJRT_Buffer_Dimensions, &mut dims)? };
        let shape: Vec<i64> = if dims.num_dims == 0 || dims.dims.is_null() {
            Vec::new()
        } else {
            // SAFETY: `num_dims` values owned by the buffer, alive while it is.
            unsafe { std::slice::from_raw_parts(dims.dims, dims.num_dims) }.to_vec()
        };

        // First ask for the size, then copy.
        let mut query = ffi::PJRT_Buffer_ToHostBuffer_Args::new();
        query.src = buffer.raw;
        // SAFETY: live buffer; a null `dst` only queries `dst_size`.
        unsafe { plugin.call("PJRT_Buffer_ToHostBuffer", api.PJRT_Buffer_ToHostBuffer, &mut query)? };
        Event::new(plugin, query.event).wait("PJRT_Buffer_ToHostBuffer (size query)")?;
        let mut data = vec![0u8; query.dst_size];
        let mut copy = ffi::PJRT_Buffer_ToHostBuffer_Args::new();
        copy.src = buffer.raw;
        copy.dst = data.as_mut_ptr().cast::<c_void>();
        copy.dst_size = data.len();
        // SAFETY: `data` has `dst_size` bytes and is not touched until the
        // event below completes.
        unsafe { plugin.call("PJRT_Buffer_ToHostBuffer", api.PJRT_Buffer_ToHostBuffer, &mut copy)? };
        Event::new(plugin, copy.event).wait("PJRT_Buffer_ToHostBuffer (copy)")?;
        if dtype.is_sub_byte() && data.len() == checked_element_count(&shape, dtype)? {
            // The CPU plugin already returns one element per byte in the low
            // bits, high bits zero (the HostTensor layout); clear the high
            // bits anyway, should another plugin sign-extend.
            let mask = low_bits_mask(dtype);
            for b in &mut data {
                *b &= mask;
            }
        }
        HostTensor::new(dtype, shape, data).map_err(|e| {
            RuntimeError::Unsupported(format!("the plugin returned an unexpected host buffer: {e}"))
        })
    }

    /// Runs the module on its device: uploads `inputs` (one per parameter of
    /// `main`, in order), executes, and downloads every result.
    ///
    /// Malformed tensors, and inputs whose element type or shape differs
    /// from the `tensor<...>` type of `main`'s parameter in the module text,
    /// are [`RuntimeError::Tensor`] errors. (The CPU plugin itself only
    /// compares byte sizes, so it would accept a `3x2xf32` or a `2x3xi32`
    /// buffer for a `tensor<2x3xf32>` parameter.) A wrong number of inputs,
    /// or a byte-size mismatch on a parameter whose type could not be read,
    /// is reported by the plugin as [`RuntimeError::Pjrt`].
    pub fn execute(&self, inputs: &[HostTensor]) -> Result<Vec<HostTensor>> {
        if self.devices.len() != 1 {
            return Err(RuntimeError::Unsupported(format!(
                "the program runs on {} devices: give each device its inputs (execute_on_devices)",
                self.devices.len()
            )));
        }
        for (i, t) in inputs.iter().enumerate() {
            t.validate().map_err(|e| RuntimeError::Tensor(format!("input {i}: {e}")))?;
        }
        if let Some(params) = self.params.as_ref().filter(|p| p.len() == inputs.len()) {
            for (i, (param, t)) in params.iter().zip(inputs).enumerate() {
                if let Some(param) = param.as_ref().filter(|p| !p.accepts(t)) {
                    return Err(RuntimeError::Tensor(format!(
                        "input {i} is {} but main's parameter {i} is {}",
                        t.type_string(),
                        param.text
                    )));
                }
            }
        }
        let mut outputs = self.run(&[inputs])?;
        Ok(outputs.remove(0))
    }

    /// Runs a program compiled for several devices
    /// ([`Client::compile_partitioned`]): `per_device[d]` are the inputs of
    /// device `d` (device `r * num_partitions + p` runs partition `p` of
    /// replica `r`), each a shard of `main`'s parameter as
    /// its sharding says; returns each device's results, shards likewise.
    /// (Device order is replica-major, as in the device assignment.)
    pub fn execute_on_devices(&self, per_device: &[Vec<HostTensor>]) -> Result<Vec<Vec<HostTensor>>> {
        if per_device.len() != self.devices.len() {
            return Err(RuntimeError::Unsupported(format!(
                "the program runs on {} devices, but inputs were given for {}",
                self.devices.len(),
                per_device.len()
            )));
        }
        for (d, inputs) in per_device.iter().enumerate() {
            if inputs.len() != per_device[0].len() {
                return Err(RuntimeError::Unsupported(format!(
                    "device {d} has {} inputs, device 0 has {}",
                    inputs.len(),
                    per_device[0].len()
                )));
            }
            for (i, t) in inputs.iter().enumerate() {
                t.validate().map_err(|e| RuntimeError::Tensor(format!("device {d}, input {i}: {e}")))?;
            }
        }
        let lists: Vec<&[HostTensor]> = per_device.iter().map(|v| v.as_slice()).collect();
        self.run(&lists)
    }

    /// Uploads each device's inputs to it, executes once on every device
    /// and downloads every result.
    fn run(&self, per_device: &[&[HostTensor]]) -> Result<Vec<Vec<HostTensor>>> {
        let plugin = self.client.plugin;
        let api = plugin.api();
        let mut uploaded: Vec<Vec<Buffer>> = Vec::with_capacity(per_device.len());
        for (inputs, device) in per_device.iter().zip(&self.devices) {
            uploaded.push(inputs.iter().map(|t| self.upload(t, *device)).collect::<Result<_>>()?);
        }
        let arg_ptrs: Vec<Vec<*mut ffi::PJRT_Buffer>> =
            uploaded.iter().map(|bs| bs.iter().map(|b| b.raw).collect()).collect();
        let argument_lists: Vec<*const *mut ffi::PJRT_Buffer> = arg_ptrs.iter().map(|v| v.as_ptr()).collect();
        let mut outputs: Vec<Vec<*mut ffi::PJRT_Buffer>> =
            per_device.iter().map(|_| vec![null_mut(); self.num_outputs]).collect();
        let output_lists: Vec<*mut *mut ffi::PJRT_Buffer> =
            outputs.iter_mut().map(|v| v.as_mut_ptr()).collect();
        let mut complete: Vec<*mut ffi::PJRT_Event> = vec![null_mut(); per_device.len()];
        let mut options = ffi::PJRT_ExecuteOptions::new();
        let mut args = ffi::PJRT_LoadedExecutable_Execute_Args::new();
        args.executable = self.raw;
        args.options = &mut options;
        args.argument_lists = argument_lists.as_ptr();
        args.num_devices = per_device.len();
        args.num_args = per_device.first().map_or(0, |inputs| inputs.len());
        args.output_lists = output_lists.as_ptr();
        args.device_complete_events = complete.as_mut_ptr();
        // SAFETY: all arrays outlive the call: one argument list of
        // `num_args` buffers and one output list with room for
        // `num_outputs` buffers per device, as the plugin reported.
        let result = unsafe {
            plugin.call("PJRT_LoadedExecutable_Execute", api.PJRT_LoadedExecutable_Execute, &mut args)
        };
        // Take ownership of whatever the plugin produced, even on error.
        let done: Vec<Event> = complete.iter().map(|e| Event::new(plugin, *e)).collect();
        let owned: Vec<Vec<Buffer>> = outputs
            .iter()
            .map(|list| list.iter().filter(|b| !b.is_null()).map(|&raw| Buffer { plugin, raw }).collect())
            .collect();
        result?;
        for event in done {
            event.wait("PJRT_LoadedExecutable_Execute (device_complete_event)")?;
        }
        drop(uploaded);
        owned
            .iter()
            .map(|buffers| {
                if buffers.len() != self.num_outputs {
                    return Err(RuntimeError::Unsupported(format!(
                        "the plugin returned {} of {} output buffers",
                        buffers.len(),
                        self.num_outputs
                    )));
                }
                buffers.iter().map(|b| self.download(b)).collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn work_past_its_timeout_is_an_error() {
        let slow = run_with_timeout("sleeping", Duration::from_millis(20), || {
            std::thread::sleep(Duration::from_secs(5));
            Ok(1)
        });
        let e = slow.unwrap_err();
        assert!(matches!(e, RuntimeError::Timeout { .. }), "{e:?}");
        assert_eq!(e.to_string(), "sleeping did not finish within 0.02 s");
        let fast = run_with_timeout("adding", Duration::from_secs(60), || Ok(1 + 1));
        assert_eq!(fast.unwrap(), 2);
        let failing: Result<()> =
            run_with_timeout("failing", Duration::from_secs(60), || Err(RuntimeError::Npy("x".into())));
        assert_eq!(failing.unwrap_err().to_string(), "npy: x");
    }

    #[test]
    fn handles_are_send_and_sync() {
        assert_send_sync::<Plugin>();
        assert_send_sync::<Client>();
        assert_send_sync::<Executable>();
        assert_send_sync::<HostTensor>();
    }
}

#[cfg(test)]
mod compile_options_tests {
    use super::*;

    #[test]
    fn compile_options_start_with_the_build_options_and_name_each_override() {
        let bytes = compile_options_bytes();
        assert_eq!(&bytes[..6], &[0x1a, 0x04, 0x20, 0x01, 0x28, 0x01]);
        let mut rest = &bytes[6..];
        for (name, value) in OPTION_OVERRIDES {
            // field 7, length; entry: field 1 key, field 2 { field 2 bool }.
            assert_eq!(rest[0], 0x3a);
            let entry = &rest[2..2 + rest[1] as usize];
            assert_eq!(entry[0], 0x0a);
            let key_len = entry[1] as usize;
            assert_eq!(&entry[2..2 + key_len], name.as_bytes());
            assert_eq!(&entry[2 + key_len..], &[0x12, 0x02, 0x10, u8::from(value)]);
            rest = &rest[2 + rest[1] as usize..];
        }
        assert!(rest.is_empty());
    }

    #[test]
    fn partitioned_build_options_are_what_jaxlib_serializes() {
        // jaxlib 0.10.2: xla_client.CompileOptions() with num_replicas 1,
        // num_partitions 8, use_spmd_partitioning and
        // DeviceAssignment.create([[0, ..., 7]]) serializes these fields
        // 4, 5, 6 and 9 of executable_build_options (after its debug options).
        let mut want = vec![0x20, 0x01, 0x28, 0x08, 0x30, 0x01, 0x4a, 0x2c, 0x08, 0x01, 0x10, 0x08];
        for d in 0..8 {
            want.extend([0x1a, 0x03, 0x0a, 0x01, d]);
        }
        let ids: Vec<i64> = (0..8).collect();
        let partitioning = Partitioning { num_replicas: 1, num_partitions: 8, shardy: false };
        assert_eq!(build_options(partitioning, &ids), want);
        let options = compile_options_for(partitioning, &ids);
        assert_eq!(&options[..2], &[0x1a, want.len() as u8]);
        assert_eq!(&options[2..2 + want.len()], &want[..]);
        // Two replicas of two partitions: each partition lists its devices
        // per replica (replica-major device numbering).
        let two_by_two =
            build_options(Partitioning { num_replicas: 2, num_partitions: 2, shardy: false }, &[0, 1, 2, 3]);
        assert_eq!(
            two_by_two,
            [
                0x20, 0x02, 0x28, 0x02, 0x30, 0x01, 0x4a, 0x10, 0x08, 0x02, 0x10, 0x02, 0x1a, 0x04, 0x0a,
                0x02, 0x00, 0x02, 0x1a, 0x04, 0x0a, 0x02, 0x01, 0x03
            ]
        );
    }

    #[test]
    fn shardy_build_options_add_use_shardy_partitioner_as_jaxlib_does() {
        // jaxlib serializes use_shardy_partitioner = True (field 19, varint)
        // as 98 01 01, after the fields before it.
        let ids: Vec<i64> = (0..8).collect();
        let gspmd = build_options(Partitioning { num_replicas: 1, num_partitions: 8, shardy: false }, &ids);
        let shardy = build_options(Partitioning { num_replicas: 1, num_partitions: 8, shardy: true }, &ids);
        assert_eq!(shardy[..gspmd.len()], gspmd[..]);
        assert_eq!(shardy[gspmd.len()..], [0x98, 0x01, 0x01]);
        let options =
            compile_options_for(Partitioning { num_replicas: 1, num_partitions: 8, shardy: true }, &ids);
        assert_eq!(&options[..2], &[0x1a, shardy.len() as u8]);
        assert_eq!(&options[2..2 + shardy.len()], &shardy[..]);
        // One device: no partitioning fields, still the Shardy flag.
        let single = build_options(Partitioning { shardy: true, ..Partitioning::default() }, &[0]);
        assert_eq!(single, [0x20, 0x01, 0x28, 0x01, 0x98, 0x01, 0x01]);
    }

    #[test]
    fn partitioning_is_read_from_the_module_attributes() {
        let text = "module @m attributes {mhlo.num_partitions = 4 : i32, mhlo.num_replicas = 2 : i32} {}";
        assert_eq!(
            Partitioning::of_module(text),
            Partitioning { num_replicas: 2, num_partitions: 4, shardy: false }
        );
        assert_eq!(Partitioning::of_module("module {}"), Partitioning::default());
        // Shardy: a mesh declared (pretty or generic), or a sharding that
        // names its mesh inline.
        let text = r#"module @m attributes {mhlo.num_partitions = 8 : i32} {
  sdy.mesh @mesh = <["data"=8]>
  func.func public @main(%x: tensor<8xf32> {sdy.sharding = #sdy.sharding<@mesh, [{"data"}]>}) -> tensor<8xf32> {
    return %x : tensor<8xf32>
  }
}"#;
        assert_eq!(
            Partitioning::of_module(text),
            Partitioning { num_replicas: 1, num_partitions: 8, shardy: true }
        );
        assert!(
            Partitioning::of_module(
                r#""sdy.mesh"() <{mesh = #sdy.mesh<["a"=2]>, sym_name = "m"}> : () -> ()"#
            )
            .shardy
        );
        assert!(
            Partitioning::of_module(
                r#"%x: tensor<2xf32> {sdy.sharding = #sdy.sharding<mesh<["a"=2]>, [{"a"}]>}"#
            )
            .shardy
        );
    }
}
