import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.ts";
import { launchBrowser, signIn } from "../support/browser.ts";
import type { TestBrowser } from "../support/browser.ts";
import {
  consoleToken,
  requireBuiltConsole,
  startConsoleServer,
} from "../support/console-server.ts";
import type { ConsoleServer } from "../support/console-server.ts";
import { approval, failingCharge, mapWithRetries } from "../fixtures/console-functions.ts";

const executionHref = (arn: string): string => `/executions/${encodeURIComponent(arn)}`;

describe("console accessibility (axe-core, WCAG 2.1 A/AA)", () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let waiting: string;
  let mapped: string;

  beforeAll(async () => {
    requireBuiltConsole();
    server = await startConsoleServer({
      functions: { approval, "failing-charge": failingCharge, "map-with-retries": mapWithRetries },
    });
    waiting = await server.start("approval", { orderId: "o-1" }, "a11y-waiting");
    mapped = await server.start("map-with-retries", {}, "a11y-map");
    await server.engine.waitForExecution(await server.start("failing-charge", {}, "a11y-failed"));
    await server.engine.waitForExecution(mapped);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("has no violations on the sign-in page", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByLabel("API token").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("has no violations on the executions list", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await signIn(page, consoleToken);
    await page.locator('tr[data-status="FAILED"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("has no violations on a timeline with retries, its details and the history", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(mapped)}`);
    await signIn(page, consoleToken);
    await page.locator('[role="treeitem"]', { hasText: "charge-5" }).first().click();
    await page.getByRole("complementary").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("tab", { name: /History/ }).click();
    await page.locator('tr[data-event-type="StepFailed"]').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("has no violations on a waiting execution and in the callback dialog", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(waiting)}`);
    await signIn(page, consoleToken);
    await page.getByTestId("waiting-summary").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Complete callback…" }).first().click();
    await page.getByRole("dialog").waitFor();
    await page.getByLabel("Result (JSON)").fill("{ not json");
    expect(await axeViolations(page)).toEqual([]);
    // The dialog traps focus and Escape closes it.
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.close();
  });
});
