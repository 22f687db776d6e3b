// Dispatch, and the whole loop through it, as people do it in the browser (the API's own tests of the whole loop are
// in `crates/heart/tests/api/dispatch.rs` too): a call-taker takes a request, the board sees it appear
// without a reload, the dispatcher assigns a team, the responder closes it with an encounter record, and the
// follow-up shows up. axe-core checks every page on the way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHeart, launch, checkA11y, signIn, smallTargets } from "./helpers.mjs";

let heart;
let browser;
const visited = new Set();

async function visit(page, label) {
  await checkA11y(page, label);
  visited.add(label);
}

before(async () => {
  heart = await startHeart();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await heart?.stop();
});

test("public pages: ask for support without an account", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(heart.url + "/");
  assert.match(await page.locator("h1").innerText(), /community crisis support/);
  await visit(page, "/");
  // Every crisis line is a link to tap: 988 to call and to text, the Help Line and 911.
  const links = await page.locator("a.tap").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  for (const href of ["tel:988", "sms:988", "tel:+18337732445", "tel:911"]) {
    assert.ok(links.includes(href), `${href} is not a link on / (${links})`);
  }
  assert.deepEqual(await smallTargets(page, "body", 24), []);
  await page.getByRole("link", { name: "Ask for support" }).first().click();
  await page.waitForURL(/\/request$/);
  await visit(page, "/request");
  assert.deepEqual(await smallTargets(page, "body", 24), []);
  // A partner organisation sends through its own channel: the public form does not offer it.
  assert.equal(await page.getByLabel("A partner organisation").count(), 0);
  assert.equal(await page.getByLabel("Someone asking for another person").count(), 1);
  // Sending it empty explains what is missing, next to the field.
  await page.getByRole("button", { name: "Send" }).click();
  await assert.doesNotReject(page.locator("#summary-error").waitFor());
  assert.equal(await page.locator("#summary").getAttribute("aria-invalid"), "true");
  await visit(page, "/request (errors)");
  await page.locator("#summary").fill("Someone is sleeping in the bank vestibule and it is very cold");
  await page.getByRole("checkbox", { name: "Prefers not to say" }).check();
  await page.getByRole("button", { name: "Send" }).click();
  await page.getByRole("heading", { name: "We have your request" }).waitFor();
  await visit(page, "/request (sent)");
  const reference = (await page.locator("p.lead").innerText()).match(/Your reference: ([0-9a-f]{6})/)[1];
  // The visitor's own status link: how far along, nothing about them.
  await page.getByRole("link", { name: "See how your request is going" }).click();
  await page.getByRole("heading", { name: "How it is going" }).waitFor();
  assert.match(await page.locator("main").innerText(), /your request for support/);
  assert.doesNotMatch(await page.locator("main").innerText(), /bank vestibule/);
  await visit(page, "/status/{token} (visitor)");
  await page.goto(heart.url + "/login");
  await visit(page, "/login");
  await ctx.close();

  // The person calls and gives their reference: dispatch types it in the board's box and the request opens.
  const dctx = await browser.newContext();
  const d = await dctx.newPage();
  await signIn(d, heart.url, "dispatch");
  await d.goto(heart.url + "/board");
  await d.getByLabel("Reference").fill(reference);
  await d.getByRole("button", { name: "Open", exact: true }).click();
  await d.waitForURL(/\/requests\/[0-9a-f-]+$/);
  assert.ok(d.url().endsWith(reference), `${d.url()} is not the request ${reference}`);
  await d.getByText("Someone is sleeping in the bank vestibule").waitFor();
  await d.goto(heart.url + `/requests/${reference}`);
  await d.getByText("Someone is sleeping in the bank vestibule").waitFor();
  await dctx.close();
});

test("call-taker, board, dispatcher, responder, follow-up", async () => {
  const summary = `Man in grief outside Lechmere building ${Date.now()}`;

  // The dispatcher's board is open first.
  const boardCtx = await browser.newContext();
  const board = await boardCtx.newPage();
  await signIn(board, heart.url, "dispatch");
  await board.waitForURL(/\/board$/);
  await board.locator("body[data-live='on']").waitFor();
  await board.evaluate(() => { window.__notReloaded = true; });
  await visit(board, "/board");

  // The call-taker enters a request.
  const intakeCtx = await browser.newContext();
  const intake = await intakeCtx.newPage();
  await signIn(intake, heart.url, "intake");
  await intake.goto(heart.url + "/intake");
  await visit(intake, "/intake");
  await intake.getByLabel("Someone asking for another person").check();
  await intake.getByLabel("What is happening?").fill(summary);
  await intake.getByLabel("Where is the person?").fill("Outside a building near Lechmere");
  await intake.getByLabel("Latitude").fill("42.3708");
  await intake.getByLabel("Longitude").fill("-71.0770");
  await intake.getByLabel("Name or what to call them").fill("Sam");
  await intake.getByLabel("Phone", { exact: true }).fill("617-555-0142");
  await intake.getByLabel("A call is safe").check();
  // Safe times are days and times, not free words: every day, midnight to midnight (any time, said the long way).
  await intake.getByLabel("Only on these days, between these times").check();
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) {
    await intake.getByLabel(day, { exact: true }).check();
  }
  await intake.getByLabel("From", { exact: true }).fill("00:00");
  await intake.getByLabel("Until", { exact: true }).fill("00:00");
  await intake.getByLabel("Code word").fill("lighthous");
  await intake.getByRole("group", { name: /badly hurt/ }).getByLabel("No", { exact: true }).check();
  await intake.getByRole("group", { name: "Is the person in the area the team serves?" }).getByLabel("Yes", { exact: true }).check();
  await intake.getByRole("group", { name: "Where is the person now?" }).getByLabel("Outside, in a public place").check();
  await intake.getByRole("group", { name: "How is the person doing right now?" }).getByLabel("In acute distress or grief").check();
  await intake.getByRole("button", { name: "Save request" }).click();
  await intake.waitForURL(/\/requests\/[0-9a-f-]+\?done=intake$/);
  await intake.getByRole("status").filter({ hasText: "Saved. The request is on the board." }).waitFor();
  assert.match(await intake.locator("#triage-h + p").innerText(), /Team goes out.*Priority 1/);
  await visit(intake, "/requests/{id} (call-taker)");
  // The code word was taken down wrong: the call-taker corrects it, and the page says what changed (not the words).
  await intake.getByRole("link", { name: "Correct what was taken down" }).click();
  await visit(intake, "/requests/{id}/correct");
  assert.equal(await intake.getByLabel("Code word").inputValue(), "lighthous");
  assert.equal(await intake.getByLabel("Monday", { exact: true }).isChecked(), true, "the safe times as taken");
  await intake.getByLabel("Code word").fill("lighthouse");
  await intake.getByRole("button", { name: "Save the correction" }).click();
  await intake.waitForURL(/\/requests\/[0-9a-f-]+\?done=corrected$/);
  await intake.getByRole("status").filter({ hasText: "The request is corrected" }).waitFor();
  assert.match(await intake.locator("ul.changes").innerText(), /Corrected: safe ways to reach them/);
  assert.doesNotMatch(await intake.locator("ul.changes").innerText(), /lighthous/);

  // It appears on the open board without a reload.
  const card = board.locator(".request-card", { hasText: summary });
  await card.waitFor({ timeout: 5000 });
  assert.equal(await board.evaluate(() => window.__notReloaded), true, "the board was not reloaded");
  assert.match(await card.innerText(), /Priority 1/);
  await visit(board, "/board (live)");

  // The dispatcher assigns the free team from the board.
  await card.getByLabel("Team").selectOption({ label: "Team North" });
  await card.getByRole("button", { name: "Assign" }).click();
  await board.waitForURL(/\/board\?done=assigned$/);
  await board.locator("#done-message", { hasText: "Saved. The team is assigned" }).waitFor();
  await board.locator(".request-card", { hasText: summary }).getByText("Team assigned").waitFor();

  // The responder on Team North sees it and moves it to closed with an encounter record.
  // The phone is on scene near Lechmere, about 3 km from Team North's base, and lets the page use its location.
  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    geolocation: { latitude: 42.3711, longitude: -71.0772 }, permissions: ["geolocation"] });
  const phone = await phoneCtx.newPage();
  await signIn(phone, heart.url, "dev");
  await phone.waitForURL(/\/responder$/);
  await phone.getByText(summary).waitFor();
  await visit(phone, "/responder");
  // The responder can reach the person: the name, a call link (calls are safe, texts were not said to be),
  // the safe times, the code word and the whole request.
  const person = phone.locator("ul.person-contact");
  const said = await person.innerText();
  assert.match(said, /Sam/);
  assert.match(said, /Safe times: Monday–Sunday 00:00–00:00/);
  assert.doesNotMatch(said, /Not a safe time/);
  assert.match(said, /Code word: lighthouse/);
  assert.equal(await person.getByRole("link", { name: /^Call / }).getAttribute("href"), "tel:+16175550142");
  assert.equal(await person.getByRole("link", { name: /^Text / }).count(), 0);
  assert.match(await person.getByRole("link", { name: "Open the full request" }).getAttribute("href"), /^\/requests\/[0-9a-f-]+$/);
  await phone.getByRole("button", { name: "On our way" }).click();
  await phone.getByRole("button", { name: "Arrived" }).click();
  await phone.getByRole("button", { name: "We are OK" }).waitFor();
  await visit(phone, "/responder (on scene)");
  // The responder's controls are at least 44 px high.
  assert.deepEqual(await smallTargets(phone, "#responder-panel", 44), []);
  // "Need help" is on the first screen, without scrolling; pressing it sends the phone's position, and the
  // responder is told when dispatch was alerted. The board shows where, and how that is known.
  await phone.evaluate(() => window.scrollTo(0, 0));
  const help = phone.getByRole("button", { name: "Need help" });
  const box = await help.boundingBox();
  assert.ok(box && box.y + box.height <= 844, `"Need help" is below the first screen (${JSON.stringify(box)})`);
  await help.click();
  await phone.getByText(/Dispatch was alerted at \d\d:\d\d/).waitFor();
  await visit(phone, "/responder (need help sent)");
  const alert = board.locator(".alert-box", { hasText: "A team needs help" });
  await alert.waitFor({ timeout: 5000 });
  assert.match(await alert.innerText(), /Team North.*the phone's location/s);
  assert.equal(await alert.getByRole("link", { name: "their position" }).getAttribute("href"), "geo:42.3711,-71.0772");
  await visit(board, "/board (need help)");
  await alert.getByRole("button", { name: "The team is safe: clear" }).click();
  await board.waitForURL(/\/board$/);
  // On the phone: the status buttons, then the map, then the encounter form.
  const y = async (loc) => (await loc.first().boundingBox()).y;
  const yButtons = await y(phone.getByRole("button", { name: "We are OK" }));
  const yMap = await y(phone.locator("#responder-panel .map-box"));
  const yForm = await y(phone.locator("form.encounter"));
  assert.ok(yButtons < yMap && yMap < yForm, `order: buttons ${yButtons}, map ${yMap}, form ${yForm}`);
  // An empty encounter keeps the responder here, with a summary naming each field, linked to it.
  await phone.getByRole("button", { name: "Save and close" }).click();
  const summaryBox = phone.locator("#error-summary");
  await summaryBox.waitFor();
  assert.match(phone.url(), /\/responder$/);
  const problems = await summaryBox.innerText();
  assert.match(problems, /What was done: This is needed/);
  assert.match(problems, /Outcome, chosen with the person: This is needed/);
  for (const href of await summaryBox.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
    assert.equal(await phone.locator(href).count(), 1, `the summary's link ${href} points at nothing`);
  }
  await visit(phone, "/responder (encounter errors)");
  await phone.getByLabel("Mental health").check();
  await phone.getByLabel("What was done").fill("Sat with him, called his aunt together, walked him there.");
  await phone.getByLabel("In the person's own words").fill("Thank you for staying.");
  await phone.getByLabel("Connected to support").check();
  await phone.getByLabel("The person agreed to a follow-up").check();
  await phone.getByRole("button", { name: "Save and close" }).click();
  await phone.getByText("No assignment right now.").waitFor();
  // It says that it worked, and when the follow-up is due.
  await phone.locator("#done-message", { hasText: "Saved and closed." }).waitFor();
  assert.match(await phone.locator("#done-message").innerText(),
    /^Saved and closed\. The follow-up is due (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tomorrow) \d\d:\d\d\.$/);

  // The board drops it; the follow-up is listed for the coordinator.
  await board.locator(".request-card", { hasText: summary }).waitFor({ state: "detached", timeout: 5000 });
  const coordCtx = await browser.newContext();
  const coord = await coordCtx.newPage();
  await signIn(coord, heart.url, "coordinator");
  await coord.goto(heart.url + "/follow-ups");
  const item = coord.locator(".follow-up", { hasText: summary.slice(0, 40) });
  await item.waitFor();
  assert.match(await item.innerText(), /Due in (1 d 23 h|2 d 0 h)/);
  assert.ok(await coord.getByRole("heading", { name: "Due now" }).count() === 1, "the demo has overdue follow-ups");
  await visit(coord, "/follow-ups");
  // Marking a follow-up done says so.
  const last = coord.locator(".follow-up").filter({ hasNotText: summary.slice(0, 40) }).first();
  await last.getByLabel("What happened").fill("Called; they are doing better and said thanks.");
  await last.getByRole("button", { name: "Save", exact: true }).click();
  await coord.waitForURL(/\/follow-ups\?done=follow_up$/);
  await coord.locator("#done-message", { hasText: "Saved. The follow-up is marked done." }).waitFor();
  await visit(coord, "/follow-ups (saved)");
  await item.getByRole("link").click();
  await coord.getByRole("heading", { name: "Encounter record" }).waitFor();
  assert.match(await coord.locator(".encounter-record").innerText(), /Connected to support/);
  await visit(coord, "/requests/{id} (closed)");
  await coord.goto(heart.url + "/requests");
  await visit(coord, "/requests");
  await coord.goto(heart.url + "/teams");
  await coord.getByRole("heading", { name: "Team North" }).waitFor();
  await visit(coord, "/teams");

  for (const c of [boardCtx, intakeCtx, phoneCtx, coordCtx]) await c.close();
});

test("a person's record: one asks to erase it, a second person approves", async () => {
  const aCtx = await browser.newContext();
  const a = await aCtx.newPage();
  await signIn(a, heart.url, "coordinator");
  // A person with a follow-up still to do: the erasure ends it.
  await a.goto(heart.url + "/follow-ups");
  const followUps = a.locator(".follow-up");
  const before = await followUps.count();
  assert.ok(before > 0, "the demo has follow-ups");
  await followUps.first().getByRole("link").first().click();
  await a.waitForURL(/\/requests\/[0-9a-f-]+$/);
  await a.getByRole("link", { name: /This person's record/ }).click();
  await a.getByRole("heading", { name: "A person's record" }).waitFor();
  await visit(a, "/requests/{id}/person");
  const requestUrl = a.url().replace(/\/person$/, "");
  await a.getByLabel("Why erase").selectOption("person_asked");
  await a.getByRole("button", { name: "Ask to erase this person's record" }).click();
  await a.getByText("Waiting for approval").first().waitFor();
  await a.goto(heart.url + "/approvals");
  assert.match(await a.locator("main").innerText(), /someone else must approve/);
  await visit(a, "/approvals");

  const bCtx = await browser.newContext();
  const b = await bCtx.newPage();
  await signIn(b, heart.url, "mo");
  await b.goto(heart.url + "/approvals");
  // The approver sees what will be erased (references and counts, no contents) and confirms once more.
  const pending = b.locator("li.card", { has: b.getByRole("button", { name: "Approve: erase now" }) }).first();
  const preview = await pending.locator(".erasure-preview").innerText();
  assert.match(preview, /What will be erased/);
  assert.match(preview, /\d+ requests?: [0-9a-f]{6}/);
  assert.match(preview, /open follow-ups?, which will be cancelled/);
  assert.doesNotMatch(preview, /\b0 open follow-ups/);
  await visit(b, "/approvals (erasure preview)");
  await pending.getByLabel("I have read what will be erased, and it cannot be undone").check();
  await pending.getByRole("button", { name: "Approve: erase now" }).click();
  await b.getByText("Done").first().waitFor();
  await b.goto(heart.url + "/audit");
  assert.match(await b.locator("table").innerText(), /person\.erase/);
  await visit(b, "/audit");
  await b.goto(heart.url + "/health");
  await visit(b, "/health");

  await a.goto(requestUrl);
  await a.getByText("This person's details were erased").first().waitFor();
  await a.getByText(/Erased at the person's request on/).waitFor();
  await a.getByText("Cancelled: the person's record was erased").first().waitFor();
  assert.equal(await a.getByText("Anonymous", { exact: true }).count(), 0);
  await a.goto(heart.url + "/follow-ups");
  assert.ok(await a.locator(".follow-up").count() < before, "the erased person's follow-up left the list");
  await visit(a, "/requests/{id} (erased)");
  await a.goto(heart.url + "/data");
  await a.getByRole("heading", { name: "What we hold about people" }).waitFor();
  await visit(a, "/data");
  await aCtx.close();
  await bCtx.close();
});

test("keyboard only: skip link and sign-in", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(heart.url + "/login");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to main content");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "username");
  await page.keyboard.type("dispatch");
  await page.keyboard.press("Tab");
  await page.keyboard.type("heart-demo-dispatch");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/board$/);
  await ctx.close();
});

test("every page visited was checked by axe", () => {
  for (const p of ["/", "/request", "/login", "/board", "/intake", "/responder", "/follow-ups", "/requests", "/teams",
    "/requests/{id}/person", "/approvals", "/audit", "/health", "/data"]) {
    assert.ok(visited.has(p), `${p} was not checked`);
  }
});
