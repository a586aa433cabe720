/**
 * PostgreSQL `text` cannot hold the NUL character, which the port allows in any string (an
 * execution name, an input). Strings go into text columns through a per-character escape: NUL
 * becomes U+0001 "0" and U+0001 itself becomes U+0001 "1"; every other string is stored as is,
 * so rows stay readable in psql. The escape keeps byte order and prefixes, so ORDER BY and the
 * name-prefix filter give the same answers on escaped text as on the original.
 */

const nul = "\u0000";
const escape = "\u0001";

/** The text stored for `value`. */
export function toPgText(value: string): string {
  if (!value.includes(nul) && !value.includes(escape)) return value;
  // The escape character first, so the escapes inserted for NUL are not escaped again.
  return value.replaceAll(escape, `${escape}1`).replaceAll(nul, `${escape}0`);
}

/** {@link toPgText} for an optional value: null stays null. */
export function toPgTextOrNull(value: string | null | undefined): string | null {
  return value == null ? null : toPgText(value);
}

/** The string {@link toPgText} stored. */
export function fromPgText(text: string): string {
  if (!text.includes(escape)) return text;
  const [head, ...escaped] = text.split(escape);
  // Every piece after an escape character starts with the digit saying which character it was.
  return escaped.reduce(
    (out, piece) => out + (piece.startsWith("0") ? nul : escape) + piece.slice(1),
    head ?? "",
  );
}
