/**
 * `style-picker/react`: `<style-picker>` as a React component (React 18.3
 * and 19, a client component).
 *
 * ```tsx
 * "use client";
 * import { StylePicker } from "style-picker/react";
 *
 * <StylePicker
 *   eventDraftId={draft.id}
 *   tokenRequired
 *   token={session?.accessToken}        // from the browser's session, never from a server prop
 *   eventInfo={{ title: draft.title, brandColor: "#e4572e" }}
 *   onStyleSelected={(detail) => setChosen(detail)}
 *   onAuthRefused={({ status }) => signIn(status)}
 * />
 * ```
 *
 * Rendered on a server it writes only the attributes (`job-id`,
 * `event-draft-id`, `lang`, `api-base`, `heading-level`, `theme`,
 * `token-required`, `class`, `style`, `id`); `token` and `eventInfo` reach
 * the element as properties, in the browser, before its first request.
 *
 * @packageDocumentation
 */
import type { CSSProperties, ForwardRefExoticComponent, RefAttributes } from "react";
import type {
  EventInfo,
  HeadingLevel,
  StylePickerAuthDetail,
  StylePickerAuthEvent,
  StylePickerElement,
  StylePickerLang,
  StylePickerTheme,
  StyleSelectedDetail,
  StyleSelectedEvent,
} from "./style-picker.js";

export type * from "./style-picker.js";

/** The props of {@link StylePicker}. All optional, as the element's attributes are. */
export interface StylePickerReactProps {
  /** The image job to watch (`job-id`). Without it the element asks for a new job for `eventDraftId`. */
  jobId?: string | undefined;
  /** The event draft the images belong to and the choice is saved to (`event-draft-id`). */
  eventDraftId?: string | undefined;
  /** `ko` (the default) or `en`. */
  lang?: StylePickerLang | undefined;
  /** The API's base URL (`api-base`); the page's own origin when empty or absent. */
  apiBase?: string | undefined;
  /** The level of the element's heading, 1 to 6; 2 by default (`heading-level`). */
  headingLevel?: HeadingLevel | undefined;
  /** `light`, `dark` or `auto` (the system's scheme, the default). */
  theme?: StylePickerTheme | undefined;
  /**
   * Nothing starts until `token` is set (`token-required`): for a host that
   * gets the owner's token in the browser after the element is on the page.
   */
  tokenRequired?: boolean | undefined;
  /**
   * The owner's bearer token, given to the element as a property (never an
   * attribute, never in server-rendered HTML). Changing it replaces it from
   * the next request on; after a 401/403 stop, a new token starts over.
   */
  token?: string | null | undefined;
  /** The event's details, given to the element as a property; sent with every generate request. */
  eventInfo?: EventInfo | null | undefined;
  /** `style-selected`: the owner's save was accepted. */
  onStyleSelected?: ((detail: StyleSelectedDetail, event: StyleSelectedEvent) => void) | undefined;
  /** `style-picker-auth`: the gateway refused the owner (401 or 403); the element has stopped. */
  onAuthRefused?: ((detail: StylePickerAuthDetail, event: StylePickerAuthEvent) => void) | undefined;
  /** The element's `class`. */
  className?: string | undefined;
  /** The element's inline style, e.g. `{ "--style-picker-accent": "#e4572e" }` (custom properties are plain keys). */
  style?: (CSSProperties & { [customProperty: `--${string}`]: string | number | undefined }) | undefined;
  /** The element's `id`. */
  id?: string | undefined;
}

/**
 * `<style-picker>` for React: the attributes from props, `token` and
 * `eventInfo` as properties, the two events as callbacks. Its `ref` is the
 * element. Unmounting it stops every request and timer the element started.
 */
export declare const StylePicker: ForwardRefExoticComponent<StylePickerReactProps & RefAttributes<StylePickerElement>>;
