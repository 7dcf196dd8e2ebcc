import { isIP } from "node:net";
import os from "node:os";
import path from "node:path";
import { LOCALES, type Locale } from "../kernel/i18n.js";
import { SMS_TRANSPORTS, type SmsTransportName } from "./delivery/sms/transport.js";
import { BLOB_STORES, type BlobStoreKind } from "./files/blob-store.js";

export type DemoMode = "auto" | "off";

/** Maps on pages where place matters (`MAP_TILE_URL` and friends); unset: no map anywhere. */
export interface MapConfig {
  /** Raster tiles' URL template with `{z}`, `{x}`, `{y}` (one host: no `{s}`). */
  tileUrl: string;
  /** The tile server's origin: the only other place pages may load images from (CSP). */
  tileOrigin: string;
  /** The attribution the tile licence asks for, shown in the corner of every map. */
  attribution: string;
  /** Where a map opens before anything is chosen (WGS 84), and at what zoom. */
  centre: { lat: number; lon: number };
  zoom: number;
}

/** Every setting Halyq reads from the environment, validated once at start. */
export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  /** `sqlite:<path>` (default `sqlite:./data/halyq.db`) or `postgres://…`. */
  databaseUrl: string;
  /** The address people use to reach Halyq; links in mail and feeds are built from it. */
  publicUrl: string;
  dataDir: string;
  /**
   * Where attached files live (`BLOB_STORE`): `fs` (default), under `dataDir`, for one machine;
   * `postgres`, in the database, so every instance on it serves every file (PostgreSQL only).
   */
  blobStore: BlobStoreKind;
  defaultLocale: Locale;
  defaultJurisdiction: string;
  /** The Open311 `jurisdiction_id` (`OPEN311_JURISDICTION_ID`); unset: the host name of `publicUrl`. */
  open311JurisdictionId: string | undefined;
  demoData: DemoMode;
  /**
   * Which `X-Forwarded-For` hops to believe (`TRUST_PROXY`): false, none; a number, that many
   * proxies in front of Halyq (the client is the address the farthest of them saw); a list,
   * the proxies' own addresses or networks. Never "every hop": the left end of the header is
   * whatever the client wrote, and the per-address limits and sign-in counters would count it.
   */
  trustProxy: false | number | string[];
  /** Sign-in, registration and reset attempts allowed per client address per minute. */
  authRateLimit: number;
  /** Requests to the public statistics API allowed per client address per minute. */
  statsRateLimit: number;
  /** Seconds a public page may be served from memory to anonymous visitors; 0 turns it off. */
  pageCacheSeconds: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /**
   * Seconds an instance keeps serving after SIGTERM while `/readyz` already answers 503, so a
   * load balancer stops sending it work before it closes (`DRAIN_SECONDS`, 0–120, default 0).
   */
  drainSeconds: number;
  /**
   * A Redis shared by every instance (`REDIS_URL`, e.g. `redis://127.0.0.1:6379/0`): rate limits
   * are then counted across instances. Keys start with `REDIS_PREFIX` (default `halyq:`).
   */
  redisUrl: string | null;
  redisPrefix: string;
  /**
   * Whether sessions are kept in each process's memory (`SESSION_CACHE`: `auto`, the default,
   * keeps them only where every process hears a revocation — with `REDIS_URL`, or on SQLite;
   * `on` asserts that for a single PostgreSQL instance; `off` never keeps them).
   */
  sessionCache: "auto" | "on" | "off";
  /**
   * Processes that serve HTTP (`HALYQ_WORKERS`, 1–256): more than one starts a primary that
   * migrates once and forks that many workers sharing the port. Default: every core
   * (`os.availableParallelism()`) with `NODE_ENV=production`, else 1.
   */
  workers: number;
  /**
   * PostgreSQL connections each process keeps (`DATABASE_POOL_SIZE`, 1–100). Default:
   * max(2, ⌈10 ÷ workers⌉), so a start holds about ten connections whatever its workers.
   */
  databasePoolSize: number;
  /** The bearer token `/metrics` answers to (`METRICS_TOKEN`); without it there is no `/metrics`. */
  metricsToken: string | null;
  /** `smtp://user:pass@host:587` or `smtps://…`; unset: mail is written to `mailDir` and logged. */
  smtpUrl: string | undefined;
  mailFrom: string;
  mailDir: string;
  /** `log` (default): each text message is a line of the app log, number masked; `folder`: JSON lines in `smsDir`. */
  smsTransport: SmsTransportName;
  smsDir: string;
  /** National e-ID through OpenID Connect; all three set, or the e-ID login is off. */
  oidc:
    | {
        issuer: string;
        clientId: string;
        clientSecret: string;
        iinClaim: string;
        /** The claim carrying the KATO code of the registered address (`OIDC_RESIDENCE_CLAIM`). */
        residenceClaim: string;
      }
    | undefined;
  map: MapConfig | undefined;
  /**
   * Staff "my tasks": terms due within `dueDays` working days count as due soon
   * (`STAFF_TASKS_DUE_DAYS`, 1–20, default 2); the daily digest of staff notices goes out at
   * `digestHour` on each body's clock (`STAFF_DIGEST_HOUR`, 0–23, default 8).
   */
  staffTasks: { dueDays: number; digestHour: number };
  /** Keys that sign outgoing documents (answers, letters); see docs/capabilities/documents.md. */
  signing: SigningConfig;
}

/**
 * Where the bodies' signing keys are: PKCS#12 files opened with one password. A body's own file
 * `<dir>/<body-slug>.p12` wins over the instance's `p12Path`; a body with neither signs nothing.
 */
export interface SigningConfig {
  /** `SIGNING_P12_PATH`: the instance's key, used by every body without its own. */
  p12Path: string | undefined;
  /** `SIGNING_P12_DIR`: a folder of per-body keys named by the body's slug. */
  p12Dir: string | undefined;
  /** `SIGNING_P12_PASSWORD`: the password of these files. */
  password: string;
  /**
   * `SIGNING_DEMO_KEY` (`auto` by default): with no key configured and demo data on, a
   * self-signed demo key is made under the data directory at first use, so the demo signs.
   * Its certificate says it is a demo; `off` never makes one.
   */
  demoKey: "auto" | "off";
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join("\n- ")}`);
    this.name = "ConfigError";
  }
}

/**
 * `TRUST_PROXY`: `false` (default), `true` (one reverse proxy), a number of proxies (1–10), or
 * the proxies' addresses and networks separated by commas (`10.0.0.0/8, 2001:db8::/32`).
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): false | number | string[] {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false") return false;
  if (value === "true") return 1;
  if (/^\d{1,2}$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const list = value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const ok = list.every((entry) => {
      const [address = "", prefix, ...rest] = entry.split("/");
      const family = isIP(address);
      if (family === 0 || rest.length > 0) return false;
      if (prefix === undefined) return true;
      return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
    });
    if (list.length > 0 && ok) return list;
  }
  problems.push(
    `TRUST_PROXY must be false, true (one proxy), a number of proxies from 1 to 10, or the proxies' addresses or networks separated by commas (got "${value}")`,
  );
  return false;
}

/** The Kazakhstan profile's map: Astana, the city whose district boundaries Halyq ships. */
const DEFAULT_MAP_CENTRE = "51.1605,71.4704";
const DEFAULT_MAP_ZOOM = "11";
const DEFAULT_ATTRIBUTION = "© OpenStreetMap contributors";

/**
 * `MAP_TILE_URL` (an http(s) template with `{z}`, `{x}`, `{y}`), `MAP_ATTRIBUTION`,
 * `MAP_CENTRE` (`lat,lon`) and `MAP_ZOOM` (0–19). No tile URL: maps are off.
 */
function parseMap(env: NodeJS.ProcessEnv, problems: string[]): MapConfig | undefined {
  const tileUrl = env.MAP_TILE_URL?.trim() ?? "";
  if (tileUrl === "") return undefined;
  let tileOrigin = "";
  try {
    const u = new URL(tileUrl.replace(/\{[a-z]\}/g, "0"));
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
    tileOrigin = u.origin;
  } catch {
    problems.push(`MAP_TILE_URL must be an http(s) URL (got "${tileUrl}")`);
  }
  if (!["{z}", "{x}", "{y}"].every((p) => tileUrl.includes(p)) || /\{(?![zxy]\})/.test(tileUrl)) {
    problems.push(
      `MAP_TILE_URL must hold {z}, {x} and {y} and no other placeholder (one host, no {s}) (got "${tileUrl}")`,
    );
  }
  const centreRaw = (env.MAP_CENTRE || DEFAULT_MAP_CENTRE).trim();
  const m = /^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(centreRaw);
  const centre = { lat: Number(m?.[1]), lon: Number(m?.[2]) };
  if (!m || Math.abs(centre.lat) > 90 || Math.abs(centre.lon) > 180) {
    problems.push(`MAP_CENTRE must be "latitude,longitude" in degrees (got "${centreRaw}")`);
  }
  const zoomRaw = (env.MAP_ZOOM || DEFAULT_MAP_ZOOM).trim();
  const zoom = Number(zoomRaw);
  if (!/^\d{1,2}$/.test(zoomRaw) || zoom > 19) {
    problems.push(`MAP_ZOOM must be a whole number from 0 to 19 (got "${zoomRaw}")`);
  }
  const attribution = env.MAP_ATTRIBUTION?.trim() || DEFAULT_ATTRIBUTION;
  return { tileUrl, tileOrigin, attribution, centre, zoom };
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Builds the config from an environment (process.env by default); throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(", ")} (got "${raw}")`);
    return fallback;
  };

  const nodeEnv = pick("NODE_ENV", ["development", "production", "test"] as const, "development");
  const portRaw = env.PORT ?? "3000";
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer from 0 to 65535 (got "${portRaw}")`);
  }
  const host = env.HOST || "localhost";
  const dataDir = path.resolve(env.DATA_DIR || "./data");
  const databaseUrl = env.DATABASE_URL || `sqlite:${path.join(dataDir, "halyq.db")}`;
  if (!/^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl}")`);
  }
  const blobStore = pick("BLOB_STORE", BLOB_STORES, "fs");
  if (blobStore === "postgres" && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(
      `BLOB_STORE=postgres keeps attached files in the PostgreSQL database, so DATABASE_URL must be a postgres:// URL (got "${databaseUrl}"); use BLOB_STORE=fs with SQLite`,
    );
  }
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, "");
  try {
    const u = new URL(publicUrl);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
  } catch {
    problems.push(`PUBLIC_URL must be an http(s) URL (got "${publicUrl}")`);
  }
  const defaultLocale = pick("DEFAULT_LOCALE", LOCALES, "kk");
  const defaultJurisdiction = env.DEFAULT_JURISDICTION || "kz";
  const open311JurisdictionId = env.OPEN311_JURISDICTION_ID?.trim() || undefined;
  if (open311JurisdictionId && !/^[A-Za-z0-9._-]{1,100}$/.test(open311JurisdictionId)) {
    problems.push(
      `OPEN311_JURISDICTION_ID may hold only letters, digits, dots, hyphens and underscores (got "${open311JurisdictionId}")`,
    );
  }
  const demoData = pick("DEMO_DATA", ["auto", "off"] as const, "auto");
  const sessionCache = pick("SESSION_CACHE", ["auto", "on", "off"] as const, "auto");
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  const pageCacheRaw = env.PAGE_CACHE_SECONDS ?? "5";
  const pageCacheSeconds = Number(pageCacheRaw);
  if (!/^\d{1,4}$/.test(pageCacheRaw)) {
    problems.push(`PAGE_CACHE_SECONDS must be a whole number of seconds (got "${pageCacheRaw}")`);
  }
  const authRaw = env.AUTH_RATE_LIMIT ?? "10";
  const authRateLimit = Number(authRaw);
  if (!/^\d{1,6}$/.test(authRaw) || authRateLimit < 1) {
    problems.push(
      `AUTH_RATE_LIMIT must be a whole number of requests per minute, at least 1 (got "${authRaw}")`,
    );
  }
  const statsRaw = env.STATS_RATE_LIMIT ?? "600";
  const statsRateLimit = Number(statsRaw);
  if (!/^\d{1,7}$/.test(statsRaw) || statsRateLimit < 1) {
    problems.push(
      `STATS_RATE_LIMIT must be a whole number of requests per minute, at least 1 (got "${statsRaw}")`,
    );
  }
  const logLevel = pick("LOG_LEVEL", LOG_LEVELS, nodeEnv === "test" ? "silent" : "info");

  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    problems.push(`SMTP_URL must start with smtp:// or smtps://`);
  const mailFrom = env.MAIL_FROM || "Halyq <no-reply@halyq.invalid>";
  const smsTransport = pick("SMS_TRANSPORT", SMS_TRANSPORTS, "log");
  const oidcParts = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
  const oidcSet = oidcParts.filter(Boolean).length;
  if (oidcSet > 0 && oidcSet < 3) {
    problems.push("OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together");
  }
  const oidc =
    oidcSet === 3
      ? {
          issuer: env.OIDC_ISSUER as string,
          clientId: env.OIDC_CLIENT_ID as string,
          clientSecret: env.OIDC_CLIENT_SECRET as string,
          iinClaim: env.OIDC_IIN_CLAIM || "iin",
          residenceClaim: env.OIDC_RESIDENCE_CLAIM || "residence_kato",
        }
      : undefined;

  const map = parseMap(env, problems);
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name] ?? String(fallback);
    const n = Number(raw);
    if (!/^\d{1,2}$/.test(raw) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const staffTasks = {
    dueDays: whole("STAFF_TASKS_DUE_DAYS", 2, 1, 20),
    digestHour: whole("STAFF_DIGEST_HOUR", 8, 0, 23),
  };
  const p12Path = env.SIGNING_P12_PATH?.trim()
    ? path.resolve(env.SIGNING_P12_PATH.trim())
    : undefined;
  const p12Dir = env.SIGNING_P12_DIR?.trim() ? path.resolve(env.SIGNING_P12_DIR.trim()) : undefined;
  const signingPassword = env.SIGNING_P12_PASSWORD ?? "";
  if ((p12Path || p12Dir) && signingPassword === "") {
    problems.push("SIGNING_P12_PASSWORD must be set when SIGNING_P12_PATH or SIGNING_P12_DIR is");
  }
  const signing: SigningConfig = {
    p12Path,
    p12Dir,
    password: signingPassword,
    demoKey: pick("SIGNING_DEMO_KEY", ["auto", "off"] as const, "auto"),
  };

  const workers = count(
    env,
    "HALYQ_WORKERS",
    nodeEnv === "production" ? Math.min(256, os.availableParallelism()) : 1,
    256,
    problems,
  );
  const databasePoolSize = count(
    env,
    "DATABASE_POOL_SIZE",
    Math.max(2, Math.ceil(10 / workers)),
    100,
    problems,
  );

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    nodeEnv,
    port,
    host,
    databaseUrl,
    publicUrl,
    dataDir,
    blobStore,
    defaultLocale,
    defaultJurisdiction,
    open311JurisdictionId,
    demoData,
    trustProxy,
    pageCacheSeconds,
    authRateLimit,
    statsRateLimit,
    logLevel,
    drainSeconds: whole("DRAIN_SECONDS", 0, 0, 120),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    redisUrl: env.REDIS_URL?.trim() || null,
    redisPrefix: env.REDIS_PREFIX?.trim() || "halyq:",
    sessionCache,
    workers,
    databasePoolSize,
    smtpUrl,
    mailFrom,
    mailDir: path.join(dataDir, "mail"),
    smsTransport,
    smsDir: path.join(dataDir, "sms"),
    oidc,
    map,
    staffTasks,
    signing,
  };
}

/** A whole number from 1 to `max` read from `name`, or `fallback` when it is unset or empty. */
function count(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name]?.trim() ?? "";
  if (raw === "") return fallback;
  const n = Number(raw);
  if (!/^\d{1,3}$/.test(raw) || n < 1 || n > max) {
    problems.push(`${name} must be a whole number from 1 to ${max} (got "${raw}")`);
    return fallback;
  }
  return n;
}

/** `METRICS_TOKEN`, when set: at least 16 characters, so that it cannot be guessed in a few tries. */
function metricsToken(value: string | undefined): string | null {
  if (value === undefined || value === "") return null;
  if (value.length < 16)
    throw new ConfigError(["METRICS_TOKEN must be at least 16 characters long"]);
  return value;
}
