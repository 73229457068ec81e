import type { WebClientOptions } from "@slack/web-api";
import type { Logger } from "pino";
import type { LocaleChoice } from "../i18n/index.js";
import { WebClient } from "../slack-web-api.js";
import { onFirstCall } from "./on-first-call.js";
import { createOrderMessages } from "./order-messages.js";
import type { OutcomeModal } from "./outcome-modal.js";

/** The Slack services that act outside Slack requests (callbacks, background work), for one workspace. */
export function workspaceServices(slack: WebClient, logger: Logger, locales: LocaleChoice) {
  const messages = createOrderMessages({ slack, logger, locales });
  // The outcome modal (with the invoice form's views) loads with the first submission's outcome.
  const outcomes = onFirstCall<OutcomeModal>({ show: true }, async () =>
    (await import("./outcome-modal.js")).createOutcomeModal({ slack, messages, logger, locales }),
  );
  return { messages, outcomes };
}

export type WorkspaceServices = ReturnType<typeof workspaceServices>;

/** A service whose every method names the team it is about in its first argument (an order…). */
type TeamAddressed<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<unknown>
    ? A[0] extends { teamId: string }
      ? T[K]
      : never
    : never;
};

/**
 * Calls each method of the service built for the team its first argument names, so each order's
 * messages go out with its own workspace's bot token.
 */
function routedByTeam<T extends TeamAddressed<T>>(serviceFor: (teamId: string) => Promise<T>, methods: T): T {
  return Object.fromEntries(
    Object.keys(methods).map((name) => [
      name,
      async (team: { teamId: string }, ...rest: unknown[]) => {
        const service = (await serviceFor(team.teamId)) as Record<string, (...args: unknown[]) => unknown>;
        return service[name]?.(team, ...rest);
      },
    ]),
  ) as T;
}

/**
 * The same services for many workspaces (OAuth): each call finds its team's bot token first; a
 * team without an installation gets `WorkspaceNotInstalledError` and nothing is sent.
 */
export function teamServices(
  botToken: (teamId: string) => Promise<string>,
  clientOptions: WebClientOptions,
  logger: Logger,
  locales: LocaleChoice,
): WorkspaceServices {
  // One client (and its services) per token: a reinstall with a new token gets a new one.
  const byToken = new Map<string, WorkspaceServices>();
  const servicesFor = async (teamId: string) => {
    const token = await botToken(teamId);
    let services = byToken.get(token);
    if (!services) {
      services = workspaceServices(new WebClient(token, clientOptions), logger, locales);
      byToken.set(token, services);
    }
    return services;
  };
  // The method names, from services that are never called.
  const shape = workspaceServices(new WebClient(undefined, clientOptions), logger, locales);
  return {
    messages: routedByTeam(async (teamId) => (await servicesFor(teamId)).messages, shape.messages),
    outcomes: routedByTeam(async (teamId) => (await servicesFor(teamId)).outcomes, shape.outcomes),
  };
}
