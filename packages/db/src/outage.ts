/**
 * Whether an error means PostgreSQL cannot be reached or is not serving: the request should
 * fail fast with 503 ("try again shortly"), not be reported as a bug. Looks through the causes
 * (Drizzle wraps the driver's error in a DrizzleQueryError, tRPC wraps that in a TRPCError).
 */
export function isDatabaseDown(error: unknown): boolean {
  return outageCode(error) !== undefined;
}

/** The code that makes `error` an outage (ECONNREFUSED, 57P01, …), for the log; undefined otherwise. */
export function outageCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && isOutageCode(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Socket errors of Node's net module while connecting or talking to the server. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);

/** The `postgres` driver's own connection errors. */
const DRIVER_CODES = new Set(["CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"]);

/**
 * SQLSTATEs of a server that is going away or not yet serving: 57P01 admin_shutdown (a fast
 * stop ends every session), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or
 * shutting down), 53300 too_many_connections; and class 08, connection exceptions.
 */
const SERVER_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);

function isOutageCode(code: string): boolean {
  return SOCKET_CODES.has(code) || DRIVER_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code);
}
