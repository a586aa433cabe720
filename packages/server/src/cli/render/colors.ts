/**
 * Terminal colours without a dependency: eight SGR codes are all the CLI needs. Colour is off for
 * non-TTY output and when NO_COLOR is set (https://no-color.org), so pipes and logs stay plain.
 */

/** Colour functions; identity functions when colour is disabled. */
export interface Colors {
  readonly enabled: boolean;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly blue: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly magenta: (text: string) => string;
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string): string => text;

/** Creates colour functions, enabled or not. */
export function createColors(enabled: boolean): Colors {
  if (!enabled) {
    return {
      enabled,
      bold: plain,
      dim: plain,
      red: plain,
      green: plain,
      yellow: plain,
      blue: plain,
      cyan: plain,
      magenta: plain,
    };
  }
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    cyan: sgr(36, 39),
    magenta: sgr(35, 39),
  };
}

/** Whether to colour a stream: FORCE_COLOR wins, then NO_COLOR, then TERM=dumb, then whether it is a TTY. */
export function shouldUseColor(
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  const force = env["FORCE_COLOR"];
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  const noColor = env["NO_COLOR"];
  if (noColor !== undefined && noColor !== "") return false;
  if (env["TERM"] === "dumb") return false;
  return isTTY;
}

// Built from text so the pattern holds no literal control character.
const escapeSequence = "\u001b\\[[0-9;]*[A-Za-z]";
const ansiPattern = new RegExp(escapeSequence, "g");
const leadingAnsi = new RegExp(`^${escapeSequence}`);
const segmenter = new Intl.Segmenter();

/** Removes ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ansiPattern, "");
}

/** The user-perceived characters (grapheme clusters) of a string. */
export function characters(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** Visible width of a string in terminal columns (ANSI codes take none; one column per character). */
export function visibleWidth(text: string): number {
  return characters(stripAnsi(text)).length;
}

/** Cuts a string that may hold ANSI codes to `width` visible columns, ending with "…" when cut. */
export function truncateVisible(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  let rest = text;
  let hasAnsi = false;
  while (rest !== "" && used < width - 1) {
    const code = leadingAnsi.exec(rest);
    if (code !== null) {
      out += code[0];
      hasAnsi = true;
      rest = rest.slice(code[0].length);
      continue;
    }
    const [first = ""] = characters(rest.slice(0, 16));
    out += first;
    used++;
    rest = rest.slice(first.length);
  }
  return `${out}…${hasAnsi ? "\u001b[0m" : ""}`;
}
