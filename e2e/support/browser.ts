/**
 * Headless Chromium for the console tests: Debian's chromium driven by playwright-core, each run
 * in a fresh profile directory. Screenshots go to e2e/artifacts/ (gitignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import type { BrowserContext, Page } from "playwright-core";

/** Where Debian installs Chromium (`apt-get install -y chromium`). */
const chromiumPath = "/usr/bin/chromium";

/** Test artifacts (screenshots). */
export const artifactsDir: string = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../artifacts",
);

/** A browser profile and a way to open pages in it. */
export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Fails with the install command when Chromium is missing. */
function requireChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: install it with \`apt-get update && apt-get install -y chromium\`.`,
    );
  }
}

/** Launches Chromium headless in a fresh profile; `viewport` defaults to 1440×900. */
export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<TestBrowser> {
  requireChromium();
  const profile = mkdtempSync(path.join(tmpdir(), "durably-chromium-"));
  // playwright passes the profile as --user-data-dir (it refuses the flag in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as e2e/artifacts/<name>.png and returns its path. */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}

/** Signs in on the console's token prompt. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel("API token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The token the console keeps in the page's session storage, or null. */
export async function storedToken(page: Page): Promise<string | null> {
  // A string expression: it runs in the page, whose globals this Node-typed project does not know.
  return page.evaluate<string | null>("sessionStorage.getItem('durably.apiToken')");
}
