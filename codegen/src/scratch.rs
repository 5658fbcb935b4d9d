//! Scratch crates under `target/`: the crate generated from a model, built with cargo against
//! this checkout's runtime, for `verify` and `compile-cost`.

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::emit::{self, Files};
use crate::model::Model;
use crate::{at, build};

/// A crate name for the pages under `paths`, after `prefix`: `verify-pt-br-2023-02-v1-0`.
pub fn crate_name(prefix: &str, paths: &[PathBuf]) -> String {
    let mut name = String::from(prefix);
    for path in paths {
        let path = path.canonicalize().unwrap_or_else(|_| path.clone());
        let tail: Vec<_> = path.components().rev().take(2).collect();
        for part in tail.iter().rev() {
            name.push('-');
            name.extend(part.as_os_str().to_string_lossy().chars().map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            }));
        }
    }
    name.truncate(64);
    name
}

/// The files of the standalone crate `name` generated from `model`, depending on this
/// checkout's runtime by path.
pub fn generated(model: &Model, name: &str) -> io::Result<Files> {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let runtime = runtime.canonicalize().map_err(at(&runtime))?;
    let manifest = emit::Manifest {
        name,
        runtime: emit::Runtime::Path(&runtime.to_string_lossy()),
    };
    let layout = emit::Layout::Crate {
        manifest: Some(manifest),
    };
    Ok(emit::emit(model, layout, emit::DocLanguage::default()))
}

/// Writes `files` as the crate in `dir`, with this workspace's lock, which pins the runtime's
/// dependencies to versions known to build here.
pub fn write(dir: &Path, files: &Files) -> io::Result<()> {
    build::write_files(dir, files, false)?;
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    if !dir.join("Cargo.lock").exists() && lock.exists() {
        std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(at(&lock))?;
    }
    Ok(())
}

/// `cargo <args> --manifest-path dir/Cargo.toml`, building into `target`: its own target
/// directory, since the caller's may be locked by the cargo that runs docbind.
pub fn cargo(dir: &Path, target: &Path, args: &[&str]) -> io::Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(&cargo)
        .args(args)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(at(Path::new(&cargo)))?;
    match status.success() {
        true => Ok(()),
        false => Err(io::Error::other(format!(
            "`cargo {}` failed on the crate in {}",
            args.join(" "),
            dir.display()
        ))),
    }
}
