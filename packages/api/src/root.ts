import { accountRouter } from "./routers/account";
import { appraisalRouter } from "./routers/appraisal";
import { departmentRouter } from "./routers/department";
import { groupRouter } from "./routers/group";
import { activityRouter } from "./routers/activity";
import { auditRouter } from "./routers/audit";
import { assignmentRouter } from "./routers/assignment";
import { campaignRouter } from "./routers/campaign";
import { notificationRouter } from "./routers/notification";
import { taskRouter } from "./routers/task";
import { committeeRouter } from "./routers/committee";
import { memberRouter } from "./routers/member";
import { dashboardRouter } from "./routers/dashboard";
import { coverageRouter } from "./routers/coverage";
import { monthlyReportRouter } from "./routers/monthly-report";
import { participationRouter } from "./routers/participation";
import { problemRouter } from "./routers/problem";
import { tipRouter } from "./routers/tip";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  committee: committeeRouter,
  member: memberRouter,
  campaign: campaignRouter,
  task: taskRouter,
  assignment: assignmentRouter,
  notification: notificationRouter,
  department: departmentRouter,
  group: groupRouter,
  appraisal: appraisalRouter,
  coverage: coverageRouter,
  monthlyReport: monthlyReportRouter,
  participation: participationRouter,
  problem: problemRouter,
  tip: tipRouter,
  activity: activityRouter,
  audit: auditRouter,
  dashboard: dashboardRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
