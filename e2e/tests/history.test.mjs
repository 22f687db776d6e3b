// Search and history (issue 23.4): a coordinator finds the week's closed requests by a word from what was said;
// the words go in the form's body, never in the address. axe on the page with its results.
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

test("a coordinator searches closed requests of the last days by a word", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "coordinator");
  await page.goto(heart.url + "/requests");
  await checkA11y(page, "/requests");
  const day = (d) => new Date(Date.now() - d * 86400000).toISOString().slice(0, 10);
  await page.getByLabel("From (day)").fill(day(10));
  await page.getByLabel("To (day)").fill(day(0));
  await page.getByLabel("Status").selectOption({ label: "Closed" });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await page.waitForURL(/status=closed/);
  const closed = await page.locator("p[role=status]").innerText();
  assert.match(closed, /\d+ requests? found/);
  // Now by a word from what was said, within the same filters.
  await page.getByLabel("Words in what was said or where").fill("alewife");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await page.locator("#words[value=alewife]").waitFor();
  const found = Number((await page.locator("p[role=status]").innerText()).match(/^(\d+)/)[1]);
  assert.ok(found >= 1 && found <= Number(closed.match(/^(\d+)/)[1]), `${found} of ${closed}`);
  assert.ok(!page.url().includes("alewife"), "the words are not in the address");
  const rows = await page.locator("tbody tr").allInnerTexts();
  assert.equal(rows.length, found);
  for (const r of rows) assert.match(r, /Alewife[\s\S]*Closed/, r);
  await checkA11y(page, "/requests (words)");
  await ctx.close();
});
