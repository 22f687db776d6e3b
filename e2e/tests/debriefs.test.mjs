// Debriefs after hard calls (issue 27.4): a responder presses "Need help"; a coordinator finds a debrief for that
// team on the Debriefs page, due within a day, has the talk and marks it done (someone asked for time off); the
// card leaves the list, and the responder's account page says the team talked. axe on the way.
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

test("a debrief appears after \"Need help\" and is done", async () => {
  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneCtx.newPage();
  await signIn(phone, heart.url, "amara");
  await phone.waitForURL(/\/responder$/);
  await phone.getByRole("button", { name: "Need help" }).click();
  await phone.getByText(/Dispatch was alerted at \d\d:\d\d/).waitFor();

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "mo");
  await page.getByRole("link", { name: "Debriefs" }).click();
  await page.getByRole("heading", { level: 1, name: "Debriefs after hard calls" }).waitFor();
  await checkA11y(page, "the debriefs page");
  const card = page.locator("section.debrief").filter({ hasText: 'Team Central: "Need help" pressed' });
  await card.waitFor();
  assert.match(await card.innerText(), /Due /);
  await card.getByLabel("Someone asked for time off").check();
  await card.getByRole("button", { name: "We talked" }).click();
  await page.locator("#done-message", { hasText: "Thank you for looking after the team" }).waitFor();
  assert.equal(await page.locator("section.debrief").filter({ hasText: 'Team Central: "Need help" pressed' }).count(), 0);
  await checkA11y(page, "the debriefs page after one is done");

  await phone.goto(`${heart.url}/account`);
  const mine = phone.locator("section", { has: phone.getByRole("heading", { name: "Debriefs after hard calls" }) });
  assert.match(await mine.innerText(), /"Need help" pressed · talked/);
  await checkA11y(phone, "the account page with the team's debriefs");
  await ctx.close();
  await phoneCtx.close();
});
