//! The pattern language of `data/rules/patterns.rules`: token patterns
//! around a relation cue, each with an id and an action.
//!
//! In: rule lines (grammar in `data/README.md`). Out: [`Patterns`], matched
//! at every cue before its arguments are found; the first pattern (in file
//! order) that matches decides.
//!
//! ```text
//! sport.match   consult|assault   * ...4 [class:sport_noun]   => block
//! ```
//!
//! reads: for a `consult` or `assault` cue, if a word of class `sport_noun`
//! follows within four items of the cue's clause, the cue names no relation.
//!
//! What must hold: a line with an unknown class, relation, modality or
//! actor type, no cue `*` or two, or a form that normalizes to nothing is a
//! load error naming file and line; forms go through [`normalize_form`];
//! a gap never crosses a clause boundary or the end of a sentence, so a
//! pattern stays inside the clause it describes.

use std::path::Path;

use crate::{
    classes::{ClassId, Classes, intern},
    error::LineError,
    normalize::normalize_form,
    schema::{ActorType, Modality, Relation},
};

/// What a matched pattern does to the cue's candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// The cue names no relation here.
    Block,
    /// The relation is another one.
    Relation(Relation),
    /// The modality is this one.
    Modality(Modality),
    /// Subject and object change places (a passive the frame misses).
    Swap,
}

/// A test on one item.
#[derive(Clone, Debug, PartialEq)]
pub enum Feature {
    /// The word, with any clitic reading, is in the class.
    Class(ClassId),
    /// The word, with any clitic reading, is this normalized form.
    Form(String),
    /// An actor (of this type, if given).
    Actor(Option<ActorType>),
    /// A relation cue (of this relation, if given).
    Cue(Option<Relation>),
    /// A punctuation mark (this one, if given).
    Punct(Option<char>),
    /// A preposition written as a word.
    Prep,
    /// The cue is used as a noun (article, preposition, lexicon).
    Noun,
    /// The cue is used as a verb.
    Verb,
    /// The test fails.
    Not(Box<Feature>),
}

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum Elem {
    /// One item passing every feature test.
    Item(Vec<Feature>),
    /// Zero to `n` items of the clause.
    Gap(usize),
}

/// One rule of `patterns.rules`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// The rule's id, as the `rule` column writes it.
    pub id: &'static str,
    /// The cue relations it applies to; `None` for all.
    pub relations: Option<Vec<Relation>>,
    /// Elements before the cue, nearest first.
    pub before: Vec<Elem>,
    /// Tests on the cue item itself.
    pub cue: Vec<Feature>,
    /// Elements after the cue, nearest first.
    pub after: Vec<Elem>,
    /// What it does.
    pub action: Action,
}

/// The items a pattern is matched over, as the engine sees them.
pub trait View {
    /// How many items the sentence has.
    fn len(&self) -> usize;
    /// Whether the sentence has no item.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Whether item `k` passes `f` (`cue` is the cue being matched).
    fn test(&self, k: usize, f: &Feature, cue: usize) -> bool;
    /// Whether item `k` ends a clause: a gap stops before it.
    fn stop(&self, k: usize) -> bool;
}

/// Every pattern, in file order.
#[derive(Clone, Debug, Default)]
pub struct Patterns {
    rules: Vec<Pattern>,
}

const DEFAULT_GAP: usize = 8;

impl Patterns {
    /// Parses `patterns.rules`, collecting errors with `path` and line.
    pub fn load(
        path: &Path,
        text: &str,
        classes: &Classes,
        errors: &mut Vec<LineError>,
    ) -> Patterns {
        let mut rules: Vec<Pattern> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{FEFF}').trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match parse(line, classes) {
                Ok(p) if rules.iter().any(|q| q.id == p.id) => errors.push(LineError {
                    path: path.to_path_buf(),
                    line: i as u64 + 1,
                    message: format!("rule id {:?} is used twice", p.id),
                }),
                Ok(p) => rules.push(p),
                Err(message) => errors.push(LineError {
                    path: path.to_path_buf(),
                    line: i as u64 + 1,
                    message,
                }),
            }
        }
        Patterns { rules }
    }

    /// The pattern classes (of `classes.tsv`) some pattern tests.
    pub fn classes_used(&self) -> Vec<ClassId> {
        fn walk(f: &Feature, out: &mut Vec<ClassId>) {
            match f {
                Feature::Class(c) => out.push(*c),
                Feature::Not(f) => walk(f, out),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for p in &self.rules {
            let items = p.before.iter().chain(&p.after).filter_map(|e| match e {
                Elem::Item(fs) => Some(fs),
                Elem::Gap(_) => None,
            });
            for f in items.flatten().chain(&p.cue) {
                walk(f, &mut out);
            }
        }
        out
    }

    /// Every pattern, in file order.
    pub fn all(&self) -> &[Pattern] {
        &self.rules
    }

    /// The first pattern for `rel` that matches around the cue at `c`.
    pub fn first_match(&self, v: &dyn View, c: usize, rel: Relation) -> Option<&Pattern> {
        self.rules
            .iter()
            .find(|p| p.relations.as_ref().is_none_or(|rs| rs.contains(&rel)) && p.matches(v, c))
    }
}

impl Pattern {
    /// Whether the pattern matches with its cue at item `c`.
    pub fn matches(&self, v: &dyn View, c: usize) -> bool {
        self.cue.iter().all(|f| v.test(c, f, c))
            && side(v, c, &self.before, c, -1)
            && side(v, c, &self.after, c, 1)
    }
}

/// Matches `elems` going from `from` in direction `dir`, with backtracking
/// over gaps (shortest first).
fn side(v: &dyn View, from: usize, elems: &[Elem], cue: usize, dir: isize) -> bool {
    let Some((first, rest)) = elems.split_first() else {
        return true;
    };
    let step = |k: usize| -> Option<usize> {
        let n = k as isize + dir;
        (n >= 0 && (n as usize) < v.len()).then_some(n as usize)
    };
    match first {
        Elem::Item(fs) => match step(from) {
            Some(k) if fs.iter().all(|f| v.test(k, f, cue)) => side(v, k, rest, cue, dir),
            _ => false,
        },
        Elem::Gap(n) => {
            let mut at = from;
            for _ in 0..=*n {
                if side(v, at, rest, cue, dir) {
                    return true;
                }
                match step(at) {
                    Some(k) if !v.stop(k) => at = k,
                    _ => return false,
                }
            }
            false
        }
    }
}

fn parse(line: &str, classes: &Classes) -> Result<Pattern, String> {
    let (lhs, action) = line
        .split_once("=>")
        .ok_or("expected `id relations pattern => action`")?;
    let mut words = lhs.split_whitespace();
    let id = words.next().ok_or("missing rule id")?;
    if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_'))
    {
        return Err(format!(
            "rule id {id:?}: expected lowercase ASCII, digits, '.' and '_'"
        ));
    }
    let rels = words.next().ok_or("missing relations (or *)")?;
    let relations = if rels == "*" {
        None
    } else {
        Some(
            rels.split('|')
                .map(|r| r.parse::<Relation>().map_err(|e| format!("relations: {e}")))
                .collect::<Result<Vec<_>, _>>()?,
        )
    };
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut cue: Option<Vec<Feature>> = None;
    for w in words {
        let elem = if let Some(tests) = w.strip_prefix('*') {
            if cue.is_some() {
                return Err("a pattern has one cue `*`, found two".into());
            }
            cue = Some(if tests.is_empty() {
                Vec::new()
            } else {
                features(tests, classes)?
            });
            continue;
        } else if let Some(n) = w.strip_prefix("...") {
            Elem::Gap(if n.is_empty() {
                DEFAULT_GAP
            } else {
                n.parse()
                    .map_err(|_| format!("gap {w:?}: expected ... or ...N"))?
            })
        } else if w.starts_with('[') {
            Elem::Item(features(w, classes)?)
        } else {
            return Err(format!("element {w:?}: expected *, [tests], ... or ...N"));
        };
        if cue.is_some() {
            after.push(elem);
        } else {
            before.push(elem);
        }
    }
    let cue = cue.ok_or("a pattern needs its cue `*`")?;
    before.reverse();
    let action = match action.trim() {
        "block" => Action::Block,
        "swap" => Action::Swap,
        a => match a.split_once('=') {
            Some(("relation", r)) => {
                Action::Relation(r.parse().map_err(|e| format!("action: {e}"))?)
            }
            Some(("modality", m)) => {
                Action::Modality(m.parse().map_err(|e| format!("action: {e}"))?)
            }
            _ => {
                return Err(format!(
                    "action {a:?}: expected block, swap, relation=R or modality=M"
                ));
            }
        },
    };
    Ok(Pattern {
        id: intern(id),
        relations,
        before,
        cue,
        after,
        action,
    })
}

/// `[f&f&…]`: the tests of one item.
fn features(w: &str, classes: &Classes) -> Result<Vec<Feature>, String> {
    let inner = w
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .ok_or_else(|| format!("{w:?}: expected [tests]"))?;
    inner.split('&').map(|f| feature(f, classes)).collect()
}

fn feature(f: &str, classes: &Classes) -> Result<Feature, String> {
    if let Some(rest) = f.strip_prefix('!') {
        return Ok(Feature::Not(Box::new(feature(rest, classes)?)));
    }
    let (k, v) = f.split_once(':').unwrap_or((f, ""));
    Ok(match (k, v) {
        ("class", c) => Feature::Class(classes.id(c).ok_or(format!(
            "unknown class {c:?} (classes are defined in classes.tsv)"
        ))?),
        ("form", form) => {
            let n = normalize_form(form);
            if n.is_empty() || n.contains(' ') {
                return Err(format!("form {form:?}: expected one word"));
            }
            Feature::Form(n)
        }
        ("actor", "") => Feature::Actor(None),
        ("actor", t) => Feature::Actor(Some(t.parse().map_err(|e| format!("actor type: {e}"))?)),
        ("cue", "") => Feature::Cue(None),
        ("cue", r) => Feature::Cue(Some(r.parse().map_err(|e| format!("cue: {e}"))?)),
        ("punct", "") => Feature::Punct(None),
        ("punct", p) if p.chars().count() == 1 => Feature::Punct(p.chars().next()),
        ("prep", "") => Feature::Prep,
        ("noun", "") => Feature::Noun,
        ("verb", "") => Feature::Verb,
        _ => {
            return Err(format!(
                "test {f:?}: expected class:C, form:F, actor[:T], cue[:R], punct[:P], prep, \
                 noun, verb, or ! before one"
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Items as words; a word is in class `stopword` when it is «في».
    struct Words(Vec<&'static str>);

    impl View for Words {
        fn len(&self) -> usize {
            self.0.len()
        }
        fn test(&self, k: usize, f: &Feature, cue: usize) -> bool {
            match f {
                Feature::Form(w) => self.0[k] == w,
                Feature::Punct(p) => self.0[k].chars().all(|c| Some(c) == *p),
                Feature::Noun => k == cue,
                Feature::Not(f) => !self.test(k, f, cue),
                _ => false,
            }
        }
        fn stop(&self, k: usize) -> bool {
            self.0[k] == "."
        }
    }

    fn one(line: &str) -> Pattern {
        let mut errors = Vec::new();
        let ps = Patterns::load(Path::new("t.rules"), line, &Classes::default(), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        ps.all()[0].clone()
    }

    #[test]
    fn parses_elements_and_actions() {
        let p = one("x.y consult|assault [form:من] ...2 * ...4 [punct:,] => relation=aid");
        assert_eq!(
            p.relations,
            Some(vec![Relation::Consult, Relation::Assault])
        );
        assert_eq!(
            p.before,
            vec![Elem::Gap(2), Elem::Item(vec![Feature::Form("من".into())])]
        );
        assert_eq!(p.after.len(), 2);
        assert_eq!(p.action, Action::Relation(Relation::Aid));
    }

    #[test]
    fn gaps_backtrack_and_stop_at_clause_ends() {
        let p = one("t * * ...3 [form:ب] => block");
        let v = Words(vec!["ق", "ا", "ب"]);
        assert!(p.matches(&v, 0));
        let v = Words(vec!["ق", ".", "ب"]);
        assert!(!p.matches(&v, 0), "a gap does not cross a clause end");
        let v = Words(vec!["ق", "ا", "ا", "ا", "ا", "ب"]);
        assert!(!p.matches(&v, 0), "the gap is at most three items");
        let p = one("t * [form:ا] ... * => block");
        let v = Words(vec!["ا", "س", "ق"]);
        assert!(p.matches(&v, 2));
        assert!(!p.matches(&v, 0), "nothing stands before the first item");
    }

    #[test]
    fn negation_and_cue_tests() {
        let p = one("t * *[noun] [!form:ب] => block");
        assert!(p.matches(&Words(vec!["ق", "ا"]), 0));
        assert!(!p.matches(&Words(vec!["ق", "ب"]), 0));
    }

    #[test]
    fn bad_lines_are_errors_with_lines() {
        let mut errors = Vec::new();
        Patterns::load(
            Path::new("p.rules"),
            "# c\nok * * => block\nbad1 * [class:nope] * => block\nbad2 * [form:ا] => block\n\
             bad3 accuse * => explode\nok * * => block\nbad4 sideways * => block\n",
            &Classes::default(),
            &mut errors,
        );
        let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 5, "{msgs:?}");
        assert!(
            msgs[0].starts_with("p.rules: line 3: unknown class \"nope\""),
            "{msgs:?}"
        );
        assert!(
            msgs[1].contains("line 4: a pattern needs its cue"),
            "{msgs:?}"
        );
        assert!(msgs[2].contains("line 5: action \"explode\""), "{msgs:?}");
        assert!(
            msgs[3].contains("line 6: rule id \"ok\" is used twice"),
            "{msgs:?}"
        );
        assert!(msgs[4].contains("line 7: relations:"), "{msgs:?}");
    }
}
