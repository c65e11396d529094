import type { BenchScale } from "./manifest";

/**
 * The shape of a data set: the committee tree and how much each committee does. Hunan has 14
 * prefecture-level divisions, 122 county-level ones and about 1,900 townships; the province set
 * is that tree, each city running its own campaign. Rates are per committee, so the one-tenth set
 * is the first city whole (株洲市, where every measured account lives) plus a city of three
 * counties: one tenth of every table, and exactly the same data under the measured accounts.
 */

export interface CityShape {
  /** e.g. 株洲市 */
  name: string;
  /** Townships of each county, in order. */
  counties: number[];
}

/** County-level units per city (sums to 122); 株洲市 first, as in the demo. */
const PROVINCE: [string, number][] = [
  ["株洲市", 9], ["长沙市", 9], ["湘潭市", 5], ["衡阳市", 12], ["邵阳市", 12], ["岳阳市", 9], ["常德市", 9],
  ["张家界市", 4], ["益阳市", 6], ["郴州市", 11], ["永州市", 11], ["怀化市", 12], ["娄底市", 5], ["湘西州", 8],
];

/** 1,900 townships over 122 counties: the first 70 counties have 16, the rest 15. */
function provinceShape(): CityShape[] {
  let county = 0;
  return PROVINCE.map(([name, n]) => ({ name, counties: Array.from({ length: n }, () => (county++ < 70 ? 16 : 15)) }));
}

export function shapeOf(scale: BenchScale): CityShape[] {
  const province = provinceShape();
  if (scale === "province") return province;
  // 12 counties and 190 townships: 株洲市 as in the province, and three counties of 湘潭市.
  return [province[0]!, { name: "湘潭市", counties: [16, 15, 15] }];
}

/** What each committee does, per level. Tuned so the province set has the totals. */
export const RATES = {
  /** Roster size of the committee itself (townships alternate 16 and 17). */
  members: { city: 300, county: 200, township: [16, 17] },
  /** Tasks a city issues per county it has (5,000 over 122 counties). */
  tasksPerCounty: 41,
  /** Activities a committee holds in an average month (200,000 a year over the tree). */
  activitiesPerMonth: { city: 30, county: 20, township: 7.6 },
  /** Sign-ups per activity, [min, max]. */
  signUps: { city: [60, 140], county: [25, 55], township: [7, 13] },
  /**
   * Problems per year in the area of each county and each township: 101,410 over the province,
   * 10,090 in the tenth (just over the query-plan test's 10,000-row line, so the rule bites).
   */
  problems: { county: 255, township: 37 },
} as const;

/** Sizes of the write pools of the load benchmark. */
export const POOLS = { progressAssignments: 2048, signUpMembers: 64, signUpActivities: 1024, checkInMembers: 64, checkInActivities: 1024 } as const;

/* ─── China time ─────────────────────────────────────────────────────────────────────────── */

const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A wall-clock time in China (UTC+8 all year) as an instant. */
export const chinaTime = (year: number, month: number, day: number, hour = 0, minute = 0): Date => new Date(Date.UTC(year, month - 1, day, hour - 8, minute));

/** The China calendar day of an instant, "YYYY-MM-DD". */
export const chinaDay = (instant: Date): string => new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 10);

/** The China calendar month of an instant, "YYYY-MM". */
export const chinaMonth = (instant: Date): string => chinaDay(instant).slice(0, 7);

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
