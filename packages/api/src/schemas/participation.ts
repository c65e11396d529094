import { z } from "zod";
import { id, text } from "./common";
import { chinaYear, POINT_MAX, POINT_MIN, POINT_RULE_CODES, type PointRuleCode, ruleProblems } from "../domain/points";

/** A points year; the current one (China time) when left out. */
const year = z.number().int().min(2000).max(2100).default(() => chinaYear());

export const participationMineInput = z.object({ year });
export const participationOfMemberInput = z.object({ memberId: id, year });

export const RANKING_PAGE_SIZE = 20;
/** A committee's ranking (its subtree, within the caller's scope); the caller's own committee by default. */
export const rankingInput = z.object({
  committeeId: id.optional(),
  year,
  page: z.number().int().min(1).max(10_000).default(1),
});
export type RankingInput = z.input<typeof rankingInput>;

const points = z.number().int().min(POINT_MIN).max(POINT_MAX);

/** New values of every rule, naming the version of the rules they were based on. */
export const pointRulesUpdateInput = z
  .object({
    rules: z.object(Object.fromEntries(POINT_RULE_CODES.map((code) => [code, points])) as Record<PointRuleCode, typeof points>),
    /** The `version` that `participation.rules` returned (empty while nothing is stored). */
    version: text({ max: 64 }),
  })
  .superRefine((input, ctx) => {
    for (const [code, key] of Object.entries(ruleProblems(input.rules))) ctx.addIssue({ code: "custom", path: ["rules", code], message: key });
  });
export type PointRulesUpdateInput = z.input<typeof pointRulesUpdateInput>;
