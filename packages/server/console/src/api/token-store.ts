/**
 * Where the console keeps the API token: sessionStorage, so it is gone when the tab closes and is
 * never sent anywhere but in the Authorization header of API calls.
 */

const key = "durably.apiToken";

/** Reads and writes the token of this tab. */
export interface TokenStore {
  get(): string | undefined;
  set(token: string): void;
  clear(): void;
}

/** The token store over `storage` (sessionStorage in the browser). */
export function createTokenStore(storage: Storage | undefined): TokenStore {
  let memory: string | undefined;
  return {
    get: () => {
      try {
        return storage?.getItem(key) ?? memory;
      } catch {
        return memory;
      }
    },
    set: (token) => {
      memory = token;
      try {
        storage?.setItem(key, token);
      } catch {
        // Storage can be disabled (privacy mode); the token then lives only in memory.
      }
    },
    clear: () => {
      memory = undefined;
      try {
        storage?.removeItem(key);
      } catch {
        // As above.
      }
    },
  };
}
