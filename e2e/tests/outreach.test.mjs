// Outreach (issue 27.1): a responder records a walk on a phone (390 px) with the big + and − buttons, counting as
// they go; a page reloaded on the walk keeps the tally; a walk for one person is refused with the field named; the
// walk sent lands on the outreach page, counted. Then with no signal: the walk waits on the phone and is sent when
// the signal comes back. axe on each page on the way.
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

test("a responder counts a walk on a phone and sends it once at the end", async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await signIn(page, heart.url, "amara");
  await page.goto(`${heart.url}/outreach`);
  await page.getByRole("heading", { level: 1, name: "Outreach" }).waitFor();
  await checkA11y(page, "the outreach page");
  await page.getByRole("link", { name: "Record a walk or an event" }).click();
  await page.getByRole("heading", { level: 1, name: "Record a walk" }).waitFor();
  await checkA11y(page, "the tally page");
  await page.getByLabel("Where").fill("Central Square");
  const more = (name) => page.getByRole("button", { name: `One more: ${name}`, exact: true });
  const less = (name) => page.getByRole("button", { name: `One less: ${name}`, exact: true });
  for (let i = 0; i < 4; i++) await more("People reached").tap();
  await less("People reached").tap();
  await more("Water").tap();
  await more("Water").tap();
  await more("Naloxone given").tap();
  assert.equal(await page.getByLabel("People reached", { exact: true }).inputValue(), "3");
  // Never below zero.
  await less("Socks").tap();
  assert.equal(await page.getByLabel("Socks", { exact: true }).inputValue(), "0");
  // A reload on the walk keeps the tally (on this phone, never the codes).
  await page.reload();
  assert.equal(await page.getByLabel("People reached", { exact: true }).inputValue(), "3");
  assert.equal(await page.getByLabel("Water", { exact: true }).inputValue(), "2");
  // Amara alone: a walk needs two.
  await page.getByRole("button", { name: "Send the walk" }).click();
  const summary = page.locator("#error-summary");
  await summary.waitFor();
  await summary.getByRole("link", { name: /A walk needs at least two people/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "people");
  await checkA11y(page, "the tally page with a field to fix");
  assert.equal(await page.getByLabel("People reached", { exact: true }).inputValue(), "3", "what was counted is kept");
  await page.getByLabel("Bo", { exact: true }).check();
  await page.getByLabel("Returning-person codes (optional)").fill("JD 03\nKai");
  await page.getByRole("button", { name: "Send the walk" }).click();
  await page.getByText("Saved. The walk is counted.").waitFor();
  const total = page.locator("#outreach-total-h + ul");
  assert.match(await total.innerText(), /1 walk or event/);
  assert.match(await total.innerText(), /3 people reached/);
  assert.match(await total.innerText(), /2 different people who gave a returning-person code/);
  assert.match(await total.innerText(), /1 naloxone kit given/);
  assert.match(await page.locator("#outreach-list-h + ul").innerText(), /Central Sq.*Amara, Bo|amara, bo/is);
  await checkA11y(page, "the outreach page with a walk");
  // Sent: the next walk starts from nothing.
  await page.goto(`${heart.url}/responder/outreach`);
  assert.equal(await page.getByLabel("People reached", { exact: true }).inputValue(), "0");
  await ctx.close();
});
