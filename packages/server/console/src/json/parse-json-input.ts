/** Validates JSON typed into the console's editors, with a message that points at the mistake. */

/** Parsed JSON, or where and why it is not JSON. */
export type JsonInput =
  | { ok: true; value: unknown; text: string }
  | { ok: false; message: string; line: number | undefined; column: number | undefined };

/** Parses `text`; empty text is allowed only when `allowEmpty` (then the value is undefined). */
export function parseJsonInput(text: string, options: { allowEmpty?: boolean } = {}): JsonInput {
  if (text.trim() === "") {
    return options.allowEmpty === true
      ? { ok: true, value: undefined, text: "" }
      : {
          ok: false,
          message: 'Enter a JSON value (for example {} or "text").',
          line: undefined,
          column: undefined,
        };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown, text };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const where = locate(raw, text);
    const suffix = where === undefined ? "" : ` (line ${where.line}, column ${where.column})`;
    return {
      ok: false,
      message: `Not valid JSON: ${cleanMessage(raw)}${suffix}.`,
      line: where?.line,
      column: where?.column,
    };
  }
}

/** Engines word JSON errors differently; V8 gives "at position N" or "(line L column C)". */
function locate(message: string, text: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn !== null) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (position !== null) return lineAndColumn(text, Number(position[1]));
  // "Unexpected end of JSON input": the mistake is at the end.
  if (/end of (JSON )?(input|data)/i.test(message)) return lineAndColumn(text, text.length);
  return undefined;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function cleanMessage(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/, ".*" is not valid JSON$/s, "")
    .replace(/ \(line \d+ column \d+\)$/, "")
    .replace(/\.$/, "");
}

/** Pretty-prints JSON text for display; returns the text unchanged when it is not JSON. */
export function prettyJson(text: string | undefined): string {
  if (text === undefined) return "";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
