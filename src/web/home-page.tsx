import type { Translate } from "../kernel/i18n.js";
import type { NavigationItem, OpenNowSection } from "../platform/manifest.js";
import { SearchBox } from "./components/search-box.js";

/** GOV.UK's start button: the one primary action, with its arrow. */
function StartButton({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} draggable={false} class="govuk-button govuk-button--start">
      {children}
      <svg
        class="govuk-button__start-icon"
        xmlns="http://www.w3.org/2000/svg"
        width="17.5"
        height="19"
        viewBox="0 0 33 40"
        aria-hidden="true"
        focusable="false"
      >
        <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
      </svg>
    </a>
  );
}

/** "Open now": each capability's few open items, with their dates and a link to all. */
function OpenNow({ t, sections }: { t: Translate; sections: OpenNowSection[] }) {
  if (sections.length === 0) return null;
  return (
    <section aria-labelledby="open-now">
      <h2 class="govuk-heading-l" id="open-now">
        {t("home.open_now")}
      </h2>
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`open-now-${s.key}`} class="halyq-open-now">
          <h3 class="govuk-heading-m" id={`open-now-${s.key}`}>
            {s.heading}
          </h3>
          <ul class="govuk-list govuk-list--spaced">
            {s.items.map((item) => (
              <li key={item.href}>
                <a class="govuk-link" href={item.href} lang={item.lang}>
                  {item.title}
                </a>
                <br />
                <span class="govuk-body-s govuk-!-margin-bottom-0">{item.when}</span>
              </li>
            ))}
          </ul>
          <p class="govuk-body">
            <a class="govuk-link govuk-link--no-visited-state" href={s.all.href}>
              {s.all.label}
            </a>
          </p>
        </section>
      ))}
    </section>
  );
}

/**
 * The home page, led by what people come to do: send an appeal (the primary action), sign a
 * petition, have one's say; then what is open now, and the rest one level down.
 */
export function HomePage({
  t,
  openNow,
  more,
}: {
  t: Translate;
  openNow: OpenNowSection[];
  more: NavigationItem[];
}) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-xl">{t("home.heading")}</h1>
        <p class="govuk-body-l">{t("home.lead")}</p>
        <StartButton href="/appeals/new">{t("home.send_appeal")}</StartButton>
        <ul class="govuk-list govuk-list--spaced halyq-home-tasks">
          <li>
            <a class="govuk-link govuk-!-font-weight-bold" href="/petitions">
              {t("home.sign_petition")}
            </a>
            <br />
            {t("home.sign_petition_hint")}
          </li>
          <li>
            <a class="govuk-link govuk-!-font-weight-bold" href="/participation">
              {t("home.have_your_say")}
            </a>
            <br />
            {t("home.have_your_say_hint")}
          </li>
        </ul>
        <SearchBox t={t} id="home-search" />
        <OpenNow t={t} sections={openNow} />
        <p class="govuk-body">{t("home.criteria")}</p>
        {more.length > 0 ? (
          <>
            <h2 class="govuk-heading-m">{t("home.more_heading")}</h2>
            <ul class="govuk-list">
              {more.map((item) => (
                <li key={item.href}>
                  <a class="govuk-link govuk-link--no-visited-state" href={item.href}>
                    {t(item.labelKey)}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
