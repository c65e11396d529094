import type { Role } from "@dm/db";

/** Roles that run the work of a committee (everyone but members). */
export const STAFF_ROLES = ["city_leader", "city_staff", "county_staff", "township_liaison"] as const satisfies readonly Role[];
export const CITY_ROLES = ["city_leader", "city_staff"] as const satisfies readonly Role[];

/**
 * Who may call what, by capability. Procedures gate on these lists, so the whole policy reads
 * in one place.
 */
export const CAPABILITIES = {
  /** See the member roster (names, phones) of committees in scope. */
  "member.read": STAFF_ROLES,
  /** See the committee tree and its counts. */
  "committee.read": ["city_leader", "city_staff", "county_staff", "township_liaison", "member"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function roleAllows(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}

export function can(role: Role, capability: Capability): boolean {
  return roleAllows(role, CAPABILITIES[capability]);
}
