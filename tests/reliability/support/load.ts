import { type Session, type Timed, timedFetch } from "./http";

/**
 * Steady load from several signed-in users over HTTP: tRPC reads, writes that each leave a
 * change, a timeline event and an audit event, page renders and an Excel export. Every request
 * is recorded with when it started and ended, and every write with the request id it sent (the
 * audit event carries it), so the test can judge each one against the outage's timeline.
 */

export type CallKind = "health" | "query" | "write" | "page" | "export";

export interface Call extends Timed {
  kind: CallKind;
  who: string;
  what: string;
  startedAt: number;
  endedAt: number;
}

export interface Write {
  requestId: string;
  action: "problem.create" | "problem.assign";
  who: string;
  /** problem.create: the unique title that finds its row. */
  title?: string;
  /** problem.assign: the problem it moves from 待交办 (version 1) to 整改中 (version 2). */
  problemId?: number;
  call: Call;
}

export interface Writer {
  session: Session;
  committeeId: number;
  departmentId: number;
}

export class Load {
  readonly calls: Call[] = [];
  readonly writes: Write[] = [];
  private running = true;
  private readonly loops: Promise<void>[] = [];
  private sequence = 0;

  constructor(
    private readonly base: string,
    /** Prefix of every write's request id (`x-request-id`), so the audit rows can be found. */
    readonly requestPrefix: string,
  ) {}

  private async record(kind: CallKind, who: string, what: string, request: () => Promise<Timed>): Promise<Call> {
    const startedAt = performance.now();
    const answer = await request();
    const call: Call = { ...answer, kind, who, what, startedAt, endedAt: performance.now() };
    this.calls.push(call);
    return call;
  }

  private async pause(ms: number) {
    await new Promise((r) => setTimeout(r, ms));
  }

  /** `/api/health`, every `everyMs`. */
  health(everyMs: number) {
    this.loops.push(
      (async () => {
        while (this.running) {
          await this.record("health", "-", "/api/health", () => timedFetch(`${this.base}/api/health`));
          await this.pause(everyMs);
        }
      })(),
    );
  }

  /**
   * A county's staff member working their own problems: registers one (problem.create), then
   * assigns it (problem.assign, at version 1) — or, when a write failed, starts a new one — with
   * a read of the ledger after each write and the ledger page every third round.
   */
  writer(w: Writer) {
    this.loops.push(
      (async () => {
        let pending: number | null = null;
        for (let round = 0; this.running; round++) {
          if (pending === null) {
            const call = await this.create(w);
            const data = (call as { data?: { id: number } }).data;
            if (call.status === 200 && data) pending = data.id;
          } else {
            await this.assign(w, pending);
            pending = null;
          }
          await this.record("query", w.session.identifier, "problem.list", () => w.session.query(this.base, "problem.list", { page: 1 }));
          if (round % 3 === 2) await this.record("page", w.session.identifier, "/problems", () => w.session.get(this.base, "/problems"));
          await this.pause(100);
        }
      })(),
    );
  }

  private nextRequestId(who: string) {
    return `${this.requestPrefix}-${who}-${++this.sequence}`;
  }

  /** problem.create with a title made of its request id, recorded as a write. */
  async create(w: Writer): Promise<Call> {
    const who = w.session.identifier;
    const requestId = this.nextRequestId(who);
    const title = `停库演练 ${requestId}`;
    const input = { title, description: "数据库中断演练中登记的问题", category: "solid_waste", location: "演练地点", committeeId: w.committeeId };
    const call = await this.record("write", who, "problem.create", () => w.session.mutate<{ id: number }>(this.base, "problem.create", input, { "x-request-id": requestId }));
    this.writes.push({ requestId, action: "problem.create", who, title, call });
    return call;
  }

  /** problem.assign of a problem just created (version 1), recorded as a write. */
  async assign(w: Writer, problemId: number): Promise<Call> {
    const who = w.session.identifier;
    const requestId = this.nextRequestId(who);
    const input = { id: problemId, version: 1, plan: "演练整改方案", departmentId: w.departmentId, deadline: deadlineNextYear() };
    const call = await this.record("write", who, "problem.assign", () => w.session.mutate(this.base, "problem.assign", input, { "x-request-id": requestId }));
    this.writes.push({ requestId, action: "problem.assign", who, problemId, call });
    return call;
  }

  /** A leader reading: the home page, the ledger's counts and the ledger page in turn. */
  reader(session: Session) {
    const who = session.identifier;
    this.loops.push(
      (async () => {
        while (this.running) {
          await this.record("page", who, "/", () => session.get(this.base, "/"));
          await this.record("query", who, "problem.counts", () => session.query(this.base, "problem.counts", {}));
          await this.record("page", who, "/problems", () => session.get(this.base, "/problems"));
          await this.pause(150);
        }
      })(),
    );
  }

  /** Staff downloading the problem ledger as .xlsx. */
  exporter(session: Session) {
    const who = session.identifier;
    this.loops.push(
      (async () => {
        while (this.running) {
          await this.record("export", who, "/api/problems/export", () => session.get(this.base, "/api/problems/export"));
          await this.pause(300);
        }
      })(),
    );
  }

  /** Stops every loop after its current request. */
  async stop() {
    this.running = false;
    await Promise.all(this.loops);
  }
}

function deadlineNextYear(): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}
