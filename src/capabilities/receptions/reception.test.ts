import { describe, expect, it } from "vitest";
import {
  BOOKING_STATUSES,
  type BookingStep,
  checkSchedule,
  median,
  nextStatus,
  type ScheduleInput,
  slotsOf,
} from "./reception.js";

const input = (extra: Partial<ScheduleInput> = {}): ScheduleInput => ({
  firstDay: "2025-03-18",
  weeks: "2",
  startTime: "10:00",
  endTime: "11:00",
  slotMinutes: "30",
  place: "Room 201",
  onlineUrl: "",
  topics: ["a"],
  ...extra,
});

describe("booking transitions", () => {
  const steps: BookingStep[] = [
    "cancel",
    "move",
    "clarify",
    "answer",
    "advise",
    "redirect",
    "resolved",
    "appeal",
    "no_show",
    "refused",
  ];
  it.each([
    ["booked", "cancel", "cancelled"],
    ["booked", "move", "booked"],
    ["booked", "redirect", "redirected"],
    ["booked", "advise", "booked"],
    ["booked", "appeal", "appeal"],
    ["booked", "refused", "refused"],
    ["waiting", "resolved", "resolved"],
    ["waiting", "appeal", "appeal"],
    ["waiting", "cancel", null],
    ["waiting", "move", null],
    ["waiting", "redirect", null],
  ] as const)("%s --%s--> %s", (from, step, to) => {
    expect(nextStatus(from, step)).toBe(to);
  });
  it("every outcome is final", () => {
    for (const s of BOOKING_STATUSES.filter((x) => x !== "booked" && x !== "waiting"))
      for (const step of steps) expect(nextStatus(s, step), `${s} ${step}`).toBeNull();
    expect(nextStatus("unknown", "cancel")).toBeNull();
  });
});

describe("schedules", () => {
  it("makes back-to-back slots in the body's zone, weekly, leaving out non-working days", () => {
    const checked = checkSchedule(input(), ["a"], (d) => d !== "2025-03-25");
    expect("ok" in checked && checked.ok.days).toEqual(["2025-03-18"]);
    if (!("ok" in checked)) throw new Error("refused");
    expect(slotsOf(checked.ok, "Asia/Almaty").length).toBe(2);
    const utc = slotsOf({ ...checked.ok, days: ["2025-03-18"] }, "UTC");
    expect(utc).toEqual([
      { startsAt: "2025-03-18T10:00:00.000Z", endsAt: "2025-03-18T10:30:00.000Z" },
      { startsAt: "2025-03-18T10:30:00.000Z", endsAt: "2025-03-18T11:00:00.000Z" },
    ]);
  });
  it("refuses what cannot be a schedule, each with its field", () => {
    const bad = checkSchedule(
      input({
        firstDay: "2025-02-30",
        weeks: "0",
        startTime: "25:00",
        endTime: "9:00",
        slotMinutes: "5",
        place: "",
        onlineUrl: "javascript:alert(1)",
        topics: ["z"],
      }),
      ["a"],
      () => true,
    );
    expect("issues" in bad && bad.issues.map((i) => i.field).sort()).toEqual(
      ["endTime", "firstDay", "onlineUrl", "slotMinutes", "startTime", "topics", "weeks"].sort(),
    );
    const order = checkSchedule(input({ startTime: "11:00", endTime: "10:00" }), ["a"], () => true);
    expect("issues" in order && order.issues[0]?.key).toBe(
      "receptions.validation.end_before_start",
    );
    const none = checkSchedule(input(), ["a"], () => false);
    expect("issues" in none && none.issues[0]?.key).toBe("receptions.validation.no_working_day");
    const http = checkSchedule(
      input({ place: "", onlineUrl: "http://meet.example/x" }),
      ["a"],
      () => true,
    );
    expect("issues" in http && http.issues[0]?.key).toBe("receptions.validation.url");
  });
});

describe("median", () => {
  it.each([
    [[], null],
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ] as const)("%j → %s", (values, m) => {
    expect(median([...values])).toBe(m);
  });
});
