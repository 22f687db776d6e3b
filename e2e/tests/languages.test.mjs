// Every language on the pages a person meets (issue 25.2, 25.3, 25.6 in part): a person chooses Arabic at the foot of
// the page and the page turns right to left; the public pages pass axe-core in English, Spanish and Arabic; the
// request form in Arabic at 390 px wide has no sideways scroll (a screenshot is kept in test-results/).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startHeart, launch, checkA11y } from "./helpers.mjs";

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "..", "test-results");
const PUBLIC = ["/", "/request", "/directory", "/directory?q=food", "/donate", "/data", "/login"];

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

test("a person chooses Arabic at the foot of the page, and the page reads right to left", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(heart.url + "/request");
  await page.locator("footer a[hreflang=ar]").click();
  await page.waitForURL(/\/request$/);
  assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
  assert.equal(await page.locator("html").getAttribute("lang"), "ar");
  // The translation is new, and the page says so in Arabic; the person's language starts as Arabic.
  assert.ok(await page.locator(".translation-new").isVisible());
  assert.equal(await page.locator("select#language").inputValue(), "ar");
  // Phone numbers read left to right inside the Arabic words.
  assert.ok((await page.locator("a[href='tel:988'][dir=ltr]").count()) > 0);
  // And back to English from the foot of the page.
  await page.locator("footer a[hreflang=en-US]").click();
  await page.waitForURL(/\/request$/);
  assert.equal(await page.locator("html").getAttribute("dir"), "ltr");
  await context.close();
});

for (const lang of ["en-US", "es", "ar"]) {
  test(`the public pages pass axe-core in ${lang}`, async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "heart_lang", value: lang, url: heart.url }]);
    const page = await context.newPage();
    for (const path of PUBLIC) {
      const r = await page.goto(heart.url + path);
      assert.equal(r.status(), 200, `${lang} ${path}`);
      await checkA11y(page, `${path} in ${lang}`);
    }
    await context.close();
  });
}

test("the request form in Arabic at 390 px wide fits without scrolling sideways", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  await context.addCookies([{ name: "heart_lang", value: "ar", url: heart.url }]);
  const page = await context.newPage();
  await page.goto(heart.url + "/request");
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= width, `scrolls sideways: ${scroll} > ${width}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, "request-ar-390.png"), fullPage: true });
  await context.close();
});
