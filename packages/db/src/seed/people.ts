import { PARTIES, SECTORS, type MemberLevel } from "../enums";

/**
 * Fictional people for the demo: names are drawn from common surnames and given-name
 * characters with a fixed-seed generator, so every seed produces the same roster.
 */
const SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林谭邓彭曾肖易贺龙蒋唐廖文".split("");
const GIVEN_MALE = "建国志军平伟强磊勇涛斌杰辉海波宇鹏俊峰明华湘松".split("");
const GIVEN_FEMALE = "丽芳红敏静霞燕梅婷雪晓琳慧娟玲萍湘兰".split("");
const WORKPLACES = [
  "人民医院 副院长", "第一中学 高级教师", "农业农村局 退休干部", "湘江环保科技有限公司 总经理",
  "律师事务所 主任律师", "中医院 主任医师", "职业技术学校 教师", "供销合作社 主任",
  "生态农业合作社 理事长", "陶瓷文化产业园 副总经理", "社区卫生服务中心 主任", "科技型中小企业 董事长",
];

/** mulberry32: tiny, fixed-seed PRNG; the demo roster must be the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** A sector that is a democratic party implies its party membership. */
const PARTY_OF_SECTOR: Record<string, string> = {
  中共: "中共党员", 民革: "民革党员", 民盟: "民盟盟员", 民建: "民建会员", 民进: "民进会员",
  农工党: "农工党党员", 致公党: "致公党党员", 九三学社: "九三学社社员", 台盟: "台盟盟员", 无党派人士: "无党派人士",
};

export interface DemoMember {
  name: string;
  gender: "男" | "女";
  sector: string;
  party: string;
  level: MemberLevel;
  phone: string;
  workplace: string;
}

/** `index` numbers the member city-wide and keeps phones unique (fictional 199-0000-xxxx range). */
export function demoMember(random: () => number, index: number, place: string, level: MemberLevel): DemoMember {
  const gender = random() < 0.42 ? "女" : "男";
  const given = gender === "女" ? GIVEN_FEMALE : GIVEN_MALE;
  const name = pick(random, SURNAMES) + pick(random, given) + (random() < 0.6 ? pick(random, given) : "");
  const sector = pick(random, SECTORS);
  const party = PARTY_OF_SECTOR[sector] ?? pick(random, ["中共党员", "群众", "无党派人士", ...PARTIES.slice(1, 4)]);
  return {
    name,
    gender,
    sector,
    party,
    level,
    phone: `1990000${String(index).padStart(4, "0")}`,
    workplace: `${place}${pick(random, WORKPLACES)}`,
  };
}
