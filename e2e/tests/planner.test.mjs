// The planner (issue 26.5): a coordinator picks a city from the example table, keeps the default choice of calls,
// and reads what could move and the teams each hour of the week needs, as numbers in a table (the shading is not
// the only way to read it); a target of 1 is refused with the field named. Then another city's table, uploaded: a bad
// one is named with its line, a good one planned. axe on each page on the way.
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

test("a coordinator plans for Seattle and reads the teams per hour", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "coordinator");
  await page.getByRole("link", { name: "Planner" }).click();
  await page.getByRole("heading", { level: 1, name: "Planner" }).waitFor();
  await checkA11y(page, "the planner");
  await page.getByLabel("City", { exact: true }).fill("Seattle");
  await page.getByLabel("Years the city's counts cover").fill("5");
  await page.getByRole("button", { name: "Plan" }).click();
  await page.getByRole("heading", { level: 2, name: /^Seattle: what could move/ }).waitFor();
  assert.match(await page.locator("#plan-h + ul").innerText(), /calls a year could come to a team like ours\./);
  const table = page.getByRole("table", { name: /Teams on duty needed each hour/ });
  assert.equal(await table.locator("tbody tr").count(), 7);
  assert.equal(await table.locator("tbody tr").first().locator("td").count(), 24);
  assert.match(await table.locator("tbody tr th").first().innerText(), /Monday/);
  await checkA11y(page, "the planner's answer");

  await page.getByLabel("Share of requests that find a free team in that time").fill("1");
  await page.getByRole("button", { name: "Plan" }).click();
  const summary = page.locator("#error-summary");
  await summary.waitFor();
  await summary.getByRole("link", { name: "This is outside the allowed range." }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "target");
  await ctx.close();
});

test("a coordinator plans from another city's table, uploaded", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "coordinator");
  await page.goto(`${heart.url}/planner`);
  const file = page.getByLabel("Another city's call-type table (optional)");
  const csv = (rows) => ({ name: "springfield.csv", mimeType: "text/csv", buffer: Buffer.from(rows) });
  await file.setInputFiles(csv("City,Field 1,Count,Category\nSpringfield,WELFARE CHECK,5000,Statuses\nSpringfield,CRISIS,oops,Behavioral Health\n"));
  await page.getByLabel("Years the city's counts cover").fill("2");
  await page.getByRole("button", { name: "Plan" }).click();
  const summary = page.locator("#error-summary");
  await summary.waitFor();
  assert.match(await summary.innerText(), /A Count in the file is not a whole number\./);
  assert.match(await page.locator("#calltypes-where").innerText(), /Line 3 of the file\./);
  await checkA11y(page, "the planner, a bad file");

  await page.getByLabel("Another city's call-type table (optional)").setInputFiles(
    csv("City,Field 1,Count,Category\nSpringfield,WELFARE CHECK,5000,Statuses\nSpringfield,BURGLARY,5000,Property Crime\n"),
  );
  await page.getByLabel("Years the city's counts cover").fill("2");
  await page.getByLabel(/Our own time per call over the last year/).check();
  await page.getByRole("button", { name: "Plan" }).click();
  await page.getByRole("heading", { level: 2, name: /^Springfield: what could move/ }).waitFor();
  const result = await page.locator("#plan-h").locator("..").innerText();
  assert.match(result, /2500 calls a year could come to a team like ours\./);
  assert.match(result, /That is 50\.0% of all/);
  assert.match(result, /From your file, which holds: Springfield\./);
  await checkA11y(page, "the planner's answer from a file");
  await ctx.close();
});
