import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "../../src/capabilities/identity/auth/passwords.js";
import { type Db, openDatabase } from "../../src/db/database.js";
import { systemClock } from "../../src/kernel/clock.js";
import { enqueueMail } from "../../src/platform/delivery/mail/outbox.js";
import { fileThroughPages, PDF } from "../appeals/citizen-support.js";
import { BAIKONUR, numbersGivenTwice } from "../appeals/support.js";
import { demoVote } from "../polls/support.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { FormClient } from "../support/forms.js";
import { type Haproxy, startHaproxy } from "../support/haproxy.js";
import { type Running, startServer } from "../support/process.js";
import { dropRedisKeys, redisTestPrefix } from "../support/redis.js";
import { httpRequest, remoteApp } from "../support/remote-app.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";

/**
 * Three Halyq instances on one PostgreSQL and one Redis behind HAProxy; one is SIGKILLed in the
 * middle of a burst of filings, signatures and ballots. Each `it` proves one promise of the
 * scale-out and runs on what the ones before it left (the burst, the kill).
 */

const POSTGRES = inject("postgresUrl");
const REDIS_URL = inject("redisUrl");
const HAPROXY = inject("haproxyPath");

/** Sign-in attempts a client address may make a minute (AUTH_RATE_LIMIT), in total. */
const LIMIT = 4;
const CITIZENS = 30;
const FILINGS_EACH = 3;
const IN_FLIGHT = 12;
/** Acknowledged writes before one instance is killed: the middle of the burst. */
const KILL_AFTER = 45;
/** Mail put in the outbox after the kill: the survivors' delivery jobs race for it. */
const MAILS = 20;
const PASSWORD = "three-instances-password";
const RESIDENCE = "711410000";

/** Each citizen's own client address, so per-address limits see distinct people. */
const addressOf = (i: number) => `127.1.${Math.floor(i / 200)}.${(i % 200) + 10}`;

interface Citizen {
  id: string;
  email: string;
  from: string;
  token: string;
}

type Write =
  | { kind: "filing"; citizen: number; n: number }
  | { kind: "signature"; citizen: number }
  | { kind: "ballot"; citizen: number };

describe("three instances on PostgreSQL and Redis behind HAProxy, one killed mid-burst", () => {
  const available = POSTGRES !== null && REDIS_URL !== null && HAPROXY !== null;
  const prefix = redisTestPrefix();
  const dataDirs: string[] = [];
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  let smtp: SmtpSink | undefined;
  let lb: Haproxy | undefined;
  const instances: Running[] = [];
  let petitionId = "";
  let pollId = "";
  const citizens: Citizen[] = [];

  const call = (from: string, method: string, p: string, token?: string, body?: unknown) =>
    httpRequest(lb?.url ?? "", {
      method,
      path: p,
      from,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    if (!available) {
      console.warn(
        "NOT RUN: three instances behind HAProxy need PostgreSQL, Redis and haproxy (see the global setup's list)",
      );
      return;
    }
    database = await createTestDatabase("postgres");
    smtp = await startSmtpSink();
    const env = (i: number): Record<string, string> => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `halyq-three-${i}-`));
      dataDirs.push(dataDir);
      return {
        PATH: process.env.PATH ?? "",
        DATA_DIR: dataDir,
        DATABASE_URL: database?.url ?? "",
        REDIS_URL: REDIS_URL ?? "",
        REDIS_PREFIX: prefix,
        // One proxy in front: the client is the address HAProxy appends to X-Forwarded-For.
        TRUST_PROXY: "true",
        BLOB_STORE: "postgres",
        SMTP_URL: smtp?.url ?? "",
        AUTH_RATE_LIMIT: String(LIMIT),
        LOG_LEVEL: "warn",
      };
    };
    // The first start loads the demo data into the empty database; the others find it there.
    instances.push(await startServer(env(1)));
    instances.push(...(await Promise.all([startServer(env(2)), startServer(env(3))])));

    db = openDatabase(database.url, { poolSize: 2 });
    const now = new Date().toISOString();
    const passwordHash = await hashPassword(PASSWORD);
    const run = randomBytes(3).toString("hex");
    const rows = Array.from({ length: CITIZENS }, (_, i) => ({
      id: randomUUID(),
      kind: "citizen",
      email: `citizen${i}-${run}@three.test.invalid`,
      email_confirmed_at: now,
      password_hash: passwordHash,
      surname: `Citizen${i}`,
      given_name: "Three",
      iin: `9${String(i).padStart(11, "0")}`,
      residence_code: RESIDENCE,
      language: "en",
      identity_assurance: "eid",
      identity_verified_at: now,
      created_at: now,
      updated_at: now,
    }));
    await db.kysely.insertInto("accounts").values(rows).execute();
    petitionId = randomUUID();
    await db.kysely
      .insertInto("petitions")
      .values({
        id: petitionId,
        number: `PET-THREE-${run}`,
        agency_id: BAIKONUR,
        initiator_account_id: rows[0]?.id ?? "",
        status: "collecting",
        language: "en",
        title: "Three instances",
        summary: "Signed through a load balancer.",
        proposal: "Sign it.",
        territory_code: "710000000",
        threshold: 10_000,
        created_at: now,
        published_at: now,
        signing_closes_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        updated_at: now,
        version: 1,
      })
      .execute();
    pollId = await demoVote(db.kysely);

    lb = await startHaproxy(instances.map((s) => s.url));
    // Every citizen signs in through the load balancer from their own address.
    for (const [i, row] of rows.entries()) {
      const res = await call(addressOf(i), "POST", "/api/v1/session", undefined, {
        email: row.email,
        password: PASSWORD,
      });
      if (res.status !== 200) throw new Error(`sign-in ${i}: ${res.status} ${res.text}`);
      citizens.push({ id: row.id, email: row.email, from: addressOf(i), token: res.json().token });
    }
  }, 150_000);

  afterAll(async () => {
    for (const s of instances) if (s.child.exitCode === null) s.child.kill("SIGKILL");
    await lb?.stop();
    await smtp?.stop();
    await db?.close();
    await database?.drop();
    for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
    if (REDIS_URL) await dropRedisKeys(REDIS_URL, prefix);
  });

  it("limits a client at the configured rate in total across the three, not three times it", async (c) => {
    if (!available) return c.skip();
    const from = "127.2.0.1";
    const statuses: number[] = [];
    for (let i = 0; i < 3 * LIMIT; i++) {
      const res = await call(from, "POST", "/api/v1/session", undefined, {
        email: "nobody@three.test.invalid",
        password: "wrong-password-1",
      });
      statuses.push(res.status);
    }
    // Round-robin sent the attempts to all three instances; Redis counted them together.
    expect(statuses.filter((s) => s !== 429)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual(Array(2 * LIMIT).fill(429));
    // Another client is not limited by the first one's attempts.
    const other = await call("127.2.0.2", "POST", "/api/v1/session", undefined, {
      email: "nobody@three.test.invalid",
      password: "wrong-password-1",
    });
    expect(other.status).toBe(401);
  });

  const filed = new Map<string, { number: string; citizen: number }>();
  const signed = new Map<number, string>();
  const voted = new Set<number>();
  const lost: Write[] = [];

  it("stores every acknowledged filing, signature and ballot exactly once when an instance is killed mid-burst", async (c) => {
    if (!available || !db) return c.skip();
    const victim = instances[1] as Running;
    const killed = new Promise<void>((resolve) => victim.child.once("exit", () => resolve()));
    const writes: Write[] = [];
    for (let i = 0; i < CITIZENS; i++) {
      writes.push({ kind: "signature", citizen: i }, { kind: "ballot", citizen: i });
      for (let n = 0; n < FILINGS_EACH; n++) writes.push({ kind: "filing", citizen: i, n });
    }
    // Interleaved, so every kind is in flight when the instance dies.
    writes.sort(() => Math.random() - 0.5);
    let acknowledged = 0;
    let afterKill = 0;
    const refused: string[] = [];
    const send = async (w: Write) => {
      const who = citizens[w.citizen] as Citizen;
      if (w.kind === "filing")
        return call(who.from, "POST", "/api/v1/appeals", who.token, {
          kind: "statement",
          agencyId: BAIKONUR,
          subject: `Three instances ${w.citizen}/${w.n}`,
          text: `Filing ${w.n} of citizen ${w.citizen}: the lamps in the yard do not work.`,
          language: "en",
        });
      if (w.kind === "signature")
        return call(who.from, "POST", `/api/v1/petitions/${petitionId}/signatures`, who.token, {});
      return call(who.from, "POST", `/api/v1/polls/${pollId}/ballots`, who.token, {
        answers: { "1": ["a", "b", "c"][w.citizen % 3] },
      });
    };
    let next = 0;
    const worker = async () => {
      while (next < writes.length) {
        const w = writes[next++] as Write;
        try {
          const res = await send(w);
          if (res.status !== 201) {
            // From HAProxy: the request reached the dying instance and was not acknowledged.
            if ([502, 503, 504].includes(res.status)) lost.push(w);
            else refused.push(`${w.kind} ${res.status} ${res.text}`);
            continue;
          }
          if (w.kind === "filing")
            filed.set(`${w.citizen}/${w.n}`, { ...res.json(), citizen: w.citizen });
          else if (w.kind === "signature") signed.set(w.citizen, res.json().id);
          else voted.add(w.citizen);
          acknowledged++;
          if (victim.child.exitCode !== null || victim.child.signalCode !== null) afterKill++;
          if (acknowledged === KILL_AFTER) victim.child.kill("SIGKILL");
        } catch {
          lost.push(w);
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    await killed;
    expect(victim.child.signalCode).toBe("SIGKILL");
    expect(refused).toEqual([]);
    // The survivors went on taking writes after the kill.
    expect(afterKill).toBeGreaterThan(0);
    expect(acknowledged + lost.length).toBe(writes.length);
    // Only what was in flight on the killed instance is lost: requests that found it gone were
    // sent to a survivor before anything of them had left HAProxy.
    expect(lost.length).toBeLessThanOrEqual(IN_FLIGHT);

    // A client whose request was lost asks again; a signature or ballot that was in fact
    // stored is refused as a second one, never counted twice.
    for (const w of lost) {
      if (w.kind === "filing") continue;
      const res = await send(w);
      expect([201, 409], `${w.kind} again: ${res.text}`).toContain(res.status);
      if (res.status === 201 && w.kind === "signature") signed.set(w.citizen, res.json().id);
      if (res.status === 201 && w.kind === "ballot") voted.add(w.citizen);
    }

    // Filings: each acknowledged number is stored once, with what was sent; no number twice.
    const numbers = [...filed.values()].map((f) => f.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const stored = await db.kysely
      .selectFrom("appeals")
      .select(["number", "subject"])
      .where("subject", "like", "Three instances %")
      .execute();
    for (const [key, { number }] of filed) {
      const rows = stored.filter((r) => r.number === number);
      expect(rows, number).toHaveLength(1);
      expect(rows[0]?.subject).toBe(`Three instances ${key}`);
    }
    // Lost filings may or may not have been committed, but none was written twice (nothing
    // was retried after it reached an instance).
    const subjects = stored.map((r) => r.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(stored.length).toBeGreaterThanOrEqual(filed.size);
    expect(stored.length).toBeLessThanOrEqual(CITIZENS * FILINGS_EACH);
    expect(await numbersGivenTwice(db.kysely)).toEqual([]);

    // Signatures and ballots: one per citizen, exactly, and the published count says so.
    const signatures = await db.kysely
      .selectFrom("petition_signatures")
      .select(["id", "account_id"])
      .where("petition_id", "=", petitionId)
      .execute();
    expect(signatures).toHaveLength(CITIZENS);
    expect(new Set(signatures.map((s) => s.account_id)).size).toBe(CITIZENS);
    const signatureIds = new Set(signatures.map((s) => s.id));
    for (const id of signed.values()) expect(signatureIds.has(id), id).toBe(true);
    const petition = await call("127.2.0.3", "GET", `/api/v1/petitions/${petitionId}`);
    expect(petition.status).toBe(200);
    expect(petition.json().signatureCount).toBe(CITIZENS);
    // The demo vote had no ballots before the burst; voters are kept apart from ballots.
    const voters = await db.kysely
      .selectFrom("poll_voters")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("poll_id", "=", pollId)
      .executeTakeFirstOrThrow();
    expect(Number(voters.n)).toBe(CITIZENS);
    const ballots = await db.kysely
      .selectFrom("poll_ballots")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("poll_id", "=", pollId)
      .executeTakeFirstOrThrow();
    expect(Number(ballots.n)).toBe(CITIZENS);
  }, 90_000);

  it("keeps every session working on the survivors", async (c) => {
    if (!available) return c.skip();
    // After the burst: one of the three is dead, and the tokens that filed are the ones checked.
    expect((instances[1] as Running).child.signalCode).toBe("SIGKILL");
    expect(filed.size).toBeGreaterThan(0);
    const survivors = [instances[0], instances[2]] as Running[];
    for (const who of citizens) {
      // Through the load balancer twice in a row (round-robin: one to each survivor) …
      for (let k = 0; k < 2; k++) {
        const res = await call(who.from, "GET", "/api/v1/appeals", who.token);
        expect(res.status, who.email).toBe(200);
      }
      // … and on each survivor directly.
      for (const s of survivors) {
        const res = await httpRequest(s.url, {
          path: "/api/v1/appeals",
          headers: { authorization: `Bearer ${who.token}` },
        });
        expect(res.status, `${who.email} on ${s.url}`).toBe(200);
      }
    }
    // And an acknowledged filing reads back through the load balancer under its number.
    for (const { number, citizen } of [...filed.values()].slice(0, 10)) {
      const who = citizens[citizen] as Citizen;
      const res = await call(who.from, "GET", `/api/v1/appeals/${number}`, who.token);
      expect(res.status, number).toBe(200);
      expect(res.json().number).toBe(number);
    }
  });

  it("delivers each outbox mail exactly once while two instances run the delivery job", async (c) => {
    if (!available || !db || !smtp) return c.skip();
    const run = randomBytes(3).toString("hex");
    const subjects = Array.from({ length: MAILS }, (_, i) => `Three instances mail ${run} ${i}`);
    for (const subject of subjects)
      await enqueueMail(db.kysely, systemClock, {
        to: "outbox@three.test.invalid",
        subject,
        text: `${subject}: sent once.`,
      });
    // The delivery job runs every 15 s on each survivor.
    const until = Date.now() + 40_000;
    for (;;) {
      const pending = await db.kysely
        .selectFrom("mail_outbox")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("subject", "in", subjects)
        .where("status", "<>", "sent")
        .executeTakeFirstOrThrow();
      if (Number(pending.n) === 0) break;
      if (Date.now() > until) throw new Error(`${pending.n} mails still not sent`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // A moment for a second delivery, were there one, to arrive.
    await new Promise((r) => setTimeout(r, 1000));
    for (const subject of subjects) {
      const copies = smtp.received.filter((m) => m.mail.headers.get("subject") === subject);
      expect(copies, subject).toHaveLength(1);
    }
  }, 60_000);

  it("serves a file uploaded through one instance from another", async (c) => {
    if (!available || !db) return c.skip();
    const [a, , b] = instances as [Running, Running, Running];
    const who = citizens[0] as Citizen;
    const upload = remoteApp(a.url, "127.3.0.1");
    const client = new FormClient(upload, "en");
    const login = await client.submit("/login", "/login", {
      email: who.email,
      password: PASSWORD,
    });
    expect(login.statusCode).toBe(303);
    const { number } = await fileThroughPages(upload, client, {
      files: [{ name: "lamps.pdf", type: "application/pdf", content: PDF }],
    });
    const attachment = await db.kysely
      .selectFrom("appeal_attachments")
      .innerJoin("appeals", "appeals.id", "appeal_attachments.appeal_id")
      .select("appeal_attachments.id")
      .where("appeals.number", "=", number)
      .executeTakeFirstOrThrow();
    const res = await httpRequest(b.url, {
      path: `/appeals/${encodeURIComponent(number)}/attachments/${attachment.id}`,
      headers: { cookie: client.cookie },
      from: "127.3.0.1",
    });
    expect(res.status).toBe(200);
    expect(res.body.equals(PDF)).toBe(true);
  }, 60_000);
});
