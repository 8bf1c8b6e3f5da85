// embed.js: the one script a portal adds. It loads the widget's stylesheets and wasm from the
// folder this file is served from (or the folder named by data-bsc-base on its script tag),
// then the wasm mounts a widget into every [data-branch-self-check] element on the page.
const script = document.querySelector("script[data-bsc-base]");
const base = new URL(script ? script.dataset.bscBase : ".", script ? document.baseURI : import.meta.url);

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
  await widget.default({ module_or_path: new URL("branch-self-check_bg.wasm", base) });
  widget.mount_widgets(base.href);
} catch (error) {
  // The wasm could not be loaded (missing file, a proxy, a very old browser): say so where
  // the widget should be, rather than leave an empty box.
  for (const element of document.querySelectorAll("[data-branch-self-check]:not([data-bsc-mounted])")) {
    const note = document.createElement("p");
    note.setAttribute("role", "alert");
    note.textContent = "自查工具未能载入，请稍后重试或联系网站管理员。 The self-check could not be loaded.";
    element.replaceChildren(note);
  }
  throw error;
}
