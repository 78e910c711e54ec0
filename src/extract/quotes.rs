//! Stage 3, extract: quotations and who said them.
//!
//! Input: the normalised text of a whole document (curly quotes already
//! straight, see [`crate::normalize`]). Output: [`QuoteMatch`]es, byte spans
//! into that text, each with the words inside the quotation marks and, when
//! the text says who spoke, the speaker's name and a key to match one
//! speaker across reports ("Defence Minister Rajnath Singh", "Singh" and
//! "the Defence Minister" all give `singh`).
//!
//! A quotation is double-quoted text. Single quotes are read only when
//! clearly paired on one line: an opening `'` at the start of a line or
//! after a space, a closing `'` before punctuation, so apostrophes
//! ("Putin's", "We've", "leaders' summit") never start or end one. A
//! quotation may run over several sentences and, as newspapers write it,
//! over several paragraphs: a paragraph that ends inside a quotation and a
//! next one that opens with a quotation mark continue it. A quotation whose
//! closing mark is missing ends with its paragraph, so no quoted text is
//! lost and the next quotation is still found.
//!
//! The speaker comes from the words next to the quotation:
//! `"...," X said`, `"...," said X`, `X said: "..."`, `X said "..."`,
//! `X told reporters: "..."`, `"...," according to X`, `'...': X on ...`
//! (a headline), or a verb of saying earlier in the same sentence
//! (`X said the visit was "a turning point"`). A pronoun ("he said") is the
//! person who last spoke in this paragraph or the one before; failing that,
//! the first person named in the nearest sentence before that names one
//! (the subject: in "Singh said the meeting between Modi and Putin will
//! strengthen ties. "...," he said", he is Singh, not Putin, the last name
//! before), skipping a sentence whose subject is a description ("The
//! 38-year-old, a former nurse, beat Labour's Reed"); a paragraph that names
//! someone new after the last speaker's paragraph ("The union leader Moira
//! Keane accused ... "...," she said") gives that person. A speaker's words
//! may run to eight ("WHO country representative Dr Fatou Ndiaye Sarr").
//! A description ("the Defence Minister said") is the nearest
//! person named earlier with those title words ("Defence Minister Rajnath
//! Singh"). A paragraph that is only an unattributed quotation, right after
//! a paragraph with an attributed one, keeps that speaker. The vocabulary is
//! `rules/quotes.toml` ([`QuoteRules`]), with the titles of
//! `rules/titles.toml`, the month and weekday names of `rules/dates.toml`
//! and the stopwords of `rules/words.toml`.

use crate::rules::Rules;
use crate::span::Span;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

/// `rules/quotes.toml`: how quotations are found and compared.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRules {
    /// Verbs of saying ("said", "told", "pointed out").
    pub verbs: Vec<String>,
    /// Phrases the speaker follows ("according to").
    pub speaker_after: Vec<String>,
    /// Words that may stand between a speaker and the verb ("also").
    pub adverbs: Vec<String>,
    /// Pronouns resolved to a speaker named earlier ("he", "she").
    pub resolve_pronouns: Vec<String>,
    /// Pronouns that are not speakers and are not resolved ("they", "it").
    pub pronouns: Vec<String>,
    /// Words opening a description of a speaker ("the", "a").
    pub determiners: Vec<String>,
    /// Nouns that make a speaker with no name ("officials"), besides titles.
    pub speaker_nouns: Vec<String>,
    /// Lowercase words that may join the words of a name ("of", "da").
    pub connectors: Vec<String>,
    /// Capitalised words that do not start a name at the start of a
    /// sentence, besides the stopwords.
    pub not_names: Vec<String>,
    /// A quotation of at most this many words is a scare quote.
    pub short_max_words: usize,
    /// Words that negate ("not", "never").
    pub negations: Vec<String>,
    /// Endings that make a word negate ("n't").
    pub negation_suffixes: Vec<String>,
    /// Beginnings that make a word the opposite of the rest of it
    /// ("unavoidable" and "avoidable").
    pub negation_prefixes: Vec<String>,
    /// Shortest rest of a word, after such a prefix, read that way.
    pub negation_stem_min: usize,
    /// Marks of an elision ("…", "...", "[...]").
    pub elisions: Vec<String>,
    /// Shortest word a spelling variant is looked for in.
    pub spelling_min_len: usize,
    /// `[ending, ending]`: spelling variants read as one ("isation",
    /// "ization").
    pub spelling: Vec<[String; 2]>,
    /// Least share of the shorter quotation's words found in the other for
    /// the two to be versions of one quotation.
    pub same_quote: f32,
    /// Least number of shared words for that (or all of a shorter quotation).
    pub same_quote_min_words: usize,
    /// Texts and the quotations a test must find in them.
    #[serde(default)]
    pub examples: Vec<QuoteExample>,
    /// Pairs of quotations and the verdict a test must give them.
    #[serde(default)]
    pub comparisons: Vec<ComparisonExample>,
}

/// An example of `rules/quotes.toml`: a text and its quotations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteExample {
    /// The text.
    pub text: String,
    /// `[quoted words, speaker key]` of every quotation returned, in order;
    /// the key is `""` when there is no speaker.
    pub quotes: Vec<[String; 2]>,
}

/// An example of `rules/quotes.toml`: two versions of a quotation and the
/// verdict of comparing them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonExample {
    /// One version.
    pub a: String,
    /// The other.
    pub b: String,
    /// `same`, `elided`, `expanded`, `reworded` or `changed-KIND` (`number`,
    /// `date`, `name`, `negation`).
    pub verdict: String,
}

/// A quotation found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteMatch {
    /// The quoted words, without the quotation marks: from the first word
    /// after the opening mark to the last before the closing one (a
    /// trailing comma, which belongs to the sentence around it, left out).
    /// A quotation continued over paragraphs runs from its first part to
    /// its last, the paragraph breaks and reopening marks included; see
    /// [`QuoteMatch::parts`].
    pub span: Span,
    /// The quotation with its marks.
    pub outer: Span,
    /// The quoted words of each paragraph, in order; one part for a
    /// quotation within one paragraph.
    pub parts: Vec<Span>,
    /// Whether the closing mark was found; a quotation without one ends
    /// with its paragraph.
    pub closed: bool,
    /// The speaker's name: where the text names the person the quotation is
    /// attributed to ("Rajnath Singh"); for a pronoun or a description, the
    /// earlier mention it stands for; for a speaker with no name ("a
    /// spokesperson"), the description.
    pub speaker: Option<Span>,
    /// The speaker as a key to match across reports: the last word of the
    /// name lowercased, titles left out ("Defence Minister Rajnath Singh"
    /// gives `singh`); for a speaker with no name, the description's words
    /// lowercased ("defence ministry").
    pub speaker_key: Option<String>,
    /// The words next to the quotation that name its speaker, as written
    /// ("he", "the Defence Minister", "Singh"); `None` when the speaker was
    /// carried from the paragraph before, or there is none.
    pub attribution: Option<Span>,
    /// A quotation of at most `short_max_words` words ("a "strategic"
    /// move"). Such scare quotes are returned only when a speaker is
    /// attributed right next to them; a caller comparing quotations should
    /// usually leave them out.
    pub short: bool,
}

impl QuoteMatch {
    /// The quoted words of every part, joined with a space: the text to
    /// compare.
    pub fn words(&self, text: &str) -> String {
        self.parts.iter().map(|p| p.of(text)).collect::<Vec<_>>().join(" ")
    }
}

/// The quotation finder, compiled from the rules once.
#[derive(Debug, Clone)]
pub struct QuoteFinder {
    verbs: Phrases,
    speaker_after: Phrases,
    adverbs: HashSet<String>,
    dates: HashSet<String>,
    resolve: HashSet<String>,
    pronouns: HashSet<String>,
    determiners: HashSet<String>,
    titles: HashSet<String>,
    speaker_nouns: HashSet<String>,
    connectors: HashSet<String>,
    not_names: HashSet<String>,
    stopwords: HashSet<String>,
    short_max: usize,
}

/// Word phrases by their first word, longest first.
#[derive(Debug, Clone, Default)]
struct Phrases {
    by_first: HashMap<String, Vec<Vec<String>>>,
    longest: usize,
}

impl Phrases {
    fn new(list: &[String]) -> Result<Phrases, String> {
        let mut out = Phrases::default();
        for entry in list {
            let words: Vec<String> = entry.split_whitespace().map(key).collect();
            let Some(first) = words.first().cloned() else {
                return Err(format!("an empty phrase in {list:?}"));
            };
            out.longest = out.longest.max(words.len());
            out.by_first.entry(first).or_default().push(words);
        }
        for list in out.by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        Ok(out)
    }

    /// How many tokens from `i` on spell a phrase.
    fn at(&self, toks: &[Tok], i: usize) -> Option<usize> {
        let first = toks.get(i).filter(|t| t.kind == Kind::Word)?;
        let list = self.by_first.get(&first.key)?;
        list.iter()
            .find(|p| {
                p.iter().enumerate().all(|(k, w)| toks.get(i + k).is_some_and(|t| t.kind == Kind::Word && t.key == *w))
            })
            .map(Vec::len)
    }

    /// Where a phrase ending right before token `end` starts.
    fn ending_at(&self, toks: &[Tok], end: usize) -> Option<usize> {
        (1..=self.longest.min(end)).map(|len| end - len).find(|&start| self.at(toks, start) == Some(end - start))
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Letters and digits, with inner apostrophes, hyphens and initials' dots.
    Word,
    /// One punctuation character.
    Punct(char),
    /// One or more line breaks.
    Break,
}

#[derive(Debug, Clone)]
struct Tok {
    span: Span,
    kind: Kind,
    /// Lowercase, possessive and dots left out.
    key: String,
    /// Begins with an uppercase letter.
    cap: bool,
    /// Paragraph number.
    para: usize,
    /// Sentence number.
    sent: usize,
    /// The first word of a sentence, a line or a quotation.
    starts: bool,
}

/// Who a quotation's neighbouring words say spoke.
#[derive(Debug, Clone)]
enum Subject {
    /// A name: its last words that are not titles, and its key.
    Named { name: Span, key: String },
    /// A pronoun, resolved or not.
    Pronoun { resolve: bool },
    /// A description with no name ("the Defence Minister"), its words
    /// lowercased.
    Described { span: Span, words: Vec<String> },
}

#[derive(Debug, Clone)]
struct Found {
    subject: Subject,
    /// The words naming the speaker.
    words: Span,
    /// Right next to the quotation, rather than earlier in its sentence.
    direct: bool,
}

/// A quotation region: marks and parts.
#[derive(Debug, Clone)]
struct Region {
    outer: Span,
    parts: Vec<Span>,
    closed: bool,
}

/// A person named outside quotations.
#[derive(Debug, Clone)]
struct Mention {
    name: Span,
    key: String,
    roles: Vec<String>,
    para: usize,
    sent: usize,
    /// Its sentence opens with a description ("The 38-year-old, who ...,
    /// beat Labour's Amir Sadiq"): a determiner, then a comma or more than
    /// four words before this name. The subject of such a sentence is the
    /// description, not this name.
    late: bool,
    /// How many words the name has.
    words: usize,
}

/// Someone who spoke, where.
#[derive(Debug, Clone)]
struct Event {
    pos: usize,
    para: usize,
    name: Span,
    key: String,
}

impl QuoteFinder {
    /// Compiles the vocabulary of `rules/quotes.toml`, with the titles,
    /// month and weekday names and stopwords of the other rules files.
    pub fn new(rules: &Rules) -> Result<QuoteFinder, String> {
        let q = &rules.quotes;
        let set = |list: &[String]| list.iter().map(|w| key(w)).collect::<HashSet<_>>();
        if q.verbs.is_empty() {
            return Err("`verbs` is empty: quotations could not be attributed".into());
        }
        let mut dates = HashSet::default();
        for entry in rules.dates.months.iter().chain(&rules.dates.weekdays) {
            dates.insert(key(&entry.name));
            dates.extend(entry.abbreviations.iter().map(|a| key(a)));
        }
        let titles = rules
            .titles
            .iter()
            .flat_map(|t| t.split_whitespace().map(key))
            .filter(|t| !t.is_empty() && t != "of")
            .collect();
        let resolve = set(&q.resolve_pronouns);
        let mut pronouns = set(&q.pronouns);
        pronouns.extend(resolve.iter().cloned());
        let mut not_names = set(&q.not_names);
        not_names.extend(set(&rules.words.stopwords));
        Ok(QuoteFinder {
            verbs: Phrases::new(&q.verbs)?,
            speaker_after: Phrases::new(&q.speaker_after)?,
            adverbs: set(&q.adverbs),
            dates,
            resolve,
            pronouns,
            determiners: set(&q.determiners),
            titles,
            speaker_nouns: set(&q.speaker_nouns),
            connectors: set(&q.connectors),
            not_names,
            stopwords: set(&rules.words.stopwords),
            short_max: q.short_max_words,
        })
    }

    /// Every quotation of a normalised document text, in order, with its
    /// speaker when the text gives one. Never panics; every span lies on
    /// char boundaries of `text`.
    ///
    /// # Example
    /// ```
    /// use crosscheck::{extract::quotes::QuoteFinder, normalize::Normalized, rules::Rules};
    /// let finder = QuoteFinder::new(&Rules::built_in().unwrap()).unwrap();
    /// let doc = Normalized::plain("Defence Minister Rajnath Singh spoke. “Russia is India's partner,” he said.");
    /// let quotes = finder.find(&doc.text);
    /// assert_eq!(quotes[0].span.of(&doc.text), "Russia is India's partner");
    /// assert_eq!(quotes[0].speaker_key.as_deref(), Some("singh"));
    /// ```
    pub fn find(&self, text: &str) -> Vec<QuoteMatch> {
        let mut regions = double_regions(text);
        let singles: Vec<Region> =
            single_regions(text).into_iter().filter(|s| !regions.iter().any(|d| d.outer.overlaps(&s.outer))).collect();
        regions.extend(singles);
        regions.sort_by_key(|r| r.outer.start);
        let toks = scan(text);
        let mut in_quote = vec![false; toks.len()];
        for r in &regions {
            let from = toks.partition_point(|t| t.span.start < r.outer.start);
            for (i, t) in toks.iter().enumerate().skip(from) {
                if t.span.start >= r.outer.end {
                    break;
                }
                in_quote[i] = true;
            }
        }
        let doc = Doc { text, toks: &toks, in_quote: &in_quote };
        let found: Vec<Option<Found>> = regions.iter().map(|r| self.attribute(&doc, r)).collect();
        let verb_events = self.verb_events(&doc);
        let mentions = self.mentions(&doc);

        // Who counts as a person: a name with a title somewhere, or a
        // speaker somewhere.
        let mut roles: HashMap<&str, HashSet<&str>> = HashMap::default();
        for m in &mentions {
            if m.roles.iter().any(|r| self.titles.contains(r)) {
                roles.entry(&m.key).or_default().extend(m.roles.iter().map(String::as_str));
            }
        }
        let mut persons: HashSet<&str> = roles.keys().copied().collect();
        for f in found.iter().flatten().chain(verb_events.iter().map(|(_, f)| f)) {
            if let Subject::Named { key, .. } = &f.subject {
                persons.insert(key);
            }
        }
        let people = People { mentions: &mentions, roles: &roles, persons: &persons, titles: &self.titles };

        // Resolve quotations and verbs of saying in text order, so that a
        // pronoun finds who spoke before it.
        enum Item {
            Quote(usize),
            Verb(usize),
        }
        let mut items: Vec<(usize, Item)> =
            regions.iter().enumerate().map(|(i, r)| (r.outer.start, Item::Quote(i))).collect();
        items.extend(verb_events.iter().enumerate().map(|(i, (pos, _))| (*pos, Item::Verb(i))));
        items.sort_by_key(|(pos, item)| (*pos, matches!(item, Item::Verb(_))));
        let mut events: Vec<Event> = Vec::new();
        let mut speakers: Vec<Option<(Span, String)>> = vec![None; regions.len()];
        let para_at =
            |pos: usize| toks.get(toks.partition_point(|t| t.span.start < pos)).map_or(usize::MAX, |t| t.para);
        for (pos, item) in items {
            let para = para_at(pos);
            let (found, at) = match item {
                Item::Quote(i) => (found[i].as_ref(), found[i].as_ref().map_or(pos, |f| f.words.start.min(pos))),
                Item::Verb(i) => (Some(&verb_events[i].1), verb_events[i].1.words.start),
            };
            let Some(found) = found else { continue };
            let speaker = people.resolve(&found.subject, at, para, &events);
            if let Some((name, key)) = &speaker {
                events.push(Event { pos, para, name: *name, key: key.clone() });
            }
            if let Item::Quote(i) = item {
                speakers[i] = speaker;
            }
        }

        let mut out: Vec<QuoteMatch> = Vec::new();
        let mut last_para_speaker: Option<(usize, Span, String)> = None;
        for (i, r) in regions.iter().enumerate() {
            let first = toks.partition_point(|t| t.span.start < r.outer.start);
            let para = toks.get(first).map_or(0, |t| t.para);
            let opens_paragraph = first == 0 || toks[first - 1].kind == Kind::Break;
            let mut speaker = speakers[i].clone();
            let f = found[i].as_ref();
            if f.is_none() && opens_paragraph {
                if let Some((p, name, key)) = &last_para_speaker {
                    if p + 1 == para {
                        speaker = Some((*name, key.clone()));
                    }
                }
            }
            let words = r.parts.iter().map(|p| count_words(p.of(text))).sum::<usize>();
            let short = words <= self.short_max;
            if short && !f.is_some_and(|f| f.direct) {
                continue;
            }
            if let Some((name, key)) = &speaker {
                last_para_speaker = Some((para_of_end(&toks, r.outer.end), *name, key.clone()));
            }
            let span = Span::new(r.parts[0].start, r.parts[r.parts.len() - 1].end);
            out.push(QuoteMatch {
                span,
                outer: r.outer,
                parts: r.parts.clone(),
                closed: r.closed,
                speaker: speaker.as_ref().map(|s| s.0),
                speaker_key: speaker.map(|s| s.1),
                attribution: f.map(|f| f.words),
                short,
            });
        }
        out
    }

    /// The speaker the words around a quotation name.
    fn attribute(&self, doc: &Doc, r: &Region) -> Option<Found> {
        self.after(doc, r).or_else(|| self.before(doc, r))
    }

    /// `"...," X said`, `"...," said X`, `"...," according to X`,
    /// `'...': X on ...`.
    fn after(&self, doc: &Doc, r: &Region) -> Option<Found> {
        let toks = doc.toks;
        let mut i = toks.partition_point(|t| t.span.start < r.outer.end);
        if doc.punct(i) == Some(',') {
            i += 1;
        }
        if doc.punct(i) == Some(':') {
            // A headline: 'We have been waiting': Defence Minister Rajnath Singh on ...
            let (s, e) = self.phrase_after(doc, i + 1)?;
            let subject = self.classify(doc, s, e)?;
            return matches!(subject, Subject::Named { .. }).then(|| Found {
                subject,
                words: doc.span(s, e),
                direct: true,
            });
        }
        if !doc.word(i) {
            return None;
        }
        // A quotation that ends its sentence, followed by a capital, is
        // followed by a new sentence: only "X said." can attribute it.
        let inner = r.parts.last().map_or("", |p| p.of(doc.text));
        let ended = inner.ends_with(['.', '!', '?']) && toks[i].cap;
        let sentence_ends =
            |j: usize| j >= toks.len() || matches!(toks[j].kind, Kind::Break | Kind::Punct('.' | '!' | '?'));
        if let Some(n) = self.verbs.at(toks, i).or_else(|| self.speaker_after.at(toks, i)) {
            let j = self.skip_adverbs_forward(doc, i + n);
            let (s, e) = self.phrase_after(doc, j)?;
            if ended && !sentence_ends(e) {
                return None;
            }
            let subject = self.classify(doc, s, e)?;
            return Some(Found { subject, words: doc.span(s, e), direct: true });
        }
        let (s, e) = self.phrase_after(doc, i)?;
        let subject = self.classify(doc, s, e)?;
        let mut j = self.skip_adverbs_forward(doc, e);
        if doc.punct(j) == Some(',') {
            // "..., Singh, the defence minister, said."
            let close = (j + 1..(j + 10).min(toks.len())).find(|&k| doc.punct(k) == Some(','))?;
            if (j + 1..close).any(|k| !doc.word(k) && doc.punct(k) != Some('-')) {
                return None;
            }
            j = self.skip_adverbs_forward(doc, close + 1);
        }
        let n = self.verbs.at(toks, j)?;
        if ended && !sentence_ends(j + n) {
            return None;
        }
        Some(Found { subject, words: doc.span(s, e), direct: true })
    }

    /// `X said: "..."`, `X said "..."`, `X told reporters: "..."`,
    /// `According to X, "..."`, and a verb of saying earlier in the sentence.
    fn before(&self, doc: &Doc, r: &Region) -> Option<Found> {
        let toks = doc.toks;
        let b = toks.partition_point(|t| t.span.start < r.outer.start);
        if b == 0 {
            return None;
        }
        let mut j = b;
        let punct = matches!(doc.punct(j - 1), Some(':' | ','));
        if punct {
            j -= 1;
        }
        if j > 0 && doc.word(j - 1) && toks[j - 1].key == "that" {
            j -= 1;
        }
        let direct = |found: Option<Found>| found.map(|f| Found { direct: true, ..f });
        if let Some(v) = self.verbs.ending_at(toks, j) {
            return direct(self.subject_before(doc, v));
        }
        // A verb and its object: "told reporters:", "said in a statement:";
        // with no colon or comma only an object of content words ("told
        // reporters "...""), not a clause ("said it was "historic"").
        for k in 1..=4.min(j) {
            let t = &toks[j - k];
            if !doc.word(j - k) || doc.in_quote[j - k] || !punct && !t.cap && self.stopwords.contains(&t.key) {
                break;
            }
            if let Some(v) = self.verbs.ending_at(toks, j - k) {
                return direct(self.subject_before(doc, v));
            }
        }
        if punct {
            // According to X, "..."
            for k in 1..=8.min(j) {
                let p = j - k;
                if !doc.word(p) {
                    continue;
                }
                if let Some(n) = self.speaker_after.at(toks, p) {
                    let (s, e) = self.phrase_after(doc, p + n)?;
                    if e == j {
                        let subject = self.classify(doc, s, e)?;
                        return Some(Found { subject, words: doc.span(s, e), direct: true });
                    }
                }
            }
        }
        // A verb of saying earlier in the same sentence: a partial quotation.
        let sent = toks[b - 1].sent;
        let mut k = j;
        while k > 0 && b - k < 40 {
            let t = &toks[k - 1];
            if t.sent != sent || t.kind == Kind::Break || doc.in_quote[k - 1] {
                break;
            }
            if let Some(v) = self.verbs.ending_at(toks, k) {
                return self.subject_before(doc, v);
            }
            k -= 1;
        }
        None
    }

    /// The subject of a verb of saying at token `v`: "Singh said", "Singh
    /// on Thursday said", "Singh, the defence minister, said".
    fn subject_before(&self, doc: &Doc, v: usize) -> Option<Found> {
        let e = self.skip_adverbs_back(doc, v);
        if e > 0 && doc.punct(e - 1) == Some(',') {
            let open = (e.saturating_sub(10)..e - 1).rev().find(|&k| doc.punct(k) == Some(','))?;
            if (open + 1..e - 1).any(|k| !doc.word(k)) {
                return None;
            }
            if let Some((s, end)) = self.phrase_before(doc, open) {
                if let Some(subject @ Subject::Named { .. }) = self.classify(doc, s, end) {
                    return Some(Found { subject, words: doc.span(s, end), direct: false });
                }
            }
            let subject = self.classify(doc, open + 1, e - 1)?;
            return matches!(subject, Subject::Named { .. }).then(|| Found {
                subject,
                words: doc.span(open + 1, e - 1),
                direct: false,
            });
        }
        let (s, end) = self.phrase_before(doc, e)?;
        let subject = self.classify(doc, s, end)?;
        Some(Found { subject, words: doc.span(s, end), direct: false })
    }

    /// Words of a speaker ending right before token `end`, walking back:
    /// a pronoun, or up to `PHRASE_MAX` words back to a determiner ("the state
    /// Fisheries Minister"), stopping at punctuation and lowercase
    /// function words.
    fn phrase_before(&self, doc: &Doc, end: usize) -> Option<(usize, usize)> {
        let toks = doc.toks;
        let mut s = end;
        while s > 0 && end - s < PHRASE_MAX {
            let t = &toks[s - 1];
            if doc.in_quote[s - 1] || t.kind != Kind::Word {
                break;
            }
            if self.pronouns.contains(&t.key) {
                if s == end {
                    s -= 1;
                }
                break;
            }
            if self.determiners.contains(&t.key) {
                if s < end {
                    s -= 1;
                }
                break;
            }
            if t.starts && self.not_names.contains(&t.key) && !self.titles.contains(&t.key) {
                break;
            }
            if !t.cap && self.stopwords.contains(&t.key) && !self.joins(doc, s - 1) {
                break;
            }
            s -= 1;
        }
        (s < end).then_some((s, end))
    }

    /// Words of a speaker starting at token `start`, walking on: a
    /// pronoun, or an optional determiner ("a", "one of the") and up to `PHRASE_MAX`
    /// words, stopping at punctuation, a verb of saying and lowercase
    /// function words ("a shopkeeper whose ...", "Lyon sporting director
    /// Bruno Cheyrou said").
    fn phrase_after(&self, doc: &Doc, start: usize) -> Option<(usize, usize)> {
        let toks = doc.toks;
        if !doc.word(start) || doc.in_quote[start] {
            return None;
        }
        if self.pronouns.contains(&toks[start].key) {
            return Some((start, start + 1));
        }
        let mut e = start;
        if self.determiners.contains(&toks[e].key) {
            e += 1;
            // "one of the freed men"
            if doc.word(e + 1) && toks[e].key == "of" && self.determiners.contains(&toks[e + 1].key) {
                e += 2;
            }
        }
        let body = e;
        while e < toks.len() && doc.word(e) && !doc.in_quote[e] && e - body < PHRASE_MAX {
            let t = &toks[e];
            if self.pronouns.contains(&t.key) || !t.cap && self.verbs.at(toks, e).is_some() {
                break;
            }
            if !t.cap && self.stopwords.contains(&t.key) && !self.joins(doc, e) {
                break;
            }
            e += 1;
        }
        (e > body).then_some((start, e))
    }

    /// Whether token `i` is a connector between two capitalised words
    /// ("Ministry of Defence").
    fn joins(&self, doc: &Doc, i: usize) -> bool {
        let cap = |k: usize| doc.word(k) && doc.toks[k].cap;
        self.connectors.contains(&doc.toks[i].key) && i > 0 && cap(i - 1) && cap(i + 1)
    }

    /// What the words `s..e` name: a pronoun, a name (the last capitalised
    /// words that are not titles) or a description (words with a title or a
    /// speaker noun, or after a determiner).
    fn classify(&self, doc: &Doc, s: usize, e: usize) -> Option<Subject> {
        let toks = doc.toks;
        if e == s + 1 && self.pronouns.contains(&toks[s].key) {
            return Some(Subject::Pronoun { resolve: self.resolve.contains(&toks[s].key) });
        }
        let determined = self.determiners.contains(&toks[s].key);
        let mut r = e;
        while r > s
            && toks[r - 1].cap
            && !self.titles.contains(&toks[r - 1].key)
            && !self.dates.contains(&toks[r - 1].key)
        {
            r -= 1;
        }
        // "Residents said": a capitalised noun at the start of a sentence.
        let noun = r + 1 == e && toks[r].starts && self.speaker_nouns.contains(&toks[r].key);
        if r < e && !noun {
            return Some(Subject::Named { name: doc.span(r, e), key: toks[e - 1].key.clone() });
        }
        let mut first = s;
        while first < e && (self.determiners.contains(&toks[first].key) || self.stopwords.contains(&toks[first].key)) {
            first += 1;
        }
        let words: Vec<String> = toks[first..e].iter().map(|t| t.key.clone()).collect();
        let speaks = words.iter().any(|w| self.titles.contains(w) || self.speaker_nouns.contains(w));
        (first < e && (speaks || determined)).then(|| Subject::Described { span: doc.span(first, e), words })
    }

    /// Skips words that may stand between a speaker and the verb.
    fn skip_adverbs_forward(&self, doc: &Doc, mut i: usize) -> usize {
        let toks = doc.toks;
        loop {
            if doc.word(i) && (self.adverbs.contains(&toks[i].key) || self.is_date(&toks[i])) {
                i += 1;
            } else if doc.word(i) && toks[i].key == "on" && doc.word(i + 1) && self.is_date(&toks[i + 1]) {
                i += 2;
            } else {
                return i;
            }
        }
    }

    /// Skips, walking back from token `end`, words that may stand between
    /// a speaker and the verb.
    fn skip_adverbs_back(&self, doc: &Doc, mut end: usize) -> usize {
        let toks = doc.toks;
        while end > 0 && doc.word(end - 1) {
            let t = &toks[end - 1];
            if self.adverbs.contains(&t.key)
                || self.is_date(t)
                || (t.key == "on" && end < toks.len() && self.is_date(&toks[end]))
            {
                end -= 1;
            } else {
                break;
            }
        }
        end
    }

    fn is_date(&self, t: &Tok) -> bool {
        t.kind == Kind::Word && (self.dates.contains(&t.key) && t.cap || t.key.bytes().all(|b| b.is_ascii_digit()))
    }

    /// Verbs of saying outside quotations with their subjects: "Singh said
    /// the meeting ...", "He added that ...".
    fn verb_events(&self, doc: &Doc) -> Vec<(usize, Found)> {
        let mut out = Vec::new();
        for i in 0..doc.toks.len() {
            if doc.in_quote[i] || !doc.word(i) || self.verbs.at(doc.toks, i).is_none() {
                continue;
            }
            if let Some(found) = self.subject_before(doc, i) {
                out.push((doc.toks[i].span.start, found));
            }
        }
        out
    }

    /// Names outside quotations: runs of capitalised words, the title words
    /// before the last ones kept as the role.
    fn mentions(&self, doc: &Doc) -> Vec<Mention> {
        let toks = doc.toks;
        let name_word = |i: usize| {
            let t = &toks[i];
            doc.word(i)
                && !doc.in_quote[i]
                && t.cap
                && !self.pronouns.contains(&t.key)
                && !(t.starts && self.not_names.contains(&t.key) && !self.titles.contains(&t.key))
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !name_word(i) {
                i += 1;
                continue;
            }
            let s = i;
            while i < toks.len()
                && (name_word(i)
                    || doc.word(i)
                        && self.connectors.contains(&toks[i].key)
                        && i > s
                        && i + 1 < toks.len()
                        && name_word(i + 1))
            {
                i += 1;
            }
            let e = i;
            let mut r = e;
            while r > s && toks[r - 1].cap && !self.titles.contains(&toks[r - 1].key) {
                r -= 1;
            }
            if r < e && !self.dates.contains(&toks[e - 1].key) {
                out.push(Mention {
                    name: doc.span(r, e),
                    key: toks[e - 1].key.clone(),
                    roles: toks[s..r]
                        .iter()
                        .filter(|t| !self.connectors.contains(&t.key))
                        .map(|t| t.key.clone())
                        .collect(),
                    para: toks[s].para,
                    sent: toks[s].sent,
                    late: self.late(doc, s),
                    words: e - r,
                });
            }
        }
        out
    }
}

impl QuoteFinder {
    /// Whether the sentence of token `s` opens with a determiner and has a
    /// comma or more than four words before `s`; see [`Mention::late`].
    fn late(&self, doc: &Doc, s: usize) -> bool {
        let toks = doc.toks;
        let sent = toks[s].sent;
        let mut first = s;
        while first > 0 && toks[first - 1].sent == sent && toks[first - 1].kind != Kind::Break {
            first -= 1;
        }
        let Some(open) = (first..s).find(|&k| doc.word(k)) else { return false };
        if !self.determiners.contains(&toks[open].key) {
            return false;
        }
        let words = (open..s).filter(|&k| doc.word(k)).count();
        words > 4 || (open..s).any(|k| doc.punct(k) == Some(','))
    }
}

/// The tokens of a text and which lie inside quotations.
struct Doc<'a> {
    text: &'a str,
    toks: &'a [Tok],
    in_quote: &'a [bool],
}

impl Doc<'_> {
    fn word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// The span from token `s` to the end of token `e - 1`.
    fn span(&self, s: usize, e: usize) -> Span {
        Span::new(self.toks[s].span.start, self.toks[e - 1].span.end)
    }
}

/// The people of a text, for resolving pronouns and descriptions.
struct People<'a> {
    mentions: &'a [Mention],
    roles: &'a HashMap<&'a str, HashSet<&'a str>>,
    persons: &'a HashSet<&'a str>,
    titles: &'a HashSet<String>,
}

/// The most words a speaker's name and description may have ("WHO country
/// representative Dr Fatou Ndiaye Sarr").
const PHRASE_MAX: usize = 8;

/// How many names back a pronoun or a description looks for the person it
/// stands for: a few pages of news text.
const LOOKBACK: usize = 400;

impl People<'_> {
    /// The last [`LOOKBACK`] mentions before byte `pos`.
    fn before(&self, pos: usize) -> &[Mention] {
        let end = self.mentions.partition_point(|m| m.name.start < pos);
        &self.mentions[end.saturating_sub(LOOKBACK)..end]
    }

    /// The name and key of a subject at byte `pos` of paragraph `para`,
    /// with `events` the speakers before it.
    fn resolve(&self, subject: &Subject, pos: usize, para: usize, events: &[Event]) -> Option<(Span, String)> {
        match subject {
            Subject::Named { name, key } => Some((*name, key.clone())),
            Subject::Pronoun { resolve: false } => None,
            Subject::Pronoun { resolve: true } => {
                let before = self.before(pos);
                let first_in_last_sentence = |pick: &dyn Fn(&Mention) -> bool| {
                    let last = before.iter().rev().find(|m| pick(m))?;
                    let from = before.partition_point(|m| m.sent < last.sent);
                    before[from..].iter().find(|m| pick(m))
                };
                let person = |m: &Mention| self.persons.contains(m.key.as_str());
                if let Some(e) = events.iter().rev().find(|e| e.pos < pos) {
                    // A paragraph that names someone new after the last
                    // speaker's paragraph: "she" is the one it names.
                    let named_here = || {
                        first_in_last_sentence(&|m| m.para == para && m.name.start > e.pos)
                            .filter(|m| !m.late && (person(m) || m.words >= 2))
                    };
                    if e.para < para {
                        if let Some(m) = named_here() {
                            return Some((m.name, m.key.clone()));
                        }
                    }
                    if e.para + 1 >= para {
                        return Some((e.name, e.key.clone()));
                    }
                }
                // The subject of the nearest sentence naming a person,
                // unless a description is its subject ("The 38-year-old
                // ... beat Sadiq"): then the one before.
                let subject = || {
                    let mut end = before.len();
                    loop {
                        let last = before[..end].iter().rposition(&person)?;
                        let from = before.partition_point(|m| m.sent < before[last].sent);
                        let m = before[from..].iter().find(|m| person(m))?;
                        if !m.late {
                            return Some(m);
                        }
                        end = from;
                    }
                };
                subject()
                    .or_else(|| first_in_last_sentence(&person))
                    .or_else(|| first_in_last_sentence(&|_| true).filter(|m| m.para + 1 >= para))
                    .map(|m| (m.name, m.key.clone()))
            }
            Subject::Described { span, words } => {
                let before = self.before(pos);
                let titles: Vec<&String> = words.iter().filter(|w| self.titles.contains(*w)).collect();
                let fits = |m: &Mention, need: &[&String]| {
                    !need.is_empty()
                        && self.roles.get(m.key.as_str()).is_some_and(|r| need.iter().all(|w| r.contains(w.as_str())))
                };
                let all: Vec<&String> = words.iter().collect();
                before
                    .iter()
                    .rev()
                    .find(|m| fits(m, &all))
                    .or_else(|| before.iter().rev().find(|m| fits(m, &titles)))
                    .map(|m| (m.name, m.key.clone()))
                    .or_else(|| Some((*span, words.join(" "))))
            }
        }
    }
}

/// The paragraph of the token ending at or before `end`.
fn para_of_end(toks: &[Tok], end: usize) -> usize {
    let i = toks.partition_point(|t| t.span.end <= end);
    toks[..i].last().map_or(0, |t| t.para)
}

/// The matching key of a word: lowercase, possessive and dots left out.
fn key(word: &str) -> String {
    // ASCII (the usual word) lowercases byte by byte, to the same string.
    let mut k = if word.is_ascii() { word.to_ascii_lowercase() } else { word.to_lowercase() };
    for suffix in ["'s", "'"] {
        if k.len() > suffix.len() && k.ends_with(suffix) {
            k.truncate(k.len() - suffix.len());
            break;
        }
    }
    if k.contains('.') {
        k.retain(|c| c != '.');
    }
    k
}

/// Words: runs of letters and digits.
fn count_words(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Splits a text into words, punctuation and line breaks, numbering
/// paragraphs and sentences.
fn scan(text: &str) -> Vec<Tok> {
    // About a token every five bytes.
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let mut it = text.char_indices().peekable();
    let tok =
        |span: Span, kind: Kind| Tok { span, kind, key: String::new(), cap: false, para: 0, sent: 0, starts: false };
    while let Some((i, c)) = it.next() {
        if c == '\n' {
            match toks.last_mut() {
                Some(t) if t.kind == Kind::Break => t.span.end = i + 1,
                _ => toks.push(tok(Span::new(i, i + 1), Kind::Break)),
            }
        } else if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            let mut segment_start = i;
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    it.next();
                    continue;
                }
                let next_alnum = || text[j + d.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric);
                let initial = d == '.' && {
                    let seg = &text[segment_start..j];
                    seg.chars().count() == 1 && seg.chars().all(char::is_uppercase)
                };
                if (matches!(d, '\'' | '-') || initial) && next_alnum() {
                    end = j + d.len_utf8();
                    it.next();
                    segment_start = end;
                } else {
                    break;
                }
            }
            let word = &text[i..end];
            let mut t = tok(Span::new(i, end), Kind::Word);
            t.key = key(word);
            t.cap = c.is_uppercase();
            toks.push(t);
        } else if !c.is_whitespace() {
            toks.push(tok(Span::new(i, i + c.len_utf8()), Kind::Punct(c)));
        }
    }
    let (mut para, mut sent, mut starts) = (0, 0, true);
    for i in 0..toks.len() {
        let kind = toks[i].kind;
        let t = &mut toks[i];
        t.para = para;
        t.sent = sent;
        match kind {
            Kind::Break => {
                para += 1;
                sent += 1;
                starts = true;
            }
            Kind::Word => {
                t.starts = starts;
                starts = false;
            }
            Kind::Punct('.' | '!' | '?' | '…') => {
                // A dot after a single capital or a title abbreviation
                // ("Gen.") does not end a sentence when a capital follows;
                // such cases are rare enough next to quotations to ignore.
                let next_starts = toks.get(i + 1).is_some_and(|n| n.kind != Kind::Word || n.cap);
                if next_starts {
                    sent += 1;
                    starts = true;
                }
            }
            Kind::Punct('"' | '\'' | '(' | ':') => starts = true,
            Kind::Punct(_) => {}
        }
    }
    toks
}

/// The characters before and after the ASCII mark at byte `i`.
fn around(text: &str, i: usize) -> (Option<char>, Option<char>) {
    (text[..i].chars().next_back(), text[i + 1..].chars().next())
}

/// Double-quoted regions. Opening marks are followed by a non-space,
/// closing marks are anything else inside a quotation; a paragraph that
/// ends inside one continues it when the next opens with a mark, and ends it
/// otherwise (unless the closing mark comes on the next line, as in text
/// wrapped at a fixed width).
fn double_regions(text: &str) -> Vec<Region> {
    let b = text.as_bytes();
    let marks: Vec<usize> = b.iter().enumerate().filter(|(_, &c)| c == b'"').map(|(i, _)| i).collect();
    let blanks: Vec<usize> = (0..b.len())
        .filter(|&i| b[i] == b'\n' && b[i + 1..].iter().take_while(|c| c.is_ascii_whitespace()).any(|&c| c == b'\n'))
        .collect();
    struct Open {
        start: usize,
        parts: Vec<Span>,
        part_start: usize,
    }
    let mut out = Vec::new();
    let mut cur: Option<Open> = None;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' {
            if let Some(open) = cur.as_mut() {
                let mut k = i;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                let blank = b[i..k].iter().filter(|&&c| c == b'\n').count() > 1;
                let reopened = k < b.len() && b[k] == b'"' && around(text, k).1.is_some_and(|c| !c.is_whitespace());
                if reopened {
                    open.parts.push(Span::new(open.part_start, i));
                    open.part_start = k + 1;
                    i = k + 1;
                    continue;
                }
                if !blank && wrapped(text, &marks, &blanks, i) {
                    i += 1;
                    continue;
                }
                let open = cur.take().expect("inside a quotation");
                out.extend(finish(text, open.start, open.parts, Span::new(open.part_start, i), None));
                i = k;
                continue;
            }
        } else if b[i] == b'"' {
            let (prev, next) = around(text, i);
            match cur.take() {
                None => {
                    let opens = next.is_some_and(|c| !c.is_whitespace()) && !prev.is_some_and(|c| c.is_ascii_digit());
                    if opens {
                        cur = Some(Open { start: i, parts: Vec::new(), part_start: i + 1 });
                    }
                }
                Some(open) => {
                    let reopens = prev.is_some_and(char::is_whitespace) && next.is_some_and(char::is_alphanumeric);
                    out.extend(finish(
                        text,
                        open.start,
                        open.parts,
                        Span::new(open.part_start, i),
                        (!reopens).then_some(i + 1),
                    ));
                    if reopens {
                        cur = Some(Open { start: i, parts: Vec::new(), part_start: i + 1 });
                    }
                }
            }
        }
        i += 1;
    }
    if let Some(open) = cur {
        out.extend(finish(text, open.start, open.parts, Span::new(open.part_start, b.len()), None));
    }
    out
}

/// Whether a quotation open at the line break `i` closes on the lines that
/// follow before a blank line: the next mark closes rather than opens.
fn wrapped(text: &str, marks: &[usize], blanks: &[usize], i: usize) -> bool {
    let Some(&m) = marks.get(marks.partition_point(|&m| m < i)) else { return false };
    if blanks.get(blanks.partition_point(|&l| l <= i)).is_some_and(|&l| l < m) {
        return false;
    }
    let (prev, next) = around(text, m);
    prev.is_some_and(|c| !c.is_whitespace()) && !next.is_some_and(char::is_alphanumeric)
}

/// A region from its parts, trimmed; `None` when it holds no word.
fn finish(text: &str, start: usize, mut parts: Vec<Span>, last: Span, close: Option<usize>) -> Option<Region> {
    parts.push(last);
    let mut trimmed: Vec<Span> = parts
        .into_iter()
        .map(|p| {
            let s = p.of(text);
            let lead = s.len() - s.trim_start().len();
            let body = s.trim();
            Span::new(p.start + lead, p.start + lead + body.len())
        })
        .filter(|p| !p.is_empty())
        .collect();
    if let Some(p) = trimmed.last_mut() {
        let s = p.of(text);
        let body = s.trim_end_matches(',').trim_end();
        *p = Span::new(p.start, p.start + body.len());
    }
    trimmed.retain(|p| p.of(text).chars().any(char::is_alphanumeric));
    let last = *trimmed.last()?;
    Some(Region { outer: Span::new(start, close.unwrap_or(last.end)), parts: trimmed, closed: close.is_some() })
}

/// Single-quoted regions, only when clearly paired on one line: an opening
/// `'` at the start of a line or after a space or `(`/`:`, before a letter or
/// digit; a closing `'` after a non-space and before punctuation or the end
/// of the line (or before a space when punctuation precedes it: `,' he
/// said`).
fn single_regions(text: &str) -> Vec<Region> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut open: Option<usize> = None;
        for (j, c) in line.char_indices() {
            if c != '\'' {
                continue;
            }
            let i = line_start + j;
            let (prev, next) = around(text, i);
            let prev_in_line = if j == 0 { None } else { prev };
            let opener = prev_in_line.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | ':' | '-'))
                && next.is_some_and(char::is_alphanumeric);
            let closer = open.is_some()
                && prev_in_line.is_some_and(|p| !p.is_whitespace())
                && match next {
                    None | Some('\n' | '\r') => true,
                    Some(':' | ',' | '.' | ';' | '!' | '?' | ')') => true,
                    Some(n) if n.is_whitespace() => prev_in_line.is_some_and(|p| matches!(p, ',' | '.' | '!' | '?')),
                    _ => false,
                };
            if closer {
                let start = open.take().expect("open");
                out.extend(finish(text, start, Vec::new(), Span::new(start + 1, i), Some(i + 1)));
            } else if opener {
                open = Some(i);
            }
        }
        line_start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalized;
    use std::sync::OnceLock;

    fn finder() -> &'static QuoteFinder {
        static FINDER: OnceLock<QuoteFinder> = OnceLock::new();
        FINDER.get_or_init(|| QuoteFinder::new(&Rules::built_in().unwrap()).unwrap())
    }

    /// The quotations of a text given with curly or straight quotes, as
    /// `(words, speaker key)`.
    fn quotes(original: &str) -> Vec<(String, Option<String>)> {
        let n = Normalized::plain(original);
        finder().find(&n.text).into_iter().map(|q| (q.words(&n.text), q.speaker_key)).collect()
    }

    #[track_caller]
    fn assert_quotes(text: &str, expect: &[(&str, Option<&str>)]) {
        let got = quotes(text);
        let want: Vec<(String, Option<String>)> =
            expect.iter().map(|(w, s)| (w.to_string(), s.map(str::to_string))).collect();
        assert_eq!(got, want, "in {text:?}");
    }

    #[test]
    fn rules_file_examples() {
        let rules = Rules::built_in().unwrap();
        assert!(!rules.quotes.examples.is_empty());
        for ex in &rules.quotes.examples {
            let got = quotes(&ex.text);
            let want: Vec<(String, Option<String>)> =
                ex.quotes.iter().map(|[w, s]| (w.clone(), (!s.is_empty()).then(|| s.clone()))).collect();
            assert_eq!(got, want, "in {:?}", ex.text);
        }
    }

    #[test]
    fn speaker_after_the_quotation() {
        assert_quotes("“We will attend,” Singh said.", &[("We will attend", Some("singh"))]);
        assert_quotes("“We will attend,” said Defence Minister Rajnath Singh.", &[("We will attend", Some("singh"))]);
        assert_quotes("“We will attend,” Singh told reporters on Friday.", &[("We will attend", Some("singh"))]);
        assert_quotes("“We will attend,” Singh also said on Thursday.", &[("We will attend", Some("singh"))]);
        assert_quotes("“We will attend,” Singh, the defence minister, said.", &[("We will attend", Some("singh"))]);
        assert_quotes(
            "“We will attend the talks,” according to Foreign Minister Sergei Lavrov.",
            &[("We will attend the talks", Some("lavrov"))],
        );
    }

    #[test]
    fn speaker_before_the_quotation() {
        assert_quotes("Singh said: “We will attend the talks.”", &[("We will attend the talks.", Some("singh"))]);
        assert_quotes("Singh said “we will attend the talks”.", &[("we will attend the talks", Some("singh"))]);
        assert_quotes(
            "Prime Minister Narendra Modi told reporters: “We will attend the talks.”",
            &[("We will attend the talks.", Some("modi"))],
        );
        assert_quotes(
            "Singh said in a statement: “We will attend the talks.”",
            &[("We will attend the talks.", Some("singh"))],
        );
        assert_quotes(
            "According to Singh, “the talks will go ahead as planned.”",
            &[("the talks will go ahead as planned.", Some("singh"))],
        );
        assert_quotes(
            "Singh said Russia was “a strategic partner in technology and defence”.",
            &[("a strategic partner in technology and defence", Some("singh"))],
        );
    }

    #[test]
    fn verbs_with_objects_attribute_directly() {
        assert_quotes("Singh told reporters “absolutely not”.", &[("absolutely not", Some("singh"))]);
        assert_quotes("Singh told ANI: “Yes.”", &[("Yes.", Some("singh"))]);
        assert_quotes("Singh said it was “historic”.", &[]);
    }

    #[test]
    fn user_rules_extend_the_vocabulary() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("quotes.toml"), "verbs = [\"grumbled\"]\n").unwrap();
        let rules = Rules::load(Some(dir.path())).unwrap();
        assert!(rules.quotes.verbs.iter().any(|v| v == "said"), "the list is extended, not replaced");
        let n = Normalized::plain("“We will attend the talks,” Singh grumbled.");
        let q = QuoteFinder::new(&rules).unwrap().find(&n.text);
        assert_eq!(q[0].speaker_key.as_deref(), Some("singh"));
        assert_eq!(finder().find(&n.text)[0].speaker_key, None, "not a verb of saying by default");

        std::fs::write(dir.path().join("quotes.toml"), "replace = true\nverbs = []\n").unwrap();
        let err = Rules::load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("quotes.toml"), "{err}");
    }

    #[test]
    fn pronouns_resolve_to_who_spoke() {
        // The last name before "he" is Putin; the one who spoke is Singh.
        let text = "Singh said the meeting between Prime Minister Narendra Modi and Russian President \
                    Vladimir Putin will strengthen ties. “Both leaders held extensive interactions,” he said.";
        let n = Normalized::plain(text);
        let q = &finder().find(&n.text)[0];
        assert_eq!(q.speaker_key.as_deref(), Some("singh"));
        assert_eq!(q.speaker.unwrap().of(&n.text), "Singh");
        assert_eq!(q.attribution.unwrap().of(&n.text), "he");
        // With no one speaking before, the subject of the sentence before.
        assert_quotes(
            "Defence Minister Rajnath Singh met Russian President Vladimir Putin in Delhi. “It went well,” he said.",
            &[("It went well", Some("singh"))],
        );
        // A pronoun that is not a speaker keeps no speaker.
        assert_quotes("Singh spoke first. “We are ready for talks,” they said.", &[("We are ready for talks", None)]);
        // Nothing to resolve to.
        assert_quotes("“We are ready for talks,” he said.", &[("We are ready for talks", None)]);
    }

    #[test]
    fn descriptions_resolve_by_title() {
        let text = "Defence Minister Rajnath Singh met Prime Minister Narendra Modi.\n\n\
                    “The partnership is strong,” the Defence Minister said.\n\n\
                    “We agree on trade,” the Prime Minister said.";
        assert_quotes(text, &[("The partnership is strong", Some("singh")), ("We agree on trade", Some("modi"))]);
        // No one named with that title: the description is the speaker.
        let n = Normalized::plain("“The talks went well,” a ministry spokesperson said.");
        let q = &finder().find(&n.text)[0];
        assert_eq!(q.speaker_key.as_deref(), Some("ministry spokesperson"));
        assert_eq!(q.speaker.unwrap().of(&n.text), "ministry spokesperson");
    }

    #[test]
    fn quotations_continue_over_paragraphs() {
        let text = "Singh spoke at the meeting.\n\n“Russia is our partner in defence.\n\n\
                    “Our leaders have been in regular contact,” he said.\n\nLater news.";
        let n = Normalized::plain(text);
        let q = finder().find(&n.text);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].parts.len(), 2);
        assert_eq!(q[0].words(&n.text), "Russia is our partner in defence. Our leaders have been in regular contact");
        assert_eq!(q[0].speaker_key.as_deref(), Some("singh"));
        assert!(q[0].closed);
        // Text wrapped at a fixed width: the quotation goes on on the next line.
        assert_quotes(
            "Singh said: \"Russia is our partner\nin defence,\" and left.",
            &[("Russia is our partner\nin defence", Some("singh"))],
        );
    }

    #[test]
    fn a_following_paragraph_of_quotation_keeps_the_speaker() {
        let text = "“We welcome the progress,” Singh said.\n\n“Trade talks will start next month.”\n\nOther news.";
        assert_quotes(
            text,
            &[("We welcome the progress", Some("singh")), ("Trade talks will start next month.", Some("singh"))],
        );
        // Not when another paragraph stands between.
        let text = "“We welcome the progress,” Singh said.\n\nOther news.\n\n“Trade talks will start next month.”";
        assert_quotes(
            text,
            &[("We welcome the progress", Some("singh")), ("Trade talks will start next month.", None)],
        );
    }

    #[test]
    fn scare_quotes_are_left_out_unless_attributed() {
        assert_quotes("The ministry called it a “strategic” move.", &[]);
        assert_quotes(
            "The so-called “Special and Privileged Partnership” grew.",
            &[("Special and Privileged Partnership", None)],
        );
        let n = Normalized::plain("“Absolutely,” Putin said.");
        let q = finder().find(&n.text);
        assert_eq!(q.len(), 1);
        assert!(q[0].short);
        assert_eq!(q[0].speaker_key.as_deref(), Some("putin"));
        // Not right next to the verb: a scare quote, even in a sentence
        // with a verb of saying.
        assert_quotes("Singh said the deal was a “landmark” for both sides.", &[]);
    }

    #[test]
    fn ellipses_stay_inside_the_quotation() {
        assert_quotes(
            "“Russia is our partner… During the SCO Summit, both leaders met,” he said, Singh added.",
            &[("Russia is our partner… During the SCO Summit, both leaders met", None)],
        );
        assert_quotes(
            "Singh said: \"We discussed trade ... and defence [...] at length.\"",
            &[("We discussed trade ... and defence [...] at length.", Some("singh"))],
        );
    }

    #[test]
    fn curly_quotes_in_the_original_map_back() {
        let original = "Modi said: “We are with Russia.” Then he left.";
        let n = Normalized::plain(original);
        let q = &finder().find(&n.text)[0];
        assert_eq!(n.original(q.span).of(original), "We are with Russia.");
        assert_eq!(n.original(q.outer).of(original), "“We are with Russia.”");
        assert_eq!(n.original(q.speaker.unwrap()).of(original), "Modi");
    }

    #[test]
    fn apostrophes_are_not_quotations() {
        assert_quotes("Putin’s visit and the leaders’ summit went well, India’s minister said.", &[]);
        assert_quotes("We’ve waited for Putin's visit; rock 'n' roll.", &[]);
        // A British-style quotation in single quotes, clearly paired.
        assert_quotes(
            "‘We’ve been eagerly waiting for Putin’s visit’: Defence Minister Rajnath Singh on the summit",
            &[("We've been eagerly waiting for Putin's visit", Some("singh"))],
        );
        assert_quotes(
            "Singh said: 'We will attend the leaders' summit.'",
            &[("We will attend the leaders' summit.", Some("singh"))],
        );
    }

    #[test]
    fn unbalanced_quotes_lose_nothing() {
        // Never closed: the quotation ends with its paragraph.
        let text = "Singh said: “We will attend the talks.\n\nOther news follows here.";
        let n = Normalized::plain(text);
        let q = finder().find(&n.text);
        assert_eq!(q.len(), 1);
        assert!(!q[0].closed);
        assert_eq!(q[0].words(&n.text), "We will attend the talks.");
        assert_eq!(q[0].speaker_key.as_deref(), Some("singh"));
        // An opening mark while one is open: the first ends there, the
        // second is still found.
        assert_quotes(
            "Singh said “we will attend the talks. Then “the talks were useful,” Modi said.",
            &[("we will attend the talks. Then", Some("singh")), ("the talks were useful", Some("modi"))],
        );
        // A stray closing mark and marks at the very ends.
        for text in ["\"", "\"\"", "a\" b", "\"a", "x \" y \" z \"", "6'2\" tall", "'", "''", "a 'b", "“”“"] {
            let n = Normalized::plain(text);
            for q in finder().find(&n.text) {
                assert!(q.span.end <= n.text.len() && q.outer.contains(&q.span), "{text:?}");
            }
        }
    }

    #[test]
    fn seed_quotes_have_their_speakers() {
        for (path, expect) in
            [("fixtures/seeds/000_8df2014312879b32.txt", 5), ("fixtures/seeds/001_3bb6fdf6df903105.txt", 3)]
        {
            let original = std::fs::read_to_string(path).unwrap();
            let n = Normalized::plain(&original);
            let q = finder().find(&n.text);
            assert_eq!(q.len(), expect, "{path}: {q:#?}");
            for m in &q {
                assert_eq!(m.speaker_key.as_deref(), Some("singh"), "{path}: {:?}", m.words(&n.text));
                assert!(!m.short);
            }
        }
    }

    /// Pieces of text that make quotations, apostrophes and attributions.
    fn quotey() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "“",
            "”",
            "\"",
            "'",
            "‘",
            "’",
            "…",
            "...",
            "[...]",
            " ",
            "\n",
            "\n\n",
            "\r\n",
            "é",
            "e\u{301}",
            "🎉",
            "Singh",
            " said",
            " told reporters",
            " according to",
            ",",
            ":",
            ".",
            " he",
            " the Defence Minister",
            "Putin’s",
            " We",
            " will",
            " not",
            " 12",
            "(",
            ")",
            "-",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

        #[test]
        fn find_never_panics_and_spans_lie_on_char_boundaries(original in quotey(), other in ".{0,80}") {
            for original in [original, other] {
                let n = Normalized::plain(&original);
                let text = &n.text;
                for q in finder().find(text) {
                    let spans = q.parts.iter().chain([&q.span, &q.outer]).chain(q.speaker.iter()).chain(q.attribution.iter());
                    for s in spans {
                        assert!(s.start <= s.end && s.end <= text.len(), "{original:?}");
                        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{original:?}");
                    }
                    assert!(q.outer.contains(&q.span) && q.parts.iter().all(|p| q.span.contains(p)), "{original:?}");
                    assert!(q.parts.iter().all(|p| p.of(text).chars().any(char::is_alphanumeric)));
                    let back = n.original(q.span);
                    assert!(original.is_char_boundary(back.start) && original.is_char_boundary(back.end));
                }
            }
        }
    }
}
