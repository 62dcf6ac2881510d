//! Temporary files that must not outlive the run: removed when it is
//! interrupted (SIGINT, SIGTERM), and left-overs of an earlier run that
//! was killed outright (SIGKILL, a power cut) removed by the next one.
//!
//! In: the paths of named temporary files while they exist ([`Guard`]).
//! Out: on SIGINT or SIGTERM those files are deleted and the process then
//! dies of the signal as it would have without us (exit status 130 or 143
//! in a shell). [`remove_stale`] deletes files of our own temporary naming
//! (`.edges.csv.Ab12Cd.tmp`) in an output folder.
//!
//! What must hold: only files this process registered are removed on a
//! signal; only names that match an export's temporary pattern are
//! removed as stale, never another file of the folder.

use std::{
    fs,
    path::{Path, PathBuf},
    sync::{Mutex, Once},
};

static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static INSTALL: Once = Once::new();

/// Keeps `path` registered for removal on a signal until dropped.
#[derive(Debug)]
pub struct Guard {
    path: PathBuf,
}

impl Guard {
    /// Registers `path` (and installs the signal handler on first use).
    pub fn new(path: &Path) -> Guard {
        install();
        lock().push(path.to_path_buf());
        Guard {
            path: path.to_path_buf(),
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let mut live = lock();
        if let Some(i) = live.iter().position(|p| *p == self.path) {
            live.swap_remove(i);
        }
    }
}

fn lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the list was held leaves it usable: it is only paths.
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Installs the signal handler that removes registered files (once; a
/// [`Guard`] does it too): called before a temporary file is made, no
/// signal can come between its making and its guard.
#[cfg(unix)]
pub(crate) fn install() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    INSTALL.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                for p in lock().drain(..) {
                    let _ = fs::remove_file(p);
                }
                // Die of the signal, as the shell and a parent expect.
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                std::process::exit(128 + sig);
            }
        });
    });
}

/// Nothing to install without Unix signals.
#[cfg(not(unix))]
pub(crate) fn install() {
    INSTALL.call_once(|| {});
}

/// Whether `name` is a temporary name of one of `exports`: `.NAME.` then
/// the random part then `.tmp`, as [`tempfile`] makes them.
pub fn is_temp_name(name: &str, exports: &[&str]) -> bool {
    exports.iter().any(|e| {
        name.strip_prefix('.')
            .and_then(|n| n.strip_prefix(e))
            .and_then(|n| n.strip_prefix('.'))
            .and_then(|n| n.strip_suffix(".tmp"))
            .is_some_and(|rand| !rand.is_empty() && rand.bytes().all(|b| b.is_ascii_alphanumeric()))
    })
}

/// Removes the temporary files of `exports` an earlier, killed run left in
/// `dir`; returns how many.
pub fn remove_stale(dir: &Path, exports: &[&str]) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| is_temp_name(&e.file_name().to_string_lossy(), exports))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_ours_only() {
        let ex = ["edges.csv", "graph.json"];
        assert!(is_temp_name(".edges.csv.Ab12Cd.tmp", &ex));
        assert!(is_temp_name(".graph.json.x9Y8z7.tmp", &ex));
        for other in [
            "edges.csv",
            ".edges.csv.tmp",
            ".notes.txt.Ab12Cd.tmp",
            ".edges.csv.Ab-2Cd.tmp",
            "edges.csv.Ab12Cd.tmp",
        ] {
            assert!(!is_temp_name(other, &ex), "{other}");
        }
    }

    #[test]
    fn stale_files_go_others_stay() {
        let d = tempfile::tempdir().unwrap();
        for n in [
            ".edges.csv.Ab12Cd.tmp",
            ".edges.csv.Zz99Yy.tmp",
            ".mine.tmp",
            "edges.csv",
        ] {
            fs::write(d.path().join(n), "x").unwrap();
        }
        assert_eq!(remove_stale(d.path(), &["edges.csv"]), 2);
        let mut left: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".mine.tmp", "edges.csv"]);
    }
}
