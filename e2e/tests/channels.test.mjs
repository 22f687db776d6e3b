// Every way in, in the browser: a bank's alarm about someone sheltering in an ATM vestibule reaches the board
// (signed as a partner signs it); the bank's status page says how far along, with and without JavaScript; a
// dispatcher acknowledges it from the board's "waiting for a first reply" list and says "we are full", which the
// public home page then says plainly with the other lines. axe-core checks every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHeart, launch, checkA11y, signIn, HEART_BIN } from "./helpers.mjs";

let heart;
let browser;
let secret;
let fakeTwilio;
const sent = [];
const TWILIO_TOKEN = "e2e-twilio-token";

before(async () => {
  // Open around the clock, so the test does not depend on the hour it runs at.
  const dir = mkdtempSync(join(tmpdir(), "heart-e2e-channels-"));
  const config = join(dir, "heart.toml");
  const days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    .map((d) => `{ day = "${d}", open = "00:00", close = "00:00" }`).join(", ");
  // A fake of the text-message provider's REST API: it takes every message and remembers it.
  let n = 0;
  fakeTwilio = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    sent.push(new URLSearchParams(body).get("Body"));
    res.writeHead(201, { "content-type": "application/json" });
    res.end(JSON.stringify({ sid: `SM${String(++n).padStart(32, "0")}`, status: "queued" }));
  });
  await new Promise((r) => fakeTwilio.listen(0, "127.0.0.1", r));
  writeFileSync(config, `[hours]\ntimezone = "America/New_York"\ndays = [ ${days} ]\n` +
    `[sms]\nprovider = "twilio"\napi_base = "http://127.0.0.1:${fakeTwilio.address().port}"\n` +
    `account_sid = "ACe2e"\nfrom = "+16175550100"\n`);
  heart = await startHeart({ HEART_CONFIG: config, HEART_TWILIO_AUTH_TOKEN: TWILIO_TOKEN });
  // `heart partner add` beside the running server, on the same data.
  const out = spawnSync(HEART_BIN, ["partner", "add", "--name", "Central Square Bank", "--kinds", "person_sheltering",
    "--data", heart.dir], { env: { ...process.env, RUST_LOG: "warn", HEART_CONFIG: config, HEART_TWILIO_AUTH_TOKEN: TWILIO_TOKEN },
    encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  secret = out.stdout.trim();
  assert.match(secret, /^hps_/);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await heart?.stop();
  fakeTwilio?.close();
});

/** A text as the provider posts it: form fields signed with HMAC-SHA1 over the URL and the sorted fields. */
async function textIn(fields) {
  const url = `${heart.url}/hooks/sms/twilio`;
  const data = url + Object.keys(fields).sort().map((k) => k + fields[k]).join("");
  const sig = createHmac("sha1", TWILIO_TOKEN).update(data).digest("base64");
  const r = await fetch(url, { method: "POST", body: new URLSearchParams(fields),
    headers: { "x-twilio-signature": sig } });
  return r.status;
}

async function alarm(body) {
  const raw = JSON.stringify(body);
  const t = Math.floor(Date.now() / 1000);
  const sig = createHmac("sha256", secret).update(`${t}.${raw}`).digest("hex");
  const r = await fetch(`${heart.url}/hooks/partner/central-square-bank`, {
    method: "POST", body: raw,
    headers: { "content-type": "application/json", "x-heart-timestamp": String(t), "x-heart-signature": `v1=${sig}`,
      "idempotency-key": `alarm-${t}-${Math.random()}` },
  });
  return { status: r.status, body: await r.json() };
}

test("an ATM alarm reaches the board, the bank sees its progress, and 'we are full' is said everywhere", async () => {
  const { status, body } = await alarm({ kind: "person_sheltering",
    place: { text: "ATM vestibule, 689 Massachusetts Ave", lat: 42.36523, lon: -71.10363 },
    text: "Someone has been inside over an hour; it is below freezing" });
  assert.equal(status, 201, JSON.stringify(body));
  assert.equal(body.state, "received");
  assert.equal(body.service.state, "open");

  // The bank's status page: progress only, nothing about the person; no JavaScript needed.
  for (const javaScriptEnabled of [false, true]) {
    const ctx = await browser.newContext({ javaScriptEnabled });
    const page = await ctx.newPage();
    await page.goto(body.status_url);
    await page.getByRole("heading", { name: "How it is going" }).waitFor();
    assert.match(await page.locator("main").innerText(), /Received\. The team has it\./);
    assert.doesNotMatch(await page.content(), /below freezing/);
    if (javaScriptEnabled) await checkA11y(page, "/status/{token}");
    await ctx.close();
  }

  // The dispatcher sees it waiting for a first reply and acknowledges it.
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "dispatch");
  await page.goto(heart.url + "/board");
  await page.getByRole("heading", { name: "Taking requests" }).waitFor();
  const waiting = page.locator("ol.ack-waiting li", { hasText: "Partner organisation" });
  await waiting.first().waitFor();
  const before = await page.locator("ol.ack-waiting li").count();
  await checkA11y(page, "/board (service section)");
  // Screened by what the bank knows: someone sheltering, below freezing, nobody can phone them: a team goes.
  const card = page.locator("#board-requests li.request-card", { hasText: "it is below freezing" });
  const meta = await card.locator("p.meta").innerText();
  assert.match(meta, /Team goes out/, meta);
  assert.match(meta, /Priority 2/, meta);
  assert.doesNotMatch(meta, /Phone support|Needs screening/, meta);
  // Acknowledging keeps the board where it was, and says that it worked.
  await waiting.first().scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 40));
  const scrolled = await page.evaluate(() => window.scrollY);
  await waiting.first().getByRole("button", { name: "Acknowledge" }).click();
  await page.waitForURL(/\/board\?done=acknowledged/);
  await page.getByRole("heading", { name: "Taking requests" }).waitFor();
  await page.locator("#done-message", { hasText: "Acknowledged." }).waitFor();
  const after = await page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(after - scrolled) < 60, `the board scrolled from ${scrolled} to ${after}`);
  assert.equal(await page.locator("ol.ack-waiting li").count(), before - 1);

  // "We are full" for two hours: the board offers to undo it, the public pages say it with the other lines.
  await page.getByRole("button", { name: "Say we are full for 2 h" }).click();
  await page.getByRole("button", { name: "We can take requests again" }).waitFor();
  const pub = await browser.newContext();
  const home = await pub.newPage();
  await home.goto(heart.url + "/");
  assert.match(await home.locator("p.hours").innerText(), /every responder is with someone else right now/);
  assert.match(await home.locator("main").innerText(), /833-773-2445/);
  await checkA11y(home, "/ (full)");
  await home.goto(heart.url + "/request");
  assert.match(await home.locator("p.hours").innerText(), /every responder is with someone else/);
  const again = await alarm({ kind: "person_sheltering", place: { text: "Kendall Square ATM lobby" } });
  assert.equal(again.body.service.state, "full");
  assert.match(again.body.service.message, /every responder is with someone else/);
  await pub.close();

  await page.getByRole("button", { name: "We can take requests again" }).click();
  await page.getByRole("button", { name: "Say we are full for 2 h" }).waitFor();
  await ctx.close();
});

test("a text starts a request; the call-taker sees the conversation and replies by text", async () => {
  assert.equal(await textIn({ MessageSid: "SMe2e1", From: "+16175550142", To: "+16175550100",
    Body: "My brother is at the Porter Square T stop and will not talk to anyone 😟" }), 200);
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "intake");
  await page.goto(heart.url + "/requests");
  await page.getByRole("link", { name: /Porter Square T stop/ }).first().click();
  await page.getByRole("heading", { name: "Text messages" }).waitFor();
  const texts = page.locator("ol.texts");
  assert.match(await texts.innerText(), /will not talk to anyone/);
  // The automatic answer waits in the outbox, then goes out through the provider.
  assert.match(await texts.innerText(), /has your message/);
  await checkA11y(page, "/requests/{id} (text messages)");
  await page.getByLabel("Reply by text").fill("We are on our way. Can you stay near him?");
  await page.getByRole("button", { name: "Send text" }).click();
  await page.getByRole("heading", { name: "Text messages" }).waitFor();
  assert.match(await texts.innerText(), /Can you stay near him\?/);
  // The outbox sends within a few seconds (every 2 s while the server runs).
  for (let i = 0; i < 50 && !sent.some((b) => /stay near him/.test(b ?? "")); i++) {
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(sent.some((b) => /stay near him/.test(b ?? "")), JSON.stringify(sent));
  assert.ok(sent.some((b) => /has your message/.test(b ?? "")));
  await ctx.close();
});
