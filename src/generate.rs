//! Synthetic memos from a seed, for benchmarks and property tests: the shape of a real
//! coalition memo (findings with evidence and quotes, recommendations, many signatories
//! with accented names) in text that is made up word by word.

use std::fmt::Write as _;

use crate::model::{
    Assessment, Finding, FindingId, Memo, Placement, Quote, QuoteId, Recipient, RecipientId,
    Recommendation, RecommendationId, SignOnStatus, Signatory,
};

const WORDS: &[&str] = &[
    "the",
    "coalition",
    "documented",
    "cases",
    "in",
    "which",
    "authorities",
    "failed",
    "to",
    "investigate",
    "complaints",
    "of",
    "arbitrary",
    "detention",
    "and",
    "enforced",
    "disappearance",
    "during",
    "review",
    "period",
    "families",
    "reported",
    "that",
    "prosecutors",
    "transferred",
    "files",
    "between",
    "offices",
    "without",
    "notice",
    "while",
    "protection",
    "measures",
    "arrived",
    "late",
    "or",
    "not",
    "at",
    "all",
    "official",
    "data",
    "show",
    "percent",
    "more",
    "requests",
    "than",
    "last",
    "year",
    "yet",
    "budget",
    "for",
    "forensic",
    "services",
    "fell",
    "real",
    "terms",
    "interviews",
    "with",
    "defenders",
    "journalists",
    "describe",
    "consistent",
    "pattern",
    "reprisals",
    "after",
    "public",
    "statements",
    "municipal",
    "state",
    "federal",
    "forces",
    "accountability",
    "certification",
    "assistance",
    "Potosí",
    "Juárez",
    "Michoacán",
    "Querétaro",
    "Tamaulipas",
    "Ecatepec",
    "investigación",
];
const PLACES: &[(&str, &str)] = &[
    ("Ciudad de México", "Mexico"),
    ("Tlapa de Comonfort", "Mexico"),
    ("San Cristóbal de las Casas", "Mexico"),
    ("Oaxaca de Juárez", "Mexico"),
    ("Mérida", "Mexico"),
    ("Torreón", "Mexico"),
    ("Washington, D.C.", "United States"),
    ("El Paso", "United States"),
    ("Tucson", "United States"),
    ("San Antonio", "United States"),
];
const ORG_HEADS: &[&str] = &[
    "Centro de Derechos Humanos",
    "Colectivo",
    "Red",
    "Fundación",
    "Observatorio Ciudadano",
    "Asociación",
    "Comité de Familiares",
    "Human Rights Project",
    "Legal Defense Fund",
    "Council on Latin America",
];
const ORG_TAILS: &[&str] = &[
    "Agustín Pro Juárez",
    "de la Montaña",
    "Ñuu Savi",
    "Búsqueda y Memoria",
    "de Mujeres Indígenas",
    "Frontera Norte",
    "por la Verdad y la Justicia",
    "Tlachinollan",
    "del Sureste",
    "Paso del Norte",
];

/// Makes a memo with `findings` findings (each with evidence and a quote), as many
/// recommendations, and `signatories` signatories, all from `seed`.
pub fn memo(seed: u64, findings: usize, signatories: usize) -> Memo {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut memo = Memo {
        to: vec![
            Recipient { id: RecipientId(1), name: "Hon. Secretary of State".into(), organization: "U.S. Department of State".into(), ..Default::default() },
            Recipient { id: RecipientId(2), name: "Chair".into(), title: "Subcommittee on the Western Hemisphere".into(), organization: "U.S. House of Representatives".into() },
        ],
        from: "Coalición Binacional por la Justicia y la Rendición de Cuentas".into(),
        date: Some(jiff::civil::date(2026, 3, 3)),
        subject: "Assessment of the human rights conditions attached to security assistance, fiscal year 2026".into(),
        introduction: format!("{}\n\n{}", paragraph(&mut rng, 5..6), paragraph(&mut rng, 3..4)),
        signatories_intro: format!("The following {signatories} organizations endorse this memo."),
        ..Default::default()
    };
    for i in 0..findings {
        let id = FindingId(u32::try_from(i + 1).unwrap_or(u32::MAX));
        let paragraphs = rng.usize(2..4);
        let evidence = (0..paragraphs)
            .map(|_| paragraph(&mut rng, 4..7))
            .collect::<Vec<_>>()
            .join("\n\n");
        memo.findings.push(Finding {
            id,
            title: sentence(&mut rng, 4..9).trim_end_matches('.').to_owned(),
            assessment: Assessment::ALL[rng.usize(..Assessment::ALL.len())],
            evidence,
        });
        memo.quotes.push(Quote {
            id: QuoteId(id.0),
            text: sentence(&mut rng, 14..30),
            attribution: format!(
                "Relative of a victim, {}",
                PLACES[rng.usize(..PLACES.len())].0
            ),
            source_title: "Interview with coalition staff".into(),
            url: if rng.bool() {
                format!("https://example.org/testimony/{}", i + 1)
            } else {
                String::new()
            },
            date: "May 2025".into(),
            placement: Placement::Finding(id),
        });
        memo.recommendations.push(Recommendation {
            id: RecommendationId(id.0),
            text: sentence(&mut rng, 15..30),
            addressee: String::new(),
        });
    }
    for i in 0..signatories {
        let (city, country) = PLACES[rng.usize(..PLACES.len())];
        memo.signatories.push(Signatory {
            organization: format!(
                "{} {} {}",
                ORG_HEADS[rng.usize(..ORG_HEADS.len())],
                ORG_TAILS[rng.usize(..ORG_TAILS.len())],
                i + 1
            ),
            city: city.into(),
            country: country.into(),
            status: SignOnStatus::Confirmed,
            lead: i < 2,
            ..Default::default()
        });
    }
    memo
}

fn sentence(rng: &mut fastrand::Rng, words: std::ops::Range<usize>) -> String {
    let words = rng.usize(words);
    let mut s = String::new();
    for i in 0..words {
        let w = WORDS[rng.usize(..WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
        if i > 3 && i + 2 < words && rng.u8(..12) == 0 {
            s.push(',');
        }
    }
    if rng.u8(..5) == 0 {
        let _ = write!(s, " in {} cases", rng.u32(2..2000));
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut fastrand::Rng, sentences: std::ops::Range<usize>) -> String {
    let n = rng.usize(sentences);
    (0..n)
        .map(|_| sentence(rng, 12..28))
        .collect::<Vec<_>>()
        .join(" ")
}
