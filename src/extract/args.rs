//! Arguments: where a cue's subject and object stand.
//!
//! In: a cue item and the sentence's phrases. Out: phrase indices or
//! actors for the frame rules ([`super::frames`]): the subject before the
//! cue in its clause, the phrases after it, a pronoun's antecedent, an
//! apposition's head, a light verb's subject, a quotation's speaker.
//!
//! What must hold: a search never crosses a clause boundary, «أن», a
//! relative clause or sentence-final punctuation, so an argument is taken
//! from the clause that governs it.

use std::collections::HashSet;

use super::{
    ActorInfo,
    frames::{Frames, locative},
    scan::clitic_splits,
    tokens::{Mean, TOPIC},
};
use crate::{
    classes::{ARTICLE, Class},
    schema::{ActorType, Relation},
};

impl<'a> Frames<'_, 'a, '_> {
    /// The first phrase of each group, from item `from` up to the clause end.
    pub(super) fn phrases_after(&self, from: usize, rel: Relation) -> Vec<usize> {
        let mut out = Vec::new();
        let mut seen_groups = HashSet::new();
        let mut k = from;
        let mut words = 0;
        while k < self.tok.items.len() && words <= 6 {
            if matches!(self.tok.means[k], Mean::TopicPrep)
                && self.tok.is(self.tok.word(k), Class::TimePrep)
            {
                // «منذ عام 1992، نحو 20 بالمئة»: skip the time phrase.
                while k < self.tok.items.len()
                    && !matches!(self.tok.means[k], Mean::Punct(_))
                    && self.ch.phrase_at[k].is_none()
                {
                    k += 1;
                }
                continue;
            }
            if matches!(
                self.tok.means[k],
                Mean::Boundary | Mean::TopicPrep | Mean::Relative
            ) || (k > from && !self.tok.cues[k].is_empty() && self.ch.phrase_at[k].is_none())
            {
                break;
            }
            if matches!(self.tok.means[k], Mean::Punct('.' | ':' | '?' | '!')) {
                break;
            }
            if let Some(p) = self.ch.phrase_at[k] {
                let ph = &self.ch.phrases[p];
                let ok = match ph.prep {
                    Some(TOPIC) => false,
                    Some(p) if self.tok.is(p, Class::LocativePrep) => locative(rel),
                    _ => true,
                };
                if ok && seen_groups.insert(ph.group) {
                    out.push(p);
                }
                k = ph.last + 1;
                continue;
            }
            if matches!(self.tok.means[k], Mean::Word) {
                words += 1;
            }
            k += 1;
        }
        out
    }

    /// Whether item `k` begins with the conjunction و / ف, which after a
    /// comma opens a new clause («...، وهي أراض سيطرت عليها»).
    pub(super) fn opens_clause(&self, k: usize) -> bool {
        let it = &self.tok.items[k];
        match self.tok.means[k] {
            Mean::Word => {
                let w = self.tok.word(k);
                (w.starts_with('و') || w.starts_with('ف')) && w.chars().count() >= 3
            }
            _ => it.prefix.starts_with('و') || it.prefix.starts_with('ف'),
        }
    }

    /// The nearest subject-like phrase before the cue in its clause.
    pub(super) fn phrase_before(&self, c: usize) -> Option<usize> {
        let it = &self.tok.items[c];
        if it.prefix.starts_with('و') || it.prefix.starts_with('ف') {
            // A verb joined by و opens its own clause: «...، واتّهم تركيا».
            return None;
        }
        // «الغوطة التي تسيطر عليها الحكومة»: a verb right after a relative
        // pronoun, with a resumptive pronoun, has its subject after it.
        let resumptive = self.tok.items[c].suffix_len > 0
            || self
                .tok
                .means
                .get(c + 1)
                .is_some_and(|m| matches!(m, Mean::Word))
                && self.tok.is(self.tok.word(c + 1), Class::ResumptivePrep);
        if c > 0 && matches!(self.tok.means[c - 1], Mean::Relative) && resumptive {
            return None;
        }
        // «… دونالد ترامب الذي رفع العقوبات»: without a resumptive pronoun
        // the relative clause's subject is the noun it describes, whatever
        // governs that noun.
        if c > 1 && matches!(self.tok.means[c - 1], Mean::Relative) {
            if let Some(p) = self.ch.phrase_at[c - 2] {
                return Some(p);
            }
        }
        // «لهجمات شنها الحوثيون»: the same clause after an indefinite noun,
        // without the relative pronoun.
        let w = self.tok.items[c].stem(self.tok.text);
        let pronoun = self.tok.items[c].suffix_len > 0
            || (self.tok.lex.classes.ends(w, Class::ObjectSuffix) && w.chars().count() >= 4);
        if c > 0
            && pronoun
            && matches!(self.tok.means[c - 1], Mean::Word)
            && !self.tok.cues[c - 1].is_empty()
            && !self.tok.word(c - 1).contains(ARTICLE)
        {
            return None;
        }
        let mut k = c;
        let mut steps = 0;
        while k > 0 && steps < 14 {
            k -= 1;
            steps += 1;
            if matches!(
                self.tok.means[k],
                Mean::Boundary | Mean::Punct('.' | ':' | '?' | '!')
            ) {
                return None;
            }
            // «بعد أن رفضت جماعة ... تسيطر على العاصمة»: a subject stands
            // after «أن» in its own clause, never before it; but «أنها»
            // carries its subject as a pronoun for the one named before
            // («أعلنت تركيا أنها تقف إلى جانب أذربيجان»).
            if matches!(self.tok.means[k], Mean::Word)
                && self.tok.is(self.tok.word(k), Class::Complementizer)
                && !self.tok.is(self.tok.word(k), Class::ComplementizerPronoun)
            {
                return None;
            }
            if matches!(self.tok.means[k], Mean::Punct(','))
                && k + 1 != c
                && self.opens_clause(k + 1)
            {
                return None;
            }
            // «إلى ذلك، شنت ...», often written without its comma: a new
            // report starts.
            if k > 0
                && matches!(self.tok.means[k], Mean::Word)
                && clitic_splits(self.tok.word(k - 1), &self.tok.lex.classes)
                    .iter()
                    .any(|&(_, w)| {
                        self.tok
                            .lex
                            .classes
                            .pair(w, self.tok.word(k), Class::DiscourseOpener)
                    })
            {
                return None;
            }
            if let Some(p) = self.ch.phrase_at[k] {
                let ph = &self.ch.phrases[p];
                let clause_start =
                    ph.first == 0 || matches!(self.tok.means[ph.first - 1], Mean::Punct(_));
                let fronted = self.tok.prep_in(ph.prep, Class::DativePrep)
                    && (clause_start || self.tok.items[ph.first].prefix.starts_with('و'));
                if (ph.prep.is_none() || fronted) && !ph.adjectival {
                    // The first phrase of its group, for the whole list.
                    return Some(
                        self.ch
                            .phrases
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
            if self.ch.phrase_at[k].is_none()
                && k + 1 != c
                && self.tok.cues[k]
                    .iter()
                    .any(|&(_, _, n, _)| !self.tok.nominal(k, n))
            {
                return None;
            }
        }
        None
    }

    /// The subject of a plain verb right before a noun cue: «قدمت
    /// السعودية مساعدات». Not when that verb is itself a cue («أدانت مصر
    /// الهجوم» condemns an attack, it does not make one).
    /// Whether item `v` may be a light verb whose subject does the act its
    /// noun names: a plain word, no cue, marker, stopword or complementizer,
    /// and no verb of undergoing («شهدت», «أحبطت»).
    fn light_verb(&self, v: usize) -> bool {
        let w = self.tok.word(v);
        matches!(self.tok.means[v], Mean::Word)
            && self.tok.cues[v].is_empty()
            && self.tok.modals[v].is_none()
            && !self.tok.is(w, Class::Stopword)
            && !self.tok.is(w, Class::Complementizer)
            && self.tok.find(w, Class::UndergoVerb).is_none()
    }

    pub(super) fn light_verb_subject(&self, c: usize) -> Option<usize> {
        if c < 2 || self.tok.items[c].has_prep() {
            return None;
        }
        // «ألقت القوات المسلحة في شرقي ليبيا القبض»: a place phrase may
        // follow the subject.
        let mut k = c - 1;
        while k > 0 {
            let locative = match self.ch.phrase_at[k] {
                Some(q) => self.tok.prep_in(self.ch.phrases[q].prep, Class::InPrep),
                // «وجه القضاء الفرنسي الثلاثاء اتهاما»: so may the day.
                None => {
                    self.tok.mean_prep(k, Class::InPrep)
                        || (matches!(self.tok.means[k], Mean::Word)
                            && [Class::Direction, Class::DayName, Class::PresentTime]
                                .into_iter()
                                .any(|c| self.tok.is(self.tok.word(k), c)))
                }
            };
            if !locative {
                break;
            }
            k = match self.ch.phrase_at[k] {
                Some(q) => self.ch.phrases[q].first.saturating_sub(1),
                None => k - 1,
            };
        }
        // «أرسلت بلادهم 50 طناً من المساعدات», «بلادهم أرسلت 50 طناً من
        // المساعدات»: a quantity may stand between the verb and its noun.
        let mut q = k;
        while q > 0
            && self.ch.phrase_at[q].is_none()
            && (self.is_quantity(q)
                || self.tok.mean_prep(q, Class::FromPrep)
                || (matches!(self.tok.means[q], Mean::Word)
                    && self.tok.find(self.tok.word(q), Class::Measure).is_some()))
        {
            q -= 1;
        }
        if q < k && q + 1 < c {
            let plain_verb = |v: usize| self.light_verb(v);
            let group_first = |p: usize| {
                self.ch
                    .phrases
                    .iter()
                    .position(|x| x.group == self.ch.phrases[p].group)
                    .unwrap_or(p)
            };
            if plain_verb(q) && q > 0 {
                if let Some(p) = self.ch.phrase_at[q - 1].filter(|&p| {
                    self.ch.phrases[p].prep.is_none() && !self.ch.phrases[p].adjectival
                }) {
                    return Some(group_first(p));
                }
            }
            if let Some(p) = self.ch.phrase_at[q]
                .filter(|&p| self.ch.phrases[p].prep.is_none() && !self.ch.phrases[p].adjectival)
            {
                let f = self.ch.phrases[p].first;
                if f > 0 && plain_verb(f - 1) {
                    return Some(group_first(p));
                }
            }
            return None;
        }
        let p = self.ch.phrase_at[k]?;
        let ph = &self.ch.phrases[p];
        if ph.prep.is_some() || ph.first == 0 || ph.adjectival {
            return None;
        }
        self.light_verb(ph.first - 1).then(|| {
            self.ch
                .phrases
                .iter()
                .position(|q| q.group == ph.group)
                .unwrap_or(p)
        })
    }

    /// «سيطرت عليها أذربيجان»: a pronoun on the verb or on the preposition
    /// after it points back to the nearest actor before the verb.
    pub(super) fn pronoun_object(
        &self,
        c: usize,
        subj: &[ActorInfo],
        verbal: bool,
    ) -> Option<ActorInfo> {
        let on_verb = self.tok.pronoun_suffixed(c);
        let on_prep = self
            .tok
            .means
            .get(c + 1)
            .is_some_and(|m| matches!(m, Mean::Word))
            && self.tok.is(self.tok.word(c + 1), Class::ObjectPronoun);
        if !on_verb && !on_prep {
            return None;
        }
        let candidates = |reach: usize| {
            self.ch
                .phrases
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
            self.tok.word(c)
        } else {
            self.tok.word(c + 1)
        };
        let masculine = verbal && on_verb && pronoun.ends_with('ه');
        let agrees = |a: &ActorInfo| masculine && a.kind == ActorType::Person;
        candidates(8)
            .next()
            .filter(|a| agrees(a) || !candidates(20).any(agrees))
            .or_else(|| candidates(20).find(|a| agrees(a)))
            .cloned()
    }

    /// Who speaks when the cue stands in a quotation: the actor before the
    /// colon or opening quote.
    pub(super) fn speaker(&self, c: usize) -> Option<ActorInfo> {
        let open = (0..c)
            .rev()
            .find(|&k| matches!(self.tok.means[k], Mean::Punct(':' | '"')))?;
        self.ch
            .phrases
            .iter()
            .take_while(|p| p.last < open)
            .filter(|p| p.prep.is_none() && !p.adjectival)
            .last()
            .and_then(|p| p.actors.first().cloned())
    }

    /// Standing relations over places take every place named after the cue.
    pub(super) fn with_more_places(
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
            .filter(|&&p| !self.tok.prep_in(self.ch.phrases[p].prep, Class::InPrep))
        {
            for a in self.ch.group_actors(p) {
                if matches!(a.kind, ActorType::Place) && !all.iter().any(|x| x.id == a.id) {
                    all.push(a);
                }
            }
        }
        all
    }

    /// The noun a participle or noun cue stands in apposition to:
    /// «تركيا الداعمة», «روسيا، الحليف», «جيش أذربيجان المدعوم».
    pub(super) fn apposition_before(&self, c: usize, participle: bool) -> Option<usize> {
        // The article may be the clitic or part of the cue's form
        // («الواقعة في»).
        let definite = self.tok.items[c].prefix.ends_with(ARTICLE)
            || self.tok.items[c].stem(self.tok.text).starts_with(ARTICLE);
        if c == 0 || !definite {
            return None;
        }
        let mut k = c - 1;
        // One adjective or a comma may stand between.
        for _ in 0..2 {
            if let Some(p) = self.ch.phrase_at[k] {
                let ph = &self.ch.phrases[p];
                // «أدانت مصر الهجوم»: after a verb the noun is its object,
                // not an apposition.
                let after_verb = !participle
                    && ph.first > 0
                    && (!self.tok.cues[ph.first - 1].is_empty()
                        || matches!(self.tok.means[ph.first - 1], Mean::Word)
                            && !self.tok.is(self.tok.word(ph.first - 1), Class::Stopword)
                            && k + 1 == c);
                return (ph.prep != Some(TOPIC) && !after_verb).then(|| {
                    self.ch
                        .phrases
                        .iter()
                        .position(|q| q.group == ph.group)
                        .unwrap_or(p)
                });
            }
            match self.tok.means[k] {
                Mean::Punct(',') if k > 0 => k -= 1,
                Mean::Word
                    if k > 0
                        && !self.tok.is(self.tok.word(k), Class::Stopword)
                        && !self.tok.is(self.tok.word(k), Class::Complementizer) =>
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
    pub(super) fn sentence_topic(&self, c: usize) -> Option<ActorInfo> {
        self.topic_from(c, true)
    }

    /// The first subject-like actor before `c`, in the cue's own clause when
    /// `clause`, else from the start of the sentence.
    pub(super) fn topic_from(&self, c: usize, clause: bool) -> Option<ActorInfo> {
        let start = (0..c)
            .rev()
            .find(|&k| {
                matches!(self.tok.means[k], Mean::Word)
                    && self.tok.is(self.tok.word(k), Class::Complementizer)
            })
            .unwrap_or(0);
        let first = |from: usize| {
            self.ch
                .phrases
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
    pub(super) fn force_before(&self, c: usize) -> Option<usize> {
        let mut k = c;
        while k > 0 && k + 12 > c {
            k -= 1;
            if matches!(
                self.tok.means[k],
                Mean::Boundary | Mean::Punct('.' | ':' | '"' | '?' | '!')
            ) {
                return None;
            }
            let Some(p) = self.ch.phrase_at[k] else {
                continue;
            };
            let ph = &self.ch.phrases[p];
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

    /// Where an attack with no named target struck: «هجوم انتحاري في
    /// تلعفر», «انفجرت سيارة مفخخة قرب مقر … في بغداد». The place (or the
    /// state its capital names) is the target, as event coders code it.
    pub(super) fn scene_after(&self, c: usize, subj: &[ActorInfo]) -> Vec<ActorInfo> {
        let mut k = c + 1;
        while k < self.tok.items.len() && k <= c + 14 {
            if matches!(
                self.tok.means[k],
                Mean::Boundary | Mean::Relative | Mean::Punct('.' | ':' | '?' | '!' | ',')
            ) {
                break;
            }
            if let Some(p) = self.ch.phrase_at[k] {
                let ph = &self.ch.phrases[p];
                let places = ph
                    .actors
                    .iter()
                    .all(|a| matches!(a.kind, ActorType::Place | ActorType::State));
                if self.tok.prep_in(ph.prep, Class::ScenePrep)
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

    /// A count: digits or a number word («ثمانية», «عشرات», «نحو»).
    pub(super) fn is_quantity(&self, k: usize) -> bool {
        matches!(self.tok.means[k], Mean::Word) && {
            let w = self.tok.word(k);
            w.bytes().all(|b| b.is_ascii_digit()) || self.tok.find(w, Class::Quantity).is_some()
        }
    }
}
