import { and, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { auditEvents, committees, tips, users } from "@dm/db/schema";
import { subtreePattern } from "@dm/db";
import { auditChanges, auditDayRange } from "../domain/audit";
import { withinScope } from "../domain/scope";
import { containsPattern } from "../domain/search";
import { AUDIT_PAGE_SIZE, auditListInput } from "../schemas/audit";
import { capabilityProcedure, createTRPCRouter } from "../trpc";

const auditRead = capabilityProcedure("audit.read");

/**
 * 操作日志: who changed what, when, for city staff. Events are limited to actors within the
 * caller's scope, and so are the events no one signed in caused (a public tip: by the area it
 * was sent to); each comes with its field-by-field changes.
 */
export const auditRouter = createTRPCRouter({
  /**
   * Newest first, keyset-paged on the id (the primary key: no OFFSET walk, however deep the
   * page), with each filter on an indexed column: the actor's id (from a name search), the
   * entity type and id, the time.
   */
  list: auditRead.input(auditListInput).query(async ({ ctx, input }) => {
    const publicTipInScope = sql`(${auditEvents.entityType} = 'tip' and exists (
      select 1 from ${tips} join ${committees} area on area.id = ${tips.committeeId}
      where ${tips.id}::text = ${auditEvents.entityId} and area.path like ${subtreePattern(ctx.viewer.scope.path)}))`;
    const conditions: SQL[] = [or(withinScope(ctx.viewer.scope, committees.path), and(isNull(auditEvents.actorUserId), publicTipInScope))!];
    if (input.actor) {
      const pattern = containsPattern(input.actor);
      conditions.push(inArray(auditEvents.actorUserId, ctx.db.select({ id: users.id }).from(users).where(or(ilike(users.displayName, pattern), ilike(users.username, pattern)))));
    }
    if (input.entityType) conditions.push(eq(auditEvents.entityType, input.entityType));
    if (input.entityId) conditions.push(eq(auditEvents.entityId, input.entityId));
    const { since, until } = auditDayRange(input.from, input.to);
    if (since) conditions.push(gte(auditEvents.at, since));
    if (until) conditions.push(lt(auditEvents.at, until));
    if (input.cursor) conditions.push(lt(auditEvents.id, input.cursor));

    const rows = await ctx.db
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        action: auditEvents.action,
        entityType: auditEvents.entityType,
        entityId: auditEvents.entityId,
        before: auditEvents.before,
        after: auditEvents.after,
        requestId: auditEvents.requestId,
        actorId: users.id,
        actorName: users.displayName,
        actorUsername: users.username,
        actorRole: users.role,
        actorCommittee: committees.name,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .leftJoin(committees, eq(committees.id, users.committeeId))
      .where(and(...conditions))
      .orderBy(desc(auditEvents.id))
      .limit(AUDIT_PAGE_SIZE + 1);

    const page = rows.slice(0, AUDIT_PAGE_SIZE);
    return {
      items: page.map(({ before, after, ...event }) => ({ ...event, changes: auditChanges(before, after) })),
      nextCursor: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null,
    };
  }),

  /**
   * The entity types that occur, for the filter: a loose index scan over the (entity_type,
   * entity_id) index, one probe per distinct type instead of reading every event.
   */
  entityTypes: auditRead.query(async ({ ctx }) => {
    const rows = await ctx.db.execute<{ type: string }>(sql`
      with recursive t as (
        (select entity_type as type from audit_events order by entity_type limit 1)
        union all
        select (select entity_type from audit_events where entity_type > t.type order by entity_type limit 1) from t where t.type is not null
      )
      select type from t where type is not null`);
    return [...rows].map((r) => r.type);
  }),
});
