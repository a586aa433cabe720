/** Options of the file-system serdes and previews (spec/sdk-api.md §11.4). */

/** When the file-system serdes writes a file. */
export const FileSystemSerdesMode = {
  /** Every value goes to a file (default). */
  ALWAYS: "ALWAYS",
  /** Values stay inline unless too large. */
  OVERFLOW: "OVERFLOW",
} as const;
/** One of {@link FileSystemSerdesMode}'s values. */
export type FileSystemSerdesMode = (typeof FileSystemSerdesMode)[keyof typeof FileSystemSerdesMode];

/** How the execution ARN becomes a directory. */
export const FileSystemPathEncoding = {
  URI: "URI",
  HASH: "HASH",
} as const;
/** One of {@link FileSystemPathEncoding}'s values. */
export type FileSystemPathEncoding =
  (typeof FileSystemPathEncoding)[keyof typeof FileSystemPathEncoding];

/** How preview field patterns match. */
export const FieldMatchMode = {
  ANYWHERE: "ANYWHERE",
  PATH: "PATH",
} as const;
/** One of {@link FieldMatchMode}'s values. */
export type FieldMatchMode = (typeof FieldMatchMode)[keyof typeof FieldMatchMode];

/** Whether a preview starts from all fields or none. */
export const PreviewMode = {
  INCLUDE_ALL: "INCLUDE_ALL",
  EXCLUDE_ALL: "EXCLUDE_ALL",
} as const;
/** One of {@link PreviewMode}'s values. */
export type PreviewMode = (typeof PreviewMode)[keyof typeof PreviewMode];

/** Options of `createFileSystemSerdes`. */
export interface FileSystemSerdesConfig {
  /** When values go to a file; default {@link FileSystemSerdesMode.ALWAYS}. */
  storageMode?: FileSystemSerdesMode | undefined;
  /** How the ARN and operation id become directory and file names; default {@link FileSystemPathEncoding.URI}. */
  pathEncoding?: FileSystemPathEncoding | undefined;
  /**
   * Builds a small object stored beside the file pointer, so the value can be glanced at
   * without reading the file (for example with `buildPreview`). Returning `undefined` stores none.
   */
  generatePreview?: ((value: unknown) => Record<string, unknown> | undefined) | undefined;
}

/** Selects fields of a preview: a field name, or a dotted path of names. */
export interface PreviewField {
  /** A field name (`"email"`) or dotted path (`"user.email"`). */
  name: string;
  /** Where the name may match; default {@link FieldMatchMode.ANYWHERE}. */
  match?: FieldMatchMode | undefined;
}

/** Options of `buildPreview`. */
export interface PreviewConfig {
  /** Start from every field or from none. */
  mode: PreviewMode;
  /** Fields shown (with `EXCLUDE_ALL`); a matched object brings all the fields below it. */
  include?: PreviewField[] | undefined;
  /** Fields never shown, whatever the other lists say. */
  exclude?: PreviewField[] | undefined;
  /** Fields shown with their value replaced by `maskString`, unless excluded. */
  mask?: PreviewField[] | undefined;
  /** Replacement of masked values; default `"***"`. */
  maskString?: string | undefined;
  /** Upper bound of the preview's JSON size in UTF-8 bytes; default 4096. */
  maxPreviewBytes?: number | undefined;
}
