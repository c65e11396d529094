/**
 * Where a cell's time went: the CPU the server process (app or bound), PostgreSQL (postmaster
 * and backends) and the load generator used in the measured window, per successful request.
 * Read from Linux's /proc; elsewhere the figures are absent.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface CpuPerRequest {
  /** Milliseconds of CPU per successful request. */
  server: number;
  postgres: number;
  generator: number;
}

/** pid, parent pid and CPU time (user + system, clock ticks) from the text of /proc/<pid>/stat. */
export function parseStat(text: string): { pid: number; ppid: number; ticks: number } {
  // The command name is in parentheses and may hold spaces or parentheses itself: fields follow the last ")".
  const close = text.lastIndexOf(")");
  const rest = text.slice(close + 2).split(" ");
  // After the name: state, ppid, …; utime and stime are fields 14 and 15 of the whole line.
  return { pid: Number.parseInt(text, 10), ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
}

let ticksPerSecond: number | undefined;
function msPerTick(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return 1000 / ticksPerSecond;
}

function stats(): { pid: number; ppid: number; ticks: number }[] {
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      out.push(parseStat(readFileSync(`/proc/${name}/stat`, "utf8")));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** CPU milliseconds so far of `serverPid` and of the PostgreSQL whose postmaster is `postmasterPid` (with its children). */
function snapshot(serverPid: number, postmasterPid: number) {
  const all = stats();
  const ticks = (pred: (s: { pid: number; ppid: number }) => boolean) => all.filter(pred).reduce((n, s) => n + s.ticks, 0);
  const usage = process.cpuUsage();
  return {
    server: ticks((s) => s.pid === serverPid) * msPerTick(),
    postgres: ticks((s) => s.pid === postmasterPid || s.ppid === postmasterPid) * msPerTick(),
    generator: (usage.user + usage.system) / 1000,
  };
}

/**
 * Measures between `begin()` and `end(requests)`. Null where /proc is not there. PostgreSQL
 * backends that exit inside the window take their time with them; the pools keep theirs open.
 */
export function cpuSampler(serverPid: number, postmasterPid: number) {
  const available = (() => {
    try {
      readFileSync(`/proc/${serverPid}/stat`);
      return true;
    } catch {
      return false;
    }
  })();
  let start: ReturnType<typeof snapshot> | undefined;
  return {
    begin() {
      if (available) start = snapshot(serverPid, postmasterPid);
    },
    end(requests: number): CpuPerRequest | null {
      if (!start || requests === 0) return null;
      const now = snapshot(serverPid, postmasterPid);
      return { server: (now.server - start.server) / requests, postgres: (now.postgres - start.postgres) / requests, generator: (now.generator - start.generator) / requests };
    },
  };
}
