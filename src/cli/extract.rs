//! `newsgraph extract`: every mention as a JSON line on stdout.

use std::{io::Write, time::Instant};

use super::{ExtractArgs, Outcome, finish, prepare, write_out};
use crate::{error::Result, pipeline};

pub(super) fn run(a: ExtractArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome> {
    let p = prepare(&a.input)?;
    let started = Instant::now();
    let summary = pipeline::run_with(
        &p.files,
        &p.read,
        &p.lex,
        |_| {},
        |batch| -> Result<()> {
            let mut buf = Vec::new();
            for m in batch {
                serde_json::to_writer(&mut buf, &m).expect("mentions serialize");
                buf.push(b'\n');
            }
            write_out(out, &buf)
        },
    )?;
    finish(&a.input, &p, &summary, started, err)
}
