//! The checker's vocabularies and severities, read from `rules/*.toml`.
//!
//! The files in the repository's `rules/` folder are built into the binary
//! as defaults. `--rules DIR` reads files of the same names from DIR: by
//! default their lists extend the built-in ones and their tables and values
//! override them key by key; a file whose first key is `replace = true`
//! replaces the built-in file instead. A bad rules file is a user error
//! that names the file.

use crate::compare::Severity;
use crate::document::DatelineRules;
use crate::extract::dates::DateRules;
use crate::extract::numbers::NumberRules;
use crate::segment::SegmentRules;
use crate::Error;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in rules files, by name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("abbreviations.toml", include_str!("../rules/abbreviations.toml")),
    ("aliases.toml", include_str!("../rules/aliases.toml")),
    ("datelines.toml", include_str!("../rules/datelines.toml")),
    ("dates.toml", include_str!("../rules/dates.toml")),
    ("events.toml", include_str!("../rules/events.toml")),
    ("group.toml", include_str!("../rules/group.toml")),
    ("numbers.toml", include_str!("../rules/numbers.toml")),
    ("places.toml", include_str!("../rules/places.toml")),
    ("polarity.toml", include_str!("../rules/polarity.toml")),
    ("quantities.toml", include_str!("../rules/quantities.toml")),
    ("quotes.toml", include_str!("../rules/quotes.toml")),
    ("severities.toml", include_str!("../rules/severities.toml")),
    ("sources.toml", include_str!("../rules/sources.toml")),
    ("timex.toml", include_str!("../rules/timex.toml")),
    ("titles.toml", include_str!("../rules/titles.toml")),
    ("words.toml", include_str!("../rules/words.toml")),
];

/// Every rule a finding can come from, with its default severity.
pub const RULE_IDS: &[&str] = &[
    "date-conflict",
    "date-compatible",
    "time-conflict",
    "number-conflict",
    "number-grew",
    "ordinal-conflict",
    "duration-conflict",
    "negation-conflict",
    "quote-changed",
    "quote-reworded",
    "quote-elided",
    "quote-speaker",
    "person-misspelt",
    "role-conflict",
    "place-conflict",
    "organisation-conflict",
];

/// All rules of a run.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Sentence splitting.
    pub segment: SegmentRules,
    /// Names that mean the same thing.
    pub aliases: Vec<Alias>,
    /// Header lines and datelines.
    pub datelines: DatelineRules,
    /// Date expressions.
    pub dates: DateRules,
    /// Predicates: what a date is about.
    pub events: Events,
    /// Numbers and ordinals.
    pub numbers: NumberRules,
    /// How numbers are read with their currency, approximation and noun.
    pub quantities: crate::extract::quantities::QuantityRules,
    /// Actions whose polarity is compared ("will attend", "will not attend").
    pub polarity: crate::extract::polarity::PolarityRules,
    /// Quotations: verbs of saying, speakers, elisions, negations.
    pub quotes: crate::extract::quotes::QuoteRules,
    /// Times of day, durations, recurrences and reference words.
    pub timex: crate::extract::times::TimexRules,
    /// Severity of each finding rule; a rule missing here is off.
    pub severities: BTreeMap<String, Severity>,
    /// Copied passages and credit lines: which reports are independent.
    pub sources: crate::sources::SourceRules,
    /// Title words (`Minister`, `Gen.`): they name roles, not people.
    pub titles: Vec<String>,
    /// Roles, honorifics and demonyms of people (`rules/titles.toml`).
    pub people: crate::extract::entities::PeopleRules,
    /// The gazetteer (`rules/places.toml`).
    pub places: crate::extract::entities::PlaceRules,
    /// How organisations' names are read (`rules/aliases.toml`).
    pub organisations: crate::extract::entities::OrganisationRules,
    /// Function words and clause openers.
    pub words: Words,
    /// How `batch` and `group` tell which reports are about one event
    /// (`rules/group.toml`).
    pub group: crate::batch::group::GroupRules,
}

/// One entry of `rules/aliases.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The name shown in reports.
    pub canonical: String,
    /// Other ways of writing it.
    pub also: Vec<String>,
    /// What it names; guessed when not given.
    #[serde(default)]
    pub kind: Option<crate::extract::entities::AliasKind>,
    /// Acronyms that may mean it or something else ("ICC"): not read as
    /// this name, but as an organisation of unresolved meaning.
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// `[text, canonical]` pairs checked by a test.
    #[serde(default)]
    pub examples: Vec<[String; 2]>,
}

/// `rules/words.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// Words that carry no subject: articles, pronouns, auxiliaries.
    pub stopwords: Vec<String>,
    /// Words that open a new clause after a comma (`which`, `while`): a
    /// date in that clause is about the clause, not the sentence.
    pub clause_openers: Vec<String>,
    /// Conjunctions that open a new clause when a clause opener follows
    /// them (`and since`), with or without a comma.
    pub conjunctions: Vec<String>,
    /// Verbs of attribution: a comma before a stretch holding one opens a
    /// new clause.
    pub attribution: Vec<String>,
    /// Relative pronouns: their clause is about the noun before them.
    pub relative_pronouns: Vec<String>,
}

/// `rules/events.toml`: the words that tell what event a date is about.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Events {
    /// `[form, lemma]` pairs of irregular verbs.
    pub irregular: Vec<[String; 2]>,
    /// Words after which the next word is a verb.
    pub verb_markers: Vec<String>,
    /// Verbs that defer to the event noun before them.
    pub light_verbs: Vec<String>,
    /// Nouns that name events.
    pub event_nouns: Vec<String>,
    /// Prepositions attaching an event noun to another clause.
    pub event_prepositions: Vec<String>,
    /// Determiners introducing a new instance of an event.
    pub indefinite: Vec<String>,
    /// Words that may stand between such a determiner or preposition and
    /// its event noun ("the deadly fire"), besides names and numbers.
    pub noun_modifiers: Vec<String>,
    /// Words picking one occurrence of a recurring event.
    pub occurrence: Vec<String>,
    /// Event groups that are statements.
    pub statement_groups: Vec<String>,
    /// Nouns and verbs too vague to tell, alone, what a number, duration or
    /// time measures ("time", "day", "say").
    #[serde(default)]
    pub generic_heads: Vec<String>,
    /// Verbs of making a figure known ("disclose", "reveal"): "did not
    /// disclose the cost" stands against a report that gives the cost.
    #[serde(default)]
    pub disclosure_verbs: Vec<String>,
    /// Words before a clock time that make it the start of its event
    /// ("from 11 p.m.").
    #[serde(default)]
    pub start_words: Vec<String>,
    /// Words before a clock time that make it the end of its event ("until
    /// 9am", "to 6 a.m.").
    #[serde(default)]
    pub end_words: Vec<String>,
    /// Words that make the date after them (within three words) a point of
    /// comparison, not a date of the event: "well below the 2024 local
    /// elections", "higher than in 2019".
    #[serde(default)]
    pub comparison_words: Vec<String>,
    /// Words before an event noun that make it another event than the
    /// clause's own ("following the meeting", "after the vote").
    #[serde(default)]
    pub other_event_markers: Vec<String>,
    /// Occurrence words that look ahead: "the next meeting" is never the
    /// one a report tells of as done.
    #[serde(default)]
    pub forward_occurrence: Vec<String>,
    /// Nouns that an event noun right before them only qualifies: "launch
    /// pad", "election campaign", "death toll" name no launch, election or
    /// death.
    #[serde(default)]
    pub qualified_nouns: Vec<String>,
    /// Words naming one kind of event.
    pub group: Vec<EventGroup>,
}

/// A set of words naming one kind of event.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventGroup {
    /// A name for the kind.
    pub name: String,
    /// Its words: verbs and nouns, and two-word verbs ("hand over") read
    /// with the word after the verb.
    pub words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    #[serde(default)]
    organisations: crate::extract::entities::OrganisationRules,
    alias: Vec<Alias>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    group: crate::batch::group::GroupRules,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeverityFile {
    severity: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleFile {
    titles: Vec<String>,
    #[serde(default)]
    names: crate::extract::entities::NameRules,
    #[serde(default)]
    demonyms: BTreeMap<String, String>,
    #[serde(default)]
    role: Vec<crate::extract::entities::RoleRule>,
}

impl Rules {
    /// The built-in rules.
    pub fn built_in() -> Result<Rules, Error> {
        Rules::load(None)
    }

    /// The built-in rules, extended or overridden by the files in `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Rules, Error> {
        let mut tables = BTreeMap::new();
        for (name, text) in BUILT_IN {
            let path = PathBuf::from(format!("<built-in>/{name}"));
            tables.insert(*name, (path.clone(), parse_table(&path, text)?));
        }
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|e| Error::BadRules {
                path: dir.into(),
                message: format!("cannot read the rules folder: {e}"),
            })?;
            let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for path in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let Some((_, (origin, base))) = tables.iter_mut().find(|(n, _)| **n == name) else {
                    let known: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
                    return Err(Error::BadRules {
                        path,
                        message: format!("not a rules file crosscheck knows; the names are {}", known.join(", ")),
                    });
                };
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| Error::BadRules { path: path.clone(), message: format!("cannot read: {e}") })?;
                let mut user = parse_table(&path, &text)?;
                let replace = match user.remove("replace") {
                    None => false,
                    Some(toml::Value::Boolean(b)) => b,
                    Some(_) => return Err(Error::BadRules { path, message: "`replace` must be true or false".into() }),
                };
                if replace {
                    *base = user;
                } else {
                    merge(base, user);
                }
                *origin = path;
            }
        }
        let get = |name: &str| tables.get(name).expect("every built-in rules file is in the table");
        let severity_file: SeverityFile = typed(get("severities.toml"))?;
        let mut severities = BTreeMap::new();
        for (id, level) in severity_file.severity {
            let path = &get("severities.toml").0;
            if !RULE_IDS.contains(&id.as_str()) {
                return Err(Error::BadRules {
                    path: path.clone(),
                    message: format!("unknown rule `{id}` in [severity]; the rules are {}", RULE_IDS.join(", ")),
                });
            }
            match level.as_str() {
                "off" => {}
                other => {
                    let s = Severity::parse(other).ok_or_else(|| Error::BadRules {
                        path: path.clone(),
                        message: format!("`{id}` has severity {other:?}; use conflict, warning, info or off"),
                    })?;
                    severities.insert(id, s);
                }
            }
        }
        let alias_file: AliasFile = typed(get("aliases.toml"))?;
        let title_file: TitleFile = typed(get("titles.toml"))?;
        let people = crate::extract::entities::PeopleRules {
            roles: title_file.role,
            demonyms: title_file.demonyms,
            names: title_file.names,
        };
        let rules = Rules {
            segment: typed(get("abbreviations.toml"))?,
            aliases: alias_file.alias,
            organisations: alias_file.organisations,
            people,
            places: typed(get("places.toml"))?,
            datelines: typed(get("datelines.toml"))?,
            dates: typed(get("dates.toml"))?,
            events: typed(get("events.toml"))?,
            numbers: typed(get("numbers.toml"))?,
            quantities: typed(get("quantities.toml"))?,
            polarity: typed(get("polarity.toml"))?,
            quotes: typed(get("quotes.toml"))?,
            timex: typed(get("timex.toml"))?,
            severities,
            titles: title_file.titles,
            words: typed(get("words.toml"))?,
            sources: typed(get("sources.toml"))?,
            group: typed::<GroupFile>(get("group.toml"))?.group,
        };
        crate::sources::Detector::new(&rules.sources)
            .map_err(|message| Error::BadRules { path: get("sources.toml").0.clone(), message })?;
        Ok(rules)
    }

    /// The severity configured for a rule, or `None` when it is off.
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        self.severities.get(rule).copied()
    }
}

fn parse_table(path: &Path, text: &str) -> Result<toml::Table, Error> {
    text.parse::<toml::Table>().map_err(|e| Error::BadRules { path: path.into(), message: one_line(&e.to_string()) })
}

fn typed<T: DeserializeOwned>((path, table): &(PathBuf, toml::Table)) -> Result<T, Error> {
    T::deserialize(toml::Value::Table(table.clone()))
        .map_err(|e| Error::BadRules { path: path.clone(), message: one_line(&e.to_string()) })
}

/// TOML errors come over several lines with a drawing; keep the gist.
fn one_line(message: &str) -> String {
    let mut lines = message.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("invalid TOML").trim_start_matches("TOML parse error ").to_string();
    let last = message.lines().map(str::trim).rfind(|l| !l.is_empty() && !l.contains('|') && !l.starts_with('^'));
    match last {
        Some(l) if l != first && !first.contains(l) => format!("{first}: {l}"),
        _ => first,
    }
}

/// Lists are extended, tables merged key by key, other values replaced.
fn merge(base: &mut toml::Table, user: toml::Table) {
    for (key, value) in user {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Array(a)), toml::Value::Array(b)) => a.extend(b),
            (Some(toml::Value::Table(a)), toml::Value::Table(b)) => merge(a, b),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_rules_load() {
        let rules = Rules::built_in().unwrap();
        assert!(rules.aliases.iter().any(|a| a.also.iter().any(|s| s == "SCO")));
        assert_eq!(rules.severity("date-conflict"), Some(Severity::Conflict));
    }

    #[test]
    fn user_rules_extend_and_replace() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("aliases.toml"),
            "[[alias]]\ncanonical = \"World Health Organization\"\nalso = [\"WHO\"]\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("severities.toml"), "[severity]\ndate-compatible = \"off\"\n").unwrap();
        let rules = Rules::load(Some(dir.path())).unwrap();
        assert!(rules.aliases.iter().any(|a| a.canonical == "World Health Organization"));
        assert!(rules.aliases.iter().any(|a| a.also.iter().any(|s| s == "SCO")));
        assert_eq!(rules.severity("date-compatible"), None, "the user turned it off");
        assert_eq!(rules.severity("date-conflict"), Some(Severity::Conflict), "a table merges key by key");

        std::fs::write(dir.path().join("severities.toml"), "replace = true\n[severity]\ndate-conflict = \"warning\"\n")
            .unwrap();
        let rules = Rules::load(Some(dir.path())).unwrap();
        assert_eq!(rules.severity("date-conflict"), Some(Severity::Warning));
        assert_eq!(rules.severity("date-compatible"), None);
    }

    #[test]
    fn bad_rules_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("aliases.toml"), "[[alias]]\ncanonical = 3\n").unwrap();
        let err = Rules::load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("aliases.toml"), "{err}");
        assert!(!err.contains('\n'), "{err}");

        std::fs::write(dir.path().join("aliases.toml"), "[[alias]\n").unwrap();
        let err = Rules::load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("aliases.toml") && err.contains("line 1"), "{err}");

        std::fs::remove_file(dir.path().join("aliases.toml")).unwrap();
        std::fs::write(dir.path().join("severities.toml"), "[severity]\ndate-typo = \"info\"\n").unwrap();
        let err = Rules::load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("unknown rule `date-typo`"), "{err}");

        std::fs::write(dir.path().join("colours.toml"), "").unwrap();
        let err = Rules::load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("colours.toml") && err.contains("not a rules file"), "{err}");
    }
}
