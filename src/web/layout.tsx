import type { ComponentChildren } from "preact";
import { LOCALE_NAMES, LOCALES, type Locale, type Translate } from "../kernel/i18n.js";
import type { SiteInfo } from "./request-context.js";

export interface LayoutProps {
  site: SiteInfo;
  locale: Locale;
  t: Translate;
  /** The current path with its query, for "you are here" and the language links. */
  path: string;
  title: string;
  /** Set when someone is signed in: the sign-out form needs its CSRF token. */
  viewer: { csrf: string; kind: "citizen" | "staff" } | null;
  children: ComponentChildren;
}

function asset(site: SiteInfo, file: string): string {
  const v = site.assetVersions[file];
  return v ? `/assets/${file}?v=${v}` : `/assets/${file}`;
}

function isCurrent(path: string, href: string): boolean {
  const bare = path.split("?")[0] ?? "/";
  return href === "/" ? bare === "/" : bare === href || bare.startsWith(`${href}/`);
}

/** The page shell: skip link, header with navigation and languages, demo notice, footer. */
export function Layout({ site, locale, t, path, title, viewer, children }: LayoutProps) {
  return (
    <html lang={locale} class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <title>{`${title} — Halyq`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#00566b" />
        <meta name="description" content={t("site.description")} />
        <link rel="icon" href={asset(site, "favicon.svg")} type="image/svg+xml" />
        <link rel="stylesheet" href={asset(site, "halyq.css")} />
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          {t("layout.skip_link")}
        </a>
        <header class="govuk-generic-header">
          <div class="govuk-generic-header__container govuk-width-container">
            <div class="govuk-generic-header__logo">
              <a href="/" class="govuk-generic-header__homepage-link halyq-brand">
                Halyq
              </a>
            </div>
          </div>
        </header>
        <section aria-label={t("layout.service_information")} class="govuk-service-navigation">
          <div class="govuk-width-container">
            <div class="govuk-service-navigation__container">
              <nav aria-label={t("layout.menu")} class="govuk-service-navigation__wrapper">
                <ul class="govuk-service-navigation__list" id="navigation">
                  {site.navigation
                    .filter((item) => shownTo(item, viewer))
                    .map((item) => {
                      const current = isCurrent(path, item.href);
                      return (
                        <li
                          key={item.href}
                          class={`govuk-service-navigation__item${current ? " govuk-service-navigation__item--active" : ""}`}
                        >
                          <a
                            class="govuk-service-navigation__link"
                            href={item.href}
                            aria-current={current ? "page" : undefined}
                          >
                            {current ? (
                              <strong class="govuk-service-navigation__active-fallback">
                                {t(item.labelKey)}
                              </strong>
                            ) : (
                              t(item.labelKey)
                            )}
                          </a>
                        </li>
                      );
                    })}
                  <AccountItems t={t} path={path} viewer={viewer} />
                </ul>
              </nav>
            </div>
            <LanguageNavigation locale={locale} t={t} path={path} />
          </div>
        </section>
        {site.demo ? (
          <section class="halyq-demo-banner" aria-label={t("layout.demo_tag")}>
            <div class="govuk-phase-banner govuk-width-container">
              <p class="govuk-phase-banner__content">
                <strong class="govuk-tag govuk-tag--yellow govuk-phase-banner__content__tag">
                  {t("layout.demo_tag")}
                </strong>
                <span class="govuk-phase-banner__text">{t("layout.demo_text")}</span>
              </p>
            </div>
          </section>
        ) : null}
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 class="govuk-visually-hidden">{t("layout.support_links")}</h2>
                <ul class="govuk-footer__inline-list">
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/accessibility">
                      {t("layout.accessibility")}
                    </a>
                  </li>
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/api/docs">
                      {t("layout.api")}
                    </a>
                  </li>
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/about">
                      {t("layout.about")}
                    </a>
                  </li>
                </ul>
                <span class="govuk-footer__licence-description">{t("layout.licence")}</span>
              </div>
            </div>
          </div>
        </footer>
        <script type="module" src={asset(site, "halyq.js")} />
      </body>
    </html>
  );
}

function shownTo(
  item: { audience?: "staff" | "public" },
  viewer: { kind: "citizen" | "staff" } | null,
): boolean {
  if (!item.audience) return true;
  const staff = viewer?.kind === "staff";
  return item.audience === "staff" ? staff : !staff;
}

function AccountItems({
  t,
  path,
  viewer,
}: {
  t: Translate;
  path: string;
  viewer: { csrf: string } | null;
}) {
  if (!viewer) {
    const current = isCurrent(path, "/login");
    return (
      <li
        class={`govuk-service-navigation__item${current ? " govuk-service-navigation__item--active" : ""}`}
      >
        <a
          class="govuk-service-navigation__link"
          href="/login"
          aria-current={current ? "page" : undefined}
        >
          {t("layout.sign_in")}
        </a>
      </li>
    );
  }
  const current = isCurrent(path, "/account");
  return (
    <>
      <li
        class={`govuk-service-navigation__item${current ? " govuk-service-navigation__item--active" : ""}`}
      >
        <a
          class="govuk-service-navigation__link"
          href="/account"
          aria-current={current ? "page" : undefined}
        >
          {t("layout.account")}
        </a>
      </li>
      <li class="govuk-service-navigation__item">
        <form method="post" action="/logout" class="halyq-inline-form">
          <input type="hidden" name="_csrf" value={viewer.csrf} />
          <button type="submit" class="govuk-service-navigation__link halyq-link-button">
            {t("layout.sign_out")}
          </button>
        </form>
      </li>
    </>
  );
}

function LanguageNavigation({ locale, t, path }: { locale: Locale; t: Translate; path: string }) {
  return (
    <nav class="govuk-language-navigation" aria-label={t("layout.languages")}>
      <ul class="govuk-language-navigation__list">
        {LOCALES.map((l) => (
          <li key={l} class="govuk-language-navigation__list-item">
            {l === locale ? (
              <span class="govuk-language-navigation__text" lang={l} aria-current="true">
                {LOCALE_NAMES[l]}
              </span>
            ) : (
              <a
                class="govuk-language-navigation__link"
                href={`/language/${l}?next=${encodeURIComponent(path)}`}
                lang={l}
                hreflang={l}
              >
                {LOCALE_NAMES[l]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
