import type { Agency, Category, CategoryScope, Names } from "./agency.js";

// Demo records: real structure of Astana's bodies, made-up contacts (".invalid" addresses).

interface DemoDistrict {
  slug: string;
  code: string;
  /** The start of its bodies' short codes (akimat …A, maslikhat …M). */
  short: string;
  kk: string;
  ru: string;
  en: string;
  /** The building of the district's akimat and maslikhat (made up). */
  address: Names;
  /** The akim and the maslikhat's secretary (made-up people). */
  akim: Names;
  secretary: Names;
}

const DISTRICTS: DemoDistrict[] = [
  {
    slug: "almaty",
    short: "AL",
    code: "711210000",
    kk: "Алматы",
    ru: "Алматы",
    en: "Almaty",
    address: names(
      "Астана, Тәуелсіздік д-лы, 34",
      "Астана, пр. Тауелсиздик, 34",
      "34 Tauelsizdik Ave, Astana",
    ),
    akim: names("Бауыржан Қайратұлы Омаров", "Бауыржан Кайратович Омаров", "Bauyrzhan Omarov"),
    secretary: names("Ләззат Серікқызы Әлиева", "Ляззат Сериковна Алиева", "Lyazzat Aliyeva"),
  },
  {
    slug: "baikonur",
    short: "BK",
    code: "711410000",
    kk: "Байқоңыр",
    ru: "Байконур",
    en: "Baikonur",
    address: names(
      "Астана, Кенесары к-сі, 40",
      "Астана, ул. Кенесары, 40",
      "40 Kenesary St, Astana",
    ),
    akim: names("Дәурен Серікұлы Жақсыбеков", "Даурен Серикович Жаксыбеков", "Dauren Zhaksybekov"),
    secretary: names(
      "Мәдина Ерланқызы Сәрсенова",
      "Мадина Ерлановна Сарсенова",
      "Madina Sarsenova",
    ),
  },
  {
    slug: "yesil",
    short: "YS",
    code: "711310000",
    kk: "Есіл",
    ru: "Есиль",
    en: "Yesil",
    address: names(
      "Астана, Қабанбай батыр д-лы, 19",
      "Астана, пр. Кабанбай батыра, 19",
      "19 Kabanbay Batyr Ave, Astana",
    ),
    akim: names("Нұрлан Болатұлы Исабеков", "Нурлан Болатович Исабеков", "Nurlan Issabekov"),
    secretary: names("Айгүл Маратқызы Нұрланова", "Айгуль Маратовна Нурланова", "Aigul Nurlanova"),
  },
  {
    slug: "saryarka",
    short: "SR",
    code: "711510000",
    kk: "Сарыарқа",
    ru: "Сарыарка",
    en: "Saryarka",
    address: names(
      "Астана, Сейфуллин к-сі, 37",
      "Астана, ул. Сейфуллина, 37",
      "37 Seifullin St, Astana",
    ),
    akim: names("Ержан Асқарұлы Төлеуов", "Ержан Аскарович Толеуов", "Yerzhan Toleuov"),
    secretary: names("Гүлмира Бекқызы Қасымова", "Гульмира Бековна Касымова", "Gulmira Kassymova"),
  },
  {
    slug: "nura",
    short: "NR",
    code: "711610000",
    kk: "Нұра",
    ru: "Нура",
    en: "Nura",
    address: names("Астана, Тұран д-лы, 55", "Астана, пр. Туран, 55", "55 Turan Ave, Astana"),
    akim: names("Асхат Жомартұлы Байжанов", "Асхат Жомартович Байжанов", "Askhat Baizhanov"),
    secretary: names("Сәуле Қанатқызы Мұқанова", "Сауле Канатовна Муканова", "Saule Mukanova"),
  },
];

/** Working hours of a state body in Astana (the labour code's 40-hour week, lunch included). */
const OFFICE_HOURS = names(
  "Дүйсенбі–жұма, 9:00–18:30, түскі үзіліс 13:00–14:30",
  "Понедельник–пятница, 9:00–18:30, перерыв на обед 13:00–14:30",
  "Monday to Friday, 9:00 to 18:30, lunch break 13:00 to 14:30",
);

const base = {
  jurisdiction: "kz",
  phone: null,
  website: null,
  hours: OFFICE_HOURS,
  active: true,
} as const;

function names(kk: string, ru: string, en: string): Names {
  return { kk, ru, en };
}

const address = names;

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
      head: names("Асқар Болатұлы Сейтқали", "Аскар Болатович Сейткали", "Askar Seitkali"),
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
      head: names("Әйгерім Нұрланқызы Бекова", "Айгерим Нурлановна Бекова", "Aigerim Bekova"),
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
      head: names("Ерлан Маратұлы Жұмабаев", "Ерлан Маратович Жумабаев", "Yerlan Zhumabayev"),
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
      head: names("Гүлнар Асқарқызы Оспанова", "Гульнар Аскаровна Оспанова", "Gulnar Ospanova"),
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
      address: d.address,
      head: d.akim,
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
      address: d.address,
      head: d.secretary,
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
