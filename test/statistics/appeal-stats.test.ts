import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPEN_STATUSES } from "../../src/capabilities/appeals/appeal.js";
import { actOnAppeal } from "../../src/capabilities/appeals/commands/appeal-actions.js";
import { localTime } from "../../src/capabilities/appeals/deadlines.js";
import { recordDeemedRefusals } from "../../src/capabilities/appeals/jobs/deemed-refused.js";
import { up as addBodyTotals } from "../../src/capabilities/appeals/migrations/2026-12-08T0020-appeal-body-totals.js";
import { up as addOpenDue } from "../../src/capabilities/appeals/migrations/2026-12-08T0030-appeal-open-due.js";
import { up as addScopeSums } from "../../src/capabilities/appeals/migrations/2026-12-08T0040-appeal-scope-sums.js";
import { appealProfile } from "../../src/capabilities/appeals/profiles.js";
import { rebuildAppealStats } from "../../src/capabilities/appeals/stats/rebuild.js";
import { fileAppeal } from "../../src/capabilities/appeals/writes.js";
import { formatFigure } from "../../src/capabilities/statistics/views/appeal-stats.js";
import { run as statsRebuild } from "../../src/cli/stats-rebuild.js";
import { addDays, compare, toPlainDate } from "../../src/kernel/calendar/index.js";
import { GroupCommitter } from "../../src/kernel/group-commit.js";
import type { Principal } from "../../src/kernel/permissions.js";
import { previousPeriod } from "../../src/kernel/time/period.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { signInAs } from "../support/sessions.js";

const BAIKONUR = "ag-baikonur-akimat";
const YESIL = "ag-yesil-akimat";
const CITY = "ag-astana-akimat";
const AGENCIES = [BAIKONUR, YESIL, CITY];

/** A seeded generator (mulberry32): the same appeals on every run and both databases. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// biome-ignore lint/suspicious/noExplicitAny: rows as the database returns them
type Row = Record<string, any>;
interface Period {
  from: string;
  to: string;
}
type Scope = { agencies: Set<string> };

const ZONE = "Asia/Almaty";
const local = (iso: string) => toPlainDate(new Date(iso), ZONE);
const within = (d: string, p: Period) => compare(d, p.from) >= 0 && compare(d, p.to) <= 0;
const share = (a: number, b: number) => (b > 0 ? a / b : null);
function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? null;
}

/**
 * The figures computed straight from the appeals and the registration records, written apart
 * from the aggregates: redirects are read from the audit record ("via" of each registration).
 */
function direct(t: TestApp, appeals: Row[], vias: Map<string, string>, scope: Scope, p: Period) {
  const cal = t.ctx.calendars.get("kz");
  if (!cal) throw new Error("no calendar");
  const byId = new Map(appeals.map((a) => [a.id, a]));
  const mine = (a: Row) => scope.agencies.has(a.agency_id);
  const received = appeals.filter((a) => mine(a) && within(a.registered_on, p));
  const byChannel: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  for (const a of received) {
    byChannel[a.channel] = (byChannel[a.channel] ?? 0) + 1;
    byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
  }
  const regDays = received.map((a) => {
    const arrived = local(a.received_at);
    return compare(arrived, a.registered_on) >= 0
      ? 0
      : cal.workingDaysBetween(arrived, a.registered_on);
  });
  const onTime = received.filter((a) => {
    const arrived = local(a.received_at);
    const time = localTime(new Date(a.received_at), ZONE);
    const legal =
      cal.isWorkingDay(arrived) && time < appealProfile("kz").officeHours.closes
        ? arrived
        : cal.nextWorkingDay(arrived);
    return compare(a.registered_on, legal) <= 0;
  }).length;
  const redirected = appeals.filter(
    (a) =>
      ["redirect", "redirect-part"].includes(vias.get(a.id) ?? "") && within(a.registered_on, p),
  );
  const answered = appeals.filter(
    (a) => mine(a) && a.status === "answered" && within(local(a.answered_at), p),
  );
  const answerDays = answered.map((a) =>
    cal.workingDaysBetween(a.registered_on, local(a.answered_at)),
  );
  const rated = appeals.filter(
    (a) => mine(a) && a.rated_at && a.rating_score !== null && within(local(a.rated_at), p),
  );
  const complaints = appeals.filter(
    (a) =>
      a.kind === "complaint" &&
      a.complaint_of_id &&
      a.status === "answered" &&
      scope.agencies.has(byId.get(a.complaint_of_id)?.agency_id) &&
      within(local(a.answered_at), p),
  );
  const upheld = complaints.filter((a) =>
    ["satisfied", "partly_satisfied"].includes(a.answer_outcome),
  ).length;
  const resolved = (r: string) => rated.filter((a) => a.rating_resolved === r).length;
  return {
    accessibility: {
      received: received.length,
      byChannel,
      byKind,
      registeredOnTimeShare: share(onTime, received.length),
      registrationDaysMean: share(
        regDays.reduce((s, n) => s + n, 0),
        received.length,
      ),
      redirectsReceived: redirected.filter(mine).length,
      redirectsSent: redirected.filter((a) =>
        scope.agencies.has(byId.get(a.source_appeal_id)?.agency_id),
      ).length,
    },
    speed: {
      answered: answered.length,
      medianDays: nearestRank(answerDays, 0.5),
      p90Days: nearestRank(answerDays, 0.9),
      inTermShare: share(
        answered.filter((a) => compare(local(a.answered_at), a.due_on) <= 0).length,
        answered.length,
      ),
      extensions: appeals.filter((a) => mine(a) && a.extended_at && within(local(a.extended_at), p))
        .length,
      deemedRefusals: appeals.filter(
        (a) => mine(a) && a.deemed_refused_at && within(local(a.deemed_refused_at), p),
      ).length,
    },
    satisfaction: {
      ratings: rated.length,
      averageRating: share(
        rated.reduce((s, a) => s + Number(a.rating_score), 0),
        rated.length,
      ),
      resolvedYesShare: share(resolved("yes"), rated.length),
      resolvedPartlyShare: share(resolved("partly"), rated.length),
      resolvedNoShare: share(resolved("no"), rated.length),
      complainedShare: share(answered.filter((a) => a.complained_at).length, answered.length),
      complaintsDecided: complaints.length,
      complaintsUpheld: upheld,
      upheldShare: share(upheld, complaints.length),
    },
    overdue: (today: string) =>
      appeals.filter(
        (a) =>
          mine(a) &&
          (OPEN_STATUSES as readonly string[]).includes(a.status) &&
          compare(a.due_on, today) < 0,
      ).length,
  };
}

/**
 * The open appeals by due date counted straight from the appeals: per body and for the country,
 * by year, month and day of the due date (the rows `appeal_open_due` keeps), without zeros.
 */
function openDueRecount(appeals: Row[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of appeals) {
    if (!(OPEN_STATUSES as readonly string[]).includes(a.status)) continue;
    for (const scope of [`a:${a.agency_id}`, "*"]) {
      for (const key of [
        `${scope} y ${a.due_on.slice(0, 4)}`,
        `${scope} m ${a.due_on.slice(0, 7)}`,
        `${scope} d ${a.due_on}`,
      ]) {
        out.set(key, (out.get(key) ?? 0) + 1);
      }
    }
  }
  return out;
}

/** The API's figures with the zero counts of channels and kinds left out, as `direct` gives them. */
// biome-ignore lint/suspicious/noExplicitAny: figures as JSON
function comparable(f: any) {
  const nonZero = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).filter(([, n]) => n !== 0));
  return {
    ...f,
    accessibility: {
      ...f.accessibility,
      byChannel: nonZero(f.accessibility.byChannel),
      byKind: nonZero(f.accessibility.byKind),
    },
  };
}
// biome-ignore lint/suspicious/noExplicitAny: figures as computed
const withoutOverdue = ({ overdue: _o, ...rest }: any) => rest;

describe.each(testDialects())("appeal statistics against the appeals (%s)", (dialect) => {
  let t: TestApp;
  let appeals: Row[];
  let vias: Map<string, string>;
  let levels: Map<string, string[]>;

  const principal = (
    accountId: string,
    role?: "head" | "executor" | "registrar",
    agencyId?: string,
  ): Principal =>
    role && agencyId
      ? { accountId, kind: "staff", grants: [{ role, agencyId }], secondFactor: true }
      : { accountId, kind: "citizen", grants: [], secondFactor: false };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const rand = random(20_250_101);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const staff: Record<string, { head: Principal; executor: Principal; registrar: Principal }> =
      {};
    for (const agencyId of AGENCIES) {
      const make = async (role: "head" | "executor" | "registrar") =>
        principal((await signInAs(t, { grants: [{ role, agencyId }] })).accountId, role, agencyId);
      staff[agencyId] = {
        head: await make("head"),
        executor: await make("executor"),
        registrar: await make("registrar"),
      };
    }
    const s = (agencyId: string) =>
      staff[agencyId] as { head: Principal; executor: Principal; registrar: Principal };
    const at = (day: string, hourUtc: number) =>
      t.clock.set(new Date(`${day}T${String(hourUtc).padStart(2, "0")}:00:00Z`));
    const act = async (who: Principal, number: string, action: string, input = {}) => {
      // biome-ignore lint/suspicious/noExplicitAny: the action names are checked by the command
      const done = await actOnAppeal(t.ctx, who, number, action as any, input);
      if (done.kind !== "ok") throw new Error(`${action} on ${number}: ${JSON.stringify(done)}`);
      const created = done.value.created;
      return { ...done.value, created: created ?? { number: "", agencyId: "", dueOn: "" } };
    };
    const answer = async (agencyId: string, number: string, day: string, outcome = "explained") => {
      at(day, 4);
      await act(s(agencyId).head, number, "assign", { executorId: s(agencyId).executor.accountId });
      await act(s(agencyId).executor, number, "answer", { outcome, text: "Done as asked." });
      at(day, 6);
      await act(s(agencyId).head, number, "approve");
    };

    const start = "2024-10-01";
    for (let i = 0; i < 44; i++) {
      const agencyId = i % 9 === 6 ? BAIKONUR : pick(AGENCIES);
      const day = addDays(start, Math.floor(i * 3.9) + Math.floor(rand() * 3));
      // Within office hours, or after them (registered the next working day).
      at(day, rand() < 0.7 ? 5 : 14);
      const citizen = principal((await signInAs(t, { kind: "citizen" })).accountId);
      const desk = rand() < 0.35;
      const kind = pick(["statement", "proposal", "information_request", "statement"] as const);
      const input = {
        kind,
        agencyId,
        subject: `Appeal ${i} on street lighting`,
        text: `The lamps in yard ${i} have not worked for weeks.`,
      };
      const filed = desk
        ? await fileAppeal(
            t.ctx,
            {
              channel: pick(["paper", "phone", "walk_in"] as const),
              principal: s(agencyId).registrar,
              agencyId,
              applicant: { name: `Person ${i}`, phone: "+7 701 000 00 00", language: "ru" },
            },
            input,
          )
        : await fileAppeal(t.ctx, { channel: "online", principal: citizen }, input);
      if (filed.kind !== "ok") throw new Error(`filing ${i}: ${JSON.stringify(filed)}`);
      const { number, dueOn } = filed.value;
      const owner = desk ? null : citizen;
      const later = (days: number) => addDays(day, days);
      const fate = i % 9;
      if (fate === 1 || (fate === 5 && !owner) || (fate === 6 && !owner)) {
        await answer(agencyId, number, later(3 + Math.floor(rand() * 10)));
        if (owner) {
          at(later(16), 5);
          await act(owner, number, "rate", {
            score: 1 + Math.floor(rand() * 5),
            resolved: pick(["yes", "partly", "no"] as const),
          });
        }
      } else if (fate === 2) {
        // Answered after the term.
        await answer(agencyId, number, addDays(dueOn, 2 + Math.floor(rand() * 5)));
      } else if (fate === 3) {
        at(later(1), 5);
        const target = agencyId === YESIL ? BAIKONUR : YESIL;
        const moved = await act(s(agencyId).head, number, "redirect", {
          agencyId: target,
          reason: "Not ours to decide.",
        });
        if (rand() < 0.7) await answer(target, moved.created.number, later(6));
      } else if (fate === 4) {
        at(later(2), 5);
        await act(s(agencyId).head, number, "extend", {
          until: addDays(dueOn, 7),
          reason: "An inspection is needed.",
        });
        await answer(agencyId, number, addDays(dueOn, 3), "satisfied");
        if (owner) {
          at(addDays(dueOn, 5), 5);
          await act(owner, number, "rate", { score: 5, resolved: "yes" });
        }
      } else if ((fate === 5 || fate === 6) && owner) {
        await answer(agencyId, number, later(5), "refused");
        at(later(9), 5);
        const complaint = await act(owner, number, "complain", { text: "The refusal is wrong." });
        if (fate === 5) {
          await answer(
            agencyId,
            complaint.created.number,
            later(12),
            pick(["satisfied", "refused"]),
          );
        } else {
          at(later(10), 5);
          const forwarded = await act(s(agencyId).head, complaint.created.number, "forward", {
            position: "The refusal was lawful.",
          });
          const higher = forwarded.created.agencyId;
          await answer(
            higher,
            forwarded.created.number,
            later(20),
            pick(["partly_satisfied", "refused"]),
          );
        }
      } else if (fate === 7) {
        at(later(2), 5);
        if (owner) await act(owner, number, "withdraw", {});
        else await act(s(agencyId).head, number, "terminate", { reason: "already_decided" });
      } else if (fate === 8) {
        at(later(1), 5);
        await act(s(agencyId).head, number, "assign", {
          executorId: s(agencyId).executor.accountId,
        });
      }
    }
    // The term runs out for what is still undecided: deemed refusals, recorded by the clock's job.
    t.clock.set(new Date("2025-03-10T05:00:00Z"));
    await recordDeemedRefusals(t.ctx, { pageSize: 500 });
    t.clock.set(new Date("2025-03-19T05:00:00Z"));

    appeals = await t.ctx.db.kysely.selectFrom("appeals").selectAll().execute();
    const registrations = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select(["subject_id", "data"])
      .where("action", "=", "appeal.registered")
      .execute();
    vias = new Map(
      registrations.map((r) => [r.subject_id, (JSON.parse(r.data) as { via?: string }).via ?? ""]),
    );
    const agencies = await t.ctx.db.kysely.selectFrom("agencies").select(["id", "level"]).execute();
    levels = new Map();
    for (const a of agencies) levels.set(a.level, [...(levels.get(a.level) ?? []), a.id]);
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  const periods: Period[] = [
    { from: "2025-01-01", to: "2025-03-31" },
    { from: "2024-10-01", to: "2024-12-31" },
    { from: "2024-11-13", to: "2025-02-07" },
    { from: "2024-01-01", to: "2025-12-31" },
    { from: "2025-02-10", to: "2025-02-10" },
  ];
  const allAgencies = () => new Set(appeals.map((a) => a.agency_id).concat(AGENCIES));
  const scopes = (): [string, string, Scope][] => [
    ["national", "/api/v1/stats/overview", { agencies: allAgencies() }],
    [
      "level:district",
      "/api/v1/stats/levels/district",
      { agencies: new Set(levels.get("district")) },
    ],
    ["level:region", "/api/v1/stats/levels/region", { agencies: new Set(levels.get("region")) }],
    ...AGENCIES.map((id): [string, string, Scope] => [
      `agency:${id}`,
      `/api/v1/stats/agencies/${id}`,
      { agencies: new Set([id]) },
    ]),
  ];

  it("generated a varied year: every channel group, redirects, complaints upheld and not, extensions, deemed refusals, ratings", () => {
    const national = direct(t, appeals, vias, { agencies: allAgencies() }, periods[3] as Period);
    expect(national.accessibility.received).toBeGreaterThan(50);
    expect(Object.keys(national.accessibility.byChannel).length).toBeGreaterThanOrEqual(3);
    expect(national.accessibility.redirectsReceived).toBeGreaterThan(2);
    expect(national.accessibility.registrationDaysMean).toBeGreaterThan(0);
    expect(national.speed.answered).toBeGreaterThan(10);
    expect(national.speed.inTermShare).toBeLessThan(1);
    expect(national.speed.extensions).toBeGreaterThan(0);
    expect(national.speed.deemedRefusals).toBeGreaterThan(0);
    expect(national.satisfaction.ratings).toBeGreaterThan(3);
    expect(national.satisfaction.complaintsDecided).toBeGreaterThan(1);
    expect(national.satisfaction.complainedShare).toBeGreaterThan(0);
  });

  it("the API gives exactly the figures computed from the appeals, for every scope and period, and the period before", async () => {
    for (const period of periods) {
      for (const [name, url, scope] of scopes()) {
        const res = await t.app.inject({ url: `${url}?from=${period.from}&to=${period.to}` });
        expect(res.statusCode, `${name} ${period.from}`).toBe(200);
        const body = res.json();
        expect(body.scope).toBe(name);
        expect(comparable(body.current), `${name} ${period.from}..${period.to}`).toEqual(
          withoutOverdue(direct(t, appeals, vias, scope, period)),
        );
        const before = previousPeriod(period);
        expect(body.previousPeriod).toEqual(before);
        expect(comparable(body.previous)).toEqual(
          withoutOverdue(direct(t, appeals, vias, scope, before)),
        );
        expect(body.overdueNow).toBe(direct(t, appeals, vias, scope, period).overdue("2025-03-19"));
      }
    }
  });

  it("monthly trends and the ranking agree with the appeals", async () => {
    const period = { from: "2024-10-15", to: "2025-03-19" };
    const res = await t.app.inject({
      url: `/api/v1/stats/trends?agency=${BAIKONUR}&from=${period.from}&to=${period.to}`,
    });
    const months = res.json().months as Row[];
    expect(months.map((m) => m.month)).toEqual([
      "2024-10",
      "2024-11",
      "2024-12",
      "2025-01",
      "2025-02",
      "2025-03",
    ]);
    for (const m of months) {
      const [y, mo] = (m.month as string).split("-").map(Number) as [number, number];
      const monthPeriod = {
        from: compare(`${m.month}-01`, period.from) < 0 ? period.from : `${m.month}-01`,
        to: (() => {
          const last = addDays(
            `${mo === 12 ? y + 1 : y}-${String((mo % 12) + 1).padStart(2, "0")}-01`,
            -1,
          );
          return compare(last, period.to) > 0 ? period.to : last;
        })(),
      };
      const d = direct(t, appeals, vias, { agencies: new Set([BAIKONUR]) }, monthPeriod);
      expect(m, m.month).toEqual({
        month: m.month,
        received: d.accessibility.received,
        answered: d.speed.answered,
        medianDays: d.speed.medianDays,
        p90Days: d.speed.p90Days,
        inTermShare: d.speed.inTermShare,
        ratings: d.satisfaction.ratings,
        averageRating: d.satisfaction.averageRating,
      });
    }
    // Whole months (month totals), and days at both ends (day totals), over a month boundary.
    const rankPeriods = [
      { from: "2024-10-01", to: "2025-03-31" },
      { from: "2024-11-13", to: "2025-02-07" },
      { from: "2024-12-20", to: "2025-01-10" },
    ];
    for (const [criterion, p] of ["accessibility", "speed", "satisfaction"].flatMap((c) =>
      rankPeriods.map((period) => [c, period] as const),
    )) {
      const ranked = await t.app.inject({
        url: `/api/v1/stats/ranking?criterion=${criterion}&from=${p.from}&to=${p.to}`,
      });
      const bodies = ranked.json().bodies as Row[];
      for (const b of bodies) {
        const d = direct(t, appeals, vias, { agencies: new Set([b.agencyId]) }, p);
        expect(
          {
            received: b.received,
            registeredOnTimeShare: b.registeredOnTimeShare,
            answered: b.answered,
            medianDays: b.medianDays,
            inTermShare: b.inTermShare,
            ratings: b.ratings,
            averageRating: b.averageRating,
            resolvedYesShare: b.resolvedYesShare,
          },
          `${b.agencyId} ${p.from}..${p.to}`,
        ).toEqual({
          received: d.accessibility.received,
          registeredOnTimeShare: d.accessibility.registeredOnTimeShare,
          answered: d.speed.answered,
          medianDays: d.speed.medianDays,
          inTermShare: d.speed.inTermShare,
          ratings: d.satisfaction.ratings,
          averageRating: d.satisfaction.averageRating,
          resolvedYesShare: d.satisfaction.resolvedYesShare,
        });
      }
      // Ranked first to last on the criterion; those with nothing to rank come last.
      const key = (b: Row) =>
        criterion === "accessibility"
          ? b.registeredOnTimeShare
          : criterion === "speed"
            ? b.inTermShare
            : b.averageRating;
      const ranks = bodies.filter((b) => b.rank !== null);
      expect(ranks.map((b) => b.rank)).toEqual(ranks.map((_, i) => i + 1));
      for (let i = 1; i < ranks.length; i++) {
        expect(key(ranks[i - 1] as Row)).toBeGreaterThanOrEqual(key(ranks[i] as Row));
      }
      expect(bodies.slice(ranks.length).every((b) => key(b) === null)).toBe(true);
    }
  });

  it("the pages show the same figures in kk, ru and en, as valid HTML", async () => {
    const period = { from: "2025-01-01", to: "2025-03-31" };
    const pages: [string, Scope][] = [
      ["/statistics", { agencies: allAgencies() }],
      ["/statistics/levels/district", { agencies: new Set(levels.get("district")) }],
      ["/statistics/agencies/baikonur-district-akimat", { agencies: new Set([BAIKONUR]) }],
    ];
    const kinds: Record<
      string,
      ["count" | "share" | "days" | "rating", (f: Row) => number | null]
    > = {
      received: ["count", (f) => f.accessibility.received],
      registered_on_time: ["share", (f) => f.accessibility.registeredOnTimeShare],
      registration_days: ["days", (f) => f.accessibility.registrationDaysMean],
      redirects_received: ["count", (f) => f.accessibility.redirectsReceived],
      redirects_sent: ["count", (f) => f.accessibility.redirectsSent],
      answered: ["count", (f) => f.speed.answered],
      median_days: ["days", (f) => f.speed.medianDays],
      p90_days: ["days", (f) => f.speed.p90Days],
      in_term: ["share", (f) => f.speed.inTermShare],
      extensions: ["count", (f) => f.speed.extensions],
      deemed_refusals: ["count", (f) => f.speed.deemedRefusals],
      ratings: ["count", (f) => f.satisfaction.ratings],
      average_rating: ["rating", (f) => f.satisfaction.averageRating],
      resolved_yes: ["share", (f) => f.satisfaction.resolvedYesShare],
      complained: ["share", (f) => f.satisfaction.complainedShare],
      complaints_decided: ["count", (f) => f.satisfaction.complaintsDecided],
      complaints_upheld: ["count", (f) => f.satisfaction.complaintsUpheld],
      upheld_share: ["share", (f) => f.satisfaction.upheldShare],
    };
    for (const [path, scope] of pages) {
      const now = direct(t, appeals, vias, scope, period);
      const before = direct(t, appeals, vias, scope, previousPeriod(period));
      for (const lang of ["kk", "ru", "en"] as const) {
        const res = await t.app.inject({
          url: `${path}?from=${period.from}&to=${period.to}&lang=${lang}`,
        });
        expect(res.statusCode).toBe(200);
        expect(await htmlProblems(res.body)).toEqual([]);
        for (const [figure, [kind, pick]] of Object.entries(kinds)) {
          const row = res.body.match(
            new RegExp(
              `data-figure="${figure}"[^>]*>\\s*<th[^>]*>[^<]*</th>\\s*<td[^>]*>([^<]*)</td>\\s*<td[^>]*>([^<]*)</td>`,
            ),
          );
          expect(row, `${path} ${figure}`).not.toBeNull();
          expect([row?.[1], row?.[2]], `${path} ${lang} ${figure}`).toEqual([
            formatFigure(pick(now), kind, lang),
            formatFigure(pick(before), kind, lang),
          ]);
        }
        const overdue = res.body.match(
          /data-figure="overdue_now"[^>]*>\s*<th[^>]*>[^<]*<\/th>\s*<td[^>]*>([^<]*)<\/td>/,
        );
        expect(overdue?.[1]).toBe(formatFigure(now.overdue("2025-03-19"), "count", lang));
        // Charts made on the server, each beside a table of the same figures.
        expect(res.body.match(/<svg /g)?.length).toBe(3);
        expect(res.body).toContain('id="trends"');
      }
    }
  });

  it("refuses a bad period or scope with a localised error and answers 404 for unknown bodies", async () => {
    for (const q of ["from=2025-02-30", "from=2025-03-01&to=2025-01-01", "preset=decade"]) {
      const api = await t.app.inject({
        url: `/api/v1/stats/overview?${q}`,
        headers: { "accept-language": "ru" },
      });
      expect(api.statusCode).toBe(400);
      expect(api.json().error.code).toBe("VALIDATION");
      const page = await t.app.inject({ url: `/statistics?${q}&lang=ru` });
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain("govuk-error-summary");
      expect(await htmlProblems(page.body)).toEqual([]);
    }
    expect((await t.app.inject({ url: "/statistics/agencies/nobody" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/statistics/levels/galaxy" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/api/v1/stats/agencies/nobody" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/api/v1/stats/trends?agency=nobody" })).statusCode).toBe(
      404,
    );
    // Presets: the current month, quarter and year of the clock (19 March 2025).
    const quarter = await t.app.inject({ url: "/api/v1/stats/overview?preset=quarter" });
    expect(quarter.json().period).toEqual({ from: "2025-01-01", to: "2025-03-31" });
    const year = await t.app.inject({ url: "/api/v1/stats/overview" });
    expect(year.json().period).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(year.json().previousPeriod).toEqual({ from: "2024-01-01", to: "2024-12-31" });
    const month = await t.app.inject({ url: "/api/v1/stats/overview?preset=month" });
    expect(month.json().period).toEqual({ from: "2025-03-01", to: "2025-03-31" });
  });

  it("is in the OpenAPI file", async () => {
    const spec = (await t.app.inject({ url: "/api/openapi.json" })).json();
    for (const path of [
      "/api/v1/stats/overview",
      "/api/v1/stats/levels/{level}",
      "/api/v1/stats/agencies/{idOrSlug}",
      "/api/v1/stats/ranking",
      "/api/v1/stats/trends",
    ]) {
      expect(spec.paths[path]?.get, path).toBeDefined();
      expect(spec.paths[path].get.responses["429"], path).toBeDefined();
    }
  });

  it("a rebuild from the appeals (and `npm run stats-rebuild`) gives the same aggregates as the changes kept", async () => {
    // Filings that arrive together share a group commit, which sums their statistics and
    // writes each row once before the commit.
    const citizen = principal((await signInAs(t, { kind: "citizen" })).accountId);
    const batches: number[] = [];
    const listener = GroupCommitter.onCommit;
    GroupCommitter.onCommit = (size, name) => {
      if (name === "appeals") batches.push(size);
    };
    let together: Awaited<ReturnType<typeof fileAppeal>>[];
    try {
      together = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          fileAppeal(
            t.ctx,
            { channel: "online", principal: citizen },
            {
              kind: i % 4 === 0 ? "proposal" : "statement",
              agencyId: AGENCIES[i % AGENCIES.length] as string,
              subject: `Filed together ${i}`,
              text: `Appeal ${i} of a burst about the broken bench in the yard.`,
            },
          ),
        ),
      );
    } finally {
      GroupCommitter.onCommit = listener;
    }
    expect(together.every((f) => f.kind === "ok")).toBe(true);
    expect(Math.max(...batches)).toBeGreaterThan(1);
    const total = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(appeals.length + 30);
    const snapshot = async () => {
      const rows = await t.ctx.db.kysely.selectFrom("appeal_stats").selectAll().execute();
      const totals = await t.ctx.db.kysely.selectFrom("appeal_body_totals").selectAll().execute();
      const open = await t.ctx.db.kysely.selectFrom("appeal_open_due").selectAll().execute();
      const scopeSums = await t.ctx.db.kysely.selectFrom("appeal_scope_sums").selectAll().execute();
      const counts = (r: Row) =>
        [
          r.received,
          r.registered_on_time,
          r.answered,
          r.answered_in_term,
          r.ratings,
          r.rating_sum,
          r.resolved_yes,
        ].map(Number);
      return new Map([
        ...rows
          .filter((r) => Number(r.value) !== 0)
          .map((r): [string, unknown] => [
            `${r.scope} ${r.grain} ${r.period} ${r.metric} ${r.dim}`,
            Number(r.value),
          ]),
        // The bodies' totals, kept in the same transactions: equal to a recount too.
        ...totals
          .filter((r) => counts(r).some((n) => n !== 0) || r.answer_days !== "[]")
          .map((r): [string, unknown] => [
            `totals ${r.grain} ${r.period} ${r.agency_id}`,
            [...counts(r), r.answer_days],
          ]),
        // The open appeals by due date, kept in the same transactions too.
        ...open
          .filter((r) => Number(r.open) !== 0)
          .map((r): [string, unknown] => [
            `open ${r.scope} ${r.grain} ${r.period}`,
            Number(r.open),
          ]),
        // The country's and the levels' rows by period, from the same changes.
        ...scopeSums
          .filter((r) => r.sums !== "{}")
          .map((r): [string, unknown] => [
            `sums ${r.scope} ${r.grain} ${r.period}`,
            JSON.parse(r.sums),
          ]),
      ]);
    };
    const kept = await snapshot();
    expect(kept.size).toBeGreaterThan(100);
    // The country's and each level's row of a period holds exactly its statistics rows.
    const summed = [...kept].filter(([k]) => k.startsWith("sums "));
    expect(summed.filter(([k]) => k.startsWith("sums * d ")).length).toBeGreaterThan(40);
    expect(summed.filter(([k]) => k.startsWith("sums l:district m ")).length).toBeGreaterThan(3);
    const fromStats = new Map<string, Record<string, number>>();
    for (const [k, n] of kept) {
      const [scope, grain, period, metric, dim] = k.split(" ") as string[];
      if (!(scope === "*" || scope?.startsWith("l:")) || n === 0) continue;
      const key = `sums ${scope} ${grain} ${period}`;
      fromStats.set(key, { ...fromStats.get(key), [`${metric}\t${dim ?? ""}`]: n as number });
    }
    expect(new Map(summed)).toEqual(fromStats);
    // The open appeals by due date kept equal a recount from the appeals.
    const nowAppeals = await t.ctx.db.kysely.selectFrom("appeals").selectAll().execute();
    const recount = openDueRecount(nowAppeals);
    expect(recount.size).toBeGreaterThan(10);
    expect(
      new Map([...kept].filter(([k]) => k.startsWith("open ")).map(([k, n]) => [k.slice(5), n])),
    ).toEqual(recount);
    const keptTotals = [...kept.keys()].filter((k) => k.startsWith("totals "));
    expect(keptTotals.filter((k) => k.startsWith("totals m ")).length).toBeGreaterThan(10);
    expect(keptTotals.filter((k) => k.startsWith("totals d ")).length).toBeGreaterThan(40);
    // Each body's month totals equal its detailed statistics of that month.
    for (const key of keptTotals.filter((k) => k.startsWith("totals m "))) {
      const [, , month, agencyId] = key.split(" ") as [string, string, string, string];
      const sum = (metric: string, match: (dim: string) => number) =>
        [...kept]
          .filter(([k]) => k.startsWith(`a:${agencyId} m ${month} ${metric} `))
          .reduce((s, [k, n]) => s + match(k.split(" ")[4] ?? "") * (n as number), 0);
      const [received, onTime, answered, inTerm, ratings, ratingSum, yes] = kept.get(
        key,
      ) as number[];
      expect([received, onTime, answered, inTerm, ratings, ratingSum, yes], key).toEqual([
        sum("recv", () => 1),
        sum("reg", (d) => (d.split("|")[1] === "1" ? 1 : 0)),
        sum("ans", () => 1),
        sum("ans", (d) => (d.split("|")[1] === "1" ? 1 : 0)),
        sum("rating", () => 1),
        sum("rating", (d) => Number(d.split("|")[0])),
        sum("rating", (d) => (d.split("|")[1] === "yes" ? 1 : 0)),
      ]);
    }
    const done = await rebuildAppealStats(t.ctx.db.kysely, t.ctx.calendars);
    expect(done.appeals).toBe(appeals.length + 30);
    expect(await snapshot()).toEqual(kept);
    // The command line: same result, read from the environment's database.
    await t.ctx.db.kysely.deleteFrom("appeal_stats").execute();
    await t.ctx.db.kysely.deleteFrom("appeal_body_totals").execute();
    await t.ctx.db.kysely.deleteFrom("appeal_open_due").execute();
    await t.ctx.db.kysely.deleteFrom("appeal_scope_sums").execute();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.ctx.config.databaseUrl;
    const lines: string[] = [];
    try {
      const code = await statsRebuild({
        log: (s: string) => lines.push(s),
        error: (s: string) => lines.push(s),
      });
      expect(code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    expect(lines.join("\n")).toMatch(new RegExp(`from ${appeals.length + 30} appeal\\(s\\)`));
    expect(await snapshot()).toEqual(kept);
    // The migration that added the totals fills them from the statistics already kept.
    await t.ctx.db.kysely.schema.dropTable("appeal_body_totals").execute();
    await addBodyTotals(t.ctx.db.kysely as never);
    expect(await snapshot()).toEqual(kept);
    // So does the migration that added the open appeals by due date, from the appeals.
    await t.ctx.db.kysely.schema.dropTable("appeal_open_due").execute();
    await addOpenDue(t.ctx.db.kysely as never);
    expect(await snapshot()).toEqual(kept);
    // And the one that added the country's and the levels' rows by period, from the statistics.
    await t.ctx.db.kysely.schema.dropTable("appeal_scope_sums").execute();
    await addScopeSums(t.ctx.db.kysely as never);
    expect(await snapshot()).toEqual(kept);
  });

  it("the open appeals by due date stay equal to a recount through filings together, extensions, answers, redirects and closures, and give overdue now of every scope on any day", async () => {
    const grant = async (role: "head" | "executor", agencyId: string) =>
      principal((await signInAs(t, { grants: [{ role, agencyId }] })).accountId, role, agencyId);
    const heads = Object.fromEntries(
      await Promise.all(AGENCIES.map(async (id) => [id, await grant("head", id)] as const)),
    ) as Record<string, Principal>;
    const executors = Object.fromEntries(
      await Promise.all(AGENCIES.map(async (id) => [id, await grant("executor", id)] as const)),
    ) as Record<string, Principal>;
    const citizen = principal((await signInAs(t, { kind: "citizen" })).accountId);
    const act = async (who: Principal, number: string, action: string, input = {}) => {
      // biome-ignore lint/suspicious/noExplicitAny: the action names are checked by the command
      const done = await actOnAppeal(t.ctx, who, number, action as any, input);
      if (done.kind !== "ok") throw new Error(`${action} on ${number}: ${JSON.stringify(done)}`);
      return done.value;
    };
    const recountEqualsKept = async () => {
      const rows = await t.ctx.db.kysely.selectFrom("appeal_open_due").selectAll().execute();
      const kept = new Map(
        rows
          .filter((r) => Number(r.open) !== 0)
          .map((r) => [`${r.scope} ${r.grain} ${r.period}`, Number(r.open)]),
      );
      const all = await t.ctx.db.kysely.selectFrom("appeals").selectAll().execute();
      expect(kept).toEqual(openDueRecount(all));
      return all;
    };
    // Twelve filings at once (group commits), in December, so terms run over the new year.
    t.clock.set(new Date("2025-12-15T05:00:00Z"));
    const filed = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fileAppeal(
          t.ctx,
          { channel: "online", principal: citizen },
          {
            kind: i % 3 === 0 ? "information_request" : "statement",
            agencyId: AGENCIES[i % AGENCIES.length] as string,
            subject: `Winter ${i}`,
            text: `Appeal ${i} about snow left on the pavement of the street.`,
          },
        ),
      ),
    );
    const numbers = filed.map((f, i) => {
      if (f.kind !== "ok") throw new Error(JSON.stringify(f));
      return { ...f.value, agencyId: AGENCIES[i % AGENCIES.length] as string };
    });
    await recountEqualsKept();
    t.clock.set(new Date("2025-12-17T05:00:00Z"));
    // Extended and left open (a new due date), extended and then answered, answered, withdrawn,
    // terminated, redirected (a new open appeal in another body), assigned only.
    for (const [i, n] of numbers.entries()) {
      const head = heads[n.agencyId] as Principal;
      const fate = i % 6;
      if (fate === 0 || fate === 1) {
        await act(head, n.number, "extend", {
          until: addDays(n.dueOn, 7),
          reason: "An inspection is needed.",
        });
      }
      if (fate === 1 || fate === 2) {
        await act(head, n.number, "assign", {
          executorId: (executors[n.agencyId] as Principal).accountId,
        });
        await act(executors[n.agencyId] as Principal, n.number, "answer", {
          outcome: "explained",
          text: "Cleared.",
        });
        await act(head, n.number, "approve");
      }
      if (fate === 3) await act(citizen, n.number, "withdraw", {});
      if (fate === 4 && i < 6) {
        await act(head, n.number, "terminate", { reason: "already_decided" });
      } else if (fate === 4) {
        await act(head, n.number, "redirect", {
          agencyId: n.agencyId === YESIL ? BAIKONUR : YESIL,
          reason: "Not ours to decide.",
        });
      }
      if (fate === 5) {
        await act(head, n.number, "assign", {
          executorId: (executors[n.agencyId] as Principal).accountId,
        });
      }
    }
    // The clock's job marks what ran out (no change of status or due date).
    t.clock.set(new Date("2026-02-20T05:00:00Z"));
    await recordDeemedRefusals(t.ctx, { pageSize: 500 });
    const all = await recountEqualsKept();
    const extendedOpen = all.filter(
      (a) => a.extended_at && (OPEN_STATUSES as readonly string[]).includes(a.status),
    );
    expect(extendedOpen.length).toBeGreaterThan(0);
    // Overdue now, of the country, a level and each body, on days before, across and after the
    // due dates (a year's, a month's and a day's rows), equals a count of the appeals.
    const agencies = await t.ctx.db.kysely.selectFrom("agencies").select(["id", "level"]).execute();
    const district = new Set(agencies.filter((a) => a.level === "district").map((a) => a.id));
    const dueDates = [...new Set(all.filter((a) => a.due_on >= "2025-12-15").map((a) => a.due_on))];
    const days = [
      "2024-10-01",
      "2025-03-19",
      "2025-12-31",
      "2026-01-01",
      ...dueDates,
      "2026-02-20",
    ];
    for (const day of days) {
      t.clock.set(new Date(`${day}T12:00:00Z`));
      const overdue = (mine: (a: Row) => boolean) =>
        all.filter(
          (a) =>
            mine(a) &&
            (OPEN_STATUSES as readonly string[]).includes(a.status) &&
            compare(a.due_on, day) < 0,
        ).length;
      const ask = async (url: string) =>
        (await t.app.inject({ url: `${url}?from=2025-12-01&to=2025-12-31` })).json().overdueNow;
      expect(await ask("/api/v1/stats/overview"), day).toBe(overdue(() => true));
      expect(await ask("/api/v1/stats/levels/district"), day).toBe(
        overdue((a) => district.has(a.agency_id)),
      );
      for (const id of AGENCIES) {
        expect(await ask(`/api/v1/stats/agencies/${id}`), `${id} ${day}`).toBe(
          overdue((a) => a.agency_id === id),
        );
      }
    }
    t.clock.set(new Date("2025-03-19T05:00:00Z"));
  }, 120_000);
});
