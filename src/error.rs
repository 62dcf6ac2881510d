//! The library's error type: what went wrong, with the file and line.
//!
//! The library never prints; callers decide. Messages are lowercase and say
//! what was expected and what was found.

use std::{fmt, io, path::PathBuf};

/// A result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// One bad line of a lexicon file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: u64,
    /// What was expected and what was found.
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: line {}: {}",
            self.path.display(),
            self.line,
            self.message
        )
    }
}

/// Everything that can stop a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An I/O error on a named file.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// Lexicon files had bad lines; every one is listed.
    #[error("{} bad lexicon line(s):\n{}", .0.len(), .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
    Lexicon(Vec<LineError>),
    /// A lexicon folder or file is missing.
    #[error("{}: {message}", path.display())]
    MissingData {
        /// The path looked for.
        path: PathBuf,
        /// What was expected there.
        message: String,
    },
    /// An input path does not exist.
    #[error("{}: no such file or directory", .0.display())]
    MissingInput(PathBuf),
    /// A gold or triples file could not be read for evaluation.
    #[error("{}: {message}", path.display())]
    Eval {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// The automaton could not be built.
    #[error("gazetteer automaton: {0}")]
    Automaton(String),
    /// Writing an export failed.
    #[error("writing {}: {source}", path.display())]
    Export {
        /// The export file.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The SQLite store could not be read or written.
    #[error("{}: {message}", path.display())]
    Store {
        /// The store file.
        path: PathBuf,
        /// What went wrong, and what to do about it.
        message: String,
    },
    /// A user-supplied value was not usable.
    #[error("{0}")]
    Usage(String),
    /// An external program (Graphviz's `dot`) is missing or failed.
    #[error("{program}: {message}")]
    External {
        /// The program as it was called.
        program: String,
        /// What happened, and what to do about it.
        message: String,
    },
}

impl Error {
    /// An I/O error tagged with its path.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
