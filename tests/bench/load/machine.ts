/** The machine a run measured on, for the results: figures mean little without it. */
import { availableParallelism, cpus, loadavg, release, totalmem, type } from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  postgres: string;
  os: string;
  /** 1-minute load average when the run started and when it ended: others may share the machine. */
  loadStart: number;
  loadEnd?: number;
}

export function describeMachine(postgresVersion: string): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: availableParallelism(),
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: postgresVersion,
    os: `${type()} ${release()}`,
    loadStart: loadavg()[0]!,
  };
}

export const currentLoad = () => loadavg()[0]!;
