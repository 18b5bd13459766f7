// Loads <style-picker> from the served dist/ (two levels up from
// /examples/react-host/, under any path prefix), waits until it is defined,
// then renders the app: so React 19 sets `token` and `eventInfo` as
// properties, never as attributes (see StylePickerProps in style-picker.d.ts).
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "../../host.css";
import "./app.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

const loader = new URL("../../style-picker.js", document.baseURI).href;
try {
  await import(/* @vite-ignore */ loader);
  await customElements.whenDefined("style-picker");
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} catch (error) {
  const alert = document.createElement("p");
  alert.setAttribute("role", "alert");
  alert.textContent = `이미지 고르기 화면을 불러오지 못했어요 (${loader}): ${String(error)}`;
  root.replaceChildren(alert);
}
