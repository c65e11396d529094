"use client";

import { useTranslations } from "next-intl";
import type { TipStatus } from "@dm/db/enums";
import { Badge, type BadgeTone } from "@/components/ui";

/** 待处理 asks for triage (gold); 已转为问题 (blue) and 不予立案 (slate) are handled. */
export const TIP_TONES: Record<TipStatus, BadgeTone> = { received: "gold", converted: "blue", dismissed: "slate" };

export function TipStatusBadge({ status }: { status: TipStatus }) {
  const t = useTranslations("tips.status");
  return <Badge tone={TIP_TONES[status]}>{t(status)}</Badge>;
}
