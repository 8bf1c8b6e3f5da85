// embed.js: the one script a portal adds. It loads the widget's stylesheet and wasm from the
// folder this file is served from (or the folder named by data-bsc-base on its script tag),
// then the wasm mounts a widget into every [data-branch-self-check] element on the page.
const script = document.querySelector("script[data-bsc-base]");
const base = new URL(script ? script.dataset.bscBase : ".", script ? document.baseURI : import.meta.url);

if (!document.querySelector("link[data-bsc-style], link[href$='widget.css']")) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("widget.css", base).href;
  link.dataset.bscStyle = "";
  document.head.append(link);
}

const { default: init } = await import(new URL("branch-self-check.js", base).href);
await init({ module_or_path: new URL("branch-self-check_bg.wasm", base) });
