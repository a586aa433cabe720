/**
 * A dashboard that fetches the user, their recent orders and the stock of what they buy, from
 * three services at once, with `parallel`.
 *
 * Each branch runs in its own child context, and its fetch is a durable step: when one service is
 * slow and the process restarts, the branches that already answered are not fetched again. A
 * failing panel does not fail the dashboard: `parallel` never throws for a branch, and with
 * `toleratedFailureCount` the other branches still finish, so the dashboard shows what it has and
 * marks the rest unavailable.
 *
 * Run it:
 *   durably run examples/dashboard/dashboard.ts --input '{"userId":"usr-42"}'
 *   durably run examples/dashboard/dashboard.ts --input '{"userId":"usr-42","inventoryDown":true}'
 */
import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";

/** Whose dashboard to build. `inventoryDown` simulates an outage of the inventory service. */
export interface DashboardRequest {
  userId: string;
  inventoryDown?: boolean;
}

/** The user panel. */
export interface UserPanel {
  userId: string;
  name: string;
  memberSince: string;
}

/** One recent order. */
export interface RecentOrder {
  orderId: string;
  sku: string;
  totalCents: number;
}

/** Stock of one product the user buys. */
export interface StockLevel {
  sku: string;
  available: number;
}

/** The assembled dashboard. */
export interface Dashboard {
  user?: UserPanel;
  recentOrders?: RecentOrder[];
  stock?: StockLevel[];
  /** Panels whose service failed, with the reason. */
  unavailable: { panel: string; reason: string }[];
}

// Stand-ins for the three services.
const userService = {
  get: async (userId: string): Promise<UserPanel> => ({
    userId,
    name: "Grace Hopper",
    memberSince: "2021-03-14",
  }),
};
const orderService = {
  recent: async (userId: string): Promise<RecentOrder[]> => [
    { orderId: `${userId}-o3`, sku: "notebook", totalCents: 1_299 },
    { orderId: `${userId}-o2`, sku: "pen-blue", totalCents: 349 },
  ],
};
const inventoryService = {
  levels: async (skus: string[], down: boolean): Promise<StockLevel[]> => {
    if (down) throw new Error("inventory service unavailable (503)");
    return skus.map((sku) => ({ sku, available: sku === "notebook" ? 12 : 0 }));
  },
};

/** A transient outage is retried twice, a second apart, before the panel gives up. */
const quickRetry = (_error: Error, attempt: number) =>
  attempt < 3 ? { shouldRetry: true, delay: { seconds: 1 } } : { shouldRetry: false };

/** Builds one user's dashboard from three services in parallel. */
export const handler = withDurableExecution(
  async (request: DashboardRequest, context: DurableContext): Promise<Dashboard> => {
    const panels = await context.parallel<Partial<Dashboard>>(
      "load-panels",
      [
        {
          name: "user",
          func: async (branch) => ({
            user: await branch.step("fetch-user", () => userService.get(request.userId)),
          }),
        },
        {
          name: "recent-orders",
          func: async (branch) => ({
            recentOrders: await branch.step("fetch-orders", () =>
              orderService.recent(request.userId),
            ),
          }),
        },
        {
          name: "stock",
          func: async (branch) => ({
            stock: await branch.step(
              "fetch-stock",
              () =>
                inventoryService.levels(["notebook", "pen-blue"], request.inventoryDown === true),
              { retryStrategy: quickRetry },
            ),
          }),
        },
      ],
      // Let every panel finish even if one fails; by default parallel stops at the first failure.
      { completionConfig: { toleratedFailureCount: 3 } },
    );

    const dashboard: Dashboard = { unavailable: [] };
    for (const panel of panels.getResults()) Object.assign(dashboard, panel);
    const names = ["user", "recent-orders", "stock"];
    for (const failed of panels.failed()) {
      dashboard.unavailable.push({
        panel: names[failed.index] ?? `panel-${failed.index}`,
        reason: failed.error.message,
      });
    }
    return dashboard;
  },
);
