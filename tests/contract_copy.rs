//! docs/contract.md is the contract the team works from
//! (`../shared/CONTRACT.md`): kept equal, so the repository's copy is the one
//! a reader can trust.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

#[test]
fn the_contract_in_the_repository_is_the_shared_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ours = std::fs::read_to_string(root.join("docs/contract.md")).unwrap();
    assert!(ours.starts_with("# style-picker: the contract"));
    // The shared folder sits beside the checkout on a team machine; a clone
    // elsewhere (SHARED_DIR unset, no ../shared) has only its own copy to read.
    let shared = std::env::var_os("SHARED_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"));
    match std::fs::read_to_string(shared.join("CONTRACT.md")) {
        Ok(theirs) => assert!(
            ours == theirs,
            "docs/contract.md differs from {}/CONTRACT.md: copy it over",
            shared.display()
        ),
        Err(_) => eprintln!(
            "no {}/CONTRACT.md here: only docs/contract.md checked",
            shared.display()
        ),
    }
}
