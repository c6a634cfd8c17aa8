const Decimal = require("decimal.js");
console.log(new Decimal(0.1).plus(0.2).toString(), new Decimal(2).sqrt().toFixed(30), Decimal.pow(2, 100).toString());
console.log(new Decimal("1e-7").toString(), new Decimal(1).div(3).toSignificantDigits(5).toString());
