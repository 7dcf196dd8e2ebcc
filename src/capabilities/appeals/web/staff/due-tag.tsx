import { compare } from "../../../../kernel/calendar/index.js";
import type { Translate } from "../../../../kernel/i18n.js";
import { isOpen } from "../../appeal.js";
import { Tag } from "./components.js";

/** Where an open appeal stands against its term: past it, close to it, or neither. */
export function dueState(
  row: { status: string; due_on: string },
  today: string,
  soon: string,
): "overdue" | "soon" | null {
  if (!isOpen(row.status)) return null;
  if (compare(row.due_on, today) < 0) return "overdue";
  if (compare(row.due_on, soon) <= 0) return "soon";
  return null;
}

/** "Overdue" in red or "due soon" in yellow, nothing otherwise. */
export function DueTag({ t, state }: { t: Translate; state: "overdue" | "soon" | null }) {
  if (state === "overdue") return <Tag colour="red">{t("appeals.staff.due.overdue")}</Tag>;
  if (state === "soon") return <Tag colour="yellow">{t("appeals.staff.due.soon")}</Tag>;
  return null;
}
