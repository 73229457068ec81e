import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
/** GCM's recommended nonce length; a fresh random one per seal. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The format's version, first in every sealed text, so the format can change without guessing. */
const VERSION = "v1";

/**
 * The key from `TOKEN_ENCRYPTION_KEY`: 32 bytes written as 64 hex digits or in base64 (what
 * `openssl rand -hex 32` / `-base64 32` print). Null when the text is neither.
 */
export function parseEncryptionKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, "base64");
  // Node skips what is not base64; a text that does not round-trip was not a key.
  const canonical = (encoded: string) => encoded.replace(/=+$/, "");
  const roundTrips =
    canonical(bytes.toString("base64")) === canonical(trimmed) ||
    canonical(bytes.toString("base64url")) === canonical(trimmed);
  return bytes.length === KEY_BYTES && roundTrips ? bytes : null;
}

/** A sealed text that does not open with this key for this context: another key, or tampering. */
export class UnsealError extends Error {
  override readonly name = "UnsealError";
  constructor(readonly context: string) {
    super(
      `A stored secret for ${context} cannot be decrypted: TOKEN_ENCRYPTION_KEY is not the key it was sealed with, or the data was altered`,
    );
  }
}

export interface Sealer {
  /** Encrypts `plaintext` bound to `context` (e.g. the team id): it opens only for the same context. */
  seal(plaintext: string, context: string): string;
  /** Decrypts what `seal` made for `context`; throws `UnsealError` otherwise. */
  open(sealed: string, context: string): string;
}

/**
 * AES-256-GCM (node:crypto) with a random IV per seal; the context is authenticated data, so a
 * sealed installation copied to another team's row does not open there.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, each base64url.
 */
export function createSealer(key: Buffer): Sealer {
  if (key.length !== KEY_BYTES) throw new RangeError(`The encryption key must be ${KEY_BYTES} bytes`);
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ciphertext]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    open(sealed, context) {
      const [version, iv, tag, ciphertext, ...rest] = sealed.split(".");
      if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length > 0) {
        throw new UnsealError(context);
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, "base64url"), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, "base64url")),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw new UnsealError(context);
      }
    },
  };
}
