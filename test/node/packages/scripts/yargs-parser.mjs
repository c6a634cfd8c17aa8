import parser from "yargs-parser";
console.log(JSON.stringify(parser(["--foo=33", "-abc", "--no-color", "--list", "a", "--list", "b", "pos", "--", "rest"], { array: ["list"], number: ["foo"], configuration: { "populate--": true } })));
console.log(JSON.stringify(parser("--camel-case x -n 5", { alias: { num: ["n"] } })));
