import { type MemberLevel, type Party, PARTIES, type Sector, SECTORS } from "@dm/db/enums";
import { isSafeText } from "../schemas/common";
import { parseMemberLevel, PHONE_PATTERN } from "./member";
import { headerOf, type RosterColumn, type RosterFileRow } from "./member-workbook";

/**
 * Checks the rows of a roster file before anything is written: every problem of every row, by
 * column, as catalogue keys. The same check runs for the preview and again for the import itself,
 * so a preview that has gone stale (someone added a member meanwhile) cannot slip a row through.
 */

export interface ImportCommittee {
  id: number;
  name: string;
  shortName: string;
  /** Within the caller's scope: members may be put there. */
  inScope: boolean;
}

export interface ImportIssue {
  /** The column's header as the file shows it ("" for the row as a whole). */
  column: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface ImportedMember {
  name: string;
  gender: "男" | "女";
  sector: Sector;
  party: Party;
  level: MemberLevel;
  phone: string;
  workplace: string;
  committeeId: number;
}

export interface CheckedRow {
  row: number;
  /** The row as read, for the preview table. */
  values: RosterFileRow["values"];
  committeeName: string | null;
  member: ImportedMember | null;
  issues: ImportIssue[];
}

export interface ImportLookups {
  committees: readonly ImportCommittee[];
  /** Where a blank 所属组织 puts the member: the caller's own committee. */
  defaultCommitteeId: number;
  /** Phones already on the roster (any committee, active or not: phones are unique city-wide). */
  rosterPhones: ReadonlySet<string>;
}

const GENDERS: Record<string, "男" | "女"> = { 男: "男", 女: "女", 男性: "男", 女性: "女" };

/** Full-width digits and spaces or dashes people type into phone cells. */
export function normalizePhone(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s-]/g, "").replace(/^\+?86(?=1\d{10}$)/, "");
}

function findCommittee(text: string, lookups: ImportLookups): { committee?: ImportCommittee; issue?: ImportIssue } {
  const column = headerOf("committee");
  if (text === "") return { committee: lookups.committees.find((c) => c.id === lookups.defaultCommitteeId) };
  const matches = lookups.committees.filter((c) => c.name === text || c.shortName === text);
  const inScope = matches.filter((c) => c.inScope);
  if (inScope.length === 1) return { committee: inScope[0] };
  if (inScope.length > 1) return { issue: { column, key: "memberImport.committeeAmbiguous", params: { value: text } } };
  if (matches.length) return { issue: { column, key: "memberImport.committeeOutOfScope", params: { value: text } } };
  return { issue: { column, key: "memberImport.unknownCommittee", params: { value: text } } };
}

export function checkImportRows(rows: readonly RosterFileRow[], lookups: ImportLookups): CheckedRow[] {
  const firstRowOfPhone = new Map<string, number>();
  return rows.map(({ row, values }) => {
    const issues: ImportIssue[] = [];
    const issue = (key: RosterColumn, messageKey: string, params?: ImportIssue["params"]) => issues.push({ column: headerOf(key), key: messageKey, params });

    const name = values.name.replace(/\s+/g, "");
    if (!name) issue("name", "memberImport.required");
    else if ([...name].length > 50) issue("name", "memberImport.tooLong", { max: 50 });
    else if (!isSafeText(name)) issue("name", "memberImport.unsafeText");

    const gender = GENDERS[values.gender];
    if (!values.gender) issue("gender", "memberImport.required");
    else if (!gender) issue("gender", "memberImport.badGender", { value: values.gender });

    const sector = SECTORS.find((s) => s === values.sector);
    if (!values.sector) issue("sector", "memberImport.required");
    else if (!sector) issue("sector", "memberImport.unknownSector", { value: values.sector });

    const party = PARTIES.find((p) => p === values.party);
    if (!values.party) issue("party", "memberImport.required");
    else if (!party) issue("party", "memberImport.unknownParty", { value: values.party });

    const level = values.level ? parseMemberLevel(values.level) : null;
    if (!values.level) issue("level", "memberImport.required");
    else if (!level) issue("level", "memberImport.unknownLevel", { value: values.level });

    const phone = normalizePhone(values.phone);
    if (!phone) issue("phone", "memberImport.required");
    else if (!PHONE_PATTERN.test(phone)) issue("phone", "memberImport.badPhone", { value: values.phone });
    else if (firstRowOfPhone.has(phone)) issue("phone", "memberImport.phoneRepeated", { value: phone, row: firstRowOfPhone.get(phone)! });
    else if (lookups.rosterPhones.has(phone)) issue("phone", "memberImport.phoneOnRoster", { value: phone });
    if (phone && PHONE_PATTERN.test(phone) && !firstRowOfPhone.has(phone)) firstRowOfPhone.set(phone, row);

    const workplace = values.workplace.trim();
    if ([...workplace].length > 100) issue("workplace", "memberImport.tooLong", { max: 100 });
    else if (!isSafeText(workplace)) issue("workplace", "memberImport.unsafeText");

    const found = findCommittee(values.committee, lookups);
    if (found.issue) issues.push(found.issue);

    const member =
      issues.length === 0 && gender && sector && party && level && found.committee
        ? { name, gender, sector, party, level, phone, workplace, committeeId: found.committee.id }
        : null;
    return { row, values, committeeName: found.committee?.name ?? null, member, issues };
  });
}
