import type { Sql } from "postgres";
import { type MemberLevel, PARTIES, type Role, SECTORS } from "@dm/db";
import { copyRows } from "./copy";
import type { LoadTimer } from "./timer";
import { pick, type Random, streamOf } from "./random";
import { type CityShape, POOLS, RATES } from "./shape";

export type Level = "city" | "county" | "township";

/** Contiguous member ids: `n` of them from `lo`. */
export interface Range {
  lo: number;
  n: number;
}

export interface Committee {
  id: number;
  name: string;
  shortName: string;
  level: Level;
  parent: Committee | null;
  path: string;
  sortOrder: number;
  city: Committee;
  /** The county of a township, the county itself, or null for a city. */
  county: Committee | null;
  children: Committee[];
  /**
   * Members are numbered depth-first through the tree, so a committee's own members and its
   * whole subtree's are each one run of ids: "members of the organising subtree" is a range.
   */
  own: Range;
  subtree: Range;
  /** The account that keeps its records: a city's first staff, the county staff, the township liaison. */
  staffUserId: number;
}

export interface Organisation {
  committees: Committee[];
  cities: Committee[];
  /** City leaders (the chair first) and city staff, per city id. */
  cityUsers: Map<number, { leaders: number[]; staff: number[] }>;
  /** The first city's first county: home of the measured county staff, member and write pools. */
  firstCounty: Committee;
  actors: { cityLeader: string; cityStaff: string; countyStaff: string; member: string };
  signUpPool: { usernames: string[]; memberIds: number[] };
  checkInPool: { usernames: string[]; memberIds: number[] };
}

/** 株洲市's county-level units and the townships named in the source reports (the rest are numbered). */
const ZHUZHOU: [string, string[]][] = [
  ["荷塘区", ["月塘街道", "宋家桥街道", "茨菇塘街道", "仙庾镇"]],
  ["芦淞区", ["建宁街道", "贺家土街道", "庆云街道", "白关镇"]],
  ["石峰区", ["清水塘街道", "响石岭街道", "田心街道", "井墈街道"]],
  ["天元区", ["嵩山街道", "泰山街道", "栗雨街道", "群丰镇", "雷打石镇"]],
  ["渌口区", ["渌口镇", "南洲镇", "淦田镇", "朱亭镇"]],
  ["醴陵市", ["左权镇", "仙岳山街道", "来龙门街道", "浦口镇", "白兔潭镇"]],
  ["攸县", ["联星街道", "江桥街道", "网岭镇", "皇图岭镇", "酒埠江镇"]],
  ["茶陵县", ["云阳街道", "思聪街道", "洣江街道", "严塘镇", "腰潞镇"]],
  ["炎陵县", ["霞阳镇", "水口镇", "沔渡镇", "鹿原镇"]],
];

const SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林谭邓彭曾肖易贺龙蒋唐廖文".split("");
const GIVEN_MALE = "建国志军平伟强磊勇涛斌杰辉海波宇鹏俊峰明华湘松".split("");
const GIVEN_FEMALE = "丽芳红敏静霞燕梅婷雪晓琳慧娟玲萍湘兰".split("");
const WORKPLACES = [
  "人民医院 副院长", "第一中学 高级教师", "农业农村局 退休干部", "环保科技有限公司 总经理", "律师事务所 主任律师", "中医院 主任医师",
  "职业技术学校 教师", "供销合作社 主任", "生态农业合作社 理事长", "文化产业园 副总经理", "社区卫生服务中心 主任", "科技型中小企业 董事长",
];
const PARTY_OF_SECTOR: Record<string, string> = {
  中共: "中共党员", 民革: "民革党员", 民盟: "民盟盟员", 民建: "民建会员", 民进: "民进会员",
  农工党: "农工党党员", 致公党: "致公党党员", 九三学社: "九三学社社员", 台盟: "台盟盟员", 无党派人士: "无党派人士",
};

/** A fictional person's name. */
export function personName(random: Random): { name: string; gender: "男" | "女" } {
  const gender = random() < 0.42 ? "女" : "男";
  const given = gender === "女" ? GIVEN_FEMALE : GIVEN_MALE;
  return { name: pick(random, SURNAMES) + pick(random, given) + (random() < 0.6 ? pick(random, given) : ""), gender };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const stem = (name: string) => name.replace(/(市|州)$/, "");

/** Builds the tree in memory: ids, paths and member ranges, depth-first. */
function buildTree(shape: CityShape[]): { committees: Committee[]; cities: Committee[] } {
  const committees: Committee[] = [];
  let memberId = 1;
  let townshipIndex = 0;
  const add = (c: Omit<Committee, "id" | "path" | "children" | "own" | "subtree" | "staffUserId" | "city" | "county"> & { city?: Committee; county?: Committee | null }) => {
    const id = committees.length + 1;
    const size = c.level === "city" ? RATES.members.city : c.level === "county" ? RATES.members.county : RATES.members.township[townshipIndex++ % 2]!;
    const { city, county, ...fields } = c;
    const committee: Committee = { ...fields, id, path: `${c.parent?.path ?? "/"}${id}/`, children: [], own: { lo: memberId, n: size }, subtree: { lo: memberId, n: 0 }, staffUserId: 0, city: city!, county: county ?? null };
    // A city is its own city, a county its own county: known only once the object exists.
    if (!city) committee.city = committee;
    if (c.level === "county") committee.county = committee;
    memberId += size;
    c.parent?.children.push(committee);
    committees.push(committee);
    return committee;
  };
  const close = (c: Committee) => (c.subtree.n = memberId - c.subtree.lo);
  const cities = shape.map((s, ci) => {
    const city = add({ name: `${s.name}政协`, shortName: s.name, level: "city", parent: null, sortOrder: ci });
    s.counties.forEach((townships, ki) => {
      const [countyName, named] = ci === 0 && ZHUZHOU[ki] ? ZHUZHOU[ki] : [`${stem(s.name)}第${ki + 1}县`, []];
      const county = add({ name: `${countyName}政协`, shortName: countyName, level: "county", parent: city, sortOrder: ki + 1, city });
      for (let ti = 0; ti < townships; ti++) {
        const name = named[ti] ?? `${countyName}第${ti + 1}${ti % 3 === 0 ? "街道" : "镇"}`;
        close(add({ name, shortName: name, level: "township", parent: county, sortOrder: ti + 1, city, county }));
      }
      close(county);
    });
    close(city);
    return city;
  });
  return { committees, cities };
}

const MEMBER_LEVELS: Record<Level, MemberLevel[]> = {
  city: ["city", "city", "city", "city", "provincial", "city", "city", "national"],
  county: ["county", "county", "county", "city"],
  township: ["county", "county", "city"],
};

/** Loads committees, the roster and the accounts; every account shares `passwordHash`. */
export async function loadOrganisation(sql: Sql, timer: LoadTimer, shape: CityShape[], passwordHash: string): Promise<Organisation> {
  const { committees, cities } = buildTree(shape);
  await timer.table("committees", () =>
    copyRows(sql, "committees", ["id", "name", "short_name", "level", "parent_id", "path", "sort_order"], committees.map((c) => [c.id, c.name, c.shortName, c.level, c.parent?.id ?? null, c.path, c.sortOrder])),
  );

  const firstCounty = cities[0]!.children[0]!;
  /** Names of the first county's members, for the accounts made for them below. */
  const names = new Map<number, string>();
  const memberRows = function* () {
    for (const c of committees) {
      const random = streamOf(1, c.id);
      for (let i = 0; i < c.own.n; i++) {
        const id = c.own.lo + i;
        const { name, gender } = personName(random);
        if (c === firstCounty) names.set(id, name);
        const sector = pick(random, SECTORS);
        const party = PARTY_OF_SECTOR[sector] ?? pick(random, ["中共党员", "群众", "无党派人士", ...PARTIES.slice(1, 4)]);
        yield [id, c.id, name, gender, sector, party, MEMBER_LEVELS[c.level][i % MEMBER_LEVELS[c.level].length]!, `13${pad(id, 9)}`, `${c.shortName}${pick(random, WORKPLACES)}`];
      }
    }
  };
  await timer.table("members", () => copyRows(sql, "members", ["id", "committee_id", "name", "gender", "sector", "party", "level", "phone", "workplace"], memberRows()));

  // Accounts: per city four chair-meeting members and three staff, a staff account per county, a
  // liaison per township; then the member accounts the benchmarks sign in with.
  type UserRow = [number, string, string | null, string, string, string, Role, number, number | null];
  const users: UserRow[] = [];
  const cityUsers = new Map<number, { leaders: number[]; staff: number[] }>();
  const account = (username: string, role: Role, committee: Committee, title: string, member?: { id: number; name: string }) => {
    const id = users.length + 1;
    const random = streamOf(2, id);
    users.push([id, username, member ? `13${pad(member.id, 9)}` : null, member?.name ?? personName(random).name, title, passwordHash, role, committee.id, member?.id ?? null]);
    return id;
  };
  for (const [ci, city] of cities.entries()) {
    const code = `c${pad(ci + 1)}`;
    const leaders = ["市政协主席", "市政协副主席", "市政协副主席", "市政协秘书长"].map((title, i) => account(i ? `${code}-leader${i + 1}` : `${code}-leader`, "city_leader", city, title));
    const staff = [0, 1, 2].map((i) => account(i ? `${code}-staff${i + 1}` : `${code}-staff`, "city_staff", city, "人口资源环境委员会 科员"));
    city.staffUserId = staff[0]!;
    cityUsers.set(city.id, { leaders, staff });
    for (const [ki, county] of city.children.entries()) {
      county.staffUserId = account(`${code}-k${pad(ki + 1)}`, "county_staff", county, `${county.shortName}政协办公室`);
      for (const [ti, township] of county.children.entries()) {
        township.staffUserId = account(`${code}-k${pad(ki + 1)}-t${pad(ti + 1)}`, "township_liaison", township, `${township.shortName}政协专干`);
      }
    }
  }
  const memberAccount = (username: string, memberId: number) => {
    account(username, "member", firstCounty, `${firstCounty.shortName}政协委员`, { id: memberId, name: names.get(memberId)! });
    return username;
  };
  if (firstCounty.own.n < 1 + POOLS.signUpMembers + POOLS.checkInMembers) throw new Error("the first county has too few members for the write pools");
  const base = firstCounty.own.lo;
  const actorMember = memberAccount("c01-k01-member", base);
  const signUpIds = Array.from({ length: POOLS.signUpMembers }, (_, i) => base + 1 + i);
  const checkInIds = Array.from({ length: POOLS.checkInMembers }, (_, i) => base + 1 + POOLS.signUpMembers + i);
  const signUpPool = { memberIds: signUpIds, usernames: signUpIds.map((id, i) => memberAccount(`c01-k01-su${pad(i + 1)}`, id)) };
  const checkInPool = { memberIds: checkInIds, usernames: checkInIds.map((id, i) => memberAccount(`c01-k01-ci${pad(i + 1)}`, id)) };
  await timer.table("users", () => copyRows(sql, "users", ["id", "username", "phone", "display_name", "title", "password_hash", "role", "committee_id", "member_id"], users));

  return {
    committees,
    cities,
    cityUsers,
    firstCounty,
    actors: { cityLeader: "c01-leader", cityStaff: "c01-staff", countyStaff: "c01-k01", member: actorMember },
    signUpPool,
    checkInPool,
  };
}
