import { createHmac, randomBytes } from "node:crypto";
import { TIP_LIMITS } from "./tip-limits";

/**
 * Public tips (举报线索): the reference code, the abuse limits and the keyed IP hash. Pure
 * rules, apart from drawing random bytes for a new code.
 */

/**
 * Letters and digits that cannot be mistaken for one another when read out or copied by hand:
 * no 0/O, 1/I/L, and no U (Crockford's alphabet without 0 and 1). 30 symbols.
 */
export const TIP_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 10 symbols: 30^10 ≈ 5.9 × 10^14 codes (49 bits); with the rate limit, not guessable. */
export const TIP_CODE_LENGTH = 10;

/** A new random reference code (unbiased: bytes that would favour some symbols are redrawn). */
export function newTipCode(random: (n: number) => Uint8Array = randomBytes): string {
  const limit = 256 - (256 % TIP_CODE_ALPHABET.length);
  let code = "";
  while (code.length < TIP_CODE_LENGTH) {
    for (const byte of random(TIP_CODE_LENGTH * 2)) {
      if (byte >= limit) continue;
      code += TIP_CODE_ALPHABET[byte % TIP_CODE_ALPHABET.length];
      if (code.length === TIP_CODE_LENGTH) break;
    }
  }
  return code;
}

/** As shown to the citizen: two groups of five ("7KQ2M-XW9RT"), easier to read out. */
export function formatTipCode(code: string): string {
  return code.length === TIP_CODE_LENGTH ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

/**
 * A code as typed back (any case, with spaces or dashes) in its stored form, or null when it
 * cannot be one.
 */
export function normalizeTipCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s\-_]/g, "");
  if (code.length !== TIP_CODE_LENGTH) return null;
  for (const ch of code) if (!TIP_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

export { TIP_LIMITS };

/** Room for the text fields and the multipart envelope around the largest allowed photos. */
export const TIP_MAX_BODY_BYTES = TIP_LIMITS.maxPhotos * TIP_LIMITS.maxPhotoBytes + 64 * 1024;

/** Tips from one address: at most 5 an hour and 20 a day. */
export const TIP_RATE = { perHour: 5, perDay: 20 } as const;

/** Whether one more tip from an address with these recent counts goes over the limit. */
export function tipRateLimited(recent: { lastHour: number; lastDay: number }): boolean {
  return recent.lastHour >= TIP_RATE.perHour || recent.lastDay >= TIP_RATE.perDay;
}

/**
 * The address as stored: a keyed hash (HMAC-SHA256), so the table never holds an IP and the
 * hash cannot be reversed by trying every address without the server's key.
 */
export function hashTipIp(key: string, ip: string): string {
  return createHmac("sha256", key).update(`tip-ip:${ip}`).digest("hex");
}
