//! Building a people index: the two passes over the articles (name
//! evidence, then resolution against the clustered names), and the
//! assembly of every article's share into people with canonical names,
//! aliases, roles, mentions and quotes.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use jiff::civil::Date;
use rayon::prelude::*;

use super::clustering::NameTable;
use super::context::{FoundMention, FoundRole};
use super::evidence::NameEvidence;
use super::model::{
    ArticleRef, CorpusQuote, Mention, MentionKind, Person, PersonId, QuoteId, QuoteSpeaker,
    RoleRecord, SurfaceId,
};
use super::names::{key_of, words_of};
use super::resolution::resolve_article;
use super::scan::fold;
use super::stored::{ArticlesPart, PeoplePart, StoredPersons};
use super::surfaces::Renumbered;
use super::{PeopleIndex, in_batches};
use crate::article::Article;
use crate::config::CuratedPerson;
use crate::corpus::Corpus;

/// One article's part of the index, with the words it takes from the
/// article's text, so that `assemble` needs no text. Person ids are the
/// name table's.
pub(super) struct ArticleShare {
    pub reference: ArticleRef,
    pub hash: [u8; 32],
    pub mentions: Vec<SharedMention>,
    pub roles: Vec<FoundRole>,
    /// `id` and `article` are set by `assemble`.
    pub quotes: Vec<CorpusQuote>,
}

/// A mention in an article share, with the words of a name mention.
pub(super) struct SharedMention {
    pub found: FoundMention,
    pub surface: Option<String>,
}

impl ArticleShare {
    pub(super) fn of(article: &Article, table: &NameTable) -> ArticleShare {
        let found = resolve_article(article, table);
        let text = &article.text;
        let mentions = found
            .mentions
            .into_iter()
            .map(|found| SharedMention {
                surface: (found.kind == MentionKind::Name)
                    .then(|| text[found.range.clone()].to_string()),
                found,
            })
            .collect();
        let quotes = found
            .quotes
            .into_iter()
            .map(|draft| CorpusQuote {
                id: 0,
                article: 0,
                range: draft.span.range(),
                text: (draft.span.segments.iter())
                    .map(|s| &text[s.clone()])
                    .collect::<Vec<_>>()
                    .join(" "),
                segments: draft.span.segments,
                speaker: draft.speaker,
                cue: draft.cue,
                speaker_range: draft.speaker_range,
            })
            .collect();
        ArticleShare {
            reference: ArticleRef {
                key: article.key.clone(),
                rel_path: article.rel_path.clone(),
                path: article.path.clone(),
                date: article.date(),
                title: article.title().map(str::to_string),
            },
            hash: *blake3::hash(text.as_bytes()).as_bytes(),
            mentions,
            roles: found.roles,
            quotes,
        }
    }
}

impl PeopleIndex {
    /// Build the index of a corpus; `curated` are the `[people]` of
    /// `backstop.toml`, which win over what is inferred.
    pub fn build(corpus: &Corpus, curated: &[CuratedPerson]) -> PeopleIndex {
        let evidence = NameEvidence::gather(corpus);
        let table = NameTable::new(evidence.totals(), curated);
        PeopleIndex::build_from(corpus, curated, evidence, &table)
    }

    /// The index of `corpus` given every article's name `evidence` and the
    /// name table it makes: the second half of `build`, which `update`
    /// also uses when it must resolve every article again.
    pub(super) fn build_from(
        corpus: &Corpus,
        curated: &[CuratedPerson],
        evidence: NameEvidence,
        table: &NameTable,
    ) -> PeopleIndex {
        let shares = in_batches(corpus.len(), |i| ArticleShare::of(corpus.article(i), table));
        assemble(shares, evidence, table, curated)
    }
}

/// The per-article lists of an index being made, in corpus order.
#[derive(Default)]
pub(super) struct ArticleLists {
    pub articles: Vec<ArticleRef>,
    pub hashes: Vec<[u8; 32]>,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<CorpusQuote>,
    /// Per article, its mentions (indexes into `mentions`) in order.
    pub article_mentions: Vec<Vec<usize>>,
    /// Per article, its quotes in order.
    pub article_quotes: Vec<Vec<QuoteId>>,
}

impl ArticleLists {
    pub(super) fn with_capacity(articles: usize, mentions: usize, quotes: usize) -> ArticleLists {
        ArticleLists {
            articles: Vec::with_capacity(articles),
            hashes: Vec::with_capacity(articles),
            mentions: Vec::with_capacity(mentions),
            quotes: Vec::with_capacity(quotes),
            article_mentions: Vec::with_capacity(articles),
            article_quotes: Vec::with_capacity(articles),
        }
    }

    /// Start the next article; its position.
    pub(super) fn start_article(&mut self, reference: ArticleRef, hash: [u8; 32]) -> usize {
        self.articles.push(reference);
        self.hashes.push(hash);
        self.article_mentions.push(Vec::new());
        self.article_quotes.push(Vec::new());
        self.articles.len() - 1
    }

    /// Add a mention to the last article; its position.
    pub(super) fn push_mention(&mut self, mention: Mention) -> usize {
        let position = self.mentions.len();
        self.article_mentions
            .last_mut()
            .expect("an article started")
            .push(position);
        self.mentions.push(mention);
        position
    }

    /// Add a quote to the last article, numbering it.
    pub(super) fn push_quote(&mut self, mut quote: CorpusQuote) -> QuoteId {
        let id = self.quotes.len();
        quote.id = id;
        quote.article = self.articles.len() - 1;
        self.article_quotes
            .last_mut()
            .expect("an article started")
            .push(id);
        self.quotes.push(quote);
        id
    }

    /// The lists as the index stores them, with the surface words of the
    /// mentions.
    pub(super) fn into_part(mut self, surfaces: Vec<String>) -> ArticlesPart<'static> {
        // Grown by doubling, the lists would keep up to as much again
        // unused for as long as the index lives.
        self.mentions.shrink_to_fit();
        self.quotes.shrink_to_fit();
        for list in &mut self.article_mentions {
            list.shrink_to_fit();
        }
        ArticlesPart {
            articles: self.articles.into(),
            mentions: self.mentions.into(),
            quotes: self.quotes.into(),
            article_quotes: self.article_quotes.into(),
            article_mentions: self.article_mentions.into(),
            surfaces: surfaces.into(),
            hashes: self.hashes.into(),
        }
    }
}

/// Every article's share gathered in corpus order, with person ids still
/// the name table's.
struct Gathered {
    lists: ArticleLists,
    /// Per person: surface → (count, order of first use).
    surface_counts: Vec<HashMap<u32, (u32, usize)>>,
    roles: Vec<Vec<RoleRecord>>,
    person_mentions: Vec<Vec<usize>>,
    person_quotes: Vec<Vec<QuoteId>>,
}

impl Gathered {
    fn new(count: usize) -> Gathered {
        Gathered {
            lists: ArticleLists::default(),
            surface_counts: vec![HashMap::new(); count],
            roles: vec![Vec::new(); count],
            person_mentions: vec![Vec::new(); count],
            person_quotes: vec![Vec::new(); count],
        }
    }

    fn add(&mut self, share: ArticleShare, surfaces: &mut Renumbered) {
        let date = share.reference.date;
        let article = self.lists.start_article(share.reference, share.hash);
        for SharedMention { found, surface } in share.mentions {
            let order = self.lists.mentions.len();
            let surface = surface.map(|surface| {
                let id = surfaces.of_new(surface);
                self.surface_counts[found.person]
                    .entry(id)
                    .or_insert((0, order))
                    .0 += 1;
                id
            });
            let position = self.lists.push_mention(Mention {
                article,
                range: found.range,
                person: found.person,
                kind: found.kind,
                surface: surface.and_then(SurfaceId::new),
            });
            self.person_mentions[found.person].push(position);
        }
        for FoundRole {
            person,
            role,
            range,
        } in share.roles
        {
            add_role(&mut self.roles[person], role, article, date, range);
        }
        for quote in share.quotes {
            let speaker = match quote.speaker {
                QuoteSpeaker::Person(p) => Some(p),
                _ => None,
            };
            let id = self.lists.push_quote(quote);
            if let Some(p) = speaker {
                self.person_quotes[p].push(id);
            }
        }
    }
}

impl Gathered {
    /// A description or a quote may point at a person whom no name mention
    /// names (a description matched by role alone), and who is therefore
    /// not kept (`id_of_slot` has no id for them): drop those descriptions
    /// and leave those quotes unresolved.
    fn forget_unkept(&mut self, id_of_slot: &[Option<PersonId>]) {
        let kept = |slot: PersonId| id_of_slot[slot].is_some();
        for quote in &mut self.lists.quotes {
            if let QuoteSpeaker::Person(slot) = quote.speaker
                && !kept(slot)
            {
                quote.speaker = QuoteSpeaker::Unresolved;
            }
        }
        let lists = &mut self.lists;
        if lists.mentions.iter().all(|m| kept(m.person)) {
            return;
        }
        let mut position = vec![None; lists.mentions.len()];
        let mentions = std::mem::take(&mut lists.mentions);
        for (old, mention) in mentions.into_iter().enumerate() {
            if kept(mention.person) {
                position[old] = Some(lists.mentions.len());
                lists.mentions.push(mention);
            }
        }
        for list in lists
            .article_mentions
            .iter_mut()
            .chain(&mut self.person_mentions)
        {
            *list = list.iter().filter_map(|&old| position[old]).collect();
        }
    }
}

/// The index of every article's share.
fn assemble(
    shares: impl Iterator<Item = ArticleShare>,
    evidence: NameEvidence,
    table: &NameTable,
    curated: &[CuratedPerson],
) -> PeopleIndex {
    let mut gathered = Gathered::new(table.count);
    let mut surfaces = Renumbered::new(&[]);
    for share in shares {
        gathered.add(share, &mut surfaces);
    }
    let surfaces = surfaces.into_strings();
    let (mut persons, id_of_slot) = people_of(&mut gathered, &surfaces, table, curated);
    gathered.forget_unkept(&id_of_slot);
    for mention in &mut gathered.lists.mentions {
        mention.person = id_of_slot[mention.person].expect("unkept people forgotten");
    }
    for quote in &mut gathered.lists.quotes {
        if let QuoteSpeaker::Person(p) = quote.speaker {
            quote.speaker = QuoteSpeaker::Person(id_of_slot[p].expect("unkept people forgotten"));
        }
    }
    for (slot, id) in id_of_slot.iter().enumerate() {
        if let Some(id) = *id {
            persons[id].mentions = std::mem::take(&mut gathered.person_mentions[slot]);
            persons[id].mentions.shrink_to_fit();
            persons[id].quotes = std::mem::take(&mut gathered.person_quotes[slot]);
        }
    }
    let mut slots = vec![0; persons.len()];
    for (slot, id) in id_of_slot.iter().enumerate() {
        if let Some(id) = *id {
            slots[id] = slot;
        }
    }
    let people = People {
        persons,
        evidence,
        slots,
        curated_fingerprint: fingerprint(curated),
    };
    index_of(
        table,
        &id_of_slot,
        people,
        gathered.lists.into_part(surfaces),
    )
}

/// The people: curated ones always, others when the corpus names them,
/// with their names and roles (mentions and quotes are left to fill in);
/// and per name-table slot, its person.
fn people_of(
    gathered: &mut Gathered,
    surfaces: &[String],
    table: &NameTable,
    curated: &[CuratedPerson],
) -> (Vec<Person>, Vec<Option<PersonId>>) {
    let mut id_of_slot = vec![None; table.count];
    let mut persons = Vec::new();
    for (slot, id) in id_of_slot.iter_mut().enumerate() {
        let curated_index = table.curated[slot];
        if curated_index.is_none() && gathered.surface_counts[slot].is_empty() {
            continue;
        }
        let (canonical, aliases) = naming(
            &gathered.surface_counts[slot],
            surfaces,
            curated_index.map(|i| &curated[i]),
        );
        let mut roles: Vec<RoleRecord> = curated_index
            .into_iter()
            .flat_map(|i| &curated[i].roles)
            .map(|role| RoleRecord {
                role: role.as_str().into(),
                article: None,
                date: None,
                range: None,
            })
            .collect();
        let mut inferred = std::mem::take(&mut gathered.roles[slot]);
        inferred.sort_by_key(|r| (r.date, r.article));
        roles.extend(inferred);
        *id = Some(persons.len());
        persons.push(Person {
            id: persons.len(),
            canonical,
            aliases,
            roles,
            mentions: Vec::new(),
            quotes: Vec::new(),
            curated: curated_index.is_some(),
        });
    }
    (persons, id_of_slot)
}

/// Add the role `article` gives at `range` to a person's `roles`, unless
/// that article already gave it (folded alike). Articles come in order, so
/// its roles so far are the last ones.
pub(super) fn add_role(
    roles: &mut Vec<RoleRecord>,
    role: String,
    article: usize,
    date: Option<Date>,
    range: Range<usize>,
) {
    let folded = fold(&role);
    if !roles
        .iter()
        .rev()
        .take_while(|r| r.article == Some(article))
        .any(|r| fold(&r.role) == folded)
    {
        roles.push(RoleRecord {
            role: role.into(),
            article: Some(article),
            date,
            range: Some(range),
        });
    }
}

/// The people of an index and what `update` needs to know of how they
/// were made, as `assemble` and `splice` leave them.
pub(super) struct People {
    pub persons: Vec<Person>,
    pub evidence: NameEvidence,
    /// Per person, their name-table slot.
    pub slots: Vec<usize>,
    /// `incremental::fingerprint` of the curated people.
    pub curated_fingerprint: [u8; 32],
}

/// The index of `people` (name-table slot `s` is person `id_of_slot[s]`)
/// and of its articles' parts: the name lookups are made here.
pub(super) fn index_of(
    table: &NameTable,
    id_of_slot: &[Option<PersonId>],
    people: People,
    articles: ArticlesPart<'static>,
) -> PeopleIndex {
    let lookups = NameLookups::of(table, id_of_slot, &people.persons);
    let people = PeoplePart {
        persons: StoredPersons(people.persons.into()),
        names: Cow::Owned(lookups.names),
        surnames: Cow::Owned(lookups.surnames),
        surname_prefixes: Cow::Owned(lookups.surname_prefixes),
        evidence: Cow::Owned(people.evidence),
        slots: people.slots.into(),
        curated_fingerprint: people.curated_fingerprint,
        resolution: table.resolution(),
    };
    PeopleIndex::from_parts(people, articles)
}

/// A person's canonical name and aliases from how often each surface
/// (`surfaces[id]`) names them and where first (`surface → (count, order)`):
/// the curated name, else a full name before a bare surname, the most used,
/// one with a census given name, then the first used.
pub(super) fn naming(
    surface_counts: &HashMap<u32, (u32, usize)>,
    surfaces: &[String],
    curated: Option<&CuratedPerson>,
) -> (String, Vec<String>) {
    let mut used: Vec<(&str, (u32, usize))> = surface_counts
        .iter()
        .map(|(&id, &counts)| (surfaces[id as usize].as_str(), counts))
        .collect();
    used.sort_by(|a, b| {
        // Particles are no given name: "bin Laden" and "De Pieri" are bare
        // surnames next to "Osama bin Laden" and "Elisa De Pieri".
        let words = |s: &str| {
            s.split_whitespace()
                .filter(|w| {
                    !w.starts_with(char::is_lowercase) && !super::vocabulary::is_particle(&fold(w))
                })
                .count()
                .min(2)
        };
        // Of two spellings used as often, one whose given name is a census
        // one ("Mark Sullivan", not "Marks Sullivan").
        let census_given = |s: &str| {
            s.split_whitespace()
                .next()
                .is_some_and(|w| super::vocabulary::is_given_name(&fold(w)))
        };
        (words(b.0), b.1.0, census_given(b.0), a.1.1).cmp(&(
            words(a.0),
            a.1.0,
            census_given(a.0),
            b.1.1,
        ))
    });
    let canonical = match curated {
        Some(person) => person.name.clone(),
        None => used[0].0.to_string(),
    };
    let mut aliases: Vec<String> = Vec::new();
    let mut by_count = used;
    by_count.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    let mut seen: HashSet<String> = HashSet::new();
    seen.insert(canonical.clone());
    let curated_aliases = curated.into_iter().flat_map(|person| &person.aliases);
    let used_names = by_count.into_iter().map(|(surface, _)| surface);
    for alias in curated_aliases.map(String::as_str).chain(used_names) {
        if seen.insert(alias.to_string()) {
            aliases.push(alias.to_string());
        }
    }
    (canonical, aliases)
}

/// The name look-ups of an index.
pub(super) struct NameLookups {
    /// Key of a full name or alias → person.
    pub names: HashMap<String, PersonId>,
    /// Surname → the people who have it.
    pub surnames: HashMap<String, Vec<PersonId>>,
    /// First three letters of a surname → surnames, for near spellings.
    pub surname_prefixes: HashMap<String, Vec<String>>,
}

impl NameLookups {
    /// The look-ups from the name table (whose slot `s` is person
    /// `id_of_slot[s]`) and each person's names.
    fn of(table: &NameTable, id_of_slot: &[Option<PersonId>], persons: &[Person]) -> NameLookups {
        let person_names: Vec<(String, PersonId)> = persons
            .par_iter()
            .flat_map_iter(|p| {
                p.all_names()
                    .map(|n| (key_of(&words_of(n)), p.id))
                    .collect::<Vec<_>>()
            })
            .collect();
        let names = (table.names.iter())
            .filter_map(|(k, &slot)| Some((k.clone(), id_of_slot[slot]?)))
            .chain(person_names)
            .collect();
        let surnames: HashMap<String, Vec<PersonId>> = (table.surnames.iter())
            .map(|(k, slots)| {
                let ids: Vec<PersonId> =
                    slots.iter().filter_map(|&slot| id_of_slot[slot]).collect();
                (k.clone(), ids)
            })
            .filter(|(_, ids)| !ids.is_empty())
            .collect();
        let mut surname_prefixes: HashMap<String, Vec<String>> = HashMap::new();
        for surname in surnames.keys() {
            surname_prefixes
                .entry(surname.chars().take(3).collect())
                .or_default()
                .push(surname.clone());
        }
        NameLookups {
            names,
            surnames,
            surname_prefixes,
        }
    }
}

/// The curated people an index was built with.
pub(super) fn fingerprint(curated: &[CuratedPerson]) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    for person in curated {
        for field in std::iter::once(&person.name)
            .chain(&person.aliases)
            .chain(std::iter::once(&String::new()))
            .chain(&person.roles)
        {
            hasher.update(&(field.len() as u64).to_le_bytes());
            hasher.update(field.as_bytes());
        }
        hasher.update(b"\xff");
    }
    *hasher.finalize().as_bytes()
}
