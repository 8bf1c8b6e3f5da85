// A minimal W3C WebDriver client for Firefox through geckodriver, with Node's own fetch and
// child_process (no npm dependency): enough to start Debian's firefox-esr headless, open a
// page, find elements by CSS, click them, type into them, read them and run script in the
// page. Playwright drives Chromium in the other tests; this drives a second engine the same
// way a user's browser is driven by WebDriver (real clicks and keystrokes through Marionette).
//
//   const browser = await startFirefox();
//   try {
//     await browser.navigate(url);
//     const button = await browser.find(".bsc-start .bsc-primary");
//     await button.click();
//   } finally {
//     await browser.quit();
//   }
//
// Firefox's console (console.* from pages, with the `devtools.console.stdout.content` pref)
// reaches geckodriver's output, which is kept: `consoleErrors()` gives the error lines. Every
// failed command throws a WebDriverError whose message carries the WebDriver error code and
// message and the command that failed.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The key under which WebDriver passes an element reference. */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";

/** geckodriver: $GECKODRIVER, else on PATH, else where `cargo install` puts it. */
export function geckodriverPath() {
  if (process.env.GECKODRIVER) return process.env.GECKODRIVER;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, "geckodriver");
    if (isExecutable(file)) return file;
  }
  const cargoBin = path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), ".cargo"), "bin", "geckodriver");
  return isExecutable(cargoBin) ? cargoBin : null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Why Firefox cannot be driven here (a sentence), or null when both programs are installed. */
export function firefoxMissing() {
  const missing = [];
  if (!isExecutable(FIREFOX)) missing.push(`${FIREFOX} (apt-get install firefox-esr)`);
  if (!geckodriverPath()) missing.push("geckodriver (cargo install --locked geckodriver --version 0.37.1)");
  return missing.length ? `not installed: ${missing.join(", ")}; .ci/setup-test.sh installs both` : null;
}

/** Versions of the programs, for the test's log: { firefox, geckodriver }. */
export function versions() {
  const first = (file, args) => {
    try {
      return execFileSync(file, args, { encoding: "utf8", timeout: 20000 }).split("\n")[0].trim();
    } catch (e) {
      return `unknown (${e.message.split("\n")[0]})`;
    }
  };
  return { firefox: first(FIREFOX, ["--version"]), geckodriver: first(geckodriverPath(), ["--version"]) };
}

/**
 * Preferences that keep Firefox off the network and quiet: no updates, telemetry, health
 * reports, studies (normandy), captive-portal or connectivity checks, safe-browsing lists,
 * remote settings, add-on or plugin (GMP) downloads, push, region or geo look-ups,
 * speculative connections or new-tab content. Marionette sets many of these itself
 * ("recommended preferences"); they are written out so that the run does not depend on that.
 */
export const QUIET_PREFS = {
  // Updates: the application, add-ons, system add-ons, search engines, plugins.
  "app.update.disabledForTesting": true,
  "app.update.auto": false,
  "app.update.staging.enabled": false,
  "extensions.update.enabled": false,
  "extensions.update.autoUpdateDefault": false,
  "extensions.getAddons.cache.enabled": false,
  "extensions.systemAddon.update.enabled": false,
  "extensions.systemAddon.update.url": "",
  "extensions.blocklist.enabled": false,
  "browser.search.update": false,
  "media.gmp-manager.url": "data:text/plain,",
  "media.gmp-gmpopenh264.enabled": false,
  "media.gmp-gmpopenh264.autoupdate": false,
  "media.gmp-widevinecdm.enabled": false,
  // Telemetry, health report, pings, crash reports.
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.unified": false,
  "toolkit.telemetry.archive.enabled": false,
  "toolkit.telemetry.server": "data:,",
  "toolkit.telemetry.shutdownPingSender.enabled": false,
  "toolkit.telemetry.firstShutdownPing.enabled": false,
  "toolkit.telemetry.newProfilePing.enabled": false,
  "toolkit.telemetry.updatePing.enabled": false,
  "toolkit.telemetry.bhrPing.enabled": false,
  "datareporting.healthreport.uploadEnabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "datareporting.policy.dataSubmissionPolicyBypassNotification": true,
  "browser.ping-centre.telemetry": false,
  "browser.crashReports.unsubmittedCheck.enabled": false,
  "breakpad.reportURL": "",
  // Studies and experiments.
  "app.normandy.enabled": false,
  "app.normandy.api_url": "",
  "app.shield.optoutstudies.enabled": false,
  "messaging-system.rsexperimentloader.enabled": false,
  "nimbus.rollouts.enabled": false,
  // Captive portal and connectivity checks.
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "network.trr.mode": 5,
  // Safe browsing lists.
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.safebrowsing.downloads.enabled": false,
  "browser.safebrowsing.downloads.remote.enabled": false,
  "browser.safebrowsing.blockedURIs.enabled": false,
  "browser.safebrowsing.passwords.enabled": false,
  "browser.safebrowsing.update.enabled": false,
  "browser.safebrowsing.provider.google.updateURL": "",
  "browser.safebrowsing.provider.google4.updateURL": "",
  "browser.safebrowsing.provider.mozilla.updateURL": "",
  // Remote settings (and what is fetched through them).
  "services.settings.server": "data:,#remote-settings-dummy/v1",
  "browser.region.network.url": "",
  "browser.region.update.enabled": false,
  "geo.provider.network.url": "",
  "geo.enabled": false,
  "dom.push.connection.enabled": false,
  "dom.push.serverURL": "",
  "identity.fxaccounts.enabled": false,
  "services.sync.engine.addons": false,
  // No speculative or background connections, no new-tab or start-page content.
  "network.dns.disablePrefetch": true,
  "network.prefetch-next": false,
  "network.http.speculative-parallel-limit": 0,
  "network.predictor.enabled": false,
  "browser.urlbar.speculativeConnect.enabled": false,
  "browser.places.speculativeConnect.enabled": false,
  "browser.startup.page": 0,
  "browser.startup.homepage": "about:blank",
  "browser.startup.homepage_override.mstone": "ignore",
  "browser.newtabpage.enabled": false,
  "browser.newtabpage.activity-stream.feeds.system.topstories": false,
  "browser.newtabpage.activity-stream.feeds.section.topstories": false,
  "browser.newtabpage.activity-stream.feeds.snippets": false,
  "browser.newtabpage.activity-stream.showSponsored": false,
  "browser.newtabpage.activity-stream.showSponsoredTopSites": false,
  "browser.topsites.contile.enabled": false,
  "browser.discovery.enabled": false,
  "browser.shell.checkDefaultBrowser": false,
  "browser.aboutwelcome.enabled": false,
  "browser.uitour.enabled": false,
  "browser.tabs.warnOnClose": false,
  "browser.translations.automaticallyPopup": false,
  "extensions.pocket.enabled": false,
  "datareporting.usage.uploadEnabled": false,
  // The page's console on Firefox's standard output, for `consoleErrors()`; Firefox's own
  // (such as its failing to reach the remote settings turned off above) not.
  "devtools.console.stdout.content": true,
  "devtools.console.stdout.chrome": false,
  // Firefox's messaging system (which syncs studies from remote settings even with them off,
  // and fails, there being none) logs through a console of its own that prints regardless.
  "messaging-system.log": "off",
};

export class WebDriverError extends Error {
  constructor(what, status, body) {
    const value = body?.value ?? {};
    const code = value.error ?? `HTTP ${status}`;
    super(`WebDriver ${what} failed: ${code}: ${value.message ?? JSON.stringify(body)}`);
    this.name = "WebDriverError";
    this.code = code;
    this.status = status;
    this.stacktrace = value.stacktrace;
  }
}

/** A free TCP port on 127.0.0.1 (taken from the OS and released at once). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One command: method, path relative to the driver, optional JSON body; the `value`. */
async function command(base, method, route, body, what = `${method} ${route}`) {
  let response;
  try {
    response = await fetch(base + route, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new WebDriverError(what, 0, { value: { error: "no connection to geckodriver", message: e.cause?.message ?? e.message } });
  }
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(what, response.status, { value: { error: `HTTP ${response.status}`, message: text.slice(0, 500) } });
  }
  if (!response.ok || parsed?.value?.error) throw new WebDriverError(what, response.status, parsed);
  return parsed.value;
}

/**
 * Starts geckodriver on a free port and through it a headless Firefox with a fresh profile.
 * Options: `binary`, `args` (more Firefox arguments), `prefs` (more preferences),
 * `width`/`height` of the window, `log` (geckodriver's log level: "info", "debug"...).
 */
export async function startFirefox({ binary = FIREFOX, args = [], prefs = {}, width = 1280, height = 900, log = "info" } = {}) {
  const driver = geckodriverPath();
  if (!driver) throw new Error("geckodriver is not installed (cargo install --locked geckodriver --version 0.37.1)");
  const port = await freePort();
  const child = spawn(driver, ["--host", "127.0.0.1", "--port", String(port), "--log", log], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: "1", MOZ_DISABLE_AUTO_SAFE_MODE: "1" },
  });
  const output = [];
  let pending = "";
  const take = (chunk) => {
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop();
    output.push(...lines);
  };
  child.stdout.on("data", take);
  child.stderr.on("data", take);
  let exited = null;
  const exit = new Promise((resolve) => child.on("exit", (code, signal) => resolve((exited = { code, signal }))));
  child.on("error", (e) => (exited = { error: e.message }));

  const base = `http://127.0.0.1:${port}`;
  const kill = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    let timer;
    const done = await Promise.race([exit, new Promise((r) => (timer = setTimeout(r, 5000, null)))]);
    clearTimeout(timer);
    if (!done) {
      child.kill("SIGKILL");
      await exit;
    }
  };

  // Wait until geckodriver answers /status.
  const ready = Date.now() + 15000;
  for (;;) {
    if (exited) throw new Error(`geckodriver exited at start (${JSON.stringify(exited)}): ${output.join("\n").slice(-2000)}`);
    try {
      const status = await command(base, "GET", "/status");
      if (status?.ready !== false) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > ready) {
      await kill();
      throw new Error(`geckodriver did not answer on ${base} in 15 s: ${output.join("\n").slice(-2000)}`);
    }
    await sleep(50);
  }

  let session;
  try {
    session = await command(
      base,
      "POST",
      "/session",
      {
        capabilities: {
          alwaysMatch: {
            browserName: "firefox",
            acceptInsecureCerts: false,
            pageLoadStrategy: "normal",
            "moz:firefoxOptions": {
              binary,
              args: ["-headless", ...args],
              prefs: { ...QUIET_PREFS, ...prefs },
              log: { level: log },
            },
          },
        },
      },
      "new session",
    );
  } catch (e) {
    await kill();
    e.message += `\ngeckodriver's output:\n${output.join("\n").slice(-3000)}`;
    throw e;
  }
  const browser = new Firefox(base, session.sessionId, session.capabilities, { output, kill });
  try {
    await browser.cmd("POST", "/window/rect", { width, height }, "set window rect");
  } catch (e) {
    await browser.quit();
    throw e;
  }
  return browser;
}

/** One element, by its WebDriver reference. */
export class Element {
  constructor(browser, id, selector) {
    this.browser = browser;
    this.id = id;
    this.selector = selector;
  }
  #cmd(method, route, body, what) {
    return this.browser.cmd(method, `/element/${this.id}${route}`, body, `${what} on ${JSON.stringify(this.selector)}`);
  }
  /** A real click (Marionette scrolls the element into view and checks it is reachable). */
  click() {
    return this.#cmd("POST", "/click", {}, "element click");
  }
  /** Types `text` as key presses into the element (focusing it first). */
  sendKeys(text) {
    return this.#cmd("POST", "/value", { text: String(text) }, "element send keys");
  }
  clear() {
    return this.#cmd("POST", "/clear", {}, "element clear");
  }
  /** The rendered text, as a user sees it (innerText-like). */
  text() {
    return this.#cmd("GET", "/text", undefined, "get element text");
  }
  attribute(name) {
    return this.#cmd("GET", `/attribute/${encodeURIComponent(name)}`, undefined, "get element attribute");
  }
  property(name) {
    return this.#cmd("GET", `/property/${encodeURIComponent(name)}`, undefined, "get element property");
  }
  selected() {
    return this.#cmd("GET", "/selected", undefined, "is element selected");
  }
  displayed() {
    return this.#cmd("GET", "/displayed", undefined, "is element displayed");
  }
  /** A PNG of the element (scrolled into view first), as a Buffer. */
  async screenshot() {
    return Buffer.from(await this.#cmd("GET", "/screenshot", undefined, "take element screenshot"), "base64");
  }
  /** Elements under this one matching `css`. */
  async findAll(css) {
    const list = await this.#cmd("POST", "/elements", { using: "css selector", value: css }, `find elements ${JSON.stringify(css)}`);
    return list.map((ref) => new Element(this.browser, ref[ELEMENT], `${this.selector} ${css}`));
  }
  /** As an argument of `execute`, where the page receives the DOM element. */
  toJSON() {
    return { [ELEMENT]: this.id };
  }
}

/** A session. Every method is one WebDriver command (or a poll of them). */
export class Firefox {
  #output;
  #kill;
  constructor(base, sessionId, capabilities, { output, kill }) {
    this.base = base;
    this.sessionId = sessionId;
    this.capabilities = capabilities;
    this.#output = output;
    this.#kill = kill;
  }

  cmd(method, route, body, what) {
    return command(`${this.base}/session/${this.sessionId}`, method, route, body, what ?? `${method} ${route}`);
  }

  navigate(url) {
    return this.cmd("POST", "/url", { url }, `navigate to ${url}`);
  }
  url() {
    return this.cmd("GET", "/url");
  }
  title() {
    return this.cmd("GET", "/title");
  }

  /** The first element matching `css`; throws "no such element" when none does. */
  async find(css) {
    const ref = await this.cmd("POST", "/element", { using: "css selector", value: css }, `find element ${JSON.stringify(css)}`);
    return new Element(this, ref[ELEMENT], css);
  }
  /** Every element matching `css` (maybe none). */
  async findAll(css) {
    const list = await this.cmd("POST", "/elements", { using: "css selector", value: css }, `find elements ${JSON.stringify(css)}`);
    return list.map((ref) => new Element(this, ref[ELEMENT], css));
  }
  /** Waits until an element matches `css` and returns it. */
  async waitFor(css, { timeout = 10000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const [first] = await this.findAll(css);
      if (first) return first;
      if (Date.now() > end) throw new Error(`no element ${JSON.stringify(css)} appeared in ${timeout} ms (page ${await this.url().catch(() => "?")})`);
      await sleep(50);
    }
  }
  /** Waits until the script (a function body, as for `execute`) returns something truthy. */
  async waitUntil(script, args = [], { timeout = 10000, message = script } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      last = await this.execute(script, args);
      if (last) return last;
      if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${JSON.stringify(last)})`);
      await sleep(50);
    }
  }

  /**
   * Runs `script` in the page as the body of a function (`arguments` are `args`, Elements
   * become DOM elements) and returns its value; a returned promise is awaited.
   */
  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args }, `execute script ${JSON.stringify(script.slice(0, 80))}`);
  }

  /** A PNG of the viewport, as a Buffer. */
  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot", undefined, "take screenshot"), "base64");
  }

  setTimeouts({ script, pageLoad, implicit } = {}) {
    return this.cmd("POST", "/timeouts", { script, pageLoad, implicit }, "set timeouts");
  }

  /** Everything geckodriver and Firefox printed so far. */
  output() {
    return this.#output.slice();
  }
  /**
   * Error lines of pages' consoles (`console.error: ...`) and the uncaught errors and
   * unhandled rejections of pages (`JavaScript error: <url>, line n: ...`) that Firefox
   * printed, since `since` (an index into `output()`). Errors of Firefox's own code
   * (resource:, chrome:, about: and moz-src: URLs) are left out.
   */
  consoleErrors(since = 0) {
    return this.#output
      .slice(since)
      .filter((l) => /^console\.error:/.test(l) || (/^JavaScript error:/.test(l) && !/^JavaScript error: (resource|chrome|about|moz-src|jar):/.test(l)));
  }

  /** Ends the session (closing Firefox) and stops geckodriver. Safe to call twice. */
  async quit() {
    if (this.sessionId) {
      const id = this.sessionId;
      this.sessionId = null;
      try {
        await command(`${this.base}/session/${id}`, "DELETE", "", undefined, "delete session");
      } catch {
        // Firefox may be gone already; geckodriver is stopped below all the same.
      }
    }
    await this.#kill();
  }
}
