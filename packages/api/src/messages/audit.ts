import type { Catalogue } from "./types";

/** The audit log viewer. */
export const audit: Catalogue = {
  "zh-CN": {
    "audit.badRange": "结束日期不能早于开始日期",
  },
  en: {
    "audit.badRange": "The end date cannot be before the start date",
  },
};
