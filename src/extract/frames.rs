//! Frames: each relation cue with its argument slots, then the mentions.
//!
//! In: the sentence's items and phrases. Out: [`Raw`] mentions, each with
//! the chain of rules that made it, and the candidates a rule blocked.
//! Per cue: the patterns of `data/rules/` (block, rewrite, modality),
//! the code's rewrites (lifted sanction, given support, exchange), the
//! modality, then the frame (active verb, active noun, passive, mutual in
//! [`super::mutual`]) fills subject and object.
//!
//! What must hold: every mention goes through `emit`, which applies the
//! type limits and records the chain; a mention, once made, is changed
//! only by the rewrite stage after this one ([`super::rewrite`]), which
//! adds its rule id to the chain.

use super::{
    ActorInfo, Raw,
    chunk::{Chunks, Phrase},
    sentence::{Blocked, Seen},
    tokens::{Mean, TOPIC, Tokens},
};
use crate::{
    classes::Class,
    lexicon::Frame,
    pattern::Action,
    schema::{ActorType, Modality, Relation},
    trace::{Rule, RuleRef},
};

/// Relations whose objects may stand after في (places).
pub(super) fn locative(r: Relation) -> bool {
    matches!(
        r,
        Relation::DeployedIn | Relation::Controls | Relation::PartOf | Relation::MemberOf
    )
}

/// The frame stage at work: the tokens and chunks it reads, the mentions
/// it has made, and the rule chain of the candidate it is building.
pub(super) struct Frames<'s, 'a, 'l> {
    pub(super) tok: &'s Tokens<'a, 'l>,
    pub(super) ch: &'s Chunks<'a>,
    pub(super) out: Vec<Raw>,
    /// The rules that led to the candidate being built: what `emit` records.
    pub(super) chain: Vec<RuleRef>,
    /// The rewrites and the modality rule of the candidate being built.
    pub(super) tail: Vec<RuleRef>,
    /// A pattern said the candidate's subject and object change places.
    pub(super) swap: bool,
    /// Candidates a rule stopped, for `explain --trace`.
    pub(super) blocked: Vec<Blocked>,
    /// Whether to record them (a run has no use for them).
    pub(super) trace: bool,
}

impl<'s, 'a, 'l> Frames<'s, 'a, 'l> {
    /// The frame stage over a sentence's tokens and chunks; the chunk
    /// stage's posts and blocked candidates come first in its output.
    pub(super) fn new(
        tok: &'s Tokens<'a, 'l>,
        ch: &'s Chunks<'a>,
        posts: Vec<Raw>,
        blocked: Vec<Blocked>,
        trace: bool,
    ) -> Self {
        Frames {
            tok,
            ch,
            out: posts,
            chain: Vec::new(),
            tail: Vec::new(),
            swap: false,
            blocked,
            trace,
        }
    }

    /// The mentions made and the candidates blocked.
    pub(super) fn finish(self) -> (Vec<Raw>, Vec<Blocked>) {
        (self.out, self.blocked)
    }

    /// What the pattern language sees.
    fn seen(&self) -> Seen<'_, 'a, 'l> {
        Seen {
            tok: self.tok,
            phrases: &self.ch.phrases,
            phrase_at: &self.ch.phrase_at,
        }
    }
}

impl<'a> Frames<'_, 'a, '_> {
    pub(super) fn emit(
        &mut self,
        s: Option<ActorInfo>,
        rel: Relation,
        o: Option<ActorInfo>,
        m: Modality,
        c: usize,
    ) {
        let (s, o) = if self.swap { (o, s) } else { (s, o) };
        let stop = if s
            .as_ref()
            .zip(o.as_ref())
            .is_some_and(|(a, b)| a.id == b.id)
        {
            Some(Rule::BlockSelf)
        } else if s.is_none() && o.is_none() {
            Some(Rule::BlockNoArgument)
        } else if rel.family() == crate::schema::Family::Standing && (s.is_none() || o.is_none()) {
            Some(Rule::BlockStandingPartial)
        } else {
            None
        };
        if let Some(r) = stop {
            self.block(c, rel, s, o, r);
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
            && self
                .tok
                .lex
                .classes
                .within(self.tok.items[c].stem(self.tok.text), Class::ObjectionStem);
        // The event checks (anchors, history) are for demonstrations; an
        // objection keeps the modality its markers give.
        let mut rules = self.chain.clone();
        rules.extend_from_slice(&self.tail);
        let (rel, m) = if objecting {
            rules.push(Rule::RewriteObjection.into());
            let (m, why) = self.modality(c, None);
            rules.extend(why);
            (Relation::Accuse, m)
        } else {
            (rel, m)
        };
        if !fits(rel, s.as_ref().map(|a| a.kind), o.as_ref().map(|a| a.kind)) {
            self.block(c, rel, s, o, Rule::BlockTypes);
            return;
        }
        self.out.push(Raw {
            subject: s,
            relation: rel,
            object: o,
            modality: m,
            cue: c,
            rules,
        });
    }

    /// Records a candidate that rule `why` stopped.
    pub(super) fn block(
        &mut self,
        c: usize,
        relation: Relation,
        subject: Option<ActorInfo>,
        object: Option<ActorInfo>,
        why: Rule,
    ) {
        if !self.trace {
            return;
        }
        let mut rules = self.chain.clone();
        rules.extend_from_slice(&self.tail);
        rules.push(why.into());
        self.blocked.push(Blocked {
            cue: c,
            relation,
            subject,
            object,
            rules,
        });
    }

    /// Adds `r` to the chain of the candidate being built.
    pub(super) fn by(&mut self, r: Rule) {
        self.chain.push(r.into());
    }

    pub(super) fn relations(&mut self) {
        // The object of the last accusation: «اتهم تركيا بدعم أذربيجان»
        // makes Turkey the subject of the reported support.
        let mut accused: Option<ActorInfo> = None;
        for c in 0..self.tok.items.len() {
            if self.tok.cues[c].is_empty() || self.ch.phrase_at[c].is_some() {
                continue;
            }
            // «يشن هجوماً قاسياً على»: a light verb whose noun is a
            // metaphor names no event either.
            if self
                .tok
                .blocks
                .iter()
                .any(|&b| b > c && b <= c + 4 && (c + 1..b).all(|k| self.tok.cues[k].is_empty()))
            {
                for (rel, .., line) in self.tok.cues[c].clone() {
                    self.chain = vec![RuleRef::Cue(line)];
                    self.tail.clear();
                    self.block(c, rel, None, None, Rule::BlockMetaphor);
                }
                continue;
            }
            let cues = self.tok.cues[c].clone();
            for (rel, frame, lexical_noun, line) in cues {
                self.chain = vec![RuleRef::Cue(line)];
                self.tail.clear();
                if rel == Relation::Accuse && self.accusing_participle(c, &mut accused) {
                    continue;
                }
                let nominal = self.tok.nominal(c, lexical_noun);
                // «رفعت واشنطن الحظر التجاري عن السودان»: lifting a
                // sanction is a retreat from it.
                let lifter = (rel == Relation::Sanction && nominal)
                    .then(|| self.lifted(c))
                    .flatten();
                let exchanged = (frame == Frame::Mutual
                    && self
                        .tok
                        .lex
                        .classes
                        .within(self.tok.word(c), Class::ExchangeStem))
                .then(|| self.exchanged(c))
                .flatten();
                let (rel, rewrite) = if lifter.is_some() {
                    (Relation::Retreat, Some(Rule::RewriteLifted))
                } else if rel == Relation::Support && self.given(c) {
                    // «يقدم البنتاغون دعماً للسعودية»: support that is given
                    // is material aid.
                    (Relation::Aid, Some(Rule::RewriteGiven))
                } else if let Some(r) = exchanged {
                    // «تبادلت المقاومة مع الحوثيين إطلاق النيران»: what
                    // they exchange is the relation.
                    (r, Some(Rule::RewriteExchange))
                } else {
                    (rel, None)
                };
                self.tail.extend(rewrite.map(RuleRef::from));
                // The patterns of data/rules: the first that matches decides.
                let pattern = self
                    .tok
                    .lex
                    .patterns
                    .first_match(&self.seen(), c, rel)
                    .map(|p| (p.id, p.action));
                self.swap = false;
                let mut pattern_modality = None;
                let rel = match pattern {
                    Some((id, Action::Block)) => {
                        self.chain.push(RuleRef::Pattern(id));
                        self.block(c, rel, None, None, Rule::BlockPattern);
                        continue;
                    }
                    Some((id, Action::Relation(r))) => {
                        self.tail.push(RuleRef::Pattern(id));
                        r
                    }
                    Some((id, Action::Modality(m))) => {
                        pattern_modality = Some((m, RuleRef::Pattern(id)));
                        rel
                    }
                    Some((id, Action::Swap)) => {
                        self.swap = true;
                        self.chain.push(RuleRef::Pattern(id));
                        rel
                    }
                    None => rel,
                };
                let before = if let Some(v) = lifter {
                    // The lifting verb's subject lifts: before it (SVO, or
                    // the noun a relative clause describes) or right after.
                    self.phrase_before(v).or_else(|| {
                        self.ch
                            .phrase_at
                            .get(v + 1)
                            .copied()
                            .flatten()
                            .filter(|&p| self.ch.phrases[p].prep.is_none())
                    })
                } else if nominal && c > 1 && matches!(self.tok.means[c - 1], Mean::Relative) {
                    // «أوباما الذي رفع العقوبات»: a cue right after a relative
                    // pronoun is its clause's verb, and takes a verb's subject.
                    self.phrase_before(c)
                } else if nominal {
                    self.apposition_before(c, frame == Frame::Passive)
                } else {
                    self.phrase_before(c)
                };
                // Modality: the markers, then the overrides in order, the
                // first that applies deciding.
                let (marked, why) = self.modality(c, before);
                let event = matches!(
                    rel,
                    Relation::Assault | Relation::Coerce | Relation::Protest
                );
                let (m, why) = if let Some((m, why)) = pattern_modality {
                    (m, Some(why))
                } else if marked != Modality::Asserted {
                    (marked, why)
                } else if let Some((m, r)) = nominal.then(|| self.event_frame(c, rel)).flatten() {
                    (m, Some(r.into()))
                } else if let Some((m, r)) = event.then(|| self.irrealis(c, nominal)).flatten() {
                    (m, Some(r.into()))
                } else if self.unanchored_event(c, rel) {
                    (Modality::Reported, Some(Rule::ModalUnanchored.into()))
                } else if event && self.historical(c) {
                    (Modality::Reported, Some(Rule::ModalHistorical.into()))
                } else if let Some((m, r)) = matches!(rel, Relation::Assault | Relation::Coerce)
                    .then(|| self.background_or_purpose(c, nominal))
                    .flatten()
                {
                    (m, Some(r.into()))
                } else {
                    (marked, why)
                };
                self.tail.extend(why);

                match frame {
                    Frame::Mutual => self.mutual(c, rel, before, m, nominal),
                    Frame::Passive => {
                        let after = self.phrases_after(c + 1, rel);
                        // «أصيب وزير الداخلية»: right after a passive verb
                        // with nothing before it stands its patient; a bare
                        // genitive after a noun («بقيادة روسيا») is its agent.
                        let patient_after = (!nominal && before.is_none())
                            .then(|| after.first().copied())
                            .flatten()
                            .filter(|&p| {
                                self.ch.phrases[p].prep.is_none()
                                    && self.ch.phrases[p].first <= c + 2
                            });
                        let agent = after.iter().copied().find(|&p| {
                            Some(p) != patient_after
                                && (self.tok.prep_in(self.ch.phrases[p].prep, Class::AgentPrep)
                                    || self.ch.phrases[p].prep.is_none())
                        });
                        let patients = before
                            .or(patient_after)
                            .map(|b| self.ch.group_actors(b))
                            .unwrap_or_default();
                        let mut agents = agent.map(|a| self.ch.group_actors(a)).unwrap_or_default();
                        self.by(Rule::PassiveAgent);
                        if agents.is_empty() && rel == Relation::Accuse {
                            // «قال علييف: "باشينيان يتحمل مسؤولية"»: the one
                            // quoted holds the other responsible.
                            agents = self
                                .speaker(c)
                                .into_iter()
                                .filter(|s| !patients.iter().any(|p| p.id == s.id))
                                .collect();
                            self.by(Rule::QuotedSpeaker);
                        }
                        self.emit_all(&agents, rel, &patients, m, c);
                    }
                    Frame::Active if nominal => self.active_noun(c, rel, before, m, &mut accused),
                    Frame::Active => self.active_verb(c, rel, before, m, &mut accused),
                }
            }
        }
        self.swap = false;
    }

    /// «وفرضت عليها حظرا متهمة إياها بتقديم الدعم», «وصبوا غضبهم على
    /// المسؤولين متهمين إياهم بإهمال القطاع»: a participle with «إياه»
    /// accuses; its subject is its clause's subject, its object the actor
    /// named last before it, who is then the agent of the act it is accused
    /// of. Returns whether the cue was read so.
    fn accusing_participle(&mut self, c: usize, accused: &mut Option<ActorInfo>) -> bool {
        let iyya = matches!(self.tok.means.get(c + 1), Some(Mean::Word))
            && self.tok.is(self.tok.word(c + 1), Class::AccusativePronoun);
        if !iyya {
            return false;
        }
        // Its clause begins after a complementizer or a clause boundary
        // («فيما هاجمت الكتل …»).
        let start = (0..c)
            .rev()
            .find(|&k| {
                matches!(self.tok.means[k], Mean::Boundary)
                    || (matches!(self.tok.means[k], Mean::Word)
                        && self.tok.is(self.tok.word(k), Class::Complementizer))
            })
            .map_or(0, |k| k + 1);
        let subject = self
            .ch
            .phrases
            .iter()
            .position(|p| p.first >= start && p.last < c && p.prep.is_none() && !p.adjectival);
        let subj = subject.map(|p| self.ch.group_actors(p)).unwrap_or_default();
        let group = subject.map(|p| self.ch.phrases[p].group);
        // The pronoun agrees: «إياه» is no state (states are feminine),
        // «إياها» no man; a place is never the accused.
        let w = self.tok.word(c + 1);
        let (masculine, feminine) = (w.ends_with('ه'), w.ends_with("ها"));
        let agrees = |p: &Phrase<'_>| {
            p.last < c
                && Some(p.group) != group
                && p.prep != Some(TOPIC)
                && p.actors.iter().all(|a| {
                    a.kind != ActorType::Place
                        && !(masculine && a.kind == ActorType::State)
                        && !(feminine && a.kind == ActorType::Person)
                })
        };
        let object = self.ch.phrases.iter().rposition(agrees);
        let obj: Vec<ActorInfo> = object
            .map(|p| self.ch.group_actors(p))
            .unwrap_or_default()
            .into_iter()
            .filter(|a| !subj.iter().any(|s| s.id == a.id))
            .collect();
        self.by(Rule::AccusingParticiple);
        *accused = obj.first().cloned();
        self.emit_all(&subj, Relation::Accuse, &obj, Modality::Asserted, c);
        true
    }

    /// A noun or participle: its agent is the noun it describes
    /// («تركيا الداعمة لأذربيجان»), a nisba after it («اعتداء أرميني»), or
    /// its genitive («طلب أرمينيا»); its patient follows with a preposition.
    pub(super) fn active_noun(
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
        if before.is_none() && self.tok.items[c].prefix.contains('ب') && accused.is_some() {
            // «اتهم تركيا بدعم أذربيجان»: the accused is the agent of what
            // the accusation reports, and the genitive is its patient.
            subj = accused.clone().into_iter().collect();
            m = Modality::Reported;
            self.by(Rule::NounAccusedAgent);
            self.tail = vec![Rule::ModalAccusedReport.into()];
            let obj = rest
                .first()
                .map(|&p| self.ch.group_actors(p))
                .unwrap_or_default();
            self.emit_all(&subj, rel, &obj, m, c);
            return;
        }
        // «الحصار الذي تفرضه إسرائيل على القطاع», «العقوبات التي فرضتها
        // واشنطن على …»: a relative clause names the noun's agent and patient.
        if before.is_none() && matches!(self.tok.means.get(c + 1), Some(Mean::Relative)) {
            let inner = self.phrases_after(c + 2, rel);
            if let Some(&a) = inner.first().filter(|&&a| {
                self.ch.phrases[a].prep.is_none() && self.ch.phrases[a].first <= c + 4
            }) {
                let subj = self.ch.group_actors(a);
                // «الضربة التي قادتها الولايات المتحدة مع فرنسا على …»: a
                // partner after مع or an instrument after ب is no patient.
                let obj = inner
                    .iter()
                    .skip(1)
                    .find(|&&o| {
                        self.ch.phrases[o].prep.is_some()
                            && !self
                                .tok
                                .prep_in(self.ch.phrases[o].prep, Class::PartnerPrep)
                    })
                    .map(|&o| self.ch.group_actors(o))
                    .unwrap_or_default();
                self.by(Rule::NounRelativeClause);
                self.emit_all(&subj, rel, &obj, m, c);
                return;
            }
        }
        // «الهجوم الإسرائيلي على غزة»: a nisba right after the noun is its
        // agent, before any apposition.
        let nisba_agent = rest.first().copied().filter(|&p| {
            let ph = &self.ch.phrases[p];
            ph.adjectival
                && ph.first <= c + 3
                && (c + 1..ph.first).all(|k| matches!(self.tok.means[k], Mean::Word))
        });
        let mut genitive_patient = false;
        if let Some(p) = nisba_agent {
            subj = self.ch.group_actors(p);
            rest = &rest[1..];
            self.by(Rule::NounNisbaAgent);
        } else if let Some(b) = before {
            subj = self.ch.group_actors(b);
            let relative = c > 1 && matches!(self.tok.means[c - 1], Mean::Relative);
            self.by(if relative {
                Rule::NounRelativeSubject
            } else {
                Rule::NounApposition
            });
        } else if let Some(b) = self.light_verb_subject(c) {
            // «قدمت السعودية مساعدات لليمن»، «أطلقت حماس سراح جنديين»: the
            // subject of a light verb is the noun's agent, and a genitive
            // after the noun its patient.
            subj = self.ch.group_actors(b);
            genitive_patient = true;
            self.by(Rule::NounLightVerb);
        } else if let Some(&p) = rest.first() {
            let ph = &self.ch.phrases[p];
            // «مقتل ثمانية أشخاص», «إصابة 40 آخرين»: a count may stand
            // between the noun and its genitive.
            if ph.prep.is_none() && (c + 1..ph.first).all(|k| self.is_quantity(k)) {
                // A genitive is the agent when a patient follows with a
                // preposition («دعم تركيا لأذربيجان»), or for requests and
                // such; for attacks and arrests it is the patient
                // («استهداف المدنيين»، «اعتقال الصحفي»).
                let patient_follows = rest.get(1).is_some_and(|&q| {
                    self.tok
                        .prep_in(self.ch.phrases[q].prep, Class::PatientPrep)
                });
                if patient_follows
                    || rel.family() != crate::schema::Family::Conflict
                    || rel == Relation::Protest
                {
                    subj = self.ch.group_actors(p);
                    rest = &rest[1..];
                    self.by(Rule::NounGenitiveAgent);
                } else {
                    let obj = self.ch.group_actors(p);
                    self.by(Rule::NounGenitivePatient);
                    self.emit_all(&[], rel, &obj, m, c);
                    return;
                }
            }
        }
        if subj.is_empty() && self.tok.items[c].suffix_len > 0 {
            // «أسفها», «غاراته»: the possessor is the one named before.
            subj = self.pronoun_object(c, &[], false).into_iter().collect();
            if !subj.is_empty() {
                self.by(Rule::NounPossessor);
            }
        }
        // A noun's patient is governed by a preposition («هجمات على غزة»,
        // «دعمها لأذربيجان», or one the cue ends with: «أسلحة إلى»); an
        // unmarked actor after it is another clause's, unless a light verb
        // made the noun's agent known.
        let form_prep = self.tok.items[c]
            .stem(self.tok.text)
            .rsplit(' ')
            .next()
            .is_some_and(|w| self.tok.is(w, Class::Prep));
        let obj = rest
            .first()
            .filter(|&&p| {
                self.ch.phrases[p].prep.is_some()
                    || form_prep
                    || (genitive_patient && self.ch.phrases[p].first <= c + 2)
            })
            .map(|&p| self.ch.group_actors(p))
            .unwrap_or_default();
        if !obj.is_empty() {
            self.by(
                if genitive_patient && self.ch.phrases[rest[0]].prep.is_none() {
                    Rule::NounGenitivePatient
                } else {
                    Rule::NounPatientPrep
                },
            );
        }
        self.finish_objects(c, rel, subj, obj, rest, m, accused);
    }

    /// Places after the first object, the one body a unit belongs to, the
    /// accused for a later report; then the mentions.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn finish_objects(
        &mut self,
        c: usize,
        rel: Relation,
        subj: Vec<ActorInfo>,
        obj: Vec<ActorInfo>,
        rest: &[usize],
        m: Modality,
        accused: &mut Option<ActorInfo>,
    ) {
        let n = obj.len();
        let mut objs = self.with_more_places(rel, obj, rest);
        if objs.len() > n {
            self.by(Rule::MorePlaces);
        }
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

    /// Whether a verb of giving governs the support noun at `c`: «قدمت …
    /// دعماً», «تقديم الدعم».
    pub(super) fn given(&self, c: usize) -> bool {
        self.governing_word(c, 8, Class::GivingVerb).is_some()
    }

    /// The hostile act a verb of exchange takes as its object: fire,
    /// shelling, accusations, threats.
    pub(super) fn exchanged(&self, c: usize) -> Option<Relation> {
        (c + 1..(c + 9).min(self.tok.items.len()))
            .take_while(|&k| !matches!(self.tok.means[k], Mean::Boundary | Mean::Punct('.' | ',')))
            .find_map(|k| {
                let fire = matches!(self.tok.means[k], Mean::Word)
                    && self.tok.find(self.tok.word(k), Class::FireNoun).is_some();
                fire.then_some(Relation::Assault).or_else(|| {
                    self.tok.cues[k].iter().map(|&(r, ..)| r).find(|r| {
                        matches!(r, Relation::Assault | Relation::Accuse | Relation::Threaten)
                    })
                })
            })
    }

    /// Whether a verb or noun of lifting governs the sanction noun at `c`
    /// in its clause: «رفع … العقوبات», «تخفيف الحظر».
    pub(super) fn lifted(&self, c: usize) -> Option<usize> {
        self.governing_word(c, 7, Class::LiftingVerb)
    }

    /// The nearest plain word of `list` within `reach` items before `c`, in
    /// `c`'s clause: the verb that governs a noun cue.
    pub(super) fn governing_word(&self, c: usize, reach: usize, class: Class) -> Option<usize> {
        (c.saturating_sub(reach)..c)
            .rev()
            .take_while(|&k| {
                !matches!(
                    self.tok.means[k],
                    Mean::Boundary | Mean::Relative | Mean::Punct('.' | ',' | ':')
                )
            })
            .find(|&k| {
                matches!(self.tok.means[k], Mean::Word)
                    && self.tok.find(self.tok.word(k), class).is_some()
            })
    }

    /// A verb: SVO when its subject stands before it in its clause, else
    /// VSO; a verb joined by و to an earlier clause keeps that subject.
    pub(super) fn active_verb(
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
        let w = self.tok.items[c].stem(self.tok.text);
        let first_person = before.is_none()
            && self.tok.items[c].prefix.is_empty()
            && w.starts_with('ن')
            && w.chars().count() >= 4
            && after
                .first()
                .is_some_and(|&p| self.ch.phrases[p].prep.is_none());
        if let Some(s) = self.speaker(c).filter(|_| first_person) {
            let obj = self.ch.group_actors(after[0]);
            self.by(Rule::VerbFirstPerson);
            self.emit_all(&[s], rel, &obj, m, c);
            return;
        }
        let (subj, rest, how): (Vec<ActorInfo>, &[usize], Option<Rule>) = if let Some(b) = before {
            (
                self.ch.group_actors(b),
                after.as_slice(),
                Some(Rule::VerbSvo),
            )
        } else {
            match after.first() {
                Some(&p) if self.ch.phrases[p].prep.is_none() => {
                    if after.len() == 1
                        && self.tok.items[c].prefix.starts_with('و')
                        && !locative(rel)
                        && self.topic_from(c, false).is_some()
                    {
                        // «...، واتّهم مجدداً تركيا»: the subject of the main
                        // clause carries over and the one actor is the object.
                        (
                            self.topic_from(c, false).into_iter().collect(),
                            after.as_slice(),
                            Some(Rule::VerbCarriedSubject),
                        )
                    } else {
                        (self.ch.group_actors(p), &after[1..], Some(Rule::VerbVso))
                    }
                }
                Some(_) => (
                    self.sentence_topic(c).into_iter().collect(),
                    after.as_slice(),
                    Some(Rule::VerbSentenceTopic),
                ),
                // «...، وطالبته بالكف»: the main clause's subject goes on.
                None if self.tok.items[c].prefix.starts_with('و') => (
                    self.topic_from(c, false).into_iter().collect(),
                    after.as_slice(),
                    Some(Rule::VerbCarriedSubject),
                ),
                None => (Vec::new(), after.as_slice(), None),
            }
        };
        if let Some(r) = how.filter(|_| !subj.is_empty()) {
            self.by(r);
        }
        // «الغوطة التي تسيطر عليها الحكومة»: in a relative clause with a
        // resumptive pronoun the object is the noun the clause describes,
        // never an actor after the subject.
        // «لمناطق تسيطر عليها الحكومة بمساعدة روسيا»: the same without the
        // relative pronoun, when the pronoun stands on the verb's preposition.
        let on_prep = matches!(self.tok.means.get(c + 1), Some(Mean::Word))
            && self.tok.is(self.tok.word(c + 1), Class::ResumptivePrep);
        let relative = (c > 0
            && matches!(self.tok.means[c - 1], Mean::Relative)
            && before.is_none()
            && self.pronoun_object(c, &subj, true).is_some())
            || on_prep;
        let mut obj = if relative {
            Vec::new()
        } else {
            rest.first()
                .map(|&p| self.ch.group_actors(p))
                .unwrap_or_default()
        };
        let mut how = Rule::ObjectAfter;
        if obj.is_empty() {
            how = if on_prep {
                Rule::ObjectResumptive
            } else if relative {
                Rule::ObjectRelative
            } else {
                Rule::ObjectPronoun
            };
            obj = match self.ch.phrase_at.get(c.wrapping_sub(2)).copied().flatten() {
                Some(p) if relative && !on_prep => self.ch.group_actors(p),
                // «كانت تسيطر عليها … في إقليم ناغورنو قره باغ»: a place
                // after still locates what the pronoun stands for.
                _ if on_prep => self
                    .pronoun_object(c, &subj, true)
                    .map(|a| vec![a])
                    .unwrap_or_else(|| {
                        rest.iter()
                            .find(|&&p| {
                                locative(rel)
                                    && self.tok.prep_in(self.ch.phrases[p].prep, Class::InPrep)
                                    && self.ch.phrases[p]
                                        .actors
                                        .iter()
                                        .all(|a| a.kind == ActorType::Place)
                            })
                            .map(|&p| self.ch.group_actors(p))
                            .unwrap_or_default()
                    }),
                _ if relative => Vec::new(),
                _ => self.pronoun_object(c, &subj, true).into_iter().collect(),
            };
        }
        if !obj.is_empty() {
            self.by(how);
        }
        self.finish_objects(c, rel, subj, obj, rest, m, accused);
    }
}

/// Whether the actor types suit the relation: a place does not talk or
/// attack, a person is not occupied, a state is not part of a city.
pub(super) fn fits(rel: Relation, s: Option<ActorType>, o: Option<ActorType>) -> bool {
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
