import type { Agency, Category, CategoryScope, Names } from "./agency.js";

// Demo records: real structure of Astana's bodies, made-up contacts (".invalid" addresses).

const DISTRICTS: {
  slug: string;
  code: string;
  short: string;
  kk: string;
  ru: string;
  en: string;
}[] = [
  { slug: "almaty", short: "AL", code: "711210000", kk: "Алматы", ru: "Алматы", en: "Almaty" },
  {
    slug: "baikonur",
    short: "BK",
    code: "711410000",
    kk: "Байқоңыр",
    ru: "Байконур",
    en: "Baikonur",
  },
  { slug: "yesil", short: "YS", code: "711310000", kk: "Есіл", ru: "Есиль", en: "Yesil" },
  {
    slug: "saryarka",
    short: "SR",
    code: "711510000",
    kk: "Сарыарқа",
    ru: "Сарыарка",
    en: "Saryarka",
  },
  { slug: "nura", short: "NR", code: "711610000", kk: "Нұра", ru: "Нура", en: "Nura" },
];

const base = { jurisdiction: "kz", phone: null, website: null, active: true } as const;

function address(kk: string, ru: string, en: string): Names {
  return { kk, ru, en };
}

export function demoAgencies(): Agency[] {
  const agencies: Agency[] = [
    {
      ...base,
      id: "ag-ministry-labour",
      slug: "ministry-labour",
      code: "MLS",
      parentId: null,
      higherBodyId: null,
      kind: "ministry",
      level: "republic",
      territoryCode: null,
      names: {
        kk: "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі",
        ru: "Министерство труда и социальной защиты населения Республики Казахстан",
        en: "Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan",
      },
      address: address(
        "Астана, Мәңгілік Ел д-лы, 8",
        "Астана, пр. Мангилик Ел, 8",
        "8 Mangilik Yel Ave, Astana",
      ),
      email: "labour@demo.invalid",
      phone: "+7 7172 00 01 01",
    },
    {
      ...base,
      id: "ag-ministry-health",
      slug: "ministry-health",
      code: "MH",
      parentId: null,
      higherBodyId: null,
      kind: "ministry",
      level: "republic",
      territoryCode: null,
      names: {
        kk: "Қазақстан Республикасы Денсаулық сақтау министрлігі",
        ru: "Министерство здравоохранения Республики Казахстан",
        en: "Ministry of Health of the Republic of Kazakhstan",
      },
      address: address(
        "Астана, Мәңгілік Ел д-лы, 8",
        "Астана, пр. Мангилик Ел, 8",
        "8 Mangilik Yel Ave, Astana",
      ),
      email: "health@demo.invalid",
      phone: "+7 7172 00 01 02",
    },
    {
      ...base,
      id: "ag-astana-akimat",
      slug: "astana-akimat",
      code: "AST",
      parentId: null,
      higherBodyId: null,
      kind: "akimat",
      level: "region",
      territoryCode: "710000000",
      names: {
        kk: "Астана қаласының әкімдігі",
        ru: "Акимат города Астаны",
        en: "Akimat of Astana City",
      },
      address: address(
        "Астана, Бейбітшілік к-сі, 11",
        "Астана, ул. Бейбитшилик, 11",
        "11 Beibitshilik St, Astana",
      ),
      email: "akimat@demo.invalid",
      phone: "+7 7172 00 02 00",
    },
    {
      ...base,
      id: "ag-astana-maslikhat",
      slug: "astana-maslikhat",
      code: "ASM",
      parentId: null,
      higherBodyId: null,
      kind: "maslikhat",
      level: "region",
      territoryCode: "710000000",
      names: {
        kk: "Астана қаласының мәслихаты",
        ru: "Маслихат города Астаны",
        en: "Maslikhat of Astana City",
      },
      address: address(
        "Астана, Бейбітшілік к-сі, 11",
        "Астана, ул. Бейбитшилик, 11",
        "11 Beibitshilik St, Astana",
      ),
      email: "maslikhat@demo.invalid",
      phone: "+7 7172 00 03 00",
    },
  ];
  for (const [i, d] of DISTRICTS.entries()) {
    agencies.push({
      ...base,
      id: `ag-${d.slug}-akimat`,
      slug: `${d.slug}-district-akimat`,
      code: `${d.short}A`,
      parentId: "ag-astana-akimat",
      higherBodyId: "ag-astana-akimat",
      kind: "akimat",
      level: "district",
      territoryCode: d.code,
      names: {
        kk: `Астана қаласы ${d.kk} ауданының әкімдігі`,
        ru: `Акимат района «${d.ru}» города Астаны`,
        en: `Akimat of ${d.en} District, Astana`,
      },
      address: null,
      email: `${d.slug}.akimat@demo.invalid`,
      phone: `+7 7172 00 1${i} 00`,
    });
    agencies.push({
      ...base,
      id: `ag-${d.slug}-maslikhat`,
      slug: `${d.slug}-district-maslikhat`,
      code: `${d.short}M`,
      parentId: "ag-astana-maslikhat",
      higherBodyId: "ag-astana-maslikhat",
      kind: "maslikhat",
      level: "district",
      territoryCode: d.code,
      names: {
        kk: `Астана қаласы ${d.kk} ауданының мәслихаты`,
        ru: `Маслихат района «${d.ru}» города Астаны`,
        en: `Maslikhat of ${d.en} District, Astana`,
      },
      address: null,
      email: `${d.slug}.maslikhat@demo.invalid`,
      phone: null,
    });
  }
  return agencies;
}

interface DemoCategory {
  slug: string;
  scope: CategoryScope;
  names: Names;
  /** Agency ids; "districts:akimat" stands for every district akimat. */
  competent: string[];
}

const DEMO_CATEGORIES: DemoCategory[] = [
  {
    slug: "roads-lighting",
    scope: "district",
    names: {
      kk: "Жолдар, тротуарлар және көше жарығы",
      ru: "Дороги, тротуары и уличное освещение",
      en: "Roads, pavements and street lighting",
    },
    competent: ["districts:akimat"],
  },
  {
    slug: "housing-utilities",
    scope: "district",
    names: {
      kk: "Тұрғын үй-коммуналдық шаруашылық",
      ru: "Жилищно-коммунальное хозяйство",
      en: "Housing and utilities",
    },
    competent: ["districts:akimat"],
  },
  {
    slug: "landscaping",
    scope: "district",
    names: {
      kk: "Абаттандыру, саябақтар және көгалдандыру",
      ru: "Благоустройство, парки и озеленение",
      en: "Landscaping, parks and green spaces",
    },
    competent: ["districts:akimat"],
  },
  {
    slug: "waste",
    scope: "district",
    names: {
      kk: "Қоқыс шығару және тазалық",
      ru: "Вывоз мусора и чистота",
      en: "Waste collection and cleanliness",
    },
    competent: ["districts:akimat"],
  },
  {
    slug: "district-budget",
    scope: "district",
    names: {
      kk: "Аудан бюджеті және мәслихат шешімдері",
      ru: "Бюджет района и решения маслихата",
      en: "District budget and maslikhat decisions",
    },
    competent: ["districts:maslikhat"],
  },
  {
    slug: "public-transport",
    scope: "region",
    names: { kk: "Қоғамдық көлік", ru: "Общественный транспорт", en: "Public transport" },
    competent: ["ag-astana-akimat"],
  },
  {
    slug: "land-construction",
    scope: "region",
    names: {
      kk: "Жер қатынастары және құрылыс",
      ru: "Земельные отношения и строительство",
      en: "Land relations and construction",
    },
    competent: ["ag-astana-akimat"],
  },
  {
    slug: "schools-kindergartens",
    scope: "region",
    names: {
      kk: "Мектептер мен балабақшалар",
      ru: "Школы и детские сады",
      en: "Schools and kindergartens",
    },
    competent: ["ag-astana-akimat"],
  },
  {
    slug: "city-budget",
    scope: "region",
    names: {
      kk: "Қала бюджеті және мәслихат шешімдері",
      ru: "Бюджет города и решения маслихата",
      en: "City budget and maslikhat decisions",
    },
    competent: ["ag-astana-maslikhat"],
  },
  {
    slug: "pensions-benefits",
    scope: "republic",
    names: {
      kk: "Зейнетақылар мен әлеуметтік төлемдер",
      ru: "Пенсии и социальные выплаты",
      en: "Pensions and social benefits",
    },
    competent: ["ag-ministry-labour"],
  },
  {
    slug: "employment",
    scope: "republic",
    names: {
      kk: "Жұмыспен қамту және еңбек қатынастары",
      ru: "Занятость и трудовые отношения",
      en: "Employment and labour relations",
    },
    competent: ["ag-ministry-labour"],
  },
  {
    slug: "healthcare",
    scope: "republic",
    names: {
      kk: "Денсаулық сақтау және медициналық көмек",
      ru: "Здравоохранение и медицинская помощь",
      en: "Healthcare and medical care",
    },
    competent: ["ag-ministry-health"],
  },
];

export function demoCategories(): { category: Category; competent: string[] }[] {
  return DEMO_CATEGORIES.map((c, position) => ({
    category: { id: `cat-${c.slug}`, slug: c.slug, scope: c.scope, names: c.names, position },
    competent: c.competent.flatMap((ref) => {
      const m = /^districts:(akimat|maslikhat)$/.exec(ref);
      return m ? DISTRICTS.map((d) => `ag-${d.slug}-${m[1]}`) : [ref];
    }),
  }));
}
