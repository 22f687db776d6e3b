// The README's tour, step "give", in the plain demo (`heart serve --demo`, no payment provider set): a local test
// provider takes the gift, every page it touches says "test mode: no money moves", and the gift reaches its
// receipt and the books. axe-core checks each page.
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

test("the demo takes a gift through its test provider, said on every page, and it reaches the receipt", async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto(heart.url + "/donate");
  await page.getByRole("heading", { name: "Give today" }).waitFor();
  assert.match(await page.locator(".test-mode").innerText(), /^Test mode: no money moves\./);
  await checkA11y(page, "/donate (test mode)");
  await page.getByLabel("Choose your own amount").check();
  await page.getByLabel("Your amount").fill("12");
  await page.getByLabel("Email for your receipt").fill("demo-donor@example.org");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.waitForURL(/\/donate\/test-checkout\//);
  assert.match(await page.locator(".test-mode").innerText(), /^Test mode: no money moves\./);
  assert.match(await page.locator("main").innerText(), /\$12\.00/);
  await checkA11y(page, "/donate/test-checkout/{id}");
  await page.getByRole("button", { name: "Pay (test: nothing is charged)" }).click();
  await page.waitForURL(/\/donate\/receipt\//);
  await page.getByRole("heading", { name: "Thank you" }).waitFor();
  assert.match(await page.locator(".test-mode").innerText(), /^Test mode: no money moves\./);
  assert.match(await page.locator("section.receipt").innerText(), /\$12\.00/);
  await checkA11y(page, "/donate/receipt/{token} (test mode)");
  await ctx.close();

  // It is in the books, as any gift is.
  const mctx = await browser.newContext();
  const mo = await mctx.newPage();
  await signIn(mo, heart.url, "mo");
  await mo.goto(heart.url + "/funds/donors");
  await mo.getByRole("cell", { name: "demo-donor@example.org" }).waitFor();
  await mctx.close();
});
