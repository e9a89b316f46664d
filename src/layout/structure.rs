//! The memo's logical structure, recorded by layout as it builds the memo part by part:
//! a tree of nodes (sections, headings, paragraphs, quotes, lists, notes, links) in the
//! memo's reading order, and on every page item the node it belongs to (or that it is an
//! artifact: running headers, page numbers, rules). The PDF painter writes it as the
//! tagged PDF's structure tree; nothing here knows PDF syntax.

use super::document::{Inline, Item};
use super::text::SetLine;

/// A node of [`Structure::nodes`], by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The document node, the root of every structure.
    pub const ROOT: Self = Self(0);

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a node is to a reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Document,
    /// A section: a heading and what belongs to it.
    Sect,
    /// A section's heading (Findings, Recommendations, Signatories, Notes).
    H1,
    /// A heading inside a section (a finding's title, a country of signatories).
    H2,
    P,
    /// The header block (TO, CC, FROM, DATE, RE): a table of labelled rows.
    Table,
    TR,
    /// The label of a header row, which heads its row.
    RowHeader,
    TD,
    /// A quotation; its text and its attribution are paragraphs inside it.
    BlockQuote,
    /// A list labelled 1., 2., ... (recommendations).
    NumberedList,
    /// A list without labels (signatories).
    List,
    LI,
    Lbl,
    LBody,
    /// An endnote, with an id that its references point at.
    Note,
    /// A note number in the text.
    Reference,
    /// The words of a link, and its clickable areas.
    Link,
    /// An image that says something (a logo), with its alt text.
    Figure,
}

/// One node of the structure.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub role: Role,
    /// `None` only for the root.
    pub parent: Option<NodeId>,
    /// Reading-order position: a node comes before a sibling, or content of its parent,
    /// with a larger `seq`.
    pub seq: u32,
    /// BCP 47 language where it differs from the document's (a Mexican organization's
    /// name in an English memo).
    pub lang: Option<&'static str>,
    /// A unique identifier (endnotes: "note-3").
    pub id: Option<String>,
    /// What a reader is told a link does (its words, as printed), or what a figure shows.
    pub alt: String,
}

/// The structure of a laid-out memo: `nodes[0]` is the document, every other node names
/// its parent.
#[derive(Clone, Debug, PartialEq)]
pub struct Structure {
    pub nodes: Vec<Node>,
}

impl Default for Structure {
    fn default() -> Self {
        Self {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
                seq: 0,
                lang: None,
                id: None,
                alt: String::new(),
            }],
        }
    }
}

impl Structure {
    pub fn get(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.index())
    }
}

/// Where an item belongs in the structure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tag {
    /// Not yet placed: what line breaking makes, before the builder says what it is.
    /// A laid-out document has none (a test checks); a painter treats one as an artifact.
    #[default]
    Unset,
    /// Page furniture a reader skips: running headers, page numbers, rules.
    Artifact,
    /// Content of `node`, at reading-order position `seq` among its siblings.
    Content { node: NodeId, seq: u32 },
}

/// Builds a [`Structure`] while the memo is laid out, and tags the items of set lines.
pub(super) struct Tagger {
    tree: Structure,
    /// Where new nodes go.
    parent: NodeId,
    seq: u32,
}

/// The container to go back to after [`Tagger::enter`].
#[must_use]
#[derive(Clone, Copy)]
pub(super) struct Scope(NodeId);

impl Tagger {
    pub fn new() -> Self {
        Self {
            tree: Structure::default(),
            parent: NodeId::ROOT,
            seq: 0,
        }
    }

    fn next(&mut self) -> u32 {
        self.seq += 1;
        self.seq
    }

    /// A new node of `role` in `parent`, after everything there so far.
    pub fn child(&mut self, parent: NodeId, role: Role) -> NodeId {
        let seq = self.next();
        let id = NodeId(u32::try_from(self.tree.nodes.len()).unwrap_or(u32::MAX));
        self.tree.nodes.push(Node {
            role,
            parent: Some(parent),
            seq,
            lang: None,
            id: None,
            alt: String::new(),
        });
        id
    }

    /// A new node of `role` in the current container.
    pub fn node(&mut self, role: Role) -> NodeId {
        self.child(self.parent, role)
    }

    /// Opens a node of `role` in the current container; new nodes go in it until
    /// [`Tagger::leave`].
    pub fn enter(&mut self, role: Role) -> (NodeId, Scope) {
        let id = self.node(role);
        let scope = Scope(std::mem::replace(&mut self.parent, id));
        (id, scope)
    }

    pub fn leave(&mut self, scope: Scope) {
        self.parent = scope.0;
    }

    pub fn set_lang(&mut self, id: NodeId, lang: &'static str) {
        if let Some(node) = self.tree.nodes.get_mut(id.index()) {
            node.lang = Some(lang);
        }
    }

    pub fn set_id(&mut self, id: NodeId, name: String) {
        if let Some(node) = self.tree.nodes.get_mut(id.index()) {
            node.id = Some(name);
        }
    }

    /// Tags the untagged items of `lines` as content of `node`, in order: the words of a
    /// link in a [`Role::Link`] node of their own (one across a line break) with its
    /// clickable areas, a note number in a [`Role::Reference`].
    pub fn stamp(&mut self, lines: &mut [SetLine], node: NodeId) {
        // The link that ended the previous line: (its address, its node).
        let mut open_link: Option<(String, NodeId)> = None;
        for line in lines {
            let urls: Vec<&str> = line
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Link(link) => Some(link.url.as_str()),
                    Item::Text(_) | Item::Rule(_) | Item::Image(_) => None,
                })
                .collect();
            let starts_with_link = line.items.iter().find_map(|item| match item {
                Item::Text(run) => Some(matches!(run.inline, Inline::Link(0))),
                Item::Rule(_) | Item::Link(_) | Item::Image(_) => None,
            }) == Some(true);
            // Link k of this line: its node, once made.
            let mut line_links: Vec<Option<NodeId>> = vec![None; urls.len()];
            if let (Some((url, id)), true, Some(first)) =
                (&open_link, starts_with_link, line_links.first_mut())
                && urls.first() == Some(&url.as_str())
            {
                *first = Some(*id);
            }
            let urls: Vec<String> = urls.into_iter().map(str::to_owned).collect();
            let mut last_link = None;
            let mut link_items = 0;
            for item in &mut line.items {
                match item {
                    Item::Text(run) if run.tag == Tag::Unset => {
                        let target = match run.inline {
                            Inline::Plain => {
                                last_link = None;
                                node
                            }
                            Inline::Reference => {
                                last_link = None;
                                self.child(node, Role::Reference)
                            }
                            Inline::Link(k) => {
                                let k = usize::from(k);
                                let id = if let Some(id) = line_links.get(k).copied().flatten() {
                                    id
                                } else {
                                    let id = self.child(node, Role::Link);
                                    if let Some(slot) = line_links.get_mut(k) {
                                        *slot = Some(id);
                                    }
                                    id
                                };
                                if let Some(n) = self.tree.nodes.get_mut(id.index()) {
                                    n.alt.push_str(&run.reading_text());
                                }
                                last_link = Some(k);
                                id
                            }
                        };
                        run.tag = self.content(target);
                    }
                    Item::Link(link) => {
                        if link.tag == Tag::Unset {
                            let id = match line_links.get(link_items).copied().flatten() {
                                Some(id) => id,
                                None => self.child(node, Role::Link),
                            };
                            link.tag = self.content(id);
                        }
                        link_items += 1;
                    }
                    Item::Rule(rule) if rule.tag == Tag::Unset => rule.tag = Tag::Artifact,
                    Item::Text(_) | Item::Rule(_) | Item::Image(_) => {}
                }
            }
            open_link = last_link.and_then(|k| {
                let id = line_links.get(k).copied().flatten()?;
                Some((urls.get(k)?.clone(), id))
            });
        }
    }

    /// The tag of an image: content of a new [`Role::Figure`] saying `alt`, or an
    /// artifact when it is `decorative`.
    pub fn figure(&mut self, alt: &str, decorative: bool) -> Tag {
        if decorative {
            return Tag::Artifact;
        }
        let node = self.node(Role::Figure);
        if let Some(n) = self.tree.nodes.get_mut(node.index()) {
            alt.trim().clone_into(&mut n.alt);
        }
        self.content(node)
    }

    fn content(&mut self, node: NodeId) -> Tag {
        Tag::Content {
            node,
            seq: self.next(),
        }
    }

    pub fn finish(self) -> Structure {
        self.tree
    }
}

#[cfg(test)]
mod tests;
