import { count, inArray } from "drizzle-orm";
import type { Tx } from "../client";
import { committees, departments } from "../schema";

/** 职能部门 named in the source reports; the city and every county keep their own register. */
export const DEMO_DEPARTMENTS = ["生态环境局", "住房和城乡建设局", "农业农村局", "水利局", "自然资源和规划局", "城市管理和综合执法局", "林业局", "交通运输局"] as const;

export async function seedDepartments(tx: Tx): Promise<boolean> {
  const [existing] = await tx.select({ n: count() }).from(departments);
  if (existing!.n > 0) return false;
  const owners = await tx.select({ id: committees.id }).from(committees).where(inArray(committees.level, ["city", "county"]));
  await tx.insert(departments).values(owners.flatMap((c) => DEMO_DEPARTMENTS.map((name, i) => ({ committeeId: c.id, name, sortOrder: i + 1 }))));
  return true;
}
