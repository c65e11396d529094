/**
 * Mends two faults of the `postgres` driver (3.4.9, the latest release) that a database outage
 * sets off, by editing the installed copy (`npm ci` runs this as the root postinstall):
 *
 * 1. A transaction whose connection dies has its ROLLBACK written to the closed socket from a
 *    setImmediate callback: an uncaught TypeError ("Cannot read properties of null (reading
 *    'write')") that ends the whole process (porsager/postgres#1208, #1154, #1066). Now a query
 *    given to a closed connection is refused with CONNECTION_CLOSED, and a write that finds the
 *    socket gone is dropped with the same error.
 * 2. A connection that closes with a write still pending keeps a stale write timer and the
 *    unsent bytes; when the pool opens it again its startup message is never sent, so each use
 *    waits out connect_timeout and fails, long after the server is back. Now closing clears both.
 *
 * Idempotent. If the driver's code no longer matches (a new release), nothing is changed and a
 * warning says so; tests/integration/driver.test.ts then shows whether the faults remain.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const MARK = "dm-patch";
const EDITS = [
  {
    find: "    if (terminated)\n      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n",
    replace:
      "    if (terminated)\n      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n\n" +
      `    if (!socket) // ${MARK}: the connection closed (a transaction's ROLLBACK after its backend died)\n` +
      "      return queryError(q, Errors.connection('CONNECTION_CLOSED', options))\n",
  },
  {
    find: "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n",
    replace:
      "  function nextWrite(fn) {\n" +
      `    if (!socket) { // ${MARK}: the socket closed before this deferred write ran\n` +
      "      chunk = nextWriteTimer = null\n" +
      "      error(Errors.connection('CONNECTION_CLOSED', options))\n" +
      "      return false\n" +
      "    }\n" +
      "    const x = socket.write(chunk, fn)\n",
  },
  {
    find: "    clearImmediate(nextWriteTimer)\n    if (socket) {\n",
    replace: `    clearImmediate(nextWriteTimer)\n    nextWriteTimer = chunk = null // ${MARK}: nothing pending survives the connection\n    if (socket) {\n`,
  },
  {
    find: "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)\n",
    replace: `    clearImmediate(nextWriteTimer)\n    nextWriteTimer = chunk = null // ${MARK}: nothing pending survives the connection\n    socket.removeListener('data', data)\n`,
  },
];

let root;
try {
  // "postgres" resolves to <package>/cjs/src/index.js for require().
  root = dirname(dirname(dirname(createRequire(import.meta.url).resolve("postgres"))));
} catch {
  console.warn("[patch-postgres] the postgres driver is not installed; nothing to mend");
  process.exit(0);
}

for (const variant of ["src", "cjs/src", "cf/src"]) {
  const file = join(root, variant, "connection.js");
  if (!existsSync(file)) continue;
  const source = readFileSync(file, "utf8");
  if (source.includes(MARK)) continue;
  const missing = EDITS.filter((e) => !source.includes(e.find));
  if (missing.length > 0) {
    console.warn(`[patch-postgres] ${file} is not the code this mends (a new driver release?); left as it is. Review packages/db/scripts/patch-postgres.mjs.`);
    continue;
  }
  writeFileSync(file, EDITS.reduce((text, e) => text.replace(e.find, e.replace), source));
  console.info(`[patch-postgres] mended ${file}`);
}
