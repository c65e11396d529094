import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { parseLocale } from "@dm/api";
import { MESSAGES } from "../../messages";

/** Chinese unless the language switch has set the NEXT_LOCALE cookie to English. */
export default getRequestConfig(async () => {
  const locale = parseLocale((await cookies()).get("NEXT_LOCALE")?.value);
  return {
    locale,
    messages: MESSAGES[locale],
    timeZone: "Asia/Shanghai",
  };
});
