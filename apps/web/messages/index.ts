import enActivities from "./en/activities.json";
import enAudit from "./en/audit.json";
import enCore from "./en/core.json";
import enDashboard from "./en/dashboard.json";
import enExports from "./en/exports.json";
import enGroups from "./en/groups.json";
import enMonthly from "./en/monthly.json";
import enProblems from "./en/problems.json";
import enRoster from "./en/roster.json";
import enWork from "./en/work.json";
import zhActivities from "./zh-CN/activities.json";
import zhAudit from "./zh-CN/audit.json";
import zhCore from "./zh-CN/core.json";
import zhDashboard from "./zh-CN/dashboard.json";
import zhExports from "./zh-CN/exports.json";
import zhGroups from "./zh-CN/groups.json";
import zhMonthly from "./zh-CN/monthly.json";
import zhProblems from "./zh-CN/problems.json";
import zhRoster from "./zh-CN/roster.json";
import zhWork from "./zh-CN/work.json";

/**
 * The UI's message catalogues: one file per domain and locale, each holding whole top-level
 * namespaces (no namespace spans two files). A new domain adds its pair to both lists.
 */
export const CATALOGUES = {
  "zh-CN": [zhCore, zhWork, zhActivities, zhAudit, zhDashboard, zhExports, zhGroups, zhMonthly, zhProblems, zhRoster],
  en: [enCore, enWork, enActivities, enAudit, enDashboard, enExports, enGroups, enMonthly, enProblems, enRoster],
};

export const MESSAGES = {
  "zh-CN": { ...zhCore, ...zhWork, ...zhActivities, ...zhAudit, ...zhDashboard, ...zhExports, ...zhGroups, ...zhMonthly, ...zhProblems, ...zhRoster },
  en: { ...enCore, ...enWork, ...enActivities, ...enAudit, ...enDashboard, ...enExports, ...enGroups, ...enMonthly, ...enProblems, ...enRoster },
};
