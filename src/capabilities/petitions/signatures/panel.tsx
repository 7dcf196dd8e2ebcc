import type { ComponentChildren } from "preact";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { IdentityNotVerifiedNotice } from "../../../web/components/notices.js";
import { formatCount, formatInstant, formatShare, territoryLabel } from "./format.js";
import type { SignaturePanelData } from "./panel-data.js";

export { type PanelState, panelState } from "./outcomes.js";
export { loadSignaturePanel, type SignaturePanelData } from "./panel-data.js";

const SUCCESS = new Set(["signed", "withdrawn"]);

/** What was just done, as a banner: success in green, refusals as an important notice. */
function Notice({ t, state }: { t: Translate; state: SignaturePanelData["state"] }) {
  if (!state) return null;
  const text = t(`petition_signatures.state.${state}`);
  if (SUCCESS.has(state))
    return (
      <div
        class="govuk-notification-banner govuk-notification-banner--success"
        role="alert"
        aria-labelledby="signature-notice-title"
        data-module="govuk-notification-banner"
      >
        <div class="govuk-notification-banner__header">
          <h3 class="govuk-notification-banner__title" id="signature-notice-title">
            {t("petition_signatures.state.success_title")}
          </h3>
        </div>
        <div class="govuk-notification-banner__content">
          <p class="govuk-notification-banner__heading">{text}</p>
        </div>
      </div>
    );
  return (
    <div
      class="govuk-notification-banner"
      role="alert"
      aria-labelledby="signature-notice-title"
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h3 class="govuk-notification-banner__title" id="signature-notice-title">
          {t("petition_signatures.state.problem_title")}
        </h3>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{text}</p>
      </div>
    </div>
  );
}

function Action({
  t,
  locale,
  csrf,
  data,
}: {
  t: Translate;
  locale: Locale;
  csrf: string;
  data: SignaturePanelData;
}) {
  const base = `/petitions/${encodeURIComponent(data.number)}`;
  const v = data.viewer;
  const mine = v?.signature;
  if (mine)
    return (
      <>
        <div class="govuk-inset-text">
          {mine.invalidated
            ? t("petition_signatures.panel.yours_invalidated", {
                when: formatInstant(mine.signedAt, locale),
              })
            : t("petition_signatures.panel.yours", { when: formatInstant(mine.signedAt, locale) })}
        </div>
        {data.open && !mine.invalidated && csrf ? (
          <Form action={`${base}/signature/withdraw`} csrf={csrf}>
            <SubmitButton secondary>{t("petition_signatures.panel.withdraw")}</SubmitButton>
          </Form>
        ) : null}
      </>
    );
  if (!data.open) return <p class="govuk-body">{t("petition_signatures.panel.closed")}</p>;
  if (!v)
    return (
      <p class="govuk-body">
        <a class="govuk-link" href={`/login?next=${encodeURIComponent(base)}`}>
          {t("petition_signatures.panel.sign_in")}
        </a>
      </p>
    );
  if (v.kind !== "citizen")
    return <p class="govuk-body">{t("petition_signatures.errors.citizens_only")}</p>;
  if (!v.identityVerified) return <IdentityNotVerifiedNotice t={t} />;
  if (!v.eligible) return <p class="govuk-body">{t("petition_signatures.errors.not_eligible")}</p>;
  if (!csrf) return null;
  return (
    <Form action={`${base}/signature`} csrf={csrf}>
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset" aria-describedby="signature-show-name-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
            {t("petition_signatures.panel.show_name_legend")}
          </legend>
          <div id="signature-show-name-hint" class="govuk-hint">
            {t("petition_signatures.panel.show_name_hint")}
          </div>
          <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
            <div class="govuk-radios__item">
              <input
                class="govuk-radios__input"
                id="signature-show-name"
                name="showName"
                type="radio"
                value="yes"
                checked
              />
              <label class="govuk-label govuk-radios__label" for="signature-show-name">
                {t("petition_signatures.panel.show_name_yes")}
              </label>
            </div>
            <div class="govuk-radios__item">
              <input
                class="govuk-radios__input"
                id="signature-show-name-no"
                name="showName"
                type="radio"
                value="no"
              />
              <label class="govuk-label govuk-radios__label" for="signature-show-name-no">
                {t("petition_signatures.panel.show_name_no")}
              </label>
            </div>
          </div>
        </fieldset>
      </div>
      <div class="govuk-form-group">
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div class="govuk-checkboxes__item">
            <input
              class="govuk-checkboxes__input"
              id="signature-notify"
              name="notify"
              type="checkbox"
              value="yes"
            />
            <label class="govuk-label govuk-checkboxes__label" for="signature-notify">
              {t("petition_signatures.panel.notify")}
            </label>
          </div>
        </div>
      </div>
      <SubmitButton>{t("petition_signatures.panel.sign")}</SubmitButton>
    </Form>
  );
}

/** The count, the sign or withdraw form, the public signers and the counts per region. */
export function SignaturePanel(props: {
  t: Translate;
  locale: Locale;
  csrf: string;
  data: SignaturePanelData;
  /** What other capabilities offer once the signature is taken (e.g. the portal survey). */
  afterSigning?: ComponentChildren;
}) {
  const { t, locale, data } = props;
  const base = `/petitions/${encodeURIComponent(data.number)}`;
  return (
    <section id="signature" aria-labelledby="signature-heading">
      <h2 class="govuk-heading-m" id="signature-heading">
        {t("petition_signatures.panel.heading")}
      </h2>
      <Notice t={t} state={data.state} />
      {data.state === "signed" && props.csrf ? props.afterSigning : null}
      <p
        class="govuk-body-l govuk-!-margin-bottom-2"
        id="signature-count"
        data-signature-count={data.count}
      >
        {data.threshold
          ? t("petition_signatures.panel.count_of", {
              count: formatCount(data.count, locale),
              threshold: formatCount(data.threshold, locale),
            })
          : t("petition_signatures.panel.count", { count: formatCount(data.count, locale) })}
      </p>
      {data.threshold ? (
        <p class="govuk-body">
          <progress
            max={data.threshold}
            value={Math.min(data.count, data.threshold)}
            aria-labelledby="signature-count"
            data-testid="signature-progress"
          >
            {formatShare(data.count / data.threshold, locale)}
          </progress>{" "}
          <span class="govuk-body-s">
            {t("petition_signatures.panel.share", {
              share: formatShare(data.count / data.threshold, locale),
            })}
          </span>
        </p>
      ) : null}
      {data.open && data.closesAt ? (
        <p class="govuk-body">
          {t("petition_signatures.panel.closes", { when: formatInstant(data.closesAt, locale) })}
        </p>
      ) : null}
      {data.territoryCode ? (
        <p class="govuk-body">
          {t("petition_signatures.panel.territory", {
            area: territoryLabel(t, locale, {
              code: data.territoryCode,
              names: data.territoryNames,
            }),
          })}
        </p>
      ) : null}
      <Action t={t} locale={locale} csrf={props.csrf} data={data} />
      <h3 class="govuk-heading-s">{t("petition_signatures.panel.signers")}</h3>
      {data.signers.length === 0 ? (
        <p class="govuk-body">{t("petition_signatures.panel.no_signers")}</p>
      ) : (
        <ul class="govuk-list">
          {data.signers.map((s) => (
            <li key={`${s.name}-${s.signedAt}`}>{s.name}</li>
          ))}
        </ul>
      )}
      {data.moreSigners ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${base}/signers`}>
            {t("petition_signatures.panel.all_signers")}
          </a>
        </p>
      ) : null}
      {data.regions.length > 0 ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--s">
            {t("petition_signatures.panel.by_region")}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t("petition_signatures.panel.territory_column")}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t("petition_signatures.panel.signatures_column")}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {data.regions.flatMap((r) => [
              <tr class="govuk-table__row" key={r.code}>
                <th scope="row" class="govuk-table__header">
                  {territoryLabel(t, locale, r)}
                </th>
                <td class="govuk-table__cell govuk-table__cell--numeric">
                  {formatCount(r.signatures, locale)}
                </td>
              </tr>,
              ...r.districts.map((d) => (
                <tr class="govuk-table__row" key={d.code}>
                  <td class="govuk-table__cell govuk-!-padding-left-4">
                    {territoryLabel(t, locale, d)}
                  </td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">
                    {formatCount(d.signatures, locale)}
                  </td>
                </tr>
              )),
            ])}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
