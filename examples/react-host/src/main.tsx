// Renders the app. <style-picker> comes from the npm package (a file
// dependency on the tarball scripts/package.sh packs): its component defines
// the element once it has given it `token` and `eventInfo`, and Vite emits
// the element's wasm, glue and styles into dist/assets/ with the app's own.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "../../host.css";
import "./app.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
