const { formatISO9075, subMonths, getDaysInMonth } = require("date-fns");
console.log(formatISO9075(subMonths(new Date(2024, 2, 31, 8, 30), 1)), getDaysInMonth(new Date(2024, 1, 1)));
