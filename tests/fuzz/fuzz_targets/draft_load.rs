//! Any bytes as a draft: parsing either fails with an error or gives a memo that saves
//! and loads back equal. Never a panic, a hang or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(memo) = memodraft::storage::from_ron(text)
    {
        let again = memodraft::storage::from_ron(&memodraft::storage::to_ron(&memo));
        assert_eq!(
            again.ok().as_ref(),
            Some(&memo),
            "a loaded draft round-trips"
        );
    }
});
