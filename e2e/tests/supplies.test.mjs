// Supplies (issue 27.2): a coordinator sees what is low and a naloxone kit that expires within 30 days, records
// a donated kit that expires soon and socks given with it (one receipt names the items and no value), sets a low
// mark, and finds both in
// "Low or expiring soon"; a stock move of more than is on hand is refused at its field. axe on every page.
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

/// YYYY-MM-DD, `days` from today.
function inDays(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

test("a coordinator sees low stock and an expiring naloxone kit", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "mo");
  await page.getByRole("link", { name: "Supplies", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Supplies" }).waitFor();
  await checkA11y(page, "the supplies page");
  // The demo's van holds six naloxone kits that expire in 20 days, under its mark of 8.
  const watch = page.locator("[data-supplies-watch]");
  assert.match(await watch.innerText(), /Naloxone · Van: low: 6 left 6 expired or expire within 30 days/);

  // A donated kit for the office that expires in ten days.
  await page.getByRole("link", { name: "Supplies received" }).click();
  await page.getByRole("heading", { level: 1, name: "Supplies received" }).waitFor();
  await checkA11y(page, "the supplies received form");
  await page.getByLabel("Kind").selectOption("naloxone");
  await page.getByLabel("Kept at").selectOption("office");
  await page.getByLabel("How many").fill("2");
  await page.getByLabel("Expires on").fill(inDays(10));
  await page.getByLabel("Donated").check();
  await page.getByLabel("Donor's name").fill("A neighbour");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("heading", { level: 1, name: "Receipt for supplies donated" }).waitFor();
  const receipt = await page.locator("[data-receipt-items]").innerText();
  assert.match(receipt, /Naloxone: 2/);
  assert.ok(!(await page.locator("main").innerText()).includes("$"), "a receipt in kind states no value");
  await checkA11y(page, "the receipt for supplies donated");
  // Socks given with it go on the same receipt.
  await page.getByRole("link", { name: "Add another item to this receipt" }).click();
  await page.locator("[data-receipt-adding]").waitFor();
  await checkA11y(page, "adding an item to a receipt");
  await page.getByLabel("Kind").selectOption("socks");
  await page.getByLabel("Kept at").selectOption("office");
  await page.getByLabel("How many").fill("12");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("heading", { level: 1, name: "Receipt for supplies donated" }).waitFor();
  const both = await page.locator("[data-receipt-items]").innerText();
  assert.match(both, /Naloxone: 2/);
  assert.match(both, /Socks: 12/);
  assert.match(await page.locator("main").innerText(), /A neighbour/);

  // A mark for naloxone at the office: 12 on hand is low at 15.
  await page.goto(`${heart.url}/supplies/levels`);
  await checkA11y(page, "the low-stock marks");
  await page.getByLabel("Kind").selectOption("naloxone");
  await page.getByLabel("Place").selectOption("office");
  await page.getByLabel("Low at").fill("15");
  await page.getByRole("button", { name: "Save" }).click();
  await page.locator("#done-message", { hasText: "The mark is set" }).waitFor();
  await page.getByRole("link", { name: "Back to supplies" }).click();
  const list = await page.locator("[data-supplies-watch]").innerText();
  assert.match(list, /Naloxone · Office: low: 12 left 2 expired or expire within 30 days/);

  // Giving out more than the van holds is refused at the field, and nothing changes.
  await page.getByRole("link", { name: "Supplies given out" }).click();
  await page.getByLabel("Kind").selectOption("hygiene_kits");
  await page.getByLabel("Given from").selectOption("van");
  await page.getByLabel("How many").fill("9");
  await page.getByRole("button", { name: "Save" }).click();
  await page.locator("#error-summary").waitFor();
  assert.match(await page.locator("#count-error").innerText(), /more than the stock holds/);
  await checkA11y(page, "the supplies given out form with an error");
  await ctx.close();
});
