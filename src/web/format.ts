/** Pages format through the one formatter in the kernel, shared with the e-mail and SMS texts. */
export {
  dateParams,
  formatCount,
  formatDate,
  formatDatePhrase,
  formatDateTime,
  formatEventTime,
  formatInstantDate,
  formatMonth,
  formatNumber,
  formatPeriod,
  formatTime,
} from "../kernel/format/index.js";
