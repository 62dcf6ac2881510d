//! Prints the gazetteer's normalized forms, one a line: the pattern list for
//! the scan-floor benchmark (`rg -c -F -f NAMES` over the same text), see
//! `tests/benches/corpus.sh`.
//!
//! ```text
//! cargo run --release --example gazetteer-forms -- [DATA_DIR] > NAMES
//! ```

use std::io::{self, BufWriter, Write};

use newsgraph::{lexicon::Lexicon, pipeline::default_data_dir};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(Into::into)
        .unwrap_or_else(default_data_dir);
    let lex = Lexicon::load(&dir)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for f in lex.gazetteer.forms() {
        writeln!(out, "{f}")?;
    }
    out.flush()?;
    Ok(())
}
