import type { Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { ErrorSummary, Form, Input, SubmitButton } from "../../../../web/components/kit.js";
import { type SavedView, VIEW_NAME_MAX } from "../../tasks/saved-views.js";

/** The form that saves the inbox's current filters under a name. */
function SaveViewForm(p: {
  t: Translate;
  csrf: string;
  agencyId: string;
  query: string;
  name: string;
  issues: FieldIssue[];
}) {
  return (
    <Form action="/office/appeals/views" csrf={p.csrf}>
      <input type="hidden" name="agency" value={p.agencyId} />
      <input type="hidden" name="query" value={p.query} />
      <Input
        t={p.t}
        id="view-name"
        name="name"
        issueField="name"
        label={p.t("appeals.tasks.views.name")}
        hint={p.t("appeals.tasks.views.name_hint")}
        value={p.name}
        issues={p.issues}
        width="govuk-!-width-two-thirds"
        maxLength={VIEW_NAME_MAX}
      />
      <SubmitButton secondary>{p.t("appeals.tasks.views.save")}</SubmitButton>
    </Form>
  );
}

/** A person's saved filters for the body (each a link, with a delete button) and the save form. */
export function SavedViews(p: {
  t: Translate;
  csrf: string;
  agencyId: string;
  query: string;
  views: SavedView[];
}) {
  const { t } = p;
  return (
    <section aria-labelledby="saved-views" class="govuk-!-margin-top-6">
      <h2 class="govuk-heading-m" id="saved-views">
        {t("appeals.tasks.views.heading")}
      </h2>
      {p.views.length === 0 ? (
        <p class="govuk-body">{t("appeals.tasks.views.none")}</p>
      ) : (
        <ul class="govuk-list">
          {p.views.map((v) => (
            <li key={v.id}>
              <a
                class="govuk-link"
                href={v.query ? `/office/appeals?${v.query}` : "/office/appeals"}
              >
                {v.name}
              </a>{" "}
              <form
                method="post"
                action={`/office/appeals/views/${encodeURIComponent(v.id)}/delete`}
                class="halyq-inline-form"
              >
                <input type="hidden" name="_csrf" value={p.csrf} />
                <button type="submit" class="halyq-link-button">
                  {t("appeals.tasks.views.delete")}
                  <span class="govuk-visually-hidden">
                    {" "}
                    ({t("appeals.tasks.views.delete_label", { name: v.name })})
                  </span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <SaveViewForm t={t} csrf={p.csrf} agencyId={p.agencyId} query={p.query} name="" issues={[]} />
    </section>
  );
}

/** The save form again, with what was wrong (a name missing, too long or already used). */
export function SaveViewPage(p: {
  t: Translate;
  csrf: string;
  agencyId: string;
  query: string;
  name: string;
  issues: FieldIssue[];
}) {
  return (
    <>
      <ErrorSummary t={p.t} issues={p.issues} fieldIds={{ name: "view-name" }} />
      <h1 class="govuk-heading-l">{p.t("appeals.tasks.views.save")}</h1>
      <SaveViewForm {...p} />
      <p class="govuk-body">
        <a class="govuk-link" href={p.query ? `/office/appeals?${p.query}` : "/office/appeals"}>
          {p.t("appeals.tasks.inbox")}
        </a>
      </p>
    </>
  );
}
