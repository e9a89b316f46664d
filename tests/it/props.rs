//! Property tests: any memo round-trips through a draft file; any memo lays out inside
//! its margins, without overlapping lines, printing each confirmed signatory once.

use std::collections::BTreeSet;

use memodraft::fonts::Fonts;
use memodraft::layout::{Item, layout};
use memodraft::model::*;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-ZáéíóúñÑÁÉ ,.;:()'\"\\-]{0,60}",
        1 => any::<String>(),
        1 => "[\\PC\n\t\\\\\"#]{0,40}",
        // Arabic and Hebrew with digits (Western and Arabic-Indic) and brackets, in
        // Latin text: the cases of the bidi algorithm.
        1 => "[ابتجدرسعلمنهوي אבגדמשת0-9٠-٩ ()\\[\\]<>a-z]{0,40}",
    ]
}

fn recipient() -> impl Strategy<Value = Recipient> {
    (text(), text(), text()).prop_map(|(name, title, organization)| Recipient {
        name,
        title,
        organization,
        ..Recipient::default()
    })
}

fn signatory() -> impl Strategy<Value = Signatory> {
    (
        text(),
        text(),
        text(),
        0..5u8,
        any::<bool>(),
        proptest::option::of((1990..2100i16, 1..13i8, 1..29i8)),
    )
        .prop_map(
            |(organization, short_name, city, status, lead, signed)| Signatory {
                organization,
                short_name,
                city,
                country: "México".into(),
                status: [
                    SignOnStatus::Invited,
                    SignOnStatus::Confirmed,
                    SignOnStatus::Declined,
                    SignOnStatus::Withdrawn,
                    SignOnStatus::Received,
                ][usize::from(status)],
                lead,
                signed: signed.map(|(y, m, d)| jiff::civil::date(y, m, d)),
                ..Default::default()
            },
        )
}

prop_compose! {
    fn memo()(
        to in proptest::collection::vec(recipient(), 0..4),
        cc in proptest::collection::vec(recipient(), 0..2),
        subject in text(),
        introduction in text(),
        findings in proptest::collection::vec((text(), text(), 0..4usize), 0..5),
        quotes in proptest::collection::vec((text(), text(), text(), proptest::option::of(0..5u32)), 0..5),
        recommendations in proptest::collection::vec((text(), text()), 0..4),
        signatories in proptest::collection::vec(signatory(), 0..30),
        spanish in any::<bool>(),
        a4 in any::<bool>(),
        margin in 5.0f32..60.0,
        ragged in any::<bool>(),
        notes in text(),
        order in 0..3usize,
        leads_first in any::<bool>(),
        as_of in any::<bool>(),
        translated in proptest::collection::vec(any::<bool>(), 0..48),
    ) -> Memo {
        let mut memo = Memo {
            to, cc, subject, introduction, notes,
            language: if spanish { Language::Spanish } else { Language::English },
            findings: findings.into_iter().enumerate().map(|(i, (title, evidence, a))| Finding {
                id: FindingId(u32::try_from(i).unwrap() + 1), title, evidence, assessment: Assessment::ALL[a],
            }).collect(),
            quotes: quotes.into_iter().enumerate().map(|(i, (text, attribution, url, at))| Quote {
                id: QuoteId(u32::try_from(i).unwrap() + 1), text, attribution, url,
                placement: at.map_or(Placement::Introduction, |f| Placement::Finding(FindingId(f))),
                ..Default::default()
            }).collect(),
            recommendations: recommendations.into_iter().enumerate().map(|(i, (text, addressee))| Recommendation {
                id: RecommendationId(u32::try_from(i).unwrap() + 1), text, addressee,
            }).collect(),
            signatories,
            sign_on: memodraft::model::SignOnOptions {
                order: [
                    memodraft::model::SignatoryOrder::AsStored,
                    memodraft::model::SignatoryOrder::Alphabetical,
                    memodraft::model::SignatoryOrder::ByCountry,
                ][order],
                leads_first,
                ignore_leading_the: leads_first,
                as_of: as_of.then(|| jiff::civil::date(2026, 11, 27)),
                logo_grid: ragged,
            },
            page: PageSetup {
                paper: if a4 { Paper::A4 } else { Paper::Letter },
                margins_mm: Margins::uniform(margin),
                alignment: if ragged { Alignment::RaggedRight } else { Alignment::Justified },
                font_size_pt: 11.0,
            },
            ..Default::default()
        };
        // A read draft numbers its recipients (an id of 0 is renumbered on load).
        memo.number_recipients();
        // Some memos on letterhead: logos of many shapes (and a signatory's), the line
        // under them and a footer line.
        if as_of {
            for (n, (w, h)) in [(90, 30), (20, 60), (400, 10)].into_iter().take(order + 1).enumerate() {
                let image = StoredImage {
                    name: format!("{n}.png"),
                    data: memodraft::images::ImageBytes::new(png(w, h)),
                };
                memo.add_logo(LogoTarget::Letterhead, image.clone(), "Logo", n == 1).unwrap();
                if !memo.signatories.is_empty() {
                    memo.add_logo(LogoTarget::Signatory(0), image, "Logo", false).unwrap();
                }
            }
            memo.letterhead.align = LogoAlign::ALL[order];
            memo.letterhead.text.clone_from(&memo.subject);
            memo.letterhead.footer.clone_from(&memo.notes);
        }
        // Some passages translated into the other language (longer, and with words the
        // source does not have), some not: a memo half-way through its translation.
        let other = if spanish { Language::English } else { Language::Spanish };
        let passages: Vec<(Passage, String)> =
            memo.passages().into_iter().map(|(p, t)| (p, t.to_owned())).collect();
        for ((passage, text), yes) in passages.into_iter().zip(translated) {
            if yes {
                memo.set_translation(other, passage, format!("{text} — traducción"));
            }
        }
        memo
    }
}

/// A small RGBA PNG.
fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_pixel(width, height, image::Rgba([30, 90, 160, 128]));
    let mut out = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// Text, or markup that tries to escape from it.
fn markup_or_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => text(),
        1 => Just("<script>alert(1)</script>".to_owned()),
        1 => Just("\"><script>x</script><a href=\"javascript:alert(1)\">".to_owned()),
        1 => Just("**b** [l](javascript:alert(1)) <img src=x onerror=alert(1)> &amp; &#0; \u{0}".to_owned()),
        1 => Just("https://example.org/a\"b<c>".to_owned()),
    ]
}

/// The release of `memo` in each of its languages parses as HTML5 without errors and
/// has no script.
fn release_is_valid_html(memo: &Memo) -> Result<(), TestCaseError> {
    for language in memo.languages() {
        let doc = memodraft::release::compose_in(memo, language).doc;
        let page = memodraft::release::Format::Html.render(&doc);
        let html = scraper::Html::parse_document(&page);
        prop_assert!(html.errors.is_empty(), "{:?} in\n{}", html.errors, page);
        let lower = page.to_lowercase();
        prop_assert!(
            !lower.contains("<script") && !lower.contains("<img"),
            "{}",
            page
        );
        // Links only to addresses memodraft allows (an address typed as text is text).
        let links = scraper::Selector::parse("[href], [src], script, img").unwrap();
        for element in html.select(&links) {
            let href = element.value().attr("href").unwrap_or_default();
            prop_assert!(
                element.value().name() == "a" && memodraft::model::text::is_allowed_url(href),
                "{:?} in\n{}",
                element.value(),
                page
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any memo's press release, with any text in its fields (and markup meant to
    /// break out of it), is HTML5 without a parse error and holds no script: every `<`
    /// typed in the memo is escaped.
    #[test]
    fn any_release_is_valid_html_without_scripts(
        memo in memo(),
        fields in proptest::collection::vec(markup_or_text(), 6),
        url in markup_or_text(),
    ) {
        let mut memo = memo;
        let mut release = Release {
            memo_url: url,
            contacts: vec![MediaContact {
                name: fields[5].clone(),
                email: fields[4].clone(),
                phone: fields[3].clone(),
            }],
            ..Release::default()
        };
        for (text, value) in ReleaseText::ALL.into_iter().zip(&fields) {
            value.clone_into(release.text_mut(text));
        }
        memo.release = Some(release);
        release_is_valid_html(&memo)?;
    }

    /// The same for the fuzzers' generator (the `arbitrary` derive), translations and all.
    #[test]
    fn arbitrary_releases_are_valid_html_without_scripts(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        use arbitrary::Arbitrary;
        let mut u = arbitrary::Unstructured::new(&bytes);
        let mut memo = Memo::arbitrary(&mut u).unwrap_or_default();
        if memo.release.is_none() {
            memo.release = Some(Release::arbitrary(&mut u).unwrap_or_default());
        }
        release_is_valid_html(&memo)?;
    }

    #[test]
    fn any_memo_saves_and_loads_equal(memo in memo()) {
        let text = memodraft::storage::to_ron(&memo);
        let loaded = memodraft::storage::from_ron(&text);
        prop_assert_eq!(loaded, Ok(memo));
    }

    #[test]
    fn layout_keeps_inside_margins_without_overlaps(source in memo()) {
      let fonts = Fonts::new().unwrap();
      // In each language the memo prints in.
      for language in source.languages() {
        let shown = source.in_language(language);
        let memo = &*shown.memo;
        let laid = layout(memo, &fonts, &memo.page);
        let g = memodraft::layout::Geometry::of(&memo.page);
        for (n, page) in laid.document.pages.iter().enumerate() {
            let mut boxes = Vec::new();
            for item in &page.items {
                let b = item.bounds();
                prop_assert!(b.min.x.0 >= -0.01 && b.max.x.0 <= page.width.0 + 0.01 && b.min.y.0 >= -0.01 && b.max.y.0 <= page.height.0 + 0.01,
                    "page {n}: {item:?} leaves the page");
                // Furniture (and the footer line) lives in the margins.
                let furniture = item.source() == Part::Furniture
                    || (item.source() == Part::Letterhead && item.tag() == memodraft::layout::Tag::Artifact && matches!(item, Item::Text(_)));
                if furniture && !matches!(item, Item::Text(t) if t.size.0 > 10.0) {
                    continue;
                }
                // Body text stays within the margins (headings and the rule included).
                prop_assert!(b.min.x >= g.left - memodraft::layout::Pt(0.01), "page {n}: {item:?} left of the margin");
                prop_assert!(b.max.x <= g.width - g.right + memodraft::layout::Pt(0.05), "page {n}: {item:?} right of the margin");
                if let Item::Image(i) = item {
                    prop_assert!(i.rect.min.y >= g.top - memodraft::layout::Pt(0.01) && i.rect.max.y <= g.height - g.bottom + memodraft::layout::Pt(0.01),
                        "page {n}: {item:?} outside the top/bottom margins");
                    boxes.push(b);
                }
                if let Item::Text(t) = item {
                    prop_assert!(t.origin.y >= g.top && t.origin.y <= g.height - g.bottom + memodraft::layout::Pt(0.01),
                        "page {n}: {item:?} outside the top/bottom margins");
                    boxes.push(b);
                }
            }
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    let overlap_x = a.min.x.0 < b.max.x.0 - 0.05 && b.min.x.0 < a.max.x.0 - 0.05;
                    let overlap_y = a.min.y.0 < b.max.y.0 - 0.05 && b.min.y.0 < a.max.y.0 - 0.05;
                    prop_assert!(!(overlap_x && overlap_y), "page {n}: {a:?} overlaps {b:?}");
                }
            }
        }
      }
    }

    #[test]
    fn confirmed_signatories_print_once_and_others_never(memo in memo()) {
        let fonts = Fonts::new().unwrap();
        let laid = layout(&memo, &fonts, &memo.page);
        let mut printed: Vec<(usize, String)> = Vec::new();
        for page in &laid.document.pages {
            for run in page.texts() {
                if let Part::Signatory(i) = run.source {
                    // (A right-to-left run stores its text as it prints.)
                    printed.push((i, run.reading_text().into_owned()));
                }
            }
        }
        let seen: BTreeSet<usize> = printed.iter().map(|(i, _)| *i).collect();
        let mut confirmed = BTreeSet::new();
        for (i, s) in memo.confirmed() {
            // Printed quotes are typographic (“ ” ‘ ’) where the draft has straight ones.
            let squash = |t: &str| {
                t.chars()
                    .filter(|c| !c.is_whitespace())
                    .map(|c| match c {
                        '\u{201C}' | '\u{201D}' => '"',
                        '\u{2018}' | '\u{2019}' => '\'',
                        c => c,
                    })
                    .collect::<String>()
            };
            let got: String = printed.iter().filter(|(j, _)| *j == i).map(|(_, t)| squash(t)).collect();
            let mut name = s.organization.trim().to_owned();
            if !s.short_name.trim().is_empty() && !name.contains(s.short_name.trim()) {
                name = format!("{name} ({})", s.short_name.trim());
            }
            let place = if memo.sign_on.order == memodraft::model::SignatoryOrder::ByCountry {
                s.city.trim().to_owned()
            } else {
                s.place()
            };
            // A character no font has prints as the placeholder.
            let typed = format!("{name}{place}");
            let expected = squash(&fonts.printable(memodraft::fonts::Face::Regular, &typed));
            // An entry with nothing to print (no name, no place) prints nothing.
            if !expected.is_empty() {
                confirmed.insert(i);
            }
            prop_assert_eq!(got, expected);
        }
        prop_assert_eq!(&seen, &confirmed);
    }

    /// However many organizations sign, and however long their names, the printed
    /// list's left column is never shorter than its right one on any page.
    #[test]
    fn the_left_column_of_signatories_is_never_shorter(count in 1usize..90, long_every in 1usize..6) {
        let fonts = Fonts::new().unwrap();
        let mut memo = Memo::default();
        for i in 0..count {
            let organization = if i % long_every == 0 {
                format!("Colectivo de Familias en Búsqueda de Personas Desaparecidas {i}")
            } else {
                format!("Centro Prodh {i}")
            };
            memo.signatories.push(Signatory {
                organization,
                city: "Oaxaca de Juárez".into(),
                country: "México".into(),
                status: SignOnStatus::Confirmed,
                ..Default::default()
            });
        }
        let laid = layout(&memo, &fonts, &memo.page);
        for (n, page) in laid.document.pages.iter().enumerate() {
            let middle = page.width.0 / 2.0;
            let (mut left, mut right) = (None::<f32>, None::<f32>);
            for item in page.items.iter().filter(|i| matches!(i.source(), Part::Signatory(_))) {
                let b = item.bounds();
                let side = if b.min.x.0 < middle { &mut left } else { &mut right };
                *side = Some(side.map_or(b.max.y.0, |y| y.max(b.max.y.0)));
            }
            if let Some(right) = right {
                prop_assert!(left.is_some_and(|left| left + 0.05 >= right),
                    "page {n}: left column ends at {left:?}, right at {right}");
            }
        }
    }

    /// The editor's cached layout gives exactly the pages of a fresh layout, also after
    /// the cache was filled by a different memo (an edit).
    #[test]
    fn cached_layout_equals_fresh_layout(before in memo(), after in memo()) {
        let fonts = Fonts::new().unwrap();
        let cache = memodraft::layout::ParagraphCache::new();
        let _ = memodraft::layout::layout_cached(&before, &fonts, &before.page, &cache);
        let cached = memodraft::layout::layout_cached(&after, &fonts, &after.page, &cache);
        prop_assert_eq!(cached, layout(&after, &fonts, &after.page));
        // Both memos' paragraphs may be cached, but no more than the last layout used.
        let fresh = memodraft::layout::ParagraphCache::new();
        let _ = memodraft::layout::layout_cached(&after, &fonts, &after.page, &fresh);
        prop_assert_eq!(cache.len(), fresh.len());
    }

    /// The fuzzers' generator (the `arbitrary` derive on the model), run in the normal
    /// suite: any memo it builds lays out, exports, reads back with one PDF page per
    /// laid-out page, and round-trips through a draft.
    #[test]
    fn arbitrary_memos_lay_out_export_and_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        use arbitrary::Arbitrary;
        let mut u = arbitrary::Unstructured::new(&bytes);
        let mut memo = Memo::arbitrary(&mut u).unwrap_or_default();
        let fonts = Fonts::new().unwrap();
        let laid = layout(&memo, &fonts, &memo.page);
        let pdf = memodraft::pdf::export(&laid.document, &fonts, &memodraft::pdf::PdfOptions::default()).unwrap();
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        prop_assert_eq!(doc.get_pages().len(), laid.document.pages.len());
        // Drafts are always written in the current format version, and a number that
        // is not a number (NaN margins) loads as the default.
        memo.version = memodraft::model::DRAFT_VERSION;
        memo.page.sanitize();
        memo.letterhead.sanitize();
        memo.conflicts.iter_mut().for_each(Conflict::sanitize);
        // Recommendations and recipients without an id, and findings and quotes sharing
        // one, are numbered when read.
        memo.number_recommendations();
        memo.number_recipients();
        memo.number_findings_and_quotes();
        // Saving drops the images nothing uses.
        memo.drop_unused_images();
        let text = memodraft::storage::to_ron(&memo);
        prop_assert_eq!(memodraft::storage::from_ron(&text), Ok(memo));
    }
}

/// A version of `base` edited toward `other`: some lists and texts taken from it, some of
/// its records added, some of base's records removed or reordered.
fn edited(base: &Memo, other: &Memo, edits: [bool; 8]) -> Memo {
    let mut m = base.clone();
    let [
        findings,
        add,
        remove,
        subject,
        signatories,
        order,
        quotes,
        translations,
    ] = edits;
    if findings {
        for (mine, theirs) in m.findings.iter_mut().zip(&other.findings).step_by(2) {
            mine.evidence.clone_from(&theirs.evidence);
        }
    }
    if add {
        m.signatories
            .extend(other.signatories.iter().take(3).cloned());
        let next = m.next_finding_id();
        m.findings.extend(
            other
                .findings
                .first()
                .cloned()
                .map(|f| Finding { id: next, ..f }),
        );
    }
    if remove {
        m.signatories.truncate(m.signatories.len() / 2);
        m.recommendations.pop();
    }
    if subject {
        m.subject.clone_from(&other.subject);
    }
    if signatories {
        for (mine, theirs) in m.signatories.iter_mut().zip(&other.signatories) {
            mine.status = theirs.status;
            mine.signed = theirs.signed;
        }
    }
    if order {
        m.findings.reverse();
        m.to.reverse();
    }
    if quotes {
        m.quotes.clone_from(&other.quotes);
    }
    if translations {
        m.translations.clone_from(&other.translations);
    }
    m
}

/// The identities of a memo's records, each list sorted: a record of the base by its id,
/// one added since by its content (a merge renumbers one of two records both sides added
/// under the same new id). Translated passages by language and passage, for records of
/// the base only.
fn identities(m: &Memo, base: &Memo) -> Vec<Vec<String>> {
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let recipient = |r: &Recipient| {
        let known = base.to.iter().chain(&base.cc).any(|b| b.id == r.id);
        if known {
            format!("{:?}", r.id)
        } else {
            r.line()
        }
    };
    let finding = |f: &Finding| {
        if base.finding(f.id).is_some() {
            format!("{:?}", f.id)
        } else {
            format!("{}|{}", f.title, f.evidence)
        }
    };
    let quote = |q: &Quote| {
        if base.quotes.iter().any(|b| b.id == q.id) {
            format!("{:?}", q.id)
        } else {
            format!("{}|{}", q.text, q.attribution)
        }
    };
    let rec = |r: &Recommendation| {
        if base.recommendation_index(r.id).is_some() {
            format!("{:?}", r.id)
        } else {
            format!("{}|{}", r.text, r.addressee)
        }
    };
    let base_passages: Vec<Passage> = base.passages().into_iter().map(|(p, _)| p).collect();
    vec![
        sorted(m.to.iter().chain(&m.cc).map(recipient).collect()),
        sorted(m.findings.iter().map(finding).collect()),
        sorted(m.quotes.iter().map(quote).collect()),
        sorted(m.recommendations.iter().map(rec).collect()),
        sorted(
            m.signatories
                .iter()
                .map(|s| organization_key(&s.organization))
                .collect(),
        ),
        sorted(
            m.translations
                .iter()
                .flat_map(|(l, t)| t.0.keys().map(move |p| (*l, *p)))
                .filter(|(_, p)| base_passages.contains(p))
                .map(|(l, p)| format!("{l:?}{p:?}"))
                .collect(),
        ),
    ]
}

/// Every record of `side` that it added, or that it kept unchanged from `base` while
/// `other` kept it too, is in `merged`.
fn nothing_lost(
    base: &Memo,
    side: &Memo,
    other: &Memo,
    merged: &Memo,
) -> Result<(), TestCaseError> {
    let have = identities(merged, base);
    for (list, ids) in identities(side, base).iter().enumerate() {
        let (in_base, in_other) = (
            &identities(base, base)[list],
            &identities(other, base)[list],
        );
        for id in ids {
            let added = !in_base.contains(id);
            if added || in_other.contains(id) {
                prop_assert!(have[list].contains(id), "lost {} from list {}", id, list);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn merging_with_itself_or_the_base_gives_it_back(
        base in memo(),
        x in memo(),
        edits in any::<[bool; 8]>(),
    ) {
        let a = edited(&base, &x, edits);
        prop_assert_eq!(&merge::merge(&a, &a, &a), &a);
        prop_assert_eq!(&merge::merge(&base, &base, &a), &a);
        prop_assert_eq!(&merge::merge(&base, &a, &base), &a);
        prop_assert_eq!(&merge::merge(&base, &a, &a), &a);
    }

    #[test]
    fn merging_either_way_holds_the_same_records_and_loses_none(
        base in memo(),
        x in memo(),
        y in memo(),
        edits_a in any::<[bool; 8]>(),
        edits_b in any::<[bool; 8]>(),
    ) {
        let a = edited(&base, &x, edits_a);
        let b = edited(&base, &y, edits_b);
        let ab = merge::merge(&base, &a, &b);
        let ba = merge::merge(&base, &b, &a);
        prop_assert_eq!(identities(&ab, &base), identities(&ba, &base));
        // (How many conflicts may differ: the side merged in gets the fresh id when both
        // added a record under the same one, and what its translations then refer to.)
        nothing_lost(&base, &a, &b, &ab)?;
        nothing_lost(&base, &b, &a, &ab)?;
        // Independent memos: everything differs, and still nothing is lost.
        let wild = merge::merge(&base, &x, &y);
        prop_assert_eq!(identities(&wild, &base), identities(&merge::merge(&base, &y, &x), &base));
        nothing_lost(&base, &x, &y, &wild)?;
        // The merged draft saves and loads, conflicts and all.
        let text = memodraft::storage::to_ron(&ab);
        prop_assert_eq!(memodraft::storage::from_ron(&text), Ok(ab));
    }
}
