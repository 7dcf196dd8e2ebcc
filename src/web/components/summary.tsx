import type { ComponentChildren } from "preact";

/** A link at the end of a summary row ("Change"), with the row's name for screen readers. */
export interface SummaryAction {
  href: string;
  text: string;
  /** What the action is about, read after `text` ("Change <name>"). */
  visuallyHidden?: string;
}

/** One row of a GOV.UK summary list. */
export function SummaryRow({
  label,
  children,
  action,
}: {
  label: ComponentChildren;
  children: ComponentChildren;
  action?: SummaryAction | undefined;
}) {
  return (
    <div class={`govuk-summary-list__row${action ? "" : " govuk-summary-list__row--no-actions"}`}>
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
      {action ? (
        <dd class="govuk-summary-list__actions">
          <a class="govuk-link" href={action.href}>
            {action.text}
            {action.visuallyHidden ? (
              <span class="govuk-visually-hidden"> {action.visuallyHidden}</span>
            ) : null}
          </a>
        </dd>
      ) : null}
    </div>
  );
}

/** A GOV.UK summary list: its rows as children (SummaryRow), or as data. */
export function SummaryList({
  rows,
  children,
  noBorder,
  id,
}: {
  rows?: { label: ComponentChildren; value: ComponentChildren; action?: SummaryAction }[];
  children?: ComponentChildren;
  noBorder?: boolean;
  id?: string;
}) {
  return (
    <dl id={id} class={`govuk-summary-list${noBorder ? " govuk-summary-list--no-border" : ""}`}>
      {rows?.map((r, i) => (
        <SummaryRow key={i} label={r.label} action={r.action}>
          {r.value}
        </SummaryRow>
      ))}
      {children}
    </dl>
  );
}

/** GOV.UK's tag colours. */
export type TagColour =
  | "grey"
  | "green"
  | "turquoise"
  | "blue"
  | "light-blue"
  | "purple"
  | "pink"
  | "red"
  | "orange"
  | "yellow";

/** A status as a GOV.UK tag; the colour says the same as the words, never more. */
export function StatusTag({
  colour,
  children,
  id,
}: {
  colour?: TagColour | undefined;
  children: ComponentChildren;
  id?: string;
}) {
  return (
    <strong id={id} class={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`}>
      {children}
    </strong>
  );
}
