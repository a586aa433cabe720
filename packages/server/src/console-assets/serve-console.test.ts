import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { ConsoleFiles } from "./console-files.ts";
import {
  consoleFilePath,
  createConsoleAssets,
  serveConsole,
  withConsole,
} from "./serve-console.ts";

const encoder = new TextEncoder();

/** Console files in memory: path → text. */
function memoryFiles(files: Record<string, string>): ConsoleFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async read(path) {
      reads.push(path);
      const text = files[path];
      return text === undefined
        ? undefined
        : { bytes: encoder.encode(text) as Uint8Array<ArrayBuffer>, etag: `"${path}"` };
    },
  };
}

const built = (): ReturnType<typeof memoryFiles> =>
  memoryFiles({
    "index.html": "<div id=app></div>",
    "assets/index-abc123.js": "console.log(1)",
    "assets/index-abc123.css": "body{}",
    "favicon.svg": "<svg/>",
  });

const get = (path: string, init?: RequestInit): Request =>
  new Request(`http://127.0.0.1${path}`, init);

describe("createConsoleAssets", () => {
  it("answers the console's routes with index.html, uncached, with a strict CSP", async () => {
    const assets = createConsoleAssets({ files: built() });
    for (const path of ["/", "/executions", "/executions/arn%3Ax%2Fdurable-execution%2Fn%2F1"]) {
      const response = await assets.handle(get(path));
      expect(response?.status).toBe(200);
      expect(response?.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response?.headers.get("cache-control")).toBe("no-cache");
      expect(response?.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(await response?.text()).toBe("<div id=app></div>");
    }
  });

  it("serves hashed assets for a year and other files revalidated, with their content types", async () => {
    const assets = createConsoleAssets({ files: built() });
    const script = await assets.handle(get("/assets/index-abc123.js"));
    expect(script?.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script?.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const style = await assets.handle(get("/assets/index-abc123.css"));
    expect(style?.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const icon = await assets.handle(get("/favicon.svg"));
    expect(icon?.headers.get("content-type")).toBe("image/svg+xml");
    expect(icon?.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers a matching If-None-Match with 304 and HEAD without a body", async () => {
    const assets = createConsoleAssets({ files: built() });
    const cached = await assets.handle(
      get("/assets/index-abc123.js", { headers: { "if-none-match": '"assets/index-abc123.js"' } }),
    );
    expect(cached?.status).toBe(304);
    const head = await assets.handle(get("/", { method: "HEAD" }));
    expect(head?.status).toBe(200);
    expect(await head?.text()).toBe("");
  });

  it("leaves API paths, unknown files and other methods to the next handler", async () => {
    const files = built();
    const assets = createConsoleAssets({ files });
    expect(await assets.handle(get("/durable-executions"))).toBeUndefined();
    expect(await assets.handle(get("/assets/missing.js"))).toBeUndefined();
    expect(await assets.handle(get("/", { method: "POST" }))).toBeUndefined();
    expect(await assets.handle(get("/executions/a/b"))).toBeUndefined();
  });

  it("never asks for a path that could leave the console's folder", async () => {
    const files = built();
    const assets = createConsoleAssets({ files });
    for (const path of [
      "/..%2fpackage.json",
      "/assets/..%2f..%2fsecret",
      "/%2e%2e/x",
      "/assets/%5c..%5cx",
      "/a%00b",
      "/assets//x.js",
      "/%E0%A4%A",
    ]) {
      expect(await assets.handle(get(path))).toBeUndefined();
    }
    // URL parsing already resolves "/%2e%2e/x" to "/x": only plain paths inside the folder are read.
    expect(files.reads).toEqual(["x"]);
  });

  it("explains how to build the console when it is missing", async () => {
    const assets = createConsoleAssets({ files: memoryFiles({}) });
    const response = await assets.handle(get("/"));
    expect(response?.status).toBe(503);
    expect(await response?.text()).toContain("npm run build:console");
    expect(await assets.handle(get("/assets/index.js"))).toBeUndefined();
  });
});

describe("consoleFilePath", () => {
  it("turns URL paths into relative file paths", () => {
    expect(consoleFilePath("/assets/index-abc.js")).toBe("assets/index-abc.js");
    expect(consoleFilePath("/favicon.svg")).toBe("favicon.svg");
    expect(consoleFilePath("/a%20b.txt")).toBe("a b.txt");
  });
});

describe("mounting", () => {
  it("as hono middleware before authentication: console files pass, the API still needs the token", async () => {
    const app = new Hono();
    app.use("*", serveConsole({ files: built() }));
    app.use("*", async (c, next) =>
      c.req.header("authorization") === "Bearer t" ? next() : c.text("unauthorized", 401),
    );
    app.get("/durable-executions", (c) => c.json({ DurableExecutions: [] }));
    expect((await app.request("/")).status).toBe(200);
    expect((await app.request("/assets/index-abc123.js")).status).toBe(200);
    expect((await app.request("/durable-executions")).status).toBe(401);
    expect(
      (await app.request("/durable-executions", { headers: { authorization: "Bearer t" } })).status,
    ).toBe(200);
  });

  it("as a wrapper of a fetch handler", async () => {
    const fetch = withConsole(async () => new Response("api", { status: 418 }), { files: built() });
    expect((await fetch(get("/"), undefined)).status).toBe(200);
    expect(await (await fetch(get("/durable-executions"), undefined)).text()).toBe("api");
  });
});
