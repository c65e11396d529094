import type { AuditListInput } from "@dm/api/schemas/audit";
import { dayParam, textParam } from "@/components/url-params";

export type AuditFilters = Omit<AuditListInput, "cursor">;

/**
 * The audit log's filters live in the URL (shareable, survive reload); malformed values are
 * dropped rather than sent to the API. The paging cursor does not: "load earlier" grows the list.
 */
export function parseAuditSearch(params: URLSearchParams): AuditFilters {
  const entityType = params.get("type")?.trim();
  return {
    actor: textParam(params.get("actor"), 50),
    entityType: entityType && /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/.test(entityType) ? entityType : undefined,
    entityId: textParam(params.get("id"), 40),
    from: dayParam(params.get("from")),
    to: dayParam(params.get("to")),
  };
}

export function toAuditSearch(input: AuditFilters): string {
  const p = new URLSearchParams();
  if (input.actor) p.set("actor", input.actor);
  if (input.entityType) p.set("type", input.entityType);
  if (input.entityId) p.set("id", input.entityId);
  if (input.from) p.set("from", input.from);
  if (input.to) p.set("to", input.to);
  const s = p.toString();
  return s ? `?${s}` : "";
}
