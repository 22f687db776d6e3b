// With the keyboard only (issue 25.6): a person asks for support from the skip link to the thanks page, every stop
// showing where the focus is; a dispatcher assigns a team from the board, whose live updates are announced politely
// and never take the focus away from where the dispatcher is; a responder goes, arrives and closes the request with
// its encounter record and a follow-up, which a coordinator marks done.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHeart, launch, signIn } from "./helpers.mjs";

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

/** What has the focus, and whether a sighted keyboard user can see it (an outline or a ring, inside the window). */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: el.getAttribute("name"),
      text: (el.innerText || el.value || "").trim().slice(0, 40),
      card: el.closest(".request-card")?.innerText || "",
      label: (el.labels?.[0]?.innerText || "").trim(),
      visible: ring && r.width > 0 && r.height > 0 && r.right > 0 && r.left < window.innerWidth,
    };
  });
}

/** Tabs until `want` has the focus (at most `max` presses), checking each stop shows its focus. */
async function tabTo(page, want, label, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    // The page's content (after the skip link) and the window itself (past the last stop) show no ring.
    if (f.tag !== "main" && f.tag !== "body") assert.ok(f.visible, `${label}: no visible focus on ${JSON.stringify(f)}`);
    if (want(f)) return f;
  }
  throw new Error(`${label}: not reached in ${max} tabs`);
}

/** Someone asks for support on the public form (with the mouse), with answers that send a team, so the board
 * offers to assign one. */
async function askForATeam(url, summary) {
  const pctx = await browser.newContext();
  const person = await pctx.newPage();
  await person.goto(url + "/request");
  await person.getByLabel("What is happening?").fill(summary);
  await person.getByRole("group", { name: /badly hurt/ }).getByLabel("No", { exact: true }).check();
  await person.getByRole("group", { name: /in the area the team serves/ }).getByLabel("Yes", { exact: true }).check();
  await person.getByRole("group", { name: "Where is the person now?" }).getByLabel("Outside, in a public place").check();
  await person.getByRole("group", { name: "How is the person doing right now?" }).getByLabel("In acute distress or grief").check();
  await person.getByRole("button", { name: "Send" }).click();
  await person.getByRole("heading", { level: 1 }).waitFor();
  await pctx.close();
}

test("a person asks for support with the keyboard only", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(heart.url + "/request");
  // The first stop is the skip link, shown when it has the focus; it takes the focus to the page's content.
  await page.keyboard.press("Tab");
  let f = await focused(page);
  assert.equal(f.tag, "a");
  assert.ok(f.visible, "the skip link is seen when focused");
  await page.keyboard.press("Enter");
  f = await focused(page);
  assert.equal(f.id, "main", "the skip link goes to the content");
  await tabTo(page, (f) => f.id === "summary", "to 'What is happening?'");
  await page.keyboard.type("Someone is shivering in the doorway of the laundromat");
  await tabTo(page, (f) => f.tag === "button" && f.text === "Send", "to Send", 120);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/request\/thanks|\/request$/);
  await page.getByRole("heading", { level: 1 }).waitFor();
  assert.match(await page.locator("main").innerText(), /reference/i);
  await context.close();
});

test("the board's live updates are polite and leave the focus where it is", async () => {
  const bctx = await browser.newContext();
  const board = await bctx.newPage();
  await signIn(board, heart.url, "dispatch");
  await board.goto(heart.url + "/board");
  await board.locator("body[data-live='on']").waitFor();
  assert.equal(await board.locator("#live-announce").getAttribute("aria-live"), "polite");
  // The dispatcher is typing a reference in the board's box.
  await tabTo(board, (f) => f.name === "reference" || f.id === "reference", "to the reference box");
  await board.keyboard.type("abc");
  const before = await focused(board);

  // Someone asks for support meanwhile.
  const summary = `Keyboard test ${Date.now()}`;
  await askForATeam(heart.url, summary);

  await board.locator(".request-card", { hasText: summary }).waitFor({ timeout: 5000 });
  await board.waitForFunction(() => document.querySelector("#live-announce").textContent.trim().length > 0);
  const after = await focused(board);
  assert.deepEqual(
    { tag: after.tag, id: after.id, name: after.name },
    { tag: before.tag, id: before.id, name: before.name },
    "the update took the focus away",
  );
  assert.equal(await board.evaluate(() => document.activeElement.value), "abc", "what was typed is still there");

  // The dispatcher assigns a team to it from the board, with the keyboard: the card's team, then Assign.
  await tabTo(board, (f) => f.tag === "select" && f.card.includes(summary), "to the new card's team", 200);
  await board.keyboard.press("ArrowDown");
  assert.notEqual(await board.evaluate(() => document.activeElement.value), "", "a team is chosen");
  await tabTo(board, (f) => f.tag === "button" && f.card.includes(summary), "to Assign");
  await board.keyboard.press("Enter");
  await board.waitForURL(/\/board\?done=assigned$/);
  await board.locator("#done-message").waitFor();
  await bctx.close();
});

test("a responder goes, arrives and closes with the keyboard only", async () => {
  // A heart of its own, where Team North is free. Set up with the mouse: a request that sends a team, assigned
  // to Team North (Dev is on it).
  const heart = await startHeart();
  try {
    await responderLoop(heart);
  } finally {
    await heart.stop();
  }
});

async function responderLoop(heart) {
  const summary = `Keyboard responder ${Date.now()}`;
  await askForATeam(heart.url, summary);
  const dctx = await browser.newContext();
  const board = await dctx.newPage();
  await signIn(board, heart.url, "dispatch");
  await board.goto(heart.url + "/board");
  const card = board.locator(".request-card", { hasText: summary });
  await card.getByLabel("Team").selectOption({ label: "Team North" });
  await card.getByRole("button", { name: "Assign" }).click();
  await board.waitForURL(/done=assigned/);
  await dctx.close();

  // From here, only keys.
  const rctx = await browser.newContext();
  const phone = await rctx.newPage();
  await signIn(phone, heart.url, "dev");
  await phone.goto(heart.url + "/responder");
  await phone.getByText(summary).waitFor();
  await tabTo(phone, (f) => f.tag === "button" && f.text === "On our way", "to On our way");
  await phone.keyboard.press("Enter");
  await phone.waitForLoadState();
  await phone.getByRole("button", { name: "Arrived" }).waitFor();
  await tabTo(phone, (f) => f.tag === "button" && f.text === "Arrived", "to Arrived");
  await phone.keyboard.press("Enter");
  await phone.getByRole("button", { name: "We are OK" }).waitFor();
  await tabTo(phone, (f) => f.label === "Mental health", "to the need", 200);
  await phone.keyboard.press("Space");
  await tabTo(phone, (f) => f.label.startsWith("What was done"), "to what was done");
  await phone.keyboard.type("Sat with them and walked them to a warm place.");
  await tabTo(phone, (f) => f.label === "Connected to support", "to the outcome");
  await phone.keyboard.press("Space");
  await tabTo(phone, (f) => f.label === "The person agreed to a follow-up", "to the follow-up");
  await phone.keyboard.press("Space");
  await tabTo(phone, (f) => f.label.startsWith("They told us now that this way"), "to the safe way");
  await phone.keyboard.press("Space");
  await tabTo(phone, (f) => f.tag === "button" && f.text === "Save and close", "to Save and close");
  await phone.keyboard.press("Enter");
  await phone.getByText("No assignment right now.").waitFor();
  await phone.locator("#done-message", { hasText: "Saved and closed. The follow-up is due" }).waitFor();
  await rctx.close();

  // A coordinator checks in later and marks the follow-up done, by keys.
  const cctx = await browser.newContext();
  const coord = await cctx.newPage();
  await signIn(coord, heart.url, "coordinator");
  await coord.goto(heart.url + "/follow-ups");
  const item = coord.locator(".follow-up", { hasText: summary });
  await item.waitFor();
  const id = await item.getAttribute("data-follow-up-id");
  await tabTo(coord, (f) => f.id === `note-${id}`, "to the follow-up's note", 200);
  await coord.keyboard.type("Called; they are doing better.");
  await tabTo(coord, (f) => f.tag === "button" && f.text === "Save", "to Save");
  await coord.keyboard.press("Enter");
  await coord.waitForURL(/\/follow-ups\?done=follow_up$/);
  await coord.locator("#done-message", { hasText: "Saved. The follow-up is marked done." }).waitFor();
  assert.equal(await coord.locator(".follow-up", { hasText: summary }).count(), 0, "the follow-up is done");
  await cctx.close();
}
