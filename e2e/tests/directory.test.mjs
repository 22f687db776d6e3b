// The directory in the browser, as a person without an account meets it: a search with a misspelling, near a
// street address, finds the food pantry at Margaret Fuller Neighborhood House with its distance; the filters
// narrow the list; evacuation sites are never offered as housing; the page works without JavaScript; axe-core
// checks it (in a context with JavaScript: axe runs in the page).
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

test("a person finds the food pantry near them, misspelled, without signing in", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(heart.url + "/");
  await page.getByRole("link", { name: "Find support" }).click();
  await page.waitForURL(/\/directory$/);
  await checkA11y(page, "/directory");
  await page.getByLabel("What are you looking for?").fill("food panrty");
  await page.getByLabel("Near").fill("71 Cherry St");
  await page.getByLabel("Near").press("Enter");
  await page.waitForURL(/q=food/);
  const first = page.locator("ol.directory-results > li").first();
  await first.locator("h3").waitFor();
  assert.equal(await first.locator("h3").textContent(), "Food pantry");
  assert.match(await first.textContent(), /Margaret Fuller Neighborhood House/);
  assert.match(await first.textContent(), /\d+ m away/);
  assert.match(await first.textContent(), /Demo data/);
  await checkA11y(page, "/directory?q=food+panrty");
  // "No ID required" and "Free of charge" keep it; evacuation sites are never "a bed tonight".
  await page.getByLabel("No ID required").check();
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/no_id=1/);
  assert.equal(await page.locator("ol.directory-results > li h3").first().textContent(), "Food pantry");
  await page.goto(heart.url + "/directory?need=housing");
  const names = await page.locator("ol.directory-results > li h3").allTextContents();
  assert.ok(!names.some((n) => /evacuation/i.test(n)), "evacuation sites are not offered as housing");
  await page.goto(heart.url + "/directory?q=evacuation");
  const evac = await page.locator("ol.directory-results > li h3").allTextContents();
  assert.ok(evac.length > 0 && evac.every((n) => /emergency evacuation site/.test(n)), evac.join("; "));
  await context.close();
});

test("the search works without JavaScript", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(heart.url + "/directory");
  await page.getByLabel("What are you looking for?").fill("arears");
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/q=arears/);
  assert.equal(await page.locator("ol.directory-results > li h3").first().textContent(), "Help with utility arrears");
  await context.close();
});

test("a coordinator says the pantry is full today in two clicks; the public sees it with its age", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, heart.url, "coordinator");
  await page.goto(heart.url + "/directory?q=pantry");
  const result = page.locator("ol.directory-results > li").first();
  await result.getByLabel("Today", { exact: true }).selectOption("full");
  await result.getByRole("button", { name: "Update" }).click();
  await page.waitForURL(/#svc-/);
  await checkA11y(page, "/directory (signed in, with the update form)");
  const publicPage = await (await browser.newContext()).newPage();
  await publicPage.goto(heart.url + "/directory?q=pantry");
  const text = await publicPage.locator("ol.directory-results > li").first().textContent();
  assert.match(text, /Full today/);
  assert.match(text, /updated just now|updated \d+ minutes? ago/);
  await context.close();
});

test("a person chooses Spanish at the foot of the page and finds support in Spanish", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(heart.url + "/directory");
  await page.getByRole("link", { name: "Español" }).click();
  await page.waitForURL(/\/directory$/);
  assert.equal(await page.locator("html").getAttribute("lang"), "es");
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Buscar apoyo cerca");
  await checkA11y(page, "/directory (es)");
  await page.goto(heart.url + "/request");
  assert.equal(await page.locator("html").getAttribute("lang"), "es");
  await checkA11y(page, "/request (es)");
  await page.goto(heart.url + "/donate");
  await checkA11y(page, "/donate (es)");
  await context.close();
});
