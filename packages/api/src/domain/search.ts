/** A LIKE pattern for "contains": `%`, `_` and `\` typed by a person match themselves, not wildcards. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
