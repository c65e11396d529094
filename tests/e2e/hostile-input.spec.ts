import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support";

/**
 * Stored markup never runs. Records whose text holds script and HTML payloads are created
 * through the API (as the forms would send them) and one through the public tip form, then every
 * page that shows them is opened — by the city's staff, 攸县's staff and a 攸县 member on a
 * phone — and each must show the text literally, with no script run (no dialog, no
 * `window.__xss`) and no element injected. The Content-Security-Policy allows inline scripts
 * (see docs/reliability.md), so nothing but React's escaping stands in the way: this spec is
 * what proves it holds. Everything lives in 攸县 and a campaign of its own, with a unique marker.
 */

const YOUXIAN = "youxian";
const MARK = `X${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 100)}`;

/** Each sets `window.__xss` (or opens a dialog) if it ever runs. */
const IMG = "<img src=x onerror=__xss=1,alert(1)>";
const SCRIPT = "<script>window.__xss=2;alert(2)</script>";
const SVG = "<svg onload=window.__xss=3>";
const LINK = '<a href="javascript:window.__xss=4">点这里</a>';
const SQL = "'; drop table users; --";
/** A short title (at most 50 characters: fits a member's name) and a long text with every payload. */
const short = (what: string) => `${what}${MARK}${IMG}`;
const long = (what: string) => `${what}${MARK} ${IMG} ${SCRIPT} ${SVG} ${LINK} ${SQL} &lt;b&gt;`;

const TEXT = {
  campaign: short("专项"),
  campaignDescription: long("专项说明"),
  task: short("任务"),
  taskDescription: long("任务说明"),
  activity: short("活动"),
  activityDescription: long("活动说明"),
  place: short("地点"),
  department: `局${MARK}${SVG}`,
  member: short("委员"),
  group: short("小组"),
  problem: short("问题"),
  problemDescription: long("问题描述"),
  problemLocation: short("问题地点"),
  visit: long("走访"),
  opinionTitle: short("意见"),
  opinion: long("意见内容"),
  tipLocation: short("线索地点"),
  tip: long("线索内容"),
};

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 850 };

const chinaDate = (days = 0) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + days * 86_400_000));

/** Watches a page for anything a payload would do when run. */
function watch(page: Page): { dialogs: string[] } {
  const seen = { dialogs: [] as string[] };
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

/** Elements and attributes only an injected payload would put in the page. */
const INJECTED = 'img[src="x"], [onerror], [onload], [ontoggle], a[href^="javascript:" i], iframe[src^="javascript:" i]';

/** Injected elements, and script elements whose own code is a payload (the page's data scripts hold the text escaped, as data). */
async function injected(page: Page): Promise<number> {
  const scripts = await page.evaluate(() => [...document.scripts].filter((s) => s.textContent?.trim().startsWith("window.__xss")).length);
  return (await page.locator(INJECTED).count()) + scripts;
}

async function expectNothingRan(page: Page, seen: { dialogs: string[] }, where: string) {
  // A payload's handler runs as the element loads: give a failed image its moment.
  await page.waitForLoadState("load");
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `${where}: a payload ran`).toBeUndefined();
  expect(seen.dialogs, `${where}: a payload opened a dialog`).toEqual([]);
  expect(await injected(page), `${where}: injected elements`).toBe(0);
}

/** Opens `path` and checks that each text shows literally and nothing ran. */
async function visit(page: Page, seen: { dialogs: string[] }, path: string, texts: string[]) {
  await page.goto(path);
  for (const text of texts) await expect(page.getByText(text, { exact: false }).filter({ visible: true }).first(), `${path} shows ${text}`).toBeVisible();
  await expectNothingRan(page, seen, path);
}

async function as(browser: Browser, identifier: string, viewport = DESKTOP, password?: string): Promise<{ page: Page; seen: { dialogs: string[] } }> {
  const context = await browser.newContext({ viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai", isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  const page = await context.newPage();
  await signIn(page, identifier, password);
  return { page, seen: watch(page) };
}

/** superjson's encoding of an input: Dates travel as ISO strings named in `meta`. */
function encode(input: unknown): { json: unknown; meta?: { values: Record<string, string[]> } } {
  const values: Record<string, string[]> = {};
  const walk = (value: unknown, path: string[]): unknown => {
    if (value instanceof Date) {
      values[path.join(".")] = ["Date"];
      return value.toISOString();
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, String(i)]));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    return value;
  };
  const json = walk(input, []);
  return Object.keys(values).length ? { json, meta: { values } } : { json };
}

/** Calls a procedure over HTTP as the page's signed-in user, as the web client does. */
async function call<T>(page: Page, path: string, input?: unknown, kind: "query" | "mutation" = "mutation"): Promise<T> {
  const url = `/api/trpc/${path}`;
  const response =
    kind === "query"
      ? await page.request.get(input === undefined ? url : `${url}?input=${encodeURIComponent(JSON.stringify(encode(input)))}`)
      : await page.request.post(url, { headers: { "content-type": "application/json" }, data: JSON.stringify(encode(input)) });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: { json: { message: string; data?: { fieldErrors?: unknown } } } };
  expect(response.ok(), `${path}: ${body.error?.json.message} ${JSON.stringify(body.error?.json.data?.fieldErrors ?? "")}`).toBe(true);
  return body.result!.data.json;
}

const hydrated = async (locator: Locator) => {
  await expect(locator).toBeVisible();
  await expect.poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), { message: "hydrated" }).toBe(true);
  return locator;
};

test("the watch sees a payload that runs (so it can fail)", async ({ browser }) => {
  const { page, seen } = await as(browser, YOUXIAN);
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  // What a raw-HTML sink would do with stored text: the watch must see it.
  await page.evaluate((html) => document.body.insertAdjacentHTML("beforeend", html), IMG);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBe(1);
  await expect.poll(() => seen.dialogs).toEqual(["1"]);
  expect(await injected(page)).toBeGreaterThan(0);
});

test("script and HTML in stored text show literally and never run, on every page that shows them", async ({ browser }) => {
  test.setTimeout(300_000);
  const city = await as(browser, ACCOUNTS.cityStaff.identifier);
  const county = await as(browser, YOUXIAN);
  const me = await call<{ committeeId: number }>(county.page, "account.me", undefined, "query");
  const ids: Record<string, number> = {};

  await test.step("the city's staff start a campaign and send 攸县 a task", async () => {
    ids.campaign = (
      await call<{ id: number }>(city.page, "campaign.create", {
        title: TEXT.campaign,
        // A year before the demo's: lists put the newest year first, and the coverage matrix and
        // dashboard of the specs running beside this one open the first campaign listed.
        year: 2025,
        topic: "改善生态环境",
        startDate: chinaDate(-30),
        endDate: chinaDate(300),
        description: TEXT.campaignDescription,
        focusAreas: ["水污染防治"],
        methods: ["视察"],
      })
    ).id;
    ids.task = (
      await call<{ id: number }>(city.page, "task.create", {
        campaignId: ids.campaign,
        committeeIds: [me.committeeId],
        title: TEXT.task,
        description: TEXT.taskDescription,
        focusArea: "水污染防治",
        method: "视察",
        deadline: chinaDate(60),
      })
    ).id;
  });

  let memberPhone = "";
  await test.step("攸县 registers a department, a member with a sign-in, a group, an activity and a problem", async () => {
    const c = county.page;
    ids.department = (await call<{ id: number }>(c, "department.create", { name: TEXT.department })).id;
    memberPhone = `1996${String(Date.now()).slice(-7)}`;
    ids.member = (await call<{ id: number }>(c, "member.create", { name: TEXT.member, gender: "女", sector: "教育界", party: "群众", level: "county", phone: memberPhone, workplace: TEXT.place, committeeId: me.committeeId })).id;
    await call(c, "member.createSignIn", { id: ids.member, username: `xss-${MARK.toLowerCase()}`, password: "Xss-Check-Password-2026" });
    ids.group = (
      await call<{ id: number }>(c, "group.create", { kind: "group", departmentId: ids.department, name: TEXT.group, termStart: chinaDate(-10), termEnd: chinaDate(300), members: [{ memberId: ids.member, role: "leader" }] })
    ).id;
    const start = new Date(Date.now() + 5 * 86_400_000);
    ids.activity = (
      await call<{ id: number }>(c, "activity.create", {
        type: "inspection",
        title: TEXT.activity,
        description: TEXT.activityDescription,
        campaignId: ids.campaign,
        startsAt: start,
        endsAt: new Date(start.getTime() + 2 * 3_600_000),
        signupDeadline: new Date(start.getTime() - 3_600_000),
        place: TEXT.place,
        organizer: TEXT.department,
        audience: "committee",
      })
    ).id;
    ids.problem = (
      await call<{ id: number }>(c, "problem.create", { title: TEXT.problem, description: TEXT.problemDescription, category: "water", location: TEXT.problemLocation, committeeId: me.committeeId, departmentId: ids.department })
    ).id;
  });

  const member = await as(browser, `xss-${MARK.toLowerCase()}`, PHONE, "Xss-Check-Password-2026");
  await test.step("the member records a visit and raises an opinion from a phone", async () => {
    await call(member.page, "group.recordVisit", { groupId: ids.group, date: chinaDate(), form: "visit", summary: TEXT.visit });
    await call(member.page, "group.raiseOpinion", { groupId: ids.group, title: TEXT.opinionTitle, content: TEXT.opinion, raisedOn: chinaDate() });
  });

  await test.step("a citizen types payloads into the public tip form", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", timezoneId: "Asia/Shanghai", isMobile: true, hasTouch: true });
    const citizen = await context.newPage();
    const seen = watch(citizen);
    await citizen.goto("/tip");
    await (await hydrated(citizen.getByLabel("所在县市区"))).selectOption({ label: "攸县" });
    await citizen.getByLabel("具体地点").fill(TEXT.tipLocation);
    await citizen.getByLabel("问题描述").fill(TEXT.tip);
    await citizen.getByRole("button", { name: "提交举报" }).click();
    await expect(citizen).toHaveURL(/\/tip\/status\?code=/);
    await expectNothingRan(citizen, seen, "/tip/status");
    await context.close();
  });

  await test.step("the city's staff: the campaign, the task and the audit log", async () => {
    const { page, seen } = city;
    await visit(page, seen, `/campaigns/${ids.campaign}`, [TEXT.campaign, TEXT.campaignDescription]);
    await visit(page, seen, `/tasks?q=${encodeURIComponent(MARK)}`, [TEXT.task]);
    await visit(page, seen, `/tasks/${ids.task}`, [TEXT.task, TEXT.taskDescription]);
    await visit(page, seen, `/campaigns`, [TEXT.campaign]);
    await visit(page, seen, `/audit`, [TEXT.campaign]);
  });

  await test.step("攸县's staff: inbox, activities, problems, roster, groups, departments, tips, notifications", async () => {
    const { page, seen } = county;
    const [assignment] = (await call<{ items: { id: number }[] }>(page, "assignment.inbox", { search: MARK }, "query")).items;
    await visit(page, seen, `/assignments?q=${encodeURIComponent(MARK)}`, [TEXT.task]);
    await visit(page, seen, `/assignments/${assignment!.id}`, [TEXT.task, TEXT.taskDescription]);
    await visit(page, seen, `/activities?q=${encodeURIComponent(MARK)}`, [TEXT.activity]);
    await visit(page, seen, `/activities/${ids.activity}`, [TEXT.activity, TEXT.activityDescription, TEXT.place]);
    await visit(page, seen, `/problems?q=${encodeURIComponent(MARK)}`, [TEXT.problem]);
    await visit(page, seen, `/problems/${ids.problem}`, [TEXT.problem, TEXT.problemDescription, TEXT.problemLocation]);
    await visit(page, seen, `/members?q=${encodeURIComponent(MARK)}`, [TEXT.member]);
    await visit(page, seen, `/members/${ids.member}`, [TEXT.member, TEXT.place]);
    await visit(page, seen, `/groups?q=${encodeURIComponent(MARK)}`, [TEXT.group]);
    await visit(page, seen, `/groups/${ids.group}`, [TEXT.group, TEXT.member, TEXT.visit, TEXT.opinionTitle, TEXT.opinion]);
    await visit(page, seen, `/groups/departments`, [TEXT.department]);
    const [tip] = (await call<{ items: { id: number }[] }>(page, "tip.list", { search: MARK }, "query")).items;
    await visit(page, seen, `/tips?q=${encodeURIComponent(MARK)}`, [TEXT.tipLocation]);
    await visit(page, seen, `/tips/${tip!.id}`, [TEXT.tip, TEXT.tipLocation]);
    await visit(page, seen, `/notifications`, [TEXT.task]);
  });

  await test.step("the member on a phone: the activity and the group", async () => {
    const { page, seen } = member;
    await visit(page, seen, `/activities`, [TEXT.activity]);
    await visit(page, seen, `/activities/${ids.activity}`, [TEXT.activity, TEXT.activityDescription]);
    await visit(page, seen, `/groups/${ids.group}`, [TEXT.group, TEXT.opinionTitle, TEXT.opinion]);
  });
});

test("hostile URL parameters: a reflected payload stays text, a value the API would refuse is ignored", async ({ browser }) => {
  test.setTimeout(180_000);
  const county = await as(browser, YOUXIAN);
  const city = await as(browser, ACCOUNTS.cityStaff.identifier);
  const reflected = `q=${encodeURIComponent(IMG)}`;
  // A NUL in the search, a page past the last the API serves, a month and a day that cannot be.
  const refused = "q=a%00b&page=999999&month=0000-01";
  const pages: [typeof county, string, string[]][] = [
    [county, "/problems", [reflected, refused]],
    [county, "/activities", [reflected, refused]],
    [county, "/members", [reflected, refused]],
    [county, "/tips", [reflected, refused]],
    [county, "/groups", [reflected, refused]],
    [county, "/assignments", [reflected, refused]],
    [city, "/tasks", [reflected, refused]],
    [city, "/audit", [`actor=${encodeURIComponent(IMG)}`, "actor=a%00b&id=%1b&from=0000-01-01&to=2026-02-30"]],
  ];
  for (const [{ page, seen }, path, queries] of pages) {
    for (const query of queries) {
      const where = `${path}?${query}`;
      await page.goto(where);
      await expect(page.locator("main h1").first(), where).toBeVisible();
      // The list loads (an empty one is fine): no request of it was refused, no error page.
      await expect(page.getByText("正在加载…"), `${where} loads`).toHaveCount(0);
      await expect(page.getByText("页面出错了"), where).toHaveCount(0);
      await expectNothingRan(page, seen, where);
    }
  }
  // The reflected search is in the search box as typed.
  await county.page.goto(`/problems?${reflected}`);
  await expect(county.page.locator("main input[type=search], main input[name=q]").first()).toHaveValue(IMG);
});

test("a request body past the limit is refused before it is read, in the caller's language", async ({ page }) => {
  // Three megabytes: more than any real call (a roster file of 1 MiB is 1.4 MB as base64).
  const body = JSON.stringify({ json: { file: "A".repeat(3 * 1024 * 1024) } });
  for (const [locale, message] of [["zh-CN", "提交的内容过大"], ["en", "The request is too large"]] as const) {
    const response = await page.request.post("/api/trpc/member.importPreview", { headers: { "content-type": "application/json", "x-locale": locale }, data: body });
    expect(response.status()).toBe(413);
    expect(((await response.json()) as { error: { json: { message: string } } }).error.json.message).toBe(message);
  }
});
