export { createDb, getDb, type Db, type Tx, type Executor } from "./client";
export * from "./enums";
export * from "./path";
export { databaseHealth } from "./health";
export { isDatabaseDown, outageCode } from "./outage";
export { databaseSettings, type DatabaseSettings } from "./settings";
export { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, like, ne, or, sql } from "drizzle-orm";
export { PARTICIPATION_FROM_REGISTRATIONS, rebuildParticipation } from "./participation";
