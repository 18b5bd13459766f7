"use client";
// `import { StylePicker } from "style-picker/react"`: <style-picker> as a
// React component, for React 18.3 and 19, shaped like @lit/react's
// createComponent.
//
// - Rendered (on a server too), it writes only the element's non-secret
//   attributes: never `token`, never `eventInfo`, which would land in the
//   page's HTML.
// - In the browser, in a layout effect, it gives the element `token` and
//   `eventInfo` as properties and only then defines the element: an element
//   from server-rendered markup is upgraded with its token already there, so
//   its very first request carries `Authorization: Bearer`. (React 18 never
//   sets a custom element's properties itself, and React 19 only does when
//   the element is defined before it renders; this does it for both.)
// - `onStyleSelected` and `onAuthRefused` are listeners added in an effect
//   and removed on cleanup; unmounting removes the element, which stops
//   every request and timer it started.
//
// Plain ESM with React.createElement, so the package needs no JSX build.
import * as React from "react";
import { defineStylePicker } from "./element.js";

const { createElement, forwardRef, useCallback, useEffect, useLayoutEffect, useRef } = React;

// useLayoutEffect warns in React 18's server render; it never runs there anyway.
const useClientLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

// React 18 writes `className` on a custom element as an attribute of that
// name (React 19 as `class`); `class` is what both read as the attribute.
const CLASS = React.version.startsWith("18.") ? "class" : "className";

// The element's events and the props that listen to them.
const EVENTS = [
  ["style-selected", "onStyleSelected"],
  ["style-picker-auth", "onAuthRefused"],
];

/**
 * The element's attributes from the props: only strings, so React 18 and 19,
 * on the server and in the browser, write the same markup. `token` and
 * `eventInfo` are not read here, on purpose.
 */
function attributes({ jobId, eventDraftId, lang, apiBase, headingLevel, theme, tokenRequired, className, style, id }) {
  const text = (value) => (value == null ? undefined : String(value));
  return {
    "job-id": text(jobId),
    "event-draft-id": text(eventDraftId),
    lang: text(lang),
    "api-base": text(apiBase),
    "heading-level": text(headingLevel),
    theme: text(theme),
    // A boolean attribute: present (empty) or absent. React 18 would write `true` as "true".
    "token-required": tokenRequired ? "" : undefined,
    [CLASS]: className,
    style,
    id,
  };
}

/** `<style-picker>` for React; see react.d.ts for the props. */
export const StylePicker = forwardRef(function StylePicker(props, forwardedRef) {
  const element = useRef(null);
  // The last values given to the element, so an unchanged prop is not set again.
  const given = useRef({ token: undefined, eventInfo: undefined });
  // The latest listeners, read when an event arrives (no re-subscribing per render).
  const listeners = useRef(props);
  listeners.current = props;

  const ref = useCallback(
    (node) => {
      element.current = node;
      if (typeof forwardedRef === "function") forwardedRef(node);
      else if (forwardedRef) forwardedRef.current = node;
    },
    [forwardedRef],
  );

  const { token, eventInfo } = props;
  // Properties first, then the definition: the element starts with them.
  useClientLayoutEffect(() => {
    const node = element.current;
    if (!node) return;
    const last = given.current;
    if (eventInfo !== last.eventInfo) {
      last.eventInfo = eventInfo;
      node.eventInfo = eventInfo ?? null;
    }
    if (token !== last.token) {
      last.token = token;
      node.token = token ?? null;
    }
    defineStylePicker();
  }, [token, eventInfo]);

  useEffect(() => {
    const node = element.current;
    if (!node) return undefined;
    const added = EVENTS.map(([type, prop]) => {
      const listener = (event) => listeners.current[prop]?.(event.detail, event);
      node.addEventListener(type, listener);
      return [type, listener];
    });
    return () => {
      for (const [type, listener] of added) node.removeEventListener(type, listener);
    };
  }, []);

  return createElement("style-picker", { ...attributes(props), ref });
});

StylePicker.displayName = "StylePicker";
