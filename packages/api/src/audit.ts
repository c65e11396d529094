import type { Tx } from "@dm/db";
import { auditEvents } from "@dm/db/schema";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/**
 * Records a change. Takes a transaction, not the pool: the event commits or rolls back together
 * with the change it describes.
 */
export async function recordAudit(tx: Tx, actor: { userId: number | null; requestId: string }, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorUserId: actor.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: actor.requestId,
  });
}
