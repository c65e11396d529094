"use client";

import { keepPreviousData, useInfiniteQuery, useSuspenseQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { ArrowRight, Filter } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@dm/api";
import { ResultSummary, useUrlInput } from "@/components/list";
import { Field } from "@/components/tasks/field";
import { formatDateTime } from "@/components/tasks/timeline";
import { Alert, Badge, type BadgeTone, buttonClass, Card, EmptyState, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { type AuditFilters, parseAuditSearch, toAuditSearch } from "./params";

type AuditEvent = inferRouterOutputs<AppRouter>["audit"]["list"]["items"][number];
type FieldChange = AuditEvent["changes"][number];

/** Where an audited record can be opened, by entity type. */
const ENTITY_LINKS: Record<string, (id: string) => string> = {
  assignment: (id) => `/assignments/${id}`,
  task: (id) => `/tasks/${id}`,
  campaign: (id) => `/campaigns/${id}`,
};

const KIND_TONES: Record<Exclude<FieldChange["kind"], "same">, BadgeTone> = { added: "green", removed: "red", changed: "gold" };

export function AuditLog() {
  const t = useTranslations("audit");
  const trpc = useTRPC();
  // The shared URL hook pages by number; this list pages by cursor, so its `page` goes unused.
  const { input: fromUrl, go, clear } = useUrlInput<AuditFilters & { page?: number }>(parseAuditSearch, toAuditSearch);
  const { page: _page, ...input } = fromUrl;
  const badRange = Boolean(input.from && input.to && input.from > input.to);
  const { data: types } = useSuspenseQuery(trpc.audit.entityTypes.queryOptions());
  const query = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }),
    enabled: !badRange,
    placeholderData: keepPreviousData,
  });
  const events = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(input.actor || input.entityType || input.entityId || input.from || input.to);

  return (
    <Card>
      <AuditFilterForm key={toAuditSearch(input)} input={input} types={types} badRange={badRange} onApply={(next) => go(next)} />
      {query.isError ? <Alert className="m-4">{query.error.message}</Alert> : null}
      <ResultSummary text={badRange ? t("badRange") : query.data ? t("shown", { count: events.length }) : t("loading")} clearLabel={t("clear")} onClear={filtered ? clear : undefined} />
      {badRange ? null : query.data && events.length === 0 ? (
        <EmptyState title={t("empty")} hint={filtered ? t("emptyHint") : undefined} />
      ) : (
        <ol className={clsx("divide-y divide-slate-100", query.isFetching && !query.isFetchingNextPage && "opacity-60")} aria-busy={query.isFetching}>
          {events.map((e) => (
            <AuditEntry key={e.id} event={e} />
          ))}
        </ol>
      )}
      {!badRange && query.data && events.length > 0 ? (
        <div className="flex justify-center border-t border-slate-100 px-4 py-3">
          {query.hasNextPage ? (
            <button type="button" className={buttonClass.secondary} disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? t("loading") : t("more")}
            </button>
          ) : (
            <span className="text-sm text-slate-500">{t("end")}</span>
          )}
        </div>
      ) : null}
    </Card>
  );
}

/** The filters, applied together on submit (typing a name should not fire a query per key). */
function AuditFilterForm({ input, types, badRange, onApply }: { input: AuditFilters; types: string[]; badRange: boolean; onApply: (next: AuditFilters) => void }) {
  const t = useTranslations("audit");
  const [rangeError, setRangeError] = useState(badRange);
  const typeLabel = (type: string) => (t.has(`entities.${type}`) ? t(`entities.${type}`) : type);
  return (
    <form
      aria-label={t("filters")}
      className="grid grid-cols-2 gap-3 border-b border-slate-100 p-4 lg:grid-cols-[2fr_1.2fr_1fr_1.2fr_1.2fr_auto] lg:items-start"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
        const next = { actor: text("actor"), entityType: text("type"), entityId: text("id"), from: text("from"), to: text("to") };
        if (next.from && next.to && next.from > next.to) return setRangeError(true);
        setRangeError(false);
        onApply(next);
      }}
    >
      <Field id="audit-actor" label={t("actor")} className="col-span-2 lg:col-span-1">
        <input id="audit-actor" name="actor" defaultValue={input.actor} maxLength={50} placeholder={t("actorPlaceholder")} className={inputClass} />
      </Field>
      <Field id="audit-type" label={t("entityType")}>
        <select id="audit-type" name="type" defaultValue={input.entityType ?? ""} className={inputClass}>
          <option value="">{t("allTypes")}</option>
          {[...new Set([...types, ...(input.entityType ? [input.entityType] : [])])].map((type) => (
            <option key={type} value={type}>
              {typeLabel(type)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-id" label={t("entityId")}>
        <input id="audit-id" name="id" defaultValue={input.entityId} maxLength={40} placeholder={t("entityIdPlaceholder")} className={inputClass} />
      </Field>
      <Field id="audit-from" label={t("from")}>
        <input id="audit-from" name="from" type="date" defaultValue={input.from} className={inputClass} />
      </Field>
      <Field id="audit-to" label={t("to")} errors={rangeError ? [t("badRange")] : []}>
        <input id="audit-to" name="to" type="date" defaultValue={input.to} className={inputClass} aria-invalid={rangeError || undefined} aria-describedby={rangeError ? "audit-to-error" : undefined} />
      </Field>
      {/* Level with the inputs (below their labels), whether or not a field shows an error. */}
      <button type="submit" className={clsx(buttonClass.primary, "col-span-2 lg:col-span-1 lg:mt-6")}>
        <Filter className="h-4 w-4" aria-hidden />
        {t("apply")}
      </button>
    </form>
  );
}

function AuditEntry({ event }: { event: AuditEvent }) {
  const t = useTranslations();
  const format = useFormatter();
  const [showSame, setShowSame] = useState(false);
  const actionKey = `audit.actions.${event.action}`;
  const entityKey = `audit.entities.${event.entityType}`;
  const link = ENTITY_LINKS[event.entityType]?.(event.entityId);
  const changed = event.changes.filter((c) => c.kind !== "same");
  const same = event.changes.filter((c) => c.kind === "same");
  const shown = showSame ? event.changes : changed;
  // A creation has no "before" (a deletion no "after"): leave out the empty column.
  const cols = { before: event.changes.some((c) => c.kind !== "added"), after: event.changes.some((c) => c.kind !== "removed") };

  return (
    <li className="px-4 py-4 sm:px-5" data-audit-event={event.id}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <time dateTime={event.at.toISOString()} className="text-sm text-slate-500 tabular-nums">
          {formatDateTime(format, event.at)}
        </time>
        <span className="font-medium text-slate-900">{t.has(actionKey) ? t(actionKey) : event.action}</span>
        <span className="text-sm text-slate-600">
          {t.has(entityKey) ? t(entityKey) : event.entityType}{" "}
          {link ? (
            <Link href={link} className="text-brand-700 hover:underline">
              #{event.entityId}
            </Link>
          ) : (
            <>#{event.entityId}</>
          )}
        </span>
      </div>
      <p className="mt-0.5 text-sm text-slate-600">
        {event.actorName === null ? (
          t("audit.publicActor")
        ) : (
          <>
            {event.actorName}
            <span className="text-slate-500">（{event.actorUsername}）</span> · {event.actorCommittee} · {t(`roles.${event.actorRole}`)}
          </>
        )}
      </p>

      {event.changes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t("audit.noFields")}</p>
      ) : (
        <div className="mt-2 overflow-hidden rounded-md border border-slate-200">
          <table className="w-full table-fixed text-left text-sm">
            <thead className="bg-slate-50 text-xs text-slate-500">
              <tr>
                <th scope="col" className="w-24 px-3 py-1.5 font-medium sm:w-40">
                  {t("audit.field")}
                </th>
                {cols.before ? (
                  <th scope="col" className="px-3 py-1.5 font-medium">
                    {t("audit.before")}
                  </th>
                ) : null}
                {cols.before && cols.after ? <th scope="col" className="hidden w-6 sm:table-cell" aria-hidden /> : null}
                {cols.after ? (
                  <th scope="col" className="px-3 py-1.5 font-medium">
                    {t("audit.after")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((c) => (
                <ChangeRow key={c.path} change={c} entityType={event.entityType} cols={cols} />
              ))}
            </tbody>
          </table>
          {same.length > 0 ? (
            <button type="button" className="w-full border-t border-slate-100 px-3 py-1.5 text-left text-xs text-brand-700 hover:bg-slate-50" aria-expanded={showSame} onClick={() => setShowSame((v) => !v)}>
              {showSame ? t("audit.hideUnchanged") : t("audit.showUnchanged", { count: same.length })}
            </button>
          ) : null}
        </div>
      )}
      <p className="mt-1 text-xs text-slate-500">
        {t("audit.requestId")} <span className="font-mono">{event.requestId}</span>
      </p>
    </li>
  );
}

function ChangeRow({ change, entityType, cols }: { change: FieldChange; entityType: string; cols: { before: boolean; after: boolean } }) {
  const t = useTranslations();
  const leaf = change.path.split(".").at(-1)!;
  const label = t.has(`audit.fields.${leaf}`) ? t(`audit.fields.${leaf}`) : change.path;
  const show = (value: unknown) => {
    if (value === undefined || value === null || value === "") return <span className="text-slate-500">{t("audit.empty_value")}</span>;
    if (typeof value === "boolean") return t(value ? "audit.yes" : "audit.no");
    // An assignment's status reads as its Chinese label.
    if (leaf === "status" && entityType === "assignment" && typeof value === "string" && t.has(`assignmentStatus.${value}`)) return t(`assignmentStatus.${value}`);
    if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) return value.join("、");
    if (typeof value === "object") return <code className="font-mono text-xs break-all">{JSON.stringify(value)}</code>;
    if (leaf === "percent" && typeof value === "number") return `${value}%`;
    return String(value);
  };
  const isSame = change.kind === "same";
  return (
    <tr data-change={change.kind} className={clsx(!isSame && "bg-amber-50/60")}>
      <th scope="row" className={clsx("px-3 py-1.5 align-top font-normal break-words", isSame ? "text-slate-500" : "text-slate-700")}>
        <span className="block">{label}</span>
        {change.kind !== "same" ? <Badge tone={KIND_TONES[change.kind]}>{t(`audit.kinds.${change.kind}`)}</Badge> : null}
      </th>
      {cols.before ? (
        <td className={clsx("px-3 py-1.5 align-top break-words whitespace-pre-wrap", isSame ? "text-slate-500" : "text-slate-500", change.kind === "changed" && "line-through decoration-slate-300")}>
          {change.kind === "added" ? null : show(change.before)}
        </td>
      ) : null}
      {cols.before && cols.after ? (
        <td className="hidden px-0 py-1.5 align-top text-slate-300 sm:table-cell" aria-hidden>
          {change.kind === "changed" ? <ArrowRight className="h-4 w-4" /> : null}
        </td>
      ) : null}
      {cols.after ? (
        <td className={clsx("px-3 py-1.5 align-top break-words whitespace-pre-wrap", isSame ? "text-slate-500" : "font-medium text-slate-900")}>{change.kind === "removed" ? null : show(change.after)}</td>
      ) : null}
    </tr>
  );
}
