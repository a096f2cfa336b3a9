//! Arbitrary bytes through decoding, sniffing and whichever reader it picks (lossy on, so that
//! invalid UTF-8 reaches the readers too), then segmentation; checks the block and span
//! invariants the segmenter and the report rely on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::input::{InputFormat, InputOptions, from_bytes};

fuzz_target!(|data: &[u8]| {
    parallax_fuzz_check(data, InputFormat::Auto);
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
