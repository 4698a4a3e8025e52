//! Finding and loading PJRT plugins.
//!
//! [`locate_plugin`] turns a [`PluginChoice`] (or the `JAXR_PJRT_PLUGIN`
//! environment variable, or the default CPU plugin) into a
//! [`LocatedPlugin`]: a file path, and for the plugins jaxr finds by itself
//! the [`PluginKind`] whose pinned SHA-256 the file must have.
//! [`Plugin::load_located`] (or [`Plugin::load`] for an explicit path)
//! checks the file's permissions and hash (docs/security.md), then
//! `dlopen`s it once per process and returns its API table.

use std::collections::HashMap;
use std::convert::Infallible;
use std::ffi::{c_int, OsStr};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use crate::error::{Result, RuntimeError};
use crate::ffi;
use crate::trust::{self, PinnedPlugin, PluginKind};

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
/// Environment variable listing (`:`-separated) Python package directories
/// searched first for the `cuda` and `tpu` plugins.
pub const SITE_PACKAGES_ENV: &str = "JAXR_SITE_PACKAGES";

const CPU_INSTALL: &str = "scripts/setup (run from the jaxr repository root)";
const CUDA_INSTALL: &str = "pip install jax-cuda13-pjrt==0.11.2";
const TPU_INSTALL: &str = "pip install libtpu==0.0.52";

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

/// A plugin file found by [`locate_plugin`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedPlugin {
    /// The plugin file.
    pub path: PathBuf,
    /// For `cpu`, `cuda` and `tpu`: the kind whose pinned SHA-256 the file
    /// must have. `None` for an explicit path (`--plugin=PATH`, or a path in
    /// `JAXR_PJRT_PLUGIN`): the user's choice, loaded unpinned.
    pub pinned_as: Option<PluginKind>,
}

/// Finds the plugin file to load.
///
/// Order: the explicit `choice`; else the `JAXR_PJRT_PLUGIN` environment
/// variable (a path, or `cpu`/`cuda`/`tpu`); else the CPU plugin in the
/// cache directory. A missing plugin gives [`RuntimeError::PluginNotFound`],
/// whose message includes the command that installs it. `tpu` first checks
/// that the machine has TPU devices (`/dev/accel*` or `/dev/vfio/<group>`,
/// as JAX does) and fails fast without them. No program is run.
pub fn locate_plugin(choice: Option<&PluginChoice>) -> Result<LocatedPlugin> {
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

fn locate_choice(choice: &PluginChoice) -> Result<LocatedPlugin> {
    let pinned = |kind: PluginKind| move |path: PathBuf| LocatedPlugin { path, pinned_as: Some(kind) };
    match choice {
        PluginChoice::Cpu => {
            let path = cpu_plugin_path().ok_or_else(|| RuntimeError::PluginNotFound {
                what: format!("the CPU plugin (neither {CACHE_DIR_ENV} nor HOME is set)"),
                install: CPU_INSTALL.to_string(),
            })?;
            if path.is_file() {
                Ok(pinned(PluginKind::Cpu)(path))
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
        )
        .map(pinned(PluginKind::Cuda)),
        PluginChoice::Tpu => {
            if tpu_devices(Path::new("/dev")).is_empty() {
                return Err(RuntimeError::Unsupported(
                    "the TPU plugin needs TPU devices and this machine has none (no /dev/accel* and no \
                     /dev/vfio/<group> entries); run on a TPU VM, or choose --plugin=cpu or --plugin=cuda"
                        .to_string(),
                ));
            }
            find_in_site_packages("the TPU plugin", &["libtpu/libtpu.so"], TPU_INSTALL)
                .map(pinned(PluginKind::Tpu))
        }
        PluginChoice::Path(path) => {
            if path.is_file() {
                Ok(LocatedPlugin { path: path.clone(), pinned_as: None })
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

/// The TPU devices under `dev` (`/dev`): `accel*` entries, and the VFIO
/// groups in `vfio/` (every entry but the `vfio` control device), which is
/// where JAX and libtpu look for TPU chips.
fn tpu_devices(dev: &Path) -> Vec<PathBuf> {
    let entries = |dir: &Path| -> Vec<(String, PathBuf)> {
        let Ok(read) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        read.filter_map(|e| e.ok())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .collect()
    };
    let mut found: Vec<PathBuf> =
        entries(dev).into_iter().filter(|(name, _)| name.starts_with("accel")).map(|(_, p)| p).collect();
    found.extend(entries(&dev.join("vfio")).into_iter().filter(|(name, _)| name != "vfio").map(|(_, p)| p));
    found.sort();
    found
}

fn find_in_site_packages(what: &str, relative: &[&str], install: &str) -> Result<PathBuf> {
    find_in_dirs(what, &python_package_dirs(), relative, install)
}

fn find_in_dirs(what: &str, dirs: &[PathBuf], relative: &[&str], install: &str) -> Result<PathBuf> {
    for rel in relative {
        for dir in dirs {
            let candidate = dir.join(rel);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(RuntimeError::PluginNotFound {
        what: format!(
            "{what} ({}) is in none of the {} Python package directories searched \
             (add yours to {SITE_PACKAGES_ENV})",
            relative.join(" or "),
            dirs.len()
        ),
        install: install.to_string(),
    })
}

/// Python package directories, found without running any program: those in
/// `$JAXR_SITE_PACKAGES`; then `lib/python3*/{site,dist}-packages` under the
/// active virtualenv/conda env, the jaxr oracle venv, `~/.local`, pyenv's
/// versions, the prefix of each `python3` on `PATH` (its resolved location's
/// `bin/..`, read, not run), `/usr/local`, `/usr`, `/opt/conda`; and Debian's
/// `/usr/lib/python3/dist-packages`. What is found there is still checked
/// against the pinned hashes before it is loaded.
fn python_package_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(list) = std::env::var_os(SITE_PACKAGES_ENV) {
        dirs.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
    }
    let mut prefixes: Vec<PathBuf> = Vec::new();
    for var in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
        if let Some(prefix) = std::env::var_os(var).filter(|p| !p.is_empty()) {
            prefixes.push(PathBuf::from(prefix));
        }
    }
    if let Some(cache) = cache_dir() {
        prefixes.push(cache.join("oracle-venv"));
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    if let Some(home) = &home {
        prefixes.push(home.join(".local"));
    }
    let pyenv_root = std::env::var_os("PYENV_ROOT")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".pyenv")));
    if let Some(Ok(versions)) = pyenv_root.map(|root| std::fs::read_dir(root.join("versions"))) {
        let mut found: Vec<PathBuf> = versions.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        found.sort();
        prefixes.extend(found);
    }
    if let Some(path) = std::env::var_os("PATH") {
        for bin in std::env::split_paths(&path) {
            if let Ok(python) = std::fs::canonicalize(bin.join("python3")) {
                if let Some(prefix) = python.parent().and_then(Path::parent) {
                    prefixes.push(prefix.to_path_buf());
                }
            }
        }
    }
    prefixes.extend(["/usr/local", "/usr", "/opt/conda"].iter().map(PathBuf::from));
    for prefix in prefixes {
        for lib in ["lib", "lib64"] {
            let Ok(entries) = std::fs::read_dir(prefix.join(lib)) else {
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
    }
    let mut seen = std::collections::HashSet::new();
    dirs.retain(|d| d.is_dir() && seen.insert(std::fs::canonicalize(d).unwrap_or_else(|_| d.clone())));
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
    sha256: String,
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
            .field("sha256", &self.inner.sha256)
            .field("api_version", &self.inner.version)
            .finish()
    }
}

impl Plugin {
    /// Loads the plugin at `path`, an explicit choice of the caller: its
    /// permissions are checked but its SHA-256 is not compared with the
    /// pinned builds (see [`Plugin::load_located`]). Returns the instance
    /// already loaded from the same (canonicalized) file, if any.
    ///
    /// Before `dlopen`, the file and every directory above it must be owned
    /// by root or the current user and not writable by group or others
    /// (sticky directories such as `/tmp` excepted), else
    /// [`RuntimeError::PluginRefused`] names the path and its mode. The
    /// file's SHA-256 is computed and kept ([`Plugin::sha256`]).
    ///
    /// The library is opened with `RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE` and
    /// never closed; its `GetPjrtApi` is called and `PJRT_Plugin_Initialize`
    /// run once. `TF_CPP_MIN_LOG_LEVEL` is set to `1` (hiding the plugin's
    /// INFO lines) unless the environment already sets it.
    ///
    /// A file that is not a usable plugin gives [`RuntimeError::PluginLoad`]
    /// naming the path and the `dlopen`/`GetPjrtApi` reason.
    pub fn load(path: impl AsRef<Path>) -> Result<Plugin> {
        Plugin::load_checked(path.as_ref(), None)
    }

    /// Loads a plugin found by [`locate_plugin`]: as [`Plugin::load`], and
    /// when it is one jaxr found by itself (`pinned_as`), its SHA-256 must
    /// be that of a pinned build of that kind ([`PINNED_PLUGINS`](crate::PINNED_PLUGINS)),
    /// checked before `dlopen` every time the file is loaded; a mismatch is
    /// [`RuntimeError::PluginRefused`] with the expected and found hashes.
    pub fn load_located(located: &LocatedPlugin) -> Result<Plugin> {
        Plugin::load_checked(&located.path, located.pinned_as)
    }

    fn load_checked(path: &Path, pinned_as: Option<PluginKind>) -> Result<Plugin> {
        let load_err = |reason: String| RuntimeError::PluginLoad { path: path.to_path_buf(), reason };
        let refused = |reason: String| RuntimeError::PluginRefused { path: path.to_path_buf(), reason };
        let canonical = std::fs::canonicalize(path).map_err(|e| load_err(e.to_string()))?;
        let check_pin = |sha256: &str| match pinned_as {
            Some(kind) => trust::check_pinned(kind, &canonical, sha256, trust::PINNED_PLUGINS)
                .map(|_| ())
                .map_err(refused),
            None => Ok(()),
        };
        let mut plugins = registry().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(loaded) = plugins.get(&canonical) {
            // Already mapped: its code is in the process whatever we say now,
            // but a pinned request still refuses a file that was loaded unpinned.
            check_pin(&loaded.sha256)?;
            return Ok(Plugin { inner: loaded });
        }
        trust::check_permissions(&canonical, trust::effective_uid()).map_err(refused)?;
        let sha256 = trust::sha256_file(&canonical).map_err(|e| load_err(format!("cannot read it: {e}")))?;
        check_pin(&sha256)?;
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
            Box::leak(Box::new(LoadedPlugin { path: canonical.clone(), sha256, api, version }));
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

    /// [`locate_plugin`] then [`Plugin::load_located`].
    pub fn locate_and_load(choice: Option<&PluginChoice>) -> Result<Plugin> {
        Plugin::load_located(&locate_plugin(choice)?)
    }

    /// The canonical path of the plugin file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// The SHA-256 (lowercase hex) of the plugin file, computed before it was loaded.
    pub fn sha256(&self) -> &str {
        &self.inner.sha256
    }

    /// The pinned build this file is, if its hash is in [`PINNED_PLUGINS`](crate::PINNED_PLUGINS)
    /// (also when it was loaded from an explicit path).
    pub fn pinned_build(&self) -> Option<&'static PinnedPlugin> {
        trust::pinned_build(&self.inner.sha256)
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

    /// The function at byte `offset` of the plugin's table, past the declared
    /// prefix ([`ffi::PJRT_Api`]); `None` when the table ends before it (a
    /// plugin built with an older header) or the slot is null.
    pub(crate) fn slot_past_prefix<A>(&self, offset: usize) -> ffi::PjrtFn<A> {
        if self.api().struct_size < offset + std::mem::size_of::<ffi::PjrtFn<A>>() {
            return None;
        }
        // SAFETY: the plugin's table is `struct_size` bytes long, so the slot
        // lies inside it; a slot holds a nullable function pointer, which is
        // what `PjrtFn` is.
        unsafe { std::ptr::read_unaligned(self.inner.api.cast::<u8>().add(offset).cast::<ffi::PjrtFn<A>>()) }
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
        // Without TPU devices, `tpu` fails before looking for libtpu.
        if tpu_devices(Path::new("/dev")).is_empty() {
            let e = locate_plugin(Some(&PluginChoice::Tpu)).unwrap_err().to_string();
            assert!(e.contains("needs TPU devices and this machine has none (no /dev/accel*"), "{e}");
        } else if let Err(e) = locate_plugin(Some(&PluginChoice::Tpu)) {
            assert!(e.to_string().contains("pip install libtpu==0.0.52"), "{e}");
        }
        if let Err(e) = locate_plugin(Some(&PluginChoice::Cuda)) {
            assert!(e.to_string().contains("pip install jax-cuda13-pjrt==0.11.2"), "{e}");
        }
    }

    #[test]
    fn tpu_devices_are_accel_entries_and_vfio_groups() {
        use crate::trust::tests::TempDir;
        let dev = TempDir::new();
        assert!(tpu_devices(&dev.0).is_empty());
        std::fs::create_dir(dev.0.join("vfio")).unwrap();
        std::fs::write(dev.0.join("vfio").join("vfio"), b"").unwrap();
        std::fs::write(dev.0.join("null"), b"").unwrap();
        assert!(tpu_devices(&dev.0).is_empty(), "the VFIO control device is not a TPU");
        std::fs::write(dev.0.join("vfio").join("0"), b"").unwrap();
        assert_eq!(tpu_devices(&dev.0), vec![dev.0.join("vfio").join("0")]);
        std::fs::write(dev.0.join("accel0"), b"").unwrap();
        assert_eq!(tpu_devices(&dev.0).len(), 2);
    }

    #[test]
    fn a_found_cuda_plugin_must_be_a_pinned_build() {
        use crate::trust::tests::TempDir;
        let site = TempDir::new();
        let rel = "jax_plugins/xla_cuda13/xla_cuda_plugin.so";
        let e = find_in_dirs("the CUDA plugin", std::slice::from_ref(&site.0), &[rel], CUDA_INSTALL)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("none of the 1 Python package directories") && e.contains(SITE_PACKAGES_ENV),
            "{e}"
        );
        let fake = site.0.join(rel);
        std::fs::create_dir_all(fake.parent().unwrap()).unwrap();
        std::fs::write(&fake, b"not the CUDA plugin").unwrap();
        let found =
            find_in_dirs("the CUDA plugin", std::slice::from_ref(&site.0), &[rel], CUDA_INSTALL).unwrap();
        assert_eq!(found, fake);
        let located = LocatedPlugin { path: found, pinned_as: Some(PluginKind::Cuda) };
        let e = Plugin::load_located(&located).unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, RuntimeError::PluginRefused { .. }), "{text}");
        assert!(
            text.starts_with(&format!("refusing PJRT plugin {}: SHA-256 mismatch", fake.display())),
            "{text}"
        );
        // Compared with the two cuda13 builds only.
        assert!(
            text.contains("expected one of 43d3efd6fd43d8a5d9aa67176e830d81e4ad5fc19fda4ad09cdcc4aebd9f3920"),
            "{text}"
        );
        assert!(text.contains("jax-cuda13-pjrt==0.11.2") && !text.contains("jax-cuda12-pjrt"), "{text}");
        let found_hash = trust::sha256_file(&fake).unwrap();
        assert!(text.contains(&format!("found    {found_hash}")), "{text}");
    }

    #[test]
    fn an_explicit_path_is_not_pinned() {
        let located = locate_plugin(Some(&PluginChoice::Path(PathBuf::from("/bin/sh")))).unwrap();
        assert_eq!(located.pinned_as, None);
    }

    #[test]
    fn load_errors_name_the_path() {
        let e = Plugin::load("/nonexistent/plugin.so").unwrap_err().to_string();
        assert!(e.contains("/nonexistent/plugin.so"), "{e}");
    }
}
