// The bot's public entry, for packages that run it (local mode, the benchmarks).
export { type Bot, type BotOptions, createBot, type RunningBot } from "./app.js";
export { ACTION_IDS, BLOCK_IDS, LINE_ACTION_IDS } from "./invoice-form/ids.js";
export { createLogger, type Logger, type LogLevel } from "./logger.js";
export { type InvoiceStore, openSqliteStore, type SqliteStoreOptions } from "./store/index.js";
