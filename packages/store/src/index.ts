/** The storage port of the Durably engine and its error types. Adapters live at ./memory, ./sqlite and ./postgres. */
export type * from "./port/records.ts";
export type * from "./port/store.ts";
export { DurablyError, StoreError, hasErrorCode } from "./errors/store-error.ts";
export type { DurablyErrorCode } from "./errors/store-error.ts";
