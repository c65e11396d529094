import { accountRouter } from "./routers/account";
import { auditRouter } from "./routers/audit";
import { assignmentRouter } from "./routers/assignment";
import { campaignRouter } from "./routers/campaign";
import { notificationRouter } from "./routers/notification";
import { taskRouter } from "./routers/task";
import { committeeRouter } from "./routers/committee";
import { memberRouter } from "./routers/member";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  committee: committeeRouter,
  member: memberRouter,
  campaign: campaignRouter,
  task: taskRouter,
  assignment: assignmentRouter,
  notification: notificationRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
