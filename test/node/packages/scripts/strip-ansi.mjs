import stripAnsi from "strip-ansi";
console.log(stripAnsi("\u001B[4mUnicorn\u001B[0m \u001B]8;;https://x.y\u0007link\u001B]8;;\u0007"));
