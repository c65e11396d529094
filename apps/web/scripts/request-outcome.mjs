/**
 * What a page request learned while it was rendered, for the production server to answer with.
 * Next.js renders a page that failed with HTTP 500 and offers no way to choose another status
 * (streaming starts before the page's code could); a database outage is not a server bug but
 * the service being unavailable for a moment, which is HTTP 503 with Retry-After. The page's
 * code marks the request (`markDatabaseDown`), and web-server.mjs answers 503 instead of 500.
 *
 * One AsyncLocalStorage for the process, kept on globalThis: this module is loaded twice, once
 * by web-server.mjs and once inside Next's server bundle, and both must see the same store.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const KEY = Symbol.for("dm.requestOutcome");

/** @typedef {{ databaseDown: boolean }} Outcome */
const shared = /** @type {Record<symbol, AsyncLocalStorage<Outcome> | undefined>} */ (/** @type {unknown} */ (globalThis));
export const requestOutcome = (shared[KEY] ??= new AsyncLocalStorage());

/** The current request failed because PostgreSQL was unavailable (no-op outside web-server.mjs, e.g. `next dev`). */
export function markDatabaseDown() {
  const outcome = requestOutcome.getStore();
  if (outcome) outcome.databaseDown = true;
}

/**
 * Runs `handle` for one request; if it answers 500 after marking the database down, the answer
 * goes out as 503 with Retry-After instead (same body: the error page).
 * @param {import("node:http").ServerResponse} res
 * @param {() => unknown} handle
 */
export function withRequestOutcome(res, handle) {
  /** @type {Outcome} */
  const outcome = { databaseDown: false };
  const writeHead = /** @type {(status: number, ...rest: unknown[]) => import("node:http").ServerResponse} */ (res.writeHead);
  // Node calls writeHead for an implicit header too (a write with only statusCode set).
  res.writeHead = /** @type {typeof res.writeHead} */ (
    /** @param {number} statusCode @param {unknown[]} rest */
    function (statusCode, ...rest) {
      if (statusCode === 500 && outcome.databaseDown) {
        res.setHeader("Retry-After", "5");
        // Drop a reason phrase written for 500; Node supplies 503's.
        return writeHead.call(res, 503, ...(typeof rest[0] === "string" ? rest.slice(1) : rest));
      }
      return writeHead.call(res, statusCode, ...rest);
    }
  );
  return requestOutcome.run(outcome, handle);
}
