import type { Translate } from "../kernel/i18n.js";
import type { MyHalyqAction, MyHalyqSection } from "../platform/manifest.js";

/** Actions due soonest first; those without a date after them, in the sections' order. */
function byDue(sections: MyHalyqSection[]): MyHalyqAction[] {
  const all = sections.flatMap((s) => s.actions);
  return all
    .map((a, i) => ({ a, i }))
    .sort((x, y) => {
      const dx = x.a.dueAt ?? "\uffff";
      const dy = y.a.dueAt ?? "\uffff";
      return dx < dy ? -1 : dx > dy ? 1 : x.i - y.i;
    })
    .map((x) => x.a);
}

/**
 * A citizen's own page: first what needs their action, then each capability's records of
 * theirs (appeals, petitions, registrations, bookings, votes) with status and next date.
 */
export function MyHalyqPage({ t, sections }: { t: Translate; sections: MyHalyqSection[] }) {
  const actions = byDue(sections);
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">{t("my.title")}</h1>
        <section aria-labelledby="needs-action" class="halyq-needs-action">
          <h2 class="govuk-heading-m" id="needs-action">
            {t("my.needs_action")}
          </h2>
          {actions.length > 0 ? (
            <ul class="govuk-list govuk-list--spaced">
              {actions.map((a) => (
                <li key={`${a.href}|${a.text}`}>
                  <a class="govuk-link govuk-!-font-weight-bold" href={a.href}>
                    {a.text}
                  </a>
                  {a.when ? (
                    <>
                      <br />
                      <span class="govuk-body-s">{a.when}</span>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body">{t("my.nothing_needed")}</p>
          )}
        </section>
        {sections.map((s) => (
          <section key={s.key} aria-labelledby={`my-${s.key}`}>
            <h2 class="govuk-heading-m" id={`my-${s.key}`}>
              {s.heading}
            </h2>
            {s.items.length > 0 ? (
              <ul class="govuk-list govuk-list--spaced halyq-my-list">
                {s.items.map((item) => (
                  <li key={item.href}>
                    <a class="govuk-link" href={item.href} lang={item.lang}>
                      {item.title}
                    </a>
                    <br />
                    <strong class="govuk-tag govuk-tag--grey">{item.status}</strong>
                    {item.next ? <span class="govuk-body-s"> {item.next}</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="govuk-body">{s.empty}</p>
            )}
            {s.all ? (
              <p class="govuk-body">
                <a class="govuk-link" href={s.all.href}>
                  {s.all.label}
                </a>
              </p>
            ) : null}
          </section>
        ))}
        <p class="govuk-body">
          <a class="govuk-link" href="/account">
            {t("my.account_link")}
          </a>
        </p>
      </div>
    </div>
  );
}
