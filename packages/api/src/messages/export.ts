import type { Catalogue } from "./types";

/** Excel exports. */
export const exportMessages: Catalogue = {
  "zh-CN": {
    "export.tooManyRows": "导出的数据超过 {max} 行，请缩小筛选范围后再导出",
  },
  en: {
    "export.tooManyRows": "The export would hold more than {max} rows; narrow the filters and export again",
  },
};
