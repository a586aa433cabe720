import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, saveScreenshot, signIn } from "../support/browser.ts";
import type { TestBrowser } from "../support/browser.ts";
import {
  consoleToken,
  requireBuiltConsole,
  startConsoleServer,
} from "../support/console-server.ts";
import type { ConsoleServer } from "../support/console-server.ts";
import {
  failingCharge,
  flakyMapItems,
  longWait,
  mapWithRetries,
} from "../fixtures/console-functions.ts";

const executionHref = (arn: string): string => `/executions/${encodeURIComponent(arn)}`;

describe("console timeline", () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let mapArn: string;

  beforeAll(async () => {
    requireBuiltConsole();
    server = await startConsoleServer({
      functions: {
        "map-with-retries": mapWithRetries,
        "failing-charge": failingCharge,
        "long-wait": longWait,
      },
    });
    mapArn = await server.start("map-with-retries", {}, "charge-batch-1");
    const done = await server.engine.waitForExecution(mapArn);
    if (done.status !== "SUCCEEDED") throw new Error(`map-with-retries ended ${done.status}`);
    // Tall enough that all 41 rows are rendered at once (the list is virtualised).
    browser = await launchBrowser({ width: 1440, height: 1800 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("draws the map, its 20 items and their steps as nested bars", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(mapArn)}`);
    await signIn(page, consoleToken);
    const tree = page.getByRole("tree", { name: "Operations on a time axis" });
    await tree.waitFor();
    expect(await tree.getAttribute("data-row-count")).toBe("41");
    await expect.poll(() => page.getByRole("treeitem").count()).toBe(41);
    expect(await page.locator('[role="treeitem"][aria-level="1"]').count()).toBe(1);
    expect(await page.locator('[role="treeitem"][aria-level="2"]').count()).toBe(20);
    expect(await page.locator('[role="treeitem"][aria-level="3"]').count()).toBe(20);
    // Every bar is coloured by its status; all succeeded.
    expect(await page.locator('[role="treeitem"][data-phase="succeeded"]').count()).toBe(41);
    // Items come in index order, each followed by its step.
    const labels = await page.locator('[role="treeitem"] .tl-name').allTextContents();
    expect(labels.slice(0, 5)).toEqual([
      "charge-all",
      "map-item-0",
      "charge-0",
      "map-item-1",
      "charge-1",
    ]);
    await page.close();
  });

  it("shows each retried step's attempts, with the errors of the failed ones", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(mapArn)}`);
    await signIn(page, consoleToken);
    await page.getByRole("tree").waitFor();
    // Four flaky items: two failed attempts and a successful third each.
    expect(await page.locator('.tl-attempt[data-outcome="failed"]').count()).toBe(
      flakyMapItems.length * 2,
    );
    expect(await page.locator('.tl-attempt[data-outcome="succeeded"]').count()).toBe(
      flakyMapItems.length,
    );
    const step = page.locator('[role="treeitem"]', { hasText: "charge-5" }).first();
    expect(await step.locator(".tl-attempts").textContent()).toBe("3 attempts");
    expect(await step.locator('[data-kind="retry-delay"]').count()).toBe(2);
    expect(await step.locator('.tl-attempt[data-attempt="1"]').getAttribute("title")).toContain(
      "card 5 declined on attempt 1",
    );
    // Steps that succeeded at once have one bar and no markers.
    const plain = page.locator('[role="treeitem"]', { hasText: "charge-3" }).first();
    expect(await plain.locator(".tl-attempt").count()).toBe(0);
    // Invocations are marked on the axis (the retries needed re-invocations).
    expect(await page.locator("[data-invocation]").count()).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it("shows an operation's details and events when clicked, and moves with the keyboard", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(mapArn)}`);
    await signIn(page, consoleToken);
    await page.locator('[role="treeitem"]', { hasText: "charge-10" }).first().click();
    const details = page.getByRole("complementary");
    await details.getByRole("heading", { name: /charge-10/ }).waitFor();
    expect(await details.locator(".attempts li").count()).toBe(3);
    expect(await details.locator(".attempts li").first().textContent()).toContain(
      "card 10 declined on attempt 1",
    );
    const eventTypes = await details
      .locator("tr[data-event-type]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-event-type")));
    expect(eventTypes).toEqual([
      "StepStarted",
      "StepFailed",
      "StepStarted",
      "StepFailed",
      "StepStarted",
      "StepSucceeded",
    ]);
    await saveScreenshot(page, "console-timeline");

    // Keyboard: the tree has focus; Up selects the row above (map-item-10), Left goes to its parent.
    await page.getByRole("tree").focus();
    await page.keyboard.press("ArrowUp");
    await details.getByRole("heading", { name: /map-item-10/ }).waitFor();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await details.getByRole("heading", { name: /charge-all/ }).waitFor();
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => page.getByRole("treeitem").count()).toBe(1);
    // Expanding the map again keeps map-item-10 collapsed, as it was left.
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.getByRole("treeitem").count()).toBe(40);
    expect(page.url()).toContain("op=");
    await page.close();
  });

  it("lists the raw history events", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(mapArn)}?tab=history`);
    await signIn(page, consoleToken);
    await page.getByRole("tab", { name: /History/, selected: true }).waitFor();
    const history = page.getByRole("region", { name: "History events" });
    await history.locator('tr[data-event-type="ExecutionStarted"]').waitFor();
    expect(await history.locator('tr[data-event-type="StepFailed"]').count()).toBe(8);
    expect(
      await history.locator('tr[data-event-type="InvocationCompleted"]').count(),
    ).toBeGreaterThanOrEqual(3);
    await page.getByLabel("Event type").selectOption("StepFailed");
    expect(await history.locator("tbody tr").count()).toBe(8);
    await page.close();
  });

  it("shows a failed execution's error and input", async () => {
    const arn = await server.start("failing-charge", { amount: 99 }, "charge-failed-1");
    await server.engine.waitForExecution(arn);
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(arn)}`);
    await signIn(page, consoleToken);
    const error = page.getByRole("region", { name: "Error" }).first();
    await error.waitFor();
    expect(await error.textContent()).toContain("card declined for amount 99");
    expect(await page.getByRole("region", { name: "Input" }).textContent()).toContain(
      '"amount": 99',
    );
    await page.close();
  });

  it("shows an error's stack trace when it has one", async () => {
    // The SDK sends no stack traces (as the official one); a stop request may carry one.
    const arn = await server.start("long-wait", {}, "stopped-with-stack");
    const stopped = await fetch(
      `${server.url}/durable-executions/${encodeURIComponent(arn)}/stop`,
      {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${consoleToken}` },
        body: JSON.stringify({
          ErrorType: "OperatorStop",
          ErrorMessage: "stopped by hand",
          StackTrace: ["at stopFromTest (console.test.ts:1:1)"],
        }),
      },
    );
    expect(stopped.status).toBe(200);
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(arn)}`);
    await signIn(page, consoleToken);
    await page.locator(".stack").first().waitFor();
    expect(await page.locator(".stack").first().textContent()).toBe(
      "at stopFromTest (console.test.ts:1:1)",
    );
    expect(await page.getByRole("region", { name: "Error" }).first().textContent()).toContain(
      "OperatorStop: stopped by hand",
    );
    await page.close();
  });
});
