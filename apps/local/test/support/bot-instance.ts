// One bot process of the multi-instance test: the production start (the environment → config →
// bot, DATABASE_URL selecting PostgreSQL), with its instance id and how soon a crashed instance's
// leases and outbox claims are taken over, as JSON in argv[2].
import { runUntilSignal, startConfiguredBot } from "@fakturabot/slack-bot";

const { instanceId, takeoverMs } = JSON.parse(process.argv[2] ?? "{}") as {
  instanceId: string;
  takeoverMs: number;
};
runUntilSignal(() =>
  startConfiguredBot(process.env, { instanceId, takeoverMs: { lease: takeoverMs, outboxClaim: takeoverMs } }),
);
