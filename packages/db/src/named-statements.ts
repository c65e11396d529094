import type postgres from "postgres";

type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * Makes every statement Drizzle sends through `sql` a named (prepared) statement, in
 * transactions and savepoints too. Drizzle prepares only queries given a name, and postgres.js
 * sends an unnamed statement with parameters in two round trips (Parse and Describe, wait for
 * the parameter types, then Bind and Execute), parsing and planning it every time. A named
 * statement is parsed once per connection; afterwards each call is one Bind and Execute.
 *
 * PostgreSQL plans the first five executions for their parameters and then may keep a generic
 * plan: the query-plan test (tests/bench/plans) checks both kinds of plan. A pooler in
 * transaction mode without prepared-statement support needs DB_PREPARED_STATEMENTS=off.
 */
export function namedStatements<T extends Sql>(sql: T): T {
  const unsafe = sql.unsafe;
  sql.unsafe = ((query, parameters, options) => unsafe(query, parameters, { ...options, prepare: true })) as typeof sql.unsafe;
  if ("begin" in sql) {
    const begin = sql.begin;
    sql.begin = ((...args: unknown[]) => {
      const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
      return begin(...(args as [string]), (tx) => work(namedStatements(tx)));
    }) as typeof sql.begin;
  }
  if ("savepoint" in sql) {
    const savepoint = sql.savepoint;
    sql.savepoint = ((...args: unknown[]) => {
      const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
      return savepoint(...(args as [string]), (tx) => work(namedStatements(tx)));
    }) as typeof sql.savepoint;
  }
  return sql;
}
