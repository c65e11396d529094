/**
 * How the app's connection pool behaves when PostgreSQL goes away and comes back. Read from the
 * environment once per pool; every value has a default that suits one server next to the app.
 *
 * - DB_POOL_MAX (10): connections per process. Several app instances share the server's
 *   max_connections (100 by default): keep instances × DB_POOL_MAX (+ 3 per job worker) below it.
 * - DB_CONNECT_TIMEOUT_SECONDS (5): how long opening a connection may take. A request that needs a
 *   new connection while the server is unreachable fails (503) after at most this long; a
 *   server that is down but reachable refuses at once.
 * - DB_IDLE_TIMEOUT_SECONDS (30): an idle connection is closed after this long, so a pool holds
 *   no sockets from before a restart for long.
 * - DB_MAX_LIFETIME_SECONDS (the driver's 30–60 min, randomised): a connection is replaced after
 *   this long, so a pool follows a failover to a new address.
 */
export interface DatabaseSettings {
  max: number;
  connectTimeoutSeconds: number;
  idleTimeoutSeconds: number;
  /** null: the driver's randomised default. */
  maxLifetimeSeconds: number | null;
}

type Env = Record<string, string | undefined>;

function numberSetting(env: Env, name: string, fallback: number, { min, max, integer = false }: { min: number; max: number; integer?: boolean }): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

export function databaseSettings(env: Env = process.env): DatabaseSettings {
  const lifetime = env.DB_MAX_LIFETIME_SECONDS?.trim();
  return {
    max: numberSetting(env, "DB_POOL_MAX", 10, { min: 1, max: 500, integer: true }),
    connectTimeoutSeconds: numberSetting(env, "DB_CONNECT_TIMEOUT_SECONDS", 5, { min: 0.1, max: 120 }),
    idleTimeoutSeconds: numberSetting(env, "DB_IDLE_TIMEOUT_SECONDS", 30, { min: 1, max: 86_400 }),
    maxLifetimeSeconds: lifetime ? numberSetting(env, "DB_MAX_LIFETIME_SECONDS", 0, { min: 10, max: 86_400 }) : null,
  };
}

/**
 * The wait before a connection of the pool tries again after its last attempt failed, given how
 * many attempts in a row have failed. The driver's own default grows to 10–20 s; during an
 * outage every request would sit out that wait before failing, and after the server returns
 * the pool would stay away for as long. Attempts are made only for requests, never in the
 * background, so a short wait costs the server little: 50 ms, doubling, at most 0.5 s.
 */
export function reconnectDelaySeconds(failures: number): number {
  return Math.min(0.05 * 2 ** Math.max(0, failures - 1), 0.5);
}
