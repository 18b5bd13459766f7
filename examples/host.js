// The host app's side of the contract ("Embedding"), as a store owner's
// event-creation screen would do it: place two pickers, hand them the
// sign-in token and the event's details, and listen for their events.
//
// Query (all optional): draftA, jobA, draftB, jobB, lang. Never a token:
// a page's URL ends up in the history, server logs and Referer headers.
//   /examples/host.html?draftB=slow-demo
const query = new URLSearchParams(location.search);
const ID = /^[A-Za-z0-9._-]{1,128}$/;
const param = (name, fallback) => {
  const value = query.get(name);
  return value != null && ID.test(value) ? value : fallback;
};
// The owner's API token, from the host app's own server, fetched by the
// browser: the session endpoint beside this page (examples/api/session,
// which the local content-api answers for the demo owner; a real app answers
// from the owner's sign-in session). The pickers wait for it
// (`token-required`): their very first request carries it.
const session = fetch(new URL("api/session", import.meta.url), {
  cache: "no-store",
  credentials: "same-origin",
})
  .then((response) => (response.ok ? response.json() : null))
  .then((answer) => (typeof answer?.token === "string" && answer.token ? answer.token : null))
  .catch(() => null);
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

// What the host keeps from a save: the `editedContent` of `style-selected`,
// shown readably under the picker (as text; event data never becomes markup).
const SAVED_TEXTS = [
  ["title", "제목"],
  ["prize", "경품"],
  ["guide", "참여 방법"],
];
const SAVED_COLOURS = [
  ["backgroundColor", "배경색"],
  ["textColor", "글자색"],
  ["accentColor", "강조색"],
];
const HEX = /^#[0-9a-fA-F]{6}$/;
const STYLE_NAMES = new Map([
  ["simple", "심플"],
  ["fancy", "화려한"],
  ["trendy", "트렌디"],
]);

function savedRow(list, label, value) {
  const term = document.createElement("dt");
  term.textContent = label;
  const data = document.createElement("dd");
  list.append(term, data);
  if (typeof value === "string" && value !== "") data.append(value);
  else data.append("(없음)");
  return data;
}

function showSaved(slot, detail) {
  const id = `saved-${slot}`;
  document.getElementById(id)?.remove();
  const box = document.createElement("section");
  box.id = id;
  box.className = "saved";
  box.setAttribute("aria-labelledby", `${id}-title`);
  const heading = document.createElement("h3");
  heading.id = `${id}-title`;
  heading.textContent = `picker ${slot.toUpperCase()} 저장된 내용`;
  const list = document.createElement("dl");
  const edited = detail?.editedContent ?? {};
  const style = detail?.style;
  savedRow(list, "스타일", STYLE_NAMES.has(style) ? `${STYLE_NAMES.get(style)} (${style})` : style);
  for (const [key, label] of SAVED_TEXTS) savedRow(list, label, edited[key]);
  for (const [key, label] of SAVED_COLOURS) {
    const value = edited[key];
    const data = savedRow(list, label, value);
    if (typeof value === "string" && HEX.test(value)) {
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.setAttribute("aria-hidden", "true");
      // CSSOM, not a style attribute: allowed under `style-src 'self'`.
      swatch.style.backgroundColor = value;
      data.prepend(swatch);
    }
  }
  box.append(heading, list);
  document.querySelector(`[data-slot="${slot}"] .actions`).after(box);
}

function place(slot) {
  const { draft, job, eventInfo } = setups[slot];
  const picker = document.createElement("style-picker");
  picker.id = `picker-${slot}`;
  picker.setAttribute("event-draft-id", draft);
  if (job) picker.setAttribute("job-id", job);
  picker.setAttribute("lang", lang);
  // Nothing is sent until the token is set (the session answers after the
  // element is on the page).
  picker.setAttribute("token-required", "");
  session.then((token) => {
    if (token) picker.token = token;
    else note(slot, "session", "로그인이 필요해요: 세션에서 토큰을 받지 못했어요");
  });
  if (eventInfo) picker.eventInfo = eventInfo;
  picker.addEventListener("style-selected", (e) => {
    note(slot, e.type, e.detail);
    showSaved(slot, e.detail);
  });
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
