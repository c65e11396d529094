import type { Catalogue } from "./types";

/** Participation records and the points rules. */
export const participation: Catalogue = {
  "zh-CN": {
    "participation.notMember": "您的账号没有关联委员信息",
    "points.lateAbovePresent": "迟到得分不能高于出席",
    "points.excusedAboveLate": "请假得分不能高于迟到",
    "points.absentAboveExcused": "缺席得分不能高于请假",
    "points.findingNegative": "履职发现得分不能为负数",
    "points.conflict": "积分规则已被他人修改，请刷新后重试",
  },
  en: {
    "participation.notMember": "Your account is not linked to a member",
    "points.lateAbovePresent": "Late may not score more than present",
    "points.excusedAboveLate": "Excused may not score more than late",
    "points.absentAboveExcused": "Absent may not score more than excused",
    "points.findingNegative": "Findings may not score below zero",
    "points.conflict": "Someone else changed the rules; refresh and try again",
  },
};
