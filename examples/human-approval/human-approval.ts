/**
 * A purchase that needs a manager's approval: the function asks, then waits up to 24 hours for
 * the answer.
 *
 * `waitForCallback` creates a callback (the engine gives it an id), hands the id to a submitter
 * step that notifies the approver (an email with approve/reject links carrying the id), and
 * suspends. No process runs while the manager thinks it over; when the answer arrives through the
 * callback API, the engine replays the function, the recorded steps return their results, and
 * the code continues after `waitForCallback` with the answer. If nobody answers within 24 hours,
 * the callback times out and the function takes the expiry path instead.
 *
 * Run it (the run waits for the callback; `durably executions history` shows its id):
 *   durably run examples/human-approval/human-approval.ts --input '{"requestId":"pr-7","requester":"sam@example.com","approver":"kim@example.com","item":"standing desk","amountCents":64900}'
 */
import { CallbackTimeoutError, withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";

/** What someone wants to buy. */
export interface PurchaseRequest {
  requestId: string;
  requester: string;
  approver: string;
  item: string;
  amountCents: number;
}

/** The answer the approver sends through the callback, as JSON. */
export interface ApprovalDecision {
  approved: boolean;
  comment?: string;
}

/** How the request ended. */
export type ApprovalOutcome =
  | { requestId: string; status: "APPROVED"; purchaseOrderId: string; comment?: string }
  | { requestId: string; status: "REJECTED"; comment?: string }
  | { requestId: string; status: "EXPIRED" };

// A stand-in for email: a real submitter would send a message whose links complete the callback,
// e.g. POST /callbacks/<id>/succeed with {"approved":true}.
async function sendApprovalEmail(request: PurchaseRequest, callbackId: string) {
  return {
    to: request.approver,
    subject: `Approve ${request.item} (${(request.amountCents / 100).toFixed(2)}) for ${request.requester}?`,
    callbackId,
  };
}

async function sendEmail(to: string, subject: string) {
  return { to, subject };
}

/** Asks for approval, waits up to a day for it, then orders, or tells the requester why not. */
export const handler = withDurableExecution(
  async (request: PurchaseRequest, context: DurableContext): Promise<ApprovalOutcome> => {
    let decision: ApprovalDecision;
    try {
      // The callback and the email are both recorded: a replay neither creates a second callback
      // nor emails the approver again.
      decision = await context.waitForCallback<ApprovalDecision>(
        "manager-approval",
        async (callbackId) => {
          await sendApprovalEmail(request, callbackId);
        },
        {
          timeout: { hours: 24 },
          // The callback carries a JSON string; parse it into the decision.
          serdes: {
            deserialize: async (data) =>
              data === undefined ? undefined : (JSON.parse(data) as ApprovalDecision),
          },
        },
      );
    } catch (error) {
      if (!(error instanceof CallbackTimeoutError)) throw error;
      // Nobody answered within 24 hours.
      await context.step("notify-expiry", () =>
        sendEmail(request.requester, `Request ${request.requestId} expired without an answer`),
      );
      return { requestId: request.requestId, status: "EXPIRED" };
    }

    const comment = decision.comment === undefined ? {} : { comment: decision.comment };
    if (!decision.approved) {
      await context.step("notify-rejection", () =>
        sendEmail(request.requester, `Request ${request.requestId} was rejected`),
      );
      return { requestId: request.requestId, status: "REJECTED", ...comment };
    }

    // Ordering happens once, after approval, however many times the function is replayed.
    const order = await context.step("place-purchase-order", async () => ({
      purchaseOrderId: `po-${request.requestId}`,
    }));
    await context.step("notify-approval", () =>
      sendEmail(
        request.requester,
        `Request ${request.requestId} approved: ${order.purchaseOrderId}`,
      ),
    );
    return {
      requestId: request.requestId,
      status: "APPROVED",
      purchaseOrderId: order.purchaseOrderId,
      ...comment,
    };
  },
);
