// The warmline (issue 27.3): a call-taker logs a call that needed no request in three answers, from the
// navigation, with nothing about the person asked; a missing answer is named and reached from the summary. axe on
// the way.
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

test("a call-taker logs a warmline call in three answers", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "intake");
  await page.getByRole("link", { name: "Warmline" }).click();
  await page.getByRole("heading", { level: 1, name: "Warmline" }).waitFor();
  await checkA11y(page, "the warmline page");
  assert.equal(await page.locator("form input[type=text], form textarea").count(), 0, "no field for words or names");
  await page.getByLabel("Minutes").fill("20");
  await page.getByRole("button", { name: "Log it" }).click();
  const summary = page.locator("#error-summary");
  await summary.waitFor();
  await summary.getByRole("link", { name: /What was it about\?/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "about");
  await checkA11y(page, "the warmline page with answers missing");
  assert.equal(await page.getByLabel("Minutes").inputValue(), "20", "what was typed is kept");
  await page.getByLabel("Loneliness").check();
  await page.getByLabel("Listened").check();
  await page.getByLabel("A number to call").check();
  await page.getByRole("button", { name: "Log it" }).click();
  await page.locator("#done-message", { hasText: "Logged. Thank you." }).waitFor();
  await ctx.close();
});
