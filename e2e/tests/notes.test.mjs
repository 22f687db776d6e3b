// A team's week (issue 23.1): a call-taker leaves a handover on a request's timeline; the next shift's dispatcher
// finds it on the board, reads it and marks it read, and it leaves the board. axe on each page on the way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHeart, launch, signIn, checkA11y } from "./helpers.mjs";

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

test("a handover written on a request is read and marked read by the next shift", async () => {
  const words = `The person prefers a text after 6pm; the keys are with the neighbour (${Date.now()}).`;

  // The evening call-taker opens a request and leaves a handover.
  const ectx = await browser.newContext();
  const evening = await ectx.newPage();
  await signIn(evening, heart.url, "intake");
  await evening.goto(heart.url + "/requests");
  await evening.locator("table a[href^='/requests/']").first().click();
  await evening.getByRole("heading", { name: "Notes and handover" }).waitFor();
  await evening.getByLabel("Kind").selectOption({ label: "Handover for the next shift" });
  await evening.getByLabel("What to write").fill(words);
  await evening.getByRole("button", { name: "Add to the timeline" }).click();
  await evening.locator("#done-message", { hasText: "Saved. The note is on the timeline." }).waitFor();
  const line = evening.locator(".timeline .note", { hasText: words });
  await line.waitFor();
  assert.match(await line.innerText(), /Handover for the next shift\s*· By Sam \(call-taker\)/);
  assert.match(await line.innerText(), /Not read yet/);
  await checkA11y(evening, "the request with its timeline");
  // A try to reach the person needs its result: the page says so beside the field, and keeps nothing.
  await evening.getByLabel("Kind").selectOption({ label: "Tried to reach the person" });
  await evening.getByLabel("What to write").fill("Rang once.");
  await evening.getByRole("button", { name: "Add to the timeline" }).click();
  await evening.locator("#note_result-error").waitFor();
  await checkA11y(evening, "the request with a field to fix");
  await ectx.close();

  // The morning dispatcher sees it on the board, with what it is about, and marks it read.
  const mctx = await browser.newContext();
  const morning = await mctx.newPage();
  await signIn(morning, heart.url, "dispatch");
  await morning.goto(heart.url + "/board");
  await morning.getByRole("heading", { name: "Handover from the last shift" }).waitFor();
  const card = morning.locator(".handover", { hasText: words });
  await card.waitFor();
  assert.match(await card.innerText(), /By Sam \(call-taker\)/);
  await checkA11y(morning, "the board with handovers");
  await card.getByRole("button", { name: "Mark read" }).click();
  await morning.locator("#done-message", { hasText: "Marked read. It is off the board." }).waitFor();
  assert.equal(await morning.locator(".handover", { hasText: words }).count(), 0);
  await mctx.close();
});
