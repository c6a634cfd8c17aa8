const fs = require("fs");
const dotenv = require("dotenv");
console.log(JSON.stringify(dotenv.parse("A=1\nB='two words'\n# comment\nC=\"multi\\nline\"\nexport D=4\n")));
fs.writeFileSync(".env", "FROM_FILE=yes\nA=1\n");
const result = dotenv.config({ quiet: true });
console.log(JSON.stringify(result.parsed), process.env.FROM_FILE);
fs.unlinkSync(".env");
