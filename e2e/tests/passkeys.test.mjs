// Passkeys in the browser (issue 19.10): Chromium's virtual authenticator (the DevTools WebAuthn domain) stands in
// for a phone or a security key. WebAuthn refuses IP addresses, so the pages are opened at http://localhost:PORT
// (the demo's relying party is `localhost`). Add two passkeys and name them, rename one, sign in with one, remove
// one after confirming with a passkey; axe-core on every page on the way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHeart, launch, checkA11y } from "./helpers.mjs";

let heart;
let browser;
let base;

before(async () => {
  heart = await startHeart();
  browser = await launch();
  base = heart.url.replace("//127.0.0.1:", "//localhost:");
});

after(async () => {
  await browser?.close();
  await heart?.stop();
});

async function password(page, username) {
  await page.goto(base + "/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(`heart-demo-${username}`);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const passkey = (page, name) => page.locator(".passkey", { has: page.getByRole("heading", { name, exact: true }) });

test("add two passkeys and name them, sign in with one, remove one after confirming with a passkey", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true,
      isUserVerified: true, automaticPresenceSimulation: true,
    },
  });

  await password(page, "coordinator");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.goto(base + "/account");
  await page.getByRole("heading", { name: "Passkeys" }).waitFor();
  await page.getByText("You have no passkey yet.").waitFor();
  assert.equal(await page.getByText("Adding a passkey needs JavaScript").isVisible(), false);
  await checkA11y(page, "/account (no passkey)");

  await page.getByLabel("Name for the new passkey").fill("work laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await page.getByRole("heading", { name: "work laptop" }).waitFor();
  await page.getByText("Saved. The passkey is added.").waitFor();

  // A second passkey, as if on another device: an authenticator that holds one of the account's passkeys is
  // refused another, so this one forgets the first for a moment and is given it back afterwards.
  const held = (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
  assert.equal(held.length, 1);
  assert.equal(held[0].rpId, "localhost");
  await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
  await page.getByLabel("Name for the new passkey").fill("blue key");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await page.getByRole("heading", { name: "blue key" }).waitFor();
  await cdp.send("WebAuthn.addCredential", { authenticatorId, credential: held[0] });
  assert.equal((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials.length, 2);

  // Rename one.
  const laptop = passkey(page, "work laptop");
  await laptop.getByLabel("Name", { exact: true }).fill("old laptop");
  await laptop.getByRole("button", { name: "Rename" }).click();
  await page.getByRole("heading", { name: "old laptop" }).waitFor();
  assert.equal(await page.locator(".passkey").count(), 2);
  await checkA11y(page, "/account (two passkeys)");

  // Removing asks for the second factor first: without it, refused next to the form.
  const blue = passkey(page, "blue key");
  await blue.getByRole("button", { name: "Remove blue key" }).click();
  await passkey(page, "blue key").getByRole("alert").filter({ hasText: /code/ }).first().waitFor();
  assert.equal(await page.locator(".passkey").count(), 2);
  await checkA11y(page, "/account (removal refused)");

  // Sign out, and in again: the password, then a passkey instead of a code.
  await page.getByRole("button", { name: /Sign out/ }).first().click();
  await page.waitForURL(/\/login$/);
  await password(page, "coordinator");
  await page.waitForURL(/\/login\/code$/);
  await checkA11y(page, "/login/code (with a passkey)");
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));

  // Remove one, confirming with a passkey.
  await page.goto(base + "/account");
  await passkey(page, "blue key").getByRole("button", { name: "Use a passkey" }).click();
  await page.getByText("The passkey is removed.").waitFor();
  assert.equal(await page.locator(".passkey").count(), 1);
  await passkey(page, "old laptop").waitFor();
  await checkA11y(page, "/account (one passkey left)");
  await ctx.close();
});
