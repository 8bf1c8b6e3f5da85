// embed.js: the one script a portal adds. It loads the widget's stylesheets and wasm from the
// folder this file is served from (or the folder named by data-bsc-base on its script tag),
// then the wasm mounts a widget into every [data-branch-self-check] element on the page.
const script = document.querySelector("script[data-bsc-base]");
const base = new URL(script ? script.dataset.bscBase : ".", script ? document.baseURI : import.meta.url);

/** Says `text` where each widget should be (not yet mounted ones). */
function sayInPlace(text) {
  for (const element of document.querySelectorAll("[data-branch-self-check]:not([data-bsc-mounted])")) {
    const note = document.createElement("p");
    note.setAttribute("role", "alert");
    note.textContent = text;
    element.replaceChildren(note);
  }
}

// <wasm-check> (.ci/wasm-check.py copies this block into committee-embed.js)
// The WebAssembly features the build uses (`node tests/budget/size-report.mjs` lists them):
// one tiny module each, checked before any wasm is fetched. Browsers without them (Chromium
// before 96, Firefox before 79, Safari before 15, some older 信创 browsers) get a message
// instead of an empty box.
const FEATURES = {
  "reference types": [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 7, 1, 5, 0, 208, 112, 26, 11],
  "multi-value": [0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 0, 2, 127, 127, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 65, 0, 11],
  "bulk memory": [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11],
  "non-trapping float-to-int": [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 12, 1, 10, 0, 67, 0, 0, 0, 0, 252, 0, 26, 11],
  "sign extension": [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 192, 26, 11],
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

if (missing.length) {
  document.documentElement.dataset.bscUnsupported = missing.join(", ");
  sayInPlace(
    "您的浏览器版本过旧，无法运行本自查工具。请使用 Chrome、Edge 或 360 等国产浏览器（极速模式，内核 96 以上）、Firefox 79 以上或 Safari 15 以上版本打开本页。" +
      " Your browser is too old to run this self-check: please open this page in Chrome or Edge 96 or later, Firefox 79 or later, or Safari 15 or later.",
  );
} else {
  // The app module (and the chunks it needs) is fetched now, at low priority so the first
  // screen's files keep the bandwidth, rather than once the main module runs: the loader in
  // __wasm_split.js takes these responses. The build fills in the names (.ci/prefetch.py).
  const APP_MODULES = ["split_widget_app.wasm"];
  // The main module, first: the page has no preload link for it, so that a browser that
  // cannot run it fetches no wasm at all.
  const mainModule = fetch(new URL("branch-self-check_bg.wasm", base));
  mainModule.catch(() => {}); // awaited below, where a failure is said in the widget's place
  const prefetch = Symbol.for("branch-self-check:prefetch");
  globalThis[prefetch] ??= {};
  for (const name of APP_MODULES) {
    const response = fetch(new URL(name, base), { priority: "low" });
    response.catch(() => {}); // a failure is the loader's to report, when it asks
    globalThis[prefetch][name] ??= response;
  }

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

  try {
    const widget = await import(new URL("branch-self-check.js", base).href);
    await widget.default({ module_or_path: mainModule });
    widget.mount_widgets(base.href);
  } catch (error) {
    // The wasm could not be loaded (missing file, a proxy): say so where the widget should
    // be, rather than leave an empty box.
    sayInPlace("自查工具未能载入，请稍后重试或联系网站管理员。 The self-check could not be loaded.");
    throw error;
  }
}
