//! Titles and names: «وزير الخارجية الروسي سيرغي لافروف» is a person
//! holding a post (`official_of` / `leader_of`), and names the gazetteer
//! lacks become nodes with a transliterated id.
//!
//! In: a title item and the items around it. Out: the phrase of the
//! person(s) and the standing triple, with the title's row as its first
//! rule. What must hold: a new name is made only of plain words of a name's
//! shape (no verb, pronoun suffix, article on a first word, stopword).

use super::{
    ActorInfo, Cast, Post, Raw,
    chunk::Chunker,
    scan::{clitic_splits, definite},
    tokens::Mean,
};
use crate::{
    classes::{ARTICLE, Class, Classes, LL, NISBA_F},
    lexicon::Via,
    pattern::Action,
    schema::{ActorType, Modality, Relation},
    trace::{Rule, RuleRef},
};

impl<'a> Chunker<'_, 'a, '_> {
    /// A title, its state and the name(s) after it. Emits the standing
    /// triple and a phrase for the person (or for the state, when the title
    /// names nobody and the article has named nobody in it yet).
    pub(super) fn role_phrase(
        &mut self,
        i: usize,
        rel: Option<Relation>,
        plural: bool,
        source: RuleRef,
        cast: &mut Cast<'_>,
    ) -> usize {
        let n = self.tok.items.len();
        let role_form = self.tok.items[i].stem(self.tok.text).to_string();
        // «متحدث باسم رئيسة الوزراء البريطانية تيريزا ماي»: the name after
        // «باسم» and a second title is that title's holder; the spokesman
        // stays unnamed.
        if self.tok.lex.classes.ends(&role_form, Class::OnBehalf) {
            if let Some(Mean::Role {
                relation,
                plural,
                line,
            }) = self.tok.means.get(i + 1).cloned()
            {
                return self.role_phrase(i + 1, Some(relation), plural, RuleRef::Role(line), cast);
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
            match &self.tok.means[j] {
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
                Mean::Prep(p) if self.tok.is(p, Class::InPrep) => j += 1,
                // «سفير قطر لدى موسكو»: the state a post is held at is not
                // the one it belongs to (schema, "Posts").
                Mean::Prep(p)
                    if self.tok.is(p, Class::PostedAt)
                        && governor.is_some()
                        && matches!(self.tok.means.get(j + 1), Some(Mean::Actor(a, _)) if a.kind != ActorType::Person) =>
                {
                    j += 2
                }
                Mean::Punct('(') => {
                    let close =
                        (j..n.min(j + 10)).find(|&k| matches!(self.tok.means[k], Mean::Punct(')')));
                    match close {
                        Some(k) => j = k + 1,
                        None => break,
                    }
                }
                Mean::Word => {
                    let w = self.tok.word(j);
                    if self.tok.is(w, Class::Transparent) {
                        j += 1;
                    } else if self.tok.items[j].suffix_len > 0
                        || self.tok.find(w, Class::PossessedMinistry).is_some()
                    {
                        // «وزير دفاعها»: the office of the state in play.
                        if governor.is_none() {
                            governor = self.their_state(cast);
                        }
                        j += 1;
                    } else if governor.is_none()
                        && (w.starts_with(ARTICLE)
                            || w.strip_prefix('و').is_some_and(|r| r.starts_with(ARTICLE))
                            || self.tok.find(w, Class::Institution).is_some())
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
                            .find(|&k| !matches!(self.tok.means[k], Mean::Word))
                            .filter(|&k| matches!(self.tok.means[k], Mean::Punct(',')));
                        // «مفوضة الأمم المتحدة لحقوق الإنسان، ميشيل باشليت»:
                        // the body's field before the comma and a name the
                        // gazetteer lacks.
                        let named = |k: usize| {
                            matches!(self.tok.means.get(k + 1), Some(Mean::Actor(a, _)) if a.kind == ActorType::Person)
                                || (k + 1 < n
                                    && matches!(self.tok.means[k + 1], Mean::Word)
                                    && self.new_person(k + 1, false).0.is_some())
                        };
                        match comma {
                            Some(k) if named(k) => j = k,
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
        if self
            .tok
            .lex
            .classes
            .starts(&role_form, Class::CommanderTitle)
            && governor
                .as_ref()
                .is_some_and(|g| matches!(g.kind, ActorType::Group | ActorType::Organization))
        {
            rel = Relation::LeaderOf;
        }
        if j < n && matches!(self.tok.means[j], Mean::Punct(',' | '-' | ':')) {
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
                if j < n && matches!(self.tok.means[j], Mean::Punct('.')) {
                    j += 1;
                }
            }
            if j + 1 < n
                && matches!(self.tok.means[j], Mean::Word)
                && self.tok.lex.classes.pair(
                    self.tok.word(j),
                    self.tok.word(j + 1),
                    Class::HonorificPair,
                )
            {
                j += 2;
            }
            // «محمد عباس»: a first name the gazetteer lacks before a surname it has.
            if matches!(self.tok.means.get(j), Some(Mean::Word))
                && matches!(self.tok.means.get(j + 1), Some(Mean::Actor(a, _)) if a.kind == ActorType::Person)
                && !self.tok.is(self.tok.word(j), Class::Stopword)
            {
                j += 1;
            }
            let (p, next) = match self.tok.means.get(j) {
                // «المتحدث باسم الجيش الموالي لخليفة حفتر»: a name behind a
                // preposition is a complement, not the title's holder.
                Some(Mean::Actor(a, _))
                    if a.kind == ActorType::Person && !self.tok.items[j].has_prep() =>
                {
                    (Some(a.clone()), j + 1)
                }
                // A new name stands right after the title and its state (or
                // a comma), never after a preposition: «مصدر في تصريح خاص».
                Some(Mean::Word)
                    if j > 0
                        && !matches!(self.tok.means[j - 1], Mean::Prep(_) | Mean::TopicPrep) =>
                {
                    self.new_person(j, !persons.is_empty())
                }
                _ => (None, j),
            };
            let Some(p) = p else { break };
            let words: Vec<String> = self.tok.text
                [self.tok.items[j].form_start..self.tok.items[next - 1].range.end]
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
            if let Mean::Actor(a, Via::Nisba) = &self.tok.means[j] {
                let person_follows = matches!(self.tok.means.get(j + 1), Some(Mean::Actor(p, _)) if p.kind == ActorType::Person);
                if self.tok.items[j].prefix.starts_with('و') && (plural || person_follows) {
                    gov = Some(a.clone());
                    j += 1;
                    continue;
                }
            }
            if !plural {
                break;
            }
            let next_is_conj =
                self.tok.items[j].prefix.starts_with('و') || self.tok.word(j).starts_with('و');
            if !next_is_conj {
                break;
            }
        }
        let end = j.max(i + 1);
        // «وأكد مرتضى صنوبري القائم بأعمال سفارة إيران»: a name the
        // gazetteer lacks, right before the title it holds.
        if persons.is_empty()
            && known_rel
            && let Some(g) = governor.as_ref()
        {
            // «إسماعيل هنية رئيس المكتب السياسي لحركة حماس»: a person the
            // gazetteer knows, of the title's state, right before it (not
            // the object of a cue verb before him: «استقبل نتنياهو رئيس
            // الكنيست»).
            fn state(a: &ActorInfo) -> Option<&str> {
                if a.kind == ActorType::State {
                    Some(a.id.as_str())
                } else {
                    a.country.as_deref()
                }
            }
            let known = match i.checked_sub(1).map(|k| &self.tok.means[k]) {
                Some(Mean::Actor(p, _))
                    if p.kind == ActorType::Person
                        && !self.tok.items[i - 1].has_prep()
                        // «رفيقة درب هولاند ووزيرة البيئة»: a title after
                        // و is another person's.
                        && !self.tok.items[i].prefix.starts_with('و')
                        && p.country.is_some()
                        && p.country.as_deref() == state(g)
                        && (i < 2 || self.tok.cues[i - 2].is_empty()) =>
                {
                    Some(p.clone())
                }
                _ => None,
            };
            if let Some(p) = known.filter(|p| p.id != g.id) {
                let by = [source, Rule::TitleKnownBefore.into()];
                self.post(i, &p, rel, &role_form, g.clone(), &by, cast);
                self.push_phrase(vec![p], i, end - 1, false);
                return end;
            }
            if let Some((p, first)) = self.name_before(i) {
                let g = governor.clone().filter(|g| g.id != p.id);
                let words: Vec<String> = self.tok.text
                    [self.tok.items[first].form_start..self.tok.items[i - 1].range.end]
                    .split(' ')
                    .map(String::from)
                    .collect();
                cast.remember_person(&p, &words);
                if let Some(g) = g {
                    let by = [source, Rule::TitleNameBefore.into()];
                    self.post(i, &p, rel, &role_form, g, &by, cast);
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
                let post = Post {
                    relation: rel,
                    title: role_form.clone(),
                    of: g.id.clone(),
                };
                cast.roles.get(&post).cloned().or_else(|| {
                    let mut hs = cast
                        .roles
                        .iter()
                        .filter(|(k, _)| k.relation == rel && k.of == g.id);
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
                    let by = [source, Rule::TitleNameAfter.into()];
                    self.post(i, &p, rel, &role_form, g, &by, cast);
                }
            }
            actors.push(p);
        }
        self.push_phrase(actors, i, end - 1, false);
        end
    }

    /// The standing triple of a title's holder, unless a pattern of
    /// `data/rules/patterns.rules` blocks it («الرئيس السابق»: a post held
    /// in the past is no standing relation now); the article remembers the
    /// post's holder only then.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn post(
        &mut self,
        i: usize,
        holder: &ActorInfo,
        rel: Relation,
        title: &str,
        of: ActorInfo,
        by: &[RuleRef],
        cast: &mut Cast<'_>,
    ) {
        let mut rules = by.to_vec();
        let (mut rel, mut modality) = (rel, Modality::Asserted);
        match self
            .tok
            .lex
            .patterns
            .first_match(&self.seen(), i, rel)
            .map(|p| (p.id, p.action))
        {
            Some((id, Action::Block)) => {
                rules.extend([RuleRef::Pattern(id), Rule::BlockPattern.into()]);
                self.block(i, rel, Some(holder.clone()), Some(of), rules);
                return;
            }
            Some((id, Action::Relation(r))) => {
                rel = r;
                rules.push(RuleRef::Pattern(id));
            }
            Some((id, Action::Modality(m))) => {
                modality = m;
                rules.push(RuleRef::Pattern(id));
            }
            Some((_, Action::Swap)) | None => {}
        }
        let post = Post {
            relation: rel,
            title: title.to_string(),
            of: of.id.clone(),
        };
        cast.roles.insert(post, holder.clone());
        self.posts.push(Raw {
            subject: Some(holder.clone()),
            relation: rel,
            object: Some(of),
            modality,
            cue: i,
            rules,
        });
    }

    /// A body the gazetteer lacks, named by a unit or camp noun in the
    /// construct state and a definite name: «لواء اليرموك», «معسكر المنار»
    /// (but not «اللواء» the rank, nor «لواء المشاة», an ordinary word).
    pub(super) fn unit_name(&self, i: usize) -> Option<(ActorInfo, usize)> {
        let it = &self.tok.items[i];
        if !matches!(self.tok.means[i], Mean::Word | Mean::Role { .. })
            || it.prefix.ends_with(ARTICLE)
        {
            return None;
        }
        let w = self.tok.word(i);
        let construct = |(p, _): &(&str, &str)| !definite(p);
        // Unit nouns and named hills keep their noun in the name («لواء
        // اليرموك», «تل الشيخ حسين»); town nouns do not («بلدة كفر داعل»
        // is «كفر داعل»).
        // One split of the word for the three lists: this runs on every word.
        let splits = clitic_splits(w, &self.tok.lex.classes);
        let (kind, keep, definite, most) = if let Some((_, head)) = self
            .tok
            .lex
            .classes
            .find_in(&splits, Class::UnitHead)
            .filter(construct)
        {
            let kind = if self.tok.is(head, Class::CampHead) {
                ActorType::Place
            } else {
                ActorType::Group
            };
            (kind, Some(head), true, 2)
        } else if let Some((_, head)) = self
            .tok
            .lex
            .classes
            .find_in(&splits, Class::HillHead)
            .filter(construct)
        {
            (ActorType::Place, Some(head), false, 3)
        } else if self
            .tok
            .lex
            .classes
            .find_in(&splits, Class::TownHead)
            .filter(construct)
            .is_some()
        {
            (ActorType::Place, None, false, 2)
        } else {
            return None;
        };
        let name_word = |k: usize, first: bool| {
            let w = self.tok.word(k);
            let n = w.chars().count();
            matches!(self.tok.means[k], Mean::Word)
                && self.tok.cues[k].is_empty()
                && self.tok.modals[k].is_none()
                && (!first || !definite || w.starts_with(ARTICLE))
                && (n >= 4 || ((!first || keep.is_none()) && n >= 3))
                && !self.tok.is(w, Class::Stopword)
                && !self.tok.is(w, Class::Direction)
                && !self.tok.place_noun(w)
                && !self.tok.lex.is_common(w)
                && !w.chars().any(|c| c.is_ascii_digit())
        };
        // After the first word: no conjunct («السويداء والقرى»), no
        // preposition («بالتزامن»), no adjective («جنديرس الاستراتيجية»).
        let more = |k: usize| {
            let w = self.tok.word(k);
            let first_definite = self.tok.word(i + 1).starts_with(ARTICLE);
            !w.starts_with('و')
                && !w.starts_with('ب')
                && !(w.starts_with(ARTICLE)
                    && (w.ends_with(NISBA_F) || !first_definite || keep.is_none()))
        };
        let mut end = i + 1;
        while end < self.tok.items.len()
            && end <= i + most
            && name_word(end, end == i + 1)
            && (end == i + 1 || more(end))
        {
            end += 1;
        }
        // «جبل القاهرة»: a hill or camp named for a capital is a place of
        // its own, not the state the capital stands for.
        if end == i + 1
            && keep.is_some()
            && kind == ActorType::Place
            && matches!(
                self.tok.means.get(i + 1),
                Some(Mean::Actor(_, Via::Metonym))
            )
            && self.tok.items[i + 1].prefix.is_empty()
        {
            end = i + 2;
        }
        if end == i + 1 {
            return None;
        }
        let label = keep
            .into_iter()
            .chain((i + 1..end).map(|k| self.tok.word(k)))
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
    pub(super) fn name_before(&self, i: usize) -> Option<(ActorInfo, usize)> {
        let plain = |k: usize| {
            let w = self.tok.word(k);
            matches!(self.tok.means[k], Mean::Word)
                && self.phrase_at[k].is_none()
                && self.tok.cues[k].is_empty()
                && self.tok.modals[k].is_none()
                && w.chars().count() >= 3
                && !w.starts_with(ARTICLE)
                && !self.tok.is(w, Class::Stopword)
                && name_shaped(w, false, &self.tok.lex.classes)
                && !self.tok.lex.is_common(w)
                && !w.chars().any(|c| c.is_ascii_digit())
        };
        let mut first = i;
        while first > 0 && i - first < 3 && plain(first - 1) {
            first -= 1;
        }
        let words: Vec<&str> = (first..i).map(|k| self.tok.word(k)).collect();
        if i - first < 2
            || !name_shaped(words[0], true, &self.tok.lex.classes)
            || accusative_pair(&words)
        {
            return None;
        }
        let opens = first == 0
            || matches!(self.tok.means[first - 1], Mean::Punct(_))
            || (matches!(self.tok.means[first - 1], Mean::Word)
                && self
                    .tok
                    .find(self.tok.word(first - 1), Class::SpeechVerb)
                    .is_some());
        if !opens {
            return None;
        }
        let label = (first..i)
            .map(|k| self.tok.word(k))
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
    pub(super) fn honorific(&self, k: usize) -> bool {
        matches!(self.tok.means[k], Mean::Word | Mean::Role { .. })
            && self.tok.find(self.tok.word(k), Class::Honorific).is_some()
    }

    /// A name the gazetteer lacks, after a title: up to five plain words.
    pub(super) fn new_person(&self, j: usize, conj: bool) -> (Option<ActorInfo>, usize) {
        let n = self.tok.items.len();
        let mut k = j;
        let mut words = Vec::new();
        // «فهد بن محمد آل عطية»: five words with the particles of a lineage.
        while k < n && words.len() < 5 {
            if !matches!(self.tok.means[k], Mean::Word) {
                break;
            }
            let mut w = self.tok.word(k);
            if words.is_empty() && conj {
                match w.strip_prefix('و') {
                    Some(rest) => w = rest,
                    None => break,
                }
            }
            // «بن», «آل» inside a name: lineage, not a clitic on a word.
            let particle = !words.is_empty() && self.tok.is(w, Class::NameParticle);
            let bad = !particle
                && (self.tok.is(w, Class::Stopword)
                || !name_shaped(w, words.is_empty(), &self.tok.lex.classes)
                || self.tok.lex.is_common(w)
                // «وقال», «لدعم»: a clitic on an ordinary word; «فان» (van)
                // is no clitic on «ان».
                || (w.starts_with(['ب', 'ل', 'و', 'ف', 'ك'])
                    && w[2..].chars().count() >= 3
                    && self.tok.lex.is_common(&w[2..]))
                || w.strip_prefix('ب').is_some_and(|r| r.starts_with(ARTICLE))
                || w.starts_with(LL)
                || (w.starts_with(['ب', 'ل'])
                    && self.tok.lex.classes.ends(w, Class::PronounTail)
                    && w.chars().count() <= 6)
                || !self.tok.cues[k].is_empty()
                || self.tok.modals[k].is_some()
                || w.chars().count() < 2
                || w.chars().any(|c| c.is_ascii_digit())
                || (words.is_empty()
                    && (w.starts_with(ARTICLE)
                        || self.tok.find(w, Class::Institution).is_some()
                        || self.tok.place_noun(w)))
                || (!words.is_empty() && w.starts_with(['و', 'ب']) && w.chars().count() <= 4 && {
                    // «وهو», «بها», «وقال»: a clitic on a word; «برور»
                    // is a name.
                    let rest = &w[2..];
                    self.tok.is(rest, Class::Stopword)
                        || self.tok.lex.is_common(rest)
                        || rest.chars().count() <= 2
                }));
            if bad {
                break;
            }
            words.push(w);
            k += 1;
        }
        // «الأمير سعود بن نايف بن عبد العزيز»: a name does not end in a
        // particle; what follows it is another person's name.
        while words.len() > 1
            && words
                .last()
                .is_some_and(|w| self.tok.is(w, Class::NameParticle))
        {
            words.pop();
            k -= 1;
        }
        // One bare word is a name only when it is no ordinary word and
        // something follows that is not part of a name («الجنرال ديمبسي
        // يحذر»); otherwise it is too weak to be a new person.
        let after_honorific = j > 0
            && matches!(self.tok.means[j - 1], Mean::Word)
            && self
                .tok
                .find(self.tok.word(j - 1), Class::Honorific)
                .is_some();
        let single_ok = words.len() == 1
            && after_honorific
            && words[0].chars().count() >= 4
            && !words[0].starts_with(ARTICLE)
            && k < n
            && !matches!(self.tok.means[k], Mean::Actor(..));
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
}

/// Whether a word can be part of a name the gazetteer lacks, by its shape:
/// not a verb («قدموا», «تلعبون»), not a word with a pronoun on it
/// («اهتمامهم»), not a pronoun, and a first word carries no conjunction
/// with the article («والوجبات»).
pub(super) fn name_shaped(w: &str, first: bool, classes: &Classes) -> bool {
    let n = w.chars().count();
    let plural_verb = n >= 4
        && (classes.ends(w, Class::PluralVerbSuffix)
            || (w.starts_with(['ي', 'ت'])
                && classes.ends(w, Class::PresentPluralSuffix)
                && n >= 5));
    let possessed = n >= 5 && classes.ends(w, Class::PossessedNameSuffix)
        || (n >= 5 && w.starts_with(['ي', 'ت', 'ن']) && classes.ends(w, Class::FirstPersonSuffix));
    // «والوجبات», «ولطالما», «وابتسم»: a conjunction on a word after a
    // title begins a new clause; «وليد» and «وائل» keep their و.
    let conj_article = first && n >= 5 && classes.starts(w, Class::ConjunctStart);
    !(plural_verb || possessed || conj_article || classes.has(w, Class::Pronoun))
}

/// Two words in the accusative («ضابطا بارزا», «وعودا انتخابية»): a noun
/// and its adjective, not a name.
pub(super) fn accusative_pair(words: &[&str]) -> bool {
    words.windows(2).any(|p| {
        p.iter().all(|w| w.ends_with('ا') && w.chars().count() >= 4)
            || (p[0].ends_with('ا') && p[0].chars().count() >= 4 && p[1].ends_with(NISBA_F))
    })
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
