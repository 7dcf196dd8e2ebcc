import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { Sheet, SheetCell } from "../../../web/spreadsheet.js";
import type { CaseLine, ComplaintFigures, GroupFigures } from "./figures.js";

/** A report table, the same for the page and the spreadsheet: typed columns over rows. */
export interface ReportTable<R = unknown> {
  id: "executors" | "topics" | "channels" | "outcomes" | "overdue" | "extensions" | "complaints";
  title: string;
  columns: {
    header: string;
    type: "text" | "number" | "date";
    value: (row: R) => SheetCell;
    width?: number;
  }[];
  rows: R[];
  /** Rows whose figures a chart draws (label and value), when the table has one. */
  chart?: (row: R) => { label: string; value: number };
}

export interface ReportData {
  executors: GroupFigures[];
  topics: GroupFigures[];
  channels: GroupFigures[];
  outcomes: { key: string; count: number }[];
  overdue: CaseLine[];
  extensions: CaseLine[];
  complaints: ComplaintFigures;
  names: Map<string, string>;
  topicNames: Map<string, string>;
}

// biome-ignore lint/suspicious/noExplicitAny: the tables of one report have different row types
export type AnyTable = ReportTable<any>;
const table = <R>(t: ReportTable<R>): AnyTable => t;

/** Every report of the page, in order, in the reader's language. */
export function reportTables(t: Translate, _locale: Locale, d: ReportData): AnyTable[] {
  const h = (k: string) => t(`appeals.reports.column.${k}`);
  const figures = (
    label: (key: string | null) => string,
    head: string,
  ): ReportTable<GroupFigures>["columns"] => [
    { header: head, type: "text", value: (r) => label(r.key), width: 32 },
    { header: h("received"), type: "number", value: (r) => r.received, width: 12 },
    { header: h("answered"), type: "number", value: (r) => r.answered, width: 12 },
    { header: h("on_time"), type: "number", value: (r) => r.onTime, width: 12 },
    { header: h("overdue"), type: "number", value: (r) => r.overdue, width: 12 },
    { header: h("extended"), type: "number", value: (r) => r.extended, width: 12 },
    { header: h("average_days"), type: "number", value: (r) => r.averageDays, width: 14 },
  ];
  const executor = (key: string | null) =>
    key ? (d.names.get(key) ?? t("appeals.reports.unknown")) : t("appeals.reports.unassigned");
  const topic = (key: string | null) =>
    key ? (d.topicNames.get(key) ?? t("appeals.reports.unknown")) : t("appeals.reports.no_topic");
  const cases = (withReason: boolean): ReportTable<CaseLine>["columns"] => [
    { header: t("appeals.staff.field.number"), type: "text", value: (r) => r.number, width: 16 },
    { header: t("appeals.staff.field.subject"), type: "text", value: (r) => r.subject, width: 40 },
    {
      header: t("appeals.staff.field.executor"),
      type: "text",
      value: (r) => executor(r.executorId),
      width: 28,
    },
    {
      header: t("appeals.staff.field.registered"),
      type: "date",
      value: (r) => r.registeredOn,
      width: 14,
    },
    ...(withReason
      ? ([
          {
            header: t("appeals.staff.field.original_due"),
            type: "date",
            value: (r) => r.originalDueOn,
            width: 14,
          },
          { header: t("appeals.staff.field.due"), type: "date", value: (r) => r.dueOn, width: 14 },
          {
            header: t("appeals.staff.reason"),
            type: "text",
            value: (r) => r.extensionReason,
            width: 40,
          },
        ] satisfies ReportTable<CaseLine>["columns"])
      : ([
          { header: t("appeals.staff.field.due"), type: "date", value: (r) => r.dueOn, width: 14 },
          {
            header: t("appeals.staff.field.answered"),
            type: "date",
            value: (r) => r.answeredOn,
            width: 14,
          },
        ] satisfies ReportTable<CaseLine>["columns"])),
  ];
  const c = d.complaints;
  const tables: AnyTable[] = [
    table<GroupFigures>({
      id: "executors",
      title: t("appeals.reports.table.executors"),
      columns: figures(executor, t("appeals.staff.field.executor")),
      rows: d.executors,
      chart: (r: GroupFigures) => ({ label: executor(r.key), value: r.received }),
    }),
    table<GroupFigures>({
      id: "topics",
      title: t("appeals.reports.table.topics"),
      columns: figures(topic, t("appeals.staff.field.category")),
      rows: d.topics,
    }),
    table<GroupFigures>({
      id: "channels",
      title: t("appeals.reports.table.channels"),
      columns: figures((k) => t(`appeals.channel.${k}`), t("appeals.staff.field.channel")),
      rows: d.channels,
      chart: (r: GroupFigures) => ({ label: t(`appeals.channel.${r.key}`), value: r.received }),
    }),
    table<{ key: string; count: number }>({
      id: "outcomes",
      title: t("appeals.reports.table.outcomes"),
      columns: [
        {
          header: t("appeals.staff.field.outcome"),
          type: "text",
          value: (r) => t(`appeals.outcome.${r.key}`),
          width: 28,
        },
        { header: h("answered"), type: "number", value: (r) => r.count, width: 12 },
      ],
      rows: d.outcomes,
    }),
    table<CaseLine>({
      id: "overdue",
      title: t("appeals.reports.table.overdue"),
      columns: cases(false),
      rows: d.overdue,
    }),
    table<CaseLine>({
      id: "extensions",
      title: t("appeals.reports.table.extensions"),
      columns: cases(true),
      rows: d.extensions,
    }),
    table<{ label: string; value: number }>({
      id: "complaints",
      title: t("appeals.reports.table.complaints"),
      columns: [
        { header: h("figure"), type: "text", value: (r) => r.label, width: 48 },
        { header: h("count"), type: "number", value: (r) => r.value, width: 12 },
      ],
      rows: [
        { label: t("appeals.reports.complaints.filed"), value: c.filed },
        { label: t("appeals.reports.complaints.forwarded"), value: c.forwarded },
        { label: t("appeals.reports.complaints.upheld"), value: c.upheld },
        { label: t("appeals.reports.complaints.not_upheld"), value: c.notUpheld },
      ],
    }),
  ];
  return tables;
}

/** A report table as a spreadsheet sheet. */
export function asSheet(tbl: AnyTable): Sheet<unknown> {
  return { name: tbl.title, columns: tbl.columns, rows: tbl.rows };
}
