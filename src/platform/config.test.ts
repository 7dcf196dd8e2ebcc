import os from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("config", () => {
  it("defaults to SQLite under ./data on port 3000", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toMatch(/^sqlite:.*data\/halyq\.db$/);
    expect(c.publicUrl).toBe("http://localhost:3000");
    expect(c.defaultLocale).toBe("kk");
    expect(c.demoData).toBe("auto");
  });

  it("reads PostgreSQL, the public URL and the rest from the environment", () => {
    const c = loadConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      DATABASE_URL: "postgres://u@db/halyq",
      PUBLIC_URL: "https://halyq.example.kz/",
      DEFAULT_LOCALE: "ru",
      TRUST_PROXY: "true",
      NODE_ENV: "production",
    });
    expect(c).toMatchObject({
      port: 8080,
      host: "0.0.0.0",
      databaseUrl: "postgres://u@db/halyq",
      publicUrl: "https://halyq.example.kz",
      defaultLocale: "ru",
      trustProxy: 1,
      nodeEnv: "production",
    });
  });

  it("keeps files on the file system by default, in PostgreSQL only with a PostgreSQL database", () => {
    expect(loadConfig({}).blobStore).toBe("fs");
    expect(loadConfig({ DATABASE_URL: "postgres://u@db/halyq" }).blobStore).toBe("fs");
    expect(
      loadConfig({ DATABASE_URL: "postgres://u@db/halyq", BLOB_STORE: "postgres" }).blobStore,
    ).toBe("postgres");
    expect(() => loadConfig({ BLOB_STORE: "postgres" })).toThrow(
      /BLOB_STORE=postgres keeps attached files in the PostgreSQL database, so DATABASE_URL must be a postgres:\/\/ URL \(got "sqlite:/,
    );
    expect(() => loadConfig({ BLOB_STORE: "s3" })).toThrow(
      'BLOB_STORE must be one of fs, postgres (got "s3")',
    );
  });

  it("reads TRUST_PROXY as hops or proxy addresses, never as trust in every hop", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 2001:db8::/32,127.0.0.1" }).trustProxy).toEqual([
      "10.0.0.0/8",
      "2001:db8::/32",
      "127.0.0.1",
    ]);
    for (const bad of [
      "yes",
      "0",
      "11",
      "10.0.0.0/33",
      "2001:db8::/129",
      "proxy.local",
      "10.0.0.1/8/1",
    ]) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it("reads the Open311 jurisdiction_id, refusing one that could not be a URL parameter", () => {
    expect(loadConfig({}).open311JurisdictionId).toBeUndefined();
    expect(loadConfig({ OPEN311_JURISDICTION_ID: " astana.halyq.kz " }).open311JurisdictionId).toBe(
      "astana.halyq.kz",
    );
    expect(() => loadConfig({ OPEN311_JURISDICTION_ID: "astana halyq" })).toThrow(
      /OPEN311_JURISDICTION_ID/,
    );
  });

  it("turns maps on with a tile URL only, with Astana as the default centre", () => {
    expect(loadConfig({}).map).toBeUndefined();
    const map = loadConfig({ MAP_TILE_URL: "https://tiles.example.kz/osm/{z}/{x}/{y}.png" }).map;
    expect(map).toEqual({
      tileUrl: "https://tiles.example.kz/osm/{z}/{x}/{y}.png",
      tileOrigin: "https://tiles.example.kz",
      attribution: "© OpenStreetMap contributors",
      centre: { lat: 51.1605, lon: 71.4704 },
      zoom: 11,
    });
    const own = loadConfig({
      MAP_TILE_URL: "http://127.0.0.1:8080/{z}/{x}/{y}.png",
      MAP_ATTRIBUTION: "© Kazgeodesy",
      MAP_CENTRE: "43.2389, 76.8897",
      MAP_ZOOM: "12",
    }).map;
    expect(own?.tileOrigin).toBe("http://127.0.0.1:8080");
    expect(own?.centre).toEqual({ lat: 43.2389, lon: 76.8897 });
    expect(own?.zoom).toBe(12);
    for (const bad of [
      { MAP_TILE_URL: "https://{s}.tile.example.org/{z}/{x}/{y}.png" },
      { MAP_TILE_URL: "https://tiles.example.kz/tile.png" },
      { MAP_TILE_URL: "ftp://tiles.example.kz/{z}/{x}/{y}.png" },
      { MAP_TILE_URL: "https://tiles.example.kz/{z}/{x}/{y}.png", MAP_CENTRE: "Astana" },
      { MAP_TILE_URL: "https://tiles.example.kz/{z}/{x}/{y}.png", MAP_ZOOM: "25" },
    ]) {
      expect(() => loadConfig(bad)).toThrow(/MAP_/);
    }
  });

  it("lists every problem at once", () => {
    try {
      loadConfig({
        PORT: "http",
        DATABASE_URL: "mysql://x",
        DEFAULT_LOCALE: "de",
        PUBLIC_URL: "ftp://x",
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toHaveLength(4);
    }
  });

  it("reads the staff tasks' 'due soon' days and digest hour, refusing numbers out of range", () => {
    expect(loadConfig({}).staffTasks).toEqual({ dueDays: 2, digestHour: 8 });
    expect(loadConfig({ STAFF_TASKS_DUE_DAYS: "5", STAFF_DIGEST_HOUR: "0" }).staffTasks).toEqual({
      dueDays: 5,
      digestHour: 0,
    });
    try {
      loadConfig({ STAFF_TASKS_DUE_DAYS: "0", STAFF_DIGEST_HOUR: "24" });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(2);
    }
  });

  it("starts every core in production and one process otherwise, refusing a bad HALYQ_WORKERS", () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ NODE_ENV: "test" }).workers).toBe(1);
    expect(loadConfig({ NODE_ENV: "production" }).workers).toBe(
      Math.min(256, os.availableParallelism()),
    );
    expect(loadConfig({ NODE_ENV: "production", HALYQ_WORKERS: "3" }).workers).toBe(3);
    expect(loadConfig({ HALYQ_WORKERS: " 2 " }).workers).toBe(2);
    for (const bad of ["0", "-1", "1.5", "two", "257", "1e2"]) {
      try {
        loadConfig({ HALYQ_WORKERS: bad });
        expect.unreachable(bad);
      } catch (err) {
        expect(err, bad).toBeInstanceOf(ConfigError);
        expect((err as ConfigError).problems).toEqual([
          `HALYQ_WORKERS must be a whole number from 1 to 256 (got "${bad}")`,
        ]);
      }
    }
  });

  it("shares about ten PostgreSQL connections among the workers unless DATABASE_POOL_SIZE says", () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ HALYQ_WORKERS: "2" }).databasePoolSize).toBe(5);
    expect(loadConfig({ HALYQ_WORKERS: "3" }).databasePoolSize).toBe(4);
    expect(loadConfig({ HALYQ_WORKERS: "16" }).databasePoolSize).toBe(2);
    expect(loadConfig({ HALYQ_WORKERS: "16", DATABASE_POOL_SIZE: "6" }).databasePoolSize).toBe(6);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: "0" })).toThrow(
      /DATABASE_POOL_SIZE must be a whole number from 1 to 100/,
    );
  });
});
