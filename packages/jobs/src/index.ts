export { JOBS, JOB_NAMES, type JobName, runJob, startWorker, type Worker, type WorkerOptions } from "./worker";
export { deliver, type ReminderDraft } from "./deliver";
export { JOBS_MODES, type JobsMode, parseJobsMode } from "./config";
