// The host app's side of the contract ("Embedding"), as a store owner's
// event-creation screen would do it: place two pickers, hand them the
// sign-in token and the event's details, and listen for their events.
//
// Query (all optional): draftA, jobA, draftB, jobB, token, lang.
//   /examples/host.html?draftB=slow-demo&token=wrong
const query = new URLSearchParams(location.search);
const ID = /^[A-Za-z0-9._-]{1,128}$/;
const param = (name, fallback) => {
  const value = query.get(name);
  return value != null && ID.test(value) ? value : fallback;
};
// The demo gateway's token (`content-api --require-token demo-token`);
// a real host app has it from its own sign-in.
const token = query.get("token") ?? "demo-token";
const lang = query.get("lang") === "en" ? "en" : "ko";

const setups = {
  a: {
    draft: param("draftA", "host-a"),
    job: param("jobA", null),
    eventInfo: { title: "봄맞이 세일", giftName: "커피 쿠폰", brandColor: "#e4572e" },
  },
  b: { draft: param("draftB", "host-b"), job: param("jobB", null), eventInfo: null },
};

const log = document.getElementById("events");
function note(slot, type, detail) {
  const item = document.createElement("li");
  item.textContent = `picker ${slot.toUpperCase()} · ${type} · ${JSON.stringify(detail)}`;
  item.dataset.slot = slot;
  item.dataset.type = type;
  log.append(item);
}

function place(slot) {
  const { draft, job, eventInfo } = setups[slot];
  const picker = document.createElement("style-picker");
  picker.id = `picker-${slot}`;
  picker.setAttribute("event-draft-id", draft);
  if (job) picker.setAttribute("job-id", job);
  picker.setAttribute("lang", lang);
  picker.token = token;
  if (eventInfo) picker.eventInfo = eventInfo;
  picker.addEventListener("style-selected", (e) => note(slot, e.type, e.detail));
  picker.addEventListener("style-picker-auth", (e) => note(slot, e.type, e.detail));
  document.querySelector(`[data-slot="${slot}"] .actions`).before(picker);
}

for (const slot of Object.keys(setups)) {
  place(slot);
  const remove = document.querySelector(`[data-remove="${slot}"]`);
  const add = document.querySelector(`[data-add="${slot}"]`);
  remove.addEventListener("click", () => {
    document.getElementById(`picker-${slot}`)?.remove();
    remove.hidden = true;
    add.hidden = false;
    add.focus();
  });
  add.addEventListener("click", () => {
    place(slot);
    add.hidden = true;
    remove.hidden = false;
    remove.focus();
  });
}
