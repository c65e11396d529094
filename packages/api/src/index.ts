export { appRouter, createCaller, type AppRouter } from "./root";
export { createContext, type Context, type Viewer } from "./context";
export { isDatabaseDown } from "./trpc";
export { LOCALES, DEFAULT_LOCALE, parseLocale, type Locale } from "./i18n";
export type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
export { readableAttachment } from "./attachment-access";
export { memberCalendar } from "./routers/activity";
