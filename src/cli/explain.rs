//! `newsgraph explain`: how each sentence of each article was read (items,
//! phrases, mentions), for lexicon and rule work.
//!
//! It reads its inputs as `build` does (every input kind, `--encoding`,
//! through [`pipeline::for_each_batch`]) and reports skips and the summary
//! as `build` does, with the same exit codes. What it prints per article is
//! [`extract::explain`]'s text.

use std::{io::Write, time::Instant};

use super::{ExplainArgs, InputArgs, Outcome, finish, prepare, write_out};
use crate::{error::Result, extract, pipeline};

pub(super) fn run(a: ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome> {
    // Explain reads as build reads, on one thread, and never stops early.
    let input = InputArgs {
        inputs: a.inputs,
        data: a.data,
        threads: None,
        quiet: false,
        strict: false,
        encoding: a.encoding,
    };
    let p = prepare(&input)?;
    let started = Instant::now();
    let summary = pipeline::for_each_batch(&p.files, &p.read, |summary, batch| -> Result<()> {
        let mut text = String::new();
        for art in &batch {
            text += &format!("== {}\n", art.id);
            text += &extract::explain(art, &p.lex, a.trace);
            summary.mentions += extract::extract(art, &p.lex).len();
        }
        write_out(out, text.as_bytes())
    })?;
    finish(&input, &p, &summary, started, err)
}
