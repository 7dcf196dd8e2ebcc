import type { AppContext } from "../../platform/manifest.js";
import { redactPersonalData } from "../../platform/privacy/redact.js";
import { liveTally } from "./commands/publish.js";
import { mayShowLiveResults, type PollRow, phaseOf, type Tally } from "./poll.js";
import { textsOf } from "./poll.repository.js";
import { type PollResults, resultsOf } from "./results.js";

/**
 * What may be shown of a poll's results now: the published figures, or, for a survey that
 * shows them while it runs, a recent count; otherwise null (always for votes and referendums
 * before publication).
 */
export async function loadResults(ctx: AppContext, poll: PollRow): Promise<PollResults | null> {
  if (poll.status === "published" && poll.results) {
    // Approved free-text answers are published: personal data in them is removed.
    const approved = (await textsOf(ctx.db.kysely, poll.id, "approved")).map((x) => ({
      ...x,
      body: redactPersonalData(x.body),
    }));
    return resultsOf(
      poll,
      JSON.parse(poll.results) as Tally,
      Number(poll.voters_count ?? 0),
      approved,
      true,
    );
  }
  const phase = phaseOf(poll, ctx.clock.now());
  // A vote's or referendum's counts wait for publication, whatever the poll's setting says.
  if (
    Number(poll.live_results) === 1 &&
    mayShowLiveResults(poll) &&
    (phase === "open" || phase === "closed")
  ) {
    const t = await liveTally(ctx, poll.id, poll.questions);
    return resultsOf(poll, t, t.voters, [], false);
  }
  return null;
}
