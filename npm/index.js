// `import "style-picker"`: defines <style-picker> in the browser. On a server
// (Node, a server render) defineStylePicker does nothing, so importing this
// file there is harmless. The wasm, its glue and the styles are files beside
// element.js, referenced as `new URL("./…", import.meta.url)`: the host's
// bundler emits them with its own assets.
import { defineStylePicker } from "./element.js";

defineStylePicker();

export { defineStylePicker };
