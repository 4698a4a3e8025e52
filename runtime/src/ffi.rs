//! Raw `#[repr(C)]` mirrors of the parts of `xla/pjrt/c/pjrt_c_api.h` this
//! crate calls.
//!
//! Layouts follow PJRT C API 0.114/0.115 (x86-64/aarch64 LP64). Every
//! argument struct starts with `struct_size`, which the caller sets to the
//! header's `<NAME>_STRUCT_SIZE` (offset of the last field plus its size,
//! without trailing padding); plugins reject structs smaller than the ones
//! they were compiled with, which is why older bindings (API 0.54) fail.
//! Compile-time asserts pin both the Rust size (with padding) and that
//! `STRUCT_SIZE` constant for each struct, plus the offsets of every
//! function-table slot used.
//!
//! Only a prefix of `PJRT_Api` is declared (slots 0..=70); the plugin's table
//! is longer, and is only ever read through a pointer. Unused slots are
//! declared with a placeholder type. Slots past the prefix are read by
//! offset, once the table's `struct_size` says they exist
//! (`Plugin::slot_past_prefix`).

#![allow(non_camel_case_types, non_snake_case, dead_code)]

use std::ffi::{c_char, c_void};
use std::mem::{offset_of, size_of};

/// Opaque `PJRT_Error`.
#[repr(C)]
pub struct PJRT_Error {
    _private: [u8; 0],
}
/// Opaque `PJRT_Event`.
#[repr(C)]
pub struct PJRT_Event {
    _private: [u8; 0],
}
/// Opaque `PJRT_Client`.
#[repr(C)]
pub struct PJRT_Client {
    _private: [u8; 0],
}
/// Opaque `PJRT_Device`.
#[repr(C)]
pub struct PJRT_Device {
    _private: [u8; 0],
}
/// Opaque `PJRT_DeviceDescription`.
#[repr(C)]
pub struct PJRT_DeviceDescription {
    _private: [u8; 0],
}
/// Opaque `PJRT_Executable`.
#[repr(C)]
pub struct PJRT_Executable {
    _private: [u8; 0],
}
/// Opaque `PJRT_LoadedExecutable`.
#[repr(C)]
pub struct PJRT_LoadedExecutable {
    _private: [u8; 0],
}
/// Opaque `PJRT_Buffer`.
#[repr(C)]
pub struct PJRT_Buffer {
    _private: [u8; 0],
}

/// Declares `new()` (all zero, `struct_size` set) and pins the layout:
/// `size_of` with padding, and `STRUCT_SIZE` = offset of the last field + its size.
macro_rules! pjrt_struct {
    ($name:ident, last = $last:ident : $last_ty:ty, struct_size = $ss:expr, size_of = $so:expr) => {
        impl $name {
            /// The header's `STRUCT_SIZE` for this struct.
            pub const STRUCT_SIZE: usize = $ss;
            /// An all-zero value with `struct_size` set.
            pub fn new() -> Self {
                // SAFETY: every field is an integer, bool, raw pointer,
                // `Option<fn>` or a union of those; all-zero bytes are a valid
                // value (0 / false / null / None).
                let mut v: Self = unsafe { std::mem::zeroed() };
                v.struct_size = Self::STRUCT_SIZE;
                v
            }
        }
        const _: () = assert!(size_of::<$name>() == $so);
        const _: () = assert!(offset_of!($name, $last) + size_of::<$last_ty>() == $ss);
    };
}

/// A `PJRT_Api` slot this crate does not call.
pub type Unused = Option<unsafe extern "C" fn()>;
/// The common signature of PJRT functions: `PJRT_Error* f(Args*)`.
pub type PjrtFn<A> = Option<unsafe extern "C" fn(args: *mut A) -> *mut PJRT_Error>;

// ------------------------------------------------------------------ version

/// `PJRT_Api_Version`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct PJRT_Api_Version {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub major_version: i32,
    pub minor_version: i32,
}
const _: () = assert!(size_of::<PJRT_Api_Version>() == 24);

// ------------------------------------------------------------------- errors

/// `PJRT_Error_Destroy_Args`.
#[repr(C)]
pub struct PJRT_Error_Destroy_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub error: *mut PJRT_Error,
}
pjrt_struct!(PJRT_Error_Destroy_Args, last = error: *mut PJRT_Error, struct_size = 24, size_of = 24);

/// `PJRT_Error_Message_Args`.
#[repr(C)]
pub struct PJRT_Error_Message_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub error: *const PJRT_Error,
    pub message: *const c_char,
    pub message_size: usize,
}
pjrt_struct!(PJRT_Error_Message_Args, last = message_size: usize, struct_size = 40, size_of = 40);

/// `PJRT_Error_GetCode_Args`.
#[repr(C)]
pub struct PJRT_Error_GetCode_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub error: *const PJRT_Error,
    pub code: i32,
}
pjrt_struct!(PJRT_Error_GetCode_Args, last = code: i32, struct_size = 28, size_of = 32);

// ------------------------------------------------------------- named values

/// `PJRT_NamedValue_kString`.
pub const PJRT_NAMED_VALUE_STRING: i32 = 0;
/// `PJRT_NamedValue_kInt64`.
pub const PJRT_NAMED_VALUE_INT64: i32 = 1;
/// `PJRT_NamedValue_kInt64List`.
pub const PJRT_NAMED_VALUE_INT64_LIST: i32 = 2;
/// `PJRT_NamedValue_kFloat`.
pub const PJRT_NAMED_VALUE_FLOAT: i32 = 3;
/// `PJRT_NamedValue_kBool`.
pub const PJRT_NAMED_VALUE_BOOL: i32 = 4;

/// The value union of `PJRT_NamedValue`.
#[repr(C)]
#[derive(Clone, Copy)]
pub union PJRT_NamedValue_Value {
    pub string_value: *const c_char,
    pub int64_value: i64,
    pub int64_array_value: *const i64,
    pub float_value: f32,
    pub bool_value: bool,
}

/// `PJRT_NamedValue`.
#[repr(C)]
pub struct PJRT_NamedValue {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub name: *const c_char,
    pub name_size: usize,
    pub type_: i32,
    pub value: PJRT_NamedValue_Value,
    pub value_size: usize,
}
pjrt_struct!(PJRT_NamedValue, last = value_size: usize, struct_size = 56, size_of = 56);
const _: () = assert!(offset_of!(PJRT_NamedValue, value) == 40);

// ------------------------------------------------------------------- plugin

/// `PJRT_Plugin_Initialize_Args`.
#[repr(C)]
pub struct PJRT_Plugin_Initialize_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
}
pjrt_struct!(PJRT_Plugin_Initialize_Args, last = extension_start: *mut c_void, struct_size = 16, size_of = 16);

// ------------------------------------------------------------------- events

/// `PJRT_Event_Destroy_Args`.
#[repr(C)]
pub struct PJRT_Event_Destroy_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub event: *mut PJRT_Event,
}
pjrt_struct!(PJRT_Event_Destroy_Args, last = event: *mut PJRT_Event, struct_size = 24, size_of = 24);

/// `PJRT_Event_Await_Args`.
#[repr(C)]
pub struct PJRT_Event_Await_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub event: *mut PJRT_Event,
}
pjrt_struct!(PJRT_Event_Await_Args, last = event: *mut PJRT_Event, struct_size = 24, size_of = 24);

// ------------------------------------------------------------------- client

/// `PJRT_Client_Create_Args` (key-value store callbacks left null).
#[repr(C)]
pub struct PJRT_Client_Create_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub create_options: *const PJRT_NamedValue,
    pub num_options: usize,
    pub kv_get_callback: *mut c_void,
    pub kv_get_user_arg: *mut c_void,
    pub kv_put_callback: *mut c_void,
    pub kv_put_user_arg: *mut c_void,
    pub client: *mut PJRT_Client,
    pub kv_try_get_callback: *mut c_void,
    pub kv_try_get_user_arg: *mut c_void,
}
pjrt_struct!(PJRT_Client_Create_Args, last = kv_try_get_user_arg: *mut c_void, struct_size = 88, size_of = 88);
const _: () = assert!(offset_of!(PJRT_Client_Create_Args, client) == 64);

/// `PJRT_Client_Destroy_Args`.
#[repr(C)]
pub struct PJRT_Client_Destroy_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub client: *mut PJRT_Client,
}
pjrt_struct!(PJRT_Client_Destroy_Args, last = client: *mut PJRT_Client, struct_size = 24, size_of = 24);

/// `PJRT_Client_PlatformName_Args`.
#[repr(C)]
pub struct PJRT_Client_PlatformName_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub client: *mut PJRT_Client,
    pub platform_name: *const c_char,
    pub platform_name_size: usize,
}
pjrt_struct!(PJRT_Client_PlatformName_Args, last = platform_name_size: usize, struct_size = 40, size_of = 40);

/// `PJRT_Client_PlatformVersion_Args`.
#[repr(C)]
pub struct PJRT_Client_PlatformVersion_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub client: *mut PJRT_Client,
    pub platform_version: *const c_char,
    pub platform_version_size: usize,
}
pjrt_struct!(PJRT_Client_PlatformVersion_Args, last = platform_version_size: usize, struct_size = 40, size_of = 40);

/// `PJRT_Client_AddressableDevices_Args`.
#[repr(C)]
pub struct PJRT_Client_AddressableDevices_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub client: *mut PJRT_Client,
    pub addressable_devices: *const *mut PJRT_Device,
    pub num_addressable_devices: usize,
}
pjrt_struct!(PJRT_Client_AddressableDevices_Args, last = num_addressable_devices: usize, struct_size = 40, size_of = 40);

/// `PJRT_Program`.
#[repr(C)]
pub struct PJRT_Program {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub code: *mut c_char,
    pub code_size: usize,
    pub format: *const c_char,
    pub format_size: usize,
}
pjrt_struct!(PJRT_Program, last = format_size: usize, struct_size = 48, size_of = 48);

/// `PJRT_Client_Compile_Args`.
#[repr(C)]
pub struct PJRT_Client_Compile_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub client: *mut PJRT_Client,
    pub program: *const PJRT_Program,
    pub compile_options: *const c_char,
    pub compile_options_size: usize,
    pub executable: *mut PJRT_LoadedExecutable,
}
pjrt_struct!(PJRT_Client_Compile_Args, last = executable: *mut PJRT_LoadedExecutable, struct_size = 56, size_of = 56);

/// `PJRT_HostBufferSemantics_kImmutableUntilTransferCompletes`.
pub const PJRT_HOST_BUFFER_IMMUTABLE_UNTIL_TRANSFER_COMPLETES: u32 = 1;

/// `PJRT_Client_BufferFromHostBuffer_Args`.
#[repr(C)]
pub struct PJRT_Client_BufferFromHostBuffer_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub client: *mut PJRT_Client,
    pub data: *const c_void,
    pub type_: u32,
    pub dims: *const i64,
    pub num_dims: usize,
    pub byte_strides: *const i64,
    pub num_byte_strides: usize,
    pub host_buffer_semantics: u32,
    pub device: *mut PJRT_Device,
    pub memory: *mut c_void,
    pub device_layout: *mut c_void,
    pub done_with_host_buffer: *mut PJRT_Event,
    pub buffer: *mut PJRT_Buffer,
}
pjrt_struct!(PJRT_Client_BufferFromHostBuffer_Args, last = buffer: *mut PJRT_Buffer, struct_size = 120, size_of = 120);
const _: () = assert!(offset_of!(PJRT_Client_BufferFromHostBuffer_Args, type_) == 32);
const _: () = assert!(offset_of!(PJRT_Client_BufferFromHostBuffer_Args, host_buffer_semantics) == 72);
const _: () = assert!(offset_of!(PJRT_Client_BufferFromHostBuffer_Args, done_with_host_buffer) == 104);

// --------------------------------------------------------------- executable

/// `PJRT_Executable_Destroy_Args`.
#[repr(C)]
pub struct PJRT_Executable_Destroy_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub executable: *mut PJRT_Executable,
}
pjrt_struct!(PJRT_Executable_Destroy_Args, last = executable: *mut PJRT_Executable, struct_size = 24, size_of = 24);

/// `PJRT_Executable_NumOutputs_Args`.
#[repr(C)]
pub struct PJRT_Executable_NumOutputs_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub executable: *mut PJRT_Executable,
    pub num_outputs: usize,
}
pjrt_struct!(PJRT_Executable_NumOutputs_Args, last = num_outputs: usize, struct_size = 32, size_of = 32);

/// `PJRT_Executable_NumPartitions_Args`.
#[repr(C)]
pub struct PJRT_Executable_NumPartitions_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub executable: *mut PJRT_Executable,
    pub num_partitions: usize,
}
pjrt_struct!(PJRT_Executable_NumPartitions_Args, last = num_partitions: usize, struct_size = 32, size_of = 32);

/// `PJRT_Executable_NumReplicas_Args`.
#[repr(C)]
pub struct PJRT_Executable_NumReplicas_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub executable: *mut PJRT_Executable,
    pub num_replicas: usize,
}
pjrt_struct!(PJRT_Executable_NumReplicas_Args, last = num_replicas: usize, struct_size = 32, size_of = 32);

/// `PJRT_Device_GetDescription_Args`.
#[repr(C)]
pub struct PJRT_Device_GetDescription_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub device: *mut PJRT_Device,
    /// Owned by the device.
    pub device_description: *mut PJRT_DeviceDescription,
}
pjrt_struct!(PJRT_Device_GetDescription_Args, last = device_description: *mut PJRT_DeviceDescription, struct_size = 32, size_of = 32);

/// `PJRT_DeviceDescription_Id_Args`.
#[repr(C)]
pub struct PJRT_DeviceDescription_Id_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub device_description: *mut PJRT_DeviceDescription,
    pub id: i32,
}
pjrt_struct!(PJRT_DeviceDescription_Id_Args, last = id: i32, struct_size = 28, size_of = 32);

/// `PJRT_Executable_GetCostAnalysis_Args`.
#[repr(C)]
pub struct PJRT_Executable_GetCostAnalysis_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub executable: *mut PJRT_Executable,
    pub num_properties: usize,
    /// Owned by the executable.
    pub properties: *const PJRT_NamedValue,
}
pjrt_struct!(PJRT_Executable_GetCostAnalysis_Args, last = properties: *const PJRT_NamedValue, struct_size = 40, size_of = 40);

/// `PJRT_Executable_GetCompiledMemoryStats_Args`, with the two fields newer
/// headers add (`peak_memory_in_bytes`, `total_size_in_bytes`): a plugin
/// built with an older header leaves them as they were.
#[repr(C)]
pub struct PJRT_Executable_GetCompiledMemoryStats_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub executable: *mut PJRT_Executable,
    pub generated_code_size_in_bytes: i64,
    pub argument_size_in_bytes: i64,
    pub output_size_in_bytes: i64,
    pub alias_size_in_bytes: i64,
    pub temp_size_in_bytes: i64,
    pub host_generated_code_size_in_bytes: i64,
    pub host_argument_size_in_bytes: i64,
    pub host_output_size_in_bytes: i64,
    pub host_alias_size_in_bytes: i64,
    pub host_temp_size_in_bytes: i64,
    pub peak_memory_in_bytes: i64,
    pub total_size_in_bytes: i64,
}
pjrt_struct!(PJRT_Executable_GetCompiledMemoryStats_Args, last = total_size_in_bytes: i64, struct_size = 120, size_of = 120);

/// The offset in `PJRT_Api` of `PJRT_Executable_GetCompiledMemoryStats`
/// (slot 96), past the declared prefix: read only when the plugin's
/// `struct_size` covers it.
pub const PJRT_EXECUTABLE_GET_COMPILED_MEMORY_STATS_OFFSET: usize = 40 + 8 * 96;

/// `PJRT_LoadedExecutable_Destroy_Args`.
#[repr(C)]
pub struct PJRT_LoadedExecutable_Destroy_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub executable: *mut PJRT_LoadedExecutable,
}
pjrt_struct!(PJRT_LoadedExecutable_Destroy_Args, last = executable: *mut PJRT_LoadedExecutable, struct_size = 24, size_of = 24);

/// `PJRT_LoadedExecutable_GetExecutable_Args`.
#[repr(C)]
pub struct PJRT_LoadedExecutable_GetExecutable_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub loaded_executable: *mut PJRT_LoadedExecutable,
    pub executable: *mut PJRT_Executable,
}
pjrt_struct!(PJRT_LoadedExecutable_GetExecutable_Args, last = executable: *mut PJRT_Executable, struct_size = 32, size_of = 32);

/// `PJRT_LoadedExecutable_AddressableDevices_Args`.
#[repr(C)]
pub struct PJRT_LoadedExecutable_AddressableDevices_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub executable: *mut PJRT_LoadedExecutable,
    pub addressable_devices: *const *mut PJRT_Device,
    pub num_addressable_devices: usize,
}
pjrt_struct!(PJRT_LoadedExecutable_AddressableDevices_Args, last = num_addressable_devices: usize, struct_size = 40, size_of = 40);

/// `PJRT_ExecuteOptions` (everything zero/null: no callbacks, launch id 0).
#[repr(C)]
pub struct PJRT_ExecuteOptions {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub send_callbacks: *mut c_void,
    pub recv_callbacks: *mut c_void,
    pub num_send_ops: usize,
    pub num_recv_ops: usize,
    pub launch_id: i32,
    pub non_donatable_input_indices: *const i64,
    pub num_non_donatable_input_indices: usize,
    pub context: *mut c_void,
    pub call_location: *const c_char,
    pub num_tasks: usize,
    pub task_ids: *mut i32,
    pub incarnation_ids: *mut i64,
    pub multi_slice_config: *const c_void,
    pub use_major_to_minor_data_layout_for_callbacks: bool,
    pub hlo_output_callbacks: *mut c_void,
    pub num_hlo_output_callbacks: usize,
}
pjrt_struct!(PJRT_ExecuteOptions, last = num_hlo_output_callbacks: usize, struct_size = 144, size_of = 144);
const _: () = assert!(offset_of!(PJRT_ExecuteOptions, launch_id) == 48);
const _: () = assert!(offset_of!(PJRT_ExecuteOptions, multi_slice_config) == 112);
const _: () = assert!(offset_of!(PJRT_ExecuteOptions, use_major_to_minor_data_layout_for_callbacks) == 120);

/// `PJRT_LoadedExecutable_Execute_Args`.
#[repr(C)]
pub struct PJRT_LoadedExecutable_Execute_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub executable: *mut PJRT_LoadedExecutable,
    pub options: *mut PJRT_ExecuteOptions,
    /// `num_devices` pointers to arrays of `num_args` input buffers.
    pub argument_lists: *const *const *mut PJRT_Buffer,
    pub num_devices: usize,
    pub num_args: usize,
    /// `num_devices` pointers to caller-allocated arrays of `num_outputs` slots.
    pub output_lists: *const *mut *mut PJRT_Buffer,
    /// Optional: `num_devices` event slots, filled by the plugin.
    pub device_complete_events: *mut *mut PJRT_Event,
    pub execute_device: *mut PJRT_Device,
}
pjrt_struct!(PJRT_LoadedExecutable_Execute_Args, last = execute_device: *mut PJRT_Device, struct_size = 80, size_of = 80);

// ------------------------------------------------------------------ buffers

/// `PJRT_Buffer_Destroy_Args`.
#[repr(C)]
pub struct PJRT_Buffer_Destroy_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub buffer: *mut PJRT_Buffer,
}
pjrt_struct!(PJRT_Buffer_Destroy_Args, last = buffer: *mut PJRT_Buffer, struct_size = 24, size_of = 24);

/// `PJRT_Buffer_ElementType_Args`.
#[repr(C)]
pub struct PJRT_Buffer_ElementType_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub buffer: *mut PJRT_Buffer,
    pub type_: u32,
}
pjrt_struct!(PJRT_Buffer_ElementType_Args, last = type_: u32, struct_size = 28, size_of = 32);

/// `PJRT_Buffer_Dimensions_Args`.
#[repr(C)]
pub struct PJRT_Buffer_Dimensions_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub buffer: *mut PJRT_Buffer,
    pub dims: *const i64,
    pub num_dims: usize,
}
pjrt_struct!(PJRT_Buffer_Dimensions_Args, last = num_dims: usize, struct_size = 40, size_of = 40);

/// `PJRT_Buffer_ToHostBuffer_Args`.
#[repr(C)]
pub struct PJRT_Buffer_ToHostBuffer_Args {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub src: *mut PJRT_Buffer,
    /// Null: the buffer's own (dense, major-to-minor) layout.
    pub host_layout: *mut c_void,
    /// Null to query the needed `dst_size`.
    pub dst: *mut c_void,
    pub dst_size: usize,
    pub event: *mut PJRT_Event,
}
pjrt_struct!(PJRT_Buffer_ToHostBuffer_Args, last = event: *mut PJRT_Event, struct_size = 56, size_of = 56);

// --------------------------------------------------------------- the table

/// The prefix (slots 0..=70) of `PJRT_Api`, the function table returned by
/// the plugin's `GetPjrtApi()`.
#[repr(C)]
pub struct PJRT_Api {
    pub struct_size: usize,
    pub extension_start: *mut c_void,
    pub pjrt_api_version: PJRT_Api_Version,

    pub PJRT_Error_Destroy: Option<unsafe extern "C" fn(args: *mut PJRT_Error_Destroy_Args)>,
    pub PJRT_Error_Message: Option<unsafe extern "C" fn(args: *mut PJRT_Error_Message_Args)>,
    pub PJRT_Error_GetCode: PjrtFn<PJRT_Error_GetCode_Args>,

    pub PJRT_Plugin_Initialize: PjrtFn<PJRT_Plugin_Initialize_Args>,
    pub PJRT_Plugin_Attributes: Unused,

    pub PJRT_Event_Destroy: PjrtFn<PJRT_Event_Destroy_Args>,
    pub PJRT_Event_IsReady: Unused,
    pub PJRT_Event_Error: Unused,
    pub PJRT_Event_Await: PjrtFn<PJRT_Event_Await_Args>,
    pub PJRT_Event_OnReady: Unused,

    pub PJRT_Client_Create: PjrtFn<PJRT_Client_Create_Args>,
    pub PJRT_Client_Destroy: PjrtFn<PJRT_Client_Destroy_Args>,
    pub PJRT_Client_PlatformName: PjrtFn<PJRT_Client_PlatformName_Args>,
    pub PJRT_Client_ProcessIndex: Unused,
    pub PJRT_Client_PlatformVersion: PjrtFn<PJRT_Client_PlatformVersion_Args>,
    pub PJRT_Client_Devices: Unused,
    pub PJRT_Client_AddressableDevices: PjrtFn<PJRT_Client_AddressableDevices_Args>,
    pub PJRT_Client_LookupDevice: Unused,
    pub PJRT_Client_LookupAddressableDevice: Unused,
    pub PJRT_Client_AddressableMemories: Unused,
    pub PJRT_Client_Compile: PjrtFn<PJRT_Client_Compile_Args>,
    pub PJRT_Client_DefaultDeviceAssignment: Unused,
    pub PJRT_Client_BufferFromHostBuffer: PjrtFn<PJRT_Client_BufferFromHostBuffer_Args>,

    pub PJRT_DeviceDescription_Id: PjrtFn<PJRT_DeviceDescription_Id_Args>,
    pub PJRT_DeviceDescription_ProcessIndex: Unused,
    pub PJRT_DeviceDescription_Attributes: Unused,
    pub PJRT_DeviceDescription_Kind: Unused,
    pub PJRT_DeviceDescription_DebugString: Unused,
    pub PJRT_DeviceDescription_ToString: Unused,

    pub PJRT_Device_GetDescription: PjrtFn<PJRT_Device_GetDescription_Args>,
    pub PJRT_Device_IsAddressable: Unused,
    pub PJRT_Device_LocalHardwareId: Unused,
    pub PJRT_Device_AddressableMemories: Unused,
    pub PJRT_Device_DefaultMemory: Unused,
    pub PJRT_Device_MemoryStats: Unused,

    pub PJRT_Memory_Id: Unused,
    pub PJRT_Memory_Kind: Unused,
    pub PJRT_Memory_DebugString: Unused,
    pub PJRT_Memory_ToString: Unused,
    pub PJRT_Memory_AddressableByDevices: Unused,

    pub PJRT_Executable_Destroy: PjrtFn<PJRT_Executable_Destroy_Args>,
    pub PJRT_Executable_Name: Unused,
    pub PJRT_Executable_NumReplicas: PjrtFn<PJRT_Executable_NumReplicas_Args>,
    pub PJRT_Executable_NumPartitions: PjrtFn<PJRT_Executable_NumPartitions_Args>,
    pub PJRT_Executable_NumOutputs: PjrtFn<PJRT_Executable_NumOutputs_Args>,
    pub PJRT_Executable_SizeOfGeneratedCodeInBytes: Unused,
    pub PJRT_Executable_GetCostAnalysis: PjrtFn<PJRT_Executable_GetCostAnalysis_Args>,
    pub PJRT_Executable_OutputMemoryKinds: Unused,
    pub PJRT_Executable_OptimizedProgram: Unused,
    pub PJRT_Executable_Serialize: Unused,

    pub PJRT_LoadedExecutable_Destroy: PjrtFn<PJRT_LoadedExecutable_Destroy_Args>,
    pub PJRT_LoadedExecutable_GetExecutable: PjrtFn<PJRT_LoadedExecutable_GetExecutable_Args>,
    pub PJRT_LoadedExecutable_AddressableDevices: PjrtFn<PJRT_LoadedExecutable_AddressableDevices_Args>,
    pub PJRT_LoadedExecutable_Delete: Unused,
    pub PJRT_LoadedExecutable_IsDeleted: Unused,
    pub PJRT_LoadedExecutable_Execute: PjrtFn<PJRT_LoadedExecutable_Execute_Args>,
    pub PJRT_Executable_DeserializeAndLoad: Unused,
    pub PJRT_LoadedExecutable_Fingerprint: Unused,

    pub PJRT_Buffer_Destroy: PjrtFn<PJRT_Buffer_Destroy_Args>,
    pub PJRT_Buffer_ElementType: PjrtFn<PJRT_Buffer_ElementType_Args>,
    pub PJRT_Buffer_Dimensions: PjrtFn<PJRT_Buffer_Dimensions_Args>,
    pub PJRT_Buffer_UnpaddedDimensions: Unused,
    pub PJRT_Buffer_DynamicDimensionIndices: Unused,
    pub PJRT_Buffer_GetMemoryLayout: Unused,
    pub PJRT_Buffer_OnDeviceSizeInBytes: Unused,
    pub PJRT_Buffer_Device: Unused,
    pub PJRT_Buffer_Memory: Unused,
    pub PJRT_Buffer_Delete: Unused,
    pub PJRT_Buffer_IsDeleted: Unused,
    pub PJRT_Buffer_CopyToDevice: Unused,
    pub PJRT_Buffer_ToHostBuffer: PjrtFn<PJRT_Buffer_ToHostBuffer_Args>,
}

// Slot offsets, from the 0.114 table: 40 + 8 * slot index.
const _: () = assert!(offset_of!(PJRT_Api, pjrt_api_version) == 16);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Error_Destroy) == 40);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Plugin_Initialize) == 64);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Event_Destroy) == 80);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Event_Await) == 104);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Client_Create) == 120);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Client_PlatformName) == 136);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Client_PlatformVersion) == 152);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Client_AddressableDevices) == 168);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Client_Compile) == 200);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Client_BufferFromHostBuffer) == 216);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_DeviceDescription_Id) == 224);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Device_GetDescription) == 272);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Executable_Destroy) == 360);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Executable_NumReplicas) == 376);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Executable_NumPartitions) == 384);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Executable_NumOutputs) == 392);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Executable_GetCostAnalysis) == 408);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_LoadedExecutable_Destroy) == 440);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_LoadedExecutable_AddressableDevices) == 456);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_LoadedExecutable_Execute) == 480);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Buffer_Destroy) == 504);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Buffer_Dimensions) == 520);
const _: () = assert!(offset_of!(PJRT_Api, PJRT_Buffer_ToHostBuffer) == 600);
const _: () = assert!(size_of::<PJRT_Api>() == 608);

/// The signature of the plugin's exported `GetPjrtApi`.
pub type GetPjrtApiFn = unsafe extern "C" fn() -> *const PJRT_Api;

/// The name of a PJRT (absl) status code.
pub fn error_code_name(code: i32) -> &'static str {
    match code {
        0 => "OK",
        1 => "CANCELLED",
        2 => "UNKNOWN",
        3 => "INVALID_ARGUMENT",
        4 => "DEADLINE_EXCEEDED",
        5 => "NOT_FOUND",
        6 => "ALREADY_EXISTS",
        7 => "PERMISSION_DENIED",
        8 => "RESOURCE_EXHAUSTED",
        9 => "FAILED_PRECONDITION",
        10 => "ABORTED",
        11 => "OUT_OF_RANGE",
        12 => "UNIMPLEMENTED",
        13 => "INTERNAL",
        14 => "UNAVAILABLE",
        15 => "DATA_LOSS",
        16 => "UNAUTHENTICATED",
        _ => "UNKNOWN_CODE",
    }
}
