import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor, Tx } from "@dm/db";
import { campaignCountyLinks, campaignLeadingGroup, campaigns, committees, users } from "@dm/db/schema";
import { attachmentsOf, bindAttachments } from "../attachments";
import { recordAudit } from "../audit";
import { CITY_ROLES } from "../domain/roles";
import type { Viewer } from "../context";
import { campaignByIdInput, campaignInput, campaignUpdateInput } from "../schemas/campaign";
import { createTRPCRouter, fail, protectedProcedure, roleProcedure } from "../trpc";
import type { z } from "zod";

const cityOnly = roleProcedure(...CITY_ROLES);

/** A campaign is read by everyone in the subtree of the committee that runs it. */
function visibleToViewer(viewer: Viewer) {
  return sql`${viewer.scope.path} like ${committees.path} || '%'`;
}

export async function loadCampaign(db: Executor, viewer: Viewer, id: number) {
  const [row] = await db
    .select({ campaign: campaigns })
    .from(campaigns)
    .innerJoin(committees, eq(committees.id, campaigns.committeeId))
    .where(and(eq(campaigns.id, id), visibleToViewer(viewer)));
  if (!row) fail("NOT_FOUND");
  return row.campaign;
}

/** Checks the people and counties named in a campaign against the city's own records. */
async function checkMembership(tx: Tx, cityId: number, data: z.output<typeof campaignInput>) {
  const userIds = [...new Set([...data.leadingGroup.map((m) => m.userId), ...data.countyLinks.map((l) => l.leaderUserId)])];
  const people = userIds.length ? await tx.select({ id: users.id, role: users.role, committeeId: users.committeeId }).from(users).where(inArray(users.id, userIds)) : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const id of data.leadingGroup.map((m) => m.userId)) {
    const p = byId.get(id);
    if (!p || p.committeeId !== cityId || !(CITY_ROLES as readonly string[]).includes(p.role)) fail("BAD_REQUEST", "campaign.notCityUser");
  }
  for (const link of data.countyLinks) {
    const p = byId.get(link.leaderUserId);
    if (!p || p.committeeId !== cityId || p.role !== "city_leader") fail("BAD_REQUEST", "campaign.notLeader");
  }
  const countyIds = [...new Set(data.countyLinks.flatMap((l) => l.committeeIds))];
  if (countyIds.length) {
    const counties = await tx.select({ id: committees.id }).from(committees).where(and(inArray(committees.id, countyIds), eq(committees.parentId, cityId), eq(committees.level, "county")));
    if (counties.length !== countyIds.length) fail("BAD_REQUEST", "campaign.notCounty");
  }
}

async function writeMembership(tx: Tx, campaignId: number, data: z.output<typeof campaignInput>) {
  await tx.delete(campaignLeadingGroup).where(eq(campaignLeadingGroup.campaignId, campaignId));
  await tx.delete(campaignCountyLinks).where(eq(campaignCountyLinks.campaignId, campaignId));
  if (data.leadingGroup.length) await tx.insert(campaignLeadingGroup).values(data.leadingGroup.map((m) => ({ campaignId, ...m })));
  const links = data.countyLinks.flatMap((l) => [...new Set(l.committeeIds)].map((committeeId) => ({ campaignId, leaderUserId: l.leaderUserId, committeeId })));
  if (links.length) await tx.insert(campaignCountyLinks).values(links).onConflictDoNothing();
}

const fieldsOf = (data: z.output<typeof campaignInput>) => ({
  title: data.title,
  year: data.year,
  topic: data.topic,
  startDate: data.startDate,
  endDate: data.endDate,
  description: data.description,
  focusAreas: data.focusAreas,
  methods: data.methods,
  reportDueDay: data.reportDueDay,
});

export const campaignRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) =>
    ctx.db
      .select({ id: campaigns.id, title: campaigns.title, year: campaigns.year, topic: campaigns.topic, startDate: campaigns.startDate, endDate: campaigns.endDate, focusAreas: campaigns.focusAreas, methods: campaigns.methods, reportDueDay: campaigns.reportDueDay })
      .from(campaigns)
      .innerJoin(committees, eq(committees.id, campaigns.committeeId))
      .where(visibleToViewer(ctx.viewer))
      .orderBy(desc(campaigns.year), desc(campaigns.id)),
  ),

  byId: protectedProcedure.input(campaignByIdInput).query(async ({ ctx, input }) => {
    const campaign = await loadCampaign(ctx.db, ctx.viewer, input.id);
    const [leadingGroup, countyLinks, documents] = await Promise.all([
      ctx.db
        .select({ userId: users.id, name: users.displayName, title: users.title, role: campaignLeadingGroup.role })
        .from(campaignLeadingGroup)
        .innerJoin(users, eq(users.id, campaignLeadingGroup.userId))
        .where(eq(campaignLeadingGroup.campaignId, campaign.id))
        .orderBy(asc(campaignLeadingGroup.role), asc(users.id)),
      ctx.db
        .select({ leaderUserId: users.id, leaderName: users.displayName, committeeId: committees.id, committeeName: committees.name })
        .from(campaignCountyLinks)
        .innerJoin(users, eq(users.id, campaignCountyLinks.leaderUserId))
        .innerJoin(committees, eq(committees.id, campaignCountyLinks.committeeId))
        .where(eq(campaignCountyLinks.campaignId, campaign.id))
        .orderBy(asc(users.id), asc(committees.sortOrder)),
      attachmentsOf(ctx.db, "campaign", [campaign.id]),
    ]);
    return { ...campaign, leadingGroup, countyLinks, documents };
  }),

  /** City users to choose the leading group from, and the counties to link them to. */
  choices: cityOnly.query(async ({ ctx }) => {
    const cityId = ctx.viewer.scope.committeeId;
    const [people, counties] = await Promise.all([
      ctx.db
        .select({ id: users.id, name: users.displayName, title: users.title, role: users.role })
        .from(users)
        .where(and(eq(users.committeeId, cityId), inArray(users.role, [...CITY_ROLES])))
        .orderBy(asc(users.id)),
      ctx.db.select({ id: committees.id, name: committees.name }).from(committees).where(and(eq(committees.parentId, cityId), eq(committees.level, "county"))).orderBy(asc(committees.sortOrder)),
    ]);
    return { people, counties };
  }),

  create: cityOnly.input(campaignInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const cityId = ctx.viewer.scope.committeeId;
      await checkMembership(tx, cityId, input);
      const [created] = await tx
        .insert(campaigns)
        .values({ ...fieldsOf(input), committeeId: cityId, createdBy: ctx.viewer.userId })
        .returning();
      await writeMembership(tx, created!.id, input);
      await bindAttachments(tx, input.attachmentIds, ctx.viewer.userId, { type: "campaign", id: created!.id });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "campaign.create", entityType: "campaign", entityId: created!.id, after: input });
      return { id: created!.id };
    }),
  ),

  update: cityOnly.input(campaignUpdateInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const before = await loadCampaign(tx, ctx.viewer, input.id);
      if (before.committeeId !== ctx.viewer.scope.committeeId) fail("FORBIDDEN");
      await checkMembership(tx, before.committeeId, input.data);
      const [updated] = await tx
        .update(campaigns)
        .set({ ...fieldsOf(input.data), version: sql`${campaigns.version} + 1`, updatedAt: new Date() })
        .where(and(eq(campaigns.id, input.id), eq(campaigns.version, input.version)))
        .returning({ version: campaigns.version });
      if (!updated) fail("CONFLICT", "campaign.conflict", { current: { version: before.version } });
      await writeMembership(tx, input.id, input.data);
      await bindAttachments(tx, input.data.attachmentIds, ctx.viewer.userId, { type: "campaign", id: input.id });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "campaign.update", entityType: "campaign", entityId: input.id, before, after: input.data });
      return { id: input.id, version: updated.version };
    }),
  ),
});
