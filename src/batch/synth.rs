//! A synthetic day's feed, reproducible from a seed, for the batch
//! benchmark (`cargo bench --bench batch`) and the grouping tests.
//!
//! It lives in the library, not in the bench, because both the benchmark
//! and the tests score grouping on it, and a person can write one with
//! `BENCH_WRITE=feed.jsonl cargo bench --bench batch` to try `crosscheck
//! batch` by hand. It is test data, not a rule: nothing in the checker
//! reads it.
//!
//! `events` events of six kinds (earthquakes, fires, bus crashes, floods,
//! official visits, strikes), each told by 2 to 6 reports. Every event has
//! its own invented town, district, people, organisation and numbers; its
//! reports are built from templates with paraphrase (each fact in one of
//! several wordings, sentences reordered, some dropped, background
//! sentences added until the report is about `report_bytes` long) and
//! planted conflicts (one report gives another toll, day or figure). Hard
//! negatives are planted too: an event may share its town with an earlier
//! event of the same kind on the same day ("two earthquakes near one
//! town"), or its official with an earlier event ("the same minister at
//! two events"). The gold event of every report is returned for scoring.
//!
//! The generator is a SplitMix64 stream: the same seed and options give a
//! byte-identical feed.

use chrono::{Duration, NaiveDate};
use std::io::{self, Write};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many events.
    pub events: usize,
    /// The seed.
    pub seed: u64,
    /// About how long each report is, in bytes.
    pub report_bytes: usize,
    /// The day of the feed.
    pub day: NaiveDate,
}

impl Default for Options {
    fn default() -> Options {
        Options { events: 100, seed: 1, report_bytes: 3000, day: NaiveDate::from_ymd_opt(2025, 12, 4).expect("a date") }
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A stream from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One of the items.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Shuffles in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "ven", "mar", "dri", "sa", "tu", "bel", "or", "nik", "ras", "po", "lin", "gar", "zu", "mei", "hal",
    "dor", "qui", "fen", "ta", "rho", "mun", "se", "vik", "al", "bra", "os", "tel", "ko", "nu", "pel", "yar", "ith",
    "ba", "cor", "del", "eth", "fa", "gu", "hin", "jo", "kre", "lum", "mo", "nar", "pi", "quen", "ri", "sol", "tam",
    "ub", "vo", "wen", "xi", "yo", "zel", "an", "bo", "ci", "du", "ek", "fo", "gri",
];
const FIRST_NAMES: &[&str] = &[
    "Ana", "Ravi", "Lena", "Omar", "Mei", "Tomas", "Aisha", "Jonas", "Priya", "Kofi", "Elena", "Hassan", "Ines",
    "Yusuf", "Marta", "Kenji", "Sofia", "Daniel", "Amara", "Pavel", "Nadia", "Luis", "Farah", "Igor",
];
const ROLES: &[&str] = &["Governor", "Interior Minister", "Mayor", "Police Chief", "Health Minister", "Fire Chief"];
const OUTLETS: &[&str] = &[
    "Daily Ledger",
    "Coastal Times",
    "The Morning Post",
    "Metro Wire",
    "National Herald",
    "Valley Courier",
    "The Observer Desk",
    "Capital Express",
];
const VENUES: &[&str] = &["Hall", "Square", "Stadium", "Hospital", "Market", "Station"];
const ORG_SUFFIX: &[&str] = &["Holdings", "Transport", "Relief Society", "Workers Union", "Authority", "Group"];

/// One kind of event: a title, facts each in several wordings, and
/// background sentences. Slots: {town} {district} {region} {person} {role}
/// {org} {official} {witness} {venue} {outlet} {n1}..{n4} {x} {when}.
struct Kind {
    title: &'static [&'static str],
    facts: &'static [&'static [&'static str]],
    background: &'static [&'static str],
}

const KINDS: &[Kind] = &[
    Kind {
        title: &["Magnitude {x} earthquake strikes near {town}", "Strong quake hits {town}, {n1} dead"],
        facts: &[
            &[
                "A magnitude {x} earthquake struck near {town} in {region} {when}, killing at least {n1} people.",
                "At least {n1} people were killed when a {x}-magnitude quake hit the {region} town of {town} {when}.",
            ],
            &[
                "{role} {person} said {n2} people had been injured and taken to hospitals in {town}.",
                "Some {n2} people were hurt, according to {role} {person}.",
            ],
            &[
                "The quake was centred {n3} kilometres beneath the {district} district.",
                "Seismologists put the depth of the tremor at {n3} kilometres under {district}.",
            ],
            &[
                "Rescue teams from {org} were searching collapsed buildings in {district}.",
                "Crews of the {org} dug through the rubble of homes in {district}.",
            ],
            &[
                "\"We are doing everything we can to reach the trapped,\" {person} told reporters in {town}.",
                "\"Every team we have is in {district},\" {person} said.",
            ],
            &[
                "Aftershocks continued through the night around {town}.",
                "Residents of {town} slept outdoors for fear of aftershocks.",
            ],
        ],
        background: &[
            "Schools in {town} will remain closed while engineers inspect the buildings.",
            "The {region} region sits on an active fault line and has seen deadly quakes before.",
            "Power was cut to much of {district} and mobile networks were patchy.",
            "Volunteers handed out blankets and water at a stadium in {town}.",
            "The national disaster agency said it had sent tents and medical supplies to {region}.",
            "Local hospitals in {town} appealed for blood donors.",
        ],
    },
    Kind {
        title: &["Fire at {org} warehouse in {town} kills {n1}", "Blaze in {district} leaves {n1} dead"],
        facts: &[
            &[
                "A fire at a warehouse of {org} in the {district} area of {town} killed {n1} workers {when}.",
                "{n1} workers died when fire swept through a {org} warehouse in {town}'s {district} {when}.",
            ],
            &[
                "Firefighters needed {n3} hours to bring the blaze under control, {role} {person} said.",
                "It took {n3} hours to put the fire out, according to {role} {person}.",
            ],
            &[
                "{n2} people were treated for burns and smoke inhalation.",
                "Another {n2} were taken to hospital with burns.",
            ],
            &[
                "The cause of the fire at the {org} site is under investigation.",
                "Investigators have not yet said how the fire at the {org} warehouse started.",
            ],
            &[
                "\"The building had no working sprinklers,\" said {person}.",
                "{person} said the warehouse lacked working sprinklers.",
            ],
            &[
                "The warehouse stored textiles and plastics, {org} said.",
                "Plastics and fabric stored inside fed the flames, the company said.",
            ],
        ],
        background: &[
            "Thick black smoke could be seen across {town} for most of the afternoon.",
            "Residents of {district} were told to keep their windows closed.",
            "Labour groups in {region} have long complained about safety at warehouses.",
            "The company said it would cooperate fully with the inquiry.",
            "Traffic around {district} was diverted while crews worked at the scene.",
            "Relatives gathered outside the hospital in {town} waiting for news.",
        ],
    },
    Kind {
        title: &["Bus plunges off road near {town}, {n1} killed", "{n1} dead in {region} bus crash"],
        facts: &[
            &[
                "A bus operated by {org} plunged into a gorge near {town} {when}, killing {n1} passengers.",
                "{n1} passengers died when a {org} bus fell into a gorge outside {town} {when}.",
            ],
            &[
                "The bus was carrying {n2} people from {town} to {district}, {role} {person} said.",
                "There were {n2} people on board, travelling from {town} to {district}, according to {role} {person}.",
            ],
            &[
                "The vehicle fell about {n3} metres down the slope.",
                "It dropped some {n3} metres before coming to rest in the river bed.",
            ],
            &[
                "Police said the driver may have lost control on a sharp bend.",
                "The driver appears to have lost control on a bend, police said.",
            ],
            &[
                "\"The road there is narrow and has no barriers,\" {person} said.",
                "{person} said the stretch of road had no crash barriers.",
            ],
            &[
                "The injured were taken to the district hospital in {district}.",
                "Survivors were being treated in {district}.",
            ],
        ],
        background: &[
            "Road accidents are common in the hills of {region}, where roads are poorly maintained.",
            "Rain had made the road near {town} slippery, residents said.",
            "The {org} company did not respond to requests for comment.",
            "Soldiers joined the rescue, lowering stretchers down the slope with ropes.",
            "The government announced compensation for the families of the dead.",
            "A similar crash on the same road killed several people two years ago.",
        ],
    },
    Kind {
        title: &["Floods in {region} displace {n2}", "Heavy rain floods {town}, {n1} dead"],
        facts: &[
            &[
                "Floods caused by days of heavy rain killed {n1} people in {region} {when}.",
                "At least {n1} people died in floods in {region} after days of rain, officials said {when}.",
            ],
            &[
                "More than {n2} residents of {town} were moved to shelters.",
                "Some {n2} people in {town} had to leave their homes.",
            ],
            &[
                "The {district} river rose {x} metres above its danger mark.",
                "Water in the {district} river stood {x} metres over the danger level.",
            ],
            &[
                "{role} {person} said the army had been called in to help with evacuations.",
                "The army was deployed to evacuate residents, {role} {person} said.",
            ],
            &[
                "\"We have never seen water this high in {town},\" said {person}.",
                "{person} said water levels in {town} were the highest on record.",
            ],
            &[
                "Relief supplies from {org} reached {town} by boat.",
                "Boats of the {org} brought food and water to {town}.",
            ],
        ],
        background: &[
            "Forecasters expect more rain over {region} in the coming days.",
            "Schools in {town} have been turned into shelters.",
            "Farmers in {district} fear their crops are lost.",
            "Roads linking {town} to the rest of {region} were cut off.",
            "Officials warned residents against drinking floodwater.",
            "The weather office issued a red alert for the whole region.",
        ],
    },
    Kind {
        title: &["{role} {person} visits {town}", "{person} opens new {org} plant in {town}"],
        facts: &[
            &[
                "{role} {person} visited {town} {when} to open a new plant built by {org}.",
                "{when_cap}, {role} {person} opened a {org} plant in {town}.",
            ],
            &[
                "The plant cost {n2} million dollars and will employ {n1} people.",
                "Built for {n2} million dollars, the factory is to create {n1} jobs.",
            ],
            &[
                "{person} said the {district} industrial zone would get {n3} new factories by next year.",
                "{n3} more factories are planned for the {district} zone, {person} said.",
            ],
            &[
                "\"This is a new start for {town},\" {person} told the crowd.",
                "\"{town} is open for business,\" {person} said.",
            ],
            &[
                "Protesters from a local farmers' group gathered outside the {district} site.",
                "A small group of farmers protested at the gates of the {district} site.",
            ],
            &[
                "It was {person}'s first visit to {region} since taking office.",
                "{person} had not been to {region} since taking office.",
            ],
        ],
        background: &[
            "The region has struggled with unemployment since its mines closed.",
            "Local business leaders welcomed the investment.",
            "Security was tight in {town} for the visit.",
            "Opposition politicians said the project had been rushed through.",
            "The {org} company already runs two plants elsewhere in {region}.",
            "Roads around {district} were closed for the ceremony.",
        ],
    },
    Kind {
        title: &["{org} workers strike in {town}", "Strike halts {org} in {region}"],
        facts: &[
            &[
                "Thousands of workers of {org} in {town} went on strike {when} over pay.",
                "{org} staff in {town} walked out {when} in a dispute over wages.",
            ],
            &[
                "The union is demanding a pay rise of {x} percent, {role} {person} said.",
                "Union members want {x} percent more pay, according to {role} {person}.",
            ],
            &[
                "About {n1} workers joined the strike at the {district} depot.",
                "Some {n1} workers stayed away from the {district} depot.",
            ],
            &[
                "The company said the strike would cost it {n2} thousand dollars a day.",
                "Management put the daily cost of the strike at {n2} thousand dollars.",
            ],
            &[
                "\"We will not go back until the offer is fair,\" said {person}.",
                "{person} said workers would stay out until they got a fair offer.",
            ],
            &[
                "Talks between {org} and the union are to resume in {n3} days.",
                "The two sides are due to meet again in {n3} days.",
            ],
        ],
        background: &[
            "Commuters in {town} faced long queues and delays.",
            "The last strike at the company, two years ago, lasted a week.",
            "Business groups in {region} urged both sides to settle quickly.",
            "Pickets gathered outside the {district} depot at dawn.",
            "The labour ministry offered to mediate.",
            "Prices have risen sharply in {region} this year, eroding wages.",
        ],
    },
];

/// Background sentences any kind of event may carry, with people and
/// places of the event's own.
const GENERIC: &[&str] = &[
    "{official}, a spokesperson for the {region} administration, said more details would be released later.",
    "{witness}, who lives near the {venue} in {town}, said the street had been sealed off by police.",
    "Television pictures from the {venue} showed crowds waiting behind police tape.",
    "The {region} administration has set up a helpline and said {n4} calls had been received so far.",
    "{witness} told the {outlet} that \"nobody expected this to happen here\".",
    "An emergency meeting was held at the {venue} in the evening, {official} said.",
];

/// A generated event.
#[derive(Debug, Clone)]
struct Event {
    kind: usize,
    town: String,
    district: String,
    region: String,
    person: String,
    role: &'static str,
    org: String,
    official: String,
    witness: String,
    venue: String,
    n: [u64; 4],
    x: String,
    date: NaiveDate,
}

fn name(rng: &mut Rng, syllables: usize) -> String {
    let mut s = String::new();
    for _ in 0..syllables {
        s.push_str(rng.pick::<&str>(SYLLABLES));
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// Writes the feed as JSON Lines to `out` and returns the gold event of
/// every report, in feed order.
pub fn write(options: &Options, out: &mut dyn Write) -> io::Result<Vec<usize>> {
    let mut rng = Rng::new(options.seed);
    let regions: Vec<String> = (0..(options.events / 8).max(4)).map(|_| name(&mut rng, 3)).collect();
    let mut events: Vec<Event> = Vec::with_capacity(options.events);
    for e in 0..options.events {
        let kind = rng.below(KINDS.len());
        let mut event = Event {
            kind,
            town: name(&mut rng, 3),
            district: name(&mut rng, 3),
            region: rng.pick(&regions).clone(),
            person: format!("{} {}", rng.pick(FIRST_NAMES), name(&mut rng, 3)),
            role: rng.pick::<&str>(ROLES),
            org: format!("{} {}", name(&mut rng, 3), rng.pick(ORG_SUFFIX)),
            official: format!("{} {}", rng.pick(FIRST_NAMES), name(&mut rng, 3)),
            witness: format!("{} {}", rng.pick(FIRST_NAMES), name(&mut rng, 3)),
            venue: format!("{} {}", name(&mut rng, 3), rng.pick(VENUES)),
            n: [rng.range(3, 400), rng.range(20, 3000), rng.range(2, 60), rng.range(100, 9000)],
            x: format!("{}.{}", rng.range(2, 9), rng.range(0, 9)),
            date: options.day - Duration::days(rng.below(2) as i64),
        };
        // Hard negatives: another event of the day with the same town (and
        // kind), or the same official.
        if e > 0 && rng.chance(0.15) {
            let other = &events[rng.below(e)];
            event.town = other.town.clone();
            event.region = other.region.clone();
            event.kind = other.kind;
            event.date = other.date;
        } else if e > 0 && rng.chance(0.15) {
            let other = &events[rng.below(e)];
            event.person = other.person.clone();
            event.role = other.role;
            event.date = other.date;
        }
        events.push(event);
    }
    // Reports, interleaved over the day.
    let mut reports: Vec<(usize, usize)> = Vec::new();
    for (e, _) in events.iter().enumerate() {
        let count = rng.range(2, 6) as usize;
        for k in 0..count {
            reports.push((e, k));
        }
    }
    rng.shuffle(&mut reports);
    let mut gold = Vec::with_capacity(reports.len());
    for (i, &(e, k)) in reports.iter().enumerate() {
        let line = report(&mut rng, &events[e], k, i, options);
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        gold.push(e);
    }
    Ok(gold)
}

fn report(rng: &mut Rng, event: &Event, k: usize, i: usize, options: &Options) -> String {
    let kind = &KINDS[event.kind];
    let published = if rng.chance(0.3) { event.date + Duration::days(1) } else { event.date };
    let mut e = event.clone();
    // Planted conflicts: a later report gives another figure or day.
    if k > 0 && rng.chance(0.3) {
        match rng.below(3) {
            0 => e.n[0] += rng.range(1, 9),
            1 => e.date -= Duration::days(1),
            _ => e.n[1] += rng.range(10, 200),
        }
    }
    let when = match (published - e.date).num_days() {
        0 => format!("on {}", e.date.format("%A")),
        1 => "yesterday".to_string(),
        _ => format!("on {}", e.date.format("%B %-d")),
    };
    let outlet = *rng.pick::<&str>(OUTLETS);
    let fill = |template: &str| -> String {
        template
            .replace("{when_cap}", &capitalise(&when))
            .replace("{when}", &when)
            .replace("{town}", &e.town)
            .replace("{district}", &e.district)
            .replace("{region}", &e.region)
            .replace("{person}", &e.person)
            .replace("{role}", e.role)
            .replace("{org}", &e.org)
            .replace("{n1}", &e.n[0].to_string())
            .replace("{n2}", &e.n[1].to_string())
            .replace("{n3}", &e.n[2].to_string())
            .replace("{n4}", &e.n[3].to_string())
            .replace("{official}", &e.official)
            .replace("{witness}", &e.witness)
            .replace("{venue}", &e.venue)
            .replace("{outlet}", outlet)
            .replace("{x}", &e.x)
    };
    let mut sentences: Vec<String> = Vec::new();
    for (f, wordings) in kind.facts.iter().enumerate() {
        if f == 0 || rng.chance(0.85) {
            sentences.push(fill(rng.pick::<&str>(wordings)));
        }
    }
    let lead = sentences.remove(0);
    rng.shuffle(&mut sentences);
    let mut background: Vec<&str> = kind.background.iter().chain(GENERIC).copied().collect();
    rng.shuffle(&mut background);
    let mut paragraphs: Vec<String> = vec![lead];
    let mut length = paragraphs[0].len();
    let mut facts = sentences.into_iter();
    let mut extra = background.into_iter().cycle().enumerate();
    while length < options.report_bytes {
        let next = match facts.next() {
            Some(s) => s,
            None => {
                let (n, b) = extra.next().expect("a cycle never ends");
                if n >= 6 * (kind.background.len() + GENERIC.len()) {
                    break;
                }
                let b = fill(b);
                // Past the first round, background comes with a figure of
                // its own so that no paragraph repeats.
                if n >= kind.background.len() + GENERIC.len() {
                    format!("{} Update {} of the day's coverage.", b, n + 1)
                } else {
                    b
                }
            }
        };
        length += next.len() + 2;
        paragraphs.push(next);
    }
    let title = fill(rng.pick::<&str>(kind.title));
    let source = outlet;
    let text = format!("{} - {}", published.format("%b %-d, %Y"), paragraphs.join("\n\n"));
    serde_json::json!({
        "id": format!("r{i:05}"),
        "title": title,
        "source": source,
        "url": format!("https://example.org/{}/{}", published.format("%Y/%m/%d"), i),
        "published": published.to_string(),
        "text": text,
    })
    .to_string()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_feed() {
        let options = Options { events: 5, ..Options::default() };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let gold_a = write(&options, &mut a).unwrap();
        let gold_b = write(&options, &mut b).unwrap();
        assert_eq!((a.clone(), gold_a.clone()), (b, gold_b));
        let mut c = Vec::new();
        write(&Options { seed: 2, ..options }, &mut c).unwrap();
        assert_ne!(a, c);
        let lines = String::from_utf8(a).unwrap();
        assert_eq!(lines.lines().count(), gold_a.len());
        assert!((10..=30).contains(&gold_a.len()), "2-6 reports for each of 5 events: {}", gold_a.len());
        for line in lines.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(v["text"].as_str().unwrap().len() > 1500, "{line}");
        }
    }
}
