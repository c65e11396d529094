export { appRouter, createCaller, type AppRouter } from "./root";
export { createContext, type Context, type Viewer } from "./context";
export { isDatabaseDown } from "./trpc";
export { LOCALES, DEFAULT_LOCALE, parseLocale, type Locale } from "./i18n";
export type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
export { readableAttachment } from "./attachment-access";
export { submitTip, type PhotoStore, type TipPhoto, type TipRefusal, type TipSubmitResult } from "./routers/tip";
export { ledgerForExport } from "./routers/problem";
export { problemWorkbook } from "./domain/problem-export";
