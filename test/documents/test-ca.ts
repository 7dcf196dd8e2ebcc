import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A certificate authority made for one test run, and keys it issued, with the openssl CLI. */
export interface TestCa {
  dir: string;
  /** The CA's certificate (PEM): what `openssl cms -verify -CAfile` trusts. */
  caFile: string;
  password: string;
  /** Issues a signing certificate to `commonName` and writes `<dir>/<name>.p12` (key, certificate, CA). */
  issue(name: string, commonName: string): string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/** Makes a fresh CA in a temporary folder; its key never leaves it. */
export function makeTestCa(password = "test-pass"): TestCa {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-test-ca-"));
  openssl(
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "3650",
      "-subj",
      "/C=KZ/O=Halyq test/CN=Halyq test CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
  fs.writeFileSync(
    path.join(dir, "signer.ext"),
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n",
  );
  return {
    dir,
    caFile: path.join(dir, "ca.pem"),
    password,
    issue(name, commonName) {
      openssl(
        [
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          `${name}.key`,
          "-out",
          `${name}.csr`,
          "-subj",
          `/C=KZ/O=Halyq test/CN=${commonName}`,
          "-utf8",
        ],
        dir,
      );
      openssl(
        [
          "x509",
          "-req",
          "-in",
          `${name}.csr`,
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-out",
          `${name}.pem`,
          "-days",
          "3650",
          "-extfile",
          "signer.ext",
        ],
        dir,
      );
      openssl(
        [
          "pkcs12",
          "-export",
          "-inkey",
          `${name}.key`,
          "-in",
          `${name}.pem`,
          "-certfile",
          "ca.pem",
          "-out",
          `${name}.p12`,
          "-passout",
          `pass:${password}`,
        ],
        dir,
      );
      return path.join(dir, `${name}.p12`);
    },
  };
}

/**
 * Runs `openssl cms -verify` on a detached signature and its content, trusting only `caFile`:
 * true when openssl says the verification succeeded.
 */
export function opensslVerifies(p7s: Buffer, content: Buffer, caFile: string): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-verify-"));
  fs.writeFileSync(path.join(dir, "letter.p7s"), p7s);
  fs.writeFileSync(path.join(dir, "letter.pdf"), content);
  try {
    execFileSync(
      "openssl",
      [
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        "letter.p7s",
        "-content",
        "letter.pdf",
        "-CAfile",
        caFile,
        "-purpose",
        "any",
        "-out",
        "/dev/null",
      ],
      { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
    );
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
