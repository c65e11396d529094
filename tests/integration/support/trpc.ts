import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { getErrorShape, getFormattedErrorShape, setFormattedErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { expect } from "vitest";
import { appRouter, createCaller, createContext, type Locale } from "@dm/api";
import type { Db } from "@dm/db";

export interface CallerOptions {
  locale?: Locale;
  requestId?: string;
  /** The session's own id (random by default) and the users.session_version it was issued with (0). */
  sessionId?: string;
  sessionVersion?: number;
}

/**
 * A server-side tRPC caller acting as `sessionUserId` (null: signed out), with the context the
 * route handler would build. A server-side caller skips the error formatter, so on failure we run
 * the app's formatter with the request's own context and keep the result on the error: the shape
 * an HTTP client would have received (see `expectTRPCError`).
 */
export function callerFor(db: Db, sessionUserId: number | null, opts: CallerOptions = {}) {
  const headers = new Headers(opts.locale ? { "x-locale": opts.locale } : {});
  if (opts.requestId) headers.set("x-request-id", opts.requestId);
  const session = sessionUserId === null ? null : { userId: sessionUserId, sessionId: opts.sessionId ?? randomUUID(), sessionVersion: opts.sessionVersion ?? 0 };
  return createCaller(createContext({ db, session, headers }), {
    onError: ({ error, ctx, path, input, type }) => {
      setFormattedErrorShape(error, getErrorShape({ config: appRouter._def._config, error, ctx, path, input, type }));
    },
  });
}

/** The error body a client receives: the app's error formatter applied in the caller's locale. */
export interface ErrorShape {
  message: string;
  code: number;
  data: {
    code: string;
    httpStatus: number;
    path?: string;
    requestId?: string;
    fieldErrors?: Record<string, string[]>;
  };
}

/** Awaits a call from `callerFor` that must fail with `code`; returns the error and its formatted shape. */
export async function expectTRPCError(promise: Promise<unknown>, code: TRPCError["code"]): Promise<{ error: TRPCError; shape: ErrorShape }> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, "the call should have failed").toBeInstanceOf(TRPCError);
  const error = caught as TRPCError;
  expect(error.code).toBe(code);
  const shape = getFormattedErrorShape(error) as ErrorShape | undefined;
  if (!shape) throw new Error("no formatted error shape: was the call made through callerFor()?");
  expect(shape.data.code).toBe(code);
  return { error, shape };
}
