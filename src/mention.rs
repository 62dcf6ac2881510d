//! The mention row: one triple as one sentence states it, with its
//! citation. It sits below the stages that make and read it: [`crate::extract`]
//! produces rows, [`crate::graph`] and [`crate::collect`] merge them,
//! [`crate::export`] writes and reads them back as `triples.csv`, and the
//! benchmarks score them.
//!
//! A row is *complete* when both sides resolved to an actor id, *partial*
//! when one side is empty (partial rows are written to `triples.csv` and
//! `newsgraph extract`, but make no edge).
//!
//! What must hold for every row `m` of an article whose text is `text`:
//! - the citation slices back: `&text[m.start..m.end] == m.evidence`, and
//!   the same range in characters is `m.char_start..m.char_end`;
//! - the struct's field order is the column order of `triples.csv`
//!   ([`COLUMNS`]): rows are written and read by serde, so a new field is a
//!   new column, appended last so older files keep their meaning.

use serde::{Deserialize, Serialize};

use crate::{
    schema::{Modality, Relation},
    span::Span,
};

/// One triple as the text states it, with its citation.
///
/// Field order is the column order of `triples.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TripleMention {
    /// Article id.
    pub article: String,
    /// 0-based sentence index in the article.
    pub sentence: usize,
    /// Evidence start, UTF-8 byte offset into the original text.
    pub start: usize,
    /// Evidence end (exclusive), bytes.
    pub end: usize,
    /// Evidence start in characters (code points).
    pub char_start: usize,
    /// Evidence end in characters.
    pub char_end: usize,
    /// Subject actor id; empty when unresolved.
    pub subject: String,
    /// The relation.
    pub relation: Relation,
    /// Object actor id; empty when unresolved.
    pub object: String,
    /// How the text puts it.
    pub modality: Modality,
    /// The words that signalled the relation, as in the original.
    pub cue: String,
    /// The sentence, exactly as `start..end` slices the original.
    pub evidence: String,
    /// Both sides resolved.
    pub complete: bool,
    /// Subject's Arabic label.
    pub subject_label: String,
    /// Subject's type.
    pub subject_type: String,
    /// Object's Arabic label.
    pub object_label: String,
    /// Object's type.
    pub object_type: String,
    /// The article's date, if known.
    pub date: String,
    /// The ids of the rules that made the mention, space-separated (empty
    /// when not recorded, as in files written before the column existed).
    #[serde(default)]
    pub rule: String,
    /// How sure the rules are of the mention, 0 to 1 (1 in files written
    /// before the column existed). Written rounded to three decimals
    /// ([`round_confidence`]) so exports are deterministic.
    #[serde(
        default = "full_confidence",
        serialize_with = "write_confidence",
        deserialize_with = "read_confidence"
    )]
    pub confidence: f64,
    /// Where the subject is named in the evidence, when it is.
    #[serde(default)]
    pub subject_span: Option<Span>,
    /// Where the cue stands in the evidence.
    #[serde(default)]
    pub cue_span: Option<Span>,
    /// Where the object is named in the evidence, when it is.
    #[serde(default)]
    pub object_span: Option<Span>,
    /// The article's source, if known.
    #[serde(default)]
    pub source: String,
    /// The article's address, if known.
    #[serde(default)]
    pub url: String,
}

fn full_confidence() -> f64 {
    1.0
}

/// A confidence rounded to the three decimals files carry (and clamped to
/// 0–1), the form every export writes and every edge combines.
pub fn round_confidence(c: f64) -> f64 {
    (c.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// A confidence as files write it: three decimals at most, shortest form
/// (`1.0`, `0.875`), the same text as the `triples.csv` column.
pub fn confidence_text(c: f64) -> String {
    format!("{:?}", round_confidence(c))
}

fn write_confidence<S: serde::Serializer>(c: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round_confidence(*c))
}

fn read_confidence<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let c = f64::deserialize(d)?;
    if (0.0..=1.0).contains(&c) {
        Ok(c)
    } else {
        Err(serde::de::Error::custom(format!(
            "confidence {c} is outside 0 to 1"
        )))
    }
}

/// The columns of `triples.csv`, in order: the field names of
/// [`TripleMention`].
pub const COLUMNS: &[&str] = &[
    "article",
    "sentence",
    "start",
    "end",
    "char_start",
    "char_end",
    "subject",
    "relation",
    "object",
    "modality",
    "cue",
    "evidence",
    "complete",
    "subject_label",
    "subject_type",
    "object_label",
    "object_type",
    "date",
    "rule",
    "confidence",
    "subject_span",
    "cue_span",
    "object_span",
    "source",
    "url",
];

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A complete, asserted mention `a accuse b` of article `article`,
    /// for tests that vary a field or two.
    pub(crate) fn sample(article: &str) -> TripleMention {
        TripleMention {
            article: article.into(),
            sentence: 0,
            start: 0,
            end: 1,
            char_start: 0,
            char_end: 1,
            subject: "a".into(),
            relation: Relation::Accuse,
            object: "b".into(),
            modality: Modality::Asserted,
            cue: "c".into(),
            evidence: "x".into(),
            complete: true,
            subject_label: String::new(),
            subject_type: String::new(),
            object_label: String::new(),
            object_type: String::new(),
            date: String::new(),
            rule: String::new(),
            confidence: 1.0,
            subject_span: None,
            cue_span: None,
            object_span: None,
            source: String::new(),
            url: String::new(),
        }
    }

    #[test]
    fn columns_are_the_serialized_fields_in_order() {
        let m = sample("a");
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(&m).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(text.lines().next().unwrap(), COLUMNS.join(","));
    }
}

#[cfg(test)]
mod confidence_tests {
    use super::*;

    #[test]
    fn confidences_are_written_to_three_decimals() {
        assert_eq!(confidence_text(1.0), "1.0");
        assert_eq!(confidence_text(0.87549), "0.875");
        assert_eq!(confidence_text(2.0 / 3.0), "0.667");
        assert_eq!(confidence_text(0.0004), "0.0");
        assert_eq!(confidence_text(0.001), "0.001");
    }
}
