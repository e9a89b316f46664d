//! The document outline (bookmarks): one entry per section and finding, in reading
//! order, each with a destination at the top of its heading.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::utf16be;
use crate::layout::{Document, Pt};

/// Writes the outline of `doc` into `lo`; its id, or `None` when there is nothing in it.
pub(super) fn write(lo: &mut lopdf::Document, doc: &Document) -> Option<ObjectId> {
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let mut entries: Vec<(ObjectId, &crate::layout::Bookmark)> = Vec::new();
    for bookmark in &doc.outline {
        if page_ids.get(bookmark.page).is_some() {
            entries.push((lo.new_object_id(), bookmark));
        }
    }
    let outline_id = (!entries.is_empty()).then(|| lo.new_object_id());
    if let Some(outline_id) = outline_id {
        for (i, (id, bookmark)) in entries.iter().enumerate() {
            let page_id = page_ids.get(bookmark.page).copied().unwrap_or((0, 0));
            let height = doc.pages.get(bookmark.page).map_or(Pt(792.0), |p| p.height);
            let top = (height - bookmark.y).0 + 6.0;
            let mut dict = Dictionary::new();
            dict.set(
                "Title",
                Object::String(utf16be(&bookmark.title), StringFormat::Hexadecimal),
            );
            dict.set("Parent", Object::Reference(outline_id));
            dict.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page_id),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(top),
                    Object::Null,
                ]),
            );
            if let Some((prev, _)) = i.checked_sub(1).and_then(|p| entries.get(p)) {
                dict.set("Prev", Object::Reference(*prev));
            }
            if let Some((next, _)) = entries.get(i + 1) {
                dict.set("Next", Object::Reference(*next));
            }
            lo.objects.insert(*id, Object::Dictionary(dict));
        }
        let mut outlines = Dictionary::new();
        outlines.set("Type", Object::Name(b"Outlines".to_vec()));
        outlines.set(
            "Count",
            Object::Integer(i64::try_from(entries.len()).unwrap_or(0)),
        );
        if let (Some((first, _)), Some((last, _))) = (entries.first(), entries.last()) {
            outlines.set("First", Object::Reference(*first));
            outlines.set("Last", Object::Reference(*last));
        }
        lo.objects.insert(outline_id, Object::Dictionary(outlines));
    }
    outline_id
}
