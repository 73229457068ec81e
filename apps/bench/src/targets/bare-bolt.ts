// The baseline for Slack requests: a bare Bolt app that opens the same modal and, on submit,
// makes the same Front Payment request and channel message, with nothing of the bot's own work.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { runTarget } from "./protocol.js";

export interface BareBoltConfig {
  slackApiUrl: string;
  signingSecret: string;
  /** The view Fakturabot sent to `views.open` for `/invoice`. */
  view: object;
  /** What Fakturabot sent for a submitted order: its Front Payment request and channel message. */
  submit?: { frontPaymentUrl: string; frontPaymentToken: string; order: object; message: object };
}

runTarget<BareBoltConfig>(async (config) => {
  const receiver = new HTTPReceiver({ signingSecret: config.signingSecret, logLevel: LogLevel.ERROR });
  const app = new App({
    token: "xoxb-sandbox",
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: config.slackApiUrl },
  });
  app.command("/invoice", async ({ ack, client, body }) => {
    await ack();
    // biome-ignore lint/suspicious/noExplicitAny: the captured view is replayed as it was sent
    await client.views.open({ trigger_id: body.trigger_id, view: config.view as any });
  });
  app.action(/.*/, async ({ ack }) => {
    await ack();
  });
  const { submit } = config;
  app.view(/.*/, async ({ ack, client }) => {
    await ack({ response_action: "clear" });
    if (!submit) return;
    const answer = await fetch(`${submit.frontPaymentUrl}/api/v1/connect/orders/invoice/submit`, {
      method: "POST",
      headers: { authorization: `Bearer ${submit.frontPaymentToken}`, "content-type": "application/json" },
      body: JSON.stringify(submit.order),
    });
    await answer.text();
    // biome-ignore lint/suspicious/noExplicitAny: the captured message is replayed as it was sent
    await client.chat.postMessage(submit.message as any);
  });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      await app.stop();
    },
  };
});
