import { MEMBER_LEVELS, type MemberLevel } from "@dm/db/enums";

/** A mainland mobile number: 11 digits starting 1[3-9]. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** Sign-in names staff may choose: lower-case letters, digits, `.`, `_`, `-`; 3–32 characters. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

/** The Chinese names of the member levels, as they appear in roster files (导入模板, 导出). */
export const MEMBER_LEVEL_LABELS: Record<MemberLevel, string> = {
  national: "全国政协委员",
  provincial: "省政协委员",
  city: "市政协委员",
  county: "县市区政协委员",
};

/** A level from a cell: the full label, or its short forms (全国, 省, 市, 县, 县市区). */
export function parseMemberLevel(text: string): MemberLevel | null {
  const t = text.trim().replace(/政协委员$|委员$|政协$|级$/u, "");
  const short: Record<string, MemberLevel> = { 全国: "national", 省: "provincial", 市: "city", 县: "county", 县市区: "county", 县区: "county", 区: "county" };
  return short[t] ?? MEMBER_LEVELS.find((l) => l === text.trim()) ?? null;
}

/** The state a roster entry may move to by deactivation or reactivation. */
export type MemberStatusAction = "deactivate" | "reactivate";
export function statusTransition(active: boolean, action: MemberStatusAction): { ok: true; active: boolean } | { ok: false } {
  if (action === "deactivate") return active ? { ok: true, active: false } : { ok: false };
  return active ? { ok: false } : { ok: true, active: true };
}

// No 0/O, 1/l/I: a generated password is read off a screen and typed on a phone.
const PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random initial password (12 characters, ~70 bits), shown to staff once. */
export function generatePassword(length = 12): string {
  let out = "";
  const byte = new Uint8Array(1);
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 56).
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  while (out.length < length) {
    globalThis.crypto.getRandomValues(byte);
    if (byte[0]! < limit) out += PASSWORD_ALPHABET[byte[0]! % PASSWORD_ALPHABET.length];
  }
  return out;
}
