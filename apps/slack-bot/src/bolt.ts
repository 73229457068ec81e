import { createRequire } from "node:module";
import type * as Bolt from "@slack/bolt";

/*
 * The parts of Bolt the bot uses, required from their own modules. Bolt's index loads every
 * receiver (Express with its middleware, AWS Lambda) and all it re-exports: some 120 modules the bot
 * never runs, about a third of Bolt's load time (100 ms of CPU) at every start. Bolt has no exports
 * map, so these files are reachable as they are; required, not imported, so that Node does not
 * parse their CommonJS sources for export names first. Types still come from the package.
 */
const require = createRequire(import.meta.url);
const app: typeof import("@slack/bolt/dist/App.js") = require("@slack/bolt/dist/App.js");
// Bolt's own copy of @slack/web-api, the one its App builds clients with.
const fromBolt = createRequire(require.resolve("@slack/bolt/dist/App.js"));

export const App: typeof Bolt.App = app.default;
export const LogLevel: typeof Bolt.LogLevel = app.LogLevel;
export const HTTPReceiver: typeof Bolt.HTTPReceiver =
  require("@slack/bolt/dist/receivers/HTTPReceiver.js").default;
export const SocketModeReceiver: typeof Bolt.SocketModeReceiver =
  require("@slack/bolt/dist/receivers/SocketModeReceiver.js").default;
export const HTTPModuleFunctions: typeof Bolt.HTTPModuleFunctions = require("@slack/bolt/dist/receivers/HTTPModuleFunctions.js");
export const webApi: typeof Bolt.webApi = fromBolt("@slack/web-api");

export type App = Bolt.App;
export type LogLevel = Bolt.LogLevel;
export type HTTPReceiver = Bolt.HTTPReceiver;
export type SocketModeReceiver = Bolt.SocketModeReceiver;
