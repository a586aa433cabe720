/** The wire protocol between SDK and service; engine and store import only this part of the SDK. */
export * from "./wire.ts";
export * from "./history.ts";
export { DurableExecutionInvocationInputWithClient } from "./durable-execution-invocation-input-with-client.ts";
