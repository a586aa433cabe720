/** How durable values become the strings stored in checkpoints (spec/sdk-api.md §11). */

/** What a serdes is told about the value it handles. */
export interface SerdesContext {
  /** The operation's positional (unhashed) id. */
  entityId: string;
  durableExecutionArn: string;
}

/** Serialises values to stored strings and back. */
export interface Serdes<T> {
  serialize(value: T | undefined, context: SerdesContext): Promise<string | undefined>;
  deserialize(data: string | undefined, context: SerdesContext): Promise<T | undefined>;
}

/** A serdes of any value type. */
export type AnySerdes = Serdes<any>;
/** The deserialising half of a serdes of any value type. */
export type AnySerdesDeserializer = Pick<AnySerdes, "deserialize">;

/** Context-wide serdes defaults set by `context.configureSerdes`. */
export interface SerdesConfig {
  defaultSerdes?: AnySerdes | undefined;
  defaultCallbackDeserializer?: AnySerdesDeserializer | undefined;
}
