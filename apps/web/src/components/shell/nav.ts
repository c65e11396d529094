import type { Role } from "@dm/db";
import { can, CITY_ROLES, roleAllows, STAFF_ROLES } from "@dm/api/domain/roles";

export type NavIcon = "home" | "dashboard" | "committees" | "members" | "campaigns" | "tasks" | "assignments" | "activities" | "coverage" | "monthlyReports" | "participation" | "groups" | "problems" | "tips" | "audit";

export interface NavItem {
  href: string;
  /** Key under the `nav` messages. */
  label: NavIcon;
  icon: NavIcon;
}

/** Committees that receive assignments: counties and their townships. */
const ASSIGNEE_ROLES = ["county_staff", "township_liaison"] as const satisfies readonly Role[];

/** The navigation a role sees; it mirrors the API's capability gates so no link leads to a 403. */
export function navFor(role: Role): NavItem[] {
  const items: NavItem[] = [{ href: "/", label: "home", icon: "home" }];
  if (can(role, "dashboard.read")) items.push({ href: "/dashboard", label: "dashboard", icon: "dashboard" });
  if (roleAllows(role, STAFF_ROLES)) items.push({ href: "/campaigns", label: "campaigns", icon: "campaigns" });
  if (roleAllows(role, CITY_ROLES)) items.push({ href: "/tasks", label: "tasks", icon: "tasks" });
  if (roleAllows(role, ASSIGNEE_ROLES)) items.push({ href: "/assignments", label: "assignments", icon: "assignments" });
  if (can(role, "activity.organise") || can(role, "activity.join")) items.push({ href: "/activities", label: "activities", icon: "activities" });
  if (can(role, "coverage.read")) items.push({ href: "/coverage", label: "coverage", icon: "coverage" });
  if (can(role, "coverage.read")) items.push({ href: "/monthly-reports", label: "monthlyReports", icon: "monthlyReports" });
  if (can(role, "group.read") || can(role, "group.serve")) items.push({ href: "/groups", label: "groups", icon: "groups" });
  if (can(role, "problem.read")) items.push({ href: "/problems", label: "problems", icon: "problems" });
  if (can(role, "tip.triage")) items.push({ href: "/tips", label: "tips", icon: "tips" });
  if (can(role, "committee.read")) items.push({ href: "/committees", label: "committees", icon: "committees" });
  if (can(role, "member.read")) items.push({ href: "/members", label: "members", icon: "members" });
  items.push({ href: "/participation", label: "participation", icon: "participation" });
  if (can(role, "audit.read")) items.push({ href: "/audit", label: "audit", icon: "audit" });
  return items;
}
