// A referral, consent first and closed loop, as the people involved meet it: a coordinator opens a person's
// request from the follow-up list, finds Margaret Fuller House's food pantry in the directory, reads the consent
// form with the person (the form refuses to send without their agreement) and shares only their needs; someone at
// Margaret Fuller House signs in to their own page, sees exactly that, accepts and marks the person connected; the
// team's follow-up list shows the result. axe-core checks each page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHeart, launch, checkA11y, signIn } from "./helpers.mjs";

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

test("a coordinator refers with consent; the partner accepts and connects; the team sees it", async () => {
  const team = await (await browser.newContext()).newPage();
  await signIn(team, heart.url, "coordinator");
  await team.goto(heart.url + "/follow-ups");
  const referrals = team.locator("section[aria-labelledby=referrals-h]");
  await referrals.waitFor();
  await checkA11y(team, "/follow-ups (with referrals)");
  // The demo's accepted referral to the arrears help: open the person's request from it.
  await referrals.locator("li", { hasText: "Help with utility arrears" }).getByRole("link").click();
  await team.waitForURL(/\/requests\/[^/]+#referrals$/);
  const requestUrl = team.url().replace(/#.*$/, "");
  await team.getByRole("link", { name: "Find a service to refer to" }).click();
  await team.waitForURL(/\/directory\?refer=/);
  await team.getByLabel("What are you looking for?").fill("pantry");
  await team.getByRole("button", { name: "Search" }).click();
  await team.waitForURL(/q=pantry/);
  await team.getByRole("link", { name: "Refer to Food pantry" }).first().click();
  await team.waitForURL(/\/refer\?service=/);
  await checkA11y(team, "/requests/{id}/refer");
  await team.getByLabel(/What they need support with/).check();
  // Not yet agreed: the form says so and sends nothing.
  await team.getByRole("button", { name: "Send the referral" }).click();
  await team.locator("#error-summary").waitFor();
  await checkA11y(team, "/requests/{id}/refer (with an error)");
  await team.getByLabel("The person agreed to be referred to this service.").check();
  await team.getByRole("button", { name: "Send the referral" }).click();
  await team.waitForURL(/#referrals$/);
  const mine = team.locator("section[aria-labelledby=referrals] li", { hasText: "Food pantry" }).last();
  assert.match(await mine.textContent(), /Sent, waiting for an answer/);
  assert.match(await mine.textContent(), /What they need support with/);
  await checkA11y(team, "/requests/{id} (with referrals)");

  // Someone at Margaret Fuller House: their own page, the needs only.
  const partner = await (await browser.newContext()).newPage();
  await signIn(partner, heart.url, "fuller");
  assert.match(partner.url(), /\/partner$/);
  await checkA11y(partner, "/partner");
  const waiting = partner.locator("section[aria-labelledby=refs-open] li.referral", { hasText: "Food pantry" }).first();
  const text = await waiting.textContent();
  assert.match(text, /What they need support with/);
  assert.doesNotMatch(text, /617-555/, "no call-back number was shared");
  assert.doesNotMatch(text, /Demo caller/, "no name was shared");
  // Nothing of the team's own pages.
  const res = await partner.goto(heart.url + "/requests");
  assert.equal(res.status(), 403);
  await partner.goto(heart.url + "/partner");
  await waiting.getByRole("button", { name: "Accept" }).click();
  await partner.waitForURL(/#ref-/);
  await partner
    .locator("section[aria-labelledby=refs-open] li.referral", { hasText: "Food pantry" })
    .first()
    .getByRole("button", { name: "They are connected" })
    .click();
  await partner.waitForURL(/#ref-/);
  const answered = partner.locator("section[aria-labelledby=refs-done] li.referral", { hasText: "Food pantry" });
  assert.match(await answered.first().textContent(), /Connected/);
  await checkA11y(partner, "/partner (answered)");

  // The team sees the result on the request and on the follow-up list.
  await team.goto(requestUrl);
  const after = team.locator("section[aria-labelledby=referrals] li", { hasText: "Food pantry" }).last();
  assert.match(await after.textContent(), /Connected/);
  await team.goto(heart.url + "/follow-ups");
  assert.match(await team.locator("section[aria-labelledby=referrals-h]").textContent(), /Connected/);
});
