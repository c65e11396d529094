export { backupDatabase, type BackupOptions, type BackupResult } from "./backup";
export { readManifest, restoreDatabase, type RestoreOptions, type RestoreResult } from "./restore";
export { applicationTables, connect, tableChecksum } from "./catalog";
export type { Manifest } from "./manifest";
