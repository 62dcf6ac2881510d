//! Closed word classes: the function words, affixes and small noun lists
//! the rules ask about («في», «الذي», «بلاده», «لواء»), loaded from
//! `data/lexicon/classes.tsv`.
//!
//! In: TSV lines `class<TAB>form`. Out: [`Classes`], which answers "is this
//! word (or one of its clitic readings) in class C?" with one hash lookup.
//!
//! What must hold:
//! - every form goes through [`normalize_form`], as article text does, so a
//!   form written with hamza («مئات») matches the folded text («ميات»);
//! - the engine names classes ([`Class`]), never Arabic words: adding a
//!   word to a class is a data change;
//! - classes the engine does not name may be added for the patterns of
//!   `data/rules/patterns.rules` ([`ClassId`]); the lexicon refuses one no
//!   pattern uses, as a likely misspelling;
//! - a class name that is not lowercase ASCII, a duplicate form in a class,
//!   a form normalization empties, a form with characters the tokenizer
//!   splits (or a space, in a one-word class) is a load error naming file
//!   and line; so is a class the engine uses that has no form at all.

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::{error::LineError, normalize::normalize_form};

/// The article, as clitic readings end with it: morphology, not a word list.
pub const ARTICLE: &str = "ال";
/// The article after the preposition ل, contracted («للرئيس»).
pub const LL: &str = "لل";

/// The feminine nisba ending, normalized («ية» → «يه»): an adjective.
pub const NISBA_F: &str = "يه";

macro_rules! classes {
    ($($(#[doc = $doc:literal])* $v:ident = $name:literal $(multi $multi:literal)?,)*) => {
        /// A closed class of words; its forms are data.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Class {
            $($(#[doc = $doc])* $v,)*
        }

        impl Class {
            /// Every class, in declaration order.
            pub const ALL: &'static [Class] = &[$(Class::$v,)*];

            /// The class's name in `classes.tsv`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Class::$v => $name,)*
                }
            }

            /// Whether forms of the class may hold a space (two words).
            pub fn multiword(self) -> bool {
                match self {
                    $(Class::$v => false $(|| $multi)?,)*
                }
            }

            /// The class named `name`.
            pub fn from_name(name: &str) -> Option<Class> {
                match name {
                    $($name => Some(Class::$v),)*
                    _ => None,
                }
            }
        }
    };
}

classes! {
    /// Clitic prefixes a word may carry before a lexicon form, in the order
    /// they are tried (و ف ب ل ك س ال لل and their combinations).
    Clitic = "clitic",
    /// Clitics a short name may carry («ولافروف», «لبوتين»).
    NameClitic = "name_clitic",
    /// The article and its contraction after ل («ال», «لل»).
    Article = "article",
    /// Pronoun suffixes an actor, organ, role or cue may carry.
    PronounSuffix = "pronoun_suffix",
    /// Possessive suffixes that make an event noun definite («احتجاجهم»).
    PossessiveSuffix = "possessive_suffix",
    /// Dual and plural pronoun suffixes: the pair in play («محادثاتهما»).
    PairSuffix = "pair_suffix",
    /// Pronoun endings that mark a short word after a clitic as a
    /// preposition with its pronoun («بها», «لهم»), not a name.
    PronounTail = "pronoun_tail",
    /// Object pronouns on a verb after an indefinite noun: the same clause
    /// without a relative pronoun («لهجمات شنها الحوثيون»).
    ObjectSuffix = "object_suffix",
    /// Possessive endings that mark a word as no name («اهتمامهم»).
    PossessedNameSuffix = "possessed_name_suffix",
    /// The ending of a present verb of the first person plural («نريدنا»).
    FirstPersonSuffix = "first_person_suffix",
    /// The ending of a plural past verb («شنوا», «قدموا»): never a noun.
    PluralVerbSuffix = "plural_verb_suffix",
    /// Endings of a plural present verb («تلعبون»).
    PresentPluralSuffix = "present_plural_suffix",
    /// Beginnings of a word carrying a conjunction with the article or a
    /// preposition: after a title, a new clause, not a name.
    ConjunctStart = "conjunct_start",
    /// Suffixes of a masculine singular nisba's inflections (تركي → تركية).
    NisbaSuffix = "nisba_suffix",
    /// Prepositions written as words.
    Prep = "prep",
    /// «في»: what follows is inside, a place.
    InPrep = "in_prep",
    /// Prepositions before the larger place a place lies in: «حيس بمحافظة
    /// الحديدة», «حلب في سوريا».
    WithinPrep = "within_prep",
    /// «من»: from, of; the agent of a passive.
    FromPrep = "from_prep",
    /// Prepositions of place, after which a relation's object is a place.
    LocativePrep = "locative_prep",
    /// Prepositions that give an attack's scene.
    ScenePrep = "scene_prep",
    /// Prepositions (and clitics) that mark a passive's agent.
    AgentPrep = "agent_prep",
    /// Prepositions (and clitics) that mark a partner or an instrument.
    PartnerPrep = "partner_prep",
    /// Prepositions (and clitics) that mark a noun's patient.
    PatientPrep = "patient_prep",
    /// «لدى», «إلى» after a title and its state: the state the post is held
    /// at («سفير قطر لدى موسكو»), not the one it belongs to.
    PostedAt = "posted_at",
    /// «بين»: a pair follows.
    BetweenPrep = "between_prep",
    /// «على» before a noun predicated of the subject («على اتصال»).
    PredicativePrep = "predicative_prep",
    /// «ل» fronting a subject («ولموسكو قاعدة»).
    DativePrep = "dative_prep",
    /// Words after which an actor is a topic, time or place, not a party.
    TopicPrep = "topic_prep",
    /// Topic prepositions of time: their phrase is skipped, not a stop.
    TimePrep = "time_prep",
    /// «إن / أن» and kin: a reported clause with its own subject begins.
    Complementizer = "complementizer",
    /// «أنه», «أنها»: a complementizer carrying its subject as a pronoun.
    ComplementizerPronoun = "complementizer_pronoun",
    /// Words that open a condition.
    Conditional = "conditional",
    /// Words that open a new clause: the subject search stops there.
    Boundary = "boundary",
    /// Two words that open a new report («إلى ذلك»).
    DiscourseOpener = "discourse_opener" multi true,
    /// Nouns of institutions: between a title and its state they make the
    /// office a post inside a body, and they never start a name.
    Institution = "institution",
    /// Nouns that stand for their state: «رئيس جمهورية X» heads X.
    Transparent = "transparent",
    /// Words that never begin or continue a person's name.
    Stopword = "stopword",
    /// Personal pronouns, never a name.
    Pronoun = "pronoun",
    /// Particles of lineage inside a name («بن», «آل»): never a clitic on a
    /// word.
    NameParticle = "name_particle",
    /// Relative pronouns: a clause about the noun before them begins.
    Relative = "relative",
    /// Honorifics and ranks that stand between a title and a name.
    Honorific = "honorific",
    /// Two-word honorifics («آية الله»).
    HonorificPair = "honorific_pair" multi true,
    /// «بلاده»: the state of the person or state in play.
    TheirState = "their_state",
    /// «البلدين»: the two states (or parties) in play.
    TheTwo = "the_two",
    /// Stems of «الطرفين», «الجانبين»: any two parties, not only states.
    PartyNoun = "party_noun",
    /// «الأخيرة»: the actor named just before, other than the subject.
    TheLatter = "the_latter",
    /// «الأول»: of the two actors named last, the first.
    TheFormer = "the_former",
    /// Verbs of saying after which «الأول» stands for an actor.
    SayingVerb = "saying_verb",
    /// «نحن»: the speaker's state.
    We = "we",
    /// «المنظمة», «الحلف»: the organization named last.
    TheOrg = "the_org",
    /// «الإقليم»: the place named last.
    ThePlace = "the_place",
    /// What an actor holds, standing for it after a preposition.
    Holding = "holding",
    /// Verbs of saying that open a clause with its speaker.
    SpeechVerb = "speech_verb",
    /// A preposition with a pronoun right after a verb, standing for its
    /// object: «تسيطر عليها».
    ResumptivePrep = "resumptive_prep",
    /// A preposition with a pronoun that may stand for a verb's object.
    ObjectPronoun = "object_pronoun",
    /// Units a quantity of goods is counted in.
    Measure = "measure",
    /// Nouns whose genitive names a kind of act, not one act.
    KindOfAct = "kind_of_act",
    /// Number words that count the people a noun's genitive names.
    Quantity = "quantity",
    /// Nouns that name armed units and camps in the construct state.
    UnitHead = "unit_head",
    /// The unit heads that name places (camps, bases).
    CampHead = "camp_head",
    /// Nouns that are part of a place's name: «تل الشيخ حسين».
    HillHead = "hill_head",
    /// Nouns before a town's name: «بلدة كفر داعل».
    TownHead = "town_head",
    /// Nouns that introduce a place name (مدينة شوشا، إقليم قره باغ).
    PlaceNoun = "place_noun",
    /// Nouns that head place names and stand alone for the place
    /// («القطاع» for «قطاع غزة»).
    PlaceHead = "place_head",
    /// Nouns that head names of bodies and stand alone for one of them.
    BodyHead = "body_head",
    /// «نظيره»: a person holding the same office elsewhere.
    Counterpart = "counterpart",
    /// Verbs and nouns of giving: support that is given is aid.
    GivingVerb = "giving_verb",
    /// Verbs and nouns of lifting: a lifted sanction is a retreat.
    LiftingVerb = "lifting_verb",
    /// What is fired in an exchange of fire.
    FireNoun = "fire_noun",
    /// Stems of verbs of exchange («تبادل»): what is exchanged is the relation.
    ExchangeStem = "exchange_stem",
    /// Stems of protest cues that, said by a state or body against someone,
    /// are an objection (`accuse`), not a demonstration.
    ObjectionStem = "objection_stem",
    /// Words that date an event noun before another («بعد», «إثر»).
    DatedBy = "dated_by",
    /// Words that place a sentence in the days of the news («أمس»,
    /// «اليوم»): a year named beside them dates something else.
    PresentTime = "present_time",
    /// Names of the days of the week («الثلاثاء»).
    DayName = "day_name",
    /// Verbs whose subject undergoes, sees or stops an act named by the
    /// noun after them («شهدت تركيا هجوما», «أحبطت المقاومة هجوما»): it
    /// is not the act's agent.
    UndergoVerb = "undergo_verb",
    /// «إياه», «إياها»: a detached object pronoun after a participle.
    AccusativePronoun = "accusative_pronoun",
    /// Verbs of going out and gathering: what a crowd did them «for»
    /// («خرجوا للاحتجاج») it did.
    MarchVerb = "march_verb",
    /// Compass words: «مأرب شرقي اليمن».
    Direction = "direction",
    /// «كل»: each (of).
    Each = "each",
    /// «كلا»: both; never a name or a short form.
    Both = "both",
    /// Ministries with a possessive pronoun («دفاعها»): the state in play's.
    PossessedMinistry = "possessed_ministry",
    /// Title stems of commanders: the commander of a body leads it.
    CommanderTitle = "commander_title",
    /// «باسم» closing a title: the spokesman of whoever follows.
    OnBehalf = "on_behalf",
    /// «من جهة»: the noun that ends one side of a «بين» pair.
    SideNoun = "side_noun",
    /// Particles of subjunctive purpose («أن», «كي»).
    Subjunctive = "subjunctive",
    /// «يتم»: the auxiliary of a periphrastic passive.
    PassiveAux = "passive_aux",
    /// «قد»: before a past verb it asserts.
    Qad = "qad",
}

/// A class by number: the engine's [`Class`]es first, then the classes
/// that only patterns use, which `classes.tsv` may add without Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClassId(u8);

impl From<Class> for ClassId {
    fn from(c: Class) -> ClassId {
        ClassId(c as u8)
    }
}

/// At most this many classes, engine and pattern classes together.
const MAX_CLASSES: usize = 128;

/// The forms of every class, hashed for lookup.
#[derive(Debug, Default)]
pub struct Classes {
    /// Normalized form → the classes it belongs to (bit `ClassId`).
    bits: FxHashMap<Box<str>, u128>,
    /// Every class's name, by id.
    names: Vec<String>,
    /// Each class's forms, in file order.
    lists: Vec<Vec<Box<str>>>,
    /// The first letters of the clitics: most words begin with none.
    initials: Vec<char>,
    /// Each clitic (but the empty one) as its first eight bytes, a mask and
    /// its length: a prefix test without a call to `memcmp`, since this
    /// runs on every word of every sentence.
    clitic_keys: Vec<CliticKey>,
}

/// A clitic as [`Classes::clitic_splits_into`] compares it.
#[derive(Clone, Copy, Debug)]
struct CliticKey {
    bytes: u64,
    mask: u64,
    len: usize,
    form: &'static str,
}

/// The first eight bytes of `s`, zero-padded, as one number.
fn head(s: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = s.len().min(8);
    b[..n].copy_from_slice(&s[..n]);
    u64::from_le_bytes(b)
}

/// The one copy of a short string loaded from data (a clitic, a rule id).
/// They are few and the same at every load, so interning leaks a bounded
/// few bytes once, and tokens and mentions can point at them without a
/// lifetime.
pub(crate) fn intern(s: &str) -> &'static str {
    static SEEN: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&x) = seen.iter().find(|&&x| x == s) {
        return x;
    }
    let x: &'static str = Box::leak(s.to_string().into_boxed_str());
    seen.push(x);
    x
}

const _: () = assert!(Class::ALL.len() <= MAX_CLASSES);

impl Classes {
    /// Reads `classes.tsv` lines, collecting errors with `path` and line.
    pub fn load(path: &Path, text: &str, errors: &mut Vec<LineError>) -> Classes {
        let mut out = Classes {
            lists: vec![Vec::new(); Class::ALL.len()],
            names: Class::ALL.iter().map(|c| c.name().to_string()).collect(),
            ..Classes::default()
        };
        let mut err = |line: usize, message: String| {
            errors.push(LineError {
                path: path.to_path_buf(),
                line: line as u64 + 1,
                message,
            })
        };
        let mut where_: FxHashMap<(u8, Box<str>), usize> = FxHashMap::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{FEFF}').trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("class\t") {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if fields.len() != 2 {
                err(
                    i,
                    format!("expected 2 tab-separated columns, found {}", fields.len()),
                );
                continue;
            }
            let name = fields[0];
            if !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                err(
                    i,
                    format!("class {name:?}: expected lowercase ASCII and '_'"),
                );
                continue;
            }
            let class = match out.id(name) {
                Some(c) => c,
                None if out.names.len() < MAX_CLASSES => {
                    out.names.push(name.to_string());
                    out.lists.push(Vec::new());
                    ClassId(out.names.len() as u8 - 1)
                }
                None => {
                    err(i, format!("more than {MAX_CLASSES} classes"));
                    continue;
                }
            };
            let multiword = Class::ALL
                .get(class.0 as usize)
                .is_some_and(|c| c.multiword());
            let form = normalize_form(fields[1]);
            if form.is_empty() {
                err(i, format!("form {:?} is empty once normalized", fields[1]));
                continue;
            }
            let one_token = form
                .split(' ')
                .all(|w| !w.is_empty() && w.chars().all(crate::normalize::is_word_char));
            if !one_token || (form.contains(' ') && !multiword) {
                err(
                    i,
                    format!(
                        "form {:?} can never match: class {name} holds single words, and the \
                         tokenizer splits it",
                        fields[1],
                    ),
                );
                continue;
            }
            if let Some(first) = where_.insert((class.0, form.clone().into()), i) {
                err(
                    i,
                    format!(
                        "form {:?} is already in class {name} (line {}; forms are compared \
                         normalized)",
                        fields[1],
                        first + 1
                    ),
                );
                continue;
            }
            *out.bits.entry(form.clone().into()).or_default() |= 1 << class.0;
            out.lists[class.0 as usize].push(form.into());
        }
        // Interned, so that tokens carry their clitic without a lifetime.
        let clitics: Vec<&'static str> =
            out.forms(Class::Clitic).iter().map(|f| intern(f)).collect();
        out.initials = clitics.iter().filter_map(|c| c.chars().next()).collect();
        out.initials.sort_unstable();
        out.initials.dedup();
        for c in clitics {
            if c.len() > 8 {
                errors.push(LineError {
                    path: path.to_path_buf(),
                    line: 0,
                    message: format!("clitic {c:?} is longer than 8 bytes"),
                });
                continue;
            }
            let mask = if c.len() == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * c.len())) - 1
            };
            out.clitic_keys.push(CliticKey {
                bytes: head(c.as_bytes()),
                mask,
                len: c.len(),
                form: c,
            });
        }
        for &c in Class::ALL {
            if out.lists[c as usize].is_empty() {
                errors.push(LineError {
                    path: path.to_path_buf(),
                    line: 0,
                    message: format!("class {} has no form", c.name()),
                });
            }
        }
        out
    }

    /// The class named `name`, engine's or pattern's.
    pub fn id(&self, name: &str) -> Option<ClassId> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| ClassId(i as u8))
    }

    /// The name of class `c`.
    pub fn name(&self, c: ClassId) -> &str {
        &self.names[c.0 as usize]
    }

    /// The classes `classes.tsv` added for patterns (not the engine's).
    pub fn pattern_classes(&self) -> impl Iterator<Item = ClassId> {
        (Class::ALL.len()..self.names.len()).map(|i| ClassId(i as u8))
    }

    /// Whether the normalized word `w` is in class `c` as it stands.
    #[inline]
    pub fn has(&self, w: &str, c: impl Into<ClassId>) -> bool {
        let c = c.into();
        self.bits.get(w).is_some_and(|b| b & (1 << c.0) != 0)
    }

    /// The first reading (clitic prefix, rest) of `splits` whose rest is in
    /// class `c`.
    pub fn find_in<'p, 'w>(
        &self,
        splits: &[(&'p str, &'w str)],
        c: impl Into<ClassId>,
    ) -> Option<(&'p str, &'w str)> {
        let c = c.into();
        splits.iter().copied().find(|&(_, rest)| self.has(rest, c))
    }

    /// Every clitic `word` begins with, in the order of the `clitic` class,
    /// passed to `f` with the rest of the word.
    #[inline]
    pub fn clitic_splits_into<'w>(&self, word: &'w str, mut f: impl FnMut(&'static str, &'w str)) {
        let w = head(word.as_bytes());
        for k in &self.clitic_keys {
            if k.len <= word.len() && w & k.mask == k.bytes && word.is_char_boundary(k.len) {
                f(k.form, &word[k.len..]);
            }
        }
    }

    /// The classes the word `w` belongs to as it stands, as bits by
    /// [`ClassId`]: one lookup for all classes.
    #[inline]
    pub fn bits(&self, w: &str) -> u128 {
        self.bits.get(w).copied().unwrap_or(0)
    }

    /// Whether the bits of [`Classes::bits`] hold class `c`.
    #[inline]
    pub fn bit(bits: u128, c: impl Into<ClassId>) -> bool {
        bits & (1 << c.into().0) != 0
    }

    /// Whether some clitic begins with `c`.
    #[inline]
    pub fn clitic_initial(&self, c: char) -> bool {
        self.initials.contains(&c)
    }

    /// The forms of class `c`, in file order.
    pub fn forms(&self, c: Class) -> &[Box<str>] {
        &self.lists[c as usize]
    }

    /// Whether `w` ends with a form of class `c`.
    pub fn ends(&self, w: &str, c: Class) -> bool {
        self.forms(c).iter().any(|f| w.ends_with(&**f))
    }

    /// Whether `w` starts with a form of class `c`.
    pub fn starts(&self, w: &str, c: Class) -> bool {
        self.forms(c).iter().any(|f| w.starts_with(&**f))
    }

    /// Whether `w` contains a form of class `c`.
    pub fn within(&self, w: &str, c: Class) -> bool {
        self.forms(c).iter().any(|f| w.contains(&**f))
    }

    /// Whether the two words `a b` make a form of the two-word class `c`.
    pub fn pair(&self, a: &str, b: &str, c: Class) -> bool {
        self.forms(c)
            .iter()
            .any(|f| f.split_once(' ').is_some_and(|(x, y)| x == a && y == b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Classes, Vec<String>) {
        let mut errors = Vec::new();
        let c = Classes::load(Path::new("classes.tsv"), text, &mut errors);
        (c, errors.iter().map(|e| e.to_string()).collect())
    }

    #[test]
    fn forms_are_normalized_at_load() {
        let (c, _) = load("class\tform\nquantity\tمئات\nrelative\tالذي\n");
        assert!(c.has("ميات", Class::Quantity), "hamza folds as in the text");
        assert!(c.has("الذي", Class::Relative));
        assert!(!c.has("الذي", Class::Quantity));
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let (_, errors) = load(
            "class\tform\n\
             Planet\tمريخ\n\
             direction\tجنوب شرقي\n\
             relative\tالتي\n\
             relative\tالتى\n\
             prep\n",
        );
        let has = |needle: &str| errors.iter().any(|e| e.contains(needle));
        assert!(
            has("classes.tsv: line 2: class \"Planet\": expected lowercase"),
            "{errors:?}"
        );
        assert!(
            has("line 3: form \"جنوب شرقي\" can never match"),
            "{errors:?}"
        );
        assert!(
            has("line 5: form \"التى\" is already in class relative (line 4"),
            "{errors:?}"
        );
        assert!(
            has("line 6: expected 2 tab-separated columns"),
            "{errors:?}"
        );
        assert!(has("class boundary has no form"), "{errors:?}");
    }

    #[test]
    fn two_word_classes_match_pairs() {
        let (c, _) = load("discourse_opener\tإلى ذلك\n");
        assert!(c.pair("الي", "ذلك", Class::DiscourseOpener));
        assert!(!c.pair("ذلك", "الي", Class::DiscourseOpener));
    }

    #[test]
    fn clitic_readings() {
        let (c, _) = load("their_state\tبلاده\n");
        let splits = [("", "وبلاده"), ("و", "بلاده")];
        assert_eq!(c.find_in(&splits, Class::TheirState), Some(("و", "بلاده")));
    }
}
