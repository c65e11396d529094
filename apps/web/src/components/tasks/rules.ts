/**
 * The return that stands, if any: the last event bearing on the percent (a report or a return;
 * a pass-down in between does not count) was a return. The server applies the same rule to let
 * the percent go down once, so the report form and the "returned" banner follow it too.
 */
export function standingReturn<E extends { type: string }>(events: readonly E[]): E | null {
  const last = [...events].reverse().find((e) => e.type === "progress" || e.type === "reported" || e.type === "returned");
  return last?.type === "returned" ? last : null;
}
