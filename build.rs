//! Compiles the lexicon data into the binary, so an installed `newsgraph`
//! works wherever it is run and however the clone moves.
//!
//! Every file under `data/` is embedded except the sample articles and the
//! maintainers' scripts; a file added later (a new lexicon, a rule file) is
//! embedded without a change here. The table goes to `$OUT_DIR/data.rs` and
//! `src/data.rs` includes it.

use std::{
    env, fs,
    path::{Path, PathBuf},
};

/// Folders of `data/` that are not read by the loader.
const NOT_DATA: &[&str] = &["articles", "scripts"];

fn main() {
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let data = root.join("data");
    println!("cargo:rerun-if-changed=data");
    let mut files = Vec::new();
    walk(&data, &data, &mut files);
    files.sort();
    let mut out =
        String::from("/// Every embedded data file: its path under `data/` and its bytes.\n");
    out += "pub(crate) static FILES: &[(&str, &[u8])] = &[\n";
    for (rel, abs) in &files {
        out += &format!("    ({rel:?}, include_bytes!({abs:?})),\n");
    }
    out += "];\n";
    let dest = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets it")).join("data.rs");
    fs::write(dest, out).expect("write the data table");
}

fn walk(dir: &Path, data: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let rel = path.strip_prefix(data).expect("under data/");
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if path.is_dir() {
            if dir == data && NOT_DATA.contains(&rel.as_str()) {
                continue;
            }
            walk(&path, data, files);
        } else if dir != data {
            // Only files in subfolders: data/README.md is documentation.
            files.push((rel, path.to_string_lossy().into_owned()));
        }
    }
}
