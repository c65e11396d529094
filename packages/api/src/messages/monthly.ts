import type { Catalogue } from "./types";

/** Coverage and monthly reports. */
export const monthly: Catalogue = {
  "zh-CN": {
    "coverage.periodRequired": "请选择一个专项或一个年度",
    "reportState.submitted": "已提交",
    "reportState.late": "逾期提交",
    "reportState.missing": "未提交",
    "reportState.pending": "待提交",
    "monthlyReport.notBegun": "{month}尚未开始，不能填报",
    "monthlyReport.outsideCampaign": "{month}不在本专项的起止月份内",
    "monthlyReport.onlyCountyOrTownship": "月报由县市区政协和乡镇（街道）填报",
    "monthlyReport.alreadySubmitted": "该月报已于 {submittedAt} 提交，不能再修改",
    "monthlyReport.conflict": "该月报已被他人修改（当前为{status}），请刷新后重试",
    "monthlyReport.status.draft": "草稿",
    "monthlyReport.status.submitted": "已提交",
    "campaign.badDueDay": "月报截止日须为 1 至 28 之间的整数",
  },
  en: {
    "coverage.periodRequired": "Choose one campaign or one year",
    "reportState.submitted": "submitted",
    "reportState.late": "submitted late",
    "reportState.missing": "missing",
    "reportState.pending": "not yet due",
    "monthlyReport.notBegun": "{month} has not begun; it cannot be reported yet",
    "monthlyReport.outsideCampaign": "{month} lies outside the campaign's months",
    "monthlyReport.onlyCountyOrTownship": "Monthly reports are written by county and township committees",
    "monthlyReport.alreadySubmitted": "This report was submitted on {submittedAt}; it can no longer be changed",
    "monthlyReport.conflict": "Someone else changed this report (it is now {status}); refresh and try again",
    "monthlyReport.status.draft": "a draft",
    "monthlyReport.status.submitted": "submitted",
    "campaign.badDueDay": "The report due day must be a whole number from 1 to 28",
  },
};
