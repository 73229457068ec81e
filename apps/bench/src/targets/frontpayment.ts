// A Front Payment stand-in of its own, so the client row measures the client's process alone.
import { startFrontPaymentSandbox } from "@fakturabot/sandbox";
import { runTarget } from "./protocol.js";

export interface FrontPaymentConfig {
  token: string;
  callbackSecret: string;
}

runTarget<FrontPaymentConfig>(async (config) => {
  const sandbox = await startFrontPaymentSandbox({
    tokens: [config.token],
    callbackSecret: config.callbackSecret,
    callbackRetry: { attempts: 1, delaysMs: [] },
  });
  return { url: sandbox.url, stop: () => sandbox.close() };
});
