//! Evaluation against gold triples, by the rules of the spec's Evaluation
//! section (the same as `shared/tools/score.py`, which this must agree with).
//!
//! In: a gold TSV (`article subject relation object status evidence`) and a
//! triples CSV. Out: a [`Report`] with per-article and micro precision,
//! recall and F1, typed and on untyped pairs, actor recall, F1 per relation,
//! and the misses and extras.
//!
//! What must hold: `hypothetical` and `negated` rows are not predictions;
//! optional gold rows neither reward nor penalize; symmetric relations match
//! either way round; articles match by file stem.
//!
//! The event benchmark's harness, which scores sentence-level event
//! detection rather than triples, is [`events`].

pub mod events;

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

use serde::Serialize;

use crate::{
    error::{Error, Result},
    normalize::normalize_form,
};

const SYMMETRIC: &[&str] = &["agree", "consult", "cooperate", "allied_with"];

type Key = (String, String, String);

fn key(s: &str, r: &str, o: &str) -> Key {
    if SYMMETRIC.contains(&r) && o < s {
        (o.into(), r.into(), s.into())
    } else {
        (s.into(), r.into(), o.into())
    }
}

fn pair(k: &Key) -> (String, String) {
    if k.0 <= k.2 {
        (k.0.clone(), k.2.clone())
    } else {
        (k.2.clone(), k.0.clone())
    }
}

/// Precision, recall, F1 and their counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn new(tp: usize, fp: usize, fn_: usize) -> Prf {
        let p = if tp + fp > 0 {
            tp as f64 / (tp + fp) as f64
        } else {
            0.0
        };
        let r = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else {
            0.0
        };
        let f1 = f1(p, r);
        Prf {
            tp,
            fp,
            fn_,
            precision: p,
            recall: r,
            f1,
        }
    }
}

/// The harmonic mean of precision and recall (0 when both are 0).
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// One article's result.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleScore {
    /// Article id.
    pub article: String,
    /// Typed triples.
    pub typed: Prf,
    /// Untyped pairs.
    pub pairs: Prf,
    /// Required gold triples not predicted.
    pub missed: Vec<Key>,
    /// Predicted triples not in gold.
    pub extra: Vec<Key>,
}

/// The whole evaluation.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Per article, sorted by id.
    pub articles: Vec<ArticleScore>,
    /// Micro-averaged typed score.
    pub typed: Prf,
    /// Micro-averaged pair score.
    pub pairs: Prf,
    /// Gold actors (of required rows) found in the article's predictions.
    pub actor_recall: f64,
    /// Typed score per relation type.
    pub by_relation: BTreeMap<String, Prf>,
}

fn stem(a: &str) -> String {
    let a = a.trim();
    let a = a.rsplit(['/', '\\']).next().unwrap_or(a);
    for ext in [".txt", ".json", ".jsonl"] {
        if let Some(s) = a.strip_suffix(ext) {
            return s.to_string();
        }
    }
    a.to_string()
}

/// Scores `triples` (CSV) against `gold` (TSV).
pub fn evaluate(gold: &Path, triples: &Path) -> Result<Report> {
    evaluate_mapped(gold, triples, None)
}

/// Where predicted ids may be mapped to gold ids by name, as
/// `score.py --actors ACTORS.tsv --nodes NODES.csv` does: a predicted id
/// that is not a gold actor is read as the gold actor one of whose Arabic
/// forms is the node's label or alias.
#[derive(Clone, Copy, Debug)]
pub struct ActorMap<'a> {
    /// Gold actors: TSV with columns `id` and `arabic_forms` (`|`-separated).
    pub actors: &'a Path,
    /// The prediction's `nodes.csv`.
    pub nodes: &'a Path,
}

fn actor_mapping(map: ActorMap<'_>) -> Result<BTreeMap<String, String>> {
    let eval_err = |path: &Path, message: String| Error::Eval {
        path: path.to_path_buf(),
        message,
    };
    let text = fs::read_to_string(map.actors).map_err(|e| Error::io(map.actors, e))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{FEFF}')
        .split('\t')
        .collect();
    let ci = header
        .iter()
        .position(|h| *h == "id")
        .ok_or_else(|| eval_err(map.actors, "line 1: expected a column \"id\"".into()))?;
    let cf = header
        .iter()
        .position(|h| *h == "arabic_forms")
        .ok_or_else(|| {
            eval_err(
                map.actors,
                "line 1: expected a column \"arabic_forms\"".into(),
            )
        })?;
    let mut forms: BTreeMap<String, String> = BTreeMap::new();
    for l in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = l.split('\t').collect();
        if let (Some(id), Some(fs)) = (f.get(ci), f.get(cf)) {
            for form in fs.split('|') {
                forms.insert(normalize_form(form), id.to_string());
            }
        }
    }
    let gold_ids: BTreeSet<&String> = forms.values().collect();
    let bytes = fs::read(map.nodes).map_err(|e| Error::io(map.nodes, e))?;
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&bytes);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let hdr: Vec<String> = rdr
        .headers()
        .map_err(|e| eval_err(map.nodes, e.to_string()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let id_col = hdr
        .iter()
        .position(|h| h == "id")
        .ok_or_else(|| eval_err(map.nodes, "expected an id column".into()))?;
    let name_cols: Vec<usize> = hdr
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            ["label", "label_ar", "name", "aliases", "alias", "arabic"].contains(&h.as_str())
        })
        .map(|(i, _)| i)
        .collect();
    let mut mapping = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| eval_err(map.nodes, e.to_string()))?;
        let id = rec.get(id_col).unwrap_or("").to_string();
        if id.is_empty() || gold_ids.contains(&id) {
            continue;
        }
        let names = name_cols.iter().flat_map(|&c| {
            rec.get(c)
                .unwrap_or("")
                .split(['|', ';'])
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
        if let Some(g) = names
            .map(|n| normalize_form(&n))
            .find_map(|n| forms.get(&n))
        {
            mapping.insert(id, g.clone());
        }
    }
    Ok(mapping)
}

/// [`evaluate`] with predicted ids mapped to gold ids by name.
pub fn evaluate_mapped(gold: &Path, triples: &Path, map: Option<ActorMap<'_>>) -> Result<Report> {
    let mapping = match map {
        Some(m) => actor_mapping(m)?,
        None => BTreeMap::new(),
    };
    let mapped = |x: &str| mapping.get(x).cloned().unwrap_or_else(|| x.to_string());
    let eval_err = |path: &Path, message: String| Error::Eval {
        path: path.to_path_buf(),
        message,
    };
    let gold_text = fs::read_to_string(gold).map_err(|e| Error::io(gold, e))?;
    let mut req: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
    let mut opt: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
    let mut lines = gold_text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let header: Vec<&str> = lines
        .next()
        .map(|(_, l)| l.trim_start_matches('\u{FEFF}').split('\t').collect())
        .unwrap_or_default();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| eval_err(gold, format!("line 1: expected a column {name:?}")))
    };
    let (ca, cs, cr, co, cst) = (
        col("article")?,
        col("subject")?,
        col("relation")?,
        col("object")?,
        col("status")?,
    );
    for (i, l) in lines {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < header.len() {
            return Err(eval_err(
                gold,
                format!(
                    "line {}: expected {} columns, found {}",
                    i + 1,
                    header.len(),
                    f.len()
                ),
            ));
        }
        let k = key(f[cs].trim(), f[cr].trim(), f[co].trim());
        let set = if f[cst].trim() == "required" {
            &mut req
        } else {
            &mut opt
        };
        set.entry(f[ca].trim().to_string()).or_default().insert(k);
    }
    let articles: BTreeSet<String> = req.keys().chain(opt.keys()).cloned().collect();
    for a in &articles {
        let r = req.get(a).cloned().unwrap_or_default();
        if let Some(o) = opt.get_mut(a) {
            o.retain(|k| !r.contains(k));
        }
    }

    let mut pred: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
    let bytes = fs::read(triples).map_err(|e| Error::io(triples, e))?;
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&bytes);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let hdr: Vec<String> = rdr
        .headers()
        .map_err(|e| eval_err(triples, e.to_string()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let find = |names: &[&str]| names.iter().find_map(|n| hdr.iter().position(|h| h == n));
    let pa = find(&["article", "article_id", "doc", "document"])
        .ok_or_else(|| eval_err(triples, "expected an article column".into()))?;
    let ps = find(&["subject", "subject_id", "source"])
        .ok_or_else(|| eval_err(triples, "expected a subject column".into()))?;
    let pr = find(&["relation", "predicate", "label"])
        .ok_or_else(|| eval_err(triples, "expected a relation column".into()))?;
    let po = find(&["object", "object_id", "target"])
        .ok_or_else(|| eval_err(triples, "expected an object column".into()))?;
    let pm = find(&["modality"]);
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| eval_err(triples, format!("row {}: {e}", i + 2)))?;
        let get = |c: usize| rec.get(c).unwrap_or("").trim();
        let m = pm.map(|c| get(c).to_lowercase()).unwrap_or_default();
        if m == "hypothetical" || m == "negated" {
            continue;
        }
        let a = stem(get(pa));
        let (s, r, o) = (get(ps), get(pr), get(po));
        if articles.contains(&a) && !s.is_empty() && !r.is_empty() && !o.is_empty() {
            pred.entry(a)
                .or_default()
                .insert(key(&mapped(s), r, &mapped(o)));
        }
    }

    let empty = BTreeSet::new();
    let (mut t, mut u) = ((0, 0, 0), (0, 0, 0));
    let mut rel: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let (mut actors_total, mut actors_found) = (0, 0);
    let mut out = Vec::new();
    for a in &articles {
        let r = req.get(a).unwrap_or(&empty);
        let o = opt.get(a).unwrap_or(&empty);
        let p: BTreeSet<Key> = pred
            .get(a)
            .unwrap_or(&empty)
            .difference(o)
            .cloned()
            .collect();
        let tp = p.intersection(r).count();
        let fp = p.difference(r).count();
        let fn_ = r.difference(&p).count();
        for k in p.intersection(r) {
            rel.entry(k.1.clone()).or_default().0 += 1;
        }
        for k in p.difference(r) {
            rel.entry(k.1.clone()).or_default().1 += 1;
        }
        for k in r.difference(&p) {
            rel.entry(k.1.clone()).or_default().2 += 1;
        }
        let gp: BTreeSet<_> = r.iter().map(pair).collect();
        let op: BTreeSet<_> = o.iter().map(pair).filter(|x| !gp.contains(x)).collect();
        let pp: BTreeSet<_> = p.iter().map(pair).filter(|x| !op.contains(x)).collect();
        let (ptp, pfp, pfn) = (
            pp.intersection(&gp).count(),
            pp.difference(&gp).count(),
            gp.difference(&pp).count(),
        );
        let gold_actors: BTreeSet<&String> = r.iter().flat_map(|k| [&k.0, &k.2]).collect();
        let all_pred = pred.get(a).unwrap_or(&empty);
        let pred_actors: BTreeSet<&String> = all_pred.iter().flat_map(|k| [&k.0, &k.2]).collect();
        actors_total += gold_actors.len();
        actors_found += gold_actors
            .iter()
            .filter(|x| pred_actors.contains(*x))
            .count();
        t = (t.0 + tp, t.1 + fp, t.2 + fn_);
        u = (u.0 + ptp, u.1 + pfp, u.2 + pfn);
        out.push(ArticleScore {
            article: a.clone(),
            typed: Prf::new(tp, fp, fn_),
            pairs: Prf::new(ptp, pfp, pfn),
            missed: r.difference(&p).cloned().collect(),
            extra: p.difference(r).cloned().collect(),
        });
    }
    Ok(Report {
        articles: out,
        typed: Prf::new(t.0, t.1, t.2),
        pairs: Prf::new(u.0, u.1, u.2),
        actor_recall: if actors_total > 0 {
            actors_found as f64 / actors_total as f64
        } else {
            0.0
        },
        by_relation: rel
            .into_iter()
            .map(|(k, (a, b, c))| (k, Prf::new(a, b, c)))
            .collect(),
    })
}

impl Report {
    /// The human-readable report, in the layout of `score.py` plus the
    /// per-relation table.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for a in &self.articles {
            s += &format!(
                "{}: tp={} fp={} fn={}  F1={:.3}\n",
                a.article, a.typed.tp, a.typed.fp, a.typed.fn_, a.typed.f1
            );
            for m in &a.missed {
                s += &format!("   missed  {} {} {}\n", m.0, m.1, m.2);
            }
            for e in &a.extra {
                s += &format!("   extra   {} {} {}\n", e.0, e.1, e.2);
            }
        }
        s += "per relation:\n";
        for (r, p) in &self.by_relation {
            s += &format!(
                "   {r:<12} P={:.3} R={:.3} F1={:.3}  (tp={} fp={} fn={})\n",
                p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_
            );
        }
        let t = &self.typed;
        s += &format!(
            "typed  P={:.3} R={:.3} F1={:.3}  (tp={} fp={} fn={})\n",
            t.precision, t.recall, t.f1, t.tp, t.fp, t.fn_
        );
        let u = &self.pairs;
        s += &format!(
            "pairs  P={:.3} R={:.3} F1={:.3}\n",
            u.precision, u.recall, u.f1
        );
        s += &format!("actors R={:.3}\n", self.actor_recall);
        s
    }
}
