import enCore from "./en/core.json";
import enProblems from "./en/problems.json";
import enWork from "./en/work.json";
import zhCore from "./zh-CN/core.json";
import zhProblems from "./zh-CN/problems.json";
import zhWork from "./zh-CN/work.json";

/**
 * The UI's message catalogues: one file per domain and locale, each holding whole top-level
 * namespaces (no namespace spans two files). A new domain adds its pair to both lists.
 */
export const CATALOGUES = {
  "zh-CN": [zhCore, zhWork, zhProblems],
  en: [enCore, enWork, enProblems],
};

export const MESSAGES = {
  "zh-CN": { ...zhCore, ...zhWork, ...zhProblems },
  en: { ...enCore, ...enWork, ...enProblems },
};
