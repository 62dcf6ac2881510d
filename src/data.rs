//! Where the lexicon data comes from: a folder, or the copy of the source
//! tree's `data/` compiled into the binary.
//!
//! In: `--data DIR` if given, else `$NEWSGRAPH_DATA`, else the built-in
//! copy. Out: a [`DataSource`] that lists and opens files by their path
//! under the data folder (`gazetteer/states.tsv`), whichever it is, so the
//! loader reads one way and a new data file needs no new Rust.
//!
//! What must hold: every file a source opens has a display path
//! ([`DataSource::display`]) that errors name, the real path for a folder
//! and `built-in:data/…` for the embedded copy, so a bad line is still
//! reported with its file and line.

use std::{
    fs,
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
};

use crate::error::{Error, Result};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/data.rs"));
}

/// The environment variable naming a data folder when `--data` is absent.
pub const ENV: &str = "NEWSGRAPH_DATA";

/// A set of data files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// A folder laid out like the project's `data/`.
    Dir(PathBuf),
    /// The files of `data/` compiled into the binary.
    Embedded,
}

impl DataSource {
    /// `--data` if given, else `$NEWSGRAPH_DATA`, else the built-in copy.
    pub fn resolve(flag: Option<&Path>) -> DataSource {
        match flag {
            Some(d) => DataSource::Dir(d.to_path_buf()),
            None => match std::env::var_os(ENV) {
                Some(d) if !d.is_empty() => DataSource::Dir(PathBuf::from(d)),
                _ => DataSource::Embedded,
            },
        }
    }

    /// The path errors show for `rel` (a path under the data folder).
    pub fn display(&self, rel: &str) -> PathBuf {
        match self {
            DataSource::Dir(d) => d.join(rel),
            DataSource::Embedded => PathBuf::from(format!("built-in:data/{rel}")),
        }
    }

    /// The files directly in `folder` whose names end with `suffix`, as
    /// paths under the data folder, sorted.
    ///
    /// # Errors
    ///
    /// [`Error::MissingData`] when a folder source lacks `folder`.
    pub fn list(&self, folder: &str, suffix: &str) -> Result<Vec<String>> {
        let mut found: Vec<String> = match self {
            DataSource::Dir(d) => {
                let dir = d.join(folder);
                fs::read_dir(&dir)
                    .map_err(|e| Error::MissingData {
                        path: dir.clone(),
                        message: format!("cannot read the {folder} folder ({e}){HINT}"),
                    })?
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().is_file())
                    .map(|e| format!("{folder}/{}", e.file_name().to_string_lossy()))
                    .filter(|rel| rel.ends_with(suffix))
                    .collect()
            }
            DataSource::Embedded => embedded::FILES
                .iter()
                .map(|(rel, _)| *rel)
                .filter(|rel| {
                    rel.strip_prefix(folder)
                        .and_then(|r| r.strip_prefix('/'))
                        .is_some_and(|name| !name.contains('/') && name.ends_with(suffix))
                })
                .map(String::from)
                .collect(),
        };
        found.sort();
        Ok(found)
    }

    /// Opens `rel`, a path under the data folder.
    ///
    /// # Errors
    ///
    /// [`Error::MissingData`] when there is no such file.
    pub fn open(&self, rel: &str) -> Result<Box<dyn BufRead>> {
        match self {
            DataSource::Dir(d) => {
                let path = d.join(rel);
                let f = fs::File::open(&path).map_err(|e| Error::MissingData {
                    path: path.clone(),
                    message: format!("cannot open lexicon ({e}){HINT}"),
                })?;
                Ok(Box::new(BufReader::new(f)))
            }
            DataSource::Embedded => embedded::FILES
                .iter()
                .find(|(r, _)| *r == rel)
                .map(|(_, bytes)| Box::new(*bytes) as Box<dyn BufRead>)
                .ok_or_else(|| Error::MissingData {
                    path: self.display(rel),
                    message: "not built into this binary".into(),
                }),
        }
    }

    /// Every embedded file's path under `data/`, for checks and listings.
    pub fn embedded_files() -> impl Iterator<Item = &'static str> {
        embedded::FILES.iter().map(|(rel, _)| *rel)
    }
}

/// What a user whose data folder is gone needs to know.
const HINT: &str = "; --data DIR or $NEWSGRAPH_DATA names the lexicon folder, and without either the lexicon built into newsgraph is used";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_set_lists_opens_and_names_its_files() {
        let e = DataSource::Embedded;
        let gaz = e.list("gazetteer", ".tsv").unwrap();
        assert!(gaz.contains(&"gazetteer/states.tsv".to_string()), "{gaz:?}");
        assert!(gaz.iter().all(|g| g.starts_with("gazetteer/")));
        let mut first = String::new();
        e.open("lexicon/cues.tsv")
            .unwrap()
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        assert_eq!(
            e.open("lexicon/nothing.tsv").err().unwrap().to_string(),
            "built-in:data/lexicon/nothing.tsv: not built into this binary"
        );
        crate::lexicon::Lexicon::load_from(&e).expect("the built-in lexicon loads");
    }

    #[test]
    fn a_folder_names_its_real_paths() {
        let d = DataSource::Dir(PathBuf::from("/no/such"));
        let err = d.list("gazetteer", ".tsv").unwrap_err().to_string();
        assert!(err.starts_with("/no/such/gazetteer: cannot read the gazetteer folder"));
        assert!(err.contains("$NEWSGRAPH_DATA"), "{err}");
    }
}
