import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, ZodRealError } from "zod";
import { isDatabaseDown, type Role } from "@dm/db";
import type { Context } from "./context";
import { noteWrite } from "./computed-cache";
import { type Capability, CAPABILITIES, roleAllows } from "./domain/roles";
import { hasMessage, type Locale, localizeZodError, translate } from "./i18n";

/**
 * Throws an error whose message is a catalogue key; the formatter turns it into the caller's
 * language. Use for every error a person may read.
 */
export function fail(code: TRPCError["code"], key?: string, params?: Record<string, unknown>): never {
  throw new TRPCError({ code, message: key ?? `error.${code}`, cause: params ? new MessageParams(params) : undefined });
}

class MessageParams extends Error {
  constructor(readonly params: Record<string, unknown>) {
    super("message params");
  }
}

/**
 * An error of an in-process call (a route handler's caller skips the formatter) as a person
 * reads it: its catalogue message with its params, in `locale`.
 */
export function errorText(error: TRPCError, locale: Locale): string {
  const params = error.cause instanceof MessageParams ? error.cause.params : {};
  return hasMessage(error.message) ? translate(locale, error.message, params) : translate(locale, `error.${error.code}`);
}

/** PostgreSQL unreachable or not serving: the request should fail fast with 503, not hang or show a 500. */
export { isDatabaseDown };

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const locale = ctx?.locale ?? "zh-CN";
    const requestId = ctx?.requestId;
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    const params = error.cause instanceof MessageParams ? error.cause.params : {};
    let code: string = error.code;
    let message: string;
    if (zodError) message = translate(locale, "error.BAD_REQUEST");
    // An outage outside a procedure (the procedures' own are SERVICE_UNAVAILABLE already).
    else if (error.code === "INTERNAL_SERVER_ERROR" && isDatabaseDown(error.cause)) {
      code = "SERVICE_UNAVAILABLE";
      message = translate(locale, "error.SERVICE_UNAVAILABLE");
    } else if (hasMessage(error.message)) message = translate(locale, error.message, { requestId, ...params });
    // Unknown messages are internal details: never shown to people. A code without its own
    // message reads as a bad request (4xx) or a server error.
    else message = translate(locale, hasMessage(`error.${error.code}`) ? `error.${error.code}` : shape.data.httpStatus < 500 ? "error.BAD_REQUEST" : "error.INTERNAL_SERVER_ERROR", { requestId });
    return {
      message,
      code: shape.code,
      data: {
        code,
        httpStatus: code === "SERVICE_UNAVAILABLE" ? 503 : shape.data.httpStatus,
        path: shape.data.path,
        requestId,
        fieldErrors: zodError ? localizeZodError(zodError, locale) : undefined,
        /** On CONFLICT: the record as it is now, so the client can show it without guessing. */
        current: params.current,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * A database outage during a procedure becomes SERVICE_UNAVAILABLE (HTTP 503, "try again
 * shortly") with its catalogue message, for HTTP and in-process callers (pages, downloads)
 * alike, instead of an internal error.
 */
const databaseOutage = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR" && isDatabaseDown(result.error.cause)) {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "error.SERVICE_UNAVAILABLE", cause: result.error.cause });
  }
  return result;
});

/**
 * Every mutation, once it has ended, moves this process's write generation on, so cached
 * computed answers (computed-cache.ts) are recomputed before they are served again: whoever
 * changed something sees the change on their next read. Failed ones too: a write may have
 * committed before a later step failed, and a recomputation costs little.
 */
const writeGeneration = t.middleware(async ({ type, next }) => {
  if (type !== "mutation") return next();
  try {
    return await next();
  } finally {
    noteWrite();
  }
});

export const publicProcedure = t.procedure.use(databaseOutage).use(writeGeneration);

/** Signed in, account active; `ctx.viewer` carries role and scope from the database. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const viewer = await ctx.viewer();
  if (!viewer) fail("UNAUTHORIZED");
  return next({ ctx: { ...ctx, viewer } });
});

/** Signed in with one of `roles`; anyone else gets FORBIDDEN before any data is touched. */
export function roleProcedure(...roles: Role[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!roleAllows(ctx.viewer.role, roles)) fail("FORBIDDEN");
    return next();
  });
}

/** Gate by a named capability from domain/roles.ts. */
export function capabilityProcedure(capability: Capability) {
  return roleProcedure(...CAPABILITIES[capability]);
}

/**
 * A BAD_REQUEST about one field that only the server can judge (a date against a stored term, a
 * score against a criterion's maximum): it reaches the client like a zod problem, in
 * `data.fieldErrors[path]`, so the form shows it under that field.
 */
export function failField(path: (string | number)[], key: string): never {
  // ZodRealError: the ZodError that is also an Error, so tRPC keeps it as the cause (as a failed parse does).
  throw new TRPCError({ code: "BAD_REQUEST", cause: new ZodRealError([{ code: "custom", path, message: key, input: undefined }]) });
}
