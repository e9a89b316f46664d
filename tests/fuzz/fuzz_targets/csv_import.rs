//! Any bytes as a sign-on CSV: the import either fails with an error and leaves the list
//! alone, or merges rows, never losing an organization that was there.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use memodraft::model::Signatory;
use memodraft::storage::signatories;

fuzz_target!(|data: &[u8]| {
    let mut list = vec![Signatory {
        organization: "Centro de Derechos Humanos Miguel Agustín Pro Juárez".into(),
        ..Signatory::default()
    }];
    let before = list.clone();
    match signatories::import_bytes(&mut list, data, Path::new("fuzz.csv")) {
        Ok(report) => {
            assert!(list.len() >= before.len());
            let added = report
                .rows
                .iter()
                .filter(|r| r.outcome == signatories::Outcome::Added)
                .count();
            assert_eq!(list.len(), before.len() + added);
        }
        Err(_) => assert_eq!(list, before),
    }
});
