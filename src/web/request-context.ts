import type { Catalogues, Locale, Translate } from "../kernel/i18n.js";
import type { Policy, Principal } from "../kernel/permissions.js";
import type { MapConfig } from "../platform/config.js";
import type { NavigationItem } from "../platform/manifest.js";

declare module "fastify" {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    /** Who is signed in (null when nobody is); set by the identity capability. */
    principal: Principal | null;
    /** The signed-in session's key (its hash), binding CSRF tokens to the session. */
    sessionKey: string | null;
    /** How the caller authenticated: a browser cookie or an API bearer token. */
    authVia: "cookie" | "bearer" | null;
    /** Counts beside menu links for the signed-in person (set for pages they load). */
    navigationCounts?: import("../platform/manifest.js").NavigationCount[];
  }
  interface FastifyReply {
    /** A CSRF token for a form on this page (sets the CSRF cookie when needed). */
    csrfToken(): string;
    /** Renders a full HTML page in the site layout and sends it. */
    page(title: string, body: import("preact").VNode, options?: PageOptions): FastifyReply;
  }
}

export interface PageOptions {
  status?: number;
  /** Set when the page shows a form with errors, so the title says so (GOV.UK pattern). */
  hasErrors?: boolean;
  /** The page holds a map (components/map.tsx): Leaflet and the map script load, if maps are on. */
  map?: boolean;
}

/** What the layout needs to know about the site, fixed when the app is built. */
export interface SiteInfo {
  catalogues: Catalogues;
  navigation: NavigationItem[];
  /** Decides which navigation links each person is offered. */
  policy: Policy;
  assetVersions: Record<string, string>;
  demo: boolean;
  secureCookies: boolean;
  /** The tile server and the map's start; undefined: maps are off. */
  map?: MapConfig | undefined;
}
