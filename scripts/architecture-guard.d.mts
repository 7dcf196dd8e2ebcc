/** A source file as the guard reads it: its path from the repository root (with "/") and text. */
export interface SourceFile {
  path: string;
  text: string;
}

export type Rule =
  | "layer-import"
  | "capability-import"
  | "test-import"
  | "migration-import"
  | "table-access"
  | "table-owner"
  | "stale-allowance";

export interface Violation {
  file: string;
  line: number;
  rule: Rule;
  /** The imported file or the table. */
  target: string;
  message: string;
}

/** A tolerated breach: which file, which rule, which import target or table, and why. */
export interface Allowance {
  file: string;
  rule: Rule;
  target: string;
  reason: string;
}

export interface CheckOptions {
  kernelTables?: readonly string[];
  platformTables?: readonly string[];
  allow?: readonly Allowance[];
}

export const KERNEL_TABLES: readonly string[];
export const PLATFORM_TABLES: readonly string[];
export const ALLOW: readonly Allowance[];
export function isTestCode(file: string): boolean;
export function check(files: readonly SourceFile[], options?: CheckOptions): Violation[];
export function readTree(root: string, dir?: string): SourceFile[];
export function format(violation: Violation): string;
