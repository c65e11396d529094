/** 株洲市 and its county-level units with townships named in shared/domain.md. */
export const CITY = { name: "株洲市政协", shortName: "市政协" } as const;

export const COUNTIES: ReadonlyArray<{ name: string; shortName: string; login: string; townships: readonly string[] }> = [
  { name: "荷塘区政协", shortName: "荷塘区", login: "hetang", townships: ["月塘街道", "宋家桥街道", "茨菇塘街道", "仙庾镇"] },
  { name: "芦淞区政协", shortName: "芦淞区", login: "lusong", townships: ["建宁街道", "贺家土街道", "庆云街道", "白关镇"] },
  { name: "石峰区政协", shortName: "石峰区", login: "shifeng", townships: ["清水塘街道", "响石岭街道", "田心街道", "井墈街道"] },
  { name: "天元区政协", shortName: "天元区", login: "tianyuan", townships: ["嵩山街道", "泰山街道", "栗雨街道", "群丰镇", "雷打石镇"] },
  { name: "渌口区政协", shortName: "渌口区", login: "lukou", townships: ["渌口镇", "南洲镇", "淦田镇", "朱亭镇"] },
  { name: "醴陵市政协", shortName: "醴陵市", login: "liling", townships: ["左权镇", "仙岳山街道", "来龙门街道", "浦口镇", "白兔潭镇"] },
  { name: "攸县政协", shortName: "攸县", login: "youxian", townships: ["联星街道", "江桥街道", "网岭镇", "皇图岭镇", "酒埠江镇"] },
  { name: "茶陵县政协", shortName: "茶陵县", login: "chaling", townships: ["云阳街道", "思聪街道", "洣江街道", "严塘镇", "腰潞镇"] },
  { name: "炎陵县政协", shortName: "炎陵县", login: "yanling", townships: ["霞阳镇", "水口镇", "沔渡镇", "鹿原镇"] },
];
