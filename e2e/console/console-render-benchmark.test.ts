/**
 * Render time of a 10,001-operation timeline in the browser: the console marks the moment the data
 * arrives and measures to the DOM commit of the timeline (performance.measure), plus the next frame.
 * Printed, and written to e2e/artifacts/console-render.json for `npm run bench` to pick up. Only
 * a loose bound is asserted here: timings belong to the benchmark, not to pass/fail.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactsDir, launchBrowser, saveScreenshot, signIn } from "../support/browser.ts";
import type { TestBrowser } from "../support/browser.ts";
import {
  consoleToken,
  requireBuiltConsole,
  startConsoleServer,
} from "../support/console-server.ts";
import type { ConsoleServer } from "../support/console-server.ts";
import { wideMap } from "../fixtures/console-functions.ts";

describe("console with a 10,000-operation execution", () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let arn: string;

  beforeAll(async () => {
    requireBuiltConsole();
    server = await startConsoleServer({ functions: { "wide-map": wideMap } });
    arn = await server.start("wide-map", { items: 5000 }, "wide-5000");
    const done = await server.engine.waitForExecution(arn);
    if (done.status !== "SUCCEEDED") throw new Error(`wide-map ended ${done.status}`);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("renders the timeline quickly and keeps only the visible rows in the DOM", async () => {
    const operations = (await server.engine.getOperations(arn)).filter(
      (operation) => operation.Type !== "EXECUTION",
    ).length;
    expect(operations).toBe(10_001);
    const page = await browser.newPage();
    await page.goto(`${server.url}/executions/${encodeURIComponent(arn)}`);
    const loadStart = Date.now();
    await signIn(page, consoleToken);
    const tree = page.getByRole("tree");
    await tree.waitFor({ timeout: 60_000 });
    const loadMs = Date.now() - loadStart;
    expect(await tree.getAttribute("data-row-count")).toBe("10001");
    const rendered = await page.getByRole("treeitem").count();
    expect(rendered).toBeLessThan(100);

    const timing = await page.evaluate(async () => {
      const duration = (name: string): number =>
        performance.getEntriesByName(name, "measure")[0]?.duration ?? Number.NaN;
      // The first-frame measure is taken just after the frame is painted; wait for it.
      while (performance.getEntriesByName("durably:timeline-frame", "measure").length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return {
        buildMs: duration("durably:timeline-build"),
        renderMs: duration("durably:timeline-render"),
        firstFrameMs: duration("durably:timeline-frame"),
      };
    });

    // Scrolling to the end renders the last rows (virtualised window follows).
    const scrollStart = await page.evaluate(() => performance.now());
    await page.getByRole("tree").focus();
    await page.keyboard.press("End");
    await page.locator('[role="treeitem"]', { hasText: "square-4999" }).waitFor();
    const scrollMs = (await page.evaluate(() => performance.now())) - scrollStart;
    await saveScreenshot(page, "console-timeline-10k");

    const result = {
      operations,
      renderMs: round(timing.renderMs),
      buildMs: round(timing.buildMs),
      firstFrameMs: round(timing.firstFrameMs),
      scrollToEndMs: round(scrollMs),
      pageLoadMs: loadMs,
      renderedRows: rendered,
    };
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(
      path.join(artifactsDir, "console-render.json"),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    console.log(
      `[console bench] timeline of ${operations} operations: render ${result.renderMs} ms (model build ${result.buildMs} ms + DOM commit), first frame ${result.firstFrameMs} ms, jump to end ${result.scrollToEndMs} ms, sign-in to timeline ${loadMs} ms, ${rendered} rows in the DOM`,
    );
    expect(timing.renderMs).toBeLessThan(5000);
    await page.close();
  });
});

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
