/**
 * LISTEN on one dedicated pooled connection, shared by every subscription of a store. When that
 * connection is lost it reconnects with backoff and LISTENs again; notifications sent meanwhile
 * are lost, so each subscriber is told whenever its LISTEN (re)starts and can re-check state.
 */
// Imported rather than global: fake timers (vi.useFakeTimers) must not stall reconnection.
import { clearTimeout, setTimeout } from "node:timers";
import type { PgNotification, PgPool, PgPoolClient } from "./pg-driver.ts";
import { invalidArgument } from "../internal/store-errors.ts";
import { quoteIdentifier } from "./postgres-schema.ts";

/** What a subscription is told. */
export interface NotificationSubscriber {
  /** A NOTIFY on the channel, with its payload ("" when none). */
  onNotify(payload: string): void;
  /** The LISTEN took effect (first time, or again after a lost connection): re-check state. */
  onActive(): void;
}

/** A registered subscription. */
export interface Subscription {
  /** Settles when the LISTEN first takes effect, or with the error of the first attempt. */
  ready: Promise<void>;
  /** Ends the subscription (UNLISTEN when it was the channel's last). */
  stop(): Promise<void>;
}

/** Refuses a channel name PostgreSQL would truncate or reject (identifiers are at most 63 bytes). */
export function checkChannel(channel: string): void {
  if (typeof channel !== "string" || channel === "" || Buffer.byteLength(channel) > 63) {
    throw invalidArgument(
      `A channel name must be 1..63 bytes long, got "${String(channel).slice(0, 80)}"`,
    );
  }
}

const firstRetryMs = 100;
const maxRetryMs = 5000;

/** The LISTEN connection of one store. */
export class NotificationListener {
  readonly #pool: PgPool;
  readonly #onError: (error: unknown) => void;
  readonly #translate: (error: unknown, action: string) => unknown;
  readonly #channels = new Map<string, Set<NotificationSubscriber>>();
  #client: PgPoolClient | undefined;
  #connecting: Promise<PgPoolClient> | undefined;
  #retryMs = firstRetryMs;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  /**
   * @param onError told of connection failures while (re)connecting in the background.
   * @param translate turns a driver error into the error callers see.
   */
  constructor(
    pool: PgPool,
    onError: (error: unknown) => void,
    translate: (error: unknown, action: string) => unknown,
  ) {
    this.#pool = pool;
    this.#onError = onError;
    this.#translate = translate;
  }

  /** Registers `subscriber` on `channel`; it stays registered (and reconnects) until `stop`. */
  listen(channel: string, subscriber: NotificationSubscriber): Subscription {
    const subscribers = this.#channels.get(channel) ?? new Set();
    subscribers.add(subscriber);
    this.#channels.set(channel, subscribers);
    const ready = this.#activate(channel, subscriber);
    // Observed here so a caller that ignores `ready` does not get an unhandled rejection.
    ready.catch(() => undefined);
    return { ready, stop: () => this.#stop(channel, subscriber) };
  }

  /**
   * Subscribes `listener` to `channel` whose payloads are instants: called with the instant of
   * each NOTIFY, and without one whenever the LISTEN (re)starts. Retries in the background.
   */
  subscribeInstants(channel: string, listener: (at: number | undefined) => void): () => void {
    const subscription = this.listen(channel, {
      onNotify: (payload) => {
        const at = Number(payload);
        listener(payload !== "" && Number.isFinite(at) ? at : undefined);
      },
      onActive: () => listener(undefined),
    });
    return () => void subscription.stop();
  }

  /** LISTENs on `channel` now: resolves once in effect; on failure nothing stays registered. */
  async listenNow(
    channel: string,
    onNotify: (payload: string) => void,
  ): Promise<() => Promise<void>> {
    checkChannel(channel);
    const subscription = this.listen(channel, { onNotify, onActive: () => undefined });
    try {
      await subscription.ready;
    } catch (error) {
      await subscription.stop();
      throw this.#translate(error, `LISTEN ${channel}`);
    }
    return () => subscription.stop();
  }

  /** Ends every subscription and gives the connection back (destroyed: it holds LISTENs). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    this.#channels.clear();
    const client = this.#client ?? (await this.#connecting?.catch(() => undefined));
    this.#client = undefined;
    client?.release(true);
  }

  async #activate(channel: string, subscriber: NotificationSubscriber): Promise<void> {
    try {
      const client = await this.#connect();
      // Sent even when the channel is already listened to: LISTEN is idempotent, and once it
      // returns the subscriber cannot miss a NOTIFY that another subscriber's pending LISTEN would.
      await client.query({ text: `LISTEN ${quoteIdentifier(channel)}` });
    } catch (error) {
      this.#lost(error);
      throw error;
    }
    subscriber.onActive();
  }

  #connect(): Promise<PgPoolClient> {
    if (this.#client !== undefined) return Promise.resolve(this.#client);
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #open(): Promise<PgPoolClient> {
    const client = await this.#pool.connect();
    if (this.#closed) {
      client.release(true);
      throw new Error("the store was closed while connecting for LISTEN");
    }
    const onNotification = (message: PgNotification): void => {
      for (const subscriber of this.#channels.get(message.channel) ?? []) {
        subscriber.onNotify(message.payload ?? "");
      }
    };
    const onError = (error: Error): void => {
      if (this.#client !== client) return;
      this.#client = undefined;
      client.removeListener("notification", onNotification);
      client.release(error);
      this.#lost(error);
    };
    client.on("notification", onNotification);
    client.on("error", onError);
    this.#client = client;
    this.#retryMs = firstRetryMs;
    return client;
  }

  // Schedules a reconnection that LISTENs on every channel again, then tells their subscribers.
  #lost(error: unknown): void {
    if (this.#closed) return;
    this.#onError(error);
    if (this.#retry !== undefined || this.#channels.size === 0) return;
    const delay = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, maxRetryMs);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.#resume();
    }, delay);
    this.#retry.unref();
  }

  async #resume(): Promise<void> {
    try {
      const client = await this.#connect();
      const channels = [...this.#channels.keys()];
      for (const channel of channels)
        await client.query({ text: `LISTEN ${quoteIdentifier(channel)}` });
      for (const channel of channels)
        for (const s of this.#channels.get(channel) ?? []) s.onActive();
    } catch (error) {
      this.#lost(error);
    }
  }

  async #stop(channel: string, subscriber: NotificationSubscriber): Promise<void> {
    const subscribers = this.#channels.get(channel);
    if (subscribers?.delete(subscriber) !== true || subscribers.size > 0) return;
    this.#channels.delete(channel);
    const client = this.#client;
    if (client === undefined) return;
    if (this.#channels.size === 0) {
      // Nothing left to listen to: give the slot back to the pool (destroyed, so no LISTEN lingers).
      this.#client = undefined;
      client.release(true);
      return;
    }
    await client.query({ text: `UNLISTEN ${quoteIdentifier(channel)}` }).catch((error: unknown) => {
      this.#onError(error);
    });
  }
}
