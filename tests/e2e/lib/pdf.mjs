// PDF helpers for the print tests: page counting (poppler's pdfinfo, with a byte-level
// fallback), text extraction (pdftotext) and rendering pages to PNG (pdftoppm).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

function tempFile(bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bsc-pdf-"));
  const file = path.join(dir, "doc.pdf");
  fs.writeFileSync(file, bytes);
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function has(tool) {
  try {
    execFileSync(tool, ["-v"], { stdio: "ignore" });
    return true;
  } catch (e) {
    // poppler tools print their version and exit 0 or 99; ENOENT means missing.
    return e.code !== "ENOENT";
  }
}

/** Counts `/Type /Page` objects (not `/Pages`) in the raw bytes. Chromium writes its page
 * dictionaries uncompressed, so this works on its PDFs without any tool. */
export function countPagesInBytes(bytes) {
  const text = Buffer.from(bytes).toString("latin1");
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** The number of pages of a PDF: pdfinfo's answer, or the byte count when it is missing. */
export function countPages(bytes) {
  if (!has("pdfinfo")) return countPagesInBytes(bytes);
  const { file, cleanup } = tempFile(bytes);
  try {
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    const m = info.match(/^Pages:\s+(\d+)/m);
    if (!m) throw new Error(`pdfinfo gave no page count:\n${info}`);
    return Number(m[1]);
  } finally {
    cleanup();
  }
}

/** The page size in points, from pdfinfo ("Page size: 595.92 x 842.88 pts (A4)"). */
export function pageSize(bytes) {
  const { file, cleanup } = tempFile(bytes);
  try {
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    const m = info.match(/^Page size:\s+([\d.]+) x ([\d.]+) pts(?: \((\w+)\))?/m);
    return m ? { width: Number(m[1]), height: Number(m[2]), name: m[3] ?? null } : null;
  } finally {
    cleanup();
  }
}

/** The text of every page, one string per page: pdftotext in content-stream order
 * (`-raw`, keeps a wrapped caption together) or `-layout` (columns side by side). */
export function pdfTextPages(bytes, { mode = "raw" } = {}) {
  const { file, cleanup } = tempFile(bytes);
  try {
    const text = execFileSync("pdftotext", [`-${mode}`, "-enc", "UTF-8", file, "-"], {
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    });
    // pdftotext ends each page with a form feed.
    const pages = text.split("\f");
    if (pages.length && pages[pages.length - 1].trim() === "") pages.pop();
    return pages;
  } finally {
    cleanup();
  }
}

/** Renders pages `first`..`last` to `<outPrefix>-<n>.png` at `dpi`; returns the files. */
export function renderPages(bytes, outPrefix, { first = 1, last = 2, dpi = 60 } = {}) {
  fs.mkdirSync(path.dirname(outPrefix), { recursive: true });
  const { file, cleanup } = tempFile(bytes);
  try {
    const dir = path.dirname(outPrefix);
    const base = path.basename(outPrefix);
    for (const f of fs.readdirSync(dir)) {
      if (f.startsWith(`${base}-`) && f.endsWith(".png")) fs.rmSync(path.join(dir, f));
    }
    execFileSync("pdftoppm", ["-r", String(dpi), "-png", "-f", String(first), "-l", String(last), file, outPrefix]);
    return fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(`${base}-`) && f.endsWith(".png"))
      .sort()
      .map((f) => path.join(dir, f));
  } finally {
    cleanup();
  }
}

/** One page rendered at `dpi` as RGBA pixels (pdftoppm's PPM output, parsed here), e.g.
 * for jsQR: { data: Uint8ClampedArray, width, height }. */
export function renderPageRgba(bytes, pageNo, { dpi = 150 } = {}) {
  const { file, cleanup } = tempFile(bytes);
  try {
    const ppm = execFileSync(
      "pdftoppm",
      ["-r", String(dpi), "-f", String(pageNo), "-l", String(pageNo), "-singlefile", file],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    // Header: "P6", width, height, maxval, each followed by whitespace, then RGB bytes.
    let at = 0;
    const fields = [];
    while (fields.length < 4) {
      while (/\s/.test(String.fromCharCode(ppm[at]))) at++;
      let token = "";
      while (!/\s/.test(String.fromCharCode(ppm[at]))) token += String.fromCharCode(ppm[at++]);
      fields.push(token);
    }
    at++; // the single whitespace after maxval
    const [magic, w, h, max] = fields;
    if (magic !== "P6" || max !== "255") throw new Error(`unexpected PPM header ${fields.join(" ")}`);
    const width = Number(w);
    const height = Number(h);
    const data = new Uint8ClampedArray(width * height * 4);
    for (let i = 0, j = at; i < width * height; i++, j += 3) {
      data[i * 4] = ppm[j];
      data[i * 4 + 1] = ppm[j + 1];
      data[i * 4 + 2] = ppm[j + 2];
      data[i * 4 + 3] = 255;
    }
    return { data, width, height };
  } finally {
    cleanup();
  }
}
