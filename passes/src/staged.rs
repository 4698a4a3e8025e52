//! Files a pass writes on the side (`jaxr-simplify{dot=FILE}`) appear only
//! when the whole pipeline succeeds: the pass writes a staging file, and
//! [`crate::run_pipeline`] renames it into place at the end, or removes it
//! when a later pass fails.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use mlir_sys::MlirContext;

/// A staging file and the file it becomes.
struct Staged {
    /// The context whose pipeline the pass ran in (pipelines of several
    /// contexts may run at once, in tests).
    context: usize,
    staging: PathBuf,
    target: PathBuf,
}

static STAGED: Mutex<Vec<Staged>> = Mutex::new(Vec::new());

/// The path a pass running in `context` writes instead of `target`.
pub fn stage_output(context: MlirContext, target: &str) -> String {
    let target = PathBuf::from(target);
    let name = target.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let staging = target.with_file_name(format!(".{name}.partial"));
    let mut staged = STAGED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    staged.push(Staged { context: context.ptr as usize, staging: staging.clone(), target });
    staging.to_string_lossy().into_owned()
}

/// The files staged in `context`, removed from the list.
fn take(context: MlirContext) -> Vec<Staged> {
    let mut staged = STAGED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (mine, others) =
        std::mem::take(&mut *staged).into_iter().partition(|s| s.context == context.ptr as usize);
    *staged = others;
    mine
}

/// Renames the staged files of `context` into place.
pub(crate) fn commit(context: MlirContext) -> Result<(), String> {
    let mut result = Ok(());
    for s in take(context) {
        if !s.staging.exists() {
            continue;
        }
        if let Err(e) = std::fs::rename(&s.staging, &s.target) {
            remove(&s.staging);
            result = result.and(Err(format!("cannot write '{}': {e}", s.target.display())));
        }
    }
    result
}

/// Removes the staged files of `context` (its pipeline failed).
pub(crate) fn discard(context: MlirContext) {
    for s in take(context) {
        remove(&s.staging);
    }
}

fn remove(path: &Path) {
    // Nothing to do if the pass never wrote it.
    let _ = std::fs::remove_file(path);
}
