// Drives headless Chromium over an HTML report of crosscheck and prints
// what it observed as one JSON object on stdout; tests/html.rs judges it.
//
// usage: node check.mjs CONFIG.json
// CONFIG: {"html": path, "screenshot": path, "print_screenshot": path,
//          "chromium": path, "profile": fresh directory,
//          "finding": {"rule": "...", "subject": "words the subject contains"},
//          "pages": [{"name", "html"}] more pages: each is loaded and every finding clicked}
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const url = pathToFileURL(config.html).href;
const out = { console_errors: [], page_errors: [], requests: [], steps: {} };

// A fresh profile directory for every run.
const browser = await chromium.launchPersistentContext(config.profile, {
  executablePath: config.chromium,
  headless: true,
  viewport: { width: 1440, height: 900 },
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
  ],
});
try {
  const page = browser.pages()[0] || (await browser.newPage());
  page.on("console", (m) => { if (m.type() === "error") out.console_errors.push(m.text()); });
  page.on("pageerror", (e) => out.page_errors.push(String(e)));
  // Every request other than the page itself is recorded and refused: the
  // page must not load anything.
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    out.requests.push(u);
    return route.abort();
  });
  await page.goto(url, { waitUntil: "load" });

  // What the page lists.
  out.findings = await page.$$eval("li.finding", (cards) => cards.map((c) => ({
    id: c.id, rule: c.dataset.rule, severity: c.dataset.severity, kind: c.dataset.kind,
    subject: c.querySelector(".subject").textContent,
    sentences: c.dataset.sentences.split(" "),
    reason: c.querySelector(".reason").textContent,
  })));
  out.columns = await page.$$eval(".column", (cols) => cols.length);
  out.title = await page.title();

  // Where each sentence of a finding is: inside its column's visible part
  // (below the sticky header) and inside the viewport.
  const where = (ids) => page.evaluate((ids) => ids.map((id) => {
    const s = document.getElementById(id);
    if (!s) return { id, found: false };
    const col = s.closest(".column");
    const head = col.querySelector(".col-head").getBoundingClientRect();
    const c = col.getBoundingClientRect();
    const r = s.getBoundingClientRect();
    const inColumn = r.top >= head.bottom - 1 && r.bottom <= c.bottom + 1 && r.height > 0;
    const inViewport = r.top >= 0 && r.bottom <= window.innerHeight + 1 && r.left >= 0 && r.right <= window.innerWidth + 1;
    return { id, found: true, column: col.id, top: Math.round(r.top), in_column: inColumn, in_viewport: inViewport,
      target: s.classList.contains("target"), text: s.textContent };
  }), ids);

  // Click the finding asked for, from a page scrolled to the top.
  const wanted = out.findings.find((f) => f.rule === config.finding.rule && f.subject.includes(config.finding.subject));
  out.steps.wanted = wanted ? wanted.id : null;
  if (wanted) {
    out.steps.before_click = await where(wanted.sentences);
    await page.click(`#${wanted.id} .subject`);
    await page.waitForTimeout(100);
    out.steps.after_click = await where(wanted.sentences);
    out.steps.active_after_click = await page.$eval("li.finding.active", (c) => c.id).catch(() => null);
    out.steps.marked_claims = await page.$$eval(".column mark.active", (m) => m.length);
    await page.screenshot({ path: config.screenshot });
  }

  // Filters: hide one severity, then one kind, then show all again.
  const visible = () => page.$$eval("li.finding", (cards) =>
    cards.filter((c) => c.offsetParent !== null).map((c) => c.id));
  out.steps.filters = {};
  out.steps.filters.all = await visible();
  await page.uncheck('input[data-filter="severity"][value="conflict"]');
  out.steps.filters.without_conflict = await visible();
  await page.check('input[data-filter="severity"][value="conflict"]');
  const kind = out.findings.length ? out.findings[0].kind : null;
  out.steps.filters.kind = kind;
  if (kind) {
    await page.uncheck(`input[data-filter="kind"][value="${kind}"]`);
    out.steps.filters.without_kind = await visible();
    await page.check(`input[data-filter="kind"][value="${kind}"]`);
  }
  await page.click('button[data-count="info"]');
  out.steps.filters.only_info = await visible();
  for (const s of ["conflict", "warning"]) await page.check(`input[data-filter="severity"][value="${s}"]`);
  out.steps.filters.restored = await visible();
  out.steps.filters.shown_text = await page.$eval("#shown", (s) => s.textContent);

  // Keyboard: from nothing selected, j j k, with where the sentences went.
  await page.goto(url, { waitUntil: "load" });
  out.steps.active_after_reload = await page.$eval("li.finding.active", (c) => c.id).catch(() => null);
  out.steps.keys = [];
  for (const key of ["j", "j", "k", "ArrowDown"]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(50);
    const id = await page.$eval("li.finding.active", (c) => c.id).catch(() => null);
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    const f = out.findings.find((x) => x.id === id);
    out.steps.keys.push({ key, active: id, focused, sentences: f ? await where(f.sentences) : [] });
  }

  // Print: the filter bar goes, every finding shows, columns stop scrolling.
  await page.emulateMedia({ media: "print" });
  out.steps.print = await page.evaluate(() => {
    const cs = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e) : null; };
    return {
      controls: cs("#controls") && cs("#controls").display,
      column_overflow: cs(".column") && cs(".column").overflowY,
      columns_display: cs(".columns") && cs(".columns").display,
      findings_shown: [...document.querySelectorAll("li.finding")].filter((c) => c.offsetParent !== null).length,
    };
  });
  if (config.print_screenshot) await page.screenshot({ path: config.print_screenshot, fullPage: true });
  await page.emulateMedia({ media: "screen" });

  // Other pages: errors, and where every finding's sentences are after a
  // click on it.
  out.pages = [];
  for (const other of config.pages || []) {
    const before = { console: out.console_errors.length, page: out.page_errors.length };
    const otherUrl = pathToFileURL(other.html).href;
    await page.unroute("**/*");
    await page.route("**/*", (route) => {
      const u = route.request().url();
      if (u === otherUrl) return route.continue();
      out.requests.push(u);
      return route.abort();
    });
    await page.goto(otherUrl, { waitUntil: "load" });
    const cards = await page.$$eval("li.finding", (cs) => cs.map((c) => ({ id: c.id, sentences: c.dataset.sentences.split(" ") })));
    const clicks = [];
    for (const card of cards) {
      await page.click(`#${card.id} .subject`);
      clicks.push({ id: card.id, active: await page.$eval("li.finding.active", (c) => c.id).catch(() => null),
        sentences: await where(card.sentences) });
    }
    out.pages.push({ name: other.name, columns: await page.$$eval(".column", (c) => c.length), clicks,
      console_errors: out.console_errors.slice(before.console), page_errors: out.page_errors.slice(before.page) });
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
