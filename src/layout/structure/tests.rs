//! The structure layout records: every item is content of a node or an artifact, and the
//! tree reads in the memo's order, whatever order the items are drawn in.

use super::*;
use crate::fonts::Fonts;
use crate::layout::{Document, layout};
use crate::model::{Memo, Part};

fn laid(memo: &Memo) -> Document {
    layout(memo, &Fonts::new().unwrap(), &memo.page).document
}

fn memos() -> Vec<Memo> {
    let mut memos = vec![crate::storage::sample().unwrap()];
    memos.extend([1, 7].map(|seed| crate::generate::memo(seed, 5, 60)));
    memos
}

/// The document's nodes and words in reading order: each node's role as it is entered,
/// then its kids (nodes and text runs) by their reading-order position.
fn reading(doc: &Document) -> Vec<(Role, String)> {
    let mut kids: Vec<Vec<(u32, Result<NodeId, String>)>> =
        vec![Vec::new(); doc.structure.nodes.len()];
    for (i, node) in doc.structure.nodes.iter().enumerate() {
        if let Some(parent) = node.parent {
            kids[parent.index()].push((node.seq, Ok(NodeId(i as u32))));
        }
    }
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        if let (Item::Text(run), Tag::Content { node, seq }) = (item, item.tag()) {
            kids[node.index()].push((seq, Err(run.text.clone())));
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut kids, NodeId::ROOT, &mut out);
    out
}

fn walk(
    doc: &Document,
    kids: &mut [Vec<(u32, Result<NodeId, String>)>],
    id: NodeId,
    out: &mut Vec<(Role, String)>,
) {
    let role = doc.structure.get(id).unwrap().role;
    out.push((role, String::new()));
    let mut list = std::mem::take(&mut kids[id.index()]);
    list.sort_by_key(|(seq, _)| *seq);
    for (_, kid) in list {
        match kid {
            Ok(child) => walk(doc, kids, child, out),
            Err(text) => out.push((role, text)),
        }
    }
}

/// The words of `reading`, joined.
fn words(reading: &[(Role, String)]) -> String {
    reading
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_item_is_content_and_only_running_headers_page_numbers_footers_and_rules_are_artifacts() {
    for memo in memos() {
        let doc = laid(&memo);
        for (p, page) in doc.pages.iter().enumerate() {
            for item in &page.items {
                match (item, item.tag()) {
                    (_, Tag::Unset) => panic!("page {}: an untagged item {item:?}", p + 1),
                    (Item::Text(run), Tag::Artifact) if run.source == Part::Letterhead => {
                        let g = crate::layout::Geometry::of(&memo.page);
                        assert!(
                            run.origin.y > g.height - g.bottom,
                            "the footer line: {run:?}"
                        );
                    }
                    (Item::Text(run), Tag::Artifact) => {
                        assert_eq!(run.source, Part::Furniture, "{:?}", run.text);
                        let number = run.text.starts_with("Page ");
                        let header = p > 0 && run.origin.y < memo_top(&doc, &memo);
                        assert!(number || header, "page {}: {:?}", p + 1, run.text);
                    }
                    (Item::Link(_), Tag::Artifact) => panic!("a link must be content"),
                    // Figures or artifacts as their logos say: `layout/letterhead.rs` tests.
                    (Item::Rule(_) | Item::Image(_), _)
                    | (Item::Text(_) | Item::Link(_), Tag::Content { .. }) => {}
                }
            }
        }
    }
}

/// Where the text area starts on a page.
fn memo_top(_doc: &Document, memo: &Memo) -> crate::layout::Pt {
    crate::layout::Geometry::of(&memo.page).top
}

#[test]
fn the_tree_reads_in_the_memos_order_labels_before_what_they_label() {
    let memo = crate::storage::sample().unwrap();
    let doc = laid(&memo);
    let reading = reading(&doc);
    let text = words(&reading);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {text}"))
    };
    // A header row's label, then its value; hung list numbers before their items.
    assert!(at("TO:") < at("The Honorable Secretary of State"));
    assert!(at("RE:") < at("Human rights conditions"));
    assert!(at("1.") < at("To the Secretary of State"));
    assert!(at("Findings") < at("Finding 1:") && at("Finding 1:") < at("Finding 2:"));
    assert!(at("Recommendations") < at("Signatories") && at("Signatories") < at("Notes"));
    // Signatories in the printed order, whichever column each is drawn in.
    let printed: Vec<String> = crate::model::order::printed_groups(&memo)
        .into_iter()
        .flat_map(|(_, members)| members)
        .map(|(_, s)| s.organization.chars().take(12).collect())
        .collect();
    let lis: Vec<String> = reading
        .split(|(role, t)| *role == Role::LI && t.is_empty())
        .skip(1)
        .map(|li| words(li).trim().to_owned())
        .filter(|w| !w.is_empty())
        .collect();
    let listed: Vec<&String> = lis
        .iter()
        .filter(|w| printed.iter().any(|o| w.starts_with(o.as_str())))
        .collect();
    assert_eq!(listed.len(), printed.len(), "{lis:?}");
    for (li, org) in listed.iter().zip(&printed) {
        assert!(li.starts_with(org.as_str()), "{li:?} in place of {org:?}");
    }
}

#[test]
fn a_links_words_and_clickable_areas_are_one_link_node() {
    let doc = laid(&crate::storage::sample().unwrap());
    let link = doc
        .structure
        .nodes
        .iter()
        .position(|n| n.role == Role::Link && n.alt.contains("documentation"))
        .expect("the introduction's link");
    let areas = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(i, Item::Link(_)))
        .filter(|i| matches!(i.tag(), Tag::Content { node, .. } if node.index() == link))
        .count();
    assert_eq!(
        doc.structure.nodes[link].alt,
        "alliance’s documentation page"
    );
    assert_eq!(areas, 1, "one line, one clickable area");
    // Every clickable area is in a link node with its words, and every link node has
    // an area.
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        if let (Item::Link(l), Tag::Content { node, .. }) = (item, item.tag()) {
            let words = &doc.structure.get(node).unwrap().alt;
            assert!(!words.is_empty(), "the area of {:?} has no words", l.url);
        }
    }
    for (i, node) in doc.structure.nodes.iter().enumerate() {
        if node.role == Role::Link {
            assert!(
                doc.pages.iter().flat_map(|p| &p.items).any(|item| {
                    matches!((item, item.tag()), (Item::Link(_), Tag::Content { node, .. }) if node.index() == i)
                }),
                "link {:?} has no clickable area",
                node.alt
            );
        }
    }
}

#[test]
fn a_mexican_organization_in_an_english_memo_is_read_in_spanish() {
    let memo = crate::storage::sample().unwrap();
    let doc = laid(&memo);
    let langs: Vec<Option<&str>> = doc
        .structure
        .nodes
        .iter()
        .filter(|n| {
            n.role == Role::LI
                && n.parent
                    .is_some_and(|p| doc.structure.get(p).unwrap().role == Role::List)
        })
        .map(|n| n.lang)
        .collect();
    let mexican = memo
        .confirmed()
        .filter(|(_, s)| s.country.contains("Mexico"))
        .count();
    assert_eq!(langs.iter().filter(|l| **l == Some("es")).count(), mexican);
    assert!(
        langs.contains(&None),
        "U.S. organizations read in the memo's English"
    );
}
