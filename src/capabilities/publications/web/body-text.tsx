import { type Inline, parseMarkup } from "../markup.js";

function Inlines({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === "link" ? (
          <a key={i} class="govuk-link" href={p.href}>
            {p.text}
          </a>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

/** A publication's body, from its tiny markup; every text is escaped, no HTML is read. */
export function BodyText({ text, lang }: { text: string; lang?: string | undefined }) {
  return (
    <div lang={lang}>
      {parseMarkup(text).map((b, i) => {
        if (b.kind === "heading")
          return (
            <h2 key={i} class="govuk-heading-m">
              <Inlines parts={b.text} />
            </h2>
          );
        if (b.kind === "list")
          return (
            <ul key={i} class="govuk-list govuk-list--bullet">
              {b.items.map((item, j) => (
                <li key={j}>
                  <Inlines parts={item} />
                </li>
              ))}
            </ul>
          );
        return (
          <p key={i} class="govuk-body">
            {b.lines.map((line, j) => (
              <span key={j}>
                {j > 0 ? <br /> : null}
                <Inlines parts={line} />
              </span>
            ))}
          </p>
        );
      })}
    </div>
  );
}
