//! No input makes the pipeline panic, and every span it reports lies on
//! char boundaries of the original file.

use crosscheck::rules::Rules;
use crosscheck::{document, Checker};
use proptest::prelude::*;
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(&Rules::built_in().unwrap()).unwrap())
}

/// Text that looks like news often enough to reach every stage.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Dec 4, 2025",
        "\n",
        "\n\n",
        "- Updated Dec 4, 2025 11:18 PM IST\n",
        "New Delhi [India], December 4 : ",
        "WASHINGTON (AP) — ",
        "The leaders met",
        " on Thursday",
        " in June 2025",
        " September 1 this year",
        " last month",
        "’s",
        " the SCO Summit",
        " Shanghai Cooperation Organisation",
        "“",
        "”",
        "\"",
        ". ",
        "…",
        "...",
        " Gen. ",
        " U.S. ",
        " 22nd",
        " two-day",
        " since 2021",
        " in 2022",
        " May",
        " We",
        ",",
        " which",
        " will meet on Friday",
        "é",
        "e\u{301}",
        "\u{a0}",
        "—",
        " 1,200",
        " 3.5%",
        "(",
        ")",
        "[",
        "]",
        " No. 5",
        " 🎉",
        "\t",
        "\r\n",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn check_spans(raw_texts: &[String], run: &crosscheck::Run) {
    for s in &run.sentences {
        let raw = &raw_texts[s.doc];
        assert!(s.span.start <= s.span.end && s.span.end <= raw.len());
        assert!(raw.is_char_boundary(s.span.start) && raw.is_char_boundary(s.span.end));
    }
    for c in &run.claims {
        let raw = &raw_texts[c.doc];
        assert!(c.span.end <= raw.len() && c.span.start <= c.span.end);
        assert!(raw.is_char_boundary(c.span.start) && raw.is_char_boundary(c.span.end));
        let sentence = run.sentences[c.sentence].span;
        assert!(sentence.contains(&c.span), "claim inside its sentence");
    }
    let mut out = Vec::new();
    crosscheck::report::write(crosscheck::report::Format::Json, run, &mut out).unwrap();
    crosscheck::report::write(crosscheck::report::Format::Text, run, &mut out).unwrap();
    crosscheck::report::write(crosscheck::report::Format::Html, run, &mut out).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(a in any::<String>(), b in newsy()) {
        let mut docs = Vec::new();
        let mut raws = Vec::new();
        for (i, text) in [a, b].into_iter().enumerate() {
            if let Ok(d) = document::from_bytes(format!("{i}.txt").as_ref(), text.into_bytes(), docs.len()) {
                raws.push(d.raw.clone());
                docs.push(d);
            }
        }
        let run = checker().analyse(docs);
        check_spans(&raws, &run);
    }

    #[test]
    fn newsy_pairs_never_panic(a in newsy(), b in newsy()) {
        let docs: Vec<_> = [a, b].into_iter().enumerate()
            .filter_map(|(i, t)| document::from_bytes(format!("{i}.md").as_ref(), t.into_bytes(), i).ok())
            .collect();
        let raws: Vec<String> = docs.iter().map(|d| d.raw.clone()).collect();
        let run = checker().analyse(docs);
        check_spans(&raws, &run);
    }

    #[test]
    fn arbitrary_bytes_are_rejected_or_read(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = document::from_bytes("x.txt".as_ref(), bytes.clone(), 0);
        let _ = document::from_bytes("x.json".as_ref(), bytes, 0);
    }

    #[test]
    fn json_documents_map_spans_into_the_file(text in newsy(), id in "[a-z]{0,8}") {
        let raw = serde_json::json!({"id": id, "published": "2025-12-04", "text": text}).to_string();
        if let Ok(d) = document::from_bytes("x.json".as_ref(), raw.clone().into_bytes(), 0) {
            let run = checker().analyse(vec![d]);
            check_spans(&[raw], &run);
        }
    }
}
