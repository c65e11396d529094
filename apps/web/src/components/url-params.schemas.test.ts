import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activityListInput, memberActivitiesInput } from "@dm/api/schemas/activity";
import { auditListInput } from "@dm/api/schemas/audit";
import { isoDate, monthString, text } from "@dm/api/schemas/common";
import { groupListInput } from "@dm/api/schemas/group";
import { memberListInput } from "@dm/api/schemas/member";
import { problemListInput } from "@dm/api/schemas/problem";
import { inboxInput, taskListInput } from "@dm/api/schemas/task";
import { tipListInput } from "@dm/api/schemas/tip";
import { parseInboxSearch } from "@/app/(app)/assignments/params";
import { parseAuditSearch } from "@/app/(app)/audit/params";
import { parseGroupSearch } from "@/app/(app)/groups/params";
import { parseMemberSearch } from "@/app/(app)/members/params";
import { parseProblemSearch } from "@/app/(app)/problems/params";
import { parseTaskSearch } from "@/app/(app)/tasks/params";
import { parseTipSearch } from "@/app/(app)/tips/params";
import { parseActivitySearch, parseMemberView } from "./activities/params";
import { dayParam, monthParam, pageParam, textParam } from "./url-params";

/*
 * url-params checks URL values with the plain rules, not the API's zod schemas (zod would join
 * the list pages' first load). These properties hold it to the schemas: what it keeps, the API
 * takes; what the API takes, it keeps.
 */

/** Any UTF-16 unit, lone surrogates and control characters included, with digits, dashes and spaces often. */
const unit = fc.oneof(
  fc.constantFrom(..."0123456789-- \t\n"),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const anyText = fc.string({ unit, maxLength: 70 });
const pad = (n: number, width: number) => String(n).padStart(width, "0");
/** Strings shaped like days (years 0–9999, months and days 0–39: real, unreal and out of range), and anything else. */
const dayLike = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 39 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.date({ min: new Date("1890-01-01"), max: new Date("2110-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  anyText,
);
const monthLike = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 })).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}`),
  anyText,
);
const pageLike = fc.oneof(fc.integer({ min: -5, max: 100_000 }).map(String), fc.constantFrom("1.5", "1e3", "0x10", " 2", "007"), anyText);

const KEYS = ["q", "page", "status", "kind", "type", "department", "campaign", "month", "view", "from", "to", "actor", "id", "level", "sector", "committee", "category", "size"];
/** A query string a person might paste: known keys (some twice), any values. */
const query = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), fc.oneof(anyText, dayLike, monthLike, pageLike)), { maxLength: 10 })
  .map((pairs) => new URLSearchParams(pairs));

const runs = { numRuns: 400 };

describe("url-params agrees with the API's schemas", () => {
  it("keeps a day exactly when isoDate takes it", () => {
    fc.assert(
      fc.property(dayLike, (s) => {
        expect(dayParam(s) !== undefined).toBe(s !== "" && isoDate.safeParse(s).success);
      }),
      runs,
    );
  });

  it("keeps a month exactly when monthString takes it", () => {
    fc.assert(
      fc.property(monthLike, (s) => {
        expect(monthParam(s) !== undefined).toBe(s !== "" && monthString.safeParse(s).success);
      }),
      runs,
    );
  });

  it("keeps text the text schema takes, and passes on only text it takes", () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 60 }), (s, max) => {
        const kept = textParam(s, max);
        if (kept !== undefined) expect(text({ max }).safeParse(kept)).toEqual({ success: true, data: kept });
        const schema = text({ max }).safeParse(s);
        if (schema.success && schema.data !== "") expect(kept).toBe(schema.data);
      }),
      runs,
    );
  });

  it("reads a page every list's schema takes", () => {
    const page = activityListInput.shape.page;
    fc.assert(
      fc.property(pageLike, (s) => {
        const read = pageParam(new URLSearchParams({ page: s }));
        expect(page.safeParse(read).success).toBe(true);
        if (/^[1-9]\d*$/.test(s) && page.safeParse(Number(s)).success) expect(read).toBe(Number(s));
      }),
      runs,
    );
  });

  it("gives every list filters its API takes, whatever the URL", () => {
    const lists = [
      ["activities", parseActivitySearch, activityListInput],
      ["member activities", parseMemberView, memberActivitiesInput],
      ["tasks", parseTaskSearch, taskListInput],
      ["inbox", parseInboxSearch, inboxInput],
      ["groups", parseGroupSearch, groupListInput],
      ["members", parseMemberSearch, memberListInput],
      ["problems", parseProblemSearch, problemListInput],
      ["tips", parseTipSearch, tipListInput],
    ] as const;
    fc.assert(
      fc.property(query, (params) => {
        for (const [name, parse, schema] of lists) {
          const result = schema.safeParse(parse(params));
          expect(result.success ? [] : result.error.issues, `${name}: ${params}`).toEqual([]);
        }
        // The audit log shows "from after to" as the form's own field error; nothing else may fail.
        const audit = auditListInput.safeParse(parseAuditSearch(params));
        expect(audit.success ? [] : audit.error.issues.map((i) => i.message), `audit: ${params}`).toEqual(
          audit.success ? [] : ["audit.badRange"],
        );
      }),
      runs,
    );
  });
});
