/**
 * Matching of expected requirement values against actual ones, with the README's rules:
 * `'*'` = present, `{}` = not checked, `${IDn}` binds on first use, `${/regex/}` matches, an absent
 * value equals null, and only the keys an expected object names are compared.
 */

/** Values bound to placeholders such as `${ID1}` during one comparison. */
export type Bindings = Map<string, unknown>;

const placeholder = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const regexPlaceholder = /^\$\{\/(.*)\/\}$/s;

function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Returns a description of the first mismatch, or undefined when `actual` satisfies `expected`. */
export function matchValue(
  expected: unknown,
  actual: unknown,
  bindings: Bindings,
  path: string,
): string | undefined {
  if (expected === "*")
    return actual === undefined ? `${path}: expected a value, got none` : undefined;
  if (expected === null || expected === undefined) {
    return actual === undefined || actual === null
      ? undefined
      : `${path}: expected null, got ${show(actual)}`;
  }
  if (typeof expected === "string") {
    const bind = placeholder.exec(expected);
    if (bind) {
      const key = bind[1] as string;
      if (actual === undefined) return `${path}: expected a value for ${expected}, got none`;
      if (!bindings.has(key)) {
        bindings.set(key, actual);
        return undefined;
      }
      const bound = bindings.get(key);
      return bound === actual
        ? undefined
        : `${path}: expected ${expected} = ${show(bound)}, got ${show(actual)}`;
    }
    const regex = regexPlaceholder.exec(expected);
    if (regex) {
      const text =
        typeof actual === "number" || typeof actual === "boolean" ? String(actual) : actual;
      return typeof text === "string" && new RegExp(regex[1] as string).test(text)
        ? undefined
        : `${path}: expected to match /${regex[1]}/, got ${show(actual)}`;
    }
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${show(actual)}`;
    if (actual.length !== expected.length)
      return `${path}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const miss = matchValue(expected[i], actual[i], bindings, `${path}[${i}]`);
      if (miss) return miss;
    }
    return undefined;
  }
  if (typeof expected === "object") {
    const keys = Object.keys(expected);
    if (keys.length === 0) return undefined;
    if (actual === null || typeof actual !== "object")
      return `${path}: expected an object, got ${show(actual)}`;
    for (const key of keys) {
      const miss = matchValue(
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        bindings,
        path ? `${path}.${key}` : key,
      );
      if (miss) return miss;
    }
    return undefined;
  }
  if (expected === actual) return undefined;
  const isScalar = (v: unknown): v is number | string | boolean =>
    typeof v === "number" || typeof v === "string" || typeof v === "boolean";
  if (isScalar(actual) && isScalar(expected) && String(expected) === String(actual)) {
    return undefined;
  }
  return `${path}: expected ${show(expected)}, got ${show(actual)}`;
}
