import ExcelJS from "exceljs";
import type { TestApp } from "../support/app.js";
import { agency } from "../support/factories.js";
import type { SignedIn } from "../support/sessions.js";
import { api, citizen, file, resume, staff } from "./support.js";

/** The rows of a named sheet of a workbook, as text. */
export async function sheetOf(bytes: Buffer, name: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}: ${wb.worksheets.map((w) => w.name).join(", ")}`);
  const rows: string[][] = [];
  ws.eachRow((row) => {
    rows.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) =>
          v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? "" : String(v),
        ),
    );
  });
  return rows;
}

/**
 * A body's appeals in a known state on 20 April 2025: the first executor answered one on
 * time and had one extended; the second let one pass its term; one was never assigned (past
 * its term too); and the applicant complained about the answer.
 */
export async function reportScenario(t: TestApp) {
  const body = (await agency(t)).id;
  let head = await staff(t, "head", body);
  const analyst = await staff(t, "analyst", body);
  const first = await staff(t, "executor", body);
  const second = await staff(t, "executor", body);
  // Executors with names of their own, so the report's rows can be told apart.
  for (const [who, surname] of [
    [first, "Akhmetova"],
    [second, "Bekov"],
  ] as const) {
    await t.ctx.db.kysely
      .updateTable("accounts")
      .set({ surname })
      .where("id", "=", who.accountId)
      .execute();
  }
  const person = await citizen(t);
  const numbers: string[] = [];
  for (let i = 0; i < 4; i++) numbers.push((await file(t, person, { agencyId: body })).number);
  const [n1, n2, n3] = numbers;
  const act = async (who: SignedIn, n: string | undefined, action: string, input: object) => {
    const res = await api(t, who, "POST", `/api/v1/appeals/${n}/${action}`, input);
    if (res.status >= 300)
      throw new Error(`${action} ${n}: ${res.status} ${JSON.stringify(res.json)}`);
  };
  await act(head, n1, "assign", { executorId: first.accountId });
  await act(head, n2, "assign", { executorId: first.accountId });
  await act(head, n3, "assign", { executorId: second.accountId });
  await act(first, n1, "answer", {
    outcome: "satisfied",
    text: "The lamps were replaced.",
    language: "kk",
  });
  await act(head, n1, "approve", {});
  await act(head, n2, "extend", { until: "2025-05-05", reason: "An expert opinion is needed" });
  t.clock.set("2025-04-20T05:00:00Z");
  head = await resume(t, head);
  await act(await resume(t, person), n1, "complain", { text: "The lamps went out again." });
  return {
    body,
    head,
    analyst: await resume(t, analyst),
    first,
    second,
    numbers,
    person,
  };
}
