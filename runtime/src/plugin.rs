//! Finding and loading PJRT plugins.
//!
//! [`locate_plugin`] turns a [`PluginChoice`] (or the `JAXR_PJRT_PLUGIN`
//! environment variable, or the default CPU plugin) into a file path;
//! [`Plugin::load`] `dlopen`s it once per process and returns its API table.

use std::collections::HashMap;
use std::convert::Infallible;
use std::ffi::{c_int, OsStr};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use crate::error::{Result, RuntimeError};
use crate::ffi;

/// The version of the `lammps-jax-pjrt-cpu` wheel whose CPU plugin
/// `scripts/setup` installs.
pub const CPU_PLUGIN_WHEEL_VERSION: &str = "0.11.2";
/// The file name of the CPU plugin.
pub const CPU_PLUGIN_FILE: &str = "pjrt_c_api_cpu_plugin.so";
/// Environment variable naming the plugin to use when none is given: a path,
/// or `cpu`, `cuda`, `tpu`.
pub const PLUGIN_ENV: &str = "JAXR_PJRT_PLUGIN";
/// Environment variable overriding the cache directory (default `$HOME/.cache/jaxr`).
pub const CACHE_DIR_ENV: &str = "JAXR_CACHE_DIR";

const CPU_INSTALL: &str = "scripts/setup (run from the jaxr repository root)";
const CUDA_INSTALL: &str = "pip install jax-cuda13-pjrt==0.11.2";
const TPU_INSTALL: &str = "pip install libtpu";

/// Which PJRT plugin to use.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PluginChoice {
    /// The XLA CPU plugin installed by `scripts/setup` in the cache directory.
    Cpu,
    /// The CUDA plugin of the `jax-cuda13-pjrt` (or `jax-cuda12-pjrt`) wheel,
    /// searched for in the Python site-packages directories.
    Cuda,
    /// `libtpu/libtpu.so` of the `libtpu` wheel, searched for the same way.
    Tpu,
    /// An explicit plugin file.
    Path(PathBuf),
}

impl FromStr for PluginChoice {
    type Err = Infallible;

    /// `cpu`, `cuda`, `tpu`; anything else is a path.
    fn from_str(s: &str) -> Result<Self, Infallible> {
        Ok(match s {
            "cpu" => PluginChoice::Cpu,
            "cuda" => PluginChoice::Cuda,
            "tpu" => PluginChoice::Tpu,
            path => PluginChoice::Path(PathBuf::from(path)),
        })
    }
}

impl PluginChoice {
    fn from_os_str(s: &OsStr) -> Self {
        match s.to_str() {
            Some(text) => match text.parse() {
                Ok(choice) => choice,
                Err(never) => match never {},
            },
            None => PluginChoice::Path(PathBuf::from(s)),
        }
    }
}

impl fmt::Display for PluginChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PluginChoice::Cpu => f.write_str("cpu"),
            PluginChoice::Cuda => f.write_str("cuda"),
            PluginChoice::Tpu => f.write_str("tpu"),
            PluginChoice::Path(p) => write!(f, "{}", p.display()),
        }
    }
}

/// The jaxr cache directory: `$JAXR_CACHE_DIR` if set, else `$HOME/.cache/jaxr`.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|home| PathBuf::from(home).join(".cache").join("jaxr"))
}

/// Where `scripts/setup` installs the CPU plugin:
/// `<cache dir>/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so`.
pub fn cpu_plugin_path() -> Option<PathBuf> {
    cache_dir().map(|d| d.join(format!("pjrt-cpu-{CPU_PLUGIN_WHEEL_VERSION}")).join(CPU_PLUGIN_FILE))
}

/// Finds the plugin file to load.
///
/// Order: the explicit `choice`; else the `JAXR_PJRT_PLUGIN` environment
/// variable (a path, or `cpu`/`cuda`/`tpu`); else the CPU plugin in the
/// cache directory. A missing plugin gives [`RuntimeError::PluginNotFound`],
/// whose message includes the command that installs it.
pub fn locate_plugin(choice: Option<&PluginChoice>) -> Result<PathBuf> {
    match choice {
        Some(c) => locate_choice(c),
        None => match std::env::var_os(PLUGIN_ENV).filter(|v| !v.is_empty()) {
            Some(v) => locate_choice(&PluginChoice::from_os_str(&v)).map_err(|e| match e {
                RuntimeError::PluginNotFound { what, install } => RuntimeError::PluginNotFound {
                    what: format!("{what} (from {PLUGIN_ENV}={})", v.to_string_lossy()),
                    install,
                },
                other => other,
            }),
            None => locate_choice(&PluginChoice::Cpu),
        },
    }
}

fn locate_choice(choice: &PluginChoice) -> Result<PathBuf> {
    match choice {
        PluginChoice::Cpu => {
            let path = cpu_plugin_path().ok_or_else(|| RuntimeError::PluginNotFound {
                what: format!("the CPU plugin (neither {CACHE_DIR_ENV} nor HOME is set)"),
                install: CPU_INSTALL.to_string(),
            })?;
            if path.is_file() {
                Ok(path)
            } else {
                Err(RuntimeError::PluginNotFound {
                    what: format!("the CPU plugin is not at {}", path.display()),
                    install: CPU_INSTALL.to_string(),
                })
            }
        }
        PluginChoice::Cuda => find_in_site_packages(
            "the CUDA plugin",
            &["jax_plugins/xla_cuda13/xla_cuda_plugin.so", "jax_plugins/xla_cuda12/xla_cuda_plugin.so"],
            CUDA_INSTALL,
        ),
        PluginChoice::Tpu => find_in_site_packages("the TPU plugin", &["libtpu/libtpu.so"], TPU_INSTALL),
        PluginChoice::Path(path) => {
            if path.is_file() {
                Ok(path.clone())
            } else {
                Err(RuntimeError::PluginNotFound {
                    what: format!("no plugin file at {}", path.display()),
                    install: format!(
                        "{CPU_INSTALL} for the CPU plugin, or give the path of an existing plugin"
                    ),
                })
            }
        }
    }
}

fn find_in_site_packages(what: &str, relative: &[&str], install: &str) -> Result<PathBuf> {
    let dirs = python_package_dirs();
    for rel in relative {
        for dir in &dirs {
            let candidate = dir.join(rel);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(RuntimeError::PluginNotFound {
        what: format!(
            "{what} ({}) is in none of the {} Python package directories searched",
            relative.join(" or "),
            dirs.len()
        ),
        install: install.to_string(),
    })
}

/// Python package directories: `sys.path` of `python3` (if it runs), plus
/// `site-packages`/`dist-packages` under the usual prefixes, the active
/// virtualenv/conda env and the jaxr oracle venv.
fn python_package_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Ok(out) =
        Command::new("python3").args(["-c", "import sys; print(\"\\n\".join(sys.path))"]).output()
    {
        if out.status.success() {
            for line in String::from_utf8_lossy(&out.stdout).lines() {
                let line = line.trim();
                if !line.is_empty() {
                    dirs.push(PathBuf::from(line));
                }
            }
        }
    }
    let mut lib_dirs: Vec<PathBuf> =
        ["/usr/lib", "/usr/lib64", "/usr/local/lib", "/opt/conda/lib"].iter().map(PathBuf::from).collect();
    for var in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
        if let Some(prefix) = std::env::var_os(var).filter(|p| !p.is_empty()) {
            lib_dirs.push(PathBuf::from(prefix).join("lib"));
        }
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        lib_dirs.push(PathBuf::from(home).join(".local").join("lib"));
    }
    if let Some(cache) = cache_dir() {
        lib_dirs.push(cache.join("oracle-venv").join("lib"));
    }
    for lib in lib_dirs {
        let Ok(entries) = std::fs::read_dir(&lib) else {
            continue;
        };
        let mut pythons: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("python3"))
            .map(|e| e.path())
            .collect();
        pythons.sort();
        for py in pythons {
            dirs.push(py.join("site-packages"));
            dirs.push(py.join("dist-packages"));
        }
    }
    let mut seen = std::collections::HashSet::new();
    dirs.retain(|d| d.is_dir() && seen.insert(d.clone()));
    dirs
}

// ----------------------------------------------------------------- loading

/// `RTLD_NODELETE`: keep the library mapped even if it is `dlclose`d.
#[cfg(target_os = "linux")]
const RTLD_NODELETE: c_int = 0x1000;
#[cfg(not(target_os = "linux"))]
const RTLD_NODELETE: c_int = 0x80;

/// `e` and its sources, `: `-separated, without repeating a message
/// (libloading's `DlOpen` says only "dlopen failed"; the reason is its source).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = cur {
        let text = err.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = err.source();
    }
    parts.retain(|p| p != "dlopen failed" && p != "dlsym failed");
    if parts.is_empty() {
        e.to_string()
    } else {
        parts.join(": ")
    }
}

struct LoadedPlugin {
    path: PathBuf,
    api: *const ffi::PJRT_Api,
    version: (i32, i32),
}

// SAFETY: `api` points to the plugin's static, immutable function table; the
// library is never unloaded, and PJRT functions may be called from any thread.
unsafe impl Send for LoadedPlugin {}
// SAFETY: as above; nothing in `LoadedPlugin` is mutated after creation.
unsafe impl Sync for LoadedPlugin {}

fn registry() -> &'static Mutex<HashMap<PathBuf, &'static LoadedPlugin>> {
    static PLUGINS: OnceLock<Mutex<HashMap<PathBuf, &'static LoadedPlugin>>> = OnceLock::new();
    PLUGINS.get_or_init(|| Mutex::new(HashMap::new()))
}

/// A loaded PJRT plugin: its API table, process-wide and never unloaded.
///
/// Cheap to copy; all copies (and every [`Plugin::load`] of the same file)
/// share one instance.
#[derive(Clone, Copy)]
pub struct Plugin {
    inner: &'static LoadedPlugin,
}

impl fmt::Debug for Plugin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Plugin")
            .field("path", &self.inner.path)
            .field("api_version", &self.inner.version)
            .finish()
    }
}

impl Plugin {
    /// Loads the plugin at `path`, or returns the instance already loaded
    /// from the same (canonicalized) file.
    ///
    /// The library is opened with `RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE` and
    /// never closed; its `GetPjrtApi` is called and `PJRT_Plugin_Initialize`
    /// run once. `TF_CPP_MIN_LOG_LEVEL` is set to `1` (hiding the plugin's
    /// INFO lines) unless the environment already sets it.
    ///
    /// A file that is not a usable plugin gives [`RuntimeError::PluginLoad`]
    /// naming the path and the `dlopen`/`GetPjrtApi` reason.
    pub fn load(path: impl AsRef<Path>) -> Result<Plugin> {
        let path = path.as_ref();
        let load_err = |reason: String| RuntimeError::PluginLoad { path: path.to_path_buf(), reason };
        let canonical = std::fs::canonicalize(path).map_err(|e| load_err(e.to_string()))?;
        let mut plugins = registry().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(loaded) = plugins.get(&canonical) {
            return Ok(Plugin { inner: loaded });
        }
        if std::env::var_os("TF_CPP_MIN_LOG_LEVEL").is_none() {
            std::env::set_var("TF_CPP_MIN_LOG_LEVEL", "1");
        }
        let flags = libloading::os::unix::RTLD_NOW | libloading::os::unix::RTLD_LOCAL | RTLD_NODELETE;
        // SAFETY: loading a library runs its initialisers; a PJRT plugin's
        // are self-contained. It is never unloaded (see below).
        let library = unsafe { libloading::os::unix::Library::open(Some(&canonical), flags) }
            .map_err(|e| load_err(format!("dlopen failed: {}", error_chain(&e))))?;
        // SAFETY: `GetPjrtApi` has this signature in every PJRT plugin; the
        // symbol's type is only trusted after the lookup succeeds.
        let get_api = unsafe { library.get::<ffi::GetPjrtApiFn>("GetPjrtApi") };
        let get_api = match get_api {
            Ok(sym) => *sym,
            Err(e) => {
                // Keep even a non-plugin mapped: unloading code is never safe here.
                std::mem::forget(library);
                return Err(load_err(format!(
                    "not a PJRT plugin (no GetPjrtApi symbol): {}",
                    error_chain(&e)
                )));
            }
        };
        // Plugins must never be unloaded (after dlclose the process crashes at exit).
        std::mem::forget(library);
        // SAFETY: calling the plugin's exported entry point, which takes no
        // arguments and returns a pointer to a static table (or null).
        let api = unsafe { get_api() };
        if api.is_null() {
            return Err(load_err("GetPjrtApi returned a null API table".to_string()));
        }
        // SAFETY: non-null, points to the plugin's static table; we only read
        // the declared prefix after checking the plugin's `struct_size`.
        let table = unsafe { &*api };
        let version = (table.pjrt_api_version.major_version, table.pjrt_api_version.minor_version);
        if table.struct_size < std::mem::size_of::<ffi::PJRT_Api>() {
            return Err(load_err(format!(
                "API table of {} bytes is too small (PJRT API {}.{}; need at least {} bytes)",
                table.struct_size,
                version.0,
                version.1,
                std::mem::size_of::<ffi::PJRT_Api>()
            )));
        }
        if version.0 != 0 {
            return Err(load_err(format!(
                "PJRT API major version {} is not supported (this crate speaks 0.x)",
                version.0
            )));
        }
        let missing: Vec<&str> = [
            ("PJRT_Error_Destroy", table.PJRT_Error_Destroy.is_some()),
            ("PJRT_Error_Message", table.PJRT_Error_Message.is_some()),
            ("PJRT_Error_GetCode", table.PJRT_Error_GetCode.is_some()),
            ("PJRT_Event_Destroy", table.PJRT_Event_Destroy.is_some()),
            ("PJRT_Event_Await", table.PJRT_Event_Await.is_some()),
            ("PJRT_Client_Create", table.PJRT_Client_Create.is_some()),
            ("PJRT_Client_Destroy", table.PJRT_Client_Destroy.is_some()),
            ("PJRT_Client_Compile", table.PJRT_Client_Compile.is_some()),
            ("PJRT_Client_BufferFromHostBuffer", table.PJRT_Client_BufferFromHostBuffer.is_some()),
            ("PJRT_LoadedExecutable_Execute", table.PJRT_LoadedExecutable_Execute.is_some()),
            ("PJRT_Buffer_Destroy", table.PJRT_Buffer_Destroy.is_some()),
            ("PJRT_Buffer_ToHostBuffer", table.PJRT_Buffer_ToHostBuffer.is_some()),
        ]
        .into_iter()
        .filter(|(_, present)| !present)
        .map(|(name, _)| name)
        .collect();
        if !missing.is_empty() {
            return Err(load_err(format!("the API table lacks {}", missing.join(", "))));
        }
        let loaded: &'static LoadedPlugin =
            Box::leak(Box::new(LoadedPlugin { path: canonical.clone(), api, version }));
        let plugin = Plugin { inner: loaded };
        if let Some(init) = table.PJRT_Plugin_Initialize {
            let mut args = ffi::PJRT_Plugin_Initialize_Args::new();
            // SAFETY: valid args struct; initialize is called once per process
            // (we hold the registry lock and record the plugin below).
            let err = unsafe { init(&mut args) };
            plugin.check("PJRT_Plugin_Initialize", err).map_err(|e| load_err(e.to_string()))?;
        }
        plugins.insert(canonical, loaded);
        Ok(plugin)
    }

    /// [`locate_plugin`] then [`Plugin::load`].
    pub fn locate_and_load(choice: Option<&PluginChoice>) -> Result<Plugin> {
        Plugin::load(locate_plugin(choice)?)
    }

    /// The canonical path of the plugin file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// The PJRT C API version the plugin was built with, `(major, minor)`.
    pub fn api_version(&self) -> (i32, i32) {
        self.inner.version
    }

    /// True if both handles are the same loaded instance.
    pub fn same_instance(&self, other: &Plugin) -> bool {
        std::ptr::eq(self.inner, other.inner)
    }

    /// The plugin's function table.
    pub(crate) fn api(&self) -> &'static ffi::PJRT_Api {
        // SAFETY: checked non-null and large enough at load; static in the
        // never-unloaded library.
        unsafe { &*self.inner.api }
    }

    /// Calls a PJRT function and turns its `PJRT_Error*` into a `Result`.
    ///
    /// # Safety
    /// `args` must be a valid argument struct for `f`, with every pointer in
    /// it valid for what `f` does with it.
    pub(crate) unsafe fn call<A>(&self, name: &'static str, f: ffi::PjrtFn<A>, args: &mut A) -> Result<()> {
        let f = f.ok_or_else(|| {
            RuntimeError::Unsupported(format!(
                "the plugin {} does not implement {name}",
                self.path().display()
            ))
        })?;
        // SAFETY: the caller guarantees `args` is valid for `f`.
        let err = unsafe { f(args) };
        self.check(name, err)
    }

    /// Converts a returned `PJRT_Error*` (null = success) into a `Result`,
    /// reading its message and code and destroying it.
    pub(crate) fn check(&self, call: &'static str, err: *mut ffi::PJRT_Error) -> Result<()> {
        if err.is_null() {
            return Ok(());
        }
        let api = self.api();
        let mut message = String::new();
        if let Some(get_message) = api.PJRT_Error_Message {
            let mut args = ffi::PJRT_Error_Message_Args::new();
            args.error = err;
            // SAFETY: `err` is a live error returned by the plugin.
            unsafe { get_message(&mut args) };
            if !args.message.is_null() {
                // SAFETY: the plugin returns `message_size` bytes that live as
                // long as `err`, which is destroyed only below.
                let bytes =
                    unsafe { std::slice::from_raw_parts(args.message.cast::<u8>(), args.message_size) };
                message = String::from_utf8_lossy(bytes).into_owned();
            }
        }
        let mut code = 2; // UNKNOWN
        if let Some(get_code) = api.PJRT_Error_GetCode {
            let mut args = ffi::PJRT_Error_GetCode_Args::new();
            args.error = err;
            // SAFETY: as above.
            let code_err = unsafe { get_code(&mut args) };
            if code_err.is_null() {
                code = args.code;
            } else {
                self.destroy_error(code_err);
            }
        }
        self.destroy_error(err);
        Err(RuntimeError::Pjrt { call, code, code_name: ffi::error_code_name(code), message })
    }

    fn destroy_error(&self, err: *mut ffi::PJRT_Error) {
        if let Some(destroy) = self.api().PJRT_Error_Destroy {
            let mut args = ffi::PJRT_Error_Destroy_Args::new();
            args.error = err;
            // SAFETY: `err` is a live error owned by us, destroyed once.
            unsafe { destroy(&mut args) };
        }
    }
}

/// An owned `PJRT_Event`, destroyed on drop.
pub(crate) struct Event {
    plugin: Plugin,
    raw: *mut ffi::PJRT_Event,
}

impl Event {
    /// Takes ownership of `raw` (may be null).
    pub(crate) fn new(plugin: Plugin, raw: *mut ffi::PJRT_Event) -> Self {
        Event { plugin, raw }
    }

    /// Blocks until the event is ready and returns its status.
    pub(crate) fn wait(self, what: &'static str) -> Result<()> {
        if self.raw.is_null() {
            return Ok(());
        }
        let mut args = ffi::PJRT_Event_Await_Args::new();
        args.event = self.raw;
        // SAFETY: `raw` is a live event owned by `self`.
        unsafe { self.plugin.call(what, self.plugin.api().PJRT_Event_Await, &mut args) }
        // `self` is dropped here, destroying the event.
    }
}

impl Drop for Event {
    fn drop(&mut self) {
        if self.raw.is_null() {
            return;
        }
        let mut args = ffi::PJRT_Event_Destroy_Args::new();
        args.event = self.raw;
        // SAFETY: `raw` is a live event owned by `self`, destroyed once.
        // A failure to destroy cannot be reported from drop; its error is freed.
        let _ = unsafe {
            self.plugin.call("PJRT_Event_Destroy", self.plugin.api().PJRT_Event_Destroy, &mut args)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_parsing() {
        assert_eq!("cpu".parse::<PluginChoice>(), Ok(PluginChoice::Cpu));
        assert_eq!("cuda".parse::<PluginChoice>(), Ok(PluginChoice::Cuda));
        assert_eq!("tpu".parse::<PluginChoice>(), Ok(PluginChoice::Tpu));
        assert_eq!("/x/y.so".parse::<PluginChoice>(), Ok(PluginChoice::Path(PathBuf::from("/x/y.so"))));
        assert_eq!(PluginChoice::Cuda.to_string(), "cuda");
    }

    #[test]
    fn missing_plugins_name_the_install_command() {
        let e = locate_plugin(Some(&PluginChoice::Path(PathBuf::from("/nonexistent/p.so"))))
            .unwrap_err()
            .to_string();
        assert!(e.contains("/nonexistent/p.so") && e.contains("scripts/setup"), "{e}");
        // libtpu is not expected on a development machine; if it is there, fine.
        if let Err(e) = locate_plugin(Some(&PluginChoice::Tpu)) {
            assert!(e.to_string().contains("pip install libtpu"), "{e}");
        }
        if let Err(e) = locate_plugin(Some(&PluginChoice::Cuda)) {
            assert!(e.to_string().contains("pip install jax-cuda13-pjrt==0.11.2"), "{e}");
        }
    }

    #[test]
    fn load_errors_name_the_path() {
        let e = Plugin::load("/nonexistent/plugin.so").unwrap_err().to_string();
        assert!(e.contains("/nonexistent/plugin.so"), "{e}");
    }
}
