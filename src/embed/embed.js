// embed.js: the one script a portal adds. It loads the widget's stylesheets and wasm from the
// folder this file is served from (or the folder named by data-bsc-base on its script tag),
// then the wasm mounts a widget into every [data-branch-self-check] element on the page.
const script = document.querySelector("script[data-bsc-base]");
const base = new URL(script ? script.dataset.bscBase : ".", script ? document.baseURI : import.meta.url);

for (const sheet of ["widget.css", "print.css"]) {
  if (!document.querySelector(`link[href$='${sheet}']`)) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL(sheet, base).href;
    document.head.append(link);
  }
}

const { default: init } = await import(new URL("branch-self-check.js", base).href);
await init({ module_or_path: new URL("branch-self-check_bg.wasm", base) });
