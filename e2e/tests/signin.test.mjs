// Second-factor sign-in in the browser, as a real deployment requires it: set up with the QR code page, keep the
// recovery codes, sign in again with one. axe-core checks every page on the way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHeart, launch, checkA11y, totpCode } from "./helpers.mjs";

let heart;
let browser;

before(async () => {
  heart = await startHeart({ HEART_REQUIRE_SECOND_FACTOR: "true" });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await heart?.stop();
});

async function password(page, username) {
  await page.goto(heart.url + "/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(`heart-demo-${username}`);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("set up a second factor, then sign in with a recovery code", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await password(page, "coordinator");
  await page.waitForURL(/\/account\/second-factor$/);
  await page.getByRole("heading", { name: "Set up your second factor" }).waitFor();
  assert.equal(await page.locator(".qr svg").count(), 1, "the QR code is drawn inline");
  await checkA11y(page, "/account/second-factor");
  const key = await page.locator("#manual-key").innerText();
  // A wrong code is explained next to the field.
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.locator("#code-error").waitFor();
  await checkA11y(page, "/account/second-factor (error)");
  await page.getByLabel("Code from the app").fill(totpCode(key));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.getByRole("heading", { name: "Your recovery codes" }).waitFor();
  await checkA11y(page, "recovery codes");
  const codes = await page.locator(".recovery-codes code").allInnerTexts();
  assert.equal(codes.length, 10);
  await page.getByRole("link", { name: /continue/ }).click();
  await page.goto(heart.url + "/account");
  await page.getByText("Signing in asks for a code").waitFor();
  await checkA11y(page, "/account");
  await page.getByRole("button", { name: /Sign out/ }).first().click();
  await page.waitForURL(/\/login$/);

  // Next time: the password, then a code (here a recovery code).
  await password(page, "coordinator");
  await page.waitForURL(/\/login\/code$/);
  await checkA11y(page, "/login/code");
  await page.getByLabel("Code").fill(codes[0]);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(/\/follow-ups$/);
  await ctx.close();
});
