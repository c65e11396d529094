/**
 * What each connection sends, per endpoint, to either target: the app (signed in by its session
 * cookie) or the bare-SQL bound (told the account in a header, as it has no sessions). The same
 * requests, the same checks of the answers: a write that did not change its row is an error.
 */
import { checkInToken } from "@dm/api/domain/activity-token";
import type { BenchManifest } from "../data/manifest";
import type { ReadScenario } from "../scenarios";
import type { Target } from "./budgets";
import type { Connection } from "./load";
import type { Pair } from "./pools";
import { answerError, type HttpCall, mutationCall, queryCall, readAnswer } from "./trpc-http";

/** An account as both targets know it. */
export interface Identity {
  username: string;
  userId: number;
  /** The Cookie header of its session on the app. */
  cookie: string;
}

/** The bound has no sessions: the account a request acts as comes in this header. */
export const BENCH_USER_HEADER = "x-bench-user";

function as(target: Target, who: Identity, call: HttpCall): HttpCall {
  const auth: Record<string, string> = target === "app" ? { cookie: who.cookie } : { [BENCH_USER_HEADER]: String(who.userId) };
  return { ...call, headers: { ...call.headers, ...auth } };
}

export function readConnection(target: Target, scenario: ReadScenario, manifest: BenchManifest, who: Identity): Connection {
  const call = as(target, who, queryCall(scenario.path, scenario.input(manifest)));
  return { next: () => call, check: answerError };
}

export interface AssignmentState {
  version: number;
  percent: number;
}

/**
 * Progress reports on this connection's own assignments, in turn, each naming the version it
 * last saw (as the form does) and the percent it had, so the report is legal and changes the row.
 */
export function progressConnection(target: Target, who: Identity, assignmentIds: readonly number[], state: Map<number, AssignmentState>): Connection {
  let turn = 0;
  let sent: { id: number; version: number } | undefined;
  return {
    next() {
      if (assignmentIds.length === 0) return null;
      const id = assignmentIds[turn++ % assignmentIds.length]!;
      const { version, percent } = state.get(id)!;
      sent = { id, version };
      return as(target, who, mutationCall("assignment.reportProgress", { id, version, percent, text: `本周按计划推进，已完成第 ${version} 轮现场核查`, complete: false }));
    },
    check(status, body) {
      const { id, version } = sent!;
      const answer = readAnswer(status, body);
      if (!answer.ok) {
        // Someone else moved the row on (there should be no one): carry on from where it is.
        const current = answer.current as Partial<AssignmentState> | undefined;
        if (typeof current?.version === "number" && typeof current.percent === "number") state.set(id, { version: current.version, percent: current.percent });
        return `progress on assignment ${id}: ${answer.error}`;
      }
      const data = answer.data as Partial<AssignmentState>;
      if (data.version !== version + 1 || typeof data.percent !== "number") return `progress on assignment ${id}: answered version ${data.version}, expected ${version + 1}`;
      state.set(id, { version: data.version, percent: data.percent });
      return null;
    },
  };
}

/** Sign-ups of this connection's (member, activity) pairs, each once; a sign-up that was already there is an error. */
export function signUpConnection(target: Target, pairs: readonly Pair[], members: ReadonlyMap<number, Identity>, activityIds: readonly number[]): Connection {
  let next = 0;
  return {
    next() {
      const pair = pairs[next++];
      if (!pair) return null;
      return as(target, members.get(pair.member)!, mutationCall("activity.signUp", { id: activityIds[pair.activity]! }));
    },
    check(status, body) {
      const answer = readAnswer(status, body);
      if (!answer.ok) return `sign-up: ${answer.error}`;
      const data = answer.data as { changed?: boolean; status?: string };
      return data.changed === true && (data.status === "registered" || data.status === "waiting") ? null : `sign-up changed nothing (${JSON.stringify(data).slice(0, 100)})`;
    },
  };
}

/**
 * Check-ins of this connection's (member, activity) pairs with the code the organiser's screen
 * shows at that moment (the activity's HMAC secret, read from the database like the server
 * does); a check-in that was already there is an error.
 */
export function checkInConnection(target: Target, pairs: readonly Pair[], members: ReadonlyMap<number, Identity>, activityIds: readonly number[], secrets: ReadonlyMap<number, string>): Connection {
  let next = 0;
  return {
    next() {
      const pair = pairs[next++];
      if (!pair) return null;
      const activityId = activityIds[pair.activity]!;
      const { token } = checkInToken(secrets.get(activityId)!, activityId, new Date());
      return as(target, members.get(pair.member)!, mutationCall("activity.checkIn", { activityId, token }));
    },
    check(status, body) {
      const answer = readAnswer(status, body);
      if (!answer.ok) return `check-in: ${answer.error}`;
      const data = answer.data as { already?: boolean };
      return data.already === false ? null : `check-in changed nothing (${JSON.stringify(data).slice(0, 100)})`;
    },
  };
}
