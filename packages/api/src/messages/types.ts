/** One domain's API messages, in every locale; keys are "<domain>.<what>". */
export interface Catalogue {
  "zh-CN": Record<string, string>;
  en: Record<string, string>;
}
