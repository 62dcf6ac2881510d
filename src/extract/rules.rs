//! The rules: from a sentence's items to relations.
//!
//! Two passes over a sentence. The first groups items into actor
//! [`Phrase`]s: a title with its state and the name after it
//! («وزير الخارجية الروسي سيرغي لافروف»), which also yields the standing
//! `leader_of` / `official_of` triple; an organ with its state
//! («وزارة الدفاع الأرمينية»); an anaphor resolved from the article's
//! memory («بلاده», «البلدين»); a plain actor. The second pass takes every
//! relation cue and finds its arguments by the cue's frame (active: SVO or
//! VSO; passive: patient before, agent after من; mutual: every pair joined
//! by بين, مع or a coordinated list), then its modality from the markers
//! before it in its clause.

use std::collections::HashSet;

use super::{
    ActorInfo, Cast, Raw,
    scan::{Item, Kind, WordSet, closed_class},
};
use crate::{
    lexicon::{Frame, Lexicon, Payload, Via},
    schema::{ActorType, Modality, Relation},
};

crate::word_set!(TOPIC_PREPS_SET = TOPIC_PREPS);
crate::word_set!(BOUNDARIES_SET = BOUNDARIES);
crate::word_set!(THEIR_STATE_SET = THEIR_STATE);
crate::word_set!(THE_TWO_SET = THE_TWO);
crate::word_set!(THE_LATTER_SET = THE_LATTER);
crate::word_set!(THE_FORMER_SET = THE_FORMER);
crate::word_set!(WE_SET = WE);
crate::word_set!(THE_ORG_SET = THE_ORG);
crate::word_set!(THE_PLACE_SET = THE_PLACE);
crate::word_set!(COUNTERPART_SET = COUNTERPART);
crate::word_set!(INSTITUTIONS_SET = INSTITUTIONS);
crate::word_set!(HONORIFICS_SET = HONORIFICS);
crate::word_set!(CONDITIONALS_SET = CONDITIONALS);
crate::word_set!(STOPWORDS_SET = STOPWORDS);
crate::word_set!(COMPLEMENTIZERS_SET = COMPLEMENTIZERS);
crate::word_set!(TRANSPARENT_SET = TRANSPARENT);
crate::word_set!(RELATIVES_SET = RELATIVES);
crate::word_set!(DIRECTIONS_SET = DIRECTIONS);
crate::word_set!(TIME_PREPS_SET = TIME_PREPS);

/// Clitics a short name may carry («ولافروف», «لبوتين»).
const CLITICS_FOR_NAMES: &[&str] = &["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل"];

/// Prepositions written as words (normalized).
const PREPS: &[&str] = &[
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "مع",
    "ضد",
    "بين",
    "لدي",
    "نحو",
    "تجاه",
    "قرب",
    "عند",
    "داخل",
    "خارج",
    "لصالح",
];

/// Words after which an actor is a topic, time or place, not a party.
const TOPIC_PREPS: &[&str] = &[
    "بشان",
    "حول",
    "حيال",
    "ازاء",
    "بخصوص",
    "خلال",
    "عبر",
    "بعد",
    "قبل",
    "منذ",
    "حتي",
    "اجل",
    "بموجب",
    "اطار",
    "اثر",
    "اعقاب",
    "اعتبار",
    "باستثناء",
    "سوي",
];

/// «إن / أن» and kin: a reported clause with its own subject begins.
const COMPLEMENTIZERS: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "بان",
    "لان",
    "وان",
    "فان",
    "انهم",
    "انهما",
];

/// Words that open a condition.
const CONDITIONALS: &[&str] = &["اذا", "لو", "لولا", "حال", "حاله"];

/// Topic prepositions of time: their phrase is skipped, not a stop.
const TIME_PREPS: &[&str] = &["منذ", "خلال", "بعد", "قبل", "حتي"];

/// Words that open a new clause: the subject search stops there.
const BOUNDARIES: &[&str] = &[
    "لكن",
    "كما",
    "لكنه",
    "لكنها",
    "لكنهما",
    "لكنهم",
    "ولكن",
    "بينما",
    "فيما",
    "حيث",
    "اذ",
    "بيد",
    "غير",
    "الا",
    "اما",
    "ثم",
    "بل",
];

/// Nouns of institutions: between a title and its state they make the
/// office a post inside a body (`official_of`), and they never start a name.
const INSTITUTIONS: &[&str] = &[
    "لجنه",
    "مجلس",
    "هييه",
    "جهاز",
    "مكتب",
    "موسسه",
    "شركه",
    "منظمه",
    "حركه",
    "حزب",
    "جماعه",
    "قوات",
    "اداره",
    "دايره",
    "وكاله",
    "مركز",
    "جمعيه",
    "اتحاد",
    "رابطه",
    "بعثه",
    "وفد",
    "قسم",
    "صناعات",
    "الصناعات",
    "اركان",
    "هييه",
    "لواء",
    "فرقه",
    "كتيبه",
    "سلاح",
    "الجيش",
    "جيش",
    "الشرطه",
    "الامن",
    "الاستخبارات",
    "المخابرات",
    "الدفاع",
    "الخارجيه",
    "الداخليه",
    "الماليه",
    "الاقتصاد",
    "العدل",
    "الطاقه",
    "النفط",
    "التجاره",
    "الصحه",
    "الاعلام",
    "الثقافه",
    "البرلمان",
    "الدوما",
    "الكونغرس",
];

/// Nouns that stand for their state: «رئيس جمهورية X» heads X.
const TRANSPARENT: &[&str] = &[
    "جمهوريه",
    "دوله",
    "مملكه",
    "اماره",
    "سلطنه",
    "حكومه",
    "اقليم",
    "العام",
    "الاعلي",
    "الاول",
    "السابق",
    "الاسبق",
    "الحالي",
    "المؤقت",
    "المكلف",
    "المنتخب",
    "الجديد",
    "المخلوع",
    "الراحل",
    "الانتقالي",
    "الفخري",
];

/// Words that never begin or continue a person's name.
const STOPWORDS: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "الي",
    "في",
    "من",
    "علي",
    "عن",
    "مع",
    "قد",
    "لقد",
    "وقد",
    "ما",
    "لا",
    "لم",
    "لن",
    "كان",
    "كانت",
    "امس",
    "اليوم",
    "يوم",
    "الذي",
    "التي",
    "الذين",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "خلال",
    "بعد",
    "قبل",
    "عبر",
    "حول",
    "بشان",
    "لدي",
    "ايضا",
    "كما",
    "او",
    "ثم",
    "حيث",
    "قال",
    "قالت",
    "وقال",
    "وقالت",
    "اكد",
    "اكدت",
    "اعلن",
    "اعلنت",
    "اضاف",
    "اضافت",
    "اوضح",
    "اشار",
    "ذكر",
    "صرح",
    "عقب",
    "اثر",
    "منذ",
    "الجمعه",
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "مساء",
    "صباح",
    "اليوم",
    "الماضي",
    "الفايت",
    "الحالي",
    "المقبل",
    "بان",
    "لان",
    "كل",
    "جميع",
    "بعض",
    "عدد",
    "نحو",
    "الا",
    "غير",
    "هو",
    "هي",
    "هم",
    "نحن",
    "انا",
    "له",
    "لها",
    "به",
    "بها",
    "فيه",
    "فيها",
    "عليه",
    "عليها",
    "منه",
    "منها",
    "اي",
    "تم",
    "ليس",
    "بين",
    "ضد",
    "عند",
    "حتي",
    "اذا",
    "لو",
    "كذلك",
    "وذلك",
    "فقط",
    "مجددا",
    "سابق",
    "وقت",
    "العاصمه",
    "مدينه",
    "بلاده",
];

/// Relative pronouns: a clause about the noun before them begins.
const RELATIVES: &[&str] = &[
    "التي",
    "الذي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللتان",
    "اللذان",
    "اللواتي",
    "اللاتي",
];

/// Honorifics and ranks that stand between a title and a name.
const HONORIFICS: &[&str] = &[
    "الجنرال",
    "اللواء",
    "العميد",
    "العقيد",
    "المقدم",
    "الرائد",
    "النقيب",
    "المشير",
    "الفريق",
    "الاميرال",
    "الدكتور",
    "د",
    "الشيخ",
    "السيد",
    "السيده",
    "الامير",
    "الاميره",
    "المهندس",
    "الاستاذ",
    "القاضي",
    "الحاخام",
    "المطران",
    "البطريرك",
    "الملا",
    "حجه",
];

/// «بلاده»: the state of the person or state in play.
const THEIR_STATE: &[&str] = &[
    "بلاده",
    "بلادها",
    "دولته",
    "دولتها",
    "حكومته",
    "حكومتها",
    "بلادهم",
];
/// «البلدين»: the two states in play.
const THE_TWO: &[&str] = &[
    "البلدين",
    "البلدان",
    "بلدين",
    "الدولتين",
    "الدولتان",
    "دولتين",
    "الطرفين",
    "الطرفان",
    "طرفين",
    "الجانبين",
    "الجانبان",
    "جانبين",
];
/// «الأخيرة»: the actor named just before, other than the subject.
const THE_LATTER: &[&str] = &["الاخيره", "الاخير"];
/// «الأول»: of the two actors named last, the first.
const THE_FORMER: &[&str] = &["الاول", "الاولي"];
/// «نحن»: the speaker's state.
const WE: &[&str] = &["نحن"];
/// «المنظمة», «الحلف»: the organization named last.
const THE_ORG: &[&str] = &["المنظمه", "الحلف", "التحالف"];
/// «الإقليم», «المنطقة المتنازع عليها»: the place named last.
const THE_PLACE: &[&str] = &["الاقليم"];
/// What an actor holds, standing for it after a preposition: «على مواقع
/// المقاومة», «قرب مقر الحكومة».
const HOLDINGS: &[&str] = &[
    "مواقع",
    "موقع",
    "مقر",
    "مقرات",
    "مراكز",
    "مركز",
    "معاقل",
    "تمركزات",
    "ثكنات",
    "مخازن",
    "قواعد",
    "اهداف",
    "دوريه",
    "دوريات",
    "قوافل",
    "قافله",
    "صفوف",
];
crate::word_set!(HOLDINGS_SET = HOLDINGS);
/// Verbs of saying that open a clause with its speaker.
const SPEECH_VERBS: &[&str] = &[
    "قال",
    "قالت",
    "اكد",
    "اكدت",
    "اعلن",
    "اعلنت",
    "اضاف",
    "اضافت",
    "اوضح",
    "اوضحت",
    "ذكر",
    "ذكرت",
    "صرح",
    "صرحت",
    "اعتبر",
    "اعتبرت",
    "شدد",
    "شددت",
    "دعا",
    "دعت",
    "اشار",
    "اشارت",
];
crate::word_set!(SPEECH_VERBS_SET = SPEECH_VERBS);
/// A preposition with a pronoun right after a verb, standing for its
/// object: «تسيطر عليها».
const RESUMPTIVE_PREPS: &[&str] = &[
    "عليها",
    "عليه",
    "عليهم",
    "بها",
    "به",
    "بهم",
    "فيها",
    "فيه",
    "منها",
    "منه",
    "اليها",
    "اليه",
];
/// Units a quantity of goods is counted in: «50 طناً من المساعدات».
const MEASURES: &[&str] = &[
    "طن",
    "طنا",
    "اطنان",
    "شحنه",
    "شحنات",
    "كميه",
    "كميات",
    "قافله",
    "قوافل",
    "مليون",
    "ملايين",
    "مليار",
    "دولار",
    "يورو",
    "الف",
    "الاف",
    "حزمه",
    "دفعه",
    "سله",
    "سلال",
    "شاحنه",
    "شاحنات",
];
crate::word_set!(MEASURES_SET = MEASURES);
/// Nouns whose genitive names a kind of act, not one act.
const KINDS_OF_ACTS: &[&str] = &[
    "قضيه",
    "قضايا",
    "جرائم",
    "حوادث",
    "قائمه",
    "ملف",
    "مسلسل",
    "سياسه",
    "موجه",
    "ظاهره",
    "اعمال",
];
/// Number words that count the people a noun's genitive names.
const QUANTITIES: &[&str] = &[
    "اثنين",
    "اثنان",
    "ثلاث",
    "ثلاثه",
    "اربع",
    "اربعه",
    "خمس",
    "خمسه",
    "ست",
    "سته",
    "سبع",
    "سبعه",
    "ثماني",
    "ثمانيه",
    "ثمان",
    "تسع",
    "تسعه",
    "عشر",
    "عشره",
    "عشرات",
    "مئات",
    "الاف",
    "عشرين",
    "عشرون",
    "ثلاثين",
    "اربعين",
    "خمسين",
    "مائه",
    "مئه",
    "نحو",
    "حوالي",
    "قرابه",
    "عدد",
    "عده",
    "بضعه",
    "بضع",
    "احد",
    "احدي",
];
crate::word_set!(QUANTITIES_SET = QUANTITIES);
/// Nouns that name armed units and camps in the construct state, before
/// their proper name.
const UNIT_HEADS: &[&str] = &[
    "لواء",
    "الويه",
    "كتيبه",
    "كتائب",
    "سرايا",
    "فيلق",
    "ميليشيا",
    "مليشيا",
    "معسكر",
    "مخيم",
    "قاعده",
];
crate::word_set!(UNIT_HEADS_SET = UNIT_HEADS);
const CAMP_HEADS: &[&str] = &["معسكر", "مخيم", "قاعده"];
/// Nouns that are part of a place's name: «تل الشيخ حسين», «جبل التركمان».
const HILL_HEADS: &[&str] = &["تل", "تله", "جبل", "وادي", "سهل"];
crate::word_set!(HILL_HEADS_SET = HILL_HEADS);
/// Nouns before a town's name: «بلدة كفر داعل», «قرية دوما».
const TOWN_HEADS: &[&str] = &["مدينه", "بلده", "قريه", "حي", "بلدات", "قري"];
crate::word_set!(TOWN_HEADS_SET = TOWN_HEADS);
/// «نظيره»: a person holding the same office elsewhere.
const COUNTERPART: &[&str] = &["نظيره", "نظيرته", "نظيرها", "نظيرتها", "نظراءه", "نظرايه"];

/// Relations whose objects may stand after في (places).
fn locative(r: Relation) -> bool {
    matches!(
        r,
        Relation::DeployedIn | Relation::Controls | Relation::PartOf | Relation::MemberOf
    )
}

/// What an item means after lexicon lookup and closed classes.
#[derive(Clone, Debug)]
enum Mean {
    Actor(ActorInfo, Via),
    Role { relation: Relation, plural: bool },
    Counterpart,
    Organ(u32, bool),
    TheirState,
    TheTwo,
    Latter,
    Former,
    We,
    TheOrg,
    ThePlace,
    Prep(&'static str),
    TopicPrep,
    Relative,
    Boundary,
    Word,
    Punct(char),
}

/// Actors that the text groups as one argument.
#[derive(Clone, Debug)]
struct Phrase {
    actors: Vec<ActorInfo>,
    first: usize,
    last: usize,
    /// The preposition governing it (a clitic ب ل ك or a word before it).
    prep: Option<&'static str>,
    /// A nisba used as an adjective after a noun (قاعدة تركية).
    adjectival: bool,
    /// Index of the coordinated group it belongs to.
    group: usize,
}

struct Sentence<'a, 'l> {
    text: &'a str,
    items: &'a [Item],
    lex: &'l Lexicon,
    /// The article's year, when its date is known.
    year: Option<u32>,
    means: Vec<Mean>,
    cues: Vec<Vec<(Relation, Frame, bool)>>,
    modals: Vec<Option<Modality>>,
    /// Items that anchor an event (casualties, scene, source).
    anchors: Vec<usize>,
    /// Items that block the cue inside them (metaphors, idioms).
    blocks: Vec<usize>,
    /// Whether the lexicon defines anchors at all.
    has_anchors: bool,
    phrases: Vec<Phrase>,
    /// For each item, the phrase covering it.
    phrase_at: Vec<Option<usize>>,
    out: Vec<Raw>,
}

/// Applies every rule to one sentence's items.
pub(super) fn sentence(text: &str, items: &[Item], lex: &Lexicon, cast: &mut Cast<'_>) -> Vec<Raw> {
    let mut s = Sentence::read(text, items, lex, cast);
    s.relations();
    s.places_within();
    s.analysts_speak();
    if let Some(p) = s.phrases.iter().find(|p| p.prep.is_none() && !p.adjectival) {
        cast.topic = p.actors.first().cloned();
    }
    for p in &s.phrases {
        for a in &p.actors {
            cast.saw(a);
        }
    }
    let pair = (0..s.phrases.len())
        .filter(|&k| k == 0 || s.phrases[k - 1].group != s.phrases[k].group)
        .map(|k| s.group_actors(k))
        .rfind(|g| {
            g.len() == 2
                && g.iter().all(|a| {
                    matches!(
                        a.kind,
                        ActorType::State | ActorType::Organization | ActorType::Group
                    )
                })
        });
    if pair.is_some() {
        cast.pair = pair;
        cast.pair_age = 0;
    } else {
        cast.pair_age += 1;
    }
    s.out
}

/// A line per item and per phrase, for `newsgraph explain`: what each word
/// was read as, in words a lexicon editor uses, never Rust's debug output.
pub(super) fn describe(text: &str, items: &[Item], lex: &Lexicon, cast: &mut Cast<'_>) -> String {
    let s = Sentence::read(text, items, lex, cast);
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        let mut notes = vec![mean_label(&s.means[i], lex)];
        if !it.prefix.is_empty() {
            notes.push(format!("clitic {}", it.prefix));
        }
        for (relation, frame, nominal) in &s.cues[i] {
            let pos = if *nominal { "noun" } else { "verb" };
            let frame = match frame {
                Frame::Active => "active",
                Frame::Passive => "passive",
                Frame::Mutual => "mutual",
            };
            notes.push(format!("cue {relation} ({frame} {pos})"));
        }
        if let Some(m) = s.modals[i] {
            notes.push(format!("marks {m}"));
        }
        notes.retain(|n| !n.is_empty());
        let line = format!("  {i:>3} {:<20} {}", s.word(i), notes.join("; "));
        out += line.trim_end();
        out.push('\n');
    }
    for p in &s.phrases {
        let ids: Vec<&str> = p.actors.iter().map(|a| a.id.as_str()).collect();
        let mut notes = vec![format!("group {}", p.group)];
        if let Some(prep) = p.prep {
            notes.push(format!("after {prep}"));
        }
        if p.adjectival {
            notes.push("adjective".into());
        }
        out += &format!(
            "  phrase {}..{}: {} ({})\n",
            p.first,
            p.last,
            ids.join(", "),
            notes.join(", ")
        );
    }
    out
}

/// What an item means, as `explain` prints it; empty for a plain word.
fn mean_label(m: &Mean, lex: &Lexicon) -> String {
    let actor = |i: &u32| lex.actors.get(*i as usize).map_or("?", |a| a.id.as_str());
    match m {
        Mean::Actor(a, via) => {
            let via = match via {
                Via::Name => "name",
                Via::Nisba => "nisba",
                Via::Metonym => "metonym",
            };
            format!("actor {} ({via})", a.id)
        }
        Mean::Role { relation, plural } => {
            format!("title {relation}{}", if *plural { " (plural)" } else { "" })
        }
        Mean::Counterpart => "counterpart («نظيره»)".into(),
        Mean::Organ(i, group) => {
            let what = if *group { "group" } else { "organ" };
            format!("{what} {}", actor(i))
        }
        Mean::TheirState => "anaphor: their state («بلاده»)".into(),
        Mean::TheTwo => "anaphor: the two («البلدين»)".into(),
        Mean::Latter => "anaphor: the latter".into(),
        Mean::Former => "anaphor: the former".into(),
        Mean::We => "first person".into(),
        Mean::TheOrg => "anaphor: the organization".into(),
        Mean::ThePlace => "anaphor: the place".into(),
        Mean::Prep(p) => format!("preposition {p}"),
        Mean::TopicPrep => "preposition of topic («بشأن»)".into(),
        Mean::Relative => "relative pronoun".into(),
        Mean::Boundary => "clause boundary".into(),
        Mean::Word => String::new(),
        Mean::Punct(_) => "punctuation".into(),
    }
}

impl<'a, 'l> Sentence<'a, 'l> {
    /// Classifies the items and builds and groups the actor phrases.
    fn read(
        text: &'a str,
        items: &'a [Item],
        lex: &'l Lexicon,
        cast: &mut Cast<'_>,
    ) -> Sentence<'a, 'l> {
        let mut s = Sentence {
            text,
            items,
            lex,
            year: cast.year,
            means: Vec::with_capacity(items.len()),
            cues: vec![Vec::new(); items.len()],
            modals: vec![None; items.len()],
            anchors: Vec::new(),
            blocks: Vec::new(),
            has_anchors: lex.has_anchors(),
            phrases: Vec::new(),
            phrase_at: vec![None; items.len()],
            out: Vec::new(),
        };
        s.classify(cast);
        s.build_phrases(cast);
        s.group();
        s
    }

    fn word(&self, i: usize) -> &'a str {
        &self.text[self.items[i].range.start..self.items[i].range.end]
    }

    fn classify(&mut self, cast: &mut Cast<'_>) {
        for (i, it) in self.items.iter().enumerate() {
            let m = match &it.kind {
                Kind::Punct(c) => Mean::Punct(*c),
                Kind::Hit(f) => {
                    let ps = self.lex.gazetteer.payloads(*f);
                    for p in ps {
                        match *p {
                            Payload::Cue {
                                relation,
                                frame,
                                nominal,
                                ..
                            } => self.cues[i].push((relation, frame, nominal)),
                            Payload::Modal(m) => self.modals[i] = Some(m),
                            Payload::Anchor => self.anchors.push(i),
                            Payload::Block => self.blocks.push(i),
                            _ => {}
                        }
                    }
                    let main = ps.iter().find_map(|p| match *p {
                        Payload::Actor { actor, via } => {
                            let a = cast.known(actor);
                            // «السورية» is the nisba, not «سورية» the state
                            // with an article no state name takes.
                            let via = if via == Via::Name
                                && a.kind == ActorType::State
                                && it.prefix.ends_with("ال")
                            {
                                Via::Nisba
                            } else {
                                via
                            };
                            Some(Mean::Actor(a, via))
                        }
                        _ => None,
                    });
                    let main = main.or_else(|| {
                        ps.iter().find_map(|p| match *p {
                            Payload::Role { relation, plural } => {
                                Some(Mean::Role { relation, plural })
                            }
                            Payload::Organ { actor, group } => Some(Mean::Organ(actor, group)),
                            _ => None,
                        })
                    });
                    main.unwrap_or(Mean::Word)
                }
                Kind::Word => self.closed_word(i, cast),
            };
            self.means.push(m);
        }
    }

    fn closed_word(&self, i: usize, cast: &Cast<'_>) -> Mean {
        let w = self.word(i);
        // «الموالين لصالح» in an article about Ali Abdullah Saleh is «ل»
        // and his name, not «لصالح» (in favour of).
        if let Some(a) = w.strip_prefix('ل').and_then(|rest| cast.aliases.get(rest)) {
            return Mean::Actor(a.clone(), Via::Name);
        }
        if let Some(p) = PREPS.iter().find(|p| **p == w) {
            return Mean::Prep(p);
        }
        if RELATIVES_SET.contains(w) {
            return Mean::Relative;
        }
        let classes: [(&WordSet, Mean); 10] = [
            (&TOPIC_PREPS_SET, Mean::TopicPrep),
            (&BOUNDARIES_SET, Mean::Boundary),
            (&THEIR_STATE_SET, Mean::TheirState),
            (&THE_TWO_SET, Mean::TheTwo),
            (&THE_LATTER_SET, Mean::Latter),
            (&THE_FORMER_SET, Mean::Former),
            (&WE_SET, Mean::We),
            (&THE_ORG_SET, Mean::TheOrg),
            (&THE_PLACE_SET, Mean::ThePlace),
            (&COUNTERPART_SET, Mean::Counterpart),
        ];
        let splits = crate::extract::scan::clitic_splits(w);
        for (set, m) in classes {
            if set.find_in(&splits).is_some() {
                return m;
            }
        }
        if closed_class(w, &["كلا"]).is_some() {
            return Mean::Word;
        }
        // «التنظيم» where the article names «تنظيم داعش».
        if !cast.heads.is_empty() {
            let body = splits.iter().find_map(|&(p, rest)| {
                if !(p.ends_with("ال") || p.ends_with("لل")) {
                    return None;
                }
                cast.heads.get(rest).cloned().flatten()
            });
            if let Some(a) = body {
                return Mean::Actor(a, Via::Name);
            }
        }
        if let Some(a) = self.person_alias(w, cast) {
            return Mean::Actor(a, Via::Name);
        }
        Mean::Word
    }

    /// A word that is a person named earlier in the article: their short
    /// name, or a one-letter typo of a name word (بيسكونف for بيسكوف).
    fn person_alias(&self, w: &str, cast: &Cast<'_>) -> Option<ActorInfo> {
        if cast.persons.is_empty() {
            return None;
        }
        for p in CLITICS_FOR_NAMES {
            if let Some(a) = w.strip_prefix(p).and_then(|rest| cast.aliases.get(rest)) {
                return Some(a.clone());
            }
        }
        let n = w.chars().count();
        if n < 5 || STOPWORDS_SET.contains(w) || self.lex.is_common(w) {
            return None;
        }
        // A typo changes one letter: only names of about the same length
        // can be one edit away, and the check is cheap before the distance.
        cast.persons
            .iter()
            .find(|(ws, _)| {
                ws.iter().any(|x| {
                    let m = x.chars().count();
                    // One edit of a word of five letters or more keeps its
                    // first or its last letter: a cheap test before the
                    // distance.
                    m >= 5
                        && m.abs_diff(n) <= 1
                        && (x.chars().next() == w.chars().next()
                            || x.chars().next_back() == w.chars().next_back())
                        && strsim::damerau_levenshtein(x, w) == 1
                })
            })
            .map(|(_, a)| a.clone())
    }

    fn prep_before(&self, first: usize) -> Option<&'static str> {
        // A short name the article's memory resolved carries its clitic in
        // the word: «لصالح» is ل + Saleh.
        if let (Kind::Word, Mean::Actor(a, _)) = (&self.items[first].kind, &self.means[first]) {
            let w = self.word(first);
            if !a.label.contains(w) {
                if w.starts_with('ل') {
                    return Some("ل");
                }
                if w.starts_with('ب') {
                    return Some("ب");
                }
            }
        }
        match self.items[first].prep() {
            Some('ب') => return Some("ب"),
            Some('ل') => return Some("ل"),
            Some(_) => return Some("ك"),
            None => {}
        }
        // «خلال قمة طهران»: an actor in the genitive of a topic or time
        // phrase is part of it.
        if (first.saturating_sub(2)..first).any(|k| matches!(self.means[k], Mean::TopicPrep))
            && (first.saturating_sub(2)..first)
                .all(|k| matches!(self.means[k], Mean::TopicPrep | Mean::Word))
        {
            return Some("topic");
        }
        let mut j = first;
        // A preposition may stand one word before: «من حدود أرمينيا» is not,
        // but «في مدينة شوشا» is, through the place noun.
        for _ in 0..3 {
            if j == 0 {
                return None;
            }
            j -= 1;
            match &self.means[j] {
                // «مع كل من أذربيجان»: the preposition before «كل من».
                Mean::Prep("من") if j > 0 && closed_class(self.word(j - 1), &["كل"]).is_some() =>
                {
                    j -= 1;
                    continue;
                }
                Mean::Prep(p) => return Some(p),
                Mean::TopicPrep => return Some("topic"),
                Mean::Word if j + 1 == first && is_place_noun(self.word(j)) => continue,
                // «على مواقع المقاومة»: the positions of an actor stand for it.
                Mean::Word if j + 1 == first && HOLDINGS_SET.find(self.word(j)).is_some() => {
                    continue;
                }
                // «في شمال غرب سوريا»
                Mean::Word if DIRECTIONS_SET.contains(self.word(j)) => continue,
                Mean::Word if closed_class(self.word(j), &["كل"]).is_some() => continue,
                _ => return None,
            }
        }
        None
    }

    fn push_phrase(&mut self, actors: Vec<ActorInfo>, first: usize, last: usize, adjectival: bool) {
        if actors.is_empty() {
            return;
        }
        let prep = self.prep_before(first);
        let idx = self.phrases.len();
        for k in first..=last {
            self.phrase_at[k] = Some(idx);
        }
        self.phrases.push(Phrase {
            actors,
            first,
            last,
            prep,
            adjectival,
            group: idx,
        });
    }

    fn build_phrases(&mut self, cast: &mut Cast<'_>) {
        let n = self.items.len();
        let mut i = 0;
        while i < n {
            if let Some((a, end)) = self.unit_name(i) {
                self.push_phrase(vec![a], i, end - 1, false);
                i = end;
                continue;
            }
            match self.means[i].clone() {
                Mean::Role { relation, plural } => {
                    i = self.role_phrase(i, Some(relation), plural, cast);
                    continue;
                }
                Mean::Counterpart => {
                    // «نظيره الإيراني حسن روحاني»: the office of the person in
                    // play, if the article said what it is.
                    let holder = self
                        .phrases
                        .iter()
                        .rev()
                        .flat_map(|p| p.actors.iter())
                        .find(|a| a.kind == ActorType::Person)
                        .cloned()
                        .or_else(|| cast.topic.clone());
                    let rel = holder.and_then(|h| {
                        cast.roles
                            .iter()
                            .find(|(_, p)| p.id == h.id)
                            .map(|((r, _), _)| *r)
                    });
                    i = self.role_phrase(i, rel, false, cast);
                    continue;
                }
                Mean::Organ(g, group) => {
                    i = self.organ_phrase(i, g, group, cast);
                    continue;
                }
                Mean::Actor(a, via) => {
                    let adjectival = via == Via::Nisba
                        && i > 0
                        && matches!(self.means[i - 1], Mean::Word)
                        && self.items[i].prefix.is_empty()
                        && !self.cues[i - 1].is_empty()
                        || (via == Via::Nisba
                            && i > 1
                            && matches!(self.means[i - 1], Mean::Word)
                            && !self.cues[i - 2].is_empty());
                    if a.kind == ActorType::Person {
                        let words: Vec<String> = self.text
                            [self.items[i].form_start..self.items[i].range.end]
                            .split(' ')
                            .map(String::from)
                            .collect();
                        cast.remember_person(&a, &words);
                    }
                    self.push_phrase(vec![a], i, i, adjectival);
                }
                Mean::TheirState => {
                    if let Some(st) = self.their_state(cast) {
                        self.push_phrase(vec![st], i, i, false);
                    }
                }
                Mean::We => {
                    let st = cast.topic.as_ref().and_then(|t| cast.state_of(t));
                    if let Some(st) = st {
                        self.push_phrase(vec![st], i, i, false);
                    }
                }
                Mean::TheTwo => {
                    // «البلدين» are two states; «الطرفين», «الجانبين» any two
                    // parties: states, bodies or armed groups.
                    let parties = ["طرف", "جانب"].iter().any(|p| self.word(i).contains(p));
                    let named_together =
                        cast.pair.clone().filter(|_| parties && cast.pair_age <= 2);
                    let states: Vec<ActorInfo> = named_together.unwrap_or_else(|| {
                        self.phrases
                            .iter()
                            .rev()
                            .flat_map(|p| p.actors.iter().rev())
                            .chain(cast.recent.iter().rev())
                            .filter(|a| {
                                a.kind == ActorType::State
                                    || (parties
                                        && matches!(
                                            a.kind,
                                            ActorType::Organization | ActorType::Group
                                        ))
                            })
                            .fold(Vec::<ActorInfo>::new(), |mut acc, a| {
                                if acc.len() < 2 && !acc.iter().any(|x| x.id == a.id) {
                                    acc.push(a.clone());
                                }
                                acc
                            })
                    });
                    if states.len() == 2 {
                        self.push_phrase(states, i, i, false);
                    }
                }
                Mean::Latter => {
                    let subj = self
                        .phrases
                        .iter()
                        .find(|p| p.prep.is_none())
                        .and_then(|p| p.actors.first().map(|a| a.id.clone()));
                    let prev = cast
                        .recent
                        .iter()
                        .rev()
                        .find(|a| {
                            matches!(a.kind, ActorType::State | ActorType::Organization)
                                && Some(&a.id) != subj.as_ref()
                        })
                        .cloned();
                    if let Some(a) = prev {
                        self.push_phrase(vec![a], i, i, false);
                    }
                }
                Mean::Former => {
                    // «الأول» stands for an actor only right after a pair was
                    // named («... روسيا وتركيا، وقال الأول»), not as «the first».
                    let here: Vec<ActorInfo> = self
                        .phrases
                        .iter()
                        .rev()
                        .flat_map(|p| p.actors.iter().rev())
                        .cloned()
                        .collect();
                    let two: Vec<ActorInfo> = here
                        .into_iter()
                        .chain(cast.recent.iter().rev().cloned())
                        .take(2)
                        .collect();
                    let after_speech = i > 0
                        && matches!(self.means[i - 1], Mean::Word)
                        && closed_class(
                            self.word(i - 1),
                            &["قال", "اكد", "اضاف", "اعلن", "اعتبر", "راي", "اوضح", "ذكر"],
                        )
                        .is_some();
                    if two.len() == 2 && after_speech {
                        self.push_phrase(vec![two[1].clone()], i, i, false);
                    }
                }
                Mean::TheOrg | Mean::ThePlace => {
                    // «المنظمة», «الإقليم»: the organization or place named last.
                    let kind = if matches!(self.means[i], Mean::TheOrg) {
                        ActorType::Organization
                    } else {
                        ActorType::Place
                    };
                    if let Some(a) = cast.recent.iter().rev().find(|a| a.kind == kind).cloned() {
                        self.push_phrase(vec![a], i, i, false);
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// The state of whoever the sentence is about so far, else of the
    /// article's topic: «قال لافروف إن بلاده» is Russia.
    fn their_state(&self, cast: &Cast<'_>) -> Option<ActorInfo> {
        // The person named last speaks of their own country («وزير خارجية
        // البحرين ... دعم بلاده»); else the sentence's or article's subject.
        self.phrases
            .iter()
            .rev()
            .flat_map(|p| p.actors.iter())
            .find(|a| a.kind == ActorType::Person)
            .and_then(|a| cast.state_of(a))
            .or_else(|| {
                self.phrases
                    .iter()
                    .find(|p| p.prep.is_none() && !p.adjectival)
                    .and_then(|p| p.actors.first())
                    .and_then(|a| cast.state_of(a))
            })
            .or_else(|| cast.topic.as_ref().and_then(|t| cast.state_of(t)))
    }

    /// An organ followed by its state (nisba or genitive name) is the state;
    /// with a pronoun suffix it is the state named last; alone, a group.
    fn organ_phrase(&mut self, i: usize, g: u32, group: bool, cast: &mut Cast<'_>) -> usize {
        let n = self.items.len();
        let mut j = i + 1;
        let mut words = 0;
        while j < n && words <= 2 {
            match &self.means[j] {
                Mean::Actor(a, via)
                    if a.kind != ActorType::Person
                        && (*via != Via::Name
                            || self.items[j].prefix.is_empty()
                            || self.items[j].prefix == "ل"
                            || self.items[j].prefix == "لل") =>
                {
                    // «قوات الناتو», «المسلحون الحوثيون»: a body or group
                    // named after the organ is that actor; a state makes a
                    // state organ the state and a group that state's group.
                    let actor = match cast.state_of(a) {
                        Some(st)
                            if a.kind == ActorType::State
                                || (a.kind == ActorType::Place && !group) =>
                        {
                            if group {
                                national_group(&cast.known(g), &st)
                            } else {
                                st
                            }
                        }
                        _ => a.clone(),
                    };
                    if !group && actor.kind == ActorType::State {
                        cast.organs.insert(g, actor.clone());
                    }
                    self.push_phrase(vec![actor], i, j, false);
                    return j + 1;
                }
                Mean::TheirState => {
                    if let Some(st) = self.their_state(cast) {
                        self.push_phrase(vec![st], i, j, false);
                        return j + 1;
                    }
                    break;
                }
                // «قوات الأسد», «طيران نظام الأسد»: a leader's forces are
                // his state's.
                Mean::Actor(a, _)
                    if a.kind == ActorType::Person
                        && !group
                        && (i + 1..j).all(|k| matches!(self.means[k], Mean::Organ(..))) =>
                {
                    if let Some(st) = cast.state_of(a) {
                        self.push_phrase(vec![st], i, j, false);
                        return j + 1;
                    }
                    break;
                }
                // «المقاومة والجيش لهجوم الحوثيين»: a new conjunct or a
                // cue ends the organ's phrase.
                // («قوات الاحتلال الإسرائيلي» goes on through its noun).
                _ if self.items[j].prefix.starts_with('و')
                    || self.cues[j].iter().any(|&(_, _, nominal)| {
                        self.items[j].has_prep()
                            || !(nominal || self.items[j].prefix.ends_with("ال"))
                    }) =>
                {
                    break;
                }
                Mean::Organ(..) => {}
                Mean::Word if !STOPWORDS_SET.contains(self.word(j)) => words += 1,
                // «القوات المسلحة في شرقي ليبيا»: a state organ placed in a
                // state is that state's.
                Mean::Prep("في") if !group && words == 0 => {
                    let mut k = j + 1;
                    while k < n
                        && matches!(self.means[k], Mean::Word)
                        && DIRECTIONS_SET.contains(self.word(k))
                    {
                        k += 1;
                    }
                    match self.means.get(k) {
                        Some(Mean::Actor(a, Via::Name)) if a.kind == ActorType::State => {
                            let st = a.clone();
                            self.push_phrase(vec![st], i, k, false);
                            return k + 1;
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
            j += 1;
        }
        if self.items[i].suffix_len > 0 {
            if let Some(st) = cast
                .recent
                .iter()
                .rev()
                .find(|a| a.kind == ActorType::State)
                .cloned()
            {
                self.push_phrase(vec![st], i, i, false);
                return i + 1;
            }
        }
        // «النظام» after «النظام السوري»: the organ the article already
        // tied to a state; «طيران النظام»: the inner organ's.
        let last = (i + 1..j)
            .take_while(|&k| matches!(self.means[k], Mean::Organ(..)))
            .last()
            .unwrap_or(i);
        let tied = (i..=last).rev().find_map(|k| match self.means[k] {
            Mean::Organ(gk, false) if !group || k > i => cast.organs.get(&gk).cloned(),
            _ => None,
        });
        if let Some(st) = tied {
            self.push_phrase(vec![st], i, last, false);
            return last + 1;
        }
        // «الجيش» alone in an article about one state is its army; not
        // «قوات الاحتلال», «طائرات التحالف», where a genitive names whose.
        let genitive = matches!(self.means.get(last + 1), Some(Mean::TheOrg))
            || matches!(self.means.get(last + 1), Some(Mean::Word))
                && self.word(last + 1).starts_with("ال")
                && !self.word(last + 1).ends_with("يه");
        let home = (i..=last).rev().find_map(|k| match self.means[k] {
            Mean::Organ(gk, false) => cast.home_of(gk),
            _ => None,
        });
        if let Some(st) = home.filter(|_| !group && !genitive) {
            self.push_phrase(vec![st], i, last, false);
            return last + 1;
        }
        // «المقاومة» where the article names «المقاومة الشعبية».
        if let Some(a) = cast
            .heads
            .get(self.items[i].stem(self.text))
            .cloned()
            .flatten()
        {
            self.push_phrase(vec![a], i, i, false);
            return i + 1;
        }
        let generic = cast.known(g);
        if group || !is_state_bound(&generic.id) {
            self.push_phrase(vec![generic], i, i, false);
        }
        i + 1
    }

    /// A title, its state and the name(s) after it. Emits the standing
    /// triple and a phrase for the person (or for the state, when the title
    /// names nobody and the article has named nobody in it yet).
    fn role_phrase(
        &mut self,
        i: usize,
        rel: Option<Relation>,
        plural: bool,
        cast: &mut Cast<'_>,
    ) -> usize {
        let n = self.items.len();
        let role_form = self.items[i].stem(self.text).to_string();
        // «متحدث باسم رئيسة الوزراء البريطانية تيريزا ماي»: the name after
        // «باسم» and a second title is that title's holder; the spokesman
        // stays unnamed.
        if role_form.ends_with("باسم") {
            if let Some(Mean::Role { relation, plural }) = self.means.get(i + 1).cloned() {
                return self.role_phrase(i + 1, Some(relation), plural, cast);
            }
        }
        let known_rel = rel.is_some();
        let mut rel = rel.unwrap_or(Relation::OfficialOf);
        let mut governor: Option<ActorInfo> = None;
        let mut inner = false;
        let mut in_group = false;
        let mut second_title = false;
        let mut j = i + 1;
        // The governor region: institutions, nested titles, the state.
        while j < n && j <= i + 9 {
            match &self.means[j] {
                Mean::Actor(a, _) if a.kind == ActorType::Person => break,
                Mean::Actor(a, _) => {
                    if governor.is_none() {
                        governor = Some(a.clone());
                    } else if !plural {
                        // A second state: «نخجوان (ذاتية الحكم بأذربيجان)».
                    }
                    j += 1;
                }
                // «رئيس الوزراء القائد العام للقوات المسلحة»: a second title
                // in apposition keeps the first; an organ makes the office a
                // post in that body.
                Mean::Role { .. } => {
                    second_title = true;
                    j += 1;
                }
                Mean::Organ(_, group) => {
                    if governor.is_none() && !second_title {
                        inner = true;
                        // «زعيم حركة المعارضة المسلحة رياك مشار»: a post in a
                        // non-state group is not a post of the holder's state.
                        in_group |= *group;
                    }
                    j += 1;
                }
                Mean::TheirState => {
                    if governor.is_none() {
                        governor = self.their_state(cast);
                    }
                    j += 1;
                }
                // «أمين عام المنظمة، إياد مدني»: the organization named last.
                Mean::TheOrg => {
                    if governor.is_none() {
                        governor = cast
                            .recent
                            .iter()
                            .rev()
                            .find(|a| a.kind == ActorType::Organization)
                            .cloned();
                    }
                    j += 1;
                }
                Mean::Prep("في") => j += 1,
                Mean::Punct('(') => {
                    let close =
                        (j..n.min(j + 10)).find(|&k| matches!(self.means[k], Mean::Punct(')')));
                    match close {
                        Some(k) => j = k + 1,
                        None => break,
                    }
                }
                Mean::Word => {
                    let w = self.word(j);
                    if TRANSPARENT_SET.contains(w) {
                        j += 1;
                    } else if self.items[j].suffix_len > 0
                        || w.ends_with("ها")
                            && closed_class(w, &["دفاعها", "خارجيتها", "داخليتها"]).is_some()
                    {
                        // «وزير دفاعها»: the office of the state in play.
                        if governor.is_none() {
                            governor = self.their_state(cast);
                        }
                        j += 1;
                    } else if governor.is_none()
                        && (w.starts_with("ال")
                            || w.starts_with("وال")
                            || INSTITUTIONS_SET.find(w).is_some())
                    {
                        inner = true;
                        j += 1;
                    } else if governor.is_some()
                        && let Some(h) = (j..n.min(j + 4)).find(|&k| self.honorific(k))
                    {
                        // «الباسيج الإيرانية شبه الحكومية الجنرال …»
                        j = h;
                        break;
                    } else if governor.is_some() {
                        // «… قره باغ غير المعترف بها، أرميني غريغوريان»: a
                        // qualifier of the state before the comma and the name.
                        let comma = (j..n.min(j + 5))
                            .find(|&k| !matches!(self.means[k], Mean::Word))
                            .filter(|&k| matches!(self.means[k], Mean::Punct(',')));
                        match comma {
                            Some(k) if matches!(self.means.get(k + 1), Some(Mean::Actor(a, _)) if a.kind == ActorType::Person) => {
                                j = k
                            }
                            _ => break,
                        }
                        break;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        if rel == Relation::LeaderOf && inner {
            rel = Relation::OfficialOf;
        }
        // «قائد قوات الباسيج»: the commander of a body named for itself (not
        // of a state's forces) leads it.
        if role_form.starts_with("قايد")
            && governor
                .as_ref()
                .is_some_and(|g| matches!(g.kind, ActorType::Group | ActorType::Organization))
        {
            rel = Relation::LeaderOf;
        }
        if j < n && matches!(self.means[j], Mean::Punct(',' | '-' | ':')) {
            j += 1;
        }
        // The name(s).
        let mut persons: Vec<(ActorInfo, Option<ActorInfo>)> = Vec::new();
        let mut gov = governor.clone();
        loop {
            // Honorifics before a name: «الجنرال غلام حسين», «آية الله صادق».
            while j < n && self.honorific(j) {
                j += 1;
                // «د.نبيل العربي»
                if j < n && matches!(self.means[j], Mean::Punct('.')) {
                    j += 1;
                }
            }
            if j + 1 < n
                && matches!(self.means[j], Mean::Word)
                && self.word(j) == "ايه"
                && self.word(j + 1) == "الله"
            {
                j += 2;
            }
            // «محمد عباس»: a first name the gazetteer lacks before a surname it has.
            if matches!(self.means.get(j), Some(Mean::Word))
                && matches!(self.means.get(j + 1), Some(Mean::Actor(a, _)) if a.kind == ActorType::Person)
                && !STOPWORDS_SET.contains(self.word(j))
            {
                j += 1;
            }
            let (p, next) = match self.means.get(j) {
                // «المتحدث باسم الجيش الموالي لخليفة حفتر»: a name behind a
                // preposition is a complement, not the title's holder.
                Some(Mean::Actor(a, _))
                    if a.kind == ActorType::Person && !self.items[j].has_prep() =>
                {
                    (Some(a.clone()), j + 1)
                }
                // A new name stands right after the title and its state (or
                // a comma), never after a preposition: «مصدر في تصريح خاص».
                Some(Mean::Word)
                    if j > 0 && !matches!(self.means[j - 1], Mean::Prep(_) | Mean::TopicPrep) =>
                {
                    self.new_person(j, !persons.is_empty())
                }
                _ => (None, j),
            };
            let Some(p) = p else { break };
            let words: Vec<String> = self.text
                [self.items[j].form_start..self.items[next - 1].range.end]
                .split(' ')
                .map(String::from)
                .collect();
            cast.remember_person(&p, &words);
            let g = gov.clone().or_else(|| {
                p.country
                    .as_deref()
                    .filter(|_| !in_group)
                    .and_then(|c| cast.by_id(c))
            });
            persons.push((p, g));
            j = next;
            if j >= n {
                break;
            }
            // «والفرنسي إيمانويل ماكرون», «الرئيس الروسي بوتين والإيراني
            // روحاني»: the title shared with a new state for the next name.
            if let Mean::Actor(a, Via::Nisba) = &self.means[j] {
                let person_follows = matches!(self.means.get(j + 1), Some(Mean::Actor(p, _)) if p.kind == ActorType::Person);
                if self.items[j].prefix.starts_with('و') && (plural || person_follows) {
                    gov = Some(a.clone());
                    j += 1;
                    continue;
                }
            }
            if !plural {
                break;
            }
            let next_is_conj =
                self.items[j].prefix.starts_with('و') || self.word(j).starts_with('و');
            if !next_is_conj {
                break;
            }
        }
        let end = j.max(i + 1);
        // «وأكد مرتضى صنوبري القائم بأعمال سفارة إيران»: a name the
        // gazetteer lacks, right before the title it holds.
        if persons.is_empty() && known_rel && governor.is_some() {
            if let Some((p, first)) = self.name_before(i) {
                let g = governor.clone().filter(|g| g.id != p.id);
                let words: Vec<String> = self.text
                    [self.items[first].form_start..self.items[i - 1].range.end]
                    .split(' ')
                    .map(String::from)
                    .collect();
                cast.remember_person(&p, &words);
                if let Some(g) = g {
                    cast.roles
                        .insert((rel, format!("{role_form}|{}", g.id)), p.clone());
                    self.out.push(Raw {
                        subject: Some(p.clone()),
                        relation: rel,
                        object: Some(g),
                        modality: Modality::Asserted,
                        cue: i,
                    });
                }
                self.push_phrase(vec![p], first, end - 1, false);
                return end;
            }
        }
        if persons.is_empty() {
            // A title with no name: the person the article gave that title,
            // or else the state itself speaks.
            let g = governor.as_ref().map(|g| {
                if g.kind == ActorType::Place {
                    g.clone()
                } else {
                    cast.state_of(g).unwrap_or_else(|| g.clone())
                }
            });
            let holder = g.as_ref().and_then(|g| {
                cast.roles
                    .get(&(rel, format!("{role_form}|{}", g.id)))
                    .cloned()
                    .or_else(|| {
                        let mut hs = cast
                            .roles
                            .iter()
                            .filter(|((r, k), _)| *r == rel && k.ends_with(&format!("|{}", g.id)));
                        match (hs.next(), hs.next()) {
                            (Some((_, p)), None) => Some(p.clone()),
                            _ => None,
                        }
                    })
            });
            if let Some(a) = holder.or(g) {
                self.push_phrase(vec![a], i, end - 1, false);
            }
            return end;
        }
        let mut actors = Vec::new();
        for (p, g) in persons {
            if let Some(g) = g.filter(|_| known_rel) {
                if g.id != p.id {
                    cast.roles
                        .insert((rel, format!("{role_form}|{}", g.id)), p.clone());
                    self.out.push(Raw {
                        subject: Some(p.clone()),
                        relation: rel,
                        object: Some(g),
                        modality: Modality::Asserted,
                        cue: i,
                    });
                }
            }
            actors.push(p);
        }
        self.push_phrase(actors, i, end - 1, false);
        end
    }

    /// A body the gazetteer lacks, named by a unit or camp noun in the
    /// construct state and a definite name: «لواء اليرموك», «معسكر المنار»
    /// (but not «اللواء» the rank, nor «لواء المشاة», an ordinary word).
    fn unit_name(&self, i: usize) -> Option<(ActorInfo, usize)> {
        let it = &self.items[i];
        if !matches!(self.means[i], Mean::Word | Mean::Role { .. }) || it.prefix.ends_with("ال") {
            return None;
        }
        let w = self.word(i);
        let construct = |(p, _): &(&str, &str)| !p.ends_with("ال") && !p.ends_with("لل");
        // Unit nouns and named hills keep their noun in the name («لواء
        // اليرموك», «تل الشيخ حسين»); town nouns do not («بلدة كفر داعل»
        // is «كفر داعل»).
        // One split of the word for the three lists: this runs on every word.
        let splits = crate::extract::scan::clitic_splits(w);
        let (kind, keep, definite, most) =
            if let Some((_, head)) = UNIT_HEADS_SET.find_in(&splits).filter(construct) {
                let kind = if CAMP_HEADS.contains(&head) {
                    ActorType::Place
                } else {
                    ActorType::Group
                };
                (kind, Some(head), true, 2)
            } else if let Some((_, head)) = HILL_HEADS_SET.find_in(&splits).filter(construct) {
                (ActorType::Place, Some(head), false, 3)
            } else if TOWN_HEADS_SET.find_in(&splits).filter(construct).is_some() {
                (ActorType::Place, None, false, 2)
            } else {
                return None;
            };
        let name_word = |k: usize, first: bool| {
            let w = self.word(k);
            let n = w.chars().count();
            matches!(self.means[k], Mean::Word)
                && self.cues[k].is_empty()
                && self.modals[k].is_none()
                && (!first || !definite || w.starts_with("ال"))
                && (n >= 4 || ((!first || keep.is_none()) && n >= 3))
                && !STOPWORDS_SET.contains(w)
                && !DIRECTIONS_SET.contains(w)
                && !is_place_noun(w)
                && !self.lex.is_common(w)
                && !w.chars().any(|c| c.is_ascii_digit())
        };
        // After the first word: no conjunct («السويداء والقرى»), no
        // preposition («بالتزامن»), no adjective («جنديرس الاستراتيجية»).
        let more = |k: usize| {
            let w = self.word(k);
            let first_definite = self.word(i + 1).starts_with("ال");
            !w.starts_with('و')
                && !w.starts_with('ب')
                && !(w.starts_with("ال")
                    && (w.ends_with("يه") || !first_definite || keep.is_none()))
        };
        let mut end = i + 1;
        while end < self.items.len()
            && end <= i + most
            && name_word(end, end == i + 1)
            && (end == i + 1 || more(end))
        {
            end += 1;
        }
        if end == i + 1 {
            return None;
        }
        let label = keep
            .into_iter()
            .chain((i + 1..end).map(|k| self.word(k)))
            .collect::<Vec<_>>()
            .join(" ");
        let info = ActorInfo {
            id: transliterate(&label),
            label,
            kind,
            country: None,
        };
        Some((info, end))
    }

    /// Two or three plain words before a title, after a speech verb, a
    /// punctuation mark or the sentence start: the name of the title's
    /// holder, written first.
    fn name_before(&self, i: usize) -> Option<(ActorInfo, usize)> {
        let plain = |k: usize| {
            let w = self.word(k);
            matches!(self.means[k], Mean::Word)
                && self.phrase_at[k].is_none()
                && self.cues[k].is_empty()
                && self.modals[k].is_none()
                && w.chars().count() >= 3
                && !w.starts_with("ال")
                && !STOPWORDS_SET.contains(w)
                && name_shaped(w, false)
                && !self.lex.is_common(w)
                && !w.chars().any(|c| c.is_ascii_digit())
        };
        let mut first = i;
        while first > 0 && i - first < 3 && plain(first - 1) {
            first -= 1;
        }
        let words: Vec<&str> = (first..i).map(|k| self.word(k)).collect();
        if i - first < 2 || !name_shaped(words[0], true) || accusative_pair(&words) {
            return None;
        }
        let opens = first == 0
            || matches!(self.means[first - 1], Mean::Punct(_))
            || (matches!(self.means[first - 1], Mean::Word)
                && SPEECH_VERBS_SET.find(self.word(first - 1)).is_some());
        if !opens {
            return None;
        }
        let label = (first..i)
            .map(|k| self.word(k))
            .collect::<Vec<_>>()
            .join(" ");
        let info = ActorInfo {
            id: transliterate(&label),
            label,
            kind: ActorType::Person,
            country: None,
        };
        Some((info, first))
    }

    /// A rank or honorific before a name («الجنرال», «الدكتور»), which
    /// the roles lexicon may also list as a title of its own.
    fn honorific(&self, k: usize) -> bool {
        matches!(self.means[k], Mean::Word | Mean::Role { .. })
            && HONORIFICS_SET.find(self.word(k)).is_some()
    }

    /// A name the gazetteer lacks, after a title: up to three plain words.
    fn new_person(&self, j: usize, conj: bool) -> (Option<ActorInfo>, usize) {
        let n = self.items.len();
        let mut k = j;
        let mut words = Vec::new();
        while k < n && words.len() < 4 {
            if !matches!(self.means[k], Mean::Word) {
                break;
            }
            let mut w = self.word(k);
            if words.is_empty() && conj {
                match w.strip_prefix('و') {
                    Some(rest) => w = rest,
                    None => break,
                }
            }
            let bad = STOPWORDS_SET.contains(w)
                || !name_shaped(w, words.is_empty())
                || self.lex.is_common(w)
                || (w.starts_with(['ب', 'ل', 'و', 'ف', 'ك']) && self.lex.is_common(&w[2..]))
                || w.starts_with("بال")
                || w.starts_with("لل")
                || (w.starts_with(['ب', 'ل'])
                    && ["ه", "ها", "هم"].iter().any(|x| w.ends_with(x))
                    && w.chars().count() <= 6)
                || !self.cues[k].is_empty()
                || self.modals[k].is_some()
                || w.chars().count() < 2
                || w.chars().any(|c| c.is_ascii_digit())
                || (words.is_empty()
                    && (w.starts_with("ال")
                        || INSTITUTIONS_SET.find(w).is_some()
                        || is_place_noun(w)))
                || (!words.is_empty()
                    && (w.starts_with('و') || w.starts_with("ب"))
                    && w.chars().count() <= 4
                    && {
                        // «وهو», «بها», «وقال»: a clitic on a word; «برور»
                        // is a name.
                        let rest = &w[2..];
                        STOPWORDS_SET.contains(rest)
                            || self.lex.is_common(rest)
                            || rest.chars().count() <= 2
                    });
            if bad {
                break;
            }
            words.push(w);
            k += 1;
        }
        // One bare word is a name only when it is no ordinary word and
        // something follows that is not part of a name («الجنرال ديمبسي
        // يحذر»); otherwise it is too weak to be a new person.
        let after_honorific = j > 0
            && matches!(self.means[j - 1], Mean::Word)
            && HONORIFICS_SET.find(self.word(j - 1)).is_some();
        let single_ok = words.len() == 1
            && after_honorific
            && words[0].chars().count() >= 4
            && !words[0].starts_with("ال")
            && k < n
            && !matches!(self.means[k], Mean::Actor(..));
        if words.is_empty() || (words.len() == 1 && !single_ok) || accusative_pair(&words) {
            return (None, j);
        }
        let label = words.join(" ");
        let info = ActorInfo {
            id: transliterate(&label),
            label,
            kind: ActorType::Person,
            country: None,
        };
        (Some(info), k)
    }

    /// Joins phrases coordinated by و or a comma into groups.
    fn group(&mut self) {
        for k in 1..self.phrases.len() {
            let (a, b) = (&self.phrases[k - 1], &self.phrases[k]);
            let gap = a.last + 1..b.first;
            let conj_word = self.items[b.first].prefix.starts_with('و')
                || (!matches!(self.means[b.first], Mean::Actor(..))
                    && self.word(b.first).starts_with('و'));
            let conj = conj_word && gap.is_empty();
            let comma_conj = gap.len() == 1
                && matches!(self.means[a.last + 1], Mean::Punct(','))
                && self
                    .phrases
                    .get(k + 1)
                    .is_some_and(|c| self.items[c.first].prefix.starts_with('و'));
            // States, bodies and groups coordinate («حزب الله والنظام»,
            // «المقاومة والجيش»); persons and places only with their kind.
            let body = |k: ActorType| {
                matches!(
                    k,
                    ActorType::State | ActorType::Organization | ActorType::Group
                )
            };
            let same_kind = a.actors[0].kind == b.actors[0].kind
                || (body(a.actors[0].kind) && body(b.actors[0].kind));
            let same_prep =
                b.prep.is_none() || b.prep == a.prep || self.items[b.first].prefix == "و";
            if (conj || comma_conj) && same_kind && same_prep && !a.adjectival && !b.adjectival {
                let g = self.phrases[k - 1].group;
                self.phrases[k].group = g;
                if self.phrases[k].prep.is_none() {
                    self.phrases[k].prep = self.phrases[k - 1].prep;
                }
            }
        }
    }

    fn group_actors(&self, p: usize) -> Vec<ActorInfo> {
        let g = self.phrases[p].group;
        let mut out: Vec<ActorInfo> = Vec::new();
        for ph in self.phrases.iter().filter(|q| q.group == g) {
            for a in &ph.actors {
                if !out.iter().any(|o| o.id == a.id) {
                    out.push(a.clone());
                }
            }
        }
        out
    }

    /// The first phrase of each group, from item `from` up to the clause end.
    fn phrases_after(&self, from: usize, rel: Relation) -> Vec<usize> {
        let mut out = Vec::new();
        let mut seen_groups = HashSet::new();
        let mut k = from;
        let mut words = 0;
        while k < self.items.len() && words <= 6 {
            if matches!(self.means[k], Mean::TopicPrep) && TIME_PREPS_SET.contains(self.word(k)) {
                // «منذ عام 1992، نحو 20 بالمئة»: skip the time phrase.
                while k < self.items.len()
                    && !matches!(self.means[k], Mean::Punct(_))
                    && self.phrase_at[k].is_none()
                {
                    k += 1;
                }
                continue;
            }
            if matches!(
                self.means[k],
                Mean::Boundary | Mean::TopicPrep | Mean::Relative
            ) || (k > from && !self.cues[k].is_empty() && self.phrase_at[k].is_none())
            {
                break;
            }
            if matches!(self.means[k], Mean::Punct('.' | ':' | '?' | '!')) {
                break;
            }
            if let Some(p) = self.phrase_at[k] {
                let ph = &self.phrases[p];
                let ok = match ph.prep {
                    Some("topic") => false,
                    Some("في" | "قرب" | "داخل" | "خارج" | "عند") => locative(rel),
                    _ => true,
                };
                if ok && seen_groups.insert(ph.group) {
                    out.push(p);
                }
                k = ph.last + 1;
                continue;
            }
            if matches!(self.means[k], Mean::Word) {
                words += 1;
            }
            k += 1;
        }
        out
    }

    /// Whether item `k` begins with the conjunction و / ف, which after a
    /// comma opens a new clause («...، وهي أراض سيطرت عليها»).
    fn opens_clause(&self, k: usize) -> bool {
        let it = &self.items[k];
        match self.means[k] {
            Mean::Word => {
                let w = self.word(k);
                (w.starts_with('و') || w.starts_with('ف')) && w.chars().count() >= 3
            }
            _ => it.prefix.starts_with('و') || it.prefix.starts_with('ف'),
        }
    }

    /// The nearest subject-like phrase before the cue in its clause.
    fn phrase_before(&self, c: usize) -> Option<usize> {
        let it = &self.items[c];
        if it.prefix.starts_with('و') || it.prefix.starts_with('ف') {
            // A verb joined by و opens its own clause: «...، واتّهم تركيا».
            return None;
        }
        // «الغوطة التي تسيطر عليها الحكومة»: a verb right after a relative
        // pronoun, with a resumptive pronoun, has its subject after it.
        let resumptive = self.items[c].suffix_len > 0
            || self
                .means
                .get(c + 1)
                .is_some_and(|m| matches!(m, Mean::Word))
                && RESUMPTIVE_PREPS.contains(&self.word(c + 1));
        if c > 0 && matches!(self.means[c - 1], Mean::Relative) && resumptive {
            return None;
        }
        // «… دونالد ترامب الذي رفع العقوبات»: without a resumptive pronoun
        // the relative clause's subject is the noun it describes, whatever
        // governs that noun.
        if c > 1 && matches!(self.means[c - 1], Mean::Relative) {
            if let Some(p) = self.phrase_at[c - 2] {
                return Some(p);
            }
        }
        // «لهجمات شنها الحوثيون»: the same clause after an indefinite noun,
        // without the relative pronoun.
        let w = self.items[c].stem(self.text);
        let pronoun = self.items[c].suffix_len > 0
            || (["ها", "هم", "هما"].iter().any(|p| w.ends_with(p)) && w.chars().count() >= 4);
        if c > 0
            && pronoun
            && matches!(self.means[c - 1], Mean::Word)
            && !self.cues[c - 1].is_empty()
            && !self.word(c - 1).contains("ال")
        {
            return None;
        }
        let mut k = c;
        let mut steps = 0;
        while k > 0 && steps < 14 {
            k -= 1;
            steps += 1;
            if matches!(
                self.means[k],
                Mean::Boundary | Mean::Punct('.' | ':' | '?' | '!')
            ) {
                return None;
            }
            // «بعد أن رفضت جماعة ... تسيطر على العاصمة»: a subject stands
            // after «أن» in its own clause, never before it; but «أنها»
            // carries its subject as a pronoun for the one named before
            // («أعلنت تركيا أنها تقف إلى جانب أذربيجان»).
            if matches!(self.means[k], Mean::Word)
                && COMPLEMENTIZERS_SET.contains(self.word(k))
                && !matches!(self.word(k), "انه" | "انها" | "انهم" | "انهما")
            {
                return None;
            }
            if matches!(self.means[k], Mean::Punct(',')) && k + 1 != c && self.opens_clause(k + 1) {
                return None;
            }
            // «إلى ذلك، شنت ...», often written without its comma: a new
            // report starts.
            if k > 0
                && matches!(self.means[k], Mean::Word)
                && self.word(k) == "ذلك"
                && closed_class(self.word(k - 1), &["الي", "غضون", "اثر", "عقب", "جانب"]).is_some()
            {
                return None;
            }
            if let Some(p) = self.phrase_at[k] {
                let ph = &self.phrases[p];
                let clause_start =
                    ph.first == 0 || matches!(self.means[ph.first - 1], Mean::Punct(_));
                let fronted = ph.prep == Some("ل")
                    && (clause_start || self.items[ph.first].prefix.starts_with('و'));
                if (ph.prep.is_none() || fronted) && !ph.adjectival {
                    // The first phrase of its group, for the whole list.
                    return Some(
                        self.phrases
                            .iter()
                            .position(|q| q.group == ph.group)
                            .unwrap_or(p),
                    );
                }
                k = ph.first;
                continue;
            }
            // Another verb's clause ends the search; a noun or participle
            // («والموالين لصالح») is part of the subject's phrase.
            if self.phrase_at[k].is_none()
                && k + 1 != c
                && self.cues[k].iter().any(|&(_, _, n)| !self.nominal(k, n))
            {
                return None;
            }
        }
        None
    }

    fn modality(&self, c: usize, subject_at: Option<usize>) -> Modality {
        // A marker governs the words right after it: «لم تهاجم»، «لا يستبعد
        // إقامة»، «إسرائيل لن تهاجم». Looking further back, past an actor,
        // finds markers of other clauses («أخفقت أرمينيا ... خلال محادثاتهما»).
        let lo = subject_at
            .map(|s| self.phrases[s].last + 1)
            .unwrap_or(0)
            .max(c.saturating_sub(3));
        let mut m = Modality::Asserted;
        for k in (lo..c).rev() {
            if matches!(self.means[k], Mean::Boundary) || self.phrase_at[k].is_some() {
                break;
            }
            if let Some(x) = self.modals[k] {
                // «قد هدد»: قد before a past verb asserts; before a present
                // verb («قد يهدد») it is «may».
                let past = !matches!(
                    self.items[c].stem(self.text).chars().next(),
                    Some('ي' | 'ت' | 'ن')
                );
                if matches!(self.means[k], Mean::Word)
                    && matches!(self.word(k), "قد" | "لقد" | "وقد" | "فقد")
                    && past
                {
                    break;
                }
                m = x;
                break;
            }
        }
        if m == Modality::Asserted && self.items[c].prefix.ends_with('س') {
            m = Modality::Hypothetical;
        }
        if m == Modality::Asserted && self.conditional_before(c) {
            m = Modality::Hypothetical;
        }
        if m == Modality::Asserted
            && self
                .items
                .last()
                .is_some_and(|l| matches!(l.kind, Kind::Punct('?')))
        {
            m = Modality::Hypothetical;
        }
        m
    }

    /// «إذا حدث هجوم», «لو امتلكت»: a condition earlier in the clause.
    fn conditional_before(&self, c: usize) -> bool {
        for k in (c.saturating_sub(12)..c).rev() {
            if matches!(self.means[k], Mean::Boundary) {
                return false;
            }
            if matches!(self.means[k], Mean::Word) && CONDITIONALS_SET.find(self.word(k)).is_some()
            {
                return true;
            }
        }
        false
    }

    /// How an event noun is framed: the object of a reaction, a report or
    /// a threat («استنكرت الهجوم»، «حذر من هجوم») is talk about an event,
    /// and an event dated to a past year is history, not news.
    fn event_frame(&self, c: usize, rel: Relation) -> Option<Modality> {
        if rel.family() == crate::schema::Family::Standing {
            return None;
        }
        for k in (c.saturating_sub(8)..c).rev() {
            if matches!(self.means[k], Mean::Boundary) {
                break;
            }
            match self.modals[k] {
                Some(Modality::Reported) => return Some(Modality::Reported),
                Some(Modality::Hypothetical) => return Some(Modality::Hypothetical),
                // «نفى مقتل أي من الرهائن»: a denial verb, not a particle.
                Some(Modality::Negated) if !self.cues[k].is_empty() => {
                    return Some(Modality::Negated);
                }
                _ => {}
            }
        }
        self.historical().then_some(Modality::Reported)
    }

    /// An event dated to an earlier year than the article's («في أغسطس
    /// 2006»، «عام 1988») is history, not the news being reported. Without
    /// the article's date any year counts.
    fn historical(&self) -> bool {
        (0..self.items.len()).any(|k| {
            let w = self.word(k);
            let year = (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
                .then(|| w.parse::<u32>().ok())
                .flatten();
            match (year, self.year) {
                (Some(y), Some(now)) => (1900..now).contains(&y),
                (Some(y), None) => (1900..2100).contains(&y),
                _ => false,
            }
        })
    }

    /// An attack, arrest or protest in a sentence with no casualty, scene
    /// or source is a reference, an analysis or a general statement
    /// («اغتيال الحريري»، «تستهدف المدنيين»), not the report of an event:
    /// news reports an event with its toll, its scene or who tells of it.
    fn unanchored_event(&self, c: usize, rel: Relation) -> bool {
        self.has_anchors
            && matches!(
                rel,
                Relation::Assault | Relation::Coerce | Relation::Protest
            )
            && !self.anchors.iter().any(|&a| a != c)
    }

    /// An attack in a relative clause describes a noun («الوزير الذي اغتيل
    /// في نوفمبر») and is background, not the news; one named as the time of
    /// another («بعد سلسلة ضربات جوية») is an earlier event; a verbal noun of
    /// purpose («بالتخطيط لضرب الوزارة») is a plan, not an act.
    fn background_or_purpose(&self, c: usize, nominal: bool) -> Option<Modality> {
        let relative = (c.saturating_sub(3)..c).any(|k| matches!(self.means[k], Mean::Relative));
        let dated_by = nominal
            && (c.saturating_sub(3)..c).any(|k| {
                matches!(self.means[k], Mean::TopicPrep | Mean::Word)
                    && closed_class(
                        self.word(k),
                        &["بعد", "قبل", "منذ", "اثر", "عقب", "غداه", "اعقاب"],
                    )
                    .is_some()
            });
        if relative || dated_by {
            return Some(Modality::Reported);
        }
        (nominal && self.items[c].prep() == Some('ل') && !self.items[c].prefix.contains("ال"))
            .then_some(Modality::Hypothetical)
    }

    fn emit(
        &mut self,
        s: Option<ActorInfo>,
        rel: Relation,
        o: Option<ActorInfo>,
        m: Modality,
        c: usize,
    ) {
        if let (Some(a), Some(b)) = (&s, &o) {
            if a.id == b.id {
                return;
            }
        }
        if s.is_none() && o.is_none() {
            return;
        }
        if rel.family() == crate::schema::Family::Standing && (s.is_none() || o.is_none()) {
            return;
        }
        // «احتجت البحرين على تصريحات خامنئي»: a state, body or person that
        // protests against someone objects to them; crowds demonstrate.
        let objecting = rel == Relation::Protest
            && o.is_some()
            && s.as_ref().is_some_and(|a| {
                matches!(
                    a.kind,
                    ActorType::State | ActorType::Organization | ActorType::Person
                )
            })
            && self.items[c].stem(self.text).contains("حتج");
        // The event checks (anchors, history) are for demonstrations; an
        // objection keeps the modality its markers give.
        let (rel, m) = if objecting {
            (Relation::Accuse, self.modality(c, None))
        } else {
            (rel, m)
        };
        if !fits(rel, s.as_ref().map(|a| a.kind), o.as_ref().map(|a| a.kind)) {
            return;
        }
        self.out.push(Raw {
            subject: s,
            relation: rel,
            object: o,
            modality: m,
            cue: c,
        });
    }

    /// Whether the cue at `c` is used as a noun here: the lexicon says so,
    /// or the word carries the article or a preposition.
    fn nominal(&self, c: usize, lexical: bool) -> bool {
        let it = &self.items[c];
        lexical
            || it.prefix.ends_with("ال")
            || it.prefix.ends_with("لل")
            || it.has_prep()
            || (c > 0
                && matches!(self.means[c - 1], Mean::Prep(_) | Mean::TopicPrep)
                // «شنوا», «قصفوا»: a plural past verb is never a noun.
                && !it.stem(self.text).ends_with("وا"))
    }

    fn relations(&mut self) {
        // The object of the last accusation: «اتهم تركيا بدعم أذربيجان»
        // makes Turkey the subject of the reported support.
        let mut accused: Option<ActorInfo> = None;
        for c in 0..self.items.len() {
            if self.cues[c].is_empty() || self.phrase_at[c].is_some() {
                continue;
            }
            // «يشن هجوماً قاسياً على»: a light verb whose noun is a
            // metaphor names no event either.
            if self
                .blocks
                .iter()
                .any(|&b| b > c && b <= c + 4 && (c + 1..b).all(|k| self.cues[k].is_empty()))
            {
                continue;
            }
            let cues = self.cues[c].clone();
            for (rel, frame, lexical_noun) in cues {
                let nominal = self.nominal(c, lexical_noun);
                // «رفعت واشنطن الحظر التجاري عن السودان»: lifting a
                // sanction is a retreat from it.
                let lifter = (rel == Relation::Sanction && nominal)
                    .then(|| self.lifted(c))
                    .flatten();
                let rel = if lifter.is_some() {
                    Relation::Retreat
                } else if rel == Relation::Support && self.given(c) {
                    // «يقدم البنتاغون دعماً للسعودية»: support that is given
                    // is material aid.
                    Relation::Aid
                } else if frame == Frame::Mutual && self.word(c).contains("تبادل") {
                    // «تبادلت المقاومة مع الحوثيين إطلاق النيران»: what
                    // they exchange is the relation.
                    self.exchanged(c).unwrap_or(rel)
                } else {
                    rel
                };
                let before = if let Some(v) = lifter {
                    // The lifting verb's subject lifts: before it (SVO, or
                    // the noun a relative clause describes) or right after.
                    self.phrase_before(v).or_else(|| {
                        self.phrase_at
                            .get(v + 1)
                            .copied()
                            .flatten()
                            .filter(|&p| self.phrases[p].prep.is_none())
                    })
                } else if nominal && c > 1 && matches!(self.means[c - 1], Mean::Relative) {
                    // «أوباما الذي رفع العقوبات»: a cue right after a relative
                    // pronoun is its clause's verb, and takes a verb's subject.
                    self.phrase_before(c)
                } else if nominal {
                    self.apposition_before(c, frame == Frame::Passive)
                } else {
                    self.phrase_before(c)
                };
                let mut m = self.modality(c, before);
                if m == Modality::Asserted && nominal {
                    m = self.event_frame(c, rel).unwrap_or(m);
                }
                if m == Modality::Asserted
                    && matches!(
                        rel,
                        Relation::Assault | Relation::Coerce | Relation::Protest
                    )
                {
                    m = self.irrealis(c, nominal).unwrap_or(m);
                }
                if m == Modality::Asserted && self.unanchored_event(c, rel) {
                    m = Modality::Reported;
                }
                if m == Modality::Asserted
                    && matches!(
                        rel,
                        Relation::Assault | Relation::Coerce | Relation::Protest
                    )
                    && self.historical()
                {
                    m = Modality::Reported;
                }
                if m == Modality::Asserted && matches!(rel, Relation::Assault | Relation::Coerce) {
                    m = self.background_or_purpose(c, nominal).unwrap_or(m);
                }

                match frame {
                    Frame::Mutual => self.mutual(c, rel, before, m, nominal),
                    Frame::Passive => {
                        let after = self.phrases_after(c + 1, rel);
                        let agent = after.iter().copied().find(|&p| {
                            matches!(self.phrases[p].prep, Some("من" | "ب"))
                                || self.phrases[p].prep.is_none()
                        });
                        let patients = before.map(|b| self.group_actors(b)).unwrap_or_default();
                        let mut agents = agent.map(|a| self.group_actors(a)).unwrap_or_default();
                        if agents.is_empty() && rel == Relation::Accuse {
                            // «قال علييف: "باشينيان يتحمل مسؤولية"»: the one
                            // quoted holds the other responsible.
                            agents = self
                                .speaker(c)
                                .into_iter()
                                .filter(|s| !patients.iter().any(|p| p.id == s.id))
                                .collect();
                        }
                        self.emit_all(&agents, rel, &patients, m, c);
                    }
                    Frame::Active if nominal => self.active_noun(c, rel, before, m, &mut accused),
                    Frame::Active => self.active_verb(c, rel, before, m, &mut accused),
                }
            }
        }
        self.condemned_events();
    }

    /// «أدان أردوغان هجمات شنتها أرمينيا على أذربيجان»: condemning an
    /// attack accuses its agent; threatening an attack threatens its target.
    fn condemned_events(&mut self) {
        let mut fills = Vec::new();
        for (k, r) in self.out.iter().enumerate() {
            if !matches!(r.relation, Relation::Accuse | Relation::Threaten)
                || r.object.is_some()
                || r.subject.is_none()
            {
                continue;
            }
            let event = self
                .out
                .iter()
                .filter(|e| {
                    e.cue > r.cue
                        && e.cue <= r.cue + 8
                        && e.relation.family() == crate::schema::Family::Conflict
                        && e.relation != Relation::Accuse
                })
                .min_by_key(|e| e.cue);
            // Condemning an attack accuses its agent; threatening one
            // («هدد التنظيم بقتل رئيس البرلمان») threatens its target.
            let who = match r.relation {
                Relation::Threaten => event.and_then(|e| e.object.clone()),
                _ => event.and_then(|e| e.subject.clone()),
            };
            if let Some(agent) = who {
                fills.push((k, agent));
            }
        }
        for (k, agent) in fills {
            if self.out[k]
                .subject
                .as_ref()
                .is_some_and(|s| s.id != agent.id)
            {
                self.out[k].object = Some(agent);
            }
        }
    }

    /// A noun or participle: its agent is the noun it describes
    /// («تركيا الداعمة لأذربيجان»), a nisba after it («اعتداء أرميني»), or
    /// its genitive («طلب أرمينيا»); its patient follows with a preposition.
    fn active_noun(
        &mut self,
        c: usize,
        rel: Relation,
        before: Option<usize>,
        mut m: Modality,
        accused: &mut Option<ActorInfo>,
    ) {
        let after = self.phrases_after(c + 1, rel);
        let mut rest = after.as_slice();
        let mut subj = Vec::new();
        if before.is_none() && self.items[c].prefix.contains('ب') && accused.is_some() {
            // «اتهم تركيا بدعم أذربيجان»: the accused is the agent of what
            // the accusation reports, and the genitive is its patient.
            subj = accused.clone().into_iter().collect();
            m = Modality::Reported;
            let obj = rest
                .first()
                .map(|&p| self.group_actors(p))
                .unwrap_or_default();
            self.emit_all(&subj, rel, &obj, m, c);
            return;
        }
        // «الحصار الذي تفرضه إسرائيل على القطاع», «العقوبات التي فرضتها
        // واشنطن على …»: a relative clause names the noun's agent and patient.
        if before.is_none() && matches!(self.means.get(c + 1), Some(Mean::Relative)) {
            let inner = self.phrases_after(c + 2, rel);
            if let Some(&a) = inner
                .first()
                .filter(|&&a| self.phrases[a].prep.is_none() && self.phrases[a].first <= c + 4)
            {
                let subj = self.group_actors(a);
                // «الضربة التي قادتها الولايات المتحدة مع فرنسا على …»: a
                // partner after مع or an instrument after ب is no patient.
                let obj = inner
                    .iter()
                    .skip(1)
                    .find(|&&o| {
                        self.phrases[o].prep.is_some()
                            && !matches!(self.phrases[o].prep, Some("مع" | "ب"))
                    })
                    .map(|&o| self.group_actors(o))
                    .unwrap_or_default();
                self.emit_all(&subj, rel, &obj, m, c);
                return;
            }
        }
        // «الهجوم الإسرائيلي على غزة»: a nisba right after the noun is its
        // agent, before any apposition.
        let nisba_agent = rest.first().copied().filter(|&p| {
            let ph = &self.phrases[p];
            ph.adjectival
                && ph.first <= c + 3
                && (c + 1..ph.first).all(|k| matches!(self.means[k], Mean::Word))
        });
        let mut genitive_patient = false;
        if let Some(p) = nisba_agent {
            subj = self.group_actors(p);
            rest = &rest[1..];
        } else if let Some(b) = before {
            subj = self.group_actors(b);
        } else if let Some(b) = self.light_verb_subject(c) {
            // «قدمت السعودية مساعدات لليمن»، «أطلقت حماس سراح جنديين»: the
            // subject of a light verb is the noun's agent, and a genitive
            // after the noun its patient.
            subj = self.group_actors(b);
            genitive_patient = true;
        } else if let Some(&p) = rest.first() {
            let ph = &self.phrases[p];
            // «مقتل ثمانية أشخاص», «إصابة 40 آخرين»: a count may stand
            // between the noun and its genitive.
            if ph.prep.is_none() && (c + 1..ph.first).all(|k| self.is_quantity(k)) {
                // A genitive is the agent when a patient follows with a
                // preposition («دعم تركيا لأذربيجان»), or for requests and
                // such; for attacks and arrests it is the patient
                // («استهداف المدنيين»، «اعتقال الصحفي»).
                let patient_follows = rest.get(1).is_some_and(|&q| {
                    matches!(
                        self.phrases[q].prep,
                        Some("ل" | "علي" | "ضد" | "الي" | "مع")
                    )
                });
                if patient_follows
                    || rel.family() != crate::schema::Family::Conflict
                    || rel == Relation::Protest
                {
                    subj = self.group_actors(p);
                    rest = &rest[1..];
                } else {
                    let obj = self.group_actors(p);
                    self.emit_all(&[], rel, &obj, m, c);
                    return;
                }
            }
        }
        if subj.is_empty() && self.items[c].suffix_len > 0 {
            // «أسفها», «غاراته»: the possessor is the one named before.
            subj = self.pronoun_object(c, &[], false).into_iter().collect();
        }
        // A noun's patient is governed by a preposition («هجمات على غزة»,
        // «دعمها لأذربيجان», or one the cue ends with: «أسلحة إلى»); an
        // unmarked actor after it is another clause's, unless a light verb
        // made the noun's agent known.
        let form_prep = self.items[c]
            .stem(self.text)
            .rsplit(' ')
            .next()
            .is_some_and(|w| PREPS.contains(&w));
        let obj = rest
            .first()
            .filter(|&&p| {
                self.phrases[p].prep.is_some()
                    || form_prep
                    || (genitive_patient && self.phrases[p].first <= c + 2)
            })
            .map(|&p| self.group_actors(p))
            .unwrap_or_default();
        let mut objs = self.with_more_places(rel, obj, rest);
        // A unit belongs to one body: «الفرقة الرابعة التابعة لقوات الحرس
        // الجمهوري وحزب الله» is the Guard's, Hezbollah is the next subject.
        if rel == Relation::PartOf && objs.iter().all(|a| a.kind != ActorType::Place) {
            objs.truncate(1);
        }
        if rel == Relation::Accuse {
            *accused = objs.first().cloned();
        }
        self.emit_all(&subj, rel, &objs, m, c);
    }

    /// A count: digits or a number word («ثمانية», «عشرات», «نحو»).
    fn is_quantity(&self, k: usize) -> bool {
        matches!(self.means[k], Mean::Word) && {
            let w = self.word(k);
            w.bytes().all(|b| b.is_ascii_digit()) || QUANTITIES_SET.find(w).is_some()
        }
    }

    /// Whether a verb of giving governs the support noun at `c`: «قدمت …
    /// دعماً», «تقديم الدعم».
    fn given(&self, c: usize) -> bool {
        const GIVING: &[&str] = &[
            "قدم",
            "قدمت",
            "يقدم",
            "تقدم",
            "يقدمون",
            "تقديم",
            "بتقديم",
            "منح",
            "منحت",
            "يمنح",
            "تمنح",
            "وفر",
            "وفرت",
            "يوفر",
            "توفر",
            "توفير",
            "بتوفير",
            "ارسل",
            "ارسلت",
            "يرسل",
            "ترسل",
        ];
        self.governing_word(c, 8, GIVING).is_some()
    }

    /// The hostile act a verb of exchange takes as its object: fire,
    /// shelling, accusations, threats.
    fn exchanged(&self, c: usize) -> Option<Relation> {
        (c + 1..(c + 9).min(self.items.len()))
            .take_while(|&k| !matches!(self.means[k], Mean::Boundary | Mean::Punct('.' | ',')))
            .find_map(|k| {
                let fire = matches!(self.means[k], Mean::Word)
                    && closed_class(self.word(k), &["النار", "الرصاص", "القصف", "القذايف"])
                        .is_some();
                fire.then_some(Relation::Assault).or_else(|| {
                    self.cues[k].iter().map(|&(r, _, _)| r).find(|r| {
                        matches!(r, Relation::Assault | Relation::Accuse | Relation::Threaten)
                    })
                })
            })
    }

    /// Whether a verb or noun of lifting governs the sanction noun at `c`
    /// in its clause: «رفع … العقوبات», «تخفيف الحظر».
    fn lifted(&self, c: usize) -> Option<usize> {
        const LIFTING: &[&str] = &[
            "رفع",
            "رفعت",
            "يرفع",
            "ترفع",
            "رفعه",
            "برفع",
            "خفف",
            "خففت",
            "يخفف",
            "تخفف",
            "تخفيف",
            "بتخفيف",
            "الغي",
            "الغت",
            "يلغي",
            "تلغي",
            "الغاء",
            "بالغاء",
            "انهاء",
            "بانهاء",
            "انهت",
            "علق",
            "علقت",
            "تعليق",
        ];
        self.governing_word(c, 7, LIFTING)
    }

    /// The nearest plain word of `list` within `reach` items before `c`, in
    /// `c`'s clause: the verb that governs a noun cue.
    fn governing_word(&self, c: usize, reach: usize, list: &[&str]) -> Option<usize> {
        (c.saturating_sub(reach)..c)
            .rev()
            .take_while(|&k| {
                !matches!(
                    self.means[k],
                    Mean::Boundary | Mean::Relative | Mean::Punct('.' | ',' | ':')
                )
            })
            .find(|&k| {
                matches!(self.means[k], Mean::Word) && closed_class(self.word(k), list).is_some()
            })
    }

    /// A present verb after «أن» is a subjunctive (to do, not did): «أن
    /// يتم قصفها», «تخشى أن تهاجم»; and a noun that names a kind of act
    /// («قضية خطف», «جرائم قتل», «قائمة اغتيالات») is no event.
    fn irrealis(&self, c: usize, nominal: bool) -> Option<Modality> {
        let plain = |k: usize| matches!(self.means[k], Mean::Word);
        // «كان يستعد لشن هجوم على القنصلية»: the noun of a verb of purpose
        // is planned, not done.
        if nominal
            && c > 0
            && self.items[c - 1].prep() == Some('ل')
            && !self.items[c - 1].prefix.contains("ال")
            && !self.cues[c - 1].is_empty()
        {
            return Some(Modality::Hypothetical);
        }
        if nominal {
            // «الهجوم», «المظاهرات», «احتجاجهم»: a definite event noun
            // points back to an event already known, it does not report one.
            let it = &self.items[c];
            let tail = &self.text[it.range.end - it.suffix_len..it.range.end];
            let possessed = ["ها", "هم", "هما", "هن", "نا", "كم"]
                .iter()
                .any(|p| tail.ends_with(p));
            let definite =
                (it.prefix.contains("ال") || possessed) && !it.stem(self.text).contains(' ');
            let kind =
                c > 0 && plain(c - 1) && closed_class(self.word(c - 1), KINDS_OF_ACTS).is_some();
            return (kind || definite).then_some(Modality::Reported);
        }
        let w = self.items[c].stem(self.text);
        let present = w.starts_with(['ي', 'ت', 'ن']) && self.items[c].prefix.is_empty();
        let subjunctive = |k: usize| plain(k) && matches!(self.word(k), "ان" | "لكي" | "كي");
        let after_an = c > 0 && present && subjunctive(c - 1);
        let after_an_yatim = c > 1
            && plain(c - 1)
            && matches!(self.word(c - 1), "يتم" | "تتم")
            && subjunctive(c - 2);
        (after_an || after_an_yatim).then_some(Modality::Hypothetical)
    }

    /// The subject of a plain verb right before a noun cue: «قدمت
    /// السعودية مساعدات». Not when that verb is itself a cue («أدانت مصر
    /// الهجوم» condemns an attack, it does not make one).
    fn light_verb_subject(&self, c: usize) -> Option<usize> {
        if c < 2 || self.items[c].has_prep() {
            return None;
        }
        // «ألقت القوات المسلحة في شرقي ليبيا القبض»: a place phrase may
        // follow the subject.
        let mut k = c - 1;
        while k > 0 {
            let locative = match self.phrase_at[k] {
                Some(q) => matches!(self.phrases[q].prep, Some("في")),
                None => {
                    matches!(self.means[k], Mean::Prep("في"))
                        || (matches!(self.means[k], Mean::Word)
                            && DIRECTIONS_SET.contains(self.word(k)))
                }
            };
            if !locative {
                break;
            }
            k = match self.phrase_at[k] {
                Some(q) => self.phrases[q].first.saturating_sub(1),
                None => k - 1,
            };
        }
        // «أرسلت بلادهم 50 طناً من المساعدات», «بلادهم أرسلت 50 طناً من
        // المساعدات»: a quantity may stand between the verb and its noun.
        let mut q = k;
        while q > 0
            && self.phrase_at[q].is_none()
            && (self.is_quantity(q)
                || matches!(self.means[q], Mean::Prep("من"))
                || (matches!(self.means[q], Mean::Word)
                    && MEASURES_SET.find(self.word(q)).is_some()))
        {
            q -= 1;
        }
        if q < k && q + 1 < c {
            let plain_verb = |v: usize| {
                matches!(self.means[v], Mean::Word)
                    && self.cues[v].is_empty()
                    && self.modals[v].is_none()
                    && !STOPWORDS_SET.contains(self.word(v))
                    && !COMPLEMENTIZERS_SET.contains(self.word(v))
            };
            let group_first = |p: usize| {
                self.phrases
                    .iter()
                    .position(|x| x.group == self.phrases[p].group)
                    .unwrap_or(p)
            };
            if plain_verb(q) && q > 0 {
                if let Some(p) = self.phrase_at[q - 1]
                    .filter(|&p| self.phrases[p].prep.is_none() && !self.phrases[p].adjectival)
                {
                    return Some(group_first(p));
                }
            }
            if let Some(p) = self.phrase_at[q]
                .filter(|&p| self.phrases[p].prep.is_none() && !self.phrases[p].adjectival)
            {
                let f = self.phrases[p].first;
                if f > 0 && plain_verb(f - 1) {
                    return Some(group_first(p));
                }
            }
            return None;
        }
        let p = self.phrase_at[k]?;
        let ph = &self.phrases[p];
        if ph.prep.is_some() || ph.first == 0 || ph.adjectival {
            return None;
        }
        let v = ph.first - 1;
        let verb_like = matches!(self.means[v], Mean::Word)
            && self.cues[v].is_empty()
            && self.modals[v].is_none()
            && !STOPWORDS_SET.contains(self.word(v))
            && !COMPLEMENTIZERS_SET.contains(self.word(v));
        verb_like.then(|| {
            self.phrases
                .iter()
                .position(|q| q.group == ph.group)
                .unwrap_or(p)
        })
    }

    /// A verb: SVO when its subject stands before it in its clause, else
    /// VSO; a verb joined by و to an earlier clause keeps that subject.
    fn active_verb(
        &mut self,
        c: usize,
        rel: Relation,
        before: Option<usize>,
        m: Modality,
        accused: &mut Option<ActorInfo>,
    ) {
        let after = self.phrases_after(c + 1, rel);
        // «قال الوزير: "ندعو السلطات الإسرائيلية إلى …"»: a verb in the
        // first person plural, quoted, has the speaker as subject and every
        // actor after it as object.
        let w = self.items[c].stem(self.text);
        let first_person = before.is_none()
            && self.items[c].prefix.is_empty()
            && w.starts_with('ن')
            && w.chars().count() >= 4
            && after
                .first()
                .is_some_and(|&p| self.phrases[p].prep.is_none());
        if let Some(s) = self.speaker(c).filter(|_| first_person) {
            let obj = self.group_actors(after[0]);
            self.emit_all(&[s], rel, &obj, m, c);
            return;
        }
        let (subj, rest): (Vec<ActorInfo>, &[usize]) = if let Some(b) = before {
            (self.group_actors(b), after.as_slice())
        } else {
            match after.first() {
                Some(&p) if self.phrases[p].prep.is_none() => {
                    if after.len() == 1
                        && self.items[c].prefix.starts_with('و')
                        && !locative(rel)
                        && self.topic_from(c, false).is_some()
                    {
                        // «...، واتّهم مجدداً تركيا»: the subject of the main
                        // clause carries over and the one actor is the object.
                        (
                            self.topic_from(c, false).into_iter().collect(),
                            after.as_slice(),
                        )
                    } else {
                        (self.group_actors(p), &after[1..])
                    }
                }
                Some(_) => (
                    self.sentence_topic(c).into_iter().collect(),
                    after.as_slice(),
                ),
                // «...، وطالبته بالكف»: the main clause's subject goes on.
                None if self.items[c].prefix.starts_with('و') => (
                    self.topic_from(c, false).into_iter().collect(),
                    after.as_slice(),
                ),
                None => (Vec::new(), after.as_slice()),
            }
        };
        // «الغوطة التي تسيطر عليها الحكومة»: in a relative clause with a
        // resumptive pronoun the object is the noun the clause describes,
        // never an actor after the subject.
        // «لمناطق تسيطر عليها الحكومة بمساعدة روسيا»: the same without the
        // relative pronoun, when the pronoun stands on the verb's preposition.
        let on_prep = matches!(self.means.get(c + 1), Some(Mean::Word))
            && RESUMPTIVE_PREPS.contains(&self.word(c + 1));
        let relative = (c > 0
            && matches!(self.means[c - 1], Mean::Relative)
            && before.is_none()
            && self.pronoun_object(c, &subj, true).is_some())
            || on_prep;
        let mut obj = if relative {
            Vec::new()
        } else {
            rest.first()
                .map(|&p| self.group_actors(p))
                .unwrap_or_default()
        };
        if obj.is_empty() {
            obj = match self.phrase_at.get(c.wrapping_sub(2)).copied().flatten() {
                Some(p) if relative && !on_prep => self.group_actors(p),
                // «كانت تسيطر عليها … في إقليم ناغورنو قره باغ»: a place
                // after still locates what the pronoun stands for.
                _ if on_prep => self
                    .pronoun_object(c, &subj, true)
                    .map(|a| vec![a])
                    .unwrap_or_else(|| {
                        rest.iter()
                            .find(|&&p| {
                                locative(rel)
                                    && self.phrases[p].prep == Some("في")
                                    && self.phrases[p]
                                        .actors
                                        .iter()
                                        .all(|a| a.kind == ActorType::Place)
                            })
                            .map(|&p| self.group_actors(p))
                            .unwrap_or_default()
                    }),
                _ if relative => Vec::new(),
                _ => self.pronoun_object(c, &subj, true).into_iter().collect(),
            };
        }
        let mut objs = self.with_more_places(rel, obj, rest);
        // A unit belongs to one body: «الفرقة الرابعة التابعة لقوات الحرس
        // الجمهوري وحزب الله» is the Guard's, Hezbollah is the next subject.
        if rel == Relation::PartOf && objs.iter().all(|a| a.kind != ActorType::Place) {
            objs.truncate(1);
        }
        if rel == Relation::Accuse {
            *accused = objs.first().cloned();
        }
        self.emit_all(&subj, rel, &objs, m, c);
    }

    /// «سيطرت عليها أذربيجان»: a pronoun on the verb or on the preposition
    /// after it points back to the nearest actor before the verb.
    fn pronoun_object(&self, c: usize, subj: &[ActorInfo], verbal: bool) -> Option<ActorInfo> {
        const OBJ_PRONOUNS: &[&str] = &[
            "عليها",
            "عليه",
            "عليهم",
            "بها",
            "به",
            "بهم",
            "لها",
            "له",
            "لهم",
            "منها",
            "منه",
            "فيها",
            "فيه",
            "اليها",
            "اليه",
            "ضدها",
            "ضده",
            "معها",
            "معه",
        ];
        let on_verb = self.items[c].suffix_len > 0
            && crate::extract::scan::PRONOUN_SUFFIXES
                .iter()
                .any(|p| self.word(c).ends_with(p));
        let on_prep = self
            .means
            .get(c + 1)
            .is_some_and(|m| matches!(m, Mean::Word))
            && OBJ_PRONOUNS.contains(&self.word(c + 1));
        if !on_verb && !on_prep {
            return None;
        }
        let candidates = |reach: usize| {
            self.phrases
                .iter()
                .rev()
                .filter(move |p| p.last < c && c - p.last <= reach)
                .flat_map(|p| p.actors.iter())
                .filter(|a| !subj.iter().any(|s| s.id == a.id))
        };
        // «وطالبته بالكف»: a masculine pronoun on a verb stands for a person
        // named further back, where a state is nearer (states are feminine);
        // otherwise the nearest actor.
        let pronoun = if on_verb {
            self.word(c)
        } else {
            self.word(c + 1)
        };
        let masculine = verbal && on_verb && pronoun.ends_with('ه') && !pronoun.ends_with("ها");
        let agrees = |a: &ActorInfo| masculine && a.kind == ActorType::Person;
        candidates(8)
            .next()
            .filter(|a| agrees(a) || !candidates(20).any(agrees))
            .or_else(|| candidates(20).find(|a| agrees(a)))
            .cloned()
    }

    /// Who speaks when the cue stands in a quotation: the actor before the
    /// colon or opening quote.
    fn speaker(&self, c: usize) -> Option<ActorInfo> {
        let open = (0..c)
            .rev()
            .find(|&k| matches!(self.means[k], Mean::Punct(':' | '"')))?;
        self.phrases
            .iter()
            .take_while(|p| p.last < open)
            .filter(|p| p.prep.is_none() && !p.adjectival)
            .last()
            .and_then(|p| p.actors.first().cloned())
    }

    /// Standing relations over places take every place named after the cue.
    fn with_more_places(
        &self,
        rel: Relation,
        obj: Vec<ActorInfo>,
        rest: &[usize],
    ) -> Vec<ActorInfo> {
        if !locative(rel) || obj.is_empty() {
            return obj;
        }
        let mut all = obj;
        // «تلة عثمان في جبل التركمان»: a place after في contains the object
        // (part_of says so), it is not another object.
        for &p in rest
            .iter()
            .skip(1)
            .filter(|&&p| self.phrases[p].prep != Some("في"))
        {
            for a in self.group_actors(p) {
                if matches!(a.kind, ActorType::Place) && !all.iter().any(|x| x.id == a.id) {
                    all.push(a);
                }
            }
        }
        all
    }

    /// The noun a participle or noun cue stands in apposition to:
    /// «تركيا الداعمة», «روسيا، الحليف», «جيش أذربيجان المدعوم».
    fn apposition_before(&self, c: usize, participle: bool) -> Option<usize> {
        // The article may be the clitic or part of the cue's form
        // («الواقعة في»).
        let definite =
            self.items[c].prefix.ends_with("ال") || self.items[c].stem(self.text).starts_with("ال");
        if c == 0 || !definite {
            return None;
        }
        let mut k = c - 1;
        // One adjective or a comma may stand between.
        for _ in 0..2 {
            if let Some(p) = self.phrase_at[k] {
                let ph = &self.phrases[p];
                // «أدانت مصر الهجوم»: after a verb the noun is its object,
                // not an apposition.
                let after_verb = !participle
                    && ph.first > 0
                    && (!self.cues[ph.first - 1].is_empty()
                        || matches!(self.means[ph.first - 1], Mean::Word)
                            && !STOPWORDS_SET.contains(self.word(ph.first - 1))
                            && k + 1 == c);
                return (ph.prep != Some("topic") && !after_verb).then(|| {
                    self.phrases
                        .iter()
                        .position(|q| q.group == ph.group)
                        .unwrap_or(p)
                });
            }
            match self.means[k] {
                Mean::Punct(',') if k > 0 => k -= 1,
                Mean::Word
                    if k > 0
                        && !STOPWORDS_SET.contains(self.word(k))
                        && !COMPLEMENTIZERS_SET.contains(self.word(k)) =>
                {
                    k -= 1
                }
                _ => return None,
            }
        }
        None
    }

    /// The subject the sentence opened with, for a verb whose subject the
    /// text leaves out.
    ///
    /// The clause is the one the cue stands in: after «إن / أن» the subject
    /// of the reported clause («قال بيسكوف إن روسيا على تواصل»).
    fn sentence_topic(&self, c: usize) -> Option<ActorInfo> {
        self.topic_from(c, true)
    }

    /// The first subject-like actor before `c`, in the cue's own clause when
    /// `clause`, else from the start of the sentence.
    fn topic_from(&self, c: usize, clause: bool) -> Option<ActorInfo> {
        let start = (0..c)
            .rev()
            .find(|&k| {
                matches!(self.means[k], Mean::Word) && COMPLEMENTIZERS_SET.contains(self.word(k))
            })
            .unwrap_or(0);
        let first = |from: usize| {
            self.phrases
                .iter()
                .filter(|p| p.first >= from)
                .take_while(|p| p.last < c)
                .find(|p| p.prep.is_none() && !p.adjectival)
                .and_then(|p| p.actors.first().cloned())
        };
        if !clause {
            return first(0);
        }
        first(start).or_else(|| first(0))
    }

    /// The nearest unmarked phrase of states, bodies or groups before `c`
    /// in its clause (places and persons skipped), within twelve items.
    fn force_before(&self, c: usize) -> Option<usize> {
        let mut k = c;
        while k > 0 && k + 12 > c {
            k -= 1;
            if matches!(
                self.means[k],
                Mean::Boundary | Mean::Punct('.' | ':' | '"' | '?' | '!')
            ) {
                return None;
            }
            let Some(p) = self.phrase_at[k] else {
                continue;
            };
            let ph = &self.phrases[p];
            let force = ph.actors.iter().all(|a| {
                matches!(
                    a.kind,
                    ActorType::State | ActorType::Organization | ActorType::Group
                )
            });
            if ph.prep.is_none() && !ph.adjectival && force {
                return Some(p);
            }
            k = ph.first;
        }
        None
    }

    /// A mutual cue of a directed relation («اشتباكات بين X وY», «تبادل
    /// إطلاق النار») holds both ways.
    fn mutual(
        &mut self,
        c: usize,
        rel: Relation,
        before: Option<usize>,
        m: Modality,
        nominal: bool,
    ) {
        let from = self.out.len();
        self.mutual_one_way(c, rel, before, m, nominal);
        if rel.is_symmetric() {
            return;
        }
        let back: Vec<Raw> = self.out[from..]
            .iter()
            .filter(|r| {
                // Between forces, not persons or places: «اشتباكات بين
                // الجيش والمتمردين» is both sides attacking.
                let force = |a: &Option<ActorInfo>| {
                    a.as_ref().is_some_and(|a| {
                        matches!(
                            a.kind,
                            ActorType::State | ActorType::Group | ActorType::Organization
                        )
                    })
                };
                r.relation == rel && force(&r.subject) && force(&r.object)
            })
            .map(|r| Raw {
                subject: r.object.clone(),
                object: r.subject.clone(),
                ..r.clone()
            })
            .collect();
        for r in back {
            if fits(
                r.relation,
                r.subject.as_ref().map(|a| a.kind),
                r.object.as_ref().map(|a| a.kind),
            ) {
                self.out.push(r);
            }
        }
    }

    fn mutual_one_way(
        &mut self,
        c: usize,
        rel: Relation,
        before: Option<usize>,
        m: Modality,
        nominal: bool,
    ) {
        // «روسيا على اتصال مع تركيا»: a noun after على is predicated of the
        // subject before it; other nouns take no distant subject.
        let predicative = (c > 0 && matches!(self.means[c - 1], Mean::Prep("علي")))
            || self.items[c].stem(self.text).starts_with("علي ");
        let before = before.or_else(|| {
            if !nominal || predicative {
                self.phrase_before(c)
            } else {
                None
            }
        });
        let after = self.phrases_after(c + 1, rel);
        // «بين X وY»
        let between = (c + 1..(c + 7).min(self.items.len()))
            .find(|&k| matches!(self.means[k], Mean::Prep("بين")));
        if let Some(b) = between {
            if let Some(&p) = after.iter().find(|&&p| self.phrases[p].first > b) {
                let g = self.group_actors(p);
                // «بين طهران من جهة وبريطانيا والصين … من جهة أخرى»: two
                // sides, each paired with every member of the other.
                let last = self
                    .phrases
                    .iter()
                    .filter(|q| q.group == self.phrases[p].group)
                    .map(|q| q.last)
                    .max()
                    .unwrap_or(self.phrases[p].last);
                let one_side = matches!(self.means.get(last + 1), Some(Mean::Prep("من")))
                    && self
                        .items
                        .get(last + 2)
                        .is_some_and(|_| self.word(last + 2) == "جهه");
                let other = after
                    .iter()
                    .find(|&&q| self.phrases[q].first > last + 2)
                    .map(|&q| self.group_actors(q));
                match other.filter(|_| one_side) {
                    Some(o) => self.emit_all(&g, rel, &o, m, c),
                    None => self.emit_pairs(&g, rel, m, c),
                }
                return;
            }
        }
        // «X ... مع Y», «على اتصال بأنقرة»
        let partner = after
            .iter()
            .copied()
            .find(|&p| matches!(self.phrases[p].prep, Some("مع" | "ب")));
        if let Some(p) = partner {
            let partners = self.group_actors(p);
            // «تمكنت قوات النظام من السيطرة … إثر معارك مع فيلق الرحمن»:
            // the clause's subject fights, not whoever tells of it.
            // (A verb's own subject follows it, VSO: only nouns look back.)
            let clause_subject = (before.is_none() && nominal)
                .then(|| self.force_before(c))
                .flatten();
            // Who acts with the partner: the subject before (SVO), else the
            // one between the cue and the partner (VSO), else the clause's
            // subject, else the sentence's.
            let between_subject = after.iter().copied().find(|&q| {
                q != p
                    && self.phrases[q].prep.is_none()
                    && self.phrases[q].first < self.phrases[p].first
            });
            let selves = before
                .filter(|_| !nominal || self.items[c].prefix.is_empty())
                .or(between_subject)
                .or(clause_subject)
                .map(|b| self.group_actors(b))
                .or_else(|| self.sentence_topic(c).map(|t| vec![t]))
                .unwrap_or_default();
            self.emit_all(&selves, rel, &partners, m, c);
            return;
        }
        if let Some(b) = before {
            let g = self.group_actors(b);
            if g.len() >= 2 {
                self.emit_pairs(&g, rel, m, c);
                return;
            }
            if nominal {
                // A noun pairs only actors that بين, مع or a list join.
                return;
            }
            if let Some(&p) = after.first() {
                let o = self.group_actors(p);
                self.emit_all(&g, rel, &o, m, c);
                return;
            }
        }
        if let Some(&p) = after.first() {
            let g = self.group_actors(p);
            if g.len() >= 2 {
                self.emit_pairs(&g, rel, m, c);
                return;
            }
            if let Some(&q) = after.get(1).filter(|_| !nominal) {
                let o = self.group_actors(q);
                self.emit_all(&g, rel, &o, m, c);
                return;
            }
        }
        // A dual verb or pronoun with no names: the pair in play in this
        // sentence («لكنهما اتفقتا»).
        let pair = self
            .phrases
            .iter()
            .rev()
            .filter(|p| p.last < c && p.prep.is_none())
            .find_map(|p| {
                let g = self.group_actors(
                    self.phrases
                        .iter()
                        .position(|q| q.group == p.group)
                        .unwrap_or(0),
                );
                (g.len() >= 2).then_some(g)
            });
        // «محادثاتهما»: a dual or plural pronoun on a noun is the pair.
        let owned_by_pair =
            ["هما", "هم"].iter().any(|p| self.word(c).ends_with(p)) && self.items[c].suffix_len > 0;
        // «أجرت روسيا وأوكرانيا محادثات»: the pair just before a noun.
        let near_pair = self
            .phrases
            .iter()
            .rev()
            .find(|p| p.last < c)
            .filter(|p| c - p.last <= 3 && matches!(p.prep, None | Some("بين")))
            .map(|p| {
                let first = self
                    .phrases
                    .iter()
                    .position(|q| q.group == p.group)
                    .unwrap_or(0);
                self.group_actors(first)
            });
        if let Some(g) = near_pair.filter(|g| nominal && g.len() >= 2) {
            self.emit_pairs(&g, rel, m, c);
            return;
        }
        if let Some(g) = pair.filter(|_| !nominal || owned_by_pair) {
            self.emit_pairs(&g, rel, m, c);
        }
    }

    fn emit_all(
        &mut self,
        subj: &[ActorInfo],
        rel: Relation,
        obj: &[ActorInfo],
        m: Modality,
        c: usize,
    ) {
        if rel.is_symmetric() && subj.len() >= 2 && obj.is_empty() {
            // «اتفقت روسيا وتركيا»: a coordinated subject of a symmetric
            // relation is its pair.
            self.emit_pairs(subj, rel, m, c);
            return;
        }
        let crowd;
        let subj = if subj.is_empty()
            && rel == Relation::Protest
            && !self.items[c].has_prep()
            && !self.items[c].prefix.contains("ال")
        {
            // «تظاهر الآلاف»: a demonstration named by its verb has
            // demonstrators even when the text counts rather than names them.
            crowd = self.lex.actor_index("protesters").map(|i| {
                let a = &self.lex.actors[i as usize];
                ActorInfo {
                    id: a.id.clone(),
                    label: a.label_ar.clone(),
                    kind: a.kind,
                    country: None,
                }
            });
            crowd.as_slice()
        } else {
            subj
        };
        let scene;
        let obj = if obj.is_empty() && rel == Relation::Assault {
            scene = self.scene_after(c, subj);
            scene.as_slice()
        } else {
            obj
        };
        match (subj.is_empty(), obj.is_empty()) {
            (true, true) => {}
            (true, false) => obj
                .iter()
                .for_each(|o| self.emit(None, rel, Some(o.clone()), m, c)),
            (false, true) => subj
                .iter()
                .for_each(|s| self.emit(Some(s.clone()), rel, None, m, c)),
            (false, false) => {
                for s in subj {
                    for o in obj {
                        self.emit(Some(s.clone()), rel, Some(o.clone()), m, c);
                    }
                }
            }
        }
    }

    /// Where an attack with no named target struck: «هجوم انتحاري في
    /// تلعفر», «انفجرت سيارة مفخخة قرب مقر … في بغداد». The place (or the
    /// state its capital names) is the target, as event coders code it.
    fn scene_after(&self, c: usize, subj: &[ActorInfo]) -> Vec<ActorInfo> {
        let mut k = c + 1;
        while k < self.items.len() && k <= c + 14 {
            if matches!(
                self.means[k],
                Mean::Boundary | Mean::Relative | Mean::Punct('.' | ':' | '?' | '!' | ',')
            ) {
                break;
            }
            if let Some(p) = self.phrase_at[k] {
                let ph = &self.phrases[p];
                let places = ph
                    .actors
                    .iter()
                    .all(|a| matches!(a.kind, ActorType::Place | ActorType::State));
                if matches!(ph.prep, Some("في" | "قرب" | "داخل" | "عند"))
                    && places
                    && !ph.adjectival
                    && !ph.actors.iter().any(|a| subj.iter().any(|s| s.id == a.id))
                {
                    return ph.actors.clone();
                }
                k = ph.last + 1;
                continue;
            }
            k += 1;
        }
        Vec::new()
    }

    fn emit_pairs(&mut self, g: &[ActorInfo], rel: Relation, m: Modality, c: usize) {
        for (x, a) in g.iter().enumerate() {
            for b in &g[x + 1..] {
                self.emit(Some(a.clone()), rel, Some(b.clone()), m, c);
            }
        }
    }

    /// «قال محللون إن …», «يرى خبراء أن …»: what commentators say is their
    /// reading of events, not an event: their sentence's interactions are
    /// `reported`.
    fn analysts_speak(&mut self) {
        let speaker = self
            .phrases
            .iter()
            .find(|p| p.prep.is_none() && !p.adjectival)
            .and_then(|p| p.actors.first());
        if speaker.is_some_and(|a| a.id == "analysts" || a.id.ends_with("_analysts")) {
            for r in &mut self.out {
                if r.relation.family() != crate::schema::Family::Standing
                    && r.modality == Modality::Asserted
                {
                    r.modality = Modality::Reported;
                }
            }
        }
    }

    /// «مدينة الصخيرات الساحلية المغربية», «قوات الباسيج الإيرانية»: a named
    /// place, organization or group followed by a state's nisba lies in or
    /// belongs to that state.
    fn nisba_of_named(&mut self) {
        for k in 0..self.phrases.len().saturating_sub(1) {
            let (p, q) = (&self.phrases[k], &self.phrases[k + 1]);
            let named = p.first == p.last
                && matches!(&self.means[p.first], Mean::Actor(a, Via::Name) if matches!(a.kind, ActorType::Place | ActorType::Organization | ActorType::Group));
            let nisba = q.first == q.last
                && q.prep.is_none()
                && matches!(&self.means[q.first], Mean::Actor(a, Via::Nisba) if a.kind == ActorType::State);
            let gap_ok = q.first - p.last <= 3
                && (p.last + 1..q.first).all(|j| {
                    matches!(self.means[j], Mean::Word)
                        && self.word(j).starts_with("ال")
                        && self.cues[j].is_empty()
                });
            if named && nisba && gap_ok {
                let (a, b) = (p.actors[0].clone(), q.actors[0].clone());
                if a.country.as_deref().is_none_or(|c| c == b.id) {
                    self.emit(
                        Some(a),
                        Relation::PartOf,
                        Some(b),
                        Modality::Asserted,
                        q.first,
                    );
                }
            }
        }
    }

    /// «مدينة شوشا الاستراتيجية في إقليم قره باغ»: a place in a place.
    fn places_within(&mut self) {
        self.nisba_of_named();
        for k in 0..self.phrases.len() {
            let p = &self.phrases[k];
            if p.actors.len() != 1 || p.actors[0].kind != ActorType::Place {
                continue;
            }
            let Some(q) = self.phrases.get(k + 1) else {
                continue;
            };
            let direction = (p.last + 1..q.first).any(|j| {
                matches!(self.means[j], Mean::Word) && DIRECTIONS_SET.contains(self.word(j))
            });
            if (q.prep != Some("في") && !direction)
                || q.actors.len() != 1
                || !matches!(q.actors[0].kind, ActorType::Place | ActorType::State)
            {
                continue;
            }
            let gap_ok = (p.last + 1..q.first).all(|j| match &self.means[j] {
                Mean::Prep("في") => true,
                Mean::Word => {
                    let w = self.word(j);
                    DIRECTIONS_SET.contains(w)
                        || is_place_noun(w)
                        || w.starts_with("ال") && w.chars().count() > 4 && self.cues[j].is_empty()
                }
                _ => false,
            });
            if gap_ok && q.first - p.last <= 4 {
                let (a, b) = (p.actors[0].clone(), q.actors[0].clone());
                let c = q.first;
                self.emit(Some(a), Relation::PartOf, Some(b), Modality::Asserted, c);
            }
        }
    }
}

/// Whether the actor types suit the relation: a place does not talk or
/// attack, a person is not occupied, a state is not part of a city.
fn fits(rel: Relation, s: Option<ActorType>, o: Option<ActorType>) -> bool {
    use ActorType::*;
    let is = |x: Option<ActorType>, ok: &[ActorType]| x.is_none_or(|t| ok.contains(&t));
    match rel {
        Relation::LeaderOf | Relation::OfficialOf => {
            is(s, &[Person]) && is(o, &[State, Organization, Group, Place])
        }
        Relation::Controls | Relation::DeployedIn => {
            is(s, &[State, Organization, Group, Person]) && is(o, &[Place, State])
        }
        Relation::PartOf => {
            is(s, &[Place, Organization, Group]) && is(o, &[Place, State, Organization, Group])
        }
        Relation::MemberOf => {
            is(s, &[State, Organization, Group, Person]) && is(o, &[Organization, Group])
        }
        Relation::AlliedWith
        | Relation::Agree
        | Relation::Consult
        | Relation::Cooperate
        | Relation::Mediate => {
            is(s, &[State, Organization, Group, Person])
                && is(o, &[State, Organization, Group, Person])
        }
        _ => is(s, &[State, Organization, Group, Person]),
    }
}

/// A non-state group of one country: «المعارضة السورية» is
/// `syria_opposition`, not Syria.
fn national_group(g: &ActorInfo, state: &ActorInfo) -> ActorInfo {
    ActorInfo {
        id: format!("{}_{}", state.id, g.id),
        label: format!("{} ({})", g.label, state.label),
        kind: ActorType::Group,
        country: Some(state.id.clone()),
    }
}

/// «مأرب شرقي اليمن»: a place in the east of a state.
const DIRECTIONS: &[&str] = &[
    "شرقي",
    "غربي",
    "شمالي",
    "جنوبي",
    "شرق",
    "غرب",
    "شمال",
    "جنوب",
    "وسط",
    "جنوب شرقي",
    "شمال غربي",
    "بشرق",
    "بغرب",
    "بشمال",
    "بجنوب",
];

/// Nouns that introduce a place name (مدينة شوشا، إقليم قره باغ).
const PLACE_NOUNS: &[&str] = &[
    "مدينه",
    "اقليم",
    "منطقه",
    "محافظه",
    "بلده",
    "قريه",
    "ولايه",
    "العاصمه",
    "عاصمه",
    "جمهوريه",
    "مقاطعه",
    "ميناء",
    "قطاع",
    "جزيره",
    "مخيم",
];
crate::word_set!(PLACE_NOUNS_SET = PLACE_NOUNS);

/// Whether a word can be part of a name the gazetteer lacks, by its shape:
/// not a verb («قدموا», «تلعبون»), not a word with a pronoun on it
/// («اهتمامهم»), not a pronoun, and a first word carries no conjunction
/// with the article («والوجبات»).
fn name_shaped(w: &str, first: bool) -> bool {
    const PRONOUNS: &[&str] = &["انا", "انت", "انتم", "نحن", "هو", "هي", "هم", "هما", "هن"];
    let n = w.chars().count();
    let plural_verb = n >= 4
        && (w.ends_with("وا")
            || (w.starts_with(['ي', 'ت']) && (w.ends_with("ون") || w.ends_with("ين")) && n >= 5));
    let possessed = n >= 5
        && ["هم", "هما", "كم", "هن", "ها"]
            .iter()
            .any(|p| w.ends_with(p))
        || (n >= 5 && w.starts_with(['ي', 'ت', 'ن']) && w.ends_with("نا"));
    // «والوجبات», «ولطالما», «وابتسم»: a conjunction on a word after a
    // title begins a new clause; «وليد» and «وائل» keep their و.
    let conj_article = first
        && n >= 5
        && ["وال", "ول", "فال", "وب", "وس", "وا", "وم"]
            .iter()
            .any(|p| w.starts_with(p));
    !(plural_verb || possessed || conj_article || PRONOUNS.contains(&w))
}

/// Two words in the accusative («ضابطا بارزا», «وعودا انتخابية»): a noun
/// and its adjective, not a name.
fn accusative_pair(words: &[&str]) -> bool {
    words.windows(2).any(|p| {
        p.iter().all(|w| w.ends_with('ا') && w.chars().count() >= 4)
            || (p[0].ends_with('ا') && p[0].chars().count() >= 4 && p[1].ends_with("يه"))
    })
}

fn is_place_noun(w: &str) -> bool {
    PLACE_NOUNS_SET.find(w).is_some()
}

/// Organs that only make sense with their state: alone they are no node.
fn is_state_bound(id: &str) -> bool {
    [
        "ministry",
        "presidency",
        "government",
        "parliament",
        "authorities",
        "intelligence",
        "diplomacy",
        "cabinet",
        "embassy",
        "foreign",
        "defence",
        "interior",
        "spokes",
    ]
    .iter()
    .any(|k| id.contains(k))
}

/// An ASCII id for a name the gazetteer lacks: a plain romanization, stable
/// across runs and shards.
pub fn transliterate(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars() {
        let s = match c {
            'ا' | 'أ' | 'إ' | 'آ' => "a",
            'ب' => "b",
            'ت' | 'ة' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' => "h",
            'خ' => "kh",
            'د' => "d",
            'ذ' => "dh",
            'ر' => "r",
            'ز' => "z",
            'س' => "s",
            'ش' => "sh",
            'ص' => "s",
            'ض' => "d",
            'ط' => "t",
            'ظ' => "z",
            'ع' => "a",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'ه' => "h",
            'و' => "o",
            'ي' | 'ى' => "i",
            'ء' | 'ئ' | 'ؤ' => "",
            ' ' | '-' | '_' => "_",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "",
        };
        out.push_str(s);
    }
    let mut id = String::new();
    for part in out.split('_').filter(|p| !p.is_empty()) {
        if !id.is_empty() {
            id.push('_');
        }
        id.push_str(part);
    }
    if id.is_empty() { "unknown".into() } else { id }
}

#[cfg(test)]
mod tests {
    use super::transliterate;

    #[test]
    fn transliteration_is_ascii_snake_case() {
        assert_eq!(transliterate("ستانيسلاف زاس"), "stanislaf_zas");
        assert!(
            transliterate("كرم  مصطفييف")
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_')
        );
    }
}
