import { describe, expect, it } from "vitest";
import { operationKind, operationLabel } from "./operation-label.ts";

describe("operationLabel", () => {
  it("prefers the user's name", () => {
    expect(operationLabel({ Name: "charge", Type: "STEP", SubType: "Step" })).toBe("charge");
  });
  it("names unnamed operations by what the SDK made them for", () => {
    expect(operationLabel({ Type: "CALLBACK", SubType: "Callback" })).toBe("callback");
    expect(operationLabel({ Name: "", Type: "CONTEXT", SubType: "MapIteration" })).toBe("map item");
    expect(operationLabel({ Type: "CONTEXT", SubType: "my-custom" })).toBe("my-custom");
    expect(operationLabel({ Type: "CHAINED_INVOKE" })).toBe("chained invoke");
  });
  it("gives the kind separately", () => {
    expect(operationKind({ Type: "CONTEXT", SubType: "WaitForCallback" })).toBe("waitForCallback");
  });
});
