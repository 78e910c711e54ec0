//! crosscheck reads several reports of one event and reports, with
//! evidence, where their facts conflict.
//!
//! ```text
//!  paths ──load──▶ Document ──segment──▶ Sentence ──extract──▶ Claim
//!                  (original bytes,       (byte spans,          (date/number,
//!                   normalised copy,       repeats marked)       value, subject)
//!                   publication date)                               │
//!                                                                   ▼
//!  report ◀──────── Finding ◀────────compare──────── SentencePair ◀─align
//!  (text, json)     (claims, subject,                (IDF-weighted
//!                    reason, fingerprint)             term overlap)
//! ```
//!
//! Every stage is a module with one output type; stages talk only through
//! those types. Every span is a byte range into the file the user gave.
//! After analysis and before rendering, a [`baseline`] may mark findings an
//! editor accepted as suppressed; [`report`] renders text, JSON, JSON Lines,
//! SARIF and GitHub annotations.
//!
//! # Example
//! ```
//! use crosscheck::{analyse, document, rules::Rules};
//! let a = document::from_bytes("a.txt".as_ref(),
//!     b"Dec 4, 2025\nThe leaders met at the SCO Summit in Tianjin in June 2025.".to_vec(), 0).unwrap();
//! let b = document::from_bytes("b.txt".as_ref(),
//!     b"Dec 4, 2025\nThe leaders last met on September 1 this year at the SCO Summit in Tianjin.".to_vec(), 1).unwrap();
//! let run = analyse(vec![a, b], &Rules::built_in().unwrap()).unwrap();
//! assert_eq!(run.findings.len(), 1);
//! assert_eq!(run.findings[0].rule, "date-conflict");
//! ```

#![deny(missing_docs)]

pub mod align;
pub mod baseline;
pub mod batch;
pub mod calendar;
pub mod compare;
pub mod document;
pub mod error;
pub mod eval;
pub mod extract;
pub mod normalize;
pub mod pattern;
pub mod report;
pub mod rules;
pub mod segment;
pub mod sources;
pub mod span;
pub mod terms;
pub mod timex;

pub use error::Error;

use align::SentencePair;
use chrono::NaiveDate;
use compare::{Finding, Tally};
use document::{DateSource, Document};
use extract::Claim;
use rules::Rules;
use segment::Sentence;
use std::path::PathBuf;

/// A report file to check, with an optional publication date from the user.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// `--published FILE=DATE`: overrides whatever the file says.
    pub published: Option<NaiveDate>,
}

/// Everything a check found out: the output of every stage.
#[derive(Debug, Default)]
pub struct Run {
    /// The reports that could be read, in the order given.
    pub documents: Vec<Document>,
    /// Their sentences, document by document.
    pub sentences: Vec<Sentence>,
    /// Their claims, sentence by sentence.
    pub claims: Vec<Claim>,
    /// Sentences that speak of the same thing.
    pub pairs: Vec<SentencePair>,
    /// What an editor should look at, ordered by document and position.
    pub findings: Vec<Finding>,
    /// How every comparison ended.
    pub tally: Tally,
    /// Inputs that could not be read. The others are still checked.
    pub errors: Vec<Error>,
    /// Reports that copy passages of others, by copier then source.
    pub copies: Vec<sources::Copy>,
    /// Per document, its group of reports connected by copying
    /// ([`sources::independent_groups`]): corroboration counts groups.
    pub groups: Vec<usize>,
    /// Per document, the credit lines it carries ("With inputs from ANI").
    pub credits: Vec<Vec<sources::Credit>>,
    /// Facts that two or more reports state alike (claims that agreed),
    /// with how many independent reports stand behind each.
    pub corroborations: Vec<compare::Corroboration>,
}

/// Loads the inputs and checks them. A file that cannot be read is listed
/// in [`Run::errors`] and the others are still checked; only bad rules stop
/// the run.
pub fn check(inputs: &[Input], rules: &Rules) -> Result<Run, Error> {
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match document::load(&input.path, documents.len()) {
            Ok(mut doc) => {
                if let Some(date) = input.published {
                    doc.published = Some(date);
                    doc.published_from = DateSource::Flag;
                    doc.published_note = "from --published".into();
                }
                documents.push(doc);
            }
            Err(e) => errors.push(e),
        }
    }
    let mut run = analyse(documents, rules)?;
    run.errors = errors;
    Ok(run)
}

/// Runs the pipeline over documents already loaded. Compiles the rules
/// first; to check many runs with the same rules, build a [`Checker`] once.
pub fn analyse(documents: Vec<Document>, rules: &Rules) -> Result<Run, Error> {
    Ok(Checker::new(rules)?.analyse(documents))
}

/// The rules of a run compiled once: the extractors, the dateline matchers
/// and the lexicon. Reuse it for every run that uses the same rules.
#[derive(Debug)]
pub struct Checker {
    rules: Rules,
    extractor: extract::Extractor,
    datelines: document::Datelines,
    lexicon: terms::Lexicon,
    sources: sources::Detector,
    quotes: compare::quotes::Comparer,
}

impl Checker {
    /// Compiles the rules.
    pub fn new(rules: &Rules) -> Result<Checker, Error> {
        let extractor = extract::Extractor::new(rules)?;
        let datelines = document::Datelines::new(&rules.datelines)
            .map_err(|message| Error::BadRules { path: "rules/datelines.toml".into(), message })?;
        let lexicon = terms::Lexicon::new(rules);
        let sources = sources::Detector::new(&rules.sources)
            .map_err(|message| Error::BadRules { path: "rules/sources.toml".into(), message })?;
        let quotes = compare::quotes::Comparer::new(rules);
        Ok(Checker { rules: rules.clone(), extractor, datelines, lexicon, sources, quotes })
    }

    /// Runs the pipeline over documents already loaded.
    pub fn analyse(&self, documents: Vec<Document>) -> Run {
        self.analyse_timed(documents, &mut Stages::default())
    }

    /// Extracts claims; in a run of several documents, one document per
    /// rayon task, each extracted as a run of its own. Claims are listed by
    /// sentence and never depend on another document, so the per-document
    /// lists, shifted back to the run's document and sentence numbers and
    /// joined in document order, are exactly the list of one pass over the
    /// run (the fixtures' reports are byte-identical).
    fn extract(&self, documents: &[Document], sentences: &[Sentence]) -> Vec<Claim> {
        use rayon::prelude::*;
        let lexicon = &self.lexicon;
        if documents.len() < 2 {
            return extract::extract(documents, sentences, &self.extractor, lexicon);
        }
        // Sentences come document by document: one range each.
        let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            match ranges.last_mut() {
                Some(r) if sentences[r.start].doc == s.doc => r.end = i + 1,
                _ => ranges.push(i..i + 1),
            }
        }
        let parts: Vec<Vec<Claim>> = ranges
            .into_par_iter()
            .map(|r| {
                // The document alone, as document 0: quotations and names
                // are found over a whole document, once.
                let d = sentences[r.start].doc;
                let own: Vec<Sentence> =
                    sentences[r.clone()].iter().map(|s| Sentence { doc: 0, ..s.clone() }).collect();
                let mut claims = extract::extract(&documents[d..=d], &own, &self.extractor, lexicon);
                for c in &mut claims {
                    c.sentence += r.start;
                    c.doc = d;
                }
                claims
            })
            .collect();
        let mut claims: Vec<Claim> = parts.into_iter().flatten().collect();
        for (i, c) in claims.iter_mut().enumerate() {
            c.id = i;
        }
        claims
    }

    /// Runs the pipeline over documents already loaded, adding the time
    /// each stage took to `stages`.
    pub fn analyse_timed(&self, mut documents: Vec<Document>, stages: &mut Stages) -> Run {
        let (rules, lexicon) = (&self.rules, &self.lexicon);
        let clock = std::time::Instant::now();
        for (i, doc) in documents.iter_mut().enumerate() {
            doc.index = i;
            // Batch mode prepared it once already, to group it.
            if !doc.prepared {
                document::prepare(doc, self.extractor.dates(), &self.datelines);
            }
        }
        document::complete_years(&mut documents);
        let credits: Vec<Vec<sources::Credit>> = documents.iter().map(|d| self.sources.credits(d)).collect();
        let copies = self.sources.copies_credited(&documents, &credits);
        let groups = sources::independent_groups(documents.len(), &copies);
        let clock = stages.lap(clock, |s| &mut s.prepare);
        let sentences = segment::segment(&documents, &rules.segment);
        let clock = stages.lap(clock, |s| &mut s.segment);
        let claims = self.extract(&documents, &sentences);
        let clock = stages.lap(clock, |s| &mut s.extract);
        let alignment = align::align(&documents, &sentences, &claims, lexicon);
        let clock = stages.lap(clock, |s| &mut s.align);
        let (findings, tally, corroborations) = compare::compare(&compare::Input {
            docs: &documents,
            sentences: &sentences,
            claims: &claims,
            alignment: &alignment,
            rules,
            lexicon,
            quantities: self.extractor.quantities(),
            measure: self.extractor.measure(),
            gazetteer: self.extractor.entities().gazetteer(),
            groups: &groups,
            quotes: &self.quotes,
            local_offset: compare::local_offset(&documents, &claims),
        });
        stages.lap(clock, |s| &mut s.compare);
        Run {
            documents,
            sentences,
            claims,
            pairs: alignment.pairs,
            findings,
            tally,
            errors: Vec::new(),
            copies,
            groups,
            credits,
            corroborations,
        }
    }
}

/// Time spent in each stage of [`Checker::analyse_timed`], summed over the
/// runs it timed (over every thread that ran one).
#[derive(Debug, Clone, Copy, Default)]
pub struct Stages {
    /// Paragraphs, datelines and publication dates; copies and credit lines.
    pub prepare: std::time::Duration,
    /// Sentence splitting.
    pub segment: std::time::Duration,
    /// Claim extraction.
    pub extract: std::time::Duration,
    /// Sentence alignment.
    pub align: std::time::Duration,
    /// Claim comparison.
    pub compare: std::time::Duration,
}

impl Stages {
    /// Adds the time since `since` to the stage `field` picks; returns now.
    fn lap(
        &mut self,
        since: std::time::Instant,
        field: impl FnOnce(&mut Stages) -> &mut std::time::Duration,
    ) -> std::time::Instant {
        let now = std::time::Instant::now();
        *field(self) += now - since;
        now
    }

    /// Adds another tally of stages to this one.
    pub fn add(&mut self, other: &Stages) {
        self.prepare += other.prepare;
        self.segment += other.segment;
        self.extract += other.extract;
        self.align += other.align;
        self.compare += other.compare;
    }
}

#[cfg(test)]
mod sync_tests {
    /// A batch shares one checker between threads.
    #[test]
    fn checker_is_sync_and_send() {
        fn shared<T: Sync + Send>() {}
        shared::<super::Checker>();
    }
}
