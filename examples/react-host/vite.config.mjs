// `npm run build` (scripts/setup.sh runs it) writes dist/, which content-api
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
  },
});
