import type { ComponentChildren } from "preact";
import { LOCALE_NAMES, LOCALES, type Locale, type Translate } from "../kernel/i18n.js";
import type { NavigationCount, NavigationItem } from "../platform/manifest.js";
import { LICENCE, Rich } from "./components/foreign.js";
import type { NavigationFor } from "./navigation.js";
import type { SiteInfo } from "./request-context.js";

export interface LayoutProps {
  site: SiteInfo;
  locale: Locale;
  t: Translate;
  /** The current path with its query, for "you are here" and the language links. */
  path: string;
  title: string;
  /** The links this person is offered (see `navigation.ts`). */
  navigation: NavigationFor;
  /** Counts beside menu links, with their words for screen readers. */
  counts?: NavigationCount[];
  /** Set when someone is signed in: the sign-out form needs its CSRF token. */
  viewer: { csrf: string } | null;
  /** The page holds a map: Leaflet and the map script load when maps are configured. */
  withMap?: boolean;
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

/** A count beside a menu link: the number seen, the words heard (", 3 tasks"). */
function MenuCount({ count }: { count: NavigationCount }) {
  return (
    <>
      {" "}
      <span class="halyq-menu-count" aria-hidden="true">
        {count.count}
      </span>
      <span class="govuk-visually-hidden">, {count.text}</span>
    </>
  );
}

/**
 * The page shell: skip link; a header with the name, the languages and the account; the menu
 * (GOV.UK service navigation: a "Menu" button on narrow screens with JavaScript, a compact
 * list without it); the demo notice; the footer with the links one level down.
 */
export function Layout({
  site,
  locale,
  t,
  path,
  title,
  navigation,
  counts = [],
  viewer,
  withMap = false,
  children,
}: LayoutProps) {
  const map = withMap ? site.map : undefined;
  const more = [...navigation.more, ...navigation.participation];
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
        {map ? <link rel="stylesheet" href={asset(site, "leaflet.css")} /> : null}
      </head>
      <body
        class="govuk-template__body"
        {...(map
          ? {
              "data-map-tiles": map.tileUrl,
              "data-map-attribution": map.attribution,
              "data-map-centre": `${map.centre.lat},${map.centre.lon}`,
              "data-map-zoom": String(map.zoom),
              "data-map-icon": asset(site, "leaflet-marker-icon.png"),
              "data-map-icon-2x": asset(site, "leaflet-marker-icon-2x.png"),
              "data-map-shadow": asset(site, "leaflet-marker-shadow.png"),
            }
          : {})}
      >
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          {t("layout.skip_link")}
        </a>
        <header class="govuk-generic-header">
          <div class="govuk-generic-header__container govuk-width-container halyq-header">
            <div class="govuk-generic-header__logo">
              <a href="/" class="govuk-generic-header__homepage-link halyq-brand">
                Halyq
              </a>
            </div>
            <div class="halyq-header__end">
              <LanguageNavigation locale={locale} t={t} path={path} />
              <AccountNavigation t={t} path={path} viewer={viewer} items={navigation.account} />
            </div>
          </div>
        </header>
        {navigation.menu.length > 0 ? (
          <div class="govuk-service-navigation halyq-menu" data-module="govuk-service-navigation">
            <div class="govuk-width-container">
              <div class="govuk-service-navigation__container">
                <nav aria-label={t("layout.menu")} class="govuk-service-navigation__wrapper">
                  {navigation.menu.length > 1 ? (
                    <button
                      type="button"
                      class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                      aria-controls="navigation"
                      hidden
                    >
                      {t("layout.menu")}
                    </button>
                  ) : null}
                  <ul class="govuk-service-navigation__list" id="navigation">
                    {navigation.menu.map((item) => {
                      const current = isCurrent(path, item.href);
                      const count = counts.find((c) => c.href === item.href && c.count > 0);
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
                            {count ? <MenuCount count={count} /> : null}
                          </a>
                        </li>
                      );
                    })}
                  </ul>
                </nav>
              </div>
            </div>
          </div>
        ) : null}
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
            {more.length > 0 ? (
              <nav class="govuk-footer__navigation" aria-label={t("layout.more_links")}>
                <div class="govuk-footer__section govuk-grid-column-full">
                  <h2 class="govuk-footer__heading govuk-heading-m">{t("layout.more_links")}</h2>
                  <ul class="govuk-footer__list govuk-footer__list--columns-2">
                    {more.map((item) => (
                      <li key={item.href} class="govuk-footer__list-item">
                        <a class="govuk-footer__link" href={item.href}>
                          {t(item.labelKey)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </div>
              </nav>
            ) : null}
            {more.length > 0 ? <hr class="govuk-footer__section-break" /> : null}
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
                <span class="govuk-footer__licence-description">
                  <Rich t={t} message="layout.licence" slots={{ licence: LICENCE }} />
                </span>
              </div>
            </div>
          </div>
        </footer>
        <script type="module" src={asset(site, "halyq.js")} />
        {map ? <script src={asset(site, "leaflet.js")} /> : null}
        {map ? <script type="module" src={asset(site, "halyq-map.js")} /> : null}
      </body>
    </html>
  );
}

/**
 * Sign-in, or the person's own pages (e.g. "My Halyq"), the account and a sign-out button that
 * looks like the links beside it.
 */
function AccountNavigation({
  t,
  path,
  viewer,
  items,
}: {
  t: Translate;
  path: string;
  viewer: { csrf: string } | null;
  items: NavigationItem[];
}) {
  if (!viewer) {
    const current = isCurrent(path, "/login");
    return (
      <nav class="halyq-header__account" aria-label={t("layout.account_menu")}>
        <ul class="halyq-header__list">
          <li>
            <a
              class="govuk-link govuk-link--inverse"
              href="/login"
              aria-current={current ? "page" : undefined}
            >
              {t("layout.sign_in")}
            </a>
          </li>
        </ul>
      </nav>
    );
  }
  const current = isCurrent(path, "/account");
  return (
    <nav class="halyq-header__account" aria-label={t("layout.account_menu")}>
      <ul class="halyq-header__list">
        {items.map((item) => (
          <li key={item.href}>
            <a
              class="govuk-link govuk-link--inverse"
              href={item.href}
              aria-current={isCurrent(path, item.href) ? "page" : undefined}
            >
              {t(item.labelKey)}
            </a>
          </li>
        ))}
        <li>
          <a
            class="govuk-link govuk-link--inverse"
            href="/account"
            aria-current={current ? "page" : undefined}
          >
            {t("layout.account")}
          </a>
        </li>
        <li>
          <form method="post" action="/logout" class="halyq-inline-form">
            <input type="hidden" name="_csrf" value={viewer.csrf} />
            <button type="submit" class="halyq-link-button halyq-link-button--inverse">
              {t("layout.sign_out")}
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

function LanguageNavigation({ locale, t, path }: { locale: Locale; t: Translate; path: string }) {
  return (
    <nav
      class="govuk-language-navigation govuk-language-navigation--inverse halyq-languages"
      aria-label={t("layout.languages")}
    >
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
