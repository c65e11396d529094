"use client";

import { useTranslations } from "next-intl";
import type { ProblemStatus } from "@dm/db/enums";
import { Badge, type BadgeTone } from "@/components/ui";

/** 待交办 asks for action (gold), 整改中 is work in hand (blue), 待验收 waits on the raiser (violet), 已销号 is done (green). */
export const PROBLEM_TONES: Record<ProblemStatus, BadgeTone> = {
  pending: "gold",
  rectifying: "blue",
  awaiting_verification: "violet",
  closed: "green",
};

export function ProblemStatusBadge({ status }: { status: ProblemStatus }) {
  const t = useTranslations("problemStatus");
  return <Badge tone={PROBLEM_TONES[status]}>{t(status)}</Badge>;
}
