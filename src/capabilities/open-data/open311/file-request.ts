import { randomBytes } from "node:crypto";
import { type FieldIssue, invalid, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findCategoryBySlug } from "../../agencies/index.js";
import { type AppealInput, type ApplicantDetails, fileAppeal } from "../../appeals/index.js";
import type { ApiKeyRow } from "./api-keys.js";

/** The parameters of `POST requests` that Halyq reads (GeoReport v2 names). */
export interface PostRequestParams {
  service_code?: string | undefined;
  lat?: string | undefined;
  long?: string | undefined;
  address_string?: string | undefined;
  address_id?: string | undefined;
  email?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  phone?: string | undefined;
  description?: string | undefined;
}

export interface FiledRequest {
  number: string;
  token: string;
  status: string;
  dueOn: string;
  agencyId: string;
}

const SUBJECT_LENGTH = 120;

/** A subject for the registry: the first line of the description, shortened at a word. */
export function subjectOf(description: string, fallback: string): string {
  const line = description.trim().split(/\r?\n/)[0]?.trim() ?? "";
  if (!line) return fallback;
  if (line.length <= SUBJECT_LENGTH) return line;
  const cut = line.slice(0, SUBJECT_LENGTH);
  const space = cut.lastIndexOf(" ");
  return `${space > 40 ? cut.slice(0, space) : cut}…`;
}

const text = (v: string | undefined) => (v ?? "").trim();

/**
 * Files an Open311 request as a report (APPK art. 4: a report of a violation or of
 * shortcomings in a body's work, simplified procedure) through the very rules of the web: the
 * competent body from the category and district, the number, the term, the audit record and
 * the notices. The person named by first_name/last_name with an e-mail or phone is the
 * applicant; a request that names nobody and gives no contact is an anonymous report, which
 * the profile treats as the law says (Kazakhstan: registered, then terminated, art. 88).
 */
export async function fileOpen311Request(
  ctx: AppContext,
  key: ApiKeyRow,
  locale: "kk" | "ru" | "en",
  params: PostRequestParams,
): Promise<Result<FiledRequest>> {
  const issues: FieldIssue[] = [];
  const code = text(params.service_code);
  if (!code)
    issues.push({ field: "service_code", key: "open_data.open311.error.service_code_required" });
  const category = code ? await findCategoryBySlug(ctx.db.kysely, code) : undefined;
  if (code && !category) {
    issues.push({ field: "service_code", key: "open_data.open311.error.service_code_unknown" });
  }
  const latText = text(params.lat);
  const longText = text(params.long);
  let location: { lat: number; long: number } | undefined;
  if (latText || longText) {
    const lat = Number(latText);
    const long = Number(longText);
    if (!latText || !longText || !Number.isFinite(lat) || !Number.isFinite(long)) {
      issues.push({ field: "lat", key: "open_data.open311.error.location_invalid" });
    } else location = { lat, long };
  }
  const addressId = text(params.address_id);
  const addressString = text(params.address_string);
  if (!location && !addressId && !addressString) {
    issues.push({ field: "address_id", key: "open_data.open311.error.location_required" });
  }
  if (addressId && !/^\d{9}$/.test(addressId)) {
    issues.push({ field: "address_id", key: "open_data.open311.error.address_id_invalid" });
  }
  const description = text(params.description);
  if (!description) {
    issues.push({ field: "description", key: "open_data.open311.error.description_required" });
  }
  if (issues.length > 0 || !category) return invalid(issues);

  const name = [text(params.last_name), text(params.first_name)].filter(Boolean).join(" ");
  const email = text(params.email);
  const phone = text(params.phone);
  const anonymous = !name && !email && !phone;
  const applicant: ApplicantDetails = {
    anonymous,
    name,
    language: locale,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
  };
  const input: AppealInput = {
    kind: "report",
    categoryId: category.id,
    districtCode: addressId || undefined,
    subject: subjectOf(description, category.names[locale]),
    text: description,
    language: locale,
    address: addressString ? addressString.slice(0, 300) : undefined,
    location,
    public: false,
  };
  const token = randomBytes(12).toString("base64url");
  const result = await fileAppeal(
    ctx,
    {
      channel: "api",
      integrator: { id: key.id, label: `open311:${key.organisation}` },
      applicant,
    },
    input,
    async (trx, r) => {
      await trx
        .insertInto("open311_requests")
        .values({ token, appeal_id: r.id, api_key_id: key.id, created_at: r.receivedAt })
        .execute();
    },
  );
  if (result.kind !== "ok") return result;
  const registered = result.value;
  return ok({
    number: registered.number,
    token,
    status: registered.status,
    dueOn: registered.dueOn,
    agencyId: registered.agencyId,
  });
}
