// embed.js: the one script a portal adds. It loads the widget's stylesheets and wasm from the
// folder this file is served from (or the folder named by data-bsc-base on its script tag),
// then the wasm mounts a widget into every [data-branch-self-check] element on the page.
// Written for old browsers too (no top-level await, no `??=`): one too old to run the wasm
// must still parse this file, to say so in the widget's place.
const script = document.querySelector("script[data-bsc-base]");
const base = new URL(script ? script.dataset.bscBase : ".", script ? document.baseURI : import.meta.url);

/** Says `text` where each widget should be (not yet mounted ones). */
function sayInPlace(text) {
  for (const element of document.querySelectorAll("[data-branch-self-check]:not([data-bsc-mounted])")) {
    const note = document.createElement("p");
    note.setAttribute("role", "alert");
    note.textContent = text;
    element.textContent = "";
    element.appendChild(note);
  }
}

// <wasm-check> (.ci/wasm-check.py copies this block into committee-embed.js)
// The WebAssembly features the build uses beyond 1.0 (`node tests/budget/size-report.mjs`
// checks the modules against this list): one tiny module each, checked before any wasm is
// fetched. Browsers without them (Chromium before 74, Firefox before 61) get a message instead
// of an empty box; so do those a step newer whose JavaScript is too old for the glue, when
// its import fails to parse (below).
const FEATURES = {
  // (import "m" "g" (global (mut i32))): the split modules share the main module's globals.
  "mutable globals": [0, 97, 115, 109, 1, 0, 0, 0, 2, 8, 1, 1, 109, 1, 103, 3, 127, 1],
};
// The browsers that run the build, named in both pages' "too old" messages.
const WORKING_BROWSERS = {
  zh: "Chrome、Edge 或 360 等国产浏览器（极速模式，内核 80 以上）、Firefox 74 以上或 Safari 14 以上版本",
  en: "Chrome or Edge 80 or later, Firefox 74 or later, or Safari 14 or later",
};
const missing =
  typeof WebAssembly !== "object"
    ? ["WebAssembly"]
    : Object.keys(FEATURES).filter((name) => {
        try {
          return !WebAssembly.validate(new Uint8Array(FEATURES[name]));
        } catch {
          return true;
        }
      });
// </wasm-check>

const TOO_OLD =
  `您的浏览器版本过旧，无法运行本自查工具。请使用 ${WORKING_BROWSERS.zh}打开本页。` +
  ` Your browser is too old to run this self-check: please open this page in ${WORKING_BROWSERS.en}.`;
if (missing.length) {
  document.documentElement.dataset.bscUnsupported = missing.join(", ");
  sayInPlace(TOO_OLD);
} else {
  // The main module, first: the page has no preload link for it, so that a browser that
  // cannot run it fetches no wasm at all.
  const mainModule = fetch(new URL("branch-self-check_bg.wasm", base));
  mainModule.catch(() => {}); // used below, where a failure is said in the widget's place

  // The app module (and its chunks), fetched once the main module is in, for the loader in
  // __wasm_split.js to take: not beside it, as the two would share the link and the first
  // screens need only the main module (README). Names filled in by .ci/prefetch.py.
  const APP_MODULES = ["split_widget_app.wasm"];
  const fetchAppModules = () => {
    const prefetch = Symbol.for("branch-self-check:prefetch");
    const early = globalThis[prefetch] || (globalThis[prefetch] = {});
    for (const name of APP_MODULES) {
      if (early[name]) continue; // another embed.js on the page started it
      const response = fetch(new URL(name, base), { priority: "low" });
      response.catch(() => {}); // a failure is the loader's to report, when it asks
      early[name] = response;
    }
  };

  // Adds each stylesheet unless this very file is already linked (a portal may link it itself
  // to avoid a flash of unstyled content). Compared by full URL: the portal's own
  // "/css/widget.css" or "my-widget.css" is not ours.
  const linked = new Set([...document.querySelectorAll("link[rel~='stylesheet'][href]")].map((l) => l.href));
  for (const sheet of ["widget.css", "print.css"]) {
    const href = new URL(sheet, base).href;
    if (!linked.has(href)) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      document.head.append(link);
    }
  }

  // Loaded `async` (as the widget's own page does, so the wasm is asked for as soon as this
  // file arrives), this may run before the page is parsed: the widgets are mounted once it is.
  const parsed =
    document.readyState === "loading"
      ? new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }))
      : Promise.resolve();

  import(new URL("branch-self-check.js", base).href)
    .then((widget) => {
      return widget
        .default({ module_or_path: mainModule })
        .then(fetchAppModules)
        .then(() => parsed)
        .then(() => widget.mount_widgets(base.href));
    })
    .catch((error) => {
      // A SyntaxError: a browser with the wasm features but too old for the glue's JavaScript
      // (optional chaining: Chromium 80, Firefox 74, Safari 13.1). Otherwise the wasm could not
      // be loaded (missing file, a proxy, a policy): say so where the widget should be, rather
      // than leave an empty box.
      sayInPlace(error instanceof SyntaxError ? TOO_OLD : "自查工具未能载入，请稍后重试或联系网站管理员。 The self-check could not be loaded.");
      throw error;
    });
}
