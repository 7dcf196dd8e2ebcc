import { randomBytes } from "node:crypto";
import { type FieldIssue, invalid, ok, type Result } from "../../../kernel/result.js";
import { districtAt, districtNamedIn } from "../../../platform/geo/districts.js";
import type { AppContext } from "../../../platform/manifest.js";
import {
  akimatTerritories,
  type Category,
  competentAgencies,
  findCategoryBySlug,
} from "../../agencies/index.js";
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
/** The longest description GeoReport v2 allows. */
export const MAX_DESCRIPTION = 4000;

/**
 * Characters XML 1.0 cannot carry (C0 controls but tab, line feed and carriage return; DEL
 * and the C1 controls; U+FFFE, U+FFFF; half of a surrogate pair, which a JSON body can
 * carry as an escape): refused in what a client sends.
 */
export const CONTROL_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
 * Decimal degrees as a JSON number writes them (a sign, digits, a fraction, an exponent): not
 * the hexadecimal, binary or octal forms, "Infinity" or a blank that `Number` also reads.
 */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The free-text parameters, checked for characters XML cannot carry. */
const TEXT_PARAMS = [
  "service_code",
  "address_string",
  "address_id",
  "email",
  "first_name",
  "last_name",
  "phone",
  "description",
] as const;

/**
 * Where a request goes. The district is the one `address_id` names (a territory code the
 * directory knows, else 400), else the one holding `lat`/`long` (the district boundaries held
 * as data), else the one `address_string` names unambiguously. A district category goes to that
 * district's competent body; with no district (a point outside every known one, an address that
 * names none or several, the city's own code) it goes to the city-level body above the district
 * bodies, which passes it on as its rules say. Other categories go to their competent body and
 * keep the district found, as the web does.
 */
async function routeByPlace(
  ctx: AppContext,
  category: Category,
  place: { addressId: string; location?: { lat: number; long: number }; addressString: string },
): Promise<{ agencyId?: string; districtCode?: string } | { issue: FieldIssue }> {
  const db = ctx.db.kysely;
  let district: string | undefined;
  if (place.addressId) {
    const known = (await akimatTerritories(db)).some((t) => t.code === place.addressId);
    if (!known) {
      return {
        issue: { field: "address_id", key: "open_data.open311.error.address_id_unknown" },
      };
    }
    district = place.addressId;
  } else if (place.location) {
    district = districtAt(place.location)?.kato;
  } else if (place.addressString) {
    district = districtNamedIn(place.addressString)?.kato;
  }
  if (category.scope !== "district") return district ? { districtCode: district } : {};
  if (district && (await competentAgencies(db, category.id, district)).length > 0) {
    return { districtCode: district };
  }
  const higher = new Set(
    (await competentAgencies(db, category.id)).flatMap((a) =>
      a.higherBodyId ? [a.higherBodyId] : [],
    ),
  );
  const [city] = [...higher];
  if (higher.size !== 1 || !city) {
    return { issue: { field: "lat", key: "open_data.open311.error.location_unroutable" } };
  }
  return { agencyId: city, ...(district ? { districtCode: district } : {}) };
}

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
  for (const name of TEXT_PARAMS) {
    if (CONTROL_CHARACTERS.test(params[name] ?? "")) {
      issues.push({ field: name, key: "open_data.open311.error.text_invalid", params: { name } });
    }
  }
  const latText = text(params.lat);
  const longText = text(params.long);
  let location: { lat: number; long: number } | undefined;
  if (latText || longText) {
    const lat = DECIMAL.test(latText) ? Number(latText) : Number.NaN;
    const long = DECIMAL.test(longText) ? Number(longText) : Number.NaN;
    if (
      !Number.isFinite(lat) ||
      !Number.isFinite(long) ||
      Math.abs(lat) > 90 ||
      Math.abs(long) > 180
    ) {
      issues.push({ field: "lat", key: "open_data.open311.error.location_invalid" });
    } else location = { lat, long };
  }
  const addressId = text(params.address_id);
  const addressString = text(params.address_string);
  if (!latText && !longText && !addressId && !addressString) {
    issues.push({ field: "address_id", key: "open_data.open311.error.location_required" });
  }
  if (addressId && !/^\d{9}$/.test(addressId)) {
    issues.push({ field: "address_id", key: "open_data.open311.error.address_id_invalid" });
  }
  const description = text(params.description);
  if (!description) {
    issues.push({ field: "description", key: "open_data.open311.error.description_required" });
  } else if ([...description].length > MAX_DESCRIPTION) {
    issues.push({
      field: "description",
      key: "open_data.open311.error.description_too_long",
      params: { max: MAX_DESCRIPTION },
    });
  }
  if (issues.length > 0 || !category) return invalid(issues);
  const place = await routeByPlace(ctx, category, {
    addressId,
    ...(location ? { location } : {}),
    addressString,
  });
  if ("issue" in place) return invalid([place.issue]);

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
    agencyId: place.agencyId,
    districtCode: place.districtCode,
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
