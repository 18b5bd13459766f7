// `npm run build` (scripts/host-kit.sh runs it) writes dist/, which content-api
// serves at /examples/react-host/. Everything in it works under the contract's
// strict CSP: files only (no inline script or style, no data: URLs), every URL
// relative so it works under any path prefix.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // style-picker/react begins with "use client", which marks it for React
      // Server Components bundlers (Next.js); Vite has none and would say so.
      onwarn(warning, warn) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE" && warning.message.includes('"use client"')) return;
        warn(warning);
      },
    },
  },
  // The dev server's pre-bundling would move style-picker's modules away from
  // the wasm, glue and CSS beside them (`new URL("./…", import.meta.url)`).
  optimizeDeps: { exclude: ["style-picker"] },
});
