/**
 * Finds secrets in text: the repository's tracked files (secrets.test.ts) and what the browser
 * is sent (e2e/security.spec.ts). Patterns for credentials whose shape is known, and for
 * secret-named assignments of long random-looking strings; a short allowlist names the
 * test-only constants, each with its reason.
 */

export interface Finding {
  file: string;
  line: number;
  rule: string;
  excerpt: string;
}

/** Test-only values that look like secrets, and why each is harmless. */
export const ALLOWLIST: { value: string; reason: string }[] = [
  { value: "e2e-only-secret-not-for-production-0123456789", reason: "AUTH_SECRET of the end-to-end run's throwaway server (e2e/playwright.config.ts)" },
  { value: "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", reason: "the alphabet temporary passwords are drawn from (packages/api/src/domain/member.ts), not a password" },
];

const KNOWN_SHAPES: { rule: string; pattern: RegExp }[] = [
  { rule: "private key", pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { rule: "AWS access key id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { rule: "GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { rule: "npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { rule: "Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { rule: "Alibaba Cloud AccessKey id", pattern: /\bLTAI[A-Za-z0-9]{12,20}\b/ },
];

/** A connection string with a literal password (a `${…}` placeholder is code, not a secret). */
const CONNECTION_STRING = /\b(?:postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis|amqp):\/\/[^\s:@/'"`]+:([^\s@'"`$]+)@/g;
/** Local throwaway database passwords of the test helpers. */
const HARMLESS_DB_PASSWORDS = new Set(["postgres", "password"]);

const SECRET_NAME = String.raw`[A-Za-z0-9_]*(?:secret|passw(?:or)?d|token|api[_-]?key|private[_-]?key|access[_-]?key)[A-Za-z0-9_]*`;
const ASSIGNMENT = new RegExp(String.raw`\b(${SECRET_NAME})["']?\s*[:=]\s*["'\`]([^"'\`\s]{16,})["'\`]`, "gi");

/** Bits per character: random keys score above 3.5, words and phrases below. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/**
 * A generated key, not a phrase: printable ASCII (messages in Chinese are not keys), no
 * interpolation, and dense: 4 bits a character, or long hex. Test passwords such as
 * "Test-Password-2026" stay below; a 16-character random password or any base64 key does not.
 */
export function looksRandom(value: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(value) || value.includes("${")) return false;
  if (/^[0-9a-f]{32,}$/i.test(value)) return entropy(value) >= 3;
  return entropy(value) >= 4;
}

const allowed = (value: string) => ALLOWLIST.some((a) => a.value === value);

/** Secrets in a tracked file's text. */
export function scanSource(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  text.split("\n").forEach((content, i) => {
    const add = (rule: string) => findings.push({ file, line: i + 1, rule, excerpt: content.trim().slice(0, 120) });
    for (const { rule, pattern } of KNOWN_SHAPES) if (pattern.test(content)) add(rule);
    for (const [, password] of content.matchAll(CONNECTION_STRING)) if (!HARMLESS_DB_PASSWORDS.has(password!) && !allowed(password!)) add("connection string with a password");
    for (const [, , value] of content.matchAll(ASSIGNMENT)) {
      if (looksRandom(value!) && !allowed(value!)) add("high-entropy secret assignment");
    }
  });
  return findings;
}

/** Tracked files that should never be committed, whatever they hold. */
export function isSecretFile(path: string): boolean {
  const name = path.split("/").pop()!;
  if (/^\.env(\..+)?$/.test(name)) return !/\.(example|sample|template)$/.test(name);
  return /\.(pem|key|p12|pfx|jks|keystore)$/i.test(name) || /^id_(rsa|dsa|ecdsa|ed25519)$/.test(name);
}

/**
 * What must never reach a browser: the given secret values (the running server's AUTH_SECRET),
 * a database URL or its variable's name, and private keys.
 */
export function scanClient(file: string, text: string, secrets: string[]): Finding[] {
  const rules: { rule: string; found: boolean }[] = [
    ...secrets.map((secret) => ({ rule: "server secret value", found: text.includes(secret) })),
    { rule: "DATABASE_URL", found: text.includes("DATABASE_URL") },
    { rule: "database connection string", found: /postgres(?:ql)?:\/\//.test(text) },
    { rule: "private key", found: KNOWN_SHAPES[0]!.pattern.test(text) },
  ];
  return rules.filter((r) => r.found).map((r) => ({ file, line: 0, rule: r.rule, excerpt: "" }));
}
