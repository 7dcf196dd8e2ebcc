import { draftForm, post, publish } from "../consultations/support.js";
import { createPoll, surveyForm } from "../polls/support.js";
import type { TestApp } from "../support/app.js";
import { api } from "../support/http.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

/** A body with no demo questions: each file's items there are its own. */
export const YESIL = "ag-yesil-akimat";
export const BAIKONUR = "ag-baikonur-akimat";

export { post };

export const citizen = (t: TestApp) => signInAs(t, { kind: "citizen" });
export const staffOf = (t: TestApp, role: "head" | "moderator" | "executor", agencyId = YESIL) =>
  signInAs(t, { grants: [{ role, agencyId }] });

/** A page as `who` sees it in `lang`. */
export async function page(t: TestApp, who: SignedIn | null, url: string, lang = "en") {
  const res = await t.app.inject({
    url,
    headers: { cookie: [who?.cookie, `halyq_lang=${lang}`].filter(Boolean).join("; ") },
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location };
}

let n = 0;

/**
 * One item of each kind in Yesil, written by citizens: a comment on a draft, a question to the
 * head waiting for moderation, a published question, and a poll's free-text answer.
 */
export async function writeItems(t: TestApp) {
  n++;
  const head = await staffOf(t, "head");
  const moderator = await staffOf(t, "moderator");
  const alice = await citizen(t);
  const consultation = await publish(t, head, draftForm({ agencyId: YESIL }));
  const commentText = `Twenty days is too long ${n}`;
  const c = await post(t, alice, `/consultations/${consultation}/comments`, { text: commentText });
  if (c.statusCode !== 303) throw new Error(`comment failed: ${c.statusCode}`);
  const comment = /#c-(.+)$/.exec(String(c.headers.location))?.[1] as string;
  const ask = async (subject: string) => {
    const res = await api(t, alice, "POST", `/api/v1/dialogue/${YESIL}/questions`, {
      subject,
      text: "When will the street lamps on Kenesary street be repaired?",
    });
    if (res.status !== 201) throw new Error(`asking failed: ${res.status}`);
    return res.json.id as string;
  };
  const pendingSubject = `Lamps on Kenesary street ${n}`;
  const pending = await ask(pendingSubject);
  const publishedSubject = `Buses to the hospital ${n}`;
  const published = await ask(publishedSubject);
  const approved = await api(
    t,
    moderator,
    "POST",
    `/api/v1/dialogue/questions/${published}/moderation`,
    {
      decision: "approve",
    },
  );
  if (approved.status !== 200) throw new Error(`approving failed: ${approved.status}`);
  const poll = await createPoll(
    t,
    head,
    surveyForm({ agencyId: YESIL, closesAt: "2025-03-26T18:00" }),
  );
  const pollText = `Heated stops ${n}`;
  const ballot = await api(t, alice, "POST", `/api/v1/polls/${poll}/ballots`, {
    answers: { "1": 7, "2": ["a"], "3": pollText },
  });
  if (ballot.status !== 201)
    throw new Error(`ballot failed: ${ballot.status} ${JSON.stringify(ballot.json)}`);
  const text = await t.ctx.db.kysely
    .selectFrom("poll_texts")
    .select("id")
    .where("poll_id", "=", poll)
    .executeTakeFirstOrThrow();
  return {
    head,
    moderator,
    alice,
    consultation,
    comment,
    commentText,
    pending,
    pendingSubject,
    published,
    publishedSubject,
    poll,
    pollText,
    pollTextId: text.id,
  };
}
