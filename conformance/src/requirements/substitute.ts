/**
 * Variable substitution in requirement values: `${NAME}` from `Variables`, `${GEN_STR:N}` fresh
 * random strings. Binding placeholders (`${ID1}`) and regexes (`${/…/}`) are left for the matcher.
 */
import { randomInt } from "node:crypto";

const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A random alphanumeric string. */
export function generateString(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Resolves the `Variables` block: generators run once per requirement. */
export function resolveVariables(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== "object") return out;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    out[name] = substituteString(String(value), out);
  }
  return out;
}

function substituteString(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, inner: string) => {
    const gen = /^GEN_STR:(\d+)$/.exec(inner);
    if (gen) return generateString(Number(gen[1]));
    return Object.hasOwn(vars, inner) ? (vars[inner] as string) : whole;
  });
}

/** Substitutes variables everywhere in a YAML value (strings inside objects and arrays). */
export function substitute(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === "string") return substituteString(value, vars);
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substitute(v, vars);
    return out;
  }
  return value;
}
