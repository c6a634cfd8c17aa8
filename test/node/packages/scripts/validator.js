const validator = require("validator");
console.log(validator.isEmail("foo@bar.com"), validator.isEmail("nope"), validator.isURL("https://a.b/c?d"), validator.isUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
console.log(validator.escape("<a href='x'>"), validator.normalizeEmail("Foo.Bar@GMAIL.com"), validator.isIP("::1", 6), validator.isCreditCard("4111111111111111"));
