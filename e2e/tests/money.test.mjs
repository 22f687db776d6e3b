// Giving and mutual aid in the browser. A donor chooses their own amount, writes a message (the counter stops at
// 150), pays on a local fake of Stripe's hosted checkout (which sends the signed webhook exactly as Stripe signs
// it) and sees the receipt. A responder asks for mutual aid from the care record; a different person approves and
// records the payment. The receipt is also emailed, by the real server's outbox, to a local SMTP server. axe-core
// checks every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHeart, launch, checkA11y, signIn } from "./helpers.mjs";

const WHSEC = "whsec_e2e_fake";
let heart;
let fake;
let smtp;
let browser;

/** A mail server on a free port taking mail as SMTP does (EHLO, MAIL, RCPT, DATA, QUIT); it keeps what it got. */
function fakeSmtp() {
  const mails = [];
  const server = createTcpServer((sock) => {
    let buf = "";
    let inData = false;
    let data = "";
    let rcpt = [];
    sock.write("220 fake.test ESMTP\r\n");
    sock.on("data", (chunk) => {
      buf += chunk.toString("utf8");
      let i;
      while ((i = buf.indexOf("\r\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            mails.push({ to: rcpt, data });
            data = "";
            sock.write("250 queued\r\n");
          } else {
            data += (line.startsWith(".") ? line.slice(1) : line) + "\r\n";
          }
          continue;
        }
        const cmd = line.toUpperCase();
        if (cmd.startsWith("EHLO")) sock.write("250-fake.test\r\n250 8BITMIME\r\n");
        else if (cmd.startsWith("MAIL FROM:")) { rcpt = []; sock.write("250 ok\r\n"); }
        else if (cmd.startsWith("RCPT TO:")) { rcpt.push(line.slice(8).trim()); sock.write("250 ok\r\n"); }
        else if (cmd === "DATA") { inData = true; sock.write("354 go on\r\n"); }
        else if (cmd === "QUIT") { sock.end("221 bye\r\n"); }
        else sock.write("250 ok\r\n");
      }
    });
    sock.on("error", () => {});
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
    server, mails, url: `smtp://127.0.0.1:${server.address().port}`,
  })));
}

/** A fake of Stripe's API and hosted checkout: sessions, a pay page, and the signed webhook. */
function fakeStripe() {
  const sessions = new Map();
  let heartUrl = "";
  let n = 0;
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url, "http://x");
    if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
      if (req.headers.authorization !== "Bearer sk_test_e2e") { res.writeHead(401).end(); return; }
      const form = new URLSearchParams(body);
      const id = `cs_test_e2e_${++n}`;
      sessions.set(id, {
        amount: Number(form.get("line_items[0][price_data][unit_amount]")),
        currency: form.get("line_items[0][price_data][currency]"),
        success: form.get("success_url"),
        mode: form.get("mode"),
        ref: form.get("client_reference_id"),
      });
      const { port } = server.address();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id, object: "checkout.session", url: `http://127.0.0.1:${port}/pay/${id}` }));
      return;
    }
    const m = url.pathname.match(/^\/pay\/(cs_test_e2e_\d+)$/);
    const s = m && sessions.get(m[1]);
    if (s && req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><head><title>Fake checkout</title></head><body><main><h1>Fake checkout</h1>
        <p>Pay ${(s.amount / 100).toFixed(2)} ${s.currency.toUpperCase()}</p>
        <form method="post"><button type="submit">Pay</button></form></main></body></html>`);
      return;
    }
    if (s && req.method === "POST") {
      const event = JSON.stringify({
        id: `evt_${m[1]}`, object: "event", type: "checkout.session.completed",
        data: { object: { id: m[1], object: "checkout.session", mode: s.mode, payment_status: "paid", amount_total: s.amount,
          currency: s.currency, client_reference_id: s.ref, payment_intent: `pi_${m[1]}` } },
      });
      const t = Math.floor(Date.now() / 1000);
      const sig = createHmac("sha256", WHSEC).update(`${t}.${event}`).digest("hex");
      const r = await fetch(`${heartUrl}/hooks/stripe`, {
        method: "POST", body: event, headers: { "content-type": "application/json", "stripe-signature": `t=${t},v1=${sig}` },
      });
      if (!r.ok) { res.writeHead(500).end(`webhook refused: ${r.status} ${await r.text()}`); return; }
      res.writeHead(303, { location: s.success }).end();
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
    server,
    origin: `http://127.0.0.1:${server.address().port}`,
    setHeart(u) { heartUrl = u; },
  })));
}

before(async () => {
  fake = await fakeStripe();
  smtp = await fakeSmtp();
  const dir = mkdtempSync(join(tmpdir(), "heart-e2e-money-"));
  const config = join(dir, "heart.toml");
  writeFileSync(config, `[money]\norganisation = "Cambridge HEART (demo)"\ntax_id = "EIN 00-0000000"\nprovider = "stripe"\n` +
    `stripe_api = "${fake.origin}"\ncheckout_origin = "${fake.origin}"\n` +
    `[mail]\nsmtp_url = "${smtp.url}"\nfrom = "Cambridge HEART <giving@heart.example.org>"\n`);
  heart = await startHeart({ HEART_CONFIG: config, HEART_STRIPE_SECRET_KEY: "sk_test_e2e", HEART_STRIPE_WEBHOOK_SECRET: WHSEC });
  fake.setHeart(heart.url);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await heart?.stop();
  fake?.server.close();
  smtp?.server.close();
});

test("a donor chooses their own amount, writes a message and gets a receipt", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(heart.url + "/");
  await page.getByRole("link", { name: "Give" }).click();
  await page.getByRole("heading", { name: "Give today" }).waitFor();
  await checkA11y(page, "/donate");
  await page.getByLabel("Choose your own amount").check();
  await page.getByLabel("Your amount").fill("27.50");
  await page.getByLabel("Monthly").isVisible();
  const message = page.getByLabel(/A short message/);
  await message.fill("");
  await message.pressSequentially("Thank you for being there at night. ".repeat(5), { delay: 0 });
  const typed = await message.inputValue();
  assert.equal([...typed].length, 150, "the field stops at 150 characters");
  assert.equal(await page.locator("#message-count").innerText(), "150 of 150 characters");
  await message.fill("For the winter.");
  assert.equal(await page.locator("#message-count").innerText(), "15 of 150 characters");
  await page.getByRole("textbox", { name: /Your name/ }).fill("Ari Example");
  await page.getByLabel("Email for your receipt").fill("ari@example.org");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  // The fake hosted checkout (another origin, as Stripe's is).
  await page.getByRole("heading", { name: "Fake checkout" }).waitFor();
  assert.match(await page.locator("main p").innerText(), /Pay 27\.50 USD/);
  await page.getByRole("button", { name: "Pay" }).click();
  await page.waitForURL(/\/donate\/receipt\//);
  await page.getByRole("heading", { name: "Thank you" }).waitFor();
  const receipt = await page.locator("section.receipt").innerText();
  assert.match(receipt, /\$27\.50/);
  assert.match(receipt, /Ari Example/);
  assert.match(receipt, /EIN 00-0000000/);
  assert.match(receipt, /No goods or services were provided in exchange for this contribution\./);
  // The server's outbox emails it within seconds; the page then says so.
  const deadline = Date.now() + 30_000;
  while (!smtp.mails.some((m) => m.to.includes("<ari@example.org>")) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
  }
  const mail = smtp.mails.find((m) => m.to.includes("<ari@example.org>"));
  assert.ok(mail, "the receipt was emailed");
  // Undo quoted-printable (soft line breaks, =XX), which mail uses for long lines.
  const text = mail.data.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  assert.match(text, /\$27\.50/);
  assert.match(text, /No goods or services were provided/);
  await page.reload();
  await page.getByText("We emailed this receipt to you.").waitFor();
  await checkA11y(page, "/donate/receipt");
  await ctx.close();
});

test("a bad amount is said beside the field, and what was typed stays, with or without JavaScript", async () => {
  for (const javaScriptEnabled of [false, true]) {
    const ctx = await browser.newContext({ javaScriptEnabled });
    const page = await ctx.newPage();
    await page.goto(heart.url + "/donate");
    await page.getByLabel("Choose your own amount").check();
    await page.getByLabel("Your amount").fill("12.345");
    await page.getByLabel("Email for your receipt").fill("ari@example.org");
    await page.getByRole("button", { name: "Continue to payment" }).click();
    await page.locator("#amount-error").waitFor();
    assert.match(await page.locator("#amount-error").innerText(), /whole cents/);
    assert.equal(await page.getByLabel("Email for your receipt").inputValue(), "ari@example.org");
    // axe runs as a script: only where scripts run.
    if (javaScriptEnabled) await checkA11y(page, "/donate (errors)");
    await ctx.close();
  }
});

test("mutual aid: asked from the care record, approved and paid by someone else", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  // Rae (coordinator, finance) asks from a closed request's care record.
  await signIn(page, heart.url, "coordinator");
  await page.goto(heart.url + "/requests");
  await page.locator("main tr", { hasText: "Closed" }).first().locator("a[href^='/requests/']").click();
  await page.getByText("Ask for mutual aid").click();
  await page.getByLabel("Amount").fill("45");
  await page.getByLabel("Purpose").selectOption("transport");
  await page.getByLabel("How it is paid").selectOption("gift_card");
  await page.getByLabel("The person", { exact: true }).check();
  await page.getByRole("button", { name: "Send for approval" }).click();
  await page.waitForURL(/\/mutual-aid\/[0-9a-f-]+$/);
  const aidUrl = page.url();
  assert.match(await page.locator("[data-status]").innerText(), /waiting for approval/);
  assert.equal(await page.getByRole("button", { name: "Approve" }).count(), 0, "nobody approves their own request");
  await checkA11y(page, "/mutual-aid/{id}");
  await ctx.close();

  // Mo approves and records the payment.
  const ctx2 = await browser.newContext();
  const mo = await ctx2.newPage();
  await signIn(mo, heart.url, "mo");
  await mo.goto(heart.url + "/mutual-aid");
  await checkA11y(mo, "/mutual-aid");
  await mo.goto(aidUrl);
  await mo.getByRole("button", { name: "Approve" }).click();
  await mo.waitForURL(aidUrl);
  await mo.getByRole("button", { name: "Record that it was paid" }).click();
  await mo.waitForURL(aidUrl);
  assert.match(await mo.locator("[data-status]").innerText(), /^paid/);
  await mo.goto(heart.url + "/funds");
  await checkA11y(mo, "/funds");
  // The hand-entered gift form names the donor as someone else, not "Your name".
  assert.equal(await mo.getByLabel("The donor's name (optional)").count(), 1);
  assert.equal(await mo.getByLabel("The donor's email, for their receipt").count(), 1);
  assert.equal(await mo.getByLabel(/Your name/).count(), 0);
  await mo.locator("a[href^='/funds/']", { hasText: "Mutual aid" }).first().click();
  await mo.getByText(/mutual aid .* \(transport\)/).first().waitFor();
  await checkA11y(mo, "/funds/{id}");
  await mo.goto(heart.url + "/funds/donors");
  await mo.getByText("Depending on a few donors").waitFor();
  // Counts in words that agree with the number ("from 1 donor", "from 3 donors").
  const report = await mo.locator("section", { hasText: "How giving is going" }).innerText();
  assert.match(report, /from \d+ donors?\b/);
  assert.doesNotMatch(report, /from 1 donors|from (?!1\b)\d+ donor\b/);
  assert.equal(await mo.getByRole("columnheader", { name: "Your name" }).count(), 0);
  await checkA11y(mo, "/funds/donors");
  await mo.locator("a[href*='/statement?year=']").first().click();
  await mo.getByText("No goods or services were provided").waitFor();
  await checkA11y(mo, "statement");
  await ctx2.close();
});
