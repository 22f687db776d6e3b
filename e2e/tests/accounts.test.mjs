// Accounts that begin and end in the app (issue 23.7): an admin adds an account on /accounts (the setup link shown
// once; what it may do waits for a second admin), then disables another at once. axe on each state of the page.
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

test("an admin adds an account, then disables one", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "admin");
  await page.goto(heart.url + "/accounts");
  await checkA11y(page, "/accounts");
  const add = page.locator("section", { has: page.getByRole("heading", { name: "Add an account" }) });
  await add.getByLabel("Username").fill("casey");
  await add.getByLabel("The name colleagues see").fill("Casey");
  await add.getByRole("checkbox").first().check();
  await add.getByRole("button", { name: "Add the account" }).click();
  await page.getByText("Account added.").waitFor();
  const link = await page.locator("code.setup-link").innerText();
  assert.match(link, /^\/setup\/\S+$/);
  await checkA11y(page, "/accounts (added)");
  const casey = page.locator("section", { has: page.getByRole("heading", { name: /^Casey casey/ }) });
  await casey.waitFor();

  // The new account's set-up link works once: the person chooses a password.
  const pctx = await browser.newContext();
  const person = await pctx.newPage();
  await person.goto(heart.url + link);
  await person.getByRole("heading", { name: "Choose your password" }).waitFor();
  await pctx.close();

  // Disabling is one admin's decision, at once.
  await casey.getByRole("button", { name: "Disable this account" }).click();
  await page.locator("#done-message", { hasText: "Disabled. Their sessions ended and their tokens stopped." }).waitFor();
  const disabled = page.locator("section", { has: page.getByRole("heading", { name: /^Casey casey/ }) });
  assert.match(await disabled.innerText(), /Disabled/);
  await disabled.getByRole("button", { name: "Ask to enable it again" }).waitFor();
  await checkA11y(page, "/accounts (disabled)");
  await page.getByRole("heading", { name: "API tokens" }).waitFor();
  await ctx.close();
});
