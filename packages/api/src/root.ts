import { accountRouter } from "./routers/account";
import { committeeRouter } from "./routers/committee";
import { memberRouter } from "./routers/member";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  committee: committeeRouter,
  member: memberRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
