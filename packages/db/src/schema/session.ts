import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./user";

/**
 * Sessions ended by signing out. Sessions are stateless JWTs, so a token the browser still
 * holds (or gets back from a request answered after the sign-out) would otherwise stay valid.
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    revokedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("revoked_sessions_user_idx").on(t.userId)],
);
