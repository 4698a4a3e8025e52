//! Writing the tools' output files whole or not at all.

use std::path::Path;

/// Writes `text` to `path` (or stdout for `-`) all at once: a temporary file
/// renamed into place, so a failure never leaves half a file.
pub fn write_output(path: &str, text: &str) -> Result<(), String> {
    if path == "-" {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        return out
            .write_all(text.as_bytes())
            .and_then(|_| out.flush())
            .map_err(|e| format!("cannot write stdout: {e}"));
    }
    let target = Path::new(path);
    match std::fs::symlink_metadata(target) {
        // Write through a link to its target.
        Ok(meta) if meta.file_type().is_symlink() => {
            let resolved =
                std::fs::canonicalize(target).map_err(|e| format!("cannot resolve '{path}': {e}"))?;
            return write_output(&resolved.to_string_lossy(), text);
        }
        // Devices and pipes cannot be replaced by a rename; write into them.
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            return std::fs::write(target, text).map_err(|e| format!("cannot write '{path}': {e}"));
        }
        _ => {}
    }
    let file_name = target.file_name().ok_or_else(|| format!("'{path}' is not a file path"))?;
    let temp = target.with_file_name(format!(".{}.partial", file_name.to_string_lossy()));
    std::fs::write(&temp, text).map_err(|e| format!("cannot write '{}': {e}", temp.display()))?;
    std::fs::rename(&temp, target).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot write '{path}': {e}")
    })
}
