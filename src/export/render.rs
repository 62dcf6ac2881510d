//! Drawing a DOT file to PNG, SVG or PDF through the installed Graphviz.
//!
//! We run Graphviz's `dot` program rather than link a layout library: it is
//! what people who open `graph.dot` use, it reads the `layout=` the DOT
//! file asks for, and its cairo renderer shapes Arabic through pango. The
//! picture goes to a temporary file beside the output and is renamed into
//! place, so a failed run leaves no half-written image.

use std::{
    ffi::OsString,
    io,
    path::Path,
    process::{Command, Stdio},
    str::FromStr,
};

use crate::error::{Error, Result};

/// An image format Graphviz writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenderFormat {
    /// PNG (cairo: shaped Arabic, antialiased).
    Png,
    /// SVG (text stays text: searchable, selectable).
    Svg,
    /// PDF (cairo).
    Pdf,
}

impl RenderFormat {
    /// The format an output file's extension asks for.
    pub fn from_path(path: &Path) -> Option<RenderFormat> {
        path.extension()?
            .to_str()?
            .to_ascii_lowercase()
            .parse()
            .ok()
    }

    /// Graphviz's `-T` name.
    pub fn as_str(self) -> &'static str {
        match self {
            RenderFormat::Png => "png",
            RenderFormat::Svg => "svg",
            RenderFormat::Pdf => "pdf",
        }
    }
}

impl FromStr for RenderFormat {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim() {
            "png" => Ok(RenderFormat::Png),
            "svg" => Ok(RenderFormat::Svg),
            "pdf" => Ok(RenderFormat::Pdf),
            other => Err(format!("expected one of png, svg, pdf, found {other:?}")),
        }
    }
}

/// How to tell someone to get Graphviz.
const INSTALL: &str = "install Graphviz and an Arabic font (Debian/Ubuntu: apt-get install graphviz fonts-noto-core; Fedora: dnf install graphviz google-noto-naskh-arabic-fonts; macOS: brew install graphviz)";

/// Draws `dot_file` into `out` with Graphviz's `dot` (`program`, normally
/// `"dot"`, looked up on `PATH`). `layout` overrides the engine the file
/// asks for (`dot`, `sfdp`, `neato`, …).
///
/// Returns what Graphviz printed as warnings (often about fonts), for the
/// caller to show.
///
/// # Errors
///
/// [`Error::MissingInput`] when `dot_file` does not exist;
/// [`Error::External`] when Graphviz is not installed (the message says to
/// install graphviz) or fails (with its own message); [`Error::Export`] when
/// the output cannot be written.
pub fn render(
    program: &str,
    dot_file: &Path,
    out: &Path,
    format: RenderFormat,
    layout: Option<&str>,
) -> Result<String> {
    if !dot_file.is_file() {
        return Err(Error::MissingInput(dot_file.to_path_buf()));
    }
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".render.")
        .suffix(&format!(".{}", format.as_str()))
        .tempfile_in(dir)
        .map_err(|e| Error::Export {
            path: out.to_path_buf(),
            source: e,
        })?;
    let mut cmd = Command::new(program);
    cmd.arg(format!("-T{}", format.as_str()));
    if let Some(l) = layout {
        cmd.arg(format!("-K{l}"));
    }
    let mut o = OsString::from("-o");
    o.push(tmp.path());
    let _guard = crate::cleanup::Guard::new(tmp.path());
    cmd.arg(o).arg(dot_file).stdin(Stdio::null());
    let output = cmd.output().map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Error::External {
            program: program.to_string(),
            message: format!("Graphviz is not installed (no `{program}` on PATH); {INSTALL}"),
        },
        _ => Error::External {
            program: program.to_string(),
            message: format!("cannot run it: {e}"),
        },
    })?;
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
    if !output.status.success() {
        let what = if stderr.is_empty() {
            String::new()
        } else {
            format!(": {stderr}")
        };
        return Err(Error::External {
            program: program.to_string(),
            message: format!("{} failed ({}){what}", dot_file.display(), output.status),
        });
    }
    super::readable(tmp.as_file()).map_err(|e| Error::Export {
        path: out.to_path_buf(),
        source: e,
    })?;
    tmp.persist(out).map_err(|e| Error::Export {
        path: out.to_path_buf(),
        source: e.error,
    })?;
    Ok(stderr)
}
