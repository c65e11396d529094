import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor, Tx } from "@dm/db";
import { attachments } from "@dm/db/schema";
import { fail } from "./trpc";

export type AttachmentOwner = NonNullable<(typeof attachments.$inferSelect)["ownerType"]>;

/**
 * Binds files the caller uploaded (and nothing else yet owns) to the record being written, in
 * its transaction. Someone else's upload, or one already bound, fails the whole write.
 */
export async function bindAttachments(tx: Tx, ids: readonly number[], uploaderId: number, owner: { type: AttachmentOwner; id: number }): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const bound = await tx
    .update(attachments)
    .set({ ownerType: owner.type, ownerId: owner.id })
    .where(and(inArray(attachments.id, unique), eq(attachments.uploadedBy, uploaderId), isNull(attachments.ownerType)))
    .returning({ id: attachments.id });
  if (bound.length !== unique.length) fail("BAD_REQUEST", "attachment.notFound");
}

/** Files of one owner, for display. */
export async function attachmentsOf(db: Executor, type: AttachmentOwner, ownerIds: readonly number[]) {
  if (ownerIds.length === 0) return [];
  return db
    .select({ id: attachments.id, ownerId: attachments.ownerId, fileName: attachments.fileName, mimeType: attachments.mimeType, size: attachments.size })
    .from(attachments)
    .where(and(eq(attachments.ownerType, type), inArray(attachments.ownerId, [...ownerIds])));
}
