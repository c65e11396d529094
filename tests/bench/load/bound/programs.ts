/**
 * The bound's writes: the statements the real procedure sent on its sample row (their SQL text
 * from the plan, never rewritten), in the same order, with the parameters built for this request,
 * the transactional ones in one transaction. What the procedure decides in JavaScript between
 * them (roles, the joining rule, the percent rule) costs microseconds and is left out; a check
 * whose failure would change the statements sent (not found, version moved, bad code) is kept.
 *
 * Every run is checked against the plan: the same statements, in order, with as many parameters
 * as the capture had. If the procedure changes, the bound fails loudly instead of drifting.
 */
import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { verifyCheckInToken } from "@dm/api/domain/activity-token";
import { subtreePattern } from "@dm/db";
import type { WritePlan } from "./plan";

type Sql = postgres.Sql | postgres.TransactionSql;
type Rows = postgres.ValuesRowList<postgres.Row[]>;

/** A refusal the procedure would answer with this tRPC code. */
export class Refusal extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST" | "FORBIDDEN" | "UNAUTHORIZED",
    message: string,
  ) {
    super(message);
  }
}

/** One request's walk through the plan's statements. */
class Replay {
  private sent = 0;
  constructor(
    private readonly plan: WritePlan,
    readonly path: string,
  ) {}

  async run(db: Sql, index: number, params: unknown[]): Promise<Rows> {
    if (index !== this.sent) throw new Error(`${this.path}: statement ${index} sent after ${this.sent}: the bound no longer follows the procedure`);
    const text = this.plan.sql[index];
    if (text === undefined || params.length !== this.plan.paramCounts[index]) {
      throw new Error(`${this.path}: statement ${index} has ${params.length} parameters, the procedure sent ${this.plan.paramCounts[index] ?? "no such statement"}`);
    }
    this.sent++;
    return db.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }).values();
  }

  /** Every statement of the plan was sent. */
  done(): void {
    if (this.sent !== this.plan.sql.length) throw new Error(`${this.path}: sent ${this.sent} of the procedure's ${this.plan.sql.length} statements`);
  }
}

/** The value of the first column called `name` in the first row (columns come back as arrays, as drizzle reads them). */
export function field<T = unknown>(rows: Rows, name: string): T {
  const index = rows.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`no column ${name} in ${rows.columns.map((c) => c.name).join(", ")}`);
  return rows[0]![index] as T;
}

export interface WriteRequest {
  userId: number;
  sessionId: string;
  input: Record<string, unknown>;
}

/** The caller as the session check loads them (statement 0 of every procedure). */
async function viewer(replay: Replay, db: Sql, request: WriteRequest) {
  const rows = await replay.run(db, 0, [request.sessionId, request.userId, 1]);
  if (rows.length === 0 || field(rows, "disabled_at") !== null || field(rows, "exists") === true) throw new Refusal("UNAUTHORIZED", "no session");
  return { path: field<string>(rows, "path"), memberId: field<number | null>(rows, "member_id") };
}

/** The member behind the account, and the activity they may see (activity.ts: joinerOf, loadForMember). */
async function memberAndActivity(replay: Replay, db: Sql, request: WriteRequest, activityId: number) {
  const { memberId } = await viewer(replay, db, request);
  if (memberId === null) throw new Refusal("FORBIDDEN", "not a member");
  const joiner = await replay.run(db, 1, [memberId, true]);
  if (joiner.length === 0) throw new Refusal("FORBIDDEN", "not an active member");
  const activity = await replay.run(db, 2, [memberId, activityId]);
  if (activity.length === 0) throw new Refusal("NOT_FOUND", `activity ${activityId}`);
  return { memberId, activity };
}

const now = () => new Date().toISOString();

type Program = (sql: postgres.Sql, plan: WritePlan, request: WriteRequest) => Promise<unknown>;

/** assignment.reportProgress: load in scope, lock at the version read, update, timeline event, audit. */
const reportProgress: Program = async (sql, plan, request) => {
  const replay = new Replay(plan, "assignment.reportProgress");
  const { id, version, text, percent } = request.input as { id: number; version: number; text: string; percent: number };
  const { path } = await viewer(replay, sql, request);
  const loaded = await replay.run(sql, 1, [id, subtreePattern(path)]);
  if (loaded.length === 0) throw new Refusal("NOT_FOUND", `assignment ${id}`);
  const before = { status: field<string>(loaded, "status"), version: field<number>(loaded, "version"), percent: field<number>(loaded, "percent") };
  if (before.version !== version) throw new Refusal("CONFLICT", `assignment ${id} is at version ${before.version}`);
  return sql.begin(async (tx) => {
    const locked = await replay.run(tx, 2, [id, version, before.status]);
    if (locked.length === 0) throw new Refusal("CONFLICT", `assignment ${id} moved on`);
    await replay.run(tx, 3, [id, "progress", "reported", "returned", 1]);
    const updated = await replay.run(tx, 4, ["in_progress", percent, now(), id]);
    const after = { status: field<string>(updated, "status"), version: field<number>(updated, "version"), percent: field<number>(updated, "percent") };
    await replay.run(tx, 5, [id, "progress", request.userId, before.status, after.status, text, percent]);
    await replay.run(tx, 6, [request.userId, "assignment.progress", "assignment", String(id), JSON.stringify(before), JSON.stringify({ ...after, comment: text }), randomUUID()]);
    replay.done();
    return { id, ...after };
  });
};

/** activity.signUp: lock the activity, look for an earlier sign-up, count, take a queue number, insert, audit. */
const signUp: Program = async (sql, plan, request) => {
  const replay = new Replay(plan, "activity.signUp");
  const activityId = request.input.id as number;
  const { memberId } = await memberAndActivity(replay, sql, request, activityId);
  return sql.begin(async (tx) => {
    const activity = await replay.run(tx, 3, [activityId]);
    const existing = await replay.run(tx, 4, [activityId, memberId]);
    if (existing.length > 0 && field(existing, "status") !== "cancelled") return { status: field(existing, "status"), changed: false };
    const registered = Number(field(await replay.run(tx, 5, [activityId, "registered"]), "count"));
    const capacity = field<number | null>(activity, "capacity");
    const status = capacity === null || registered < capacity ? "registered" : "waiting";
    const queuePosition = field<number>(await replay.run(tx, 6, [activityId]), "signup_seq");
    // status, queue_position, cancelled_at, attendance, attendance_note, checked_in_at, check_in_method, marked_by, updated_at:
    // inserted, and set again on a conflict with a cancelled sign-up.
    const fresh = [status, queuePosition, null, null, "", null, null, null, now()];
    await replay.run(tx, 7, [activityId, memberId, ...fresh, ...fresh]);
    await replay.run(tx, 8, [request.userId, "activity.signUp", "activity", String(activityId), null, JSON.stringify({ memberId, status, queuePosition }), randomUUID()]);
    replay.done();
    return { status, queuePosition, waitingAhead: 0, changed: true };
  });
};

/** activity.checkIn: check the code, find the registration, then share-lock the activity and mark the member present, audit. */
const checkIn: Program = async (sql, plan, request) => {
  const replay = new Replay(plan, "activity.checkIn");
  const { activityId, token } = request.input as { activityId: number; token: string };
  const { memberId, activity } = await memberAndActivity(replay, sql, request, activityId);
  if (verifyCheckInToken(field<string>(activity, "check_in_secret"), activityId, token, new Date()) !== "ok") throw new Refusal("BAD_REQUEST", "check-in code not current");
  const registration = await replay.run(sql, 3, [activityId, memberId]);
  if (registration.length === 0 || field(registration, "status") !== "registered") throw new Refusal("BAD_REQUEST", "not registered");
  const result = { activityId, title: field(activity, "title"), place: field(activity, "place"), startsAt: field(activity, "starts_at") };
  if (field(registration, "checked_in_at") !== null) return { ...result, checkedInAt: field(registration, "checked_in_at"), already: true };
  return sql.begin(async (tx) => {
    await replay.run(tx, 4, [activityId]);
    const at = now();
    const updated = await replay.run(tx, 5, ["present", "", at, "qr", at, field<number>(registration, "id"), "registered"]);
    if (updated.length === 0) return { ...result, checkedInAt: at, already: true };
    await replay.run(tx, 6, [request.userId, "activity.checkIn", "activity", String(activityId), null, JSON.stringify({ memberId, method: "qr" }), randomUUID()]);
    replay.done();
    return { ...result, checkedInAt: field(updated, "checked_in_at"), already: false };
  });
};

export const PROGRAMS: Record<string, Program> = {
  "assignment.reportProgress": reportProgress,
  "activity.signUp": signUp,
  "activity.checkIn": checkIn,
};
