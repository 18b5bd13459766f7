// Every member of <style-picker>'s types and of `style-picker/react`, used as
// a React host would use them; `tsc --noEmit` must pass with React 19's types
// (tsconfig.json) and React 18.3's (tsconfig.react18.json), as
// tools/types/check-types.mjs runs it. The `Is<…>` lines pin each type exactly, so a
// type that widens to `any` or `string` fails here too.
import { useCallback, useEffect, useRef, useState } from "react";
import { defineStylePicker } from "style-picker";
import type {
  EditedContent,
  EventInfo,
  HexColor,
  Style,
  StylePickerAuthDetail,
  StylePickerAuthEvent,
  StylePickerElement,
  StylePickerTheme,
  StyleSelectedDetail,
  StyleSelectedEvent,
} from "style-picker";
import { StylePicker, type StylePickerReactProps } from "style-picker/react";

/** `true` only when A and B are the same type (not merely assignable). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function is<A, B>(_proof: Equals<A, B>): void {}

// ---- the detail types, field by field --------------------------------------
function readSelected(detail: StyleSelectedDetail): string {
  is<typeof detail.jobId, string>(true);
  is<typeof detail.eventDraftId, string>(true);
  is<typeof detail.style, "simple" | "fancy" | "trendy">(true);
  is<typeof detail.imageUrl, string>(true);
  is<typeof detail.editedContent, EditedContent>(true);
  const { title, prize, guide, backgroundColor, textColor, accentColor } = detail.editedContent;
  is<typeof title, string>(true);
  is<typeof prize, string>(true);
  is<typeof guide, string>(true);
  is<typeof backgroundColor, HexColor>(true);
  is<typeof textColor, HexColor>(true);
  is<typeof accentColor, HexColor>(true);
  const label: Record<Style, string> = { simple: "심플", fancy: "화려한", trendy: "트렌디" };
  return `${label[detail.style]}: ${title} / ${prize} / ${guide} ${backgroundColor}${textColor}${accentColor}`;
}

function readAuth(detail: StylePickerAuthDetail): "sign-in" | "not-allowed" {
  is<typeof detail.status, 401 | 403>(true);
  return detail.status === 401 ? "sign-in" : "not-allowed";
}

// ---- the DOM: tag name map, properties, event maps --------------------------
export function vanilla(container: HTMLElement): () => void {
  defineStylePicker();
  is<ReturnType<typeof defineStylePicker>, void>(true);
  const picker = document.createElement("style-picker");
  is<typeof picker, StylePickerElement>(true);
  picker.setAttribute("event-draft-id", "evt-123");
  picker.token = "secret";
  picker.token = null;
  picker.token = undefined;
  is<StylePickerElement["token"], string | null>(true);
  const info: EventInfo = {
    title: "봄맞이 세일",
    giftName: "커피 쿠폰",
    brandColor: "#e4572e",
    logoUrl: "https://example.com/logo.png",
    storeId: 42,
    tags: ["spring", "sale"],
    period: { from: "2026-03-01", to: "2026-03-31" },
  };
  picker.eventInfo = info;
  picker.eventInfo = null;
  is<StylePickerElement["eventInfo"], EventInfo | null>(true);
  is<typeof info.title, string | undefined>(true);

  const onSelected = function (this: StylePickerElement, event: StyleSelectedEvent): void {
    is<typeof this, StylePickerElement>(true);
    console.log(readSelected(event.detail));
  };
  picker.addEventListener("style-selected", onSelected);
  picker.addEventListener("style-picker-auth", (event) => {
    is<typeof event, StylePickerAuthEvent>(true);
    console.log(readAuth(event.detail));
  });
  picker.addEventListener("click", (event) => {
    is<typeof event, HTMLElementEventMap["click"]>(true);
  });
  // Both events bubble: a container, the document and the window hear them.
  container.addEventListener("style-selected", (event) => readSelected(event.detail));
  document.addEventListener("style-picker-auth", (event) => readAuth(event.detail));
  window.addEventListener("style-selected", (event) => readSelected(event.detail));
  container.append(picker);

  const found = document.querySelector("style-picker");
  is<typeof found, StylePickerElement | null>(true);
  return () => picker.removeEventListener("style-selected", onSelected);
}

// ---- React: the component, its props, events and ref --------------------------
export function EventImageStep(props: { draftId: string; jobId?: string; token: string | undefined; info: EventInfo }) {
  const [chosen, setChosen] = useState<StyleSelectedDetail | null>(null);
  const [signIn, setSignIn] = useState<StylePickerAuthDetail["status"] | null>(null);
  const ref = useRef<StylePickerElement>(null);
  const theme: StylePickerTheme = "dark";

  useEffect(() => {
    // The ref is the element itself.
    const picker = ref.current;
    if (picker) is<typeof picker.token, string | null>(true);
  }, []);

  const callbackRef = useCallback((picker: StylePickerElement | null) => {
    if (picker) picker.eventInfo = props.info;
  }, [props.info]);

  const shared: StylePickerReactProps = { eventDraftId: props.draftId, lang: "en", headingLevel: 3 };

  return (
    <section>
      <h2>이미지 고르기</h2>
      <StylePicker
        key={props.draftId}
        ref={ref}
        id="picker"
        className="picker"
        style={{ marginTop: 8, "--style-picker-accent": "#e4572e" }}
        jobId={props.jobId}
        eventDraftId={props.draftId}
        lang="ko"
        apiBase=""
        headingLevel={2}
        theme={theme}
        tokenRequired
        token={props.token}
        eventInfo={props.info}
        onStyleSelected={(detail, event) => {
          is<typeof detail, StyleSelectedDetail>(true);
          is<typeof event, StyleSelectedEvent>(true);
          setChosen(detail);
        }}
        onAuthRefused={(detail, event) => {
          is<typeof event, StylePickerAuthEvent>(true);
          setSignIn(detail.status);
        }}
      />
      <StylePicker ref={callbackRef} {...shared} token={null} eventInfo={null} />
      <StylePicker />
      {/* The bare element takes its attributes (and HTML's) only. */}
      <style-picker
        id="bare"
        job-id={props.jobId}
        event-draft-id={props.draftId}
        lang="en"
        api-base="https://api.example.com"
        heading-level="3"
        theme="light"
        token-required
        ref={ref}
      />
      {chosen && <p>{readSelected(chosen)}</p>}
      {signIn && <p role="alert">{signIn === 401 ? "다시 로그인해 주세요" : "권한이 없어요"}</p>}
    </section>
  );
}
