//! Arbitrary UTF-8 text straight into the segmenter (plain-text blocks and sentences):
//! spans are ordered, non-empty, on char boundaries and trimmed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::Document;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = Document::from_text("fuzz", text);
    let st = parallax::segment::segment(&doc, &Default::default());
    let mut prev = 0;
    for s in st {
        assert!(s.span.start >= prev && s.span.start < s.span.end);
        let t = doc.text.get(s.span.start..s.span.end).expect("char boundaries");
        assert_eq!(t, t.trim());
        prev = s.span.end;
    }
});
