/**
 * What the data generator tells the benchmarks about a data set it loaded: who to sign in as
 * and which rows the write benchmarks may change. Written next to the data as JSON.
 */
export type BenchScale = "province" | "tenth";

export interface BenchManifest {
  scale: BenchScale;
  /** Database name on the server the generator was pointed at. */
  database: string;
  generatedAt: string;
  /** Every generated account signs in with this password. */
  password: string;
  /** Rows per table after loading. */
  counts: Record<string, number>;
  /** The campaign, year and month (YYYY-MM, China time) the read benchmarks ask for. */
  campaignId: number;
  year: number;
  month: string;
  /** Accounts whose reads are measured; all in the first city's subtree. */
  actors: {
    cityLeader: string;
    cityStaff: string;
    countyStaff: string;
    member: string;
  };
  /** Assignments of `countyStaff`'s committee that accept progress reports (accepted / in progress). */
  progress: { countyStaff: string; assignmentIds: number[] };
  /** Members who may sign up for every listed activity and are registered for none of them. */
  signUp: { members: string[]; activityIds: number[] };
  /** Members registered for every listed activity, whose check-in window is open for 24 h after generation. */
  checkIn: { members: string[]; activityIds: number[] };
}
