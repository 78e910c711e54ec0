//! Stage 3, extract: sentences become [`Claim`]s.
//!
//! Input: the documents and their [`Sentence`]s. Output: every date, number
//! and ordinal claim with its byte span in the original file, its value
//! normalised against the report's publication date, and its subject: the
//! content terms of the clause it stands in ("SCO Summit", "Tianjin",
//! "leaders"), with aliases resolved.

mod date_words;
pub mod dates;
pub mod entities;
pub mod measure;
pub mod numbers;
pub mod polarity;
pub mod quantities;
pub mod quotes;
pub mod times;
pub mod tokens;

use crate::calendar::{PartialDate, Precision};
use crate::document::Document;
use crate::rules::Rules;
use crate::segment::Sentence;
use crate::span::Span;
use crate::terms::{Lexicon, Predicate, Term, TermKind};
use crate::Error;
use dates::{Anchor, DateFinder, Form};
use numbers::{NumberFinder, NumberKind};
use serde::Serialize;

/// A claim made by one sentence.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Position in the run's claim list.
    pub id: usize,
    /// The document it is in.
    pub doc: usize,
    /// The sentence it is in (index into the run's sentences).
    pub sentence: usize,
    /// The claim's bytes in the original file.
    pub span: Span,
    /// The claim's bytes in the document's normalised text.
    pub norm: Span,
    /// What it says.
    pub value: ClaimValue,
    /// What it is about: the content terms of its clause. Spans are in the
    /// document's normalised text.
    pub subject: Vec<Term>,
    /// The verb or event noun the claim belongs to ("arrived", "summit"),
    /// with its span in the document's normalised text.
    pub predicate: Option<Predicate>,
    /// The clause the claim stands in, in the document's normalised text.
    pub clause: Span,
    /// Words of the clause that pick one occurrence of a recurring event
    /// ("next", "first", "13th"), with the ordinals the subject took from a
    /// relative clause's antecedent; sorted.
    pub occurrences: Vec<String>,
    /// Those of `occurrences` that speak of the claim's own event
    /// ([`event_occurrences`]): what sets two events of one kind apart.
    pub event_occurrences: Vec<String>,
    /// What the value measures, as a term key, when the words say it
    /// plainly: the noun a compound qualifies ("truce" in "a two-day
    /// truce"), the noun an ordinal ranks ("accident" in "the second major
    /// bus accident"), what a number counts ("people"), or the verb a clock
    /// time or duration belongs to ("lift" in "lifted off at 10.24 am").
    pub head: Option<String>,
}

/// The kinds of claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// A date.
    Date,
    /// A time of day.
    Time,
    /// A cardinal number or an amount.
    Number,
    /// An ordinal.
    Ordinal,
    /// A length of time.
    Duration,
    /// A person, with the title they are given.
    Person,
    /// A role and who holds it.
    Role,
    /// A place.
    Place,
    /// An organisation.
    Organisation,
    /// Quoted words and their speaker.
    Quote,
    /// Whether something happened or not.
    Negation,
}

impl ClaimKind {
    /// Every kind, in report order.
    pub const ALL: [ClaimKind; 11] = [
        ClaimKind::Date,
        ClaimKind::Time,
        ClaimKind::Number,
        ClaimKind::Ordinal,
        ClaimKind::Duration,
        ClaimKind::Person,
        ClaimKind::Role,
        ClaimKind::Place,
        ClaimKind::Organisation,
        ClaimKind::Quote,
        ClaimKind::Negation,
    ];

    /// The lowercase name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Date => "date",
            ClaimKind::Time => "time",
            ClaimKind::Number => "number",
            ClaimKind::Ordinal => "ordinal",
            ClaimKind::Duration => "duration",
            ClaimKind::Person => "person",
            ClaimKind::Role => "role",
            ClaimKind::Place => "place",
            ClaimKind::Organisation => "organisation",
            ClaimKind::Quote => "quote",
            ClaimKind::Negation => "negation",
        }
    }
}

/// What a claim says.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimValue {
    /// A date expression.
    Date(DateClaim),
    /// A number or ordinal.
    Number(NumberClaim),
    /// A time of day.
    Time(TimeClaim),
    /// A length of time.
    Duration(DurationClaim),
    /// Whether an action happened.
    Polarity(PolarityClaim),
    /// Quoted words and who said them.
    Quote(QuoteClaim),
    /// A person (with the role given them), a place or an organisation.
    Entity(entities::EntityMatch),
}

/// Quoted words and their speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteClaim {
    /// The words inside the marks, paragraphs joined.
    pub words: String,
    /// The speaker's key ("singh"), when the report names one.
    pub speaker: Option<String>,
    /// The speaker as written.
    pub speaker_name: Option<String>,
}

/// An action and whether the sentence says it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolarityClaim {
    /// The action's name in `rules/polarity.toml` ("attend").
    pub action: String,
    /// Whether it happened (or will).
    pub positive: bool,
    /// The head of its object, stemmed ("speed" in "ruled out speeding").
    pub object: Option<String>,
    /// Every word of its object, stemmed, head first.
    pub objects: Vec<String>,
    /// Whether a phrase of `rules/polarity.toml` matched ("accepted the
    /// result"), which names its own object.
    pub phrase: bool,
}

/// A time of day, as the TIMEX side reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeClaim {
    /// TIMEX3 value: `2025-12-04T16:30`, `2025-12-04TMO`.
    pub value: String,
    /// Minutes after midnight, as written; `None` for parts of a day.
    pub minutes: Option<i64>,
    /// The zone as written ("Moscow time", "IST"), folded.
    pub zone: Option<String>,
    /// Its offset from UTC in minutes, when `rules/timex.toml` knows it.
    pub offset: Option<i64>,
    /// Minutes either side the wording allows ("about 9 a.m.").
    pub slack: i64,
}

/// A length of time.
#[derive(Debug, Clone, PartialEq)]
pub struct DurationClaim {
    /// TIMEX3 value: `P2D`, `PT50M`.
    pub value: String,
    /// The seconds it allows, `(low, high)`; `None` for vague ones (`PXY`).
    pub seconds: Option<(f64, f64)>,
}

/// A date expression, resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateClaim {
    /// The date, when it could be resolved.
    pub value: Option<PartialDate>,
    /// Whether it is a point, or the start or end of an interval.
    pub anchor: Anchor,
    /// How it was written.
    pub form: Form,
    /// Both ends of a day range ("December 8-10").
    pub days: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// A number or ordinal.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberClaim {
    /// The value.
    pub value: f64,
    /// Cardinal or ordinal.
    pub kind: NumberKind,
    /// A currency code, `percent` or a measure unit.
    pub unit: Option<String>,
    /// The smallest value the wording allows ("about 100": 90).
    pub low: f64,
    /// The largest ("more than 40": infinity).
    pub high: f64,
    /// How it was hedged.
    pub approx: quantities::Approx,
    /// What it counts ("people"), singular and folded.
    pub counted: Option<String>,
    /// The other side of a tally, when the claim is one ("8-3": `value` 8,
    /// `against` 3; [`measure::Tally`]).
    pub against: Option<f64>,
}

impl ClaimValue {
    /// The claim's kind.
    pub fn kind(&self) -> ClaimKind {
        match self {
            ClaimValue::Date(_) => ClaimKind::Date,
            ClaimValue::Number(n) if n.kind == NumberKind::Ordinal => ClaimKind::Ordinal,
            ClaimValue::Number(_) => ClaimKind::Number,
            ClaimValue::Time(_) => ClaimKind::Time,
            ClaimValue::Duration(_) => ClaimKind::Duration,
            ClaimValue::Polarity(_) => ClaimKind::Negation,
            ClaimValue::Quote(_) => ClaimKind::Quote,
            ClaimValue::Entity(e) => match e.kind {
                entities::EntityKind::Person => ClaimKind::Person,
                entities::EntityKind::Place => ClaimKind::Place,
                entities::EntityKind::Organisation => ClaimKind::Organisation,
            },
        }
    }

    /// The normalised value as written in reports (`2025-06`, `22`,
    /// `2 day`), or `None` for a date that could not be resolved.
    pub fn normalised(&self) -> Option<String> {
        match self {
            ClaimValue::Date(d) => {
                let v = match d.days {
                    Some((from, to)) => format!("{from}/{to}"),
                    None => d.value?.to_string(),
                };
                Some(match d.anchor {
                    Anchor::At => v,
                    Anchor::Since => format!("{v}/.."),
                    Anchor::Until => format!("../{v}"),
                })
            }
            ClaimValue::Number(n) => {
                let num = |x: f64| {
                    if x.fract() == 0.0 && x.abs() < 1e15 {
                        format!("{}", x as i64)
                    } else {
                        format!("{x}")
                    }
                };
                use quantities::Approx;
                let v = match n.approx {
                    Approx::Exact if n.against.is_some() => {
                        format!("{}-{}", num(n.value), num(n.against.unwrap_or_default()))
                    }
                    Approx::Exact => num(n.value),
                    Approx::Range | Approx::Vague => format!("{}-{}", num(n.low), num(n.high)),
                    Approx::More | Approx::AtLeast => format!("{} {}", n.approx.name(), num(n.low)),
                    Approx::Less | Approx::AtMost => format!("{} {}", n.approx.name(), num(n.high)),
                    Approx::About | Approx::Nearly => {
                        format!("{} {} ({}-{})", n.approx.name(), num(n.value), num(n.low), num(n.high))
                    }
                };
                let v = match &n.unit {
                    Some(u) => format!("{v} {u}"),
                    None => v,
                };
                Some(match &n.counted {
                    Some(c) => format!("{v} {c}"),
                    None => v,
                })
            }
            ClaimValue::Time(t) => Some(match (&t.zone, t.offset) {
                (Some(z), Some(o)) => format!(
                    "{} {z} (UTC{}{:02}:{:02})",
                    t.value,
                    if o < 0 { '-' } else { '+' },
                    o.abs() / 60,
                    o.abs() % 60
                ),
                (Some(z), None) => format!("{} {z}", t.value),
                _ => t.value.clone(),
            }),
            ClaimValue::Duration(d) => Some(d.value.clone()),
            ClaimValue::Polarity(p) => Some(format!("{} {}", if p.positive { "did" } else { "did not" }, p.action)),
            ClaimValue::Entity(e) => Some(match &e.role {
                Some(r) => {
                    format!("{} ({}{})", e.name, r.key, r.scope.as_ref().map(|s| format!(", {s}")).unwrap_or_default())
                }
                None => e.name.clone(),
            }),
            ClaimValue::Quote(q) => Some(match &q.speaker_name {
                Some(who) => format!("{who}: \"{}\"", q.words),
                None => format!("\"{}\"", q.words),
            }),
        }
    }

    /// The precision of a resolved date.
    pub fn precision(&self) -> Option<Precision> {
        match self {
            ClaimValue::Date(d) if d.days.is_some() => Some(Precision::Day),
            ClaimValue::Date(d) => d.value.map(|v| v.precision()),
            _ => None,
        }
    }
}

/// The compiled extractors of a run.
#[derive(Debug)]
pub struct Extractor {
    dates: DateFinder,
    numbers: NumberFinder,
    times: times::TimeFinder,
    quantities: quantities::QuantityReader,
    measure: measure::MeasureReader,
    polarity: polarity::PolarityFinder,
    quotes: quotes::QuoteFinder,
    entities: entities::EntityFinder,
    /// The date and the time finder's gates, read in one pass.
    gates: crate::pattern::Joined,
}

impl Extractor {
    /// Compiles the extractors from the rules.
    pub fn new(rules: &Rules) -> Result<Extractor, Error> {
        let bad = |file: &str, message: String| Error::BadRules { path: format!("rules/{file}").into(), message };
        let dates = DateFinder::new(&rules.dates).map_err(|m| bad("dates.toml", m))?;
        let times = times::TimeFinder::new(&rules.timex).map_err(|m| bad("timex.toml", m))?;
        let gates = crate::pattern::Joined::new(dates.gates(), times.gates()).map_err(|m| bad("timex.toml", m))?;
        Ok(Extractor {
            dates,
            numbers: NumberFinder::new(&rules.numbers).map_err(|m| bad("numbers.toml", m))?,
            times,
            quantities: quantities::QuantityReader::new(&rules.quantities).map_err(|m| bad("quantities.toml", m))?,
            measure: measure::MeasureReader::new(&rules.quantities.measure).map_err(|m| bad("quantities.toml", m))?,
            polarity: polarity::PolarityFinder::new(&rules.polarity).map_err(|m| bad("polarity.toml", m))?,
            quotes: quotes::QuoteFinder::new(rules).map_err(|m| bad("quotes.toml", m))?,
            entities: entities::EntityFinder::new(rules)?,
            gates,
        })
    }

    /// Which date patterns and which time patterns can match `text`, the
    /// gates of both finders read in one pass when the text is ASCII.
    pub fn open(&self, text: &str) -> (u64, times::Open) {
        match self.gates.open(text) {
            Some((d, t)) => (d, self.times.opened(t)),
            None => (self.dates.open(text), self.times.open(text)),
        }
    }

    /// The date finder, also used to read datelines.
    pub fn dates(&self) -> &DateFinder {
        &self.dates
    }

    /// The number finder.
    pub fn numbers(&self) -> &NumberFinder {
        &self.numbers
    }

    /// The finder of times, durations, sets and other TIMEX3 dates.
    pub fn times(&self) -> &times::TimeFinder {
        &self.times
    }

    /// The finder of people, places and organisations.
    pub fn entities(&self) -> &entities::EntityFinder {
        &self.entities
    }

    /// The reader of amounts, approximations and counted nouns.
    pub fn quantities(&self) -> &quantities::QuantityReader {
        &self.quantities
    }

    /// The reader of what amounts and lengths of time measure.
    pub fn measure(&self) -> &measure::MeasureReader {
        &self.measure
    }
}

/// Extracts the claims of every sentence that is not a repeat, ordered by
/// sentence and position; a claim's `id` is its index.
pub fn extract(docs: &[Document], sentences: &[Sentence], ex: &Extractor, lexicon: &Lexicon) -> Vec<Claim> {
    let mut claims = Vec::new();
    // Each sentence's clauses, split once for the claims and the names.
    let mut sentence_clauses: Vec<Vec<Span>> = vec![Vec::new(); sentences.len()];
    for (sid, sentence) in sentences.iter().enumerate() {
        if sentence.duplicate_of.is_some() {
            continue;
        }
        let doc = &docs[sentence.doc];
        let text = sentence.norm.of(&doc.norm.text);
        let (date_open, time_open) = ex.open(text);
        let mut found: Vec<(Span, ClaimValue)> = ex
            .dates
            .find_open(text, date_open, doc.published)
            .into_iter()
            .map(|m| {
                let date = DateClaim { value: m.value, anchor: m.anchor, form: m.form, days: m.days };
                (m.span, ClaimValue::Date(date))
            })
            .collect();
        let mut date_spans: Vec<Span> = found.iter().map(|(s, _)| *s).collect();
        let numbers = ex.numbers.find(text, &date_spans);
        // Dates the date finder leaves to the TIMEX side ("04/12/2025" by
        // the report's locale, holidays, "the end of the month") are claims
        // too, when their value is a calendar date.
        let day_first = ex.times.day_first(doc.locale.as_deref());
        let timexes = ex.times.find_open(text, time_open, &numbers, doc.published, day_first);
        for t in &timexes {
            use crate::timex::TimexType;
            if date_spans.iter().any(|s| s.overlaps(&t.span)) {
                continue;
            }
            match t.kind {
                TimexType::Time => {
                    let claim = ex.times.time_claim(text, t.span, &t.value);
                    found.push((t.span, ClaimValue::Time(claim)));
                    date_spans.push(t.span);
                    continue;
                }
                TimexType::Duration => {
                    let mut claim = ex.times.duration_claim(&t.value);
                    if let Some((low, high)) = claim.seconds {
                        let (low, high, _) = ex.quantities.hedge(text, t.span, low, high);
                        claim.seconds = Some((low, high));
                    }
                    found.push((t.span, ClaimValue::Duration(claim)));
                    date_spans.push(t.span);
                    continue;
                }
                TimexType::Set => {
                    date_spans.push(t.span);
                    continue;
                }
                TimexType::Date => {}
            }
            let Some(value) = PartialDate::parse(&t.value) else { continue };
            let written = t.span.of(text);
            let form = if written.bytes().filter(u8::is_ascii_digit).count() >= 4 {
                Form::Absolute { year: Some(value.year), month: value.month, day: value.day }
            } else {
                Form::Relative
            };
            found.push((
                t.span,
                ClaimValue::Date(DateClaim { value: Some(value), anchor: Anchor::At, form, days: None }),
            ));
            date_spans.push(t.span);
        }
        let numbers: Vec<numbers::NumberMatch> =
            numbers.into_iter().filter(|m| !date_spans.iter().any(|s| s.overlaps(&m.span))).collect();
        for m in numbers.iter().filter(|m| m.kind == NumberKind::Ordinal) {
            let claim = NumberClaim {
                value: m.value,
                kind: m.kind,
                unit: m.unit.clone(),
                low: m.value,
                high: m.value,
                approx: quantities::Approx::Exact,
                counted: None,
                against: None,
            };
            found.push((m.span, ClaimValue::Number(claim)));
        }
        // "voted 7-4": one claim of both sides, instead of two amounts.
        let tallies = ex.measure.tallies(text, &numbers);
        for t in &tallies {
            let claim = NumberClaim {
                value: t.more,
                kind: NumberKind::Cardinal,
                unit: None,
                low: t.more,
                high: t.more,
                approx: quantities::Approx::Exact,
                counted: None,
                against: Some(t.fewer),
            };
            found.push((t.span, ClaimValue::Number(claim)));
        }
        // "More than nine in ten members": a share, hedged as its first
        // number is.
        let proportions = ex.measure.proportions(text, &numbers);
        for &(span, share) in &proportions {
            let (low, high, approx, span) = ex.quantities.hedged(text, span, share, share);
            let claim = NumberClaim {
                value: share,
                kind: NumberKind::Cardinal,
                unit: Some("percent".to_string()),
                low,
                high,
                approx,
                counted: None,
                against: None,
            };
            found.push((span, ClaimValue::Number(claim)));
        }
        for q in ex.quantities.read(text, &numbers) {
            let taken = tallies.iter().map(|t| &t.span).chain(proportions.iter().map(|(s, _)| s));
            if date_spans.iter().chain(taken).any(|s| s.overlaps(&q.span)) {
                continue;
            }
            let claim = NumberClaim {
                value: q.value,
                kind: NumberKind::Cardinal,
                unit: q.unit,
                low: q.low,
                high: q.high,
                approx: q.approx,
                counted: q.counted,
                against: None,
            };
            found.push((q.span, ClaimValue::Number(claim)));
        }
        for m in ex.polarity.find(text) {
            if !found.iter().any(|(s, _)| s.overlaps(&m.span)) {
                found.push((
                    m.span,
                    ClaimValue::Polarity(PolarityClaim {
                        action: m.action,
                        positive: m.positive,
                        object: m.object,
                        objects: m.objects,
                        phrase: m.phrase,
                    }),
                ));
            }
        }
        found.sort_by_key(|(s, _)| (s.start, s.end));
        // Ordinals stay in subjects: "the 13th meeting" is not the 15th.
        // Actions stay too: they are the predicates of the other claims.
        let masks: Vec<Span> = found
            .iter()
            .filter(|(_, v)| !matches!(v.kind(), ClaimKind::Ordinal | ClaimKind::Negation | ClaimKind::Time))
            .map(|(s, _)| *s)
            .collect();
        sentence_clauses[sid] = lexicon.clauses(text);
        let clauses = &sentence_clauses[sid];
        // What depends only on the clause is read once per clause, however
        // many claims it holds.
        let mut read: Vec<Option<ClauseRead>> = vec![None; clauses.len() + 1];
        for (local, value) in found {
            let at = clauses.iter().position(|c| c.contains(&local)).unwrap_or(clauses.len());
            let clause = clauses.get(at).copied().unwrap_or(Span::new(0, text.len()));
            let r = read[at].get_or_insert_with(|| ClauseRead::new(text, clause, &masks, sentence.norm.start, lexicon));
            let in_clause = Span::new(local.start - clause.start, local.end - clause.start);
            let predicate = lexicon.predicate_in(clause.of(text), &r.words, in_clause, &r.masks);
            let subject = r.subject.clone();
            let mut occurrences = r.occurrences.clone();
            occurrences.extend(subject.iter().filter(|t| t.kind == TermKind::Ordinal).map(|t| t.key.clone()));
            occurrences.sort();
            occurrences.dedup();
            let event_occurrences =
                event_occurrences(clause.of(text), &r.words, &occurrences, predicate.as_ref(), in_clause, lexicon);
            let predicate =
                predicate.map(|p| Predicate { span: p.span.shift(sentence.norm.start + clause.start), ..p });
            // The word just before the claim ("Revenue" in "Revenue rose 8%").
            let at = local.start + sentence.norm.start;
            // Not the verb: "Revenue", not "rose", in "Revenue rose 8%".
            let verb_at = predicate.as_ref().map(|p| p.span);
            let before = subject.iter().rfind(|t| {
                t.span.end <= at && t.span.start >= clause.start + sentence.norm.start && Some(t.span) != verb_at
            });
            let before = before.map(|t| t.key.as_str());
            let head = head_of(&value, text, local, predicate.as_ref(), before, lexicon, &ex.measure);
            let norm = local.shift(sentence.norm.start);
            claims.push(Claim {
                id: claims.len(),
                doc: sentence.doc,
                sentence: sid,
                span: doc.norm.original(norm),
                norm,
                value,
                subject,
                predicate,
                clause: clause.shift(sentence.norm.start),
                occurrences,
                event_occurrences,
                head,
            });
        }
    }
    extract_entities(docs, sentences, &sentence_clauses, ex, lexicon, &mut claims);
    extract_quotes(docs, sentences, ex, lexicon, &mut claims);
    // Listed by sentence and position (compare looks claims up by
    // sentence), numbered in that order.
    claims.sort_by_key(|c| (c.sentence, c.norm.start, c.norm.end));
    for (i, c) in claims.iter_mut().enumerate() {
        c.id = i;
    }
    restated_times(docs, &mut claims);
    claims
}

/// A clock time restated in another zone in parentheses right after it
/// ("at about 3:40 a.m. (2155 GMT Tuesday)", "2pm local time (noon BST)")
/// tells of the same event: it belongs to the first one's clause and takes
/// its predicate, head and subject, which its own parenthesis lacks.
fn restated_times(docs: &[Document], claims: &mut [Claim]) {
    for i in 1..claims.len() {
        let (done, rest) = claims.split_at_mut(i);
        let (a, b) = (&done[i - 1], &mut rest[0]);
        let both_times = matches!((&a.value, &b.value), (ClaimValue::Time(_), ClaimValue::Time(_)));
        if !both_times || a.sentence != b.sentence || a.norm.end > b.norm.start || b.head.is_some() {
            continue;
        }
        if matches!(docs[a.doc].norm.text[a.norm.end..b.norm.start].trim(), "(" | "[") {
            b.head.clone_from(&a.head);
            b.predicate.clone_from(&a.predicate);
            b.clause = Span::new(a.clause.start.min(b.clause.start), a.clause.end.max(b.clause.end));
            let own = std::mem::replace(&mut b.subject, a.subject.clone());
            b.subject.extend(own.into_iter().filter(|t| !a.subject.contains(t)));
            b.subject.sort_by_key(|t| (t.span.start, t.span.end));
        }
    }
}

/// The occurrence words of a claim that speak of its event: within four
/// words before its predicate or another event word ("the next meeting",
/// "his second visit") or, after a verb, within five words after it ("met
/// for the first time"); not those of other nouns of the clause ("the
/// city's first woman mayor", "a former deputy mayor"), nor the rank of a
/// superlative ("second-largest"). Words of the claim itself ("last
/// year"), words not written in the clause (a relative clause's
/// antecedent's ordinal), and all of them when there is no predicate, are
/// kept. Spans are within `clause`, whose words are `words`.
fn event_occurrences(
    clause: &str,
    words: &crate::terms::Words,
    occurrences: &[String],
    predicate: Option<&Predicate>,
    claim: Span,
    lexicon: &Lexicon,
) -> Vec<String> {
    let (tokens, keys) = (words.tokens(), words.keys());
    let Some(at) = predicate.and_then(|p| tokens.iter().position(|t| t.span.overlaps(&p.span))) else {
        return occurrences.to_vec();
    };
    let verb = predicate.is_some_and(|p| !p.noun);
    occurrences
        .iter()
        .filter(|o| {
            let mut written = false;
            let near = keys.iter().enumerate().any(|(i, k)| {
                if k != *o {
                    return false;
                }
                written = true;
                let span = tokens[i].span;
                let superlative = clause[span.end..].strip_prefix('-').is_some_and(|rest| {
                    let w: String = rest.chars().take_while(|ch| ch.is_alphabetic()).collect();
                    w.ends_with("est")
                });
                // Before the predicate or another event word of the
                // clause ("at the ninth Annual Leaders' Meeting").
                let before = (i + 1..tokens.len().min(i + 5)).any(|j| j == at || lexicon.is_event_word(tokens[j].text));
                let after = i > at && i - at <= 5 && verb;
                // A word of the claim itself ("last year", "the first four
                // months") says which one it is.
                let own = span.overlaps(&claim);
                own || !superlative && (before || after)
            });
            near || !written
        })
        .cloned()
        .collect()
}

/// What [`extract`] reads once per clause: its words, the claims masked in
/// it, its subject terms (shifted to the document) and its occurrence
/// words.
#[derive(Clone)]
struct ClauseRead<'a> {
    words: crate::terms::Words<'a>,
    masks: Vec<Span>,
    subject: Vec<Term>,
    occurrences: Vec<String>,
}

impl<'a> ClauseRead<'a> {
    /// Reads `clause` of the sentence `text` (which starts at `offset` in
    /// its document), with the claims at `masks` (sentence spans) left out
    /// of its terms.
    fn new(text: &'a str, clause: Span, masks: &[Span], offset: usize, lexicon: &Lexicon) -> ClauseRead<'a> {
        let words = crate::terms::Words::new(clause.of(text));
        let clause_masks: Vec<Span> = masks
            .iter()
            .filter(|m| clause.contains(m))
            .map(|m| Span::new(m.start - clause.start, m.end - clause.start))
            .collect();
        let mut subject: Vec<Term> = lexicon
            .terms_in(&words, &clause_masks)
            .into_iter()
            .map(|t| Term { span: t.span.shift(offset + clause.start), ..t })
            .collect();
        // A relative clause is about the names just before it:
        // "Typhoon Lumen, which struck the province last month".
        let opener = text[clause.start..].split_whitespace().next().unwrap_or("");
        if clause.start > 0 && lexicon.is_relative(opener) {
            let before = &text[..clause.start];
            let names = lexicon.terms(before, masks);
            let tail: Vec<Term> = names
                .into_iter()
                .rev()
                .take(6)
                .filter(|t| t.kind.identifies())
                .map(|t| Term { span: t.span.shift(offset), ..t })
                .collect();
            subject.extend(tail.into_iter().rev());
        }
        let occurrences = lexicon.occurrence_words_in(&words);
        ClauseRead { words, masks: clause_masks, subject, occurrences }
    }
}

/// Adds a claim for every person, place and organisation named, read over
/// each whole report so that a later "Singh" is the "Rajnath Singh" named
/// before.
fn extract_entities(
    docs: &[Document],
    sentences: &[Sentence],
    sentence_clauses: &[Vec<Span>],
    ex: &Extractor,
    lexicon: &Lexicon,
    claims: &mut Vec<Claim>,
) {
    for (d, doc) in docs.iter().enumerate() {
        let own: Vec<(usize, &Sentence)> =
            sentences.iter().enumerate().filter(|(_, s)| s.doc == d && s.duplicate_of.is_none()).collect();
        let texts: Vec<&str> = own.iter().map(|(_, s)| s.norm.of(&doc.norm.text)).collect();
        for ((sid, sentence), found) in own.iter().zip(ex.entities.find_document(&texts)) {
            let text = sentence.norm.of(&doc.norm.text);
            let clauses = &sentence_clauses[*sid];
            let mut words: Vec<Option<crate::terms::Words>> = vec![None; clauses.len() + 1];
            for e in found {
                let local = e.extent();
                let at = clauses.iter().position(|c| c.contains(&local)).unwrap_or(clauses.len());
                let clause = clauses.get(at).copied().unwrap_or(Span::new(0, text.len()));
                let words = words[at].get_or_insert_with(|| crate::terms::Words::new(clause.of(text)));
                let in_clause = Span::new(local.start - clause.start, local.end - clause.start);
                let predicate = lexicon
                    .predicate_in(clause.of(text), words, in_clause, &[in_clause])
                    .map(|p| Predicate { span: p.span.shift(sentence.norm.start + clause.start), ..p });
                let subject: Vec<Term> = lexicon
                    .terms_in(words, &[in_clause])
                    .into_iter()
                    .map(|t| Term { span: t.span.shift(sentence.norm.start + clause.start), ..t })
                    .collect();
                let norm = local.shift(sentence.norm.start);
                claims.push(Claim {
                    id: claims.len(),
                    doc: d,
                    sentence: *sid,
                    span: doc.norm.original(norm),
                    norm,
                    head: Some(e.key.clone()),
                    value: ClaimValue::Entity(e),
                    subject,
                    predicate,
                    clause: clause.shift(sentence.norm.start),
                    occurrences: Vec::new(),
                    event_occurrences: Vec::new(),
                });
            }
        }
    }
}

/// Adds a claim for every quotation of every document (not scare quotes),
/// in the sentence it opens in; quotations run over sentences and
/// paragraphs, so they are found over the whole text.
fn extract_quotes(
    docs: &[Document],
    sentences: &[Sentence],
    ex: &Extractor,
    lexicon: &Lexicon,
    claims: &mut Vec<Claim>,
) {
    for (d, doc) in docs.iter().enumerate() {
        let text = &doc.norm.text;
        let own: Vec<(usize, &Sentence)> = sentences.iter().enumerate().filter(|(_, s)| s.doc == d).collect();
        for q in ex.quotes.find(text) {
            if q.short {
                continue;
            }
            let Some(&(sid, sentence)) = own
                .iter()
                .find(|(_, s)| s.norm.start <= q.span.start && q.span.start < s.norm.end.max(s.norm.start + 1))
            else {
                continue;
            };
            if sentence.duplicate_of.is_some() {
                continue;
            }
            let speaker_name = q.speaker.map(|sp| sp.of(text).to_string());
            let subject: Vec<Term> = match q.speaker {
                Some(sp) => lexicon
                    .terms(sp.of(text), &[])
                    .into_iter()
                    .map(|t| Term { span: t.span.shift(sp.start), ..t })
                    .collect(),
                None => Vec::new(),
            };
            let value =
                ClaimValue::Quote(QuoteClaim { words: q.words(text), speaker: q.speaker_key.clone(), speaker_name });
            // The claim's span stays in the sentence the quotation opens in,
            // as every claim's does; its value holds all the words.
            let norm = Span::new(q.span.start, q.span.end.min(sentence.norm.end).max(q.span.start));
            claims.push(Claim {
                id: claims.len(),
                doc: d,
                sentence: sid,
                span: doc.norm.original(norm),
                norm,
                value,
                subject,
                predicate: None,
                clause: sentence.norm,
                occurrences: Vec::new(),
                event_occurrences: Vec::new(),
                head: q.speaker_key.clone(),
            });
        }
    }
}

/// The head of a claim: see [`Claim::head`].
fn head_of(
    value: &ClaimValue,
    text: &str,
    at: Span,
    predicate: Option<&Predicate>,
    before: Option<&str>,
    lexicon: &Lexicon,
    measure: &measure::MeasureReader,
) -> Option<String> {
    let verb = || predicate.filter(|p| !p.light && !p.noun).map(|p| p.lemma.clone());
    // A length of time or a clock time belongs to its verb even when the
    // verb is light ("held for ten months"); vague ones are generic heads.
    // As a term key, so that a verb names its event group ("strike").
    let any_verb = || {
        predicate
            .filter(|p| !p.noun)
            .map(|p| lexicon.terms(&p.lemma, &[]).first().map_or(p.lemma.clone(), |t| t.key.clone()))
    };
    let written = at.of(text);
    match value {
        // "the third such release"; "The release was the second by the ELN".
        // "the third consecutive quarter" ranks a run, not a quarter.
        ClaimValue::Number(n) if n.kind == NumberKind::Ordinal => {
            let head = noun_after(text, at.end, lexicon).or_else(|| copula_subject(text, at.start, lexicon));
            // "the third tax measure" ranks what "the second tax law" does.
            let head = head.map(|h| measure.synonym(&h).map_or(h, str::to_string));
            match head {
                Some(h) if measure.streak(text, at.end) => Some(format!("{h}/{}", measure::STREAK)),
                h => h,
            }
        }
        // What the amount measures ([`measure`]). A counted word that names
        // nothing ("61 for 3 after") leaves it without a head. Failing
        // that, an amount is named by its unit, the word before it and its
        // verb ("Revenue rose 8%" is not "volumes rose 3 percent").
        ClaimValue::Number(n) if n.against.is_some() => Some(measure::TALLY.to_string()),
        ClaimValue::Number(n) => {
            let stop = |w: &str| lexicon.is_stopword(w);
            if let Some(m) = measure.measure(text, at, n.counted.as_deref(), n.unit.as_deref(), stop) {
                return Some(m);
            }
            let verb = verb().or_else(|| predicate.map(|p| p.lemma.clone()));
            let verb = verb.map(|v| lexicon.terms(&v, &[]).first().map_or(v.clone(), |t| t.key.clone()));
            match (&n.counted, &n.unit, verb) {
                (None, Some(u), Some(v)) => Some(format!("{} {u} {v}", before.unwrap_or("-"))),
                _ => None,
            }
        }
        // A compound ("a two-day visit") qualifies the noun after it; a
        // length of time may be given for a noun ("gave parliament 120
        // days"), or else belongs to its verb.
        ClaimValue::Duration(_) if written.contains('-') => noun_after(text, at.end, lexicon),
        ClaimValue::Duration(_) if measure.extension(text, at) => Some(measure::EXTENSION.to_string()),
        ClaimValue::Duration(_) if measure.duration_reading(text, at).is_some() => {
            measure.duration_reading(text, at).map(str::to_string)
        }
        ClaimValue::Duration(_) => measure.duration_object(text, at, |w| lexicon.is_stopword(w)).or_else(any_verb),
        ClaimValue::Time(_) => any_verb(),
        _ => None,
    }
}

/// The noun a rank is said of with a copula: "release" in "The release was
/// the second by the ELN this year".
fn copula_subject(text: &str, at: usize, lexicon: &Lexicon) -> Option<String> {
    let before: Vec<&str> = text[..at].split_whitespace().rev().take(3).collect();
    let copula = |w: &str| matches!(w.to_lowercase().as_str(), "was" | "is" | "were" | "are" | "became" | "becomes");
    match before.as_slice() {
        [the, verb, noun, ..] if the.eq_ignore_ascii_case("the") && copula(verb) => {
            let t = lexicon.terms(noun.trim_matches(|c: char| !c.is_alphanumeric()), &[]);
            t.first().filter(|t| t.kind == TermKind::Word || t.key.starts_with("event:")).map(|t| t.key.clone())
        }
        _ => None,
    }
}

/// The last word of the plain noun phrase right after `at` ("major bus
/// accident" gives "accident"), as a term key; `None` when a name, a
/// function word or punctuation comes first.
fn noun_after(text: &str, at: usize, lexicon: &Lexicon) -> Option<String> {
    let rest = &text[at..];
    let mut last: Option<&str> = None;
    // "the third such release": "such" points back, the noun follows.
    let words = rest.split_whitespace().skip_while(|w| w.eq_ignore_ascii_case("such"));
    for word in words.take(4) {
        let w = word.trim_end_matches([',', '.', ';', ':', ')', '"', '\'']);
        // Title case belongs to the phrase too ("the ninth Annual Leaders'
        // Meeting").
        let w = w.trim_end_matches('\'').trim_end_matches("'s");
        let clean = w.chars().all(|c| c.is_alphabetic() || c == '-');
        if !clean || w.is_empty() || lexicon.is_stopword(w) {
            break;
        }
        // "a three-day truce agreed between ...": a participle after the
        // noun starts what is said of it.
        if last.is_some() && (w.ends_with("ed") || w.ends_with("ing") || lexicon.is_irregular_form(w)) {
            break;
        }
        last = Some(w);
        if w.len() != word.len() {
            break; // punctuation ends the phrase
        }
    }
    let t = lexicon.terms(last?, &[]);
    t.first().map(|t| t.key.clone())
}

#[cfg(test)]
mod tests {
    use crate::{analyse, document, rules::Rules};

    fn claims(json: &str) -> Vec<(String, Option<String>)> {
        let doc = document::from_bytes("a.json".as_ref(), json.as_bytes().to_vec(), 0).unwrap();
        let run = analyse(vec![doc], &Rules::built_in().unwrap()).unwrap();
        run.claims
            .iter()
            .filter(|c| c.value.kind() == super::ClaimKind::Date)
            .map(|c| (c.span.of(&run.documents[0].raw).to_string(), c.value.normalised()))
            .collect()
    }

    #[test]
    fn numeric_dates_are_claims_read_by_the_reports_locale() {
        let text = "The fire at the Leeds mill broke out on 04/12/2025, officials said.";
        let gb = format!(r#"{{"id": "gb", "published": "2025-12-06", "locale": "en-GB", "text": "{text}"}}"#);
        let us = format!(r#"{{"id": "us", "published": "2025-12-06", "text": "{text}"}}"#);
        assert_eq!(claims(&gb), vec![("04/12/2025".to_string(), Some("2025-12-04".to_string()))]);
        assert_eq!(claims(&us), vec![("04/12/2025".to_string(), Some("2025-04-12".to_string()))]);
    }
}
