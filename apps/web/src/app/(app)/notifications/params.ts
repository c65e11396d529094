/** `?page=n`, or 1 for anything malformed. */
export function parsePage(raw: string | null | undefined): number {
  return raw && /^\d{1,5}$/.test(raw) && Number(raw) > 0 ? Number(raw) : 1;
}
