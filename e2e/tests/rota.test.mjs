// The rota (issue 24.1): a responder finds a shift of their team short of people, signs up (told it goes past the
// hours a week the team set, and signing up anyway: issue 27.4), and sees the gap close (in words, not colour
// alone); then offers the place for a swap and keeps it again. axe on each page on the way.
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

test("a responder signs up for a shift short of people and the gap closes", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  // Eli is on Team North in the demo.
  await signIn(page, heart.url, "eli");
  await page.getByRole("link", { name: "Rota" }).click();
  await page.getByRole("heading", { level: 1, name: "Rota" }).waitFor();
  await checkA11y(page, "the rota");
  // The first gap of Team North that Eli can sign up for, from the list of gaps to the shift itself.
  const slot = page.locator("li.rota-slot.rota-gap", { hasText: "Team North" })
    .filter({ has: page.getByRole("button", { name: "Sign up" }) }).first();
  const id = await slot.getAttribute("id");
  assert.match(await slot.innerText(), /Needs 1 more person\./);
  await slot.getByRole("button", { name: "Sign up" }).click();
  // The demo's rota already gives Eli more than 20 hours that week: he is told, and may sign up anyway.
  const warn = page.locator("[data-rota-confirm]");
  await warn.waitFor();
  assert.match(await warn.innerText(), /Rest matters/);
  assert.match(await page.locator("#error-summary").innerText(), /past the hours a week the team set/);
  await checkA11y(page, "the rota asking to confirm a shift past the hours");
  await warn.getByRole("button", { name: "Sign up anyway" }).click();
  await page.locator("#done-message", { hasText: "You signed up for the shift." }).waitFor();
  const after = page.locator(`#${id}`);
  assert.match(await after.innerText(), /Full\./);
  assert.match(await after.innerText(), /Eli/);
  assert.equal(await after.evaluate((el) => el.classList.contains("rota-gap")), false);
  assert.equal(await page.locator(`#gaps-h + ul a[href="#${id}"]`).count(), 0, "no longer among the gaps");
  await checkA11y(page, "the rota after signing up");
  // Offer it for a swap, then keep it.
  await after.getByRole("button", { name: "Offer for a swap" }).click();
  await page.locator("#done-message", { hasText: "Your place is offered for a swap." }).waitFor();
  assert.match(await page.locator(`#${id}`).innerText(), /Eli \(offered for a swap\)/);
  await page.locator(`#${id}`).getByRole("button", { name: "Keep my place" }).click();
  await page.locator("#done-message", { hasText: "Your place is no longer offered." }).waitFor();
  await ctx.close();
});
