import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, saveScreenshot, signIn } from "../support/browser.ts";
import type { TestBrowser } from "../support/browser.ts";
import {
  consoleToken,
  requireBuiltConsole,
  startConsoleServer,
} from "../support/console-server.ts";
import type { ConsoleServer } from "../support/console-server.ts";
import { approval, failingCharge, longWait } from "../fixtures/console-functions.ts";

describe("console executions list", () => {
  let server: ConsoleServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    requireBuiltConsole();
    server = await startConsoleServer({
      functions: { approval, "long-wait": longWait, "failing-charge": failingCharge },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows executions as they start and progress, without reloading", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await signIn(page, consoleToken);
    await page.getByText("No executions match these filters.").waitFor();

    // Started after the page loaded: it must appear RUNNING, waiting for its approval.
    const arn = await server.start("approval", { orderId: "o-live" }, "order-live-1");
    const row = page.locator(`tr[data-execution-arn="${arn}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-status")).toBe("RUNNING");
    expect(await row.textContent()).toContain("approval");
    // Another client answers the callback: the row turns SUCCEEDED by itself.
    const callbackId = (await server.engine.getOperations(arn)).find(
      (operation) => operation.Type === "CALLBACK",
    )?.CallbackDetails?.CallbackId;
    const answered = await fetch(
      `${server.url}/durable-execution-callbacks/${encodeURIComponent(callbackId ?? "")}/succeed`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${consoleToken}` },
        body: "yes",
      },
    );
    expect(answered.status).toBe(200);
    await page
      .locator(`tr[data-execution-arn="${arn}"][data-status="SUCCEEDED"]`)
      .waitFor({ timeout: 15_000 });
    await page.close();
  });

  it("filters by status and function, and searches by name prefix and by id", async () => {
    const waiting = await server.start("approval", { orderId: "o-7" }, "approval-o-7");
    await server.start("long-wait", {}, "sleeper-1");
    await server.start("long-wait", {}, "sleeper-2");
    const failed = await server.start("failing-charge", { amount: 12 }, "charge-o-8");
    await server.engine.waitForExecution(failed);
    const page = await browser.newPage();
    await page.goto(server.url);
    await signIn(page, consoleToken);
    await page.getByRole("link", { name: "charge-o-8" }).waitFor();
    await page.locator('tr[data-status="FAILED"]').waitFor();
    await saveScreenshot(page, "console-executions");

    await page.getByRole("checkbox", { name: "RUNNING" }).check();
    await page.waitForURL(/status=RUNNING/);
    await page.getByRole("link", { name: "order-live-1" }).waitFor({ state: "detached" });
    await expect.poll(() => page.locator("tbody tr").count()).toBe(3);

    await page.getByLabel("Function").fill("long-wait");
    await page.getByLabel("Function").press("Enter");
    await page.getByRole("link", { name: "approval-o-7" }).waitFor({ state: "detached" });
    expect(await page.locator("tbody tr").count()).toBe(2);

    await page.goto(`${server.url}/?q=sleeper-1`);
    await page.getByRole("link", { name: "sleeper-1" }).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(1);

    await page.getByLabel("Execution id or name prefix").fill(waiting);
    await page.getByLabel("Execution id or name prefix").press("Enter");
    await page.getByRole("link", { name: "approval-o-7" }).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(1);
    await page.close();
  });

  it("pages through executions with a cursor", async () => {
    for (let index = 0; index < 55; index++)
      await server.start("long-wait", {}, `bulk-${String(index).padStart(2, "0")}`);
    const page = await browser.newPage();
    await page.goto(`${server.url}/?function=long-wait`);
    await signIn(page, consoleToken);
    await page.getByRole("link", { name: "bulk-54" }).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(50);
    await page.getByRole("button", { name: "Older →" }).click();
    await page.getByText("Page 2").waitFor();
    await page.getByRole("link", { name: "sleeper-1" }).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(7);
    await page.getByRole("button", { name: "← Newer" }).click();
    await page.getByRole("link", { name: "bulk-54" }).waitFor();
    await page.close();
  });
});
