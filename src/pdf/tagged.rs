//! The tagged PDF (ISO 32000-1, 14.7-14.8; PDF/UA-1): marked content around everything
//! drawn, each piece either content of a node of the layout's structure (with an MCID) or
//! an artifact; then, with lopdf, what printpdf does not write: the structure tree in the
//! layout's reading order, the parent tree, link annotations as objects reached from
//! their Link elements, and the catalog entries that say the file is tagged.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::content::Content;
use crate::layout::{Document, Item, NodeId, Role, Structure, Tag};

/// What was marked on one page, in drawing order.
#[derive(Default)]
pub(super) struct PageTags {
    /// The node and reading-order position of each marked-content sequence: MCID `i` is
    /// `mcids[i]`.
    mcids: Vec<(NodeId, u32)>,
    /// The tag of each link annotation of the page, in the order they were added.
    links: Vec<Tag>,
    /// The sequence open in the text object.
    open: Open,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Open {
    #[default]
    Nothing,
    Artifact,
    Node(NodeId),
}

impl PageTags {
    /// Marks what `content` draws next as `tag`: continues the open sequence when it is
    /// the same node (or both are artifacts), else closes it and opens one.
    pub fn mark(&mut self, content: &mut Content, tag: Tag, structure: &Structure) {
        let open = match tag {
            Tag::Content { node, .. } => Open::Node(node),
            Tag::Unset | Tag::Artifact => Open::Artifact,
        };
        if self.open == open {
            return;
        }
        self.close(content);
        self.begin(content, tag, structure);
        self.open = open;
    }

    /// Closes the open sequence, if any.
    pub fn close(&mut self, content: &mut Content) {
        if std::mem::take(&mut self.open) != Open::Nothing {
            content.end_marked();
        }
    }

    /// Draws with `body` into `content` as one marked sequence of its own (outside the
    /// text object: rules).
    pub fn wrap(
        &mut self,
        content: &mut Content,
        tag: Tag,
        structure: &Structure,
        body: impl FnOnce(&mut Content),
    ) {
        self.begin(content, tag, structure);
        body(content);
        content.end_marked();
    }

    pub fn link(&mut self, tag: Tag) {
        self.links.push(tag);
    }

    fn begin(&mut self, content: &mut Content, tag: Tag, structure: &Structure) {
        match tag {
            Tag::Content { node, seq } => {
                let role = structure.get(node).map_or(Role::P, |n| n.role);
                content.begin_marked(role_name(role), self.mcids.len());
                self.mcids.push((node, seq));
            }
            Tag::Unset | Tag::Artifact => content.begin_artifact(),
        }
    }
}

/// The standard structure type of a role (ISO 32000-1, 14.8.4).
fn role_name(role: Role) -> &'static str {
    match role {
        Role::Document => "Document",
        Role::Sect => "Sect",
        Role::H1 => "H1",
        Role::H2 => "H2",
        Role::P => "P",
        Role::Table => "Table",
        Role::TR => "TR",
        Role::RowHeader => "TH",
        Role::TD => "TD",
        Role::BlockQuote => "BlockQuote",
        Role::NumberedList | Role::List => "L",
        Role::LI => "LI",
        Role::Lbl => "Lbl",
        Role::LBody => "LBody",
        Role::Note => "Note",
        Role::Reference => "Reference",
        Role::Link => "Link",
        Role::Figure => "Figure",
    }
}

/// The attributes a role needs (ISO 32000-1, 14.8.5): a row header's scope, a list's
/// numbering.
fn attributes(role: Role) -> Option<Dictionary> {
    let (owner, key, value) = match role {
        Role::RowHeader => ("Table", "Scope", "Row"),
        Role::NumberedList => ("List", "ListNumbering", "Decimal"),
        Role::List => ("List", "ListNumbering", "None"),
        Role::Document
        | Role::Sect
        | Role::H1
        | Role::H2
        | Role::P
        | Role::Table
        | Role::TR
        | Role::TD
        | Role::BlockQuote
        | Role::LI
        | Role::Lbl
        | Role::LBody
        | Role::Note
        | Role::Reference
        | Role::Link
        | Role::Figure => return None,
    };
    let mut dict = Dictionary::new();
    dict.set("O", Object::Name(owner.as_bytes().to_vec()));
    dict.set(key, Object::Name(value.as_bytes().to_vec()));
    Some(dict)
}

/// A kid of a structure element.
#[derive(Clone, Copy)]
enum Kid {
    Node(NodeId),
    /// Marked content `mcid` on page `page`.
    Content {
        page: usize,
        mcid: usize,
    },
    /// A link annotation on page `page`.
    Annotation {
        page: usize,
        id: ObjectId,
    },
}

/// Writes the structure tree of `doc` into `lo`, whose pages were drawn with `pages`.
pub(super) fn write(
    lo: &mut lopdf::Document,
    doc: &Document,
    pages: &[PageTags],
) -> lopdf::Result<()> {
    let structure = &doc.structure;
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let count = structure.nodes.len();
    let mut kids: Vec<Vec<(u32, Kid)>> = vec![Vec::new(); count];
    let push = |kids: &mut Vec<Vec<(u32, Kid)>>, node: NodeId, seq: u32, kid: Kid| {
        if let Some(list) = kids.get_mut(node.index()) {
            list.push((seq, kid));
        }
    };
    for (page, tags) in pages.iter().enumerate() {
        for (mcid, &(node, seq)) in tags.mcids.iter().enumerate() {
            push(&mut kids, node, seq, Kid::Content { page, mcid });
        }
    }
    // Link annotations become objects of their own, reached from their Link elements
    // (OBJR) and back through the parent tree.
    let mut annotations: Vec<(ObjectId, NodeId)> = Vec::new();
    for (page, (tags, &page_id)) in pages.iter().zip(&page_ids).enumerate() {
        let annots = match lo.get_dictionary(page_id).and_then(|p| p.get(b"Annots")) {
            Ok(Object::Array(annots)) => annots.clone(),
            _ => Vec::new(),
        };
        let mut refs = Vec::with_capacity(annots.len());
        let mut links = tags.links.iter().copied();
        for annot in annots {
            // A link without its node (none in a laid-out memo) stays a link, untagged.
            let (Object::Dictionary(mut dict), Some(Tag::Content { node, seq })) =
                (annot.clone(), links.next())
            else {
                refs.push(annot);
                continue;
            };
            let key = pages.len() + annotations.len();
            dict.set("StructParent", Object::Integer(to_i64(key)));
            // Printable, as PDF/UA asks of annotations that are content.
            dict.set("F", Object::Integer(4));
            let words = structure.get(node).map_or("", |n| n.alt.trim());
            let uri = dict
                .get(b"A")
                .and_then(Object::as_dict)
                .and_then(|a| a.get(b"URI"))
                .and_then(Object::as_str)
                .map(|u| String::from_utf8_lossy(u).into_owned())
                .unwrap_or_default();
            let contents = if words.is_empty() || words == uri {
                uri
            } else {
                format!("{words} ({uri})")
            };
            dict.set("Contents", text_string(&contents));
            let id = lo.add_object(Object::Dictionary(dict));
            refs.push(Object::Reference(id));
            annotations.push((id, node));
            push(&mut kids, node, seq, Kid::Annotation { page, id });
        }
        let page_dict = lo.get_dictionary_mut(page_id)?;
        page_dict.set("Annots", Object::Array(refs));
        page_dict.set("StructParents", Object::Integer(to_i64(page)));
        page_dict.set("Tabs", Object::Name(b"S".to_vec()));
    }
    for (index, node) in structure.nodes.iter().enumerate() {
        if let Some(parent) = node.parent {
            let id = NodeId(u32::try_from(index).unwrap_or(u32::MAX));
            push(&mut kids, parent, node.seq, Kid::Node(id));
        }
    }
    // Keep the nodes with something of their own to read (a header row's empty cell
    // too, so the table stays a grid); children come after their parents.
    let mut keep = vec![false; count];
    let mut content: Vec<bool> = kids
        .iter()
        .map(|k| k.iter().any(|(_, kid)| !matches!(kid, Kid::Node(_))))
        .collect();
    for (index, node) in structure.nodes.iter().enumerate().rev() {
        let has = content.get(index).copied().unwrap_or(false);
        if let (true, Some(parent)) = (has, node.parent)
            && let Some(slot) = content.get_mut(parent.index())
        {
            *slot = true;
        }
        if let Some(k) = keep.get_mut(index) {
            *k = has || node.role == Role::TD;
        }
    }
    let ids: Vec<Option<ObjectId>> = keep
        .iter()
        .map(|&k| k.then(|| lo.new_object_id()))
        .collect();
    let id_of = |node: NodeId| ids.get(node.index()).copied().flatten();
    let root_id = lo.new_object_id();

    let figures = figure_boxes(doc);
    let mut identified: Vec<(Vec<u8>, ObjectId)> = Vec::new();
    for (index, node) in structure.nodes.iter().enumerate() {
        let Some(Some(id)) = ids.get(index) else {
            continue;
        };
        let mut list = kids.get_mut(index).map(std::mem::take).unwrap_or_default();
        list.sort_by_key(|(seq, _)| *seq);
        let first_page = list.iter().find_map(|(_, kid)| match kid {
            Kid::Content { page, .. } => Some(*page),
            Kid::Node(_) | Kid::Annotation { .. } => None,
        });
        let page_ref = |page: usize| page_ids.get(page).copied().map(Object::Reference);
        let mut k = Vec::with_capacity(list.len());
        for (_, kid) in list {
            match kid {
                Kid::Node(child) => {
                    if let Some(child) = id_of(child) {
                        k.push(Object::Reference(child));
                    }
                }
                Kid::Content { page, mcid } if Some(page) == first_page => {
                    k.push(Object::Integer(to_i64(mcid)));
                }
                Kid::Content { page, mcid } => {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", Object::Name(b"MCR".to_vec()));
                    if let Some(pg) = page_ref(page) {
                        mcr.set("Pg", pg);
                    }
                    mcr.set("MCID", Object::Integer(to_i64(mcid)));
                    k.push(Object::Dictionary(mcr));
                }
                Kid::Annotation { page, id } => {
                    let mut objr = Dictionary::new();
                    objr.set("Type", Object::Name(b"OBJR".to_vec()));
                    if let Some(pg) = page_ref(page) {
                        objr.set("Pg", pg);
                    }
                    objr.set("Obj", Object::Reference(id));
                    k.push(Object::Dictionary(objr));
                }
            }
        }
        let mut elem = Dictionary::new();
        elem.set("Type", Object::Name(b"StructElem".to_vec()));
        elem.set("S", Object::Name(role_name(node.role).as_bytes().to_vec()));
        let parent = node.parent.and_then(id_of).unwrap_or(root_id);
        elem.set("P", Object::Reference(parent));
        if let Some(pg) = first_page.and_then(page_ref) {
            elem.set("Pg", pg);
        }
        elem.set("K", Object::Array(k));
        if let Some(lang) = node.lang {
            elem.set("Lang", text_string(lang));
        }
        if node.role == Role::Figure {
            elem.set("Alt", text_string(&node.alt));
        }
        if let Some(name) = &node.id {
            elem.set(
                "ID",
                Object::String(name.as_bytes().to_vec(), StringFormat::Literal),
            );
            identified.push((name.as_bytes().to_vec(), *id));
        }
        if let Some(attrs) = attributes(node.role) {
            elem.set("A", Object::Dictionary(attrs));
        } else if let Some(bbox) = figures.get(&index) {
            elem.set("A", Object::Dictionary(bbox.clone()));
        }
        lo.objects.insert(*id, Object::Dictionary(elem));
    }

    // The parent tree: for each page the element of each MCID, for each annotation its
    // Link element.
    let mut nums = Vec::with_capacity(pages.len() * 2 + annotations.len() * 2);
    for (page, tags) in pages.iter().enumerate() {
        nums.push(Object::Integer(to_i64(page)));
        let elems = tags
            .mcids
            .iter()
            .map(|(node, _)| id_of(*node).map_or(Object::Null, Object::Reference))
            .collect();
        nums.push(Object::Array(elems));
    }
    for (i, (_, node)) in annotations.iter().enumerate() {
        nums.push(Object::Integer(to_i64(pages.len() + i)));
        nums.push(id_of(*node).map_or(Object::Null, Object::Reference));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree = lo.add_object(Object::Dictionary(parent_tree));

    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    if let Some(document) = id_of(NodeId::ROOT) {
        root.set("K", Object::Reference(document));
    }
    root.set("ParentTree", Object::Reference(parent_tree));
    root.set(
        "ParentTreeNextKey",
        Object::Integer(to_i64(pages.len() + annotations.len())),
    );
    if !identified.is_empty() {
        // A name tree's keys in byte order: "note-10" before "note-2".
        identified.sort();
        let names = identified
            .into_iter()
            .flat_map(|(name, id)| {
                [
                    Object::String(name, StringFormat::Literal),
                    Object::Reference(id),
                ]
            })
            .collect();
        let mut tree = Dictionary::new();
        tree.set("Names", Object::Array(names));
        root.set("IDTree", Object::Dictionary(tree));
    }
    lo.objects.insert(root_id, Object::Dictionary(root));

    let catalog = lo.catalog_mut()?;
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    let mut viewer = Dictionary::new();
    viewer.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(viewer));
    Ok(())
}

/// The layout attributes of each figure (by node index): its bounding box on its page,
/// which ISO 32000-1 (14.8.5.4.3, table 344) asks of a figure on one page.
fn figure_boxes(doc: &Document) -> std::collections::BTreeMap<usize, Dictionary> {
    let mut boxes = std::collections::BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            let Item::Image(image) = item else { continue };
            let Tag::Content { node, .. } = image.tag else {
                continue;
            };
            let r = image.rect;
            let bbox = [
                r.min.x,
                page.height - r.max.y,
                r.max.x,
                page.height - r.min.y,
            ]
            .map(|v| Object::Real(v.0))
            .to_vec();
            let mut dict = Dictionary::new();
            dict.set("O", Object::Name(b"Layout".to_vec()));
            dict.set("BBox", Object::Array(bbox));
            boxes.insert(node.index(), dict);
        }
    }
    boxes
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A PDF text string: `PDFDocEncoding` for ASCII, else UTF-16BE with its byte order mark.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    Object::String(super::utf16be(s), StringFormat::Hexadecimal)
}
