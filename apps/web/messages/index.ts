import enAudit from "./en/audit.json";
import enCore from "./en/core.json";
import enWork from "./en/work.json";
import zhAudit from "./zh-CN/audit.json";
import zhCore from "./zh-CN/core.json";
import zhWork from "./zh-CN/work.json";

/**
 * The UI's message catalogues: one file per domain and locale, each holding whole top-level
 * namespaces (no namespace spans two files). A new domain adds its pair to both lists.
 */
export const CATALOGUES = {
  "zh-CN": [zhCore, zhWork, zhAudit],
  en: [enCore, enWork, enAudit],
};

export const MESSAGES = {
  "zh-CN": { ...zhCore, ...zhWork, ...zhAudit },
  en: { ...enCore, ...enWork, ...enAudit },
};
