import "server-only";
import { resolve } from "node:path";
import { z } from "zod";

/** The web server's own settings, validated once. Database and auth settings live in their packages. */
export const env = z
  .object({
    /** Milliseconds `/api/health` waits for the database before answering 503. */
    HEALTH_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
    /**
     * The folder attachment files are kept in (created on demand). `npm start` sets
     * $DATA_DIR/attachments; otherwise .data/attachments at the repository root (Next.js runs
     * in apps/web).
     */
    ATTACHMENTS_DIR: z
      .string()
      .min(1)
      .default(() => resolve(process.cwd(), "../../.data/attachments"))
      .transform((dir) => resolve(dir)),
    /**
     * The session-signing secret (npm start generates one per installation); it also keys the
     * hash under which public tips keep their sender's address for the rate limit.
     */
    AUTH_SECRET: z.string().min(1).optional(),
  })
  .parse({ HEALTH_TIMEOUT_MS: process.env.HEALTH_TIMEOUT_MS || undefined, ATTACHMENTS_DIR: process.env.ATTACHMENTS_DIR || undefined, AUTH_SECRET: process.env.AUTH_SECRET || undefined });
