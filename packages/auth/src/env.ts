import { z } from "zod";

/** The auth package's settings, read and validated once. */
const schema = z.object({
  /** Sessions end after this many hours without activity. */
  SESSION_IDLE_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** Reverse proxies in front of the app that append to X-Forwarded-For (0: none). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
});

export const authEnv = schema.parse({
  SESSION_IDLE_HOURS: process.env.SESSION_IDLE_HOURS || undefined,
  TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS || undefined,
});
