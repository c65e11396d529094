import { and, asc, count, desc, eq, gt, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, TipStatus, Tx } from "@dm/db";
import { attachments, committees, problems, tips, users } from "@dm/db/schema";
import { attachmentsOf } from "../attachments";
import { recordAudit } from "../audit";
import type { Viewer } from "../context";
import { withinScope } from "../domain/scope";
import { containsPattern } from "../domain/search";
import { formatTipCode, newTipCode, normalizeTipCode, TIP_LIMITS, tipRateLimited } from "../domain/tip";
import { type Locale, localizeZodError } from "../i18n";
import { TIP_PAGE_SIZE, tipByIdInput, tipConvertInput, tipDismissInput, tipListInput, tipStatusInput, tipSubmitInput } from "../schemas/tip";
import { capabilityProcedure, createTRPCRouter, fail, publicProcedure } from "../trpc";
import { insertProblem } from "./problem";

const triage = capabilityProcedure("tip.triage");
const county = alias(committees, "county");
const triager = alias(users, "triager");

/* ─── Public submission ────────────────────────────────────────────────────────────────────── */

/** A photo as the upload route checked it: bytes, a safe name and the type found in the content. */
export interface TipPhoto {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

/** Where the photo bytes go (the app's attachment store). */
export interface PhotoStore {
  save(bytes: Uint8Array): Promise<{ key: string; size: number; sha256: string }>;
  remove(key: string): Promise<void>;
}

export type TipRefusal = "invalid" | "honeypot" | "tooManyPhotos" | "photoTooLarge" | "photoType" | "rateLimited" | "area";
export type TipSubmitResult = { ok: true; code: string } | { ok: false; reason: TipRefusal; fieldErrors?: Record<string, string[]> };

/**
 * Records a public tip and its photos, or refuses it and keeps nothing: no tip row, no
 * attachment row, no file. Checks in order: the fields, the honeypot, the photos (count, size,
 * type), then, serialised per address by an advisory lock so that parallel requests cannot
 * slip past it, the rate limit and the chosen area (a county or township). Only then are the
 * photos stored; if the insert fails after that, they are removed again.
 */
export async function submitTip(
  db: Db,
  request: { fields: unknown; photos: readonly TipPhoto[]; ipHash: string; locale?: Locale },
  store: PhotoStore,
): Promise<TipSubmitResult> {
  const parsed = tipSubmitInput.safeParse(request.fields);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: localizeZodError(parsed.error, request.locale ?? "zh-CN") };
  const input = parsed.data;
  if (input.website.trim() !== "") return { ok: false, reason: "honeypot" };
  if (request.photos.length > TIP_LIMITS.maxPhotos) return { ok: false, reason: "tooManyPhotos" };
  for (const photo of request.photos) {
    if (photo.bytes.byteLength === 0 || photo.bytes.byteLength > TIP_LIMITS.maxPhotoBytes) return { ok: false, reason: "photoTooLarge" };
    if (!TIP_LIMITS.photoTypes.includes(photo.mimeType)) return { ok: false, reason: "photoType" };
  }

  const saved: string[] = [];
  try {
    return await db.transaction(async (tx): Promise<TipSubmitResult> => {
      await tx.execute(sql`select pg_advisory_xact_lock(727100, hashtext(${request.ipHash}))`);
      const [recent] = await tx
        .select({
          lastHour: sql<number>`count(*) filter (where ${tips.createdAt} > now() - interval '1 hour')`.mapWith(Number),
          lastDay: count(),
        })
        .from(tips)
        .where(and(eq(tips.ipHash, request.ipHash), gt(tips.createdAt, sql`now() - interval '1 day'`)));
      if (tipRateLimited(recent!)) return { ok: false, reason: "rateLimited" };
      const [area] = await tx
        .select({ id: committees.id })
        .from(committees)
        .where(and(eq(committees.id, input.committeeId), inArray(committees.level, ["county", "township"])));
      if (!area) return { ok: false, reason: "area" };

      const files = [];
      for (const photo of request.photos) {
        const file = await store.save(photo.bytes);
        saved.push(file.key);
        files.push({ ...file, photo });
      }
      let tip: typeof tips.$inferSelect | undefined;
      // A clash of two random 49-bit codes is all but impossible; try again rather than fail.
      for (let attempt = 0; !tip && attempt < 5; attempt++) {
        [tip] = await tx
          .insert(tips)
          .values({ code: newTipCode(), content: input.content, location: input.location, committeeId: area.id, contact: input.contact, ipHash: request.ipHash })
          .onConflictDoNothing({ target: tips.code })
          .returning();
      }
      if (!tip) throw new Error("no free tip code");
      if (files.length) {
        await tx.insert(attachments).values(
          files.map((f) => ({ storageKey: f.key, ownerType: "tip" as const, ownerId: tip.id, fileName: f.photo.fileName, mimeType: f.photo.mimeType, size: f.size, sha256: f.sha256, uploadedBy: null })),
        );
      }
      await recordAudit(tx, { userId: null, requestId: `tip-${tip.code}` }, { action: "tip.submit", entityType: "tip", entityId: tip.id, after: { committeeId: tip.committeeId, photos: files.length } });
      return { ok: true, code: tip.code };
    });
  } catch (error) {
    await Promise.all(saved.map((key) => store.remove(key).catch(() => undefined)));
    throw error;
  }
}

/* ─── Staff triage ─────────────────────────────────────────────────────────────────────────── */

async function loadTip(db: Db, viewer: Viewer, id: number) {
  const [row] = await db
    .select({ tip: tips, committeeName: committees.name, committeePath: committees.path })
    .from(tips)
    .innerJoin(committees, eq(committees.id, tips.committeeId))
    .where(and(eq(tips.id, id), withinScope(viewer.scope, committees.path)));
  if (!row) fail("NOT_FOUND");
  return row;
}

/** Locks a received tip at the version read, or fails with CONFLICT / BAD_REQUEST naming its state. */
async function lockReceived(tx: Tx, tip: typeof tips.$inferSelect, version: number) {
  if (tip.status !== "received") fail("BAD_REQUEST", "tip.alreadyTriaged", { status: `@tipStatus.${tip.status}` });
  if (tip.version !== version) fail("CONFLICT", "tip.conflict", { status: `@tipStatus.${tip.status}`, current: { status: tip.status, version: tip.version } });
  const [locked] = await tx.select({ id: tips.id }).from(tips).where(and(eq(tips.id, tip.id), eq(tips.version, version), eq(tips.status, "received"))).for("update");
  if (!locked) {
    const [fresh] = await tx.select({ status: tips.status, version: tips.version }).from(tips).where(eq(tips.id, tip.id));
    fail("CONFLICT", "tip.conflict", { status: `@tipStatus.${fresh!.status}`, current: fresh });
  }
}

function tipConditions(viewer: Viewer, input: { status?: TipStatus; search?: string }, withStatus = true): SQL[] {
  const conditions: SQL[] = [withinScope(viewer.scope, committees.path)];
  if (withStatus && input.status) conditions.push(eq(tips.status, input.status));
  if (input.search) {
    const pattern = containsPattern(input.search);
    const code = normalizeTipCode(input.search);
    conditions.push(or(ilike(tips.content, pattern), ilike(tips.location, pattern), ...(code ? [eq(tips.code, code)] : []))!);
  }
  return conditions;
}

export const tipRouter = createTRPCRouter({
  /** The areas a citizen may choose: every county-level committee and its townships. */
  areas: publicProcedure.query(({ ctx }) =>
    ctx.db
      .select({ id: committees.id, name: committees.name, level: committees.level, parentId: committees.parentId })
      .from(committees)
      .where(inArray(committees.level, ["county", "township"]))
      .orderBy(asc(committees.path)),
  ),

  /**
   * The public status page: the state of a tip by its code and, once it became a problem, the
   * problem's state. Never the content, the location, the contact or a staff name.
   */
  status: publicProcedure.input(tipStatusInput).query(async ({ ctx, input }) => {
    const code = normalizeTipCode(input.code);
    if (!code) fail("BAD_REQUEST", "tip.badCode");
    const [row] = await ctx.db
      .select({ status: tips.status, createdAt: tips.createdAt, triagedAt: tips.triagedAt, problemStatus: problems.status, closedAt: problems.closedAt })
      .from(tips)
      .leftJoin(problems, eq(problems.id, tips.problemId))
      .where(eq(tips.code, code));
    if (!row) fail("NOT_FOUND", "tip.notFound");
    return { code: formatTipCode(code), ...row };
  }),

  /** Tips routed to committees in scope, newest first, unhandled ones on top. */
  list: triage.input(tipListInput).query(async ({ ctx, input }) => {
    const where = and(...tipConditions(ctx.viewer, input));
    const [rows, [total], byStatus] = await Promise.all([
      ctx.db
        .select({
          id: tips.id,
          code: tips.code,
          content: tips.content,
          location: tips.location,
          status: tips.status,
          committeeName: committees.name,
          countyName: county.name,
          committeeLevel: committees.level,
          problemId: tips.problemId,
          createdAt: tips.createdAt,
          photos: sql<number>`(select count(*) from ${attachments} where ${attachments.ownerType} = 'tip' and ${attachments.ownerId} = ${tips.id})`.mapWith(Number),
        })
        .from(tips)
        .innerJoin(committees, eq(committees.id, tips.committeeId))
        .leftJoin(county, eq(county.id, committees.parentId))
        .where(where)
        .orderBy(sql`${tips.status} <> 'received'`, desc(tips.createdAt), desc(tips.id))
        .limit(TIP_PAGE_SIZE)
        .offset((input.page - 1) * TIP_PAGE_SIZE),
      ctx.db.select({ n: count() }).from(tips).innerJoin(committees, eq(committees.id, tips.committeeId)).where(where),
      ctx.db
        .select({ status: tips.status, n: count() })
        .from(tips)
        .innerJoin(committees, eq(committees.id, tips.committeeId))
        .where(and(...tipConditions(ctx.viewer, input, false)))
        .groupBy(tips.status),
    ]);
    return {
      items: rows.map(({ committeeLevel, countyName, ...r }) => ({ ...r, code: formatTipCode(r.code), areaName: committeeLevel === "township" && countyName ? `${countyName} ${r.committeeName}` : r.committeeName })),
      total: total!.n,
      page: input.page,
      pageSize: TIP_PAGE_SIZE,
      byStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])) as Partial<Record<TipStatus, number>>,
    };
  }),

  /** One tip for staff: content, area, contact, photos, and what became of it. */
  byId: triage.input(tipByIdInput).query(async ({ ctx, input }) => {
    const { tip, committeeName } = await loadTip(ctx.db, ctx.viewer, input.id);
    const [photos, [handler], [problem]] = await Promise.all([
      attachmentsOf(ctx.db, "tip", [tip.id]),
      tip.triagedBy ? ctx.db.select({ name: triager.displayName }).from(triager).where(eq(triager.id, tip.triagedBy)) : Promise.resolve([]),
      tip.problemId ? ctx.db.select({ id: problems.id, title: problems.title, status: problems.status }).from(problems).where(eq(problems.id, tip.problemId)) : Promise.resolve([]),
    ]);
    const { ipHash: _ipHash, ...visible } = tip;
    return {
      ...visible,
      displayCode: formatTipCode(tip.code),
      committeeName,
      photos,
      triagedByName: handler?.name ?? null,
      problem: problem ?? null,
      canTriage: tip.status === "received",
    };
  }),

  /** 转为问题: a problem raised by the caller's committee, source tip; linked both ways. */
  convert: triage.input(tipConvertInput).mutation(async ({ ctx, input }) => {
    const { tip } = await loadTip(ctx.db, ctx.viewer, input.id);
    return ctx.db.transaction(async (tx) => {
      await lockReceived(tx, tip, input.version);
      const problem = await insertProblem(tx, ctx, { ...input.problem, source: "tip", sourceId: tip.id }, formatTipCode(tip.code));
      const [updated] = await tx
        .update(tips)
        .set({ status: "converted", problemId: problem.id, triagedBy: ctx.viewer.userId, triagedAt: new Date(), version: sql`${tips.version} + 1` })
        .where(eq(tips.id, tip.id))
        .returning({ id: tips.id, status: tips.status, version: tips.version });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "tip.convert", entityType: "tip", entityId: tip.id, before: { status: tip.status }, after: { status: "converted", problemId: problem.id } });
      return { ...updated!, problemId: problem.id };
    });
  }),

  /** 不予受理, with a reason kept for staff (the public page shows only the state). */
  dismiss: triage.input(tipDismissInput).mutation(async ({ ctx, input }) => {
    const { tip } = await loadTip(ctx.db, ctx.viewer, input.id);
    return ctx.db.transaction(async (tx) => {
      await lockReceived(tx, tip, input.version);
      const [updated] = await tx
        .update(tips)
        .set({ status: "dismissed", dismissReason: input.reason, triagedBy: ctx.viewer.userId, triagedAt: new Date(), version: sql`${tips.version} + 1` })
        .where(eq(tips.id, tip.id))
        .returning({ id: tips.id, status: tips.status, version: tips.version });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "tip.dismiss", entityType: "tip", entityId: tip.id, before: { status: tip.status }, after: { status: "dismissed", reason: input.reason } });
      return updated!;
    });
  }),
});
