/**
 * Ctrl-C during `durably run`: stop cleanly (release the lease, so the next run resumes at once)
 * on the first signal, and give up at once on the second, for a user who does not want to wait.
 */
import { ExitCode } from "../exit-codes.ts";

/** A pending interruption. */
export interface Interruption {
  /** Resolves with "interrupted" once `onSignal` has finished. */
  promise: Promise<"interrupted">;
  /** Removes the signal handlers. */
  dispose(): void;
}

/** Runs `onSignal` at the first SIGINT/SIGTERM, then resolves; a second signal exits with 130. */
export function onInterrupt(onSignal: () => Promise<void>): Interruption {
  let resolve: (value: "interrupted") => void = () => undefined;
  const promise = new Promise<"interrupted">((done) => (resolve = done));
  let count = 0;
  const handler = (): void => {
    count++;
    if (count > 1) process.exit(ExitCode.INTERRUPTED);
    onSignal().then(
      () => resolve("interrupted"),
      () => resolve("interrupted"),
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    promise,
    dispose() {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}
