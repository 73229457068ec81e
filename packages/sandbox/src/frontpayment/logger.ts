/**
 * Where the sandbox reports what it does: pino's `(fields, message)` shape, so a pino logger fits.
 * The fields never hold customers' personal numbers or the callback secret.
 */
export interface SandboxLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}
