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

/** Says `text` where each workbench should be (not yet mounted ones). */
function sayInPlace(text) {
  for (const element of document.querySelectorAll("[data-bsc-committee]:not([data-bsc-mounted])")) {
    const note = document.createElement("p");
    note.setAttribute("role", "alert");
    note.textContent = text;
    element.textContent = "";
    element.appendChild(note);
  }
}

// The build puts embed.js' probes of the wasm features here (.ci/wasm-check.py): `missing`,
// the features this browser lacks, checked before any wasm is fetched, and
// `WORKING_BROWSERS`, the browsers that run the build.
// <wasm-check/>

const TOO_OLD =
  `您的浏览器版本过旧，无法运行党建工作台。请使用 ${WORKING_BROWSERS.zh}打开本页。` +
  ` Your browser is too old to run the workbench: please open this page in ${WORKING_BROWSERS.en}.`;
if (missing.length) {
  document.documentElement.dataset.bscUnsupported = missing.join(", ");
  sayInPlace(TOO_OLD);
} else {
  // No top-level await: a browser too old for the wasm must still parse this file, to say so.
  import(new URL("bsc-committee.js", base).href)
    .then((workbench) =>
      workbench.default({ module_or_path: new URL("bsc-committee_bg.wasm", base) }).then(() => workbench.mount_committee()),
    )
    .catch((error) => {
      // A SyntaxError: the browser is too old for the glue's JavaScript (see embed.js).
      sayInPlace(error instanceof SyntaxError ? TOO_OLD : "工作台未能载入，请稍后重试或联系网站管理员。 The workbench could not be loaded.");
      throw error;
    });
}
