import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signIn, storedToken } from "../support/browser.ts";
import type { TestBrowser } from "../support/browser.ts";
import {
  consoleToken,
  requireBuiltConsole,
  startConsoleServer,
} from "../support/console-server.ts";
import type { ConsoleServer } from "../support/console-server.ts";
import { progress } from "../fixtures/console-functions.ts";

describe("console authentication", () => {
  let server: ConsoleServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    requireBuiltConsole();
    server = await startConsoleServer({ functions: { progress } });
    await server.start("progress", { label: "auth" }, "auth-check");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("asks for a token when none is stored, and shows no data before", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Sign in to Durably" }).waitFor();
    expect(await page.getByLabel("API token").getAttribute("type")).toBe("password");
    expect(await page.getByRole("table", { name: "Executions" }).count()).toBe(0);
    await page.close();
  });

  it("refuses a wrong token with an error and keeps asking", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await signIn(page, "not-the-right-token-000000");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("rejected this token");
    expect(await page.getByLabel("API token").isVisible()).toBe(true);
    expect(await storedToken(page)).toBeNull();
    await page.close();
  });

  it("lets the right token in, keeps it for the tab only, and signs out", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await signIn(page, consoleToken);
    await page.getByRole("link", { name: "auth-check" }).waitFor();
    expect(await storedToken(page)).toBe(consoleToken);
    // A reload keeps the session; a deep link works once signed in.
    await page.reload();
    await page.getByRole("link", { name: "auth-check" }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API token").waitFor();
    expect(await storedToken(page)).toBeNull();
    await page.close();
  });

  it("serves the console without a token but never the API", async () => {
    const html = await fetch(`${server.url}/executions/anything`, {
      headers: { accept: "text/html" },
    });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toContain("text/html");
    const api = await fetch(`${server.url}/durable-executions`);
    expect(api.status).toBe(401);
  });
});

describe("console on an insecure-local server", () => {
  it("needs no token", async () => {
    requireBuiltConsole();
    const server = await startConsoleServer({
      functions: { progress },
      auth: { insecureLocal: true },
    });
    const browser = await launchBrowser();
    try {
      await server.start("progress", {}, "no-token-needed");
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.getByRole("link", { name: "no-token-needed" }).waitFor();
      expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
