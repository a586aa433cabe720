/** The version of the official SDK whose API and behaviour this SDK reproduces (internal in the official SDK). */
export const SDK_VERSION: string = "2.4.0";
