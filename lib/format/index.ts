export { formatMoney, currencyDigits, minorToDecimalString } from "./money";
export { formatDate, formatDateTime, formatCalendarDate, todayIn, todayAsCalendarDate, type DateStyle } from "./dates";
export { formatCountry } from "./regions";
export { formatDurationMinutes } from "./duration";
