// Impact (issue 26): a coordinator reads the team's figures for the last twelve months (the demo week is in them),
// each chart with its numbers in a table and a sentence; picks a period that cannot be and is told which field;
// downloads a table as CSV. Anyone reads the public page, where small counts are hidden and said so. axe on each page on the way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHeart, launch, signIn, checkA11y } from "./helpers.mjs";

let heart;
let browser;

before(async () => {
  heart = await startHeart();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await heart?.stop();
});

test("a coordinator reads the team's figures, charts and tables, and downloads one", async () => {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  await signIn(page, heart.url, "coordinator");
  await page.getByRole("link", { name: "Impact", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Impact" }).waitFor();
  await checkA11y(page, "the impact page");
  const summary = await page.locator("#summary-h + ul").innerText();
  assert.match(summary, /40 requests/);
  assert.match(summary, /Requests sent to the police: none/);
  // Three charts, each an image with a name and a description a screen reader reads.
  const charts = page.locator("figure svg[role=img]");
  assert.equal(await charts.count(), 3);
  assert.match(await page.locator("#chart-requests-cap").innerText(), /40 requests in all/);
  // The same numbers in a table.
  const channels = page.getByRole("region", { name: "Requests by month and channel" });
  assert.match(await channels.locator("tfoot").innerText(), /40/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("section", { has: page.getByRole("heading", { name: "Requests by month and channel" }) })
      .getByRole("link", { name: "Download this table (CSV)" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^heart-impact-.*\.csv$/);

  // A period that ends before it starts: the field is named and focus goes there.
  await page.getByLabel("First day").fill("2026-12-01");
  await page.getByLabel("Last day").fill("2026-11-01");
  await page.getByRole("button", { name: "Show the figures" }).click();
  const errors = page.locator("#error-summary");
  await errors.waitFor();
  await errors.getByRole("link", { name: "The start comes after the end." }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "from");
  await checkA11y(page, "the impact page with an error");
  await ctx.close();
});

test("anyone reads the public numbers, small counts hidden", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(heart.url + "/");
  await page.getByRole("link", { name: "Our numbers" }).click();
  await page.getByRole("heading", { level: 1, name: /our numbers/ }).waitFor();
  const text = await page.locator("main").innerText();
  assert.match(text, /Requests sent to the police: 0\. Always none/);
  assert.match(text, /fewer than 11/);
  // No cell shows a count from 1 to 10.
  const cells = await page.locator("main table td").allInnerTexts();
  for (const c of cells) {
    const n = Number(c.trim());
    if (Number.isInteger(n)) assert.ok(n === 0 || n >= 11, `a count of ${n} is shown`);
  }
  await checkA11y(page, "the public numbers");
  await ctx.close();
});

test("a funder's report names what the fund paid for and how it is counted", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "mo");
  await page.goto(heart.url + "/funds");
  await page.getByRole("link", { name: "Report for a funder" }).click();
  await page.getByRole("heading", { level: 1, name: "Report for a funder" }).waitFor();
  await checkA11y(page, "the funder report form");
  await page.getByLabel("Fund").selectOption({ label: "Mutual aid" });
  await page.getByRole("button", { name: "Make the report" }).click();
  await page.getByRole("heading", { level: 3, name: "What the fund paid for" }).waitFor();
  assert.match(await page.locator("main").innerText(), /Mutual aid: Rent or utility arrears/);
  assert.match(await page.locator("main").innerText(), /Cost per request answered/);
  await page.getByRole("heading", { level: 3, name: "How these are counted" }).waitFor();
  await checkA11y(page, "the funder report");
  // Printed, the navigation and the form are left off.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("header nav").isVisible(), false);
  assert.equal(await page.locator("main form").isVisible(), false);
  await ctx.close();
});
