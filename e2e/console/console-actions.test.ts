import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, saveScreenshot, signIn } from "../support/browser.ts";
import type { TestBrowser } from "../support/browser.ts";
import {
  consoleToken,
  requireBuiltConsole,
  startConsoleServer,
} from "../support/console-server.ts";
import type { ConsoleServer } from "../support/console-server.ts";
import { approval, longWait, progress } from "../fixtures/console-functions.ts";

const executionHref = (arn: string): string => `/executions/${encodeURIComponent(arn)}`;

describe("console actions", () => {
  let server: ConsoleServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    requireBuiltConsole();
    server = await startConsoleServer({ functions: { approval, "long-wait": longWait, progress } });
    browser = await launchBrowser({ width: 1440, height: 1100 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("says why a running execution waits, and completes its callback from the console", async () => {
    const arn = await server.start("approval", { orderId: "o-42" }, "approve-o-42");
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(arn)}`);
    await signIn(page, consoleToken);

    const summary = page.getByTestId("waiting-summary");
    await summary.waitFor();
    await expect
      .poll(() => summary.textContent())
      .toMatch(
        /^Waiting for waitForCallback "approval" to be completed with callback id \S+; it times out at .+ \(in (9|10)m/,
      );
    const operations = await server.engine.getOperations(arn);
    const callbackId = operations.find((operation) => operation.Type === "CALLBACK")
      ?.CallbackDetails?.CallbackId;
    expect(callbackId).toBeDefined();
    expect(await summary.textContent()).toContain(callbackId);
    await saveScreenshot(page, "console-waiting");

    await page.getByRole("button", { name: "Complete callback…" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Complete a callback" });
    await dialog.waitFor();
    // Invalid JSON is pointed out and cannot be sent.
    const editor = dialog.getByLabel("Result (JSON)");
    await editor.fill('{"approved": tru');
    await dialog.getByText(/^Not valid JSON/).waitFor();
    expect(await dialog.getByRole("button", { name: "Send success" }).isDisabled()).toBe(true);
    expect(await editor.getAttribute("aria-invalid")).toBe("true");
    await editor.fill('{"approved": true, "by": "ada"}');
    await dialog.getByRole("button", { name: "Send success" }).click();
    await dialog.getByText("Success sent: the execution resumes with this result.").waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();

    const done = await server.engine.waitForExecution(arn);
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.result ?? "null")).toEqual({
      orderId: "o-42",
      answer: '{"approved": true, "by": "ada"}',
    });
    // The page follows by itself: status, result, and no more "why waiting".
    await page.locator('main[data-status="SUCCEEDED"]').waitFor();
    expect(await page.getByRole("region", { name: "Result" }).textContent()).toContain("o-42");
    expect(await page.getByTestId("waiting-summary").count()).toBe(0);
    await page.close();
  });

  it("sends a callback failure with an error", async () => {
    const arn = await server.start("approval", { orderId: "o-43" }, "approve-o-43");
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(arn)}`);
    await signIn(page, consoleToken);
    await page.getByRole("button", { name: "Complete callback…" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Complete a callback" });
    await dialog.getByLabel("Failure").check();
    await dialog.getByLabel("Error type").fill("Rejected");
    await dialog.getByLabel("Error message").fill("not approved by finance");
    await dialog.getByRole("button", { name: "Send failure" }).click();
    await dialog.getByText("Failure sent: the execution resumes with this error.").waitFor();
    const done = await server.engine.waitForExecution(arn);
    expect(done.status).toBe("FAILED");
    expect(done.error?.ErrorMessage).toContain("not approved by finance");
    await page.close();
  });

  it("stops a running execution after confirmation", async () => {
    const arn = await server.start("long-wait", {}, "sleepy-1");
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(arn)}`);
    await signIn(page, consoleToken);
    await expect
      .poll(() => page.getByTestId("waiting-summary").textContent())
      .toMatch(/^Waiting for the timer of wait "an-hour" until .+ \(in (59m|1h)/);

    await page.getByRole("button", { name: "Stop execution" }).click();
    const dialog = page.getByRole("dialog", { name: 'Stop execution "sleepy-1"?' });
    // Cancelling changes nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await server.engine.getExecution(arn)).status).toBe("RUNNING");

    await page.getByRole("button", { name: "Stop execution" }).click();
    await dialog.getByLabel(/Reason/).fill("no longer needed");
    await dialog.getByRole("button", { name: "Stop execution" }).click();
    await dialog.getByText("The execution was stopped.").waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    await page.locator('main[data-status="STOPPED"]').waitFor();
    const stopped = await server.engine.getExecution(arn);
    expect(stopped.status).toBe("STOPPED");
    expect(stopped.error?.ErrorMessage).toBe("no longer needed");
    expect(await page.getByRole("button", { name: "Stop execution" }).count()).toBe(0);
    await page.close();
  });

  it("shows why stopping failed when the execution already finished", async () => {
    const arn = await server.start("long-wait", {}, "sleepy-2");
    const page = await browser.newPage();
    await page.goto(`${server.url}${executionHref(arn)}`);
    await signIn(page, consoleToken);
    await page.getByRole("button", { name: "Stop execution" }).click();
    await server.engine.stopExecution(arn);
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Stop execution" }).click();
    const outcome = dialog.getByText(/^Not stopped: /);
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(/finished|STOPPED|closed/i);
    expect((await server.engine.getExecution(arn)).status).toBe("STOPPED");
    await page.close();
  });

  it("starts a new execution of a function with an input", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await signIn(page, consoleToken);
    await page.getByRole("button", { name: "Start execution" }).click();
    const dialog = page.getByRole("dialog", { name: "Start an execution" });
    await dialog.getByLabel("Function").fill("progress");
    await dialog.getByLabel(/Execution name/).fill("started-from-console");
    await dialog.getByLabel("Input (JSON)").fill('{"label": ');
    expect(await dialog.getByRole("button", { name: "Start execution" }).isDisabled()).toBe(true);
    await dialog.getByLabel("Input (JSON)").fill('{"label": "console"}');
    await dialog.getByRole("button", { name: "Start execution" }).click();
    await dialog.getByText(/^Started "started-from-console"/).waitFor();
    await dialog.getByRole("link", { name: "Open the execution" }).click();
    await page.getByRole("heading", { name: /started-from-console/ }).waitFor();
    await page.locator('main[data-status="SUCCEEDED"]').waitFor({ timeout: 15_000 });
    expect(await page.getByRole("region", { name: "Result" }).textContent()).toContain(
      "prepared console, charged, shipped",
    );

    // An unknown function is reported, not started.
    await page.goto(server.url);
    await page.getByRole("button", { name: "Start execution" }).click();
    await dialog.getByLabel("Function").fill("no-such-function");
    await dialog.getByRole("button", { name: "Start execution" }).click();
    await dialog.getByText(/^Not started: /).waitFor();
    await page.close();
  });
});
