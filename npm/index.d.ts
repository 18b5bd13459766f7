/**
 * `import "style-picker"` defines `<style-picker>` (in the browser; on a
 * server it does nothing). The element's types: style-picker.d.ts.
 *
 * @packageDocumentation
 */
export * from "./style-picker.js";
