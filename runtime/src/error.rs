//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong in this crate.
///
/// Errors reported by the PJRT plugin become [`RuntimeError::Pjrt`], carrying
/// the plugin's own message and status code (the `PJRT_Error` itself is
/// destroyed before the error is returned).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuntimeError {
    /// A PJRT C-API call returned an error.
    #[error("{call} failed with {code_name} (code {code}): {message}")]
    Pjrt {
        /// The C-API function that failed, e.g. `PJRT_Client_Compile`.
        call: &'static str,
        /// The absl-style status code (3 = INVALID_ARGUMENT, ...).
        code: i32,
        /// The name of `code`, e.g. `INVALID_ARGUMENT`.
        code_name: &'static str,
        /// The plugin's message.
        message: String,
    },
    /// No plugin file was found for the requested choice.
    #[error("PJRT plugin not found: {what}\n  install it with: {install}")]
    PluginNotFound {
        /// What was looked for, and where.
        what: String,
        /// The command that installs the plugin.
        install: String,
    },
    /// A plugin file exists but could not be loaded or is not usable.
    #[error("cannot load PJRT plugin {}: {reason}", path.display())]
    PluginLoad {
        /// The plugin file.
        path: PathBuf,
        /// Why it failed (the dlopen/dlsym message, a null API, a version problem, ...).
        reason: String,
    },
    /// A plugin file was refused before loading: its permissions let someone
    /// other than root and the current user change it, or its SHA-256 is not
    /// that of a pinned build (docs/security.md).
    #[error("refusing PJRT plugin {}: {reason}", path.display())]
    PluginRefused {
        /// The plugin file.
        path: PathBuf,
        /// Why (the path and mode at fault, or the expected and found hashes).
        reason: String,
    },
    /// Work on a plugin (loading it, creating a client) did not finish in time.
    #[error("{what} did not finish within {seconds} s")]
    Timeout {
        /// What was being done.
        what: String,
        /// The limit, in seconds.
        seconds: f64,
    },
    /// A literal (`2x3xf32=1 2 3 4 5 6`) could not be parsed.
    #[error("invalid literal {literal:?}: {reason}")]
    Literal {
        /// The literal text as given.
        literal: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A `.npy` file or buffer is malformed or uses an unsupported feature.
    #[error("npy: {0}")]
    Npy(String),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A tensor is inconsistent (data length vs. shape, negative dimension,
    /// wrong element type for a typed accessor, ...).
    #[error("invalid tensor: {0}")]
    Tensor(String),
    /// Something valid that this crate does not handle (e.g. a PJRT buffer of
    /// complex type).
    #[error("unsupported: {0}")]
    Unsupported(String),
}

impl RuntimeError {
    /// The PJRT status code, if this error came from the plugin.
    pub fn pjrt_code(&self) -> Option<i32> {
        match self {
            RuntimeError::Pjrt { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = RuntimeError> = std::result::Result<T, E>;
