/**
 * Types for `<style-picker>`, the custom element defined by `style-picker.js`
 * (the file beside this one in `dist/`).
 *
 * The element waits for a Content Service image job, shows its three style
 * cards (simple, fancy, trendy), lets the store owner pick one and edit its
 * texts and colours, saves that to the event draft, and then tells the host
 * page with a `style-selected` event.
 *
 * Copy this file next to your code, or point at it where `dist/` is, and
 * bring it into the program once: any `import type` of it (below), or its
 * path in tsconfig's `files` / `include`. Its global declarations (the tag,
 * the events, the JSX element) then hold everywhere.
 *
 * ```ts
 * import type { StyleSelectedDetail } from "./vendor/style-picker.js"; // this file's types
 * await import("/static/style-picker/style-picker.js"); // the element, from where dist/ is served
 *
 * const picker = document.createElement("style-picker"); // StylePickerElement
 * picker.setAttribute("event-draft-id", draft.id);
 * picker.token = session.accessToken;
 * picker.eventInfo = { title: draft.title, brandColor: "#e4572e" };
 * picker.addEventListener("style-selected", (e) => save(e.detail.style, e.detail.editedContent));
 * picker.addEventListener("style-picker-auth", (e) => signIn(e.detail.status));
 * ```
 *
 * With React 19 the same element is `<style-picker>` in JSX (see
 * {@link StylePickerProps}). This file is checked against the element by
 * `tools/check-types.mjs`, so its names follow the element's.
 *
 * @packageDocumentation
 */

/** A style the Content Service draws, in the order the cards show them. */
export type Style = "simple" | "fancy" | "trendy";

/** A language the element speaks: Korean (the default) or English. */
export type StylePickerLang = "ko" | "en";

/** A heading level for the element's heading: an `<h1>` … `<h6>`. */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** A colour as the element sends it: `#rrggbb`, in lower case. */
export type HexColor = `#${string}`;

/** A value that survives `JSON.stringify` unchanged. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };

/**
 * What the host app knows about the event, sent with every generate request as
 * `{"eventDraftId": "…", "eventInfo": {…}}`: the Content Service draws from it,
 * and the editor starts from it (`title` → 제목, `giftName` → 경품,
 * `brandColor` → 강조색).
 *
 * Fields other than the known ones are sent as they are, so they must be JSON.
 */
export interface EventInfo {
  /** The event's title, e.g. "봄맞이 세일". */
  title?: string | undefined;
  /** The gift or prize, e.g. "커피 쿠폰". */
  giftName?: string | undefined;
  /** The brand colour as `#rrggbb`, e.g. "#e4572e". */
  brandColor?: string | undefined;
  /** An `https:` URL of the store's logo. */
  logoUrl?: string | undefined;
  /** Anything else the Content Service reads: sent as JSON. */
  [field: string]: JsonValue | undefined;
}

/**
 * The owner's edits of the chosen image, exactly as saved to the event draft
 * (`PUT /api/content/{eventDraftId}/select`). Texts are trimmed.
 */
export interface EditedContent {
  /** 제목: 1 to 40 characters. */
  title: string;
  /** 경품: 0 to 80 characters (empty when there is no prize text). */
  prize: string;
  /** 참여 방법 (how to join): 0 to 80 characters. */
  guide: string;
  /** 배경색: `#rrggbb`, lower case. */
  backgroundColor: HexColor;
  /** 글자색: `#rrggbb`, lower case. */
  textColor: HexColor;
  /** 강조색: `#rrggbb`, lower case. */
  accentColor: HexColor;
}

/** The `detail` of {@link StyleSelectedEvent}: the choice the owner saved. */
export interface StyleSelectedDetail {
  /** The image job the choice came from. */
  jobId: string;
  /** The event draft it was saved to (the element's `event-draft-id`). */
  eventDraftId: string;
  /** The chosen style. */
  style: Style;
  /** The chosen image's URL, as the Content Service gave it (valid 7 days). */
  imageUrl: string;
  /** The owner's texts and colours, as saved. */
  editedContent: EditedContent;
}

/** The `detail` of {@link StylePickerAuthEvent}. */
export interface StylePickerAuthDetail {
  /**
   * `401`: the owner's session is missing or expired (sign in again);
   * `403`: signed in, but not allowed this job or draft.
   */
  status: 401 | 403;
}

/**
 * `style-selected`: the owner's save was accepted (the API answered 200 or
 * 204). Fired again on every later save. Bubbles and is composed.
 */
export type StyleSelectedEvent = CustomEvent<StyleSelectedDetail>;

/**
 * `style-picker-auth`: the gateway refused the owner (401 or 403). The element
 * has stopped and says to sign in again; give it a fresh `token` (or re-create
 * it) after signing in. Bubbles and is composed.
 */
export type StylePickerAuthEvent = CustomEvent<StylePickerAuthDetail>;

/** The element's own events, by name, as `addEventListener` types them. */
export interface StylePickerEventMap {
  "style-selected": StyleSelectedEvent;
  "style-picker-auth": StylePickerAuthEvent;
}

/** The element's event map together with every other `HTMLElement` event. */
export interface StylePickerElementEventMap extends HTMLElementEventMap, StylePickerEventMap {}

/**
 * `<style-picker>`. Its attributes (`job-id`, `event-draft-id`, `lang`,
 * `api-base`, `heading-level`) are read with `getAttribute`; changing one
 * starts over, as a new page with that query would. Removing the element from
 * the page stops every request and timer it started.
 */
export interface StylePickerElement extends HTMLElement {
  /**
   * The owner's bearer token, sent as `Authorization: Bearer …` with every
   * request; setting it again replaces it from the next request on. `null`
   * (or an empty string) sends none. Never an attribute, never in the page.
   */
  get token(): string | null;
  set token(value: string | null | undefined);

  /**
   * The event's details, sent with every generate request and used to fill
   * the editor; `null` sends `{"eventDraftId": "…"}` alone. Kept as given
   * (not copied): set a new object to change it.
   */
  get eventInfo(): EventInfo | null;
  set eventInfo(value: EventInfo | null | undefined);

  addEventListener<K extends keyof StylePickerElementEventMap>(
    type: K,
    listener: (this: StylePickerElement, event: StylePickerElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof StylePickerElementEventMap>(
    type: K,
    listener: (this: StylePickerElement, event: StylePickerElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/**
 * The element's attributes, by their HTML names. All optional: without
 * `job-id` the element asks for a new job for `event-draft-id`.
 */
export interface StylePickerAttributes {
  /** The image job to watch (`A-Z a-z 0-9 - _ .`, at most 128 characters). */
  "job-id"?: string | undefined;
  /** The event draft the images belong to (same characters and length). */
  "event-draft-id"?: string | undefined;
  /** `ko` (the default) or `en`. */
  lang?: StylePickerLang | undefined;
  /** The API's base URL; the page's own origin when empty or absent. */
  "api-base"?: string | undefined;
  /**
   * The level of the element's heading, 1 to 6; `2` by default (the host
   * page has its own `<h1>`).
   */
  "heading-level"?: HeadingLevel | `${HeadingLevel}` | undefined;
}

/**
 * React 19 props of `<style-picker>`: the attributes, the two properties and
 * the two events, besides every HTML attribute and `ref`.
 *
 * React 19 sets `token` and `eventInfo` as properties only when the element
 * is already defined when React renders it (otherwise it would write them as
 * attributes): load `style-picker.js` before the first render (a
 * `<script type="module">` before your bundle, or `await import(…)` and
 * `customElements.whenDefined("style-picker")` before `createRoot().render`),
 * or set them through a `ref`.
 *
 * `onstyle-selected` and `onstyle-picker-auth` are React 19's listeners for
 * custom elements' events: `on` followed by the event's exact name.
 */
export interface StylePickerProps extends StylePickerAttributes {
  /** See {@link StylePickerElement.token}. */
  token?: string | null | undefined;
  /** See {@link StylePickerElement.eventInfo}. */
  eventInfo?: EventInfo | null | undefined;
  /** The owner's save was accepted: {@link StyleSelectedEvent}. */
  "onstyle-selected"?: ((event: StyleSelectedEvent) => void) | undefined;
  /** The gateway refused the owner: {@link StylePickerAuthEvent}. */
  "onstyle-picker-auth"?: ((event: StylePickerAuthEvent) => void) | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    "style-picker": StylePickerElement;
  }
  // Both events bubble and are composed: a container, the document and the
  // window hear them too.
  interface HTMLElementEventMap {
    "style-selected": StyleSelectedEvent;
    "style-picker-auth": StylePickerAuthEvent;
  }
  interface DocumentEventMap {
    "style-selected": StyleSelectedEvent;
    "style-picker-auth": StylePickerAuthEvent;
  }
  interface WindowEventMap {
    "style-selected": StyleSelectedEvent;
    "style-picker-auth": StylePickerAuthEvent;
  }
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      /**
       * `<style-picker>`: waits for an image job, lets the owner pick and
       * edit a style, and reports the saved choice as `style-selected`.
       */
      "style-picker": Omit<
        DetailedHTMLProps<HTMLAttributes<StylePickerElement>, StylePickerElement>,
        keyof StylePickerProps
      > &
        StylePickerProps;
    }
  }
}
