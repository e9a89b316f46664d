//! Arbitrary memos (the `arbitrary` derive on the model) laid out and exported: layout
//! never fails, and the PDF parses back with one page per laid-out page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use memodraft::fonts::Fonts;
use memodraft::model::Memo;

fuzz_target!(|memo: Memo| {
    thread_local! {
        static FONTS: Fonts = Fonts::new().expect("bundled fonts");
    }
    FONTS.with(|fonts| {
        let laid = memodraft::layout::layout(&memo, fonts, &memo.page);
        let bytes = memodraft::pdf::export(
            &laid.document,
            fonts,
            &memodraft::pdf::PdfOptions::default(),
        )
        .expect("a laid-out document always exports");
        let doc = lopdf::Document::load_mem(&bytes).expect("the PDF parses");
        assert_eq!(doc.get_pages().len(), laid.document.pages.len().max(1));
    });
});
