// committee-embed.js: the one script a portal adds for the committee workbench. It loads the
// workbench's stylesheet and wasm from the folder this file is served from (or the folder
// named by data-bsc-base on its script tag); the wasm mounts a workbench into every
// [data-bsc-committee] element. Nothing the workbench reads leaves the browser.
const script = document.querySelector("script[data-bsc-base][src*='committee-embed']");
const base = new URL(script ? script.dataset.bscBase : ".", script ? document.baseURI : import.meta.url);

const href = new URL("committee.css", base).href;
if (![...document.querySelectorAll("link[rel~='stylesheet'][href]")].some((l) => l.href === href)) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.append(link);
}

try {
  const workbench = await import(new URL("bsc-committee.js", base).href);
  await workbench.default({ module_or_path: new URL("bsc-committee_bg.wasm", base) });
  workbench.mount_committee();
} catch (error) {
  for (const element of document.querySelectorAll("[data-bsc-committee]:not([data-bsc-mounted])")) {
    const note = document.createElement("p");
    note.setAttribute("role", "alert");
    note.textContent = "工作台未能载入，请稍后重试或联系网站管理员。 The workbench could not be loaded.";
    element.replaceChildren(note);
  }
  throw error;
}
