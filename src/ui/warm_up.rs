//! One rehearsal of the cards while the owner waits. A wasm function is
//! compiled on its first call, so the first COMPLETED answer of a page would
//! pay for compiling everything the cards run. Rehearsed once, off the page,
//! after the first answer of the wait, it costs a few ms of a 20 s wait and
//! 1 KiB of the first view, and halves the time from the answer to the
//! cards: 17.5 ms against 36.2 at CPU ×4, the hand-written page's 16.9
//! (docs/performance.md).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::completed::{Completed, SaveSettings};
use super::handles::Host;
use crate::core::{Command, Timing, WatchMachine};
use crate::i18n::Lang;
use crate::wire::{read_status, DraftId, ImageSet, ImageSource, Inputs, JobId, Reply};

/// A made-up COMPLETED answer for the rehearsal's own machine.
const COMPLETED: &str = r#"{"status":"COMPLETED","imageUrls":{"simple":"https://warm.up/s.png","fancy":"https://warm.up/f.png","trendy":"https://warm.up/t.png"}}"#;

/// The real answer's path, once, on made-up data, thrown away: a machine of
/// its own reads a COMPLETED body (the wire's types, the image URL checks,
/// the machine's completed branch and its words), and the completed screen
/// is built into an element that is never attached, then dropped. Its
/// images have an empty `src`, which loads nothing; nothing is sent.
pub(super) fn rehearse(lang: Lang, host: Host, save: SaveSettings) {
    let (Ok(job), Ok(draft)) = (JobId::parse("warm-up"), DraftId::parse("warm-up")) else {
        return;
    };
    let now = (save.clock)();
    let mut machine = WatchMachine::new(Timing::CONTRACT);
    let inputs = Inputs::Watch {
        job: job.clone(),
        draft: draft.clone(),
    };
    machine.start(now, Ok(inputs));
    if let Some(Command::SendStatus { request, .. }) = machine.poll_command() {
        let reply = Reply::new(200, COMPLETED);
        machine.handle_status(now, request, read_status(&Ok(reply), 0));
        std::hint::black_box(lang.texts().status(&machine.view()));
    }
    let Some(el) = document().create_element("div").ok() else {
        return;
    };
    let blank = || ImageSource::Allowed(String::new());
    let images = ImageSet {
        simple: blank(),
        fancy: blank(),
        trendy: blank(),
    };
    let shown = leptos::mount::mount_to(el.unchecked_into(), move || {
        let (edit, editing) = (RwSignal::new(None), RwSignal::new(false));
        view! { <Completed lang job draft images host save edit editing /> }
    });
    drop(shown);
}
