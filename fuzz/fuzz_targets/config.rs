//! The configuration loader: any text is a configuration or a clean error whose span lies
//! inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match planlint_rules::Config::parse(text) {
        Ok(loaded) => {
            let _ = loaded.settings(&loaded.matching(Some("plans/a.md")), &planlint_rules::Settings::default());
        }
        Err(e) => {
            if let Some(span) = e.span {
                assert!(span.end <= text.len(), "error span {span:?} outside the text");
            }
        }
    }
});
