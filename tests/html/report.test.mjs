// backstop's HTML report as a reader sees it: written by the real binary,
// opened from disk in headless Chromium (Debian's, driven by playwright-core;
// no browser download). Checks that the page loads nothing, logs no error,
// marks the demo note's claims as the check found them, shows each finding
// beside its source passage, and runs no script from article text. Saves a
// screenshot of the page.
//
//   cargo build && cd tests/html && npm ci && npm test
//
// BACKSTOP_BIN chooses the binary (default: target/debug/backstop);
// CHROMIUM the browser (default: /usr/bin/chromium).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const binary = process.env.BACKSTOP_BIN ?? join(repo, "target", "debug", "backstop");
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const screenshots = join(repo, "target", "html-report");
const scratch = mkdtempSync(join(tmpdir(), "backstop-html-"));

let context;

/** Run `backstop check ARGS --format html` in `cwd`; the report's path. */
function report(cwd, args, name, expectedStatus) {
  const out = join(scratch, name);
  const run = spawnSync(binary, ["check", ...args, "--format", "html", "--output-file", out], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, BACKSTOP_TODAY: "2026-01-01", BACKSTOP_CACHE_DIR: join(scratch, "cache") },
  });
  assert.equal(run.status, expectedStatus, `backstop exited ${run.status}: ${run.stderr}`);
  return out;
}

/** Open `file` and collect what the page logged and requested. */
async function open(file) {
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => requests.push(request.url()));
  const url = pathToFileURL(file).href;
  await page.goto(url);
  return { page, problems, requests, url };
}

before(async () => {
  assert.ok(existsSync(binary), `no backstop binary at ${binary}: run cargo build first`);
  mkdirSync(screenshots, { recursive: true });
  context = await chromium.launchPersistentContext(join(scratch, "profile"), {
    executablePath: browserPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await context?.close();
  rmSync(scratch, { recursive: true, force: true });
});

test("the seeds report marks each claim and shows the evidence beside each finding", async () => {
  // The demo note holds deliberate errors: the check exits 1.
  const file = report(repo, ["seeds"], "seeds.html", 1);
  const { page, problems, requests, url } = await open(file);
  assert.deepEqual(problems, []);
  assert.deepEqual(requests, [url], "the report loads nothing but itself");

  const claim = (text) => page.locator("mark.claim", { hasText: text });
  assert.equal(await claim("35,000 European troops").getAttribute("data-status"), "contradicted");
  assert.equal(await claim("on February 26").getAttribute("data-status"), "contradicted");
  assert.equal(await claim("going to fail").getAttribute("data-status"), "misquoted");
  assert.equal(await claim("British fighter jets").getAttribute("data-status"), "misquoted");
  assert.equal(await claim("200,000 peacekeepers").getAttribute("data-status"), "unknown");
  assert.equal(await claim("cut its aid to Poland").getAttribute("data-status"), "unknown");
  assert.equal(await claim("up to 30,000 European troops").getAttribute("data-status"), "supported");
  for (const status of ["supported", "contradicted", "misquoted", "unknown"]) {
    assert.ok(await page.locator(`mark.claim-${status}`).count() >= 1, status);
  }

  // The number mismatch and the passage that states the real number, side
  // by side.
  const pair = page.locator(".finding", { hasText: "does not state 35,000" });
  const finding = await pair.locator(".finding-side").boundingBox();
  const source = await pair.locator(".source-side").first().boundingBox();
  assert.ok(source.x > finding.x + finding.width - 1, "the passage stands right of the finding");
  assert.ok(Math.abs(source.y - finding.y) < 2, "on the same row");
  assert.match(await pair.locator(".source-side").first().innerText(), /30,000/);

  // Clicking a marked claim goes to its finding.
  await claim("35,000 European troops").click();
  assert.match(await page.evaluate(() => location.hash), /^#finding-\d+$/);

  // The article list with its metadata problems, and the count per rule.
  const rows = page.locator("table.articles tbody tr");
  assert.equal(await rows.count(), 5);
  assert.match(await rows.first().innerText(), /missing-date/);
  assert.match(await rows.first().innerText(), /missing-source/);
  const misquote = page.locator("table.rules tr", { hasText: "misquote" }).first();
  assert.equal(await misquote.locator("td.count").innerText(), "1");

  // "Problems only" hides the rules that found nothing.
  const quiet = page.locator("table.rules tr.quiet").first();
  assert.ok(await quiet.isVisible());
  await page.locator("#problems-only").check();
  assert.ok(!(await quiet.isVisible()));
  await page.locator("#problems-only").uncheck();

  await page.screenshot({ path: join(screenshots, "report.png"), fullPage: true });
  await page.close();
});

test("article and note text is shown as text, never run", async () => {
  const workspace = join(scratch, "hostile");
  mkdirSync(join(workspace, "sources"), { recursive: true });
  mkdirSync(join(workspace, "notes"), { recursive: true });
  writeFileSync(
    join(workspace, "sources", "a.md"),
    "---\ntitle: <img src=x onerror=\"window.pwned=1\">\ndate: 2025-02-27\nsource: <script>window.pwned=2</script>\n---\n" +
      "The minister said the plan \"will cost <b>300 million</b> & more\" on Monday.\n",
  );
  writeFileSync(
    join(workspace, "notes", "n.md"),
    "The minister said the plan \"will cost <b>300 million</b> & less\" [@a].\n<script>window.pwned=3</script>\n",
  );
  const file = report(workspace, [], "hostile.html", 1);
  const { page, problems, requests, url } = await open(file);
  assert.deepEqual(problems, []);
  assert.deepEqual(requests, [url]);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator("body img, body b, body script:not(:last-of-type)").count(), 0);
  assert.match(await page.locator("table.articles").innerText(), /<img src=x onerror="window.pwned=1">/);
  assert.match(await page.locator("pre.note-text").innerText(), /<script>window.pwned=3<\/script>/);
  await page.screenshot({ path: join(screenshots, "hostile.png"), fullPage: true });
  await page.close();
});
