// The responder's view with no signal (issue 24.3). The phone reaches heart through a relay this test can cut, as
// a basement cuts a phone's signal (offline emulation alone does not reach the service worker's own requests): the
// responder opens /responder, loses signal, presses "Arrived" and fills the encounter record, which wait on the
// phone; the service worker still serves the view; "Need help" says at once that it was not sent and offers a call;
// the signal comes back, both are sent in order, and the request's page shows them with the phone's times.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { gzipSync } from "node:zlib";
import { startHeart, launch, signIn, checkA11y } from "./helpers.mjs";

let heart;
let browser;
let relay;

// A TCP relay in front of heart that can drop every connection and refuse new ones ("no signal").
function startRelay(target) {
  const { hostname, port } = new URL(target);
  const open = new Set();
  let signal = true;
  const server = net.createServer((client) => {
    if (!signal) { client.destroy(); return; }
    const up = net.connect(Number(port), hostname);
    open.add(client); open.add(up);
    client.pipe(up); up.pipe(client);
    const gone = () => { client.destroy(); up.destroy(); open.delete(client); open.delete(up); };
    client.on("error", gone); up.on("error", gone); client.on("close", gone); up.on("close", gone);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    cut() { signal = false; for (const s of open) s.destroy(); open.clear(); },
    restore() { signal = true; },
    close() { return new Promise((r) => { this.cut(); server.close(r); }); },
  })));
}

before(async () => {
  heart = await startHeart();
  relay = await startRelay(heart.url);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await relay?.close();
  await heart?.stop();
});

test("arrived and the encounter, done with no signal, reach the board with the phone's times", async () => {
  // The dispatcher gives a waiting request to Team North.
  const deskCtx = await browser.newContext();
  const desk = await deskCtx.newPage();
  await signIn(desk, relay.url, "dispatch");
  await desk.waitForURL(/\/board$/);
  const card = desk.locator(".request-card").filter({ has: desk.getByRole("button", { name: "Assign" }) }).first();
  await card.getByLabel("Team").selectOption({ label: "Team North" });
  await card.getByRole("button", { name: "Assign" }).click();
  await desk.locator("#done-message", { hasText: "Saved. The team is assigned" }).waitFor();

  // Dev, on Team North, opens the responder's view; its service worker takes it over and keeps it.
  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneCtx.newPage();
  await signIn(phone, relay.url, "dev");
  await phone.waitForURL(/\/responder$/);
  await phone.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  await phone.reload();
  await phone.getByRole("button", { name: "Arrived" }).waitFor();
  const href = await phone.getByRole("link", { name: "Open the full request" }).getAttribute("href");
  assert.equal((await phone.request.get(relay.url + "/manifest.webmanifest")).status(), 200);

  // No signal.
  relay.cut();
  await phoneCtx.setOffline(true);
  await phone.getByRole("button", { name: "Arrived" }).click();
  const waiting = phone.locator("#outbox");
  await waiting.getByText(/Arrived · on this phone at \d\d:\d\d · waiting to send/).waitFor();
  // What comes after arriving is there at once: the check-in and the encounter record.
  await phone.getByRole("button", { name: "We are OK" }).waitFor();
  await phone.getByLabel("Mental health").check();
  await phone.getByLabel("What was done").fill("Sat with him in the warm lobby; he chose a shelter.");
  await phone.getByLabel("Connected to support").check();
  await phone.getByRole("button", { name: "Save and close" }).click();
  await waiting.getByText(/The encounter record · on this phone at \d\d:\d\d · waiting to send/).waitFor();
  await phone.getByText("The encounter record is kept on this phone").waitFor();
  await checkA11y(phone, "the responder's view with no signal");

  // "Need help" cannot be sent: said at once, with dispatch's number and 911.
  await phone.getByRole("button", { name: "Need help" }).click();
  const unsent = phone.locator("#need-help-unsent");
  await unsent.waitFor();
  assert.match(await unsent.innerText(), /Your alert was not sent/);
  assert.match(await unsent.getByRole("link", { name: "911" }).getAttribute("href"), /^tel:911$/);

  // The view opens with no signal: the service worker serves the kept one, with what waits.
  await phone.reload();
  await phone.getByRole("heading", { level: 1, name: "My team" }).waitFor();
  const kept = await phone.evaluate(() => self.heartOutbox.all("outbox"));
  assert.deepEqual(kept.map((k) => k.what), ["on_scene", "encounter"]);
  await waiting.getByText(/Arrived · on this phone/).waitFor();
  await waiting.getByText(/The encounter record · on this phone/).waitFor();

  // The signal comes back: both are sent, in order, and the view is fresh.
  relay.restore();
  await phoneCtx.setOffline(false);
  await phone.getByText("No assignment right now.").waitFor({ timeout: 45000 });
  assert.deepEqual(await phone.evaluate(() => self.heartOutbox.all("outbox")), [], "nothing waits on the phone");

  // The request's page shows both, with the phone's time and the time received.
  await desk.goto(relay.url + href);
  const sent = desk.locator("table.device-sends");
  await sent.waitFor();
  const rows = await sent.locator("tbody tr").evaluateAll((trs) => trs.map((tr) =>
    [...tr.querySelectorAll("td")].map((td) => td.querySelector("time")?.getAttribute("datetime") ?? td.textContent)));
  assert.equal(rows.length, 2, JSON.stringify(rows));
  assert.deepEqual(rows.map((r) => r[0]), ["Arrived", "The encounter record"]);
  for (const [i, r] of rows.entries()) {
    assert.equal(r[1].slice(0, 16), new Date(kept[i].device_at).toISOString().slice(0, 16), "the phone's time");
  }
  assert.match(await desk.locator("#req-table-1").locator("..").innerText(), /Closed/);
  await checkA11y(desk, "the request with what the phone sent");

  // Signing out leaves nothing on the phone.
  await phone.getByRole("button", { name: "Sign out" }).click();
  await phone.waitForURL(/\/login$/);
  assert.deepEqual(await phone.evaluate(() => caches.keys()), []);
  await deskCtx.close();
  await phoneCtx.close();
});

// What no longer applies: the request is cancelled while the phone has no signal. When the signal comes back, each
// kept action is answered 409 and said plainly on the phone, the words typed for the encounter kept there until the
// responder removes them.
test("actions kept with no signal for a request cancelled meanwhile are said plainly, keeping what was typed", async () => {
  const deskCtx = await browser.newContext();
  const desk = await deskCtx.newPage();
  await signIn(desk, heart.url, "dispatch"); // the desk has signal: straight to heart
  await desk.waitForURL(/\/board$/);

  // Gus, on Team Riverside, has its assigned request on the phone.
  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneCtx.newPage();
  await signIn(phone, relay.url, "gus");
  await phone.waitForURL(/\/responder$/);
  await phone.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  await phone.reload();
  await phone.getByRole("button", { name: "On our way" }).waitFor();
  const href = await phone.getByRole("link", { name: "Open the full request" }).getAttribute("href");

  relay.cut();
  await phoneCtx.setOffline(true);
  await phone.getByRole("button", { name: "On our way" }).click();
  await phone.getByRole("button", { name: "Arrived" }).click();
  await phone.getByLabel("Mental health").check();
  const typed = "Sat with her by the river; she wants a call tomorrow.";
  await phone.getByLabel("What was done").fill(typed);
  await phone.getByLabel("Connected to support").check();
  await phone.getByRole("button", { name: "Save and close" }).click();
  await phone.locator("#outbox").getByText(/The encounter record · on this phone/).waitFor();

  // Meanwhile dispatch cancels the request.
  await desk.goto(heart.url + href);
  await desk.getByRole("button", { name: "Cancel request" }).click();
  await desk.waitForURL(/\/requests\//);

  relay.restore();
  await phoneCtx.setOffline(false);
  const said = phone.locator("#outbox [role=alert]");
  await said.nth(2).waitFor({ timeout: 45000 });
  const words = await said.allInnerTexts();
  assert.equal(words.length, 3, words.join("\n"));
  for (const w of words) assert.match(w, /not sent: the request was reassigned or closed meanwhile/);
  assert.ok(words[2].includes(typed), `what was typed is kept: ${words[2]}`);
  assert.deepEqual(await phone.evaluate(() => self.heartOutbox.all("outbox")), [], "nothing waits to be sent");
  await checkA11y(phone, "the responder's view with actions that no longer apply");
  // Removed from the phone when the responder says so.
  for (let i = 0; i < 3; i++) await said.first().getByRole("button", { name: "Remove it from this phone" }).click();
  await said.first().waitFor({ state: "detached" });
  assert.deepEqual(await phone.evaluate(() => self.heartOutbox.all("kept")), []);
  await deskCtx.close();
  await phoneCtx.close();
});

// An outreach walk tallied where there is no signal (issue 27.1): sent with none, it waits on the phone (the same
// queue as the responder's actions), the kept tally page still opens, and the walk is sent once when the signal
// comes back.
test("an outreach walk sent with no signal waits on the phone and is counted once the signal returns", async () => {
  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneCtx.newPage();
  await signIn(phone, relay.url, "bo");
  await phone.waitForURL(/\/responder$/);
  await phone.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  await phone.goto(relay.url + "/responder/outreach");
  await phone.getByRole("heading", { level: 1, name: "Record a walk" }).waitFor();

  relay.cut();
  await phoneCtx.setOffline(true);
  await phone.getByLabel("Where").fill("Kendall/MIT station");
  await phone.getByLabel("Amara", { exact: true }).check();
  for (let i = 0; i < 5; i++) await phone.getByRole("button", { name: "One more: People reached", exact: true }).tap();
  await phone.getByRole("button", { name: "Send the walk" }).click();
  const waiting = phone.locator("#outbox");
  await waiting.getByText(/Record a walk · on this phone at \d\d:\d\d · waiting to send/).waitFor();
  // The tally page opens with no signal, from what the phone kept.
  await phone.reload();
  await phone.getByRole("heading", { level: 1, name: "Record a walk" }).waitFor();
  await waiting.getByText(/Record a walk · on this phone/).waitFor();
  const kept = await phone.evaluate(() => self.heartOutbox.all("outbox"));
  assert.deepEqual(kept.map((k) => k.what), ["outreach"]);
  await checkA11y(phone, "the tally page with a walk waiting");

  relay.restore();
  await phoneCtx.setOffline(false);
  await phone.waitForURL(/\/responder$/, { timeout: 45000 });
  assert.deepEqual(await phone.evaluate(() => self.heartOutbox.all("outbox")), [], "nothing waits on the phone");
  await phone.goto(relay.url + "/outreach");
  const list = phone.locator("#outreach-list-h + ul");
  assert.match(await list.innerText(), /Kendall\/MIT station[^\n]*amara, bo/);
  assert.match(await list.innerText(), /5 people reached/);
  assert.equal(await list.locator("li").filter({ hasText: "Kendall/MIT" }).count(), 1, "sent once");

  // A walk the server refuses once the signal is back (a place the map does not know): said on the phone, and
  // opened again with everything counted, to fix and send.
  await phone.goto(relay.url + "/responder/outreach");
  relay.cut();
  await phoneCtx.setOffline(true);
  await phone.getByLabel("Where").fill("Somewhere Unknown Plaza");
  await phone.getByLabel("Amara", { exact: true }).check();
  for (let i = 0; i < 2; i++) await phone.getByRole("button", { name: "One more: Socks", exact: true }).tap();
  await phone.getByLabel("Returning-person codes (optional)").fill("JD 03");
  await phone.getByRole("button", { name: "Send the walk" }).click();
  await waiting.getByText(/Record a walk · on this phone at \d\d:\d\d · waiting to send/).waitFor();
  relay.restore();
  await phoneCtx.setOffline(false);
  const again = phone.getByRole("button", { name: "Open it again to fix" });
  await again.waitFor({ timeout: 45000 });
  await again.click();
  await phone.waitForURL(/\/responder\/outreach$/);
  assert.equal(await phone.getByLabel("Where").inputValue(), "Somewhere Unknown Plaza");
  assert.equal(await phone.getByLabel("Socks", { exact: true }).inputValue(), "2");
  assert.ok(await phone.getByLabel("Amara", { exact: true }).isChecked());
  assert.equal(await phone.getByLabel("Returning-person codes (optional)").inputValue(), "JD 03");
  await phone.getByLabel("Where").fill("Broadway and Hampshire St");
  await phone.getByRole("button", { name: "Send the walk" }).click();
  await phone.getByText("Saved. The walk is counted.").waitFor();
  assert.match(await phone.locator("#outreach-list-h + ul").innerText(), /Broadway & Hampshire St[^\n]*amara, bo/);
  await phone.goto(relay.url + "/responder/outreach");
  assert.deepEqual(await phone.evaluate(() => self.heartOutbox.all("kept")), [], "nothing kept on the phone");
  assert.equal(await phone.getByLabel("Returning-person codes (optional)").inputValue(), "", "the codes are gone");
  await phoneCtx.close();
});

// The budget (BENCHMARKS.md): the service worker and every script the responder's view loads, at most 30 KB
// compressed (gzip -9), so the view installs and updates over a weak signal.
test("the service worker and the responder's scripts fit in 30 KB compressed", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "dev");
  await page.goto(heart.url + "/responder");
  const scripts = await page.locator("script[src]").evaluateAll((ss) => ss.map((s) => new URL(s.src).pathname));
  const all = [...new Set([...scripts, "/responder/sw.js"])];
  let total = 0;
  const sizes = [];
  for (const path of all) {
    const body = await (await page.request.get(heart.url + path)).body();
    const gz = gzipSync(body, { level: 9 }).length;
    sizes.push(`${path} ${body.length} B, ${gz} B gzip`);
    total += gz;
  }
  console.log(`the responder's scripts: ${sizes.join("; ")}; total ${total} B gzip`);
  assert.ok(all.includes("/static/offline.js") && all.includes("/static/outbox.js"), all.join(" "));
  assert.ok(total <= 30 * 1024, `${total} bytes compressed: ${sizes.join("; ")}`);
  await ctx.close();
});
