//! `newsgraph eval-events`: the Arabic event benchmark (assault and
//! protest detection, actor agreement), scored by [`crate::eval::events`].

use std::io::Write;

use super::{EvalEventsArgs, Outcome, write_out};
use crate::{data::DataSource, error::Result, eval::events, lexicon::Lexicon};

pub(super) fn run(a: EvalEventsArgs, out: &mut dyn Write) -> Result<Outcome> {
    let lex = Lexicon::load_from(&DataSource::resolve(a.data.as_deref()))?;
    let mut report = events::evaluate(&a.gsr, &lex)?;
    let text = if a.json {
        // JSON carries the same number of examples the text would show.
        report.truncate_errors(a.show_errors);
        serde_json::to_string_pretty(&report).expect("report serializes") + "\n"
    } else {
        report.render(a.show_errors)
    };
    write_out(out, text.as_bytes())?;
    Ok(Outcome::Ok)
}
