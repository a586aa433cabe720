/**
 * Loads data and keeps it live by polling while `isLive` says it can still change. The delay
 * grows with the time a load takes (a 10,000-operation execution is not re-read every second),
 * and polling pauses while the tab is hidden.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/api-error.ts";
import { useApi } from "./api-context.ts";

/** What a page renders from. */
export interface LiveData<T> {
  data: T | undefined;
  error: ApiError | undefined;
  isLoading: boolean;
  /** Loads again now. */
  refresh: () => void;
}

/** Options of {@link useLiveData}. */
export interface LiveDataOptions<T> {
  intervalMs: number;
  /** True while the data may change (e.g. the execution is RUNNING). */
  isLive: (data: T) => boolean;
  /** Stops polling (the data stays). */
  isPaused?: boolean;
  /** Keep showing the previous key's data while the new key loads (lists: no flicker on filter changes). */
  keepPrevious?: boolean;
}

/** Loads with `load` whenever `key` changes, then polls. */
export function useLiveData<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  options: LiveDataOptions<T>,
): LiveData<T> {
  const { onUnauthorized } = useApi();
  const [state, setState] = useState<{
    key: string;
    data: T | undefined;
    error: ApiError | undefined;
    isLoading: boolean;
  }>({
    key,
    data: undefined,
    error: undefined,
    isLoading: true,
  });
  const [generation, setGeneration] = useState(0);
  // The latest callbacks, read by the loop without restarting it on every render.
  const latest = useRef({ load, options, onUnauthorized });
  latest.current = { load, options, onUnauthorized };

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const run = async (): Promise<void> => {
      setState((previous) => ({ ...previous, key, isLoading: true }));
      const startedAt = performance.now();
      try {
        const data = await latest.current.load(controller.signal);
        if (controller.signal.aborted) return;
        setState({ key, data, error: undefined, isLoading: false });
        const { isLive, intervalMs, isPaused } = latest.current.options;
        if (isLive(data) && isPaused !== true)
          schedule(Math.max(intervalMs, (performance.now() - startedAt) * 3));
      } catch (error) {
        if (controller.signal.aborted) return;
        const apiError =
          error instanceof ApiError ? error : new ApiError(0, "CLIENT", String(error));
        if (apiError.isUnauthorized) latest.current.onUnauthorized();
        setState((previous) => ({ ...previous, key, error: apiError, isLoading: false }));
        // A server restart or a network blip should not end live updates for good.
        if (!apiError.isUnauthorized && latest.current.options.isPaused !== true)
          schedule(latest.current.options.intervalMs * 3);
      }
    };
    const schedule = (delayMs: number): void => {
      timer = window.setTimeout(() => {
        if (document.visibilityState === "hidden") {
          document.addEventListener("visibilitychange", () => void run(), {
            once: true,
            signal: controller.signal,
          });
        } else {
          void run();
        }
      }, delayMs);
    };
    void run();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [key, generation, options.isPaused]);

  const isCurrent = state.key === key;
  return {
    data: isCurrent || options.keepPrevious === true ? state.data : undefined,
    error: isCurrent ? state.error : undefined,
    isLoading: state.isLoading || !isCurrent,
    refresh: () => setGeneration((value) => value + 1),
  };
}
