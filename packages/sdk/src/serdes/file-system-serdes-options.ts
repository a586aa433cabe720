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
