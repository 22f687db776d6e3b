// Where, in the browser: the call-taker gets place suggestions as they type and choosing one fills the map point;
// the request page and the board draw the map; a responder shares the team's position with one button (the
// browser's own permission prompt and our button are the consent). axe-core checks each page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

test("suggestions while typing fill the point; the map shows the request by its block", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "intake");
  await page.goto(heart.url + "/intake");
  const where = page.getByLabel("Where is the person?");
  await where.pressSequentially("71 Cherry", { delay: 20 });
  const status = page.locator("#location-suggest-status");
  await page.waitForFunction(() => /places? match/.test(document.querySelector("#location-suggest-status").textContent));
  const options = await page.locator("#location-suggestions option").evaluateAll((os) => os.map((o) => o.value));
  assert.ok(options.some((o) => o.startsWith("71 Cherry")), `suggestions: ${options}`);
  await checkA11y(page, "/intake (suggestions)");
  // Choosing a suggestion (what the datalist does: the field takes its value).
  await where.fill(options.find((o) => o.startsWith("71 Cherry")));
  await page.waitForFunction(() => document.querySelector("#location_lat").value !== "");
  const lat = Number(await page.getByLabel("Latitude").inputValue());
  assert.ok(Math.abs(lat - 42.3637) < 0.002, `latitude ${lat}`);
  assert.match(await status.innerText(), /Chosen: 71 Cherry/);
  // Words changed after choosing: the point is cleared rather than left wrong.
  await where.fill("somewhere else entirely");
  assert.equal(await page.getByLabel("Latitude").inputValue(), "");
  await where.fill(options.find((o) => o.startsWith("71 Cherry")));
  await page.getByLabel("What is happening?").fill("Facing a shut-off notice; wants to talk about bills");
  await page.getByRole("group", { name: /badly hurt/ }).getByLabel("No", { exact: true }).check();
  await page.getByRole("button", { name: "Save request" }).click();
  await page.waitForURL(/\/requests\/[0-9a-f-]+\?done=intake$/);
  await page.getByText("Neighbourhood: The Port").waitFor();
  const map = page.locator("svg.map");
  await map.waitFor();
  assert.match(await map.getAttribute("aria-labelledby"), /map-title/);
  assert.match(await page.locator("#map-title").textContent(), /block/);
  await checkA11y(page, "/requests/{id} (map)");
  await ctx.close();
});

test("the board at a glance on a 1366 px laptop: requests, teams and the map without scrolling; markers link", async () => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const board = await ctx.newPage();
  await signIn(board, heart.url, "dispatch");
  await board.waitForURL(/\/board$/);
  await board.locator("#board-map svg.map").waitFor();
  for (const name of ["Open requests", "Teams", "Map"]) {
    const box = await board.getByRole("heading", { name, exact: true }).boundingBox();
    assert.ok(box && box.y + box.height <= 768, `"${name}" is below the first screen (${JSON.stringify(box)})`);
  }
  const mapBox = await board.locator("#board-map svg.map").boundingBox();
  assert.ok(mapBox.y < 768 - 150, `the map starts at ${mapBox.y}`);
  // "Waiting for a first reply" says what each is and how urgent; one a team is with is not waiting.
  for (const item of await board.locator("ol.ack-waiting li").allInnerTexts()) {
    assert.match(item, /Team goes out|Needs screening|Phone support|Referral|EMS|Outside what we do/, item);
  }
  await checkA11y(board, "/board (1366 px)");
  // A request's marker is a link to it.
  const marker = board.locator("#board-map a[href^='/requests/']").first();
  const href = await marker.getAttribute("href");
  await marker.click();
  await board.waitForURL((u) => u.pathname === href);
  await board.getByRole("heading", { name: /^Request/ }).first().waitFor();
  await ctx.close();
});

test("the board draws open requests and teams; a responder shares where the team is", async () => {
  const boardCtx = await browser.newContext();
  const board = await boardCtx.newPage();
  await signIn(board, heart.url, "dispatch");
  await board.waitForURL(/\/board$/);
  await board.locator("#board-map svg.map").waitFor();
  assert.ok(await board.locator("#board-map circle.m-request").count() > 0, "open requests are drawn");
  await checkA11y(board, "/board (map)");
  // Drawn as meant under the page's content security policy (no inline styles): streets are lines, not shapes.
  const look = await board.evaluate(() => {
    const s = getComputedStyle(document.querySelector("#board-map path.minor"));
    const m = getComputedStyle(document.querySelector("#board-map circle.m-request"));
    return [s.fill, s.stroke, m.fill];
  });
  assert.deepEqual(look, ["none", "rgb(118, 118, 118)", "rgb(179, 38, 30)"]);
  const north = () => board.evaluate(() => {
    const r = [...document.querySelectorAll("#board-map rect.m-team")]
      .find((e) => e.querySelector("title").textContent.startsWith("Team North"));
    return r ? [Number(r.getAttribute("x")), Number(r.getAttribute("y"))] : null;
  });
  const before = await north();
  assert.ok(before, "Team North is drawn at its last known position");

  const phoneCtx = await browser.newContext({
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    permissions: ["geolocation"], geolocation: { latitude: 42.3736, longitude: -71.1190 },
  });
  const phone = await phoneCtx.newPage();
  await signIn(phone, heart.url, "dev");
  await phone.waitForURL(/\/responder$/);
  const device = phone.getByRole("button", { name: "Use this device's location" });
  await device.waitFor();
  await checkA11y(phone, "/responder (position form)");
  // The page is already /responder: wait for the navigation the shared position makes, or the next steps would
  // type into the page that is about to be replaced.
  await Promise.all([phone.waitForNavigation({ url: /\/responder$/ }), device.click()]);
  await phone.getByRole("button", { name: "Use this device's location" }).waitFor();
  // Typed words that place nothing are refused, plainly.
  await phone.getByLabel("Address, corner or place").fill("Nowhere Boulevard 12345");
  await phone.getByRole("button", { name: "Share this place" }).click();
  await phone.getByText("We could not find that place").waitFor();
  await phoneCtx.close();

  // The board moves Team North's square (live, or on the next load).
  await board.reload();
  await board.locator("#board-map svg.map").waitFor();
  const after = await north();
  assert.ok(after && (after[0] !== before[0] || after[1] !== before[1]), `moved: ${before} -> ${after}`);
  await boardCtx.close();
});

test("with a tile server configured, the map also shows over its tiles", async () => {
  // A stand-in tile server: a 1x1 PNG for every tile, counting what it is asked for.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  let asked = 0;
  const tiles = createServer((req, res) => { asked += 1; res.writeHead(200, { "content-type": "image/png" }); res.end(png); });
  await new Promise((r) => tiles.listen(0, "127.0.0.1", r));
  const port = tiles.address().port;
  const dir = mkdtempSync(join(tmpdir(), "heart-tiles-"));
  const cfg = join(dir, "heart.toml");
  writeFileSync(cfg, `[geo]\ntile_url = "http://127.0.0.1:${port}/{z}/{x}/{y}.png"\ntile_attribution = "Test tiles"\n`);
  const tiled = await startHeart({ HEART_CONFIG: cfg });
  try {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, tiled.url, "dispatch");
    await page.waitForURL(/\/board$/);
    await page.locator("#board-map .leaflet-container").waitFor();
    await page.waitForFunction(() => document.querySelectorAll("#board-map .leaflet-tile-loaded").length > 0);
    assert.ok(asked > 0, "tiles were fetched from the configured server");
    assert.ok(await page.locator("#board-map path.leaflet-interactive").count() > 0, "requests drawn over the tiles");
    assert.match(await page.locator("#board-map .leaflet-control-attribution").innerText(), /Test tiles/);
    // The server-drawn map is still there for screen readers.
    assert.equal(await page.locator("#board-map svg.map").count(), 1);
    await checkA11y(page, "/board (tiles)");
    await ctx.close();
  } finally {
    await tiled.stop();
    tiles.close();
  }
});
