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
