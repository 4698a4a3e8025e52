//! What is checked before a plugin file is `dlopen`ed (docs/security.md).
//!
//! * [`check_permissions`]: the file and every directory above it must be
//!   owned by root or the current user and not writable by group or others
//!   (a directory with the sticky bit, such as `/tmp`, may be).
//! * [`sha256_file`] and [`check_pinned`]: the plugins jaxr finds by itself
//!   (`cpu`, `cuda`, `tpu`) must have the SHA-256 of a build in
//!   [`PINNED_PLUGINS`].

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use sha2::{Digest, Sha256};

/// The plugins jaxr finds by itself, each pinned by [`PINNED_PLUGINS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PluginKind {
    /// The XLA CPU plugin `scripts/setup` installs.
    Cpu,
    /// The CUDA plugin of the `jax-cuda13-pjrt` or `jax-cuda12-pjrt` wheel.
    Cuda,
    /// `libtpu.so` of the `libtpu` wheel.
    Tpu,
}

impl fmt::Display for PluginKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PluginKind::Cpu => "cpu",
            PluginKind::Cuda => "cuda",
            PluginKind::Tpu => "tpu",
        })
    }
}

/// One known plugin build: a file of a wheel and its SHA-256.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinnedPlugin {
    /// Which choice it serves.
    pub kind: PluginKind,
    /// The wheel, `name==version`.
    pub wheel: &'static str,
    /// The wheel's platform tag.
    pub platform: &'static str,
    /// The path the file is found under, as its last components
    /// (`xla_cuda13/xla_cuda_plugin.so`); a found file is compared with the
    /// pins whose `installed_as` it ends with.
    pub installed_as: &'static str,
    /// The SHA-256 of the file (lowercase hex), as the wheel's `RECORD` lists it.
    pub sha256: &'static str,
}

impl fmt::Display for PinnedPlugin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.wheel, self.installed_as, self.platform)
    }
}

/// Every plugin build jaxr loads without an explicit path. Keep the CPU entry
/// in step with `PLUGIN_SHA256` in `scripts/setup`.
pub const PINNED_PLUGINS: &[PinnedPlugin] = &[
    PinnedPlugin {
        kind: PluginKind::Cpu,
        wheel: "lammps-jax-pjrt-cpu==0.11.2",
        platform: "manylinux_2_27_x86_64",
        installed_as: "pjrt_c_api_cpu_plugin.so",
        sha256: "ad1309ac822b1b24d51b7f9947c7c9fa9ef5d67f390584cbc3d1fa2428fed9c2",
    },
    PinnedPlugin {
        kind: PluginKind::Cuda,
        wheel: "jax-cuda13-pjrt==0.11.2",
        platform: "manylinux_2_27_x86_64",
        installed_as: "xla_cuda13/xla_cuda_plugin.so",
        sha256: "43d3efd6fd43d8a5d9aa67176e830d81e4ad5fc19fda4ad09cdcc4aebd9f3920",
    },
    PinnedPlugin {
        kind: PluginKind::Cuda,
        wheel: "jax-cuda13-pjrt==0.11.2",
        platform: "manylinux_2_27_aarch64",
        installed_as: "xla_cuda13/xla_cuda_plugin.so",
        sha256: "13c2f3f1db33410335ac61853832946f4184140f5d82e17d49b112f51cc00fa3",
    },
    PinnedPlugin {
        kind: PluginKind::Cuda,
        wheel: "jax-cuda12-pjrt==0.11.2",
        platform: "manylinux_2_27_x86_64",
        installed_as: "xla_cuda12/xla_cuda_plugin.so",
        sha256: "ed4d60d77427548709ca0b5a8e04c1b24cc0091452bb564e4aea01e03ae7eac1",
    },
    PinnedPlugin {
        kind: PluginKind::Cuda,
        wheel: "jax-cuda12-pjrt==0.11.2",
        platform: "manylinux_2_27_aarch64",
        installed_as: "xla_cuda12/xla_cuda_plugin.so",
        sha256: "3f74f6b36f69c23e97de3e25b47ece87d62ace42bd89355aa9e197c3c5038b64",
    },
    PinnedPlugin {
        kind: PluginKind::Tpu,
        wheel: "libtpu==0.0.52",
        platform: "manylinux_2_31_x86_64",
        installed_as: "libtpu/libtpu.so",
        sha256: "f86de4d04a058e6b5101f73e0824b95f27e2cec996d2b9191d9cffda75c03077",
    },
];

/// The pin of the build whose SHA-256 is `sha256`, if jaxr knows it.
pub fn pinned_build(sha256: &str) -> Option<&'static PinnedPlugin> {
    PINNED_PLUGINS.iter().find(|p| p.sha256 == sha256)
}

/// The SHA-256 of the file at `path`, lowercase hex.
pub fn sha256_file(path: &Path) -> io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Checks a file found as a plugin of `kind` at `path`, whose SHA-256 is
/// `found`, against `pins`: the pins of that kind whose `installed_as` the
/// path ends with (all pins of the kind if none does). Returns the matching
/// pin, or the reason for refusing the file, with the expected and found hashes.
pub fn check_pinned<'a>(
    kind: PluginKind,
    path: &Path,
    found: &str,
    pins: &'a [PinnedPlugin],
) -> Result<&'a PinnedPlugin, String> {
    let of_kind: Vec<&PinnedPlugin> = pins.iter().filter(|p| p.kind == kind).collect();
    let by_name: Vec<&PinnedPlugin> =
        of_kind.iter().copied().filter(|p| path.ends_with(p.installed_as)).collect();
    let candidates = if by_name.is_empty() { of_kind } else { by_name };
    if let Some(pin) = candidates.iter().find(|p| p.sha256 == found) {
        return Ok(pin);
    }
    let expected = match candidates.as_slice() {
        [] => format!("none (no {kind} plugin is pinned)"),
        [one] => format!("{} ({one})", one.sha256),
        many => format!(
            "one of {}",
            many.iter().map(|p| format!("{} ({p})", p.sha256)).collect::<Vec<_>>().join(", ")
        ),
    };
    Err(format!(
        "SHA-256 mismatch: it is not a pinned {kind} plugin build\n  expected {expected}\n  found    {found}\n  \
         reinstall it (for the CPU plugin: scripts/setup), or give its path with --plugin=PATH to load it unpinned"
    ))
}

extern "C" {
    fn geteuid() -> u32;
}

/// The effective user id of this process.
pub fn effective_uid() -> u32 {
    // SAFETY: geteuid takes no arguments, cannot fail and touches no memory of ours.
    unsafe { geteuid() }
}

/// Refuses a plugin file that someone other than root and the current user
/// could have changed: the file (after resolving symbolic links) and every
/// directory above it must be owned by root or `uid`, and must not be
/// writable by group or others, except directories with the sticky bit
/// (such as `/tmp`, where others cannot replace what they do not own).
/// The reason names the offending path and its mode.
pub fn check_permissions(path: &Path, uid: u32) -> Result<(), String> {
    let canonical = std::fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut current: Option<&Path> = Some(&canonical);
    let mut is_file = true;
    while let Some(p) = current {
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
        let mode = meta.permissions().mode() & 0o7777;
        let what = if is_file { "the plugin file" } else { "its directory" };
        if meta.uid() != 0 && meta.uid() != uid {
            return Err(format!(
                "{what} {} is owned by uid {}, neither root nor the current user (uid {uid}) (mode {mode:04o})",
                p.display(),
                meta.uid()
            ));
        }
        let sticky_dir = !is_file && mode & 0o1000 != 0;
        if mode & 0o022 != 0 && !sticky_dir {
            return Err(format!(
                "{what} {} is writable by group or others (mode {mode:04o}); `chmod go-w {}` if you trust it",
                p.display(),
                p.display()
            ));
        }
        is_file = false;
        current = p.parent();
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh directory (mode 0755) under the system temp directory, removed on drop.
    pub(crate) struct TempDir(pub PathBuf);

    impl TempDir {
        pub(crate) fn new() -> TempDir {
            static N: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "jaxr-trust-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn file_with(dir: &Path, name: &str, content: &[u8], mode: u32) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        path
    }

    #[test]
    fn sha256_of_a_file() {
        let dir = TempDir::new();
        let path = file_with(&dir.0, "abc", b"abc", 0o644);
        assert_eq!(
            sha256_file(&path).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn pinned_table_is_well_formed() {
        for p in PINNED_PLUGINS {
            assert_eq!(p.sha256.len(), 64, "{p}");
            assert!(p.sha256.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{p}");
        }
        for kind in [PluginKind::Cpu, PluginKind::Cuda, PluginKind::Tpu] {
            assert!(PINNED_PLUGINS.iter().any(|p| p.kind == kind), "{kind}");
        }
        // scripts/setup installs the CPU build pinned here.
        let setup = include_str!("../../scripts/setup");
        let cpu = PINNED_PLUGINS.iter().find(|p| p.kind == PluginKind::Cpu).unwrap();
        assert!(setup.contains(&format!("PLUGIN_SHA256={}", cpu.sha256)));
        assert!(setup.contains(&format!("PLUGIN_WHEEL_VERSION={}", crate::CPU_PLUGIN_WHEEL_VERSION)));
        assert_eq!(pinned_build(cpu.sha256), Some(cpu));
    }

    #[test]
    fn hash_table_check() {
        let good = "a".repeat(64);
        let other = "b".repeat(64);
        let pins = [
            PinnedPlugin {
                kind: PluginKind::Cuda,
                wheel: "w13==1",
                platform: "x86_64",
                installed_as: "xla_cuda13/p.so",
                sha256: "a".repeat(64).leak(),
            },
            PinnedPlugin {
                kind: PluginKind::Cuda,
                wheel: "w12==1",
                platform: "x86_64",
                installed_as: "xla_cuda12/p.so",
                sha256: "c".repeat(64).leak(),
            },
            PinnedPlugin {
                kind: PluginKind::Cpu,
                wheel: "cpu==1",
                platform: "x86_64",
                installed_as: "cpu.so",
                sha256: "d".repeat(64).leak(),
            },
        ];
        let p13 = Path::new("/site/jax_plugins/xla_cuda13/p.so");
        assert_eq!(check_pinned(PluginKind::Cuda, p13, &good, &pins).unwrap().wheel, "w13==1");
        // A cuda12 path is only compared with the cuda12 pin.
        let e = check_pinned(PluginKind::Cuda, Path::new("/s/xla_cuda12/p.so"), &good, &pins).unwrap_err();
        assert!(e.contains(&format!("expected {} (w12==1", "c".repeat(64))), "{e}");
        assert!(e.contains(&format!("found    {good}")), "{e}");
        // A mismatch names both hashes.
        let e = check_pinned(PluginKind::Cuda, p13, &other, &pins).unwrap_err();
        assert!(e.contains("SHA-256 mismatch"), "{e}");
        assert!(e.contains(&format!("expected {} (w13==1 xla_cuda13/p.so (x86_64))", good)), "{e}");
        assert!(e.contains(&format!("found    {other}")), "{e}");
        // The CPU pin does not accept a CUDA build's hash, and vice versa.
        assert!(check_pinned(PluginKind::Cpu, Path::new("/c/cpu.so"), &good, &pins).is_err());
        assert!(check_pinned(PluginKind::Cpu, Path::new("/c/cpu.so"), &"d".repeat(64), &pins).is_ok());
        // A path matching no `installed_as` is compared with every pin of its kind.
        let e = check_pinned(PluginKind::Cuda, Path::new("/x/other.so"), &other, &pins).unwrap_err();
        assert!(e.contains("expected one of") && e.contains("w12==1") && e.contains("w13==1"), "{e}");
        // Nothing pinned for a kind: refused.
        let e = check_pinned(PluginKind::Tpu, Path::new("/t/libtpu.so"), &good, &pins).unwrap_err();
        assert!(e.contains("no tpu plugin is pinned"), "{e}");
    }

    #[test]
    fn permission_check() {
        let uid = effective_uid();
        let dir = TempDir::new();
        let ok = file_with(&dir.0, "ok.so", b"x", 0o755);
        check_permissions(&ok, uid).unwrap();
        let read_only = file_with(&dir.0, "ro.so", b"x", 0o444);
        check_permissions(&read_only, uid).unwrap();

        for mode in [0o775, 0o757, 0o666, 0o620] {
            let bad = file_with(&dir.0, &format!("bad{mode:o}.so"), b"x", mode);
            let e = check_permissions(&bad, uid).unwrap_err();
            assert!(e.contains(&bad.display().to_string()), "{e}");
            assert!(e.contains(&format!("writable by group or others (mode {mode:04o})")), "{e}");
        }

        // A group-writable directory above the file is refused, naming the directory.
        let sub = dir.0.join("shared");
        std::fs::create_dir(&sub).unwrap();
        let inside = file_with(&sub, "p.so", b"x", 0o755);
        check_permissions(&inside, uid).unwrap();
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o777)).unwrap();
        let e = check_permissions(&inside, uid).unwrap_err();
        assert!(
            e.contains(&format!(
                "its directory {} is writable by group or others (mode 0777)",
                sub.display()
            )),
            "{e}"
        );
        // With the sticky bit (as /tmp has) it is accepted.
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o1777)).unwrap();
        check_permissions(&inside, uid).unwrap();

        // A symbolic link is judged by what it points to.
        let link = dir.0.join("link.so");
        let bad = file_with(&dir.0, "target.so", b"x", 0o666);
        std::os::unix::fs::symlink(&bad, &link).unwrap();
        let e = check_permissions(&link, uid).unwrap_err();
        assert!(e.contains("target.so") && e.contains("mode 0666"), "{e}");

        // Owned by another user: refused (checked as if we were that user
        // when we cannot chown, i.e. when not root).
        let theirs = file_with(&dir.0, "theirs.so", b"x", 0o755);
        if uid == 0 {
            std::os::unix::fs::chown(&theirs, Some(54321), None).unwrap();
            let e = check_permissions(&theirs, 0).unwrap_err();
            assert!(e.contains("is owned by uid 54321, neither root nor the current user (uid 0)"), "{e}");
        } else {
            let e = check_permissions(&theirs, uid + 1).unwrap_err();
            assert!(e.contains(&format!("is owned by uid {uid}, neither root nor the current user")), "{e}");
        }

        let e = check_permissions(&dir.0.join("absent.so"), uid).unwrap_err();
        assert!(e.contains("absent.so"), "{e}");
    }
}
