// Shared helpers: start the real heart binary with the demo week, drive Debian's Chromium, run axe-core.
import { createHmac } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const HEART_BIN = process.env.HEART_BIN || join(here, "..", "..", "target", "debug", "heart");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** Starts `heart serve --demo` on a free port with a temp data dir. */
export async function startHeart(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), "heart-e2e-"));
  const child = spawn(HEART_BIN, ["serve", "--demo", "--addr", "127.0.0.1:0", "--data", dir], {
    env: { ...process.env, RUST_LOG: "warn", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const url = await new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error("heart did not start: " + buf)), 60000);
    child.stderr.on("data", (d) => {
      buf += d.toString();
      // Only a whole line: stderr arrives in pieces, and half an address is another address.
      const m = buf.match(/listening on (http:\/\/\S+)\r?\n/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on("exit", (code) => reject(new Error(`heart exited ${code}: ${buf}`)));
  });
  return {
    url,
    dir,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/** Runs axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page; throws with the violations if there are any. */
export async function checkA11y(page, label) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }));
  const problems = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  if (problems.length) throw new Error(`axe found problems on ${label}:\n  ${problems.join("\n  ")}`);
  return result.passes.length;
}

export async function signIn(page, url, username) {
  await page.goto(url + "/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(`heart-demo-${username}`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** The RFC 6238 code (SHA-1, 6 digits, 30 s) for a base32 key, as an authenticator app computes it. */
export function totpCode(base32Key, unixSeconds = Math.floor(Date.now() / 1000)) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0;
  const bytes = [];
  for (const c of base32Key.replace(/\s+/g, "").toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { bytes.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac("sha1", Buffer.from(bytes)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const n = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(n % 1_000_000).padStart(6, "0");
}

/** Controls (buttons, inputs, selects, text areas, tap links) in `scope` smaller than `minH` high or `minW` wide. */
export async function smallTargets(page, scope, minH, minW = 24) {
  return page.evaluate(([scope, minH, minW]) => {
    const out = [];
    for (const el of document.querySelectorAll(`${scope} button, ${scope} input:not([type=hidden]), ${scope} select, ${scope} textarea, ${scope} a.tap`)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not shown
      const box = el.type === "checkbox" || el.type === "radio" ? 24 : minH;
      if (r.height + 0.5 < box || r.width + 0.5 < minW) out.push(`${el.outerHTML.slice(0, 80)} ${r.width}x${r.height}`);
    }
    return out;
  }, [scope, minH, minW]);
}
