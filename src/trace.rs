//! Provenance: the rules behind every mention.
//!
//! In: the engine's rule ids ([`Rule`]) and the lexicon rows that fired (a
//! cue, a title, a modality marker, a pattern of `data/rules/`). Out: a
//! mention's `rule` column, ids separated by spaces, first the cue or title
//! row, then the frame and argument rules, then modality and rewrites.
//!
//! What must hold: every id written exists in a rule file — engine rules in
//! `data/rules/engine.rules` (the loader refuses a registry that misses one
//! the engine has, or names one it lacks), rows as `cues:LINE`,
//! `roles:LINE`, `modality:LINE` of the lexicon file, patterns by their id
//! in `data/rules/patterns.rules`.

use std::{fmt, path::Path};

use crate::error::LineError;

macro_rules! rules {
    ($($v:ident = $id:literal,)*) => {
        /// A rule of the engine: a mechanism in code, documented with its id
        /// in `data/rules/engine.rules`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(missing_docs)]
        pub enum Rule {
            $($v,)*
        }

        impl Rule {
            /// Every engine rule.
            pub const ALL: &'static [Rule] = &[$(Rule::$v,)*];

            /// The rule's id in the rule files.
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$v => $id,)*
                }
            }
        }
    };
}

rules! {
    // Standing relations from titles and places.
    TitleNameAfter = "title.name_after",
    TitleNameBefore = "title.name_before",
    TitleKnownBefore = "title.known_before",
    TitleCounterpart = "title.counterpart",
    PlaceWithin = "place.within",
    PlaceNisba = "place.nisba_of_named",
    // Frames: who the arguments are.
    PassiveAgent = "frame.passive.agent",
    QuotedSpeaker = "arg.quoted_speaker",
    VerbSvo = "frame.verb.svo",
    VerbVso = "frame.verb.vso",
    VerbCarriedSubject = "frame.verb.carried_subject",
    VerbSentenceTopic = "frame.verb.sentence_topic",
    VerbFirstPerson = "frame.verb.first_person_quote",
    ObjectAfter = "arg.object_after",
    ObjectRelative = "arg.object_relative",
    ObjectPronoun = "arg.object_pronoun",
    ObjectResumptive = "arg.object_resumptive",
    MorePlaces = "arg.more_places",
    NounAccusedAgent = "frame.noun.accused_agent",
    AccusingParticiple = "frame.noun.accusing_participle",
    NounRelativeClause = "frame.noun.relative_clause",
    NounNisbaAgent = "frame.noun.nisba_agent",
    NounApposition = "frame.noun.apposition",
    NounLightVerb = "frame.noun.light_verb",
    NounGenitiveAgent = "frame.noun.genitive_agent",
    NounGenitivePatient = "frame.noun.genitive_patient",
    NounPossessor = "frame.noun.possessor",
    NounPatientPrep = "frame.noun.patient_prep",
    NounRelativeSubject = "frame.noun.relative_subject",
    MutualBetween = "frame.mutual.between",
    MutualTwoSides = "frame.mutual.two_sides",
    MutualPartner = "frame.mutual.partner",
    MutualList = "frame.mutual.list",
    MutualSubjectObject = "frame.mutual.subject_object",
    MutualNearPair = "frame.mutual.near_pair",
    MutualDual = "frame.mutual.dual",
    MutualBothWays = "frame.mutual.both_ways",
    SymmetricPairs = "arg.symmetric_pairs",
    Crowd = "arg.crowd",
    CrowdCounted = "arg.crowd_counted",
    Scene = "arg.scene",
    CondemnedEvent = "link.condemned_event",
    ThreatenedTarget = "link.threatened_target",
    // Modality.
    ModalMarker = "modality.marker",
    ModalQadPast = "modality.qad_past",
    ModalFuture = "modality.future",
    ModalConditional = "modality.conditional",
    ModalQuestion = "modality.question",
    ModalEventFrame = "modality.event_frame",
    ModalHistorical = "modality.historical",
    ModalUnanchored = "modality.unanchored",
    ModalBackground = "modality.background",
    ModalPurpose = "modality.purpose",
    ModalPlanned = "modality.planned",
    ModalDefiniteEvent = "modality.definite_event",
    ModalKindOfAct = "modality.kind_of_act",
    ModalSubjunctive = "modality.subjunctive",
    ModalAccusedReport = "modality.accused_report",
    ModalAnalysts = "modality.analysts",
    // Relation rewrites.
    RewriteLifted = "rewrite.lifted_sanction",
    RewriteGiven = "rewrite.given_support",
    RewriteExchange = "rewrite.exchange",
    RewriteObjection = "rewrite.objection",
    // What blocks a candidate.
    BlockMetaphor = "block.metaphor",
    BlockSelf = "block.self",
    BlockNoArgument = "block.no_argument",
    BlockStandingPartial = "block.standing_partial",
    BlockTypes = "limit.types",
    BlockPattern = "block.pattern",
}

/// One link of a mention's provenance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleRef {
    /// An engine rule.
    Engine(Rule),
    /// A row of `data/lexicon/cues.tsv` (its line).
    Cue(u32),
    /// A row of `data/lexicon/roles.tsv`.
    Role(u32),
    /// A row of `data/lexicon/modality.tsv`.
    Modal(u32),
    /// A pattern of `data/rules/patterns.rules`, by its id.
    Pattern(&'static str),
}

impl From<Rule> for RuleRef {
    fn from(r: Rule) -> RuleRef {
        RuleRef::Engine(r)
    }
}

/// Writes a chain of rule refs as the `rule` column reads it.
pub struct Chain<'a> {
    /// The refs, in the order they applied.
    pub refs: &'a [RuleRef],
}

impl fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.refs.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            match *r {
                RuleRef::Engine(r) => f.write_str(r.id())?,
                RuleRef::Cue(n) => write!(f, "cues:{n}")?,
                RuleRef::Role(n) => write!(f, "roles:{n}")?,
                RuleRef::Modal(n) => write!(f, "modality:{n}")?,
                RuleRef::Pattern(id) => f.write_str(id)?,
            }
        }
        Ok(())
    }
}

/// Checks `engine.rules` against the engine: every id of [`Rule::ALL`] is
/// there once, and nothing else.
pub fn check_registry(path: &Path, text: &str, errors: &mut Vec<LineError>) {
    let mut seen = std::collections::HashSet::new();
    let mut err = |line: usize, message: String| {
        errors.push(LineError {
            path: path.to_path_buf(),
            line: line as u64,
            message,
        })
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{FEFF}');
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
            continue;
        }
        let id = line.split('\t').next().unwrap_or("").trim();
        if !Rule::ALL.iter().any(|r| r.id() == id) {
            err(i + 1, format!("the engine has no rule {id:?}"));
        } else if !seen.insert(id.to_string()) {
            err(i + 1, format!("rule {id:?} is listed twice"));
        }
    }
    for r in Rule::ALL {
        if !seen.contains(r.id()) {
            err(0, format!("the engine's rule {:?} is not listed", r.id()));
        }
    }
}

/// The rule a mention's confidence is measured for: the first frame,
/// title, place, link or argument rule of its chain (what chose its
/// arguments).
pub fn primary(refs: &[RuleRef]) -> Option<&'static str> {
    refs.iter().find_map(|r| match r {
        RuleRef::Engine(r) => {
            let id = r.id();
            ["frame.", "title.", "place.", "link.", "arg."]
                .iter()
                .any(|f| id.starts_with(f))
                .then_some(id)
        }
        _ => None,
    })
}

/// Each rule's measured precision (`data/rules/confidence.tsv`), the
/// confidence of the mentions it makes.
#[derive(Clone, Debug, Default)]
pub struct Confidence {
    by_rule: std::collections::BTreeMap<&'static str, f64>,
    default: Option<f64>,
}

impl Confidence {
    /// Reads `rule<TAB>confidence[<TAB>…]` lines; a rule the engine lacks,
    /// or a value outside 0–1, is an error naming file and line.
    pub fn load(path: &Path, text: &str, errors: &mut Vec<LineError>) -> Confidence {
        let mut out = Confidence::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("rule\t") {
                continue;
            }
            let mut err = |message: String| {
                errors.push(LineError {
                    path: path.to_path_buf(),
                    line: i as u64 + 1,
                    message,
                })
            };
            let f: Vec<&str> = line.split('\t').collect();
            let Some(c) = f.get(1).and_then(|c| c.trim().parse::<f64>().ok()) else {
                err("expected a rule and a confidence".into());
                continue;
            };
            if !(0.0..=1.0).contains(&c) {
                err(format!("confidence {c} is outside 0–1"));
                continue;
            }
            match f[0].trim() {
                "default" => out.default = Some(c),
                id => match Rule::ALL.iter().find(|r| r.id() == id) {
                    Some(r) => {
                        out.by_rule.insert(r.id(), c);
                    }
                    None => err(format!("the engine has no rule {id:?}")),
                },
            }
        }
        out
    }

    /// The confidence of a mention made by `refs`.
    pub fn of(&self, refs: &[RuleRef]) -> f64 {
        primary(refs)
            .and_then(|id| self.by_rule.get(id).copied())
            .or(self.default)
            .unwrap_or(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_of_a_mention_is_its_frame_rules() {
        let mut errors = Vec::new();
        let c = Confidence::load(
            Path::new("confidence.tsv"),
            "rule\tconfidence\ndefault\t0.5\nframe.verb.svo\t0.4\ntitle.name_after\t0.9\n",
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        let svo = [
            RuleRef::Cue(3),
            Rule::VerbSvo.into(),
            Rule::ModalFuture.into(),
        ];
        assert_eq!(c.of(&svo), 0.4);
        assert_eq!(c.of(&[RuleRef::Role(2), Rule::TitleNameAfter.into()]), 0.9);
        assert_eq!(
            c.of(&[Rule::MutualDual.into()]),
            0.5,
            "no figure: the default"
        );
    }

    #[test]
    fn bad_confidence_lines_name_file_and_line() {
        let mut errors = Vec::new();
        Confidence::load(
            Path::new("confidence.tsv"),
            "frame.nope\t0.5\nframe.verb.svo\t1.5\nframe.verb.vso\n",
            &mut errors,
        );
        let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].starts_with("confidence.tsv: line 1: the engine has no rule"));
        assert!(msgs[1].contains("line 2: confidence 1.5 is outside 0–1"));
        assert!(msgs[2].contains("line 3: expected a rule and a confidence"));
    }
}
