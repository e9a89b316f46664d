//! Letterhead and logos (issue 15) as a user meets them: `memodraft logo add/list/remove`
//! on real files, the refusals of hostile or broken images (in under a second, naming the
//! file, the draft untouched), the exported PDF read back with lopdf (each image once,
//! lossless with its soft mask, a figure with its alt text or an artifact), and the draft
//! staying one file that diffs by line.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use crate::{memodraft, resolve, stderr, stdout};
use lopdf::{Object, ObjectId};
use memodraft::model::Memo;
use proptest::prelude::*;

const ALLIANCE: &[u8] = include_bytes!("../../assets/logos/alliance.png");
const HEMISPHERIC: &[u8] = include_bytes!("../../assets/logos/hemispheric.png");

/// A short draft and the two sample logos beside it.
fn setup(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let draft = dir.join("memo.memo.ron");
    let memo = Memo {
        subject: "Letterhead test".into(),
        ..Memo::default()
    };
    fs::write(&draft, memodraft::storage::to_ron(&memo)).unwrap();
    let a = dir.join("alliance.png");
    fs::write(&a, ALLIANCE).unwrap();
    let h = dir.join("hemispheric.png");
    fs::write(&h, HEMISPHERIC).unwrap();
    (draft, a, h)
}

fn add(draft: &Path, image: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<std::ffi::OsString> =
        vec!["logo".into(), "add".into(), draft.into(), image.into()];
    args.extend(extra.iter().map(Into::into));
    memodraft(&args)
}

#[test]
fn logos_are_added_listed_and_removed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (draft, a, h) = setup(dir.path());
    let out = add(&draft, &a, &["--alt", "Binational Alliance"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = add(&draft, &h, &["--decorative"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = stdout(&memodraft(&[
        "logo".as_ref(),
        "list".as_ref(),
        draft.as_os_str(),
    ]));
    assert_eq!(
        list,
        "1. alliance.png, 527 x 191 PNG, alt \"Binational Alliance\"\n2. hemispheric.png, 524 x 207 PNG, decorative\n"
    );
    let out = memodraft(&[
        "logo".as_ref(),
        "remove".as_ref(),
        draft.as_os_str(),
        "1".as_ref(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let memo = memodraft::storage::load_draft(&draft).unwrap();
    assert_eq!(memo.letterhead.logos.len(), 1);
    assert_eq!(
        memo.images.len(),
        1,
        "the removed logo's image is dropped on save"
    );
    // A logo that is not there: an error naming the draft, the draft unchanged.
    let before = fs::read(&draft).unwrap();
    let out = memodraft(&[
        "logo".as_ref(),
        "remove".as_ref(),
        draft.as_os_str(),
        "5".as_ref(),
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("memo.memo.ron"), "{}", stderr(&out));
    assert_eq!(fs::read(&draft).unwrap(), before);
}

#[test]
fn hostile_and_broken_images_are_refused_quickly_naming_the_file_and_leaving_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (draft, _, _) = setup(dir.path());
    let before = fs::read(&draft).unwrap();
    // A 30,000 x 30,000 PNG of a few dozen bytes: a valid header, a tiny IDAT.
    let bomb = dir.path().join("bomb.png");
    fs::write(&bomb, BOMB).unwrap();
    let truncated = dir.path().join("truncated.png");
    fs::write(&truncated, &ALLIANCE[..ALLIANCE.len() / 2]).unwrap();
    let misnamed = dir.path().join("photo.jpg");
    fs::write(&misnamed, ALLIANCE).unwrap();
    let huge = dir.path().join("huge.png");
    let file = fs::File::create(&huge).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    // Within the limit on a side, over the one on all pixels.
    let square = dir.path().join("square.png");
    fs::write(&square, bomb_of(4096, 4096)).unwrap();
    let gif = dir.path().join("logo.gif");
    fs::write(&gif, b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap();
    // Each refusal with its own reason and the advice that fits it.
    for (path, reason, advice) in [
        (
            &bomb,
            "30000 x 30000 pixels, more than the 4,096 on a side",
            "Export a copy at most 4,096 pixels on a side",
        ),
        (
            &square,
            "4096 x 4096 pixels, more than the 16 million in all",
            "Export a copy of at most 16 million pixels",
        ),
        (
            &truncated,
            "damaged or incomplete",
            "Add the original file, or open it in an image editor and save a new copy",
        ),
        (
            &misnamed,
            "named as a JPEG image but holds a PNG",
            "Rename it to end in .png, or export it from an image editor as the JPEG",
        ),
        (&huge, "larger than 2 MiB", "Export a smaller copy"),
        (&gif, "neither a PNG nor a JPEG", "export it as PNG or JPEG"),
    ] {
        let started = Instant::now();
        let out = add(&draft, path, &["--alt", "x"]);
        let took = started.elapsed();
        let err = stderr(&out);
        assert!(!out.status.success(), "{} was accepted", path.display());
        assert!(
            err.contains(&path.display().to_string()),
            "names the file: {err}"
        );
        assert!(err.contains(reason), "says why ({reason}): {err}");
        assert_eq!(err.matches(reason).count(), 1, "once: {err}");
        assert!(err.contains("the draft was not changed"), "{err}");
        assert!(err.contains(advice), "says what to do ({advice}): {err}");
        assert!(
            took < Duration::from_secs(1),
            "{}: {took:?}",
            path.display()
        );
        assert_eq!(fs::read(&draft).unwrap(), before, "the draft as it was");
    }
}

/// A 30,000 x 30,000 PNG of 67 bytes: a valid header and a tiny IDAT (the unit tests of
/// `src/images.rs` make it, and check this file is that).
const BOMB: &[u8] = include_bytes!("../fixtures/images/bomb-30000x30000.png");

/// [`BOMB`] claiming `width` x `height` pixels instead (its IHDR rewritten, with its CRC).
fn bomb_of(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = BOMB.to_vec();
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32fast::hash(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// The sample memo exported (its letterhead has two PNG logos with alt text), with one
/// of them also a decorative signatory logo in a logo grid.
fn export_sample(dir: &Path) -> lopdf::Document {
    let draft = dir.join("memo.ron");
    fs::write(&draft, memodraft::storage::SAMPLE_DRAFT).unwrap();
    let image = dir.join("hemispheric.png");
    fs::write(&image, HEMISPHERIC).unwrap();
    let out = add(
        &draft,
        &image,
        &["--decorative", "--signatory", "Hemispheric Rights Project"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut memo = memodraft::storage::load_draft(&draft).unwrap();
    memo.sign_on.logo_grid = true;
    memodraft::storage::save_draft(&draft, &memo).unwrap();
    let pdf = dir.join("memo.pdf");
    let out = memodraft(&[
        "export".as_ref(),
        draft.as_os_str(),
        "-o".as_ref(),
        pdf.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    lopdf::Document::load(&pdf).unwrap()
}

#[test]
fn the_sample_embeds_each_png_once_losslessly_with_its_transparency() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = export_sample(dir.path());
    let images: Vec<(ObjectId, &lopdf::Stream)> = pdf
        .objects
        .iter()
        .filter_map(|(id, o)| Some((*id, o.as_stream().ok()?)))
        .filter(|(_, s)| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .collect();
    let masks: BTreeSet<ObjectId> = images
        .iter()
        .filter_map(|(_, s)| s.dict.get(b"SMask").and_then(Object::as_reference).ok())
        .collect();
    let pictures: Vec<_> = images
        .iter()
        .filter(|(id, _)| !masks.contains(id))
        .collect();
    let sizes: BTreeSet<(i64, i64)> = pictures
        .iter()
        .map(|(_, s)| {
            let n = |k: &[u8]| s.dict.get(k).and_then(Object::as_i64).unwrap();
            (n(b"Width"), n(b"Height"))
        })
        .collect();
    // Two logos, one drawn twice (letterhead and signatory grid): two images, once each.
    assert_eq!(pictures.len(), 2, "{sizes:?}");
    assert_eq!(sizes, BTreeSet::from([(524, 207), (527, 191)]));
    for (_, s) in &pictures {
        assert_eq!(
            s.dict.get(b"Filter").and_then(Object::as_name).unwrap(),
            b"FlateDecode",
            "lossless"
        );
        assert!(s.dict.has(b"SMask"), "transparency kept");
        assert_eq!(
            s.dict
                .get(b"BitsPerComponent")
                .and_then(Object::as_i64)
                .unwrap(),
            8
        );
    }
    // The decoded pixels are the PNG's own.
    let hemispheric = image::load_from_memory(HEMISPHERIC).unwrap().to_rgb8();
    let (_, stream) = pictures
        .iter()
        .find(|(_, s)| s.dict.get(b"Width").and_then(Object::as_i64).ok() == Some(524))
        .unwrap();
    assert_eq!(
        stream.decompressed_content().unwrap(),
        hemispheric.into_raw()
    );
}

/// Every `Do` of every page with the marked content it is in: `Some(mcid)` or `None` for
/// an artifact.
fn drawn_images(pdf: &lopdf::Document) -> Vec<(ObjectId, Option<i64>)> {
    let mut out = Vec::new();
    for (_, page) in pdf.get_pages() {
        let content = pdf.get_and_decode_page_content(page).unwrap();
        let mut mark: Vec<Option<i64>> = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => mark.push(
                    op.operands
                        .get(1)
                        .and_then(|o| o.as_dict().ok())
                        .and_then(|d| d.get(b"MCID").and_then(Object::as_i64).ok()),
                ),
                "BMC" => mark.push(None),
                "EMC" => {
                    mark.pop();
                }
                "Do" => out.push((page, mark.last().copied().flatten())),
                _ => {}
            }
        }
    }
    out
}

#[test]
fn a_logo_with_alt_text_is_a_figure_saying_it_and_a_decorative_one_an_artifact() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = export_sample(dir.path());
    let drawn = drawn_images(&pdf);
    assert_eq!(
        drawn.len(),
        3,
        "two in the letterhead, one in the grid: {drawn:?}"
    );
    let figures: Vec<_> = drawn.iter().filter(|(_, m)| m.is_some()).collect();
    assert_eq!(
        figures.len(),
        2,
        "the letterhead's logos are figures: {drawn:?}"
    );
    assert_eq!(
        drawn.iter().filter(|(_, m)| m.is_none()).count(),
        1,
        "the decorative one"
    );
    let alts: BTreeSet<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(b"Figure"))
        .map(|d| {
            let alt = resolve(&pdf, d.get(b"Alt").expect("a figure has /Alt"));
            lopdf::decode_text_string(alt).unwrap()
        })
        .collect();
    assert_eq!(
        alts,
        BTreeSet::from([
            "Alianza Binacional por los Derechos Humanos (ABDH)".to_owned(),
            "Hemispheric Rights Project".to_owned()
        ])
    );
}

#[test]
fn a_draft_with_two_logos_is_one_file_that_opens_elsewhere_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let (draft, a, h) = setup(dir.path());
    let without = fs::metadata(&draft).unwrap().len();
    assert!(add(&draft, &a, &["--alt", "A"]).status.success());
    assert!(add(&draft, &h, &["--alt", "H"]).status.success());
    let with = fs::metadata(&draft).unwrap().len();
    let images = (ALLIANCE.len() + HEMISPHERIC.len()) as u64;
    assert!(
        with - without < images + 100 * 1024,
        "{with} - {without} for {images} bytes of images"
    );
    // Another machine: the draft alone, in another folder, without the image files.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("memo.ron");
    fs::copy(&draft, &copy).unwrap();
    drop(dir);
    let pdf = elsewhere.path().join("memo.pdf");
    let out = memodraft(&[
        "export".as_ref(),
        copy.as_os_str(),
        "-o".as_ref(),
        pdf.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "no warning: {}", stderr(&out));
    assert_eq!(drawn_images(&lopdf::Document::load(&pdf).unwrap()).len(), 2);
}

#[test]
fn editing_a_text_field_of_a_draft_with_logos_changes_one_line() {
    let mut memo = memodraft::storage::sample().unwrap();
    assert_eq!(
        memo.letterhead.logos.len(),
        2,
        "the sample has its letterhead"
    );
    let before = memodraft::storage::to_ron(&memo);
    memo.subject.push_str(" (revised)");
    let after = memodraft::storage::to_ron(&memo);
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(changed.len(), 1, "{changed:?}");
    // The images come last, after everything people edit.
    let images = after.find("\n  images: {").unwrap();
    assert!(after.find("\n  letterhead: (").unwrap() < images);
    assert!(
        after[images..].lines().skip(1).all(|l| l.len() <= 100),
        "fixed-width lines"
    );
}

fn png(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([seed, (x * 9) as u8, (y * 7) as u8, 200])
    });
    let mut out = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any letterhead (logos, alignment, height, lines) and any signatory logos survive a
    /// save and a load, bytes and all.
    #[test]
    fn drafts_with_images_round_trip(
        logos in proptest::collection::vec((1u32..40, 1u32..40, any::<u8>(), ".{0,20}", any::<bool>()), 0..5),
        align in 0..3usize,
        height in 5.0f32..50.0,
        text in ".{0,40}",
        footer in ".{0,40}",
        signatory_logo in any::<bool>(),
    ) {
        let mut memo = memodraft::storage::sample().unwrap();
        memo.letterhead.logos.clear();
        for (w, h, seed, alt, decorative) in logos {
            let image = memodraft::model::StoredImage {
                name: format!("{seed}.png"),
                data: memodraft::images::ImageBytes::new(png(w, h, seed)),
            };
            memo.add_logo(memodraft::model::LogoTarget::Letterhead, image.clone(), &alt, decorative).unwrap();
            if signatory_logo {
                memo.add_logo(memodraft::model::LogoTarget::Signatory(0), image, &alt, decorative).unwrap();
            }
        }
        memo.letterhead.align = memodraft::model::LogoAlign::ALL[align];
        memo.letterhead.height_mm = height;
        memo.letterhead.text = text;
        memo.letterhead.footer = footer;
        memo.drop_unused_images();
        let text = memodraft::storage::to_ron(&memo);
        prop_assert_eq!(memodraft::storage::from_ron(&text), Ok(memo));
    }
}

/// The editor's Letterhead section, driven through its widgets (the file dialog's answer
/// sent as its command, as `tests/it/editor.rs` does).
#[test]
fn the_letterhead_section_adds_edits_reorders_and_refuses_logos_with_undo() {
    use crate::editor::{click, config, harness, type_into};
    use egui_kittest::kittest::Queryable;
    use memodraft::model::LogoTarget;
    use memodraft::ui::Command;

    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    let images_on_page_1 = |h: &egui_kittest::Harness<'_, memodraft::ui::App>| -> Vec<(String, memodraft::layout::Tag)> {
        h.state().laid().document.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                memodraft::layout::Item::Image(i) => Some((i.key.short().to_owned(), i.tag)),
                _ => None,
            })
            .collect()
    };
    assert_eq!(images_on_page_1(&h).len(), 2, "the sample's letterhead");
    click(&mut h, "Letterhead (2)");
    let logo = dir.path().join("square.png");
    fs::write(&logo, png(60, 60, 7)).unwrap();
    h.state_mut()
        .queue(Command::AddLogoFrom(LogoTarget::Letterhead, logo));
    h.run();
    h.run();
    assert_eq!(h.state().memo().letterhead.logos.len(), 3);
    assert_eq!(images_on_page_1(&h).len(), 3, "the preview's pages show it");

    type_into(&mut h, "Alt text", Some(2), "Square Coalition");
    assert_eq!(h.state().memo().letterhead.logos[2].alt, "Square Coalition");
    h.get_all_by_label("Decorative (screen readers skip it)")
        .nth(2)
        .unwrap()
        .click();
    h.run();
    assert!(h.state().memo().letterhead.logos[2].decorative);
    assert_eq!(images_on_page_1(&h)[2].1, memodraft::layout::Tag::Artifact);

    let order = |h: &egui_kittest::Harness<'_, memodraft::ui::App>| -> Vec<String> {
        h.state()
            .memo()
            .letterhead
            .logos
            .iter()
            .map(|l| l.image.short().to_owned())
            .collect()
    };
    let before_move = order(&h);
    h.get_all_by_label("⬆").nth(2).unwrap().click();
    h.run();
    let moved = order(&h);
    assert_eq!(
        moved,
        [
            before_move[0].clone(),
            before_move[2].clone(),
            before_move[1].clone()
        ]
    );

    // A refused file changes nothing.
    let bomb = dir.path().join("bomb.png");
    fs::write(&bomb, BOMB).unwrap();
    let memo = h.state().memo().clone();
    h.state_mut()
        .queue(Command::AddLogoFrom(LogoTarget::Letterhead, bomb));
    h.run();
    h.run();
    assert_eq!(h.state().memo(), &memo);

    // Undo takes back the move, one step.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(order(&h), before_move);
}
