import { z } from "zod";

/** The auth package's settings, read and validated once. */
const schema = z.object({
  /** Sessions end after this many hours without activity. */
  SESSION_IDLE_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
});

export const authEnv = schema.parse({
  SESSION_IDLE_HOURS: process.env.SESSION_IDLE_HOURS || undefined,
});
