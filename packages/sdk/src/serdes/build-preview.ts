import {
  FieldMatchMode,
  type PreviewConfig,
  type PreviewField,
  PreviewMode,
} from "./file-system-serdes-options.ts";

const DEFAULT_MASK_STRING = "***";
const DEFAULT_MAX_PREVIEW_BYTES = 4096;

/**
 * A small, display-only copy of `value` (spec/sdk-api.md §11.4): its leaf fields, selected by
 * `mode`/`include`/`exclude`, with `mask`ed ones replaced by `maskString`, nested as in `value`.
 * Fields are added in traversal order until the next one would make the JSON of the preview
 * larger than `maxPreviewBytes`. `undefined` when `value` is not an object or nothing is shown.
 *
 * Rules: `exclude` beats everything; `mask` makes a field visible; a rule that matches an object
 * field applies to all the fields below it. `PATH` rules are anchored at the root, `ANYWHERE`
 * rules match at any depth. Array elements are merged under the array's own path (indexes are not
 * part of paths); an array of plain values is one leaf.
 */
export function buildPreview(
  value: unknown,
  config: PreviewConfig,
): Record<string, unknown> | undefined {
  const root = toJsonValue(value, "");
  if (typeof root !== "object" || root === null) return undefined;
  const rules: PreviewRules = {
    includeAll: config.mode === PreviewMode.INCLUDE_ALL,
    include: compileFields(config.include),
    exclude: compileFields(config.exclude),
    mask: compileFields(config.mask),
    maskString: config.maskString ?? DEFAULT_MASK_STRING,
  };
  const preview = new SizedTree(config.maxPreviewBytes ?? DEFAULT_MAX_PREVIEW_BYTES);
  for (const [path, leaf] of visibleFields(root, [], rules, new Set())) {
    if (!preview.tryAdd(path, leaf)) break;
  }
  return preview.isEmpty ? undefined : preview.root;
}

interface FieldRule {
  readonly segments: readonly string[];
  readonly anchored: boolean;
}

interface PreviewRules {
  readonly includeAll: boolean;
  readonly include: readonly FieldRule[];
  readonly exclude: readonly FieldRule[];
  readonly mask: readonly FieldRule[];
  readonly maskString: string;
}

function compileFields(fields: readonly PreviewField[] | undefined): FieldRule[] {
  return (fields ?? []).map((field) => ({
    segments: field.name.split("."),
    anchored: (field.match ?? FieldMatchMode.ANYWHERE) === FieldMatchMode.PATH,
  }));
}

/** True when a rule's segments appear in `path`: at its start if anchored, else anywhere. */
function matchesAny(path: readonly string[], rules: readonly FieldRule[]): boolean {
  return rules.some((rule) => {
    const lastStart = rule.anchored ? 0 : path.length - rule.segments.length;
    for (let start = 0; start <= lastStart; start++) {
      if (rule.segments.every((segment, i) => path[start + i] === segment)) return true;
    }
    return false;
  });
}

/** Yields `[path, leaf]` for every field the preview shows, depth first in key order. */
function* visibleFields(
  node: object,
  path: readonly string[],
  rules: PreviewRules,
  ancestors: Set<object>,
): Generator<[readonly string[], unknown]> {
  ancestors.add(node);
  if (Array.isArray(node)) {
    for (const item of node as unknown[]) {
      const element = toJsonValue(item, "");
      if (isContainer(element) && !ancestors.has(element))
        yield* visibleFields(element, path, rules, ancestors);
    }
  } else {
    for (const [key, raw] of Object.entries(node)) {
      // A `__proto__` key would set the prototype of the preview object instead of a field.
      if (key === "__proto__") continue;
      const value = toJsonValue(raw, key);
      if (value === undefined) continue;
      const fieldPath = [...path, key];
      if (matchesAny(fieldPath, rules.exclude)) continue;
      if (matchesAny(fieldPath, rules.mask)) {
        yield [fieldPath, rules.maskString];
      } else if (isContainer(value)) {
        if (!ancestors.has(value)) yield* visibleFields(value, fieldPath, rules, ancestors);
      } else if (rules.includeAll || matchesAny(fieldPath, rules.include)) {
        yield [fieldPath, value];
      }
    }
  }
  ancestors.delete(node);
}

/** What `JSON.stringify` would write for `value`; `undefined` for values it leaves out. */
function toJsonValue(value: unknown, key: string): unknown {
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  if (typeof value === "object" && value !== null) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return toJsonValue(toJSON.call(value, key), key);
  }
  return value;
}

/** An object or an array holding objects: descended into rather than shown as one leaf. */
function isContainer(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (!Array.isArray(value)) return true;
  return (value as unknown[]).some((item) => {
    const element = toJsonValue(item, "");
    return typeof element === "object" && element !== null;
  });
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "null", "utf8");
}

/** A nested object built from dotted fields that knows its exact JSON size as it grows. */
class SizedTree {
  readonly root: Record<string, unknown> = {};
  #bytes = 2; // "{}"
  readonly #maxBytes: number;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get isEmpty(): boolean {
    return !hasKeys(this.root);
  }

  /** Sets `path` to `leaf` unless that would exceed the size limit (then returns false). */
  tryAdd(path: readonly string[], leaf: unknown): boolean {
    const bytes = this.#bytes + this.#growth(path, leaf);
    if (bytes > this.#maxBytes) return false;
    this.#bytes = bytes;
    let node = this.root;
    for (const [i, key] of path.entries()) {
      if (i === path.length - 1) {
        node[key] = leaf;
      } else {
        const child = node[key];
        if (isBranch(child)) {
          node = child;
        } else {
          const branch: Record<string, unknown> = {};
          node[key] = branch;
          node = branch;
        }
      }
    }
    return true;
  }

  /** Bytes the JSON of the tree gains (or loses) when `path` is set to `leaf`. */
  #growth(path: readonly string[], leaf: unknown): number {
    let node = this.root;
    for (const [i, key] of path.entries()) {
      const last = i === path.length - 1;
      if (!Object.hasOwn(node, key)) {
        // `,"key":` then the new branch (or leaf) holding the rest of the path.
        const separator = hasKeys(node) ? 1 : 0;
        return separator + jsonBytes(key) + 1 + newBranchBytes(path.slice(i + 1), leaf);
      }
      const existing = node[key];
      if (last) return jsonBytes(leaf) - jsonBytes(existing);
      if (!isBranch(existing)) {
        // A leaf from an earlier array element gives way to a branch.
        return newBranchBytes(path.slice(i + 1), leaf) - jsonBytes(existing);
      }
      node = existing;
    }
    return 0;
  }
}

/** JSON size of `{"a":{"b":leaf}}` for rest `["a","b"]`, or of `leaf` itself for `[]`. */
function newBranchBytes(rest: readonly string[], leaf: unknown): number {
  let bytes = jsonBytes(leaf);
  for (const key of rest) bytes += jsonBytes(key) + 1 + 2; // "key": plus the braces
  return bytes;
}

function isBranch(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasKeys(node: object): boolean {
  return Object.keys(node).length > 0;
}
