// Circles (issue 28): a facilitator opens a circle with a second facilitator, adds two people named by their own
// words, writes a note from a conversation with each, moves to separate conversations, is told a joint circle needs
// everyone's consent, records each person's consent to take part and to meet, holds the circle, makes an agreement
// and prints it. The second facilitator sees the same circle; a coordinator who does not facilitate it does not.
// axe on every page on the way.
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

function inDays(n) {
  const d = new Date(Date.now() + n * 86400000);
  return d.toISOString().slice(0, 10);
}

test("a circle from opening to agreement", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, heart.url, "iris");
  await page.getByRole("link", { name: "Circles" }).click();
  await page.getByRole("heading", { level: 1, name: "Circles" }).waitFor();
  await checkA11y(page, "the circles page");

  // One facilitator is not enough.
  await page.getByLabel("Title (optional)").fill("The bike on Inman Street");
  await page.getByLabel("Iris").check();
  await page.getByRole("button", { name: "Open the circle" }).click();
  await page.getByText("Name at least two facilitators.").first().waitFor();
  await checkA11y(page, "the circles page with an error");
  await page.getByLabel("Jun").check();
  await page.getByRole("button", { name: "Open the circle" }).click();
  await page.getByRole("heading", { level: 1, name: "The bike on Inman Street" }).waitFor();
  await page.locator("#done-message", { hasText: "The circle is open." }).waitFor();
  await checkA11y(page, "a circle just opened");
  const circleUrl = page.url();

  for (const role of ["the person harmed", "the person responsible"]) {
    await page.getByLabel("How they want to be named").fill(role);
    await page.getByRole("button", { name: "Add them" }).click();
    await page.getByRole("heading", { level: 3, name: role }).waitFor();
  }
  for (const [who, words] of [["the person harmed", "She wants the bike back"], ["the person responsible", "He sold it the week he lost his job"]]) {
    await page.getByLabel("With whom").selectOption({ label: who });
    await page.getByLabel("What was said or agreed").fill(words);
    await page.getByRole("button", { name: "Save the note" }).click();
    await page.locator("#done-message", { hasText: "kept under that person's key" }).waitFor();
    await page.getByText(words).waitFor();
  }
  await checkA11y(page, "a circle with two people and their notes");

  await page.getByLabel("Move to").selectOption("pre_meetings");
  await page.getByRole("button", { name: "Move the circle" }).click();
  await page.getByRole("heading", { level: 2, name: "Stage: Separate conversations" }).waitFor();
  // A joint circle before everyone agreed to meet: refused, said at the field.
  await page.getByLabel("Move to").selectOption("circle");
  await page.getByRole("button", { name: "Move the circle" }).click();
  await page.locator("#stage-error", { hasText: "must agree to take part and to meet" }).waitFor();
  await checkA11y(page, "a stage move refused");
  assert.equal(await page.getByRole("heading", { level: 2, name: "Stage: Separate conversations" }).count(), 1);

  for (const role of ["the person harmed", "the person responsible"]) {
    for (const what of ["Agrees to take part", "Agrees to meet"]) {
      await page.getByRole("button", { name: `${what}: ${role}` }).click();
      await page.locator("#done-message", { hasText: "Recorded." }).waitFor();
    }
  }
  await page.getByLabel("Move to").selectOption("circle");
  await page.getByRole("button", { name: "Move the circle" }).click();
  await page.getByRole("heading", { level: 2, name: "Stage: Joint circle" }).waitFor();

  await page.getByLabel("Who commits").first().selectOption("the person responsible");
  await page.getByLabel("What they commit to").first().fill("Pay back 40 dollars by the due day");
  await page.getByLabel("By").first().fill(inDays(14));
  await page.getByRole("button", { name: "Save the agreement" }).click();
  await page.locator("#done-message", { hasText: "The agreement is saved." }).waitFor();
  await page.getByRole("button", { name: "the person harmed agrees to this" }).click();
  await page.locator("#done-message", { hasText: "Recorded." }).waitFor();
  await checkA11y(page, "a circle with an agreement");

  await page.getByRole("link", { name: "Printable agreement" }).click();
  await page.getByRole("heading", { level: 1, name: "Agreement" }).waitFor();
  const printable = await page.locator("main").innerText();
  assert.match(printable, /the person responsible/);
  assert.match(printable, /Pay back 40 dollars/);
  assert.match(printable, /Agreed to by: the person harmed/);
  await checkA11y(page, "the printable agreement");

  // The second facilitator sees it; a coordinator who does not facilitate it is told it is not part of their work.
  const jun = await (await browser.newContext()).newPage();
  await signIn(jun, heart.url, "jun");
  await jun.goto(`${heart.url}/circles`);
  await jun.getByRole("link", { name: "The bike on Inman Street" }).click();
  await jun.getByText("He sold it the week he lost his job").waitFor();
  const rae = await (await browser.newContext()).newPage();
  await signIn(rae, heart.url, "coordinator");
  const r = await rae.goto(circleUrl);
  assert.equal(r.status(), 403);
  assert.equal(await rae.getByText("He sold it").count(), 0);
  await checkA11y(rae, "a circle refused to a coordinator");
  await ctx.close();
});
