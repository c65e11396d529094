import type { Role } from "@dm/db";
import { can } from "@dm/api/domain/roles";

export type NavIcon = "home" | "committees" | "members";

export interface NavItem {
  href: string;
  /** Key under the `nav` messages. */
  label: "home" | "committees" | "members";
  icon: NavIcon;
}

/** The navigation a role sees; it mirrors the API's capability gates so no link leads to a 403. */
export function navFor(role: Role): NavItem[] {
  const items: NavItem[] = [{ href: "/", label: "home", icon: "home" }];
  if (can(role, "committee.read")) items.push({ href: "/committees", label: "committees", icon: "committees" });
  if (can(role, "member.read")) items.push({ href: "/members", label: "members", icon: "members" });
  return items;
}
