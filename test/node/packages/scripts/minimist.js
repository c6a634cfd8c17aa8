const minimist = require("minimist");
console.log(JSON.stringify(minimist(["-x", "3", "-y", "4", "-n5", "-abc", "--beep=boop", "foo", "bar", "baz"])));
console.log(JSON.stringify(minimist(["--no-debug", "--name", "x", "--", "--not-a-flag"], { boolean: ["debug"], string: ["name"], "--": true })));
