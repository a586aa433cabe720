/**
 * User onboarding: create the account, wait up to 48 hours for the email address to be verified,
 * set up the profile (three independent tasks, in parallel), then send the welcome email.
 *
 * The verification link the user clicks completes a callback. Until then the function is
 * suspended: no process, no polling. If the link is never clicked, the callback times out after
 * 48 hours and the account is parked instead. The set-up tasks run as branches of `parallel`,
 * each in its own child context, so a crash in one branch re-runs only what that branch had not
 * recorded yet.
 *
 * Run it (the run waits for the verification callback; `durably executions history` shows its id):
 *   durably run examples/user-onboarding/user-onboarding.ts --input '{"email":"lin@example.com","displayName":"Lin","plan":"team"}'
 */
import { CallbackTimeoutError, withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";

/** The sign-up form. */
export interface SignUp {
  email: string;
  displayName: string;
  plan: "free" | "team";
}

/** What the set-up branches produce, merged. */
export interface AccountSetup {
  profileId: string;
  settings: { theme: string; weeklyDigest: boolean };
  workspaceId: string;
}

/** How onboarding ended. */
export type OnboardingOutcome =
  | ({ userId: string; status: "ACTIVE"; verifiedVia: string } & AccountSetup)
  | { userId: string; status: "UNVERIFIED" };

// Stand-ins for the user store, the mailer and the workspace service.
const users = {
  create: async (signUp: SignUp) => ({ userId: `usr-${signUp.email.split("@")[0] ?? "x"}` }),
  park: async (userId: string) => ({ userId, parked: true }),
};
const mailer = {
  send: async (to: string, template: string, data: Record<string, string> = {}) => ({
    to,
    template,
    data,
  }),
};

/** Onboards one user. */
export const handler = withDurableExecution(
  async (signUp: SignUp, context: DurableContext): Promise<OnboardingOutcome> => {
    // Recorded once: a replay must not create a second account.
    const { userId } = await context.step("create-account", () => users.create(signUp));

    let verifiedVia: string;
    try {
      // The submitter emails the link, which carries the callback id; the callback result is
      // whatever the verification endpoint sends (here: how the user verified).
      verifiedVia = await context.waitForCallback(
        "verify-email",
        async (callbackId) => {
          await mailer.send(signUp.email, "verify-email", { callbackId });
        },
        { timeout: { hours: 48 } },
      );
    } catch (error) {
      if (!(error instanceof CallbackTimeoutError)) throw error;
      // Never verified: keep the address reserved but the account inactive.
      await context.step("park-unverified-account", () => users.park(userId));
      return { userId, status: "UNVERIFIED" };
    }

    // Three independent set-up tasks. Each branch returns its part of the set-up; failures do not
    // throw from parallel, so throwIfError() decides that onboarding cannot go on without them.
    const setup = await context.parallel<Partial<AccountSetup>>("set-up-account", [
      {
        name: "create-profile",
        func: async (branch) =>
          branch.step("save-profile", async () => ({ profileId: `prf-${userId}` })),
      },
      {
        name: "apply-default-settings",
        func: async (branch) =>
          branch.step("save-settings", async () => ({
            settings: { theme: "system", weeklyDigest: signUp.plan === "team" },
          })),
      },
      {
        name: "provision-workspace",
        func: async (branch) =>
          branch.step("create-workspace", async () => ({
            workspaceId: `ws-${userId}-${signUp.plan}`,
          })),
      },
    ]);
    setup.throwIfError();
    const account = Object.assign({}, ...setup.getResults()) as AccountSetup;

    // Sent once, after everything else is recorded.
    await context.step("send-welcome-email", () =>
      mailer.send(signUp.email, "welcome", {
        name: signUp.displayName,
        workspace: account.workspaceId,
      }),
    );
    return { userId, status: "ACTIVE", verifiedVia, ...account };
  },
);
