/**
 * Reading a failed mutation's error (tRPC's shape: the message, and per-field messages from zod).
 * Plain functions, no hooks: server-rendered pages' islands use them without React Query.
 */

export interface ErrorShape {
  message: string;
  data?: { code?: string; fieldErrors?: Record<string, string[]> } | null;
}

/**
 * The messages for one field of a failed mutation. Zod paths are dotted ("focusAreas.2") and
 * nested under "data." for updates; `name` matches the field and anything below it.
 */
export function fieldErrorsOf(error: ErrorShape | null | undefined, name: string): string[] {
  const all = error?.data?.fieldErrors;
  if (!all) return [];
  const out: string[] = [];
  for (const [key, messages] of Object.entries(all)) {
    const path = key.startsWith("data.") ? key.slice(5) : key;
    if (path === name || path.startsWith(`${name}.`)) out.push(...messages);
  }
  return [...new Set(out)];
}

export const isConflict = (error: ErrorShape | null | undefined) => error?.data?.code === "CONFLICT";
