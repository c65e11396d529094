import { bigserial, boolean, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Sign-in attempts, kept in PostgreSQL (not in process memory) so the throttle holds across
 * restarts and across several app instances on one database.
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** The identifier as typed, lower-cased: throttles unknown accounts too. */
    accountKey: text().notNull(),
    ip: text().notNull(),
    succeeded: boolean().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_account_idx").on(t.accountKey, t.at), index("login_attempts_ip_idx").on(t.ip, t.at)],
);
