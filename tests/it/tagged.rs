//! The exported PDF is tagged (issue 11): read back with lopdf, every piece of page
//! content is marked as structure content or as an artifact, every MCID is reached from
//! the structure tree exactly once and back through the parent tree, headings nest,
//! every link annotation has its OBJR, and the catalog says what a reader needs. What
//! this does and does not check is in docs/accessibility.md.

use std::collections::{BTreeMap, BTreeSet};

use crate::{dict, name, resolve};
use lopdf::{Object, ObjectId};
use memodraft::fonts::Fonts;
use memodraft::model::Memo;
use memodraft::{generate, layout, pdf, storage};

fn export(memo: &Memo) -> lopdf::Document {
    let fonts = Fonts::new().unwrap();
    let laid = layout::layout(memo, &fonts, &memo.page);
    let bytes = pdf::export(&laid.document, &fonts, &pdf::PdfOptions::default()).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"), "PDF/UA-1 builds on PDF 1.7");
    lopdf::Document::load_mem(&bytes).expect("the PDF parses")
}

/// What the structure tree reaches, walked in its order.
#[derive(Default)]
struct Tree {
    /// (page, MCID) -> the element whose kid it is; a second arrival fails the test.
    mcids: BTreeMap<(ObjectId, i64), ObjectId>,
    /// Annotation -> the element of its OBJR.
    objrs: BTreeMap<ObjectId, ObjectId>,
    /// Structure types in tree order.
    roles: Vec<String>,
    /// Every element in tree order: its type, its parent's ("" for the top), its /Alt.
    elements: Vec<Element>,
}

#[derive(Debug)]
struct Element {
    role: String,
    parent: String,
    alt: Option<String>,
}

fn walk(pdf: &lopdf::Document, id: ObjectId, parent: Option<ObjectId>, tree: &mut Tree) {
    let elem = pdf.get_dictionary(id).unwrap();
    assert_eq!(name(elem, b"Type"), "StructElem");
    if let Some(parent) = parent {
        assert_eq!(
            elem.get(b"P").and_then(Object::as_reference).unwrap(),
            parent,
            "an element names its parent"
        );
    }
    tree.roles.push(name(elem, b"S"));
    tree.elements.push(Element {
        role: name(elem, b"S"),
        parent: parent.map_or_else(String::new, |p| name(pdf.get_dictionary(p).unwrap(), b"S")),
        alt: elem
            .get(b"Alt")
            .ok()
            .map(|alt| lopdf::decode_text_string(resolve(pdf, alt)).unwrap()),
    });
    let page = elem.get(b"Pg").and_then(Object::as_reference).ok();
    let kids = match elem.get(b"K") {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(kid) => vec![kid.clone()],
        Err(_) => Vec::new(),
    };
    for kid in kids {
        match kid {
            Object::Integer(mcid) => {
                let page = page.expect("an element with MCIDs names its page");
                let again = tree.mcids.insert((page, mcid), id);
                assert!(again.is_none(), "MCID {mcid} reached twice");
            }
            Object::Reference(child) => walk(pdf, child, Some(id), tree),
            Object::Dictionary(d) => {
                let pg = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                match name(&d, b"Type").as_str() {
                    "MCR" => {
                        let mcid = d.get(b"MCID").and_then(Object::as_i64).unwrap();
                        let again = tree.mcids.insert((pg.unwrap(), mcid), id);
                        assert!(again.is_none(), "MCID {mcid} reached twice");
                    }
                    "OBJR" => {
                        let obj = d.get(b"Obj").and_then(Object::as_reference).unwrap();
                        assert!(tree.objrs.insert(obj, id).is_none(), "one OBJR per object");
                    }
                    other => panic!("unexpected kid type {other:?}"),
                }
            }
            other => panic!("unexpected kid {other:?}"),
        }
    }
}

/// How content on a page is marked, from its content stream.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mark {
    Artifact,
    Mcid(i64),
    Other,
}

/// The MCIDs of a page's content stream, checking that everything painted is inside
/// either an MCID sequence or an artifact, and that sequences nest and close.
fn page_mcids(pdf: &lopdf::Document, page: ObjectId) -> BTreeSet<i64> {
    let content = pdf.get_and_decode_page_content(page).unwrap();
    let mut stack: Vec<Mark> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut painted = 0;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => {
                let tag = op.operands.first().and_then(|o| o.as_name().ok());
                let props = op.operands.get(1).and_then(|o| o.as_dict().ok());
                let mcid = props.and_then(|p| p.get(b"MCID").and_then(Object::as_i64).ok());
                let mark = match (tag, mcid) {
                    (Some(b"Artifact"), _) => Mark::Artifact,
                    (_, Some(mcid)) => {
                        assert!(seen.insert(mcid), "MCID {mcid} used twice on a page");
                        Mark::Mcid(mcid)
                    }
                    _ => Mark::Other,
                };
                assert!(
                    !(matches!(mark, Mark::Mcid(_)) && stack.contains(&Mark::Artifact)),
                    "content inside an artifact"
                );
                stack.push(mark);
            }
            "BMC" => {
                let tag = op.operands.first().and_then(|o| o.as_name().ok());
                stack.push(if tag == Some(b"Artifact") {
                    Mark::Artifact
                } else {
                    Mark::Other
                });
            }
            "EMC" => {
                assert!(stack.pop().is_some(), "EMC without BDC/BMC");
            }
            "TJ" | "Tj" | "'" | "\"" | "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*"
            | "Do" | "sh" => {
                painted += 1;
                assert!(
                    stack
                        .iter()
                        .any(|m| matches!(m, Mark::Artifact | Mark::Mcid(_))),
                    "{} painted outside marked content",
                    op.operator
                );
            }
            _ => {}
        }
    }
    assert!(stack.is_empty(), "a marked-content sequence left open");
    assert!(painted > 0, "the page paints something");
    seen
}

/// Checks everything this module promises about one exported memo; returns the tree.
fn assert_tagged(pdf: &lopdf::Document, what: &str) -> Tree {
    let catalog = pdf.catalog().unwrap();
    let mark_info = dict(pdf, catalog.get(b"MarkInfo").unwrap());
    assert_eq!(
        mark_info.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true)
    );
    assert!(catalog.get(b"Lang").and_then(Object::as_str).is_ok());
    let viewer = dict(pdf, catalog.get(b"ViewerPreferences").unwrap());
    assert_eq!(
        viewer
            .get(b"DisplayDocTitle")
            .and_then(Object::as_bool)
            .ok(),
        Some(true)
    );
    let metadata = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| pdf.get_object(id))
        .and_then(Object::as_stream)
        .unwrap();
    let xmp = String::from_utf8_lossy(&metadata.content);
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(xmp.contains("<dc:title>"), "{xmp}");

    let root = dict(pdf, catalog.get(b"StructTreeRoot").unwrap());
    assert_eq!(name(root, b"Type"), "StructTreeRoot");
    let document = root.get(b"K").and_then(Object::as_reference).unwrap();
    let mut tree = Tree::default();
    walk(pdf, document, None, &mut tree);
    assert_eq!(tree.roles.first().map(String::as_str), Some("Document"));

    let parent_tree = dict(pdf, root.get(b"ParentTree").unwrap());
    let nums = parent_tree.get(b"Nums").and_then(Object::as_array).unwrap();
    let parents: BTreeMap<i64, &Object> = nums
        .chunks(2)
        .map(|pair| (pair[0].as_i64().unwrap(), &pair[1]))
        .collect();

    let mut on_pages = BTreeSet::new();
    for (number, page) in pdf.get_pages() {
        let page_dict = pdf.get_dictionary(page).unwrap();
        assert_eq!(name(page_dict, b"Tabs"), "S", "{what} page {number}");
        let key = page_dict
            .get(b"StructParents")
            .and_then(Object::as_i64)
            .unwrap();
        let elems = resolve(pdf, parents[&key]).as_array().unwrap();
        for mcid in page_mcids(pdf, page) {
            let elem = tree.mcids.get(&(page, mcid)).unwrap_or_else(|| {
                panic!("{what} page {number}: MCID {mcid} is not reached from the tree")
            });
            let back = elems.get(usize::try_from(mcid).unwrap()).unwrap();
            assert_eq!(
                back.as_reference().ok(),
                Some(*elem),
                "{what} page {number}: the parent tree leads MCID {mcid} back to its element"
            );
            on_pages.insert((page, mcid));
        }
        // Every link annotation is reached by an OBJR from a Link element, and back.
        let annots = page_dict
            .get(b"Annots")
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default();
        for annot in annots {
            let id = annot.as_reference().expect("annotations are objects");
            let a = pdf.get_dictionary(id).unwrap();
            if name(a, b"Subtype") != "Link" {
                continue;
            }
            let elem = tree
                .objrs
                .get(&id)
                .unwrap_or_else(|| panic!("{what} page {number}: a link without its OBJR"));
            assert_eq!(name(pdf.get_dictionary(*elem).unwrap(), b"S"), "Link");
            let key = a.get(b"StructParent").and_then(Object::as_i64).unwrap();
            assert_eq!(parents[&key].as_reference().ok(), Some(*elem));
            let contents = lopdf::decode_text_string(a.get(b"Contents").unwrap()).unwrap();
            assert!(!contents.trim().is_empty(), "a link says where it goes");
        }
    }
    let reached: BTreeSet<(ObjectId, i64)> = tree.mcids.keys().copied().collect();
    assert_eq!(
        reached, on_pages,
        "{what}: the tree reaches exactly the MCIDs on the pages"
    );

    // Headings nest: the first is H1, and no level is skipped on the way down.
    let levels: Vec<u8> = tree
        .roles
        .iter()
        .filter_map(|r| r.strip_prefix('H')?.parse().ok())
        .collect();
    assert_eq!(levels.first(), Some(&1), "{what}: {levels:?}");
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "{what}: heading levels {levels:?}");
    }
    // A list item holds its label and its body, nothing else (ISO 32000-1, 14.8.4.3.3).
    let in_items: Vec<&Element> = tree.elements.iter().filter(|e| e.parent == "LI").collect();
    let strays: Vec<&&Element> = in_items
        .iter()
        .filter(|e| e.role != "Lbl" && e.role != "LBody")
        .collect();
    assert!(strays.is_empty(), "{what}: in an LI: {strays:?}");
    tree
}

#[test]
fn the_sample_memo_exports_as_a_tagged_pdf_with_links_quotes_lists_and_notes() {
    let pdf = export(&storage::sample().unwrap());
    let tree = assert_tagged(&pdf, "sample");
    for role in [
        "Table",
        "TH",
        "TD",
        "H1",
        "H2",
        "P",
        "BlockQuote",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Note",
        "Reference",
        "Link",
    ] {
        assert!(
            tree.roles.iter().any(|r| r == role),
            "no {role} in {:?}",
            tree.roles
        );
    }
    assert!(
        tree.objrs.len() >= 3,
        "the sample's links: {:?}",
        tree.objrs
    );
}

#[test]
fn a_logo_in_the_signatories_grid_is_a_figure_in_its_list_items_body() {
    let mut memo = storage::sample().unwrap();
    memo.sign_on.logo_grid = true;
    let logo = memodraft::model::StoredImage {
        name: "alliance.png".into(),
        data: memodraft::images::ImageBytes::new(
            include_bytes!("../../assets/logos/alliance.png").to_vec(),
        ),
    };
    for i in 0..memo.signatories.len() {
        let alt = format!("Logo of {}", memo.signatories[i].organization);
        memo.add_logo(
            memodraft::model::LogoTarget::Signatory(i),
            logo.clone(),
            &alt,
            false,
        )
        .unwrap();
    }
    let pdf = export(&memo);
    let tree = assert_tagged(&pdf, "logo grid");
    let items = tree.elements.iter().filter(|e| e.role == "LI").count();
    assert!(
        items >= 9,
        "the sample's signatories are list items: {items}"
    );
    let figures: Vec<&Element> = tree
        .elements
        .iter()
        .filter(|e| {
            e.role == "Figure" && e.alt.as_deref().is_some_and(|a| a.starts_with("Logo of "))
        })
        .collect();
    assert!(
        figures.len() >= 9,
        "a figure for each printed logo: {figures:?}"
    );
    assert!(
        figures.iter().all(|f| f.parent == "LBody"),
        "each in its item's body: {figures:?}"
    );
}

#[test]
fn generated_memos_export_as_tagged_pdfs() {
    for seed in [1, 7, 2026] {
        let pdf = export(&generate::memo(seed, 6, 80));
        assert_tagged(&pdf, &format!("seed {seed}"));
    }
}

#[test]
fn the_exported_text_has_typographic_quotes_and_the_draft_keeps_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut memo = storage::sample().unwrap();
    memo.introduction = "The prosecutor's office calls the \"priority\" cases O'Brien's \
        since the '90s; see [the prosecutor's files](https://example.org/o'brien)."
        .to_owned();
    let draft = dir.path().join("memo.ron");
    std::fs::write(&draft, storage::to_ron(&memo)).unwrap();
    let typed = std::fs::read(&draft).unwrap();
    let out = crate::memodraft(&[std::path::Path::new("export"), &draft]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (pdf, text) = crate::pdf_text(&dir.path().join("memo.pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "The prosecutor’s office calls the “priority” cases O’Brien’s since the ’90s"
        ),
        "{flat}"
    );
    assert!(flat.contains("the prosecutor’s files"), "{flat}");
    // The one straight apostrophe printed is in the address, as typed, in the notes.
    assert!(flat.contains("https://example.org/o'brien"), "{flat}");
    let words = flat.replace("https://example.org/o'brien", "");
    assert!(
        !words.contains('\''),
        "a straight apostrophe is printed: {words}"
    );
    assert_eq!(
        std::fs::read(&draft).unwrap(),
        typed,
        "the draft is untouched"
    );
    // The link still opens the address as typed.
    let uris: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"A").ok())
        .filter_map(|a| dict(&pdf, a).get(b"URI").and_then(Object::as_str).ok())
        .map(|u| String::from_utf8_lossy(u).into_owned())
        .collect();
    assert!(
        uris.iter().any(|u| u == "https://example.org/o'brien"),
        "{uris:?}"
    );
    assert_tagged(&pdf, "typed quotes");
}
