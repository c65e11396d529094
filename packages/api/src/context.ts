import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { SessionClaims } from "@dm/auth/config";
import type { Db, Role } from "@dm/db";
import { committees, revokedSessions, users } from "@dm/db/schema";
import type { Scope } from "./domain/scope";
import { type Locale, parseLocale } from "./i18n";

/** The signed-in caller as the database knows them now (role or committee may have changed). */
export interface Viewer {
  userId: number;
  role: Role;
  displayName: string;
  memberId: number | null;
  scope: Scope;
}

export interface CreateContextOptions {
  db: Db;
  /** From the session cookie; null when signed out. */
  session: SessionClaims | null;
  headers: Headers;
}

export function createContext({ db, session, headers }: CreateContextOptions) {
  // A proxy's request id is kept for tracing, but only if it looks like one.
  const incoming = headers.get("x-request-id");
  const requestId = incoming && /^[\w.:-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  let viewer: Promise<Viewer | null> | undefined;
  return {
    db,
    requestId,
    locale: parseLocale(headers.get("x-locale") ?? readCookie(headers.get("cookie"), "NEXT_LOCALE")) as Locale,
    /** Loaded at most once per request, shared by every procedure of a batch. */
    viewer(): Promise<Viewer | null> {
      viewer ??= session === null ? Promise.resolve(null) : loadViewer(db, session);
      return viewer;
    },
  };
}

export type Context = ReturnType<typeof createContext>;

/**
 * The caller, if their session still stands: the account exists and is enabled, no password
 * change has happened since sign-in, and this session was not signed out.
 */
async function loadViewer(db: Db, session: SessionClaims): Promise<Viewer | null> {
  const [row] = await db
    .select({
      userId: users.id,
      role: users.role,
      displayName: users.displayName,
      memberId: users.memberId,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
      revoked: sql<boolean>`exists (select 1 from ${revokedSessions} where ${eq(revokedSessions.sessionId, session.sessionId)})`,
      committeeId: committees.id,
      path: committees.path,
      level: committees.level,
    })
    .from(users)
    .innerJoin(committees, eq(committees.id, users.committeeId))
    .where(eq(users.id, session.userId))
    .limit(1);
  if (!row || row.disabledAt || row.revoked || row.sessionVersion !== session.sessionVersion) return null;
  return {
    userId: row.userId,
    role: row.role,
    displayName: row.displayName,
    memberId: row.memberId,
    scope: { committeeId: row.committeeId, path: row.path, level: row.level },
  };
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}
