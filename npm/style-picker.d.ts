/**
 * Types for `<style-picker>`, the custom element that `style-picker.js` (in
 * `dist/`, for static hosting) and the npm package `style-picker` define.
 *
 * The element waits for a Content Service image job, shows its three style
 * cards (simple, fancy, trendy), lets the store owner pick one and edit its
 * texts and colours, saves that to the event draft, and then tells the host
 * page with a `style-selected` event.
 *
 * With a bundler (Vite, webpack, Next.js), install the package and import it
 * in code that runs in the browser; its types come with it:
 *
 * ```ts
 * import "style-picker"; // defines <style-picker>; does nothing on a server
 * import type { StyleSelectedDetail } from "style-picker";
 *
 * const picker = document.createElement("style-picker"); // StylePickerElement
 * picker.setAttribute("event-draft-id", draft.id);
 * picker.token = session.accessToken;
 * picker.eventInfo = { title: draft.title, brandColor: "#e4572e" };
 * picker.addEventListener("style-selected", (e) => save(e.detail.style, e.detail.editedContent));
 * picker.addEventListener("style-picker-auth", (e) => signIn(e.detail.status));
 * container.append(picker);
 * ```
 *
 * Served as static files instead, `dist/` is linked from the page:
 * `<script type="module" src="/path/to/style-picker/style-picker.js"></script>`,
 * and this file (beside it in `dist/`) is brought into the program once, by
 * an `import type` of it or its path in tsconfig's `files` / `include`.
 *
 * In React, use the package's component (`style-picker/react`): it gives the
 * element `token` and `eventInfo` as properties, never as attributes. The
 * JSX declaration below types the bare `<style-picker>` with its attributes
 * only, so that a token written as a JSX attribute (which a server render
 * puts in the HTML) does not type-check. This file is checked against the
 * element by `tools/check-types.mjs`, so its names follow the element's.
 *
 * @packageDocumentation
 */

/** A style the Content Service draws, in the order the cards show them. */
export type Style = "simple" | "fancy" | "trendy";

/** A language the element speaks: Korean (the default) or English. */
export type StylePickerLang = "ko" | "en";

/** A heading level for the element's heading: an `<h1>` … `<h6>`. */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/**
 * The colour scheme (`theme`): `light`, `dark`, or `auto` (the default: the
 * system's `prefers-color-scheme`).
 */
export type StylePickerTheme = "light" | "dark" | "auto";

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

/** The `detail` of {@link StylePickerErrorEvent}. */
export interface StylePickerErrorDetail {
  /**
   * `load`: the element's own files (its wasm or the glue that loads it) did
   * not load: an HTTP error, a network failure, a policy without
   * `'wasm-unsafe-eval'`, or no answer within 8 s.
   */
  reason: "load";
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

/**
 * `style-picker-error`: the element's own files did not load. It says so
 * (`role="alert"`) with a 다시 시도 (Try again) button that loads them again;
 * an element connected later tries again too. Bubbles and is composed.
 */
export type StylePickerErrorEvent = CustomEvent<StylePickerErrorDetail>;

/** The element's own events, by name, as `addEventListener` types them. */
export interface StylePickerEventMap {
  "style-selected": StyleSelectedEvent;
  "style-picker-auth": StylePickerAuthEvent;
  "style-picker-error": StylePickerErrorEvent;
}

/** The element's event map together with every other `HTMLElement` event. */
export interface StylePickerElementEventMap extends HTMLElementEventMap, StylePickerEventMap {}

/**
 * `<style-picker>`. Its attributes (`job-id`, `event-draft-id`, `lang`,
 * `api-base`, `heading-level`, `token-required`) are read with
 * `getAttribute`; changing one starts over, as a new page with that query
 * would (`theme` only restyles it). Removing the element from the page stops
 * every request and timer it started.
 */
export interface StylePickerElement extends HTMLElement {
  /**
   * The owner's bearer token, sent as `Authorization: Bearer …` with every
   * request; setting it again replaces it from the next request on. `null`
   * (or an empty string) sends none. Set on an element that stopped at a
   * 401/403, it starts over. Never an attribute, never in the page.
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
  /** `light`, `dark` or `auto` (the default): the colour scheme; styles only. */
  theme?: StylePickerTheme | undefined;
  /**
   * Present: nothing starts until the `token` property is set (a host that
   * gets the owner's token in the browser after the element is on the page).
   */
  "token-required"?: boolean | "" | undefined;
}

/**
 * Defines `<style-picker>` once (later calls do nothing); does nothing where
 * there is no DOM (a server render). `import "style-picker"` and
 * `dist/style-picker.js` call it; `style-picker/react` calls it once it has
 * given the element its properties.
 */
export declare function defineStylePicker(): void;

declare global {
  interface HTMLElementTagNameMap {
    "style-picker": StylePickerElement;
  }
  // The events bubble and are composed: a container, the document and the
  // window hear them too.
  interface HTMLElementEventMap {
    "style-selected": StyleSelectedEvent;
    "style-picker-auth": StylePickerAuthEvent;
    "style-picker-error": StylePickerErrorEvent;
  }
  interface DocumentEventMap {
    "style-selected": StyleSelectedEvent;
    "style-picker-auth": StylePickerAuthEvent;
    "style-picker-error": StylePickerErrorEvent;
  }
  interface WindowEventMap {
    "style-selected": StyleSelectedEvent;
    "style-picker-auth": StylePickerAuthEvent;
    "style-picker-error": StylePickerErrorEvent;
  }
}

// The bare element in JSX: its attributes and the standard HTML ones, and
// nothing else. `token` and `eventInfo` are properties; a JSX attribute would
// be written into server-rendered HTML (React 18 always writes it as an
// attribute). Use `StylePicker` from `style-picker/react`, or set them through
// a `ref`.
declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      /**
       * `<style-picker>`: waits for an image job, lets the owner pick and
       * edit a style, and reports the saved choice as `style-selected`.
       */
      "style-picker": Omit<
        DetailedHTMLProps<HTMLAttributes<StylePickerElement>, StylePickerElement>,
        keyof StylePickerAttributes
      > &
        StylePickerAttributes;
    }
  }
}
