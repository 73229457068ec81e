/** What the client logs through: pino's shape, so a pino logger (or a child of one) fits as is. */
export interface FrontPaymentLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

function ignore(): void {}

export const SILENT_LOGGER: FrontPaymentLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
