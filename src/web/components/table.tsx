import type { ComponentChildren } from "preact";

/** One column of a ResponsiveTable: its header and how a row fills its cell. */
export interface TableColumn<R> {
  /** Unique among the columns. */
  key: string;
  /** The header's text; on narrow screens a stacked table repeats it beside each value. */
  header: string;
  cell: (row: R) => ComponentChildren;
  /** A number: aligned right, as GOV.UK aligns numbers. */
  numeric?: boolean;
  /** The first cell of a row names the row (a `th` with scope="row"). */
  rowHeader?: boolean;
}

/**
 * A GOV.UK table that never makes a narrow page scroll sideways. `scroll` (the default) keeps
 * it a table in a focusable region of its own that scrolls inside the page (named by the
 * caption, so keyboard users can reach and scroll it); `stack` turns each row into a block on
 * narrow screens, each value under its column's header. Long unbroken values (registration
 * numbers, addresses of web pages) wrap inside their cell.
 */
export function ResponsiveTable<R>({
  id,
  caption,
  captionClass = "govuk-table__caption--m",
  captionHidden,
  columns,
  rows,
  rowKey,
  mode = "scroll",
  empty,
}: {
  /** The table's id; the caption is `<id>-caption`. */
  id: string;
  caption: ComponentChildren;
  /** GOV.UK's caption size class. */
  captionClass?: string;
  /** Keep the caption for screen readers only (a heading above already says it). */
  captionHidden?: boolean;
  columns: TableColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => string;
  mode?: "scroll" | "stack";
  /** Said instead of the table when there are no rows. */
  empty?: ComponentChildren;
}) {
  if (rows.length === 0 && empty !== undefined) return <p class="govuk-body">{empty}</p>;
  const captionId = `${id}-caption`;
  const table = (
    <table
      id={id}
      class={`govuk-table halyq-table${mode === "stack" ? " halyq-table--stack" : ""}`}
    >
      <caption
        id={captionId}
        class={`govuk-table__caption ${captionHidden ? "govuk-visually-hidden" : captionClass}`}
      >
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {columns.map((c) => (
            <th
              key={c.key}
              scope="col"
              class={`govuk-table__header${c.numeric ? " govuk-table__header--numeric" : ""}`}
            >
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((row, i) => (
          <tr key={rowKey(row, i)} class="govuk-table__row">
            {columns.map((c) => {
              const cls = `govuk-table__${c.rowHeader ? "header" : "cell"}${c.numeric ? ` govuk-table__${c.rowHeader ? "header" : "cell"}--numeric` : ""}`;
              const label = mode === "stack" ? c.header : undefined;
              return c.rowHeader ? (
                <th key={c.key} scope="row" class={cls} data-label={label}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={c.key} class={cls} data-label={label}>
                  {c.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (mode === "stack") return table;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (WCAG 2.1.1)
    // biome-ignore lint/a11y/useSemanticElements: a section would be a landmark on every page with a table
    <div class="halyq-table-scroll" role="region" aria-labelledby={captionId} tabindex={0}>
      {table}
    </div>
  );
}
