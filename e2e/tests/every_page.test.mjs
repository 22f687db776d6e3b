// axe-core on every page, in English, Spanish and Arabic (issue 25.6): the public pages, each staff page (as a
// coordinator and admin, a dispatcher, a responder and a partner), and the pages no other test opens
// (/accounts, /legal, /setup/{token}, /partner/services/{id}, the error page); and each one reflows at 320 px wide
// (WCAG 1.4.10, what 200% zoom on a 640 px window gives): no sideways scroll of the page itself.
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

const PUBLIC = ["/", "/request", "/directory", "/donate", "/data", "/login", "/setup/not-a-real-token", "/no-such-page",
  "/transparency", "/transparency?from=2030-01-01&to=2029-01-01"];
const KEEPER = ["/accounts", "/legal", "/approvals", "/audit", "/health", "/languages", "/funds", "/mutual-aid",
  "/teams", "/rota", "/follow-ups", "/account", "/directory", "/planner",
  "/planner?city=Seattle&years=5&spread=history", "/planner?city=Dallas&years=0&choice=chosen",
  "/impact", "/impact?from=2030-01-01&to=2029-01-01", "/impact/funds",
  "/outreach", "/outreach?from=2030-01-01&to=2029-01-01", "/responder/outreach", "/warmline", "/debriefs", "/trainings",
  "/supplies", "/supplies/move?direction=received", "/supplies/move?direction=given", "/supplies/move?direction=moved",
  "/supplies/move?direction=discarded",
  "/supplies/levels", "/circles"];
const PARTNER = ["/partner"];

async function visit(page, path, label) {
  await page.goto(heart.url + path);
  await checkA11y(page, label);
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= width, `${label} scrolls sideways at ${width} px: ${scroll}`);
}

for (const lang of ["en-US", "es", "ar"]) {
  test(`every page passes axe-core and reflows at 320 px, in ${lang}`, async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    await context.addCookies([{ name: "heart_lang", value: lang, url: heart.url }]);
    const page = await context.newPage();
    for (const path of PUBLIC) await visit(page, path, `${path} (${lang})`);
    // Signed in (the sign-in form in English, as the helper reads it), then in the language again.
    const as = async (username) => {
      await context.clearCookies();
      await signIn(page, heart.url, username);
      await context.addCookies([{ name: "heart_lang", value: lang, url: heart.url }]);
    };
    await as("mo");
    for (const path of KEEPER) await visit(page, path, `${path} as a coordinator and admin (${lang})`);
    await as("dispatch");
    for (const path of ["/board", "/intake", "/requests"]) await visit(page, path, `${path} (${lang})`);
    const request = await page.locator("a[href^='/requests/']").first().getAttribute("href");
    await visit(page, request, `/requests/{id} (${lang})`);
    await as("amara");
    await visit(page, "/responder", `/responder (${lang})`);
    await visit(page, "/rota", `/rota as a responder (${lang})`);
    await visit(page, "/responder/outreach", `/responder/outreach as a responder (${lang})`);
    await as("fuller");
    for (const path of PARTNER) await visit(page, path, `${path} (${lang})`);
    const service = await page.locator("a[href^='/partner/services/']").first().getAttribute("href");
    assert.ok(service, "the partner's page links its services");
    await visit(page, service, `/partner/services/{id} (${lang})`);
    await context.close();
  });
}
