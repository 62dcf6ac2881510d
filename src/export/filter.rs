//! Narrowing a graph before it is written: by relation, family, date,
//! weight, and to the neighbourhood of one actor.
//!
//! Two levels, applied in this order:
//! 1. per mention ([`Filter::keeps_mention`]): `relations`, `families`,
//!    `since`/`until`, checked before a mention reaches the graph (a
//!    streaming `build` checks each as it comes). Filtering mentions rather
//!    than edges makes weights, article lists and node dates count only what
//!    passed: an edge cited twice in 2019 and once in 2020 has weight 1
//!    under `--since 2020`. A mention without a date fails any date bound.
//!    `triples.csv` lists exactly the mentions that passed.
//! 2. per graph ([`Filter::apply`]): `min_weight` (on the weights of
//!    step 1) and `min_confidence` (on the edge's combined confidence),
//!    then `around` (actors within `depth` hops, either direction, of
//!    the graph left by `min_weight`). Under these, `triples.csv` keeps only
//!    the mentions behind a kept edge ([`BehindEdges`]), so the table and the
//!    graph tell the same story.
//!
//! Date bounds are ISO prefixes compared as text, so `--since 2020-10` keeps
//! 2020-10-01 on and `--until 2020-10` keeps through 2020-10-31.

use std::{
    collections::{BTreeSet, HashSet},
    io::{self, Write},
};

use super::{Citations, ExportOptions, MentionSource, for_each_triple, write_triples_csv};
use crate::{
    date::iso_date,
    error::{Error, Result},
    graph::{GraphOptions, KnowledgeGraph},
    lexicon::Lexicon,
    mention::{TripleMention, round_confidence},
    schema::{Family, Relation},
};

/// What to keep. The default keeps everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Edges with fewer citations are dropped.
    pub min_weight: usize,
    /// Edges whose confidence ([`crate::graph::Edge::confidence`]) is below
    /// this are dropped (0 keeps all).
    pub min_confidence: f64,
    /// Keep only these relations (empty: all).
    pub relations: Vec<Relation>,
    /// Keep only relations of these families (empty: all).
    pub families: Vec<Family>,
    /// Earliest date kept (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Latest date kept, same forms; a shorter form covers its whole
    /// month or year.
    pub until: Option<String>,
    /// Keep only actors near this one (an id, or an exact Arabic or
    /// English label).
    pub around: Option<String>,
    /// Hops from `around` (1: its direct partners).
    pub depth: usize,
}

impl Filter {
    /// Whether a graph-level filter (`min_weight` above 1,
    /// `min_confidence` above 0, `around`) is set.
    pub fn is_graph_level(&self) -> bool {
        self.min_weight > 1 || self.min_confidence > 0.0 || self.around.is_some()
    }

    /// Whether a mention passes the relation, family and date filters.
    pub fn keeps_mention(&self, m: &TripleMention) -> bool {
        if !self.relations.is_empty() && !self.relations.contains(&m.relation) {
            return false;
        }
        if !self.families.is_empty() && !self.families.contains(&m.relation.family()) {
            return false;
        }
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(date) = iso_date(&m.date) else {
            return false;
        };
        if self
            .since
            .as_ref()
            .is_some_and(|since| date.as_str() < since.as_str())
        {
            return false;
        }
        if self
            .until
            .as_ref()
            .is_some_and(|until| &date[..until.len().min(date.len())] > until.as_str())
        {
            return false;
        }
        true
    }

    /// Applies `min_weight` and `around` to a graph built from the mentions
    /// [`Filter::keeps_mention`] passed.
    ///
    /// # Errors
    ///
    /// [`Error::Usage`] when `around` names no actor of `g`.
    pub fn apply(&self, g: KnowledgeGraph) -> Result<KnowledgeGraph> {
        let mut g = g;
        let centre = match &self.around {
            Some(a) => Some(resolve(&g, a)?),
            None => None,
        };
        if self.min_weight > 1 {
            g = g.filter(|e| e.weight >= self.min_weight);
        }
        if self.min_confidence > 0.0 {
            // Compared as written, so an edge shown as 0.5 passes 0.5.
            let min = round_confidence(self.min_confidence);
            g = g.filter(|e| round_confidence(e.confidence()) >= min);
        }
        if let Some(c) = centre {
            let near = g.neighbourhood(&c, self.depth);
            g = g.filter(|e| near.contains(&e.source) && near.contains(&e.target));
        }
        Ok(g)
    }

    /// Everything in memory: the graph of the mentions that pass, narrowed
    /// by [`Filter::apply`], and the mentions `triples.csv` should list.
    ///
    /// # Errors
    ///
    /// As [`Filter::apply`].
    pub fn build(
        &self,
        mentions: &[TripleMention],
        lex: Option<&Lexicon>,
        opts: &GraphOptions,
    ) -> Result<(KnowledgeGraph, Vec<TripleMention>)> {
        let kept: Vec<TripleMention> = mentions
            .iter()
            .filter(|m| self.keeps_mention(m))
            .cloned()
            .collect();
        let g = self.apply(KnowledgeGraph::build(&kept, lex, opts))?;
        if !self.is_graph_level() {
            return Ok((g, kept));
        }
        let edges = edge_set(&g);
        let kept = kept
            .into_iter()
            .filter(|m| behind(&edges, g.options(), m))
            .collect();
        Ok((g, kept))
    }
}

type EdgeSet = HashSet<(String, Relation, String)>;

fn edge_set(g: &KnowledgeGraph) -> EdgeSet {
    g.edges()
        .into_iter()
        .map(|e| (e.source.clone(), e.relation, e.target.clone()))
        .collect()
}

fn behind(edges: &EdgeSet, opts: &GraphOptions, m: &TripleMention) -> bool {
    opts.edge_key(m)
        .is_some_and(|(s, r, o)| edges.contains(&(s.to_string(), r, o.to_string())))
}

/// A [`MentionSource`] for a graph that [`Filter::apply`] narrowed: its
/// `triples.csv` lists only the mentions behind an edge of that graph.
///
/// The inner source's rows pass through a temporary file and are read back
/// one at a time, so a spilled run is never all in memory.
pub struct BehindEdges<'s> {
    inner: &'s mut dyn MentionSource,
    edges: EdgeSet,
    opts: GraphOptions,
}

impl<'s> BehindEdges<'s> {
    /// Wraps `inner`, whose mentions made (a superset of) `g`.
    pub fn new(inner: &'s mut dyn MentionSource, g: &KnowledgeGraph) -> BehindEdges<'s> {
        BehindEdges {
            inner,
            edges: edge_set(g),
            opts: g.options().clone(),
        }
    }
}

impl MentionSource for BehindEdges<'_> {
    fn write_triples(&mut self, w: &mut dyn Write, opts: &ExportOptions) -> io::Result<()> {
        let all = tempfile::NamedTempFile::new()?;
        {
            let mut f = io::BufWriter::new(all.as_file());
            self.inner
                .write_triples(&mut f, &ExportOptions::default())?;
            f.flush()?;
        }
        // The header (and byte-order mark) as the in-memory writer puts them;
        // then the rows that pass, in the order they came (already sorted).
        write_triples_csv(&mut *w, &[], opts)?;
        let mut cw = csv::WriterBuilder::new().has_headers(false).from_writer(w);
        for_each_triple(all.path(), |m| {
            if behind(&self.edges, &self.opts, &m) {
                cw.serialize(&m)
                    .map_err(|e| Error::io(all.path(), io::Error::other(e)))?;
            }
            Ok(())
        })
        .map_err(|e| match e {
            Error::Io { source, .. } => source,
            other => io::Error::other(other.to_string()),
        })?;
        cw.flush()
    }

    fn citations(&mut self, g: &KnowledgeGraph) -> io::Result<Citations<'_>> {
        // Writers skip the citations of edges the graph lacks.
        self.inner.citations(g)
    }
}

/// The id of the actor `name` designates: an id, else a node whose Arabic
/// label is `name` or whose English label is `name` ignoring case.
fn resolve(g: &KnowledgeGraph, name: &str) -> Result<String> {
    let name = name.trim();
    if g.node_by_id(name).is_some() {
        return Ok(name.to_string());
    }
    let hits: BTreeSet<&str> = g
        .nodes()
        .into_iter()
        .filter(|n| {
            n.label == name || (!n.label_en.is_empty() && n.label_en.eq_ignore_ascii_case(name))
        })
        .map(|n| n.id.as_str())
        .collect();
    match hits.len() {
        1 => Ok(hits.first().expect("one hit").to_string()),
        0 => Err(Error::Usage(format!(
            "--around: no actor {name:?} in the graph (give an id such as `turkey`, or an exact label)"
        ))),
        _ => Err(Error::Usage(format!(
            "--around: {name:?} names several actors ({}); give one id",
            hits.into_iter().collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// Parses a `--since`/`--until` bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`,
/// a real date (month 1 to 12, a day the month has).
pub fn parse_date_bound(s: &str) -> std::result::Result<String, String> {
    let s = s.trim();
    let full = match s.len() {
        4 => format!("{s}-01-01"),
        7 => format!("{s}-01"),
        10 => s.to_string(),
        _ => String::new(),
    };
    let shape = || format!("expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {s:?}");
    if full.is_empty() {
        return Err(shape());
    }
    match full.parse::<jiff::civil::Date>() {
        Ok(d) if d.to_string() == full => Ok(s.to_string()),
        Ok(_) => Err(shape()),
        Err(e) => Err(format!("{s:?} is not a date ({e})")),
    }
}

/// Parses a `--min-confidence` value: a number from 0 to 1.
pub fn parse_confidence(s: &str) -> std::result::Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(c) if (0.0..=1.0).contains(&c) => Ok(c),
        _ => Err(format!(
            "expected a confidence from 0 to 1 (allowed range: 0 ≤ X ≤ 1, e.g. 0.5), found {s:?}"
        )),
    }
}

/// Parses a relation family name.
pub fn parse_family(s: &str) -> std::result::Result<Family, String> {
    [Family::Standing, Family::Cooperation, Family::Conflict]
        .into_iter()
        .find(|f| f.as_str() == s.trim())
        .ok_or_else(|| {
            format!(
                "expected one of standing, cooperation, conflict, found {:?}",
                s.trim()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Modality;

    fn m(s: &str, r: Relation, o: &str, date: &str) -> TripleMention {
        TripleMention {
            article: format!("a-{date}"),
            sentence: 0,
            start: 0,
            end: 1,
            char_start: 0,
            char_end: 1,
            subject: s.into(),
            relation: r,
            object: o.into(),
            modality: Modality::Asserted,
            cue: String::new(),
            evidence: "x".into(),
            complete: true,
            subject_label: s.into(),
            subject_type: "state".into(),
            object_label: o.into(),
            object_type: "state".into(),
            date: date.into(),
            ..crate::mention::tests::sample("")
        }
    }

    fn sample() -> Vec<TripleMention> {
        vec![
            m("a", Relation::Accuse, "b", "2019-05-01"),
            m("a", Relation::Accuse, "b", "2019-06-01"),
            m("a", Relation::Accuse, "b", "2020-01-02"),
            m("b", Relation::Consult, "a", "2020-02-01"),
            m("b", Relation::Aid, "c", "2020-03-01"),
            m("c", Relation::Support, "d", ""),
        ]
    }

    fn run(f: &Filter) -> (Vec<String>, usize) {
        let (g, kept) = f.build(&sample(), None, &GraphOptions::default()).unwrap();
        (
            g.edges()
                .iter()
                .map(|e| format!("{}-{}-{}:{}", e.source, e.relation, e.target, e.weight))
                .collect(),
            kept.len(),
        )
    }

    #[test]
    fn dates_recount_weights() {
        let f = Filter {
            since: Some("2020".into()),
            ..Filter::default()
        };
        assert_eq!(
            run(&f),
            (
                vec![
                    "a-accuse-b:1".into(),
                    "a-consult-b:1".into(),
                    "b-aid-c:1".into()
                ],
                3
            )
        );
        let f = Filter {
            until: Some("2019-05".into()),
            ..Filter::default()
        };
        assert_eq!(run(&f).0, vec!["a-accuse-b:1".to_string()]);
    }

    #[test]
    fn families_relations_and_weight() {
        let f = Filter {
            families: vec![Family::Cooperation],
            ..Filter::default()
        };
        assert_eq!(
            run(&f).0,
            vec!["a-consult-b:1", "b-aid-c:1", "c-support-d:1"]
        );
        let f = Filter {
            relations: vec![Relation::Aid, Relation::Accuse],
            min_weight: 2,
            ..Filter::default()
        };
        assert_eq!(run(&f), (vec!["a-accuse-b:3".into()], 3));
    }

    #[test]
    fn min_confidence_drops_edges_by_their_noisy_or() {
        let mut ms = sample();
        // a-accuse-b: 0.5, 0.5, 0.2 → 1 − 0.5·0.5·0.8 = 0.8; b-aid-c: 0.3.
        for (m, c) in ms.iter_mut().zip([0.5, 0.5, 0.2, 1.0, 0.3, 0.9]) {
            m.confidence = c;
        }
        let f = Filter {
            min_confidence: 0.8,
            ..Filter::default()
        };
        assert!(f.is_graph_level());
        let (g, kept) = f.build(&ms, None, &GraphOptions::default()).unwrap();
        let edges: Vec<String> = g
            .edges()
            .iter()
            .map(|e| {
                format!(
                    "{}-{}-{}:{}",
                    e.source,
                    e.relation,
                    e.target,
                    e.confidence()
                )
            })
            .collect();
        assert_eq!(
            edges,
            vec!["a-accuse-b:0.8", "a-consult-b:1", "c-support-d:0.9"]
        );
        assert_eq!(kept.len(), 5);
        assert!(parse_confidence("1").is_ok() && parse_confidence("0").is_ok());
        for bad in ["1.5", "-0.1", "NaN", "high"] {
            assert!(
                parse_confidence(bad).unwrap_err().contains("0 ≤ X ≤ 1"),
                "{bad}"
            );
        }
    }

    #[test]
    fn around_keeps_the_neighbourhood() {
        let f = Filter {
            around: Some("a".into()),
            depth: 1,
            ..Filter::default()
        };
        assert_eq!(
            run(&f),
            (vec!["a-accuse-b:3".into(), "a-consult-b:1".into()], 4)
        );
        let f = Filter {
            around: Some("a".into()),
            depth: 2,
            ..Filter::default()
        };
        assert_eq!(run(&f).0.len(), 3);
        let f = Filter {
            around: Some("zz".into()),
            depth: 1,
            ..Filter::default()
        };
        assert!(
            f.build(&sample(), None, &GraphOptions::default())
                .unwrap_err()
                .to_string()
                .contains("no actor")
        );
    }

    #[test]
    fn date_bounds_parse() {
        for ok in ["2020", "2020-10", "2020-10-05"] {
            assert_eq!(parse_date_bound(ok).unwrap(), ok);
        }
        for bad in [
            "20",
            "2020-1",
            "2020/10/05",
            "2020-10-05T00:00",
            "abcd",
            "2018-13",
            "2019-02-29",
            "2020-00",
        ] {
            assert!(parse_date_bound(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_family("conflict").unwrap(), Family::Conflict);
        assert!(parse_family("war").is_err());
    }
}
