//! The save's rules (contract, "Editing") on a fake clock, and property tests
//! over random answers, latencies, clicks and offline spells.
