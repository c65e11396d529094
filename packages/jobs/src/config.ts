/**
 * JOBS_MODE: where the background jobs run.
 * - inline (default): inside `npm start`, next to the web server;
 * - worker: not there; a separate `npm run worker` process runs them (as many as you like);
 * - off: nowhere (no reminders are sent).
 */
export const JOBS_MODES = ["inline", "worker", "off"] as const;
export type JobsMode = (typeof JOBS_MODES)[number];

export function parseJobsMode(value: string | undefined): JobsMode {
  const mode = (value ?? "").trim() || "inline";
  if (!(JOBS_MODES as readonly string[]).includes(mode)) throw new Error(`JOBS_MODE must be one of ${JOBS_MODES.join(", ")} (got "${value}")`);
  return mode as JobsMode;
}

/**
 * JOBS_POLL_SECONDS (10): how often an idle worker looks for queued jobs, so how soon a job
 * queued by `send` (or a cron tick) starts. JOBS_CRON_CHECK_SECONDS (30): how often a worker
 * looks at the cron schedules (pg-boss's cron monitor). Neither changes how often a job runs: a
 * schedule fires once per minute it names, however many workers check it.
 */
export interface JobsTiming {
  pollSeconds: number;
  cronCheckSeconds: number;
}

function seconds(env: Record<string, string | undefined>, name: string, fallback: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  // pg-boss's own bounds: polling at least every 0.5 s, the cron monitor 1–45 s.
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be a whole number of seconds from 1 to ${max} (got "${raw}")`);
  return value;
}

export function jobsTiming(env: Record<string, string | undefined> = process.env): JobsTiming {
  return { pollSeconds: seconds(env, "JOBS_POLL_SECONDS", 10, 600), cronCheckSeconds: seconds(env, "JOBS_CRON_CHECK_SECONDS", 30, 45) };
}
