//! `newsgraph render`: a DOT file to PNG, SVG or PDF through Graphviz.

use std::io::Write;

use super::{Outcome, RenderArgs};
use crate::{
    error::{Error, Result},
    export::{self, RenderFormat},
};

pub(super) fn run(a: RenderArgs, err: &mut dyn Write) -> Result<Outcome> {
    let out = a.out.clone();
    let format = match (a.format, RenderFormat::from_path(&out)) {
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => {
            return Err(Error::Usage(format!(
                "{}: cannot tell the image format from the extension; use .png, .svg or .pdf, or --format",
                out.display()
            )));
        }
    };
    let warnings = export::render("dot", &a.input, &out, format, a.layout.as_deref())?;
    if !a.quiet {
        if !warnings.is_empty() {
            let _ = writeln!(err, "{warnings}");
        }
        let _ = writeln!(err, "{} written", out.display());
    }
    Ok(Outcome::Ok)
}
