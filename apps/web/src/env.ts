import "server-only";
import { z } from "zod";

/** The web server's own settings, validated once. Database and auth settings live in their packages. */
export const env = z
  .object({
    /** Milliseconds `/api/health` waits for the database before answering 503. */
    HEALTH_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  })
  .parse({ HEALTH_TIMEOUT_MS: process.env.HEALTH_TIMEOUT_MS || undefined });
