/**
 * The web kit: every shared piece a page is built of, in one import. Capabilities build their
 * pages from these and keep no private copies (see docs/architecture.md, "The web kit").
 */
export { ErrorSummary, FieldError } from "./error-summary.js";
export { type FieldProps, Form, SubmitButton, TextField } from "./fields.js";
export {
  Checkboxes,
  type Choice,
  characterCountI18n,
  characterLimitText,
  DateInput,
  type DateParts,
  dateParts,
  type FieldBase,
  FileUpload,
  type GroupBase,
  InLang,
  Input,
  isoDate,
  Paragraphs,
  Radios,
  Select,
  TextArea,
} from "./form-fields.js";
export {
  IdentityNotVerifiedNotice,
  ImportantBanner,
  InsetText,
  LanguageRadios,
  SuccessBanner,
  WarningText,
} from "./notices.js";
export { Pagination, type Step, StepTracker, Timeline, type TimelineEvent } from "./progress.js";
export {
  StatusTag,
  type SummaryAction,
  SummaryList,
  SummaryRow,
  type TagColour,
} from "./summary.js";
export { ResponsiveTable, type TableColumn } from "./table.js";
