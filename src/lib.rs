//! memodraft: draft coalition advocacy memos as structured data, lay them out into pages,
//! and print them as PDF. The pipeline runs one way: `model` -> `layout` -> `pdf` (and
//! the preview painter); `storage` reads and writes drafts.

pub mod desktop;
pub mod fonts;
pub mod generate;
pub mod images;
pub mod layout;
pub mod model;
pub mod parallel;
pub mod pdf;
#[cfg(feature = "editor")]
pub mod preview;
pub mod release;
pub mod spell;
pub mod storage;
#[cfg(feature = "editor")]
pub mod ui;
