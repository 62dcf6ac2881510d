//! Lexicons: the TSV files of `data/`, loaded once into an immutable
//! [`Lexicon`] with one aho-corasick automaton over every form.
//!
//! In: the data folder (`gazetteer/*.tsv`, `lexicon/roles.tsv`,
//! `lexicon/organs.tsv`, `lexicon/cues.tsv`, `lexicon/modality.tsv`; formats
//! in `data/README.md`), or readers for tests. Out: a [`Lexicon`] holding the
//! actors and a [`Gazetteer`] that finds forms in normalized text.
//!
//! What must hold:
//! - every form goes through [`normalize_form`], the function article text
//!   goes through, so spelling variants fold the same way on both sides;
//! - loading collects every bad line of every file (path, line, what was
//!   expected) before failing, so a user fixes a lexicon in one pass;
//! - the automaton is built once, `MatchKind::LeftmostLongest`, and only read
//!   afterwards, so it is shared by reference across worker threads.

use std::{collections::HashMap, io::BufRead, path::Path};

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use crate::{
    classes::{ARTICLE, Class, Classes},
    data::DataSource,
    error::{Error, LineError, Result},
    normalize::normalize_form,
    pattern::Patterns,
    schema::{ActorType, Modality, Relation},
};

/// One actor the gazetteer knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Schema id (`turkey`).
    pub id: String,
    /// State, person, organization, place or group.
    pub kind: ActorType,
    /// Canonical Arabic name.
    pub label_ar: String,
    /// English name.
    pub label_en: String,
    /// The state (or organization) the actor belongs to, if any.
    pub country: Option<String>,
    /// ISO 3166-1 alpha-3 for states.
    pub code: Option<String>,
    /// Every Arabic name and spelling the gazetteer gives it, as written.
    pub aliases: Vec<String>,
    /// What the rules need to know of a generic organ or group
    /// (`organs.tsv`'s `props` column).
    pub props: Props,
}

/// Properties of a generic organ or group that the rules ask about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Props {
    /// Makes sense only with its state («وزارة الخارجية»): alone, no node.
    pub state_bound: bool,
    /// Named alone («الجيش», «النظام»), the article's home state's.
    pub home: bool,
    /// Commentators («محللون»): what they say is their reading, `reported`.
    pub commentator: bool,
    /// The crowd a demonstration verb has when the text names nobody.
    pub crowd: bool,
}

impl Props {
    fn parse(s: &str) -> std::result::Result<Props, String> {
        let mut p = Props::default();
        for w in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match w {
                "state_bound" => p.state_bound = true,
                "home" => p.home = true,
                "commentator" => p.commentator = true,
                "crowd" => p.crowd = true,
                other => {
                    return Err(format!(
                        "column props: expected state_bound, home, commentator or crowd, \
                         found {other:?}"
                    ));
                }
            }
        }
        Ok(p)
    }

    fn union(self, o: Props) -> Props {
        Props {
            state_bound: self.state_bound || o.state_bound,
            home: self.home || o.home,
            commentator: self.commentator || o.commentator,
            crowd: self.crowd || o.crowd,
        }
    }
}

/// How a form names its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// A name or spelling variant.
    Name,
    /// A nationality adjective (التركي).
    Nisba,
    /// A capital or seat standing for the state (أنقرة).
    Metonym,
}

/// How a cue's arguments are ordered around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// Agent then patient, SVO or VSO.
    Active,
    /// Patient before, agent after من / قبل.
    Passive,
    /// Symmetric: every pair of the actors it joins.
    Mutual,
}

/// What a matched form means; one form may mean several things.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    /// Names an actor (index into [`Lexicon::actors`]).
    Actor {
        /// Index of the actor.
        actor: u32,
        /// Name, nisba or metonym.
        via: Via,
    },
    /// A title before or after a person's name.
    Role {
        /// `leader_of` or `official_of`.
        relation: Relation,
        /// A dual or plural title (وزيري، الرئيسين).
        plural: bool,
        /// Its line in `roles.tsv`, for provenance.
        line: u32,
    },
    /// A state organ or generic group; `actor` is the generic node.
    Organ {
        /// Index of the generic actor.
        actor: u32,
        /// A non-state group (المعارضة، المسلحون): a nisba after it gives
        /// its country but does not make it the state.
        group: bool,
    },
    /// A relation cue.
    Cue {
        /// The relation it signals.
        relation: Relation,
        /// Argument order.
        frame: Frame,
        /// Whether a suffix may follow (verbs with pronoun endings).
        stem: bool,
        /// A noun or participle rather than a verb: its agent is what
        /// follows it (a nisba, a genitive) or the noun it describes, never
        /// a distant clause subject.
        nominal: bool,
        /// Its line in `cues.tsv`, for provenance.
        line: u32,
    },
    /// A modality marker, with its line in `modality.tsv`.
    Modal(Modality, u32),
    /// A phrase that blocks a shorter cue inside it (a metaphor, an idiom).
    Block,
    /// A word that anchors an event in the news being reported (casualties,
    /// the time of a dispatch, the scene of an attack).
    Anchor,
}

impl Via {
    /// A word for explain's output.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Name => "name",
            Via::Nisba => "nisba",
            Via::Metonym => "metonym",
        }
    }
}

impl Frame {
    /// The frame's name in `cues.tsv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Frame::Active => "active",
            Frame::Passive => "passive",
            Frame::Mutual => "mutual",
        }
    }
}

impl Payload {
    /// Whether the form may be followed by more letters of the same token.
    pub fn allows_suffix(&self) -> bool {
        matches!(self, Payload::Cue { stem: true, .. })
    }

    /// The payload without the line it came from: what it means.
    fn meaning(mut self) -> Payload {
        match &mut self {
            Payload::Role { line, .. } | Payload::Cue { line, .. } | Payload::Modal(_, line) => {
                *line = 0
            }
            _ => {}
        }
        self
    }
}

/// Every lexicon, loaded and compiled.
#[derive(Debug)]
pub struct Lexicon {
    /// Known actors, gazetteer first, then generic groups from organs.
    pub actors: Vec<Actor>,
    by_id: HashMap<String, u32>,
    /// Ordinary words that are never part of a name (normalized).
    common: rustc_hash::FxHashSet<String>,
    has_anchors: bool,
    /// The closed word classes the rules ask about.
    pub classes: Classes,
    /// The patterns of `data/rules/patterns.rules`.
    pub patterns: Patterns,
    /// Each rule's measured precision (`data/rules/confidence.tsv`).
    pub confidence: crate::trace::Confidence,
    /// The compiled matcher.
    pub gazetteer: Gazetteer,
}

impl Lexicon {
    /// Loads every lexicon under `dir` (the project's `data/`).
    pub fn load(dir: &Path) -> Result<Lexicon> {
        Lexicon::load_from(&DataSource::Dir(dir.to_path_buf()))
    }

    /// Loads every lexicon of a data source (a folder or the built-in copy).
    pub fn load_from(src: &DataSource) -> Result<Lexicon> {
        let gaz_files = src.list("gazetteer", ".tsv")?;
        if gaz_files.is_empty() {
            return Err(Error::MissingData {
                path: src.display("gazetteer"),
                message: "expected at least one .tsv file".into(),
            });
        }
        let mut b = Builder::default();
        // Classes first: the gazetteer inflects nisbas with their suffixes.
        let classes = "lexicon/classes.tsv";
        b.classes(&src.display(classes), &mut src.open(classes)?);
        for rel in &gaz_files {
            b.gazetteer(&src.display(rel), &mut src.open(rel)?);
        }
        for (name, f) in [
            (
                "lexicon/organs.tsv",
                Builder::organs as fn(&mut Builder, &Path, &mut dyn BufRead),
            ),
            ("lexicon/roles.tsv", Builder::roles),
            ("lexicon/cues.tsv", Builder::cues),
            ("lexicon/modality.tsv", Builder::modality),
            ("lexicon/anchors.tsv", Builder::anchors),
            ("lexicon/common_words.tsv", Builder::common_words),
        ] {
            f(&mut b, &src.display(name), &mut src.open(name)?);
        }
        for (name, f) in [
            (
                "rules/engine.rules",
                Builder::engine_rules as fn(&mut Builder, &Path, &mut dyn BufRead),
            ),
            ("rules/patterns.rules", Builder::patterns),
            ("rules/confidence.tsv", Builder::confidence),
        ] {
            f(&mut b, &src.display(name), &mut src.open(name)?);
        }
        b.finish()
    }

    /// Builds a lexicon from in-memory TSV texts (tests and embedding).
    pub fn from_strs(
        gazetteer: &str,
        organs: &str,
        roles: &str,
        cues: &str,
        modality: &str,
    ) -> Result<Lexicon> {
        let mut b = Builder::default();
        // The closed classes are the language's, not a test's: the
        // project's own, compiled in.
        b.classes(
            Path::new("data/lexicon/classes.tsv"),
            &mut include_str!("../data/lexicon/classes.tsv").as_bytes(),
        );
        b.gazetteer(Path::new("<gazetteer>"), &mut gazetteer.as_bytes());
        b.organs(Path::new("<organs>"), &mut organs.as_bytes());
        b.roles(Path::new("<roles>"), &mut roles.as_bytes());
        b.cues(Path::new("<cues>"), &mut cues.as_bytes());
        b.modality(Path::new("<modality>"), &mut modality.as_bytes());
        b.anchors(Path::new("<anchors>"), &mut "".as_bytes());
        b.engine_rules(
            Path::new("data/rules/engine.rules"),
            &mut include_str!("../data/rules/engine.rules").as_bytes(),
        );
        b.patterns(
            Path::new("data/rules/patterns.rules"),
            &mut include_str!("../data/rules/patterns.rules").as_bytes(),
        );
        b.confidence(
            Path::new("data/rules/confidence.tsv"),
            &mut include_str!("../data/rules/confidence.tsv").as_bytes(),
        );
        b.finish()
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i as usize])
    }

    /// Whether any event anchor is defined (without anchors, events are
    /// never judged unanchored).
    pub fn has_anchors(&self) -> bool {
        self.has_anchors
    }

    /// Whether a normalized word is an ordinary word, never part of a name.
    pub fn is_common(&self, word: &str) -> bool {
        self.common.contains(word)
    }

    /// The index of the actor with this id.
    pub fn actor_index(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }
}

/// Collects entries and errors from every file before compiling.
#[derive(Default)]
struct Builder {
    actors: Vec<Actor>,
    by_id: HashMap<String, u32>,
    forms: Vec<String>,
    payloads: Vec<Vec<Payload>>,
    /// Forms only added as a name without its article (see `add_name`).
    bare: Vec<bool>,
    form_index: HashMap<String, usize>,
    common: rustc_hash::FxHashSet<String>,
    classes: Classes,
    patterns: Patterns,
    confidence: crate::trace::Confidence,
    errors: Vec<LineError>,
}

/// One data line of a TSV file: its 1-based number and fields.
struct Line {
    no: u64,
    fields: Vec<String>,
}

impl Builder {
    /// Reads data lines: strips a BOM, skips blanks, comments and the header
    /// (a first line whose first field is `header0`); checks the field count.
    fn lines(&mut self, path: &Path, r: &mut dyn BufRead, header0: &str, cols: usize) -> Vec<Line> {
        self.lines_between(path, r, header0, cols, cols)
    }

    /// [`Builder::lines`] for files whose last columns are optional.
    fn lines_between(
        &mut self,
        path: &Path,
        r: &mut dyn BufRead,
        header0: &str,
        min: usize,
        max: usize,
    ) -> Vec<Line> {
        let mut out = Vec::new();
        let mut first = true;
        for (i, line) in r.lines().enumerate() {
            let no = i as u64 + 1;
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    self.err(path, no, format!("cannot read line ({e})"));
                    // An unreadable line usually means the rest is unreadable.
                    break;
                }
            };
            let line = if i == 0 {
                line.trim_start_matches('\u{FEFF}')
            } else {
                &line
            };
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<String> = line.split('\t').map(|f| f.trim().to_string()).collect();
            if first {
                first = false;
                if fields[0] == header0 {
                    continue;
                }
            }
            if fields.len() < min || fields.len() > max {
                let want = if min == max {
                    min.to_string()
                } else {
                    format!("{min} or {max}")
                };
                self.err(
                    path,
                    no,
                    format!(
                        "expected {want} tab-separated columns, found {}",
                        fields.len()
                    ),
                );
                continue;
            }
            out.push(Line { no, fields });
        }
        out
    }

    fn err(&mut self, path: &Path, line: u64, message: String) {
        self.errors.push(LineError {
            path: path.to_path_buf(),
            line,
            message,
        });
    }

    fn add_form(&mut self, form: &str, p: Payload) {
        self.add_form_as(form, p, false);
    }

    fn add_form_as(&mut self, form: &str, p: Payload, bare: bool) {
        let f = normalize_form(form);
        if f.chars().count() < 2 {
            return;
        }
        let i = *self.form_index.entry(f.clone()).or_insert_with(|| {
            self.forms.push(f);
            self.payloads.push(Vec::new());
            self.bare.push(bare);
            self.forms.len() - 1
        });
        self.bare[i] &= bare;
        if !self.payloads[i].iter().any(|q| q.meaning() == p.meaning()) {
            self.payloads[i].push(p);
        }
    }

    /// Adds a form and, for one written with the article ال, the bare form,
    /// so «للولايات المتحدة» (ل + ال contracted) still matches. The bare
    /// form matches only where the article was absorbed: «فرقة» is not
    /// ف + «رقة» (Raqqa without its article).
    fn add_name(&mut self, form: &str, p: Payload) {
        self.add_form(form, p);
        let f = normalize_form(form);
        if let Some(rest) = f.strip_prefix(ARTICLE) {
            if rest.chars().count() >= 3 {
                self.add_form_as(rest, p, true);
            }
        }
    }

    fn add_actor(&mut self, path: &Path, no: u64, a: Actor) -> Option<u32> {
        if self.by_id.contains_key(&a.id) {
            self.err(path, no, format!("duplicate actor id {:?}", a.id));
            return None;
        }
        let i = self.actors.len() as u32;
        self.by_id.insert(a.id.clone(), i);
        self.actors.push(a);
        Some(i)
    }

    fn gazetteer(&mut self, path: &Path, r: &mut dyn BufRead) {
        for Line { no, fields: f } in self.lines(path, r, "id", 9) {
            let kind = match f[1].parse::<ActorType>() {
                Ok(k) => k,
                Err(e) => {
                    self.err(path, no, format!("column type: {e}"));
                    continue;
                }
            };
            if f[0].is_empty()
                || !f[0]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                self.err(
                    path,
                    no,
                    format!(
                        "column id: expected lowercase ASCII snake_case, found {:?}",
                        f[0]
                    ),
                );
                continue;
            }
            let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let actor = Actor {
                id: f[0].clone(),
                kind,
                label_ar: f[2].clone(),
                label_en: f[3].clone(),
                country: nonempty(&f[4]),
                code: nonempty(&f[5]),
                aliases: split_forms(&f[6]).map(str::to_string).collect(),
                props: Props::default(),
            };
            let Some(i) = self.add_actor(path, no, actor) else {
                continue;
            };
            let names =
                split_forms(&f[6]).chain(std::iter::once(f[2].as_str()).filter(|s| !s.is_empty()));
            for n in names.collect::<Vec<_>>() {
                self.add_name(
                    n,
                    Payload::Actor {
                        actor: i,
                        via: Via::Name,
                    },
                );
            }
            for n in split_forms(&f[7]).collect::<Vec<_>>() {
                for inflected in nisba_inflections(n, &self.classes) {
                    self.add_form(
                        &inflected,
                        Payload::Actor {
                            actor: i,
                            via: Via::Nisba,
                        },
                    );
                }
            }
            for n in split_forms(&f[8]).collect::<Vec<_>>() {
                self.add_name(
                    n,
                    Payload::Actor {
                        actor: i,
                        via: Via::Metonym,
                    },
                );
            }
        }
    }

    fn organs(&mut self, path: &Path, r: &mut dyn BufRead) {
        for Line { no, fields: f } in self.lines_between(path, r, "form", 3, 5) {
            let props = match Props::parse(f.get(4).map_or("", String::as_str)) {
                Ok(p) => p,
                Err(e) => {
                    self.err(path, no, e);
                    continue;
                }
            };
            let group = match f.get(3).map(String::as_str) {
                None | Some("" | "organ") => false,
                Some("group") => true,
                Some(other) => {
                    self.err(
                        path,
                        no,
                        format!("column kind: expected organ or group, found {other:?}"),
                    );
                    continue;
                }
            };
            let id = &f[1];
            let i = match self.by_id.get(id) {
                Some(&i) => i,
                None => {
                    let a = Actor {
                        id: id.clone(),
                        kind: ActorType::Group,
                        // Forms are written without the article (it is a
                        // clitic to the matcher); a one-word node reads as
                        // Arabic with it («المعارضة»). Longer forms are
                        // mostly constructs («وزارة الخارجية») and stay.
                        label_ar: if f[0].starts_with(ARTICLE) || f[0].contains(' ') {
                            f[0].clone()
                        } else {
                            format!("{ARTICLE}{}", f[0])
                        },
                        label_en: f[2].clone(),
                        country: None,
                        code: None,
                        aliases: Vec::new(),
                        props: Props::default(),
                    };
                    match self.add_actor(path, no, a) {
                        Some(i) => i,
                        None => continue,
                    }
                }
            };
            let a = &mut self.actors[i as usize];
            a.props = a.props.union(props);
            self.add_name(&f[0].clone(), Payload::Organ { actor: i, group });
        }
    }

    fn roles(&mut self, path: &Path, r: &mut dyn BufRead) {
        for Line { no, fields: f } in self.lines(path, r, "form", 3) {
            let relation = match f[1].parse::<Relation>() {
                Ok(r @ (Relation::LeaderOf | Relation::OfficialOf)) => r,
                Ok(r) => {
                    self.err(
                        path,
                        no,
                        format!("column relation: expected leader_of or official_of, found {r}"),
                    );
                    continue;
                }
                Err(e) => {
                    self.err(path, no, format!("column relation: {e}"));
                    continue;
                }
            };
            let plural = match f[2].as_str() {
                "sg" => false,
                "du" | "pl" => true,
                other => {
                    self.err(
                        path,
                        no,
                        format!("column number: expected sg, du or pl, found {other:?}"),
                    );
                    continue;
                }
            };
            self.add_name(
                &f[0].clone(),
                Payload::Role {
                    relation,
                    plural,
                    line: no as u32,
                },
            );
        }
    }

    fn cues(&mut self, path: &Path, r: &mut dyn BufRead) {
        for Line { no, fields: mut f } in self.lines_between(path, r, "relation", 4, 5) {
            if f[0] == "none" {
                // A phrase that contains a cue but means no event («الحرب
                // الكلامية»): being longer, it wins and blocks the cue.
                self.add_form(&f[3].clone(), Payload::Block);
                continue;
            }
            let relation = match f[0].parse::<Relation>() {
                Ok(r) => r,
                Err(e) => {
                    self.err(path, no, format!("column relation: {e}"));
                    continue;
                }
            };
            let frame = match f[1].as_str() {
                "active" => Frame::Active,
                "passive" => Frame::Passive,
                "mutual" => Frame::Mutual,
                other => {
                    self.err(
                        path,
                        no,
                        format!(
                            "column frame: expected active, passive or mutual, found {other:?}"
                        ),
                    );
                    continue;
                }
            };
            let stem = match f[2].as_str() {
                "word" => false,
                "stem" => true,
                other => {
                    self.err(
                        path,
                        no,
                        format!("column match: expected word or stem, found {other:?}"),
                    );
                    continue;
                }
            };
            if stem && normalize_form(&f[3]).chars().count() < 3 {
                self.err(
                    path,
                    no,
                    format!("a stem form needs at least 3 letters, found {:?}", f[3]),
                );
                continue;
            }
            if f.len() == 4 {
                f.push(String::new());
            }
            let nominal = match f[4].as_str() {
                "" | "verb" => false,
                "noun" => true,
                other => {
                    self.err(
                        path,
                        no,
                        format!("column pos: expected verb or noun, found {other:?}"),
                    );
                    continue;
                }
            };
            self.add_form(
                &f[3].clone(),
                Payload::Cue {
                    relation,
                    frame,
                    stem,
                    nominal,
                    line: no as u32,
                },
            );
        }
    }

    fn modality(&mut self, path: &Path, r: &mut dyn BufRead) {
        for Line { no, fields: f } in self.lines(path, r, "form", 2) {
            // `asserted` marks phrases that hold a negation particle but do
            // not negate (لا يزال، غير أن): the longer match blocks لا / غير.
            match f[1].parse::<Modality>() {
                Ok(m) => self.add_form(&f[0].clone(), Payload::Modal(m, no as u32)),
                Err(e) => self.err(path, no, format!("column modality: {e}")),
            }
        }
    }

    fn common_words(&mut self, path: &Path, r: &mut dyn BufRead) {
        for Line { fields: f, .. } in self.lines(path, r, "word", 1) {
            self.common.insert(normalize_form(&f[0]));
        }
    }

    fn classes(&mut self, path: &Path, r: &mut dyn BufRead) {
        let mut text = String::new();
        if let Err(e) = r.read_to_string(&mut text) {
            self.err(path, 1, format!("cannot read ({e})"));
            return;
        }
        self.classes = Classes::load(path, &text, &mut self.errors);
    }

    fn engine_rules(&mut self, path: &Path, r: &mut dyn BufRead) {
        let mut text = String::new();
        if let Err(e) = r.read_to_string(&mut text) {
            self.err(path, 1, format!("cannot read ({e})"));
            return;
        }
        crate::trace::check_registry(path, &text, &mut self.errors);
    }

    fn patterns(&mut self, path: &Path, r: &mut dyn BufRead) {
        let mut text = String::new();
        if let Err(e) = r.read_to_string(&mut text) {
            self.err(path, 1, format!("cannot read ({e})"));
            return;
        }
        self.patterns = Patterns::load(path, &text, &self.classes, &mut self.errors);
        // A class only patterns could use that none uses is a misspelt name.
        let used = self.patterns.classes_used();
        let unused: Vec<_> = self
            .classes
            .pattern_classes()
            .filter(|c| !used.contains(c))
            .collect();
        for c in unused {
            {
                let message = format!(
                    "class {} of classes.tsv is neither the engine's nor used by a pattern \
                     of {} (a misspelt name?)",
                    self.classes.name(c),
                    path.display()
                );
                self.err(path, 0, message);
            }
        }
    }

    fn confidence(&mut self, path: &Path, r: &mut dyn BufRead) {
        let mut text = String::new();
        if let Err(e) = r.read_to_string(&mut text) {
            self.err(path, 1, format!("cannot read ({e})"));
            return;
        }
        self.confidence = crate::trace::Confidence::load(path, &text, &mut self.errors);
    }

    fn anchors(&mut self, path: &Path, r: &mut dyn BufRead) {
        for Line { no, fields: f } in self.lines(path, r, "form", 2) {
            match f[1].as_str() {
                "casualty" | "scene" | "source" => self.add_form(&f[0].clone(), Payload::Anchor),
                other => self.err(
                    path,
                    no,
                    format!("column kind: expected casualty, scene or source, found {other:?}"),
                ),
            }
        }
    }

    fn finish(mut self) -> Result<Lexicon> {
        if !self.errors.is_empty() {
            return Err(Error::Lexicon(self.errors));
        }
        self.inherit_stems();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&self.forms)
            .map_err(|e| Error::Automaton(e.to_string()))?;
        Ok(Lexicon {
            actors: self.actors,
            by_id: self.by_id,
            common: self.common,
            has_anchors: self.payloads.iter().any(|ps| ps.contains(&Payload::Anchor)),
            classes: self.classes,
            patterns: self.patterns,
            confidence: self.confidence,
            gazetteer: Gazetteer {
                ac,
                forms: self.forms,
                payloads: self.payloads,
                bare: self.bare,
            },
        })
    }
}

impl Builder {
    /// Leftmost-longest picks one form per position, so a longer form
    /// (a modality marker «اتهمت») would hide a stem cue it starts with
    /// («اتهم»). Longer forms inherit the stem cues of their prefixes.
    fn inherit_stems(&mut self) {
        for i in 0..self.forms.len() {
            let f = self.forms[i].clone();
            let mut inherited = Vec::new();
            for (at, _) in f.char_indices().skip(3) {
                let prefix = &f[..at];
                if prefix.contains(' ')
                    && !f[at..].contains(' ')
                    && f[..at]
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| w.chars().count() < 3)
                {
                    continue;
                }
                if f[at..].contains(' ') {
                    continue;
                }
                if let Some(&j) = self.form_index.get(prefix) {
                    for p in &self.payloads[j] {
                        let Payload::Cue {
                            relation,
                            stem: true,
                            ..
                        } = *p
                        else {
                            continue;
                        };
                        let has = |q: &Payload| matches!(*q, Payload::Cue { relation: r, .. } if r == relation);
                        if !self.payloads[i].iter().any(has) && !inherited.iter().any(has) {
                            inherited.push(*p);
                        }
                    }
                }
            }
            self.payloads[i].extend(inherited);
        }
    }
}

fn split_forms(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// The inflections of a masculine singular nisba (تركي → تركية، تركيين …).
///
/// A form not ending in ي (a broken plural such as أرمن) stands as given.
fn nisba_inflections(base: &str, classes: &Classes) -> Vec<String> {
    let base = normalize_form(base);
    let mut out = vec![base.clone()];
    if base.ends_with('ي') {
        for suf in classes.forms(Class::NisbaSuffix) {
            out.push(format!("{base}{suf}"));
        }
    }
    out
}

/// The compiled matcher over every lexicon form.
#[derive(Debug)]
pub struct Gazetteer {
    ac: AhoCorasick,
    forms: Vec<String>,
    payloads: Vec<Vec<Payload>>,
    bare: Vec<bool>,
}

/// A form found at a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Normalized byte offset where the form starts (after clitics).
    pub start: usize,
    /// Normalized byte offset where the form ends.
    pub end: usize,
    /// Index of the form (for [`Gazetteer::payloads`]).
    pub form: usize,
}

impl Gazetteer {
    /// The longest form that starts exactly at `at` in `text`.
    pub fn longest_at(&self, text: &str, at: usize) -> Option<Hit> {
        let input = Input::new(text)
            .span(at..text.len())
            .anchored(Anchored::Yes);
        self.ac.find(input).map(|m| Hit {
            start: m.start(),
            end: m.end(),
            form: m.pattern().as_usize(),
        })
    }

    /// What a form means.
    pub fn payloads(&self, form: usize) -> &[Payload] {
        &self.payloads[form]
    }

    /// Whether a form is a name without its article, which stands only
    /// after «لل» (ل + ال contracted) or the article itself.
    pub fn needs_article(&self, form: usize) -> bool {
        self.bare[form]
    }

    /// The normalized text of a form.
    pub fn form(&self, form: usize) -> &str {
        &self.forms[form]
    }

    /// Every normalized form (for the scan-floor benchmark).
    pub fn forms(&self) -> &[String] {
        &self.forms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAZ: &str = "id\ttype\tlabel_ar\tlabel_en\tcountry\tcode\tnames\tnisbas\tmetonyms\n\
        turkey\tstate\tتركيا\tTurkey\tturkey\tTUR\tتركيا\tتركي|أتراك\tأنقرة\n\
        united_states\tstate\tالولايات المتحدة\tUnited States\tunited_states\tUSA\tالولايات المتحدة|أمريكا\tأمريكي\tواشنطن\n";

    #[test]
    fn loads_and_inflects() {
        let lex = Lexicon::from_strs(GAZ, "", "", "", "").unwrap();
        assert_eq!(lex.actors.len(), 2);
        let g = &lex.gazetteer;
        for (text, at, want) in [
            ("التركيين", 4, "تركيين"),
            ("للولايات المتحده", 4, "ولايات المتحده"),
            ("انقره", 0, "انقره"),
        ] {
            let hit = g.longest_at(text, at).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(&text[hit.start..hit.end], want);
        }
    }

    #[test]
    fn collects_every_bad_line() {
        let bad = "id\ttype\tlabel_ar\tlabel_en\tcountry\tcode\tnames\tnisbas\tmetonyms\n\
            x\tstate\n\
            Bad Id\tstate\ta\tb\t\t\t\t\t\n\
            y\tplanet\ta\tb\t\t\t\t\t\n";
        let err =
            Lexicon::from_strs(bad, "", "", "accuse\tsideways\tword\tاتهم\n", "").unwrap_err();
        let Error::Lexicon(lines) = &err else {
            panic!("{err}")
        };
        let got: Vec<u64> = lines.iter().map(|l| l.line).collect();
        assert_eq!(got, vec![2, 3, 4, 1]);
        let msg = err.to_string();
        assert!(
            msg.contains("<gazetteer>: line 2: expected 9 tab-separated columns, found 2"),
            "{msg}"
        );
        assert!(
            msg.contains("line 4: column type: expected one of state"),
            "{msg}"
        );
        assert!(msg.contains("<cues>: line 1: column frame"), "{msg}");
    }
}
