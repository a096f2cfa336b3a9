//! Arbitrary bytes read as Markdown (front matter, pulldown-cmark, URL and marker cleaning),
//! then segmented; checks the span invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::input::{InputFormat, InputOptions, from_bytes};

fuzz_target!(|data: &[u8]| {
    parallax_fuzz_check(data, InputFormat::Markdown);
});

fn parallax_fuzz_check(data: &[u8], format: InputFormat) {
    let opts = InputOptions { format, lossy: true, ..Default::default() };
    if let Ok(input) = from_bytes("fuzz", data, &opts) {
        let doc = input.document;
        let st = parallax::segment::segment(&doc, &Default::default());
        let mut prev = 0;
        for s in st {
            assert!(s.span.start >= prev && s.span.start < s.span.end);
            assert!(doc.text.get(s.span.start..s.span.end).is_some());
            prev = s.span.end;
        }
    }
}
